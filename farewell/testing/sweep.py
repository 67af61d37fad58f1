"""Cleaning many files through the real sandbox and judging each output with exiftool: the
shared-data test and the format benchmark both use it."""

from __future__ import annotations

import json
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from farewell.anonymize.media import sandbox
from farewell.testing.media import identifying_tags, require_exiftool

# A bit in the header of every MPEG audio frame (exiftool names it after copyright), not a tag.
FRAME_HEADER_BITS = frozenset({"MPEG:CopyrightFlag"})


@dataclass
class Outcome:
    path: Path
    type: str | None
    refused: str | None
    output_type: str | None = None
    output: Path | None = None
    seconds: float = 0.0
    leftovers: list[str] = field(default_factory=list)  # identifying tags exiftool still finds


def clean_all(paths: list[Path], out_dir: Path, *, workers: int = 2) -> list[Outcome]:
    out_dir.mkdir(parents=True, exist_ok=True)

    def one(item: tuple[int, Path]) -> Outcome:
        index, path = item
        target = out_dir / f"{index:04d}"
        started = time.monotonic()
        report = sandbox.run("clean", path, target)
        outcome = Outcome(path, report.type, report.refused, report.output_type, seconds=time.monotonic() - started)
        if report.refused is None:
            outcome.output = target
        return outcome

    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(one, enumerate(paths)))
    judge([outcome for outcome in outcomes if outcome.output is not None])
    return outcomes


def judge(outcomes: list[Outcome]) -> None:
    """One exiftool run over every output (-ee: embedded and timed metadata too)."""
    if not outcomes:
        return
    require_exiftool()
    by_path = {str(outcome.output): outcome for outcome in outcomes}
    command = ["exiftool", "-json", "-G", "-a", "-ee", "-api", "LargeFileSupport=1", *by_path]
    result = subprocess.run(command, capture_output=True, text=True)
    for entry in json.loads(result.stdout or "[]"):
        outcome = by_path[entry["SourceFile"]]
        outcome.leftovers = identifying_tags(entry, ignored=FRAME_HEADER_BITS)


def files_under(*folders: Path) -> list[Path]:
    return sorted(
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and path.name not in ("SOURCE.txt", "README", "README.rst") and not path.name.startswith(".")
    )
