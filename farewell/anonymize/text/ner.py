"""Statistical named-entity recognition: natasha for Russian, spaCy's French model for French.

Both models ship inside their packages (no download). English has no genuine model on the
registries, so it relies on lexicons and patterns (recognizers/ and names.py).
"""

from __future__ import annotations

from functools import cache

from farewell.anonymize.text.types import Entity

NATASHA_LABELS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
SPACY_LABELS = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}


@cache
def _natasha():
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


@cache
def _spacy_french():
    import spacy

    return spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "tagger"])


def russian(text: str, offset: int = 0) -> list[Entity]:
    from natasha import Doc

    segmenter, tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [
        Entity(offset + span.start, offset + span.stop, NATASHA_LABELS[span.type], span.text, 0.85, "natasha")
        for span in doc.spans
        if span.type in NATASHA_LABELS
    ]


def french(text: str, offset: int = 0) -> list[Entity]:
    doc = _spacy_french()(text)
    return [
        Entity(offset + ent.start_char, offset + ent.end_char, SPACY_LABELS[ent.label_], ent.text, 0.8, "spacy-fr")
        for ent in doc.ents
        if ent.label_ in SPACY_LABELS
    ]


MODELS = {"ru": russian, "fr": french}


def recognize(text: str, language: str, offset: int = 0) -> list[Entity]:
    model = MODELS.get(language)
    return model(text, offset) if model else []
