"""What the vault stores: public keys with their wrapped private parts, and sealed items."""

from __future__ import annotations

import uuid

from django.db import models


class KeyPair(models.Model):
    """An X25519 key pair; the private part only ever stored wrapped.

    `channel:default` (the organization's channel) and `worker` are wrapped with a key derived
    from the operator secret, which is kept off the data disk. The channel's wrapping is a
    bootstrap: reviewers' own wraps of the channel key replace it when reviewer accounts exist.
    """

    CHANNEL_DEFAULT = "channel:default"
    WORKER = "worker"

    name = models.CharField(max_length=64, unique=True)
    public_key = models.BinaryField()
    wrapped_private = models.BinaryField()
    kdf_salt = models.BinaryField()
    kdf_time_cost = models.PositiveIntegerField()
    kdf_memory_kib = models.PositiveIntegerField()
    created_on = models.DateField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class SealedItem(models.Model):
    """One encrypted item (a story text for now) under its own data key.

    The data key exists only wrapped: to the channel's key and to the worker's key.
    Destroying both wrapped keys erases the item even from copies of the ciphertext.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    purpose = models.CharField(max_length=32)
    ciphertext = models.BinaryField()
    channel = models.ForeignKey(KeyPair, on_delete=models.PROTECT, related_name="+")
    key_for_channel = models.BinaryField()
    worker = models.ForeignKey(KeyPair, on_delete=models.PROTECT, related_name="+")
    key_for_worker = models.BinaryField()

    def associated_data(self) -> str:
        return f"{self.purpose}:{self.id}"
