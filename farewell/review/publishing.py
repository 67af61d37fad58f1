"""Publishing the files of an approved case: the exact parts the approvals covered, decrypted
with the second approver's key into FAREWELL_PUBLIC_MEDIA_DIR under random names.

Only renditions made for publication ever get here (cleaned, faces hidden, boxes burned,
documents as page images, no voice without consent); each is checked against the SHA-256 the
approvals covered while it is written. A failure removes what was written, and the approval's
transaction rolls back with it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from farewell.anonymize.media.formats import EXTENSIONS
from farewell.archive.models import PublishedFile, PublishedPart, Testimony
from farewell.cases.models import Case
from farewell.review.actions import Desk, NotAllowed
from farewell.review.file_decisions import chosen_files, published_parts, transcript_of
from farewell.vault.store import file_metadata, read_file


def public_dir() -> Path:
    path = Path(settings.FAREWELL_PUBLIC_MEDIA_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def publish_files(case: Case, desk: Desk, testimony: Testimony) -> int:
    """Returns the number of files published. Call inside the approval's transaction."""
    written: list[Path] = []
    count, folder = 0, public_dir()
    try:
        for decision in chosen_files(case):
            parts = published_parts(decision) or []
            transcript = transcript_of(decision, desk)
            if not parts and not transcript:
                continue
            count += 1
            published = PublishedFile.objects.create(testimony=testimony, position=count, transcript=transcript)
            for position, rendition in enumerate(parts, 1):
                key = desk.channel_key(rendition.stored)
                expected = file_metadata(rendition.stored, key).sha256
                name = secrets.token_urlsafe(12) + EXTENSIONS.get(rendition.content_type, "")
                path = folder / name
                written.append(path)
                digest, size = _write(path, read_file(rendition.stored, key))
                if digest != expected:
                    raise NotAllowed(_("A prepared file does not match what was approved. Review it again."))
                PublishedPart.objects.create(
                    file=published,
                    position=position,
                    name=name,
                    content_type=rendition.content_type,
                    sha256=digest,
                    size=size,
                    page=rendition.page,
                )
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return count


def _write(path: Path, chunks) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        handle.flush()
        os.fsync(handle.fileno())
    return digest.hexdigest(), size
