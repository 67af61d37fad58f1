"""Timing helpers the benchmarks share."""

from __future__ import annotations

import statistics
import time


def timed(action) -> float:
    """Seconds of wall-clock time that action() took."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_of(runs: int, action) -> tuple[float, float, float]:
    """Median, fastest and slowest of `runs` timings of action()."""
    samples = [timed(action) for _ in range(runs)]
    return statistics.median(samples), min(samples), max(samples)


def print_table(rows) -> None:
    """Rows of (what, (median, min, max), throughput) as the Markdown table docs/benchmarks.md holds."""
    print("| what | median s | min–max s | throughput |")
    print("|---|---|---|---|")
    for label, (median, low, high), rate in rows:
        print(f"| {label} | {median:.3f} | {low:.3f}–{high:.3f} | {rate} |")
