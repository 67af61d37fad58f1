"""System checks that refuse to serve with unsafe settings (run by `farewell serve`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from farewell.web.sites import served_sites

MIN_SECRET_LENGTH = 40
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
KNOWN_BAD = ("django-insecure", "changeme", "change-me", "secret", "xxxx")


def _host(pattern: str) -> str:
    return pattern.lstrip(".").rsplit(":", 1)[0] if not pattern.startswith("[") else pattern


def is_onion(host: str) -> bool:
    return _host(host).endswith(".onion")


def is_loopback(host: str) -> bool:
    return _host(host) in LOOPBACK_HOSTS


@register(Tags.security, deploy=True)
def check_production_settings(app_configs=None, **kwargs):
    errors = []
    if settings.DEBUG:
        errors.append(
            Error(
                "FAREWELL_DEBUG is on: error pages would show configuration and code.",
                hint="Unset FAREWELL_DEBUG.",
                id="farewell.E001",
            )
        )
    served = served_sites()
    keyed = [site for site in served if site.has_sessions]
    for site in keyed:
        key = settings.FAREWELL_SECRETS.get(site.name) or ""
        variable = f"FAREWELL_{site.name.upper()}_SECRET_KEY"
        if not key:
            errors.append(Error(f"{variable} is not set.", hint="Run `farewell keys init`.", id="farewell.E002"))
        elif len(key) < MIN_SECRET_LENGTH or len(set(key)) < 10 or any(bad in key.lower() for bad in KNOWN_BAD):
            errors.append(
                Error(
                    f"{variable} looks like a default or weak value.",
                    hint=f"Use at least {MIN_SECRET_LENGTH} random characters; `farewell keys init` makes one.",
                    id="farewell.E003",
                )
            )
    keys = [settings.FAREWELL_SECRETS.get(name) for name in ("intake", "review")]
    if all(keys) and keys[0] == keys[1]:
        errors.append(
            Error(
                "The intake and review sites share a secret key.",
                hint="Each site needs its own key so that one site's sessions mean nothing on another.",
                id="farewell.E004",
            )
        )
    if any(site.name == "intake" for site in served) and not settings.FAREWELL_PEPPER:
        errors.append(
            Error(
                "FAREWELL_PEPPER is not set: codenames cannot be checked.",
                hint="Run `farewell keys init`.",
                id="farewell.E005",
            )
        )
    if any(site.name == "review" for site in served) and not settings.FAREWELL_AUDIT_KEY:
        errors.append(
            Error(
                "FAREWELL_AUDIT_KEY is not set: reviewer actions cannot be audited.",
                hint="Run `farewell keys init`.",
                id="farewell.E008",
            )
        )
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "FAREWELL_ALLOWED_HOSTS must list the host names this server answers to.",
                hint="For example FAREWELL_ALLOWED_HOSTS=testimonies.example.org,abc…xyz.onion",
                id="farewell.E006",
            )
        )
    elif not settings.HTTPS:
        plain = [
            host for host in settings.ALLOWED_HOSTS if not (is_onion(host) or (settings.DEMO and is_loopback(host)))
        ]
        if plain:
            errors.append(
                Error(
                    "Plain HTTP is allowed only for .onion hosts, not for: " + ", ".join(plain),
                    hint="Put a TLS reverse proxy in front and set FAREWELL_HTTPS=true (the default).",
                    id="farewell.E007",
                )
            )
    canonical = urlsplit(settings.FAREWELL_CANONICAL_URL)
    archive = any(site.name == "archive" for site in served)
    loopback = is_loopback(canonical.hostname or "")
    if archive and loopback and not settings.DEMO:
        errors.append(
            Warning(
                "FAREWELL_CANONICAL_URL points to this machine: feeds, share links and mirrors would too.",
                hint="Set it to the archive's public address, e.g. https://farewell.example/.",
                id="farewell.W001",
            )
        )
    elif (
        archive and not loopback and canonical.scheme == "http" and settings.HTTPS and not is_onion(canonical.hostname)
    ):
        errors.append(
            Warning(
                "FAREWELL_CANONICAL_URL is plain http: a shared link's first request shows what is read.",
                hint="Use the https:// address (or the .onion one).",
                id="farewell.W002",
            )
        )
    return errors
