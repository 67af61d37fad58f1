"""The page weight budget (farewell/archive/budget.py), measured on the demo archive."""

from __future__ import annotations

import datetime
import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from farewell.archive import budget
from farewell.archive.models import Testimony, TestimonyTheme
from farewell.demo.content import DEMO_TESTIMONIES, load_demo_testimonies

pytestmark = pytest.mark.django_db

PREFIXES = ["/", "/en/", "/fr/"]
LISTINGS = [
    *PREFIXES,
    "/en/theme/desertion/",
    "/year/2026/",
    "/fr/language/ru/",
    "/en/search/?q=border",
    "/search/?q=абракадабра",
]
TESTIMONIES = [f"{prefix}t/{item['public_id']}/" for prefix in PREFIXES for item in DEMO_TESTIMONIES]
INTAKE = ["/submit/", "/submit/en/", "/submit/en/testimony/", "/submit/fr/return/"]
# Links the browser does not load by itself: the feeds, the canonical address.
NOT_LOADED = {"alternate", "canonical"}
MEDIA = re.compile(r"^/(?:[a-z]{2}/)?media/")  # published pictures, recordings, videos: not counted


class Resources(HTMLParser):
    """What a page makes the browser load: scripts, stylesheets and every other subresource."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.others: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes.get("src") or "(inline)")
        elif tag == "link":
            rel = set((attributes.get("rel") or "").lower().split())
            if "stylesheet" in rel:
                self.stylesheets.append(attributes.get("href", ""))
            elif not rel <= NOT_LOADED:
                self.others.append(attributes.get("href", ""))
        for name in ("src", "poster", "data"):
            if attributes.get(name) and tag != "script":
                self.others.append(attributes[name])
        if attributes.get("srcset"):
            self.others += [candidate.split()[0] for candidate in attributes["srcset"].split(",") if candidate.strip()]


def foreign(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc)


@dataclass
class Weight:
    path: str
    html: int
    html_gzip: int
    stylesheet: int
    others: int  # icons, fonts…: what else the page loads, published media aside
    resources: Resources

    @property
    def total(self) -> int:
        return self.html + self.stylesheet + self.others

    def over(self, limits: budget.Budget) -> list[str]:
        measured = {
            "html": self.html,
            "html_gzip": self.html_gzip,
            "stylesheet": self.stylesheet,
            "total": self.total,
            "scripts": len(self.resources.scripts),
        }
        return [
            f"{self.path}: {name} {value} > {getattr(limits, name)}{'' if name == 'scripts' else ' bytes'}"
            for name, value in measured.items()
            if value > getattr(limits, name)
        ]


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def weigh(client, path: str) -> Weight:
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    html = body_of(response)
    resources = Resources()
    resources.feed(html.decode("utf-8"))
    # What comes from another origin cannot be weighed here: the test below refuses it.
    stylesheet = sum(len(loaded(client, path, href)) for href in resources.stylesheets if not foreign(href))
    local = [url for url in resources.others if not foreign(url) and not MEDIA.match(url)]
    others = sum(len(loaded(client, path, url)) for url in local)
    return Weight(path, len(html), len(gzip.compress(html, compresslevel=6, mtime=0)), stylesheet, others, resources)


def loaded(client, page: str, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, f"{page}: {url} answers {response.status_code}"
    return body_of(response)


@pytest.fixture
def demo_archive():
    load_demo_testimonies()


@pytest.mark.parametrize(("paths", "limits"), [(LISTINGS, budget.LISTING), (TESTIMONIES, budget.TESTIMONY)])
def test_every_archive_page_keeps_to_its_budget(client, demo_archive, paths, limits):
    weights = [weigh(client, path) for path in paths]
    over = [problem for weight in weights for problem in weight.over(limits)]
    assert not over, "over the page weight budget (farewell/archive/budget.py):\n" + "\n".join(over)


def test_a_full_page_of_a_listing_keeps_to_its_budget(client, demo_archive, settings):
    settings.FAREWELL_ARCHIVE_PAGE_SIZE = 20  # the default, which the budget is for
    # The demo's six, and more like them (titles and themes of the demo's longest), to fill a page.
    longest = max(DEMO_TESTIMONIES, key=lambda item: len(item["title"].encode()) + len(item["themes"]))
    for number in range(20 - len(DEMO_TESTIMONIES)):
        testimony = Testimony.objects.create(
            language=longest["language"],
            title=f"{longest['title']} {number}",
            body=longest["body"],
            published_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
        )
        TestimonyTheme.objects.bulk_create(TestimonyTheme(testimony=testimony, slug=slug) for slug in longest["themes"])
    weights = [weigh(client, path) for path in PREFIXES]
    assert all(weight.html > budget.LISTING.html for weight in weights), "the page is not full"
    over = [problem for weight in weights for problem in weight.over(budget.FULL_LISTING)]
    assert not over, "over the page weight budget (farewell/archive/budget.py):\n" + "\n".join(over)


def test_the_measured_pages_are_the_ones_the_budget_means(client, demo_archive):
    """An error page or an empty listing would keep to any budget."""
    assert 'class="testimonies results"' in client.get("/en/search/?q=border").content.decode()
    assert 'class="testimonies results"' not in client.get("/search/?q=абракадабра").content.decode()
    for path in ["/", "/en/theme/desertion/", "/year/2026/", "/fr/language/ru/"]:
        assert 'class="testimonies"' in client.get(path).content.decode(), path
    assert "The crossing took eleven hours" in client.get("/en/t/demo-en-2/").content.decode()


def test_no_page_loads_a_script_or_anything_from_another_origin(client, demo_archive):
    problems = []
    for path in LISTINGS + TESTIMONIES + INTAKE:
        resources = weigh(client, path).resources
        problems += [f"{path}: script {script}" for script in resources.scripts]
        loaded = resources.stylesheets + resources.others
        problems += [f"{path}: loads {url} from another origin" for url in loaded if foreign(url)]
    assert not problems, "\n".join(problems)


def test_the_weight_is_measured_on_what_the_page_links():
    resources = Resources()
    resources.feed(
        '<link rel="stylesheet" href="/static/a.css"><link rel="alternate" href="/feed.atom">'
        '<link rel="preconnect" href="https://fonts.example"><script src="/x.js"></script><script>1</script>'
        '<img src="//cdn.example/p.png" srcset="/a.png 1x, https://cdn.example/b.png 2x">'
    )
    assert resources.stylesheets == ["/static/a.css"]
    assert resources.scripts == ["/x.js", "(inline)"]
    assert [url for url in resources.others if foreign(url)] == [
        "https://fonts.example",
        "//cdn.example/p.png",
        "https://cdn.example/b.png",
    ]
