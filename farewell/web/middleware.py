"""Middleware that routes a request to its site and keeps client identifiers out of reach."""

from __future__ import annotations

import re

from django.contrib.messages.middleware import MessageMiddleware
from django.http import HttpResponseNotAllowed, HttpResponseNotFound
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from farewell.web.sites import language_in_path, served_sites, site_for_path

# Anything that names the client or its network path. Deleting these from the request
# before any other code runs means no view, log line or error report can record them.
CLIENT_META = re.compile(
    r"^(REMOTE_(ADDR|HOST|PORT|USER|IDENT)|HTTP_USER_AGENT|HTTP_(X_)?FORWARDED(_FOR|_HOST|_SERVER)?"
    r"|HTTP_VIA|HTTP_X_REAL_IP|HTTP_.*CLIENT_IP|HTTP_CF_CONNECTING_IP|HTTP_X_ORIGINAL_FORWARDED_FOR"
    r"|HTTP_FROM|HTTP_SEC_CH_UA.*|HTTP_DNT)$"
)
SAFE_METHODS = ("GET", "HEAD")


class ForgetClientMiddleware:
    """Removes addresses, user agents and forwarding headers from every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key in [key for key in request.META if CLIENT_META.match(key)]:
            del request.META[key]
        return self.get_response(request)


class SiteMiddleware:
    """Chooses the site (and so the URL configuration) from the path; 404 for sites not served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = site_for_path(request.path_info)
        if site not in served_sites() and not request.path_info.startswith("/static/"):
            return HttpResponseNotFound("Not found", content_type="text/plain; charset=utf-8")
        request.site = site
        request.urlconf = site.urlconf
        if not site.has_sessions and request.method not in SAFE_METHODS:
            # The archive is read-only and keeps no session to check a CSRF token against.
            return HttpResponseNotAllowed(SAFE_METHODS)
        return self.get_response(request)


class UrlLanguageMiddleware:
    """Activates the language named by the URL; never Accept-Language, never a cookie.

    Tor Browser sends Accept-Language: en-US whatever its user reads, so the only signal we
    honour is the link the user chose.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_in_path(request.site, request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class SiteCsrfMiddleware(CsrfViewMiddleware):
    """CSRF protection with the token in the site's own session; the archive has neither."""

    def process_request(self, request):
        if request.site.has_sessions:
            return super().process_request(request)
        return None

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if request.site.has_sessions:
            return super().process_view(request, callback, callback_args, callback_kwargs)
        return None

    def process_response(self, request, response):
        if getattr(request, "site", None) is not None and request.site.has_sessions:
            return super().process_response(request, response)
        return response


class NoStoreMiddleware:
    """Pages of the intake and review sites are never cached by browsers or proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        site = getattr(request, "site", None)
        if site is not None and site.has_sessions:
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class SiteMessageMiddleware(MessageMiddleware):
    """One-time messages, kept in the site's session; the archive has none."""

    def process_request(self, request):
        if request.site.has_sessions:
            super().process_request(request)

    def process_response(self, request, response):
        if hasattr(request, "_messages"):
            return super().process_response(request, response)
        return response
