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


def wrap_new_data_key(item: Wrapped) -> bytes:
    """Gives the item a fresh data key, wrapped to the active channel and worker keys.

    Needs only public keys: the intake can seal, never open.
    """
    channel, worker = public_key(KeyPair.CHANNEL_DEFAULT), public_key(KeyPair.WORKER)
    data_key = crypto.new_data_key()
    item.channel, item.worker = channel, worker
    item.key_for_channel = crypto.wrap_to_public_key(data_key, bytes(channel.public_key))
    item.key_for_worker = crypto.wrap_to_public_key(data_key, bytes(worker.public_key))
    return data_key


def seal(purpose: str, plaintext: bytes) -> SealedItem:
    item = SealedItem(id=uuid.uuid4(), purpose=purpose)
    data_key = wrap_new_data_key(item)
    item.ciphertext = crypto.encrypt(plaintext, data_key, item.associated_data())
    item.save(force_insert=True)
    return item


def seal_story(text: str) -> SealedItem:
    return seal(STORY, text.encode("utf-8"))


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


@dataclass(frozen=True)
class FileMetadata:
    name: str
    size: int
    sha256: str
    content_type: str


def store_file(received) -> StoredFile:
    """Files an upload the handler already encrypted (vault/uploads.py): its keys and sealed
    metadata go in the database, its ciphertext moves from incoming/ into the store, durably.
    Call inside the transaction that creates what the file belongs to."""
    item = StoredFile(id=received.item_id, channel=received.channel, worker=received.worker)
    item.key_for_channel, item.key_for_worker = received.key_for_channel, received.key_for_worker
    metadata = FileMetadata(received.name, received.size, received.sha256, received.content_type)
    item.metadata = seal(FILE_METADATA, json.dumps(metadata.__dict__).encode())
    item.stored_bytes = storage.commit_incoming(received.path, item.id)
    item.save(force_insert=True)
    return item


def file_metadata_for_worker(item: StoredFile, worker_private_key: bytes) -> FileMetadata:
    return FileMetadata(**json.loads(open_with_worker_key(item.metadata, worker_private_key)))


def read_file_for_worker(item: StoredFile, worker_private_key: bytes) -> Iterator[bytes]:
    data_key = data_key_with_worker_key(item, worker_private_key)
    return stream.decrypt_file(storage.store_path(item.id), data_key, item.associated_data())


def file_metadata(item: StoredFile, channel_private_key: bytes) -> FileMetadata:
    return FileMetadata(**json.loads(open_with_channel_key(item.metadata, channel_private_key)))


def read_file(item: StoredFile, channel_private_key: bytes) -> Iterator[bytes]:
    data_key = data_key_with_channel_key(item, channel_private_key)
    return stream.decrypt_file(storage.store_path(item.id), data_key, item.associated_data())


def destroy(item: Wrapped) -> None:
    """Crypto-erasure: the wrapped data keys go first (a copy of the ciphertext elsewhere is then
    useless), then the ciphertext itself."""
    item.key_for_channel, item.key_for_worker = b"", b""
    if isinstance(item, SealedItem):
        item.ciphertext = b""
    item.save()
    if isinstance(item, StoredFile):
        storage.delete_stored(item.id)
        destroy(item.metadata)
