"""Channel keys for any channel: created sealed to members, granted per channel, rotated per name."""

import pytest

from farewell.accounts import grants
from farewell.accounts.actions import do_grant_channel, do_rotate_channel_keys
from farewell.accounts.models import ChannelGrant
from farewell.audit.models import AuditEntry
from farewell.vault import crypto
from farewell.vault.models import KeyPair

pytestmark = pytest.mark.django_db


def active(name: str) -> KeyPair:
    return KeyPair.objects.get(name=name, retired_on__isnull=True)


def test_a_new_channel_key_opens_only_with_a_members_private_key(alice, bob, carol):
    key_pair = grants.create_channel_key("channel:help", [bob.reviewer])
    private = grants.channel_private_key(bob.reviewer, bob.private_key, key_pair.pk)
    data_key = crypto.new_data_key()
    assert crypto.unwrap_with_private_key(crypto.wrap_to_public_key(data_key, bytes(key_pair.public_key)), private) == (
        data_key
    )
    for outsider in (alice, carol):
        with pytest.raises(grants.NoGrant):
            grants.channel_private_key(outsider.reviewer, outsider.private_key, key_pair.pk)


def test_a_channel_key_needs_active_members_and_a_free_name(alice, carol):
    with pytest.raises(ValueError, match="at least one active member"):
        grants.create_channel_key("channel:help", [])
    carol.reviewer.status = carol.reviewer.Status.DISABLED
    with pytest.raises(ValueError, match="only active reviewers"):
        grants.create_channel_key("channel:help", [carol.reviewer])
    with pytest.raises(ValueError, match="exists already"):
        grants.create_channel_key(KeyPair.CHANNEL_DEFAULT, [alice.reviewer])
    assert not KeyPair.objects.filter(name="channel:help").exists()


def test_granting_one_channel_gives_its_keys_only(alice, bob, carol):
    grants.create_channel_key("channel:help", [alice.reviewer])
    assert do_grant_channel(alice.reviewer, alice.private_key, carol.reviewer.pk, "channel:help") == 1
    assert grants.held_channel_names(carol.reviewer) == {"channel:help"}
    assert AuditEntry.objects.filter(action="channel_granted").last().details["channel"] == "channel:help"
    assert do_grant_channel(alice.reviewer, alice.private_key, carol.reviewer.pk) == 2  # every channel she holds
    assert grants.held_channel_names(carol.reviewer) == {"channel:help", KeyPair.CHANNEL_DEFAULT}


def test_rotating_one_channel_leaves_the_others_and_keeps_its_members(alice, bob):
    grants.create_channel_key("channel:help", [bob.reviewer])
    default, help_key = active(KeyPair.CHANNEL_DEFAULT), active("channel:help")
    new = do_rotate_channel_keys(["channel:help"])
    assert active(KeyPair.CHANNEL_DEFAULT).pk == default.pk
    assert new == {"channel:help": active("channel:help").pk} and new["channel:help"] != help_key.pk
    assert list(ChannelGrant.objects.filter(key_pair_id=new["channel:help"]).values_list("reviewer", flat=True)) == [
        bob.reviewer.pk
    ]
    assert KeyPair.objects.get(pk=help_key.pk).retired_on is not None
    assert AuditEntry.objects.get(action="channel_keys_rotated").details == {"new_channel_keys": new}


def test_rotating_a_channel_nobody_would_hold_needs_the_operator_secret_and_changes_nothing_without(alice, bob):
    grants.create_channel_key("channel:help", [bob.reviewer])
    ChannelGrant.objects.filter(reviewer=bob.reviewer, key_pair__name="channel:help").delete()
    help_key = active("channel:help")
    with pytest.raises(ValueError, match="no member would hold the new channel:help key"):
        do_rotate_channel_keys([KeyPair.CHANNEL_DEFAULT, "channel:help"])
    assert active("channel:help").pk == help_key.pk
    assert KeyPair.objects.filter(name=KeyPair.CHANNEL_DEFAULT).count() == 1  # rolled back together
