"""What the vault stores: public keys with their wrapped private parts, and sealed items."""

from __future__ import annotations

import uuid

from django.db import models


class KeyPair(models.Model):
    """An X25519 key pair; the private part only ever stored wrapped.

    `worker` is wrapped with a key derived from the operator secret, which is kept off the data
    disk. `channel:default` (the organization's channel) is wrapped the same way only until the
    first reviewer is enrolled (a bootstrap); after that its private part exists only sealed to
    member reviewers' keys (accounts.ChannelGrant). Rotation retires a key pair and makes a new
    one under the same name: retired keys still open the items sealed to them.
    """

    CHANNEL_DEFAULT = "channel:default"
    WORKER = "worker"

    name = models.CharField(max_length=64)
    public_key = models.BinaryField()
    wrapped_private = models.BinaryField(null=True)  # None once no secret-wrapped copy is kept
    kdf_salt = models.BinaryField()
    kdf_time_cost = models.PositiveIntegerField()
    kdf_memory_kib = models.PositiveIntegerField()
    created_on = models.DateField(auto_now_add=True)
    retired_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(retired_on__isnull=True), name="one_active_key_pair_per_name"
            )
        ]

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
