"""Upload handlers: files are encrypted while they stream in; no plaintext ever touches the disk.

Django's default handlers keep small uploads in memory and write large ones to a plaintext
temporary file. FILE_UPLOAD_HANDLERS names only RefuseUploads, so a file sent to any other view
is dropped unread; the intake's testimony view installs EncryptingUploadHandler for itself.
"""

from __future__ import annotations

import errno
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.db.models import Sum
from django.utils.translation import gettext as _

from farewell.vault import crypto, storage
from farewell.vault.keys import public_key
from farewell.vault.models import KeyPair, StoredFile, Wrapped
from farewell.vault.store import wrap_new_data_key
from farewell.vault.stream import EncryptingWriter

MB = 1024 * 1024
NAME_LIMIT = 200


class RefuseUploads(FileUploadHandler):
    """Reads no file anywhere it was not asked for."""

    def receive_data_chunk(self, raw_data, start):
        raise SkipFile()

    def file_complete(self, file_size):
        return None


def clean_file_name(name: str) -> str:
    """A name fit to show and to offer for download: no path, no control or format characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:NAME_LIMIT] or "file"


@dataclass
class ReceivedFile:
    """One file as received: encrypted in incoming/, its data key already wrapped."""

    item_id: uuid.UUID
    name: str
    content_type: str
    path: Path
    channel: object
    worker: object
    key_for_channel: bytes
    key_for_worker: bytes
    size: int = 0
    sha256: str = ""

    def close(self):  # Django closes "files" when an upload stops
        pass

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


@dataclass
class UploadProblems:
    errors: list[str] = field(default_factory=list)
    ignored_empty: list[str] = field(default_factory=list)


def new_encrypted_file(
    name: str, content_type: str, *, channel: str = KeyPair.CHANNEL_DEFAULT, like: Wrapped | None = None
) -> tuple[ReceivedFile, EncryptingWriter]:
    """A file about to be written into incoming/, encrypted under a fresh data key that is already
    wrapped to the worker key and to the active key of `channel` (a key pair name, "channel:<slug>")
    or, given `like`, to the very key pair `like` is sealed to (a case's story or original file:
    what a worker derives from a case stays readable by exactly that case's channel). Public keys
    only: the intake can do this."""
    item = StoredFile(id=uuid.uuid4())
    data_key = _wrap_like(item, like) if like is not None else wrap_new_data_key(item, channel=channel)
    received = ReceivedFile(
        item_id=item.id,
        name=name,
        content_type=content_type,
        path=storage.new_incoming_path(),
        channel=item.channel,
        worker=item.worker,
        key_for_channel=item.key_for_channel,
        key_for_worker=item.key_for_worker,
    )
    return received, EncryptingWriter(received.path, data_key, item.associated_data())


def _wrap_like(item: Wrapped, like: Wrapped) -> bytes:
    """To the active key of `like`'s channel: a rotation (a reviewer disabled) holds for new items."""
    data_key = crypto.new_data_key()
    item.channel, item.worker = public_key(like.channel.name), public_key(KeyPair.WORKER)
    item.key_for_channel = crypto.wrap_to_public_key(data_key, bytes(item.channel.public_key))
    item.key_for_worker = crypto.wrap_to_public_key(data_key, bytes(item.worker.public_key))
    return data_key


class _Writing:
    """What Django's parser sees as `handler.file` (it calls close() when an upload stops)."""

    def __init__(self, writer: EncryptingWriter):
        self.writer = writer

    def close(self):
        self.writer.discard()


class EncryptingUploadHandler(FileUploadHandler):
    """Streams each file through EncryptingWriter under its own data key, within the limits.

    `channel` is the key pair name the files are wrapped to: the channel the testimony is routed
    to, known before the body is read (intake/views.py takes it from the form's URL). `like`, for
    files added to an existing case (the inbox), wraps them to its story's very key pair instead."""

    def __init__(self, request=None, *, channel: str = KeyPair.CHANNEL_DEFAULT, like: Wrapped | None = None):
        super().__init__(request)
        self.channel, self.like = channel, like
        self.received: list[ReceivedFile] = []
        self.problems = UploadProblems()
        self.total = 0
        self.current: ReceivedFile | None = None
        self.writer: EncryptingWriter | None = None

    # Limits, read per request so that tests and operators can change them.
    @staticmethod
    def limits() -> tuple[int, int, int]:
        return (
            settings.FAREWELL_MAX_FILES,
            settings.FAREWELL_MAX_FILE_MB * MB,
            settings.FAREWELL_MAX_SUBMISSION_MB * MB,
        )

    def _stop(self, message: str):
        self.problems.errors.append(message)
        self.discard_all()
        raise StopUpload(connection_reset=False)

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        max_files, max_file, _max_total = self.limits()
        if len(self.received) >= max_files:
            self._stop(_("You can attach at most %(count)d files to one testimony.") % {"count": max_files})
        if not storage_has_room():
            self._stop(_("The server has no room for more files right now. Send your text alone, or try again later."))
        self.current, self.writer = new_encrypted_file(
            clean_file_name(file_name),
            (content_type or "application/octet-stream")[:100],
            channel=self.channel,
            like=self.like,
        )
        self.file = _Writing(self.writer)

    def receive_data_chunk(self, raw_data, start):
        _max_files, max_file, max_total = self.limits()
        self.total += len(raw_data)
        if self.writer.size + len(raw_data) > max_file:
            self._stop(
                _("The file “%(name)s” is larger than %(size)d MB.")
                % {"name": self.current.name, "size": max_file // MB}
            )
        if self.total > max_total:
            self._stop(_("All files together are larger than %(size)d MB.") % {"size": max_total // MB})
        try:
            self.writer.write(raw_data)
        except OSError as error:
            if error.errno in (errno.ENOSPC, errno.EDQUOT):
                self._stop(
                    _("The server has no room for more files right now. Send your text alone, or try again later.")
                )
            raise
        return None

    def file_complete(self, file_size):
        received, writer = self.current, self.writer
        self.current, self.writer = None, None
        if received is None:
            return None
        if writer.size == 0:
            writer.discard()
            self.problems.ignored_empty.append(received.name)
            return None
        writer.finish()
        received.size, received.sha256 = writer.size, writer.sha256.hexdigest()
        self.received.append(received)
        return received

    def upload_interrupted(self):
        self.discard_all()

    def discard_all(self) -> None:
        if self.writer is not None:
            self.writer.discard()
            self.current, self.writer = None, None
        for received in self.received:
            received.discard()
        self.received = []


def encrypt_local_file(
    path: Path, *, name: str, content_type: str, chunk_done=None, like: Wrapped | None = None
) -> ReceivedFile:
    """A plaintext file a worker made (a cleaned derivative) encrypted into incoming/ like an
    upload, under a fresh data key; `store.store_file` then files it inside a transaction.
    `like`: the item whose channel key pair it is wrapped to (the original it derives from).
    `chunk_done()` is called between chunks: a heartbeat for long files."""
    with open(path, "rb") as source:
        chunks = iter(lambda: source.read(1024 * 1024), b"")
        return encrypt_chunks(chunks, name=name, content_type=content_type, chunk_done=chunk_done, like=like)


def encrypt_chunks(
    chunks: Iterable[bytes], *, name: str, content_type: str, chunk_done=None, like: Wrapped | None = None
) -> ReceivedFile:
    """Plaintext in chunks, encrypted into incoming/ like an upload (see encrypt_local_file)."""
    received, writer = new_encrypted_file(name, content_type, like=like)
    try:
        for chunk in chunks:
            writer.write(chunk)
            if chunk_done is not None:
                chunk_done()
        writer.finish()
    except BaseException:
        writer.discard()
        raise
    received.size, received.sha256 = writer.size, writer.sha256.hexdigest()
    return received


def storage_has_room() -> bool:
    used = StoredFile.objects.aggregate(total=Sum("stored_bytes"))["total"] or 0
    quota = settings.FAREWELL_STORAGE_QUOTA_GB * 1024 * MB
    return used < quota and storage.free_bytes() > settings.FAREWELL_MIN_FREE_DISK_MB * MB
