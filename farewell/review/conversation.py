"""The reviewers' side of a case's conversation: questions to the submitter, internal notes, and
reading what he sent. One transaction each with its audit row (review/actions.py).

A question is sealed to the case's channel, the worker and the submitter's key (he reads it in his
inbox); a note to the channel and the worker only: no key he holds opens it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from farewell.audit.chain import record
from farewell.cases.models import Case, Message
from farewell.intake.inbox import MAX_MESSAGE_CHARS, normalized, seal_message
from farewell.review import workflow
from farewell.review.actions import Desk, NotAllowed, _locked, _move, _transition
from farewell.vault import crypto


def _text(text: str) -> str:
    text = normalized(text)
    if not text:
        raise NotAllowed(_("Write the message before sending it."))
    if len(text) > MAX_MESSAGE_CHARS:
        raise NotAllowed(_("The message is too long (at most %(count)d characters).") % {"count": MAX_MESSAGE_CHARS})
    return text


def do_ask(case_id: int, desk: Desk, text: str) -> Message:
    """A question the submitter reads after signing in; the case waits for him."""
    text = _text(text)
    with transaction.atomic():
        case = _locked(case_id)
        transition = _transition(case, "ask", desk)
        desk.channel_key(case.story)  # only a reader of the case may write to its author
        if case.submitter_public_key is None:
            raise NotAllowed(
                _(
                    "The submitter has not signed in since questions became possible: his key does not "
                    "exist yet. Ask again after he returns."
                )
            )
        message = Message.objects.create(
            case=case,
            kind=Message.Kind.QUESTION,
            author=desk.reviewer,
            body=seal_message(case, text, for_submitter=True),
        )
        _move(case, transition.target, "question_asked", desk, message=message.pk)
        return message


def do_note(case_id: int, desk: Desk, text: str) -> Message:
    """An internal note: for the case's reviewers only, in any state short of erasure."""
    text = _text(text)
    with transaction.atomic():
        case = _locked(case_id)
        desk.channel_key(case.story)
        if case.purged_on:
            raise NotAllowed(_("The originals of this case were already erased."))
        body = seal_message(case, text, for_submitter=False)
        message = Message.objects.create(case=case, kind=Message.Kind.NOTE, author=desk.reviewer, body=body)
        record("note_added", actor=desk.reviewer, case=case, message=message.pk)
        return message


def do_resume(case_id: int, desk: Desk) -> None:
    """Stop waiting for the submitter (back to review, approved once if an approval stands)."""
    with transaction.atomic():
        case = _locked(case_id)
        _transition(case, "resume", desk)
        _move(case, workflow.back_to_review(case.approvals.exists()), "resume", desk)


def messages_of(case: Case, desk: Desk) -> list[dict]:
    """The whole conversation with the notes, oldest first, opened with the reviewer's key."""
    entries = []
    for message in case.messages.select_related("body", "author").prefetch_related("attachments"):
        try:
            text = desk.open(message.body)
        except crypto.VaultError:
            text = None  # erased with the originals (retention)
        entries.append(
            {
                "message": message,
                "about": _about(case, message.part),
                "text": text,
                "from_submitter": message.kind in Message.FROM_SUBMITTER,
                "files": [a.position for a in message.attachments.all()],
            }
        )
    return entries


def _about(case: Case, part: str) -> str:
    """What an objection is about, in words: the title, the text, or file #n."""
    if part == "title":
        return _("the title")
    if part == "text":
        return _("the text")
    kind, _sep, attachment_id = part.partition(":")
    if kind == "file" and attachment_id.isdigit():
        position = case.attachments.filter(pk=int(attachment_id)).values_list("position", flat=True).first()
        if position is not None:
            return _("file #%(number)d") % {"number": position + 1}
    return part
