"""Everything an attacker who steals the database or the data directory would hold, as text.

Tests search it for what must never be stored in the clear (addresses, user agents, story
text, codenames). Later features extend it by storing more, never by changing the search.
"""

from __future__ import annotations

from pathlib import Path

from django.db import connection


def database_dump() -> str:
    """Every row of every table, as text (bytes shown raw and decoded as UTF-8 and Latin-1)."""
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                lines.append(f"{table}: " + " | ".join(_as_text(value) for value in row))
    return "\n".join(lines)


def directory_dump(directory: Path) -> str:
    """The names and contents of every file under directory, decoded leniently."""
    parts = []
    for path in sorted(Path(directory).rglob("*")):
        parts.append(str(path))
        if path.is_file():
            data = path.read_bytes()
            parts.append(data.decode("utf-8", errors="replace"))
            parts.append(data.decode("latin-1"))
    return "\n".join(parts)


def _as_text(value) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return f"{value!r} {value.decode('utf-8', errors='replace')} {value.decode('latin-1')}"
    return str(value)


def at_rest() -> str:
    """What a stolen disk holds: every table, and every file of the data directory."""
    from django.conf import settings

    return database_dump() + "\n" + directory_dump(Path(settings.DATA_DIR))


def assert_not_at_rest(*markers: str) -> None:
    """The shared database-dump check: none of the markers may be readable at rest.

    Each feature that stores something new (files, messages, notes, findings, transcripts)
    adds a test that puts a marker through it and calls this.
    """
    everything = at_rest()
    found = [marker for marker in markers if marker in everything]
    assert not found, f"readable at rest: {found}"
