"""Every review URL for each kind of visitor, and the case page as a reviewer uses it."""

import re

import pytest
from django.test import Client

from farewell.accounts.actions import do_disable_reviewer
from farewell.archive.models import Testimony
from farewell.cases.models import Case
from farewell.testing.checklist import tick_checklist

pytestmark = pytest.mark.django_db


def urls(case_id, redaction_id=1):
    return {
        "GET": ["/review/", "/review/?status=in_review", f"/review/cases/{case_id}/", "/review/team/"],
        "POST": [
            f"/review/cases/{case_id}/take/",
            f"/review/cases/{case_id}/approve/",
            f"/review/cases/{case_id}/release/",
            f"/review/cases/{case_id}/reject/",
            f"/review/cases/{case_id}/route_to_legal/",
            f"/review/cases/{case_id}/redactions/add/",
            f"/review/cases/{case_id}/redactions/{redaction_id}/remove/",
            f"/review/cases/{case_id}/publication/",
            f"/review/cases/{case_id}/accounts/add/",
            f"/review/cases/{case_id}/accounts/1/remove/",
            f"/review/cases/{case_id}/verification/",
            f"/review/cases/{case_id}/checklist/",
            "/review/team/",
        ],
    }


POST_DATA = {"reason": "r", "label": "PERSON", "phrase": "Игорь", "title": "T", "language": "ru", "reviewer": "1"}


def visit_all(browser, case_id):
    results = {}
    for method, paths in urls(case_id).items():
        for path in paths:
            response = browser.get(path) if method == "GET" else browser.post(path, POST_DATA)
            results[(method, path)] = response
    return results


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(submitted_case):
    for (method, path), response in visit_all(Client(), submitted_case.pk).items():
        assert response.status_code == 302 and response.url == "/review/sign-in/", (method, path)
    submitted_case.refresh_from_db()
    assert submitted_case.status == Case.Status.NEW and not submitted_case.redactions.exists()
    assert not submitted_case.accounts.exists() and not submitted_case.jobs.exists()


def test_a_disabled_reviewer_is_treated_as_anonymous(submitted_case, alice, bob):
    browser = bob.signed_in_client()
    do_disable_reviewer("bob")
    for (method, path), response in visit_all(browser, submitted_case.pk).items():
        assert response.status_code == 302 and response.url == "/review/sign-in/", (method, path)


def test_a_reviewer_without_the_keys_sees_the_queue_but_not_the_case(submitted_case, alice, carol):
    browser = carol.signed_in_client()
    assert browser.get("/review/").status_code == 200
    page = browser.get(f"/review/cases/{submitted_case.pk}/")
    assert page.status_code == 403
    assert "Игорь" not in page.content.decode()
    browser.post(f"/review/cases/{submitted_case.pk}/take/")
    browser.post(f"/review/cases/{submitted_case.pk}/redactions/add/", POST_DATA)
    submitted_case.refresh_from_db()
    assert submitted_case.status == Case.Status.NEW  # a case he cannot read is not his to take
    assert not submitted_case.redactions.exists()


def test_a_reviewer_works_a_case_from_the_case_page(submitted_case, alice, bob):
    browser = alice.signed_in_client()
    queue = browser.get("/review/en/").content.decode()
    assert f"/review/en/cases/{submitted_case.pk}/" in queue
    case_url = f"/review/en/cases/{submitted_case.pk}/"
    browser.post(case_url + "take/")
    browser.post(case_url + "redactions/add/", {"label": "PERSON", "phrase": "игорь сомов"})
    browser.post(case_url + "redactions/add/", {"label": "LOCATION", "phrase": "Чебаркуль"})
    browser.post(case_url + "publication/", {"title": "Без подготовки", "language": "ru", "themes": ["front", "exile"]})
    page = browser.get(case_url).content.decode()
    assert "<mark" in page and "[ИМЯ 1]" in page and "[МЕСТО 1]" in page
    assert re.search(r'<input type="checkbox" name="themes" value="front"[^>]* checked>', page)
    assert not re.search(r'<input type="checkbox" name="themes" value="family"[^>]* checked>', page)
    browser.post(case_url + "approve/")
    page = browser.get(case_url).content.decode()
    assert "A second, different reviewer" not in page
    again = browser.post(case_url + "approve/", follow=True).content.decode()
    assert "A second, different reviewer must approve" in again
    tick_checklist(submitted_case.pk, bob.desk())
    bob.signed_in_client().post(case_url + "approve/")
    testimony = Testimony.objects.get()
    assert "[ИМЯ 1]" in testimony.body
    assert testimony.theme_slugs == ["front", "exile"]
    assert Client().get(f"/t/{testimony.public_id}/").status_code == 200
    assert testimony.title in Client().get("/en/theme/exile/").content.decode()


def test_a_phrase_that_does_not_occur_is_explained(submitted_case, alice):
    browser = alice.signed_in_client()
    case_url = f"/review/en/cases/{submitted_case.pk}/"
    browser.post(case_url + "take/")
    page = browser.post(case_url + "redactions/add/", {"label": "PERSON", "phrase": "Пётр"}, follow=True)
    assert "These words do not occur in the testimony." in page.content.decode()


def test_the_case_page_shows_the_history(submitted_case, alice):
    browser = alice.signed_in_client()
    browser.post(f"/review/cases/{submitted_case.pk}/take/")
    page = browser.get(f"/review/en/cases/{submitted_case.pk}/").content.decode()
    assert "alice: took the case" in page


def test_only_the_case_page_carries_a_script_and_only_its_own(alice, submitted_case):
    browser = alice.signed_in_client()
    for path in ("/review/", "/review/team/", "/review/sign-in/"):
        response = browser.get(path)
        assert "<script" not in response.content.decode()
        assert "script-src" not in response["Content-Security-Policy"]
    case_page = browser.get(f"/review/cases/{submitted_case.pk}/")
    scripts = re.findall(r"<script[^>]*>", case_page.content.decode())
    assert scripts == ['<script src="/static/review/select.js" defer>', '<script src="/static/review/boxes.js" defer>']
    assert "script-src 'self'" in case_page["Content-Security-Policy"]
