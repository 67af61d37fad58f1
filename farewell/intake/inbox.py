"""What a returning submitter does in his inbox: one transaction each, audited as the submitter
with the day only (audit/chain.py).

He reads what is wrapped to his key (questions, his replies and objections, the preview of what
would be published) with the private key his session holds (intake/returning.py); he writes with
public keys only, like the intake: replies are sealed to his case's channel, the worker and
himself. Nothing here can read the story or anything else meant for reviewers.
"""

from __future__ import annotations

import datetime
import json

from django.db import transaction
from django.utils.translation import gettext as _

from farewell.archive.unpublish import unpublish
from farewell.audit.chain import SUBMITTER, record
from farewell.cases import consent
from farewell.cases.models import Attachment, Case, FileConsent, Message, Preview
from farewell.jobs import queue as jobs
from farewell.jobs import rendering
from farewell.jobs.models import Job
from farewell.review import workflow
from farewell.review.actions import drop_approvals
from farewell.review.models import FileDecision
from farewell.vault import crypto
from farewell.vault.store import file_metadata_for_submitter, open_with_submitter_key, seal_like, store_file

MESSAGE = "case.message"
MAX_MESSAGE_CHARS = 20_000
S = Case.Status
# Closed for good, or gone: nothing he sends is accepted any more (withdrawal aside).
FINISHED = frozenset({S.WITHDRAWN})


class Refused(Exception):
    """The action is not possible now; the message says why, in the submitter's language."""


def _locked(case_id: int) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("story__channel").get(pk=case_id)


def _open(case: Case) -> None:
    if case.status in FINISHED or case.purged_on:
        raise Refused(_("Your testimony was withdrawn: nothing more can be sent for it."))


def _submitter_key(case: Case) -> bytes:
    if case.submitter_public_key is None:
        raise Refused(_("Sign in again with your codename."))
    return bytes(case.submitter_public_key)


def seal_message(case: Case, text: str, *, for_submitter: bool):
    return seal_like(
        case.story, MESSAGE, text.encode("utf-8"), submitter=_submitter_key(case) if for_submitter else None
    )


def conversation(case: Case, private_key: bytes) -> list[dict]:
    """The questions and his answers, oldest first, opened with his key."""
    entries = []
    for message in case.messages.filter(kind__in=Message.SUBMITTER_READS).select_related("body"):
        try:
            text = open_with_submitter_key(message.body, private_key).decode("utf-8")
        except crypto.VaultError:
            text = None  # erased (retention), or written before he had a key
        entries.append(
            {
                "kind": message.kind,
                "mine": message.kind in Message.FROM_SUBMITTER,
                "text": text,
                "sent_on": message.sent_on,
                "part": message.part,
                "files": message.attachments.count(),
            }
        )
    return entries


def normalized(text: str) -> str:
    """A message as stored: Unix line ends, no trailing spaces, no blank edges."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def _clean_text(text: str) -> str:
    text = normalized(text)
    if len(text) > MAX_MESSAGE_CHARS:
        raise Refused(
            _("Your message is longer than %(limit)d characters. Shorten it or send it in two parts.")
            % {"limit": MAX_MESSAGE_CHARS}
        )
    return text


def _back_to_review(case: Case, action: str, **details) -> None:
    """His answer or objection resumes a case that waited for him."""
    before = case.status
    if case.status == S.AWAITING_SUBMITTER:
        case.status = workflow.back_to_review(case.approvals.exists())
    case.save()
    record(action, actor=SUBMITTER, case=case, **{"from": before, "to": case.status, **details})


def do_reply(case_id: int, text: str, files=()) -> Message:
    """An answer, with files if he adds some (already encrypted by the upload handler; each gets
    its cleaning job in this transaction, like the testimony's)."""
    text = _clean_text(text)
    if not text and not files:
        raise Refused(_("Write an answer or add a file before sending."))
    with transaction.atomic():
        case = _locked(case_id)
        _open(case)
        message = Message.objects.create(
            case=case, kind=Message.Kind.REPLY, body=seal_message(case, text, for_submitter=True)
        )
        position = (case.attachments.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        for offset, received in enumerate(files):
            attachment = Attachment.objects.create(
                case=case,
                stored=store_file(received, submitter=_submitter_key(case)),
                position=position + offset,
                message=message,
            )
            jobs.enqueue(Job.Kind.CLEAN, attachment)
        _back_to_review(case, "submitter_replied", message=message.pk, files=len(files))
        return message


def preview_for(case: Case, private_key: bytes) -> dict | None:
    """What would be published, as the first approval saw it (review/preview.py), or None."""
    preview = Preview.objects.filter(case=case).select_related("content").first()
    if preview is None or case.status != S.APPROVED_ONCE:
        return None
    try:
        return json.loads(open_with_submitter_key(preview.content, private_key))
    except crypto.VaultError:
        return None


def objection_parts(preview: dict) -> list[tuple[str, str]]:
    """What he can object to: the title, the text, each file (values for Message.part)."""
    parts = [("title", _("The title")), ("text", _("The text"))]
    for number, entry in enumerate(preview.get("files", []), 1):
        parts.append((f"file:{entry['file']}", _("File %(number)d") % {"number": number}))
    return parts


def do_object(case_id: int, part: str, comment: str) -> Message:
    """An objection to part of the preview: the case goes back to review and every approval is void."""
    comment = _clean_text(comment)
    if not comment:
        raise Refused(_("Say what is wrong, so that the reviewers can fix it."))
    with transaction.atomic():
        case = _locked(case_id)
        _open(case)
        if case.status != S.APPROVED_ONCE or not Preview.objects.filter(case=case).exists():
            raise Refused(_("There is nothing to object to now: no version is waiting for publication."))
        message = Message.objects.create(
            case=case, kind=Message.Kind.OBJECTION, part=part[:32], body=seal_message(case, comment, for_submitter=True)
        )
        _void(case)
        before, case.status = case.status, S.IN_REVIEW
        case.save()
        record("submitter_objected", actor=SUBMITTER, case=case, part=part[:32], **{"from": before, "to": case.status})
        return message


def _void(case: Case) -> None:
    """Approvals go, and the preview with them (the next first approval makes a new one)."""
    voided = case.approvals.count()
    drop_approvals(case)
    if voided:
        record("approvals_voided", actor=SUBMITTER, case=case, count=voided)
    if case.status == S.APPROVED_ONCE:
        case.status = S.IN_REVIEW


def _changeable(case: Case) -> None:
    _open(case)
    if case.status in Case.CLOSED:
        raise Refused(
            _("Your testimony has been decided on, so its consent can no longer be changed. You can still withdraw it.")
        )


def do_set_consent(case_id: int, choice: str) -> None:
    """The case-level choice (the ceiling for every file); a change voids approvals."""
    if choice not in Case.Consent.values:
        raise Refused(_("Please choose whether your testimony may be published."))
    with transaction.atomic():
        case = _locked(case_id)
        _changeable(case)
        if case.consent == choice:
            return
        before, case.consent = case.consent, choice
        _void(case)
        for decision in FileDecision.objects.select_for_update().filter(attachment__case=case):
            _render_again(decision)  # what may be heard depends on the ceiling too
        case.save()
        record("consent_changed", actor=SUBMITTER, case=case, consent=choice, before=before)


def do_set_file_consent(case_id: int, attachment_id: int, *, choice: str, altered: bool, original: bool) -> None:
    """His choice for one file, within the case-level one. It voids the approvals it affects:
    those of a case whose reviewers chose to publish this file."""
    if choice not in FileConsent.Choice.values:
        raise Refused(_("Please choose what may be published of this file."))
    with transaction.atomic():
        case = _locked(case_id)
        _changeable(case)
        attachment = case.attachments.filter(pk=attachment_id).select_related("case").first()
        if attachment is None or attachment.stored.destroyed:
            raise Refused(_("This file no longer exists."))
        if not consent.allows_media(case):
            raise Refused(
                _("You chose to publish no files. To publish this one, first allow files for the whole testimony.")
            )
        if choice != FileConsent.Choice.CLEANED:
            altered = original = False  # a voice is heard only from the cleaned file
        wanted = {"choice": choice, "altered_voice": altered, "original_voice": original}
        current = consent.file_consent(attachment)
        effective = {
            "choice": consent.file_choice(attachment),
            "altered_voice": bool(current and current.altered_voice),
            "original_voice": bool(current and current.original_voice),
        }
        FileConsent.objects.update_or_create(attachment=attachment, defaults=wanted)
        if effective == wanted:
            return  # saved as it was: nothing published changes, no approval is affected
        decision = FileDecision.objects.select_for_update().filter(attachment=attachment).first()
        if decision is not None and decision.publish:
            _void(case)
            if (effective["altered_voice"], effective["original_voice"]) != (altered, original):
                _render_again(decision)  # what may be heard of it changed
        case.save()
        record("file_consent_changed", actor=SUBMITTER, case=case, file=attachment.pk, **wanted)


def _render_again(decision: FileDecision) -> None:
    """What is published of a file depends on its consent: a new revision, rendered again."""
    decision.revision += 1
    decision.save(update_fields=["revision"])
    rendering.request(decision.attachment)


def do_withdraw(case_id: int) -> None:
    """Withdrawal: out of the archive at once, out of review for good. A legal hold stays (it
    outlives withdrawal); otherwise the originals are erased when the retention period ends,
    counted from today (cases/retention.py)."""
    with transaction.atomic():
        case = _locked(case_id)
        if case.status == S.WITHDRAWN:
            return
        before = case.status
        testimony = case.testimony
        removed = unpublish(testimony) if testimony is not None else 0
        _void(case)
        case.status, case.testimony = S.WITHDRAWN, None
        case.closed_on = datetime.date.today()
        case.save()
        record(
            "withdrawn",
            actor=SUBMITTER,
            case=case,
            unpublished=testimony is not None,
            parts=removed,
            **{"from": before, "to": S.WITHDRAWN},
        )


def files_for_consent(case: Case, private_key: bytes) -> list[dict]:
    """His files in the order he sent them, with his choice for each, and their names and types
    where he can read them (files sent before submitter keys existed show a number only)."""
    entries = []
    for number, attachment in enumerate(
        case.attachments.select_related("stored", "consent", "case", "cleaned").order_by("position"), 1
    ):
        chosen = consent.file_consent(attachment)
        cleaned = getattr(attachment, "cleaned", None)
        entries.append(
            {
                "attachment": attachment,
                "number": number,
                "metadata": file_metadata_for_submitter(attachment.stored, private_key),
                "choice": consent.file_choice(attachment),
                "altered": bool(chosen and chosen.altered_voice),
                "original": bool(chosen and chosen.original_voice),
                "refused": cleaned is not None and not cleaned.publishable,
                "erased": attachment.stored.destroyed,
            }
        )
    return entries
