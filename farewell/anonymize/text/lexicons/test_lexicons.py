"""The name lexicons: what they must hold, what they must not, and how fast they load."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from farewell.anonymize.text import lexicons

FIRST_NAMES = [
    ("игорь", "masc"),
    ("анна", "femn"),
    ("дмитрий", "masc"),
    ("саша", "ms-f"),
    ("серёжа", "masc"),
    ("лёша", "masc"),
    ("нурлан", "masc"),
    ("айгуль", "femn"),
]

PATRONYMICS = ["петрович", "петровна", "сергеевич", "ильинична"]

SURNAMES = ["сомов", "сомова", "иванов", "иванова", "лебедев", "шойгу", "шевченко", "достоевская", "королёв"]

LATIN_NAMES = """
dmitri dmitry dmitrii dmitriy iouri yuri yury iurii serguei sergueï sergey sokolov sokoloff joukov zhukov alexey
alexander alexandre tchebarkoul petrovich petrovitch petrovna sasha sacha seryozha lyosha dima vanya oleksandr serhii
shevchenko ivanova dostoevskaya dostoïevski tolstoy tolstoï lebedeff khrushchev ludmila natasha
""".split()

NOT_NAMES = ["the", "and", "война", "армия", "стол", "автомат", "окоп"]


@pytest.mark.parametrize(("name", "gender"), FIRST_NAMES)
def test_it_knows_first_names_and_their_gender(name, gender):
    assert lexicons.first_names()[lexicons.fold(name)] == gender


@pytest.mark.parametrize("name", PATRONYMICS)
def test_it_knows_patronymics_of_both_genders(name):
    assert lexicons.fold(name) in lexicons.patronymics()


@pytest.mark.parametrize("name", SURNAMES)
def test_it_knows_surnames_of_both_genders(name):
    assert lexicons.fold(name) in lexicons.surnames()


@pytest.mark.parametrize("spelling", LATIN_NAMES)
def test_it_knows_latin_spellings(spelling):
    assert spelling in lexicons.latin_names()


@pytest.mark.parametrize("word", NOT_NAMES)
def test_it_has_no_ordinary_words_as_names(word):
    assert word not in lexicons.first_names()
    assert word not in lexicons.surnames()
    assert word not in lexicons.patronymics()
    assert word not in lexicons.latin_names()


@pytest.mark.parametrize("word", ["волков", "роман", "вера", "лев", "ли", "мороз"])
def test_it_marks_names_that_are_also_ordinary_words(word):
    assert word in lexicons.ambiguous()


@pytest.mark.parametrize("word", ["иванов", "дмитрий", "петрова", "петрович"])
def test_it_does_not_mark_plain_names(word):
    assert word not in lexicons.ambiguous()


@pytest.mark.parametrize("word", ["mark", "serge", "roman", "max", "lapin"])
def test_it_marks_latin_spellings_that_are_english_or_french_words(word):
    assert word in lexicons.latin_names()
    assert word in lexicons.latin_ambiguous()


@pytest.mark.parametrize("word", ["dmitry", "sokolov", "iouri", "natasha"])
def test_it_does_not_mark_plain_latin_spellings(word):
    assert word not in lexicons.latin_ambiguous()


def test_it_holds_only_folded_entries():
    sets = [
        set(lexicons.first_names()),
        lexicons.patronymics(),
        lexicons.surnames(),
        lexicons.latin_names(),
        lexicons.ambiguous(),
        lexicons.latin_ambiguous(),
    ]
    for entries in sets:
        assert entries
        assert all(entry == lexicons.fold(entry) and entry.strip() == entry for entry in entries)
    assert set(lexicons.first_names().values()) == {"masc", "femn", "ms-f"}
    assert lexicons.latin_ambiguous() <= lexicons.latin_names()
    assert lexicons.ambiguous() <= set(lexicons.first_names()) | lexicons.patronymics() | lexicons.surnames()


def test_it_keeps_the_files_small():
    for path in lexicons.HERE.glob("*.txt"):
        assert path.stat().st_size < 5 * 1024 * 1024, path.name


LOAD_ALL = """
import resource, time
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
from farewell.anonymize.text import lexicons
for load in (lexicons.first_names, lexicons.patronymics, lexicons.surnames, lexicons.latin_names,
             lexicons.ambiguous, lexicons.latin_ambiguous):
    load()
elapsed = time.perf_counter() - start
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
import sys
print(elapsed, grown * 1024, "django" in sys.modules)
"""


def test_it_loads_everything_fast_in_little_memory_without_django():
    # A fresh interpreter, so that what other tests loaded does not count.
    out = subprocess.run([sys.executable, "-c", LOAD_ALL], capture_output=True, text=True, check=True).stdout
    elapsed, grown, django = out.split()
    assert float(elapsed) < 1.0
    assert float(grown) < 100 * 1024 * 1024
    assert django == "False"


def test_it_loads_each_file_once():
    lexicons.latin_names()
    start = time.perf_counter()
    for _ in range(1000):
        lexicons.latin_names()
    assert time.perf_counter() - start < 0.1
