"""What the case page shows of each file: the original, its cleaning job, and the derivative
(or why there is none — a file that cannot be cleaned can never be published)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from farewell.cases import consent
from farewell.cases.models import Attachment, Case, CleanedFile, Rendition
from farewell.jobs.models import Job
from farewell.review.models import FileDecision
from farewell.vault.store import FileMetadata, file_metadata, open_with_channel_key, read_file

FOUND = "application/json"  # render.FOUND_TYPE: not imported, render.py loads the text pipeline

# The cleaner's refusal codes (anonymize/media/report.py), in the reviewer's language.
REFUSAL_MESSAGES = {
    "unsupported": _("This kind of file cannot be cleaned, so it is refused rather than passed through."),
    "corrupt": _("The file is damaged or truncated."),
    "too_large": _("The file is too large to process safely (possibly a decompression bomb)."),
    "too_long": _("The recording is longer than the cleaner accepts."),
    "limit": _("Cleaning went over its time or memory limit."),
    "crash": _("The cleaner failed on this file."),
    "empty": _("The file is empty."),
    "encrypted": _("The file is protected by a password, so its content cannot be checked."),
    "embedded_unsupported": _(
        "The document embeds an object that cannot be cleaned (a macro, an OLE object or an unknown image)."
    ),
    "linked_content": _(
        "The document links to an outside file or address (a linked picture, a data source, a link into the "
        "author's computer), which would reveal a path or make the reader's program fetch it."
    ),
    "no_streams": _("The file holds no audio or video stream that can be kept."),
    "text_encoding": _("The text is in an encoding that cannot be recognized safely."),
    "voice_alter_unavailable": _("Altering voices is not available yet."),
    "voice_drop_audio_only": _("Dropping the voice of an audio-only file would leave nothing."),
    "renderer_unavailable": _(
        "LibreOffice, which lays out office documents as pages, is not installed on the worker's machine."
    ),
    "bad_params": _("The instructions for preparing this file were malformed."),
    "box_page_out_of_range": _("A box is on a page this document does not have: remove it."),
    "too_many_boxes": _("A file can have at most 200 boxes."),
    "bad_box": _("A box is malformed or entirely outside the picture: remove it."),
}

JOB_ERRORS = {
    "not_cleaned": _("There is no cleaned copy to prepare."),
    "lease_expired": _("A worker stopped while cleaning this file."),
    "erased": _("The original was erased before it could be cleaned."),
}


@dataclass
class FileOnCase:
    attachment: Attachment
    original: FileMetadata
    job: Job | None = None
    cleaned: CleanedFile | None = None
    derivative: FileMetadata | None = None
    removed: list[dict] = field(default_factory=list)
    faces: int | None = None  # hidden in the cleaned copy (photos; None where faces are not looked for yet)
    decision: FileDecision | None = None
    transcript: str = ""
    render_job: Job | None = None
    previews: list[Rendition] = field(default_factory=list)
    parts: list[Rendition] = field(default_factory=list)  # what would be published
    found: list[dict] = field(default_factory=list)  # what the text review finds on a document's pages
    current: bool = False  # previews and parts show the decision as it stands

    @property
    def submitter_choice(self) -> str:
        """What the submitter allows of this file (cases/consent.py): cleaned, transcript, none."""
        return consent.file_choice(self.attachment)

    @property
    def voices_consented(self) -> list[str]:
        return [voice for voice in consent.VOICE_FIELDS if consent.voice_consented(self.attachment, voice)]

    @property
    def kind(self) -> str:
        """image, video, audio, document or text: which controls the case page offers."""
        kind = (self.derivative.content_type if self.derivative else "").split("/")[0]
        if kind in ("image", "video", "audio", "text"):
            return kind
        return "document" if self.derivative else ""

    @property
    def has_sound(self) -> bool:
        return self.kind in ("video", "audio")

    @property
    def rendering(self) -> str:
        """waiting, running, ready, refused or failed: the previews and parts."""
        job = self.render_job
        if job is None:
            return "waiting"
        if job.state == Job.State.DONE:
            return "ready" if self.current else "waiting"
        if job.state in (Job.State.QUEUED, Job.State.RUNNING):
            return "running" if job.state == Job.State.RUNNING else "waiting"
        return "refused" if job.state == Job.State.REFUSED else "failed"

    @property
    def rendering_reason(self) -> str:
        job = self.render_job
        if job is None or not job.error or job.state not in (Job.State.REFUSED, Job.State.FAILED):
            return ""
        known = REFUSAL_MESSAGES.get(job.error) or JOB_ERRORS.get(job.error)
        return str(known) if known else _("The worker failed (%(code)s).") % {"code": job.error}

    @property
    def voice_needs_consent(self) -> bool:
        return self.decision is not None and self.decision.voice in (
            FileDecision.Voice.ALTERED,
            FileDecision.Voice.ORIGINAL,
        )

    @property
    def status(self) -> str:
        """waiting, running, cleaned, refused or failed."""
        if self.cleaned is not None:
            return "cleaned" if self.cleaned.publishable else "refused"
        if self.job is None or self.job.state in (Job.State.FAILED, Job.State.CANCELLED):
            return "failed"
        return "running" if self.job.state == Job.State.RUNNING else "waiting"

    @property
    def reason(self) -> str:
        if self.cleaned is not None and self.cleaned.refused:
            return str(REFUSAL_MESSAGES.get(self.cleaned.refused, self.cleaned.refused))
        if self.job is not None and self.job.error:
            known = JOB_ERRORS.get(self.job.error)
            return str(known) if known else _("The worker failed (%(code)s).") % {"code": self.job.error}
        return ""


def files_on_case(case: Case, channel_key_for) -> list[FileOnCase]:
    """`channel_key_for(item)` gives the reviewer's channel key for an item (Desk.channel_key)."""
    attachments = case.attachments.select_related("stored__metadata", "cleaned__stored__metadata", "cleaned__report")
    jobs = {job.attachment_id: job for job in Job.objects.filter(attachment__case=case, kind=Job.Kind.CLEAN)}
    renders = {job.attachment_id: job for job in Job.objects.filter(attachment__case=case, kind=Job.Kind.RENDER)}
    decisions = {
        d.attachment_id: d for d in FileDecision.objects.filter(attachment__case=case).select_related("transcript")
    }
    renditions: dict[int, list[Rendition]] = {}
    for rendition in Rendition.objects.filter(attachment__case=case).select_related("stored"):
        renditions.setdefault(rendition.attachment_id, []).append(rendition)
    files = []
    for attachment in attachments:
        if attachment.stored.destroyed:
            continue
        entry = FileOnCase(attachment, file_metadata(attachment.stored, channel_key_for(attachment.stored)))
        entry.job = jobs.get(attachment.pk)
        entry.cleaned = getattr(attachment, "cleaned", None)
        if entry.cleaned is not None and not entry.cleaned.report.destroyed:
            report = json.loads(open_with_channel_key(entry.cleaned.report, channel_key_for(entry.cleaned.report)))
            entry.removed, entry.faces = report.get("metadata", []), report.get("faces")
            if entry.cleaned.stored is not None and not entry.cleaned.stored.destroyed:
                entry.derivative = file_metadata(entry.cleaned.stored, channel_key_for(entry.cleaned.stored))
        entry.decision, entry.render_job = decisions.get(attachment.pk), renders.get(attachment.pk)
        if entry.decision is not None and entry.decision.transcript_id:
            entry.transcript = open_with_channel_key(
                entry.decision.transcript, channel_key_for(entry.decision.transcript)
            ).decode()
        made = [r for r in renditions.get(attachment.pk, []) if not r.stored.destroyed]
        revision = entry.decision.revision if entry.decision is not None else 1
        entry.current = all(r.revision == revision for r in made)
        entry.previews = [r for r in made if r.purpose == Rendition.Purpose.PREVIEW and r.content_type != FOUND]
        entry.found = found_on_pages(made, channel_key_for)
        if entry.found:
            from farewell.review.file_decisions import boxes_of_found
            from farewell.review.forms import LABEL_NAMES

            chosen = entry.decision.boxes if entry.decision is not None else []
            for item in entry.found:
                item["label_name"] = LABEL_NAMES.get(item["label"], item["label"])
                item["covered"] = all(box in chosen for box in boxes_of_found([item], item["number"]))
        entry.parts = [r for r in made if r.purpose == Rendition.Purpose.PUBLISH]
        files.append(entry)
    return files


def found_on_pages(renditions: list[Rendition], channel_key_for) -> list[dict]:
    """The text review's findings on a document's pages (render.py), numbered from 1."""
    for rendition in renditions:
        if rendition.purpose == Rendition.Purpose.PREVIEW and rendition.content_type == FOUND:
            data = b"".join(read_file(rendition.stored, channel_key_for(rendition.stored)))
            return [{**item, "number": number} for number, item in enumerate(json.loads(data), 1)]
    return []
