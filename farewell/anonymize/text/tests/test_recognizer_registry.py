"""All pattern recognizers together: the registry, offsets, the URL/HANDLE split, no Django, no slow regex."""

import ast
import time
from pathlib import Path

import pytest

from farewell.anonymize.text.recognizers import PATTERN_RECOGNIZERS
from farewell.anonymize.text.types import LABELS, Recognizer

TESTIMONY = """\
Меня зовут не важно как, мне было 19 лет. 23 сентября 2022 года меня забрали в в/ч 12345, потом в 138-ю
отдельную мотострелковую бригаду. Майор Лебедев, позывной «Гром», звонил маме с +7 (912) 345-67-89.
Пишите ivan.petrov@mail.ru или @ivan_petrov (t.me/ivan_petrov), видео на https://example.com/v?id=1.
Паспорт 45 12 345678 остался в части. Жил на ул. Ленина, д. 5, кв. 12; «Урал» с номером 1234 АВ 50.
I was 19 when Captain Ivanov of the 155th Marine Brigade, call sign Kedr, gave me his number +33 6 12 34 56 78.
J'avais 28 ans le 24 février 2022, au 12 rue de la Paix.
"""


def test_it_has_one_instance_of_each_recognizer_with_a_known_label():
    assert len(PATTERN_RECOGNIZERS) == 12
    assert all(isinstance(r, Recognizer) for r in PATTERN_RECOGNIZERS)
    assert len({type(r) for r in PATTERN_RECOGNIZERS}) == len({r.name for r in PATTERN_RECOGNIZERS}) == 12
    assert {r.label for r in PATTERN_RECOGNIZERS} <= set(LABELS)
    for recognizer in PATTERN_RECOGNIZERS:
        assert recognizer.languages is None or (isinstance(recognizer.languages, frozenset) and recognizer.languages)
        assert recognizer.applies_to("ru") and recognizer.applies_to("en") and recognizer.applies_to("fr")


def test_it_gives_offsets_into_the_text():
    labels = set()
    for recognizer in PATTERN_RECOGNIZERS:
        entities = recognizer.find(TESTIMONY, "ru")
        for entity in entities:
            assert TESTIMONY[entity.start : entity.end] == entity.text
            assert entity.label == recognizer.label and entity.source == recognizer.name
            assert 0 < entity.score <= 1
        assert all(a.end <= b.start for a, b in zip(entities, entities[1:], strict=False))
        labels |= {e.label for e in entities}
    assert labels == {r.label for r in PATTERN_RECOGNIZERS}


def test_it_never_finds_a_link_both_as_url_and_as_handle():
    spans = {}
    for recognizer in PATTERN_RECOGNIZERS:
        if recognizer.label in ("URL", "HANDLE", "EMAIL"):
            for entity in recognizer.find(TESTIMONY, "ru"):
                assert not any(entity.overlaps(other) for other in spans.values()), entity
                spans[(entity.start, entity.end)] = entity
    assert {e.text: e.label for e in spans.values()} == {
        "ivan.petrov@mail.ru": "EMAIL",
        "@ivan_petrov": "HANDLE",
        "t.me/ivan_petrov": "HANDLE",
        "https://example.com/v?id=1": "URL",
    }


def test_it_imports_no_django():
    for path in Path(__file__).parents[1].joinpath("recognizers").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                assert not any(alias.name.startswith("django") for alias in node.names), path
            elif isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("django"), path


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 5000,
        "1.1-" * 3000,
        "a" * 50000 + "@",
        "a." * 20000,
        "@" + "a_" * 20000,
        "в/ч " * 5000,
        "позывной " * 5000,
        "Майор Лебедев " * 3000,
        "12 лет " * 5000,
        "ул. Ленина " * 5000,
        "http://" + "a" * 50000,
        "«" * 20000,
        "Aaaa " * 10000 + "Street",
        "12 rue " + "De " * 10000,
        "138-й " + "отдельной " * 5000,
    ],
)
def test_it_stays_fast_on_pathological_text(text):
    started = time.perf_counter()
    for recognizer in PATTERN_RECOGNIZERS:
        recognizer.find(text, "ru")
    assert time.perf_counter() - started < 2.0
