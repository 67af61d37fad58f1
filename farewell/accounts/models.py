"""Reviewers, their recovery codes and their grants of channel keys."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from farewell.vault.models import KeyPair


class Reviewer(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        ACTIVE = "active", _("active")
        DISABLED = "disabled", _("disabled")

    name = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status, default=Status.INVITED)
    # X25519 key pair. Before enrolment the private part is wrapped with a key derived from
    # the enrolment link's token; after it, with a key derived (argon2id) from the password.
    # Unwrapping it is how a password is checked: no separate password hash exists.
    public_key = models.BinaryField()
    wrapped_private = models.BinaryField()
    kdf_salt = models.BinaryField()
    kdf_time_cost = models.PositiveIntegerField()
    kdf_memory_kib = models.PositiveIntegerField()
    enrolment_token_hash = models.CharField(max_length=64, blank=True)
    enrolment_expires = models.DateTimeField(null=True, blank=True)
    # TOTP secret, encrypted under a key derived from FAREWELL_AUDIT_KEY (outside the database).
    totp_secret = models.BinaryField(null=True)
    totp_last_step = models.BigIntegerField(default=0)  # a code is accepted once
    # Where the notification digest goes (review/notifications.py), optional; encrypted like the
    # TOTP secret, so a dump does not list the team's addresses.
    email_sealed = models.BinaryField(null=True)
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    created_on = models.DateField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class RecoveryCode(models.Model):
    """A one-time code that replaces a TOTP code; only its keyed hash is stored."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="recovery_codes")
    code_mac = models.CharField(max_length=64)
    used = models.BooleanField(default=False)


class ChannelGrant(models.Model):
    """A channel's private key sealed to one reviewer's public key: what lets him read its cases."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="grants")
    key_pair = models.ForeignKey(KeyPair, on_delete=models.PROTECT, related_name="grants")
    sealed_private = models.BinaryField()
    granted_by = models.ForeignKey(Reviewer, on_delete=models.SET_NULL, null=True, related_name="+")
    granted_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reviewer", "key_pair"], name="one_grant_per_key")]


class LoginThrottle(models.Model):
    """Failed reviewer logins per minute, across all accounts (the global limit)."""

    minute = models.BigIntegerField(unique=True)
    failures = models.PositiveIntegerField(default=0)
