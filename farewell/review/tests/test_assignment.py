"""Assignment changes and tags: actions with their audit rows, the case page's plain forms, the
queue's tag filter. Personas: alice and bob hold the organization's channel, hana only "help",
carol nothing."""

import pytest
from django.core.management import call_command
from django.utils import translation

from conftest import enrol_persona
from farewell.accounts.actions import do_disable_reviewer, do_invite_reviewer
from farewell.audit.chain import verify
from farewell.audit.models import AuditEntry
from farewell.cases.actions import do_receive_testimony
from farewell.cases.models import Case, Tag
from farewell.review.actions import NotAllowed, do_take
from farewell.review.assignment import clean_tag, do_add_tag, do_assign, do_remove_tag
from farewell.testing.pages import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):  # the actions' reasons, as an English-speaking reviewer reads them
        yield


@pytest.fixture
def hana(alice):
    persona = enrol_persona("hana")
    call_command(
        "channel", "add", "help", "--name-ru=Помощь", "--name-en=Help", "--name-fr=Aide", "--member=hana", verbosity=0
    )
    return persona


@pytest.fixture
def taken(submitted_case, alice, bob):
    do_take(submitted_case.pk, alice.desk())
    submitted_case.refresh_from_db()
    return submitted_case


def assignee_of(case) -> str | None:
    case.refresh_from_db()
    return case.assignee.name if case.assignee else None


# --- assigning ------------------------------------------------------------------------------------


def test_a_case_under_review_is_handed_to_another_reader_with_an_audit_row(taken, alice, bob):
    do_assign(taken.pk, alice.desk(), bob.reviewer.pk)
    assert assignee_of(taken) == "bob"
    entry = AuditEntry.objects.filter(action="assigned").get()
    assert entry.case_id == taken.pk and entry.actor == f"reviewer:{alice.reviewer.pk}"
    assert entry.details == {"assignee": bob.reviewer.pk, "previous": alice.reviewer.pk}
    assert verify().ok


def test_a_case_can_be_assigned_to_nobody(taken, alice):
    do_assign(taken.pk, alice.desk(), None)
    assert assignee_of(taken) is None
    assert taken.status == Case.Status.IN_REVIEW


def test_assigning_the_same_reviewer_again_changes_nothing(taken, alice):
    do_assign(taken.pk, alice.desk(), alice.reviewer.pk)
    assert not AuditEntry.objects.filter(action="assigned").exists()


def test_a_reviewer_without_the_cases_channel_key_cannot_be_assigned(taken, alice, hana, carol):
    for persona in (hana, carol):
        with pytest.raises(NotAllowed, match=f"{persona.reviewer.name} does not hold the key"):
            do_assign(taken.pk, alice.desk(), persona.reviewer.pk)
    assert assignee_of(taken) == "alice"


def test_an_inactive_reviewer_cannot_be_assigned(taken, alice, bob):
    invited, _token = do_invite_reviewer("ivan")
    do_disable_reviewer("bob")
    for reviewer_id in (invited.pk, bob.reviewer.pk, 999_999):
        with pytest.raises(NotAllowed, match="Only an active reviewer"):
            do_assign(taken.pk, alice.desk(), reviewer_id)
    assert assignee_of(taken) == "alice"


def test_only_a_case_under_review_is_assigned(submitted_case, alice, bob):
    with pytest.raises(NotAllowed, match="Only a case under review"):
        do_assign(submitted_case.pk, alice.desk(), bob.reviewer.pk)
    assert assignee_of(submitted_case) is None


def test_a_reviewer_who_cannot_read_the_case_cannot_reassign_it(taken, hana):
    with pytest.raises(NotAllowed, match="You have not been granted"):
        do_assign(taken.pk, hana.desk(), None)
    assert assignee_of(taken) == "alice"


def test_the_case_page_offers_exactly_the_reviewers_who_hold_its_key(taken, alice, bob, hana, carol):
    browser = alice.signed_in_client()
    page = browser.get(f"/review/en/cases/{taken.pk}/").content.decode()
    form = page.split('id="assign-form"', 1)[1].split("</form>", 1)[0]
    assert f'value="{bob.reviewer.pk}"' in form and f'value="{alice.reviewer.pk}" selected' in form
    assert "hana" not in form and "carol" not in form
    browser.post(f"/review/en/cases/{taken.pk}/assignee/", {"assignee": bob.reviewer.pk})
    assert assignee_of(taken) == "bob"
    refused = browser.post(f"/review/en/cases/{taken.pk}/assignee/", {"assignee": carol.reviewer.pk}, follow=True)
    assert "carol does not hold the key of this case" in refused.content.decode()
    assert assignee_of(taken) == "bob"
    browser.post(f"/review/en/cases/{taken.pk}/assignee/", {"assignee": ""})
    assert assignee_of(taken) is None
    page = browser.get(f"/review/en/cases/{taken.pk}/").content.decode()
    assert '<option value="" selected>nobody</option>' in page
    assert "changed who is assigned" in page


# --- tags -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("urgent", "urgent"), ("  needs   a translator ", "needs a translator"), ("x" * 40, "x" * 40), ("é", "é")],
)
def test_a_tag_name_is_trimmed(typed, stored):
    assert clean_tag(typed) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("", "Give the tag a name"), ("   ", "Give the tag a name"), ("x" * 41, "at most 40"), ("a\u200bb", "invisible")],
)
def test_a_bad_tag_name_is_refused(typed, reason):
    with pytest.raises(NotAllowed, match=reason):
        clean_tag(typed)


def test_tags_are_added_once_reused_whatever_the_case_and_audited(taken, alice, bob):
    other, _codename = do_receive_testimony(story="Другая история.", consent="text", language="ru")
    do_add_tag(taken.pk, alice.desk(), " Urgent ")
    do_add_tag(taken.pk, bob.desk(), "urgent")  # the same tag: nothing changes
    do_add_tag(other.pk, bob.desk(), "URGENT")
    assert list(Tag.objects.values_list("name", flat=True)) == ["Urgent"]
    assert set(Tag.objects.get().cases.all()) == {taken, other}
    entries = AuditEntry.objects.filter(action="tag_added")
    assert [(e.case_id, e.details["tag"]) for e in entries] == [(taken.pk, "Urgent"), (other.pk, "Urgent")]


def test_removing_a_tag_from_its_last_case_forgets_it(taken, alice):
    tag = do_add_tag(taken.pk, alice.desk(), "urgent")
    do_remove_tag(taken.pk, alice.desk(), tag.pk)
    assert not Tag.objects.exists() and not taken.tags.exists()
    assert AuditEntry.objects.filter(action="tag_removed", case_id=taken.pk).exists()
    with pytest.raises(NotAllowed, match="does not have this tag"):
        do_remove_tag(taken.pk, alice.desk(), tag.pk)


def test_a_reviewer_who_cannot_read_the_case_cannot_tag_it(taken, alice, hana):
    tag = do_add_tag(taken.pk, alice.desk(), "urgent")
    with pytest.raises(NotAllowed):
        do_add_tag(taken.pk, hana.desk(), "spam")
    with pytest.raises(NotAllowed):
        do_remove_tag(taken.pk, hana.desk(), tag.pk)
    assert list(taken.tags.values_list("name", flat=True)) == ["urgent"]
    browser = hana.signed_in_client()
    browser.post(f"/review/en/cases/{taken.pk}/tags/add/", {"name": "spam"})
    assert not Tag.objects.filter(name="spam").exists()


def test_tags_through_the_case_page(taken, alice):
    browser = alice.signed_in_client()
    browser.post(f"/review/en/cases/{taken.pk}/tags/add/", {"name": "needs a translator"})
    page = browser.get(f"/review/en/cases/{taken.pk}/").content.decode()
    assert "needs a translator" in visible_text(page, "case-tags")
    assert "stored unencrypted" in page and "added a tag" in page
    refused = browser.post(f"/review/en/cases/{taken.pk}/tags/add/", {"name": "y" * 41}, follow=True)
    assert "A tag has at most 40 characters." in refused.content.decode()
    tag = Tag.objects.get()
    browser.post(f"/review/en/cases/{taken.pk}/tags/{tag.pk}/remove/")
    assert not taken.tags.exists()
    assert "removed a tag" in browser.get(f"/review/en/cases/{taken.pk}/").content.decode()


# --- the queue ------------------------------------------------------------------------------------


def test_the_queue_shows_tags_and_the_assignee_and_filters_by_tag(taken, alice, bob):
    other, _codename = do_receive_testimony(story="Другая история.", consent="text", language="ru")
    do_take(other.pk, bob.desk())
    do_add_tag(taken.pk, alice.desk(), "urgent")
    do_add_tag(other.pk, alice.desk(), "translator")
    browser = alice.signed_in_client()
    page = browser.get("/review/en/?status=in_review").content.decode()
    assert f"/review/en/cases/{taken.pk}/" in page and f"/review/en/cases/{other.pk}/" in page
    assert '<span class="tag">urgent</span>' in page and "<td>bob</td>" in page and "<td>alice</td>" in page
    filtered = browser.get("/review/en/?status=in_review&tag=urgent").content.decode()
    assert f"/review/en/cases/{taken.pk}/" in filtered and f"/review/en/cases/{other.pk}/" not in filtered
    assert "in review (1)" in filtered and 'href="?status=new&amp;tag=urgent"' in filtered
    assert "<strong>urgent</strong>" in filtered.split('id="tag-filter"', 1)[1].split("</nav>", 1)[0]
    empty = browser.get("/review/en/?status=in_review&tag=nothing").content.decode()
    assert "No case in this state with the tag" in empty


def test_the_tag_filter_lists_only_tags_of_cases_one_can_read(taken, alice, hana):
    help_case, _codename = do_receive_testimony(story="Помогите.", consent="text", language="ru", channel="help")
    do_add_tag(help_case.pk, hana.desk(), "helpdesk")
    do_add_tag(taken.pk, alice.desk(), "urgent")
    alices = visible_text(alice.signed_in_client().get("/review/en/").content.decode(), "tag-filter")
    assert "urgent" in alices and "helpdesk" not in alices
    hanas = visible_text(hana.signed_in_client().get("/review/en/").content.decode(), "tag-filter")
    assert "helpdesk" in hanas and "urgent" not in hanas
