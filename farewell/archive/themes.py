"""The archive's themes: a fixed list, chosen by the reviewers for each testimony."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Slugs are part of public URLs (/theme/desertion/) and of mirrors: never rename one.
THEMES = {
    "mobilization": _("Mobilization"),
    "desertion": _("Desertion"),
    "front": _("The front"),
    "captivity": _("Captivity"),
    "escape": _("Escape"),
    "exile": _("Exile"),
    "family": _("Family"),
}


def theme_name(slug: str) -> str:
    return str(THEMES.get(slug, slug))


def parse_themes(value: str) -> list[str]:
    """Theme slugs stored as "desertion,front": known ones only, in the list's order."""
    chosen = set(value.split(","))
    return [slug for slug in THEMES if slug in chosen]
