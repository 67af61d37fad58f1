"""Lexicons of Russian person names, in Cyrillic and in the Latin spellings of English and French texts.

The text files beside this module are written by ``tools/make_lexicons.py`` (see README.md there).
Every entry is lower case with «ё» written «е»; look words up with :func:`fold` applied.  Each
loader reads its file once per process; the results are shared, so do not change them.

``ambiguous()`` and ``latin_ambiguous()`` list the entries that are also ordinary words
(«волков», «роман», "mark", "serge"): match those only when they are capitalized.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent

__all__ = ["ambiguous", "first_names", "fold", "latin_ambiguous", "latin_names", "patronymics", "surnames"]


def fold(text: str) -> str:
    """The form in which the lexicons hold a word: lower case, «ё» as «е»."""
    return text.casefold().replace("ё", "е")


def _lines(name: str) -> list[str]:
    return fold((HERE / name).read_text(encoding="utf-8")).split()


def _set(name: str) -> frozenset[str]:
    return frozenset(_lines(name))


@cache
def first_names() -> dict[str, str]:
    """First names and diminutives → gender: ``masc``, ``femn`` or ``ms-f`` (either, as Саша, Женя)."""
    text = fold((HERE / "ru_first_names.txt").read_text(encoding="utf-8"))
    return dict(line.split("\t") for line in text.splitlines() if line)


@cache
def patronymics() -> frozenset[str]:
    """Patronymics in the nominative, men's and women's (петрович, петровна)."""
    return _set("ru_patronymics.txt")


@cache
def surnames() -> frozenset[str]:
    """Surnames in the nominative, men's and women's (иванов, иванова, достоевская, шевченко)."""
    return _set("ru_surnames.txt")


@cache
def latin_names() -> frozenset[str]:
    """Latin spellings of the first names, patronymics and surnames (dmitry, dmitri, iouri, sokoloff)."""
    return _set("latin_names.txt")


@cache
def ambiguous() -> frozenset[str]:
    """Cyrillic names that are also ordinary Russian word forms (волков, роман, вера, ли)."""
    return _set("ambiguous.txt")


@cache
def latin_ambiguous() -> frozenset[str]:
    """Latin spellings that are also ordinary English or French words (mark, serge, lapin)."""
    return _set("latin_ambiguous.txt")
