"""Reviewers' notification digests, through Django's SMTP backend to a real SMTP server (aiosmtpd):
a count and a link, no content, only to reviewers, once per reply, retried when the server fails."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
import time
from dataclasses import dataclass
from email import policy
from io import StringIO

import pyotp
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from farewell.accounts import grants
from farewell.accounts.actions import do_disable_reviewer, do_enrol, do_grant_channel, do_invite_reviewer
from farewell.accounts.models import Reviewer
from farewell.accounts.totp import new_secret
from farewell.cases.actions import do_receive_testimony
from farewell.cases.models import Message
from farewell.jobs import worker
from farewell.review import notifications
from farewell.review.notifications import Round, do_set_email
from farewell.testing.dump import database_dump
from farewell.testing.server import free_port, run_farewell
from farewell.vault import crypto, store
from farewell.vault.models import KeyPair

pytestmark = pytest.mark.django_db
K = Message.Kind
SENDER = "noreply@notify.example.org"
REVIEW_URL = "https://review.example.org/review/"
ADDRESSES = {"alice": "alice@team.example", "bob": "bob@team.example"}
# What every email may carry, and nothing more (no X-Mailer, no X-anything).
HEADERS = {"content-type", "mime-version", "content-transfer-encoding", "subject", "from", "to", "date", "message-id"}


def body(count: int) -> str:
    subject = f"{count} case has new replies" if count == 1 else f"{count} cases have new replies"
    return (
        f"{subject}\n\nSign in to read them: {REVIEW_URL}\n\n"
        "This email says nothing more, on purpose: what submitters write never leaves the server.\n"
    )


@dataclass
class Received:
    helo: str
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self):
        return email.message_from_bytes(self.raw, policy=policy.default)

    @property
    def text(self) -> str:
        return self.message.get_content().replace("\r\n", "\n")


class Mailbox:
    """The SMTP server's handler: keeps what it accepts; refuses what `refuse` names."""

    def __init__(self):
        self.received: list[Received] = []
        self.helos: list[str] = []
        self.connections = 0
        self.refuse: set[str] = set()  # recipients whose message is refused at DATA; "*": all
        self.on_data = None  # a coroutine function awaited before answering DATA

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.helos.append(hostname)
        return responses

    async def handle_DATA(self, server, session, envelope):
        if self.on_data is not None:
            await self.on_data()
        if "*" in self.refuse or self.refuse & set(envelope.rcpt_tos):
            return "554 5.7.1 refused"
        self.received.append(
            Received(session.host_name, envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]


class CountingSMTP(SMTP):
    def connection_made(self, transport):
        super().connection_made(transport)
        self.event_handler.connections += 1


class MailServer(Controller):
    def factory(self):
        return CountingSMTP(self.handler, **self.SMTP_kwargs)


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = MailServer(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.FAREWELL_SMTP_HOST = "127.0.0.1"
    settings.FAREWELL_SMTP_PORT = controller.port
    settings.FAREWELL_SMTP_SECURITY = "none"
    settings.FAREWELL_NOTIFY_FROM = f"Farewell <{SENDER}>"
    settings.FAREWELL_NOTIFY_LANGUAGE = "en"
    settings.FAREWELL_REVIEW_URL = REVIEW_URL
    box.helos.clear()
    box.connections = 0  # the controller's own check at start
    yield box
    controller.stop()


@pytest.fixture
def team(alice, bob, carol):
    """alice and bob hold the channel key; carol holds none; dave was disabled. All have addresses."""
    _invited, token = do_invite_reviewer("dave")
    secret = new_secret()
    dave = do_enrol(token, password="dave-password-long-enough", totp_secret=secret, code=pyotp.TOTP(secret).now())
    do_grant_channel(alice.reviewer, alice.private_key, dave.reviewer.pk)
    for name in ("alice", "bob", "carol", "dave"):
        do_set_email(name, ADDRESSES.get(name, f"{name}@team.example"))
    do_disable_reviewer("dave")
    return alice, bob, carol, dave


def receive(story="Командир Игорь Сомов отправил нас в Чебаркуль.", channel="default"):
    case, _codename = do_receive_testimony(story=story, consent="text", language="ru", channel=channel)
    return case


def message(case, kind, text):
    body = store.seal_like(case.story, "case.message", text.encode())
    return Message.objects.create(case=case, kind=kind, body=body)


def three_replies_in_two_cases():
    first, second = receive(), receive()
    message(first, K.REPLY, "REPLYMARKER один: в/ч 12345")
    message(first, K.REPLY, "REPLYMARKER два")
    message(second, K.REPLY, "REPLYMARKER три")
    return first, second


def our_log(caplog) -> str:
    """Farewell's log lines (the test server's own log names addresses: it is not ours)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("farewell"))


def notified():
    return sorted(Message.objects.filter(notified=True).values_list("pk", flat=True))


def test_it_tells_each_reviewer_of_the_channel_how_many_cases_have_new_replies(team, mailbox):
    three_replies_in_two_cases()
    assert notifications.run_round() == Round(sent=2, failed=0, marked=3)
    assert sorted(r.rcpt_tos for r in mailbox.received) == [[ADDRESSES["alice"]], [ADDRESSES["bob"]]]
    for received in mailbox.received:
        assert received.message["Subject"] == "2 cases have new replies"
        assert received.message["To"] == received.rcpt_tos[0]
        assert received.text == body(2)  # no case id, no channel, nothing else
    assert not mailbox.to("carol@team.example")  # no key
    assert not mailbox.to("dave@team.example")  # disabled
    assert Reviewer.objects.get(name="dave").email_sealed is None  # and his address is not kept
    assert not Message.objects.filter(notified=False).exists()


def test_it_carries_no_content_and_no_hostname(team, mailbox):
    first, second = three_replies_in_two_cases()
    notifications.run_round()
    assert mailbox.received
    hostnames = {name for name in (socket.gethostname(), socket.getfqdn()) if len(name) >= 4}
    for received in mailbox.received:
        raw = received.raw.decode("utf-8", errors="replace")
        for secret in ("REPLYMARKER", "12345", "Сомов", "Чебаркуль", "channel", *hostnames):
            assert secret not in raw
            assert secret not in received.text
        headers = received.message
        assert {name.lower() for name in headers.keys()} == HEADERS
        assert headers["Message-ID"].endswith("@notify.example.org>")
        assert received.helo == "notify.example.org"  # EHLO names the sender's domain, not this machine
        assert received.mail_from == SENDER
    assert mailbox.connections == 1 and mailbox.helos == ["notify.example.org"]  # one connection per round


def test_a_second_round_sends_nothing_until_a_new_reply(team, mailbox):
    first, _second = three_replies_in_two_cases()
    notifications.run_round()
    assert notifications.run_round() == Round(sent=0, failed=0, marked=0)
    assert len(mailbox.received) == 2
    message(first, K.OBJECTION, "OBJECTIONMARKER")
    assert notifications.run_round() == Round(sent=2, failed=0, marked=1)
    assert [r.text for r in mailbox.received[2:]] == [body(1), body(1)]


def test_questions_and_notes_do_not_count(team, alice, mailbox):
    case = receive()
    message(case, K.QUESTION, "Когда это было?")
    message(case, K.NOTE, "проверить в/ч")
    assert notifications.run_round() == Round()
    assert mailbox.received == [] and mailbox.connections == 0  # not even a connection
    objection = message(case, K.OBJECTION, "уберите название города")
    assert notifications.run_round() == Round(sent=2, failed=0, marked=1)
    assert notified() == [objection.pk]


def test_a_reviewer_without_the_channels_key_is_not_told(team, alice, bob, mailbox):
    public, private = crypto.new_key_pair()
    help_key = KeyPair.objects.create(
        name="channel:help", public_key=public, kdf_salt=b"", kdf_time_cost=1, kdf_memory_kib=8
    )
    grants.grant(help_key, private, bob.reviewer, alice.reviewer)
    reply = message(receive(channel="help"), K.REPLY, "REPLYMARKER")
    assert notifications.run_round() == Round(sent=1, failed=0, marked=1)
    assert [r.rcpt_tos for r in mailbox.received] == [[ADDRESSES["bob"]]]
    assert mailbox.received[0].text == body(1)
    assert notified() == [reply.pk]


def test_a_reviewer_without_an_address_is_not_told_and_his_cases_stay_pending(alice, mailbox):
    three_replies_in_two_cases()
    assert notifications.run_round() == Round()
    assert mailbox.received == [] and notified() == []
    do_set_email("alice", ADDRESSES["alice"])
    assert notifications.run_round() == Round(sent=1, failed=0, marked=3)  # she hears of them now


def test_when_the_mail_server_is_down_nothing_is_marked_and_the_next_round_sends(team, mailbox, settings, caplog):
    three_replies_in_two_cases()
    port, settings.FAREWELL_SMTP_PORT = settings.FAREWELL_SMTP_PORT, free_port()  # nothing listens there
    assert notifications.run_round() == Round(sent=0, failed=2, marked=0)
    assert notified() == []
    assert "notifications: the mail server cannot be used (ConnectionRefusedError)" in our_log(caplog)
    assert "@" not in our_log(caplog) and "REPLYMARKER" not in our_log(caplog)
    settings.FAREWELL_SMTP_PORT = port
    assert notifications.run_round() == Round(sent=2, failed=0, marked=3)
    assert [r.text for r in mailbox.received] == [body(2), body(2)]


def test_when_the_mail_server_refuses_a_digest_its_replies_stay_pending(team, mailbox, caplog):
    three_replies_in_two_cases()
    mailbox.refuse = {ADDRESSES["bob"]}
    assert notifications.run_round() == Round(sent=1, failed=1, marked=0)
    assert notified() == []  # bob was not told: told again next round (alice too, a duplicate)
    assert "1 digest(s) sent, 1 not sent (SMTPDataError)" in our_log(caplog)
    assert "@" not in our_log(caplog)
    mailbox.refuse = set()
    assert notifications.run_round() == Round(sent=2, failed=0, marked=3)
    assert len(mailbox.to(ADDRESSES["bob"])) == 1


def test_without_an_smtp_host_nothing_is_sent(team, mailbox, settings):
    three_replies_in_two_cases()
    settings.FAREWELL_SMTP_HOST = ""
    assert notifications.run_round() == Round(enabled=False)
    assert mailbox.received == [] and mailbox.connections == 0 and notified() == []
    out = StringIO()
    call_command("notify", stdout=out)
    assert out.getvalue() == "Notifications are off: FAREWELL_SMTP_HOST is not set.\n"


def test_no_email_is_ever_addressed_to_anyone_but_reviewers(team, mailbox):
    case = receive(story="Пишите мне: soldier@mail.ru, или на deserter@example.org.")
    message(case, K.REPLY, "Мой адрес: soldier@mail.ru")
    message(case, K.OBJECTION, "Cc: deserter@example.org")
    mailbox.refuse = {ADDRESSES["bob"]}
    notifications.run_round()  # partly refused
    mailbox.refuse = set()
    notifications.run_round()
    message(receive(), K.REPLY, "Bcc: relative@example.org")
    notifications.run_round()
    assert len(mailbox.received) == 5  # alice, then alice and bob twice
    for received in mailbox.received:
        assert len(received.rcpt_tos) == 1 and received.rcpt_tos[0] in ADDRESSES.values()
        recipients = [received.message[h] for h in ("To", "Cc", "Bcc") if received.message[h]]
        assert recipients == received.rcpt_tos
        for submitters in ("soldier@mail.ru", "deserter@example.org", "relative@example.org"):
            assert submitters not in received.raw.decode("utf-8", errors="replace")


def test_the_notify_command_runs_a_round_and_says_what_it_did(team, mailbox):
    three_replies_in_two_cases()
    out = StringIO()
    call_command("notify", stdout=out)
    assert out.getvalue() == "2 digest(s) sent; 3 repl(ies) or objection(s) counted.\n"
    message(receive(), K.REPLY, "ещё")
    mailbox.refuse = {"*"}
    with pytest.raises(CommandError, match="2 digest\\(s\\) could not be sent"):
        call_command("notify", stdout=StringIO())


# Addresses: encrypted at rest, set and cleared by `farewell reviewer email`.


def test_the_address_is_encrypted_at_rest(alice):
    do_set_email("alice", "alice.secret@team.example")
    alice.reviewer.refresh_from_db()
    assert "alice.secret" not in database_dump()
    assert notifications.open_address(bytes(alice.reviewer.email_sealed), alice.reviewer.pk) == (
        "alice.secret@team.example"
    )
    with pytest.raises(crypto.VaultError):  # bound to her row: not movable to another reviewer
        notifications.open_address(bytes(alice.reviewer.email_sealed), alice.reviewer.pk + 1)


def test_the_reviewer_command_sets_lists_and_clears_an_address(alice, carol):
    out = StringIO()
    call_command("reviewer", "email", "alice", "  alice@team.example ", stdout=out)
    assert "alice gets a notification digest" in out.getvalue() and "@" not in out.getvalue()
    alice.reviewer.refresh_from_db()
    assert notifications.open_address(bytes(alice.reviewer.email_sealed), alice.reviewer.pk) == "alice@team.example"
    listing = StringIO()
    call_command("reviewer", "list", stdout=listing)
    assert listing.getvalue().splitlines() == ["alice\tactive\t1 keys\temail", "carol\tactive\t0 keys\tno email"]
    call_command("reviewer", "email", "alice", "--clear", stdout=StringIO())
    alice.reviewer.refresh_from_db()
    assert alice.reviewer.email_sealed is None


@pytest.mark.parametrize(
    "arguments, error",
    [
        (["email", "alice", "not an address"], "not a valid email address"),
        (["email", "alice", "a@team.example\nBcc: x@evil.example"], "not a valid email address"),
        (["email", "alice"], "either an address or --clear"),
        (["email", "alice", "a@team.example", "--clear"], "either an address or --clear"),
        (["email", "nobody", "a@team.example"], "No reviewer named 'nobody'"),
        (["email"], "Name the reviewer"),
        (["disable", "alice", "a@team.example"], "takes a name only"),
    ],
)
def test_the_reviewer_command_refuses_what_it_cannot_use(alice, arguments, error):
    with pytest.raises(CommandError, match=error):
        call_command("reviewer", *arguments, stdout=StringIO())
    alice.reviewer.refresh_from_db()
    assert alice.reviewer.email_sealed is None and alice.reviewer.status == Reviewer.Status.ACTIVE


# Several workers, and the worker's schedule.


@pytest.mark.django_db(transaction=True)
def test_two_rounds_at_once_send_each_digest_once(team, mailbox):
    """The second round starts while the first is sending: it waits for the first to mark, then
    finds nothing left to count."""
    three_replies_in_two_cases()
    second: list = []

    def other_worker():
        try:
            second.append(notifications.run_round())
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)

    async def start_the_other_worker_first():
        if thread.ident is not None:
            return
        thread.start()
        deadline = time.monotonic() + 10
        while mailbox.connections < 2 and time.monotonic() < deadline:  # it connected: it saw news
            await asyncio.sleep(0.05)

    mailbox.on_data = start_the_other_worker_first
    assert notifications.run_round() == Round(sent=2, failed=0, marked=3)
    thread.join(30)
    assert mailbox.connections == 2, "the other round did not overlap this one"
    assert second == [Round(sent=0, failed=0, marked=0)]
    assert sorted(r.rcpt_tos[0] for r in mailbox.received) == sorted(ADDRESSES.values())


@pytest.mark.django_db(transaction=True)
def test_the_workers_round_sends_and_retries(team, mailbox):
    three_replies_in_two_cases()
    mailbox.refuse = {"*"}
    assert worker.notify_once() == Round(sent=0, failed=2, marked=0)
    mailbox.refuse = set()
    assert worker.notify_once() == Round(sent=2, failed=0, marked=3)


@pytest.mark.parametrize(
    "minutes, now, wait",
    [
        (60, 5 * 3600 + 10, 3590),  # on the hour
        (60, 5 * 3600, 3600),  # just served
        (60, 6 * 3600 - 0.5, 3600.5),  # woke a moment early: the slot was just served
        (60, 6 * 3600 - 30, 30),
        (1440, 86400 * 3 + 3600, 82800),  # daily, at midnight UTC
    ],
)
def test_rounds_fall_on_the_same_wall_clock_slots_for_every_worker(settings, minutes, now, wait):
    settings.FAREWELL_NOTIFY_EVERY_MINUTES = minutes
    assert notifications.seconds_to_next_round(now) == pytest.approx(wait)


@pytest.mark.parametrize(
    "environment, complaint",
    [
        ({"FAREWELL_SMTP_HOST": "smtp.example.org"}, "FAREWELL_NOTIFY_FROM"),
        ({"FAREWELL_SMTP_SECURITY": "tls"}, "FAREWELL_SMTP_SECURITY must be starttls, ssl or none"),
        ({"FAREWELL_NOTIFY_LANGUAGE": "de"}, "FAREWELL_NOTIFY_LANGUAGE must be ru, en or fr"),
    ],
)
def test_unusable_mail_settings_stop_the_program(tmp_path, environment, complaint):
    result = run_farewell(tmp_path, "notify", extra=environment, timeout=60)
    assert result.returncode != 0
    assert "configuration error" in result.stderr and complaint in result.stderr
