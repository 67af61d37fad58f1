"""A reviewer's key pair and how it is unlocked: by the enrolment link once, then by the password."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.utils import timezone

from farewell.accounts.models import Reviewer
from farewell.vault import crypto
from farewell.vault.keys import kdf_cost

ENROLMENT_DAYS = 7
MIN_PASSWORD_LENGTH = 12


class EnrolmentInvalid(Exception):
    """The enrolment link is unknown, used or expired."""


def _token_key(token: str, purpose: bytes = b"enrolment") -> bytes:
    return hashlib.blake2b(token.encode(), person=purpose, digest_size=32).digest()


def enrolment_page_key(token: str) -> bytes:
    """Seals the TOTP secret the enrolment page shows, between showing it and confirming it."""
    return _token_key(token, b"enrol-session")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_invitation(name: str) -> tuple[Reviewer, str]:
    """An invited reviewer with a fresh key pair, and the one-time token of his enrolment link."""
    token = secrets.token_urlsafe(32)
    public, private = crypto.new_key_pair()
    cost = kdf_cost()
    reviewer = Reviewer.objects.create(
        name=name,
        public_key=public,
        wrapped_private=crypto.wrap_with_key(private, _token_key(token)),
        kdf_salt=b"",
        kdf_time_cost=cost.time_cost,
        kdf_memory_kib=cost.memory_kib,
        enrolment_token_hash=_token_hash(token),
        enrolment_expires=timezone.now() + datetime.timedelta(days=ENROLMENT_DAYS),
    )
    return reviewer, token


def reviewer_for_token(token: str) -> Reviewer:
    reviewer = Reviewer.objects.filter(
        enrolment_token_hash=_token_hash(token), status=Reviewer.Status.INVITED, enrolment_expires__gt=timezone.now()
    ).first()
    if reviewer is None or not token:
        raise EnrolmentInvalid()
    return reviewer


def rewrap_with_password(reviewer: Reviewer, token: str, password: str) -> bytes:
    """Moves the private key from the token's wrap to the password's; returns it."""
    private = crypto.unwrap_with_key(bytes(reviewer.wrapped_private), _token_key(token))
    cost = kdf_cost()
    salt, wrapped = crypto.wrap_with_secret(private, password.encode(), cost)
    reviewer.wrapped_private, reviewer.kdf_salt = wrapped, salt
    reviewer.kdf_time_cost, reviewer.kdf_memory_kib = cost.time_cost, cost.memory_kib
    reviewer.enrolment_token_hash, reviewer.enrolment_expires = "", None
    return private


def unlock(reviewer: Reviewer | None, password: str) -> bytes | None:
    """The reviewer's private key if the password is right. Costs one derivation either way."""
    if reviewer is None or not reviewer.kdf_salt:
        # Same work for an unknown name as for a known one.
        crypto.derive_key(password.encode(), b"\0" * crypto.KDF_SALT_BYTES, kdf_cost())
        return None
    cost = crypto.KdfCost(reviewer.kdf_time_cost, reviewer.kdf_memory_kib)
    try:
        return crypto.unwrap_with_secret(
            bytes(reviewer.wrapped_private), bytes(reviewer.kdf_salt), password.encode(), cost
        )
    except crypto.VaultError:
        return None
