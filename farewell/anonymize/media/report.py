"""What cleaning, inspecting or rendering a file says: its type, its metadata, its parts, and why it was refused."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Refusal reasons are codes, never messages: an exception text could quote the file's content.
# The review site shows translated versions of the same codes (review/files.py).
REFUSALS = {
    "unsupported": "this kind of file cannot be cleaned, so it is refused rather than passed through",
    "corrupt": "the file is damaged or truncated",
    "too_large": "the file is too large to process safely (possible decompression bomb)",
    "too_long": "the recording is longer than the cleaner accepts",
    "limit": "cleaning went over its time or memory limit",
    "crash": "the cleaner failed on this file",
    "empty": "the file is empty",
    "encrypted": "the file is protected by a password, so its content cannot be checked",
    "embedded_unsupported": "the document embeds an object that cannot be cleaned (macro, OLE object or unknown image)",
    "linked_content": "the document links to an outside file or address (a linked picture, section or data source, "
    "a link into the author's computer), which would reveal a path or make the reader's application fetch it",
    "no_streams": "the file holds no audio or video stream that can be kept",
    "text_encoding": "the text is in an encoding that cannot be recognized safely",
    "voice_alter_unavailable": "altering voices needs the rubberband program (rubberband-cli), which is not installed",
    "voice_drop_audio_only": "dropping the voice of an audio-only file would leave nothing",
    # Rendering (render.py): what is previewed and published of a cleaned file.
    "bad_params": "the rendering instructions are malformed (an unknown purpose or sound, or an altered voice "
    "without its parameters)",
    "bad_box": "a box is malformed: a position or time that is not a number, an empty box, or one entirely "
    "outside the picture",
    "too_many_boxes": "a file can have at most 200 boxes",
    "box_page_out_of_range": "a box is on a page the file does not have",
    "renderer_unavailable": "the program that lays out office documents as pages (LibreOffice) is not installed",
}

# Why a render that succeeded made no part.
NO_PARTS = {
    "text": "a text file is not rendered: its text is quoted in the testimony and goes through the text review",
    "no_sound": "a recording is published only with its sound, and no sound was chosen",
}


class Refused(Exception):
    """Raised by a format's cleaner: the file is not passed through, for this reason (a code)."""

    def __init__(self, code: str):
        if code not in REFUSALS:
            raise ValueError(f"unknown refusal code {code!r}")
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class MetadataItem:
    group: str
    tag: str
    value: str


@dataclass
class Report:
    type: str | None = None
    metadata: list[MetadataItem] = field(default_factory=list)
    faces: int | None = None
    refused: str | None = None
    output_type: str | None = None
    # Images: where the hidden faces were, as [x, y, w, h] fractions of the cleaned picture (the
    # faces themselves are gone from it, so a preview can only outline them from here).
    regions: list[list[float]] | None = None

    @property
    def reason(self) -> str | None:
        return REFUSALS.get(self.refused, self.refused) if self.refused else None

    def as_inspect_json(self) -> dict:
        return {
            "type": self.type,
            "metadata": [asdict(item) for item in self.metadata],
            "faces": self.faces,
            "refused": self.reason,
        }


@dataclass
class RenderReport:
    """What rendering a cleaned file made: `parts` are files of the output directory, each
    {"name": "part-001.png", "type": "image/png", "page": n | None, "faces": n, "boxes": n};
    `params` are the validated instructions (the voice treatment by its method only)."""

    type: str | None = None
    purpose: str | None = None
    parts: list[dict] = field(default_factory=list)
    params: dict | None = None
    refused: str | None = None
    no_parts: str | None = None  # a code of NO_PARTS when it made none

    @property
    def reason(self) -> str | None:
        return REFUSALS.get(self.refused, self.refused) if self.refused else None


def short(value) -> str:
    """A metadata value as a short string (reports list values; they are never huge)."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return text[:200]
