import logging
import sys

import pytest

from farewell.web.logs import NoClientDataFilter, scrub


@pytest.mark.parametrize(
    "message, leaked",
    [
        (
            "Invalid request from ip=203.0.113.77: Invalid HTTP request line: 'GET /submit/'",
            ["203.0.113.77", "/submit/"],
        ),
        ("Error handling request /submit/status/?case=42", ["case=42"]),
        ("Not Found: /submit/en/return/", ["/submit/en/return/"]),
        ("Forbidden (CSRF token missing.): /submit/testimony/", ["/submit/testimony/"]),
        ("connection from 2001:db8::1 reset", ["2001:db8::1"]),
        ("peer ::ffff:198.51.100.9 closed", ["198.51.100.9"]),
    ],
)
def test_it_removes_addresses_and_request_details(message, leaked):
    cleaned = scrub(message)
    for text in leaked:
        assert text not in cleaned


def test_it_keeps_ordinary_messages():
    assert scrub("Booting worker with pid: 4242") == "Booting worker with pid: 4242"


def test_the_filter_scrubs_arguments_tracebacks_and_request_objects():
    quoted = "story text quoted in an error"
    try:
        raise ValueError(quoted)
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/submit/x/",), exc_info
    )
    record.request = object()
    assert NoClientDataFilter().filter(record)
    assert "/submit/x/" not in record.getMessage()
    assert "story text" not in record.exc_text
    assert "ValueError (message withheld)" in record.exc_text
    assert "test_logs.py" in record.exc_text  # where it happened is kept
    assert not hasattr(record, "request")


def test_error_reports_show_no_post_data_cookies_or_client(rf):
    from django.views.debug import ExceptionReporter

    # Built at run time, so the report's quotes of this file's source cannot contain them.
    story, agent, cookie = (f"{kind}-{id(rf)}-marker" for kind in ("story", "agent", "cookie"))
    request = rf.post(
        "/submit/testimony/", {"story": story}, HTTP_USER_AGENT=agent, HTTP_COOKIE=f"farewell_intake={cookie}"
    )
    typed = request.POST["story"]
    try:
        raise ValueError("boom")
    except ValueError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_html()
    assert typed
    for marker in (story, agent, cookie):
        assert marker not in report
