"""The three sites (intake, review, archive): where each is mounted and how it keeps state."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Site:
    name: str
    mount: str  # path prefix, with slashes on both sides
    urlconf: str
    session_model: str | None  # "app_label.Model"; None: the site keeps no session at all
    cookie_name: str | None

    @property
    def has_sessions(self) -> bool:
        return self.session_model is not None

    @property
    def secret_key(self) -> str:
        key = settings.FAREWELL_SECRETS.get(self.name)
        if not key:
            raise RuntimeError(f"no secret key for the {self.name} site: run `farewell keys init`")
        return key


INTAKE = Site("intake", "/submit/", "farewell.intake.urls", "web.IntakeSession", "farewell_intake")
REVIEW = Site("review", "/review/", "farewell.review.urls", "web.ReviewSession", "farewell_review")
ARCHIVE = Site("archive", "/", "farewell.archive.urls", None, None)

SITES = {site.name: site for site in (INTAKE, REVIEW, ARCHIVE)}


def served_sites() -> list[Site]:
    return [SITES[name] for name in settings.FAREWELL_SITES if name in SITES]


def site_for_path(path: str) -> Site:
    """The site a path belongs to, whether or not this process serves it."""
    for site in (INTAKE, REVIEW):
        if path == site.mount.rstrip("/") or path.startswith(site.mount):
            return site
    return ARCHIVE


def language_in_path(site: Site, path: str) -> str:
    """The interface language named by the URL (/submit/en/…); Russian when none is."""
    rest = path[len(site.mount) :] if path.startswith(site.mount) else ""
    first = rest.split("/", 1)[0]
    codes = {code for code, _ in settings.LANGUAGES}
    if first in codes and first != settings.LANGUAGE_CODE and rest.startswith(first + "/"):
        return first
    return settings.LANGUAGE_CODE
