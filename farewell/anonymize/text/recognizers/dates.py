"""DATE: exact dates (a day is named), in Russian, Ukrainian, English and French, and in numbers.

«23 сентября 2022 года», «23 сентября», «в ночь на 24 февраля», «с 23 на 24 февраля» (one span), «первого
сентября», «24 лютого 2022 р.», «23.09.2022», «23/09/22», «23.09», «7.XI», ISO «2022-09-23»; "September 23, 2022",
"Sept. 23rd", "23 September", "the 24th of February"; «23 septembre 2022», «le 1er mars».
Not a year alone («в 2022 году»), a month alone («в сентябре», «в сентябре 2022»), a time («в 23.09» is read as a
time, «12:30»), nor a decimal number («3.5 км»).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import FLAGS, Pattern, PatternRecognizer, alternation

_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_MONTHS_RU = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"янв\.?|февр?\.?|апр\.?|авг\.?|сент?\.?|окт\.?|нояб?\.?|дек\.?)"
)
_MONTHS_UK = r"(?:січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)"
_MONTHS_EN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MONTHS_FR = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|"
    r"janv\.|f[ée]vr\.|avr\.|juil\.|sept\.|oct\.|nov\.|d[ée]c\.)"
)
_ORDINAL_RU = r"(?:-?(?:го|е|ое|ого))?"
_UNITS_RU = r"(?:первого|второго|третьего|четв[её]ртого|пятого|шестого|седьмого|восьмого|девятого)"
_DAY_WORD_RU = alternation(
    r"(?:двадцать|тридцать)\s+" + _UNITS_RU,
    _UNITS_RU,
    r"десятого|одиннадцатого|двенадцатого|тринадцатого|четырнадцатого|пятнадцатого|шестнадцатого",
    r"семнадцатого|восемнадцатого|девятнадцатого|двадцатого|тридцатого",
)
_YEAR_WORD_RU = r"(?:\s?(?:года|году|год|гг?\.|г(?!\w)|р\.|року|рік|р(?!\w)))?"
_RANGE_RU = r"(?:\s*(?:[-–—]|по|на|и|или|та|і|й|чи)\s*" + _DAY + _ORDINAL_RU + r")?"

TEXT_RU = re.compile(
    r"(?<![\w.,])(?:" + _DAY + _ORDINAL_RU + _RANGE_RU + "|" + _DAY_WORD_RU + r")\s+(?:" + _MONTHS_RU + "|"
    r"" + _MONTHS_UK + r")(?!\w)(?:\s*,?\s*" + _YEAR + r"(?!\d)" + _YEAR_WORD_RU + ")?",
    FLAGS,
)
_EN_DAY = _DAY + r"(?:st|nd|rd|th)?"
# English months are capitalised: "I may 5" is not a date.
TEXT_EN_MONTH_FIRST = re.compile(
    r"(?<![\w.])"
    + _MONTHS_EN
    + r"\s+"
    + _EN_DAY
    + r"(?:\s*[-–]\s*"
    + _EN_DAY
    + r")?(?![\w:])(?:,?\s+"
    + _YEAR
    + r"(?!\d))?"
)
TEXT_EN_DAY_FIRST = re.compile(
    r"(?<![\w.,])"
    + _EN_DAY
    + r"(?:\s*[-–]\s*"
    + _EN_DAY
    + r")?(?:\s+of)?\s+"
    + _MONTHS_EN
    + r"(?!\w)(?:,?\s+"
    + _YEAR
    + r"(?!\d))?"
)
TEXT_FR = re.compile(
    r"(?<![\w.,])(?:1er|1re|premier|"
    + _DAY
    + r")(?:\s*(?:[-–]|au|et)\s*"
    + _DAY
    + r")?\s+"
    + _MONTHS_FR
    + r"(?!\w)(?:\s+"
    + _YEAR
    + r"(?!\d))?",
    FLAGS,
)
NUMERIC = re.compile(
    r"(?<![\d.,/:-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?!\d|[.,/-]\d)"
    + _YEAR_WORD_RU,
    FLAGS,
)
ISO = re.compile(r"(?<![\d.,/-])(?P<y>(?:19|20)\d{2})(?P<sep>[-./])(?P<b>\d{2})(?P=sep)(?P<a>\d{2})(?![\d]|[.,/-]\d)")
# Military registers write the month in Roman numerals: «7.XI», «7.XI.2022».
ROMAN_MONTH = re.compile(
    r"(?<![\d.,/:-])(?P<a>\d{1,2})\.(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?:\.(?:\d{4}|\d{2}))?(?![\w]|\.\d)"
)
DAY_MONTH = re.compile(r"(?<![\d.,/:-])(?P<a>\d{2})\.(?P<b>\d{2})(?!\d|[.,:]\d)")
# «в 23.09», "at 12.30" are times; «10.05 км» is a measure.
_BEFORE_TIME = re.compile(r"(?:\b(?:в|к|до|с|со|около|at|à|vers|by|from|until|till)\s*|[~≈])$", FLAGS)
_AFTER_NOT_DATE = re.compile(
    r"^\s*(?:утра|вечера|дня|ночи|ч\b|час|мин|h\b|am\b|pm\b|км|м\b|кг|г\b|л\b|руб|р\b|грн|%|km|kg|€|\$|евро|долл|"
    r"тыс|млн|процент|градус|°)",
    FLAGS,
)


def _is_day_month(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


class DateRecognizer(PatternRecognizer):
    label = "DATE"
    languages = None
    name = "date"
    patterns = (
        Pattern("text-ru", TEXT_RU, 0.9),
        Pattern("text-en-month-first", TEXT_EN_MONTH_FIRST, 0.9),
        Pattern("text-en-day-first", TEXT_EN_DAY_FIRST, 0.9),
        Pattern("text-fr", TEXT_FR, 0.9),
        Pattern("numeric", NUMERIC, 0.9),
        Pattern("iso", ISO, 0.95),
        Pattern("day-month", DAY_MONTH, 0.5),
        Pattern("roman-month", ROMAN_MONTH, 0.85),
    )

    def spans(self, text: str, match: re.Match[str], pattern: Pattern) -> Iterable[tuple[int, int, float]]:
        start, end = match.span()
        if pattern.name == "roman-month" and not 1 <= int(match.group("a")) <= 31:
            return ()
        if pattern.name in ("numeric", "iso", "day-month"):
            a, b = int(match.group("a")), int(match.group("b"))
            # Day first (23.09.2022); month first only with slashes (9/23/2022).
            if not (_is_day_month(a, b) or (match.group(0).count("/") and _is_day_month(b, a))):
                return ()
            if pattern.name == "day-month":
                if _BEFORE_TIME.search(text[max(0, start - 8) : start]) or _AFTER_NOT_DATE.match(text[end : end + 10]):
                    return ()
        return ((start, end, pattern.score),)
