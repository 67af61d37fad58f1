import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from farewell.cases.models import Case
from farewell.intake import codenames
from farewell.testing.intake import send_testimony
from farewell.testing.pages import codename_on, element_text, form_token_on, hidden_fields
from farewell.vault.store import open_with_channel_key

STORY = "Нас привезли в Чебаркуль 23 сентября. Командир — Игорь Сомов, позывной «Кедр»."

pytestmark = pytest.mark.django_db


def url(name, language="ru"):
    with translation.override(language):
        return reverse(f"intake:{name}")


def send(client, story=STORY, consent="text", language="ru"):
    return send_testimony(client, story, consent=consent, language=language)


def test_it_mounts_the_intake_under_submit_with_the_language_in_the_path():
    assert url("landing") == "/submit/"
    assert url("landing", "en") == "/submit/en/"
    assert url("testimony", "fr") == "/submit/fr/testimony/"


def test_the_landing_page_is_russian_whatever_the_browser_asks(outsider):
    page = outsider.get("/submit/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.5")
    assert page.status_code == 200
    assert page["Content-Language"] == "ru"
    assert '<html lang="ru">' in page.content.decode()
    assert 'href="/submit/en/"' in page.content.decode()


def test_the_landing_page_says_what_is_protected_and_that_publication_cannot_be_recalled(outsider):
    page = outsider.get("/submit/en/").content.decode()
    assert "do not record your IP address" in page
    assert "cannot be recalled" in page
    assert 'href="/submit/en/return/"' in page


def test_it_receives_a_testimony_encrypted_and_shows_the_codename_once(submitter, channel_private_key):
    receipt = send(submitter)
    assert receipt.status_code == 200
    codename = codename_on(receipt.content.decode())
    assert len(codename.split()) == 7
    assert set(codename.split()) <= set(codenames.wordlist("ru"))
    assert "no-store" in receipt["Cache-Control"]
    case = Case.objects.get()
    assert case.consent == "text"
    assert case.status == Case.Status.NEW
    assert codename not in case.codename_lookup
    assert case.codename_lookup == codenames.lookup_id(codename)
    assert STORY.encode() not in bytes(case.story.ciphertext)
    assert open_with_channel_key(case.story, channel_private_key).decode() == STORY


def test_english_and_french_pages_give_english_codenames(submitter):
    for language in ("en", "fr"):
        codename = codename_on(send(submitter, language=language).content.decode())
        assert set(codename.split()) <= set(codenames.wordlist("en"))


def test_sending_the_same_form_twice_creates_one_case_and_never_shows_the_codename_again(submitter):
    form = submitter.get(url("testimony"))
    data = {"story": STORY, "consent": "text", "form_token": form_token_on(form.content.decode())}
    first = submitter.post(url("testimony"), data)
    again = submitter.post(url("testimony"), data)
    assert codename_on(first.content.decode())
    assert again.status_code == 409
    assert element_text(again.content.decode(), "codename") is None
    assert Case.objects.count() == 1


def test_two_forms_opened_in_one_session_can_both_be_sent(submitter):
    first = form_token_on(submitter.get(url("testimony")).content.decode())
    second = form_token_on(submitter.get(url("testimony")).content.decode())
    for token in (first, second):
        page = submitter.post(url("testimony"), {"story": STORY, "consent": "text", "form_token": token})
        assert codename_on(page.content.decode())
    assert Case.objects.count() == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"story": "", "consent": "text"}, "Please write your story before sending."),
        ({"story": "   \n ", "consent": "text"}, "Please write your story before sending."),
        ({"story": STORY}, "Please choose whether your testimony may be published."),
        ({"story": STORY, "consent": "everything"}, "Select a valid choice."),
        ({"story": "x" * 100_001, "consent": "text"}, "longer than 100000 characters"),
    ],
)
def test_it_explains_what_is_wrong_keeps_the_text_and_stores_nothing(submitter, data, message):
    token = form_token_on(submitter.get(url("testimony", "en")).content.decode())
    page = submitter.post(url("testimony", "en"), {**data, "form_token": token})
    assert page.status_code == 200
    body = page.content.decode()
    assert message in body
    assert element_text(body, "codename") is None
    assert Case.objects.count() == 0
    if data.get("story", "").strip() and len(data["story"]) < 1000:
        assert data["story"] in body  # what was typed is not lost


def test_errors_are_translated(submitter):
    token = form_token_on(submitter.get(url("testimony")).content.decode())
    page = submitter.post(url("testimony"), {"story": "", "consent": "text", "form_token": token})
    assert "Пожалуйста" in page.content.decode()


def test_it_refuses_a_post_without_a_csrf_token(keys):
    browser = Client(enforce_csrf_checks=True)
    browser.get(url("testimony"))
    page = browser.post(url("testimony"), {"story": STORY, "consent": "text", "form_token": "x"})
    assert page.status_code == 403
    assert Case.objects.count() == 0


def test_a_submitter_comes_back_with_the_codename_however_typed(submitter, outsider):
    codename = codename_on(send(submitter).content.decode())
    typed = "  " + codename.upper().replace(" ", "   ").replace("Е", "Ё") + " "
    page = outsider.post(url("come_back"), {"codename": typed}, follow=True)
    assert page.redirect_chain[-1][0] == url("status")
    assert element_text(page.content.decode(), "status") == "Получено. Ваше свидетельство ждёт проверяющего."


def test_a_wrong_codename_is_refused_with_the_same_page_for_any_mistake(submitter, outsider):
    codename = codename_on(send(submitter).content.decode())
    words = codename.split()
    for attempt in (" ".join(reversed(words)), " ".join(words[:6]), "nonsense " * 7, "x"):
        page = outsider.post(url("come_back", "en"), {"codename": attempt})
        assert page.status_code == 200
        assert "We do not know this codename" in page.content.decode()
    assert outsider.get(url("status")).status_code == 302


def test_the_status_page_needs_a_codename(outsider):
    assert outsider.get(url("status")).url == url("come_back")


def test_leaving_ends_the_session(submitter, outsider):
    codename = codename_on(send(submitter).content.decode())
    outsider.post(url("come_back"), {"codename": codename})
    assert outsider.get(url("status")).status_code == 200
    outsider.post(url("leave"))
    assert outsider.get(url("status")).status_code == 302


def test_logging_in_changes_the_session_key(submitter, outsider):
    codename = codename_on(send(submitter).content.decode())
    outsider.get(url("come_back"))
    before = outsider.cookies["farewell_intake"].value
    outsider.post(url("come_back"), {"codename": codename})
    assert outsider.cookies["farewell_intake"].value != before


def test_a_busy_server_says_so_and_gives_the_text_back(submitter, monkeypatch):
    def busy(*args, **kwargs):
        raise codenames.Busy()

    monkeypatch.setattr(codenames, "lookup_id", busy)
    page = send(submitter, story="Мой длинный рассказ")
    assert page.status_code == 503
    assert page["Retry-After"]
    assert "Мой длинный рассказ" in page.content.decode()
    assert "Сервер перегружен" in page.content.decode()
    assert Case.objects.count() == 0
    monkeypatch.undo()
    token = form_token_on(page.content.decode())
    retry = submitter.post(url("testimony"), {"story": "Мой длинный рассказ", "consent": "text", "form_token": token})
    assert codename_on(retry.content.decode())


def test_a_form_that_expired_while_he_wrote_comes_back_with_his_text(keys):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url("testimony", "en")).content.decode()
    browser.cookies.clear()  # the session ended (idle timeout, "Leave" in another window)
    expired = browser.post(
        url("testimony", "en"),
        {
            "story": "Three hours of writing",
            "consent": "verification",
            "form_token": form_token_on(page),
            **hidden_fields(page),
        },
    )
    assert expired.status_code == 403
    body = expired.content.decode()
    assert "the form expired while you were writing" in body
    assert "Three hours of writing" in body
    assert re.search(r'<input[^>]*value="verification"[^>]*checked', body)
    assert Case.objects.count() == 0
    again = browser.post(
        url("testimony", "en"), {"story": "Three hours of writing", "consent": "verification", **hidden_fields(body)}
    )
    assert codename_on(again.content.decode())


def test_a_form_whose_token_was_never_seen_is_received_rather_than_lost(submitter):
    page = submitter.post(url("testimony"), {"story": STORY, "consent": "text", "form_token": "from-an-old-session"})
    assert codename_on(page.content.decode())
    page = submitter.post(url("testimony"), {"story": STORY, "consent": "text"})
    assert codename_on(page.content.decode())
    assert Case.objects.count() == 2


def test_the_server_side_session_never_names_the_case(submitter, outsider):
    from farewell.web.models import IntakeSession
    from farewell.web.sessions import store_for
    from farewell.web.sites import INTAKE

    codename = codename_on(send(submitter).content.decode())
    outsider.post(url("come_back"), {"codename": codename})
    assert outsider.get(url("status")).status_code == 200
    case = Case.objects.get()
    for row in IntakeSession.objects.all():
        data = store_for(INTAKE)().decode(row.session_data)
        assert "case" not in data
        assert not any(type(value) is int and value == case.pk for value in data.values())


def test_the_case_cookie_opens_nothing_in_another_session_or_after_leaving(submitter, outsider):
    codename = codename_on(send(submitter).content.decode())
    outsider.post(url("come_back"), {"codename": codename})
    stolen = outsider.cookies["farewell_intake_case"].value
    thief = Client()
    thief.get(url("come_back"))
    thief.cookies["farewell_intake_case"] = stolen
    assert thief.get(url("status")).status_code == 302
    outsider.post(url("leave"))
    outsider.cookies["farewell_intake_case"] = stolen
    assert outsider.get(url("status")).status_code == 302
