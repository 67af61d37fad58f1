"""What cleaning or inspecting a file says: its type, its metadata, and why it was refused."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Refusal reasons are codes, never messages: an exception text could quote the file's content.
REFUSALS = {
    "unsupported": "this kind of file cannot be cleaned, so it is refused rather than passed through",
    "corrupt": "the file is damaged or truncated",
    "too_large": "the image is too large to process safely (possible decompression bomb)",
    "limit": "cleaning went over its time or memory limit",
    "crash": "the cleaner failed on this file",
    "empty": "the file is empty",
    "voice_alter_unavailable": "altering voices arrives with a later version",
    "voice_drop_audio_only": "dropping the voice of an audio-only file would leave nothing",
}


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
