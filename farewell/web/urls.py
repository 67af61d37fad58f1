"""URL helpers: a site's patterns under its mount, with the language as a URL prefix."""

from __future__ import annotations

from django.urls import URLResolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern


def site_patterns(mount: str, patterns: list, namespace: str) -> list:
    """Mount patterns at /mount/ for Russian and /mount/en/, /mount/fr/ for the others.

    Django's i18n_patterns puts the language first (/en/submit/), which would spread each
    site's URLs (and so its cookie path) over the others'; this nests the same prefix pattern
    under the site's mount instead. `include()` refuses that nesting because LocaleMiddleware
    could not see the language; ours (UrlLanguageMiddleware) reads it after the mount.
    """
    localized = URLResolver(LocalePrefixPattern(prefix_default_language=False), patterns)
    route = RoutePattern(mount.lstrip("/"), is_endpoint=False)
    return [URLResolver(route, [localized], app_name=namespace, namespace=namespace)]
