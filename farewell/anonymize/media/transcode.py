"""Writing decoded pictures and sound into a new file: fresh frames, new encoders, a muxer told to add nothing."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import av.bitstream
import av.video.reformatter
import numpy as np
from PIL import Image

from farewell.anonymize.media import faces

TIME_BASE = Fraction(1, 90_000)  # exact for 24, 25, 30, 30000/1001, 50, 60 fps and the 1/600 of iPhones
MIN_FRAME_GAP = 750  # ticks (1/120 s): closer frames are dropped, so no flood of tiny frames gets encoded
VIDEO_OPTIONS = {"preset": "veryfast", "crf": "23"}
ENCODER_OPTIONS = {"flags": "+bitexact"}  # e.g. the AAC encoder otherwise writes "Lavc…" into the first frame
NO_SEI = "filter_units=remove_types=6"  # x264 writes its version and settings into an SEI unit of the first frame
# The muxers' own traces: bitexact drops their "encoder"/vendor tags (Lavf…), the mp3 muxer gets no ID3
# header and no Xing/LAME frame (which names the encoder); faststart only moves the index to the front.
BITEXACT = {"fflags": "+bitexact"}
MUXERS = {
    "video/mp4": ("mp4", {**BITEXACT, "movflags": "+faststart"}),
    "audio/mp4": ("ipod", {**BITEXACT, "movflags": "+faststart"}),  # ipod: the "M4A " brand
    "audio/mpeg": ("mp3", {**BITEXACT, "id3v2_version": "0", "write_id3v1": "0", "write_xing": "0"}),
    "audio/ogg": ("ogg", BITEXACT),
    "audio/flac": ("flac", BITEXACT),
    "audio/wav": ("wav", {**BITEXACT, "write_bext": "0"}),
}
AUDIO_CODECS = {  # output type -> (encoder, bit rate, sample rates it takes; None: any)
    "video/mp4": ("aac", 128_000, (96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000)),
    "audio/mp4": ("aac", 128_000, (96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000)),
    "audio/mpeg": ("libmp3lame", 192_000, (48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000)),
    "audio/ogg": ("libopus", 96_000, (48000,)),
    "audio/flac": ("flac", 0, None),
    "audio/wav": ("pcm_s16le", 0, None),
}

# The display matrix's effect as a numpy operation on each plane, chosen as FFmpeg's own autorotation does
# (fftools: transpose=clock / cclock / …_flip, hflip, vflip).
TURNS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "clock": lambda plane: np.rot90(plane, -1),
    "cclock": lambda plane: np.rot90(plane, 1),
    "cclock_flip": lambda plane: plane.T,
    "clock_flip": lambda plane: np.rot90(plane, 2).T,
    "hflip": lambda plane: plane[:, ::-1],
    "vflip": lambda plane: plane[::-1],
    "hvflip": lambda plane: plane[::-1, ::-1],
}


def process_frame(frame: av.VideoFrame) -> av.VideoFrame:
    """The per-frame hook: gets every decoded frame, upright, yuv420p, free of side data and with its
    faces already hidden (`frame.time`: its second in the output), and returns the frame to encode
    (an av.VideoFrame, or an RGB numpy array). render.py burns reviewers' boxes in with its own hook."""
    return frame


def hide_faces(frame: av.VideoFrame) -> tuple[av.VideoFrame, int]:
    """Every face of the frame hidden as in photos (faces.py); the frame is untouched without one."""
    rgb = frame.to_ndarray(format="rgb24")
    found = faces.find(rgb)
    if not found:
        return frame, 0
    hidden = np.asarray(faces.hide(Image.fromarray(rgb), found))
    return av.VideoFrame.from_ndarray(hidden, format="rgb24").reformat(format="yuv420p"), len(found)


@dataclass(frozen=True)
class Picture:
    """The video to write: even source dimensions (before turning), the turn, rate and colours."""

    width: int
    height: int
    turn: str | None
    rate: Fraction
    colors: dict

    @property
    def upright_size(self) -> tuple[int, int]:
        swapped = self.turn in ("clock", "cclock", "clock_flip", "cclock_flip")
        return (self.height, self.width) if swapped else (self.width, self.height)


@dataclass(frozen=True)
class Sound:
    """The sound to write: sample rate and channels of the source."""

    rate: int
    channels: int


def turn_from_matrix(matrix: list[int] | None) -> str | None:
    """Which turn makes a picture upright, from its display matrix (9 ints, 16.16 fixed point)."""
    if not matrix:
        return None
    a, b, _, c, d = matrix[:5]
    if not (a or b):
        return None
    clockwise = round(math.degrees(math.atan2(b, a))) % 360  # av_display_rotation_get, negated
    if clockwise == 90:
        return "cclock_flip" if c > 0 else "clock"
    if clockwise == 270:
        return "clock_flip" if c < 0 else "cclock"
    if clockwise == 180:
        return {(True, True): "hvflip", (True, False): "hflip", (False, True): "vflip"}.get((a < 0, d < 0))
    return "vflip" if clockwise == 0 and d < 0 else None


def upright(frame: av.VideoFrame, picture: Picture) -> av.VideoFrame:
    """A new yuv420p frame holding only the pixels, turned: no side data, no frame metadata rides along."""
    width, height = picture.width, picture.height
    # Limited range, as most players assume: full-range pictures (MJPEG, some phones) are converted.
    limited = av.video.reformatter.ColorRange.MPEG
    scaled = frame.reformat(width, height, "yuv420p", src_color_range=frame.color_range, dst_color_range=limited)
    flat = scaled.to_ndarray().reshape(-1)
    luma, chroma = width * height, (width // 2) * (height // 2)
    planes = [
        flat[:luma].reshape(height, width),
        flat[luma : luma + chroma].reshape(height // 2, width // 2),
        flat[luma + chroma : luma + 2 * chroma].reshape(height // 2, width // 2),
    ]
    if picture.turn:
        planes = [TURNS[picture.turn](plane) for plane in planes]
    out_width, out_height = picture.upright_size
    data = np.concatenate([plane.reshape(-1) for plane in planes]).reshape(out_height * 3 // 2, out_width)
    return av.VideoFrame.from_ndarray(data, format="yuv420p")


class VideoTrack:
    def __init__(self, container: av.container.OutputContainer, picture: Picture, hook=None, *, faces: bool = True):
        self.container, self.picture, self.hook = container, picture, hook or process_frame
        self.faces = faces  # False only for a video whose faces were hidden when it was cleaned
        width, height = picture.upright_size
        self.stream = container.add_stream("libx264", rate=picture.rate, options={**ENCODER_OPTIONS, **VIDEO_OPTIONS})
        self.stream.codec_context.thread_type = "FRAME"  # x264's frame threads are faster than its sliced ones
        self.stream.width, self.stream.height, self.stream.pix_fmt = width, height, "yuv420p"
        self.stream.codec_context.time_base = TIME_BASE
        self.stream.time_base = TIME_BASE
        for name, value in picture.colors.items():
            setattr(self.stream.codec_context, name, value)
        self.last: int | None = None
        self.most_faces = 0  # the most faces hidden in one frame
        self.sei_filter: av.bitstream.BitStreamFilterContext | None = None
        self.frame_ticks = max(1, round(1 / (picture.rate * TIME_BASE)))

    def add(self, frame: av.VideoFrame, seconds: float | None) -> None:
        pts = self._pts(seconds)
        if pts is None:
            return
        frame = upright(frame, self.picture)
        hidden, found = hide_faces(frame) if self.faces else (frame, 0)
        self.most_faces = max(self.most_faces, found)
        hidden.pts, hidden.time_base = pts, TIME_BASE  # so that the hook knows when the frame is shown
        out = self.hook(hidden)
        if isinstance(out, np.ndarray):  # the hook may work on an RGB array
            out = av.VideoFrame.from_ndarray(out, format="rgb24")
        if out.format.name != "yuv420p" or (out.width, out.height) != self.picture.upright_size:
            out = out.reformat(*self.picture.upright_size, format="yuv420p")
        out.pts, out.time_base, out.duration = pts, TIME_BASE, self.frame_ticks
        self._mux(self.stream.encode(out))

    def started(self) -> None:
        """Once the encoder is open (its parameters say how units are framed), the SEI filter can be set up."""
        self.sei_filter = av.bitstream.BitStreamFilterContext(NO_SEI, self.stream)

    def _mux(self, packets: list[av.Packet]) -> None:
        for packet in packets:
            self._write(self.sei_filter.filter(packet))

    def _write(self, packets: list[av.Packet]) -> None:
        for packet in packets:
            packet.stream = self.stream
            self.container.mux_one(packet)

    def _pts(self, seconds: float | None) -> int | None:
        """Output timestamps keep the source's timing (variable frame rates too) but always increase."""
        if seconds is None:
            pts = 0 if self.last is None else self.last + max(self.frame_ticks, MIN_FRAME_GAP)
        else:
            pts = max(0, round(seconds / TIME_BASE))
        if self.last is not None and pts < self.last + MIN_FRAME_GAP:
            return None
        self.last = pts
        return pts

    def close(self) -> None:
        self._mux(self.stream.encode(None))
        self._write(self.sei_filter.filter(None))


class AudioTrack:
    def __init__(self, container: av.container.OutputContainer, mime: str, sound: Sound):
        codec, bit_rate, rates = AUDIO_CODECS[mime]
        self.rate = sound.rate if rates is None or sound.rate in rates else _nearest(sound.rate, rates)
        self.layout = "mono" if sound.channels == 1 else "stereo"  # more channels are mixed down
        self.container = container
        self.stream = container.add_stream(codec, rate=self.rate, layout=self.layout, options=dict(ENCODER_OPTIONS))
        if bit_rate:
            self.stream.codec_context.bit_rate = bit_rate
        self.format = self.stream.codec_context.format.name
        self.resampler: av.AudioResampler | None = None
        self.source: tuple | None = None
        self.written: int | None = None

    def add(self, frame: av.AudioFrame, seconds: float | None) -> None:
        if self.written is None:  # where the sound starts against the picture
            self.written = max(0, round((seconds or 0) * self.rate))
        source = (frame.format.name, frame.layout.name, frame.sample_rate)
        if source != self.source:  # a stream may change rate or layout midway: a new resampler for it
            self._drain()
            self.resampler = av.AudioResampler(format=self.format, layout=self.layout, rate=self.rate)
            self.source = source
        for out in self.resampler.resample(frame):
            self._encode(out)

    def _drain(self) -> None:
        if self.resampler is not None:
            for out in self.resampler.resample(None):
                self._encode(out)

    def _encode(self, frame: av.AudioFrame) -> None:
        """A new frame from the samples alone (the decoded one may carry side data)."""
        out = av.AudioFrame.from_ndarray(frame.to_ndarray(), format=self.format, layout=self.layout)
        out.sample_rate, out.time_base, out.pts = self.rate, Fraction(1, self.rate), self.written
        self.written += out.samples
        self.container.mux(self.stream.encode(out))

    def close(self) -> None:
        self._drain()
        self.container.mux(self.stream.encode(None))


def _nearest(rate: int, rates: tuple[int, ...]) -> int:
    return min(rates, key=lambda candidate: (abs(candidate - rate), -candidate))


class Writer:
    """A new file of the output type, holding at most one video and one audio track."""

    def __init__(
        self, path: Path, mime: str, picture: Picture | None, sound: Sound | None, *, hook=None, faces: bool = True
    ):
        muxer, options = MUXERS[mime]
        self.container = av.open(str(path), "w", format=muxer, container_options=dict(options))
        self.video = VideoTrack(self.container, picture, hook, faces=faces) if picture else None
        self.audio = AudioTrack(self.container, mime, sound) if sound else None
        self.container.start_encoding()  # opens the encoders and writes the header
        if self.video is not None:
            self.video.started()

    def close(self) -> None:
        try:
            for track in (self.video, self.audio):
                if track is not None:
                    track.close()
        finally:
            self.container.close()

    def abandon(self) -> None:
        try:
            self.container.close()
        except av.error.FFmpegError:
            pass  # the file is deleted anyway
