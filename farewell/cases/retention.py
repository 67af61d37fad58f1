"""Retention: erasing the originals of closed cases once they are no longer needed.

Erasing destroys each item's wrapped data keys first (overwriting does not reliably erase on
SSDs, and copies may exist elsewhere: without the keys they are noise), then the ciphertext.
The published snapshot in the archive is a separate copy and stays.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from farewell.audit.chain import record
from farewell.cases.models import Case, CaseAccount, CleanedFile, Message, Preview, Rendition, Verification
from farewell.jobs import verifying
from farewell.jobs.models import Job
from farewell.review.models import FileDecision
from farewell.vault import storage
from farewell.vault.models import StoredFile
from farewell.vault.store import destroy


def due(today: datetime.date | None = None):
    """Cases whose originals the retention policy says to erase now."""
    today = today or datetime.date.today()
    cutoff = today - datetime.timedelta(days=settings.FAREWELL_RETENTION_DAYS)
    return Case.objects.filter(
        status__in=(Case.Status.PUBLISHED, Case.Status.REJECTED, Case.Status.WITHDRAWN),
        closed_on__lte=cutoff,
        legal_hold=False,
        purged_on__isnull=True,
    )


def erase_originals(case_id: int, *, actor=None) -> None:
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.legal_hold or case.purged_on:
            return
        items = [case.story, case.publication_title, case.decision_reason]
        items += [redaction.replacement for redaction in case.redactions.select_related("replacement")]
        for item in filter(None, items):
            destroy(item)
        attachments = list(case.attachments.select_related("stored__metadata"))
        files = [attachment.stored for attachment in attachments]
        for stored in files:
            destroy(stored)
        # Derivatives are not published copies (the archive keeps its own): they go too.
        for cleaned in CleanedFile.objects.filter(attachment__in=attachments).select_related("stored__metadata"):
            items += [cleaned.report, cleaned.stored]
            destroy(cleaned.report)
            if cleaned.stored is not None:
                destroy(cleaned.stored)
        for rendition in Rendition.objects.filter(attachment__in=attachments).select_related("stored__metadata"):
            items.append(rendition.stored)
            destroy(rendition.stored)
        for decision in FileDecision.objects.filter(attachment__in=attachments).select_related(
            "transcript", "treatment"
        ):
            for item in filter(None, (decision.transcript, decision.treatment)):
                items.append(item)
                destroy(item)
        items += _erase_accounts(case)
        items += _erase_conversation(case)
        Job.objects.filter(Q(attachment__in=attachments) | Q(case=case)).exclude(state__in=Job.FINISHED).update(
            state=Job.State.CANCELLED, error="erased", worker="", lease_until=None
        )
        case.purged_on = datetime.date.today()
        case.save(update_fields=["purged_on"])
        record("originals_erased", actor=actor, case=case, items=len([i for i in items if i]), files=len(files))


def _erase_accounts(case: Case) -> list:
    """The case's other accounts, their uploaded originals and the verification report; the
    duplicate index forgets the case once this commits."""
    erased = []
    for account in CaseAccount.objects.filter(case=case).select_related("text", "details", "original__metadata"):
        erased += [item for item in (account.text, account.details, account.original) if item is not None]
    verification = Verification.objects.filter(case=case).select_related("report").first()
    if verification is not None:
        erased.append(verification.report)
    for item in erased:
        destroy(item)
    transaction.on_commit(lambda: verifying.forget(case))
    return erased


def _erase_conversation(case: Case) -> list:
    """Questions, answers, notes, objections and the preview: as much the submitter's as the story."""
    erased = [message.body for message in Message.objects.filter(case=case).select_related("body")]
    preview = Preview.objects.filter(case=case).select_related("content").first()
    if preview is not None:
        erased.append(preview.content)
    for item in erased:
        destroy(item)
    return erased


def sweep_orphans() -> tuple[int, int]:
    """Abandoned uploads in incoming/, and store files no database row knows (a crash between
    filing and commit). Returns (incoming, store) counts removed."""
    incoming = storage.sweep_incoming()
    known = {item.hex for item in StoredFile.objects.values_list("id", flat=True)}
    orphans = 0
    for path in storage.root("store").glob("*/*"):
        if path.name not in known and path.stat().st_mtime < datetime.datetime.now().timestamp() - 86400:
            path.unlink(missing_ok=True)
            orphans += 1
    return incoming, orphans
