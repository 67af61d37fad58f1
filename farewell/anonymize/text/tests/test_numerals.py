"""Numbers in words, 1–99: the pattern matches them whole, and the value is right."""

import re

import pytest

from farewell.anonymize.text import numerals


@pytest.mark.parametrize(
    "language, text, value",
    [
        ("ru", "сорок один", 41),
        ("ru", "двадцать семь", 27),
        ("ru", "восемнадцать", 18),
        ("ru", "сорока", 40),
        ("ru", "тридцати пяти", 35),
        ("en", "forty-one", 41),
        ("en", "nineteen", 19),
        ("en", "sixty five", 65),
        ("fr", "quarante et un", 41),
        ("fr", "dix-neuf", 19),
        ("fr", "soixante-dix", 70),
        ("fr", "quatre-vingt-dix-neuf", 99),
        ("fr", "vingt-deux", 22),
    ],
)
def test_words_match_and_have_their_value(language, text, value):
    assert re.fullmatch(numerals.pattern(language), text, re.IGNORECASE)
    assert numerals.value(text, language) == value
    assert numerals.value(text) == value  # found without being told the language


@pytest.mark.parametrize("text", ["сорокин", "forty percent", "vingtaine", "много", ""])
def test_other_words_have_no_value(text):
    assert numerals.value(text) is None
