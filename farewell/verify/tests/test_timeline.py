"""Public events: the curated JSON, references to events in accounts, and date comparison."""

from __future__ import annotations

import copy
import json

import pytest

from farewell.verify.timeline import DATA, events, keyword_pattern, parse_events, references
from farewell.verify.timeline import compare as compare_dates
from farewell.verify.timeline import event as get_event

REQUIRED = {
    "crimea-annexation-2014": "2014-03-18",
    "donbas-war-2014": "2014-04",
    "invasion-2022": "2022-02-24",
    "mariupol-siege-2022": "2022-02-24",
    "kharkiv-counteroffensive-2022": "2022-09-06",
    "mobilization-2022": "2022-09-21",
    "criminal-code-amendments-2022": "2022-09-24",
    "kerch-bridge-2022": "2022-10-08",
    "kherson-withdrawal-2022": "2022-11-11",
    "soledar-2023": "2023-01",
    "bakhmut-fall-2023": "2023-05-20",
    "wagner-mutiny-2023": "2023-06-24",
    "avdiivka-fall-2024": "2024-02-17",
    "kursk-incursion-2024": "2024-08-06",
    "electronic-summons-law-2023": "2023-04-14",
}


def raw_events() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def test_json_validates():
    loaded = events()
    assert len(loaded) >= 25
    assert len({e.id for e in loaded}) == len(loaded)
    assert all(s.startswith("https://") for e in loaded for s in e.sources)
    assert events() is loaded  # cached


@pytest.mark.parametrize(("ident", "day"), sorted(REQUIRED.items()))
def test_required_events(ident, day):
    assert get_event(ident).date == day


@pytest.mark.parametrize(
    ("ident", "start", "end"),
    [
        ("mariupol-siege-2022", "2022-02-24", "2022-05-20"),
        ("annexation-referendums-2022", "2022-09-23", "2022-09-30"),
        ("bucha-2022", "2022-02-27", "2022-03-31"),
        ("counteroffensive-2023", "2023-06-04", "2023-11-30"),
    ],
)
def test_intervals(ident, start, end):
    first, last = get_event(ident).interval()
    assert (first.isoformat(), last.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.append(copy.deepcopy(d[0])), "duplicate event id"),
        (lambda d: d[0].update(id="Not An Id"), "bad event id"),
        (lambda d: d[0].update(date="2022-13-01"), "month must be"),
        (lambda d: d[0].update(date="2022-02-30"), "day is out of range"),
        (lambda d: d[0].update(date="2022"), "not YYYY-MM"),
        (lambda d: d[1].update(end="2013-01"), "before date"),
        (lambda d: d[0].update(sources=["http://example.org"]), "https"),
        (lambda d: d[0].update(sources=[]), "https"),
        (lambda d: d[0]["titles"].pop("fr"), "in fr"),
        (lambda d: d[0]["keywords"].update(en=[]), "in en"),
        (lambda d: d[0]["keywords"]["ru"].append("Мобилизац"), "lowercase"),
        (lambda d: d[0]["keywords"]["ru"].append("мобилизац"), "also belongs to"),
        (lambda d: d[0].update(place=""), "place"),
    ],
)
def test_json_validation_rejects(change, message):
    data = raw_events()
    change(data)
    with pytest.raises(ValueError, match=message):
        parse_events(data)


REFERENCES = [
    ("После объявления мобилизации меня забрали", None, [("мобилизации", "mobilization-2022")]),
    ("указ о частичной мобилизации", "ru", [("указ о частичной мобилизации", "mobilization-2022")]),
    ("Нас, мобиков, отправили", "ru", [("мобиков", "mobilization-2022")]),
    ("la mobilisation partielle a été annoncée", "fr", [("mobilisation partielle", "mobilization-2022")]),
    ("After the mobilization was announced", "en", [("mobilization", "mobilization-2022")]),
    ("The MOBILISATION began", None, [("MOBILISATION", "mobilization-2022")]),
    ("во время мятежа Вагнера", "ru", [("мятежа Вагнера", "wagner-mutiny-2023")]),
    (
        "стояли под Бахмутом, потом взятие Бахмута",
        "ru",
        [("под Бахмутом", "bakhmut-battle-2022"), ("взятие Бахмута", "bakhmut-fall-2023")],
    ),
    ("сидели на «Азовстали»", "ru", [("Азовстали", "mariupol-siege-2022")]),
    ("крейсер «Москва» затонул", "ru", [("крейсер «Москва", "moskva-sinking-2022")]),
    ("по статье 352.1 УК", "ru", [("352.1", "criminal-code-amendments-2022")]),
    ("пришла электронная повестка", "ru", [("электронная повестка", "electronic-summons-law-2023")]),
    ("the Wagner’s rebellion", "en", [("Wagner’s rebellion", "wagner-mutiny-2023")]),
    ("since the full-scale invasion", "en", [("full-scale invasion", "invasion-2022")]),
    ("since the full scale invasion", "en", [("full scale invasion", "invasion-2022")]),
    ("l’invasion de l’Ukraine", "fr", [("invasion de l’Ukraine", "invasion-2022")]),
    ("après la chute d'Avdiivka", "fr", [("chute d'Avdiivka", "avdiivka-fall-2024")]),
    ("взрыв на Крымском мосту", "ru", [("взрыв на Крымском мосту", "kerch-bridge-2022")]),
    ("отход из Херсона", "ru", [("отход из Херсона", "kherson-withdrawal-2022")]),
    ("начало СВО", "ru", [("начало СВО", "invasion-2022")]),
    # Not references.
    ("демобилизация", "ru", []),
    ("мы пошли на войну", "ru", []),
    ("Buchanan Street", "en", []),
    ("the war", "en", []),
    ("начало свободы", "ru", []),
    ("mobilisation", "ru", []),
]


@pytest.mark.parametrize(("text", "language", "expected"), REFERENCES)
def test_references(text, language, expected):
    found = references(text, language)
    assert [(r.text, r.event.id) for r in found] == expected
    for ref in found:
        assert text[ref.start : ref.end] == ref.text


@pytest.mark.parametrize(
    ("keyword", "language", "text", "matches"),
    [
        ("мобилизац", "ru", "мобилизацией", True),
        ("бои за мариупол", "ru", "бои за Мариуполь", True),
        ("бои за мариупол", "ru", "боишься за Мариуполь", False),
        ("сво", "ru", "свое", False),
        ("annexion de la crimée", "fr", "annexion de la Crimee", True),
        ("bucha", "en", "Bucha's", True),
        ("bucha", "en", "Buchanan", False),
    ],
)
def test_keyword_pattern(keyword, language, text, matches):
    import re

    assert bool(re.fullmatch(keyword_pattern(keyword, language), text, re.IGNORECASE)) is matches


COMPARISONS = [
    # Single-day event: its year, its month, its day ±3 days.
    ("invasion-2022", "2022", "match"),
    ("invasion-2022", "2022-02", "match"),
    ("invasion-2022", "2022-02-24", "match"),
    ("invasion-2022", "2022-02-21", "match"),
    ("invasion-2022", "2022-02-27", "match"),
    ("invasion-2022", "2022-02-28", "conflict"),
    ("invasion-2022", "2022-03", "conflict"),
    ("invasion-2022", "2022-01", "conflict"),
    ("invasion-2022", "2021", "conflict"),
    ("invasion-2022", "2023", "conflict"),
    ("kerch-bridge-2022", "2022-10-07", "match"),
    ("kerch-bridge-2022", "2022-09", "conflict"),
    # Event with a span: inside, near (unknown), far (conflict).
    ("mariupol-siege-2022", "2022-04", "match"),
    ("mariupol-siege-2022", "2022-05-20", "match"),
    ("mariupol-siege-2022", "2022-05", "match"),
    ("mariupol-siege-2022", "2022-06-01", "unknown"),
    ("mariupol-siege-2022", "2022-08", "conflict"),
    ("mariupol-siege-2022", "2021", "conflict"),
    ("soledar-2023", "2023-01-13", "match"),
    ("soledar-2023", "2023-02-05", "unknown"),
    ("soledar-2023", "2022", "unknown"),
    ("soledar-2023", "2023-05", "conflict"),
    ("donbas-war-2014", "2016", "match"),
    ("donbas-war-2014", "2013", "conflict"),
    ("kharkiv-counteroffensive-2022", "2022-09-10", "match"),
    ("kharkiv-counteroffensive-2022", "2022-10", "match"),
    ("kharkiv-counteroffensive-2022", "2022-07", "conflict"),
    # Lasting events: a later date is no conflict, an earlier one is.
    ("mobilization-2022", "2022-10-05", "match"),
    ("mobilization-2022", "2023", "unknown"),
    ("mobilization-2022", "2022-07", "conflict"),
    ("mobilization-2022", "2021", "conflict"),
    ("electronic-summons-law-2023", "2024-11", "unknown"),
    ("electronic-summons-law-2023", "2022", "conflict"),
    ("electronic-summons-law-2023", "2023-04-16", "match"),
    ("crimea-annexation-2014", "2014-03-16", "match"),
    ("crimea-annexation-2014", "2013", "conflict"),
]


@pytest.mark.parametrize(("ident", "value", "expected"), COMPARISONS)
def test_compare(ident, value, expected):
    assert compare_dates(get_event(ident), value) == expected


@pytest.mark.parametrize("value", ["", "2022-2", "24.02.2022", "2022-13", "2022-02-30"])
def test_compare_rejects_bad_values(value):
    with pytest.raises(ValueError):
        compare_dates(get_event("invasion-2022"), value)


def test_events_are_hashable():
    assert len(set(events())) == len(events())
