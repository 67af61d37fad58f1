"""The case page's workflow extras (assignee, tags) for review/_workflow_extras.html, which gets
them itself (`{% workflow_extras case as extras %}`): the case page's view stays as it is."""

from __future__ import annotations

from django import template

from farewell.review.workflow_views import extras_for

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_extras(context, case) -> dict:
    return extras_for(case, context["request"].desk)
