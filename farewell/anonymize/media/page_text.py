"""The text of a document's pages through the text anonymization (anonymize/text): what it would
hide, with where it stands on the page, so a reviewer can cover it with a box in one click.

Documents are published as page images, so a name in their text is hidden only by a box over it.
PDFium gives every character of a page with its box; the pipeline finds names, units, places and
numbers in the page's text; each finding becomes one box per line it spans (fractions of the page,
like reviewers' boxes). A scanned page has no text layer: nothing is found, and the reviewer reads
the preview. Pages turned by /Rotate are read as well: their boxes are turned with the page.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from farewell.anonymize.text.pipeline import analyze
from farewell.anonymize.text.types import KEEP

MARGIN = 0.15  # of a line's height, around each box: a tight box leaves the edges of the glyphs
MAX_FOUND = 500  # per document: the list is for a reviewer to read
MAX_CHARACTERS = 200_000  # per page: beyond that it is not text a reader follows


def found_on_page(pdf: pdfium.PdfDocument, number: int) -> list[dict]:
    """[{"page", "label", "text", "boxes": [[x, y, w, h], …]}] for page `number` (1-based)."""
    page = pdf[number - 1]
    try:
        width, height = page.get_size()
        turn = page.get_rotation()
        textpage = page.get_textpage()
        try:
            count = min(textpage.count_chars(), MAX_CHARACTERS)
            text = "".join(_character(textpage, index) for index in range(count))
            if not text.strip():
                return []
            places = [textpage.get_charbox(index) for index in range(count)]
        finally:
            textpage.close()
    finally:
        page.close()
    found = []
    for entity in analyze(text).entities:
        if entity.action == KEEP:
            continue
        lines = _line_boxes(places[entity.start : entity.end], text[entity.start : entity.end])
        boxes = [_fraction(box, width, height, turn) for box in lines]
        if boxes:
            found.append({"page": number, "label": entity.label, "text": entity.text, "boxes": boxes})
    return found


def _character(textpage: pdfium.PdfTextPage, index: int) -> str:
    code = raw.FPDFText_GetUnicode(textpage.raw, index)
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else " "


def _line_boxes(places: list[tuple[float, float, float, float]], text: str) -> list[tuple[float, ...]]:
    """The characters' boxes (left, bottom, right, top in points) joined into one box per line."""
    lines: list[list[float]] = []
    for (left, bottom, right, top), character in zip(places, text, strict=True):
        if character.isspace() or right <= left or top <= bottom:
            continue
        current = lines[-1] if lines else None
        middle = (bottom + top) / 2
        if current is not None and current[1] <= middle <= current[3] and left >= current[0] - (top - bottom):
            current[0], current[1] = min(current[0], left), min(current[1], bottom)
            current[2], current[3] = max(current[2], right), max(current[3], top)
        else:
            lines.append([left, bottom, right, top])
    margin = [(line[3] - line[1]) * MARGIN for line in lines]
    return [(line[0] - m, line[1] - m, line[2] + m, line[3] + m) for line, m in zip(lines, margin, strict=True)]


def _fraction(box: tuple[float, ...], width: float, height: float, turn: int) -> list[float]:
    """A box in page points as [x, y, w, h] fractions of the page as it is shown (turned)."""
    left, bottom, right, top = box
    # Unturned page space: y grows upwards from the bottom edge. get_size() is already turned.
    across, down = (height, width) if turn in (90, 270) else (width, height)
    x0, y0, x1, y1 = left / across, 1 - top / down, right / across, 1 - bottom / down
    if turn == 90:  # shown turned clockwise
        x0, y0, x1, y1 = 1 - y1, x0, 1 - y0, x1
    elif turn == 180:
        x0, y0, x1, y1 = 1 - x1, 1 - y1, 1 - x0, 1 - y0
    elif turn == 270:
        x0, y0, x1, y1 = y0, 1 - x1, y1, 1 - x0
    x0, y0 = max(0.0, min(x0, 1.0)), max(0.0, min(y0, 1.0))
    x1, y1 = max(0.0, min(x1, 1.0)), max(0.0, min(y1, 1.0))
    return [round(x0, 5), round(y0, 5), round(x1 - x0, 5), round(y1 - y0, 5)]
