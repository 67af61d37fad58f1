"""Per-site sessions: own table, cookie name, cookie path and signing key for each site.

Django's SessionMiddleware reads one cookie name and one SECRET_KEY per process. Serving the
three sites from one process must not let a review session mean anything on the intake, so
each site gets its own store class (table and key) and this middleware picks it per request.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.contrib.sessions.exceptions import SessionInterrupted
from django.core import signing
from django.utils.cache import patch_vary_headers

from farewell.web.sites import INTAKE, Site


def set_site_cookie(response, site: Site, name: str, value: str) -> None:
    """A cookie of one site: limited to its path, HttpOnly, SameSite=Strict, Secure behind TLS,
    and gone when the browser closes."""
    response.set_cookie(
        name, value, path=site.mount, secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Strict"
    )


class SiteSessionStore(DbSessionStore):
    site: Site

    @classmethod
    def get_model_class(cls):
        return apps.get_model(cls.site.session_model)

    @property
    def key_salt(self) -> str:
        return f"farewell.{self.site.name}.session"

    def encode(self, session_dict):
        return signing.dumps(
            session_dict,
            key=self.site.secret_key,
            salt=self.key_salt,
            serializer=self.serializer,
            compress=True,
        )

    def decode(self, session_data):
        try:
            return signing.loads(session_data, key=self.site.secret_key, salt=self.key_salt, serializer=self.serializer)
        except signing.BadSignature:
            return {}


_stores: dict[str, type[SiteSessionStore]] = {}


def idle_minutes(site: Site) -> int:
    """Minutes without a request after which a session of the site ends."""
    if site.name == INTAKE.name:
        return settings.FAREWELL_SUBMITTER_SESSION_MINUTES
    return settings.SESSION_IDLE_MINUTES


def store_for(site: Site) -> type[SiteSessionStore]:
    if site.name not in _stores:
        _stores[site.name] = type(f"{site.name.title()}SessionStore", (SiteSessionStore,), {"site": site})
    return _stores[site.name]


class SiteSessionMiddleware:
    """SessionMiddleware with the cookie and store of the request's site.

    Sessions expire after a while without a request (submitters':
    FAREWELL_SUBMITTER_SESSION_MINUTES, reviewers': FAREWELL_SESSION_IDLE_MINUTES), and at
    browser close.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = request.site
        if not site.has_sessions:
            return self.get_response(request)
        request.session = store_for(site)(request.COOKIES.get(site.cookie_name))
        response = self.get_response(request)
        return self.save(request, response, site)

    def save(self, request, response, site: Site):
        session = request.session
        if site.cookie_name in request.COOKIES and session.is_empty():
            response.delete_cookie(site.cookie_name, path=site.mount, samesite="Strict")
            patch_vary_headers(response, ("Cookie",))
            return response
        if session.accessed:
            patch_vary_headers(response, ("Cookie",))
        if session.is_empty() or response.status_code >= 500:
            return response
        # Every request with a session slides its expiry (inactivity timeout).
        session.set_expiry(idle_minutes(site) * 60)
        try:
            session.save()
        except UpdateError as exc:  # the session was deleted meanwhile (logout elsewhere)
            raise SessionInterrupted("The session was deleted before the request completed.") from exc
        set_site_cookie(response, site, site.cookie_name, session.session_key)
        return response
