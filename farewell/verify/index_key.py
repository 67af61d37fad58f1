"""The key of a near-duplicate index used from the command line.

The index stores keyed hashes only, so that its file cannot be tested against a guessed sentence
without the key. The platform derives the key from its vault; the command line takes it from
FAREWELL_INDEX_KEY (64 hex digits) or from `index.key` in the index's directory, made on first use
with mode 0600 (keep that directory as private as the accounts themselves)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

NAME = "index.key"
ENVIRONMENT = "FAREWELL_INDEX_KEY"


def for_directory(directory: Path) -> bytes:
    given = os.environ.get(ENVIRONMENT, "").strip()
    if given:
        try:
            key = bytes.fromhex(given)
        except ValueError:
            raise ValueError(f"{ENVIRONMENT} is not hexadecimal") from None
        if len(key) < 16:
            raise ValueError(f"{ENVIRONMENT} is shorter than 32 hex digits")
        return key
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / NAME
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return bytes.fromhex(path.read_text().strip())
    with os.fdopen(descriptor, "w") as handle:
        key = secrets.token_bytes(32)
        handle.write(key.hex() + "\n")
    return key
