"""Floods and codename guessing on the intake, and how long a submitter's session lives."""

import datetime
import os
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.utils import timezone, translation

from farewell.cases import actions
from farewell.cases.models import Case
from farewell.intake import limits
from farewell.intake.models import FloodCount
from farewell.testing.dump import assert_not_at_rest, database_dump
from farewell.testing.intake import send_testimony
from farewell.testing.pages import codename_on, element_text, form_token_on
from farewell.vault import storage
from farewell.vault.models import StoredFile
from farewell.vault.store import open_with_channel_key
from farewell.web.models import IntakeSession, ReviewSession
from farewell.web.sessions import store_for
from farewell.web.sites import INTAKE

pytestmark = pytest.mark.django_db

START = 1_800_000_000 + 10  # 10 s into a minute, and into an hour
ADDRESS = "198.51.100.77"
AGENT = "FloodAgent/1.0 (agent-marker-9d41)"


class Clock:
    def __init__(self):
        self.time = float(START)

    def __call__(self) -> float:
        return self.time

    def advance(self, seconds: float) -> None:
        self.time += seconds


@pytest.fixture
def clock(monkeypatch):
    """The limits' clock, held still at START until a test moves it."""
    moved = Clock()
    monkeypatch.setattr(limits, "now", moved)
    return moved


def send(browser, story="Рассказ о моей части", language="ru", **kwargs):
    return send_testimony(browser, story, language=language, **kwargs)


def resend(browser, page, story, language="ru"):
    """Press "send" again on a page that gave the form back."""
    path = "/submit/testimony/" if language == "ru" else f"/submit/{language}/testimony/"
    return browser.post(path, {"story": story, "consent": "text", "form_token": form_token_on(page.content.decode())})


def sign_in(browser, codename, language="ru"):
    path = "/submit/return/" if language == "ru" else f"/submit/{language}/return/"
    return browser.post(path, {"codename": codename})


# Floods of testimonies.


def test_past_the_minute_limit_the_form_comes_back_with_the_text_and_a_429(keys, clock, settings):
    settings.FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE = 2
    for _ in range(2):
        assert codename_on(send(Client()).content.decode())
    browser = Client()
    page = send(browser, story="Третий рассказ, его нельзя потерять", language="en")
    assert page.status_code == 429
    assert page["Retry-After"] == "50"
    body = page.content.decode()
    assert "Третий рассказ, его нельзя потерять" in body
    assert "More people are sending this form right now than the server accepts." in body
    assert "try again in 1 minute." in body
    assert element_text(body, "codename") is None
    assert Case.objects.count() == 2
    clock.advance(50)
    again = resend(browser, page, "Третий рассказ, его нельзя потерять", language="en")
    assert codename_on(again.content.decode())
    assert Case.objects.count() == 3


def test_the_refusal_is_in_the_language_of_the_page(keys, clock, settings):
    settings.FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE = 1
    send(Client())
    for language in ("ru", "fr"):
        page = send(Client(), language=language)
        assert page.status_code == 429
        assert page["Content-Language"] == language
        assert f'<html lang="{language}">' in page.content.decode()


def test_files_of_a_refused_testimony_are_neither_stored_nor_encrypted(keys, clock, settings, tmp_path):
    settings.FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE = 1
    send(Client())
    data_dir = settings.DATA_DIR
    # Where files are received cannot even be made: touching the file store would fail.
    settings.DATA_DIR = tmp_path
    (tmp_path / "incoming").write_bytes(b"")
    photo = SimpleUploadedFile("IMG_FLOODNAME.jpg", b"\xff\xd8 FLOODMARKER-2c7e " + os.urandom(300_000))
    page = send(Client(), story="Текст с фотографией", language="en", files=[photo])
    assert page.status_code == 429
    body = page.content.decode()
    assert "Текст с фотографией" in body
    assert "files you chose are not kept" in body
    assert StoredFile.objects.count() == 0
    assert [path.name for path in tmp_path.iterdir()] == ["incoming"]
    settings.DATA_DIR = data_dir
    assert not any(storage.root("incoming").iterdir())
    assert_not_at_rest("FLOODMARKER-2c7e", "IMG_FLOODNAME")


def test_one_session_past_its_hourly_limit_is_refused_and_others_are_not(keys, clock, settings):
    settings.FAREWELL_FLOOD_PER_SESSION_PER_HOUR = 2
    flooder = Client()
    for _ in range(2):
        assert codename_on(send(flooder).content.decode())
    page = send(flooder, story="Ещё один", language="en")
    assert page.status_code == 429
    assert page["Retry-After"] == str(3600 - 10)
    assert "This form was sent many times from this browser" in page.content.decode()
    assert "Ещё один" in page.content.decode()
    assert codename_on(send(Client()).content.decode())  # another session is not concerned
    clock.advance(3600)
    assert codename_on(resend(flooder, page, "Ещё один", language="en").content.decode())
    assert Case.objects.count() == 4


def test_submissions_accepted_before_a_flood_are_all_intact_after_it(channel_private_key, clock, settings):
    settings.FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE = 3
    accepted = {}
    for number in range(3):
        story = f"Принятое свидетельство номер {number}"
        accepted[story] = codename_on(send(Client(), story=story).content.decode())
    refused = [send(Client(), story=f"Поток {number}") for number in range(12)]
    assert {page.status_code for page in refused} == {429}
    assert Case.objects.count() == 3
    for story, codename in accepted.items():
        found = actions.find_case_by_codename(codename)
        assert found is not None
        assert open_with_channel_key(found.case.story, channel_private_key).decode() == story
        browser = Client()
        assert sign_in(browser, codename).status_code == 302
        assert browser.get("/submit/status/").status_code == 200


def test_the_counters_for_everyone_hold_only_a_count_and_not_the_minute(keys, clock):
    browser = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    send(browser)
    minute = int(clock()) // 60
    row = FloodCount.objects.get(counter="testimony")
    assert row.count == 1
    assert {field.name for field in FloodCount._meta.fields} == {"key", "counter", "count"}
    assert str(minute) not in row.key
    session_key = browser.cookies["farewell_intake"].value
    rows = "\n".join(line for line in database_dump().splitlines() if line.startswith("intake_floodcount"))
    for marker in (ADDRESS, AGENT, "agent-marker-9d41", session_key, str(minute)):
        assert marker not in rows
    clock.advance(120)
    send(browser)
    assert list(FloodCount.objects.filter(counter="testimony").values_list("count", flat=True)) == [1]


def test_the_counters_are_shared_through_the_database(keys, clock, settings):
    # What another process or host counted is a row like any other: it counts here too.
    settings.FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE = 3
    for _ in range(3):
        limits.count_for_everyone("testimony")
    assert send(Client()).status_code == 429


@pytest.mark.django_db(transaction=True)
def test_concurrent_counts_are_all_counted(clock):
    from django.db import connection

    def count():
        try:
            limits.count_for_everyone("reply")
        finally:
            connection.close()

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert limits.counted_by_everyone("reply") == 8


# Codename guessing.


@pytest.fixture
def codename(keys):
    _case, codename = actions.do_receive_testimony(story="История", consent="text", language="ru")
    return codename


def wrong(codename: str) -> str:
    return " ".join(reversed(codename.split()))


def test_a_session_is_locked_out_for_a_while_after_too_many_wrong_codenames(codename, clock, settings):
    settings.FAREWELL_CODENAME_FAILURES_PER_SESSION = 3
    settings.FAREWELL_CODENAME_LOCK_MINUTES = 15
    guesser = Client()
    for attempt in (wrong(codename), "x", "nonsense " * 7):
        page = sign_in(guesser, attempt, language="en")
        assert page.status_code == 200
        assert "We do not know this codename" in page.content.decode()
    locked = sign_in(guesser, codename, language="en")  # even the right one, now
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(15 * 60)
    assert "Too many wrong codenames were tried in this browser" in locked.content.decode()
    assert "try again in 15 minutes" in locked.content.decode()
    assert guesser.get("/submit/status/").status_code == 302
    clock.advance(15 * 60)
    assert sign_in(guesser, codename).url == "/submit/status/"
    assert guesser.get("/submit/status/").status_code == 200


def test_dropping_the_session_cookie_resets_the_session_lock(codename, clock, settings):
    # This is why wrong codenames are also counted for everyone (next tests).
    settings.FAREWELL_CODENAME_FAILURES_PER_SESSION = 2
    guesser = Client()
    for _ in range(2):
        sign_in(guesser, wrong(codename))
    assert sign_in(guesser, codename).status_code == 429
    guesser.cookies.clear()
    assert sign_in(guesser, codename).status_code == 302


def test_wrong_codenames_from_everyone_first_slow_every_check_then_refuse_it(codename, clock, settings, monkeypatch):
    settings.FAREWELL_CODENAME_FAILURES_PER_MINUTE = 2
    monkeypatch.setattr(limits, "SLOWDOWN_SECONDS", 1.0)

    def timed_sign_in(attempt):
        started = time.perf_counter()
        page = sign_in(Client(), attempt, language="en")  # a new session each time
        return page, time.perf_counter() - started

    for _ in range(2):
        page, seconds = timed_sign_in(wrong(codename))
        assert page.status_code == 200 and seconds < 1.0
    page, seconds = timed_sign_in(codename)  # slowed down, but checked
    assert page.status_code == 302 and seconds >= 1.0
    for _ in range(2):
        page, seconds = timed_sign_in(wrong(codename))
        assert page.status_code == 200 and seconds >= 1.0
    refused, _seconds = timed_sign_in(codename)  # 4 wrong codenames: twice the limit
    assert refused.status_code == 429
    assert refused["Retry-After"] == "50"
    assert "Too many wrong codenames are being tried on this site right now" in refused.content.decode()
    clock.advance(50)
    page, seconds = timed_sign_in(codename)
    assert page.status_code == 302 and seconds < 1.0


def test_codename_checks_past_the_minute_limit_are_refused(codename, clock, settings):
    settings.FAREWELL_FLOOD_CODENAME_CHECKS_PER_MINUTE = 2
    for _ in range(2):
        assert sign_in(Client(), codename).status_code == 302
    refused = sign_in(Client(), codename, language="en")
    assert refused.status_code == 429
    assert element_text(refused.content.decode(), "try-later").startswith("More people are sending this form")
    clock.advance(60)
    assert sign_in(Client(), codename).status_code == 302


def test_the_codename_form_advises_against_letting_the_browser_save_it(codename):
    page = Client().get("/submit/en/return/").content.decode()
    assert "If the browser offers to remember it, refuse" in element_text(page, "codename-advice")
    assert 'autocomplete="off"' in page
    receipt = send(Client(), language="en").content.decode()
    assert "Do not let the browser save it" in receipt


# The API the reply form uses.


def intake_post(path="/submit/en/status/reply/"):
    request = RequestFactory().post(path, {"text": "Мой ответ"})
    request.site, request.LANGUAGE_CODE = INTAKE, "en"
    request.session = store_for(INTAKE)()
    return request


def test_replies_are_limited_per_minute_for_everyone_and_per_hour_per_session(keys, clock, settings):
    settings.FAREWELL_FLOOD_REPLIES_PER_MINUTE = 3
    settings.FAREWELL_FLOOD_PER_SESSION_PER_HOUR = 2
    request = intake_post()
    assert limits.admit(request, "reply") is None
    assert limits.admit(request, "reply") is None
    assert limits.admit(request, "reply") == limits.Refusal(limits.SESSION, 3600 - 10)
    assert limits.admit(request, "testimony") is None  # each form is counted apart
    assert limits.admit(intake_post(), "reply") is None
    refusal = limits.admit(intake_post(), "reply")
    assert refusal == limits.Refusal(limits.EVERYONE, 50)
    with translation.override("en"):
        page = limits.try_later(intake_post(), refusal)
        message = refusal.message
    assert message.endswith("Please try again in 1 minute.")
    assert page.status_code == 429 and page["Retry-After"] == "50"
    assert element_text(page.content.decode(), "try-later") == message
    with pytest.raises(ValueError):
        limits.admit(intake_post(), "anything")


def test_a_refused_form_gives_its_fields_back_and_drops_its_files(keys):
    photo = SimpleUploadedFile("photo.jpg", b"\xff\xd8" + os.urandom(50_000))
    request = RequestFactory().post("/submit/status/reply/", {"text": "Мой ответ", "files": [photo]})
    fields, dropped = limits.fields_without_files(request)
    assert fields["text"] == "Мой ответ"
    assert dropped == 1
    assert not request.FILES
    assert StoredFile.objects.count() == 0


# Submitters' sessions.


def test_an_idle_submitter_session_no_longer_opens_the_status_page(codename):
    browser = Client()
    sign_in(browser, codename)
    assert browser.get("/submit/status/").status_code == 200
    IntakeSession.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    page = browser.get("/submit/status/")
    assert page.status_code == 302 and page.url == "/submit/return/"


def test_submitter_and_reviewer_sessions_have_their_own_timeouts(keys, settings):
    settings.FAREWELL_SUBMITTER_SESSION_MINUTES, settings.SESSION_IDLE_MINUTES = 7, 45
    Client().get("/submit/testimony/")
    Client().get("/review/sign-in/")
    expected = {IntakeSession: 7, ReviewSession: 45}
    for model, minutes in expected.items():
        left = model.objects.get().expire_date - timezone.now()
        assert datetime.timedelta(minutes=minutes - 1) < left <= datetime.timedelta(minutes=minutes)


def test_leaving_deletes_the_session(codename):
    browser = Client()
    sign_in(browser, codename)
    key = browser.cookies["farewell_intake"].value
    assert IntakeSession.objects.filter(session_key=key).exists()
    browser.post("/submit/leave/")
    assert not IntakeSession.objects.filter(session_key=key).exists()
    assert browser.get("/submit/status/").status_code == 302
