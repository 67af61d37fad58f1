"""Views of the case page's workflow extras: who is assigned, and the case's tags.

Plain forms (no JavaScript): each view authorizes, validates, calls one action of
review/assignment.py and comes back to the case page.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from farewell.cases.channels import name_of
from farewell.cases.models import Case, Tag
from farewell.review import assignment, workflow
from farewell.review.actions import NotAllowed
from farewell.review.session import reviewer_required


def extras_for(case: Case, desk) -> dict:
    """What review/_workflow_extras.html shows (its template tag calls this)."""
    return {
        "case": case,
        "channel_name": name_of(case.channel),
        "assignable": [r for r in assignment.assignable(case) if r.pk != case.assignee_id],
        "assigning": case.status in workflow.REVIEWING,
        "case_tags": list(case.tags.all()),
        "known_tags": Tag.objects.exclude(cases=case)
        .filter(cases__story__channel__grants__reviewer=desk.reviewer)
        .distinct()
        .values_list("name", flat=True),
        "tag_limit": assignment.TAG_LIMIT,
    }


def _run(request, case_id: int, action, *args) -> object:
    try:
        action(case_id, request.desk, *args)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    return redirect("review:case", case_id=case_id)


@require_POST
@reviewer_required
def assign(request, case_id: int):
    get_object_or_404(Case, pk=case_id)
    value = request.POST.get("assignee", "")
    if value and not value.isdigit():
        return redirect("review:case", case_id=case_id)
    return _run(request, case_id, assignment.do_assign, int(value) if value else None)


@require_POST
@reviewer_required
def add_tag(request, case_id: int):
    get_object_or_404(Case, pk=case_id)
    return _run(request, case_id, assignment.do_add_tag, request.POST.get("name", ""))


@require_POST
@reviewer_required
def remove_tag(request, case_id: int, tag_id: int):
    get_object_or_404(Case, pk=case_id)
    return _run(request, case_id, assignment.do_remove_tag, tag_id)
