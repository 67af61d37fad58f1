"""HEIC/HEIF photos: the primary image decoded and written as a new JPEG from its pixels alone."""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, UnidentifiedImageError

from farewell.anonymize.media import faces, images
from farewell.anonymize.media.report import MetadataItem, Refused, Report, short

JPEG = images.FORMATS["image/jpeg"][1]
# What pillow-heif and Pillow raise for damaged input; IndexError when no image in the file is usable.
DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, RuntimeError, IndexError)
ORIENTATION = 0x0112

# Like images.py, nothing is copied from the old file: EXIF/GPS, XMP, ICC profiles, thumbnails, depth maps,
# auxiliary images (HDR gain maps, alpha, portrait mattes) and every other image in the container stay behind.
#
# Orientation: libheif applies the HEIF transformations (`irot` rotation, `imir` mirroring, `clap` crop) while
# decoding, which is what HEIF viewers show. pillow-heif (checked with 1.8) then resets the EXIF Orientation tag
# to 1, and the HEIF specification makes `irot`/`imir` authoritative over EXIF, so the EXIF tag is never applied
# here: applying it too would turn iPhone photos a second time.


@cache
def _register() -> None:
    # Imported on first use: only a child cleaning a HEIC loads libheif.
    import pillow_heif

    pillow_heif.register_heif_opener()


def _open(path: Path) -> Image.Image:
    """The primary image opened (its header read, nothing decoded) and its declared size checked."""
    _register()
    try:
        image = Image.open(path, formats=["HEIF"])  # never another plugin (Pillow's AVIF) behind our back
    except Image.DecompressionBombError:
        raise Refused("too_large") from None
    except DECODE_ERRORS:
        raise Refused("corrupt") from None
    if image.width * image.height > images.MAX_PIXELS:
        image.close()
        raise Refused("too_large")
    if not image.info.get("primary"):
        # libheif could not use the primary image (a codec it cannot decode, such as VVC or AV1 in a
        # .heic) and pillow-heif fell back on another image of the file: not the photo that was shown.
        image.close()
        raise Refused("unsupported")
    return image


def _decode(image: Image.Image) -> Image.Image:
    """Pixels only, in a mode JPEG can hold: a new image, so no .info (EXIF, XMP, ICC) rides along."""
    try:
        image.load()
    except DECODE_ERRORS:
        raise Refused("corrupt") from None
    if image.width * image.height > images.MAX_PIXELS:  # the decoded size is the one that counts
        raise Refused("too_large")
    image = images.in_srgb(image)  # Display P3 and other profiles: colours kept, the profile dropped
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())
    if pixels.mode.startswith("I;16"):
        # 10/12-bit monochrome stays 16-bit in pillow-heif; convert("L") would clip, not scale.
        return pixels.convert("I").point(lambda value: value / 256).convert("L")
    if pixels.mode == "L":
        return pixels
    if "A" in pixels.mode or "a" in pixels.mode:
        # Flattened on white, as viewers show it: pixels under full transparency were never visible
        # and may still hold what the author erased.
        background = Image.new("RGBA", pixels.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, pixels.convert("RGBA")).convert("RGB")
    return pixels.convert("RGB")


def _exif_items(exif: Image.Exif) -> list[MetadataItem]:
    items = [
        MetadataItem("EXIF", ExifTags.TAGS.get(tag, str(tag)), short(value))
        for tag, value in exif.items()
        if tag != ORIENTATION  # pillow-heif has reset it to 1; the original value is reported apart
    ]
    for ifd_id, group, names in (
        (ExifTags.IFD.Exif, "EXIF", ExifTags.TAGS),
        (ExifTags.IFD.GPSInfo, "GPS", ExifTags.GPSTAGS),
    ):
        try:
            ifd = exif.get_ifd(ifd_id)
        except (KeyError, ValueError, TypeError, SyntaxError):
            continue
        items += [MetadataItem(group, names.get(tag, str(tag)), short(value)) for tag, value in ifd.items()]
    return items


def _container_items(image: Image.Image) -> list[MetadataItem]:
    """What the HEIF container holds besides the primary image's pixels (counts, never content)."""
    info, items = image.info, []
    if info.get("original_orientation"):
        items.append(MetadataItem("EXIF", "Orientation", str(info["original_orientation"])))
    if info.get("xmp"):
        items.append(MetadataItem("XMP", "XMP packet", f"{len(info['xmp'])} bytes"))
    if info.get("icc_profile"):
        items.append(MetadataItem("ICC", "ICC profile", f"{len(info['icc_profile'])} bytes"))
    aux = info.get("aux") or {}
    for tag, count in (
        ("thumbnails", len(info.get("thumbnails") or [])),
        ("depth images", len(info.get("depth_images") or [])),
        ("auxiliary images", sum(len(ids) for ids in aux.values())),
        ("other images", getattr(image, "n_frames", 1) - 1),
    ):
        if count:
            items.append(MetadataItem("HEIF", tag, str(count)))
    if aux:
        items.append(MetadataItem("HEIF", "auxiliary image types", short(", ".join(sorted(aux)))))
    if info.get("metadata"):  # blocks other than EXIF and XMP (IPTC, vendor data)
        types = sorted({str(block.get("type", "?")) for block in info["metadata"]})
        items.append(MetadataItem("HEIF", "other metadata blocks", short(", ".join(types))))
    if info.get("heif"):
        items.append(MetadataItem("HEIF", "camera parameters", "present"))
    return items


def metadata(source: Path, mime: str = "") -> list[MetadataItem]:
    image = _open(source)
    try:
        try:
            items = _exif_items(image.getexif())
        except (ValueError, TypeError, SyntaxError, OSError, KeyError, IndexError, struct.error):
            items = [MetadataItem("EXIF", "EXIF", "unreadable")]  # it is not copied either way
        return items + _container_items(image)
    finally:
        image.close()


def clean(source: Path, target: Path, mime: str, *, voice: str = "keep", progress=None) -> Report:
    if mime != "image/heic":
        raise Refused("unsupported")
    image = _open(source)
    try:
        pixels = _decode(image)
    finally:
        image.close()
    if progress is not None:
        progress(0.8)
    pixels, regions = faces.blur_faces_at(pixels)
    with open(target, "wb") as handle:
        pixels.save(handle, format="JPEG", **JPEG)
    return Report(faces=len(regions), regions=regions[: images.MAX_REGIONS])


def count_faces(source: Path, mime: str = "") -> int:
    """For `farewell inspect`: how many faces cleaning would hide."""
    image = _open(source)
    try:
        return len(faces.find(np.asarray(_decode(image))))
    finally:
        image.close()
