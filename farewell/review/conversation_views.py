"""The conversation on the case page: a question to the submitter, an internal note."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from farewell.cases.models import Case
from farewell.review import conversation
from farewell.review.session import reviewer_required
from farewell.review.views import _run


@require_POST
@reviewer_required
def ask(request, case_id: int):
    get_object_or_404(Case, pk=case_id)
    text = request.POST.get("text", "")
    return _run(request, case_id, lambda cid, desk: conversation.do_ask(cid, desk, text))


@require_POST
@reviewer_required
def note(request, case_id: int):
    get_object_or_404(Case, pk=case_id)
    text = request.POST.get("text", "")
    return _run(request, case_id, lambda cid, desk: conversation.do_note(cid, desk, text))
