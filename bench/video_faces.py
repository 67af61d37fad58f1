"""Video with faces: frames per second of the whole cleaner (faces hidden in every frame, metadata
gone, audio re-encoded) against deface alone on the same clip, in the same run.

Run: .venv/bin/python bench/video_faces.py [--runs 3] [--seconds 10] [--data ../shared/data]
The clip is a dlib photo of three people panned slowly (so every frame differs), with a tone,
at 640×480 and 1280×720, 25 fps. deface runs with its OpenCV backend and --keep-audio (its
audio is copied, ours re-encoded). Goal: at least 0.8× deface's frames per second.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from farewell.anonymize.media import audiovisual, sandbox
from farewell.testing.timing import timed


def clip(photo: Path, size: str, seconds: int, path: Path) -> Path:
    width, height = size.split("x")
    pan = f"scale={int(width) * 2}:-2,crop={width}:{height}:x='t*10':y='(ih-{height})/2'"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-loop", "1", "-i", str(photo), "-f", "lavfi"]
        + ["-i", f"sine=duration={seconds}", "-t", str(seconds), "-r", "25", "-vf", pan]
        + ["-pix_fmt", "yuv420p", "-c:v", "libx264", "-c:a", "aac", "-shortest", str(path)],
        check=True,
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    options = parser.parse_args()
    photo = options.data / "dlib-faces" / "2008_002506.jpg"
    work = Path(tempfile.mkdtemp(prefix="bench-video-faces-"))
    deface = Path(sys.executable).with_name("deface")
    frames = options.seconds * 25
    print(f"{options.seconds} s clips, {frames} frames, {options.runs} runs each (medians)")
    print("| size | deface alone | Farewell in-process | Farewell through the sandbox | sandbox ÷ deface |")
    print("|---|---|---|---|---|")
    for size in ("640x480", "1280x720"):
        source = clip(photo, size, options.seconds, work / f"{size}.mp4")
        command = [str(deface), str(source), "-o", str(work / "deface.mp4"), "--backend", "opencv", "--keep-audio"]
        theirs, ours, boxed = [], [], []
        for _run in range(options.runs):  # interleaved, so a busy moment hits all three alike
            theirs.append(timed(lambda command=command: subprocess.run(command, check=True, capture_output=True)))
            ours.append(timed(lambda source=source: audiovisual.clean(source, work / "ours.mp4", "video/mp4")))
            boxed.append(timed(lambda source=source: sandbox.run("clean", source, work / "boxed.mp4")))
        rates = [frames / statistics.median(samples) for samples in (theirs, ours, boxed)]
        ratio = rates[2] / rates[0]
        print(f"| {size} | {rates[0]:.1f} fps | {rates[1]:.1f} fps | {rates[2]:.1f} fps | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
