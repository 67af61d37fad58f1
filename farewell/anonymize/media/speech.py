"""The reviewed transcript read aloud by a synthetic voice, as a small Ogg Opus file: what the
archive offers in place of the submitter's voice, which no alteration hides from an informed
listener (docs/benchmarks.md, "Voices")."""

from __future__ import annotations

import tempfile
from pathlib import Path

import av
import numpy as np

from farewell.anonymize.media import transcode, voice

OUTPUT_TYPE = "audio/ogg"
CHUNK = 4096  # samples per frame handed to the encoder
MAX_CHARACTERS = 100_000  # as long as a transcript may be


def read_aloud(text: str, language: str, target: Path) -> None:
    """`text` spoken by espeak-ng in `language` (ru, en, fr, uk), written to `target` as Opus."""
    if len(text) > MAX_CHARACTERS:
        raise ValueError("the text is longer than a transcript may be")
    with tempfile.TemporaryDirectory(prefix="farewell-speech-") as folder:
        spoken = Path(folder) / "spoken.wav"
        voice.synthesize(text, language, spoken)
        samples, rate = voice.read_wav(spoken)
    write_sound(samples, rate, Path(target), OUTPUT_TYPE)


def write_sound(samples: np.ndarray, rate: int, target: Path, mime: str) -> None:
    """Mono float samples encoded into a new file of type `mime` by the cleaner's writer (no tags,
    bitexact encoders)."""
    writer = transcode.Writer(target, mime, None, transcode.Sound(rate, 1))
    try:
        for start in range(0, len(samples), CHUNK):
            chunk = np.ascontiguousarray(samples[start : start + CHUNK], dtype=np.float32).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
            frame.sample_rate = rate
            writer.audio.add(frame, start / rate)
        writer.close()
    except BaseException:
        writer.abandon()
        target.unlink(missing_ok=True)
        raise
