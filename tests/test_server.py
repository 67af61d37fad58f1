"""A real server (`farewell demo`, gunicorn) probed over HTTP: pages, cookies, privacy of its logs."""

import socket
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from farewell.testing.dump import directory_dump
from farewell.testing.pages import codename_on, element_text, hidden_fields
from farewell.testing.server import free_port, start_serving, stop_serving, wait_until_up

pytestmark = pytest.mark.server

FORWARDED = "203.0.113.199"
AGENT = "MarkedAgent/9.9 (live-user-agent-marker)"
MARKERS = [FORWARDED, AGENT, "live-user-agent-marker", "LIVESTORY-91c3", "LIVEPATH-4b7e"]


def opener():
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    browser.addheaders = [("User-Agent", AGENT), ("X-Forwarded-For", FORWARDED), ("X-Real-IP", FORWARDED)]
    return browser


def fetch(browser, url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with browser.open(url, body, timeout=30) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def test_it_serves_the_three_sites_and_the_archive_sets_no_cookie(demo_server):
    for path in ("/", "/en/", "/t/demo-ru-1/", "/submit/", "/submit/fr/testimony/", "/review/"):
        status, _, headers = fetch(opener(), demo_server.url + path)
        assert status == 200, path
        assert headers["Server"] is None or "gunicorn" not in headers.get("X-Powered-By", "")
        if not path.startswith(("/submit/", "/review/")):
            assert headers.get("Set-Cookie") is None, path


def test_nothing_about_the_client_reaches_logs_database_or_data_dir(demo_server):
    browser = opener()
    for path in ("/submit/", "/submit/en/testimony/", "/submit/return/", "/submit/status/", "/submit/LIVEPATH-4b7e/"):
        fetch(browser, demo_server.url + path + "?LIVEPATH-4b7e")
    status, page, _ = fetch(browser, demo_server.url + "/submit/testimony/")
    status, receipt, _ = fetch(
        browser,
        demo_server.url + "/submit/testimony/",
        {"story": "LIVESTORY-91c3 text", "consent": "text", **hidden_fields(page)},
    )
    codename = codename_on(receipt)
    _, page, _ = fetch(browser, demo_server.url + "/submit/return/")
    fetch(browser, demo_server.url + "/submit/return/", {"codename": codename, **hidden_fields(page)})
    # A request gunicorn itself rejects, which it would log with the client's address.
    with socket.create_connection(("127.0.0.1", int(demo_server.url.rsplit(":", 1)[1]))) as raw:
        raw.sendall(b"GET /LIVEPATH-4b7e HTTP/1.1\r\nHost: localhost\r\nX-Bad header\r\n\r\n")
        raw.recv(1000)
    logs = demo_server.logs()
    stored = directory_dump(demo_server.data_dir)
    for marker in MARKERS:
        assert marker not in logs
        assert marker not in stored
    assert "ip=" not in logs


def test_the_submitter_returns_and_reads_the_status(demo_server):
    browser = opener()
    _, page, _ = fetch(browser, demo_server.url + "/submit/testimony/")
    _, receipt, _ = fetch(
        browser,
        demo_server.url + "/submit/testimony/",
        {"story": "text", "consent": "verification", **hidden_fields(page)},
    )
    returning = opener()
    _, page, _ = fetch(returning, demo_server.url + "/submit/en/return/")
    status, page, _ = fetch(
        returning,
        demo_server.url + "/submit/en/return/",
        {"codename": codename_on(receipt).upper(), **hidden_fields(page)},
    )
    assert status == 200
    assert element_text(page, "status") == "Received. Your testimony is waiting for a reviewer."


def test_the_story_is_not_in_the_database_file(demo_server):
    browser = opener()
    _, page, _ = fetch(browser, demo_server.url + "/submit/testimony/")
    fetch(
        browser,
        demo_server.url + "/submit/testimony/",
        {"story": "LIVESTORY-91c3 " * 50, "consent": "text", **hidden_fields(page)},
    )
    database = demo_server.data_dir / "farewell.sqlite3"
    with sqlite3.connect(database) as connection:
        assert connection.execute("select count(*) from cases_case").fetchone()[0] >= 1
    for path in demo_server.data_dir.glob("farewell.sqlite3*"):
        assert b"LIVESTORY" not in path.read_bytes()


@pytest.mark.parametrize(
    "site, served, refused", [("intake", "/submit/", "/"), ("archive", "/", "/submit/"), ("review", "/review/", "/")]
)
def test_each_site_runs_as_its_own_process(demo_server, site, served, refused):
    port = free_port()
    log = demo_server.data_dir.parent / f"serve-{site}.log"
    process = start_serving(demo_server.data_dir, port, site=site, log=log.open("w"))
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + served, process, log)
        assert fetch(opener(), base + served)[0] == 200
        assert fetch(opener(), base + refused)[0] == 404
    finally:
        stop_serving(process)
