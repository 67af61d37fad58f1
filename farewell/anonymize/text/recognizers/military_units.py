"""MILITARY_UNIT: military units, by number or by name.

- unit numbers: «в/ч 12345», «в\\ч 12345», «ВЧ 12345», «войсковой части 12345», «полевая почта 12345»,
  Ukrainian «військова частина А1234», "military unit 12345", "unit 12345", «unité militaire 12345»;
- numbered formations in every grammatical case: «138-я отдельная мотострелковая бригада», «в 1-м гвардейском
  танковом полку», «6-й армии», «138 омсбр», Ukrainian «93-тя окрема механізована бригада»; "the 155th Marine
  Brigade", "1st Guards Tank Army"; «la 155e brigade d'infanterie de marine», «le 1er régiment»;
- formations numbered with a word («третий батальон», «во второй роте»), at a lower score;
- the noun first: «la brigade 138», "Regiment 1009", «бригада 155» (two digits at least);
- named formations: «батальон «Восток»», «ЧВК «Вагнер»», «БАРС-13», "the Kuban Cossack volunteer battalion".
A sub-unit followed by its unit is one span: «3-м батальоне 1009-го полка», "1st Battalion of the 1009th Regiment".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from farewell.anonymize.text.types import Entity

from ._base import COVERED_LANGUAGES, CYR, FLAGS, Pattern, PatternRecognizer, alternation

# --- unit numbers ------------------------------------------------------------------------------------------------
_CODE_WORDS = alternation(
    r"в\s?[/\\|]\s?ч\.?",  # в/ч, в\ч, в | ч
    r"в\.\s?ч\.",  # в.ч.
    r"вч",
    r"войсков\w{0,3}\s+част\w{0,3}",  # войсковая часть, войсковой части, войсковую часть
    r"військов\w{0,3}\s+частин\w{0,3}",
    r"полев\w{0,3}\s+почт\w{0,2}",
    r"польов\w{0,3}\s+пошт\w{0,2}",
    r"п/п",  # полевая почта
    r"(?:military|army)\s+unit",
    r"unit",
    r"field\s+post(?:\s+office)?",
    r"unit[ée]\s+militaire",
    r"unit[ée]",
    r"secteur\s+postal",
)
UNIT_NUMBER = re.compile(
    r"(?<!\w)" + _CODE_WORDS + r"(?:\s*(?:no\.?|number|n°|№|#|n)\s*|\s*[:-]?\s*)(?:[АВAB]\s?-?)?\d{4,6}(?!\d)",
    FLAGS,
)
# «часть 12345», «номер части 12345», «частини А1234»: the unit number after the bare word.
PART_NUMBER = re.compile(
    r"(?<!\w)(?:част(?:ь|и|ью|ей|ях|ям)|частин(?:а|и|і|у|ою))(?:\s*(?:№|номер|n°)\s*|\s*[:-]?\s*)"
    r"(?P<number>(?:[АВAB]\s?-?)?\d{4,6})(?!\d)(?!\s*(?:год|року|рік|г\.))",
    FLAGS,
)
# «в/ч 12345 и 54321»: the next numbers of a list.
NEXT_NUMBER = re.compile(
    r"\s*(?:,|и|та|і|або|или|and|or|et|ou)\s*(?:№\s?)?(?P<number>(?:[АВAB]\s?-?)?\d{4,6})(?!\d)", FLAGS
)

# --- numbered formations (Russian, Ukrainian) ---------------------------------------------------------------------
_NOUN = alternation(
    r"бригад(?:а|ы|и|е|у|ой|ою|і)",
    r"полк(?:а|у|ом|е)?",
    r"батальон(?:а|у|ом|е)?",
    r"батальйон(?:а|у|ом|і)?",
    r"дивизи(?:я|и|ю|ей|ею)",
    r"дивізі(?:я|ї|ю|єю)",
    r"дивизион(?:а|у|ом|е)?",
    r"дивізіон(?:у|ом|і)?",
    r"рот(?:а|ы|е|у|ой|ою|и|і)",
    r"арми(?:я|и|ю|ей|ею)",
    r"армі(?:я|ї|ю|єю)",
    r"корпус(?:а|у|ом|е|і)?",
    r"взвод(?:а|у|ом|е|і)?",
    r"батаре(?:я|и|ю|ей|ею|ї|єю)",
    r"отряд(?:а|у|ом|е)?",
    r"загону?|загоні|загоном",
    r"эскадриль(?:я|и|ю|ей|е)",
    r"ескадриль(?:я|ї|ю|єю)",
    r"флотили(?:я|и|ю|ей)",
    r"отделени(?:е|я|ю|ем|и)",
    r"відділенн(?:я|ю|і)",
    r"бтгр?",
    # abbreviations: омсбр, мсп, мсд, тд, вдд, дшб, обрмп, омбр, ошбр...
    r"о?мсбр|о?мсб|мсп|мсд|гв\.\s?мсп|о?тбр|тп|тд|вдд|пдп|дшп|о?дшбр|о?дшб|о?брмп|омбр|ошбр|омпбр|оабр|арбр|абр|"
    r"реабр|зрбр|зрп|о?брспн|ооспн|ошб|обр|оштурмб",
)
# An adjective of the formation (отдельная, гвардейского, мотострелковой, окремої, десантно-штурмовая), not a
# possessive or demonstrative word.
_ADJECTIVE = (
    r"(?!(?:году|года|наш\w*|мо[йяюеё]\w*|сво\w*|эт\w+|т[аоуе]й?|вся|весь|всей|всю|ваш\w*|їх|його|її|тот|там|"
    r"тогда|тоді|это|каждой|каждый|другой|другую|одной|одну)\b)"
    rf"(?:гв\.|отд\.|[{CYR}]{{2,}}(?:-[{CYR}]{{2,}})?"
    r"(?:ая|яя|ый|ий|ой|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ое|ее|ей|ых|их|ыми|ими|ые|ие|ої|ій|ою|ім)"
    # Ukrainian short forms (окрема, механізована, окрему): not any word in -а/-у («в 2 часа рота» is no unit).
    rf"|(?:[{CYR}]+-)?(?:[{CYR}]*[іїєґ][{CYR}]*|[{CYR}]*(?:ем|ов|ев|ськ|цьк|н))(?:а|у|і))"
)
_TAIL = alternation(
    r"морской\s+пехоты",
    r"морської\s+піхоти",
    r"специального\s+назначения",
    r"спеціального\s+призначення",
    r"особого\s+назначения",
    r"оперативного\s+назначения",
    r"материального\s+обеспечения",
    r"территориальной\s+обороны",
    r"територіальної\s+оборони",
    r"спецназа|спецназначения|СпН|связи|РЭБ|РХБЗ|ПВО|ВДВ|ВМФ|ВВС|ВКС|Росгвардии|ГРУ|ГУР|ЗСУ|ВСУ|НГУ|ТрО|ДШВ|[ДЛ]НР|"
    r"НМ\s+[ДЛ]НР",
)
NUMBERED_RU = re.compile(
    r"(?<![\w/-])(?P<num>\d{1,4})(?P<suffix>\s?[-‑–]\s?" + rf"[{CYR}]{{1,3}})?"
    r"(?:\s+" + _ADJECTIVE + r"){0,4}\s+" + _NOUN + r"(?![\w-])(?:\s+" + _TAIL + r"(?!\w))?",
    FLAGS,
)
_ORDINAL_WORD = (
    r"(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)"
    r"(?:ый|ой|ий|ая|ья|ье|ое|ого|ьего|ому|ьему|ую|ью|ом|ьем|ым|ьим|ей|ьей)"
)
ORDINAL_WORD_RU = re.compile(
    r"(?<!\w)" + _ORDINAL_WORD + r"(?:\s+" + _ADJECTIVE + r"){0,2}\s+"
    r"(?:батальон(?:а|у|ом|е)?|рот(?:а|ы|е|у|ой)|взвод(?:а|у|ом|е)?|батаре(?:я|и|ю|ей)|отделени(?:е|я|ю|ем|и)|"
    r"полк(?:а|у|ом|е)?|бригад(?:а|ы|е|у|ой)|дивизион(?:а|у|ом|е)?)(?![\w-])",
    FLAGS,
)

# --- numbered formations (English, French) ------------------------------------------------------------------------
_EN_QUALIFIER = alternation(
    r"separate|independent|guards?|motor(?:i[sz]ed)?|rifle|motor-rifle|tank|armou?red|airborne|air|assault|air-assault",
    r"marine|naval|infantry|artillery|mechani[sz]ed|special|purpose|forces|spetsnaz|combined|arms|missile|rocket",
    r"engineer|sapper|reconnaissance|recon|signals?|mountain|territorial|defen[cs]e|volunteer|storm|paratroopers?",
    r"landing|sniper|anti-aircraft|combat|tactical|battalion|logistics|support|electronic|warfare|self-propelled",
    r"howitzer|national|guard|coastal|operational|red[- ]banner|reserve|mobili[sz]ed|army|corps|jaeger|mechanized",
)
NUMBERED_EN = re.compile(
    r"(?<![\w-])\d{1,4}(?:st|nd|rd|th)\s+(?:" + _EN_QUALIFIER + r"\s+){0,5}"
    r"(?:brigade|regiment|battalion|division|army|corps|company|platoon|battery|squadron|detachment|btg|"
    r"battalion\s+tactical\s+group)(?!\w)",
    FLAGS,
)
_FR_QUALIFIER = alternation(
    r"d['’]infanterie(?:\s+de\s+marine)?",
    r"de\s+marine",
    r"de\s+fusiliers(?:\s+motoris[ée]s)?",
    r"de\s+chars",
    r"blind[ée]e?s?",
    r"motoris[ée]e?s?",
    r"m[ée]canis[ée]e?s?",
    r"a[ée]roport[ée]e?s?",
    r"d['’]assaut(?:\s+a[ée]rien)?",
    r"parachutistes?",
    r"de\s+parachutistes",
    r"d['’]artillerie",
    r"de\s+reconnaissance",
    r"de\s+forces\s+sp[ée]ciales",
    r"s[ée]par[ée]e?s?",
    r"ind[ée]pendante?s?",
    r"interarmes",
    r"de\s+la\s+garde",
    r"de\s+gardes?",
    r"de\s+la\s+garde\s+nationale",
)
NUMBERED_FR = re.compile(
    r"(?<![\w-])\d{1,4}(?:e|ème|eme|er|re|ère)\s+(?:brigade|r[ée]giment|bataillon|division|arm[ée]e|corps|compagnie|"
    r"section|batterie|escadron|d[ée]tachement|groupement)(?!\w)(?:\s+" + _FR_QUALIFIER + r"(?!\w)){0,3}",
    FLAGS,
)

# «brigade 138», "Regiment 1009", «бригада 155»: the noun, then the number.
NOUN_NUMBER = re.compile(
    r"(?<!\w)(?:brigade|regiment|r[ée]giment|battalion|bataillon|division|arm[ée]e|army|corps|compagnie|company|"
    r"batterie|battery|escadron|squadron|d[ée]tachement|detachment|бригад(?:а|ы|е|у|ой)|полк(?:а|у|ом|е)?|"
    r"батальон(?:а|у|ом|е)?|дивизи(?:я|и|ю|ей)|арми(?:я|и|ю|ей))\s+(?:no\.?\s*|n°\s*|№\s*|#\s*)?(?P<num>\d{2,4})(?!\d)"
    r"(?!\s?[-‑–]\s?[а-яёіїєґ]|(?:st|nd|rd|th|e|er|ème|eme)\b)"  # «батальоне 1009-го полка»: that is the next unit
    r"(?!\s*(?:km|км|men|hommes|soldats|человек|бойц\w*|дн\w*|days|jours|ans|years|лет|год\w*|%|м\b|m\b))",
    FLAGS,
)
# "the Kuban Cossack volunteer battalion", "the Sparta Battalion": a capitalised name before the formation.
_EN_NOT_A_NAME = (
    r"(?!(?:The|A|An|Our|My|His|Her|Their|Its|This|That|These|Those|Every|Each|One|Another|Then|When|After|Before|So|"
    r"But|And|In|On|At|Of|For|With|Whole|Entire|Same|Next|Last|Russian|Ukrainian|Russia|Ukraine)\b)"
)
NAMED_EN = re.compile(
    r"(?<!\w)(?:" + _EN_NOT_A_NAME + r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?\s+){1,3}"
    r"(?:(?:volunteer|special|assault|territorial|defen[cs]e|separate|rifle|tank|marine|naval|guards?|cossack)\s+){0,3}"
    r"(?:[Bb]attalion|[Bb]rigade|[Rr]egiment|[Dd]etachment)(?!\w)"
)
# A sub-unit with its unit is one span: «3-м батальоне 1009-го полка», "1st Battalion of the 1009th Regiment".
_JOIN = re.compile(r"\s+(?:(?:of\s+the|of|du|de\s+la|de\s+l['’]|des|de)\s+)?", FLAGS)

# --- named formations ---------------------------------------------------------------------------------------------
_QUOTED = r"[«\"„“']\s?[^«»\"„“”'\n]{2,30}?\s?[»\"“”']"
NAMED = re.compile(
    r"(?<!\w)(?:(?:добровольческ\w+\s+|штурмов\w+\s+)?(?:батальй?он\w{0,2}|полк\w{0,2}|бригад\w{0,2}|отряд\w{0,2}|"
    r"подразделени\w{0,2}|загон\w{0,2}|загін)|ЧВК|ПВК|PMC|ЧВК\s+группы)(?!\w)\s+" + _QUOTED,
    FLAGS,
)
NAMED_BARE = re.compile(r"(?<!\w)(?:ЧВК|ПВК|PMC)\s+(?!\d)[A-ZА-ЯЁ][\w-]+|(?<!\w)БАРС[-\s]?\d{1,3}(?!\d)")


class MilitaryUnitRecognizer(PatternRecognizer):
    label = "MILITARY_UNIT"
    languages = COVERED_LANGUAGES
    name = "military_unit"
    patterns = (
        Pattern("unit-number", UNIT_NUMBER, 0.95),
        Pattern("part-number", PART_NUMBER, 0.85),
        Pattern("numbered-ru", NUMBERED_RU, 0.85),
        Pattern("ordinal-word-ru", ORDINAL_WORD_RU, 0.5),
        Pattern("numbered-en", NUMBERED_EN, 0.85),
        Pattern("numbered-fr", NUMBERED_FR, 0.85),
        Pattern("noun-number", NOUN_NUMBER, 0.7),
        Pattern("named-en", NAMED_EN, 0.6),
        Pattern("named", NAMED, 0.7),
        Pattern("named-bare", NAMED_BARE, 0.7),
    )

    def find(self, text: str, language: str) -> list[Entity]:
        merged: list[Entity] = []
        for entity in super().find(text, language):
            previous = merged[-1] if merged else None
            if previous is not None and _JOIN.fullmatch(text, previous.end, entity.start):
                score = max(previous.score, entity.score)
                merged[-1] = self.entity(text, previous.start, entity.end, score)
            else:
                merged.append(entity)
        return merged

    def spans(self, text: str, match: re.Match[str], pattern: Pattern) -> Iterable[tuple[int, int, float]]:
        found = list(super().spans(text, match, pattern))
        if found and pattern.name in ("unit-number", "part-number"):
            position = match.end()
            while following := NEXT_NUMBER.match(text, position):
                found.append((*following.span("number"), pattern.score))
                position = following.end()
        return found

    def validate(self, match: re.Match[str], pattern: Pattern) -> bool | float:
        if pattern.name == "part-number":
            number = match.group("number")
            return not (number.isdigit() and 1900 <= int(number) <= 2100)  # «части 2022 года»? not a unit
        if pattern.name == "noun-number":
            return not 1900 <= int(match.group("num")) <= 2100
        if pattern.name != "numbered-ru":
            return True
        number = int(match.group("num"))
        if match.group("suffix"):
            return True
        # Without an ordinal ending the number may be a year («в 2022 году наша бригада») or a count.
        if 1900 <= number <= 2100 or number == 0:
            return False
        return 0.6
