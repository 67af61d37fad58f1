"""The vault's verbs: seal what a submitter sends, open it with a key that may read it, destroy it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from farewell.vault import crypto, storage, stream
from farewell.vault.keys import public_key
from farewell.vault.models import KeyPair, SealedItem, StoredFile, Wrapped

STORY = "case.story"
FILE_METADATA = "file.metadata"


def wrap_new_data_key(
    item: Wrapped, *, channel: str = KeyPair.CHANNEL_DEFAULT, submitter: bytes | None = None
) -> bytes:
    """Gives the item a fresh data key, wrapped to the active key of its channel (a key pair name,
    "channel:<slug>"), to the worker key and, for what the submitter may read, to his public key.

    Needs only public keys: the intake can seal, never open.
    """
    channel_pair, worker = public_key(channel), public_key(KeyPair.WORKER)
    data_key = crypto.new_data_key()
    item.channel, item.worker = channel_pair, worker
    item.key_for_channel = crypto.wrap_to_public_key(data_key, bytes(channel_pair.public_key))
    item.key_for_worker = crypto.wrap_to_public_key(data_key, bytes(worker.public_key))
    item.key_for_submitter = crypto.wrap_to_public_key(data_key, submitter) if submitter else None
    return data_key


def seal(
    purpose: str, plaintext: bytes, *, channel: str = KeyPair.CHANNEL_DEFAULT, submitter: bytes | None = None
) -> SealedItem:
    """Seals to the channel and worker keys (and, given his public key, the submitter's)."""
    item = SealedItem(id=uuid.uuid4(), purpose=purpose)
    data_key = wrap_new_data_key(item, channel=channel, submitter=submitter)
    item.ciphertext = crypto.encrypt(plaintext, data_key, item.associated_data())
    item.save(force_insert=True)
    return item


def seal_like(item: Wrapped, purpose: str, plaintext: bytes, *, submitter: bytes | None = None) -> SealedItem:
    """Seals a new item to the channel of `item` (a case's story), under that channel's active key:
    what belongs to a case stays readable by exactly its channel's members, and a rotation (a
    reviewer disabled) holds for everything sealed after it, even on older cases."""
    sealed = SealedItem(id=uuid.uuid4(), purpose=purpose)
    data_key = crypto.new_data_key()
    worker, channel = public_key(KeyPair.WORKER), public_key(item.channel.name)
    sealed.channel, sealed.worker = channel, worker
    sealed.key_for_channel = crypto.wrap_to_public_key(data_key, bytes(channel.public_key))
    sealed.key_for_worker = crypto.wrap_to_public_key(data_key, bytes(worker.public_key))
    sealed.key_for_submitter = crypto.wrap_to_public_key(data_key, submitter) if submitter else None
    sealed.ciphertext = crypto.encrypt(plaintext, data_key, sealed.associated_data())
    sealed.save(force_insert=True)
    return sealed


def seal_story(text: str, *, channel: str = KeyPair.CHANNEL_DEFAULT) -> SealedItem:
    return seal(STORY, text.encode("utf-8"), channel=channel)


def data_key_with_channel_key(item: Wrapped, channel_private_key: bytes) -> bytes:
    if item.destroyed:
        raise crypto.VaultError("this item was erased")
    return crypto.unwrap_with_private_key(bytes(item.key_for_channel), channel_private_key)


def open_with_channel_key(item: SealedItem, channel_private_key: bytes) -> bytes:
    data_key = data_key_with_channel_key(item, channel_private_key)
    return crypto.decrypt(bytes(item.ciphertext), data_key, item.associated_data())


def data_key_with_worker_key(item: Wrapped, worker_private_key: bytes) -> bytes:
    if item.destroyed:
        raise crypto.VaultError("this item was erased")
    return crypto.unwrap_with_private_key(bytes(item.key_for_worker), worker_private_key)


def open_with_worker_key(item: SealedItem, worker_private_key: bytes) -> bytes:
    data_key = data_key_with_worker_key(item, worker_private_key)
    return crypto.decrypt(bytes(item.ciphertext), data_key, item.associated_data())


def data_key_with_submitter_key(item: Wrapped, submitter_private_key: bytes) -> bytes:
    if item.destroyed or not item.key_for_submitter:
        raise crypto.VaultError("this item is not meant for the submitter, or was erased")
    return crypto.unwrap_with_private_key(bytes(item.key_for_submitter), submitter_private_key)


def open_with_submitter_key(item: SealedItem, submitter_private_key: bytes) -> bytes:
    data_key = data_key_with_submitter_key(item, submitter_private_key)
    return crypto.decrypt(bytes(item.ciphertext), data_key, item.associated_data())


def read_file_for_submitter(item: StoredFile, submitter_private_key: bytes) -> Iterator[bytes]:
    data_key = data_key_with_submitter_key(item, submitter_private_key)
    return stream.decrypt_file(storage.store_path(item.id), data_key, item.associated_data())


def share_with_submitter(item: Wrapped, channel_private_key: bytes, submitter_public_key: bytes) -> None:
    """Wraps an existing item's data key to the submitter's key too (a preview's pictures): a
    reviewer who can open it lets the submitter open it, nobody else."""
    data_key = data_key_with_channel_key(item, channel_private_key)
    item.key_for_submitter = crypto.wrap_to_public_key(data_key, submitter_public_key)
    item.save(update_fields=["key_for_submitter"])


@dataclass(frozen=True)
class FileMetadata:
    name: str
    size: int
    sha256: str
    content_type: str


def store_file(received, *, submitter: bytes | None = None) -> StoredFile:
    """Files an upload the handler already encrypted (vault/uploads.py): its keys and sealed
    metadata go in the database, its ciphertext moves from incoming/ into the store, durably.
    The metadata is sealed to the file's own channel key, and to the submitter's key when given
    (his inbox lists his files by name and type). Call inside the transaction that creates what
    the file belongs to."""
    item = StoredFile(id=received.item_id, channel=received.channel, worker=received.worker)
    item.key_for_channel, item.key_for_worker = received.key_for_channel, received.key_for_worker
    metadata = FileMetadata(received.name, received.size, received.sha256, received.content_type)
    item.metadata = seal_like(item, FILE_METADATA, json.dumps(metadata.__dict__).encode(), submitter=submitter)
    item.stored_bytes = storage.commit_incoming(received.path, item.id)
    item.save(force_insert=True)
    return item


def file_metadata_for_worker(item: StoredFile, worker_private_key: bytes) -> FileMetadata:
    return FileMetadata(**json.loads(open_with_worker_key(item.metadata, worker_private_key)))


def read_file_for_worker(item: StoredFile, worker_private_key: bytes) -> Iterator[bytes]:
    data_key = data_key_with_worker_key(item, worker_private_key)
    return stream.decrypt_file(storage.store_path(item.id), data_key, item.associated_data())


def file_metadata_for_submitter(item: StoredFile, submitter_private_key: bytes) -> FileMetadata | None:
    """What he may read of his own file's metadata, or None (sent before he had a key, or erased)."""
    try:
        return FileMetadata(**json.loads(open_with_submitter_key(item.metadata, submitter_private_key)))
    except crypto.VaultError:
        return None


def file_metadata(item: StoredFile, channel_private_key: bytes) -> FileMetadata:
    return FileMetadata(**json.loads(open_with_channel_key(item.metadata, channel_private_key)))


def read_file(item: StoredFile, channel_private_key: bytes) -> Iterator[bytes]:
    data_key = data_key_with_channel_key(item, channel_private_key)
    return stream.decrypt_file(storage.store_path(item.id), data_key, item.associated_data())


def destroy(item: Wrapped) -> None:
    """Crypto-erasure: the wrapped data keys go first (a copy of the ciphertext elsewhere is then
    useless), then the ciphertext itself."""
    item.key_for_channel, item.key_for_worker, item.key_for_submitter = b"", b"", None
    if isinstance(item, SealedItem):
        item.ciphertext = b""
    item.save()
    if isinstance(item, StoredFile):
        storage.delete_stored(item.id)
        destroy(item.metadata)
