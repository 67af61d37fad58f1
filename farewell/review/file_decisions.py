"""What reviewers decide about each file of a case, and what of it an approval covers.

Each change is one transaction with its audit row, like the other actions (review/actions.py):
it voids approvals, bumps the decision's revision and asks the worker to render the file again
(jobs/rendering.py). An approval covers the exact parts that would be published (their SHA-256),
the transcript and the voice choice; a part made from an older decision is never published.
"""

from __future__ import annotations

import json
import math
import random

from django.db import transaction
from django.utils.translation import gettext as _

from farewell.audit.chain import record
from farewell.cases import consent
from farewell.cases.models import Attachment, Case, FileConsent, Rendition
from farewell.jobs import rendering
from farewell.jobs.models import Job
from farewell.review.actions import Desk, NotAllowed, _editable, _locked, _void_approvals
from farewell.review.models import FileDecision
from farewell.review.publication import printable
from farewell.vault.store import file_metadata, seal_like

TRANSCRIPT = "file.transcript"
TREATMENT = "file.voice_treatment"
MAX_BOXES = 200
MAX_TRANSCRIPT = 100_000


def decision_for(attachment: Attachment) -> FileDecision:
    return FileDecision.objects.get_or_create(attachment=attachment)[0]


def _changing(case_id: int, attachment_id: int, desk: Desk) -> tuple[Case, FileDecision]:
    case = _locked(case_id)
    _editable(case, desk)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None or attachment.stored.destroyed:
        raise NotAllowed(_("This file no longer exists."))
    decision = decision_for(attachment)
    return case, FileDecision.objects.select_for_update().get(pk=decision.pk)


def _changed(case: Case, decision: FileDecision, desk: Desk, action: str, **details) -> None:
    decision.revision += 1
    decision.save()
    _void_approvals(case, desk)
    rendering.request(decision.attachment)
    record(action, actor=desk.reviewer, case=case, file=decision.attachment_id, **details)


def do_set_file_choice(case_id: int, attachment_id: int, desk: Desk, *, publish: bool, voice: str) -> None:
    if voice not in FileDecision.Voice.values:
        raise NotAllowed(_("Unknown choice for the voice."))
    with transaction.atomic():
        case, decision = _changing(case_id, attachment_id, desk)
        if publish and not consent.allows_media(case):
            raise NotAllowed(_("The submitter did not consent to publishing files."))
        cleaned = getattr(decision.attachment, "cleaned", None)
        if publish and (cleaned is None or not cleaned.publishable):
            raise NotAllowed(_("Only a cleaned file can be published; this one is not cleaned (yet)."))
        if (decision.publish, decision.voice) == (publish, voice):
            return
        decision.publish, decision.voice = publish, voice
        if voice == FileDecision.Voice.ALTERED and decision.treatment_id is None:
            from farewell.anonymize.media import voice as voices

            # Drawn once per file, so every rendering of it sounds the same; sealed, since
            # knowing the parameters helps undo the alteration.
            treatment = voices.random_treatment(random.SystemRandom())
            decision.treatment = seal_like(case.story, TREATMENT, json.dumps(treatment).encode())
        _changed(case, decision, desk, "file_choice", publish=publish, voice=voice)


def do_set_transcript(case_id: int, attachment_id: int, desk: Desk, text: str) -> None:
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))
    if len(text) > MAX_TRANSCRIPT:
        raise NotAllowed(_("The transcript is too long (at most %(count)d characters).") % {"count": MAX_TRANSCRIPT})
    with transaction.atomic():
        case, decision = _changing(case_id, attachment_id, desk)
        if text == transcript_of(decision, desk):
            return
        replaced = decision.transcript
        decision.transcript = seal_like(case.story, TRANSCRIPT, text.encode()) if text else None
        _changed(case, decision, desk, "transcript_edited")
        if replaced is not None:
            replaced.delete()


def clean_box(page, x, y, w, h, start=None, end=None) -> dict:
    """A box in fractions of the picture (reviewers give percent); clamped to the picture."""
    values = [x, y, w, h]
    if any(v is None or not math.isfinite(v) for v in values):
        raise NotAllowed(_("Give the box's position and size."))
    x, y, w, h = (min(max(v / 100, 0.0), 1.0) for v in values)
    w, h = min(w, 1.0 - x), min(h, 1.0 - y)
    if w <= 0 or h <= 0:
        raise NotAllowed(_("The box is empty or outside the picture."))
    if page is not None and page < 1:
        raise NotAllowed(_("Pages are numbered from 1."))
    for moment in (start, end):
        if moment is not None and (not math.isfinite(moment) or moment < 0):
            raise NotAllowed(_("Times are seconds from the start."))
    if start is not None and end is not None and end <= start:
        raise NotAllowed(_("The box must end after it starts."))
    return {
        "page": page,
        "x": round(x, 5),
        "y": round(y, 5),
        "w": round(w, 5),
        "h": round(h, 5),
        "start": start,
        "end": end,
    }


def read_again(case: Case, language: str) -> None:
    """The publication language changed: synthetic readings are made again in the new one."""
    readings = FileDecision.objects.select_for_update().filter(
        attachment__case=case, voice=FileDecision.Voice.SYNTHETIC, transcript__isnull=False
    )
    for decision in readings:
        decision.revision += 1
        decision.save(update_fields=["revision"])
        rendering.request(decision.attachment)


def do_add_box(case_id: int, attachment_id: int, desk: Desk, box: dict) -> None:
    do_add_boxes(case_id, attachment_id, desk, [box])


def do_add_boxes(case_id: int, attachment_id: int, desk: Desk, boxes: list[dict]) -> None:
    with transaction.atomic():
        case, decision = _changing(case_id, attachment_id, desk)
        new = [box for box in boxes if box not in decision.boxes]
        if len(decision.boxes) + len(new) > MAX_BOXES:
            raise NotAllowed(_("A file can have at most %(count)d boxes.") % {"count": MAX_BOXES})
        if not new:
            return
        decision.boxes = [*decision.boxes, *new]
        _changed(case, decision, desk, "box_added", boxes=len(decision.boxes))


def boxes_of_found(found: list[dict], number: int | None) -> list[dict]:
    """Boxes over one finding of the text review on a document's pages (or over all of them)."""
    chosen = [item for item in found if number is None or item["number"] == number]
    if not chosen:
        raise NotAllowed(_("This finding no longer exists."))
    return [
        clean_box(item["page"], x * 100, y * 100, w * 100, h * 100) for item in chosen for x, y, w, h in item["boxes"]
    ]


def do_remove_box(case_id: int, attachment_id: int, desk: Desk, number: int) -> None:
    with transaction.atomic():
        case, decision = _changing(case_id, attachment_id, desk)
        if not 1 <= number <= len(decision.boxes):
            raise NotAllowed(_("This box no longer exists."))
        decision.boxes = [box for index, box in enumerate(decision.boxes, 1) if index != number]
        _changed(case, decision, desk, "box_removed", boxes=len(decision.boxes))


def transcript_of(decision: FileDecision | None, desk: Desk) -> str:
    return printable(desk.open(decision.transcript)) if decision is not None and decision.transcript_id else ""


def current_renditions(decision: FileDecision, purpose: str) -> list[Rendition] | None:
    """The renditions made from the decision as it stands; None while they are being made."""
    renditions = list(decision.attachment.renditions.filter(purpose=purpose).select_related("stored__metadata"))
    if any(r.revision != decision.revision for r in renditions):
        return None
    if not renditions:
        job = decision.attachment.jobs.filter(kind=Job.Kind.RENDER).first()
        if job is None or job.state != Job.State.DONE:
            return None
    return renditions


def chosen_files(case: Case) -> list[FileDecision]:
    """The files the reviewers chose to publish, within the case's consent and the submitter's
    choice for each file."""
    if not consent.allows_media(case):
        return []
    decisions = FileDecision.objects.filter(attachment__case=case, publish=True).select_related(
        "attachment__cleaned", "attachment__case", "attachment__consent"
    )
    return [
        d
        for d in decisions
        if getattr(d.attachment, "cleaned", None) is not None
        and d.attachment.cleaned.publishable
        and consent.file_choice(d.attachment) != FileConsent.Choice.NONE
    ]


def published_parts(decision: FileDecision) -> list[Rendition] | None:
    """The parts that would be published of a chosen file: none when the submitter allowed its
    transcript only; None while they are being made."""
    if consent.file_choice(decision.attachment) == FileConsent.Choice.TRANSCRIPT:
        return []
    return current_renditions(decision, Rendition.Purpose.PUBLISH)


def not_prepared(case: Case) -> bool:
    """Whether the render of a file chosen for publication was refused or failed for good."""
    chosen = [decision.attachment_id for decision in chosen_files(case)]
    return Job.objects.filter(
        attachment_id__in=chosen, kind=Job.Kind.RENDER, state__in=(Job.State.REFUSED, Job.State.FAILED)
    ).exists()


def publication_content(case: Case, desk: Desk) -> list[dict]:
    """What an approval covers of the files: per chosen file, the voice choice, the transcript and
    the SHA-256 of every part (None while they are being made: such content cannot be approved)."""
    content = []
    for decision in chosen_files(case):
        parts = published_parts(decision)
        content.append(
            {
                "file": decision.attachment_id,
                "voice": decision.voice,
                # The submitter's consent for the file as it stands (an approval covers it too).
                "consent": [
                    consent.file_choice(decision.attachment),
                    *(consent.voice_consented(decision.attachment, voice) for voice in consent.VOICE_FIELDS),
                ],
                "transcript": transcript_of(decision, desk),
                "parts": None
                if parts is None
                else [[r.content_type, file_metadata(r.stored, desk.channel_key(r.stored)).sha256] for r in parts],
            }
        )
    return content
