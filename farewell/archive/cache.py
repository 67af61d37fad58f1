"""The archive's page cache: rendered pages kept per process, keyed by the archive's generation.

Only the archive's pages go in (never the intake's or the review's, which are personal and sent
no-store). A publication, a withdrawal or a change of themes raises the generation in the same
transaction (archive/generation.py), so the next request in every process misses the old pages.
Browsers and proxies get no-cache with an ETag: they may keep a copy but ask every time, so a
withdrawn testimony is not shown from their copies either.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.cache import parse_etags

from farewell.archive import generation
from farewell.web.sites import ARCHIVE

KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Security-Policy", "X-Frame-Options", "Referrer-Policy")
SEARCH_FIELDS = ("q", "theme", "year", "language", "page")


class ArchiveCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "site", None) is not ARCHIVE or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        request.get_host()  # a wrong Host is refused (400) before a cached page could answer it
        address = _address(request)
        seconds = settings.FAREWELL_ARCHIVE_CACHE_SECONDS
        key = None
        if address is not None and seconds:
            key = "archive:page:" + hashlib.sha256(f"{generation.current()}\n{address}".encode()).hexdigest()
        entry = cache.get(key) if key else None
        if entry is None:
            response = self.get_response(request)
            if not _cacheable(response):
                return response
            entry = {
                "content": response.content,
                "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
                "etag": '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"',
            }
            if key:
                cache.set(key, entry, seconds)
        else:
            response = HttpResponse(entry["content"])
            for name, value in entry["headers"].items():
                response[name] = value
        if entry["etag"] in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        response["ETag"] = entry["etag"]
        response["Cache-Control"] = "no-cache"
        return response


def _address(request) -> str | None:
    """What a page is cached under, or None: only the archive's own spelling of an address (a
    flood of /page/01/, /page/001/… or ?x=1, ?x=2… would otherwise push every useful page out),
    and of the query only what the search reads. HEAD and GET share their pages."""
    path = request.path_info
    if "/media/" in path:
        return None  # files stream from disk, with their own ETag
    try:
        match = resolve(path, urlconf=ARCHIVE.urlconf)
        canonical = reverse(f"{match.namespace}:{match.url_name}", args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return None
    if canonical != path:
        return None
    if match.url_name != "search":
        return path
    fields = [(name, request.GET.get(name, "").strip()) for name in SEARCH_FIELDS]
    return path + "?" + urlencode([(name, value) for name, value in fields if value])


def _cacheable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cache-Control" not in response
    )
