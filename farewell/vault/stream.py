"""Encrypting files as they stream, and decrypting them as they are read (libsodium secretstream).

Format: b"\\x02" ‖ 24-byte stream header ‖ chunks of CHUNK plaintext bytes each sealed with
XChaCha20-Poly1305 (17 bytes of overhead), the last one tagged FINAL. The item's purpose and id
are authenticated with the first chunk, reordering or cutting chunks fails, and a file that ends
before its FINAL chunk is refused as truncated. No Django here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from nacl import bindings as sodium
from nacl.exceptions import CryptoError

from farewell.vault.crypto import VaultError

FORMAT = b"\x02"
CHUNK = 64 * 1024
HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
OVERHEAD = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


class EncryptingWriter:
    """Writes plaintext given in pieces of any size as an encrypted file; memory stays ~CHUNK.

    Also hashes the plaintext (SHA-256, for the chain of custody) and counts its bytes.
    """

    def __init__(self, path: Path, data_key: bytes, associated_data: str, *, prefix: bytes = b""):
        self.path = Path(path)
        # O_EXCL: never follow or reuse an existing path; 0600: only this user reads it.
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        header = sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, data_key)
        self._write(prefix + FORMAT + header)
        self._pending = bytearray()
        self._ad = associated_data.encode()
        self._first = True
        self.sha256 = hashlib.sha256()
        self.size = 0

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]

    def _push(self, chunk: bytes, tag: int) -> None:
        ad = self._ad if self._first else None
        self._first = False
        self._write(sodium.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, ad, tag))

    def write(self, data: bytes) -> None:
        self.sha256.update(data)
        self.size += len(data)
        self._pending += data
        while len(self._pending) > CHUNK:  # keep at least one byte back for the FINAL chunk
            self._push(bytes(self._pending[:CHUNK]), TAG_MESSAGE)
            del self._pending[:CHUNK]

    def finish(self) -> None:
        """Seals the last chunk and makes the file durable (fsync) before anyone relies on it."""
        self._push(bytes(self._pending), TAG_FINAL)
        self._pending.clear()
        os.fsync(self._fd)
        os.close(self._fd)
        self._fd = -1

    def discard(self) -> None:
        if self._fd != -1:
            os.close(self._fd)
            self._fd = -1
        self.path.unlink(missing_ok=True)


def decrypt_file(path: Path, data_key: bytes, associated_data: str, *, skip: int = 0) -> Iterator[bytes]:
    """Yields the plaintext chunk by chunk; raises VaultError on any alteration or truncation."""
    with open(path, "rb") as handle:
        handle.seek(skip)
        if handle.read(1) != FORMAT:
            raise VaultError("not an encrypted file of this format")
        header = handle.read(HEADER_BYTES)
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        try:
            sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, header, data_key)
        except (CryptoError, ValueError):
            raise VaultError("bad stream header") from None
        ad, finished = associated_data.encode(), False
        while not finished:
            sealed = handle.read(CHUNK + OVERHEAD)
            if not sealed:
                raise VaultError("the file is truncated")
            try:
                chunk, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, ad)
            except CryptoError:
                raise VaultError("the file was altered, or this is the wrong key") from None
            ad = None
            finished = tag == TAG_FINAL
            yield chunk
        if handle.read(1):
            raise VaultError("data after the end of the stream")


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
