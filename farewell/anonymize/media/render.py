"""Rendering a cleaned file: what reviewers preview and what is published of it.

`render(source, out_dir, params, progress)` writes out_dir/part-001.<ext>, part-002… and returns a
RenderReport listing them. Every part is written from decoded pixels or samples (no metadata can
ride along) with the reviewers' boxes burned in as solid black:

- images: published in their own family (JPEG stays JPEG, others become PNG); previewed as a PNG
  of at most 1600 px with boxes and the faces the cleaner hid (params["faces"]) outlined;
- PDF and office documents (laid out by LibreOffice): one picture per page at 150 dpi, with the
  faces on each page hidden there; published as PNG, or JPEG for a photographic page (a scan);
  previewed as PNG pages at ~100 dpi scaled down from the very pages published, and a JSON part
  listing what the text anonymization finds in the pages' text, with its boxes (page_text.py);
- video: published as MP4 with boxes burned in the frames of their interval and the sound chosen;
  previewed as a contact sheet;
- recordings: published only with sound (kept: the cleaned file; altered: re-encoded); previewed
  as a waveform. Previews of video and sound also carry the sound chosen, so reviewers hear it;
- plain text: nothing (it is quoted in the testimony, where the text review sees it).

Runs inside the sandboxed child (child.py `render IN OUT_DIR PARAMS`); no Django here.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from farewell.anonymize.media import boxes, faces, formats, images, page_text, pages, reencode, sheets
from farewell.anonymize.media.report import Refused, RenderReport
from farewell.anonymize.media.sniff import sniff

PURPOSES = ("preview", "publish")
FOUND_TYPE = "application/json"  # a document preview's list of what its text review found
SOUNDS = ("none", "keep", "alter")
MAX_PARAMS_BYTES = 1024 * 1024
JPEG = {"quality": 90}
PREVIEW_SCALE = 100 / pages.PUBLISH_DPI  # document previews: ~100 dpi
# A page is photographic (a scan, a full-page picture) when its thumbnail has this many colours per
# pixel or more: rendered text and drawings have few. Those pages are published as JPEG, others PNG.
PHOTO_THUMB, PHOTO_COLOURS = 256, 0.25
OFFICE = {mime for mime, (module, _out) in formats.FORMATS.items() if module == "office"}
KINDS = {
    **dict.fromkeys(images.FORMATS, "image"),
    "application/pdf": "pdf",
    **dict.fromkeys(OFFICE, "office"),
    "video/mp4": "video",
    **dict.fromkeys(("audio/mp4", "audio/mpeg", "audio/ogg", "audio/flac", "audio/wav"), "audio"),
    "text/plain": "text",
}


@dataclass(frozen=True)
class Params:
    purpose: str
    boxes: tuple[boxes.Box, ...]
    sound: str
    treatment: dict | None
    faces: tuple[tuple[float, float, float, float], ...]

    @property
    def preview(self) -> bool:
        return self.purpose == "preview"

    def echo(self) -> dict:
        """The instructions as understood; of the voice treatment only its method (its values help undo it)."""
        return {
            "purpose": self.purpose,
            "boxes": [box.echo() for box in self.boxes],
            "sound": self.sound,
            "treatment": {"method": self.treatment.get("method")} if self.treatment else None,
            "faces": [[round(v, 6) for v in (x0, y0, x1 - x0, y1 - y0)] for x0, y0, x1, y1 in self.faces],
        }


def parse(params) -> Params:
    if not isinstance(params, dict):
        raise Refused("bad_params")
    purpose, sound = params.get("purpose"), params.get("sound", "none")
    treatment = params.get("treatment")
    if purpose not in PURPOSES or sound not in SOUNDS or not (treatment is None or isinstance(treatment, dict)):
        raise Refused("bad_params")
    found = boxes.parse_regions(params.get("faces"))
    return Params(purpose, boxes.parse_boxes(params.get("boxes")), sound, treatment, found)


class Parts:
    """The output directory's parts, named in order; what the report lists."""

    def __init__(self, out_dir: Path):
        self.out_dir, self.listed = out_dir, []

    def next(self, mime: str, *, page: int | None = None, faces: int = 0, boxes: int = 0) -> Path:
        name = f"part-{len(self.listed) + 1:03d}{formats.EXTENSIONS[mime]}"
        self.listed.append({"name": name, "type": mime, "page": page, "faces": faces, "boxes": boxes})
        return self.out_dir / name

    def remove(self) -> None:
        for part in self.listed:
            (self.out_dir / part["name"]).unlink(missing_ok=True)
        self.listed = []


def render(source: Path, out_dir: Path, params: dict, progress: Callable[[float], None] | None = None) -> RenderReport:
    source, out_dir = Path(source), Path(out_dir)
    progress = progress or (lambda fraction: None)
    mime = sniff(source)
    report = RenderReport(type=mime)
    parts = Parts(out_dir)
    try:
        wanted = parse(params)
        report.purpose, report.params = wanted.purpose, wanted.echo()
        kind = KINDS.get(mime)
        if kind is None:
            raise Refused("empty" if mime == "application/x-empty" else "unsupported")
        report.no_parts = RENDERERS[kind](source, mime, parts, wanted, progress)
        report.parts = parts.listed
    except Refused as refusal:
        parts.remove()
        report.refused = refusal.code
    except MemoryError:
        parts.remove()
        report.refused = "limit"
    return report


def render_files(source: Path, out_dir: Path, params_path: Path, progress=None) -> RenderReport:
    """The child's entry: the parameters come as a JSON file beside the input."""
    data = Path(params_path).read_bytes()
    try:
        params = json.loads(data) if len(data) <= MAX_PARAMS_BYTES else None
    except ValueError:
        params = None
    if params is None:
        return RenderReport(type=sniff(source), refused="bad_params")
    return render(source, out_dir, params, progress)


# --- images -------------------------------------------------------------------------------------


def _only_page_one(wanted: Params) -> None:
    if any(box.page not in (None, 1) for box in wanted.boxes):
        raise Refused("box_page_out_of_range")


def _rgb(image: Image.Image) -> Image.Image:
    """The pixels as RGB, transparency flattened on white as viewers show it (what was under a
    fully transparent pixel was never visible and may hold what the author erased)."""
    if image.mode == "RGB":
        return image
    if "A" in image.mode or "a" in image.mode or "transparency" in image.info or image.mode == "P":
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(flat, rgba).convert("RGB")
    return image.convert("RGB")


def _pixels(image: Image.Image) -> Image.Image:
    """A new picture from the pixels alone: no .info (comments, profiles, XMP) can ride along."""
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _frames(image: Image.Image) -> tuple[list[Image.Image], list[int]]:
    if getattr(image, "n_frames", 1) > 1 and image.format == "GIF":
        frames, durations = [], []
        for index in range(image.n_frames):
            image.seek(index)
            frames.append(_rgb(image.convert("RGBA")))
            durations.append(int(image.info.get("duration") or 100))
        return frames, durations
    return [_rgb(image)], []


def _image(source: Path, mime: str, parts: Parts, wanted: Params, progress) -> None:
    _only_page_one(wanted)
    frames, durations = _frames(images.open_image(source))
    burned = [boxes.burn(frame, wanted.boxes) for frame in frames]
    found, count = len(wanted.faces), len(wanted.boxes)
    if wanted.preview:  # the first frame of an animation
        preview = boxes.mark(boxes.downscaled(burned[0]), wanted.boxes, wanted.faces)
        _pixels(preview).save(parts.next("image/png", faces=found, boxes=count), format="PNG")
    elif mime == "image/jpeg":
        _pixels(burned[0]).save(parts.next("image/jpeg", faces=found, boxes=count), format="JPEG", **JPEG)
    elif len(burned) > 1:  # an animated GIF stays animated, as an animated PNG
        first, *rest = (_pixels(frame) for frame in burned)
        target = parts.next("image/png", faces=found, boxes=count)
        first.save(target, format="PNG", save_all=True, append_images=rest, duration=durations, loop=0)
    else:
        _pixels(burned[0]).save(parts.next("image/png", faces=found, boxes=count), format="PNG")
    progress(1.0)


# --- documents ----------------------------------------------------------------------------------


def photographic(image: Image.Image) -> bool:
    thumb = image.copy()
    thumb.thumbnail((PHOTO_THUMB, PHOTO_THUMB))
    pixels = thumb.width * thumb.height
    colours = thumb.getcolors(maxcolors=pixels)
    return colours is None or len(colours) >= PHOTO_COLOURS * pixels


def _pdf(source: Path, mime: str, parts: Parts, wanted: Params, progress) -> None:
    with pages.document(source) as pdf:
        count = len(pdf)
        if any(box.page is not None and box.page > count for box in wanted.boxes):
            raise Refused("box_page_out_of_range")
        found: list[dict] = []
        for number in range(1, count + 1):
            if wanted.preview and len(found) < page_text.MAX_FOUND:  # what the text review would hide
                found += page_text.found_on_page(pdf, number)[: page_text.MAX_FOUND - len(found)]
            page = pages.rasterize(pdf, number)
            page, regions = faces.blur_faces_at(page)  # faces in a document's pictures are hidden here
            on_page = [box for box in wanted.boxes if box.on_page(number)]
            burned = boxes.burn(page, on_page)
            counts = {"page": number, "faces": len(regions), "boxes": len(on_page)}
            if wanted.preview:
                scaled = burned.resize(
                    boxes.preview_size((round(burned.width * PREVIEW_SCALE), round(burned.height * PREVIEW_SCALE))),
                    Image.Resampling.LANCZOS,
                )
                marked = boxes.mark(scaled, on_page, [_corners(region) for region in regions])
                marked.save(parts.next("image/png", **counts), format="PNG")
            elif photographic(burned):
                burned.save(parts.next("image/jpeg", **counts), format="JPEG", **JPEG)
            else:
                burned.save(parts.next("image/png", **counts), format="PNG")
            progress(number / count)
        if wanted.preview:
            parts.next(FOUND_TYPE).write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")


def _corners(region: list[float]) -> tuple[float, float, float, float]:
    x, y, w, h = region
    return x, y, x + w, y + h


def _office(source: Path, mime: str, parts: Parts, wanted: Params, progress) -> None:
    with pages.office_document(source, mime) as pdf:
        progress(0.3)
        _pdf(pdf, "application/pdf", parts, wanted, lambda fraction: progress(0.3 + 0.7 * fraction))


# --- video and sound ----------------------------------------------------------------------------


def _sound_part(source: Path, mime: str, parts: Parts, wanted: Params, progress) -> None:
    """The sound chosen, as its own part (previews: what reviewers listen to; recordings: what is
    published). From a video, an M4A of its sound track."""
    if wanted.sound == "none":
        return
    if wanted.sound == "alter" and not wanted.treatment:
        raise Refused("bad_params")  # drawn once per file by the caller: never made up here
    video = mime.startswith("video/")
    if video and not reencode.has_sound(source, mime):
        return
    if wanted.sound == "keep" and not video:
        shutil.copyfile(source, parts.next(mime))  # the cleaned file is already what is heard
        return
    read_as = "audio/mp4" if video else mime  # an MP4 read as sound only
    output = formats.output_type(read_as)
    reencode.reencode(
        source, parts.next(output), read_as, output, sound=wanted.sound, treatment=wanted.treatment, progress=progress
    )


def _video(source: Path, mime: str, parts: Parts, wanted: Params, progress) -> None:
    _only_page_one(wanted)
    if wanted.preview:
        sheet = sheets.contact_sheet(source, mime, wanted.boxes)
        sheet.save(parts.next("image/png", boxes=len(wanted.boxes)), format="PNG")
        progress(0.5)
        _sound_part(source, mime, parts, wanted, progress)
        return
    if wanted.sound == "alter" and not wanted.treatment:
        raise Refused("bad_params")
    reencode.reencode(
        source,
        parts.next("video/mp4", boxes=len(wanted.boxes)),
        mime,
        "video/mp4",
        boxes=wanted.boxes,
        sound=wanted.sound,
        treatment=wanted.treatment,
        progress=progress,
    )


def _audio(source: Path, mime: str, parts: Parts, wanted: Params, progress) -> str | None:
    if wanted.preview:
        sheets.waveform(source, mime).save(parts.next("image/png"), format="PNG")
    elif wanted.sound == "none":
        return "no_sound"
    _sound_part(source, mime, parts, wanted, progress)
    return None


def _text(source: Path, mime: str, parts: Parts, wanted: Params, progress) -> str:
    return "text"


RENDERERS = {"image": _image, "pdf": _pdf, "office": _office, "video": _video, "audio": _audio, "text": _text}
