"""Audio and video: decoded and re-encoded into a new container that carries no metadata at all.

Nothing is copied from the source file but decoded samples and pixels (transcode.py writes them):
no container or stream tag, chapter, attachment, cover art, subtitle, data track (GPS, telemetry,
timecode) or side data reaches the output. The display matrix is applied to the pixels instead.
With voice="alter" the sound is decoded first in a reading of its own, altered (voice.py) and
written in step with the picture in place of the original.
"""

from __future__ import annotations

import os
import random
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from farewell.anonymize.media import formats, transcode
from farewell.anonymize.media import voice as voices
from farewell.anonymize.media.report import MetadataItem, Refused, Report, short

MAX_SECONDS = 3 * 3600
MAX_SIDE = 8192
MAX_PIXELS = 40_000_000
MAX_SAMPLE_RATE = 384_000
MAX_DECODE_ERRORS = 20  # a damaged packet or two in a long recording is skipped, as players do; more is corrupt
PROBE_PACKETS = 500  # a stream must yield its first frame within this many of its packets
# The demuxer the sniffed type names: libav does not probe again, so no other parser sees the file.
DEMUXERS = {
    "video/mp4": "mov",
    "video/quicktime": "mov",
    "audio/mp4": "mov",
    "video/x-matroska": "matroska",
    "video/webm": "matroska",
    "video/x-msvideo": "avi",
    "audio/mpeg": "mp3",
    "audio/ogg": "ogg",
    "audio/flac": "flac",
    "audio/wav": "wav",
    "audio/aac": "aac",
}
# Where the declared duration comes from an index or a header written last, so decoding clearly less of it
# means a truncated file (for MP3, Ogg and ADTS it is only an estimate).
INDEXED = {"mov", "matroska", "flac", "wav"}
OPEN_OPTIONS = {"protocol_whitelist": "file"}  # no reference in the file may make libav open anything else
STRUCTURE_TAGS = {"major_brand", "minor_version", "compatible_brands"}  # the file type, not metadata
COVER = av.stream.Disposition.attached_pic
DISPLAYMATRIX = av.sidedata.sidedata.Type.DISPLAYMATRIX


@dataclass
class Selection:
    """The first video and the first audio stream, which are kept; every other stream is dropped."""

    video: av.video.stream.VideoStream | None
    audio: av.audio.stream.AudioStream | None
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (kind, description)

    @property
    def kept(self) -> list:
        return [stream for stream in (self.video, self.audio) if stream is not None]


@dataclass(frozen=True)
class Probe:
    """What the first decoded frames say (headers may lie): picture geometry and sound layout."""

    picture: transcode.Picture | None
    sound: transcode.Sound | None


def metadata(source: Path, mime: str) -> list[MetadataItem]:
    with _input(source, mime) as container:
        items = _tags("Container", container.metadata)
        for stream in container.streams:
            items += _tags(f"Stream {stream.index}", stream.metadata)
        for number, chapter in enumerate(container.chapters(), 1):
            title = chapter["metadata"].get("title") or f"{float(chapter['start'] * chapter['time_base']):.1f} s"
            items.append(MetadataItem("Chapters", f"Chapter {number}", short(title)))
        selection = _select(container, mime, "keep")
        items += [MetadataItem("Streams", kind, value) for kind, value in selection.dropped]
        if selection.video is not None and selection.video.codec_context is not None:
            picture = _probe(source, mime, [selection.video.index]).picture
            if picture is not None and picture.turn:
                items.append(MetadataItem(f"Stream {selection.video.index}", "rotation", picture.turn))
    return items


def clean(
    source: Path, target: Path, mime: str, *, voice: str = "keep", progress=None, treatment: dict | None = None
) -> Report:
    """`treatment` says how voice="alter" alters (voice.random_treatment); drawn afresh when None."""
    if mime not in DEMUXERS:
        raise Refused("unsupported")
    if voice == "alter":
        treatment = treatment or voices.random_treatment(random.SystemRandom())
        if not voices.available(treatment.get("method")):
            raise Refused("voice_alter_unavailable")
    if voice == "drop" and mime in formats.AUDIO_ONLY:
        raise Refused("voice_drop_audio_only")
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    try:  # written beside the target, renamed only when complete: a refusal leaves no half-written file
        removed, found = _clean_into(Path(source), partial, mime, voice, progress, treatment)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return Report(metadata=removed, faces=found)


def _clean_into(
    source: Path, partial: Path, mime: str, voice: str, progress, treatment: dict | None = None
) -> tuple[list[MetadataItem], int | None]:
    """What was removed, and the most faces hidden in one frame (None without a picture)."""
    with _input(source, mime) as container:
        selection = _select(container, mime, voice)
        declared = _declared_seconds(container, selection)
        if declared is not None and declared > MAX_SECONDS:
            raise Refused("too_long")
        for stream in selection.kept:
            _check_header(stream)
        probe = _probe(source, mime, [stream.index for stream in selection.kept])
        selection = _without_empty(selection, probe)
        if not selection.kept:
            raise Refused("no_streams")
        sound, altered = probe.sound, None
        if voice == "alter" and selection.audio is not None:
            altered = AlteredSound(voices.alter(_speech(source, mime, selection.audio.index), voices.RATE, treatment))
            sound = transcode.Sound(rate=voices.RATE, channels=1)
        writer = transcode.Writer(partial, formats.output_type(mime), probe.picture, sound)
        try:
            reached = _transcode(container, selection, writer, declared, progress, altered)
            writer.close()
        except BaseException:
            writer.abandon()
            raise
        if DEMUXERS[mime] in INDEXED and declared and reached < declared - max(0.5, 0.02 * declared):
            raise Refused("corrupt")  # the index promised more than the file holds
        removed = [MetadataItem("Removed", kind, value) for kind, value in selection.dropped]
        if chapters := len(container.chapters()):
            removed.append(MetadataItem("Removed", "chapters", f"{chapters} chapter{'s' if chapters > 1 else ''}"))
        if probe.picture is not None and probe.picture.turn:
            removed.append(MetadataItem("Removed", "rotation", f"{probe.picture.turn}, applied to the picture"))
        return removed, writer.video.most_faces if writer.video is not None else None


@contextmanager
def _input(source: Path, mime: str) -> Iterator[av.container.InputContainer]:
    """libav's failures become refusal codes (their messages could quote the file)."""
    try:
        container = av.open(str(source), format=DEMUXERS[mime], options=dict(OPEN_OPTIONS), metadata_errors="replace")
    except KeyError:
        raise Refused("unsupported") from None
    except av.error.MemoryError:  # libav refused an allocation the file asked for (a box claiming gigabytes)
        raise Refused("too_large") from None
    except (av.error.FFmpegError, UnicodeDecodeError):
        raise Refused("corrupt") from None
    try:
        yield container
    except av.error.MemoryError:
        raise Refused("too_large") from None
    except MemoryError:  # Python's own: the sandbox's memory limit, reported as such
        raise
    except (av.error.DecoderNotFoundError, av.error.PatchWelcomeError):
        raise Refused("unsupported") from None
    except (av.error.FFmpegError, UnicodeDecodeError):
        raise Refused("corrupt") from None
    finally:
        container.close()


def _tags(group: str, tags: dict) -> list[MetadataItem]:
    return [
        MetadataItem(group, short(key), short(value))
        for key, value in tags.items()
        if key.lower() not in STRUCTURE_TAGS
    ]


def _select(container: av.container.InputContainer, mime: str, voice: str) -> Selection:
    pictures = [s for s in container.streams.video if not s.disposition & COVER] if mime.startswith("video/") else []
    video = pictures[0] if pictures else None
    audio = container.streams.audio[0] if container.streams.audio and voice != "drop" else None
    kept = {stream.index for stream in (video, audio) if stream is not None}
    dropped = [(_kind(stream), _describe(stream)) for stream in container.streams if stream.index not in kept]
    return Selection(video, audio, dropped)


def _kind(stream: av.stream.Stream) -> str:
    if stream.type == "video" and stream.disposition & COVER:
        return "cover art"
    return {"subtitle": "subtitle stream", "data": "data stream", "attachment": "attachment"}.get(
        stream.type, f"{stream.type} stream"
    )


def _describe(stream: av.stream.Stream) -> str:
    if stream.type == "attachment":
        return short(stream.metadata.get("filename") or stream.metadata.get("mimetype") or "file")
    context = stream.codec_context
    name = context.name if context is not None else stream.metadata.get("handler_name")
    return short(name or stream.codec_tag or "unknown")


def _declared_seconds(container: av.container.InputContainer, selection: Selection) -> float | None:
    """The longest duration the headers give for the kept streams (the container's if they give none)."""
    durations = [float(s.duration * s.time_base) for s in selection.kept if s.duration and s.time_base]
    if not durations and container.duration:
        durations = [container.duration / av.time_base]
    return max(durations, default=None)


def _check_header(stream: av.stream.Stream) -> None:
    context = stream.codec_context
    if context is None:
        raise Refused("unsupported")  # libav has no decoder for it
    if stream.type == "video":
        _check_size(context.width, context.height)
    elif not 0 <= context.sample_rate <= MAX_SAMPLE_RATE:
        raise Refused("unsupported")


def _check_size(width: int, height: int) -> None:
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise Refused("too_large")


def _probe(source: Path, mime: str, indexes: list[int]) -> Probe:
    """Decodes the first frame of each stream (in a separate reading, so the real one starts clean): the
    encoders are set up from it. A stream without any packet is empty; one whose packets decode to
    nothing is corrupt."""
    firsts: dict[int, av.frame.Frame] = {}
    with _input(source, mime) as container:
        streams = [container.streams[index] for index in indexes]
        packets = dict.fromkeys(indexes, 0)
        for stream in streams:
            _check_header(stream)
            _threads(stream)
        for packet in container.demux(*streams):
            index = packet.stream.index
            if index in firsts:
                continue
            packets[index] += packet.size > 0
            if packets[index] > PROBE_PACKETS:
                raise Refused("corrupt")
            for frame in _decoded(packet):
                firsts.setdefault(index, frame)
            if len(firsts) == len(indexes):
                break
        if any(packets[index] and index not in firsts for index in indexes):
            raise Refused("corrupt")
        video = next((s for s in streams if s.type == "video" and s.index in firsts), None)
        audio = next((s for s in streams if s.type == "audio" and s.index in firsts), None)
        return Probe(
            picture=_picture(video, firsts[video.index]) if video else None,
            sound=_sound(firsts[audio.index]) if audio else None,
        )


def _decoded(packet: av.packet.Packet, errors: list[int] | None = None) -> list[av.frame.Frame]:
    try:
        return packet.decode()
    except (av.error.InvalidDataError, av.error.UndefinedError):
        if errors is None:
            return []
        errors[0] += 1
        if errors[0] > MAX_DECODE_ERRORS:
            raise Refused("corrupt") from None
        return []


def _threads(stream: av.stream.Stream) -> None:
    if stream.type == "video" and stream.codec_context is not None:
        stream.codec_context.thread_type = "AUTO"


def _picture(stream: av.video.stream.VideoStream, frame: av.VideoFrame) -> transcode.Picture:
    _check_size(frame.width, frame.height)
    aspect = stream.codec_context.sample_aspect_ratio or Fraction(1)
    if not Fraction(1, 4) <= aspect <= 4:
        aspect = Fraction(1)
    width = min(MAX_SIDE, round(frame.width * aspect))  # square pixels: the aspect ratio tag goes too
    return transcode.Picture(
        width=max(2, width - width % 2),
        height=max(2, frame.height - frame.height % 2),
        turn=transcode.turn_from_matrix(_display_matrix(frame)),
        rate=_rate(stream),
        colors=_colors(frame),
    )


def _display_matrix(frame: av.VideoFrame) -> list[int] | None:
    for data in frame.side_data:
        if data.type == DISPLAYMATRIX and data.buffer_size >= 36:
            return list(struct.unpack("=9i", bytes(data)[:36]))
    return None


def _rate(stream: av.video.stream.VideoStream) -> Fraction:
    for rate in (stream.average_rate, stream.guessed_rate, stream.base_rate):
        if rate and 1 <= rate <= 240:
            return Fraction(rate).limit_denominator(1001)
    return Fraction(30)


def _colors(frame: av.VideoFrame) -> dict:
    """How to read the pixels (not who made them): kept so that colours stay right."""
    if not frame.format.name.startswith("yuv"):
        return {"color_range": 1}
    colors = {"color_primaries": frame.color_primaries, "color_trc": frame.color_trc, "colorspace": frame.colorspace}
    return {"color_range": 1, **{name: value for name, value in colors.items() if 0 < value < 20 and value != 2}}


def _sound(frame: av.AudioFrame) -> transcode.Sound:
    if not 0 < frame.sample_rate <= MAX_SAMPLE_RATE:
        raise Refused("unsupported")
    return transcode.Sound(rate=frame.sample_rate, channels=frame.layout.nb_channels)


def _without_empty(selection: Selection, probe: Probe) -> Selection:
    video = selection.video if probe.picture is not None else None
    audio = selection.audio if probe.sound is not None else None
    empty = [(f"empty {s.type} stream", _describe(s)) for s in selection.kept if s is not video and s is not audio]
    return replace(selection, video=video, audio=audio, dropped=selection.dropped + empty)


class Budget:
    """How far decoding got, against the declared duration (progress) and the limits (too_long)."""

    def __init__(self, declared: float | None, progress: Callable[[float], None] | None):
        self.declared, self.progress = declared, progress
        self.reached = 0.0
        self.decoded = {"video": 0.0, "audio": 0.0}

    def advance(self, kind: str, seconds: float | None, length: float) -> None:
        self.decoded[kind] += length
        if seconds is not None:
            self.reached = max(self.reached, seconds + length)
        if max(self.reached, *self.decoded.values()) > MAX_SECONDS:
            raise Refused("too_long")
        if self.progress is not None and self.declared:
            self.progress(min(1.0, self.reached / self.declared))


def _speech(source: Path, mime: str, index: int) -> np.ndarray:
    """The sound track, decoded in a reading of its own and mixed to mono float32 at voices.RATE
    (all of it, to be altered at once: 3 hours are ~700 MB)."""
    chunks: list[np.ndarray] = []
    with _input(source, mime) as container:
        stream = container.streams[index]
        _check_header(stream)
        resampler, layout, seconds, errors = None, None, 0.0, [0]
        for packet in container.demux(stream):
            for frame in _decoded(packet, errors):
                if not 0 < frame.sample_rate <= MAX_SAMPLE_RATE:
                    raise Refused("unsupported")
                seconds += frame.samples / frame.sample_rate
                if seconds > MAX_SECONDS:
                    raise Refused("too_long")
                if (frame.format.name, frame.layout.name, frame.sample_rate) != layout:  # changed midway
                    chunks += _resampled(resampler, None)
                    resampler = av.AudioResampler(format="flt", layout="mono", rate=voices.RATE)
                    layout = (frame.format.name, frame.layout.name, frame.sample_rate)
                chunks += _resampled(resampler, frame)
        chunks += _resampled(resampler, None)
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)


def _resampled(resampler: av.AudioResampler | None, frame: av.AudioFrame | None) -> list[np.ndarray]:
    if resampler is None:
        return []
    return [out.to_ndarray().reshape(-1) for out in resampler.resample(frame)]


class AlteredSound:
    """Altered samples handed out in step with the source's audio frames, so that the output stays
    interleaved as the source was (and the sound starts where it started)."""

    def __init__(self, samples: np.ndarray):
        self.samples, self.given, self.played = samples, 0, 0.0

    def until(self, played: float) -> av.AudioFrame | None:
        """The samples up to `played` seconds of source sound (None if none are due)."""
        self.played = played
        end = min(len(self.samples), round(played * voices.RATE))
        return self._frame(end)

    def rest(self) -> av.AudioFrame | None:
        return self._frame(len(self.samples))

    def _frame(self, end: int) -> av.AudioFrame | None:
        if end <= self.given:
            return None
        chunk = np.ascontiguousarray(self.samples[self.given : end], dtype=np.float32).reshape(1, -1)
        self.given = end
        frame = av.AudioFrame.from_ndarray(chunk, format="flt", layout="mono")
        frame.sample_rate = voices.RATE
        return frame


def _transcode(
    container, selection: Selection, writer: transcode.Writer, declared, progress, altered: AlteredSound | None = None
) -> float:
    """Decodes the kept streams and hands every frame to the writer (the altered sound instead of
    the source's, when there is one); returns how many seconds were reached."""
    start = _start_seconds(selection)
    budget = Budget(declared, progress)
    errors = [0]
    frame_length = float(1 / writer.video.picture.rate) if writer.video else 0.0
    for stream in selection.kept:
        _threads(stream)
    for packet in container.demux(*selection.kept):
        stream = packet.stream
        for frame in _decoded(packet, errors):
            seconds = None if frame.pts is None else float(frame.pts * stream.time_base) - start
            if stream.type == "video":
                _check_size(frame.width, frame.height)
                writer.video.add(frame, seconds)
                budget.advance("video", seconds, frame_length)
            else:
                if not 0 < frame.sample_rate <= MAX_SAMPLE_RATE:
                    raise Refused("unsupported")
                length = frame.samples / frame.sample_rate
                if altered is None:
                    writer.audio.add(frame, seconds)
                elif (out := altered.until(altered.played + length)) is not None:
                    writer.audio.add(out, seconds)
                budget.advance("audio", seconds, length)
    if altered is not None and (out := altered.rest()) is not None:
        writer.audio.add(out, None)
    return budget.reached


def _start_seconds(selection: Selection) -> float:
    starts = [float(s.start_time * s.time_base) for s in selection.kept if s.start_time is not None and s.time_base]
    return min(starts, default=0.0)
