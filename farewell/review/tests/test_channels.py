"""Channels routed to reviewer groups: two channels, two groups, each reading exactly its cases.

Personas: alice and bob hold the organization's channel; hana is the only member of "help"
(requests for help); carol holds nothing.
"""

import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from conftest import enrol_persona
from farewell.accounts import grants
from farewell.accounts.actions import do_disable_reviewer
from farewell.accounts.models import ChannelGrant
from farewell.audit.models import AuditEntry
from farewell.cases.actions import do_receive_testimony
from farewell.cases.models import Case, Channel
from farewell.review.actions import NotAllowed, do_take, story_of
from farewell.testing.pages import form_token_on, visible_text
from farewell.testing.plugin import TEST_ENVIRONMENT
from farewell.vault.models import KeyPair
from farewell.vault.store import file_metadata, read_file

pytestmark = pytest.mark.django_db

HELP_NAMES = {"ru": "Просьба о помощи", "en": "Request for help", "fr": "Demande d'aide"}
HELP_STORY = "Я в опасности, нужна помощь юриста. Меня ищут в Самаре."
DEFAULT_STORY = "Командир Игорь Сомов отправил нас в Чебаркуль."
OPERATOR_SECRET = TEST_ENVIRONMENT["FAREWELL_OPERATOR_SECRET"]


def run(*arguments) -> str:
    out = StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()


def add_help_channel(*members: str, on_intake: bool = True) -> Channel:
    arguments = ["channel", "add", "help", "--name-ru", HELP_NAMES["ru"], "--name-en", HELP_NAMES["en"]]
    arguments += ["--name-fr", HELP_NAMES["fr"], *[f"--member={m}" for m in members]]
    run(*arguments, *([] if on_intake else ["--not-on-intake"]))
    return Channel.objects.get(slug="help")


@pytest.fixture
def hana(alice):
    """Enrolled after alice (so she receives no bootstrap key), then the help channel's only member."""
    persona = enrol_persona("hana")
    add_help_channel("hana")
    return persona


def receive(story: str, channel: str = "default") -> Case:
    case, _codename = do_receive_testimony(story=story, consent="text", language="ru", channel=channel)
    return case


# --- `farewell channel` ---------------------------------------------------------------------------


def test_adding_a_channel_seals_its_new_key_to_each_member_and_keeps_no_operator_copy(alice, bob, hana):
    help_key = KeyPair.objects.get(name="channel:help", retired_on__isnull=True)
    assert help_key.wrapped_private is None
    assert list(ChannelGrant.objects.filter(key_pair=help_key).values_list("reviewer__name", flat=True)) == ["hana"]
    case = receive(HELP_STORY, "help")
    assert case.story.channel_id == help_key.pk
    assert story_of(case, hana.desk()) == HELP_STORY
    with pytest.raises(NotAllowed):
        story_of(case, alice.desk())
    entry = AuditEntry.objects.get(action="channel_added")
    assert entry.details["channel"] == "help" and entry.details["members"] == [hana.reviewer.pk]


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["--name-ru=п", "--name-en=h", "--name-fr=a"], "at least one active member"),
        (["--name-ru=п", "--name-en=h", "--name-fr=a", "--member=nobody"], "not active reviewers: nobody"),
        (["--name-ru=п", "--name-en=h", "--member=alice"], "Russian, English and French"),
    ],
)
def test_a_channel_is_refused_without_an_active_member_or_its_three_names(alice, arguments, error):
    with pytest.raises(CommandError, match=error):
        run("channel", "add", "help", *arguments)
    assert not Channel.objects.exists() and not KeyPair.objects.filter(name="channel:help").exists()


def test_a_bad_or_taken_slug_is_refused(alice):
    with pytest.raises(CommandError, match="lower-case"):
        run("channel", "add", "Help me", "--name-ru=п", "--name-en=h", "--name-fr=a", "--member=alice")
    add_help_channel("alice")
    with pytest.raises(CommandError, match="exists already"):
        add_help_channel("alice")


def test_disabled_reviewers_cannot_be_members(alice, bob):
    do_disable_reviewer("bob")
    with pytest.raises(CommandError, match="not active reviewers: bob"):
        add_help_channel("bob")


def test_the_list_shows_names_members_and_cases(alice, bob, hana):
    receive(HELP_STORY, "help")
    receive(HELP_STORY, "help")
    receive(DEFAULT_STORY)
    lines = run("channel", "list").splitlines()
    assert lines[0].split("\t") == ["slug", "ru", "en", "fr", "members", "cases", "intake"]
    assert lines[1].split("\t") == ["default", "—", "—", "—", "2", "1", "yes"]
    assert lines[2].split("\t") == ["help", *HELP_NAMES.values(), "1", "2", "yes"]


# --- routing on the intake ------------------------------------------------------------------------


def test_without_channels_the_form_offers_no_choice(submitter, alice):
    page = submitter.get("/submit/en/testimony/").content.decode()
    assert 'id="channels"' not in page
    assert 'action="/submit/en/testimony/"' in page


def test_the_form_offers_the_channels_in_the_submitters_language_and_carries_the_choice(submitter, hana):
    russian = submitter.get("/submit/testimony/").content.decode()
    assert HELP_NAMES["ru"] in visible_text(russian, "channels")
    english = submitter.get("/submit/en/testimony/").content.decode()
    choices = visible_text(english, "channels")
    assert "Request for help" in choices and "Testimony" in choices and "Просьба" not in choices
    assert 'href="/submit/en/testimony/?channel=help"' in english
    chosen = submitter.get("/submit/en/testimony/?channel=help").content.decode()
    assert 'action="/submit/en/testimony/?channel=help"' in chosen
    assert "<strong" in chosen and "Request for help</strong>" in chosen


def send(client, path: str, story: str, files=()):
    data = {"story": story, "consent": "text", "form_token": form_token_on(client.get(path).content.decode())}
    if files:
        data["files"] = list(files)
    return client.post(path, data)


def test_a_testimony_sent_to_a_channel_is_sealed_to_its_key_files_included(submitter, alice, hana):
    photo = SimpleUploadedFile("request.txt", b"HELPFILEMARKER " * 10, content_type="text/plain")
    response = send(submitter, "/submit/en/testimony/?channel=help", HELP_STORY, [photo])
    assert response.status_code == 200 and 'id="codename"' in response.content.decode()
    case = Case.objects.get()
    help_key = KeyPair.objects.get(name="channel:help")
    assert case.channel == "help" and case.story.channel_id == help_key.pk
    stored = case.attachments.get().stored
    assert stored.channel_id == help_key.pk  # encrypted to the channel while it streamed in
    key = hana.desk().channel_key(stored)
    assert file_metadata(stored, key).name == "request.txt"
    assert b"".join(read_file(stored, key)) == b"HELPFILEMARKER " * 10
    with pytest.raises(NotAllowed):
        alice.desk().channel_key(stored)


@pytest.mark.parametrize("query", ["?channel=nonexistent", "?channel=", "?channel=closed", ""])
def test_an_unknown_or_closed_channel_goes_to_the_organization(submitter, alice, hana, query):
    run("channel", "add", "closed", "--name-ru=з", "--name-en=c", "--name-fr=f", "--member=hana", "--not-on-intake")
    page = submitter.get(f"/submit/en/testimony/{query}").content.decode()
    assert "closed" not in visible_text(page, "channels") and 'action="/submit/en/testimony/"' in page
    send(submitter, f"/submit/en/testimony/{query}", DEFAULT_STORY)
    case = Case.objects.get()
    assert case.channel == "default" and case.story.channel.name == KeyPair.CHANNEL_DEFAULT
    assert story_of(case, alice.desk()) == DEFAULT_STORY


# --- reviewer groups read exactly their channel ---------------------------------------------------


@pytest.fixture
def two_channels(alice, bob, hana):
    """Two default cases (one taken by alice), three help cases (one taken by hana)."""
    default = [receive(DEFAULT_STORY), receive(DEFAULT_STORY)]
    helping = [receive(HELP_STORY, "help") for _ in range(3)]
    do_take(default[0].pk, alice.desk())
    do_take(helping[0].pk, hana.desk())
    return default, helping


def queue_links(browser, status="new") -> tuple[set[int], str]:
    page = browser.get(f"/review/en/?status={status}").content.decode()
    return {int(number) for number in re.findall(r'href="/review/en/cases/(\d+)/"', page)}, page


def test_each_group_lists_and_counts_only_its_channels_cases(two_channels, alice, hana):
    default, helping = two_channels
    links, page = queue_links(alice.signed_in_client())
    assert links == {default[1].pk}
    assert "new (1)" in page and "in review (1)" in page
    links, page = queue_links(hana.signed_in_client())
    assert links == {helping[1].pk, helping[2].pk}
    assert "new (2)" in page and "in review (1)" in page


def test_a_non_member_opening_a_case_gets_the_no_grant_page(two_channels, alice, hana):
    default, helping = two_channels
    browser = alice.signed_in_client()
    page = browser.get(f"/review/en/cases/{helping[1].pk}/")
    assert page.status_code == 403
    assert "You have not been granted the key of this case" in page.content.decode()
    assert "Самаре" not in page.content.decode()
    response = hana.signed_in_client().get(f"/review/en/cases/{default[1].pk}/")
    assert response.status_code == 403 and "Сомов" not in response.content.decode()
    mine = hana.signed_in_client().get(f"/review/en/cases/{helping[1].pk}/")
    assert mine.status_code == 200 and "Самаре" in mine.content.decode()
    assert "Channel: Request for help." in visible_text(mine.content.decode(), "workflow")


def test_a_case_one_cannot_read_cannot_be_taken(two_channels, alice):
    _default, helping = two_channels
    alice.signed_in_client().post(f"/review/en/cases/{helping[1].pk}/take/")
    helping[1].refresh_from_db()
    assert helping[1].status == Case.Status.NEW and helping[1].assignee_id is None


def test_a_member_of_both_channels_sees_both_with_each_cases_channel(two_channels, alice, hana, bob):
    hana.signed_in_client().post("/review/team/", {"reviewer": bob.reviewer.pk, "channel": "help"})
    links, page = queue_links(bob.signed_in_client())
    default, helping = two_channels
    assert links == {default[1].pk, helping[1].pk, helping[2].pk}
    assert "Request for help" in page and "the organization&#x27;s channel" in page


def test_cases_sealed_to_a_retired_key_stay_listed_and_readable(alice, hana):
    before = receive(HELP_STORY, "help")
    run("keys", "rotate", "--channel", "help")
    after = receive("после ротации", "help")
    assert before.story.channel_id != after.story.channel_id
    links, _page = queue_links(hana.signed_in_client())
    assert links == {before.pk, after.pk}
    assert story_of(before, hana.desk()) == HELP_STORY and story_of(after, hana.desk()) == "после ротации"


# --- the team page: grants per channel ------------------------------------------------------------


def team_row(page: str, name: str) -> str:
    row = page.split(f"<td>{name}</td>", 1)[1].split("</tr>", 1)[0]
    return row


def test_the_team_page_shows_the_channels_each_reviewer_holds(alice, bob, hana, carol):
    page = alice.signed_in_client().get("/review/en/team/").content.decode()
    assert "the organization&#x27;s channel" in team_row(page, "bob") and "Request" not in team_row(page, "bob")
    assert "Request for help" in team_row(page, "hana")
    assert "Grant access to carol: the organization&#x27;s channel" in team_row(page, "carol")
    assert "Grant access to carol: Request for help" not in page  # alice does not hold it


def test_a_member_grants_exactly_the_channel_he_holds(alice, hana, carol):
    browser = hana.signed_in_client()
    page = browser.get("/review/en/team/").content.decode()
    assert "Grant access to carol: Request for help" in team_row(page, "carol")
    assert "organization" not in team_row(page, "carol")  # hana holds no default key
    browser.post("/review/team/", {"reviewer": carol.reviewer.pk, "channel": "help"})
    assert grants.held_channel_names(carol.reviewer) == {"channel:help"}
    case = receive(HELP_STORY, "help")
    assert story_of(case, carol.desk()) == HELP_STORY


def test_granting_a_channel_one_does_not_hold_grants_nothing(alice, hana, carol):
    alice.signed_in_client().post("/review/team/", {"reviewer": carol.reviewer.pk, "channel": "help"})
    assert not ChannelGrant.objects.filter(reviewer=carol.reviewer).exists()
    alice.signed_in_client().post("/review/team/", {"reviewer": hana.reviewer.pk, "channel": "default"})
    assert grants.held_channel_names(hana.reviewer) == {"channel:default", "channel:help"}


def test_a_granted_channel_includes_its_retired_keys(alice, hana, carol):
    old = receive(HELP_STORY, "help")
    run("keys", "rotate", "--channel", "help")
    hana.signed_in_client().post("/review/team/", {"reviewer": carol.reviewer.pk, "channel": "help"})
    assert story_of(old, carol.desk()) == HELP_STORY


# --- rotation -------------------------------------------------------------------------------------


def active(name: str) -> KeyPair:
    return KeyPair.objects.get(name=name, retired_on__isnull=True)


def test_disabling_a_reviewer_rotates_exactly_the_channels_he_held(alice, bob, hana):
    default, help_key = active("channel:default").pk, active("channel:help").pk
    do_disable_reviewer("bob")
    assert active("channel:help").pk == help_key
    assert active("channel:default").pk != default and active("channel:default").wrapped_private is None
    entry = AuditEntry.objects.get(action="reviewer_disabled")
    assert entry.details["new_channel_keys"] == {"channel:default": active("channel:default").pk}


def test_disabling_the_last_member_keeps_the_new_key_for_the_operator_to_hand_over(alice, hana, carol):
    old = receive(HELP_STORY, "help")
    do_disable_reviewer("hana", operator_secret=OPERATOR_SECRET)
    assert active("channel:help").wrapped_private is not None
    assert "key kept for the operator" in run("channel", "list").splitlines()[2]
    new = receive("после отключения", "help")
    run("channel", "grant", "help", "carol")
    assert active("channel:help").wrapped_private is None
    assert story_of(new, carol.desk()) == "после отключения"
    with pytest.raises(NotAllowed):  # hana's key went with her: the old case stays closed
        story_of(old, carol.desk())
    with pytest.raises(CommandError, match="no operator-wrapped copy"):
        run("channel", "grant", "help", "alice")


def test_keys_rotate_makes_new_keys_for_every_channel_or_the_named_one(alice, hana):
    default, help_key = active("channel:default").pk, active("channel:help").pk
    run("keys", "rotate", "--channel", "help")
    assert active("channel:default").pk == default and active("channel:help").pk != help_key
    output = run("keys", "rotate")
    assert "Rotated channel:default" in output and "Rotated channel:help" in output
    assert active("channel:default").pk != default
    assert ChannelGrant.objects.filter(reviewer=hana.reviewer, key_pair=active("channel:help")).exists()
    assert not ChannelGrant.objects.filter(reviewer=alice.reviewer, key_pair=active("channel:help")).exists()
    with pytest.raises(CommandError, match="No channel nowhere"):
        run("keys", "rotate", "--channel", "nowhere")


# --- duplicates across channels -------------------------------------------------------------------

COPIED = (
    "Нас привезли на полигон ночью, выдали старые автоматы и сказали, что через три дня мы поедем на фронт. "
    "Командир роты кричал, что отказников расстреляют, и никто из нас не спал до утра."
)
AROUND = "Это АЛЬФАМАРКЕР, и дальше я рассказываю о том, что было со мной после этой ночи на полигоне."
PREFACE = "Я пишу с просьбой о помощи и хочу сначала рассказать, что со мной было в прошлом году."


@pytest.fixture
def copied_across_channels(alice, hana, worker_context, tmp_path, monkeypatch, settings):
    """A default case, verified first; then a help case copying its first passage, verified."""
    from farewell.jobs import verifying, worker
    from farewell.review.verification import do_verify

    monkeypatch.setattr(verifying, "index_directory", lambda: tmp_path / "duplicates")
    original = receive(f"{COPIED}\n\n{AROUND}")
    do_take(original.pk, alice.desk())
    do_verify(original.pk, alice.desk())
    worker.run(worker_context, once=True)
    copy = receive(f"{PREFACE}\n\n{COPIED}", "help")
    do_take(copy.pk, hana.desk())
    do_verify(copy.pk, hana.desk())
    worker.run(worker_context, once=True)
    return original, copy


def findings_on(browser, case) -> str:
    page = browser.get(f"/review/en/cases/{case.pk}/")
    assert page.status_code == 200
    return visible_text(page.content.decode(), "findings")


@pytest.mark.django_db(transaction=True)  # the worker closes its connections
def test_the_report_of_a_case_is_sealed_to_its_channel(copied_across_channels, alice, hana):
    from farewell.cases.models import Verification

    _original, copy = copied_across_channels
    report = Verification.objects.get(case=copy).report
    assert report.channel_id == copy.story.channel_id
    with pytest.raises(NotAllowed):
        alice.desk().open(report)


@pytest.mark.django_db(transaction=True)  # the worker closes its connections
def test_a_duplicate_in_another_channel_is_named_but_its_text_is_not_shown(copied_across_channels, hana):
    original, _copy = copied_across_channels
    findings = findings_on(hana.signed_in_client(), _copy)
    assert "A passage is like one in another case" in findings
    assert f"Case #{original.pk} is in a channel whose key you do not hold" in findings
    assert "АЛЬФАМАРКЕР" not in findings  # the other case's text around the passage


@pytest.mark.django_db(transaction=True)  # the worker closes its connections
def test_a_member_of_the_other_channel_sees_its_passage(copied_across_channels, alice, hana):
    original, copy = copied_across_channels
    alice.signed_in_client().post("/review/team/", {"reviewer": hana.reviewer.pk, "channel": "default"})
    findings = findings_on(hana.signed_in_client(), copy)
    assert "whose key you do not hold" not in findings
    assert f"#{original.pk} · №0" in findings and "АЛЬФАМАРКЕР" in findings


@pytest.mark.django_db(transaction=True)  # the worker closes its connections
def test_the_other_way_round_the_help_case_stays_hidden_from_the_organizations_reviewers(
    copied_across_channels, alice, worker_context
):
    from farewell.jobs import worker
    from farewell.review.verification import do_verify

    original, copy = copied_across_channels
    do_verify(original.pk, alice.desk())
    worker.run(worker_context, once=True)
    findings = findings_on(alice.signed_in_client(), original)
    assert f"Case #{copy.pk} is in a channel whose key you do not hold" in findings
    assert "просьбой о помощи" not in findings


def test_files_made_for_a_case_after_a_rotation_are_wrapped_to_its_channel_s_new_key(alice, hana):
    from django.db import transaction

    from farewell.vault.store import store_file
    from farewell.vault.uploads import encrypt_chunks

    case = receive(HELP_STORY, "help")
    run("keys", "rotate", "--channel", "help")  # the case's key pair is retired now
    received = encrypt_chunks([b"DERIVED"], name="cleaned.txt", content_type="text/plain", like=case.story)
    with transaction.atomic():
        stored = store_file(received)
    # The channel's active key, not the retired one of the story: a rotation holds for new items.
    assert stored.channel_id == active("channel:help").pk != case.story.channel_id
    key = hana.desk().channel_key(stored)
    assert b"".join(read_file(stored, key)) == b"DERIVED" and file_metadata(stored, key).name == "cleaned.txt"
    with pytest.raises(NotAllowed):
        alice.desk().channel_key(stored)


def test_a_help_case_is_worked_through_by_its_group_alone(alice, hana):
    case = receive(HELP_STORY, "help")
    browser = hana.signed_in_client()
    browser.post(f"/review/en/cases/{case.pk}/take/")
    browser.post(f"/review/en/cases/{case.pk}/publication/", {"title": "Просьба юриста", "language": "ru"})
    browser.post(f"/review/en/cases/{case.pk}/tags/add/", {"name": "lawyer"})
    page = browser.get(f"/review/en/cases/{case.pk}/")
    assert page.status_code == 200 and "Просьба юриста" in page.content.decode()
    case.refresh_from_db()
    assert case.publication_title.channel_id == case.story.channel_id
    assert alice.signed_in_client().get(f"/review/en/cases/{case.pk}/").status_code == 403


@pytest.mark.django_db(transaction=True)  # the worker runs its jobs in their own transactions
def test_everything_made_from_a_channel_s_case_stays_sealed_to_that_channel(submitter, alice, hana, worker_context):
    """The worker's cleaned copy, its report and renditions, the reviewers' title, a question, the
    submitter's reply with a file and the preview: all under the help channel's key pair."""
    from farewell.cases.models import CleanedFile, Message, Preview, Rendition
    from farewell.intake import inbox
    from farewell.jobs import worker
    from farewell.review import actions, conversation, file_decisions
    from farewell.testing.media import tiny_png

    png = SimpleUploadedFile("IMG_1.png", tiny_png(), content_type="image/png")
    data = {
        "story": HELP_STORY,
        "consent": "text_media",
        "form_token": form_token_on(submitter.get("/submit/en/testimony/?channel=help").content.decode()),
        "files": [png],
    }
    submitter.post("/submit/en/testimony/?channel=help", data)
    case = Case.objects.get()
    attachment = case.attachments.get()
    worker.run(worker_context, once=True)
    desk = hana.desk()
    actions.do_take(case.pk, desk)
    actions.do_set_publication(case.pk, desk, title="Помощь", language="ru")
    file_decisions.do_set_file_choice(case.pk, attachment.pk, desk, publish=True, voice="transcript")
    worker.run(worker_context, once=True)
    conversation.do_ask(case.pk, desk, "Где вы сейчас?")
    inbox.do_reply(case.pk, "В безопасности.")
    actions.do_approve(case.pk, desk)
    help_pair = case.story.channel_id
    cleaned = CleanedFile.objects.get(attachment=attachment)
    case.refresh_from_db()
    items = [cleaned.stored, cleaned.report, case.publication_title, Preview.objects.get(case=case).content]
    items += [r.stored for r in Rendition.objects.filter(attachment=attachment)]
    items += [m.body for m in Message.objects.filter(case=case)]
    assert len(items) >= 7
    assert {item.channel_id for item in items} == {help_pair}


def test_a_reviewer_cannot_act_on_a_case_of_a_channel_whose_key_he_lacks(submitter, alice, hana):
    """Reading is not the only thing a channel's key guards: rejecting, holding, resuming, editing
    redactions, placeholders and files of another channel's case are all refused."""
    from farewell.review import actions, conversation

    case = receive(HELP_STORY, "help")
    do_take(case.pk, hana.desk())
    actions.do_add_redactions(case.pk, hana.desk(), label="LOCATION", phrase="Самаре")
    conversation.do_ask(case.pk, hana.desk(), "Где вы?")
    redaction = case.redactions.get()
    desk = alice.desk()
    attempts = [
        lambda: actions.do_decide(case.pk, "reject", "not credible", desk),
        lambda: actions.do_set_legal_hold(case.pk, True, desk),
        lambda: conversation.do_resume(case.pk, desk),
        lambda: actions.do_set_replacement(case.pk, redaction.pk, "чужое", desk),
        lambda: actions.do_remove_redaction(case.pk, redaction.pk, desk),
        lambda: actions.do_dismiss_suggestion(case.pk, desk, 0, 3, "PERSON"),
        lambda: actions.do_set_publication(case.pk, desk, title="x", language="ru"),
    ]
    for attempt in attempts:
        with pytest.raises(NotAllowed):
            attempt()
    case.refresh_from_db()
    assert case.status == Case.Status.AWAITING_SUBMITTER and not case.legal_hold
    assert case.redactions.count() == 1 and case.redactions.get().replacement_id is None
    browser = alice.signed_in_client()
    assert browser.post(f"/review/en/cases/{case.pk}/reject/", {"reason": "x"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.AWAITING_SUBMITTER


def test_an_erased_case_of_another_channel_shows_no_history(submitter, alice, hana):
    from farewell.cases import retention

    case = receive(HELP_STORY, "help")
    do_take(case.pk, hana.desk())
    retention.erase_originals(case.pk)
    assert alice.signed_in_client().get(f"/review/en/cases/{case.pk}/").status_code == 403
    assert hana.signed_in_client().get(f"/review/en/cases/{case.pk}/").status_code == 200


def test_what_is_sealed_after_a_rotation_uses_the_new_key_even_on_an_older_case(alice, bob):
    from farewell.intake import inbox

    case = receive(DEFAULT_STORY)
    do_disable_reviewer("bob")  # rotates the organization's channel key
    reply = inbox.do_reply(case.pk, "Ответ после ротации.")
    active_pair = KeyPair.objects.get(name="channel:default", retired_on__isnull=True)
    assert case.story.channel_id != active_pair.pk  # the story stays under the retired key
    assert reply.body.channel_id == active_pair.pk
    assert alice.desk().open(reply.body) == "Ответ после ротации."
