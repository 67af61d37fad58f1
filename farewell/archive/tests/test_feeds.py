"""Atom feeds: valid, full text, ids from the canonical URL, the same bytes for the same archive."""

import xml.etree.ElementTree as ET

import pytest

from farewell.archive.models import Testimony
from farewell.demo.content import load_demo_testimonies

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_the_feed_of_everything_has_every_testimony_in_full(client, settings):
    settings.FAREWELL_CANONICAL_URL = "https://farewell.example"
    load_demo_testimonies()
    root = feed(client, "/en/feeds/all.atom")
    assert root.find(f"{ATOM}id").text == "https://farewell.example/en/feeds/all.atom"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == Testimony.objects.count()
    first = entries[0]
    assert first.find(f"{ATOM}id").text == "https://farewell.example/en/t/demo-fr-2/"
    assert first.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert "Si vous lisez ceci depuis une caserne" in first.find(f"{ATOM}content").text  # the last paragraph
    assert first.find(f"{ATOM}updated").text == "2026-09-18T00:00:00+00:00"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["desertion", "exile"]


def test_feeds_per_theme_and_per_language(client):
    load_demo_testimonies()
    exile = feed(client, "/feeds/theme/exile.atom")
    assert {e.find(f"{ATOM}title").text for e in exile.findall(f"{ATOM}entry")} == {
        "Crossing the border at night",
        "L'exil n'est pas une fin",
    }
    russian = feed(client, "/fr/feeds/language/ru.atom")
    assert russian.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert len(russian.findall(f"{ATOM}entry")) == 2
    assert client.get("/feeds/theme/nonsense.atom").status_code == 404
    assert client.get("/feeds/language/xx.atom").status_code == 404


def test_an_empty_feed_is_still_the_same_bytes(client):
    first = client.get("/feeds/theme/captivity.atom").content
    assert b"<updated>2022-01-01T00:00:00+00:00</updated>" in first
    assert client.get("/feeds/theme/captivity.atom").content == first
