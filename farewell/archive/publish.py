"""Putting an approved testimony into the archive (the review's second approval calls this)."""

from __future__ import annotations

import datetime

from farewell.archive import generation
from farewell.archive.models import Testimony, TestimonyTheme
from farewell.archive.search.query import reindex
from farewell.archive.themes import THEMES


def new_testimony(
    *, language: str, title: str, body: str, themes: list[str], checks: list[str], approvals: int
) -> Testimony:
    """Creates the testimony with its themes. Call inside the approval's transaction, then
    add its files and call finish()."""
    testimony = Testimony.objects.create(
        language=language,
        title=title,
        body=body,
        published_on=datetime.date.today(),
        checks=sorted(checks),
        approvals=approvals,
    )
    TestimonyTheme.objects.bulk_create(TestimonyTheme(testimony=testimony, slug=s) for s in themes if s in THEMES)
    generation.bump()  # bulk_create sends no signal
    return testimony


def finish(testimony: Testimony) -> None:
    """Indexes title, body and the transcripts of its files (the save shows it to every process)."""
    reindex(testimony)
