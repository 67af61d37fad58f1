import pytest

from farewell.web.checks import check_production_settings

GOOD_KEY = "k3Y-9fQ2xLr8TzW1vB6nHs4Md7Pc0Ja5Ue2Yo8Ri3Kl"
OTHER_KEY = "Zq8-Rt5Wn2Xc7Vb4Lm1Ks9Jd6Hf3Gp0Ao5Iu2Ye8Tw"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.HTTPS = True
    settings.DEMO = False
    settings.ALLOWED_HOSTS = ["testimonies.example.org"]
    settings.FAREWELL_SITES = ["intake", "review", "archive"]
    settings.FAREWELL_SECRETS = {"intake": GOOD_KEY, "review": OTHER_KEY}
    settings.FAREWELL_PEPPER = "pepper-" + GOOD_KEY
    settings.FAREWELL_AUDIT_KEY = "audit-" + GOOD_KEY
    settings.FAREWELL_CANONICAL_URL = "https://testimonies.example.org/"
    return settings


def ids(settings=None):
    return {error.id for error in check_production_settings()}


def test_it_accepts_a_safe_configuration(production):
    assert ids() == set()


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"DEBUG": True}, "farewell.E001"),
        ({"FAREWELL_SECRETS": {"intake": None, "review": OTHER_KEY}}, "farewell.E002"),
        ({"FAREWELL_SECRETS": {"intake": "django-insecure-" + GOOD_KEY, "review": OTHER_KEY}}, "farewell.E003"),
        ({"FAREWELL_SECRETS": {"intake": "short", "review": OTHER_KEY}}, "farewell.E003"),
        ({"FAREWELL_SECRETS": {"intake": "a" * 50, "review": OTHER_KEY}}, "farewell.E003"),
        ({"FAREWELL_SECRETS": {"intake": GOOD_KEY, "review": GOOD_KEY}}, "farewell.E004"),
        ({"FAREWELL_PEPPER": None}, "farewell.E005"),
        ({"FAREWELL_AUDIT_KEY": None}, "farewell.E008"),
        ({"ALLOWED_HOSTS": []}, "farewell.E006"),
        ({"ALLOWED_HOSTS": ["*"]}, "farewell.E006"),
        ({"HTTPS": False}, "farewell.E007"),
        ({"HTTPS": False, "ALLOWED_HOSTS": ["abc.onion", "example.org"]}, "farewell.E007"),
    ],
)
def test_it_refuses_unsafe_settings(production, change, expected):
    for name, value in change.items():
        setattr(production, name, value)
    assert expected in ids()


@pytest.mark.parametrize(
    "hosts", [["abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion"], [".abc.onion:80"]]
)
def test_plain_http_is_accepted_for_onion_hosts(production, hosts):
    production.HTTPS = False
    production.ALLOWED_HOSTS = hosts
    assert ids() == set()


def test_plain_http_on_loopback_is_accepted_only_for_the_demo(production):
    production.HTTPS = False
    production.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
    assert "farewell.E007" in ids()
    production.DEMO = True
    assert ids() == set()


def test_a_process_serving_only_the_archive_needs_no_site_key(production):
    production.FAREWELL_SITES = ["archive"]
    production.FAREWELL_SECRETS = {"intake": None, "review": None}
    production.FAREWELL_PEPPER = None
    production.FAREWELL_AUDIT_KEY = None
    assert ids() == set()


def test_it_warns_when_the_archive_names_this_machine_as_its_address(production):
    production.FAREWELL_CANONICAL_URL = "http://127.0.0.1:8000/"
    assert ids() == {"farewell.W001"}
    production.FAREWELL_SITES = ["intake", "review"]
    assert ids() == set()  # no archive here: nothing would carry the address
    production.FAREWELL_SITES, production.DEMO = ["archive"], True
    assert ids() == set()


def test_it_warns_about_a_plain_http_canonical_address(production):
    production.FAREWELL_CANONICAL_URL = "http://testimonies.example.org/"
    assert ids() == {"farewell.W002"}
    production.FAREWELL_CANONICAL_URL = "http://abcdefghijklmnop.onion/"
    assert ids() == set()
