"""Choosing among overlapping spans: the preferred ones that overlap nothing preferred before
them, in O(n log n) (a sorted list of what was kept, searched by bisection) — testimonies and
press accounts run to hundreds of thousands of characters."""

from __future__ import annotations

import bisect
from typing import Protocol, TypeVar


class HasSpan(Protocol):
    start: int
    end: int


Spanned = TypeVar("Spanned", bound=HasSpan)


def longest_first(items: list[Spanned]) -> list[Spanned]:
    """Items (with start and end, in order of preference) that overlap none preferred before
    them, sorted by start."""
    starts: list[int] = []
    chosen: list[Spanned] = []
    for item in items:
        index = bisect.bisect_left(starts, item.start)
        if index > 0 and chosen[index - 1].end > item.start:
            continue
        if index < len(chosen) and chosen[index].start < item.end:
            continue
        starts.insert(index, item.start)
        chosen.insert(index, item)
    return chosen
