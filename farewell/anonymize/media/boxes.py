"""Reviewers' boxes: checked and clamped, burned as solid black into pictures, pages and video
frames (the pixels are replaced, so nothing under a box survives), and outlined with their
numbers on previews, together with the faces the cleaner hid."""

from __future__ import annotations

import math
from dataclasses import dataclass

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from farewell.anonymize.media.report import Refused

MAX_BOXES = 200  # as review/file_decisions.py allows
MAX_FACES = 1000  # face regions outlined on a preview; more are only marks left out
PREVIEW_SIDE = 1600  # the longest side of a preview picture
BLACK = (0, 0, 0)
BOX_MARK = (255, 0, 255)  # magenta: seen on photos, pages and black alike
FACE_MARK = (0, 229, 255)  # cyan
# yuv420p black in limited range (the encoders write limited range: transcode.upright).
LUMA_BLACK, CHROMA_NEUTRAL = 16, 128


@dataclass(frozen=True)
class Box:
    """A box in fractions of the picture or page, clamped to it; `number` is its place in the
    reviewers' list (1-based), shown on previews."""

    number: int
    page: int | None
    left: float
    top: float
    right: float
    bottom: float
    start: float | None = None
    end: float | None = None

    def pixels(self, width: int, height: int) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) in pixels, rounded outwards: a box covers at least what was drawn."""
        left, top = math.floor(self.left * width), math.floor(self.top * height)
        right, bottom = math.ceil(self.right * width), math.ceil(self.bottom * height)
        return (
            min(left, width - 1),
            min(top, height - 1),
            max(min(right, width), left + 1),
            max(min(bottom, height), top + 1),
        )

    def on_page(self, page: int) -> bool:
        return self.page is None or self.page == page

    def shown_at(self, seconds: float, length: float) -> bool:
        """Whether a frame shown from `seconds` for `length` seconds overlaps the box's interval."""
        return (self.start is None or seconds + length > self.start) and (self.end is None or seconds <= self.end)

    def echo(self) -> dict:
        return {
            "page": self.page,
            "x": round(self.left, 6),
            "y": round(self.top, 6),
            "w": round(self.right - self.left, 6),
            "h": round(self.bottom - self.top, 6),
            "start": self.start,
            "end": self.end,
        }


def _number(value, code: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Refused(code)
    return float(value)


def _moment(value) -> float | None:
    return None if value is None else max(0.0, _number(value, "bad_box"))


def parse_boxes(raw) -> tuple[Box, ...]:
    """Boxes from the render parameters: positions and sizes clamped to the picture; refused
    when one is not a number, empty, outside the picture or ends before it starts."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise Refused("bad_params")
    if len(raw) > MAX_BOXES:
        raise Refused("too_many_boxes")
    boxes = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise Refused("bad_box")
        x, y, w, h = (_number(item.get(key), "bad_box") for key in ("x", "y", "w", "h"))
        if w <= 0 or h <= 0:
            raise Refused("bad_box")
        left, top = min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)
        right, bottom = min(max(x + w, 0.0), 1.0), min(max(y + h, 0.0), 1.0)
        if right <= left or bottom <= top:
            raise Refused("bad_box")  # entirely outside: whatever it was meant to cover is not covered
        page = item.get("page")
        if page is not None and (isinstance(page, bool) or not isinstance(page, int)):
            raise Refused("bad_box")
        if page is not None and page < 1:
            raise Refused("box_page_out_of_range")
        start, end = _moment(item.get("start")), _moment(item.get("end"))
        if start is not None and end is not None and end <= start:
            raise Refused("bad_box")
        boxes.append(Box(number, page, left, top, right, bottom, start, end))
    return tuple(boxes)


def parse_regions(raw) -> tuple[tuple[float, float, float, float], ...]:
    """Face regions ([x, y, w, h] fractions, from the cleaning report) as (left, top, right, bottom)."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, list | tuple) and len(item) == 4 for item in raw):
        raise Refused("bad_params")
    regions = []
    for item in raw[:MAX_FACES]:
        x, y, w, h = (_number(value, "bad_params") for value in item)
        left, top = min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)
        right, bottom = min(max(x + w, 0.0), 1.0), min(max(y + h, 0.0), 1.0)
        if right > left and bottom > top:
            regions.append((left, top, right, bottom))
    return tuple(regions)


def burn(image: Image.Image, boxes) -> Image.Image:
    """The picture (RGB) with every box filled black."""
    if not boxes:
        return image
    burned = image.copy()
    draw = ImageDraw.Draw(burned)
    for box in boxes:
        left, top, right, bottom = box.pixels(*image.size)
        draw.rectangle((left, top, right - 1, bottom - 1), fill=BLACK)
    return burned


def burn_frame(frame: av.VideoFrame, boxes) -> av.VideoFrame:
    """A yuv420p frame with every box black, drawn in its planes (no round trip through RGB).
    Boxes are widened to even pixels so that the half-size colour planes are covered too."""
    if not boxes:
        return frame
    width, height = frame.width, frame.height
    flat = np.array(frame.to_ndarray(), copy=True).reshape(-1)
    luma, chroma = width * height, (width // 2) * (height // 2)
    planes = (
        flat[:luma].reshape(height, width),
        flat[luma : luma + chroma].reshape(height // 2, width // 2),
        flat[luma + chroma : luma + 2 * chroma].reshape(height // 2, width // 2),
    )
    for box in boxes:
        left, top, right, bottom = box.pixels(width, height)
        left, top = left - left % 2, top - top % 2
        right, bottom = min(width, right + right % 2), min(height, bottom + bottom % 2)
        planes[0][top:bottom, left:right] = LUMA_BLACK
        for plane in planes[1:]:
            plane[top // 2 : (bottom + 1) // 2, left // 2 : (right + 1) // 2] = CHROMA_NEUTRAL
    out = av.VideoFrame.from_ndarray(flat.reshape(height * 3 // 2, width), format="yuv420p")
    out.pts, out.time_base = frame.pts, frame.time_base
    return out


def preview_size(size: tuple[int, int], side: int = PREVIEW_SIDE) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def downscaled(image: Image.Image, side: int = PREVIEW_SIDE) -> Image.Image:
    size = preview_size(image.size, side)
    return image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)  # Pillow's own font: no font file is read


def mark(image: Image.Image, boxes, faces=()) -> Image.Image:
    """A preview's marks on an RGB picture (already burned): each box outlined in magenta with its
    number, each hidden face outlined in cyan."""
    marked = image.copy()
    draw = ImageDraw.Draw(marked)
    width, height = image.size
    line = max(2, round(min(width, height) / 300))
    font = _font(max(12, min(width, height) // 40))
    for left, top, right, bottom in faces:
        box = (round(left * width), round(top * height), round(right * width) - 1, round(bottom * height) - 1)
        draw.rectangle(box, outline=FACE_MARK, width=line)
    for box in boxes:
        left, top, right, bottom = box.pixels(width, height)
        draw.rectangle((left, top, right - 1, bottom - 1), outline=BOX_MARK, width=line)
        label = str(box.number)
        _l, _t, text_w, text_h = draw.textbbox((0, 0), label, font=font)
        tag = (left, top, min(width, left + text_w + 2 * line + 2), min(height, top + text_h + 2 * line + 2))
        draw.rectangle(tag, fill=BOX_MARK)
        draw.text((left + line + 1, top + line + 1), label, fill=(255, 255, 255), font=font)
    return marked


def label(image: Image.Image, text: str, height: int = 24) -> Image.Image:
    """The picture with a caption strip under it (contact sheets: the time of each frame)."""
    out = Image.new("RGB", (image.width, image.height + height), (32, 32, 32))
    out.paste(image, (0, 0))
    ImageDraw.Draw(out).text((6, image.height + 4), text, fill=(255, 255, 255), font=_font(height - 8))
    return out
