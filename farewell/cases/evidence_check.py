"""Checking an evidence archive against its manifest: what a recipient's `sha256sum -c` does, and
more: each file's hash as exported and at receipt, and entries missing from or added to it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import BinaryIO

import pyzipper

from farewell.cases.evidence import CHECKSUMS, MANIFEST


class WrongPassphrase(Exception):
    pass


def check_archive(path: Path | BinaryIO, passphrase: str) -> list[str]:
    """Re-reads every entry and compares it with the manifest: hash as exported, hash at receipt,
    missing and unlisted entries. Returns the problems found (an empty list: all is as exported)."""
    with pyzipper.AESZipFile(path) as zf:
        zf.setpassword(passphrase.encode())
        try:
            manifest = json.loads(zf.read(MANIFEST))
        except (RuntimeError, pyzipper.BadZipFile) as error:
            raise WrongPassphrase(str(error)) from None
        problems, listed = [], set()
        for row in manifest["files"]:
            name = row.get("name")
            if name is None:
                continue
            listed.add(name)
            try:
                digest = hashlib.sha256()
                with zf.open(name) as entry:
                    while chunk := entry.read(1 << 20):
                        digest.update(chunk)
            except KeyError:
                problems.append(f"{name}: listed in the manifest but missing")
                continue
            except (RuntimeError, pyzipper.BadZipFile) as error:
                problems.append(f"{name}: cannot be read ({error})")
                continue
            found = digest.hexdigest()
            if found != row["sha256_exported"]:
                problems.append(f"{name}: SHA-256 {found} differs from the manifest's SHA-256 as exported")
            if row.get("sha256_at_receipt") and found != row["sha256_at_receipt"]:
                problems.append(f"{name}: SHA-256 {found} differs from the SHA-256 at receipt")
        for name in set(zf.namelist()) - listed - {MANIFEST, CHECKSUMS}:
            problems.append(f"{name}: not listed in the manifest")
    return problems
