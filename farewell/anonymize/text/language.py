"""Language of a text and of each of its paragraphs (lingua ships its models)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

SUPPORTED = ("ru", "en", "fr")
UNKNOWN = "und"
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")  # lines up to a blank line


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    language: str


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.RUSSIAN,
        Language.ENGLISH,
        Language.FRENCH,
        Language.UKRAINIAN,
        Language.KAZAKH,
        Language.BELARUSIAN,
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when there is no telling."""
    if not re.search(r"[^\W\d_]{2,}", text):
        return UNKNOWN
    language = _detector().detect_language_of(text)
    return language.iso_code_639_1.name.lower() if language is not None else UNKNOWN


def paragraphs(text: str, forced: str | None = None) -> list[Paragraph]:
    """The text's paragraphs with their languages; `forced` overrides detection."""
    found = [Paragraph(m.start(), m.end(), forced or detect(m.group())) for m in PARAGRAPH.finditer(text)]
    return found or [Paragraph(0, len(text), forced or UNKNOWN)]


def main_language(text: str, parts: list[Paragraph]) -> str:
    """The language covering most characters."""
    totals: dict[str, int] = {}
    for part in parts:
        totals[part.language] = totals.get(part.language, 0) + (part.end - part.start)
    known = {code: size for code, size in totals.items() if code != UNKNOWN}
    return max(known, key=known.get) if known else UNKNOWN
