"""`farewell clean` and `farewell inspect` as the product brief states them: OUT written exactly as
named, the output type said, refusals with their reason and a non-zero exit, inspect's JSON."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from farewell.testing.media import identifying, photo_with_metadata
from farewell.testing.server import clean_environment

pytestmark = pytest.mark.server


def farewell(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "farewell.cli", *args],
        env=clean_environment(tmp_path / "data"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def media(tmp_path: Path, name: str, *ffmpeg_args: str) -> Path:
    path = tmp_path / name
    command = ["ffmpeg", "-loglevel", "error", "-y", *ffmpeg_args, "-metadata", "artist=Igor Somov", str(path)]
    subprocess.run(command, check=True)
    return path


def streams(path: Path) -> list[str]:
    command = ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type", "-of", "json", str(path)]
    return [
        s["codec_type"] for s in json.loads(subprocess.run(command, capture_output=True, check=True).stdout)["streams"]
    ]


VIDEO = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1", "-f", "lavfi", "-i", "sine=duration=1"]
AUDIO = ["-f", "lavfi", "-i", "sine=duration=1"]


def test_clean_writes_out_exactly_as_named_and_says_the_type(tmp_path):
    photo = photo_with_metadata(tmp_path / "IMG_0001.jpg")
    result = farewell(tmp_path, "clean", str(photo), "cleaned.bin")
    assert result.returncode == 0, result.stderr
    assert "image/jpeg" in result.stdout
    assert (tmp_path / "cleaned.bin").is_file() and identifying(tmp_path / "cleaned.bin") == []


def test_a_refusal_exits_non_zero_with_the_reason_and_writes_nothing(tmp_path):
    (tmp_path / "notes.rtf").write_bytes(b"{\\rtf1 Igor Somov}")
    result = farewell(tmp_path, "clean", "notes.rtf", "out.rtf")
    assert result.returncode != 0
    assert "refused" in result.stderr and "cannot be cleaned" in result.stderr
    assert not (tmp_path / "out.rtf").exists()


def test_the_voice_is_kept_by_default_and_dropped_on_request(tmp_path):
    clip = media(tmp_path, "clip.mp4", *VIDEO, "-shortest")
    assert farewell(tmp_path, "clean", "clip.mp4", "kept.mp4").returncode == 0
    assert sorted(streams(tmp_path / "kept.mp4")) == ["audio", "video"]
    assert farewell(tmp_path, "clean", "--voice", "drop", str(clip), "silent.mp4").returncode == 0
    assert streams(tmp_path / "silent.mp4") == ["video"]


def test_dropping_the_voice_of_a_recording_is_refused_and_altering_it_writes_another_sound(tmp_path):
    media(tmp_path, "voice.wav", *AUDIO)
    dropped = farewell(tmp_path, "clean", "--voice", "drop", "voice.wav", "out.wav")
    assert dropped.returncode != 0 and "audio-only file would leave nothing" in dropped.stderr
    assert not (tmp_path / "out.wav").exists()
    assert farewell(tmp_path, "clean", "--voice", "keep", "voice.wav", "kept.wav").returncode == 0
    altered = farewell(tmp_path, "clean", "--voice", "alter", "voice.wav", "altered.wav")
    assert altered.returncode == 0, altered.stderr
    kept, changed = (tmp_path / "kept.wav").read_bytes(), (tmp_path / "altered.wav").read_bytes()
    assert changed[:4] == b"RIFF" and changed != kept  # test_voice.py measures what the alteration does


def test_inspect_prints_the_contract_s_json(tmp_path):
    photo = photo_with_metadata(tmp_path / "IMG_0001.jpg")
    report = json.loads(farewell(tmp_path, "inspect", str(photo)).stdout)
    assert set(report) == {"type", "metadata", "faces", "refused"}
    assert report["type"] == "image/jpeg" and report["refused"] is None
    assert all(set(item) == {"group", "tag", "value"} for item in report["metadata"])
    assert {"Make", "Model", "Artist"} <= {item["tag"] for item in report["metadata"]}
    (tmp_path / "junk").write_bytes(b"\x00\x01\x02\x03 no known format")
    refused = json.loads(farewell(tmp_path, "inspect", "junk").stdout)
    assert refused["refused"].startswith("this kind of file cannot be cleaned")


def test_a_missing_file_is_an_error(tmp_path):
    result = farewell(tmp_path, "clean", "absent.jpg", "out.jpg")
    assert result.returncode != 0 and "no such file" in result.stderr
