import time

import pyotp
import pytest
from django.test import Client

from farewell.accounts.models import LoginThrottle, Reviewer
from farewell.testing.dump import database_dump

pytestmark = pytest.mark.django_db


def next_code(persona, steps=1):
    """The code of a later time step (enrolment used the current one; codes are single-use)."""
    return pyotp.TOTP(persona.totp_secret).at(time.time() + 30 * steps)


def password_step(persona, password=None):
    browser = Client()
    response = browser.post(
        "/review/en/sign-in/", {"name": persona.reviewer.name, "password": password or persona.password}
    )
    return browser, response


def test_it_signs_in_with_password_and_totp(alice):
    browser, response = password_step(alice)
    assert response.status_code == 302 and response.url == "/review/en/sign-in/code/"
    response = browser.post("/review/en/sign-in/code/", {"code": next_code(alice)})
    assert response.url == "/review/en/"
    assert browser.get("/review/").status_code == 200


def test_a_password_alone_never_signs_in(alice):
    browser, _ = password_step(alice)
    for path in ("/review/", "/review/team/"):
        response = browser.get(path)
        assert response.status_code == 302 and response.url == "/review/sign-in/"


@pytest.mark.parametrize("password", ["wrong password!", ""])
def test_a_wrong_password_is_refused_with_the_same_words_as_an_unknown_name(alice, password):
    _, response = password_step(alice, password or "x")
    _, unknown = Client(), Client().post("/review/en/sign-in/", {"name": "nobody", "password": "whatever password"})
    assert response.status_code == 200
    assert "The name or the password is not right." in response.content.decode()
    assert "The name or the password is not right." in unknown.content.decode()


def test_a_totp_code_is_accepted_once(alice):
    code = next_code(alice)
    browser, _ = password_step(alice)
    assert browser.post("/review/en/sign-in/code/", {"code": code}).status_code == 302
    again, _ = password_step(alice)
    response = again.post("/review/en/sign-in/code/", {"code": code})
    assert response.status_code == 200
    assert "already used" in response.content.decode()


def test_a_recovery_code_is_accepted_once(alice):
    code = alice.recovery_codes[0]
    browser, _ = password_step(alice)
    assert browser.post("/review/en/sign-in/code/", {"code": code.upper()}).status_code == 302
    again, _ = password_step(alice)
    assert again.post("/review/en/sign-in/code/", {"code": code}).status_code == 200


def test_the_account_locks_after_repeated_failures(alice):
    for _ in range(5):
        password_step(alice, "wrong password!")
    _, response = password_step(alice)  # the right password, but locked
    assert "Too many failed sign-ins for this account" in response.content.decode()
    alice.reviewer.refresh_from_db()
    assert alice.reviewer.locked_until is not None


def test_wrong_codes_count_as_failures_too(alice):
    for _ in range(5):
        browser, _ = password_step(alice)
        browser.post("/review/en/sign-in/code/", {"code": "000000"})
    assert Reviewer.objects.get(pk=alice.reviewer.pk).locked_until is not None


def test_a_flood_of_failures_slows_everyone_down(alice, settings):
    settings.FAREWELL_LOGIN_FAILURES_PER_MINUTE = 3
    for n in range(3):
        Client().post("/review/en/sign-in/", {"name": f"guess{n}", "password": "guess password"})
    assert LoginThrottle.objects.get().failures == 3
    _, response = password_step(alice)
    assert "Too many failed sign-ins on this site" in response.content.decode()


def test_signing_out_ends_the_session_and_forgets_the_key(alice):
    browser = alice.signed_in_client()
    response = browser.post("/review/sign-out/")
    assert response.cookies["farewell_review_key"].value == ""
    assert browser.get("/review/").status_code == 302


def test_a_disabled_reviewer_is_signed_out_and_cannot_sign_in(alice, bob):
    from farewell.accounts.actions import do_disable_reviewer

    browser = bob.signed_in_client()
    do_disable_reviewer("bob")
    assert browser.get("/review/").status_code == 302
    _, response = password_step(bob)
    assert "The name or the password is not right." in response.content.decode()


def test_the_session_expires_after_inactivity(alice, settings):
    browser = alice.signed_in_client()
    from farewell.web.models import ReviewSession

    ReviewSession.objects.update(expire_date="2000-01-01T00:00:00Z")
    assert browser.get("/review/").status_code == 302


def test_keys_and_secrets_never_appear_in_clear_in_the_session_table_or_a_dump(alice):
    browser = alice.signed_in_client()
    browser.get("/review/")
    dump = database_dump()
    assert alice.private_key not in dump.encode("latin-1", errors="ignore")
    assert alice.private_key.hex() not in dump
    for secret in (alice.totp_secret, alice.password, *alice.recovery_codes):
        assert secret not in dump
    import base64

    assert base64.b64encode(alice.private_key).decode() not in dump
