"""The cleaning job: an attachment decrypted into the sandbox's private directory, cleaned
there by a keyless child, and the derivative encrypted into the store — or the refusal kept.

The plaintext exists only inside the scratch directory (0700, removed afterwards; swept at
worker start if a killed worker left one). Nothing in the database says more than a code.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict

from django.db import transaction

from farewell.anonymize.media import sandbox
from farewell.anonymize.media.formats import EXTENSIONS
from farewell.cases.models import Attachment, CleanedFile
from farewell.jobs import queue
from farewell.jobs.models import Job
from farewell.vault.store import destroy, read_file_for_worker, seal_like, store_file
from farewell.vault.uploads import encrypt_local_file

REPORT = "file.cleaning_report"
VOICE = "keep"  # reviewers hear the original voice in the derivative; publishing it is decided later


def run(job: Job, context, heartbeat) -> None:
    attachment = Attachment.objects.select_related("stored").get(pk=job.attachment_id)
    if attachment.stored.destroyed:
        queue.cancel(job, "erased")
        return
    key = context.keyring.key_for(attachment.stored)
    with sandbox.scratch(context.scratch_dir) as work:
        decrypt_into(work.input, read_file_for_worker(attachment.stored, key), heartbeat)
        report = sandbox.run_child(
            work, "clean", VOICE, limits=context.limits, progress=heartbeat, tick_seconds=heartbeat.every
        )
        derivative = None
        if report.refused is None:
            name = f"cleaned-{attachment.position + 1}{EXTENSIONS.get(report.output_type, '')}"
            # Sealed to the original's own channel key pair: its channel's reviewers read it.
            derivative = encrypt_local_file(
                work.output, name=name, content_type=report.output_type, chunk_done=heartbeat, like=attachment.stored
            )
    try:
        with transaction.atomic():
            queue.owned(job)
            _record(attachment, report, derivative)
            if derivative is not None:  # previews for the case page, and what would be published
                queue.request(Job.Kind.RENDER, attachment)
            queue.finish(job, Job.State.REFUSED if report.refused else Job.State.DONE, report.refused or "")
    except BaseException:
        if derivative is not None:
            derivative.discard()
        raise


def decrypt_into(path, chunks, heartbeat) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
            heartbeat()


def _record(attachment: Attachment, report, derivative) -> None:
    sealed = seal_like(attachment.stored, REPORT, json.dumps(asdict(report)).encode())
    previous = CleanedFile.objects.filter(attachment=attachment).select_related("stored", "report").first()
    stored = store_file(derivative) if derivative is not None else None
    CleanedFile.objects.update_or_create(
        attachment=attachment, defaults={"stored": stored, "report": sealed, "refused": report.refused or ""}
    )
    if previous is not None:  # cleaned again: the older derivative and report are erased
        for item in (previous.stored, previous.report):
            if item is not None:
                destroy(item)
