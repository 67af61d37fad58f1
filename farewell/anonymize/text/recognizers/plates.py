"""VEHICLE_PLATE: vehicle registration plates.

- Russian civil plates «А123ВС 77», «а123вс777», «А 123 ВС 777 RUS», «A123BC|77», in Cyrillic or with the Latin
  look-alike letters A B E K M H O P C T Y X; without the region at a lower score;
- Russian military plates «1234 АВ 50»; taxi / public transport «АВ 123 77»;
- Ukrainian plates «АА 1234 ВВ»; French plates «FG-482-TK»;
- after «госномер», «номер машины», «номерной знак», "plate", «plaque», any spacing and case is accepted.
"""

from __future__ import annotations

import re

from ._base import FLAGS, Pattern, PatternRecognizer

_CYR = "АВЕКМНОРСТУХ"
_LAT = "ABEKMHOPCTYX"
_ANY = _CYR + _LAT + _CYR.lower() + _LAT.lower()
_REGION = r"(?:\s?[|/]?\s?\d{2,3}(?:\s?(?:RUS|rus|РУС))?)"

# Spaced forms only in Cyrillic capitals ("A 100 MB" is no plate); compact forms in any case and script.
CIVIL_SPACED = re.compile(rf"(?<!\w)[{_CYR}]\s?\d{{3}}\s?[{_CYR}]{{2}}{_REGION}(?!\w)")
CIVIL_SPACED_NO_REGION = re.compile(rf"(?<!\w)[{_CYR}]\s?\d{{3}}\s?[{_CYR}]{{2}}(?![\w])")
CIVIL_COMPACT = re.compile(rf"(?<!\w)[{_ANY}]\d{{3}}[{_ANY}]{{2}}\s?[|/]?\s?\d{{2,3}}(?!\w)")
CIVIL_COMPACT_NO_REGION = re.compile(rf"(?<!\w)[{_ANY}]\d{{3}}[{_ANY}]{{2}}(?!\w)")
MILITARY = re.compile(rf"(?<!\w)\d{{4}}\s?[{_CYR}]{{2}}\s?\d{{2}}(?!\w)|(?<!\w)\d{{4}}[{_LAT}]{{2}}\d{{2}}(?!\w)")
PUBLIC = re.compile(rf"(?<!\w)[{_CYR}]{{2}}\s?\d{{3}}\s?\d{{2,3}}(?!\w)")
UKRAINIAN = re.compile(
    rf"(?<!\w)[{_CYR}І]{{2}}\s?\d{{4}}\s?[{_CYR}І]{{2}}(?!\w)|(?<!\w)[{_LAT}I]{{2}}\d{{4}}[{_LAT}I]{{2}}(?!\w)"
)
# French plates since 2009: FG-482-TK (no I, O, U).
FRENCH = re.compile(r"(?<![\w-])[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}(?![\w-])")
# With a plate word near, lower case and spaces are accepted.
ANY_CASE = re.compile(rf"(?<!\w)[{_ANY}]\s?\d{{3}}\s?[{_ANY}]{{2}}(?:\s?[|/]?\s?\d{{2,3}})?(?!\w)")
ANY_CASE_MILITARY = re.compile(rf"(?<!\w)\d{{4}}\s?[{_ANY}]{{2}}\s?\d{{2}}(?!\w)")
CONTEXT = re.compile(
    r"(?<!\w)(?:гос\.?\s?номер\w*|госзнак\w*|номер\w*\s+(?:машин|авто|тачк|бмп|бтр|камаз|урал|грузовик|джип|"
    r"уаз|тигр|газел|буханк)\w*|номерн\w+\s+знак\w*|номера|номерах|номерами|номерам|номерні|номерний|"
    r"licen[cs]e\s+plates?|plates?|plaque\w*|immatricul\w*)",
    FLAGS,
)


class VehiclePlateRecognizer(PatternRecognizer):
    label = "VEHICLE_PLATE"
    languages = None
    name = "vehicle_plate"
    context = CONTEXT
    context_before = 40
    context_after = 16
    context_boost = 0.1
    patterns = (
        Pattern("civil", CIVIL_SPACED, 0.9),
        Pattern("civil-no-region", CIVIL_SPACED_NO_REGION, 0.7),
        Pattern("civil-compact", CIVIL_COMPACT, 0.85),
        Pattern("civil-compact-no-region", CIVIL_COMPACT_NO_REGION, 0.6),
        Pattern("military", MILITARY, 0.8),
        Pattern("public", PUBLIC, 0.5),
        Pattern("ukrainian", UKRAINIAN, 0.85),
        Pattern("french", FRENCH, 0.85),
        Pattern("any-case", ANY_CASE, 0.8, needs_context=True),
        Pattern("any-case-military", ANY_CASE_MILITARY, 0.8, needs_context=True),
    )
