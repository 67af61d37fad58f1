"""The archive's page cache: archive pages only, and every change shows at once in every process."""

import pytest
from django.db import connection

from farewell.archive.models import Testimony
from farewell.archive.unpublish import unpublish
from farewell.demo.content import load_demo_testimonies

pytestmark = pytest.mark.django_db


def behind_the_orm(title):
    """A change another process would make: no signal, no generation raised here."""
    Testimony.objects.filter(public_id="demo-en-2").update(title=title)


def test_archive_pages_are_served_from_the_cache_until_the_generation_moves(client):
    load_demo_testimonies()
    assert "Crossing the border at night" in client.get("/en/").content.decode()
    behind_the_orm("A changed title")
    assert "Crossing the border at night" in client.get("/en/").content.decode()  # cached
    with connection.cursor() as cursor:  # another process publishes: it raises the generation
        cursor.execute("UPDATE archive_generation SET number = number + 1")
    assert "A changed title" in client.get("/en/").content.decode()


def test_a_withdrawal_disappears_from_every_cached_page_at_once(client):
    load_demo_testimonies()
    paths = ["/en/", "/en/theme/exile/", "/en/t/demo-en-2/", "/en/feeds/all.atom", "/en/search/?q=border"]
    for path in paths:
        assert "Crossing the" in client.get(path).content.decode(), path
    unpublish(Testimony.objects.get(public_id="demo-en-2"))
    for path in paths:
        assert "Crossing the" not in client.get(path).content.decode(), path


def test_pages_are_revalidated_by_browsers_and_proxies(client):
    load_demo_testimonies()
    first = client.get("/en/t/demo-en-2/")
    assert first["Cache-Control"] == "no-cache" and first["ETag"]
    again = client.get("/en/t/demo-en-2/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    unpublish(Testimony.objects.get(public_id="demo-en-2"))
    assert client.get("/en/t/demo-en-2/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404


def test_a_cached_page_keeps_its_security_headers(client):
    load_demo_testimonies()
    first = client.get("/en/")
    cached = client.get("/en/")
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "Content-Language"):
        assert cached[header] == first[header], header
    assert not cached.cookies


def test_intake_and_review_pages_are_never_cached(client):
    for path in ("/submit/", "/review/sign-in/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
        assert "ETag" not in response, path


def test_the_cache_is_off_with_zero_seconds(client, settings):
    settings.FAREWELL_ARCHIVE_CACHE_SECONDS = 0
    load_demo_testimonies()
    client.get("/en/")
    behind_the_orm("A changed title")
    assert "A changed title" in client.get("/en/").content.decode()


def test_only_the_archives_own_addresses_make_cache_entries(client, settings):
    from django.core.cache import cache

    settings.FAREWELL_ARCHIVE_PAGE_SIZE = 2
    load_demo_testimonies()
    client.get("/en/page/2/")
    entries = len(cache._cache)
    for n in range(20):
        assert client.get(f"/en/page/2/?flood={n}").status_code == 200
        assert client.get("/en/page/" + "0" * n + "2/").status_code == 200
        assert client.get(f"/en/search/?q=border&flood={n}").status_code == 200
    assert len(cache._cache) == entries + 1  # one search page; nothing else new
    client.get("/en/search/?q=papers")
    assert len(cache._cache) == entries + 2


def test_a_cached_page_still_refuses_a_wrong_host(client):
    load_demo_testimonies()
    assert client.get("/en/").status_code == 200
    assert client.get("/en/", HTTP_HOST="evil.example").status_code == 400


def test_head_is_answered_like_get(client):
    load_demo_testimonies()
    head = client.head("/en/t/demo-en-2/")
    get = client.get("/en/t/demo-en-2/")
    assert head.status_code == 200 and head["ETag"] == get["ETag"] and head["Cache-Control"] == "no-cache"
