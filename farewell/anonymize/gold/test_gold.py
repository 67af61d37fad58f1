"""The gold set is well formed: offsets match, spans do not overlap, labels and actions follow README.md."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from farewell.anonymize.gold import (
    HERE,
    KEEP,
    KEEPABLE_LABELS,
    KINDS,
    LABELS,
    LANGUAGES,
    REDACT,
    GoldDocument,
    counts_table,
    load,
    paths,
)

DOCUMENTS = load()
ENTITIES = [(document, entity) for document in DOCUMENTS for entity in document.entities]


def test_it_loads_every_file():
    assert len(paths()) == len(DOCUMENTS)
    for path in paths():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) == {"id", "language", "kind", "text", "entities"}, path.name
        assert data["id"] == path.stem
        for entity in data["entities"]:
            assert set(entity) == {"start", "end", "label", "text", "action"}, (path.name, entity)


def test_it_returns_documents_sorted_by_unique_id():
    ids = [document.id for document in DOCUMENTS]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(isinstance(document, GoldDocument) for document in DOCUMENTS)


def test_it_filters_by_language():
    for language in LANGUAGES:
        documents = load(language)
        assert documents, language
        assert all(document.language == language for document in documents)
        assert all(document.id.startswith(f"{language}-") for document in documents)
    assert sum(len(load(language)) for language in LANGUAGES) == len(DOCUMENTS)


def test_it_has_known_languages_and_kinds_and_sensible_lengths():
    for document in DOCUMENTS:
        assert document.language in LANGUAGES, document.id
        assert document.kind in KINDS, document.id
        assert 200 <= len(document.text) <= 1500, (document.id, len(document.text))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda document: document.id)
def test_it_has_entity_text_equal_to_the_slice(document):
    for entity in document.entities:
        assert 0 <= entity.start < entity.end <= len(document.text), entity
        assert document.text[entity.start : entity.end] == entity.text, entity


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda document: document.id)
def test_it_has_sorted_entities_that_do_not_overlap(document):
    for previous, following in zip(document.entities, document.entities[1:], strict=False):
        assert previous.end <= following.start, (previous, following)


def test_it_has_spans_without_surrounding_space_or_quotes():
    for document, entity in ENTITIES:
        assert entity.text == entity.text.strip(), (document.id, entity)
        assert entity.text[0] not in "«»\"'“”(,.;:", (document.id, entity)
        assert entity.text[-1] not in "«»\"'“”),;:", (document.id, entity)


def test_it_uses_only_the_allowed_labels():
    assert {entity.label for _, entity in ENTITIES} <= set(LABELS)


def test_it_keeps_only_persons_and_locations():
    for document, entity in ENTITIES:
        assert entity.action in (REDACT, KEEP), (document.id, entity)
        if entity.action == KEEP:
            assert entity.label in KEEPABLE_LABELS, (document.id, entity)


def test_it_has_at_least_30_documents_20_of_them_russian():
    assert len(DOCUMENTS) >= 30
    assert len(load("ru")) >= 20


def test_it_uses_every_label_at_least_three_times():
    counts = Counter(entity.label for _, entity in ENTITIES)
    assert {label: counts[label] for label in LABELS if counts[label] < 3} == {}


def test_it_has_at_least_60_persons():
    assert sum(1 for _, entity in ENTITIES if entity.label == "PERSON") >= 60


def test_it_has_both_kept_and_redacted_persons_and_locations():
    actions = Counter((entity.label, entity.action) for _, entity in ENTITIES)
    for label in KEEPABLE_LABELS:
        assert actions[label, KEEP] >= 3, label
        assert actions[label, REDACT] >= 3, label


def test_it_has_the_current_counts_in_the_readme():
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    assert counts_table() in readme, "run `python -m farewell.anonymize.gold` and paste the table into README.md"
