"""Channel keys held by reviewers: granting, opening, creating, bootstrapping and rotating them.

A channel key pair is named "channel:<slug>" (cases.Channel.key_name); "channel:default" is the
organization's. Every verb takes the key pair's name and defaults to the organization's channel.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from farewell.accounts.models import ChannelGrant, Reviewer
from farewell.vault import crypto
from farewell.vault.keys import kdf_cost
from farewell.vault.models import KeyPair

CHANNEL_PREFIX = "channel:"


class NoGrant(Exception):
    """The reviewer holds no grant for the key an item is sealed to."""


def active_channel(name: str = KeyPair.CHANNEL_DEFAULT) -> KeyPair:
    return KeyPair.objects.get(name=name, retired_on__isnull=True)


def active_channel_names() -> list[str]:
    """The names of every channel key pair in use, the organization's first."""
    names = KeyPair.objects.filter(name__startswith=CHANNEL_PREFIX, retired_on__isnull=True).values_list(
        "name", flat=True
    )
    return sorted(names, key=lambda name: (name != KeyPair.CHANNEL_DEFAULT, name))


def members(name: str = KeyPair.CHANNEL_DEFAULT) -> list[Reviewer]:
    """Active reviewers holding the channel's active key: who reads its new cases."""
    return list(
        Reviewer.objects.filter(
            status=Reviewer.Status.ACTIVE, grants__key_pair__name=name, grants__key_pair__retired_on__isnull=True
        )
        .distinct()
        .order_by("name")
    )


def held_channel_names(reviewer: Reviewer) -> set[str]:
    """The channels whose active key the reviewer holds."""
    return set(
        reviewer.grants.filter(key_pair__retired_on__isnull=True, key_pair__name__startswith=CHANNEL_PREFIX)
        .values_list("key_pair__name", flat=True)
        .distinct()
    )


def readable_key_pair_ids(reviewer: Reviewer) -> set[int]:
    """Every key pair (active or retired) the reviewer holds a grant for."""
    return set(reviewer.grants.values_list("key_pair_id", flat=True))


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


def grant_all_channel_keys(by: Reviewer, by_private: bytes, to: Reviewer, name: str | None = None) -> int:
    """Gives `to` every key `by` holds (active and retired) of the channel `name`, or of every
    channel: membership is exactly what the granter holds, never more."""
    held = ChannelGrant.objects.filter(reviewer=by).select_related("key_pair")
    if name is not None:
        held = held.filter(key_pair__name=name)
    count = 0
    for existing in held:
        private = crypto.unwrap_with_private_key(bytes(existing.sealed_private), by_private)
        grant(existing.key_pair, private, to, by)
        count += 1
    return count


@transaction.atomic
def create_channel_key(name: str, to: list[Reviewer], by: Reviewer | None = None) -> KeyPair:
    """A new channel's key pair, its private part sealed straight to each member's public key
    (only public keys are needed, so nobody's password is). No operator-wrapped copy is kept: a
    channel starts with at least one member, or not at all."""
    if not to:
        raise ValueError("a new channel needs at least one active member to hold its key")
    if any(not reviewer.is_active for reviewer in to):
        raise ValueError("only active reviewers can hold a channel key")
    if KeyPair.objects.filter(name=name).exists():
        raise ValueError(f"the {name} key pair exists already")
    public, private = crypto.new_key_pair()
    cost = kdf_cost()
    key_pair = KeyPair.objects.create(
        name=name,
        public_key=public,
        wrapped_private=None,
        kdf_salt=b"",
        kdf_time_cost=cost.time_cost,
        kdf_memory_kib=cost.memory_kib,
    )
    for reviewer in to:
        grant(key_pair, private, reviewer, by)
    return key_pair


def bootstrap_grant(to: Reviewer, operator_secret: str, name: str = KeyPair.CHANNEL_DEFAULT) -> bool:
    """Grants a channel key from its operator-wrapped copy: the organization's first reviewer, or
    the first member of a channel whose last member was disabled."""
    key_pair = active_channel(name)
    if key_pair.wrapped_private is None:
        return False
    cost = crypto.KdfCost(key_pair.kdf_time_cost, key_pair.kdf_memory_kib)
    private = crypto.unwrap_with_secret(
        bytes(key_pair.wrapped_private), bytes(key_pair.kdf_salt), operator_secret.encode(), cost
    )
    grant(key_pair, private, to, None)
    return True


def drop_bootstrap_copy(name: str = KeyPair.CHANNEL_DEFAULT) -> None:
    """Once an enrolled reviewer holds the channel key, no operator-wrapped copy is kept."""
    KeyPair.objects.filter(name=name, retired_on__isnull=True).update(wrapped_private=None)


def has_bootstrap_copy(name: str = KeyPair.CHANNEL_DEFAULT) -> bool:
    return KeyPair.objects.filter(name=name, retired_on__isnull=True, wrapped_private__isnull=False).exists()


@transaction.atomic
def rotate_channel_key(operator_secret: str | None, name: str = KeyPair.CHANNEL_DEFAULT) -> KeyPair:
    """Retires the channel's active key and makes a new one for new items.

    The new private key is sealed straight to each remaining active member's public key (no
    password needed). With no member left, it is wrapped with the operator secret instead, so that
    the channel's new cases are not sealed to a key nobody holds (`farewell channel grant`).
    """
    old = KeyPair.objects.select_for_update().get(name=name, retired_on__isnull=True)
    remaining = members(name)
    if not remaining and not operator_secret:
        raise ValueError(f"no member would hold the new {name} key: provide FAREWELL_OPERATOR_SECRET")
    old.retired_on = datetime.date.today()
    old.save(update_fields=["retired_on"])
    public, private = crypto.new_key_pair()
    cost = kdf_cost()
    salt, wrapped = crypto.wrap_with_secret(private, operator_secret.encode(), cost) if not remaining else (b"", None)
    new = KeyPair.objects.create(
        name=name,
        public_key=public,
        wrapped_private=wrapped,
        kdf_salt=salt,
        kdf_time_cost=cost.time_cost,
        kdf_memory_kib=cost.memory_kib,
    )
    for member in remaining:
        grant(new, private, member, None)
    return new
