"""The annotated faces of ../shared/data/dlib-faces, and how many of them a mask covers."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import numpy as np
from PIL import Image

COVERED = 0.9  # a face counts as hidden when at least this share of its annotated box is


def annotated(folder: Path) -> dict[str, list[tuple[int, int, int, int]]]:
    """{file name: [(left, top, right, bottom)]} from dlib's testing.xml and training.xml."""
    boxes: dict[str, list[tuple[int, int, int, int]]] = {}
    for name in ("testing.xml", "training.xml"):
        for image in ElementTree.parse(folder / name).getroot().iter("image"):
            for box in image.iter("box"):
                left, top = int(box.get("left")), int(box.get("top"))
                right, bottom = left + int(box.get("width")), top + int(box.get("height"))
                boxes.setdefault(image.get("file"), []).append((left, top, right, bottom))
    return boxes


def hidden_share(mask: Image.Image, box: tuple[int, int, int, int]) -> float:
    region = np.asarray(mask.crop(box))
    return float((region > 0).mean()) if region.size else 0.0
