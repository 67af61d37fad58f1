"""Template context shared by the sites: which site, the language links for this page."""

from __future__ import annotations

from django.conf import settings
from django.urls import translate_url


def site(request):
    current = getattr(request, "site", None)
    if current is None:
        return {}
    language_links = [
        {"code": code, "name": name, "url": translate_url(request.path, code), "current": code == request.LANGUAGE_CODE}
        for code, name in settings.LANGUAGES
    ]
    mirror = getattr(request, "static_mirror", False)  # archive/mirror.py renders the pages
    return {
        "site": current,
        "language_links": language_links,
        "static_mirror": mirror,
        "canonical_home": settings.FAREWELL_CANONICAL_URL,
    }
