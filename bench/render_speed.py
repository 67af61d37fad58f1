"""Render throughput on this machine, through the keyless sandbox (what the render job does): PDF
pages per second (rasterized at 150 dpi, faces searched on every page, boxes burned), an office
document laid out by LibreOffice, and 640×480 video re-encoded with boxes burned (no face search).

Run: .venv/bin/python bench/render_speed.py [--runs 3] [--pages 10] [--video-seconds 20]
Inputs are generated: A4 pages at 100 dpi with a noisy photo-like block and a line of text (Pillow's
PDF writer), an ODT of as many pages, and a 640×480, 25 fps H.264 clip with AAC (ffmpeg's test source).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from farewell.anonymize.media import sandbox
from farewell.testing.media import paged_odt, sample_clip
from farewell.testing.timing import median_of, print_table

BOXES = [
    {"page": None, "x": 0.1, "y": 0.1, "w": 0.3, "h": 0.1, "start": None, "end": None},
    {"page": None, "x": 0.5, "y": 0.6, "w": 0.2, "h": 0.2, "start": 1.0, "end": None},
]


def pdf(path: Path, pages: int) -> Path:
    sheets = []
    for number in range(pages):
        page = Image.new("RGB", (827, 1169), "white")
        block = Image.frombytes("L", (400, 300), os.urandom(400 * 300)).convert("RGB")
        page.paste(block, (200, 400))
        ImageDraw.Draw(page).text((100, 100), f"Page {number + 1}: order of the unit", fill="black")
        sheets.append(page)
    sheets[0].save(path, save_all=True, append_images=sheets[1:], resolution=100)
    return path


def odt(path: Path, pages: int) -> Path:
    return paged_odt(path, [f"Page {n + 1}. " + "The order was read to the unit. " * 40 for n in range(pages)])


def video(path: Path, seconds: int) -> Path:
    return sample_clip(path, seconds)


def rendering(source: Path, work: Path, purpose: str, sound: str = "none"):
    def action() -> None:
        out = Path(tempfile.mkdtemp(dir=work))
        report = sandbox.render(source, out, {"purpose": purpose, "boxes": BOXES, "sound": sound})
        assert report.refused is None, report.refused

    return action


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--video-seconds", type=int, default=20)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-render-"))
    document, office = pdf(work / "pages.pdf", options.pages), odt(work / "pages.odt", options.pages)
    clip = video(work / "clip.mp4", options.video_seconds)
    cleaned = work / "cleaned.mp4"
    assert sandbox.run("clean", clip, cleaned).refused is None

    rows = []
    for label, source, purpose, sound, units, unit in (
        (f"PDF, {options.pages} A4 pages, publish", document, "publish", "none", options.pages, "pages/s"),
        (f"PDF, {options.pages} A4 pages, preview", document, "preview", "none", options.pages, "pages/s"),
        (f"ODT, {options.pages} pages (LibreOffice), publish", office, "publish", "none", options.pages, "pages/s"),
        (f"{options.video_seconds} s of 640×480 video, 2 boxes, sound kept", cleaned, "publish", "keep", None, "fps"),
        (f"{options.video_seconds} s of 640×480 video, contact sheet", cleaned, "preview", "none", 1, "sheets/s"),
    ):
        figure = median_of(options.runs, rendering(source, work, purpose, sound))
        count = units if units is not None else options.video_seconds * 25
        rows.append((label, figure, f"{count / figure[0]:.2f} {unit}"))
    print(f"cores: {os.cpu_count()}; runs: {options.runs}")
    print_table(rows)


if __name__ == "__main__":
    main()
