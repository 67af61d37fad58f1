"""The submitter's inbox: questions and answers with files, the preview and objections, consent
for the testimony and each file, withdrawal — through the views, as a browser without
JavaScript uses them, and the reviewers' side of the same conversation."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from farewell.archive.models import PublishedPart, Testimony
from farewell.audit.chain import SUBMITTER, verify
from farewell.audit.models import AuditEntry
from farewell.cases import consent
from farewell.cases.actions import find_case_by_codename
from farewell.cases.models import Attachment, Case, FileConsent, Message, Preview
from farewell.intake import inbox
from farewell.jobs.models import Job
from farewell.review import actions, conversation, file_decisions
from farewell.review.actions import NotAllowed
from farewell.testing.checklist import tick_checklist
from farewell.testing.dump import assert_not_at_rest
from farewell.testing.intake import send_testimony
from farewell.testing.media import tiny_png
from farewell.testing.pages import codename_on, visible_text
from farewell.vault.store import open_with_submitter_key

pytestmark = pytest.mark.django_db
S = Case.Status
STORY = "Командир Игорь Сомов отправил нас в Чебаркуль без подготовки."


@pytest.fixture(autouse=True)
def public_media(settings, tmp_path):
    settings.FAREWELL_PUBLIC_MEDIA_DIR = tmp_path / "public"


def submit(files=(), consent="text"):
    browser = Client()
    page = send_testimony(browser, STORY, consent=consent, files=files, language="en").content.decode()
    return browser, Case.objects.order_by("-pk").first(), codename_on(page)


def sign_in(codename: str) -> Client:
    browser = Client()
    response = browser.post("/submit/en/return/", {"codename": codename})
    assert response.status_code == 302, response.content.decode()
    return browser


def inbox_page(browser) -> str:
    response = browser.get("/submit/en/status/")
    assert response.status_code == 200
    return response.content.decode()


def prepared(case, desk):
    actions.do_take(case.pk, desk)
    actions.do_add_redactions(case.pk, desk, label="PERSON", phrase="Игорь Сомов")
    actions.do_add_redactions(case.pk, desk, label="LOCATION", phrase="Чебаркуль")
    actions.do_set_publication(case.pk, desk, title="Без подготовки", language="ru")


def status(case) -> str:
    case.refresh_from_db()
    return case.status


def test_a_question_waits_for_the_submitter_who_answers_with_a_file(keys, alice):
    _browser, case, codename = submit()
    prepared(case, alice.desk())
    with translation.override("en"):
        conversation.do_ask(case.pk, alice.desk(), "Which month did it happen?")
    assert status(case) == S.AWAITING_SUBMITTER

    browser = sign_in(codename)
    page = inbox_page(browser)
    assert "Which month did it happen?" in visible_text(page, "conversation")
    assert "asked you a question" in visible_text(page, "status")

    upload = SimpleUploadedFile("scan.png", tiny_png(), content_type="image/png")
    response = browser.post("/submit/en/status/reply/", {"text": "In October, near the depot.", "files": [upload]})
    assert response.status_code == 302
    assert status(case) == S.IN_REVIEW  # back to the reviewers
    reply = Message.objects.get(case=case, kind=Message.Kind.REPLY)
    attachment = Attachment.objects.get(case=case)
    assert attachment.message == reply
    assert Job.objects.filter(attachment=attachment, kind=Job.Kind.CLEAN).exists()  # cleaned like the others
    texts = [entry["text"] for entry in conversation.messages_of(case, alice.desk())]
    assert texts == ["Which month did it happen?", "In October, near the depot."]
    page = inbox_page(browser)
    assert "In October, near the depot." in visible_text(page, "conversation")
    assert "scan.png" in visible_text(page, "consent") or "File 1" in visible_text(page, "consent")


def test_notes_stay_with_the_reviewers_and_no_submitter_key_opens_them(keys, alice):
    _browser, case, codename = submit()
    actions.do_take(case.pk, alice.desk())
    note = conversation.do_note(case.pk, alice.desk(), "Possibly a provocation: check the unit.")
    assert note.body.key_for_submitter is None
    page = inbox_page(sign_in(codename))
    assert "provocation" not in page
    assert conversation.messages_of(case, alice.desk())[0]["text"] == "Possibly a provocation: check the unit."


def test_a_question_is_readable_only_with_the_codename_s_key(keys, alice):
    _browser, case, codename = submit()
    actions.do_take(case.pk, alice.desk())
    question = conversation.do_ask(case.pk, alice.desk(), "Who else was there?")
    found = find_case_by_codename(codename)
    assert open_with_submitter_key(question.body, found.private_key) == b"Who else was there?"
    _other_browser, _other, other_codename = submit()
    stranger = find_case_by_codename(other_codename)
    with pytest.raises(Exception, match="cannot unwrap"):
        open_with_submitter_key(question.body, stranger.private_key)


def test_the_submitter_sees_the_preview_objects_and_the_approvals_are_void(keys, alice, bob):
    _browser, case, codename = submit()
    prepared(case, alice.desk())
    assert actions.do_approve(case.pk, alice.desk()) == S.APPROVED_ONCE
    assert Preview.objects.filter(case=case).exists()

    browser = sign_in(codename)
    page = inbox_page(browser)
    preview = visible_text(page, "preview-text")
    assert "[ИМЯ 1]" in preview and "[МЕСТО 1]" in preview and "Сомов" not in preview
    assert visible_text(page, "preview-heading") == "Без подготовки"

    response = browser.post("/submit/en/status/object/", {"part": "text", "comment": "The depot is named there."})
    assert response.status_code == 302
    assert status(case) == S.IN_REVIEW
    assert not case.approvals.exists() and not Preview.objects.filter(case=case).exists()
    objection = Message.objects.get(case=case, kind=Message.Kind.OBJECTION)
    assert objection.part == "text"
    assert "The depot is named there." in [e["text"] for e in conversation.messages_of(case, alice.desk())]
    # bob can no longer publish what alice approved: it must be approved twice again
    tick_checklist(case.pk, bob.desk())
    assert actions.do_approve(case.pk, bob.desk()) == S.APPROVED_ONCE


def test_an_objection_needs_a_preview_and_a_comment(keys, alice):
    _browser, case, codename = submit()
    browser = sign_in(codename)
    with translation.override("en"):
        with pytest.raises(inbox.Refused, match="nothing to object to"):
            inbox.do_object(case.pk, "text", "Wrong.")
    prepared(case, alice.desk())
    actions.do_approve(case.pk, alice.desk())
    response = browser.post("/submit/en/status/object/", {"part": "text", "comment": ""})
    assert response.status_code == 200 and status(case) == S.APPROVED_ONCE  # the form again, nothing voided
    response = browser.post("/submit/en/status/object/", {"part": "something-else", "comment": "x"})
    assert status(case) == S.APPROVED_ONCE


@pytest.mark.django_db(transaction=True)  # the worker runs its jobs in their own transactions
def test_consent_per_file_narrows_what_is_published_and_voids_approvals_it_affects(keys, alice, worker_context):
    from farewell.jobs import worker

    upload = SimpleUploadedFile("IMG_1.png", tiny_png(), content_type="image/png")
    _browser, case, codename = submit(files=[upload], consent="text_media")
    attachment = case.attachments.get()
    worker.run(worker_context, once=True)
    prepared(case, alice.desk())
    file_decisions.do_set_file_choice(case.pk, attachment.pk, alice.desk(), publish=True, voice="transcript")
    worker.run(worker_context, once=True)
    assert [d.attachment_id for d in file_decisions.chosen_files(case)] == [attachment.pk]
    actions.do_approve(case.pk, alice.desk())
    assert status(case) == S.APPROVED_ONCE

    browser = sign_in(codename)
    prefix = f"file{attachment.pk}"
    response = browser.post(f"/submit/en/status/files/{attachment.pk}/consent/", {f"{prefix}-choice": "none"})
    assert response.status_code == 302
    assert consent.file_choice(attachment) == FileConsent.Choice.NONE
    assert file_decisions.chosen_files(case) == []
    assert status(case) == S.IN_REVIEW and not case.approvals.exists()
    entry = AuditEntry.objects.filter(case_id=case.pk, action="file_consent_changed").get()
    assert entry.actor == SUBMITTER and (entry.at.hour, entry.at.minute, entry.at.second) == (0, 0, 0)
    assert verify().ok

    browser.post(f"/submit/en/status/files/{attachment.pk}/consent/", {f"{prefix}-choice": "transcript"})
    decision = file_decisions.chosen_files(case)[0]
    assert file_decisions.published_parts(decision) == []  # the transcript only: no picture


def test_a_voice_needs_its_own_consent_and_only_with_the_cleaned_file(keys):
    upload = SimpleUploadedFile("voice.ogg", b"OggS" + b"\0" * 100, content_type="audio/ogg")
    _browser, case, codename = submit(files=[upload], consent="text_media")
    attachment = case.attachments.get()
    assert not consent.voice_consented(attachment, "altered")
    inbox.do_set_file_consent(case.pk, attachment.pk, choice="cleaned", altered=True, original=False)
    attachment.refresh_from_db()
    assert consent.voice_consented(attachment, "altered") and not consent.voice_consented(attachment, "original")
    inbox.do_set_file_consent(case.pk, attachment.pk, choice="transcript", altered=True, original=True)
    attachment.refresh_from_db()
    assert not consent.voice_consented(attachment, "altered") and not consent.voice_consented(attachment, "original")


def test_file_consent_stays_within_the_case_level_choice(keys):
    upload = SimpleUploadedFile("IMG_1.png", tiny_png(), content_type="image/png")
    _browser, case, _codename = submit(files=[upload], consent="text")
    attachment = case.attachments.get()
    with translation.override("en"), pytest.raises(inbox.Refused, match="first allow files"):
        inbox.do_set_file_consent(case.pk, attachment.pk, choice="cleaned", altered=False, original=False)
    assert consent.file_choice(attachment) == FileConsent.Choice.NONE


def test_a_submitter_cannot_touch_another_case_s_file(keys):
    upload = SimpleUploadedFile("IMG_1.png", tiny_png(), content_type="image/png")
    _browser, other_case, _ = submit(files=[upload], consent="text_media")
    _browser, _case, codename = submit(consent="text_media")
    browser = sign_in(codename)
    foreign = other_case.attachments.get()
    browser.post(f"/submit/en/status/files/{foreign.pk}/consent/", {f"file{foreign.pk}-choice": "none"})
    assert not FileConsent.objects.filter(attachment=foreign).exists()


def test_withdrawal_unpublishes_at_once_and_keeps_a_legal_hold(keys, alice, bob, settings):
    _browser, case, codename = submit()
    prepared(case, alice.desk())
    actions.do_approve(case.pk, alice.desk())
    tick_checklist(case.pk, bob.desk())
    assert actions.do_approve(case.pk, bob.desk()) == S.PUBLISHED
    actions.do_set_legal_hold(case.pk, True, bob.desk())
    public_id = Testimony.objects.get().public_id
    assert Client().get(f"/en/t/{public_id}/").status_code == 200

    browser = sign_in(codename)
    confirm = browser.get("/submit/en/status/withdraw/")
    assert confirm.status_code == 200 and status(case) == S.PUBLISHED  # asked once, nothing done yet
    response = browser.post("/submit/en/status/withdraw/", {"confirm": "yes"})
    assert response.status_code == 302
    assert status(case) == S.WITHDRAWN
    assert case.legal_hold and case.closed_on is not None
    assert not Testimony.objects.exists() and not PublishedPart.objects.exists()
    assert Client().get(f"/en/t/{public_id}/").status_code == 404
    assert "Withdrawn" in visible_text(inbox_page(browser), "status")
    # Nothing more is accepted for it, and reviewers cannot act on it.
    with translation.override("en"):
        with pytest.raises(inbox.Refused, match="withdrawn"):
            inbox.do_reply(case.pk, "one more thing")
        with pytest.raises(NotAllowed):
            actions.do_approve(case.pk, alice.desk())


def test_a_case_level_consent_change_voids_the_approvals(keys, alice):
    _browser, case, codename = submit(consent="text_media")
    prepared(case, alice.desk())
    actions.do_approve(case.pk, alice.desk())
    browser = sign_in(codename)
    browser.post("/submit/en/status/consent/", {"consent": "verification"})
    case.refresh_from_db()
    assert case.consent == "verification" and case.status == S.IN_REVIEW and not case.approvals.exists()


def test_hostile_replies_get_clear_errors_and_nothing_is_lost(keys, alice):
    _browser, case, codename = submit()
    browser = sign_in(codename)
    response = browser.post("/submit/en/status/reply/", {"text": "x" * (inbox.MAX_MESSAGE_CHARS + 1)})
    assert response.status_code == 200
    assert "longer than" in response.content.decode()
    response = browser.post("/submit/en/status/reply/", {"text": "   "})
    assert "Write an answer or add a file" in response.content.decode()
    assert not Message.objects.filter(case=case).exists()
    # Signed out, or with another session's cookie: nothing opens.
    assert Client().get("/submit/en/status/").status_code == 302
    assert Client().post("/submit/en/status/reply/", {"text": "hello"}).status_code in (302, 403)
    assert not Message.objects.filter(case=case).exists()


@pytest.mark.django_db(transaction=True)
def test_preview_pictures_open_only_for_their_submitter(keys, alice, worker_context):
    from farewell.jobs import worker

    upload = SimpleUploadedFile("IMG_1.png", tiny_png(), content_type="image/png")
    _browser, case, codename = submit(files=[upload], consent="text_media")
    attachment = case.attachments.get()
    worker.run(worker_context, once=True)
    prepared(case, alice.desk())
    file_decisions.do_set_file_choice(case.pk, attachment.pk, alice.desk(), publish=True, voice="transcript")
    worker.run(worker_context, once=True)
    actions.do_approve(case.pk, alice.desk())
    browser = sign_in(codename)
    page = inbox_page(browser)
    key = find_case_by_codename(codename).private_key
    case.refresh_from_db()
    picture = inbox.preview_for(case, key)["files"][0]["pictures"][0]
    assert f"/status/preview/{picture}/" in page
    response = browser.get(f"/submit/en/status/preview/{picture}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    _other_browser, _other, other_codename = submit()
    assert sign_in(other_codename).get(f"/submit/en/status/preview/{picture}/").status_code == 404


def test_messages_and_notes_are_not_readable_at_rest(keys, alice):
    _browser, case, codename = submit()
    prepared(case, alice.desk())
    conversation.do_ask(case.pk, alice.desk(), "QUESTION-MARKER-7f3a")
    conversation.do_note(case.pk, alice.desk(), "NOTE-MARKER-91bc")
    browser = sign_in(codename)
    browser.post("/submit/en/status/reply/", {"text": "REPLY-MARKER-c2d4"})
    actions.do_approve(case.pk, alice.desk())
    browser.post("/submit/en/status/object/", {"part": "title", "comment": "OBJECTION-MARKER-e5f6"})
    assert Message.objects.filter(case=case).count() == 4
    assert_not_at_rest(
        "QUESTION-MARKER-7f3a", "NOTE-MARKER-91bc", "REPLY-MARKER-c2d4", "OBJECTION-MARKER-e5f6", codename
    )


def test_a_withdrawn_case_follows_the_retention_policy_conversation_included(keys, alice, settings):
    import datetime

    from farewell.cases import retention

    _browser, case, codename = submit()
    actions.do_take(case.pk, alice.desk())
    question = conversation.do_ask(case.pk, alice.desk(), "When?")
    inbox.do_reply(case.pk, "In spring.")
    inbox.do_withdraw(case.pk)
    settings.FAREWELL_RETENTION_DAYS = 30
    later = datetime.date.today() + datetime.timedelta(days=31)
    assert list(retention.due(later)) == [Case.objects.get(pk=case.pk)]
    retention.erase_originals(case.pk)
    question.body.refresh_from_db()
    assert question.body.destroyed and not question.body.key_for_submitter
    assert all(e["text"] is None for e in inbox.conversation(case, find_case_by_codename(codename).private_key))


def test_what_is_heard_of_a_published_recording_follows_his_consent_for_that_file(keys, alice):
    from farewell.jobs.rendering import sound_for
    from farewell.review.models import FileDecision

    upload = SimpleUploadedFile("voice.ogg", b"OggS" + b"\0" * 100, content_type="audio/ogg")
    _browser, case, _codename = submit(files=[upload], consent="text_media")
    attachment = case.attachments.get()
    decision = FileDecision.objects.create(attachment=attachment, publish=True, voice=FileDecision.Voice.ALTERED)
    assert sound_for(decision, "publish") == "none" and sound_for(decision, "preview") == "alter"
    inbox.do_set_file_consent(case.pk, attachment.pk, choice="cleaned", altered=True, original=False)
    decision.refresh_from_db()
    assert sound_for(decision, "publish") == "alter"
    assert decision.revision == 2  # rendered again: what may be heard changed
    decision.voice = FileDecision.Voice.ORIGINAL
    assert sound_for(decision, "publish") == "none"  # the original voice needs its own consent


def test_an_objection_names_its_part_for_the_reviewers(keys, alice):
    _browser, case, _codename = submit()
    prepared(case, alice.desk())
    actions.do_approve(case.pk, alice.desk())
    with translation.override("en"):
        inbox.do_object(case.pk, "title", "The title names my town.")
        assert conversation.messages_of(case, alice.desk())[-1]["about"] == "the title"


def test_withdrawing_a_case_in_legal_documentation_keeps_its_hold_for_good(keys, alice):
    from farewell.cases import retention

    _browser, case, _codename = submit()
    actions.do_take(case.pk, alice.desk())
    actions.do_decide(case.pk, "route_to_legal", "possible war crime", alice.desk())
    inbox.do_withdraw(case.pk)
    case.refresh_from_db()
    assert case.status == S.WITHDRAWN and case.legal_hold and case.routed_to_legal
    with translation.override("en"), pytest.raises(NotAllowed, match="legal documentation"):
        actions.do_set_legal_hold(case.pk, False, alice.desk())
    assert Case.objects.get(pk=case.pk) not in retention.due(datetime.date.today() + datetime.timedelta(days=3650))


def test_a_database_dump_alone_cannot_confirm_a_codename(keys, settings):
    """The stored public key is derived with the pepper (outside the database) mixed in: the same
    codename and salt without it give another key."""
    from farewell.intake import codenames

    _browser, case, codename = submit()
    salt = bytes(case.submitter_salt)
    assert codenames.submitter_key_pair(codename, salt)[0] == bytes(case.submitter_public_key)
    settings.FAREWELL_PEPPER = "a guess at the pepper, which a dump does not hold"
    assert codenames.submitter_key_pair(codename, salt)[0] != bytes(case.submitter_public_key)
