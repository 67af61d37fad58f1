"""The text that would be published: the original with its redactions replaced (no Django).

Placeholders are typed and numbered within a case (anonymize.text.redact.Numberer): the same
person keeps his number whatever the grammatical case («Игорем Сомовым» is «Игорь Сомов»), in
the language of the publication.
"""

from __future__ import annotations

from dataclasses import dataclass

from farewell.anonymize.text.redact import PLACEHOLDERS, Numberer, placeholder
from farewell.archive.text import printable  # noqa: F401 (the review's name for it)

LABELS = PLACEHOLDERS  # the kinds of detail a reviewer can hide


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    replacement: str | None = None  # a reviewer's own wording, e.g. «командир роты»


def merged(spans: list[Span], length: int) -> list[Span]:
    """Spans clipped to the text and sorted; overlapping ones join (the first label wins)."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(0, span.start), min(length, span.end)
        if end <= start:
            continue
        if result and start < result[-1].end:
            last = result[-1]
            result[-1] = Span(last.start, max(last.end, end), last.label, last.replacement)
        else:
            result.append(Span(start, end, span.label, span.replacement))
    return result


def derive(original: str, spans: list[Span], language: str) -> str:
    """The original with every span replaced by its numbered placeholder, or by the wording a
    reviewer gave it."""
    numberer, parts, position = Numberer(), [], 0
    for span in merged(spans, len(original)):
        if span.replacement:
            shown = f"[{span.replacement}]"
        else:
            shown = placeholder(span.label, numberer.number(span.label, original[span.start : span.end]), language)
        parts += [original[position : span.start], shown]
        position = span.end
    parts.append(original[position:])
    return "".join(parts)


def occurrences(original: str, phrase: str) -> list[tuple[int, int]]:
    """Every place the phrase occurs, ignoring case: how a reviewer marks a name everywhere."""
    phrase = phrase.strip()
    if not phrase:
        return []
    haystack, needle = original.casefold(), phrase.casefold()
    found, start = [], haystack.find(needle)
    while start != -1:
        found.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return found
