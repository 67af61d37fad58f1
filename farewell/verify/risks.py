"""Risk flags: words that may describe violence against civilians, executions, torture, looting,
sexual violence or abuse of prisoners, in Russian, English and French.

A flag sends an account to human review and legal routing; it is never a finding that anything
happened, nor a judgement of the submitter. The rules are tables of regular expressions: Russian
ones are stems with their endings spelled out, so «пытали» (tortured) is flagged and «пытались»
(tried) is not. Most rules pair two parts within a few words of one sentence (who: civilians,
prisoners; what: killed, beaten), and some are cancelled by words of the same sentence (within
CONTEXT words): «расстреляли из артиллерии позиции» is shelling, not an execution.

Offsets are code-point indices into the text. Known gaps: negation («никого не пытали») and
reported speech are flagged like statements; a flagged word split by a line-break hyphen is missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CATEGORIES = ("civilians", "execution", "torture", "looting", "sexual_violence", "prisoners")
LANGUAGES = ("ru", "en", "fr")
CONTEXT = 4  # words either side, within the sentence, that `unless` patterns look at
SEP = r"(?:[^\w.!?;\n]|\n(?![^\S\n]*\n))+"  # between two words of one sentence (one line break allowed)
SENTENCE_END = re.compile(r"[.!?;]|\n[^\S\n]*\n")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class RiskMention:
    """Text at [start, end) that may describe an act of the category: a flag for human review."""

    start: int
    end: int
    text: str
    category: str


@dataclass(frozen=True)
class Rule:
    category: str
    pattern: re.Pattern
    unless: re.Pattern | None = None  # in the CONTEXT words before or after the match
    unless_after: re.Pattern | None = None  # in the CONTEXT words after it


def near(first: str, second: str, gap: int = 3) -> str:
    """Either part followed by the other, at most `gap` words between them, in one sentence."""
    between = rf"(?:{SEP}\w+){{0,{gap}}}?{SEP}"
    return rf"(?:{first}){between}(?:{second})|(?:{second}){between}(?:{first})"


def alternatives(*patterns: str) -> str:
    return "|".join(f"(?:{pattern})" for pattern in patterns)


def _compile(pattern: str | None) -> re.Pattern | None:
    return None if pattern is None else re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


def rule(category: str, pattern: str, unless: str | None = None, unless_after: str | None = None) -> Rule:
    assert category in CATEGORIES, category
    # A lookahead: a match is tried at every word start, also inside a longer match, so that the
    # shortest of overlapping candidates can win («…на месте, а мирных жителей убили»).
    every = re.compile(rf"(?=((?<!\w)(?:{pattern})(?!\w)))", re.IGNORECASE)
    return Rule(category, every, _compile(unless), _compile(unless_after))


# -- Russian ------------------------------------------------------------------------------------

RU_CIVILIANS = alternatives(
    r"мирн(?:ых|ые|ого|ому|ым|ыми|ое|ая|ую|ой|ом)\s+(?:жител\w*|населени\w*|люд(?:и|ей|ям|ьми|ях)|граждан\w*)",
    r"мирн(?:ых|ые|ым|ыми)(?!\w)(?!\s+(?:переговор|договор|соглашени|урегулир|план|инициатив|процесс|жизн|цел|"
    r"врем|дн|лет|год|професси|предложени|демонстрац|акци|протест))",
    r"мирняк\w*",
    r"гражданск\w+\s+(?:населени\w*|лиц\w*|люд\w*)",
    r"гражданск(?:их|ие|им|ими)(?!\w)(?!\s+(?:войн|дел|прав|одежд|кодекс|брак|специальност|професси|паспорт|"
    r"позици|обществ|активист|служб|власт|суд|иск|авиац|ответственност|населени|лиц|люд))",
    r"местн(?:ых|ые|ым|ыми)(?:\s+жител\w*)?",
    r"жител(?:ей|и|ям|ями)",
    r"женщин(?:у|ы|ам|ами)?|девуш\w+|дет(?:ей|и|ям|ьми)|реб[её]н\w*|подрост\w+|старик\w*|пенсионер\w*|беженц\w*|"
    r"сел(?:ян|чан)\w*|прохож(?:их|ие|им|ими|его|ему)",
)
RU_SHOT = r"\w{0,4}стрел(?:и(?:л[аио]?|ть|м|т)|я(?:л[аио]?|ть|ют|ет|ем|ешь|й)|ива\w*|ен\w*|ян\w*)|обстрел\w*|стрельб\w*"
RU_KILLED = alternatives(
    r"уби(?:ть|л[аио]?|ва\w*|т(?:ы[хйе]?|ая|ую|ого|ым|ыми|о|а)?|йств\w*|йц\w*)",
    r"расстрел\w*",
    r"казн(?:ь|ью|ей|ям|ями|ях|и(?:ть|л[аио]?|м|т|те)?|ят|[её]н\w*|ива\w*)",
    RU_SHOT,
    r"(?:за|пере)?реза(?:л[аио]?|ть|ли)|(?:за|пере)?души(?:л[аио]?|ть)|замучи\w*|забил[аио]?\s+до\s+смерти",
    r"сожгл[аио]|сж[её]г(?:ли)?|сжига\w*|раздави\w*|уничтожа\w*|уничтожил[аио]?",
    r"погиб\w*|гибел\w*|жертв\w*|потер(?:и|ь|ям)\s+среди",
    r"работа(?:ли|л|ть|ют|ем)\s+по",
)
RU_EXECUTION_UNLESS = alternatives(
    r"артиллери\w*|минометн\w*|миномет\w*|миномёт\w*|гаубиц\w*|пушк\w*|орудий|орудия|танк\w*|град\w*|"
    r"ураган\w*|смерч\w*|рсзо|авиаци\w*|самол[её]т\w*|вертол[её]т\w*|дрон\w*|беспилот\w*|бпла|птур\w*|"
    r"гранатом[её]т\w*|зенитк\w*|крупнокалибер\w*|бмп|бтр|бэтэр\w*",
    r"позици\w*|техник\w*|колонн\w*|окоп\w*|блиндаж\w*|опорник\w*|склад\w*|боекомплект\w*|бк|магазин\w*|"
    r"патрон\w*|рож(?:ок|ки|ка)|лент\w*|обойм\w*|мишен\w*|стрельбищ\w*|полигон\w*|учени\w*|фильм\w*|кино|игр\w*",
    r"никого|никто",  # «никого не расстреливали»: a denial
)
RU_PRISONERS = alternatives(
    r"(?:военно)?пленн(?:ый|ого|ому|ым|ом|ая|ую|ой|ые|ых|ыми|ик\w*|иц\w*)",
    r"(?:в\s+)?плен(?:у|е)",
    r"задержанн(?:ых|ым|ыми|ые|ого|ому|ый)|арестованн\w+|отказник\w*|отказчик\w*",
    r"сдал(?:ся|ись|ась)|сдавш\w+ся|сдающ\w+ся",
)
RU_TORTURED = r"пытк\w*|пыта(?:л[аио]?|ть|ют|ем)(?!\w)"
RU_ABUSED = alternatives(
    r"(?:из|по|за)?би(?:л[аио]?|ть|ют|ва(?:ли|л|ть|ют|ет))|избит\w*|избиени\w*",
    RU_TORTURED,
    r"уби(?:ть|л[аио]?|ва\w*|т(?:ы[хйе]?|ая|ую|ого|ым|ыми|о|а)?)",
    r"расстрел\w*",
    RU_SHOT,
    r"издева(?:л[аио]?|ть|ют)ся|издева(?:лись|тельств\w*)|глуми\w*|униж(?:ал|ени)\w*",
    r"(?:за|из)?мучи(?:л[аио]?|ть|ют)|(?:от|за|пере)?реза(?:л[аио]?|ть|ли)",
    r"казн(?:ь|ью|ей|и(?:ть|л[аио]?)?|ят|[её]н\w*)|доби(?:л[аио]?|ть|ва\w*)",
    r"мори(?:л[аио]?|ть)\s+голодом|не\s+корми(?:ли|л)|изувечи\w*|калечи\w*|кастрир\w*",
)

RUSSIAN = [
    rule("execution", r"расстрел\w*", unless=RU_EXECUTION_UNLESS),
    rule("execution", r"казн(?:ь|ью|ей|ям|ями|ях|и(?:ть|л[аио]?|м|т|те)?|ят|[её]н\w*|ива\w*)"),
    rule("execution", r"пусти\w*\s+(?:\w+\s+)?в\s+расход"),
    rule("execution", r"постав\w*\s+(?:\w+\s+){0,2}к\s+стенк[еу]"),
    rule("execution", r"доби(?:л[аио]?|ть|ва\w*)\s+(?:\w+\s+)?(?:ранен\w*|пленн\w*|тр[её]хсот\w*)"),
    rule("execution", r"(?:\w*стрел\w*|пул[яюи])\s+(?:\w+\s+){0,2}в\s+затыл\w*"),
    rule(
        "execution",
        r"обнул(?:ил|или|ила|ять|яли|ят|ени\w*|[её]нн\w*)",
        unless=r"сч[её]т\w*|срок\w*|конституц\w*|баланс\w*|карт\w*|телефон\w*|таймер\w*|статистик\w*|"
        r"настройк\w*|рейтинг\w*|пробег\w*|зарплат\w*|выплат\w*",
    ),
    rule("torture", r"пытк(?!ой)\w*|пыта(?:л[аио]?|ть|ют|ем)(?!\w)", unless_after=r"счаст\w*|удач\w*|судьб\w*"),
    # «Дорога была настоящей пыткой», «ехали как под пыткой» are a hard journey; «пыткой током» is not.
    rule(
        "torture",
        r"пыткой",
        unless=r"был[аио]?|стал[аио]?|станови\w*|настоящ\w*|сплошн\w*|просто|сущ\w*|как|словно|будто|точно",
    ),
    rule("torture", r"пыточн\w*|истяза\w*"),
    rule("torture", near(r"бил[аи]?|би(?:ть|ют)|пыта\w*|подключ\w*|крути\w*", r"током", gap=2)),
    rule("torture", r"(?:вырыва|вырвал|выдира|выдрал|срыва|сорвал)\w*\s+(?:\w+\s+)?ногт\w*"),
    rule("torture", r"(?:ломал[аи]|переломал[аи]?)\s+(?:\w+\s+)?пальц\w*"),
    rule("torture", r"(?:пакет|пакеты|мешок|мешки)\s+на\s+голов\w*"),
    rule("looting", r"марод[её]р\w*"),
    rule("looting", r"(?:раз|о|на)?граб(?:и(?:л[аио]?|ть|м|т|тел\w*)|ят|[её]ж\w*|л[её]н\w*)"),
    rule("looting", r"обчисти(?:л[аио]?|ть)"),
    rule(
        "looting",
        near(
            r"(?:вынос|вынес|тащ|стащ|утащ|таска|воров|своров|украл|крал)\w*",
            r"(?:из|по)\s+(?:\w+\s+)?(?:домов|домам|квартир|квартирам|магазин\w*|хат|хатам|дач|дачам|погреб\w*|жилищ\w*)",
        ),
    ),
    rule(
        "looting",
        r"(?:отжал|отжима|забира|забрал|отбира|отобрал)\w*\s+(?:\w+\s+){0,3}у\s+(?:местн\w*|жител\w*|населени\w*|"
        r"гражданск\w*|мирн\w*)",
    ),
    rule("sexual_violence", r"изнасил\w*"),
    rule("sexual_violence", r"насил(?:ова\w*|у(?:ют|ет|ю|ем|ешь)|ьник\w*)"),
    rule("sexual_violence", r"(?:сексуальн|полов)\w*\s+(?:насили\w*|преступлени\w*|домогател\w*)"),
    rule("sexual_violence", r"принужда\w*\s+к\s+(?:секс\w*|интим\w*|сожительств\w*|половой)"),
    rule(
        "sexual_violence",
        r"надругал\w*",
        unless=r"тел\w*|труп\w*|могил\w*|памятник\w*|флаг\w*|святын\w*|икон\w*|храм\w*|церк\w*",
    ),
    rule("civilians", near(RU_CIVILIANS, RU_KILLED)),
    rule("civilians", near(RU_CIVILIANS, r"ранил[аио]?|ранен\w*|ранило|покалечи\w*")),
    # Fire at any car on a road people flee along: a flag even before anyone is hit.
    rule("civilians", r"(?:стрел\w*|огонь)\s+по\s+(?:\w+\s+)?(?:машин\w*|автомобил\w*|легковушк\w*|гражданск\w*)"),
    rule("prisoners", near(RU_PRISONERS, RU_ABUSED)),
    # The wounded denied care (prisoners, or anyone out of the fight): for the lawyers to judge.
    rule("prisoners", r"запрети\w*\s+(?:\w+\s+){0,2}(?:перевязыва\w*|лечить|помогать|оказывать\s+(?:\w+\s+)?помощь)"),
    rule(
        "prisoners",
        r"не\s+(?:давали|дали|разрешали|разрешил\w*)\s+(?:\w+\s+){0,2}(?:перевяз\w*|лечить|оказ\w*\s+помощь)",
    ),
    rule("prisoners", near(RU_PRISONERS, r"ранен\w*|ранени\w*", gap=5)),
    rule("prisoners", r"(?:сажа|посади|брос|кида|кину)\w*\s+(?:\w+\s+)?в\s+(?:яму|ямы|зиндан\w*)|зиндан\w*"),
    rule("prisoners", r"в\s+(?:яму|ямы)\s+(?:\w+\s+)?(?:сажа|посади|брос|кида|кину)\w*"),
    # Beating a bound man, cigarettes put out on him: torture, whoever the victim.
    rule(
        "torture",
        r"(?:туши|прижига|жг|ж[её]г)\w*\s+(?:\w+\s+){0,3}сигарет\w*|сигарет\w*\s+о\s+(?:\w+\s+)?(?:руки|тело|кожу)",
    ),
    rule(
        "torture",
        r"(?:из)?би(?:л|ва)\w*\s+(?:\w+\s+){0,2}(?:дубинк\w*|палк\w*|прикладом)|(?:из)?би(?:л|ва)\w*\s+связанн\w*",
    ),
]

# -- English ------------------------------------------------------------------------------------

EN_CIVILIANS = alternatives(
    r"civilians?|non-?combatants?",
    r"(?:local\s+)?(?:residents|villagers|inhabitants|townspeople|locals)",
    r"women\s+and\s+children|children|old\s+(?:men|women|people)|elderly(?:\s+(?:people|men|women))?",
    r"refugees|passers-?by|unarmed\s+(?:men|people|man|woman|women|boys?)",
)
EN_KILLED = alternatives(
    r"kill(?:ed|ing|s)?|murder(?:ed|ing|s)?|shot|shoot(?:ing|s)?(?!\s+(?:range|ranges|practice|drills?|exercises?|"
    r"gallery|club|competitions?|lessons?))",
    r"gunned\s+down|execut(?:ed|ing|ions?)|massacr(?:e|ed|es|ing)|slaughter(?:ed|ing)?",
    r"fir(?:e|ed|ing)\s+(?:at|on|upon)|opened\s+fire\s+(?:at|on)|shell(?:ed|ing)|bomb(?:ed|ing)|r[au]n\s+over",
    r"burn(?:ed|t)\s+alive|died|dead|deaths?|casualties",
)
EN_EXECUTION_UNLESS = (
    r"plans?|tasks?|missions?|man(?:eu|oeu)vers?|manoeuvres?|operations?|strikes?|attacks?|assaults?|contracts?|"
    r"programs?|programmes?|code|scripts?|query|queries|commands?|warrants?|wills?|trades?|deals?|strateg(?:y|ies)|"
    r"moves?|drills?|tactics?|flawlessly|perfectly|successfully|poorly|badly|smoothly|transactions?|payments?|"
    r"executives?|producers?|searches|search|jumps?|turns?|films?|movies?|games?|series|novels?|books?"
)
EN_PRISONERS = alternatives(
    r"prisoners?(?:\s+of\s+war)?|POWs?|captives?|detainees?",
    r"captured\s+(?:soldiers?|men|ukrainians?|russians?|fighters?|troops)",
    r"(?:those|soldiers?|men)\s+who\s+(?:had\s+)?surrendered|surrendering\s+(?:soldiers?|men|troops)",
)
EN_ABUSED = alternatives(
    r"shot|shoot(?:ing)?|kill(?:ed|ing)?|execut(?:e|ed|ing)|murder(?:ed|ing)?|beat(?:ing|en|ings)?",
    r"tortur(?:e|ed|ing)|abus(?:e|ed|ing)|mistreat(?:ed|ing)?|maltreat\w*|starv(?:e|ed|ing)|humiliat\w*",
    r"finish(?:ed)?\s+off|mutilat\w*|castrat\w*",
)

ENGLISH = [
    rule(
        "execution",
        r"(?:summar(?:y|ily)\s+|extra-?judicial(?:ly)?\s+)?execut(?:e|es|ed|ing|ions?|ioners?)",
        unless=EN_EXECUTION_UNLESS,
        unless_after=r"orders?",
    ),
    rule("execution", r"firing\s+squads?"),
    rule(
        "execution",
        r"(?:shot|shoot|bullet)\w*\s+(?:\w+\s+){0,3}(?:in|to|through)\s+the\s+back\s+of\s+(?:the|his|her|their)\s+heads?",
    ),
    rule("execution", r"finish(?:ed|ing)?\s+off\s+(?:the\s+)?(?:wounded|injured)"),
    rule(
        "execution",
        r"shot\s+(?:\w+\s+)?on\s+the\s+spot|(?:put|stood|lined)\s+(?:\w+\s+)?(?:up\s+)?against\s+(?:a|the)\s+wall",
    ),
    rule(
        "torture",
        r"burn\w*\s+(?:\w+\s+){0,3}with\s+cigarettes|cigarette\s+burns|beat\w*\s+(?:a\s+)?bound|with\s+a\s+baton",
    ),
    rule("torture", r"tortur(?:e|ed|es|ing|ers?)|waterboard\w*|electric(?:al)?\s+shocks|mock\s+executions?"),
    rule(
        "looting", r"loot(?:ed|ing|ers?)|loot(?!\s+box)|plunder(?:ed|ing|s)?|pillag(?:e|ed|es|ing)|ransack(?:ed|ing|s)?"
    ),
    rule(
        "looting",
        r"(?:stole|steal|stealing|stolen|carried\s+off|carrying\s+off)\s+(?:\w+\s+){0,4}?from\s+(?:the\s+|their\s+|"
        r"people's\s+|abandoned\s+|empty\s+)?(?:homes|houses|flats|apartments|shops|stores|residents|civilians|locals|"
        r"villagers)",
    ),
    rule("sexual_violence", r"(?:gang-?)?rap(?:e|ed|es|ing|ists?)|molest\w*"),
    rule("sexual_violence", r"sexual(?:ly)?\s+(?:assault\w*|abus\w*|violen\w*|violat\w*|tortur\w*|exploit\w*)"),
    rule("civilians", r"civilian\s+(?:casualties|deaths|victims)"),
    rule("civilians", near(EN_CIVILIANS, EN_KILLED)),
    rule("civilians", near(EN_CIVILIANS, r"wounded|injured|maimed")),
    rule("civilians", r"(?:fire|shoot|fired|shot)\s+(?:at|on)\s+(?:any|every|all|civilian)\s+(?:cars?|vehicles?)"),
    rule("prisoners", near(EN_PRISONERS, EN_ABUSED)),
    rule(
        "prisoners",
        r"forb(?:a|i)de\s+(?:\w+\s+){0,2}to\s+(?:treat|bandage|help)|(?:denying|denied)\s+(?:\w+\s+)?(?:medical\s+)?(?:care|treatment)",
    ),
    rule("prisoners", r"(?:nobody|no\s+one)\s+would\s+be\s+(?:bandaged|treated)|let\s+(?:\w+\s+)?bleed"),
]

# -- French -------------------------------------------------------------------------------------

FR_CIVILIANS = alternatives(
    r"(?<!droits\s)(?<!vêtements\s)(?<!habits\s)civils|(?:un|le|du|au|des)\s+civil",
    r"populations?\s+civiles?|non-combattants?",
    r"habitants|villageois|femmes\s+et\s+(?:des\s+|les\s+)?enfants|enfants|personnes\s+âgées|vieillards|"
    r"réfugiés|passants",
)
FR_KILLED = alternatives(
    r"tu(?:é|ée|és|ées|er|ait|aient|ent|èrent|ons|ez)|abatt(?:u|ue|us|ues|re|ait|aient|ent)",
    r"assassin(?:é|ée|és|ées|er|ait|aient|ats?)|massacr(?:e|es|é|ée|és|ées|er|ait|aient|èrent)",
    r"exécut(?:é|ée|és|ées|er|ait|aient|ions?)|fusill(?:é|ée|és|ées|er|ait|aient)",
    r"tir(?:é|és|ait|aient|er|èrent|ent|ons)\s+sur|ouv(?:ert|rir|raient|rait)\s+le\s+feu\s+sur",
    r"bombard(?:é|és|ée|ées|er|ait|aient|ements?)|pilonn\w*|morts?|victimes",
)
FR_EXECUTION_UNLESS = (
    r"plans?|missions?|tâches?|man(?:œ|oe)uvres?|opérations?|contrats?|programmes?|commandes?|morceaux?|"
    r"(?:œ|oe)uvres?|travaux|budgets?|décisions?|mandats?|jugements?|peines?|cours|codes?|scripts?|requêtes?|"
    r"consignes?|projets?|parfaitement|correctement|rapidement|frappes?|attaques?|films?|jeux|jeu|séries?|romans?"
)
FR_VIOLATED_UNLESS = (
    r"lois?|trêves?|cessez|accords?|droits?|règles?|conventions?|frontières?|espace|territoires?|souveraineté|"
    r"neutralité|promesses?|serments?|secrets?|principes?|constitution|résolutions?|traités?|engagements?|embargo|"
    r"sanctions|couvre|domicile|sépultures?|tombes?|protocoles?|intégrité|ordres?|consignes?|interdictions?|"
    r"confidentialité|privée|accord"
)
FR_PRISONERS = alternatives(
    r"prisonniers?(?:\s+de\s+guerre)?|captifs?|détenus?|soldats\s+capturés",
    r"(?:ceux|soldats|hommes)\s+qui\s+s['’](?:étaient|était)\s+rendus?|qui\s+se\s+rendaient",
)
FR_ABUSED = alternatives(
    r"battu(?:s|e|es)?|frapp(?:é|és|ée|ées|er|ait|aient)|tabass\w*|tortur\w*",
    r"exécut(?:é|és|er|aient|ait)|tu(?:é|és|er|aient|ait)|abatt(?:u|us|re|aient|ait)|fusill(?:é|és|er|aient|ait)",
    r"maltrait\w*|affam\w*|humili\w*|achev(?:é|és|er|aient|ait)|mutil\w*",
)

FRENCH = [
    rule(
        "execution",
        r"exécut(?:é|ée|és|ées|er|ait|aient|èrent|ent|ions?|ant)",
        unless=FR_EXECUTION_UNLESS,
        unless_after=r"ordres?",
    ),
    rule("execution", r"fusill(?:é|ée|és|ées|er|ait|aient|èrent|ent)"),
    rule("execution", r"achev(?:é|és|ée|ées|er|ait|aient|èrent)\s+(?:les\s+|des\s+)?(?:blessés|prisonniers)"),
    rule("execution", r"balles?\s+dans\s+la\s+nuque"),
    rule("torture", r"brûl\w*\s+(?:\w+\s+){0,3}cigarettes?|(?:battu|frappé)\w*\s+(?:\w+\s+){0,3}matraque"),
    rule("torture", r"tortur(?:e|es|é|ée|és|ées|er|ait|aient|ent|èrent|ant)|tortionnaires?|supplici\w*"),
    rule("torture", r"chocs\s+électriques|simulacres?\s+d['’]exécutions?"),
    rule("looting", r"pill(?:age|ages|é|ée|és|ées|er|ait|aient|ent|èrent|ards?|eurs?)"),
    rule(
        "looting",
        r"saccag(?:e|es|é|ée|és|ées|er|eait|eaient)|mis(?:es)?\s+à\s+sac|cambriol(?:é|ée|és|ées|er|ait|aient|ages?)",
    ),
    rule(
        "looting",
        r"(?:vol(?:é|ée|és|ées|aient|ait|er)|dérob\w*|emport(?:é|és|aient|ait|er))\s+(?:\w+\s+){0,4}?dans\s+les\s+"
        r"(?:maisons|appartements|magasins|habitations|commerces)",
    ),
    rule("sexual_violence", r"viols?"),
    rule("sexual_violence", r"vio(?:lé|lée|lés|lées|ler|lait|laient|lèrent)", unless=FR_VIOLATED_UNLESS),
    rule("sexual_violence", r"(?:violences?|agressions?|abus|esclavage)\s+sexuel(?:le)?s?"),
    rule("civilians", r"victimes\s+civiles"),
    rule("civilians", near(FR_CIVILIANS, FR_KILLED)),
    rule("civilians", near(FR_CIVILIANS, r"blessée?s?|mutilée?s?")),
    rule("civilians", r"tir\w*\s+sur\s+(?:tout|toute|tous|les|des)\s+(?:véhicules?|voitures?)"),
    rule("prisoners", near(FR_PRISONERS, FR_ABUSED)),
    rule("prisoners", r"(?:ne\s+pas|interdit\s+de|refus\w*\s+de|interdiction\s+de)\s+(?:les\s+)?soigner"),
]

RULES = {"ru": RUSSIAN, "en": ENGLISH, "fr": FRENCH}

# Across the sentences of one paragraph: people who cannot defend themselves said to be there,
# then what was done to them («…сказал, что на улице гражданские… Мы выпустили шесть мин»; «взяла
# в плен пятерых… Три дня им не давали воды… били их»). Only words that cannot mean soldiers in
# a fight count for "who"; the flag marks those words.
PARAGRAPH_REACH = 600  # characters between the two
PARAGRAPH_RULES = {
    "civilians": {
        "ru": (
            r"мирн\w*\s+(?:жител\w*|населени\w*|люд\w*)|мирняк\w*|"
            r"гражданск(?:ие|их|ими|им)(?!\s+(?:войн|дел|прав|одежд|кодекс|брак|специальност|професси|паспорт|служб))",
            r"открыл\w*\s+огонь|выпустил\w*|стреля\w*|обстрел\w*|погиб\w*|убит\w*|накрыл\w*",
        ),
        "en": (
            r"civilians?(?!\s+(?:clothes|life|jobs?|status|authorit\w*))",
            r"fired|open(?:ed)?\s+fire|rounds|shells?|shelling|killed|dead|strike|struck",
        ),
        "fr": (
            r"civils?|population\s+civile",
            r"tirs?|obus|ouvert\s+le\s+feu|tués?|morts?|frapp\w+|bombard\w+|pilonn\w+",
        ),
    },
    "prisoners": {
        "ru": (
            r"(?:военно)?пленн\w+|в\s+плен",
            r"(?:из)?би(?:ли|л|ть|ва\w*)|не\s+давали\s+(?:\w+\s+)?(?:воды|еды|пить|есть)|без\s+(?:воды|еды)|"
            r"никто\s+не\s+перевяз\w*|заставля\w*",
        ),
        "en": (
            r"prisoners?|captives?|(?:captured|taken)\s+(?:\w+\s+){0,3}(?:soldiers|men)",
            r"beat(?:en)?|got\s+no\s+(?:water|food)|without\s+(?:water|food)|nobody\s+dressed|forced|made\s+them",
        ),
        "fr": (
            r"prisonniers?|captifs?",
            r"battus?|frappés?|sans\s+(?:eau|nourriture)|privés?\s+d['’]eau|forcés?|contraints?",
        ),
    },
}
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


PARAGRAPH_PATTERNS = {
    category: {lang: (_compile(who), _compile(what)) for lang, (who, what) in by_language.items()}
    for category, by_language in PARAGRAPH_RULES.items()
}


def _paragraph_flags(text: str, language: str | None) -> list[tuple[str, int, int]]:
    flags = []
    for category, by_language in PARAGRAPH_PATTERNS.items():
        languages = [language] if language in by_language else list(by_language)
        for paragraph in PARAGRAPH.finditer(text):
            for lang in languages:
                who, what = by_language[lang]
                acts = [m.start() for m in what.finditer(text, paragraph.start(), paragraph.end())]
                for found in who.finditer(text, paragraph.start(), paragraph.end()):
                    if any(abs(act - found.start()) <= PARAGRAPH_REACH for act in acts):
                        flags.append((category, *found.span()))
    return flags


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT words before and after [start, end) in its sentence."""
    before_start = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    after = SENTENCE_END.search(text, end)
    before = WORD.findall(text, before_start, start)[-CONTEXT:]
    following = WORD.findall(text, end, after.start() if after else len(text))[:CONTEXT]
    return " ".join(before), " ".join(following)


def _language(language: str | None) -> str:
    return (language or "").replace("_", "-").split("-")[0].lower()


def _rules(language: str | None) -> list[Rule]:
    code = _language(language)
    if code in RULES:
        return RULES[code]
    return [each for rules in RULES.values() for each in rules]


def find_risks(text: str, language: str | None = None) -> list[RiskMention]:
    """Flags for human review, in text order; `language` (ru, en, fr) limits the rules, else all apply.

    Overlapping flags of one category are reported once (the shortest; «мирных жителей убили» rather
    than «жителей убили»); flags of different
    categories may cover the same words («расстреляли пленных»: execution and prisoners)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for current in _rules(language):
        for match in current.pattern.finditer(text):
            start, end = match.span(1)
            if current.unless or current.unless_after:
                before, after = _context(text, start, end)
                if current.unless and (current.unless.search(before) or current.unless.search(after)):
                    continue
                if current.unless_after and current.unless_after.search(after):
                    continue
            found.setdefault(current.category, []).append((start, end))
    sentence_level = {category: list(spans) for category, spans in found.items()}
    for category, start, end in _paragraph_flags(text, _language(language)):
        if all(end <= other_start or start >= other_end for other_start, other_end in sentence_level.get(category, [])):
            found.setdefault(category, []).append((start, end))
    out = []
    for category, spans in found.items():
        earliest: dict[int, int] = {}  # of candidates ending at the same place, the one starting first
        for start, end in spans:
            earliest[end] = min(start, earliest.get(end, start))
        kept: list[tuple[int, int]] = []
        for end, start in sorted(earliest.items(), key=lambda item: (item[0] - item[1], item[1])):
            if all(end <= other_start or start >= other_end for other_start, other_end in kept):
                kept.append((start, end))
                out.append(RiskMention(start, end, text[start:end], category))
    out.sort(key=lambda mention: (mention.start, CATEGORIES.index(mention.category), mention.end))
    return out
