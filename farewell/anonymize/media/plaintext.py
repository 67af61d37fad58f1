"""Plain text: decoded, rewritten as NFC UTF-8 without the invisible characters that can carry a watermark."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from farewell.anonymize.media.report import MetadataItem, Refused, Report

MAX_BYTES = 20 * 1024**2  # a testimony is far smaller; more is more likely a disguised binary or a bomb

# Characters that show nothing, so a sender can hide a per-recipient mark (a canary trap) in them.
INVISIBLE = [
    ("zero-width characters", "[\u200b-\u200f\u2060-\u2064\ufeff]"),  # ZWJ too: emoji ZWJ sequences fall apart
    ("bidirectional controls", "[\u202a-\u202e\u2066-\u2069\u061c]"),
    # Tags spell hidden ASCII; they also make subdivision flags (Scotland…), which become a plain black flag.
    ("tag characters", "[\U000e0000-\U000e007f]"),
    # U+FE0F asks for the emoji presentation (❤️ vs ❤): removing it changes the style, never the character.
    ("variation selectors", "[\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180d\u180f]"),
    ("control characters", "[\x00-\x08\x0b-\x1f\x7f-\x9f]"),  # tab and newline are kept
    # Other default-ignorable or non-characters: soft hyphen, grapheme joiner, Hangul fillers, Mongolian
    # vowel separator, interlinear annotations, musical formatting, the unassigned rest of the tag plane.
    (
        "other invisible characters",
        "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u2065\u3164\uffa0\ufdd0-\ufdef\ufff0-\ufffb\ufffe\uffff"
        "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0080-\U000e00ff\U000e01f0-\U000e0fff]",
    ),
]
INVISIBLE_PATTERNS = [(label, re.compile(pattern)) for label, pattern in INVISIBLE]
# Spaces of other widths look like a space: swapping some of them in is another way to mark a copy.
SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
MARKUP = ("<?xml", "<svg", "<!doctype", "<html", "<head", "<body", "<!--")

# Russian/Ukrainian Windows text (cp1251): letters are 0xC0-0xFF plus Ё ё Ґ ґ Є є І і Ї ї Ў ў.
CP1251_LOWER = bytes(range(0xE0, 0x100)) + b"\xb8\xb4\xba\xb3\xbf\xa2"
CP1251_UPPER = bytes(range(0xC0, 0xE0)) + b"\xa8\xa5\xaa\xb2\xaf\xa1"
# ‚ „ … € ‘ ’ “ ” • – — ™, no-break space, ¦ § © « ¬ soft hyphen ® ° ± µ ¶ · № »
CP1251_PUNCTUATION = (
    b"\x82\x84\x85\x88\x91\x92\x93\x94\x95\x96\x97\x99\xa0\xa6\xa7\xa9\xab\xac\xad\xae\xb0\xb1\xb5\xb6\xb7\xb9\xbb"
)
ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
CP1251_TEXT = bytes(range(0x20, 0x7F)) + b"\t\n\r" + CP1251_LOWER + CP1251_UPPER + CP1251_PUNCTUATION


def _read(source: Path) -> tuple[str, list[MetadataItem]]:
    if source.stat().st_size > MAX_BYTES:
        raise Refused("too_large")
    text, encoding = _decode(source.read_bytes())
    if "\x00" in text:
        # sniff reads only the first 4 KB: a NUL further on is a binary file behind a text-looking start.
        raise Refused("unsupported")
    return text, [MetadataItem("Text", "encoding", encoding)]


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding; only encodings that can be recognized without guessing."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise Refused("text_encoding")  # its BOM starts like UTF-16's; decoding it as UTF-16 would garble it
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8", "utf-8 with byte-order mark"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError:
                raise Refused("text_encoding") from None  # the mark promised an encoding the text breaks
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_like_cp1251(data):
        try:
            return data.decode("cp1251"), "cp1251"
        except UnicodeDecodeError:  # 0x98, the one byte cp1251 leaves undefined
            pass
    raise Refused("text_encoding")


def _looks_like_cp1251(data: bytes) -> bool:
    """Russian or Ukrainian prose from an old Windows editor, rather than Latin-1, KOI8-R or a binary.

    Every byte must be printable ASCII or a cp1251 letter or punctuation mark; Cyrillic letters must be a
    good share of all letters (Latin-1 accents are few); and lowercase must outnumber uppercase as in
    prose: KOI8-R puts its lowercase letters where cp1251 has uppercase ones.
    """
    if data.translate(None, CP1251_TEXT):
        return False
    lower = len(data) - len(data.translate(None, CP1251_LOWER))
    upper = len(data) - len(data.translate(None, CP1251_UPPER))
    latin = len(data) - len(data.translate(None, ASCII_LETTERS))
    return lower + upper >= 0.2 * (lower + upper + latin) and lower > upper


def _scrub(text: str) -> tuple[str, list[MetadataItem]]:
    """The text as it is shown, without what is not shown; and counts of what was removed."""
    found = []
    text, count = LINE_BREAKS.subn("\n", text)  # before the controls go: CR, VT, FF and NEL are line breaks
    if count:
        found.append(MetadataItem("Text", "line breaks converted to \\n", str(count)))
    for label, pattern in INVISIBLE_PATTERNS:
        text, count = pattern.subn("", text)
        if count:
            found.append(MetadataItem("Text", label, str(count)))
    text, count = SPACES.subn(" ", text)
    if count:
        found.append(MetadataItem("Text", "unusual spaces made plain", str(count)))
    normalized = unicodedata.normalize("NFC", text)  # after the removals: a joiner can no longer block it
    if normalized != text:
        found.append(MetadataItem("Text", "normalized to NFC", "yes"))
    text, count = _strip_line_ends(normalized)
    if count:
        found.append(MetadataItem("Text", "lines with trailing whitespace", str(count)))
    return text, found


def _strip_line_ends(text: str) -> tuple[str, int]:
    """Trailing spaces and tabs go (SNOW hides messages there). str.rstrip, not a regex: linear on any input."""
    lines = text.split("\n")
    stripped = [line.rstrip(" \t") for line in lines]
    count = sum(1 for line, short_line in zip(lines, stripped, strict=True) if len(line) != len(short_line))
    text = "\n".join(stripped)
    body = text.rstrip("\n")  # blank lines at the end are whitespace too: at most one final newline stays
    return body + ("\n" if len(body) < len(text) else ""), count


def _cleaned(source: Path) -> tuple[str, list[MetadataItem]]:
    text, found = _read(source)
    text, removed = _scrub(text)
    if not text.strip():
        raise Refused("empty")
    if text.lstrip()[:64].lower().startswith(MARKUP):
        # Markup that sniff let through (UTF-16 or cp1251 HTML/SVG, invisible characters before the tag):
        # its metadata lives in tags and attributes, which this cleaner does not understand.
        raise Refused("unsupported")
    return text, found + removed


def metadata(source: Path, mime: str = "") -> list[MetadataItem]:
    return _cleaned(source)[1]


def clean(source: Path, target: Path, mime: str, *, voice: str = "keep", progress=None) -> Report:
    if mime != "text/plain":
        raise Refused("unsupported")
    text, _ = _cleaned(source)
    target.write_bytes(text.encode("utf-8"))
    return Report()
