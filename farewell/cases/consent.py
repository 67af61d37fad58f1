"""What the submitter consented to publish (../shared/product.md, "Consent").

The case-level choice is the ceiling: text only, text and anonymized media, or nothing. Per-file
choices can only narrow it. A voice — altered or original — needs the submitter's explicit
consent for that very file, asked in his codename inbox; no such consent is recorded yet (the
inbox and its questions are their own issue), so for now no voice is ever published: only the
reviewed transcript, or its reading by a synthetic voice.
"""

from __future__ import annotations

from farewell.cases.models import Attachment, Case


def allows_media(case: Case) -> bool:
    """Files (and transcripts, which count as media) may be published at all."""
    return case.consent == Case.Consent.TEXT_AND_MEDIA


def voice_consented(attachment: Attachment, voice: str) -> bool:
    """Whether the submitter agreed to his voice, in this form ("altered" or "original"), being
    published from this file. Nothing records such an agreement yet: the answer is no."""
    return False
