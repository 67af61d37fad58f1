"""Reviewers' notification digest: "N cases have new replies" and a link, never anything else.

An email per reply would tell the mailbox's provider (and whoever reads it) when a submitter was
active; a digest sent at fixed wall-clock slots says only that something arrived since the last
slot. Nothing in it comes from a case: no id, no text, no channel name. Submitters are never
emailed: they have no address, and nothing a submitter writes is ever read as one.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from farewell.accounts.models import Reviewer
from farewell.audit.chain import record
from farewell.cases.models import Message
from farewell.vault import crypto, server_keys

logger = logging.getLogger("farewell.notifications")

SMTP_TIMEOUT_SECONDS = 10  # per command; on SQLite, rounds hold the write lock while sending


# Addresses, encrypted at rest like the TOTP secret: a dump must not list the team's mailboxes.


def seal_address(address: str, reviewer_id: int) -> bytes:
    return crypto.encrypt(address.encode(), server_keys.subkey(server_keys.REVIEWER_EMAIL), f"email:{reviewer_id}")


def open_address(sealed: bytes, reviewer_id: int) -> str:
    return crypto.decrypt(sealed, server_keys.subkey(server_keys.REVIEWER_EMAIL), f"email:{reviewer_id}").decode()


def do_set_email(name: str, address: str | None) -> Reviewer:
    """Sets where a reviewer's digest goes, or with None removes it. The audit row says which,
    never the address. Raises ValidationError for an invalid address, DoesNotExist for a name."""
    if address is not None:
        address = address.strip()
        validate_email(address)  # also refuses line breaks, so no header can be injected
    with transaction.atomic():
        reviewer = Reviewer.objects.select_for_update().get(name=name)
        reviewer.email_sealed = None if address is None else seal_address(address, reviewer.pk)
        reviewer.save(update_fields=["email_sealed"])
        record("reviewer_email_set" if address else "reviewer_email_cleared", actor=None, reviewer=reviewer.pk)
    return reviewer


# Sending.


class SmtpBackend(EmailBackend):
    """Django's SMTP backend, greeting the server (EHLO) with the sender's domain instead of this
    machine's name, which the relay would otherwise write into a Received header."""

    def __init__(self, *, helo_name: str, **kwargs):
        super().__init__(**kwargs)
        self.helo_name = helo_name

    @property
    def connection_class(self):
        smtp, helo_name = super().connection_class, self.helo_name

        def connect(host, port, **params):
            return smtp(host, port, **(params | {"local_hostname": helo_name}))

        return connect


def enabled() -> bool:
    return bool(settings.FAREWELL_SMTP_HOST)


def sender_domain() -> str:
    return parseaddr(settings.FAREWELL_NOTIFY_FROM)[1].rpartition("@")[2]


def backend() -> SmtpBackend:
    security = settings.FAREWELL_SMTP_SECURITY
    return SmtpBackend(
        helo_name=sender_domain(),
        host=settings.FAREWELL_SMTP_HOST,
        port=settings.FAREWELL_SMTP_PORT,
        username=settings.FAREWELL_SMTP_USER,
        password=settings.FAREWELL_SMTP_PASSWORD,
        use_tls=security == "starttls",
        use_ssl=security == "ssl",
        timeout=SMTP_TIMEOUT_SECONDS,
    )


@dataclass(frozen=True)
class Digest:
    reviewer_id: int
    address: str
    cases: frozenset[int]
    keys: frozenset[int]  # the channel key pairs the reviewer holds


@dataclass(frozen=True)
class Round:
    enabled: bool = True
    sent: int = 0  # digests
    failed: int = 0  # digests not sent, retried next round
    marked: int = 0  # replies and objections now counted


def pending():
    """Replies and objections no digest has counted yet."""
    return Message.objects.filter(kind__in=Message.FROM_SUBMITTER, notified=False)


def rows(messages) -> list[tuple[int, int, int]]:
    """(message, case, channel key pair) for each message: the key its case is sealed to."""
    return list(messages.values_list("pk", "case_id", "case__story__channel_id"))


def digests(pending_rows: Iterable[tuple[int, int, int]]) -> list[Digest]:
    """One digest per active reviewer with an address who holds the key of a case with news."""
    cases_by_key: dict[int, set[int]] = defaultdict(set)
    for _message, case_id, key_id in pending_rows:
        cases_by_key[key_id].add(case_id)
    if not cases_by_key:
        return []
    due = []
    reviewers = Reviewer.objects.filter(status=Reviewer.Status.ACTIVE, email_sealed__isnull=False)
    for reviewer in reviewers.prefetch_related("grants").order_by("pk"):
        keys = frozenset(grant.key_pair_id for grant in reviewer.grants.all())
        cases = frozenset(case for key in keys for case in cases_by_key.get(key, ()))
        if not cases:
            continue
        try:
            address = open_address(bytes(reviewer.email_sealed), reviewer.pk)
        except (crypto.VaultError, server_keys.AuditKeyMissing):
            logger.warning("notifications: a reviewer's address cannot be decrypted (was FAREWELL_AUDIT_KEY changed?)")
            continue
        due.append(Digest(reviewer.pk, address, cases, keys))
    return due


def message_id() -> str:
    """Random, at the sender's domain: Python's make_msgid would name this machine and its pid."""
    return f"<{secrets.token_hex(16)}@{sender_domain()}>"


def email(digest: Digest) -> EmailMessage:
    count = len(digest.cases)
    with translation.override(settings.FAREWELL_NOTIFY_LANGUAGE):
        subject = ngettext("%(count)d case has new replies", "%(count)d cases have new replies", count) % {
            "count": count
        }
        body = [
            subject,
            _("Sign in to read them: %(url)s") % {"url": settings.FAREWELL_REVIEW_URL},
            _("This email says nothing more, on purpose: what submitters write never leaves the server."),
        ]
    # One recipient per email: reviewers never see each other's addresses.
    return EmailMessage(
        subject,
        "\n\n".join(body) + "\n",
        settings.FAREWELL_NOTIFY_FROM,
        [digest.address],
        headers={"Message-ID": message_id()},
    )


def run_round() -> Round:
    """Sends each due reviewer his digest, then marks what it counted.

    Several workers may run a round at the same slot: the pending messages are locked
    (SELECT … FOR UPDATE; on SQLite the transaction holds the write lock) from before the first
    email until they are marked, so a second round waits and then finds nothing to count. The
    connection to the mail server is opened before the lock is taken, so an unreachable server
    never holds it. A message is marked only when every digest that counted it was sent: after a
    failure its reviewers are told again next round (a reviewer whose digest went out may get a
    second one). Residual risk: the server accepts a digest and the commit then fails (a crash,
    a lost database connection): that digest is sent again next round. Digests are duplicated,
    never lost.
    """
    if not enabled():
        return Round(enabled=False)
    due = digests(rows(pending()))
    if not due:
        return Round()  # nothing to say: no connection to the mail server at all
    connection = backend()
    try:
        connection.open()
    except OSError as error:  # smtplib's errors are OSErrors too
        logger.warning("notifications: the mail server cannot be used (%s); retried next round", type(error).__name__)
        return Round(failed=len(due))
    try:
        with transaction.atomic():
            locked = rows(pending().select_for_update(of=("self",)))
            sent, failed, errors = set(), set(), set()
            for digest in digests(locked):
                try:
                    delivered = connection.send_messages([email(digest)])
                except OSError as error:
                    errors.add(type(error).__name__)
                    delivered = 0
                (sent if delivered else failed).add(digest)
            sent_keys = {key for digest in sent for key in digest.keys}
            failed_keys = {key for digest in failed for key in digest.keys}
            marked = [pk for pk, _case, key in locked if key in sent_keys and key not in failed_keys]
            Message.objects.filter(pk__in=marked).update(notified=True)
    finally:
        connection.close()
    if failed:
        # No address, no count of cases: the error's kind is all an operator needs here.
        logger.warning(
            "notifications: %d digest(s) sent, %d not sent (%s); retried next round",
            len(sent),
            len(failed),
            ", ".join(sorted(errors)) or "refused",
        )
    elif sent:
        logger.info("notifications: %d digest(s) sent", len(sent))
    return Round(sent=len(sent), failed=len(failed), marked=len(marked))


def seconds_to_next_round(now: float | None = None) -> float:
    """Rounds fall on fixed wall-clock slots (multiples of FAREWELL_NOTIFY_EVERY_MINUTES since
    the Unix epoch: on the hour with the default), the same for every worker and across restarts,
    so that more workers make digests neither more frequent nor their times more telling. Just
    after a slot (a wake-up a moment early), the next slot is meant."""
    every = settings.FAREWELL_NOTIFY_EVERY_MINUTES * 60
    now = time.time() if now is None else now
    wait = every - now % every
    return wait if wait > 1 else wait + every
