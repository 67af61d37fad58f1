"""The archive's page cache: rendered pages kept per process, keyed by the archive's generation.

Only the archive's pages go in (never the intake's or the review's, which are personal and sent
no-store). A publication, a withdrawal or a change of themes raises the generation in the same
transaction (archive/generation.py), so the next request in every process misses the old pages.
Browsers and proxies get no-cache with an ETag: they may keep a copy but ask every time, so a
withdrawn testimony is not shown from their copies either.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import parse_etags

from farewell.archive import generation
from farewell.web.sites import ARCHIVE

KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Security-Policy", "X-Frame-Options", "Referrer-Policy")


class ArchiveCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "site", None) is not ARCHIVE or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info.startswith(("/static/", "/media/")) or "/media/" in request.path_info:
            return self.get_response(request)
        seconds = settings.FAREWELL_ARCHIVE_CACHE_SECONDS
        # Only the search reads its query string: elsewhere one would only make new keys for
        # the same page (a flood of /?x=1, /?x=2… would push every useful page out).
        address = request.get_full_path() if request.path_info.endswith("/search/") else request.path_info
        key = "archive:page:" + hashlib.sha256(f"{generation.current()}\n{address}".encode()).hexdigest()
        entry = cache.get(key) if seconds else None
        if entry is None:
            response = self.get_response(request)
            if not _cacheable(request, response):
                return response
            entry = {
                "content": response.content,
                "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
                "etag": '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"',
            }
            if seconds:
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


def _cacheable(request, response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cache-Control" not in response
    )
