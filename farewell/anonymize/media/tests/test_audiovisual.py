"""Audio and video cleaned in the sandbox, judged by exiftool and ffprobe (not by the project's own reader)."""

import json
import shutil
import subprocess
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from farewell.anonymize.media import audiovisual, formats, sandbox, transcode
from farewell.anonymize.media.report import REFUSALS, Refused
from farewell.anonymize.media.sniff import sniff
from farewell.testing.media import IDENTIFYING, SHARED_DATA, exiftool, photo_with_metadata

SHARED = SHARED_DATA
TAGS = [
    *("-metadata", "title=Secret title"),
    *("-metadata", "artist=Igor Somov"),
    *("-metadata", "comment=Call Igor"),
    *("-metadata", "location=+55.1+061.4/"),
]
# In tag names of any group: what names a person, a device or a place, or what the input carried.
AV_IDENTIFYING = (*IDENTIFYING, "Location", "Title", "Encoder", "Software", "Picture", "Chapter", "Album", "Text")
NOT_CONTENT = ("System:", "File:", "ExifTool:", "SourceFile", "Composite:Rotation")
FRAME_HEADER_BITS = {"MPEG:CopyrightFlag"}  # a bit of every MPEG audio frame header, not a tag
# Nothing of these may be anywhere in a cleaned file's bytes: the input's tags, the cover's EXIF, and the
# version strings libav and x264 write unless told not to.
MARKERS = (b"Igor", b"Secret title", b"061.4", b"Canon", b"Lavf", b"Lavc", b"x264 - core")
# What the muxers write themselves, identical for every file (ffprobe shows it as tags).
STRUCTURE_TAGS = {"major_brand", "minor_version", "compatible_brands"}
STREAM_TAGS = {"language": {"und"}, "handler_name": {"VideoHandler", "SoundHandler"}, "vendor_id": {"[0][0][0][0]"}}
ZERO_DATE = "0000:00:00 00:00:00"


def ffmpeg(*arguments: str) -> None:
    if not shutil.which("ffmpeg"):
        pytest.fail("ffmpeg is not installed: run `make test` as root, or `apt-get install ffmpeg`.")
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", *arguments]
    subprocess.run(command, check=True, timeout=60, stdin=subprocess.DEVNULL)


def ffprobe(path: Path) -> dict:
    command = ["ffprobe", "-v", "error", "-of", "json", "-show_format", "-show_streams", "-show_chapters", str(path)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout)


def judged(path: Path) -> dict:
    return exiftool(path, "-G1", "-ee", "-api", "LargeFileSupport=1")


def leaks(path: Path) -> list[str]:
    """Identifying tags exiftool still finds (embedded and timed ones too), and dates that are not zero."""
    found = []
    for key, value in judged(path).items():
        if key.startswith(NOT_CONTENT) or key in FRAME_HEADER_BITS:
            continue
        if any(word in key for word in AV_IDENTIFYING) or ("Date" in key and value != ZERO_DATE):
            found.append(f"{key}={value}")
    return found


def tags_left(probe: dict) -> list[str]:
    left = [f"format:{key}" for key in probe["format"].get("tags", {}) if key not in STRUCTURE_TAGS]
    for stream in probe["streams"]:
        tags = stream.get("tags", {})
        left += [
            f"{stream['index']}:{key}={value}" for key, value in tags.items() if value not in STREAM_TAGS.get(key, ())
        ]
        left += [f"{stream['index']}:{data['side_data_type']}" for data in stream.get("side_data_list", [])]
    return left + [f"chapter {chapter['id']}" for chapter in probe.get("chapters", [])]


def gray_frame(path: Path) -> np.ndarray:
    """The first picture as ffmpeg shows it: turned by its display matrix (ffmpeg's autorotation)."""
    command = ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-frames:v", "1"]
    command += ["-pix_fmt", "gray", "-c:v", "pgm", "-f", "image2pipe", "-"]
    pgm = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    magic, width, height = pgm.split(maxsplit=3)[:3]  # "P5 width height 255", then the pixels
    assert magic == b"P5"
    width, height = int(width), int(height)
    return np.frombuffer(pgm[-width * height :], np.uint8).reshape(height, width).astype(int)


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict[str, Path]:
    """A 2-second clip, a tone, subtitles, a chapter and a cover photo carrying EXIF and GPS."""
    folder = tmp_path_factory.mktemp("media")
    files = {name: folder / name for name in ("clip.mp4", "tone.wav", "subs.srt", "chapters.txt", "cover.jpg")}
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=2"),
        *("-f", "lavfi", "-i", "sine=frequency=440:duration=2"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", str(files["clip.mp4"])),
    )
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=2", str(files["tone.wav"]))
    files["subs.srt"].write_text("1\n00:00:00,000 --> 00:00:01,000\nIgor Somov speaking\n")
    files["chapters.txt"].write_text(";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=Igor's part\n")
    photo_with_metadata(files["cover.jpg"])
    return {name.split(".")[0]: path for name, path in files.items()}


# name, how ffmpeg makes it from the media, (codec_type, codec_name) of every stream after cleaning, type after
ROWS = [
    (
        "mp4",
        ["-i", "{clip}", "-i", "{subs}", "-i", "{chapters}", "-map", "0", "-map", "1", "-map_chapters", "2"]
        + ["-c", "copy", "-c:s", "mov_text", *TAGS, "-f", "mp4"],
        [("video", "h264"), ("audio", "aac")],
        "video/mp4",
    ),
    ("mov", ["-i", "{clip}", "-c", "copy", "-timecode", "10:00:00:00", *TAGS, "-f", "mov"], None, "video/mp4"),
    (
        "mkv",
        ["-i", "{clip}", "-i", "{subs}", "-i", "{chapters}", "-map", "0", "-map", "1", "-map_chapters", "2"]
        + ["-c", "copy", "-attach", "{cover}", "-metadata:s:t", "mimetype=image/jpeg", *TAGS, "-f", "matroska"],
        None,
        "video/mp4",
    ),
    (
        "webm",
        ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=2", "-f", "lavfi", "-i", "sine=duration=2"]
        + ["-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus", *TAGS, "-f", "webm"],
        None,
        "video/mp4",
    ),
    ("avi", ["-i", "{clip}", "-c:v", "mpeg4", "-c:a", "libmp3lame", *TAGS, "-f", "avi"], None, "video/mp4"),
    ("m4a", ["-i", "{tone}", "-c:a", "aac", *TAGS, "-f", "ipod"], [("audio", "aac")], "audio/mp4"),
    ("aac", ["-i", "{tone}", "-c:a", "aac", "-f", "adts"], [("audio", "aac")], "audio/mp4"),
    (
        "mp3",
        ["-i", "{tone}", "-i", "{cover}", "-map", "0", "-map", "1", "-c:a", "libmp3lame", "-c:v", "copy"]
        + ["-id3v2_version", "3", "-metadata:s:v", "comment=Cover (front)", *TAGS, "-f", "mp3"],
        [("audio", "mp3")],
        "audio/mpeg",
    ),
    (
        "flac",
        ["-i", "{tone}", "-i", "{cover}", "-map", "0", "-map", "1", "-c:a", "flac", "-c:v", "copy"]
        + ["-disposition:v", "attached_pic", *TAGS, "-f", "flac"],
        [("audio", "flac")],
        "audio/flac",
    ),
    ("opus", ["-i", "{tone}", "-c:a", "libopus", *TAGS, "-f", "ogg"], [("audio", "opus")], "audio/ogg"),
    ("vorbis", ["-i", "{tone}", "-c:a", "libvorbis", *TAGS, "-f", "ogg"], [("audio", "opus")], "audio/ogg"),
    ("wav", ["-i", "{tone}", "-c:a", "pcm_s16le", *TAGS, "-f", "wav"], [("audio", "pcm_s16le")], "audio/wav"),
]
VIDEO = [("video", "h264"), ("audio", "aac")]


def make(media: dict[str, Path], arguments: list[str], path: Path) -> Path:
    ffmpeg(*[argument.format(**media) for argument in arguments], str(path))
    return path


@pytest.mark.parametrize("name, arguments, streams, output_type", ROWS, ids=[row[0] for row in ROWS])
def test_every_tag_stream_and_trace_is_gone(media, tmp_path, name, arguments, streams, output_type):
    source, target = make(media, arguments, tmp_path / f"in.{name}"), tmp_path / "out"
    if name != "aac":  # ADTS has nowhere to put tags
        assert leaks(source) and b"Igor" in source.read_bytes(), "the test file should carry metadata"
    report = sandbox.run("clean", source, target)
    assert report.refused is None, report.refused
    assert report.output_type == output_type and sniff(target) == output_type
    assert leaks(target) == []
    assert [marker for marker in MARKERS if marker in target.read_bytes()] == []
    probe = ffprobe(target)
    assert [(s["codec_type"], s["codec_name"]) for s in probe["streams"]] == (streams or VIDEO)
    assert tags_left(probe) == []
    assert float(probe["format"]["duration"]) == pytest.approx(2.0, abs=0.25)


def test_dropped_streams_chapters_and_cover_art_are_reported(media, tmp_path):
    rows = {row[0]: row[1] for row in ROWS}
    mp4 = make(media, rows["mp4"], tmp_path / "in.mp4")
    removed = {item.tag: item.value for item in sandbox.run("clean", mp4, tmp_path / "out").metadata}
    assert removed["subtitle stream"] == "mov_text" and removed["chapters"] == "1 chapter"
    mp3 = make(media, rows["mp3"], tmp_path / "in.mp3")
    report = sandbox.run("clean", mp3, tmp_path / "out.mp3")
    assert ("Removed", "cover art") in {(item.group, item.tag) for item in report.metadata}


def test_inspect_lists_what_the_file_carries(media, tmp_path):
    source = make(media, ROWS[0][1], tmp_path / "in.mp4")
    report = sandbox.run("inspect", source)
    found = {(item.group, item.tag): item.value for item in report.metadata}
    assert found[("Container", "artist")] == "Igor Somov"
    assert found[("Container", "location")].startswith("+55.1")
    assert found[("Chapters", "Chapter 1")] == "Igor's part"
    assert found[("Streams", "subtitle stream")] == "mov_text"


def test_a_rotated_phone_video_comes_out_upright_without_rotation(media, tmp_path):
    source, target = tmp_path / "rotated.mp4", tmp_path / "out"
    ffmpeg("-i", str(media["clip"]), "-c", "copy", "-metadata:s:v:0", "rotate=90", str(source))
    assert "side_data_list" in ffprobe(source)["streams"][0], "the test file should carry a display matrix"
    assert sandbox.run("clean", source, target).refused is None
    video = ffprobe(target)["streams"][0]
    assert (video["width"], video["height"]) == (240, 320)
    assert "side_data_list" not in video and judged(target).get("Composite:Rotation", 0) == 0
    expected, got = gray_frame(source), gray_frame(target)
    assert np.abs(expected - got).mean() < 6  # what ffmpeg's autorotation shows
    assert np.abs(np.rot90(expected, 2) - got).mean() > 20  # and not the picture upside down


def pyav_video(path: Path, degrees: int, hflip: bool) -> Path:
    """A video whose display matrix holds a rotation and maybe a mirror (ffmpeg 5 cannot write mirrors)."""
    with av.open(str(path), "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=10, options={"preset": "ultrafast"})
        stream.width, stream.height = 64, 48
        stream.set_display_rotation(degrees, hflip=hflip)
        luma = np.tile(np.arange(64, dtype=np.uint8) * 3 + 16, (48, 1))
        luma[4:14, 6:26] = 235  # a block near the top-left corner: every turn and mirror moves it
        planes = np.concatenate([luma.reshape(-1), np.full(2 * 32 * 24, 128, np.uint8)]).reshape(72, 64)
        for index in range(3):
            frame = av.VideoFrame.from_ndarray(planes, format="yuv420p")
            frame.pts = index
            frame.time_base = Fraction(1, 10)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
@pytest.mark.parametrize("hflip", [False, True])
def test_every_display_matrix_is_applied_as_ffmpeg_applies_it(tmp_path, degrees, hflip):
    source, target = pyav_video(tmp_path / "in.mp4", degrees, hflip), tmp_path / "out.mp4"
    audiovisual.clean(source, target, "video/mp4")
    expected, got = gray_frame(source), gray_frame(target)
    assert expected.shape == got.shape
    assert np.abs(expected - got).mean() < 6
    assert "side_data_list" not in ffprobe(target)["streams"][0]


def test_dropping_the_voice_leaves_a_video_without_sound(media, tmp_path):
    target = tmp_path / "out"
    report = sandbox.run("clean", media["clip"], target, "drop")
    assert report.refused is None
    assert [stream["codec_type"] for stream in ffprobe(target)["streams"]] == ["video"]
    assert ("Removed", "audio stream") in {(item.group, item.tag) for item in report.metadata}
    assert sandbox.run("clean", media["tone"], tmp_path / "out.wav", "drop").refused == "voice_drop_audio_only"


def test_the_frame_hook_gets_every_frame_upright(media, tmp_path, monkeypatch):
    source, seen = tmp_path / "rotated.mp4", []
    ffmpeg("-i", str(media["clip"]), "-c", "copy", "-metadata:s:v:0", "rotate=90", str(source))

    def blacken(frame: av.VideoFrame) -> np.ndarray:
        seen.append((frame.width, frame.height, len(frame.side_data)))
        return np.zeros((frame.height, frame.width, 3), np.uint8)  # an RGB array will do

    monkeypatch.setattr(transcode, "process_frame", blacken)
    audiovisual.clean(source, tmp_path / "out.mp4", "video/mp4")
    assert seen == [(240, 320, 0)] * 50
    assert gray_frame(tmp_path / "out.mp4").max() < 30


def test_progress_follows_the_timestamps(media, tmp_path):
    fractions = []
    audiovisual.clean(media["clip"], tmp_path / "out.mp4", "video/mp4", progress=fractions.append)
    assert fractions == sorted(fractions) and len(fractions) > 10
    assert fractions[0] < 0.2 and fractions[-1] == pytest.approx(1.0, abs=0.05)


def empty_streams(path: Path) -> Path:
    with av.open(str(path), "w", format="mp4") as container:
        container.add_stream("libx264", rate=25)
        container.add_stream("aac", rate=44100)
        container.start_encoding()
    return path


def claims_hours(path: Path, clip: Path) -> Path:
    """A Matroska file whose header says 11 hours, around 2 seconds of content."""
    ffmpeg("-i", str(clip), "-c", "copy", str(path))
    data = bytearray(path.read_bytes())
    at = data.find(b"\x44\x89\x88")  # the Segment Info's Duration, an 8-byte float in milliseconds
    data[at + 3 : at + 11] = np.array([4e7], ">f8").tobytes()
    path.write_bytes(bytes(data))
    return path


def hostile(kind: str, folder: Path, media: dict[str, Path]) -> Path:
    path = folder / kind
    clip = media["clip"].read_bytes()
    if kind == "truncated":  # the index (moov) is at the end: cut off
        path.write_bytes(clip[: len(clip) // 2])
    elif kind == "truncated_faststart":  # the index first, then half of the data
        ffmpeg("-i", str(media["clip"]), "-c", "copy", "-movflags", "+faststart", "-f", "mp4", str(path))
        path.write_bytes(path.read_bytes()[: int(path.stat().st_size * 0.6)])
    elif kind == "ftyp_and_noise":
        path.write_bytes(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + np.random.default_rng(1).bytes(20000))
    elif kind == "claims_hours":
        claims_hours(path.with_suffix(".mkv"), media["clip"]).rename(path)
    elif kind == "frames_hours_apart":  # no duration in the header (written to a pipe): found while decoding
        live = subprocess.run(
            ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=25"]
            + ["-frames:v", "3", "-vf", "setpts=N*5*3600/TB", "-fps_mode", "passthrough", "-f", "matroska", "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        path.write_bytes(live.stdout)
    elif kind == "too_wide":
        ffmpeg(
            "-f",
            "lavfi",
            "-i",
            "color=size=9000x16:rate=1",
            "-frames:v",
            "1",
            "-c:v",
            "libx264",
            "-f",
            "mp4",
            str(path),
        )
    elif kind == "empty_streams":
        empty_streams(path)
    elif kind == "unknown_codec":
        ffmpeg("-i", str(media["clip"]), "-c", "copy", "-f", "matroska", str(path))
        path.write_bytes(path.read_bytes().replace(b"V_MPEG4/ISO/AVC", b"V_MPEG4/ISO/XYZ"))
    elif kind == "id3_then_noise":
        path.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x10" + bytes(16) + np.random.default_rng(2).bytes(5000))
    return path


HOSTILE = [
    ("truncated", "corrupt"),
    ("truncated_faststart", "corrupt"),
    ("ftyp_and_noise", "corrupt"),
    ("claims_hours", "too_long"),
    ("frames_hours_apart", "too_long"),
    ("too_wide", "too_large"),
    ("empty_streams", "no_streams"),
    ("unknown_codec", "unsupported"),
    ("id3_then_noise", "unsupported"),  # no MPEG frame after the tag: not an MP3 at all
]


@pytest.mark.parametrize("kind, code", HOSTILE, ids=[row[0] for row in HOSTILE])
def test_hostile_files_are_refused_quickly(media, tmp_path, kind, code):
    source, target = hostile(kind, tmp_path, media), tmp_path / "out"
    started = time.monotonic()
    report = sandbox.run("clean", source, target)
    assert report.refused == code
    assert time.monotonic() - started < 10
    assert not target.exists()


def test_a_refusal_leaves_no_half_written_file(media, tmp_path):
    source = hostile("truncated_faststart", tmp_path, media)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Refused) as refusal:
        audiovisual.clean(source, out / "clean.mp4", "video/mp4")
    assert refusal.value.code == "corrupt"
    assert list(out.iterdir()) == []


def test_the_iphone_video_loses_its_location_and_stays_upright(tmp_path):
    source = SHARED / "gps-video-samples" / "with-gps.mov"
    if not source.is_file():
        pytest.skip(f"{source} is absent (the shared data sits beside the project in CI)")
    assert any("GPS" in key for key in judged(source)), "the sample should carry a location"
    target = tmp_path / "out"
    report = sandbox.run("clean", source, target)
    assert report.refused is None, report.refused
    assert leaks(target) == []
    data = target.read_bytes()
    assert b"iPhone" not in data and b"+32.0929" not in data
    assert tags_left(ffprobe(target)) == []
    assert np.abs(gray_frame(source) - gray_frame(target)).mean() < 6


def test_every_shared_audio_and_video_file_is_cleaned_or_refused_with_a_reason(tmp_path):
    folders = [SHARED / "mat2-testdata", SHARED / "exiftool-t-images"]
    if not all(folder.is_dir() for folder in folders):
        pytest.skip(f"{folders} are absent (the shared data sits beside the project in CI)")
    paths = [
        path
        for folder in folders
        for path in sorted(folder.iterdir())
        if path.is_file() and formats.FORMATS.get(sniff(path), ("",))[0] == "audiovisual"
    ]
    outcomes = {}
    for path in paths:
        report = sandbox.run("clean", path, tmp_path / "out")
        outcomes[f"{path.parent.name}/{path.name}"] = report.refused or "cleaned"
        if report.refused is None:
            assert leaks(tmp_path / "out") == [], path
            (tmp_path / "out").unlink()
    assert len(outcomes) >= 15, outcomes
    assert all(outcome == "cleaned" or outcome in REFUSALS for outcome in outcomes.values())
    assert not {"crash", "limit"} & set(outcomes.values()), outcomes
    dirty = [name for name in outcomes if name.startswith("mat2-testdata/")]
    assert all(outcomes[name] == "cleaned" for name in dirty), outcomes
