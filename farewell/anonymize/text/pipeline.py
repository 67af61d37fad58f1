"""The text pipeline: text in, entities with the policy's decision out. No Django.

Per run of paragraphs in one language (lingua decides each paragraph's): the statistical model
for that language (natasha for Russian, spaCy for French), the name lexicons, the capitalized-word
fallback where there is no model, and every pattern recognizer. Guesses are trimmed against what
models and patterns found; overlaps are resolved in favour of the more specific label, then the
longer span; repeated mentions are propagated; the policy keeps countries and public figures.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from farewell.anonymize.text import language as languages
from farewell.anonymize.text import ner, policy
from farewell.anonymize.text.morph import CYRILLIC, WORD, fold
from farewell.anonymize.text.people import CapitalizedWords, LexiconNames
from farewell.anonymize.text.places import DictionaryPlaces, Institutions, QuotedNames, Regions, StreetAddresses
from farewell.anonymize.text.recognizers import PATTERN_RECOGNIZERS
from farewell.anonymize.text.spans import longest_first
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
FALLBACK = (
    LexiconNames(),
    CapitalizedWords(),
    DictionaryPlaces(),
    Regions(),
    Institutions(),
    QuotedNames(),
    StreetAddresses(),
)


@dataclass(frozen=True)
class Analysis:
    language: str
    entities: tuple[Entity, ...]


GUESSES = frozenset({"lexicon-names", "capitalized"})  # recognizers that guess from word shapes


def segments(parts: list[languages.Paragraph]) -> list[languages.Paragraph]:
    """Consecutive paragraphs of one language, joined: the models read whole passages, and a
    name is recognized more surely with the sentences around it."""
    joined: list[languages.Paragraph] = []
    for part in parts:
        if joined and joined[-1].language == part.language:
            joined[-1] = languages.Paragraph(joined[-1].start, part.end, part.language)
        else:
            joined.append(part)
    return joined


def _candidates(text: str, segment: languages.Paragraph) -> tuple[list[Entity], list[Entity]]:
    """(entities from models and patterns, guesses from lexicons and capitalization)."""
    chunk = text[segment.start : segment.end]
    language = segment.language
    found: list[Entity] = []
    if language in ner.MODELS:
        found += ner.recognize(chunk, language, segment.start)
    elif CYRILLIC.search(chunk):
        found += ner.recognize(chunk, "ru", segment.start)  # Ukrainian and others: the nearest model
    for recognizer in (*PATTERN_RECOGNIZERS, *FALLBACK):
        if recognizer.applies_to(language):
            found += [
                replace(e, start=e.start + segment.start, end=e.end + segment.start)
                for e in recognizer.find(chunk, language)
            ]
    sure = [e for e in found if e.source not in GUESSES]
    return sure, [e for e in found if e.source in GUESSES]


def trim(text: str, guesses: list[Entity], sure: list[Entity]) -> list[Entity]:
    """A guess that runs into a span a model or pattern found is cut back to what lies outside
    it (a run of name-like words «Хруничева Владимир Нестеров» must not swallow the end of the
    organization «Центра имени Хруничева»)."""
    result = []
    for guess in guesses:
        pieces = [(guess.start, guess.end)]
        for other in sure:
            if other.label not in ("PERSON", "LOCATION", "ORGANIZATION") or not guess.overlaps(other):
                continue
            if other.start <= guess.start and guess.end <= other.end:
                pieces = []  # wholly inside: the sure span speaks for it
                break
            pieces = [
                piece
                for start, end in pieces
                for piece in ((start, min(end, other.start)), (max(start, other.end), end))
            ]
        for start, end in pieces:
            words = list(WORD.finditer(text, start, end))
            if words:
                first, last = words[0].start(), words[-1].end()
                result.append(Entity(first, last, guess.label, text[first:last], guess.score, guess.source))
    return result


def _tier(entity: Entity) -> int:
    # A bare domain ("Lenta.ru", "Mail.ru Group") is usually a media or company name: it competes
    # with names on length rather than beating them outright.
    if entity.label == "URL" and not re.search(r"/|www\.|://", entity.text):
        return PRIORITY["ORGANIZATION"]
    if entity.source == "street-addresses":  # a guess from shape: dates and names come first
        return PRIORITY["ORGANIZATION"]
    return PRIORITY.get(entity.label, 9)


def resolve(entities: list[Entity]) -> list[Entity]:
    """Non-overlapping entities: more specific labels first, then longer spans, then scores."""
    ranked = sorted(entities, key=lambda e: (_tier(e), -(e.end - e.start), -e.score))
    return longest_first(ranked)


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
    covered = sorted((e.start, e.end) for e in entities)
    starts = [start for start, _end in covered]
    added = []
    for match in WORD.finditer(text):
        word = match.group()
        if not word[:1].isupper():
            continue
        index = bisect.bisect_right(starts, match.start()) - 1  # entities never overlap here
        if index >= 0 and covered[index][0] <= match.start() < covered[index][1]:
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
    for segment in segments(parts):
        sure, guesses = _candidates(text, segment)
        found += sure + trim(text, guesses, sure)
    entities = tuple(policy.decide_all(extend_addresses(text, resolve(propagate(text, resolve(found))))))
    return Analysis(forced or languages.main_language(text, parts), entities)
