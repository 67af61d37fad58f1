"""Taking a testimony out of the archive (the submitter withdrew it): its row and every published
part go, so that no page, feed or static export made afterwards can hold it."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from farewell.archive.models import PublishedPart, Testimony
from farewell.archive.search import backends


def unpublish(testimony: Testimony) -> int:
    """Deletes the testimony with its files; the parts leave the disk once the transaction commits
    (a rollback leaves them, and the testimony, as they were). Returns the parts removed."""
    names = list(PublishedPart.objects.filter(file__testimony=testimony).values_list("name", flat=True))
    testimony.delete()  # raises the archive's generation: no process shows it any more
    folder = Path(settings.FAREWELL_PUBLIC_MEDIA_DIR)

    def remove() -> None:
        for name in names:
            (folder / name).unlink(missing_ok=True)
        backends.purge_deleted(connection)

    transaction.on_commit(remove)
    return len(names)
