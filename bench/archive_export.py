"""Time and size of the static mirror of 10,000 testimonies (`farewell export-static`).

Run: .venv/bin/python bench/archive_export.py [--data-dir /tmp/farewell-archive-10k] [--runs 3]

Loads 10,000 testimonies into the data dir first if it holds none (bench/archive_data.py). Each
run exports into an empty folder, then again into the same folder with nothing changed (the
incremental export: every page is rendered and compared, none written), then once more with --zip;
it reports the wall time of each `farewell export-static` process (start-up included) and the
command's own figure, the mirror's files and bytes, and the ZIP's size. Medians over the runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive_data  # noqa: E402
from archive_http import DEFAULT_DIR, ensure_loaded  # noqa: E402


def export(data_dir: Path, target: Path, *extra: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("farewell")), "export-static", str(target), *extra],
        env=archive_data.environment(data_dir),
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stdout


def mirror_size(root: Path) -> tuple[int, int, int]:
    """Files, bytes of their contents, bytes they take on disk."""
    files = size = disk = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            stat = (Path(folder) / name).stat()
            files += 1
            size += stat.st_size
            disk += stat.st_blocks * 512
    return files, size, disk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--count", type=int, default=10_000, help="testimonies to load if the dir has fewer")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ensure_loaded(args.data_dir, args.count)
    rows: dict[str, list[float]] = {}

    def note(what: str, value: float) -> None:
        rows.setdefault(what, []).append(value)

    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="archive-mirror-") as scratch:
            target = Path(scratch) / "mirror"
            first, out = export(args.data_dir, target)
            own = float(re.search(r" in ([\d.]+) s", out).group(1))
            pages = int(re.search(r"(\d+) pages and feeds", out).group(1))
            note("first export, s", first)
            note("first export, the command's own figure, s", own)
            note("pages and feeds", pages)
            files, size, disk = mirror_size(target)
            note("mirror files", files)
            note("mirror MB (contents)", size / 1e6)
            note("mirror MB (on disk)", disk / 1e6)
            again, out = export(args.data_dir, target)
            written = int(re.search(r"\((\d+) written", out).group(1))
            note("second export, nothing changed, s", again)
            note("second export, files written", written)
            zipped, out = export(args.data_dir, target, "--zip")
            note("third export with --zip, s", zipped)
            note("the ZIP alone (third minus second), s", zipped - again)
            note("ZIP MB", target.with_name("mirror.zip").stat().st_size / 1e6)
            print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:,.1f}" for k, v in rows.items()), flush=True)
            shutil.rmtree(target)
    print(f"\n| what | median of {args.runs} | runs |")
    print("|---|---|---|")
    for what, values in rows.items():
        print(f"| {what} | {statistics.median(values):,.1f} | {', '.join(f'{v:,.1f}' for v in values)} |")


if __name__ == "__main__":
    main()
