"""Gold evaluation set for the text anonymizer: fictional testimonies and press texts, annotated by hand.

Plain Python, no Django. Each document is a JSON file beside this module; README.md gives the
annotation guidelines. `python -m farewell.anonymize.gold` prints the counts table of the README.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

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
LANGUAGES = ("ru", "en", "fr")
KINDS = ("testimony", "press")
REDACT, KEEP = "redact", "keep"
KEEPABLE_LABELS = ("PERSON", "LOCATION")  # public figures and countries


@dataclass(frozen=True)
class GoldEntity:
    start: int
    end: int
    label: str
    text: str
    action: str


@dataclass(frozen=True)
class GoldDocument:
    id: str
    language: str
    kind: str
    text: str
    entities: tuple[GoldEntity, ...]


def paths() -> list[Path]:
    """The JSON files of the set, sorted by name (the name is the document id)."""
    return sorted(HERE.glob("*.json"))


def read(path: Path) -> GoldDocument:
    data = json.loads(path.read_text(encoding="utf-8"))
    entities = tuple(
        GoldEntity(start=e["start"], end=e["end"], label=e["label"], text=e["text"], action=e["action"])
        for e in data["entities"]
    )
    return GoldDocument(
        id=data["id"], language=data["language"], kind=data["kind"], text=data["text"], entities=entities
    )


def load(language: str | None = None) -> list[GoldDocument]:
    """Every gold document (or those of one language), sorted by id."""
    documents = [read(path) for path in paths()]
    if language is not None:
        documents = [document for document in documents if document.language == language]
    return sorted(documents, key=lambda document: document.id)


def counts_table(documents: list[GoldDocument] | None = None) -> str:
    """Markdown table of entity counts per label and language, as pasted in README.md."""
    documents = load() if documents is None else documents
    per_label: Counter[tuple[str, str]] = Counter()
    kept: Counter[str] = Counter()
    for document in documents:
        for entity in document.entities:
            per_label[entity.label, document.language] += 1
            if entity.action == KEEP:
                kept[entity.label] += 1
    header = ["label", *LANGUAGES, "total", "of which keep"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label in LABELS:
        cells = [per_label[label, language] for language in LANGUAGES]
        lines.append(f"| {label} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} | {kept[label]} |")
    totals = [sum(per_label[label, language] for label in LABELS) for language in LANGUAGES]
    lines.append("| **all entities** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} | {sum(kept.values())} |")
    documents_per_language = [sum(1 for d in documents if d.language == language) for language in LANGUAGES]
    lines.append("| **documents** | " + " | ".join(map(str, documents_per_language)) + f" | {len(documents)} | |")
    kinds = Counter((document.language, document.kind) for document in documents)
    for kind in KINDS:
        cells = [kinds[language, kind] for language in LANGUAGES]
        lines.append(f"| ↳ {kind} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} | |")
    return "\n".join(lines)
