"""The archive's page weight budget: what a reader on a slow or watched link downloads per page.

Measured on the demo archive (farewell/demo/content.py) by farewell/archive/tests/test_budget.py,
and in a real browser by tests/e2e/test_accessibility.py; docs/self-hosting.md ("Archive:
accessibility and page weight") gives the budget with the sizes measured when it was set. Sizes
are bytes: HTML as the archive sends it, and gzipped at level 6 as a reverse proxy compresses it.
Published media (pictures, recordings, videos) are not counted: a reader chooses to load them.
"""

from __future__ import annotations

from dataclasses import dataclass

KB = 1024


@dataclass(frozen=True)
class Budget:
    html: int  # one page's HTML, uncompressed
    html_gzip: int  # the same, gzipped
    stylesheet: int  # all stylesheets the page links, uncompressed
    total: int  # HTML and stylesheets together, uncompressed
    scripts: int = 0  # no JavaScript at all: pages work in Tor Browser at "Safest"


# Listings: the home page, a theme, a year, a language, search results.
LISTING = Budget(
    html=7 * KB, html_gzip=Budget.__dataclass_fields__ and int(2.5 * KB), stylesheet=10 * KB, total=17 * KB
)
# A testimony's page: its text, how it was verified, share links, related testimonies.
TESTIMONY = Budget(html=9 * KB, html_gzip=int(3.5 * KB), stylesheet=10 * KB, total=19 * KB)
