"""The render job: what reviewers see of a cleaned file and what would be published of it,
made in the sandbox from the cleaned derivative as the reviewers decided (review.FileDecision).

Previews are always made (pictures with faces and boxes marked, document pages, a video's
contact sheet, a waveform). The parts to publish are made only for a file the reviewers chose to
publish: boxes burned, documents as page images, and of the voice only what the rules allow
(cases/consent.py). Everything is encrypted into the store like the originals. A job that finds
the decision changed while it worked throws its work away and runs again.
"""

from __future__ import annotations

import json

from django.db import transaction

from farewell.anonymize.media import sandbox
from farewell.cases import consent
from farewell.cases.models import Attachment, CleanedFile, Rendition
from farewell.jobs import queue
from farewell.jobs.cleaning import decrypt_into
from farewell.jobs.models import Job
from farewell.review.actions import publication_language
from farewell.review.models import FileDecision
from farewell.vault.store import destroy, open_with_worker_key, read_file_for_worker, store_file
from farewell.vault.uploads import encrypt_local_file

PURPOSES = (Rendition.Purpose.PREVIEW, Rendition.Purpose.PUBLISH)


def request(attachment: Attachment) -> None:
    """Call inside the transaction that changed what the render depends on."""
    queue.request(Job.Kind.RENDER, attachment)


def sound_for(decision: FileDecision, purpose: str) -> str:
    """What is heard: reviewers hear the voice as chosen; the public only what consent allows."""
    wanted = {FileDecision.Voice.ALTERED: "alter", FileDecision.Voice.ORIGINAL: "keep"}.get(decision.voice, "none")
    if purpose == Rendition.Purpose.PUBLISH and not consent.voice_consented(decision.attachment, decision.voice):
        return "none"
    return wanted


def params_for(decision: FileDecision, purpose: str, *, treatment: dict | None, faces: list) -> dict:
    return {
        "purpose": str(purpose),
        "boxes": decision.boxes,
        "sound": sound_for(decision, purpose),
        "treatment": treatment,
        "faces": faces,
    }


def run(job: Job, context, heartbeat) -> None:
    attachment = Attachment.objects.select_related("case").get(pk=job.attachment_id)
    cleaned = CleanedFile.objects.filter(attachment=attachment).select_related("stored", "report").first()
    if cleaned is None or not cleaned.publishable or cleaned.stored.destroyed:
        queue.cancel(job, "not_cleaned")
        return
    decision, _ = FileDecision.objects.get_or_create(attachment=attachment)
    key = context.keyring.key_for(cleaned.stored)
    report = json.loads(open_with_worker_key(cleaned.report, context.keyring.key_for(cleaned.report)))
    treatment = None
    if decision.treatment_id:
        treatment = json.loads(open_with_worker_key(decision.treatment, context.keyring.key_for(decision.treatment)))
    transcript = ""
    if decision.transcript_id:
        transcript = open_with_worker_key(decision.transcript, context.keyring.key_for(decision.transcript)).decode()
    purposes = PURPOSES if decision.publish else PURPOSES[:1]
    made: list[tuple[str, dict, object]] = []
    refused = ""
    try:
        with sandbox.scratch(context.scratch_dir) as work:
            decrypt_into(work.input, read_file_for_worker(cleaned.stored, key), heartbeat)
            for purpose in purposes:
                params = params_for(decision, purpose, treatment=treatment, faces=report.get("regions") or [])
                rendered = sandbox.run_render(
                    work, params, limits=context.limits, progress=heartbeat, tick_seconds=heartbeat.every
                )
                if rendered.refused:
                    refused = rendered.refused
                    break
                made += _encrypted(work.rendered, purpose, rendered.parts, heartbeat, attachment.stored)
            if transcript and decision.voice == FileDecision.Voice.SYNTHETIC and not refused:
                spoken = sandbox.run_speak(
                    work, transcript, publication_language(attachment.case), limits=context.limits,
                    progress=heartbeat, tick_seconds=heartbeat.every,
                )  # fmt: skip
                refused = spoken.refused or ""
                for purpose in purposes:  # reviewers hear what the public would
                    made += _encrypted(work.spoken, purpose, spoken.parts, heartbeat, attachment.stored)
        with transaction.atomic():
            queue.owned(job)
            current = FileDecision.objects.select_for_update().get(pk=decision.pk)
            if current.revision != decision.revision:
                queue.again(job)  # decided otherwise meanwhile: this work is already stale
                _discard(made)
                return
            if refused:  # nothing of a refused render is kept: its parts may be incomplete
                _discard(made)
                made = []
            _record(attachment, decision.revision, made)
            queue.finish(job, Job.State.REFUSED if refused else Job.State.DONE, refused)
    except BaseException:
        _discard(made)
        raise


def _encrypted(directory, purpose: str, parts: list[dict], heartbeat, like) -> list[tuple[str, dict, object]]:
    """The rendered parts, sealed to the key pair of the original (`like`): its channel's."""
    made = []
    for part in parts:
        name = part["name"]
        stored = encrypt_local_file(
            directory / name, name=name, content_type=part["type"], chunk_done=heartbeat, like=like
        )
        made.append((purpose, part, stored))
    return made


def _discard(made) -> None:
    for _purpose, _part, stored in made:
        stored.discard()


def _record(attachment: Attachment, revision: int, made) -> None:
    old = list(Rendition.objects.filter(attachment=attachment).select_related("stored"))
    Rendition.objects.filter(pk__in=[r.pk for r in old]).delete()
    for item in old:
        destroy(item.stored)
    positions: dict[str, int] = {}
    for purpose, part, received in made:
        position = positions[purpose] = positions.get(purpose, 0) + 1
        Rendition.objects.create(
            attachment=attachment,
            purpose=purpose,
            position=position,
            revision=revision,
            stored=store_file(received),
            content_type=part["type"],
            page=part.get("page"),
            faces=part.get("faces") or 0,
            boxes=part.get("boxes") or 0,
        )
