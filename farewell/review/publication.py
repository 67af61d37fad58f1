"""The text that would be published: the original with its redactions replaced (no Django).

Placeholders are typed and numbered within a case: the same redacted words get the same
number («[ИМЯ 1]» stays one person), in the language of the publication.
"""

from __future__ import annotations

from dataclasses import dataclass

LABELS = {
    "PERSON": {"ru": "ИМЯ", "en": "NAME", "fr": "NOM", "uk": "ІМʼЯ"},
    "LOCATION": {"ru": "МЕСТО", "en": "PLACE", "fr": "LIEU", "uk": "МІСЦЕ"},
    "ORGANIZATION": {"ru": "ОРГАНИЗАЦИЯ", "en": "ORGANIZATION", "fr": "ORGANISATION", "uk": "ОРГАНІЗАЦІЯ"},
    "MILITARY_UNIT": {"ru": "ЧАСТЬ", "en": "UNIT", "fr": "UNITÉ", "uk": "ЧАСТИНА"},
    "CALLSIGN": {"ru": "ПОЗЫВНОЙ", "en": "CALL SIGN", "fr": "INDICATIF", "uk": "ПОЗИВНИЙ"},
    "PHONE": {"ru": "ТЕЛЕФОН", "en": "PHONE", "fr": "TÉLÉPHONE", "uk": "ТЕЛЕФОН"},
    "EMAIL": {"ru": "ПОЧТА", "en": "EMAIL", "fr": "COURRIEL", "uk": "ПОШТА"},
    "URL": {"ru": "ССЫЛКА", "en": "LINK", "fr": "LIEN", "uk": "ПОСИЛАННЯ"},
    "HANDLE": {"ru": "АККАУНТ", "en": "ACCOUNT", "fr": "COMPTE", "uk": "АКАУНТ"},
    "ID_DOCUMENT": {"ru": "ДОКУМЕНТ", "en": "DOCUMENT", "fr": "DOCUMENT", "uk": "ДОКУМЕНТ"},
    "VEHICLE_PLATE": {"ru": "НОМЕР", "en": "PLATE", "fr": "IMMATRICULATION", "uk": "НОМЕР"},
    "ADDRESS": {"ru": "АДРЕС", "en": "ADDRESS", "fr": "ADRESSE", "uk": "АДРЕСА"},
    "DATE": {"ru": "ДАТА", "en": "DATE", "fr": "DATE", "uk": "ДАТА"},
    "AGE": {"ru": "ВОЗРАСТ", "en": "AGE", "fr": "ÂGE", "uk": "ВІК"},
    "OTHER": {"ru": "СКРЫТО", "en": "REDACTED", "fr": "MASQUÉ", "uk": "ПРИХОВАНО"},
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


def merged(spans: list[Span], length: int) -> list[Span]:
    """Spans clipped to the text and sorted; overlapping ones join (the first label wins)."""
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(0, span.start), min(length, span.end)
        if end <= start:
            continue
        if result and start < result[-1].end:
            last = result[-1]
            result[-1] = Span(last.start, max(last.end, end), last.label)
        else:
            result.append(Span(start, end, span.label))
    return result


def placeholder(label: str, number: int, language: str) -> str:
    names = LABELS.get(label, LABELS["OTHER"])
    return f"[{names.get(language, names['en'])} {number}]"


def derive(original: str, spans: list[Span], language: str) -> str:
    """The original with every span replaced by its numbered placeholder."""
    numbers: dict[tuple[str, str], int] = {}
    counters: dict[str, int] = {}
    parts, position = [], 0
    for span in merged(spans, len(original)):
        key = (span.label, " ".join(original[span.start : span.end].casefold().split()))
        if key not in numbers:
            counters[span.label] = counters.get(span.label, 0) + 1
            numbers[key] = counters[span.label]
        parts += [original[position : span.start], placeholder(span.label, numbers[key], language)]
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
