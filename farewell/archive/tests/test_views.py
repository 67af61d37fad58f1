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


def test_listings_by_theme_year_and_language(client):
    load_demo_testimonies()
    exile = client.get("/en/theme/exile/").content.decode()
    assert "Crossing the border at night" in exile and "L&#x27;exil n&#x27;est pas une fin" in exile
    assert "Письмо матери" not in exile
    assert client.get("/en/theme/nonsense/").status_code == 404
    assert "Testimonies published in 2026" in client.get("/en/year/2026/").content.decode()
    assert client.get("/en/year/2025/").status_code == 404  # a year without testimonies
    french = client.get("/en/language/fr/").content.decode()
    assert "Language of the testimonies: Français" in french and "Crossing the border" not in french
    assert client.get("/language/xx/").status_code == 404
    home = client.get("/en/").content.decode()
    assert 'href="/en/theme/desertion/">Desertion</a> <span class="muted">(4)</span>' in home


def test_the_testimony_page_tells_how_it_was_verified_never_by_whom(client, alice, bob):
    load_demo_testimonies()
    page = client.get("/en/t/demo-en-2/").content.decode()
    assert "How this testimony was verified" in page
    assert "Approved by 2 reviewers, independently, and published on June 21, 2026." in page
    assert "The dates and the order of events agree" in page
    for name in ("alice", "bob"):
        assert name not in page.lower()


def test_share_links_are_plain_links_to_the_canonical_address(client, settings):
    settings.FAREWELL_CANONICAL_URL = "https://farewell.example/"
    load_demo_testimonies()
    page = client.get("/fr/t/demo-fr-1/").content.decode()
    assert '<link rel="canonical" href="https://farewell.example/fr/t/demo-fr-1/">' in page
    assert "https://t.me/share/url?url=https%3A%2F%2Ffarewell.example%2Ffr%2Ft%2Fdemo-fr-1%2F" in page
    assert 'rel="noopener noreferrer nofollow"' in page
    assert "<script" not in page and "<iframe" not in page and "<img" not in page


def test_related_testimonies_share_a_theme(client):
    load_demo_testimonies()
    page = client.get("/en/t/demo-en-2/").content.decode()  # escape, exile
    related = page[page.index("Related testimonies") :]
    assert "/en/t/demo-fr-2/" in related  # exile
    assert "/en/t/demo-ru-1/" not in related  # mobilization, desertion
    assert "/en/t/demo-en-2/" not in related


def test_the_search_page_works_without_javascript_and_highlights(client):
    load_demo_testimonies()
    page = client.get("/en/search/", {"q": "borders"}).content.decode()
    assert "1 testimony found" in page
    assert "<mark>border</mark>" in page
    assert "<script" not in page
    filtered = client.get("/en/search/", {"q": "", "language": "fr"}).content.decode()
    assert "2 testimonies found" in filtered
    nothing = client.get("/search/", {"q": "абракадабра"}).content.decode()
    assert "абракадабра" in nothing and "<mark>" not in nothing


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 301}, {"theme": "nonsense"}, {"year": "abc"}, {"language": "xx"}, {"page": "-1"}, {"page": "x"}],
)
def test_bad_search_parameters_get_a_translated_error_not_a_crash(client, params):
    with translation.override("fr"):
        page = client.get("/fr/search/", params)
    assert page.status_code == 200
    assert 'class="errors"' in page.content.decode() or params.get("page")


def test_search_pages_past_the_end_show_the_last(client, settings):
    settings.FAREWELL_ARCHIVE_PAGE_SIZE = 2
    load_demo_testimonies()
    page = client.get("/en/search/", {"q": "", "language": "en", "page": "99"}).content.decode()
    assert "Page 1 of 1" not in page  # two results, one page: no pager
    assert "Crossing the border at night" in page


@pytest.mark.parametrize(
    "path",
    [
        "/year/99999/",
        "/year/0/",
        "/page/0/",
        "/page/2/",
        "/theme/exile/page/99999999999999999999/",
        "/t/" + "x" * 5000 + "/",
    ],
)
def test_hostile_addresses_are_404_not_500(client, path):
    assert client.get(path).status_code == 404


def test_an_empty_listing_says_so(client):
    load_demo_testimonies()
    page = client.get("/en/theme/captivity/").content.decode()
    assert "No testimony has been published here yet." in page


def test_facets_are_named_in_the_language_of_each_page(client):
    load_demo_testimonies()
    client.get("/en/")  # the facets are counted (and cached) while English is on
    assert ">Дезертирство</a>" in client.get("/").content.decode()
    assert ">Désertion</a>" in client.get("/fr/").content.decode()
