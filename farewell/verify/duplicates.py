"""Near-duplicate passages: the `duplicate_text` sign of coordinated (possibly planted) accounts.

A text is cut into passages: its paragraphs (separated by blank lines when the text has any, else
by line breaks), a paragraph under MIN_WORDS words joined to the next one (the last to the one
before), a paragraph over MAX_WORDS words cut into WINDOW-word windows every STRIDE words. A
passage is the set of its K-word shingles of normalized words: NFKC, casefold, ё→е, Latin
look-alike letters inside Cyrillic words read as Cyrillic, punctuation, stress marks and invisible
characters dropped. Offsets are code-point indices into the text (first word's start, last word's
end).

`DuplicateIndex` keeps, per stored document, only passage offsets and MinHash signatures of
shingles hashed with a keyed BLAKE2b: without the key nobody can test whether a guessed text is
in the index. Candidates come from LSH banding (BANDS bands of ROWS rows: a pair with Jaccard 0.5
becomes a candidate with probability 0.87, 0.6 → 0.99, 0.3 → 0.23); the similarity reported is
the Jaccard estimated from the signatures. `near_duplicates` compares one case's accounts with
each other in memory, with the exact Jaccard of shingle sets.

Limitations: a translation is not a duplicate (shingles are words of one language); a passage
copied into a much longer paragraph is diluted by the rest of it (Jaccard, not containment); a
text under MIN_WORDS words is not compared at all.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

K = 5  # words per shingle
MIN_WORDS = 12  # shorter paragraphs are joined to a neighbour; shorter texts have no passages
MAX_WORDS = 120  # longer paragraphs are cut into windows
WINDOW = 80
STRIDE = 40
PERMUTATIONS = 128
BANDS, ROWS = 32, 4
THRESHOLD = 0.5
FILENAME = "duplicates.sqlite3"
FORMAT = 1
MAX_PASSAGES = 1 << 16  # a bucket row points at (document rowid << 16) | passage number

MARKS = "\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufe0e\ufe0f"  # combining, soft hyphen, zero-width
TOKEN = re.compile(rf"[^\W_](?:[^\W_]|[{MARKS}])*")
PLAIN_TOKEN = re.compile(r"\w+")  # TOKEN for a text without MARKS or underscores
STRIP = re.compile(f"[{MARKS}]")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
BREAK = re.compile(r"(?:\n[^\S\n]*)+")
CYRILLIC = re.compile("[а-я]")
LATIN = re.compile("[a-z]")
LOOKALIKES = str.maketrans("aceopxykmhtb", "асеорхукмнтв")

_rng = np.random.default_rng(0x46617265)  # public parameters: the secret is the shingle hash key
MULTIPLIERS = _rng.integers(1, 1 << 63, PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
INCREMENTS = _rng.integers(0, 1 << 63, PERMUTATIONS, dtype=np.uint64)
SHINGLE_MIX = _rng.integers(1, 1 << 63, K, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


@dataclass(frozen=True)
class Match:
    """A passage of the checked text [start, end) like a stored document's [other_start, other_end)."""

    start: int
    end: int
    other: str
    other_label: str
    other_start: int
    other_end: int
    similarity: float  # estimated Jaccard of the two passages' shingle sets


@dataclass(frozen=True)
class NearDuplicate:
    """Two accounts of one case sharing a passage; similarity is the exact shingle Jaccard."""

    first: str
    first_start: int
    first_end: int
    second: str
    second_start: int
    second_end: int
    similarity: float


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalized word) for every word of the text."""
    folded = text.casefold().replace("ё", "е")
    if len(folded) == len(text) and unicodedata.is_normalized("NFKC", text) and not STRIP.search(text):
        folded = folded.replace("_", " ")  # same length: offsets into it are offsets into the text
        out = [(match.start(), match.end(), match.group()) for match in PLAIN_TOKEN.finditer(folded)]
    else:  # offsets come from the text as given, each word is normalized alone
        out = [
            (match.start(), match.end(), STRIP.sub("", unicodedata.normalize("NFKC", match.group())).casefold())
            for match in TOKEN.finditer(text)
        ]
        out = [(start, end, word.replace("ё", "е")) for start, end, word in out]
    if LATIN.search(folded) and CYRILLIC.search(folded):
        out = [
            (start, end, word.translate(LOOKALIKES) if LATIN.search(word) and CYRILLIC.search(word) else word)
            for start, end, word in out
        ]
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    separator = BLANK_LINE if BLANK_LINE.search(text) else BREAK
    spans, position = [], 0
    for match in separator.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def passages(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The text's words and its passages as [first, last) word-index ranges."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return tokens, []
    starts = [start for start, _, _ in tokens]
    groups, first = [], 0
    for _, end in _paragraphs(text):
        last = first
        while last < len(tokens) and starts[last] < end:
            last += 1
        if last > first:
            groups.append([first, last])
        first = last
    merged: list[list[int]] = []
    pending = None
    for group in groups:
        if pending is not None:
            group[0] = pending
            pending = None
        if group[1] - group[0] < MIN_WORDS:
            pending = group[0]
        else:
            merged.append(group)
    if pending is not None:
        if merged:
            merged[-1][1] = len(tokens)
        else:
            merged.append([pending, len(tokens)])
    out = []
    for first, last in merged:
        if last - first <= MAX_WORDS:
            out.append((first, last))
            continue
        begin = list(range(first, last - WINDOW + 1, STRIDE))
        if begin[-1] + WINDOW < last:
            begin.append(last - WINDOW)
        out.extend((start, start + WINDOW) for start in begin)
    return tokens, out


def _shingles(tokens, first: int, last: int) -> set[str]:
    normalized = [word for _, _, word in tokens[first:last]]
    return {" ".join(normalized[i : i + K]) for i in range(max(len(normalized) - K + 1, 1))}


class _Hasher:
    """Keyed word hashes (BLAKE2b, cached), shingle hashes mixed from them, MinHash signatures."""

    def __init__(self, key: bytes):
        if not isinstance(key, bytes | bytearray) or not key:
            raise ValueError("the key must be non-empty bytes")
        if len(key) > 64:
            key = hashlib.blake2b(key, digest_size=64).digest()
        self._base = hashlib.blake2b(key=bytes(key), digest_size=8, person=b"fw-dup-word")
        self._cache: dict[str, bytes] = {}

    def _word(self, word: str) -> bytes:
        digest = self._cache.get(word)
        if digest is None:
            if len(self._cache) > 500_000:
                self._cache.clear()
            hasher = self._base.copy()
            hasher.update(word.encode())
            digest = self._cache[word] = hasher.digest()
        return digest

    def signatures(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Passage offsets (P, 2) int64 and b-bit MinHash signatures (P, PERMUTATIONS) uint8."""
        tokens, spans = passages(text)
        if not spans:
            return np.zeros((0, 2), np.int64), np.zeros((0, PERMUTATIONS), np.uint8)
        hashes = np.frombuffer(b"".join([self._word(word) for _, _, word in tokens]), dtype="<u8").astype(np.uint64)
        count = len(hashes) - K + 1  # shingle i is words i … i+K-1
        mixed = np.zeros(count, np.uint64)
        for j in range(K):
            mixed += hashes[j : j + count] * SHINGLE_MIX[j]
        mixed ^= mixed >> np.uint64(33)  # MurmurHash3's finalizer
        mixed *= np.uint64(0xFF51AFD7ED558CCD)
        mixed ^= mixed >> np.uint64(33)
        values = (mixed[:, None] * MULTIPLIERS + INCREMENTS) >> np.uint64(32)
        minima = np.stack([values[first : max(last - K + 1, first + 1)].min(axis=0) for first, last in spans])
        offsets = np.array([(tokens[first][0], tokens[last - 1][1]) for first, last in spans], np.int64)
        return offsets, (minima & np.uint64(0xFF)).astype(np.uint8)


def _buckets(signatures: np.ndarray) -> np.ndarray:
    """(P, BANDS) int64 bucket of each band: its ROWS 8-bit minima as one signed 32-bit number."""
    return np.ascontiguousarray(signatures).view("<i4").reshape(len(signatures), BANDS).astype(np.int64)


def _similarities(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """(len(left), len(right)) Jaccard estimated from 8-bit signatures (b-bit MinHash)."""
    equal = (left[:, None, :] == right[None, :, :]).mean(axis=2)
    chance = 1 / 256
    return np.clip((equal - chance) / (1 - chance), 0.0, 1.0)


def _pair_up(similarity: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairs of rows and columns at or above the threshold, best first."""
    rows, columns = np.nonzero(similarity >= threshold)
    order = np.argsort(-similarity[rows, columns], kind="stable")
    used_rows, used_columns, out = set(), set(), []
    for i in order:
        row, column = int(rows[i]), int(columns[i])
        if row in used_rows or column in used_columns:
            continue
        used_rows.add(row)
        used_columns.add(column)
        out.append((row, column, float(similarity[row, column])))
    return out


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    offsets BLOB NOT NULL,     -- int32 little-endian (start, end) per passage
    signatures BLOB NOT NULL   -- uint8, PERMUTATIONS per passage
);
CREATE TABLE IF NOT EXISTS buckets (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    passage INTEGER NOT NULL,  -- (documents.rowid << 16) | passage number
    PRIMARY KEY (band, bucket, passage)
) WITHOUT ROWID;
"""
PARAMETERS = {
    "format": FORMAT,
    "shingle_words": K,
    "min_words": MIN_WORDS,
    "max_words": MAX_WORDS,
    "window": WINDOW,
    "stride": STRIDE,
    "permutations": PERMUTATIONS,
    "bands": BANDS,
    "rows": ROWS,
}


class DuplicateIndex:
    """Passage signatures of stored documents in an SQLite file inside `directory`; no text."""

    def __init__(self, directory: Path | str, key: bytes):
        self._hasher = _Hasher(key)
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / FILENAME
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA secure_delete=ON")  # a removed document's signatures are zeroed
        self._db.execute("PRAGMA cache_size=-65536")
        self._db.execute("PRAGMA journal_size_limit=67108864")  # the WAL shrinks back after a bulk add
        with self._transaction():
            for statement in _statements(SCHEMA):  # not executescript(): it commits first
                self._db.execute(statement)
            stored = dict(self._db.execute("SELECT name, value FROM meta"))
            if not stored:
                self._db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in PARAMETERS.items()])
            elif stored != {k: str(v) for k, v in PARAMETERS.items()}:
                raise ValueError(f"{self.path} was built with other parameters: {stored}")

    # -- transactions ---------------------------------------------------------------------------

    def _transaction(self):
        return _Transaction(self._db)

    def __enter__(self) -> DuplicateIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def __contains__(self, doc_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    # -- writing --------------------------------------------------------------------------------

    def add(self, doc_id: str, text: str, label: str = "") -> int:
        """Store (or replace) a document's passages; the number of passages stored."""
        return self.add_many([(doc_id, text, label)])

    def add_many(self, documents: Iterable[tuple[str, str] | tuple[str, str, str]]) -> int:
        """add() for each (doc_id, text[, label]), in one transaction; the number of passages stored."""
        total, rows = 0, []
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS staging (band INTEGER, bucket INTEGER, passage INTEGER)")
        added: set[int] = set()  # rowids of this call, whose bucket rows may still be staged
        with self._transaction():
            for item in documents:
                doc_id, text, label = (*item, "") if len(item) == 2 else item
                replaced = self._remove(doc_id)
                if replaced in added:  # the same id twice in one call: drop the first one's rows
                    rows = [row for row in rows if row[2] >> 16 != replaced]
                    self._db.execute("DELETE FROM staging WHERE passage >> 16 = ?", (replaced,))
                offsets, signatures = self._hasher.signatures(text)
                if len(signatures) > MAX_PASSAGES:
                    raise ValueError(f"{doc_id}: more than {MAX_PASSAGES} passages")
                cursor = self._db.execute(
                    "INSERT INTO documents (id, label, offsets, signatures) VALUES (?, ?, ?, ?)",
                    (doc_id, label, offsets.astype("<i4").tobytes(), signatures.tobytes()),
                )
                added.add(cursor.lastrowid)
                rows.extend(_bucket_rows(cursor.lastrowid, signatures))
                total += len(signatures)
                if len(rows) > 100_000:
                    self._db.executemany("INSERT INTO staging VALUES (?, ?, ?)", rows)
                    rows = []
            self._db.executemany("INSERT INTO staging VALUES (?, ?, ?)", rows)
            # In key order: the B-tree is then written once, not page by page at random.
            self._db.execute("INSERT OR IGNORE INTO buckets SELECT * FROM staging ORDER BY band, bucket, passage")
            self._db.execute("DELETE FROM staging")
        return total

    def remove(self, doc_id: str) -> bool:
        """Forget a document; False when it was not stored. The WAL is then checkpointed and
        truncated, so that the old pages do not linger there (secure_delete zeroes the file's)."""
        with self._transaction():
            removed = self._remove(doc_id) is not None
        if removed:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed

    def _remove(self, doc_id: str) -> int | None:
        """The removed document's rowid, None when it was not stored."""
        row = self._db.execute("SELECT rowid, signatures FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        rowid, blob = row
        signatures = np.frombuffer(blob, dtype=np.uint8).reshape(-1, PERMUTATIONS)
        self._db.executemany(
            "DELETE FROM buckets WHERE band = ? AND bucket = ? AND passage = ?", _bucket_rows(rowid, signatures)
        )
        self._db.execute("DELETE FROM documents WHERE rowid = ?", (rowid,))
        return rowid

    # -- reading --------------------------------------------------------------------------------

    def check(self, text: str, exclude: str | None = None, threshold: float = THRESHOLD) -> list[Match]:
        """Passages of `text` like stored passages (estimated Jaccard ≥ threshold), most similar first.

        Each passage of the text is paired with at most one passage of each stored document."""
        offsets, signatures = self._hasher.signatures(text)
        if not len(signatures):
            return []
        buckets = _buckets(signatures)
        documents: set[int] = set()
        for band in range(BANDS):
            values = sorted(set(buckets[:, band].tolist()))
            query = f"SELECT passage FROM buckets WHERE band = ? AND bucket IN ({','.join('?' * len(values))})"
            documents.update(passage >> 16 for (passage,) in self._db.execute(query, (band, *values)))
        if not documents:
            return []
        matches = []
        found = sorted(documents)
        for chunk in range(0, len(found), 500):
            part = found[chunk : chunk + 500]
            query = f"SELECT id, label, offsets, signatures FROM documents WHERE rowid IN ({','.join('?' * len(part))})"
            for doc_id, label, other_offsets, other_signatures in self._db.execute(query, part):
                if doc_id == exclude:
                    continue
                theirs = np.frombuffer(other_signatures, dtype=np.uint8).reshape(-1, PERMUTATIONS)
                where = np.frombuffer(other_offsets, dtype="<i4").reshape(-1, 2)
                for mine, other, similarity in _pair_up(_similarities(signatures, theirs), threshold):
                    start, end = offsets[mine]
                    other_start, other_end = where[other]
                    matches.append(
                        Match(int(start), int(end), doc_id, label, int(other_start), int(other_end), similarity)
                    )
        matches.sort(key=lambda m: (-m.similarity, m.start, m.other, m.other_start))
        return matches


def _bucket_rows(rowid: int, signatures: np.ndarray) -> list[tuple[int, int, int]]:
    buckets = _buckets(signatures).tolist()
    return [
        (band, bucket, rowid << 16 | number) for number, row in enumerate(buckets) for band, bucket in enumerate(row)
    ]


def _statements(script: str) -> list[str]:
    script = re.sub(r"--[^\n]*", "", script)
    return [statement for statement in script.split(";") if statement.strip()]


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self):
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback):
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def near_duplicates(texts: dict[str, str], threshold: float = THRESHOLD) -> list[NearDuplicate]:
    """Passages shared by two of the texts (one case's accounts), exact Jaccard ≥ threshold, best first.

    Each passage is paired with at most one passage of each other text. Nothing is stored."""
    names = list(texts)
    sets, spans, owner = [], [], []
    for number, name in enumerate(names):
        tokens, ranges = passages(texts[name])
        for first, last in ranges:
            sets.append(_shingles(tokens, first, last))
            spans.append((tokens[first][0], tokens[last - 1][1]))
            owner.append(number)
    postings: dict[str, list[int]] = {}
    for passage, shingles in enumerate(sets):
        for shingle in shingles:
            postings.setdefault(shingle, []).append(passage)
    shared: dict[tuple[int, int], int] = {}
    for passage, shingles in enumerate(sets):
        for shingle in shingles:
            for other in postings[shingle]:
                if other > passage and owner[other] != owner[passage]:
                    shared[passage, other] = shared.get((passage, other), 0) + 1
    by_pair: dict[tuple[int, int], list[tuple[float, int, int]]] = {}
    for (a, b), common in shared.items():
        similarity = common / (len(sets[a]) + len(sets[b]) - common)
        if similarity >= threshold:
            by_pair.setdefault((owner[a], owner[b]), []).append((similarity, a, b))
    out = []
    for (first, second), candidates in by_pair.items():
        used: set[int] = set()
        for similarity, a, b in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
            if a in used or b in used:
                continue
            used.update((a, b))
            out.append(NearDuplicate(names[first], *spans[a], names[second], *spans[b], similarity))
    rank = {name: number for number, name in enumerate(names)}
    out.sort(key=lambda d: (-d.similarity, rank[d.first], d.first_start, rank[d.second], d.second_start))
    return out
