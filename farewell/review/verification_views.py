"""The verification panel's controls: add or remove an account, verify now, tick the checklist."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from farewell.cases.models import Case
from farewell.review import case_accounts, verification
from farewell.review.actions import NotAllowed
from farewell.review.case_accounts import MAX_UPLOAD_BYTES, UPLOAD_FIELD, AccountUploadHandler
from farewell.review.forms import AccountForm
from farewell.review.session import reviewer_required

MB = 1024 * 1024


def _back(case_id: int):
    response = redirect("review:case", case_id=case_id)
    response["Location"] += "#verification"
    return response


@csrf_exempt  # the CSRF check runs in _add_account, after the upload handler is installed
@require_POST
@reviewer_required
def add_account(request, case_id: int):
    """A pasted account or an upload. The file is read in memory by its own handler, which must
    be in place before anything reads the body. A refusal shows the form again, text kept."""
    handler = AccountUploadHandler(request)
    request.upload_handlers = [handler]
    return _add_account(request, case_id, handler)


@csrf_protect
def _add_account(request, case_id: int, handler: AccountUploadHandler):
    case = get_object_or_404(Case, pk=case_id)
    form = AccountForm(request.POST)
    upload = request.FILES.get(UPLOAD_FIELD)
    valid = form.is_valid()
    if handler.too_large:  # after is_valid(): the form has its cleaned data to add an error to
        form.add_error(None, _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // MB})
    elif valid:
        data = form.cleaned_data
        try:
            case_accounts.do_add_account(
                case_id, request.desk, text=data["text"], upload=upload, kind=data["kind"], label=data["label"],
                date=data["date"],
            )  # fmt: skip
        except NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Account added. It is being verified with the others."))
            return _back(case_id)
    return render(request, "review/account_form.html", {"case": case, "form": form}, status=400)


def _run(request, case_id: int, action, *args):
    get_object_or_404(Case, pk=case_id)
    try:
        action(case_id, *args, request.desk)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    return _back(case_id)


@require_POST
@reviewer_required
def remove_account(request, case_id: int, account_id: int):
    return _run(request, case_id, case_accounts.do_remove_account, account_id)


@require_POST
@reviewer_required
def verify(request, case_id: int):
    return _run(request, case_id, verification.do_verify)


@require_POST
@reviewer_required
def check(request, case_id: int):
    item, ticked = request.POST.get("item", ""), request.POST.get("ticked") == "on"
    return _run(request, case_id, verification.do_check, item, ticked)
