import pytest
from django.utils import translation

from farewell.archive.models import Testimony
from farewell.audit.chain import verify
from farewell.audit.models import AuditEntry
from farewell.cases.models import Case
from farewell.review import actions
from farewell.review.actions import NotAllowed
from farewell.testing.checklist import tick_checklist

pytestmark = pytest.mark.django_db
S = Case.Status


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def prepare(case, desk, title="Без подготовки"):
    actions.do_take(case.pk, desk)
    actions.do_add_redactions(case.pk, desk, label="PERSON", phrase="Игорь Сомов")
    actions.do_add_redactions(case.pk, desk, label="LOCATION", phrase="Чебаркуль")
    actions.do_set_publication(case.pk, desk, title=title, language="ru")


def status(case):
    case.refresh_from_db()
    return case.status


def test_two_different_reviewers_publish_the_derived_text_never_the_raw_one(submitted_case, alice, bob):
    prepare(submitted_case, alice.desk())
    assert actions.do_approve(submitted_case.pk, alice.desk()) == S.APPROVED_ONCE
    tick_checklist(submitted_case.pk, bob.desk())
    assert actions.do_approve(submitted_case.pk, bob.desk()) == S.PUBLISHED
    testimony = Testimony.objects.get()
    assert testimony.title == "Без подготовки"
    assert testimony.body == "Командир [ИМЯ 1] отправил нас в [МЕСТО 1]. [ИМЯ 1] знал, что мы без подготовки."
    assert "Сомов" not in testimony.body
    submitted_case.refresh_from_db()
    assert submitted_case.testimony == testimony


def test_the_testimony_carries_its_themes_checks_and_approvals_and_is_searchable(submitted_case, alice, bob):
    from farewell.archive.search.query import Query, search

    prepare(submitted_case, alice.desk())
    actions.do_set_publication(
        submitted_case.pk,
        alice.desk(),
        title="Без подготовки",
        language="ru",
        themes=["front", "nonsense", "desertion"],
    )
    actions.do_approve(submitted_case.pk, alice.desk())
    tick_checklist(submitted_case.pk, bob.desk())
    actions.do_approve(submitted_case.pk, bob.desk())
    testimony = Testimony.objects.get()
    assert testimony.theme_slugs == ["desertion", "front"]  # the list's order; unknown ones dropped
    assert testimony.checks == sorted(
        ["identity_consistent", "timeline_consistent", "unit_plausible", "risk_flags_resolved"]
    )
    assert testimony.approvals == 2
    assert list(search(Testimony.objects.all(), Query.parse("подготовкой"))) == [testimony]
    assert not search(Testimony.objects.all(), Query.parse("Сомов")).exists()  # the raw story is not indexed


def test_the_same_reviewer_cannot_approve_twice(submitted_case, alice):
    prepare(submitted_case, alice.desk())
    actions.do_approve(submitted_case.pk, alice.desk())
    with pytest.raises(NotAllowed, match="second, different reviewer"):
        actions.do_approve(submitted_case.pk, alice.desk())
    assert status(submitted_case) == S.APPROVED_ONCE
    assert not Testimony.objects.exists()


@pytest.mark.parametrize(
    "edit",
    [
        lambda case, desk: actions.do_add_redactions(case.pk, desk, label="OTHER", phrase="подготовки"),
        lambda case, desk: actions.do_remove_redaction(case.pk, case.redactions.first().pk, desk),
        lambda case, desk: actions.do_set_publication(case.pk, desk, title="Другой заголовок", language="ru"),
        lambda case, desk: actions.do_set_publication(case.pk, desk, title="Без подготовки", language="en"),
        lambda case, desk: actions.do_set_publication(
            case.pk, desk, title="Без подготовки", language="ru", themes=["front"]
        ),
    ],
)
def test_editing_after_an_approval_voids_it(submitted_case, alice, bob, edit):
    prepare(submitted_case, alice.desk())
    actions.do_approve(submitted_case.pk, alice.desk())
    edit(submitted_case, bob.desk())
    assert status(submitted_case) == S.IN_REVIEW
    assert not submitted_case.approvals.exists()
    assert actions.do_approve(submitted_case.pk, bob.desk()) == S.APPROVED_ONCE  # starts over


def test_a_change_of_consent_voids_the_first_approval(submitted_case, alice, bob):
    prepare(submitted_case, alice.desk())
    actions.do_approve(submitted_case.pk, alice.desk())
    Case.objects.filter(pk=submitted_case.pk).update(consent=Case.Consent.TEXT_AND_MEDIA)
    with pytest.raises(NotAllowed, match="content changed"):
        actions.do_approve(submitted_case.pk, bob.desk())
    assert status(submitted_case) == S.IN_REVIEW
    assert not Testimony.objects.exists()


def test_verification_only_ends_verified_and_unpublished(keys, alice, bob):
    from farewell.cases.actions import do_receive_testimony

    case, _ = do_receive_testimony(story="Только для проверки.", consent="verification", language="ru")
    actions.do_take(case.pk, alice.desk())
    actions.do_approve(case.pk, alice.desk())
    tick_checklist(case.pk, bob.desk())
    assert actions.do_approve(case.pk, bob.desk()) == S.VERIFIED
    assert not Testimony.objects.exists()


def test_approval_needs_a_title_when_it_would_publish(submitted_case, alice):
    actions.do_take(submitted_case.pk, alice.desk())
    with pytest.raises(NotAllowed, match="title"):
        actions.do_approve(submitted_case.pk, alice.desk())


@pytest.mark.parametrize("action, target", [("reject", S.REJECTED), ("route_to_legal", S.LEGAL)])
def test_decisions_need_a_reason_which_is_sealed(submitted_case, alice, action, target):
    actions.do_take(submitted_case.pk, alice.desk())
    with pytest.raises(NotAllowed):
        actions.do_decide(submitted_case.pk, action, "  ", alice.desk())
    actions.do_decide(submitted_case.pk, action, "провокация: REASONMARKER", alice.desk())
    assert status(submitted_case) == target
    submitted_case.refresh_from_db()
    assert b"REASONMARKER" not in bytes(submitted_case.decision_reason.ciphertext)
    assert actions.Desk(alice.reviewer, alice.private_key).open(submitted_case.decision_reason).endswith("REASONMARKER")


def test_a_case_in_legal_documentation_keeps_its_legal_hold(submitted_case, alice):
    actions.do_take(submitted_case.pk, alice.desk())
    actions.do_set_legal_hold(submitted_case.pk, True, alice.desk())
    actions.do_set_legal_hold(submitted_case.pk, False, alice.desk())  # lifted while in review: allowed
    actions.do_decide(submitted_case.pk, "route_to_legal", "possible war crime", alice.desk())
    with pytest.raises(NotAllowed, match="stays under legal hold"):
        actions.do_set_legal_hold(submitted_case.pk, False, alice.desk())
    submitted_case.refresh_from_db()
    assert submitted_case.legal_hold


def test_only_the_assignee_releases(submitted_case, alice, bob):
    actions.do_take(submitted_case.pk, alice.desk())
    with pytest.raises(NotAllowed, match="assigned"):
        actions.do_release(submitted_case.pk, bob.desk())
    actions.do_release(submitted_case.pk, alice.desk())
    submitted_case.refresh_from_db()
    assert submitted_case.status == S.NEW and submitted_case.assignee is None


FORBIDDEN = [
    (S.NEW, "approve"),
    (S.NEW, "reject"),
    (S.NEW, "route_to_legal"),
    (S.NEW, "release"),
    (S.IN_REVIEW, "take"),
    (S.PUBLISHED, "approve"),
    (S.PUBLISHED, "reject"),
    (S.REJECTED, "take"),
    (S.REJECTED, "approve"),
    (S.LEGAL, "release"),
    (S.VERIFIED, "route_to_legal"),
]


@pytest.mark.parametrize("state, action", FORBIDDEN)
def test_forbidden_transitions_are_refused_and_leave_no_trace(submitted_case, alice, state, action):
    Case.objects.filter(pk=submitted_case.pk).update(status=state, assignee=alice.reviewer)
    before = AuditEntry.objects.count()
    with pytest.raises(NotAllowed):
        if action in ("reject", "route_to_legal"):
            actions.do_decide(submitted_case.pk, action, "reason", alice.desk())
        else:
            getattr(actions, f"do_{action}")(submitted_case.pk, alice.desk())
    assert status(submitted_case) == state
    assert AuditEntry.objects.count() == before


def test_closed_cases_cannot_be_edited(submitted_case, alice):
    Case.objects.filter(pk=submitted_case.pk).update(status=S.REJECTED)
    with pytest.raises(NotAllowed):
        actions.do_add_redactions(submitted_case.pk, alice.desk(), label="PERSON", phrase="Игорь")


def test_every_action_writes_an_audit_row_and_the_chain_holds(submitted_case, alice, bob):
    prepare(submitted_case, alice.desk())
    actions.do_approve(submitted_case.pk, alice.desk())
    tick_checklist(submitted_case.pk, bob.desk())
    actions.do_approve(submitted_case.pk, bob.desk())
    rows = list(AuditEntry.objects.filter(case_id=submitted_case.pk).values_list("action", flat=True))
    ticks = ["check_ticked"] * 4
    assert rows == ["take", "redactions_added", "redactions_added", "publication_edited", "approve", *ticks, "approve"]
    assert verify().ok
    dump = str(list(AuditEntry.objects.values()))
    assert "Сомов" not in dump and "Без подготовки" not in dump


def test_a_reviewer_without_the_channel_key_cannot_read_or_approve(submitted_case, alice, carol):
    with pytest.raises(NotAllowed, match="not been granted"):
        actions.story_of(submitted_case, carol.desk())
    actions.do_take(submitted_case.pk, alice.desk())
    actions.do_set_publication(submitted_case.pk, alice.desk(), title="T", language="ru")
    with pytest.raises(NotAllowed):
        actions.do_approve(submitted_case.pk, carol.desk())


def test_titles_reasons_and_redacted_words_are_not_readable_at_rest(submitted_case, alice):
    from farewell.testing.dump import assert_not_at_rest

    prepare(submitted_case, alice.desk(), title="TITLEMARKER-77")
    actions.do_approve(submitted_case.pk, alice.desk())
    assert_not_at_rest("TITLEMARKER-77", "Сомов", "Чебаркуль")
    actions.do_decide(submitted_case.pk, "reject", "REASONMARKER-12", alice.desk())
    assert_not_at_rest("REASONMARKER-12")


def test_a_reviewer_words_a_placeholder_himself_and_it_voids_approvals(submitted_case, alice):
    from farewell.testing.dump import assert_not_at_rest

    prepare(submitted_case, alice.desk())
    actions.do_approve(submitted_case.pk, alice.desk())
    first = submitted_case.redactions.order_by("start").first()
    actions.do_set_replacement(submitted_case.pk, first.pk, "командир РОТЫ-МАРКЕР", alice.desk())
    assert status(submitted_case) == S.IN_REVIEW
    text = actions.derived_text(submitted_case, alice.desk())
    assert text.startswith("Командир [командир РОТЫ-МАРКЕР] отправил нас в [МЕСТО 1].")
    assert_not_at_rest("РОТЫ-МАРКЕР")
    actions.do_set_replacement(submitted_case.pk, first.pk, "  ", alice.desk())
    assert actions.derived_text(submitted_case, alice.desk()).startswith("Командир [ИМЯ 1]")
