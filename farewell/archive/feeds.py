"""Atom feeds: every testimony, per theme and per language of the testimonies. Entries carry the
full text; ids and links are built from FAREWELL_CANONICAL_URL, so a mirror's copy of a feed
names the same entries as the site's."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from farewell.archive import browse, note
from farewell.archive.models import Testimony
from farewell.archive.text import printable  # and for testimonies published before it was applied
from farewell.archive.themes import THEMES

ENTRIES = 50
NO_DATE = datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC)  # an empty feed's <updated>


class FullTextAtomFeed(Atom1Feed):
    def latest_post_date(self):
        # Django's falls back to now() for an empty feed: the same archive must give the same bytes.
        dates = [item["updateddate"] for item in self.items if item.get("updateddate")]
        return max(dates, default=NO_DATE)

    def item_attributes(self, item):
        return {"xml:lang": item["language"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


def _canonical(path: str) -> str:
    return settings.FAREWELL_CANONICAL_URL.rstrip("/") + path


def _address(which: browse.Filter, *, page: str, theme: str, language: str) -> str:
    """The canonical URL of the listing (or feed) of a theme, a language, or everything."""
    if which.theme:
        return _canonical(reverse(theme, args=[which.theme]))
    if which.language:
        return _canonical(reverse(language, args=[which.language]))
    return _canonical(reverse(page))


class ArchiveFeed(Feed):
    feed_type = FullTextAtomFeed

    def get_object(self, request, theme: str | None = None, language: str | None = None):
        if theme is not None and theme not in THEMES:
            raise Http404()
        if language is not None and language not in browse.LANGUAGE_NAMES:
            raise Http404()
        return browse.Filter(theme=theme, language=language)

    def title(self, which: browse.Filter) -> str:
        site = _("Farewell to Arms — testimonies")
        return f"{site}: {which.heading}" if which.heading else site

    def subtitle(self, which: browse.Filter) -> str:
        return _("Soldiers tell what they saw")

    def link(self, which: browse.Filter) -> str:
        return _address(which, page="archive:home", theme="archive:theme", language="archive:language")

    def feed_url(self, which: browse.Filter) -> str:
        return _address(which, page="archive:feed", theme="archive:theme_feed", language="archive:language_feed")

    def feed_guid(self, which: browse.Filter) -> str:
        return self.feed_url(which)

    def author_name(self) -> str:
        return "Farewell"

    def get_feed(self, obj: browse.Filter, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.language or get_language()  # xml:lang of a language's feed
        return feed

    def items(self, which: browse.Filter):
        newest = which.apply(Testimony.objects.defer("lemmas")).order_by("-published_on", "-id")
        return newest.prefetch_related("theme_rows", "files")[:ENTRIES]

    def item_title(self, item: Testimony) -> str:
        return printable(item.title)

    def item_link(self, item: Testimony) -> str:
        return note.canonical_url(item)

    def item_guid(self, item: Testimony) -> str:
        return note.canonical_url(item)

    def item_pubdate(self, item: Testimony) -> datetime.datetime:
        return datetime.datetime.combine(item.published_on, datetime.time(), tzinfo=datetime.UTC)

    item_updateddate = item_pubdate

    def item_description(self, item: Testimony) -> str:
        return escape(printable(item.paragraphs[0])) if item.paragraphs else ""

    def item_categories(self, item: Testimony) -> list[str]:
        return item.theme_slugs

    def item_extra_kwargs(self, item: Testimony) -> dict:
        paragraphs = item.paragraphs + [f.transcript for f in item.files.all() if f.transcript]
        return {"content": "".join(f"<p>{escape(printable(p))}</p>" for p in paragraphs), "language": item.language}
