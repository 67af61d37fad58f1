import pytest

from farewell.review.publication import Span, derive, merged, occurrences

TEXT = "Игорь Сомов и Анна Сомова ждали в Чебаркуле. Игорь Сомов ушёл."


def spans_of(*phrases_and_labels):
    return [Span(s, e, label) for phrase, label in phrases_and_labels for s, e in occurrences(TEXT, phrase)]


@pytest.mark.parametrize(
    "spans, language, expected",
    [
        ([], "ru", TEXT),
        (
            spans_of(("Игорь Сомов", "PERSON"), ("Анна Сомова", "PERSON"), ("Чебаркуле", "LOCATION")),
            "ru",
            "[ИМЯ 1] и [ИМЯ 2] ждали в [МЕСТО 1]. [ИМЯ 1] ушёл.",
        ),
        (spans_of(("Чебаркуле", "LOCATION")), "en", "Игорь Сомов и Анна Сомова ждали в [PLACE 1]. Игорь Сомов ушёл."),
        (spans_of(("сомов", "PERSON")), "fr", "Игорь [NOM 1] и Анна [NOM 1]а ждали в Чебаркуле. Игорь [NOM 1] ушёл."),
    ],
)
def test_it_replaces_spans_with_numbered_typed_placeholders(spans, language, expected):
    assert derive(TEXT, spans, language) == expected


def test_overlapping_and_out_of_range_spans_are_merged_and_clipped():
    assert merged([Span(5, 10, "PERSON"), Span(0, 7, "DATE"), Span(50, 99, "AGE"), Span(3, 3, "AGE")], 60) == [
        Span(0, 10, "DATE"),
        Span(50, 60, "AGE"),
    ]


def test_it_finds_every_occurrence_ignoring_case():
    assert occurrences("Кедр, кедр и КЕДР", "кедр") == [(0, 4), (6, 10), (13, 17)]
    assert occurrences("text", "   ") == []
