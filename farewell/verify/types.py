"""The verification engine's own types: accounts in, people, places, events and findings out.

Offsets are code-point indices into the account's text as read (a BOM is not text), like the
`farewell anonymize` contract. Every result is a frozen dataclass; `report.as_json` turns a
`Report` into the JSON of `farewell verify --json` (../shared/product.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "alert")
FINDING_KINDS = (
    "consistent",
    "contradiction",
    "public_event_match",
    "public_event_conflict",
    "place_within",
    "place_conflict",
    "duplicate_text",
    "risk_flag",
)
ATTRIBUTES = ("age", "role", "rank", "unit", "origin")


@dataclass(frozen=True)
class Account:
    """One account of a case: its name (a file name, or the platform's label), its text, and
    the day it was given or published when known (relative dates are resolved against it)."""

    name: str
    text: str
    date: str | None = None  # YYYY-MM-DD
    kind: str = "testimony"  # testimony | answers | interview | press | other


@dataclass(frozen=True)
class Span:
    file: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribute:
    value: int | str
    file: str
    text: str
    start: int = -1
    end: int = -1

    def span(self) -> Span:
        return Span(self.file, self.start, self.end, self.text)


@dataclass(frozen=True)
class Person:
    id: str
    names: tuple[str, ...]
    mentions: tuple[Span, ...]
    attributes: dict[str, tuple[Attribute, ...]] = field(default_factory=dict)
    pseudonym: bool = False  # an account says the name is not his real one
    narrator: bool = False  # the first person of a first-person account


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    geonames_id: int | None
    within: tuple[str, ...]  # names of what contains it, nearest first (region, country)
    mentions: tuple[Span, ...]
    kind: str = "city"  # city | region | country | unknown
    country: str | None = None  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class Event:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    text: str
    file: str
    start: int
    end: int
    person: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str
    summary: str
    evidence: tuple[Span, ...]
    # What it is about, for machines: an attribute (age, rank, role, unit, origin), "date:<what>",
    # a public event's id, a risk category, "place" or "duplicate". An extension of the contract.
    topic: str = ""
    person: str | None = None
    value: str | None = None  # what accounts agree on, for a consistent finding


@dataclass(frozen=True)
class AccountInfo:
    file: str
    language: str


@dataclass(frozen=True)
class Report:
    accounts: tuple[AccountInfo, ...]
    people: tuple[Person, ...]
    places: tuple[Place, ...]
    events: tuple[Event, ...]
    findings: tuple[Finding, ...]
