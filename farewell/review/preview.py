"""The preview the submitter sees before the second approval: exactly what the first approval
covered (review/actions.content_mac), sealed to his key as well as to the case's channel.

Text with its placeholders, the title, and per file what the public would get: pictures and
pages as published, videos and recordings as the stills or waveform reviewers see, with whether
a voice would be heard. The pictures' data keys are wrapped to his key too (vault/store.py,
share_with_submitter), so his session can open them and nobody else's can.
"""

from __future__ import annotations

import json

from farewell.cases.models import Case, Preview, Rendition
from farewell.jobs.rendering import sound_for
from farewell.review.actions import Desk, derived_text, publication_language, title_of
from farewell.review.file_decisions import chosen_files, current_renditions, published_parts, transcript_of
from farewell.vault.store import seal_like, share_with_submitter

PREVIEW = "case.preview"


def _pictures(decision, desk: Desk, submitter_key: bytes) -> list[int]:
    """Ids of the renditions he will see: published images, or the preview stills of a video or
    a recording (a picture of what is heard, since his page plays nothing)."""
    parts = published_parts(decision) or []
    pictures = [r for r in parts if r.content_type.startswith("image/")]
    if parts and not pictures:
        pictures = [
            r
            for r in current_renditions(decision, Rendition.Purpose.PREVIEW) or []
            if r.content_type.startswith("image/")
        ]
    for rendition in pictures:
        share_with_submitter(rendition.stored, desk.channel_key(rendition.stored), submitter_key)
    return [r.pk for r in pictures]


def make_preview(case: Case, desk: Desk) -> Preview | None:
    """Called in the first approval's transaction. None when nothing is to be published, or the
    case predates submitter keys (he gets his key at his next sign-in: the next approval)."""
    if case.consent == Case.Consent.VERIFICATION_ONLY or case.submitter_public_key is None:
        return None
    submitter_key = bytes(case.submitter_public_key)
    files = []
    for decision in chosen_files(case):
        parts = published_parts(decision) or []
        files.append(
            {
                "file": decision.attachment_id,
                "pictures": _pictures(decision, desk, submitter_key),
                "kinds": sorted({r.content_type.split("/")[0] for r in parts}),
                "transcript": transcript_of(decision, desk),
                "voice": sound_for(decision, Rendition.Purpose.PUBLISH),
            }
        )
    content = {
        "title": title_of(case, desk),
        "language": publication_language(case),
        "text": derived_text(case, desk),
        "files": files,
    }
    sealed = seal_like(case.story, PREVIEW, json.dumps(content, ensure_ascii=False).encode(), submitter=submitter_key)
    drop_preview(case)
    return Preview.objects.create(case=case, content=sealed)


def drop_preview(case: Case) -> None:
    """The approvals it showed are void: the preview goes with them, sealed content included."""
    old = Preview.objects.filter(case=case).select_related("content").first()
    if old is not None:
        content = old.content
        old.delete()
        content.delete()
