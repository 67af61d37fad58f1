"""Russian morphology through pymorphy3 (one analyzer per process), and text normalization."""

from __future__ import annotations

import re
from functools import cache, lru_cache

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


@cache
def analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


@lru_cache(maxsize=200_000)
def parses(word: str):
    return analyzer().parse(word)


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of a Russian word; other scripts come back folded."""
    if not CYRILLIC.search(word):
        return fold(word)
    return fold(parses(word)[0].normal_form)


def lemmas(text: str) -> str:
    return " ".join(lemma(word) for word in WORD.findall(text))
