"""Helpers for the recognizers' test tables: a language guess per row, and what was found."""

from __future__ import annotations

import re


def language_of(text: str) -> str:
    if re.search(r"[іїєґ]", text, re.IGNORECASE):
        return "uk"
    if re.search(r"[а-яё]", text, re.IGNORECASE):
        return "ru"
    return "fr" if re.search(r"[àâçéèêîôûœ]|\b(?:le|la|les|du|des|je|il|est)\b", text, re.IGNORECASE) else "en"


def finder(recognizer):
    """found(text) -> [(label, text)], checking that every entity's offsets point at its text."""

    def found(text: str) -> list[tuple[str, str]]:
        entities = recognizer.find(text, language_of(text))
        assert all(text[e.start : e.end] == e.text and 0 < e.score <= 1 for e in entities)
        return [(e.label, e.text) for e in entities]

    return found
