import math
import threading

import pytest

from farewell.intake import codenames


@pytest.mark.parametrize("name", ["ru", "en"])
def test_it_ships_lists_of_at_least_7776_distinct_words(name):
    words = codenames.wordlist(name)
    assert len(words) >= 7776
    assert len(set(words)) == len(words)
    assert all(word == codenames.normalize(word) for word in words)


def test_the_lists_share_no_word():
    assert not set(codenames.wordlist("ru")) & set(codenames.wordlist("en"))


@pytest.mark.parametrize(
    "language, alphabet",
    [
        ("ru", "абвгдежзийклмнопрстуфхцчшщъыьэюя"),
        ("en", "abcdefghijklmnopqrstuvwxyz"),
        ("fr", "abcdefghijklmnopqrstuvwxyz"),
    ],
)
def test_it_draws_seven_words_from_the_list_of_the_page_language(language, alphabet):
    codename = codenames.generate(language)
    words = codename.split(" ")
    assert len(words) == 7
    assert set("".join(words)) <= set(alphabet)
    assert codenames.is_well_formed(codename)


def test_seven_words_carry_at_least_90_bits():
    assert 7 * math.log2(len(codenames.wordlist("ru"))) >= 90
    assert 7 * math.log2(len(codenames.wordlist("en"))) >= 90


def test_it_does_not_repeat_codenames():
    assert len({codenames.generate("ru") for _ in range(200)}) == 200


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Ёлка  ЕЖ\tмёд", "елка еж мед"),
        ("  apple,  Banana.\ncherry ", "apple banana cherry"),
        ("ﬁsh", "fish"),  # compatibility forms (NFKC)
        ("", ""),
    ],
)
def test_it_normalizes_what_people_type(typed, expected):
    assert codenames.normalize(typed) == expected


def test_it_accepts_words_of_any_list_but_not_unknown_or_too_few_words():
    ru, en = codenames.wordlist("ru"), codenames.wordlist("en")
    assert codenames.is_well_formed(" ".join([*ru[:4], *en[:3]]))
    assert not codenames.is_well_formed(" ".join(ru[:6]))
    assert not codenames.is_well_formed(" ".join([*ru[:6], "qwertyuiop"]))


def test_the_lookup_id_ignores_case_spaces_and_yo_but_not_the_words(settings):
    words = ["ёж", *codenames.wordlist("ru")[:6]]
    reference = codenames.lookup_id(" ".join(words))
    assert codenames.lookup_id("  " + " ".join(words).upper().replace("Ё", "Е") + " ") == reference
    assert codenames.lookup_id(" ".join(reversed(words))) != reference
    assert len(reference) == 64


def test_the_lookup_id_depends_on_the_pepper(settings):
    codename = codenames.generate("en")
    before = codenames.lookup_id(codename)
    settings.FAREWELL_PEPPER = "another-pepper-0123456789abcdefghijklmnop"
    assert codenames.lookup_id(codename) != before


def test_it_caps_concurrent_hashes(monkeypatch):
    slots = threading.BoundedSemaphore(1)
    monkeypatch.setattr(codenames, "_slots", slots)
    slots.acquire()
    try:
        with pytest.raises(codenames.Busy):
            codenames.lookup_id("anything", wait_seconds=0.05)
    finally:
        slots.release()
    assert codenames.lookup_id("anything")
