"""Ranks, roles and occupations in ru/en/fr, each with the canonical English value findings compare.

Russian entries are word stems that take any case ending («водител» → водитель, водителем); the
longest match wins, so «старший сержант» is not read as «сержант».
"""

from __future__ import annotations

import re
from functools import cache

RANKS = {
    "private": ("рядов", "private", "pvt", "simple soldat", "soldat de deuxième classe"),
    "corporal": ("ефрейтор", "corporal", "caporal"),
    "junior sergeant": ("младш\\w* сержант", "мл\\. сержант", "junior sergeant", "lance sergeant", "caporal-chef"),
    "sergeant": ("сержант", "sergeant", "sgt", "sergent"),
    "senior sergeant": ("старш\\w* сержант", "ст\\. сержант", "senior sergeant", "staff sergeant", "sergent-chef"),
    "sergeant major": ("старшин", "sergeant major", "adjudant"),
    "warrant officer": ("прапорщик", "warrant officer", "adjudant-chef"),
    "junior lieutenant": ("младш\\w* лейтенант", "junior lieutenant", "sous-lieutenant"),
    "lieutenant": ("лейтенант", "lieutenant", "lt"),
    "senior lieutenant": ("старш\\w* лейтенант", "senior lieutenant", "first lieutenant", "lieutenant en premier"),
    "captain": ("капитан", "captain", "capt", "capitaine"),
    "major": ("майор", "major", "commandant"),
    "lieutenant colonel": ("подполковник", "lieutenant colonel", "lieutenant-colonel", "lt\\. col"),
    "colonel": ("полковник", "colonel", "col"),
    "general": ("генерал", "general", "général"),
}
ROLES = {
    "mobilized": ("мобилизова", "mobili[sz]ed", "mobilisée?s?"),
    "deserter": ("дезертир", "deserter", "déserteur"),
    "contract soldier": ("контрактник", "по контракту", "contract soldier", "contractuel", "sous contrat"),
    "battalion commander": (
        "командир\\w* батальон",
        "комбат",
        "battalion commander",
        "commander of the battalion",
        "commandant de bataillon",
        "chef de bataillon",
    ),
    "company commander": ("командир\\w* рот", "ротн(?:ый|ого|ому|ым)", "company commander", "commandant de compagnie"),
    "platoon commander": ("командир\\w* взвод", "взводн(?:ый|ого|ому|ым)", "platoon commander", "chef de section"),
    "mechanic-driver": ("мехвод", "механик-водител", "mechanic-driver", "driver-mechanic", "mécanicien-conducteur"),
    "driver": ("водител", "шофер", "шофёр", "driver", "chauffeur", "conducteur"),
    "mechanic": ("механик", "ремонтник", "mechanic", "mécanicien"),
    "medic": ("санитар", "медик", "фельдшер", "medic", "paramedic", "infirmier", "médecin militaire", "secouriste"),
    "gunner": ("наводчик", "артиллерист", "gunner", "artilleryman", "artilleur", "pointeur", "tireur"),
    "sniper": ("снайпер", "sniper", "tireur d'élite"),
    "cook": ("повар", "cook", "cuisinier"),
    "signaller": ("связист", "radio operator", "signaller", "signalman", "transmetteur", "opérateur radio"),
    "rifleman": ("стрел[о]?к", "автоматчик", "мотострел[о]?к", "rifleman", "infantryman", "fantassin"),
    "storm trooper": ("штурмовик", "assault trooper", "storm trooper", "stormtrooper", "membre d'une unité d'assaut"),
    "tank commander": ("командир танка", "tank commander", "chef de char"),
    "drone operator": ("оператор бпла", "оператор дрон", "дронщик", "drone operator", "opérateur de drone"),
    "sapper": ("сапер", "сапёр", "sapper", "combat engineer", "sapeur", "démineur"),
    "welder": ("сварщик", "welder", "soudeur"),
    "builder": ("строител", "builder", "construction worker", "ouvrier du bâtiment", "maçon"),
    "electrician": ("электрик", "electrician", "électricien"),
    "tractor driver": ("тракторист", "tractor driver", "conducteur de tracteur"),
    "miner": ("шахтер", "шахтёр", "miner", "mineur"),
    "teacher": ("учител", "преподавател", "teacher", "professeur", "enseignant", "instituteur"),
    "security guard": ("охранник", "security guard", "vigile", "agent de sécurité"),
    "programmer": ("программист", "programmer", "software developer", "développeur", "programmeur"),
    "farmer": ("фермер", "farmer", "agriculteur"),
    "factory worker": ("рабоч\\w+ на завод", "factory worker", "ouvrier d'usine", "ouvrier"),
    "courier": ("курьер", "courier", "delivery driver", "livreur"),
}
_RU_TAIL = r"[а-яё]*"
# Words that are ranks only as titles before a name: "Major Lebedev", «le commandant Lebedev», not
# "a major offensive" or «commandant de bataillon».
TITLE_ONLY = frozenset({"private", "major", "general", "col", "lt", "pvt", "capt", "sgt", "commandant"})


TITLE_NAME = re.compile(r"\.?\s+[A-ZА-ЯЁ]")
# ... or a noun after an article: "a private serving as a rifleman", "was a private in".
AS_NOUN = re.compile(r"(?:\ba|\ban)\s+$", re.IGNORECASE)
NOUN_AFTER = re.compile(r"\s*(?:[,.;)]|\s(?:serving|in|with|who|from|and|when|at|of)\b)")


@cache
def _compiled(kind: str) -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    table = RANKS if kind == "rank" else ROLES
    words = sorted(((word, value) for value, words in table.items() for word in words), key=lambda p: -len(p[0]))
    groups, parts = {}, []
    for index, (word, value) in enumerate(words):
        tail = _RU_TAIL if re.search("[а-яё]$", word) else r"(?:s|e|es)?"
        parts.append(f"(?P<v{index}>{word}{tail})")
        groups[f"v{index}"] = (value, word in TITLE_ONLY)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE), groups


def find(kind: str, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical value) of every rank ("rank") or role ("role") in text[start:end]."""
    pattern, groups = _compiled(kind)
    found = []
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        value, title_only = groups[match.lastgroup]
        if title_only and not TITLE_NAME.match(text, match.end()):
            as_noun = AS_NOUN.search(text[max(0, match.start() - 4) : match.start()]) and NOUN_AFTER.match(
                text, match.end()
            )
            if not as_noun:
                continue
        found.append((match.start(), match.end(), value))
    return found
