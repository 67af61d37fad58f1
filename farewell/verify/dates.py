"""Date mentions in Russian, English and French text, found by a table of regular expressions.

`find_dates` returns absolute dates («24 февраля 2022 года», "February 24, 2022", «le 24 février
2022», 24.02.2022, 2022-02-24, «в 2022 году», «весной 2023») and, when a base day is given,
relative ones («три дня назад», «в прошлом году», "two weeks ago", «il y a deux mois»). Values are
'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', at the precision the text gives; a season gives its year.

A mention whose value depends on the base day or on the text around it is `relative`: those above
(skipped without a base), and a day or month written without its year («21 сентября», «в
марте»). That one takes the year of the date mentioned before it, or the next year if its month
comes earlier («11 ноября 2022 … в феврале» → 2023-02), but never a day after the base (accounts
tell the past); with no date before it, the base year or the year before; with neither, it is
skipped. «Через неделю», "a week later" are relative to the story, not to the account's day,
and are not read. Years outside 1900–2099 are not dates; a bare number never is («35 лет»,
«в/ч 12345», «200 человек»), nor is a year after a preposition when a unit follows («в 2000 км»).
Numbers are day first (24/02/2022) unless only month first is a date; two-digit years below 50
are 20xx (24.02.22). An impossible date («32 января 2022», 31.02.2022) gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from farewell.anonymize.text.spans import longest_first

LANGUAGES = ("ru", "en", "fr")
YEARS = (1900, 2099)

# Month number → patterns of its name in every form the language uses.
MONTHS = {
    "ru": {
        1: r"январ(?:ь|я|ю|е|ём|ем)|янв\.",
        2: r"феврал(?:ь|я|ю|е|ём|ем)|февр?\.",
        3: r"март(?:а|у|е|ом)?|мар\.",
        4: r"апрел(?:ь|я|ю|е|ем)|апр\.",
        5: r"ма(?:й|я|ю|е|ем|ём)",
        6: r"июн(?:ь|я|ю|е|ем)|июн\.",
        7: r"июл(?:ь|я|ю|е|ем)|июл\.",
        8: r"август(?:а|у|е|ом)?|авг\.",
        9: r"сентябр(?:ь|я|ю|е|ём|ем)|сент?\.",
        10: r"октябр(?:ь|я|ю|е|ём|ем)|окт\.",
        11: r"ноябр(?:ь|я|ю|е|ём|ем)|нояб?\.",
        12: r"декабр(?:ь|я|ю|е|ём|ем)|дек\.",
    },
    "en": {
        1: r"january|jan\.?",
        2: r"february|feb\.?",
        3: r"march|mar\.?",
        4: r"april|apr\.?",
        5: r"may",
        6: r"june|jun\.?",
        7: r"july|jul\.?",
        8: r"august|aug\.?",
        9: r"september|sept?\.?",
        10: r"october|oct\.?",
        11: r"november|nov\.?",
        12: r"december|dec\.?",
    },
    "fr": {
        1: r"janvier|janv\.",
        2: r"f[ée]vrier|f[ée]vr\.",
        3: r"mars",
        4: r"avril|avr\.",
        5: r"mai",
        6: r"juin",
        7: r"juillet|juil\.",
        8: r"ao[ûu]t",
        9: r"septembre",
        10: r"octobre|oct\.",
        11: r"novembre|nov\.",
        12: r"d[ée]cembre|d[ée]c\.",
    },
}
# English month names that are also common lowercase words: only read when capitalized.
EN_LOWERCASE_WORDS = frozenset({"may", "mar", "march"})

# fmt: off
NUMBERS = {
    "ru": {
        "один": 1, "одна": 1, "одно": 1, "одну": 1, "два": 2, "две": 2, "пару": 2, "пара": 2,
        "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
        "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    },
    "en": {
        "a": 1, "an": 1, "one": 1, "a couple of": 2, "two": 2, "three": 3, "four": 4, "five": 5,
        "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    },
    "fr": {
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
        "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    },
}
# fmt: on

# Word start → (unit, multiplier); the first prefix that matches wins.
UNITS = (
    ("полгод", "month", 6),
    ("дн", "day", 1),
    ("ден", "day", 1),
    ("сут", "day", 1),
    ("недел", "week", 1),
    ("месяц", "month", 1),
    ("год", "year", 1),
    ("лет", "year", 1),
    ("day", "day", 1),
    ("week", "week", 1),
    ("month", "month", 1),
    ("year", "year", 1),
    ("jour", "day", 1),
    ("semaine", "week", 1),
    ("mois", "month", 1),
    ("an", "year", 1),
)
# Russian unit words that mean one of them without a number («год назад», «неделю назад»).
SINGULAR_UNITS = frozenset({"день", "сутки", "неделю", "месяц", "год", "полгода"})

# Word start → season, and the month each season ends in (winter: February of its second year).
SEASONS = (
    ("весн", "spring"),
    ("лет", "summer"),
    ("осен", "autumn"),
    ("зим", "winter"),
    ("spring", "spring"),
    ("summer", "summer"),
    ("autumn", "autumn"),
    ("fall", "autumn"),
    ("winter", "winter"),
    ("printemps", "spring"),
    ("été", "summer"),
    ("ete", "summer"),
    ("automne", "autumn"),
    ("hiver", "winter"),
)
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "winter": 2}

# Word start → how many years/months/weeks back «прошлый», "last", «dernier»… point.
OFFSETS = (
    ("позапрошл", 2),
    ("прошл", 1),
    ("текущ", 0),
    ("нынешн", 0),
    ("эт", 0),
    ("last", 1),
    ("this", 0),
    ("derni", 1),
    ("pass", 1),
    ("cette", 0),
    ("ce", 0),
)

_YEAR = r"(?<![\d.,/])(?P<y>(?:19|20)\d\d)(?![\d])"
_RU_YEAR_WORD = r"(?:\s*-?(?:го|м|й))?\s*(?:год(?:а|у|ом|ах|ы|ов)?\b|гг?\.(?:\s?р\.)?|г\b)"
_RU_SUFFIX = rf"(?:{_RU_YEAR_WORD})?"
_DAY = r"(?<![\d.,/])(?P<d>[0-3]?\d)"
_UNITS_AFTER = (
    r"(?!\s*(?:[-–]?(?:х|е|ые|s)\b|[.,]\d|%|км|м\b|метр|килом|тыс|млн|руб|р\.|долл|евро|\$|€|человек|"
    r"чел\b|бойц|солдат|штук|шт\b|km|m\b|miles?\b|people|men\b|soldiers|troops|dollars|euros|rubles|"
    r"roubles|hommes|personnes|soldats|mètres|metres))"
)
_SEASONS_RU = r"весн(?:а|ой|у|е|ы)|лет(?:о|ом|а|у|е)|осен(?:ь|ью|и)|зим(?:а|ой|у|е|ы)"
_SEASONS_EN = r"spring|summer|autumn|fall|winter"
_SEASONS_FR = r"printemps|[ée]t[ée]|automne|hiver"
_APOS = r"['’]"
_NO_YEAR = "XXXX"  # a day or month whose year is still to be found
_BLOCKED = ""  # an impossible date: it takes its place among the mentions, then is dropped


def _month_alternation(language: str) -> str:
    return "(?P<m>" + "|".join(MONTHS[language].values()) + r")(?!\w)"


_FRAGMENTS = {
    "YEAR": _YEAR,
    "RU_SUFFIX": _RU_SUFFIX,
    "RU_YEAR_WORD": _RU_YEAR_WORD,
    "DAY": _DAY,
    "UNITS_AFTER": _UNITS_AFTER,
    "MONTH_RU": _month_alternation("ru"),
    "MONTH_EN": _month_alternation("en"),
    "MONTH_FR": _month_alternation("fr"),
    "SEASON_RU": rf"(?P<s>{_SEASONS_RU})(?!\w)",
    "SEASON_EN": rf"(?P<s>{_SEASONS_EN})(?!\w)",
    "SEASON_FR": rf"(?P<s>{_SEASONS_FR})(?!\w)",
    "NUM_RU": r"(?P<n>" + "|".join(NUMBERS["ru"]) + r"|\d{1,3})",
    "NUM_EN": r"(?P<n>" + "|".join(sorted(NUMBERS["en"], key=len, reverse=True)) + r"|\d{1,3})",
    "NUM_FR": r"(?P<n>" + "|".join(NUMBERS["fr"]) + r"|\d{1,3})",
    "APOS": _APOS,
}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    relative: bool = False  # the value was computed from the base day or the dates before it


@dataclass(frozen=True)
class _Rule:
    """One pattern. kind: 'absolute' (y/m/mn/d groups), 'numeric' (a/b/y: dd/mm or mm/dd),
    'ago' (n, unit), 'offset' (unit and amount, or a rel group; m/d groups keep their month/day),
    'season' (s and rel). The mention is the 'date' group when there is one, else the match."""

    language: str | None
    kind: str
    pattern: re.Pattern[str]
    unit: str | None = None
    amount: int | None = None


def _rule(language: str | None, kind: str, pattern: str, unit: str | None = None, amount: int | None = None) -> _Rule:
    for name, fragment in _FRAGMENTS.items():
        pattern = pattern.replace("{" + name + "}", fragment)
    return _Rule(language, kind, re.compile(pattern, re.IGNORECASE), unit, amount)


_RU_PREP = r"(?<!\w)(?:в|во|с|со|до|после|по|к|от|начале|конце|середине|начала|конца|середины)\s+"
_EN_PREP = r"(?<!\w)(?:(?:in|since|by|until|till|before|after|from|during|through|early|late|mid)\s+|mid-)"
_FR_PREP = r"(?<!\w)(?:(?:en|depuis|d[ée]but|fin|courant|d[èe]s|jusqu['’]en|avant|apr[èe]s)\s+|mi-)"

RULES = (
    # Numbers: 2022-02-24, 24.02.2022 (24.02.22), 24/02/2022, 02.2022.
    _rule(None, "absolute", r"(?<![\d.-])(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
    _rule(
        None,
        "absolute",
        r"(?<![\d.,/-])(?P<d>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>(?:19|20)\d\d|\d\d)(?![\d]|\.\d){RU_SUFFIX}",
    ),
    _rule(None, "numeric", r"(?<![\d/.-])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])"),
    _rule(None, "absolute", r"(?<![\d.,/-])(?P<mn>0[1-9]|1[0-2])\.(?P<y>(?:19|20)\d\d)(?![\d]|\.\d){RU_SUFFIX}"),
    # Russian: 24 февраля 2022 года, 24-го февраля, феврале 2022, в 2022 году, весной 2023.
    _rule("ru", "absolute", r"{DAY}(?:-?(?:го|е|ое))?\s+{MONTH_RU}(?:\s+{YEAR}{RU_SUFFIX})?"),
    _rule("ru", "absolute", r"{MONTH_RU}\s+{YEAR}{RU_SUFFIX}"),
    _rule("ru", "absolute", _RU_PREP + r"(?P<date>{MONTH_RU})"),
    _rule("ru", "absolute", r"{YEAR}{RU_YEAR_WORD}"),
    _rule("ru", "absolute", r"{YEAR}(?=\s*[-–—]\s*(?:19|20)\d\d\s*(?:гг|год))"),
    _rule("ru", "absolute", r"(?:{SEASON_RU})\s+{YEAR}{RU_SUFFIX}"),
    _rule("ru", "absolute", _RU_PREP + r"(?P<date>{YEAR}(?:-?(?:м|го|й)\b)?){UNITS_AFTER}"),
    # English: February 24, 2022; 24th of February 2022; March 2023; in March; in 2022; spring 2023.
    _rule("en", "absolute", r"(?<!\w){MONTH_EN}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d\w])(?:,?\s+{YEAR})?"),
    _rule("en", "absolute", r"{DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_EN}(?:,?\s+{YEAR})?"),
    _rule("en", "absolute", r"(?<!\w){MONTH_EN},?\s+(?:of\s+)?{YEAR}"),
    _rule("en", "absolute", _EN_PREP + r"(?P<date>{MONTH_EN})"),
    _rule("en", "absolute", r"(?<!\w)(?:the\s+)?{SEASON_EN}\s+(?:of\s+)?{YEAR}"),
    _rule("en", "absolute", _EN_PREP + r"(?P<date>{YEAR}){UNITS_AFTER}"),
    # French: 24 février 2022, 1er mars, mars 2023, en mars, en 2022, au printemps 2023.
    _rule("fr", "absolute", r"(?<![\d.,/-])(?P<d>[0-3]?\d|1er)\s+{MONTH_FR}(?:\s+{YEAR})?"),
    _rule("fr", "absolute", r"(?<!\w){MONTH_FR}\s+{YEAR}"),
    _rule("fr", "absolute", _FR_PREP + r"(?P<date>{MONTH_FR})"),
    _rule("fr", "absolute", r"(?<!\w){SEASON_FR}\s+(?:de\s+|d{APOS})?{YEAR}"),
    _rule("fr", "absolute", _FR_PREP + r"(?P<date>{YEAR}){UNITS_AFTER}"),
    # Russian relative.
    _rule("ru", "offset", r"(?<!\w)позавчера(?!\w)", "day", 2),
    _rule("ru", "offset", r"(?<!\w)вчера(?!\w)", "day", 1),
    _rule(
        "ru",
        "ago",
        r"(?<!\w)(?:{NUM_RU}\s+)?(?P<unit>дн(?:я|ей)|день|сут(?:ки|ок)|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет|полгода)"
        r"\s+(?:тому\s+)?назад(?!\w)",
    ),
    _rule("ru", "offset", r"(?<!\w)в\s+(?P<rel>позапрошлом|прошлом|этом|текущем|нынешнем)\s+году(?!\w)", "year"),
    _rule("ru", "offset", r"(?<!\w)(?P<rel>позапрошлого|прошлого|этого|текущего|нынешнего)\s+года(?!\w)", "year"),
    _rule("ru", "offset", r"(?<!\w)в\s+(?P<rel>позапрошлом|прошлом|этом)\s+месяце(?!\w)", "month"),
    _rule("ru", "offset", r"(?<!\w)(?P<rel>позапрошлого|прошлого|этого)\s+месяца(?!\w)", "month"),
    _rule("ru", "offset", r"(?<!\w)на\s+(?P<rel>позапрошлой|прошлой|этой)\s+неделе(?!\w)", "week"),
    _rule(
        "ru",
        "offset",
        r"(?:{DAY}(?:-?(?:го|е))?\s+)?{MONTH_RU}\s+(?P<rel>позапрошлого|прошлого|этого|текущего|нынешнего)\s+года(?!\w)",
        "year",
    ),
    _rule(
        "ru", "season", r"(?<!\w)(?P<rel>позапрошл(?:ой|ым|ую|ое)|прошл(?:ой|ым|ую|ое)|эт(?:ой|им|у|о))\s+{SEASON_RU}"
    ),
    # English relative.
    _rule("en", "offset", r"(?<!\w)the\s+day\s+before\s+yesterday(?!\w)", "day", 2),
    _rule("en", "offset", r"(?<!\w)yesterday(?!\w)", "day", 1),
    _rule("en", "ago", r"(?<!\w){NUM_EN}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago(?!\w)"),
    _rule("en", "offset", r"(?<!\w)half\s+a\s+year\s+ago(?!\w)", "month", 6),
    _rule("en", "offset", r"(?<!\w)the\s+year\s+before\s+last(?!\w)", "year", 2),
    _rule("en", "offset", r"(?<!\w)(?P<rel>last|this)\s+year(?!\w)", "year"),
    _rule("en", "offset", r"(?<!\w)(?P<rel>last|this)\s+month(?!\w)", "month"),
    _rule("en", "offset", r"(?<!\w)(?P<rel>last)\s+week(?!\w)", "week"),
    _rule(
        "en",
        "offset",
        r"(?<!\w)(?:{DAY}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{MONTH_EN}\s+(?P<rel>last|this)\s+year(?!\w)",
        "year",
    ),
    _rule("en", "season", r"(?<!\w)(?P<rel>last|this)\s+{SEASON_EN}(?!\w)"),
    # French relative.
    _rule("fr", "offset", r"(?<!\w)avant[-\s]hier(?!\w)", "day", 2),
    _rule("fr", "offset", r"(?<!\w)hier(?!\w)", "day", 1),
    _rule("fr", "ago", r"(?<!\w)il\s+y\s+a\s+{NUM_FR}\s+(?P<unit>jours?|semaines?|mois|ans|an|ann[ée]es?)(?!\w)"),
    _rule("fr", "offset", r"(?<!\w)l{APOS}(?:ann[ée]e|an)\s+(?P<rel>derni[èe]re?|pass[ée]e?)(?!\w)", "year"),
    _rule("fr", "offset", r"(?<!\w)(?P<rel>cette)\s+ann[ée]e(?!\w)", "year"),
    _rule("fr", "offset", r"(?<!\w)le\s+mois\s+(?P<rel>dernier|pass[ée])(?!\w)", "month"),
    _rule("fr", "offset", r"(?<!\w)la\s+semaine\s+(?P<rel>derni[èe]re|pass[ée]e)(?!\w)", "week"),
    _rule(
        "fr",
        "offset",
        r"(?:(?<![\d.,/-])(?P<d>[0-3]?\d|1er)\s+)?{MONTH_FR}\s+(?:de\s+)?l{APOS}(?:ann[ée]e|an)\s+"
        r"(?P<rel>derni[èe]re?|pass[ée]e?)(?!\w)",
        "year",
    ),
    _rule("fr", "season", r"(?<!\w)(?:(?:le|l{APOS}|au|à\s+l{APOS})\s*)?{SEASON_FR}\s+(?P<rel>dernier|pass[ée])(?!\w)"),
    _rule("fr", "season", r"(?<!\w)(?P<rel>cet|ce)\s+{SEASON_FR}(?!\w)"),
)


def find_dates(text: str, language: str | None = None, base: str | None = None) -> list[DateMention]:
    """The dates `text` mentions, sorted by start, without overlaps (the longest mention wins).

    `language` ('ru', 'en', 'fr') limits the word tables to that language; any other value or None
    uses all. `base` ('YYYY-MM-DD', the account's day) resolves relative and year-less dates.
    """
    base_day = date.fromisoformat(base) if base else None
    rules = [r for r in RULES if r.language is None or language not in LANGUAGES or r.language == language]
    found: list[DateMention] = []
    for rule in rules:
        for match in rule.pattern.finditer(text):
            mention = _mention(rule, match, base_day)
            if mention is not None:
                found.append(mention)
    chosen = longest_first(sorted(found, key=lambda m: (m.start - m.end, m.start, m.relative)))
    return _resolve_years(chosen, base_day)


def _mention(rule: _Rule, match: re.Match[str], base: date | None) -> DateMention | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if rule.kind == "absolute":
        resolved = _absolute(rule, groups)
    elif rule.kind == "numeric":
        resolved = _numeric(groups)
    elif base is None:
        return None
    elif rule.kind == "ago":
        resolved = _ago(groups, base)
    elif rule.kind == "offset":
        resolved = _offset(rule, groups, base)
    else:
        resolved = _season(groups, base)
    if resolved is None:
        return None
    if resolved[0][:4].isdigit() and not YEARS[0] <= int(resolved[0][:4]) <= YEARS[1]:
        return None
    start, end = match.span("date") if "date" in groups else match.span()
    return DateMention(start, end, match.string[start:end], resolved[0], resolved[1])


def _format(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(token: str, language: str | None) -> int | None:
    for lang in (language,) if language else LANGUAGES:
        for number, pattern in MONTHS[lang].items():
            if re.fullmatch(pattern, token, re.IGNORECASE):
                if lang == "en" and token.lower() in EN_LOWERCASE_WORDS and token[0].islower():
                    return None
                return number
    return None


def _year(token: str) -> int:
    year = int(token)
    if len(token) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _day(token: str) -> int:
    return 1 if token.lower() == "1er" else int(token)


def _absolute(rule: _Rule, groups: dict[str, str]) -> tuple[str, bool] | None:
    month = int(groups["mn"]) if "mn" in groups else None
    if "m" in groups:
        month = _month_number(groups["m"], rule.language)
        if month is None:
            return None
    day = _day(groups["d"]) if "d" in groups else None
    if "y" in groups:  # an impossible day («32 января 2022») is no date, and hides the month
        return _format(_year(groups["y"]), month, day) or _BLOCKED, False
    if month is None or _format(2000, month, day) is None:  # 2000 has a 29 February
        return None
    return _NO_YEAR + f"-{month:02d}" + (f"-{day:02d}" if day else ""), True


def _resolve_years(mentions: list[DateMention], base: date | None) -> list[DateMention]:
    """Give year-less mentions the year of the mention before them, or the next year when their
    month comes earlier (a story goes forward); never a day after the base: then the base year,
    or the year before. With neither a mention before nor a base they are dropped."""
    resolved: list[DateMention] = []
    context: tuple[int, int | None] | None = None
    for mention in mentions:
        if mention.value == _BLOCKED:
            continue
        if mention.value.startswith(_NO_YEAR):
            month = int(mention.value[5:7])
            day = int(mention.value[8:]) if len(mention.value) > 8 else None
            years: list[int] = []
            if context is not None:
                if context[1] is not None and month < context[1]:
                    years.append(context[0] + 1)
                years.append(context[0])
            if base is not None:
                years += [base.year, base.year - 1]
            values = [_format(year, month, day) for year in years]
            value = next((v for v in values if v and (base is None or v <= base.isoformat()[: len(v)])), None)
            if value is None:
                continue
            mention = replace(mention, value=value)
        resolved.append(mention)
        context = (int(mention.value[:4]), int(mention.value[5:7]) if len(mention.value) > 4 else None)
    return resolved


def _numeric(groups: dict[str, str]) -> tuple[str, bool] | None:
    """dd/mm/yyyy, or mm/dd/yyyy when only that reading is a date."""
    a, b, year = int(groups["a"]), int(groups["b"]), int(groups["y"])
    value = _format(year, b, a) or _format(year, a, b)
    return (value, False) if value else None


def _lookup(token: str, table: tuple) -> tuple | None:
    token = token.lower()
    for row in table:
        if token.startswith(row[0]):
            return row[1:]
    return None


def _back(base: date, unit: str, amount: int) -> str:
    if unit == "day":
        return (base - timedelta(days=amount)).isoformat()
    if unit == "week":
        return (base - timedelta(weeks=amount)).isoformat()
    if unit == "month":
        months = base.year * 12 + base.month - 1 - amount
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{base.year - amount:04d}"


def _ago(groups: dict[str, str], base: date) -> tuple[str, bool] | None:
    unit_token = groups["unit"].lower()
    if "n" in groups:
        token = " ".join(groups["n"].lower().split())
        count = int(token) if token.isdigit() else next(n for t in NUMBERS.values() for w, n in t.items() if w == token)
    elif unit_token in SINGULAR_UNITS:
        count = 1
    else:
        return None
    unit = _lookup(unit_token, UNITS)
    if unit is None:
        return None
    return _back(base, unit[0], count * unit[1]), True


def _offset(rule: _Rule, groups: dict[str, str], base: date) -> tuple[str, bool] | None:
    amount = rule.amount if rule.amount is not None else _lookup(groups["rel"], OFFSETS)[0]
    value = _back(base, rule.unit, amount)
    if "m" in groups:  # «в феврале прошлого года»: the year back, the month as written
        month = _month_number(groups["m"], rule.language)
        if month is None:
            return None
        value = _format(int(value[:4]), month, _day(groups["d"]) if "d" in groups else None)
    return (value, True) if value else None


def _season(groups: dict[str, str], base: date) -> tuple[str, bool]:
    """The year of the last (or this) season named; a winter is the year its January falls in."""
    season = _lookup(groups["s"], SEASONS)[0]
    amount = _lookup(groups["rel"], OFFSETS)[0]
    if amount == 0:
        year = base.year + 1 if season == "winter" and base.month == 12 else base.year
    else:
        last = base.year if base.month > SEASON_END[season] else base.year - 1
        year = last - (amount - 1)
    return f"{year:04d}", True
