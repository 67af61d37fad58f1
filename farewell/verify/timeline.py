"""Public events an account can be checked against: the curated list in data/public_events.json,
the references an account makes to them, and whether a date it gives agrees with them.

Keywords are lowercase. Russian words are stems: a word of four letters or more matches any word
it begins («мобилизац» → мобилизации), a shorter one («в», «под», «днр») only itself. English and
French words match whole, each with an optional plural or possessive ending; French and English
accents are optional. Case, «ё»/«е», typographic apostrophes and hyphens do not matter.

`compare` tolerates a slip of a day or two: a day within `TOLERANCE_DAYS` of a single-day event
matches it. An event with a span (a month, or date to end) cannot be contradicted by a date less
than `NEAR_DAYS` outside it — fighting starts before and goes on after the dates historians give —
so that is 'unknown'; so is any date after a `lasting` event (a law, an annexation stays).
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from farewell.verify.dates import longest_first

DATA = Path(__file__).with_name("data") / "public_events.json"
LANGUAGES = ("ru", "en", "fr")
TOLERANCE_DAYS = 3
NEAR_DAYS = 31
STEM_LANGUAGES = frozenset({"ru", "uk"})
MIN_STEM = 4

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_FOLD = {  # a keyword character → the characters it stands for in a text
    "е": "её",
    "ё": "её",
    "e": "eéèêë",
    "é": "eéèêë",
    "è": "eéèêë",
    "ê": "eéèêë",
    "a": "aàâ",
    "à": "aàâ",
    "â": "aàâ",
    "i": "iîï",
    "î": "iîï",
    "ï": "iîï",
    "o": "oô",
    "ô": "oô",
    "u": "uùûü",
    "ù": "uùûü",
    "û": "uùûü",
    "c": "cç",
    "ç": "cç",
    "'": "'’ʼ",
    "’": "'’ʼ",
}
_HYPHEN = r"[-‐‑–\s]?"
_WORD_GAP = r"[\s«»\"„“”]+"
_PLURAL = r"(?:s|es|['’]s)?"


@dataclass(frozen=True)
class PublicEvent:
    id: str
    date: str  # YYYY-MM or YYYY-MM-DD
    end: str | None
    place: str  # English name
    titles: dict[str, str] = field(hash=False)  # language → title
    sources: tuple[str, ...]
    keywords: dict[str, tuple[str, ...]] = field(hash=False)  # language → keywords
    lasting: bool = False  # it starts a state that lasts: a later date is no conflict

    def interval(self) -> tuple[date, date]:
        """First and last day of the event."""
        return _interval(self.date)[0], _interval(self.end or self.date)[1]

    @property
    def single_day(self) -> bool:
        return self.end is None and len(self.date) == 10


@dataclass(frozen=True)
class EventReference:
    start: int
    end: int
    text: str
    event: PublicEvent


def _interval(value: str) -> tuple[date, date]:
    """First and last day a YYYY, YYYY-MM or YYYY-MM-DD value covers; ValueError if invalid."""
    if not _DATE.fullmatch(value):
        raise ValueError(f"not a YYYY[-MM[-DD]] date: {value!r}")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def parse_events(raw: list[dict]) -> tuple[PublicEvent, ...]:
    """Events from the JSON list, checked: ids unique, dates valid and ordered, https sources,
    titles and keywords in ru/en/fr, keywords lowercase and not shared by two events."""
    events: list[PublicEvent] = []
    owners: dict[tuple[str, str], str] = {}
    for item in raw:
        ident = item.get("id", "")
        if not isinstance(ident, str) or not _ID.fullmatch(ident):
            raise ValueError(f"bad event id {ident!r}")
        if any(e.id == ident for e in events):
            raise ValueError(f"duplicate event id {ident!r}")
        start, end = item.get("date", ""), item.get("end")
        for value in (start, end) if end is not None else (start,):
            if not isinstance(value, str) or len(value) < 7:
                raise ValueError(f"{ident}: date {value!r} is not YYYY-MM or YYYY-MM-DD")
            _interval(value)
        if end is not None and _interval(end)[1] < _interval(start)[0]:
            raise ValueError(f"{ident}: end {end} before date {start}")
        sources = tuple(item.get("sources", ()))
        if not sources or not all(isinstance(s, str) and s.startswith("https://") for s in sources):
            raise ValueError(f"{ident}: sources must be https URLs")
        titles = item.get("titles", {})
        keywords = {lang: tuple(words) for lang, words in item.get("keywords", {}).items()}
        for lang in LANGUAGES:
            if not titles.get(lang) or not keywords.get(lang):
                raise ValueError(f"{ident}: a title and keywords are needed in {lang}")
        for lang, words in keywords.items():
            for word in words:
                if not word or word != word.strip().lower():
                    raise ValueError(f"{ident}: keyword {word!r} must be lowercase and trimmed")
                key = (lang, word.replace("ё", "е"))
                if owners.setdefault(key, ident) != ident:
                    raise ValueError(f"{ident}: keyword {word!r} also belongs to {owners[key]}")
        if not item.get("place"):
            raise ValueError(f"{ident}: place is required")
        events.append(
            PublicEvent(
                ident, start, end, item["place"], dict(titles), sources, keywords, bool(item.get("lasting", False))
            )
        )
    return tuple(events)


@cache
def events() -> tuple[PublicEvent, ...]:
    """The curated public events, loaded and validated once."""
    return parse_events(json.loads(DATA.read_text(encoding="utf-8")))


def event(ident: str) -> PublicEvent:
    """The event with that id; KeyError if there is none."""
    for candidate in events():
        if candidate.id == ident:
            return candidate
    raise KeyError(ident)


def keyword_pattern(keyword: str, language: str) -> str:
    """The regular expression a keyword stands for (see the module docstring)."""
    words = keyword.split()
    parts = []
    for word in words:
        body = "".join(_HYPHEN if ch == "-" else f"[{_FOLD[ch]}]" if ch in _FOLD else re.escape(ch) for ch in word)
        if language in STEM_LANGUAGES:
            body += r"\w*" if sum(ch.isalpha() for ch in word) >= MIN_STEM else ""
        else:
            body += _PLURAL
        parts.append(body)
    return r"(?<!\w)" + _WORD_GAP.join(parts) + r"(?!\w)"


def _skeleton(text: str) -> str:
    """Lowercase letters and digits only, accents and «ё» folded: the skeleton of each word of a
    keyword is in a text's skeleton wherever the keyword matches, a cheap test before the regex."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[\W_ʼ]+", "", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@cache
def _keywords(language: str | None) -> tuple[tuple[tuple[str, ...], re.Pattern[str], tuple[PublicEvent, ...]], ...]:
    """(word skeletons, compiled pattern, events) for every keyword of that language (all when None)."""
    langs = (language,) if language in LANGUAGES else LANGUAGES
    owners: dict[tuple[str, tuple[str, ...]], dict[str, PublicEvent]] = {}
    for ev in events():
        for lang in langs:
            for word in ev.keywords.get(lang, ()):
                pieces = tuple(_skeleton(piece) for piece in word.split())
                owners.setdefault((keyword_pattern(word, lang), pieces), {})[ev.id] = ev
    return tuple(
        (pieces, re.compile(pattern, re.IGNORECASE), tuple(evs.values())) for (pattern, pieces), evs in owners.items()
    )


def references(text: str, language: str | None = None) -> list[EventReference]:
    """The public events `text` refers to, by keyword, sorted by start. Where matches overlap the
    longest wins; two events matched by the same span are both kept. `language` ('ru', 'en',
    'fr') limits the keywords to that language; None or another language uses all."""
    skeleton = _skeleton(text)
    spans: dict[tuple[int, int], dict[str, PublicEvent]] = {}
    for pieces, pattern, evs in _keywords(language):
        if all(piece in skeleton for piece in pieces):
            for m in pattern.finditer(text):
                spans.setdefault(m.span(), {}).update((ev.id, ev) for ev in evs)
    kept = longest_first([_Span(*span) for span in sorted(spans, key=lambda sp: (sp[0] - sp[1], sp[0]))])
    return [
        EventReference(sp.start, sp.end, text[sp.start : sp.end], ev)
        for sp in kept
        for _, ev in sorted(spans[(sp.start, sp.end)].items())
    ]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def compare(event: PublicEvent, value: str) -> str:
    """'match', 'conflict' or 'unknown': does a date (a DateMention value) agree with the event?

    match: the value's own span (its year, month or day) overlaps the event's, or it is a day
    within TOLERANCE_DAYS of a single-day event. conflict: it lies outside; for an event with a
    span, more than NEAR_DAYS outside. unknown: otherwise, and for any value after a lasting event.
    Raises ValueError for a value that is not YYYY, YYYY-MM or YYYY-MM-DD.
    """
    first, last = _interval(value)
    start, end = event.interval()
    if first <= end and last >= start:
        return "match"
    gap = (first - end).days if first > end else (start - last).days
    if event.single_day and len(value) == 10 and gap <= TOLERANCE_DAYS:
        return "match"
    if event.lasting and first > end:
        return "unknown"
    if event.single_day:
        return "conflict"
    return "unknown" if gap <= NEAR_DAYS else "conflict"
