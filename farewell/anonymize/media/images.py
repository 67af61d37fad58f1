"""Images: decoded, orientation applied to the pixels, re-encoded with nothing but pixels.

Re-encoding (not deleting known tags) is what removes EXIF/GPS, XMP, IPTC, comments, ICC
profiles and embedded thumbnails: the new file is written from the pixel data alone.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError

from farewell.anonymize.media import faces
from farewell.anonymize.media.report import MetadataItem, Refused, Report, short

MAX_PIXELS = 80_000_000  # ~ a 10,000 × 8,000 photo; beyond that, a bomb is more likely than a camera
FORMATS = {
    "image/jpeg": ("JPEG", {"quality": 92, "optimize": True}),
    "image/png": ("PNG", {"optimize": True}),
    "image/webp": ("WEBP", {"quality": 90}),
    "image/gif": ("GIF", {}),
    "image/tiff": ("TIFF", {"compression": "tiff_deflate"}),
    "image/bmp": ("BMP", {}),
}
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
MAX_REGIONS = 1000  # face regions the report keeps for previews (an animation repeats the same faces)


def open_image(source, *, pixels: bool = True, formats: list[str] | None = None) -> Image.Image:
    """The image (a path or a file object), decoded unless only its headers are wanted; refuses
    bombs before decoding and maps every decoder failure to `corrupt`."""
    try:
        image = Image.open(source, formats=formats)
        if image.width * image.height > MAX_PIXELS:
            raise Refused("too_large")
        if pixels:
            image.load()
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused("too_large") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise Refused("corrupt") from None


def in_srgb(image: Image.Image) -> Image.Image:
    """The pixels as sRGB when the image carries a colour profile (an iPhone's Display P3, a CMYK
    press profile): the profile itself is never written, so without this its colours would shift.
    A profile littleCMS cannot use is ignored, never a reason to keep it."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


def metadata(path: Path, mime: str = "") -> list[MetadataItem]:
    image = open_image(path, pixels=mime == "image/png")  # PNG text chunks may follow the pixels
    items = []
    exif = image.getexif()
    for tag, value in exif.items():
        items.append(MetadataItem("EXIF", ExifTags.TAGS.get(tag, str(tag)), short(value)))
    for ifd_id in (ExifTags.IFD.GPSInfo, ExifTags.IFD.Exif):
        try:
            for tag, value in exif.get_ifd(ifd_id).items():
                names = ExifTags.GPSTAGS if ifd_id == ExifTags.IFD.GPSInfo else ExifTags.TAGS
                group = "GPS" if ifd_id == ExifTags.IFD.GPSInfo else "EXIF"
                items.append(MetadataItem(group, names.get(tag, str(tag)), short(value)))
        except (KeyError, ValueError):
            continue
    for key, value in image.info.items():
        if key in (
            "exif",
            "dpi",
            "jfif",
            "jfif_version",
            "jfif_unit",
            "jfif_density",
            "transparency",
            "duration",
            "loop",
        ):
            continue
        items.append(MetadataItem("File", str(key), short(value)))
    return items


def clean(source: Path, target: Path, mime: str, *, voice: str = "keep", progress=None) -> Report:
    if mime not in FORMATS:
        raise Refused("unsupported")
    image = open_image(source)
    fmt, options = FORMATS[mime]
    frames = []
    if mime == "image/gif" and getattr(image, "n_frames", 1) > 1:
        for index in range(image.n_frames):
            image.seek(index)
            frames.append(image.convert("RGBA").copy())
    image = ImageOps.exif_transpose(in_srgb(image))  # the orientation tag goes; its effect stays
    if frames:  # an animation: every frame, and the largest count
        frames, per_frame = zip(*(faces.blur_faces_at(frame) for frame in frames), strict=True)
        found = max(len(hidden) for hidden in per_frame)
        regions = list({tuple(region): region for hidden in per_frame for region in hidden}.values())
    else:
        image, regions = faces.blur_faces_at(image)
        found = len(regions)
    # A new image from the raw pixels alone: no .info (ICC, comments, XMP) can ride along.
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode == "P" and image.getpalette():
        pixels.putpalette(image.getpalette())
    frames = [Image.frombytes(frame.mode, frame.size, frame.tobytes()) for frame in frames]
    if fmt == "JPEG" and pixels.mode not in ("RGB", "L"):
        pixels = pixels.convert("RGB")
    with open(target, "wb") as handle:
        if frames:
            frames[0].save(handle, format="GIF", save_all=True, append_images=frames[1:], loop=0)
        else:
            pixels.save(handle, format=fmt, **options)
    return Report(type=mime, output_type=mime, faces=found, regions=regions[:MAX_REGIONS])


def count_faces(path: Path, mime: str = "") -> int:
    """For `farewell inspect`: how many faces cleaning would hide."""
    image = ImageOps.exif_transpose(open_image(path))
    return len(faces.find(np.asarray(image.convert("RGB"))))


def reencode(data: bytes, work: Path) -> tuple[bytes, str]:
    """An image embedded in a document (bytes in, bytes out), cleaned like a file: refuses what
    it cannot clean. Returns the new bytes and their type (unchanged: the document refers to
    the image by name)."""
    from farewell.anonymize.media.sniff import sniff

    source, target = work / "embedded-in", work / "embedded-out"
    source.write_bytes(data)
    try:
        mime = sniff(source)
        if mime not in FORMATS:
            raise Refused("embedded_unsupported")
        clean(source, target, mime)
        return target.read_bytes(), mime
    finally:
        source.unlink(missing_ok=True)
        target.unlink(missing_ok=True)
