"""Codenames: random words a submitter keeps, and the slow keyed hash that finds his case.

A codename is FAREWELL_CODENAME_WORDS (at least 7) words drawn uniformly from a list of
7,776 words: 7 × log2(7776) ≈ 90.5 bits. Only argon2id(codename, salt=pepper) is stored; the
pepper lives outside the database, so a dump alone does not allow guessing offline, and the
hash doubles as the lookup key, so checking a codename costs one hash, not one per case.

A second argon2id of the codename, under the case's own random salt, is the submitter's private
key (../shared/product.md, "Keys"): what reviewers write to him is wrapped to its public half.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import unicodedata
from functools import cache
from pathlib import Path

from django.conf import settings
from nacl.public import PrivateKey

from farewell.vault import crypto

WORDLISTS = Path(__file__).resolve().parent / "wordlists"
LISTS_BY_LANGUAGE = {"ru": "ru"}  # other interface languages get the English list
DEFAULT_LIST = "en"


class Busy(RuntimeError):
    """Too many codename checks are running at once; the caller should ask to retry."""


@cache
def wordlist(name: str) -> tuple[str, ...]:
    words = (WORDLISTS / f"{name}.txt").read_text(encoding="utf-8").split()
    return tuple(words)


@cache
def known_words() -> frozenset[str]:
    return frozenset(word for path in WORDLISTS.glob("*.txt") for word in wordlist(path.stem))


def generate(language: str) -> str:
    words = wordlist(LISTS_BY_LANGUAGE.get(language, DEFAULT_LIST))
    return " ".join(secrets.choice(words) for _ in range(settings.FAREWELL_CODENAME_WORDS))


def normalize(text: str) -> str:
    """Case, extra spaces, punctuation between words and ё/е do not matter."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    cleaned = "".join(ch if ch.isalpha() else " " for ch in text)
    return " ".join(cleaned.split())


def is_well_formed(normalized: str) -> bool:
    words = normalized.split()
    return len(words) >= settings.FAREWELL_CODENAME_WORDS and all(word in known_words() for word in words)


_slots = None
_slots_lock = threading.Lock()


def _hash_slots() -> threading.BoundedSemaphore:
    global _slots
    with _slots_lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(settings.FAREWELL_CODENAME_HASH_CONCURRENCY)
        return _slots


def _slow_hash(codename: str, salt: bytes, wait_seconds: float) -> bytes:
    """argon2id of the normalized codename. Memory-hard, so concurrent hashes per process are capped."""
    slots = _hash_slots()
    if not slots.acquire(timeout=wait_seconds):
        raise Busy("too many codename checks at once")
    cost = crypto.KdfCost(settings.FAREWELL_CODENAME_HASH_TIME_COST, settings.FAREWELL_CODENAME_HASH_MEMORY_KIB)
    try:
        return crypto.derive_key(normalize(codename).encode("utf-8"), salt, cost)
    finally:
        slots.release()


def _pepper() -> bytes:
    pepper = settings.FAREWELL_PEPPER
    if not pepper:
        raise RuntimeError("FAREWELL_PEPPER is not set: run `farewell keys init`")
    return pepper.encode("utf-8")


def lookup_id(codename: str, *, wait_seconds: float = 10.0) -> str:
    """The hex lookup id of a codename: argon2id salted with the pepper (kept outside the database)."""
    # libsodium's argon2id takes a 16-byte salt: the pepper, hashed down to it.
    salt = hashlib.blake2b(_pepper(), digest_size=crypto.KDF_SALT_BYTES).digest()
    return _slow_hash(codename, salt, wait_seconds).hex()


def new_submitter_salt() -> bytes:
    return secrets.token_bytes(crypto.KDF_SALT_BYTES)


def submitter_key_pair(codename: str, salt: bytes, *, wait_seconds: float = 10.0) -> tuple[bytes, bytes]:
    """(public, private): the submitter's X25519 key pair, derived from the codename with argon2id
    under the case's own salt keyed with the pepper, so that it shares nothing with the lookup id.
    It exists only while he is signed in; the database holds the public half, which, like the
    lookup id, confirms no codename without the pepper."""
    # The pepper (outside the database) is mixed into the case's salt: with a dump alone, the stored
    # public half cannot confirm a guessed or seized codename, just as the lookup id cannot.
    peppered = hashlib.blake2b(salt, key=_pepper()[:64], digest_size=crypto.KDF_SALT_BYTES).digest()
    private = PrivateKey(_slow_hash(codename, peppered, wait_seconds))
    return bytes(private.public_key), bytes(private)
