"""What the submitter consented to publish (../shared/product.md, "Consent").

The case-level choice is the ceiling: text only, text and anonymized media, or nothing. Per-file
choices, made in his codename inbox (cases.FileConsent), can only narrow it: the cleaned file, its
transcript only, or nothing. A transcript counts as media. A voice — altered or original — needs
his explicit consent for that very file; without it only the reviewed transcript, or its reading
by a synthetic voice, is ever published.
"""

from __future__ import annotations

from farewell.cases.models import Attachment, Case, FileConsent

VOICE_FIELDS = {"altered": "altered_voice", "original": "original_voice"}


def allows_media(case: Case) -> bool:
    """Files (and transcripts, which count as media) may be published at all."""
    return case.consent == Case.Consent.TEXT_AND_MEDIA


def file_consent(attachment: Attachment) -> FileConsent | None:
    try:
        return attachment.consent
    except FileConsent.DoesNotExist:
        return None


def file_choice(attachment: Attachment) -> str:
    """What may be published of this file: "cleaned", "transcript" or "none"."""
    if not allows_media(attachment.case):
        return FileConsent.Choice.NONE
    chosen = file_consent(attachment)
    return chosen.choice if chosen is not None else FileConsent.Choice.CLEANED


def voice_consented(attachment: Attachment, voice: str) -> bool:
    """Whether the submitter agreed to his voice, in this form ("altered" or "original"), being
    published from this file: only with the cleaned file published, and only if he said so."""
    field = VOICE_FIELDS.get(voice)
    chosen = file_consent(attachment)
    if field is None or chosen is None or file_choice(attachment) != FileConsent.Choice.CLEANED:
        return False
    return bool(getattr(chosen, field))
