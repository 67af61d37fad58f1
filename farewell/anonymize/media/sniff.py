"""What a file is, from its content — never from its name.

Returns a MIME type; formats.FORMATS says which of them can be cleaned. Types recognized but
not cleanable (ZIP archives, RTF, markup, raw camera files…) get their own names so a refusal
can say what the file was.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

from farewell.anonymize.media.formats import ODF, OOXML

HEAD_BYTES = 4096
BOMS = [
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
]

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
    (b"8BPS", "image/vnd.adobe.photoshop"),
    (b"\xff\x0a", "image/jxl"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "image/jxl"),
    (b"\x1f\x8b", "application/gzip"),
]

# Formats made of text that carry metadata as fields: not plain text, so not cleaned as such.
TEXT_FORMATS = [
    ("%!", "application/postscript"),
    ("SIMPLE  =", "image/fits"),
    ("BEGIN:VCARD", "text/vcard"),
    ("BEGIN:VCALENDAR", "text/calendar"),
    ("StartFontMetrics", "application/x-font-afm"),
    ("[InternetShortcut]", "application/x-mswinurl"),
    ("{\\rtf", "application/rtf"),
    *((f"P{kind}{space}", "image/x-portable-anymap") for kind in "1234567" for space in " \t\r\n"),
    ("PF\n", "image/x-portable-floatmap"),
    ("Pf\n", "image/x-portable-floatmap"),
]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt, .msg — and password-protected .docx
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
ENCRYPTED_OFFICE = "application/x-encrypted-office"
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
    for bom, encoding in BOMS:  # first: FF FE would otherwise pass for an MPEG audio frame
        if head.startswith(bom):
            return _text(head, encoding)
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
    if head.startswith(OLE):
        return _ole(path)
    for signature, mime in SIGNATURES:
        if head.startswith(signature):
            return mime
    if b"%PDF-" in head[:1024]:  # readers accept junk before the header; so must we, to clean it
        return "application/pdf"
    frame = _mpeg_audio_frame(head)
    if frame:
        return frame
    return _text(head)


def _ole(path: Path) -> str:
    """A password-protected DOCX, XLSX or PPTX is an OLE file holding an EncryptionInfo stream;
    other OLE files are the old binary formats."""
    with Path(path).open("rb") as handle:
        directory = handle.read(1024 * 1024)
    return ENCRYPTED_OFFICE if ENCRYPTION_INFO in directory else "application/x-ole-storage"


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
                with archive.open("mimetype") as member:  # read(): a bomb would inflate whole
                    declared = member.read(100).decode("ascii", "replace").strip()
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
    """An ID3v2 tag prefixes MP3 (and sometimes AAC, FLAC, APE or Musepack): the type is what
    follows it."""
    size = 10 + sum((byte & 0x7F) << (7 * (3 - index)) for index, byte in enumerate(head[6:10]))
    with Path(path).open("rb") as handle:
        handle.seek(size)
        after = handle.read(64)
    if after.startswith(b"fLaC"):
        return "audio/flac"
    if after.startswith((b"MAC ", b"MP+", b"MPCK")):
        return "audio/x-ape" if after.startswith(b"MAC ") else "audio/x-musepack"
    return _mpeg_audio_frame(after) or "application/octet-stream"


def _mpeg_audio_frame(head: bytes) -> str | None:
    """A valid MPEG audio or ADTS frame header (sync, and no reserved version, layer, bitrate or
    sample rate: a run of 0xFF bytes is not a frame)."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    if head[1] & 0xF6 == 0xF0:  # sync, MPEG-2/4, layer 00: an ADTS AAC frame
        return "audio/aac" if (head[2] >> 2) & 0x0F < 13 else None
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 3
    if version == 1 or layer == 0 or bitrate in (0, 15) or rate == 3:
        return None
    return "audio/mpeg"


def _text(head: bytes, encoding: str | None = None) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64]
    for prefix, mime in TEXT_FORMATS:
        if start.startswith(prefix.encode()):
            return mime
    text = _decoded(head, encoding)
    if text is None:
        # Text in an encoding we do not read (Latin-1, KOI8-R…): the text cleaner refuses it
        # with that reason. Binary data has NULs or control bytes.
        binary = b"\x00" in head or any(byte < 0x20 and byte not in (9, 10, 13) for byte in head)
        return "application/octet-stream" if binary else "text/plain"
    visible = "".join(ch for ch in text[:512] if unicodedata.category(ch) != "Cf").lstrip()
    if visible.startswith("<"):  # markup (XMP packets, SVG, HTML…) carries its metadata as text
        lowered = visible[:1024].lower()
        return "image/svg+xml" if "<svg" in lowered else "text/html" if "<html" in lowered else "text/xml"
    return "text/plain"


def _decoded(head: bytes, encoding: str | None) -> str | None:
    if encoding:  # a byte-order mark says so; the text cleaner checks the whole file
        return head.decode(encoding, "replace")
    if b"\x00" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3:  # merely a character cut by the end of the sample
            return head[: error.start].decode("utf-8")
    return head.decode("cp1251") if _looks_like_cp1251(head) else None


# Bytes 0x80–0xBF that Russian, Ukrainian and Belarusian text in cp1251 does use: ё Ё « » — – №,
# quotes, …, no-break space, і І ї Ї є Є ґ Ґ ў Ў.
CP1251_LETTERS_AND_PUNCTUATION = set(
    b"\xb8\xa8\xab\xbb\x97\x96\xb9\x93\x94\x84\x85\x91\x92\xa0\xb3\xb2\xbf\xaf\xba\xaa\xb4\xa5\xa2\xa1"
)


def _looks_like_cp1251(head: bytes) -> bool:
    """Cyrillic text from old Windows editors: Cyrillic letters, no control bytes, almost none of
    the 0x80–0xBF range that binary data fills evenly."""
    controls = sum(1 for byte in head if byte < 0x20 and byte not in (9, 10, 13))
    cyrillic = sum(1 for byte in head if byte >= 0xC0)
    odd = sum(1 for byte in head if 0x80 <= byte < 0xC0 and byte not in CP1251_LETTERS_AND_PUNCTUATION)
    size = len(head)
    return controls == 0 and cyrillic >= 0.05 * size and odd <= 0.01 * size
