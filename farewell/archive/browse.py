"""What the archive's pages list: filtered listings, facets (themes, years, languages), related
testimonies. Shared by the views and the static mirror, so both show the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from farewell.archive import generation
from farewell.archive.models import Testimony, TestimonyTheme
from farewell.archive.themes import THEMES, theme_name

LANGUAGE_NAMES = dict(Testimony.LANGUAGES)
RELATED = 5


@dataclass(frozen=True)
class Filter:
    """One listing: everything, or one theme, one year or one language of the testimonies."""

    theme: str | None = None
    year: int | None = None
    language: str | None = None

    def apply(self, queryset: QuerySet[Testimony]) -> QuerySet[Testimony]:
        if self.theme:
            queryset = queryset.filter(theme_rows__slug=self.theme)
        if self.year:
            queryset = queryset.filter(published_on__year=self.year)
        if self.language:
            queryset = queryset.filter(language=self.language)
        return queryset

    @property
    def heading(self) -> str | None:
        if self.theme:
            return theme_name(self.theme)
        if self.year:
            return str(self.year)
        if self.language:
            return LANGUAGE_NAMES[self.language]
        return None


def listed(queryset: QuerySet[Testimony] | None = None) -> QuerySet[Testimony]:
    """Testimonies as lists show them: no lemmas, themes prefetched, newest first."""
    queryset = Testimony.objects.all() if queryset is None else queryset
    return queryset.defer("lemmas", "checks").prefetch_related("theme_rows").order_by("-published_on", "-id")


@dataclass(frozen=True)
class Facet:
    kind: str  # theme, year or language
    value: str
    count: int

    @property
    def name(self) -> str:
        """In the language of the page: facets are cached for all languages alike."""
        if self.kind == "theme":
            return theme_name(self.value)
        return LANGUAGE_NAMES[self.value] if self.kind == "language" else self.value


@dataclass(frozen=True)
class Facets:
    themes: list[Facet]
    years: list[Facet]
    languages: list[Facet]


def facets() -> Facets:
    """Counts per theme, year and language, computed once per archive generation."""
    key = f"archive:facets:{generation.current()}"
    found = cache.get(key)
    if found is None:
        found = _count_facets()
        cache.set(key, found, 3600)
    return found


def _count_facets() -> Facets:
    themes = dict(TestimonyTheme.objects.values_list("slug").annotate(n=Count("id")).order_by())
    years = (
        Testimony.objects.annotate(year=ExtractYear("published_on")).values_list("year").annotate(n=Count("id"))
    ).order_by("-year")
    languages = dict(Testimony.objects.values_list("language").annotate(n=Count("id")).order_by())
    return Facets(
        themes=[Facet("theme", slug, themes[slug]) for slug in THEMES if themes.get(slug)],
        years=[Facet("year", str(year), n) for year, n in years],
        languages=[
            Facet("language", code, languages[code]) for code, _name in Testimony.LANGUAGES if languages.get(code)
        ],
    )


def related(testimony: Testimony) -> list[Testimony]:
    """The newest testimonies sharing a theme with this one (its language when it has none)."""
    slugs = testimony.theme_slugs
    if slugs:
        ids = (
            TestimonyTheme.objects.filter(slug__in=slugs)
            .exclude(testimony_id=testimony.pk)
            .values_list("testimony_id", flat=True)
        )
        queryset = Testimony.objects.filter(pk__in=ids)
    else:
        queryset = Testimony.objects.filter(language=testimony.language).exclude(pk=testimony.pk)
    return list(listed(queryset)[:RELATED])
