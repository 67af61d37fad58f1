"""A cleaned video or recording written again for rendering: boxes burned into every frame they
cover, faces not searched again (the cleaner hid them), and the sound chosen — none, kept, or
altered (voice.py) — in a new file that, like the cleaner's, carries nothing but pixels and samples.

It reads with audiovisual.py's machinery (the same demuxer choice, checks and limits) and writes
with transcode.py's; only the frame hook and the sound differ.
"""

from __future__ import annotations

import os
from pathlib import Path

import av

from farewell.anonymize.media import audiovisual, transcode
from farewell.anonymize.media.boxes import Box, burn_frame
from farewell.anonymize.media.report import Refused


class Burner:
    """The frame hook: the boxes whose interval the frame overlaps, burned black."""

    def __init__(self, boxes: tuple[Box, ...], picture: transcode.Picture):
        self.boxes, self.length = boxes, float(1 / picture.rate)

    def __call__(self, frame: av.VideoFrame) -> av.VideoFrame:
        seconds = float(frame.pts * frame.time_base)
        shown = [box for box in self.boxes if box.shown_at(seconds, self.length)]
        return burn_frame(frame, shown)


def reencode(
    source: Path,
    target: Path,
    mime: str,
    output: str,
    *,
    boxes: tuple[Box, ...] = (),
    sound: str = "keep",
    treatment: dict | None = None,
    progress=None,
) -> None:
    """Writes `target` (of type `output`) from `source`, read as `mime`: a video type keeps the
    picture; an audio type (audio/mp4 for an MP4 video too) keeps only the sound."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        _reencode_into(source, partial, mime, output, boxes, sound, treatment, progress)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _reencode_into(source, partial, mime, output, boxes, sound, treatment, progress) -> None:
    with audiovisual._input(source, mime) as container:
        selection = audiovisual._select(container, mime, "drop" if sound == "none" else "keep")
        declared = audiovisual._declared_seconds(container, selection)
        if declared is not None and declared > audiovisual.MAX_SECONDS:
            raise Refused("too_long")
        for stream in selection.kept:
            audiovisual._check_header(stream)
        probe = audiovisual._probe(source, mime, [stream.index for stream in selection.kept])
        selection = audiovisual._without_empty(selection, probe)
        if not selection.kept:
            raise Refused("no_streams")
        picture = probe.picture if selection.video is not None else None
        voice_of, extra = probe.sound if selection.audio is not None else None, ()
        if sound == "alter" and selection.audio is not None:
            altered, voice_of = altered_sound(source, mime, selection.audio.index, treatment)
            extra = (altered,)
        hook = Burner(boxes, picture) if picture is not None and boxes else None
        writer = transcode.Writer(partial, output, picture, voice_of, hook=hook, faces=False)
        try:
            audiovisual._transcode(container, selection, writer, declared, progress, *extra)
            writer.close()
        except BaseException:
            writer.abandon()
            raise


def altered_sound(source: Path, mime: str, index: int, treatment: dict | None):
    """The stream's voice altered as `treatment` says, handed out in step with the source's frames
    (audiovisual.AlteredSound), and the sound it makes (mono at voice.RATE)."""
    speech, stepped = getattr(audiovisual, "_speech", None), getattr(audiovisual, "AlteredSound", None)
    if speech is None or stepped is None:
        raise Refused("voice_alter_unavailable")  # the cleaner's reading of voices is not there
    from farewell.anonymize.media import voice

    if not isinstance(treatment, dict) or not voice.available(treatment.get("method")):
        raise Refused("voice_alter_unavailable")
    try:
        samples = voice.alter(speech(source, mime, index), voice.RATE, treatment)
    except voice.VoiceToolMissing:
        raise Refused("voice_alter_unavailable") from None
    except (KeyError, TypeError, ValueError):
        raise Refused("bad_params") from None
    return stepped(samples), transcode.Sound(rate=voice.RATE, channels=1)


def has_sound(source: Path, mime: str) -> bool:
    with audiovisual._input(source, mime) as container:
        return bool(container.streams.audio)
