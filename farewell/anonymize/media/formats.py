"""Which module cleans which type (by content: sniff.py), and what each type becomes.

A handler module defines
    clean(source: Path, target: Path, mime: str, *, voice: str, progress) -> Report
    metadata(source: Path, mime: str) -> list[MetadataItem]
and raises report.Refused(code) for anything it cannot clean. `progress(fraction)` may be
called during long work. Modules are imported only when a file of their type arrives, so the
sandboxed child loads only the parser it needs.
"""

from __future__ import annotations

import importlib
from types import ModuleType

OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"

# mime -> (handler module, output mime)
FORMATS: dict[str, tuple[str, str]] = {
    "image/jpeg": ("images", "image/jpeg"),
    "image/png": ("images", "image/png"),
    "image/webp": ("images", "image/webp"),
    "image/gif": ("images", "image/gif"),
    "image/tiff": ("images", "image/tiff"),
    "image/bmp": ("images", "image/bmp"),
    "image/heic": ("heif", "image/jpeg"),
    "application/pdf": ("pdf", "application/pdf"),
    f"{OOXML}.wordprocessingml.document": ("office", f"{OOXML}.wordprocessingml.document"),
    f"{OOXML}.spreadsheetml.sheet": ("office", f"{OOXML}.spreadsheetml.sheet"),
    f"{OOXML}.presentationml.presentation": ("office", f"{OOXML}.presentationml.presentation"),
    f"{ODF}.text": ("office", f"{ODF}.text"),
    f"{ODF}.spreadsheet": ("office", f"{ODF}.spreadsheet"),
    f"{ODF}.presentation": ("office", f"{ODF}.presentation"),
    "video/mp4": ("audiovisual", "video/mp4"),
    "video/quicktime": ("audiovisual", "video/mp4"),
    "video/x-matroska": ("audiovisual", "video/mp4"),
    "video/webm": ("audiovisual", "video/mp4"),
    "video/x-msvideo": ("audiovisual", "video/mp4"),
    "audio/mp4": ("audiovisual", "audio/mp4"),
    "audio/mpeg": ("audiovisual", "audio/mpeg"),
    "audio/ogg": ("audiovisual", "audio/ogg"),
    "audio/flac": ("audiovisual", "audio/flac"),
    "audio/wav": ("audiovisual", "audio/wav"),
    "audio/aac": ("audiovisual", "audio/mp4"),
    "text/plain": ("plaintext", "text/plain"),
}

# Recognized, and refused as encrypted rather than as unknown: the submitter can send it again
# without its password.
ENCRYPTED = {"application/x-encrypted-office"}
AUDIO_ONLY = {mime for mime in FORMATS if mime.startswith("audio/")}
WITH_SOUND = AUDIO_ONLY | {mime for mime in FORMATS if mime.startswith("video/")}


def handler(mime: str) -> ModuleType | None:
    entry = FORMATS.get(mime)
    if entry is None:
        return None
    return importlib.import_module(f"farewell.anonymize.media.{entry[0]}")


def output_type(mime: str) -> str | None:
    entry = FORMATS.get(mime)
    return entry[1] if entry else None


EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/tiff": ".tiff",
    "image/bmp": ".bmp",
    "application/pdf": ".pdf",
    f"{OOXML}.wordprocessingml.document": ".docx",
    f"{OOXML}.spreadsheetml.sheet": ".xlsx",
    f"{OOXML}.presentationml.presentation": ".pptx",
    f"{ODF}.text": ".odt",
    f"{ODF}.spreadsheet": ".ods",
    f"{ODF}.presentation": ".odp",
    "video/mp4": ".mp4",
    "audio/mp4": ".m4a",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
    "audio/flac": ".flac",
    "audio/wav": ".wav",
    "text/plain": ".txt",
    "application/json": ".json",  # not a cleaned type: what a document's text review found (render.py)
}
