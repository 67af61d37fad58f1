import pytest
from django.core.management import call_command

from farewell.accounts.actions import do_disable_reviewer, do_grant_channel
from farewell.accounts.models import ChannelGrant
from farewell.cases.actions import do_receive_testimony
from farewell.review.actions import NotAllowed, story_of
from farewell.vault.models import KeyPair

pytestmark = pytest.mark.django_db


def receive(text):
    case, _ = do_receive_testimony(story=text, consent="text", language="ru")
    return case


def test_a_new_reviewer_reads_nothing_until_a_member_grants_the_keys(submitted_case, alice, carol):
    with pytest.raises(NotAllowed):
        story_of(submitted_case, carol.desk())
    assert do_grant_channel(alice.reviewer, alice.private_key, carol.reviewer.pk) == 1
    assert "Игорь Сомов" in story_of(submitted_case, carol.desk())


def test_the_team_page_grants_access(submitted_case, alice, carol):
    browser = alice.signed_in_client()
    page = browser.get("/review/en/team/").content.decode()
    assert "Grant access to carol" in page
    browser.post("/review/team/", {"reviewer": carol.reviewer.pk})
    assert "Игорь Сомов" in story_of(submitted_case, carol.desk())


def test_a_member_without_keys_grants_nothing(alice, carol, bob):
    assert do_grant_channel(carol.reviewer, carol.private_key, bob.reviewer.pk) == 0


def test_disabling_removes_the_keys_and_rotates_the_channel_key(alice, bob):
    before = receive("до отключения")
    old_key = KeyPair.objects.get(name=KeyPair.CHANNEL_DEFAULT, retired_on__isnull=True)
    call_command("reviewer", "disable", "bob")
    bob.reviewer.refresh_from_db()
    assert not ChannelGrant.objects.filter(reviewer=bob.reviewer).exists()
    assert bytes(bob.reviewer.wrapped_private) == b""
    new_key = KeyPair.objects.get(name=KeyPair.CHANNEL_DEFAULT, retired_on__isnull=True)
    assert new_key.pk != old_key.pk
    after = receive("после отключения")
    assert after.story.channel_id == new_key.pk
    # The remaining member reads old and new cases.
    assert story_of(before, alice.desk()) == "до отключения"
    assert story_of(after, alice.desk()) == "после отключения"
    # The new key exists only sealed to remaining members: no operator-wrapped copy.
    assert new_key.wrapped_private is None


def test_disabling_the_last_member_keeps_the_new_key_for_the_operator(alice):
    do_disable_reviewer("alice", operator_secret="test-operator-secret-0123456789abcdefghijklmnopqrstuvwxyz")
    assert KeyPair.objects.get(name=KeyPair.CHANNEL_DEFAULT, retired_on__isnull=True).wrapped_private is not None
