"""The vault's verbs: seal what a submitter sends, open it with a key that may read it."""

from __future__ import annotations

import uuid

from farewell.vault import crypto
from farewell.vault.keys import public_key
from farewell.vault.models import KeyPair, SealedItem

STORY = "case.story"


def seal(purpose: str, plaintext: bytes) -> SealedItem:
    """Encrypts plaintext under a new data key wrapped to the default channel and the worker.

    Needs only public keys: the intake can seal, never open.
    """
    channel = public_key(KeyPair.CHANNEL_DEFAULT)
    worker = public_key(KeyPair.WORKER)
    data_key = crypto.new_data_key()
    item = SealedItem(id=uuid.uuid4(), purpose=purpose, channel=channel, worker=worker)
    item.ciphertext = crypto.encrypt(plaintext, data_key, item.associated_data())
    item.key_for_channel = crypto.wrap_to_public_key(data_key, bytes(channel.public_key))
    item.key_for_worker = crypto.wrap_to_public_key(data_key, bytes(worker.public_key))
    item.save(force_insert=True)
    return item


def seal_story(text: str) -> SealedItem:
    return seal(STORY, text.encode("utf-8"))


def open_with_channel_key(item: SealedItem, channel_private_key: bytes) -> bytes:
    data_key = crypto.unwrap_with_private_key(bytes(item.key_for_channel), channel_private_key)
    return crypto.decrypt(bytes(item.ciphertext), data_key, item.associated_data())


def open_with_worker_key(item: SealedItem, worker_private_key: bytes) -> bytes:
    data_key = crypto.unwrap_with_private_key(bytes(item.key_for_worker), worker_private_key)
    return crypto.decrypt(bytes(item.ciphertext), data_key, item.associated_data())
