"""Pictures of time-based media for previews: a video's contact sheet (frames evenly spaced, each
with its time and the boxes shown then, burned and outlined) and a recording's waveform."""

from __future__ import annotations

import math
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw

from farewell.anonymize.media import audiovisual, boxes
from farewell.anonymize.media.report import Refused

FRAMES = 9
COLUMNS = 3
THUMB_SIDE = 480  # the longest side of each frame on the sheet
GAP = 8
SEEK_PACKETS = 1000  # after a seek, the frame wanted must come within this many packets
WAVE_SIZE = (1200, 240)
WAVE_RATE = 8000  # samples per second the waveform is measured at
WAVE_BLOCK = 80  # samples per peak (10 ms)


def clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}.{int((seconds - whole) * 10)}"


def contact_sheet(source: Path, mime: str, shown: tuple[boxes.Box, ...], count: int = FRAMES) -> Image.Image:
    """FRAMES frames at the middles of equal stretches of the video, in a grid."""
    with audiovisual._input(source, mime) as container:
        selection = audiovisual._select(container, mime, "drop")
        stream = selection.video
        if stream is None:
            raise Refused("no_streams")
        audiovisual._check_header(stream)
        duration = audiovisual._declared_seconds(container, selection) or 0.0
        if duration > audiovisual.MAX_SECONDS:
            raise Refused("too_long")
        rate = audiovisual._rate(stream)
        start = float(stream.start_time * stream.time_base) if stream.start_time is not None else 0.0
        thumbs = []
        for index in range(count):
            moment = duration * (index + 0.5) / count
            frame = _frame_at(container, stream, start + moment)
            if frame is None:
                break
            seconds = float(frame.pts * stream.time_base) - start if frame.pts is not None else moment
            audiovisual._check_size(frame.width, frame.height)
            picture = frame.to_image().convert("RGB")
            picture = picture.resize(boxes.preview_size(picture.size, THUMB_SIDE), Image.Resampling.LANCZOS)
            on = [box for box in shown if box.shown_at(seconds, float(1 / rate))]
            thumbs.append(boxes.label(boxes.mark(boxes.burn(picture, on), on), clock(max(seconds, 0.0))))
    if not thumbs:
        raise Refused("corrupt")
    return _grid(thumbs)


def _frame_at(container, stream, seconds: float) -> av.VideoFrame | None:
    """The first frame shown at or after `seconds` (the last one before it at the very end)."""
    try:
        container.seek(max(0, int(seconds / stream.time_base)), stream=stream, backward=True, any_frame=False)
    except av.error.FFmpegError:
        container.seek(0, stream=stream)
    last, packets = None, 0
    for packet in container.demux(stream):
        packets += 1
        for frame in audiovisual._decoded(packet):
            if frame.pts is not None and float(frame.pts * stream.time_base) >= seconds - 1e-3:
                return frame
            last = frame
        if packets > SEEK_PACKETS:
            break
    return last


def _grid(thumbs: list[Image.Image]) -> Image.Image:
    columns = min(COLUMNS, len(thumbs))
    rows = math.ceil(len(thumbs) / columns)
    cell_w, cell_h = max(t.width for t in thumbs), max(t.height for t in thumbs)
    sheet = Image.new("RGB", (columns * cell_w + (columns + 1) * GAP, rows * cell_h + (rows + 1) * GAP), (16, 16, 16))
    for index, thumb in enumerate(thumbs):
        row, column = divmod(index, columns)
        sheet.paste(thumb, (GAP + column * (cell_w + GAP), GAP + row * (cell_h + GAP)))
    return sheet


def waveform(source: Path, mime: str) -> Image.Image:
    """The loudness of the first sound stream over time, from its peaks every 10 ms."""
    peaks = _peaks(source, mime)
    width, height = WAVE_SIZE
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    middle, half = height // 2, height // 2 - 16
    # Scaled to the loud moments, not to the loudest click (an encoder's first frame can be one).
    loud = float(np.percentile(peaks, 99)) if peaks.size else 0.0
    for x, peak in enumerate(_columns(peaks, width)):
        extent = max(1, round(min(peak / loud, 1.0) * half)) if loud > 0 else 1
        draw.line((x, middle - extent, x, middle + extent), fill=(30, 60, 140))
    draw.line((0, middle, width, middle), fill=(180, 180, 180))
    length = peaks.size * WAVE_BLOCK / WAVE_RATE
    draw.text((4, height - 14), clock(0), fill=(0, 0, 0))
    draw.text((width - 70, height - 14), clock(length), fill=(0, 0, 0))
    return image


def _columns(peaks: np.ndarray, width: int) -> list[float]:
    """The loudest peak under each column (a short recording has fewer peaks than columns)."""
    if not peaks.size:
        return []
    starts = np.arange(width) * peaks.size // width
    ends = np.maximum((np.arange(width) + 1) * peaks.size // width, starts + 1)
    return [float(peaks[start:end].max()) for start, end in zip(starts, ends, strict=True)]


def _peaks(source: Path, mime: str) -> np.ndarray:
    blocks: list[np.ndarray] = []
    carry = np.zeros(0, dtype=np.float32)
    seconds, errors = 0.0, [0]
    with audiovisual._input(source, mime) as container:
        if not container.streams.audio:
            raise Refused("no_streams")
        stream = container.streams.audio[0]
        audiovisual._check_header(stream)
        resampler, layout = None, None

        def take(frames) -> None:
            nonlocal carry
            for out in frames:
                samples = np.concatenate([carry, out.to_ndarray().reshape(-1).astype(np.float32)])
                whole = len(samples) // WAVE_BLOCK * WAVE_BLOCK
                blocks.append(np.abs(samples[:whole]).reshape(-1, WAVE_BLOCK).max(axis=1))
                carry = samples[whole:]

        for packet in container.demux(stream):
            for frame in audiovisual._decoded(packet, errors):
                if not 0 < frame.sample_rate <= audiovisual.MAX_SAMPLE_RATE:
                    raise Refused("unsupported")
                seconds += frame.samples / frame.sample_rate
                if seconds > audiovisual.MAX_SECONDS:
                    raise Refused("too_long")
                if (frame.format.name, frame.layout.name, frame.sample_rate) != layout:  # changed midway
                    if resampler is not None:
                        take(resampler.resample(None))
                    resampler = av.AudioResampler(format="flt", layout="mono", rate=WAVE_RATE)
                    layout = (frame.format.name, frame.layout.name, frame.sample_rate)
                take(resampler.resample(frame))
        if resampler is not None:
            take(resampler.resample(None))
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)
