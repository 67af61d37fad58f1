"""Every file of the shared test data through the real sandbox, judged by exiftool: per type, how
many were cleaned with nothing identifying left, and why the rest were refused.

Run: .venv/bin/python bench/clean_formats.py [--data ../shared/data]
"Claimed" types are those formats.FORMATS cleans; the goal is 100% of their files cleaned with
nothing identifying left, or refused for a stated reason (corrupt, truncated…).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from farewell.anonymize.media.formats import FORMATS
from farewell.testing.sweep import clean_all, files_under

FOLDERS = ("mat2-testdata", "exif-samples", "exiftool-t-images", "gps-video-samples")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    options = parser.parse_args()
    paths = files_under(*(options.data / folder for folder in FOLDERS))
    started = time.monotonic()
    outcomes = clean_all(paths, Path(tempfile.mkdtemp(prefix="bench-formats-")))
    elapsed = time.monotonic() - started

    by_type = defaultdict(list)
    for outcome in outcomes:
        by_type[outcome.type].append(outcome)
    print(f"{len(paths)} files in {elapsed:.1f} s (2 sandboxes at a time); median per file "
          f"{statistics.median(o.seconds for o in outcomes):.2f} s")  # fmt: skip
    print("| type | claimed | files | cleaned, nothing left | cleaned, leftovers | refused (reason: count) |")
    print("|---|---|---|---|---|---|")
    totals = Counter()
    for mime in sorted(by_type, key=str):
        group = by_type[mime]
        clean = sum(1 for o in group if o.refused is None and not o.leftovers)
        dirty = sum(1 for o in group if o.refused is None and o.leftovers)
        refused = Counter(o.refused for o in group if o.refused)
        claimed = mime in FORMATS
        reasons = ", ".join(f"{code}: {count}" for code, count in sorted(refused.items()))
        print(f"| {mime} | {'yes' if claimed else 'no'} | {len(group)} | {clean} | {dirty} | {reasons} |")
        if claimed:
            totals.update(files=len(group), clean=clean, dirty=dirty, refused=sum(refused.values()))
            totals.update(crash=refused["crash"] + refused["limit"])
    share = totals["clean"] / max(totals["files"] - totals["refused"], 1)
    print(
        f"\nclaimed types: {totals['files']} files; cleaned with nothing identifying left: {totals['clean']} "
        f"({share:.1%} of those cleaned); cleaned with leftovers: {totals['dirty']}; refused with a reason: "
        f"{totals['refused']} (of which crash or limit: {totals['crash']})"
    )


if __name__ == "__main__":
    main()
