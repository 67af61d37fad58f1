"""Archive views: listings (all, by theme, year or language), search, one page per testimony."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from farewell.archive import browse, note
from farewell.archive.models import PublishedPart, Testimony
from farewell.archive.search.lemmas import latin_languages
from farewell.archive.search.query import Query, search, snippet
from farewell.archive.themes import THEMES

LISTINGS = {"theme": "archive:theme", "year": "archive:year", "language": "archive:language"}


def _intake_url() -> str:
    # The intake has its own URL configuration: reverse through the one that holds all sites.
    return reverse("intake:landing", urlconf="farewell.urls")


def page_url(name: str, value, number: int) -> str:
    """A listing page's URL: the first page at the listing's own address, the others below it."""
    args = [] if value is None else [value]
    if number == 1:
        return reverse(name, args=args)
    return reverse(name + "_page", args=[*args, number])


def _page(queryset, number: int):
    paginator = Paginator(queryset, settings.FAREWELL_ARCHIVE_PAGE_SIZE)
    try:
        return paginator.page(number)
    except EmptyPage:
        raise Http404() from None


def listing_context(which: browse.Filter, number: int) -> dict:
    name, value = "archive:home", None
    for field, url_name in LISTINGS.items():
        if getattr(which, field):
            name, value = url_name, getattr(which, field)
    page = _page(browse.listed(which.apply(Testimony.objects.all())), number)
    return {
        "page": page,
        "filter": which,
        "facets": browse.facets(),
        "intake_url": _intake_url(),
        "previous_url": page_url(name, value, page.previous_page_number()) if page.has_previous() else None,
        "next_url": page_url(name, value, page.next_page_number()) if page.has_next() else None,
    }


@require_safe
def home(request, number: int = 1):
    return render(request, "archive/home.html", listing_context(browse.Filter(), number))


@require_safe
def by_theme(request, theme: str, number: int = 1):
    if theme not in THEMES:
        raise Http404()
    return render(request, "archive/listing.html", listing_context(browse.Filter(theme=theme), number))


@require_safe
def by_year(request, year: int, number: int = 1):
    if str(year) not in {facet.value for facet in browse.facets().years}:
        raise Http404()  # no testimony that year (or no such year: the database could not compare)
    return render(request, "archive/listing.html", listing_context(browse.Filter(year=year), number))


@require_safe
def by_language(request, language: str, number: int = 1):
    if language not in browse.LANGUAGE_NAMES:
        raise Http404()
    return render(request, "archive/listing.html", listing_context(browse.Filter(language=language), number))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), max_length=300, required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput)

    def __init__(self, *args, facets: browse.Facets, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["theme"].choices = every + [(slug, name) for slug, name in THEMES.items()]
        self.fields["year"].choices = every + [(f.value, f.name) for f in facets.years]
        self.fields["language"].choices = every + list(Testimony.LANGUAGES)


@require_safe
def search_view(request):
    facets = browse.facets()
    form = SearchForm(request.GET or None, facets=facets)
    context = {"form": form, "facets": facets, "searched": False}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        which = browse.Filter(theme=data["theme"] or None, year=data["year"], language=data["language"] or None)
        query = Query.parse(data["q"])
        queryset = which.apply(Testimony.objects.all())
        if query.text:
            queryset = search(queryset, query)
        elif which == browse.Filter():
            return render(request, "archive/search.html", context)
        paginator = Paginator(browse.listed(queryset), settings.FAREWELL_ARCHIVE_PAGE_SIZE)
        page = paginator.get_page(data["page"])
        marks = query.highlighter()
        results = [
            (
                t,
                snippet(t.title, marks, latin_languages(t.language), words=None),
                snippet(t.body, marks, latin_languages(t.language)),
            )
            for t in page.object_list
        ]
        context.update(searched=True, query=query, page=page, results=results, **_search_pages(request, page))
    return render(request, "archive/search.html", context)


def _search_pages(request, page) -> dict:
    def at(number: int) -> str:
        params = request.GET.copy()
        params["page"] = number
        return "?" + params.urlencode()

    return {
        "previous_url": at(page.previous_page_number()) if page.has_previous() else None,
        "next_url": at(page.next_page_number()) if page.has_next() else None,
    }


@require_safe
def testimony(request, public_id: str):
    item = get_object_or_404(Testimony.objects.prefetch_related("theme_rows"), public_id=public_id)
    context = {
        "testimony": item,
        "files": item.files.prefetch_related("parts"),
        "checks": note.checks_of(item),
        "related": browse.related(item),
        "share_links": note.share_links(item),
        "canonical_url": note.canonical_url(item),
    }
    return render(request, "archive/testimony.html", context)


@require_safe
def media(request, name: str):
    """A published part: an approved derivative, under its random name, never rendered as a page.
    Revalidated on every use (no-cache, ETag), so that a withdrawn file stops showing at once."""
    part = get_object_or_404(PublishedPart, name=name)
    path = Path(settings.FAREWELL_PUBLIC_MEDIA_DIR) / part.name
    if not path.is_file():
        raise Http404()
    etag = f'"{part.sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = FileResponse(path.open("rb"), content_type=part.content_type)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "no-cache"
    return response
