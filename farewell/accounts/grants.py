"""Channel keys held by reviewers: granting, opening, bootstrapping and rotating them."""

from __future__ import annotations

import datetime

from django.db import transaction

from farewell.accounts.models import ChannelGrant, Reviewer
from farewell.vault import crypto
from farewell.vault.keys import kdf_cost
from farewell.vault.models import KeyPair


class NoGrant(Exception):
    """The reviewer holds no grant for the key an item is sealed to."""


def active_channel() -> KeyPair:
    return KeyPair.objects.get(name=KeyPair.CHANNEL_DEFAULT, retired_on__isnull=True)


def grant(key_pair: KeyPair, channel_private: bytes, to: Reviewer, by: Reviewer | None) -> ChannelGrant:
    sealed = crypto.seal_to_public_key(channel_private, bytes(to.public_key))
    grant, _ = ChannelGrant.objects.update_or_create(
        reviewer=to, key_pair=key_pair, defaults={"sealed_private": sealed, "granted_by": by}
    )
    return grant


def channel_private_key(reviewer: Reviewer, reviewer_private: bytes, key_pair_id: int) -> bytes:
    sealed = ChannelGrant.objects.filter(reviewer=reviewer, key_pair_id=key_pair_id).values_list(
        "sealed_private", flat=True
    )
    if not sealed:
        raise NoGrant()
    return crypto.unwrap_with_private_key(bytes(sealed[0]), reviewer_private)


def grant_all_channel_keys(by: Reviewer, by_private: bytes, to: Reviewer) -> int:
    """Gives `to` every channel key `by` holds (active and retired): full membership."""
    count = 0
    for existing in ChannelGrant.objects.filter(reviewer=by).select_related("key_pair"):
        private = crypto.unwrap_with_private_key(bytes(existing.sealed_private), by_private)
        grant(existing.key_pair, private, to, by)
        count += 1
    return count


def bootstrap_grant(to: Reviewer, operator_secret: str) -> bool:
    """Grants the channel key from its operator-wrapped copy (only the first reviewer needs it)."""
    key_pair = active_channel()
    if key_pair.wrapped_private is None:
        return False
    cost = crypto.KdfCost(key_pair.kdf_time_cost, key_pair.kdf_memory_kib)
    private = crypto.unwrap_with_secret(
        bytes(key_pair.wrapped_private), bytes(key_pair.kdf_salt), operator_secret.encode(), cost
    )
    grant(key_pair, private, to, None)
    return True


def drop_bootstrap_copy() -> None:
    """Once an enrolled reviewer holds the channel key, no operator-wrapped copy is kept."""
    KeyPair.objects.filter(name=KeyPair.CHANNEL_DEFAULT, retired_on__isnull=True).update(wrapped_private=None)


def has_bootstrap_copy() -> bool:
    return KeyPair.objects.filter(
        name=KeyPair.CHANNEL_DEFAULT, retired_on__isnull=True, wrapped_private__isnull=False
    ).exists()


@transaction.atomic
def rotate_channel_key(operator_secret: str | None) -> KeyPair:
    """Retires the active channel key and makes a new one for new items.

    The new private key is sealed straight to each remaining active member's public key (no
    password needed). With no member left, it is wrapped with the operator secret instead.
    """
    old = active_channel()
    members = list(Reviewer.objects.filter(status=Reviewer.Status.ACTIVE, grants__key_pair=old).distinct())
    if not members and not operator_secret:
        raise ValueError("no member would hold the new channel key: provide FAREWELL_OPERATOR_SECRET")
    old.retired_on = datetime.date.today()
    old.save(update_fields=["retired_on"])
    public, private = crypto.new_key_pair()
    cost = kdf_cost()
    salt, wrapped = crypto.wrap_with_secret(private, operator_secret.encode(), cost) if not members else (b"", None)
    new = KeyPair.objects.create(
        name=KeyPair.CHANNEL_DEFAULT,
        public_key=public,
        wrapped_private=wrapped,
        kdf_salt=salt,
        kdf_time_cost=cost.time_cost,
        kdf_memory_kib=cost.memory_kib,
    )
    for member in members:
        grant(new, private, member, None)
    return new
