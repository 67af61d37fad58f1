import pyotp
import pytest
from django.core.management import call_command
from django.test import Client

from farewell.accounts.actions import do_invite_reviewer
from farewell.accounts.models import Reviewer
from farewell.testing.plugin import TEST_ENVIRONMENT
from farewell.vault.models import KeyPair

pytestmark = pytest.mark.django_db
OPERATOR = TEST_ENVIRONMENT["FAREWELL_OPERATOR_SECRET"]


def enrol_page(browser, token):
    page = browser.get(f"/review/en/enrol/{token}/")
    assert page.status_code == 200
    body = page.content.decode()
    secret = body.split('id="totp-secret">', 1)[1].split("<", 1)[0]
    return body, secret


def test_createreviewer_prints_a_one_time_link(keys, capsys):
    call_command("createreviewer", "dana")
    out = capsys.readouterr().out
    assert "/review/enrol/" in out
    assert Reviewer.objects.get(name="dana").status == Reviewer.Status.INVITED


def test_enrolment_sets_password_and_totp_together_and_shows_recovery_codes(keys):
    _, token = do_invite_reviewer("dana", operator_secret=OPERATOR)
    browser = Client()
    body, secret = enrol_page(browser, token)
    assert "<svg" in body and "<img" not in body  # QR code rendered on the server, inline
    response = browser.post(
        f"/review/en/enrol/{token}/",
        {
            "password": "a long enough password",
            "password_again": "a long enough password",
            "code": pyotp.TOTP(secret).now(),
        },
    )
    assert response.status_code == 200
    assert response.content.decode().count("<li><code>") == 10
    reviewer = Reviewer.objects.get(name="dana")
    assert reviewer.status == Reviewer.Status.ACTIVE
    assert secret.encode() not in bytes(reviewer.totp_secret)
    # The link worked once.
    assert browser.get(f"/review/en/enrol/{token}/").status_code == 404


@pytest.mark.parametrize(
    "data, message",
    [
        ({"password": "short", "password_again": "short"}, "at least 12 characters"),
        ({"password": "a long enough password", "password_again": "another long password"}, "not the same"),
        (
            {"password": "a long enough password", "password_again": "a long enough password", "code": "123456"},
            "not right",
        ),
    ],
)
def test_enrolment_explains_what_is_wrong_and_changes_nothing(keys, data, message):
    _, token = do_invite_reviewer("dana", operator_secret=OPERATOR)
    browser = Client()
    enrol_page(browser, token)
    response = browser.post(f"/review/en/enrol/{token}/", {"code": "000000", **data})
    assert message in response.content.decode()
    assert Reviewer.objects.get(name="dana").status == Reviewer.Status.INVITED


def test_an_unknown_or_expired_link_enrols_nothing(keys):
    _, token = do_invite_reviewer("dana", operator_secret=OPERATOR)
    assert Client().get("/review/enrol/not-the-token/").status_code == 404
    Reviewer.objects.filter(name="dana").update(enrolment_expires="2000-01-01T00:00:00Z")
    assert Client().get(f"/review/en/enrol/{token}/").status_code == 404


def test_a_password_alone_cannot_enrol_another_factor(alice):
    """Whoever learns alice's password finds no way to register his own authenticator."""
    browser = Client()
    browser.post("/review/en/sign-in/", {"name": "alice", "password": alice.password})
    for path in ("/review/enrol/", f"/review/enrol/{alice.password}/"):
        assert browser.get(path).status_code == 404
    assert Client().get("/review/").status_code == 302


def test_the_first_reviewer_holds_the_channel_key_and_the_bootstrap_copy_is_dropped(alice):
    channel = KeyPair.objects.get(name=KeyPair.CHANNEL_DEFAULT, retired_on__isnull=True)
    assert channel.wrapped_private is None
    assert alice.reviewer.grants.filter(key_pair=channel).exists()


def test_the_first_reviewer_needs_the_operator_secret(keys):
    with pytest.raises(ValueError):
        do_invite_reviewer("dana", operator_secret=None)
    assert not Reviewer.objects.exists()
