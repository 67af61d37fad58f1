"""The archive's page weight budget: what a reader on a slow or watched link downloads per page.

Measured on the demo archive (farewell/demo/content.py) by farewell/archive/tests/test_budget.py,
and checked in a real browser by tests/e2e/test_accessibility.py (no script, nothing from another
origin). docs/self-hosting.md ("Archive: accessibility and page weight") gives the budget next to
the sizes measured when it was set, about a third below it. Sizes are bytes of HTML as the
archive sends it, and gzipped at level 6 as a reverse proxy compresses it. Published media
(pictures, recordings, videos) are not counted: they load only on the pages of testimonies that
have them, and are as large as they need to be.
"""

from __future__ import annotations

from dataclasses import dataclass

KB = 1024


@dataclass(frozen=True)
class Budget:
    html: int  # the page's HTML, uncompressed
    html_gzip: int  # the same, gzipped
    stylesheet: int  # every stylesheet the page links, uncompressed
    total: int  # the HTML and everything it loads (stylesheets, icons, fonts…) except published media
    scripts: int = 0  # no JavaScript at all: the pages work in Tor Browser at "Safest"


# The listings of the demo archive (six testimonies): the home page, a theme, a year, a language,
# search results.
LISTING = Budget(html=7 * KB, html_gzip=int(2.5 * KB), stylesheet=10 * KB, total=17 * KB)
# A full page of a listing: FAREWELL_ARCHIVE_PAGE_SIZE (20) testimonies.
FULL_LISTING = Budget(html=14 * KB, html_gzip=3 * KB, stylesheet=10 * KB, total=24 * KB)
# A demo testimony's page: its text, how it was verified, share links, related testimonies. A
# longer testimony adds its own text (two bytes a letter in Cyrillic, before compression).
TESTIMONY = Budget(html=10 * KB, html_gzip=int(3.5 * KB), stylesheet=10 * KB, total=20 * KB)
