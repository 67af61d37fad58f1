"""HEIC/HEIF photos cleaned into JPEGs, judged by exiftool (not by the project's own reader)."""

import struct
import subprocess
import time
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageOps

from farewell.anonymize.media import heif, sandbox
from farewell.anonymize.media.report import Refused
from farewell.anonymize.media.sniff import sniff
from farewell.testing import media
from farewell.testing.media import SHARED_DATA

SHARED = SHARED_DATA
SAMPLE_FOLDERS = ("exif-samples/heic", "mat2-testdata", "exiftool-t-images")
IDENTIFYING = ("GPS", "Make", "Model", "Serial", "Artist", "XMP", "ICC", "Orientation")
QUADRANTS = ((255, 0, 0), (0, 200, 0), (0, 0, 255), (255, 255, 0))  # top-left, top-right, bottom-left, bottom-right
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Igor Somov</dc:creator>'
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def exiftool(path: Path) -> dict:
    return media.exiftool(path, "-ee", groups="-G1")


def identifying(path: Path) -> list[str]:
    return media.identifying(path, "-ee", groups="-G1", words=IDENTIFYING)


def displayed_size(tags: dict) -> tuple[int, int]:
    """The primary image's size as viewers show it: exiftool's ImageWidth/Height, turned by `irot`."""
    width, height = tags["File:ImageWidth"], tags["File:ImageHeight"]
    return (height, width) if tags.get("QuickTime:Rotation") in (90, 270) else (width, height)


def heic(path: Path, image: Image.Image, **options) -> Path:
    heif._register()
    image.save(path, format="HEIF", quality=95, **options)
    return path


def quadrants(width: int = 64, height: int = 32) -> Image.Image:
    image = Image.new("RGB", (width, height))
    for index, colour in enumerate(QUADRANTS):
        left, top = (index % 2) * width // 2, (index // 2) * height // 2
        image.paste(colour, (left, top, left + width // 2, top + height // 2))
    return image


def colours(image: Image.Image) -> list[tuple[int, ...]]:
    """The colour at the centre of each quadrant, rounded away from compression noise."""
    width, height = image.size
    points = [(width // 4, height // 4), (3 * width // 4, height // 4), (width // 4, 3 * height // 4)]
    points.append((3 * width // 4, 3 * height // 4))
    return [tuple(round(channel / 255) for channel in image.convert("RGB").getpixel(point)) for point in points]


def with_orientation(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    return exif.tobytes()


def tagged(image: Image.Image, orientation: int) -> Image.Image:
    image.getexif()[ExifTags.Base.Orientation] = orientation
    return image


def shared_samples() -> list[Path]:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (the shared data sits beside the project in CI)")
    return sorted(
        path
        for folder in SAMPLE_FOLDERS
        for path in (SHARED / folder).rglob("*")
        if path.is_file() and path.suffix.lower() in (".heic", ".heif")
    )


def test_every_shared_heic_is_cleaned_into_a_bare_jpeg_of_the_displayed_size_or_refused(tmp_path):
    samples, outcomes = shared_samples(), {}
    assert samples, "the shared data should hold HEIC samples"
    for path in samples:
        target = tmp_path / "out"
        report = sandbox.run("clean", path, target)
        outcomes[path.name] = report.refused or "cleaned"
        if report.refused is None:
            assert sniff(target) == "image/jpeg" and report.output_type == "image/jpeg", path
            assert identifying(target) == [], path
            assert Image.open(target).size == displayed_size(exiftool(path)), path
            target.unlink()
    assert "crash" not in outcomes.values() and "limit" not in outcomes.values(), outcomes
    assert list(outcomes.values()).count("cleaned") >= 0.8 * len(outcomes), outcomes
    assert outcomes.get("QuickTime.heic", "corrupt") == "corrupt", "exiftool's sample is truncated"


def test_the_iphone_photo_is_turned_once_not_twice(tmp_path):
    # It carries both `irot` (270° anticlockwise) and EXIF Orientation 6: applying both would leave it on its side.
    path = SHARED / "exif-samples" / "heic" / "mobile" / "iphone_13_pro_max.HEIC"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared data sits beside the project in CI)")
    assert exiftool(path)["IFD0:Orientation"] == "Rotate 90 CW"
    heif.clean(path, tmp_path / "out.jpg", "image/heic")
    assert Image.open(tmp_path / "out.jpg").size == (3024, 4032)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_heif_rotation_and_mirroring_are_applied_once_and_exif_orientation_not_again(tmp_path, orientation):
    # pillow-heif writes the EXIF orientation as `irot`/`imir` and keeps the EXIF tag, like an iPhone does.
    source = heic(tmp_path / "in.heic", quadrants(), exif=with_orientation(orientation))
    assert exiftool(source).get("IFD0:Orientation") is not None
    heif.clean(source, tmp_path / "out.jpg", "image/heic")
    expected = ImageOps.exif_transpose(tagged(quadrants(), orientation))
    output = Image.open(tmp_path / "out.jpg")
    assert output.size == expected.size
    assert colours(output) == colours(expected)


def test_an_exif_orientation_without_heif_rotation_is_not_applied(tmp_path):
    # HEIF viewers follow `irot`/`imir`; an EXIF tag written afterwards (here by exiftool) does not turn the image.
    source = heic(tmp_path / "in.heic", quadrants())
    subprocess.run(["exiftool", "-q", "-overwrite_original", "-Orientation#=6", str(source)], check=True)
    assert exiftool(source)["IFD0:Orientation"] == "Rotate 90 CW" and "QuickTime:Rotation" not in exiftool(source)
    heif.clean(source, tmp_path / "out.jpg", "image/heic")
    output = Image.open(tmp_path / "out.jpg")
    assert output.size == (64, 32)
    assert colours(output) == colours(quadrants())


def test_a_heic_made_with_exif_gps_xmp_icc_and_a_thumbnail_comes_out_bare_through_the_sandbox(tmp_path):
    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model], exif[ExifTags.Base.Artist] = "Canon", "EOS 5D", "Igor Somov"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (55.0, 9.0, 36.0), 3: "E", 4: (61.0, 24.0, 0.0)}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = quadrants(96, 64)
    source = heic(tmp_path / "in.heic", image, exif=exif.tobytes(), xmp=XMP, icc_profile=icc, thumbnails=[32])
    found = identifying(source)
    assert {"IFD0:Make", "IFD0:Model", "GPS:GPSLatitude", "XMP-dc:Creator", "IFD0:Orientation"} <= set(found)
    report = sandbox.run("clean", source, tmp_path / "out.jpg")
    assert report.refused is None, report.reason
    assert (report.type, report.output_type) == ("image/heic", "image/jpeg")
    assert identifying(tmp_path / "out.jpg") == []
    assert Image.open(tmp_path / "out.jpg").size == (64, 96)  # turned by `irot`, once
    listed = {(item.group, item.tag) for item in report.metadata}
    assert {("EXIF", "Make"), ("EXIF", "Model"), ("GPS", "GPSLatitude"), ("EXIF", "Orientation")} <= listed
    assert {("XMP", "XMP packet"), ("ICC", "ICC profile"), ("HEIF", "thumbnails")} <= listed


def test_transparency_is_flattened_on_white(tmp_path):
    image = Image.new("RGBA", (64, 64), (255, 0, 0, 0))  # red, but fully transparent: never seen
    heif.clean(heic(tmp_path / "in.heic", image), tmp_path / "out.jpg", "image/heic")
    assert colours(Image.open(tmp_path / "out.jpg")) == [(1, 1, 1)] * 4


def test_ten_bit_monochrome_is_scaled_not_clipped(tmp_path):
    source = heic(tmp_path / "in.heic", Image.new("I;16", (64, 64), 32768))  # mid-grey in 16 bits
    heif.clean(source, tmp_path / "out.jpg", "image/heic")
    output = Image.open(tmp_path / "out.jpg")
    assert output.mode == "L" and 120 <= output.getpixel((32, 32)) <= 136


def _patched_size(tmp_path: Path, width: int, height: int) -> Path:
    """A real HEIC whose `ispe` box (the declared size) is rewritten; 64 × 64 needs no `clap` crop."""
    data = heic(tmp_path / "small.heic", Image.new("RGB", (64, 64), (0, 128, 0))).read_bytes()
    assert data.count(b"ispe") == 1 and b"clap" not in data
    at = data.index(b"ispe") + 8  # after the box type and its version/flags
    path = tmp_path / f"{width}x{height}.heic"
    path.write_bytes(data[:at] + struct.pack(">II", width, height) + data[at + 8 :])
    return path


@pytest.mark.parametrize("width, height", [(100_000, 100_000), (9_000, 9_000)])
def test_a_declared_size_beyond_the_limit_is_refused_quickly_before_decoding(tmp_path, width, height):
    # 100,000² trips Pillow's bomb error; 9,000² (81 Mpx) only the project's own MAX_PIXELS.
    path = _patched_size(tmp_path, width, height)
    started = time.monotonic()
    report = sandbox.run("clean", path, tmp_path / "out.jpg")
    assert report.refused == "too_large"
    assert time.monotonic() - started < 10
    assert not (tmp_path / "out.jpg").exists()


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.98])
def test_a_truncated_heic_is_refused_as_corrupt(tmp_path, keep):
    data = heic(tmp_path / "in.heic", quadrants(256, 256)).read_bytes()
    (tmp_path / "cut.heic").write_bytes(data[: int(len(data) * keep)])
    assert sniff(tmp_path / "cut.heic") == "image/heic"
    with pytest.raises(Refused) as refusal:
        heif.clean(tmp_path / "cut.heic", tmp_path / "out.jpg", "image/heic")
    assert refusal.value.code == "corrupt"


def test_a_truncated_heic_is_refused_through_the_sandbox(tmp_path):
    data = heic(tmp_path / "in.heic", quadrants(256, 256)).read_bytes()
    (tmp_path / "cut.heic").write_bytes(data[: len(data) // 2])
    started = time.monotonic()
    assert sandbox.run("clean", tmp_path / "cut.heic", tmp_path / "out.jpg").refused == "corrupt"
    assert time.monotonic() - started < 10


def test_a_primary_image_in_a_codec_libheif_cannot_decode_is_refused_not_swapped(tmp_path):
    # Two images; the primary (red) recoded as VVC. pillow-heif would silently offer the blue one instead.
    source = tmp_path / "two.heic"
    heic(source, Image.new("RGB", (64, 64), (255, 0, 0)), save_all=True, append_images=[Image.new("RGB", (64, 64))])
    data = source.read_bytes()
    at = data.index(b"hvc1")  # the first item's type in `iinf`: the primary, item 1
    source.write_bytes(data[:at] + b"vvc1" + data[at + 4 :])
    with pytest.raises(Refused) as refusal:
        heif.clean(source, tmp_path / "out.jpg", "image/heic")
    assert refusal.value.code == "unsupported"


def test_a_single_image_in_an_unknown_codec_is_refused(tmp_path):
    source = heic(tmp_path / "in.heic", Image.new("RGB", (64, 64)))
    source.write_bytes(source.read_bytes().replace(b"hvc1", b"vvc1"))
    with pytest.raises(Refused) as refusal:
        heif.clean(source, tmp_path / "out.jpg", "image/heic")
    assert refusal.value.code in ("unsupported", "corrupt")


def test_only_heic_is_accepted(tmp_path):
    Image.new("RGB", (8, 8)).save(tmp_path / "in.png")
    with pytest.raises(Refused) as refusal:
        heif.clean(tmp_path / "in.png", tmp_path / "out.jpg", "image/png")
    assert refusal.value.code == "unsupported"
