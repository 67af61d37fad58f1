"""Encrypted backups of a whole instance, and restoring one into a fresh data directory.

A backup is one file: a magic line, the file key sealed to the backup public key, then a tar
stream (database rows as JSON, the encrypted store, the secrets, the audit head) encrypted with
the secretstream format of vault/stream.py. The backup private key never lives on the server;
the operator secret is not included (keep it, like the backup key, offline).
"""

from __future__ import annotations

import io
import json
import os
import struct
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

from farewell.env import secret_file_name
from farewell.vault import crypto, storage
from farewell.vault.keys import SECRET_VARIABLES, backup_public_key, configured_secret, reload_secret_settings
from farewell.vault.stream import EncryptingWriter, decrypt_file

MAGIC = b"FAREWELL-BACKUP-1\n"
ASSOCIATED_DATA = "backup"
# Sessions and login counters are not worth restoring; everything else is.
MODELS = [
    "vault.KeyPair",
    "vault.PinnedParameter",
    "vault.SealedItem",
    "vault.StoredFile",
    "accounts.Reviewer",
    "accounts.RecoveryCode",
    "accounts.ChannelGrant",
    "archive.Testimony",  # with its lemmas: the search index refills from them on restore
    "archive.TestimonyTheme",
    "archive.PublishedFile",
    "archive.PublishedPart",
    "cases.Channel",
    "cases.Tag",
    "cases.Case",  # with its tags (the many-to-many rows travel with the case)
    "cases.Message",
    "cases.Attachment",
    "cases.FileConsent",
    "cases.Preview",
    "cases.CleanedFile",
    "cases.Rendition",
    "cases.CaseAccount",
    "cases.Verification",
    "cases.CaseCheck",
    "jobs.Job",  # restored jobs find no task row: the first worker's sweeper submits them again
    "review.Redaction",
    "review.Approval",
    "review.DismissedSuggestion",
    "review.FileDecision",
    "audit.AuditEntry",
    "audit.AuditHead",
]
# Not backed up: sessions and sign-in throttles (a restore signs everyone out), task rows.
# Sessions end anyway; throttle and flood counters only count the last minutes.
# The archive's generation only tells running processes' caches apart: a restore starts new ones.
NOT_BACKED_UP = [
    "web.IntakeSession",
    "web.ReviewSession",
    "accounts.LoginThrottle",
    "intake.FloodCount",
    "archive.Generation",
]
BACKED_UP_SECRETS = [name for name in SECRET_VARIABLES if name != "FAREWELL_OPERATOR_SECRET"]


class BackupError(Exception):
    """The backup cannot be written or read; the message says why."""


class _Sink(io.RawIOBase):
    def __init__(self, writer: EncryptingWriter):
        self.writer = writer

    def writable(self):
        return True

    def write(self, data):
        self.writer.write(bytes(data))
        return len(data)


class _Source(io.RawIOBase):
    def __init__(self, chunks):
        self.chunks, self.buffer = chunks, b""

    def readable(self):
        return True

    def readinto(self, target):
        while not self.buffer:
            try:
                self.buffer = next(self.chunks)
            except StopIteration:
                return 0
        size = min(len(target), len(self.buffer))
        target[:size], self.buffer = self.buffer[:size], self.buffer[size:]
        return size


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o600
    archive.addfile(info, io.BytesIO(data))


def write_backup(out: Path) -> dict:
    """Writes the backup; returns its manifest (counts only)."""
    file_key = crypto.new_data_key()
    sealed_key = crypto.wrap_to_public_key(file_key, backup_public_key())
    prefix = MAGIC + struct.pack(">H", len(sealed_key)) + sealed_key
    writer = EncryptingWriter(Path(out), file_key, ASSOCIATED_DATA, prefix=prefix)
    manifest = {"format": 1, "models": {}, "files": 0, "secrets": []}
    try:
        with transaction.atomic():  # one consistent snapshot of the rows
            from django.apps import apps

            rows = []
            for label in MODELS:
                objects = list(apps.get_model(label).objects.all())
                manifest["models"][label] = len(objects)
                rows.extend(objects)
            data = serializers.serialize("json", rows).encode()
        with tarfile.open(fileobj=_Sink(writer), mode="w|") as archive:
            _add_bytes(archive, "database.json", data)
            for path in sorted(storage.root("store").glob("*/*")):
                archive.add(path, arcname=f"store/{path.parent.name}/{path.name}")
                manifest["files"] += 1
            # Published files: public already, but the archive cannot show its testimonies without them.
            public = Path(settings.FAREWELL_PUBLIC_MEDIA_DIR)
            for path in sorted(public.glob("*")) if public.is_dir() else []:
                archive.add(path, arcname=f"public-media/{path.name}")
                manifest["files"] += 1
            for variable in BACKED_UP_SECRETS:
                value = configured_secret(variable)
                if value:
                    _add_bytes(archive, f"secrets/{secret_file_name(variable)}", value.encode())
                    manifest["secrets"].append(variable)
            head = Path(settings.FAREWELL_AUDIT_HEAD_PATH)
            if head.is_file():
                _add_bytes(archive, "audit-head", head.read_bytes())
            _add_bytes(archive, "manifest.json", json.dumps(manifest).encode())
        writer.finish()
    except BaseException:
        writer.discard()
        raise
    return manifest


def read_backup(path: Path, backup_private_key: bytes):
    """The backup's tar stream, decrypted as it is read."""
    with open(path, "rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise BackupError("this is not a Farewell backup")
        (length,) = struct.unpack(">H", handle.read(2))
        sealed_key = handle.read(length)
    try:
        file_key = crypto.unwrap_with_private_key(sealed_key, backup_private_key)
    except crypto.VaultError:
        raise BackupError("this backup key does not open this backup") from None
    chunks = decrypt_file(path, file_key, ASSOCIATED_DATA, skip=len(MAGIC) + 2 + length)
    return tarfile.open(fileobj=io.BufferedReader(_Source(chunks)), mode="r|")


def restore_backup(path: Path, backup_private_key: bytes) -> dict:
    """Restores into this (fresh) instance: refuses one that already holds cases or keys."""
    from farewell.vault.models import KeyPair

    call_command("migrate", interactive=False, verbosity=0)
    if KeyPair.objects.exists():
        raise BackupError("this instance already has keys or data: restore only into a fresh data directory")
    secrets_dir, store = Path(settings.SECRETS_DIR), storage.root("store")
    secrets_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    manifest = {}
    with read_backup(path, backup_private_key) as archive, tempfile.TemporaryDirectory() as scratch:
        for member in archive:
            name = member.name
            if not member.isfile() or name.startswith("/") or ".." in Path(name).parts:
                raise BackupError(f"unexpected entry in the backup: {name!r}")
            data = archive.extractfile(member)
            if name == "database.json":
                rows = Path(scratch) / "database.json"
                rows.write_bytes(data.read())
            elif name.startswith("store/"):
                target = store / Path(name).relative_to("store")
                target.parent.mkdir(mode=0o700, exist_ok=True)
                _write_new(target, data)
            elif name.startswith("public-media/"):
                public = Path(settings.FAREWELL_PUBLIC_MEDIA_DIR)
                public.mkdir(parents=True, exist_ok=True)
                _write_new(public / Path(name).name, data)
            elif name.startswith("secrets/"):
                target, value = secrets_dir / Path(name).name, data.read()
                if target.exists() and target.read_bytes().strip() != value.strip():
                    raise BackupError(f"{target} exists with another value; move it away first")
                if not target.exists():
                    _write_new(target, io.BytesIO(value))
            elif name == "audit-head":
                head = Path(settings.FAREWELL_AUDIT_HEAD_PATH)
                head.parent.mkdir(parents=True, exist_ok=True)
                head.write_bytes(data.read())
            elif name == "manifest.json":
                manifest = json.loads(data.read())
        # loaddata also resets PostgreSQL's sequences past the restored ids.
        call_command("loaddata", str(Path(scratch) / "database.json"), verbosity=0)
    reload_secret_settings()
    return manifest


def _write_new(target: Path, data) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        while chunk := data.read(1024 * 1024):
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())
