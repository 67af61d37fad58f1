"""What a file is, from its content — never from its name.

Returns a MIME type; formats.FORMATS says which of them can be cleaned. Types recognized but
not cleanable (ZIP archives, RTF, markup, raw camera files…) get their own names so a refusal
can say what the file was.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from farewell.anonymize.media.formats import ODF, OOXML

HEAD_BYTES = 4096

SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
    (b"fLaC", "audio/flac"),
    (b"0&\xb2u\x8ef\xcf\x11", "video/x-ms-asf"),
    (b"{\\rtf", "application/rtf"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .doc, .xls, .ppt, .msg
    (b"8BPS", "image/vnd.adobe.photoshop"),
    (b"\xff\x0a", "image/jxl"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "image/jxl"),
    (b"\x1f\x8b", "application/gzip"),
]

HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
MP4_VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash", b"M4V ",
    b"M4VH", b"M4VP", b"MSNV", b"mmp4", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"3g2b", b"f4v ", b"XAVC",
}  # fmt: skip
MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A "}


def sniff(path: Path) -> str:
    with Path(path).open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        return "application/x-empty"
    if head[:4] == b"RIFF":
        return {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}.get(
            head[8:12], "application/octet-stream"
        )
    if head[4:8] == b"ftyp":
        return _iso_media(head)
    if head.startswith(b"PK\x03\x04"):
        return _zip(path)
    if head.startswith(b"OggS"):
        return _ogg(head)
    if head.startswith(b"ID3"):
        return _after_id3(path, head)
    if head.startswith(b"\x1aE\xdf\xa3"):
        return "video/webm" if b"webm" in head[:64] else "video/x-matroska"
    for signature, mime in SIGNATURES:
        if head.startswith(signature):
            return mime
    if b"%PDF-" in head[:1024]:  # readers accept junk before the header; so must we, to clean it
        return "application/pdf"
    frame = _mpeg_audio_frame(head)
    if frame:
        return frame
    return _text(head)


def _iso_media(head: bytes) -> str:
    size = int.from_bytes(head[:4], "big")
    brands = {head[8:12]} | {head[i : i + 4] for i in range(16, min(size, len(head)), 4)}
    major = head[8:12]
    if b"avif" in brands or b"avis" in brands:
        return "image/avif"
    if major in HEIF_BRANDS or (brands & HEIF_BRANDS and major not in MP4_VIDEO_BRANDS | {b"qt  "}):
        return "image/heic"
    if major == b"qt  ":
        return "video/quicktime"
    if major in MP4_AUDIO_BRANDS:
        return "audio/mp4"
    if major in MP4_VIDEO_BRANDS:
        return "video/mp4"
    if major == b"crx ":
        return "image/x-canon-cr3"
    return "application/octet-stream"


def _zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return declared if declared.startswith(ODF) else "application/zip"
            if "[Content_Types].xml" in names:
                for part, mime in (
                    ("word/document.xml", f"{OOXML}.wordprocessingml.document"),
                    ("xl/workbook.xml", f"{OOXML}.spreadsheetml.sheet"),
                    ("ppt/presentation.xml", f"{OOXML}.presentationml.presentation"),
                ):
                    if part in names:
                        return mime
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return "application/zip"
    return "application/zip"


def _ogg(head: bytes) -> str:
    if b"\x80theora" in head:
        return "video/ogg"
    if b"OpusHead" in head or b"\x01vorbis" in head or b"\x7fFLAC" in head or b"Speex" in head:
        return "audio/ogg"
    return "application/ogg"


def _after_id3(path: Path, head: bytes) -> str:
    """An ID3v2 tag prefixes MP3 (and sometimes AAC or FLAC): the type is what follows it."""
    size = 10 + sum((byte & 0x7F) << (7 * (3 - index)) for index, byte in enumerate(head[6:10]))
    with Path(path).open("rb") as handle:
        handle.seek(size)
        after = handle.read(64)
    if after.startswith(b"fLaC"):
        return "audio/flac"
    return _mpeg_audio_frame(after) or "audio/mpeg"


def _mpeg_audio_frame(head: bytes) -> str | None:
    if len(head) < 2 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    if head[1] & 0xF6 == 0xF0:  # sync, MPEG-2/4, layer 00: an ADTS AAC frame
        return "audio/aac"
    return "audio/mpeg" if head[1] & 0x06 else None


def _text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text/plain"  # UTF-16 with its byte-order mark
    if b"\x00" in head:
        return "application/octet-stream"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not merely a character cut by the end of the sample
            return "text/plain" if _looks_like_cp1251(head) else "application/octet-stream"
        text = head[: error.start].decode("utf-8")
    start = text.lstrip("\ufeff \t\r\n")[:64].lower()
    if start.startswith(("<?xml", "<svg", "<!doctype", "<html", "<head", "<body")):
        return "image/svg+xml" if "<svg" in text[:1024].lower() else "text/html" if "html" in start else "text/xml"
    return "text/plain"


def _looks_like_cp1251(head: bytes) -> bool:
    """Russian text from old Windows editors: mostly Cyrillic letters, no control bytes."""
    controls = sum(1 for byte in head if byte < 0x20 and byte not in (9, 10, 13))
    cyrillic = sum(1 for byte in head if byte >= 0xC0)
    return controls == 0 and cyrillic >= 0.2 * len(head)
