"""PERSON: a name that follows a military rank or post; the entity is the name, not the rank.

Russian ranks in every case and with their modifiers («майор Лебедев», «майора Лебедева», «капитаном Ивановым»,
«старший лейтенант Сомов», «гвардии рядового Петрова», «капитана 2 ранга Орлова», «генерал-майору Н. Смирнову»,
«ст. л-т Сомов»), posts («комбат Иванов», «командир роты Сидоров», «замполит Петров»), Ukrainian ranks
(«капітан Іваненко», «молодшого сержанта Коваля»); English ("Major Lebedev", "Captain Ivanov", "Lt. Col. Petrov",
"Sgt. A. Orlov"); French («le capitaine Ivanov», «lieutenant-colonel Petrov», «sergent-chef Durand»).
A name is one to three capitalised words, with initials before or after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import COVERED_LANGUAGES, CYR, CYR_UPPER, Pattern, PatternRecognizer, alternation

_M = r"(?:а|у|ом|е|і|ові)?"  # masculine noun endings: майор, майора, майору, майором, майоре, майорі
_RANK_RU = alternation(
    r"рядов(?:ой|ого|ому|ым|ом)",
    r"солдат" + _M,
    r"ефрейтор" + _M,
    r"сержант" + _M,
    r"штаб-сержант" + _M,
    r"майстер-сержант" + _M,
    r"старшин(?:а|ы|е|у|ой|ою|і)",
    r"прапорщик" + _M,
    r"лейтенант" + _M,
    r"капитан" + _M + r"(?:\s+(?:[1-3]|перв\w+|втор\w+|трет\w+)(?:-?го)?\s+ранга)?",
    r"капітан" + _M + r"(?:\s+(?:[1-3]|перш\w+|друг\w+|трет\w+)(?:-?го)?\s+рангу)?",
    r"капитан-лейтенант" + _M,
    r"майор" + _M,
    r"подполковник" + _M,
    r"підполковник" + _M,
    r"полковник" + _M,
    r"генерал(?:-(?:майор|лейтенант|полковник))?" + _M + r"(?:\s+армии|\s+армії)?",
    r"маршал" + _M,
    r"матрос" + _M,
    r"мичман" + _M,
    r"(?:контр-|вице-|віце-)?адмирал" + _M,
    r"(?:контр-|віце-)?адмірал" + _M,
    # abbreviations: ст. л-т, к-н, м-р, п/п-к, п-к, с-т
    r"л-т|к-н|м-р|п/п-к|п-к|с-т|ряд\.|ефр\.|мл\.\s?с-т|ст\.\s?с-т|ст\.\s?л-т|мл\.\s?л-т",
)
_MODIFIER_RU = alternation(
    r"старш(?:ий|его|ему|им|ем|ого|ому)",
    r"младш(?:ий|его|ему|им|ем)",
    r"молодш(?:ий|ого|ому|им|ім)",
    r"главн(?:ый|ого|ому|ым|ом)",
    r"головн(?:ий|ого|ому|им|ім)",
    r"ст\.",
    r"мл\.",
)
_POST_RU = alternation(
    r"комбат" + _M,
    r"комбриг" + _M,
    r"комполка|комроты|комвзвода|комдив" + _M,
    r"замкомбата|замкомандира|замкомвзвода|замкомроты",
    r"замполит" + _M,
    r"зампотыл" + _M,
    r"начштаба",
    r"ротн(?:ый|ого|ому|ым|ом)",
    r"взводн(?:ый|ого|ому|ым|ом)",
    r"комендант" + _M,
    r"командир"
    + _M
    + r"(?:\s+(?:роты|взвода|батальона|полка|бригады|отделения|батареи|дивизии|части|расч[её]та|группы|БТГ|"
    r"роти|взводу|батальйону|полку|бригади|відділення|батареї))?",
)
_WORD_CYR = rf"[{CYR_UPPER}][{CYR}'’]+(?:-[{CYR_UPPER}][{CYR}]+)?"
_INITIALS_CYR = rf"(?:[{CYR_UPPER}]\.\s?){{1,2}}"
_NAME_CYR = (
    rf"(?P<name>(?:{_INITIALS_CYR})?{_WORD_CYR}(?:\s+{_WORD_CYR}){{0,2}}"
    rf"(?:\s+[{CYR_UPPER}]\.(?:\s?[{CYR_UPPER}]\.)?)?)"
)
RANK_RU = re.compile(
    r"(?<![\w-])(?i:(?:(?:гвардии|гв\.)\s*)?(?:" + _MODIFIER_RU + r"\s*)?" + _RANK_RU + r")(?!\w)\s+" + _NAME_CYR
)
POST_RU = re.compile(r"(?<![\w-])(?i:" + _POST_RU + r")(?!\w)\s+" + _NAME_CYR)

_RANK_LATIN = alternation(
    # longest first: "lieutenant-colonel" before "lieutenant"
    r"lieutenant[- ]colonel|lt\.?\s?col\.?|lieutenant[- ]general|lt\.?\s?gen\.?|major[- ]general|maj\.?\s?gen\.?",
    r"colonel[- ]general|sergeant[- ]major|sergent[- ]chef|caporal[- ]chef|adjudant[- ]chef|sous-lieutenant",
    r"(?:senior|junior|staff|master|first|chief|warrant|petty|lance)\s+(?:sergeant|lieutenant|officer|corporal)",
    r"warrant\s+officer|g[ée]n[ée]ral\s+de\s+(?:brigade|division|corps\s+d['’]arm[ée]e|arm[ée]e)",
    r"chef\s+de\s+bataillon|capitaine\s+de\s+(?:fr[ée]gate|corvette|vaisseau)",
    r"private|pvt\.?|pfc|corporal|cpl\.?|sergeant|sgt\.?|lieutenant|lt\.?|captain|capt\.?|cpt\.?|major|maj\.?",
    r"colonel|col\.?|general|gen\.?|commander|cmdr\.?|ensign|admiral|marshal|commissar|rifleman|gunner|seaman",
    r"soldat|caporal|sergent|adjudant|aspirant|capitaine|commandant|g[ée]n[ée]ral|mar[ée]chal|matelot|"
    r"lieutenant-colonel",
)
_WORD_LAT = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
_NAME_LAT = rf"(?P<name>(?:(?:[A-Z]\.\s?){{1,2}})?{_WORD_LAT}(?:\s+{_WORD_LAT}){{0,2}})"
RANK_LATIN = re.compile(r"(?<![\w-])(?i:" + _RANK_LATIN + r")(?!\w)\s+" + _NAME_LAT)

_WORD = re.compile(r"\S+")
# Capitalised words after a rank that are not names; the name stops before them.
NOT_NAMES = frozenset(
    """
    Российской Российская России Россия Русской Советской Советского Советская Союза Армии Армия Армией
    Вооруженных Вооружённых Росгвардии Украины Украина Збройних України Бог Господь Путин Москва Москвы
    Потом Тогда Затем Когда После Это Там Тут Так Вот Но Он Она Они Мы Я Нас Нам
    The A An I He She We They It And But Then So When After Before This That There Our My His Her Their
    Russian Russians Ukrainian Ukrainians Russia Ukraine Soviet American Army Forces Brigade Regiment Battalion
    Division Company Staff League General Moscow Kyiv Kiev God Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday Christmas Le La Les Il Elle Ils Nous Puis Quand Mais Et Alors Russe Russes Ukrainien Ukrainienne
    Arm Armée Garde Division Régiment Bataillon Brigade
    """.split()
)


# «Командир Батальона», «Майор Армии»: a capitalised unit word is no name either (but «Ротов», «Полковников» are).
NOT_NAME_WORD = re.compile(
    r"(?i:рот(?:а|ы|е|у|ой|и|і)|взвод(?:а|у|ом|е)?|батальй?он(?:а|у|ом|е|і)?|полк(?:а|у|ом|е)?|"
    r"бригад(?:а|ы|и|е|у|ой|і)|дивизи(?:я|и|ю|ей)|дивізі(?:я|ї|ю)|част(?:ь|и|ью)|частин(?:а|и|і)|"
    r"отделени(?:е|я|ю|ем)|батаре(?:я|и|ю|ей|ї)|арми(?:я|и|ю|ей)|армі(?:я|ї|ю)|штаб(?:а|у|ом|е)?|"
    r"корпус(?:а|у|ом|е)?|групп(?:а|ы|е|у|ой)|груп(?:а|и|і|у)|отряд(?:а|у|ом|е)?)"
)


class RankNameRecognizer(PatternRecognizer):
    label = "PERSON"
    languages = COVERED_LANGUAGES
    name = "rank_name"
    patterns = (
        Pattern("rank-ru", RANK_RU, 0.85, "name"),
        Pattern("post-ru", POST_RU, 0.75, "name"),
        Pattern("rank-latin", RANK_LATIN, 0.8, "name"),
    )

    def spans(self, text: str, match: re.Match[str], pattern: Pattern) -> Iterable[tuple[int, int, float]]:
        start, end = match.span("name")
        # Keep the words before the first one that is not a name.
        kept_end = start
        for word in _WORD.finditer(text[start:end]):
            if word.group() in NOT_NAMES or NOT_NAME_WORD.fullmatch(word.group()):  # "A." is an initial
                break
            kept_end = start + word.end()
        if kept_end == start:
            return ()
        return ((start, kept_end, pattern.score),)
