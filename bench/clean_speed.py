"""File cleaning throughput on this machine: camera JPEGs per second and minutes of video per
second, each measured in-process (the cleaner alone) and through the keyless sandbox (a fresh
child per file: what the worker does), so the sandbox's overhead shows separately.

Run: .venv/bin/python bench/clean_speed.py [--runs 5] [--video-seconds 60]
Inputs are generated: 12-megapixel JPEGs of a noisy gradient carrying EXIF (camera, GPS), and a
640×480, 25 fps H.264 clip with AAC audio (ffmpeg's test source).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

from farewell.anonymize.media import audiovisual, images, sandbox
from farewell.testing.media import WRITE_METADATA, sample_clip
from farewell.testing.timing import median_of, print_table


def camera_jpeg(path: Path) -> Path:
    from PIL import Image

    noise = Image.frombytes("L", (4000, 3000), os.urandom(4000 * 3000)).convert("RGB")
    gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    Image.blend(gradient, noise, 0.15).save(path, quality=90)
    subprocess.run(["exiftool", "-q", "-overwrite_original", *WRITE_METADATA, str(path)], check=True)
    return path


def video(path: Path, seconds: int) -> Path:
    return sample_clip(path, seconds, "-metadata", "artist=Igor Somov")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--video-seconds", type=int, default=60)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-clean-"))
    photo, clip = camera_jpeg(work / "photo.jpg"), video(work / "clip.mp4", options.video_seconds)
    tiny = work / "tiny.png"
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tiny)

    rows = []
    direct = median_of(options.runs, lambda: images.clean(photo, work / "out.jpg", "image/jpeg"))
    boxed = median_of(options.runs, lambda: sandbox.run("clean", photo, work / "out2.jpg"))
    rows.append(("12 MP JPEG, in-process", direct, f"{1 / direct[0]:.2f} photos/s"))
    rows.append(("12 MP JPEG, sandbox", boxed, f"{1 / boxed[0]:.2f} photos/s"))
    empty = median_of(options.runs, lambda: sandbox.run("clean", tiny, work / "tiny-out.png"))
    rows.append(("8×8 PNG, sandbox (the child's start-up cost)", empty, ""))
    seconds = options.video_seconds
    direct = median_of(
        max(options.runs // 2, 1), lambda: audiovisual.clean(clip, work / "out.mp4", "video/mp4", voice="keep")
    )
    boxed = median_of(max(options.runs // 2, 1), lambda: sandbox.run("clean", clip, work / "out2.mp4"))
    for label, figure in (("in-process", direct), ("sandbox", boxed)):
        rate = seconds / figure[0]
        throughput = f"{rate:.2f} s of video/s = {rate / 60:.3f} min/s"
        rows.append((f"{seconds} s of 640×480 video + audio, {label}", figure, throughput))
    print(f"cores: {os.cpu_count()}; runs: {options.runs} (video: {max(options.runs // 2, 1)})")
    print_table(rows)


if __name__ == "__main__":
    main()
