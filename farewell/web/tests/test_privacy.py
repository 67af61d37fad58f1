"""The threat model's first promise: no address, user agent or network identifier is kept."""

import io
import logging

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory

from farewell.intake import inbox_views
from farewell.testing.dump import assert_not_at_rest
from farewell.testing.pages import codename_on, form_token_on
from farewell.web.middleware import ForgetClientMiddleware

ADDRESS = "198.51.100.231"
FORWARDED = "203.0.113.199"
AGENT = "MarkedAgent/7.7 (unique-user-agent-marker)"
STORY = "Story text with the unique marker STORYMARKER-5b1e."
PATH_MARKER = "PATHMARKER-77d2"
MARKERS = [ADDRESS, FORWARDED, AGENT, "unique-user-agent-marker", "STORYMARKER-5b1e", PATH_MARKER]
CLIENT_HEADERS = {
    "REMOTE_ADDR": ADDRESS,
    "HTTP_X_FORWARDED_FOR": f"{FORWARDED}, {ADDRESS}",
    "HTTP_X_REAL_IP": FORWARDED,
    "HTTP_FORWARDED": f"for={FORWARDED}",
    "HTTP_CF_CONNECTING_IP": FORWARDED,
    "HTTP_USER_AGENT": AGENT,
}


@pytest.fixture
def log_output():
    """What the configured log handlers write, with every logger turned up to DEBUG."""
    buffer = io.StringIO()
    loggers = [logging.getLogger(name) for name in ("", *settings.LOGGING["loggers"])]
    handlers = {handler for logger in loggers for handler in logger.handlers if handler.get_name() == "stderr"}
    assert handlers, "the configured handler was not found"
    saved = [(handler, handler.setStream(buffer)) for handler in handlers]
    levels = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield buffer
    for handler, stream in saved:
        handler.setStream(stream)
    for logger, level in levels:
        logger.setLevel(level)


def visit_every_intake_page(browser: Client) -> None:
    for language in ("", "en/", "fr/"):
        for page in ("", "testimony/", "return/", "status/", f"nowhere-{PATH_MARKER}/"):
            browser.get(f"/submit/{language}{page}?q={PATH_MARKER}")
    token = form_token_on(browser.get("/submit/testimony/").content.decode())
    receipt = browser.post("/submit/testimony/", {"story": STORY, "consent": "text", "form_token": token})
    codename = codename_on(receipt.content.decode())
    browser.post("/submit/testimony/", {"story": STORY, "consent": "text", "form_token": token})  # resent
    browser.post("/submit/testimony/", {"story": STORY * 10_000, "consent": "text", "form_token": "x"})  # too long
    browser.post("/submit/return/", {"codename": "wrong words " * 4})
    browser.post("/submit/return/", {"codename": codename})
    browser.get("/submit/status/")
    browser.post("/submit/leave/")
    Client(enforce_csrf_checks=True, **CLIENT_HEADERS).post(f"/submit/testimony/?{PATH_MARKER}", {"story": STORY})


@pytest.mark.django_db
def test_no_address_or_user_agent_reaches_the_database_the_data_dir_or_the_logs(keys, log_output):
    visit_every_intake_page(Client(**CLIENT_HEADERS))
    assert_not_at_rest(*MARKERS, "Story text")  # the story itself is encrypted
    for marker in MARKERS:
        assert marker not in log_output.getvalue()


@pytest.mark.django_db
def test_a_crash_logs_where_it_happened_but_no_request_detail(keys, log_output, monkeypatch):
    def crash(case):
        raise ValueError(f"{STORY} {ADDRESS}")

    monkeypatch.setattr(inbox_views, "status_for_submitter", crash)
    browser = Client(raise_request_exception=False, **CLIENT_HEADERS)
    token = form_token_on(browser.get("/submit/testimony/").content.decode())
    codename = codename_on(
        browser.post("/submit/testimony/", {"story": STORY, "consent": "text", "form_token": token}).content.decode()
    )
    browser.post("/submit/return/", {"codename": codename})
    page = browser.get(f"/submit/status/?{PATH_MARKER}")
    assert page.status_code == 500
    logged = log_output.getvalue()
    assert "ValueError (message withheld)" in logged
    for marker in MARKERS:
        assert marker not in logged
        assert marker not in page.content.decode()


def test_views_never_see_the_client():
    seen = {}

    def view(request):
        seen.update(request.META)
        return HttpResponse()

    ForgetClientMiddleware(view)(RequestFactory().get("/submit/", **CLIENT_HEADERS))
    assert seen["SERVER_NAME"] == "testserver"
    for marker in MARKERS:
        assert marker not in str(seen)
