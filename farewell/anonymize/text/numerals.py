"""Numbers written in words, 1–99, in Russian, English and French: a pattern for recognizers
(«сорок один год», "forty-one", «quarante et un ans») and their value for the verification engine.

Russian forms are the ones ages take (nominative, and the oblique forms after «в», «до», «с»:
«в сорок лет», «до двадцати пяти»); ё and е are the same letter.
"""

from __future__ import annotations

import re
from functools import cache

RU_UNITS = {
    "один": 1, "одна": 1, "одного": 1, "одному": 1, "одним": 1,
    "два": 2, "две": 2, "двух": 2, "двум": 2, "три": 3, "трех": 3, "трем": 3, "четыре": 4, "четырех": 4,
    "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8,
    "девять": 9, "девяти": 9,
}  # fmt: skip
RU_TEENS = {
    "десять": 10, "десяти": 10, "одиннадцать": 11, "одиннадцати": 11, "двенадцать": 12, "двенадцати": 12,
    "тринадцать": 13, "тринадцати": 13, "четырнадцать": 14, "четырнадцати": 14, "пятнадцать": 15,
    "пятнадцати": 15, "шестнадцать": 16, "шестнадцати": 16, "семнадцать": 17, "семнадцати": 17,
    "восемнадцать": 18, "восемнадцати": 18, "девятнадцать": 19, "девятнадцати": 19,
}  # fmt: skip
RU_TENS = {
    "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30, "сорок": 40, "сорока": 40,
    "пятьдесят": 50, "пятидесяти": 50, "шестьдесят": 60, "шестидесяти": 60, "семьдесят": 70,
    "семидесяти": 70, "восемьдесят": 80, "восьмидесяти": 80, "девяносто": 90, "девяноста": 90,
}  # fmt: skip
EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
EN_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
FR_UNITS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}
FR_TEENS = {
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
}  # fmt: skip
FR_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
TABLES = {"ru": (RU_UNITS, RU_TEENS, RU_TENS), "en": (EN_UNITS, EN_TEENS, EN_TENS), "fr": (FR_UNITS, FR_TEENS, FR_TENS)}
JOINERS = {"ru": r"\s+", "en": r"[-\s]", "fr": r"(?:-|\s+et\s+|-et-)"}


def _words(table: dict[str, int]) -> str:
    return "|".join(sorted(table, key=len, reverse=True)).replace("е", "[её]")


@cache
def pattern(language: str) -> str:
    """A regular expression (no groups) for a number 1–99 in words in that language."""
    units, teens, tens = TABLES[language]
    joined = f"(?:{_words(tens)})(?:{JOINERS[language]}(?:{_words(units)}))?"
    if language == "fr":  # soixante-dix … quatre-vingt-dix-neuf
        joined = rf"(?:quatre-vingts?|soixante)(?:-(?:{_words(teens)}))?|soixante-et-onze|{joined}"
    return rf"(?:{joined}|{_words(teens)}|{_words(units)})"


def value(text: str, language: str | None = None) -> int | None:
    """The number a phrase matched by `pattern` says («сорок один» → 41, "forty-one" → 41,
    «quatre-vingt-dix» → 90), or None."""
    words = re.findall(r"[^\W\d_]+", text.casefold().replace("ё", "е"))
    for lang in (language,) if language in TABLES else tuple(TABLES):
        total = _sum(words, lang)
        if total:
            return total
    return None


def _sum(words: list[str], language: str) -> int | None:
    units, teens, tens = TABLES[language]
    total = 0
    for index, word in enumerate(words):
        after_quatre = language == "fr" and index > 0 and words[index - 1] == "quatre"
        if language == "fr" and word == "quatre" and words[index + 1 : index + 2] in (["vingt"], ["vingts"]):
            continue
        if after_quatre and word.startswith("vingt"):
            total += 80
        elif word in tens or word in teens or word in units:
            total += tens.get(word) or teens.get(word) or units[word]
        elif word not in ("et", "and"):
            return None
    return total or None
