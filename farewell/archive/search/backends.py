"""The lemma column's full-text index on each backend, and the one query both answer alike.

SQLite: an FTS5 table over archive_testimony.lemmas (external content, kept by triggers).
PostgreSQL: a stored tsvector of the lemma tokens taken as they are (array_to_tsvector) with a GIN
index, queried with a tsquery cast from text, so neither side runs a text-search parser or dictionary of its own: the
tokens are exactly those of lemmas.py, and the two backends match the same rows.
"""

from __future__ import annotations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE archive_search USING fts5("
    "lemmas, content='archive_testimony', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER archive_search_insert AFTER INSERT ON archive_testimony BEGIN "
    "INSERT INTO archive_search(rowid, lemmas) VALUES (new.id, new.lemmas); END",
    "CREATE TRIGGER archive_search_delete AFTER DELETE ON archive_testimony BEGIN "
    "INSERT INTO archive_search(archive_search, rowid, lemmas) VALUES ('delete', old.id, old.lemmas); END",
    "CREATE TRIGGER archive_search_update AFTER UPDATE OF lemmas ON archive_testimony BEGIN "
    "INSERT INTO archive_search(archive_search, rowid, lemmas) VALUES ('delete', old.id, old.lemmas); "
    "INSERT INTO archive_search(rowid, lemmas) VALUES (new.id, new.lemmas); END",
    "INSERT INTO archive_search(archive_search) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS archive_search_insert",
    "DROP TRIGGER IF EXISTS archive_search_delete",
    "DROP TRIGGER IF EXISTS archive_search_update",
    "DROP TABLE IF EXISTS archive_search",
]
# The tokens as a tsvector, stored: computed again for every row it would cost seconds whenever the
# planner prefers scanning the table to the index (a word in a third of 100,000 testimonies).
POSTGRES_CREATE = [
    "ALTER TABLE archive_testimony ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(lemmas, ' '))) STORED",
    "CREATE INDEX IF NOT EXISTS archive_search ON archive_testimony USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS archive_search",
    "ALTER TABLE archive_testimony DROP COLUMN IF EXISTS search_vector",
]


class UnsupportedDatabase(Exception):
    pass


def _statements(vendor: str, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    raise UnsupportedDatabase(f"the archive's search needs SQLite or PostgreSQL, not {vendor}")


def create_index(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=True):
            cursor.execute(statement)


def drop_index(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=False):
            cursor.execute(statement)


def purge_deleted(connection) -> None:
    """Makes the index forget withdrawn testimonies now. FTS5 keeps a deleted row's words in its
    segments until they merge: 'optimize' merges them all, and secure_delete zeroes the freed
    pages. (PostgreSQL's GIN index drops dead entries at the next VACUUM: autovacuum's job.)"""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO archive_search(archive_search) VALUES ('optimize')")


def _quote(token: str, mark: str) -> str:
    return f"{mark}{token}{mark}"  # tokens are [0-9a-zа-яіїєґ]+ (lemmas.TOKEN): nothing to escape


def matching_ids(vendor: str, groups: list[tuple[str, ...]]) -> tuple[str, list[str]]:
    """SQL selecting the ids of testimonies whose lemmas hold a form of every group, and its
    parameter. groups must not be empty."""
    if vendor == "sqlite":
        query = " AND ".join("(" + " OR ".join(_quote(t, '"') for t in group) + ")" for group in groups)
        return "SELECT rowid FROM archive_search WHERE archive_search MATCH %s", [query]
    if vendor == "postgresql":
        query = " & ".join("(" + " | ".join(_quote(t, "'") for t in group) + ")" for group in groups)
        return "SELECT id FROM archive_testimony WHERE search_vector @@ %s::tsquery", [query]
    raise UnsupportedDatabase(f"the archive's search needs SQLite or PostgreSQL, not {vendor}")
