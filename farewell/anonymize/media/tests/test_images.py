"""Images cleaned in the sandbox, judged by exiftool (not by the project's own reader)."""

import struct
import subprocess
import zlib

import pytest
from PIL import Image

from farewell.anonymize.media import sandbox
from farewell.testing.media import WRITE_METADATA, exiftool, identifying, shared_data


@pytest.mark.parametrize("extension, mode", [("jpg", "RGB"), ("png", "RGBA"), ("tiff", "RGB"), ("webp", "RGB")])
def test_metadata_written_by_exiftool_is_gone_and_the_orientation_is_applied(tmp_path, extension, mode):
    source, target = tmp_path / f"in.{extension}", tmp_path / f"out.{extension}"
    Image.new(mode, (64, 32), (200, 10, 10)).save(source)
    subprocess.run(["exiftool", "-q", "-overwrite_original", *WRITE_METADATA, str(source)], check=True)
    assert identifying(source), "the test file should carry metadata before cleaning"
    report = sandbox.run("clean", source, target)
    assert report.refused is None, report.reason
    assert identifying(target) == []
    assert Image.open(target).size == (32, 64)  # rotated by the orientation tag, which is gone


def test_a_png_comment_and_icc_profile_do_not_survive(tmp_path):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "made by Igor Somov")
    source, target = tmp_path / "in.png", tmp_path / "out.png"
    Image.new("RGB", (8, 8)).save(source, pnginfo=info, icc_profile=b"\0" * 128)
    sandbox.run("clean", source, target)
    data = exiftool(target)
    assert not any("Comment" in key or "ICC" in key for key in data)


def test_the_name_does_not_decide_the_type(tmp_path):
    source, target = tmp_path / "photo.txt", tmp_path / "out"
    Image.new("RGB", (8, 8)).save(source, format="PNG")
    assert sandbox.run("clean", source, target).output_type == "image/png"


@pytest.mark.parametrize(
    "content, code",
    [
        (b"", "empty"),
        (b"\x00\x01\x02 binary bytes of no known format \x00", "unsupported"),
        (b"PK\x03\x04" + b"\x00" * 60, "unsupported"),  # a broken ZIP, not a document
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 50, "corrupt"),
    ],
)
def test_it_refuses_rather_than_passing_through(tmp_path, content, code):
    source, target = tmp_path / "in", tmp_path / "out"
    source.write_bytes(content)
    report = sandbox.run("clean", source, target)
    assert report.refused == code
    assert not target.exists()


def test_a_decompression_bomb_is_refused_within_the_limits(tmp_path):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    # A PNG header claiming 100,000 × 100,000 pixels, with a tiny body.
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )
    (tmp_path / "bomb.png").write_bytes(bomb)
    report = sandbox.run("clean", tmp_path / "bomb.png", tmp_path / "out.png")
    assert report.refused == "too_large"


def test_colours_are_converted_to_srgb_and_the_profile_dropped(tmp_path):
    import io

    from PIL import ImageCms, ImageOps, ImageStat

    photo = shared_data("exif-samples", "jpg", "orientation") / "landscape_3.jpg"  # an Apple display profile
    original = Image.open(photo)
    profile = ImageCms.ImageCmsProfile(io.BytesIO(original.info["icc_profile"]))
    converted = ImageOps.exif_transpose(ImageCms.profileToProfile(original, profile, ImageCms.createProfile("sRGB")))
    untouched = ImageOps.exif_transpose(original.convert("RGB"))
    assert sandbox.run("clean", photo, tmp_path / "out.jpg").refused is None
    cleaned = Image.open(tmp_path / "out.jpg")
    assert "icc_profile" not in cleaned.info

    def mean(image):
        return ImageStat.Stat(image).mean

    # Closer to the colours the profile meant than to the raw numbers (JPEG re-encoding adds noise).
    towards_srgb = sum(abs(a - b) for a, b in zip(mean(cleaned), mean(converted), strict=True))
    towards_raw = sum(abs(a - b) for a, b in zip(mean(cleaned), mean(untouched), strict=True))
    assert towards_srgb < towards_raw, (towards_srgb, towards_raw)
