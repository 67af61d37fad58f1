import pytest
from django.test import Client

from farewell.cases.models import Case
from farewell.testing.pages import codename_on, form_token_on
from farewell.web.sessions import store_for
from farewell.web.sites import ARCHIVE, INTAKE, REVIEW, language_in_path, site_for_path

pytestmark = pytest.mark.django_db

EVERY_PAGE = [
    "/",
    "/en/",
    "/t/demo-ru-1/",
    "/submit/",
    "/submit/fr/",
    "/submit/testimony/",
    "/submit/return/",
    "/review/",
]


@pytest.mark.parametrize(
    "path, site, language",
    [
        ("/", ARCHIVE, "ru"),
        ("/en/", ARCHIVE, "en"),
        ("/fr/t/abc/", ARCHIVE, "fr"),
        ("/english/", ARCHIVE, "ru"),
        ("/submit/", INTAKE, "ru"),
        ("/submit", INTAKE, "ru"),
        ("/submit/en/testimony/", INTAKE, "en"),
        ("/submitted/", ARCHIVE, "ru"),
        ("/review/fr/", REVIEW, "fr"),
        ("/review/ru/", REVIEW, "ru"),
    ],
)
def test_it_finds_the_site_and_the_language_in_the_path(path, site, language):
    assert site_for_path(path) == site
    assert language_in_path(site, path) == language


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_page_sends_the_security_headers(client, keys, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "<script" not in response.content.decode()


@pytest.mark.parametrize("path", ["/submit/", "/submit/testimony/", "/review/"])
def test_intake_and_review_pages_are_never_cached(client, keys, path):
    assert "no-store" in client.get(path)["Cache-Control"]


def test_each_site_has_its_own_cookie_limited_to_its_path(client, keys, settings):
    settings.SESSION_COOKIE_SECURE = True
    client.get("/submit/testimony/")
    cookie = client.cookies["farewell_intake"]
    assert cookie["path"] == "/submit/"
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["secure"]
    assert not cookie["expires"] and not cookie["max-age"]  # gone when the browser closes


def test_a_session_of_one_site_means_nothing_on_another(keys):
    # A review session holding what an intake login would hold…
    review = store_for(REVIEW)()
    case_holder = Client()
    form = case_holder.get("/submit/testimony/")
    page = case_holder.post(
        "/submit/testimony/", {"story": "text", "consent": "text", "form_token": form_token_on(form.content.decode())}
    )
    codename_on(page.content.decode())
    review["case"] = Case.objects.get().pk
    review.save()
    # …presented to the intake under the intake's cookie name, does not log anyone in.
    intruder = Client()
    intruder.cookies["farewell_intake"] = review.session_key
    assert intruder.get("/submit/status/").status_code == 302


def test_session_data_signed_with_another_sites_key_is_ignored(keys):
    intake_store = store_for(INTAKE)
    forged = intake_store()
    forged.encode = store_for(REVIEW)().encode  # signed with the review key
    forged["case"] = 1
    forged.save()
    assert intake_store(forged.session_key).get("case") is None


def test_a_process_serving_one_site_answers_404_for_the_others(client, keys, settings):
    settings.FAREWELL_SITES = ["intake"]
    assert client.get("/submit/").status_code == 200
    assert client.get("/").status_code == 404
    assert client.get("/review/").status_code == 404
    settings.FAREWELL_SITES = ["archive"]
    assert client.get("/").status_code == 200
    assert client.get("/submit/").status_code == 404


def test_the_language_never_comes_from_a_cookie_or_the_browser(client, keys):
    client.cookies["django_language"] = "fr"
    page = client.get("/submit/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert page["Content-Language"] == "ru"


def test_language_links_point_to_the_same_page_in_other_languages(client, keys):
    page = client.get("/submit/return/").content.decode()
    assert 'href="/submit/en/return/"' in page and 'href="/submit/fr/return/"' in page
