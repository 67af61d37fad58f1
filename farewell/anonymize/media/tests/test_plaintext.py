"""Plain text cleaned in the sandbox: decoded, normalized, stripped of invisible characters that can mark a copy."""

import time
from pathlib import Path

import pytest

from farewell.anonymize.media import formats, plaintext, sandbox
from farewell.anonymize.media.report import MetadataItem, Refused
from farewell.anonymize.media.sniff import sniff
from farewell.testing.media import SHARED_DATA

SHARED = SHARED_DATA
PROSE = "Я ушёл из части в марте. Командир знал, но молчал.\n"
UKRAINIAN = "Слава Україні! Ґанок, їжак, єнот, Ірпінь.\n"

# (input bytes, the text that must come out)
CLEANED = [
    pytest.param(b"plain ASCII\n", "plain ASCII\n", id="ascii"),
    pytest.param(PROSE.encode(), PROSE, id="utf-8 russian"),
    pytest.param(UKRAINIAN.encode(), UKRAINIAN, id="utf-8 ukrainian"),
    pytest.param(b"\xef\xbb\xbfwith a BOM", "with a BOM", id="utf-8 bom stripped"),
    pytest.param(PROSE.replace("\n", "\r\n").encode("cp1251"), PROSE, id="cp1251 russian"),
    pytest.param(UKRAINIAN.encode("cp1251"), UKRAINIAN, id="cp1251 ukrainian"),
    pytest.param("«Так», — сказал он. №5…".encode("cp1251"), "«Так», — сказал он. №5…", id="cp1251 punctuation"),
    pytest.param("\ufeffТекст\r\n".encode("utf-16-be"), "Текст\n", id="utf-16 be"),
    pytest.param(b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", id="line endings"),
    pytest.param("page\x0cnext\u2028line\x85end".encode(), "page\nnext\nline\nend", id="other line breaks"),
    pytest.param("при\u200bвет\u200c\u200d\u2060\ufeffмир\u200e\u200f".encode(), "приветмир", id="zero-width"),
    pytest.param("abc\u202edef\u202c\u2066x\u2069\u202a".encode(), "abcdefx", id="bidi controls"),
    pytest.param("hi\U000e0001\U000e0041\U000e0042\U000e007f".encode(), "hi", id="tag characters"),
    pytest.param("葛\U000e0100 a\ufe00".encode(), "葛 a", id="variation selectors"),
    pytest.param("a\x01b\x1b[1mc\x7fd\x9be\tf".encode(), "ab[1mcde\tf", id="control characters"),
    pytest.param("пере\u00adход\u034f\u180e".encode(), "переход", id="other invisible"),
    pytest.param("1941\u00a0г.\u2009—\u202fда\u3000!".encode(), "1941 г. — да !", id="unusual spaces"),
    pytest.param("и\u0306 e\u0301".encode(), "й é", id="nfc"),
    pytest.param("и\u200b\u0306".encode(), "й", id="nfc after a joiner is removed"),
    pytest.param(b"snow \t \nhidden\t\n   \nhere  \n\n\n", "snow\nhidden\n\nhere\n", id="trailing whitespace"),
    pytest.param(b"  indented\n\ttabbed\n", "  indented\n\ttabbed\n", id="leading whitespace kept"),
    # U+FE0F (emoji presentation) goes: ❤️ becomes the text-style ❤; skin tones and flags stay.
    pytest.param("Флаг 🇺🇦 ❤️ 👍🏽 😀\n".encode(), "Флаг 🇺🇦 ❤ 👍🏽 😀\n", id="emoji"),
    pytest.param("👨\u200d👩\u200d👧".encode(), "👨👩👧", id="zwj sequence falls apart"),
    pytest.param(b"x" * 5000 + "é".encode(), "x" * 5000 + "é", id="utf-8 beyond the sniffed head"),
]

# (input bytes, the refusal)
REFUSED = [
    pytest.param(b"\x00\x01\x02 binary \x00", "unsupported", id="binary with NULs"),
    pytest.param(b"text " * 1000 + b"\x00\x01\x02", "unsupported", id="NUL after the sniffed head"),
    pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"><title>Igor</title></svg>', "unsupported", id="svg"),
    pytest.param(b"<!DOCTYPE html><html><head><title>Igor</title></head></html>", "unsupported", id="html"),
    pytest.param(b'<?xml version="1.0"?><note author="Igor"/>', "unsupported", id="xml"),
    pytest.param("\u200b<html><body>hidden behind a zero-width space".encode(), "unsupported", id="html after zwsp"),
    pytest.param("\ufeff<svg></svg>".encode("utf-16-be"), "unsupported", id="utf-16 svg"),
    pytest.param(PROSE.encode("koi8_r"), "text_encoding", id="koi8-r"),
    pytest.param("Командир знал, но молчал. Мы уходили ночью.".encode("koi8_r"), "text_encoding", id="koi8-r no yo"),
    pytest.param(PROSE.encode("cp1251") + b"\x80\x8a\x8c\x8e", "text_encoding", id="cp1251 with unlikely bytes"),
    pytest.param(b"ascii " * 1000 + "café".encode("latin-1"), "text_encoding", id="latin-1 beyond the head"),
    pytest.param(PROSE.encode() + b"\xff" + PROSE.encode(), "text_encoding", id="broken utf-8 russian"),
    pytest.param(PROSE.encode("cp1251") + b"\x98", "text_encoding", id="cp1251 undefined byte"),
    pytest.param(b"\xef\xbb\xbfabc\xff", "text_encoding", id="bom then invalid utf-8"),
    pytest.param(b"\xfe\xff\xd8\x00\x00a", "text_encoding", id="utf-16 lone surrogate"),
    pytest.param(b"\xfe\xff\x00a\x00", "text_encoding", id="utf-16 odd length"),
    pytest.param("\u200b\u200d \n\t\n".encode(), "empty", id="only invisible characters"),
    pytest.param(b"", "empty", id="empty"),
]

# What sniff.py says of text that looks like something else, or markup that looks like text.
SNIFFED = [
    pytest.param("\ufeffПривет\r\n".encode("utf-16-le"), "text/plain", id="utf-16-le bom, not an MP3 frame"),
    pytest.param(UKRAINIAN.encode("cp1251"), "text/plain", id="cp1251 ukrainian: і ї є ґ"),
    pytest.param("".join(f"2022-03-{day:02d} 10:00:00 Выход\n" for day in range(1, 20)).encode("cp1251"), "text/plain",
                 id="cp1251 log with few cyrillic bytes"),
    pytest.param("this é is Latin1\r\n".encode("latin-1"), "text/plain", id="latin-1 text is text (then refused)"),
    pytest.param(("<html><body>" + PROSE * 3 + "</body></html>").encode("cp1251"), "text/html", id="cp1251 html"),
    pytest.param("\u200b<svg xmlns='http://www.w3.org/2000/svg'/>".encode(), "image/svg+xml",
                 id="svg after a zero-width space"),
    pytest.param("\ufeff<svg xmlns='http://www.w3.org/2000/svg'/>".encode("utf-16-be"), "image/svg+xml",
                 id="utf-16 svg"),
]  # fmt: skip


def write(tmp_path: Path, content: bytes) -> Path:
    (tmp_path / "in").write_bytes(content)
    return tmp_path / "in"


def through_the_sandbox(tmp_path: Path, content: bytes):
    report = sandbox.run("clean", write(tmp_path, content), tmp_path / "out")
    return report, tmp_path / "out", sniff(tmp_path / "in")


@pytest.mark.parametrize("content, expected", CLEANED)
def test_text_is_cleaned(tmp_path, content, expected):
    plaintext.clean(write(tmp_path, content), tmp_path / "out", "text/plain")
    assert (tmp_path / "out").read_bytes().decode("utf-8") == expected


@pytest.mark.parametrize("content, code", REFUSED)
def test_what_is_not_clean_text_is_refused(tmp_path, content, code):
    with pytest.raises(Refused) as refusal:
        plaintext.clean(write(tmp_path, content), tmp_path / "out", "text/plain")
    assert refusal.value.code == code
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content, expected", CLEANED)
def test_the_sandbox_cleans_the_same_or_refuses_what_sniff_does_not_call_text(tmp_path, content, expected):
    report, target, mime = through_the_sandbox(tmp_path, content)
    if mime != "text/plain":  # refused, never passed through
        assert report.refused == "unsupported" and not target.exists()
        return
    assert report.refused is None, report.reason
    assert (report.type, report.output_type) == ("text/plain", "text/plain")
    assert target.read_bytes().decode("utf-8") == expected


@pytest.mark.parametrize("content, code", REFUSED)
def test_the_sandbox_refuses_the_same_or_for_sniff_s_reason(tmp_path, content, code):
    report, target, mime = through_the_sandbox(tmp_path, content)
    expected = code if mime == "text/plain" else {"application/x-empty": "empty"}.get(mime, "unsupported")
    assert report.refused == expected
    assert not target.exists()


@pytest.mark.parametrize("content", [PROSE.encode(), PROSE.encode("cp1251"), "\ufeffТекст".encode("utf-16-be")])
def test_sniff_lets_russian_text_through(tmp_path, content):
    assert sniff(write(tmp_path, content)) == "text/plain"


@pytest.mark.parametrize(
    "content", [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"<!doctype html><p>x", b"<?xml version='1.0'?><a/>"]
)
def test_markup_is_not_sniffed_as_plain_text_and_has_no_cleaner(tmp_path, content):
    mime = sniff(write(tmp_path, content))
    assert mime != "text/plain" and formats.handler(mime) is None


@pytest.mark.parametrize("content, expected", SNIFFED)
def test_sniff_recognizes_text_and_markup(tmp_path, content, expected):
    assert sniff(write(tmp_path, content)) == expected


def test_utf_16_le_is_cleaned_through_the_sandbox(tmp_path):
    report, target, _mime = through_the_sandbox(tmp_path, "\ufeffПривет, \u200bмир\r\n".encode("utf-16-le"))
    assert report.refused is None, report.reason
    assert target.read_text("utf-8") == "Привет, мир\n"


def test_utf_32_is_refused_not_read_as_utf_16(tmp_path):
    with pytest.raises(Refused) as refusal:
        plaintext.clean(write(tmp_path, "hello".encode("utf-32")), tmp_path / "out", "text/plain")
    assert refusal.value.code == "text_encoding"


def test_the_report_counts_what_was_removed(tmp_path):
    (tmp_path / "in").write_bytes("Окно в двор, ключ под ковриком. \r\n".encode("cp1251"))
    report = sandbox.run("inspect", tmp_path / "in")
    assert MetadataItem("Text", "encoding", "cp1251") in report.metadata
    assert MetadataItem("Text", "line breaks converted to \\n", "1") in report.metadata
    assert MetadataItem("Text", "lines with trailing whitespace", "1") in report.metadata
    (tmp_path / "in").write_bytes("а\u200bб\u200bв\u200b\u202eг\U000e0041\n".encode())
    report = sandbox.run("clean", tmp_path / "in", tmp_path / "out")  # the child lists what metadata() found
    assert MetadataItem("Text", "encoding", "utf-8") in report.metadata
    for tag, count in [("zero-width characters", "3"), ("bidirectional controls", "1"), ("tag characters", "1")]:
        assert MetadataItem("Text", tag, count) in report.metadata


def test_a_huge_file_is_refused(tmp_path):
    report, target, mime = through_the_sandbox(tmp_path, b"a" * (plaintext.MAX_BYTES + 1))
    assert (mime, report.refused) == ("text/plain", "too_large")
    assert not target.exists()


def test_hostile_text_near_the_limit_is_cleaned_in_linear_time(tmp_path):
    # A run of spaces not ending a line would make a `[ \t]+$` regex quadratic.
    content = (" " * 4_000_000 + "x\n" + "\u200b\u202e\U000e0041a\r\n" * 500_000).encode()
    started = time.monotonic()
    report, target, _ = through_the_sandbox(tmp_path, content)
    assert report.refused is None, report.reason
    assert time.monotonic() - started < 10
    assert target.read_text("utf-8") == " " * 4_000_000 + "x\n" + "a\n" * 500_000


def test_every_shared_text_file_is_cleaned_or_refused_and_keeps_its_visible_characters(tmp_path):
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (the shared data sits beside the project in CI)")
    paths = sorted(
        path
        for folder in ("mat2-testdata", "exiftool-t-images")
        for path in (SHARED / folder).rglob("*")
        if path.is_file() and path.suffix.lower() in (".txt", ".csv", ".log")
    )
    assert paths, "the shared data should hold text samples"
    outcomes = {}
    for path in paths:
        report = sandbox.run("clean", path, tmp_path / "out")
        outcomes[path.name] = report.refused or "cleaned"
        if report.refused is None:
            output = (tmp_path / "out").read_bytes()
            encoding = next(item.value for item in report.metadata if item.tag == "encoding")
            original = path.read_bytes().decode({"utf-8 with byte-order mark": "utf-8-sig"}.get(encoding, encoding))
            assert "".join(output.decode("utf-8").split()) == "".join(original.lstrip("\ufeff").split()), path
            assert b"\r" not in output and not output.startswith(b"\xef\xbb\xbf"), path
            (tmp_path / "out").unlink()
    assert "crash" not in outcomes.values() and "limit" not in outcomes.values(), outcomes
    assert list(outcomes.values()).count("cleaned") >= 0.8 * len(outcomes), outcomes
