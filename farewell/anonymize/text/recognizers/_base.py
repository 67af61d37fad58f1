"""Shared machinery of the pattern recognizers, in the style of presidio-analyzer (but self-contained).

A `PatternRecognizer` holds compiled `Pattern`s, optional context words that raise the score of a match
found near them (and that some patterns require), and a `validate` hook for checksums and sanity checks.
Within one recognizer, overlapping matches are resolved in favour of the longest, then the best scored.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from farewell.anonymize.text.types import Entity, Recognizer

# Cyrillic letters of Russian and Ukrainian, lower case (use with re.IGNORECASE) and upper case.
CYR = "а-яёіїєґ"
CYR_UPPER = "А-ЯЁІЇЄҐ"
# Where the word-based recognizers (ranks, units, «позывной»...) apply: the languages whose key words they know
# (ru, uk, en, fr), plus what the language detector answers for short or mixed Russian paragraphs: Belarusian,
# Kazakh and "und" (unknown). Their patterns are anchored on those key words, so running them costs no precision.
COVERED_LANGUAGES = frozenset({"ru", "uk", "en", "fr", "be", "kk", "und"})
FLAGS = re.IGNORECASE | re.UNICODE

# What may close a URL-like token but is almost always punctuation of the sentence around it.
TRAILING_PUNCTUATION = ".,;:!?…)]}>'\"»”’"


def alternation(*words: str) -> str:
    """A non-capturing alternation of regex fragments."""
    return "(?:" + "|".join(words) + ")"


@dataclass(frozen=True)
class Pattern:
    """One regex of a recognizer. `group` is the part of the match that is the entity.

    `needs_context`: keep the match only if a context word is near. `context`: context words of this
    pattern, instead of the recognizer's.
    """

    name: str
    regex: re.Pattern[str]
    score: float
    group: int | str = 0
    needs_context: bool = False
    context: re.Pattern[str] | None = None


class PatternRecognizer(Recognizer):
    """A recognizer made of patterns, context words and a validation step."""

    patterns: tuple[Pattern, ...] = ()
    context: re.Pattern[str] | None = None
    context_before: int = 48  # characters looked at before the match for context words
    context_after: int = 24  # ... and after it
    context_boost: float = 0.3

    def find(self, text: str, language: str) -> list[Entity]:
        found = []
        for pattern in self.patterns:
            for match in pattern.regex.finditer(text):
                for start, end, score in self.spans(text, match, pattern):
                    near = self.has_context(text, start, end, pattern)
                    if pattern.needs_context and not near:
                        continue
                    if near:
                        score += self.context_boost
                    found.append(self.entity(text, start, end, round(min(score, 1.0), 2)))
        return resolve(found)

    def spans(self, text: str, match: re.Match[str], pattern: Pattern) -> Iterable[tuple[int, int, float]]:
        """The (start, end, score) of the entities a match gives; by default the pattern's group."""
        start, end = match.span(pattern.group)
        if start < 0 or start == end:
            return ()
        verdict = self.validate(match, pattern)
        if verdict is False:
            return ()
        score = pattern.score if verdict is True else float(verdict)
        return ((start, end, score),)

    def validate(self, match: re.Match[str], pattern: Pattern) -> bool | float:
        """False drops the match, True keeps the pattern's score, a float replaces it."""
        return True

    def has_context(self, text: str, start: int, end: int, pattern: Pattern | None = None) -> bool:
        context = (pattern.context if pattern is not None else None) or self.context
        if context is None:
            return False
        before = text[max(0, start - self.context_before) : start]
        after = text[end : end + self.context_after]
        return bool(context.search(before) or context.search(after))


def resolve(entities: Iterable[Entity]) -> list[Entity]:
    """Drop entities overlapping a longer (or, as long, better scored) one; the rest in text order."""
    kept: list[Entity] = []  # non-overlapping, in text order: a candidate is checked against its two neighbours
    for candidate in sorted(entities, key=lambda e: (-(e.end - e.start), -e.score, e.start)):
        index = bisect.bisect_left(kept, candidate.start, key=_start)
        if index > 0 and kept[index - 1].end > candidate.start:
            continue
        if index < len(kept) and kept[index].start < candidate.end:
            continue
        kept.insert(index, candidate)
    return kept


def _start(entity: Entity) -> int:
    return entity.start


def strip_trailing_punctuation(text: str, start: int, end: int) -> int:
    """The end of a URL-like token once the sentence's punctuation is taken off (balanced brackets stay)."""
    while end > start and text[end - 1] in TRAILING_PUNCTUATION:
        last = text[end - 1]
        if last == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end
