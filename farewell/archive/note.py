"""A testimony's public verification note and share links: what was checked, by how many, when;
never by whom."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from farewell.archive.models import Testimony

# The review's checklist items (cases.CaseCheck.Item), as a reader should understand them.
CHECKS = {
    "identity_consistent": _("The author's account of who he is holds together across everything he sent."),
    "timeline_consistent": _("The dates and the order of events agree with each other and with public events."),
    "unit_plausible": _("The unit and the places named are plausible for what is told."),
    "risk_flags_resolved": _("Signs of provocation or of danger to people were looked into and resolved."),
}


def checks_of(testimony: Testimony) -> list[str]:
    return [str(CHECKS[item]) for item in CHECKS if item in testimony.checks]


def canonical_url(testimony: Testimony) -> str:
    """Where the testimony lives on the public site, whatever host or mirror shows it now."""
    path = reverse("archive:testimony", args=[testimony.public_id], urlconf="farewell.archive.urls")
    return settings.FAREWELL_CANONICAL_URL.rstrip("/") + path


def share_links(testimony: Testimony) -> list[dict]:
    """Plain links to each service's own share page: nothing of theirs loads until a reader
    follows one (no buttons, no scripts, no counters)."""
    url, title = canonical_url(testimony), testimony.title
    return [
        {"name": "Telegram", "url": "https://t.me/share/url?" + urlencode({"url": url, "text": title})},
        {"name": "WhatsApp", "url": "https://wa.me/?" + urlencode({"text": f"{title} {url}"})},
        {"name": "VK", "url": "https://vk.com/share.php?" + urlencode({"url": url, "title": title})},
        {"name": "X", "url": "https://x.com/intent/post?" + urlencode({"url": url, "text": title})},
        {"name": "Facebook", "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})},
        {"name": _("Email"), "url": f"mailto:?subject={quote(title)}&body={quote(url)}"},
    ]
