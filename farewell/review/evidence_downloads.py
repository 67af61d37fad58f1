"""One-time downloads of evidence archives: a file in the data directory's exports/, found by a
random token that only the exporting reviewer's page holds, for ten minutes, deleted when claimed.

The file name carries the case, the reviewer and a hash of the token (a listing of the directory
gives no usable token). The archive is encrypted under a passphrase the server does not keep, so
what lies here for those minutes opens nothing by itself.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from farewell.vault import storage

LINK_SECONDS = 10 * 60
ABANDONED_BUILD_SECONDS = 24 * 3600  # an archive still being written (a large video) is not swept


@dataclass(frozen=True)
class Slot:
    token: str
    path: Path  # where the archive is written; it becomes claimable once renamed to `ready`
    ready: Path


def _directory() -> Path:
    return storage.root("exports")


def _ready_path(case_id: int, reviewer_id: int, token: str) -> Path:
    digest = hashlib.sha256(token.encode()).hexdigest()[:40]
    return _directory() / f"{int(case_id)}-{int(reviewer_id)}-{digest}.zip"


def new_slot(case_id: int, reviewer_id: int) -> Slot:
    sweep()
    token = secrets.token_urlsafe(32)
    ready = _ready_path(case_id, reviewer_id, token)
    return Slot(token, ready.with_suffix(".part"), ready)


def publish(slot: Slot) -> None:
    """The archive is complete: the ten minutes start now."""
    os.replace(slot.path, slot.ready)


def discard(slot: Slot) -> None:
    slot.path.unlink(missing_ok=True)
    slot.ready.unlink(missing_ok=True)


def claim(case_id: int, reviewer_id: int, token: str) -> BinaryIO | None:
    """The archive, opened and already unlinked (it is gone once the handle closes), or None when
    the token is wrong, used or expired. A rename first: of two concurrent claims, one wins."""
    sweep()
    if not token or len(token) > 100:
        return None
    ready = _ready_path(case_id, reviewer_id, token)
    claimed = ready.with_name(f"{ready.name}.{secrets.token_hex(8)}.sending")
    try:
        os.rename(ready, claimed)
    except FileNotFoundError:
        return None
    try:
        if claimed.stat().st_mtime < time.time() - LINK_SECONDS:
            return None
        return open(claimed, "rb")  # noqa: SIM115 - the response closes it
    finally:
        claimed.unlink(missing_ok=True)


def sweep() -> int:
    """Removes expired archives and abandoned builds. Returns how many."""
    now, removed = time.time(), 0
    for path in _directory().iterdir():
        limit = ABANDONED_BUILD_SECONDS if path.suffix == ".part" else LINK_SECONDS
        try:
            if path.stat().st_mtime < now - limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
