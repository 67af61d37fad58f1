"""ADDRESS: street addresses, from the street to the flat.

Russian/Ukrainian: «ул. Ленина, д. 5, кв. 12», «улица Ленина 5», «на улице Карла Маркса, дом 3, корпус 2»,
«проспект Мира, 10», «пер. Садовый 3», «ул. 8 Марта», «Садовый переулок, 3», «вул. Шевченка, 5»; a street
without a house number at a lower score. English: "12 Baker Street", "221B Baker St, Apt 4", "Lenin Street 5".
French: «12 rue de la Paix», «5, avenue Foch», «3 bis boulevard Saint-Michel», «rue de la Paix» alone (lower).
"""

from __future__ import annotations

import re

from ._base import COVERED_LANGUAGES, CYR, CYR_UPPER, Pattern, PatternRecognizer, alternation

_STREET_RU = alternation(
    r"улиц(?:а|ы|е|у|ей|ею)",
    r"ул\.",
    r"проспект(?:а|у|ом|е)?",
    r"пр-к?т\.?",
    r"просп\.",
    r"пр\.",
    r"переул(?:ок|ка|ку|ком|ке)",
    r"пер\.",
    r"бульвар(?:а|у|ом|е|і)?",
    r"б-р",
    r"бул\.",
    r"шоссе",
    r"ш\.",
    r"площад(?:ь|и|ью)",
    r"пл\.",
    r"проезд(?:а|у|ом|е)?",
    r"пр-д",
    r"набережн(?:ая|ой|ую|а|ій|у)",
    r"наб\.",
    r"тупик(?:а|у|ом|е)?",
    r"алле(?:я|и|ю|ей)",
    r"микрорайон(?:а|у|ом|е)?",
    r"мкрн?\.?",
    r"квартал(?:а|у|ом|е|і)?",
    r"кв-л",
    r"тракт(?:а|у|ом|е)?",
    r"вулиц(?:я|і|ю|ею)",
    r"вул\.",
    r"провул(?:ок|ка|ку|ком|ці)",
    r"пров\.",
    r"площ(?:а|і|у|ею)",
    r"узвіз|узвозі",
)
_CAP_WORD = rf"[{CYR_UPPER}][{CYR}'’]+(?:-[{CYR_UPPER}{CYR}][{CYR}]+)?"
# «Ленина», «Карла Маркса», «8 Марта», «50 лет Октября», «2-я Тверская-Ямская».
_NAME_RU = rf"(?:\d{{1,3}}(?:-?[{CYR}]{{1,2}})?\s+(?:лет\s+)?)?{_CAP_WORD}(?:\s+{_CAP_WORD})?"
_HOUSE_RU = (
    r"(?P<house>\s*,?\s*(?:(?:д\.|дом|домом|доме|буд\.|будинок|№)\s*)?\d{1,4}(?:(?:[а-яА-Я]|\s[А-Я])(?!\w))?"
    r"(?:\s?/\s?\d{1,4}[а-я]?)?(?:\s*,?\s*(?:к\.|корп\.?|корпус|стр\.?|строение)\s*\d{1,3})?"
    r"(?:\s*,?\s*(?:кв\.|квартира|квартире|кв|офис|оф\.|комн\.|комната)\s*\d{1,4})?)?(?![\d])"
)
# The street-type words are case-insensitive, the name is capitalised.
# A full postal address is one span: «305004, г. Курск, ул. Дзержинского, д. 60», «г. Копейск, ул. Гагарина, 12».
_TOWN_RU = (
    rf"(?:(?:\d{{6}},?\s*)?(?i:г\.|город|пгт\.?|пос\.|пос[её]лок|с\.|село|дер\.|деревня|м\.|місто|смт\.?)\s*"
    rf"{_CAP_WORD}(?:[\s-]{_CAP_WORD})?,\s*|\d{{6}},\s*)?"
)
STREET_FIRST_RU = re.compile(r"(?<![\w-])" + _TOWN_RU + r"(?i:" + _STREET_RU + r")\s*" + _NAME_RU + _HOUSE_RU)
NAME_FIRST_RU = re.compile(
    rf"(?<!\w)[{CYR_UPPER}][{CYR}]+(?:ая|ий|ый|ой|ое|ка|ська|ський|цька|цький)\s+"
    r"(?:улица|улице|улицу|переулок|переулке|проспект|проспекте|бульвар|бульваре|шоссе|проезд|проезде|тупик|"
    r"набережная|набережной|площадь|площади|вулиця|вулиці|провулок|провулку)(?!\w)" + _HOUSE_RU
)

_EN_STREET = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Court|Ct\.?|Place|Pl\.?|"
    r"Square|Sq\.?|Terrace|Close|Crescent|Way|Highway|Hwy\.?|Prospekt|Prospect|Embankment|Alley)"
)
_EN_NOT_NAME = r"(?!(?:The|A|An|On|In|At|To|This|That|Our|My|His|Her|Their|Its|One|Every)\b)"
_EN_APT = r"(?:,?\s*(?:Apt\.?|Apartment|Flat|Suite|Unit|#)\s*[\w-]{1,6})?"
NUMBER_FIRST_EN = re.compile(
    r"(?<![\w,.])\d{1,5}[A-Za-z]?,?\s+(?:"
    + _EN_NOT_NAME
    + r"[A-Z][a-z]+\.?\s+){1,3}"
    + _EN_STREET
    + r"(?!\w)"
    + _EN_APT
)
STREET_THEN_NUMBER_EN = re.compile(
    r"(?<!\w)(?:" + _EN_NOT_NAME + r"[A-Z][a-z]+\s+){1,2}(?:Street|St\.|Avenue|Ave\.|Prospekt|Prospect|Lane|Road)"
    r",?\s*(?:No\.?\s*)?\d{1,4}[A-Za-z]?(?!\w)" + _EN_APT
)
STREET_NO_NUMBER_EN = re.compile(
    r"(?<!\w)(?:" + _EN_NOT_NAME + r"[A-Z][a-z]+\s+){1,2}(?:Street|Avenue|Prospekt|Prospect|Boulevard)(?!\w)"
)

_FR_STREET = (
    r"(?i:rue|avenue|av\.|boulevard|bd\.?|blvd\.?|place|pl\.|all[ée]e|impasse|chemin|quai|cours|route|square|"
    r"passage|chauss[ée]e|faubourg|rond-point|cit[ée]|r[ée]sidence|voie|sentier)"
)
_FR_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
_FR_NAME = (
    r"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’]|la|le|les|l['’])\s*)?"
    + _FR_CAP
    + r"(?:\s+(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?"
    + _FR_CAP
    + r"){0,3}"
)
_FR_POSTCODE = r"(?:,?\s+\d{5}(?:\s+[A-ZÀ-Þ][\w'’-]+)?)?"
NUMBER_FIRST_FR = re.compile(
    r"(?<![\w,.])\d{1,4}(?:\s?(?:bis|ter)|[A-Za-z])?\s*,?\s+" + _FR_STREET + r"\s+" + _FR_NAME + _FR_POSTCODE
)
STREET_NO_NUMBER_FR = re.compile(r"(?<!\w)(?i:rue|avenue|boulevard|impasse|all[ée]e)\s+" + _FR_NAME)


class AddressRecognizer(PatternRecognizer):
    label = "ADDRESS"
    languages = COVERED_LANGUAGES
    name = "address"
    patterns = (
        Pattern("street-first-ru", STREET_FIRST_RU, 0.85),
        Pattern("name-first-ru", NAME_FIRST_RU, 0.8),
        Pattern("number-first-en", NUMBER_FIRST_EN, 0.85),
        Pattern("street-then-number-en", STREET_THEN_NUMBER_EN, 0.8),
        Pattern("street-en", STREET_NO_NUMBER_EN, 0.5),
        Pattern("number-first-fr", NUMBER_FIRST_FR, 0.85),
        Pattern("street-fr", STREET_NO_NUMBER_FR, 0.5),
    )

    def validate(self, match: re.Match[str], pattern: Pattern) -> bool | float:
        if pattern.name in ("street-first-ru", "name-first-ru") and not match.group("house"):
            return pattern.score - 0.25  # a street without a house
        return True
