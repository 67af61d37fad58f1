import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from farewell.archive.models import Testimony
from farewell.demo.content import DEMO_TESTIMONIES, load_demo_testimonies

pytestmark = pytest.mark.django_db


def publish(count, start=datetime.date(2026, 1, 1)):
    return [
        Testimony.objects.create(
            language="ru",
            title=f"Свидетельство {n}",
            body=f"Текст {n}",
            published_on=start + datetime.timedelta(days=n),
        )
        for n in range(count)
    ]


def test_the_home_page_lists_the_newest_first_and_pages(client, settings):
    settings.FAREWELL_ARCHIVE_PAGE_SIZE = 3
    publish(7)
    first = client.get("/").content.decode()
    assert first.index("Свидетельство 6") < first.index("Свидетельство 4")
    assert "Свидетельство 3" not in first
    assert 'href="/page/2/"' in first
    last = client.get("/page/3/").content.decode()
    assert "Свидетельство 0" in last and "Свидетельство 1" not in last
    assert 'href="/page/2/" rel="prev"' in last
    assert client.get("/page/99/").status_code == 404  # past the end


def test_a_testimony_has_its_page_in_its_own_language(client):
    load_demo_testimonies()
    item = Testimony.objects.get(public_id="demo-fr-1")
    with translation.override("en"):
        path = reverse("archive:testimony", args=[item.public_id])
    assert path == "/en/t/demo-fr-1/"
    page = client.get(path).content.decode()
    assert '<article class="testimony" lang="fr">' in page
    assert "hôpital de campagne" in page
    assert '<html lang="en">' in page


def test_an_unknown_testimony_is_a_translated_404(client):
    page = client.get("/fr/t/nope/")
    assert page.status_code == 404
    assert '<html lang="fr">' in page.content.decode()


def test_the_archive_sets_no_cookie_anywhere(client):
    load_demo_testimonies()
    for path in [
        "/",
        "/en/",
        "/fr/page/2/",
        "/search/?q=дезертир",
        "/feeds/all.atom",
        "/t/demo-ru-1/",
        "/t/missing/",
        "/static/farewell/site.css",
    ]:
        response = client.get(path)
        assert not response.cookies, path
        assert "Set-Cookie" not in response.headers, path


def test_the_archive_refuses_writes(client):
    assert client.post("/", {"x": "y"}).status_code == 405
    assert client.post("/t/demo-ru-1/").status_code == 405


def test_the_demo_content_is_loaded_once_in_three_languages():
    assert load_demo_testimonies() == len(DEMO_TESTIMONIES)
    assert load_demo_testimonies() == 0
    assert set(Testimony.objects.values_list("language", flat=True)) == {"ru", "en", "fr"}


def test_public_ids_are_random_not_sequential():
    ids = [item.public_id for item in publish(3)]
    assert len(set(ids)) == 3
    assert all(len(public_id) >= 10 for public_id in ids)


def test_the_home_page_leads_soldiers_to_the_intake_in_the_same_language(client):
    assert 'href="/submit/en/"' in client.get("/en/").content.decode()
    assert 'href="/submit/"' in client.get("/").content.decode()
