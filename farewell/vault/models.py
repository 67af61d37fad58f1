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


class Wrapped(models.Model):
    """Something encrypted under its own data key, which exists only wrapped: to the channel's
    key, to the worker's key and, for what the submitter reads, to his key. Destroying the
    wraps erases it, even from copies elsewhere."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.ForeignKey(KeyPair, on_delete=models.PROTECT, related_name="+")
    key_for_channel = models.BinaryField()
    worker = models.ForeignKey(KeyPair, on_delete=models.PROTECT, related_name="+")
    key_for_worker = models.BinaryField()
    # For what the submitter may read (questions, his replies, previews): the data key wrapped to
    # the case's submitter key (cases.Case.submitter_public_key). None for everything else.
    key_for_submitter = models.BinaryField(null=True, default=None)

    class Meta:
        abstract = True

    @property
    def destroyed(self) -> bool:
        return not self.key_for_channel and not self.key_for_worker


class SealedItem(Wrapped):
    """One encrypted item held in the database: a story, a title, a reason, file metadata."""

    purpose = models.CharField(max_length=32)
    ciphertext = models.BinaryField()

    def associated_data(self) -> str:
        return f"{self.purpose}:{self.id}"


class StoredFile(Wrapped):
    """An uploaded file, encrypted in the store directory (vault/stream.py format).

    Its name, size, type and SHA-256 live in `metadata`, sealed like a story: a plain hash in
    the database would let a dump confirm a suspected file.
    """

    metadata = models.OneToOneField(SealedItem, on_delete=models.PROTECT, related_name="+")
    stored_bytes = models.BigIntegerField()  # the ciphertext's size, as the disk shows it anyway
    received_on = models.DateField(auto_now_add=True)

    def associated_data(self) -> str:
        return f"file:{self.id}"


class PinnedParameter(models.Model):
    """A parameter fixed when the instance was initialized, which must never change afterwards
    (the codename hash's cost: every stored lookup id depends on it)."""

    name = models.CharField(max_length=64, unique=True)
    value = models.CharField(max_length=200)
