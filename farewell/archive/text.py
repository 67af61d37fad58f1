"""Text as the archive may publish it."""

from __future__ import annotations

import re

# C0 controls but tab and line breaks, DEL, lone surrogates: invisible to reviewers (pasted from
# word processors), and XML cannot carry them, so one would break every feed and mirror.
UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")


def printable(text: str) -> str:
    """Vertical tabs and form feeds become line breaks, other control characters go."""
    return UNPRINTABLE.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n\n"))
