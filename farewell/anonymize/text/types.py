"""The text pipeline's own types: what a recognizer finds, and what the policy decides."""

from __future__ import annotations

from dataclasses import dataclass, replace

LABELS = (
    "PERSON",
    "LOCATION",
    "ORGANIZATION",
    "MILITARY_UNIT",
    "CALLSIGN",
    "PHONE",
    "EMAIL",
    "URL",
    "HANDLE",
    "ID_DOCUMENT",
    "VEHICLE_PLATE",
    "ADDRESS",
    "DATE",
    "AGE",
)
REDACT, KEEP = "redact", "keep"


@dataclass(frozen=True)
class Entity:
    """A span of the text that may identify someone. start/end are code-point offsets."""

    start: int
    end: int
    label: str
    text: str
    score: float = 1.0
    source: str = ""  # which recognizer found it
    action: str = REDACT

    def with_action(self, action: str) -> Entity:
        return replace(self, action=action)

    def overlaps(self, other: Entity) -> bool:
        return self.start < other.end and other.start < self.end


class Recognizer:
    """One kind of detail. Subclasses set `label`, `languages` and implement `find`.

    `languages` is a set of ISO codes, or None for any language (patterns such as emails).
    `find` receives the whole text and the language of the paragraph being analysed; it
    returns entities with offsets into that text.
    """

    label: str = ""
    languages: frozenset[str] | None = None
    name: str = ""

    def applies_to(self, language: str) -> bool:
        return self.languages is None or language in self.languages

    def find(self, text: str, language: str) -> list[Entity]:
        raise NotImplementedError

    def entity(self, text: str, start: int, end: int, score: float = 0.9, label: str | None = None) -> Entity:
        return Entity(start, end, label or self.label, text[start:end], score, self.name or type(self).__name__)
