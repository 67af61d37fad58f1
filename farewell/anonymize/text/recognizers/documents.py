"""ID_DOCUMENT: numbers of identity documents; the entity is the number (with its series).

- Russian internal passport: «паспорт 45 12 345678», «серия 4512 номер 345678», «серия 45 12 № 345678»;
  a bare «45 12 345678» at a low score; a driving licence has the same shape («водительское удостоверение»);
- foreign passport, Ukrainian ID card: 9 digits («75 1234567») near «загранпаспорт», «passport», «паспорт»;
- military ID: two Cyrillic capitals and 7 digits («военный билет АБ 1234567»); a series of two letters and 6-7
  digits near «удостоверение», «посвідчення», «військовий квиток», Ukrainian passport «серія АА № 123456»;
- personal number / dog tag: «личный номер Ж-123456»;
- SNILS «123-456-789 01» and INN (10 or 12 digits; Ukrainian РНОКПП, Kazakh ИИН) with a valid checksum, or right
  after their name («СНИЛС …», «ИНН …») at a low score when the checksum fails (a typo hides nobody);
- a bank card number (16-19 digits) with a valid Luhn checksum: it leads to its holder as surely as a passport.
"""

from __future__ import annotations

import re

from ._base import CYR_UPPER, FLAGS, Pattern, PatternRecognizer


def _context(*words: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")", FLAGS)


PASSPORT_CONTEXT = _context(
    r"паспорт\w*",
    r"загран\w*",
    r"passport\w*",
    r"passeport\w*",
    r"удостоверени\w*",
    r"посвідчен\w*",
    r"водительск\w*",
    r"водійськ\w*",
    r"права",
    r"документ\w*",
    r"id[-\s]?картк\w*",
    r"id[-\s]?card",
    r"identity\s+card",
    r"carte\s+d['’]identit[ée]",
)
FOREIGN_PASSPORT_CONTEXT = _context(
    r"загран\w*", r"заграничн\w*", r"закордонн\w*", r"passport\w*", r"passeport\w*", r"паспорт\w*", r"id[-\s]?картк\w*"
)
MILITARY_ID_CONTEXT = _context(
    r"военн\w*\s+билет\w*",
    r"военник\w*",
    r"в/б",
    r"військов\w*\s+квит\w*",
    r"military\s+id",
    r"military\s+card",
    r"livret\s+militaire",
    r"удостоверени\w*",
    r"посвідчен\w*",
    r"билет\w*",
)
SERIES_CONTEXT = _context(
    r"паспорт\w*",
    r"удостоверени\w*",
    r"посвідчен\w*",
    r"квит\w*",
    r"билет\w*",
    r"документ\w*",
    r"licen[cs]e",
    r"permis",
    r"свидетельств\w*",
    r"свідоцтв\w*",
)
PERSONAL_NUMBER_CONTEXT = _context(r"личн\w*\s+номер\w*", r"жетон\w*", r"особист\w*\s+номер\w*", r"service\s+number")
CARD_CONTEXT = _context(r"карт\w*", r"card", r"carte", r"visa", r"mastercard", r"мир", r"сбер\w*", r"банк\w*", r"bank")
SNILS_CONTEXT = _context(r"снилс\w*", r"страхов\w*\s+(?:номер|свидетельств)\w*", r"пенсионн\w*")
# The document's name just before the number: «СНИЛС 148-215-903 47», «его ИНН 745208913376», "SNILS: …".
NAMED_JUST_BEFORE = re.compile(
    r"(?<!\w)(?:снилс|snils|инн|inn|іпн|рнокпп|иин|iin|tax\s+(?:id|number))(?:\s+(?:is|was|est|номер|number))?\W{0,12}$",
    re.IGNORECASE,
)
TAX_CONTEXT = _context(
    r"инн", r"inn", r"іпн", r"рнокпп", r"иин", r"iin", r"бин", r"налогов\w*", r"податков\w*", r"tax\s+(?:id|number)"
)

_NO = r"(?:№|N|No\.?|номер|номер:)"
PASSPORT_SERIES_NUMBER = re.compile(
    r"(?<!\w)(?:серии|серия|серію|серія|серії|сер\.)\s*(?P<id>\d{2}\s?\d{2}\s*,?\s*(?:" + _NO + r"\s*)?\d{6})(?!\d)",
    FLAGS,
)
PASSPORT_DIGITS = re.compile(r"(?<![\d-])(?P<id>\d{2}\s?\d{2}\s?(?:№\s?)?\d{6})(?![\d-])")
PASSPORT_BARE = re.compile(r"(?<![\d-])(?P<id>\d{2} \d{2} \d{6})(?![\d-])")
FOREIGN_PASSPORT = re.compile(r"(?<![\d-])(?P<id>\d{2}\s?(?:№\s?)?\d{7})(?![\d-])")
MILITARY_ID = re.compile(rf"(?<!\w)(?P<id>[{CYR_UPPER}]{{2}}\s?(?:№\s?)?\d{{7}})(?!\d)")
# Transliterated in an English or French text: "my military ID is AK 2095817".
MILITARY_ID_LATIN = re.compile(r"(?<!\w)(?P<id>[A-Z]{2}\s?(?:No\.?\s?|№\s?)?\d{7})(?!\d)")
SERIES_LETTERS = re.compile(
    rf"(?<!\w)(?P<id>[{CYR_UPPER}A-Z]{{2}}\s?[-№]?\s?(?:№\s?)?\d{{6,7}})(?!\d)",
)
UKRAINIAN_SERIES = re.compile(
    rf"(?<!\w)(?:серії|серія|серію|серия|серии)\s*(?P<id>[{CYR_UPPER}]{{2}}\s*,?\s*(?:" + _NO + r"\s*)?\d{6,7})(?!\d)",
    re.UNICODE,
)
PERSONAL_NUMBER = re.compile(rf"(?<!\w)(?P<id>[{CYR_UPPER}]{{1,2}}-?\s?\d{{6}})(?!\d)")
SNILS_FORMATTED = re.compile(r"(?<![\d-])(?P<id>\d{3}-\d{3}-\d{3}[\s-]\d{2})(?![\d-])")
SNILS_PLAIN = re.compile(r"(?<![\d-])(?P<id>\d{3}\s?\d{3}\s?\d{3}\s?\d{2})(?![\d-])")
BANK_CARD = re.compile(r"(?<![\d-])(?P<id>\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?)(?![\d-])")
TAX_NUMBER = re.compile(r"(?<![\d-])(?P<id>\d{12}|\d{10})(?![\d-])")


def snils_is_valid(digits: str) -> bool:
    if len(digits) != 11 or int(digits[:9]) <= 1001998:
        return False
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits[:9]))
    check = total % 101 if total > 101 else total
    return (0 if check in (100, 101) else check) == int(digits[9:])


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def russian_inn_is_valid(digits: str) -> bool:
    if len(digits) == 10:
        return _weighted(digits, (2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(digits[9])
    if len(digits) == 12:
        return _weighted(digits, (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)) == int(digits[10]) and _weighted(
            digits, (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
        ) == int(digits[11])
    return False


def ukrainian_tax_number_is_valid(digits: str) -> bool:
    """РНОКПП (ІПН): 10 digits, the last a checksum."""
    if len(digits) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(digits, (-1, 5, 7, 9, 4, 6, 10, 5, 7), strict=False))
    return total % 11 % 10 == int(digits[9])


def kazakh_iin_is_valid(digits: str) -> bool:
    if len(digits) != 12:
        return False
    check = sum(int(d) * w for d, w in zip(digits, range(1, 12), strict=False)) % 11
    if check == 10:
        check = sum(int(d) * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=False)) % 11
        if check == 10:
            return False
    return check == int(digits[11])


def tax_number_is_valid(digits: str) -> bool:
    return russian_inn_is_valid(digits) or ukrainian_tax_number_is_valid(digits) or kazakh_iin_is_valid(digits)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class IdDocumentRecognizer(PatternRecognizer):
    label = "ID_DOCUMENT"
    languages = None
    name = "id_document"
    context_before = 40
    context_after = 16
    context_boost = 0.1
    patterns = (
        Pattern("passport-series-number", PASSPORT_SERIES_NUMBER, 0.9, "id", context=PASSPORT_CONTEXT),
        Pattern("passport", PASSPORT_DIGITS, 0.8, "id", needs_context=True, context=PASSPORT_CONTEXT),
        Pattern("passport-bare", PASSPORT_BARE, 0.5, "id", context=PASSPORT_CONTEXT),
        Pattern("foreign-passport", FOREIGN_PASSPORT, 0.8, "id", needs_context=True, context=FOREIGN_PASSPORT_CONTEXT),
        Pattern("military-id", MILITARY_ID, 0.7, "id", context=MILITARY_ID_CONTEXT),
        Pattern("military-id-latin", MILITARY_ID_LATIN, 0.8, "id", needs_context=True, context=MILITARY_ID_CONTEXT),
        Pattern("series-letters", SERIES_LETTERS, 0.75, "id", needs_context=True, context=SERIES_CONTEXT),
        Pattern("ukrainian-series", UKRAINIAN_SERIES, 0.9, "id", context=PASSPORT_CONTEXT),
        Pattern("personal-number", PERSONAL_NUMBER, 0.8, "id", needs_context=True, context=PERSONAL_NUMBER_CONTEXT),
        Pattern("snils", SNILS_FORMATTED, 0.85, "id", context=SNILS_CONTEXT),
        Pattern("snils-plain", SNILS_PLAIN, 0.85, "id", needs_context=True, context=SNILS_CONTEXT),
        Pattern("bank-card", BANK_CARD, 0.8, "id", context=CARD_CONTEXT),
        Pattern("tax-number", TAX_NUMBER, 0.85, "id", needs_context=True, context=TAX_CONTEXT),
        Pattern("tax-number-bare", TAX_NUMBER, 0.5, "id", context=TAX_CONTEXT),
    )

    def validate(self, match: re.Match[str], pattern: Pattern) -> bool | float:
        digits = _digits(match.group("id"))
        if pattern.name.startswith("snils") or pattern.name == "tax-number":
            valid = snils_is_valid(digits) if pattern.name.startswith("snils") else tax_number_is_valid(digits)
            if valid:
                return True
            # A mistyped number right after its name («СНИЛС 148-215-903 47») is still the writer's: kept, lower.
            start = match.start("id")
            return 0.45 if NAMED_JUST_BEFORE.search(match.string, max(0, start - 24), start) else False
        if pattern.name == "bank-card":
            return luhn_is_valid(digits)
        if pattern.name == "tax-number-bare":
            # Without a word such as «ИНН» only a 12-digit number with a valid checksum is kept.
            return len(digits) == 12 and tax_number_is_valid(digits)
        return True
