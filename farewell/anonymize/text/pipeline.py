"""The text pipeline: text in, entities with the policy's decision out. No Django.

Per paragraph: its language (lingua), the statistical model for that language (natasha for
Russian, spaCy for French), the name lexicons, the capitalized-word fallback where there is no
model, and every pattern recognizer. Overlaps are resolved in favour of the more specific label
and then the longer span; the policy keeps countries and public figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from farewell.anonymize.text import language as languages
from farewell.anonymize.text import ner, policy
from farewell.anonymize.text.morph import CYRILLIC, WORD, fold
from farewell.anonymize.text.people import CapitalizedWords, LexiconNames
from farewell.anonymize.text.places import DictionaryPlaces, Institutions, QuotedNames, Regions
from farewell.anonymize.text.recognizers import PATTERN_RECOGNIZERS
from farewell.anonymize.text.types import Entity

# Which label wins when two recognizers claim overlapping text: the specific over the general.
PRIORITY = {
    "EMAIL": 0,
    "URL": 1,
    "HANDLE": 1,
    "PHONE": 2,
    "ID_DOCUMENT": 2,
    "VEHICLE_PLATE": 2,
    "MILITARY_UNIT": 3,
    "ADDRESS": 3,
    "CALLSIGN": 4,
    "DATE": 5,
    "AGE": 5,
    # Names, places and organizations share a tier: the longer span wins between them, so that
    # "Chelyabinsk region" beats a capitalized "Chelyabinsk", «военкомат … района» its district.
    "PERSON": 6,
    "ORGANIZATION": 6,
    "LOCATION": 6,
}
FALLBACK = (LexiconNames(), CapitalizedWords(), DictionaryPlaces(), Regions(), Institutions(), QuotedNames())


@dataclass(frozen=True)
class Analysis:
    language: str
    entities: tuple[Entity, ...]


def _candidates(text: str, paragraph: languages.Paragraph) -> list[Entity]:
    chunk = text[paragraph.start : paragraph.end]
    language = paragraph.language
    found: list[Entity] = []
    if language in ner.MODELS:
        found += ner.recognize(chunk, language, paragraph.start)
    elif CYRILLIC.search(chunk):
        found += ner.recognize(chunk, "ru", paragraph.start)  # Ukrainian and others: the nearest model
    for recognizer in (*PATTERN_RECOGNIZERS, *FALLBACK):
        if recognizer.applies_to(language):
            for entity in recognizer.find(chunk, language):
                found.append(
                    Entity(
                        entity.start + paragraph.start,
                        entity.end + paragraph.start,
                        entity.label,
                        entity.text,
                        entity.score,
                        entity.source,
                    )
                )
    return found


def resolve(entities: list[Entity]) -> list[Entity]:
    """Non-overlapping entities: more specific labels first, then longer spans, then scores."""
    ranked = sorted(entities, key=lambda e: (PRIORITY.get(e.label, 9), -(e.end - e.start), -e.score))
    kept: list[Entity] = []
    for entity in ranked:
        if not any(entity.overlaps(other) for other in kept):
            kept.append(entity)
    return sorted(kept, key=lambda e: e.start)


PROPAGATED = ("PERSON", "LOCATION", "CALLSIGN", "ORGANIZATION")
ENDINGS = re.compile(r"(ами|ями|ого|его|ому|ему|ыми|ими|ой|ей|ом|ем|ым|им|ах|ях|ов|ев|ую|юю|ая|яя|а|я|у|ю|е|ы|и|s)$")


def _stem(word: str) -> str:
    folded = re.sub(r"['’]s$", "", fold(word))
    return ENDINGS.sub("", folded) if len(folded) > 4 else folded


def propagate(text: str, entities: list[Entity]) -> list[Entity]:
    """Every other capitalized occurrence of a word found as a name, place, call sign or
    organization somewhere in the text (models miss repeated mentions; inflection is allowed)."""
    known: dict[str, str] = {}
    for entity in entities:
        if entity.label in PROPAGATED:
            for word in WORD.findall(entity.text):
                if len(word) >= 3 and word[:1].isupper():
                    known.setdefault(_stem(word), entity.label)
    covered = [(e.start, e.end) for e in entities]
    added = []
    for match in WORD.finditer(text):
        word = match.group()
        if not word[:1].isupper() or any(s <= match.start() < e for s, e in covered):
            continue
        label = known.get(_stem(word))
        if label:
            added.append(Entity(match.start(), match.end(), label, word, 0.6, "propagation"))
    return entities + added


ADDRESS_HEAD = re.compile(r"(?:\d{6},\s*)?(?:г\.|город|пос\.|пгт|с\.|дер\.)\s*[А-ЯЁ][\w-]+,\s*$")


def extend_addresses(text: str, entities: list[Entity]) -> list[Entity]:
    """A street address takes in the town (and postal code) written just before it, and the
    town's own entity is absorbed: «305004, г. Курск, ул. Дзержинского, д. 60»."""
    result = list(entities)
    for index, entity in enumerate(result):
        if entity.label != "ADDRESS":
            continue
        head = ADDRESS_HEAD.search(text, max(0, entity.start - 60), entity.start)
        if head is None:
            continue
        start = head.start()
        result[index] = Entity(start, entity.end, "ADDRESS", text[start : entity.end], entity.score, entity.source)
        result = [e for e in result if e is result[index] or not (start <= e.start and e.end <= entity.start)]
    return sorted(result, key=lambda e: e.start)


def analyze(text: str, language: str = "auto") -> Analysis:
    forced = None if language == "auto" else language
    parts = languages.paragraphs(text, forced)
    found: list[Entity] = []
    for paragraph in parts:
        found += _candidates(text, paragraph)
    entities = tuple(policy.decide_all(extend_addresses(text, resolve(propagate(text, resolve(found))))))
    return Analysis(forced or languages.main_language(text, parts), entities)
