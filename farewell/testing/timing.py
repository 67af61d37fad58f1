"""Timing helpers the benchmarks share."""

from __future__ import annotations

import time


def timed(action) -> float:
    """Seconds of wall-clock time that action() took."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
