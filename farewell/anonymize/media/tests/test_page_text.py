"""The text of a document's pages goes through the text anonymization, and each finding comes
with boxes that really lie over its words on the page as it is shown (turned pages too)."""

import numpy as np
import pypdfium2 as pdfium
import pytest

from farewell.anonymize.media import page_text, pages
from farewell.testing.media import text_pdf

LINES = ["Order for Sergeant John Smith,", "call sign Falcon, phone +7 912 345-67-89."]


def ink(image: np.ndarray, box: list[float]) -> float:
    height, width = image.shape
    x, y, w, h = box
    region = image[int(y * height) : int((y + h) * height) + 1, int(x * width) : int((x + w) * width) + 1]
    return float((region < 128).mean())


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_findings_have_boxes_over_their_words(tmp_path, turn):
    pdf = pdfium.PdfDocument(str(text_pdf(tmp_path / "order.pdf", LINES, rotate=turn)))
    found = page_text.found_on_page(pdf, 1)
    assert {(item["label"], item["text"]) for item in found} >= {
        ("PERSON", "John Smith"),
        ("PHONE", "+7 912 345-67-89"),
    }
    picture = np.asarray(pages.rasterize(pdf, 1).convert("L"), dtype=float)
    for item in found:
        assert item["page"] == 1 and len(item["boxes"]) == 1
        assert ink(picture, item["boxes"][0]) > 0.1, item  # words under the box, not white paper
    # …and a box of the same size elsewhere on the page holds no ink.
    x, y, w, h = found[0]["boxes"][0]
    assert ink(picture, [0.05 if x > 0.5 else 0.9, 0.9 if y < 0.5 else 0.02, min(w, 0.05), min(h, 0.05)]) == 0


def test_a_name_broken_over_two_lines_gets_a_box_on_each(tmp_path):
    pdf = pdfium.PdfDocument(str(text_pdf(tmp_path / "order.pdf", ["Signed by Colonel Igor", "Petrov, commander."])))
    boxes = [item["boxes"] for item in page_text.found_on_page(pdf, 1) if "Igor" in item["text"]]
    assert boxes and len(boxes[0]) == 2 and boxes[0][0][1] < boxes[0][1][1]


def test_a_page_without_text_finds_nothing(tmp_path):
    from PIL import Image

    Image.new("RGB", (300, 400), "white").save(tmp_path / "scan.pdf")
    assert page_text.found_on_page(pdfium.PdfDocument(str(tmp_path / "scan.pdf")), 1) == []
