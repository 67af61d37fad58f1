"""Template filters of the archive."""

from django import template

from farewell.archive import themes

register = template.Library()


@register.filter
def theme_name(slug: str) -> str:
    return themes.theme_name(slug)
