"""Where encrypted files live on disk, and moving them there safely.

incoming/  files being received (encrypted as they stream); swept when abandoned
store/     files of committed cases, under random names, two-level fan-out
Every path is checked to stay inside its root.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.conf import settings

from farewell.vault.stream import fsync_directory

ABANDONED_AFTER_SECONDS = 24 * 3600


def root(name: str) -> Path:
    directory = Path(settings.DATA_DIR) / name
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _inside(base: Path, path: Path) -> Path:
    resolved = path.resolve()
    if not resolved.is_relative_to(base.resolve()):
        raise ValueError("a storage path left its directory")
    return resolved


def new_incoming_path() -> Path:
    return _inside(root("incoming"), root("incoming") / f"{uuid.uuid4().hex}.part")


def store_path(item_id: uuid.UUID) -> Path:
    name = uuid.UUID(str(item_id)).hex  # refuses anything that is not a UUID
    return _inside(root("store"), root("store") / name[:2] / name)


def commit_incoming(incoming: Path, item_id: uuid.UUID) -> int:
    """Moves an encrypted, fsynced incoming file into the store and makes the move durable."""
    incoming = _inside(root("incoming"), Path(incoming))
    target = store_path(item_id)
    target.parent.mkdir(mode=0o700, exist_ok=True)
    os.rename(incoming, target)
    fsync_directory(target.parent)
    fsync_directory(incoming.parent)
    return target.stat().st_size


def delete_stored(item_id: uuid.UUID) -> None:
    store_path(item_id).unlink(missing_ok=True)


def stored_bytes_on_disk() -> int:
    return sum(entry.stat().st_size for entry in root("store").rglob("*") if entry.is_file())


def free_bytes() -> int:
    stats = os.statvfs(root("incoming"))
    return stats.f_bavail * stats.f_frsize


def sweep_incoming(older_than_seconds: int = ABANDONED_AFTER_SECONDS) -> int:
    """Deletes uploads abandoned mid-way (a crash, a lost connection). Returns how many."""
    deadline, removed = time.time() - older_than_seconds, 0
    for path in root("incoming").glob("*.part"):
        if path.stat().st_mtime < deadline:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
