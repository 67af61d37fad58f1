"""Searching the archive: readers' words to matching testimonies, and snippets that show why."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from farewell.archive.models import Testimony
from farewell.archive.search import backends, lemmas

MAX_QUERY_WORDS = 12
MAX_QUERY_CHARS = 300
SNIPPET_WORDS = 36
SPACES = re.compile(r"\s+")
SCAN = 2000


@dataclass(frozen=True)
class Query:
    text: str
    groups: list[tuple[str, ...]]

    @classmethod
    def parse(cls, text: str) -> Query:
        text = text.strip()
        if len(text) > MAX_QUERY_CHARS:  # cut between words, not inside one
            text = text[: MAX_QUERY_CHARS + 1].rsplit(None, 1)[0][:MAX_QUERY_CHARS]
        return cls(text, lemmas.query_terms(text, MAX_QUERY_WORDS))

    def highlighter(self) -> lemmas.Highlighter:
        return lemmas.Highlighter(self.text, MAX_QUERY_WORDS)


def search(queryset: QuerySet[Testimony], query: Query) -> QuerySet[Testimony]:
    """The testimonies of queryset that match every word, newest first on every backend."""
    if not query.groups:
        return queryset.none()
    sql, params = backends.matching_ids(connection.vendor, query.groups)
    return queryset.filter(pk__in=RawSQL(sql, params))


def reindex(testimony: Testimony) -> None:
    testimony.lemmas = lemmas.index_text(testimony.searchable_text(), testimony.language)
    testimony.save(update_fields=["lemmas"])


def snippet(
    text: str, marks: lemmas.Highlighter, stems: tuple[str, ...], words: int | None = SNIPPET_WORDS
) -> SafeString:
    """About `words` words of text around its first match (None: all), matches in <mark>, escaped.
    Only the first SCAN words are searched for a first match: a page of results stays cheap."""
    text = unicodedata.normalize("NFC", text)
    found = list(lemmas.SHOWN_WORD.finditer(text))
    if not found:
        return escape(text.strip())
    first = next((k for k, m in enumerate(found[:SCAN]) if marks and marks.found(m.group(), stems)), 0)
    begin = 0 if words is None else max(0, first - words // 3)
    end = len(found) if words is None else min(len(found), begin + words)
    out = ["…"] if begin > 0 else [escape(text[: found[0].start()].strip())]
    for k in range(begin, end):
        word = escape(found[k].group())
        out.append(f"<mark>{word}</mark>" if marks and marks.found(found[k].group(), stems) else word)
        if k + 1 < end:
            out.append(escape(SPACES.sub(" ", text[found[k].end() : found[k + 1].start()])))
    out.append("…" if end < len(found) else escape(text[found[-1].end() :].strip()))
    return mark_safe("".join(out))
