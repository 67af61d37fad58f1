"""Intake views: plain forms (POST, validate, show the error), no JavaScript anywhere."""

from __future__ import annotations

import secrets

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from farewell.cases import actions
from farewell.cases.models import Case
from farewell.cases.status import status_for_submitter
from farewell.intake.codenames import Busy
from farewell.intake.forms import CodenameForm, TestimonyForm

SESSION_CASE = "case"
SESSION_FORM_TOKENS = "form_tokens"
MAX_OPEN_FORMS = 8  # tokens of forms opened in this session and not yet sent


@require_safe
def landing(request):
    return render(request, "intake/landing.html")


def _issue_form_token(request) -> str:
    token = secrets.token_urlsafe(16)
    tokens = request.session.get(SESSION_FORM_TOKENS, [])[-(MAX_OPEN_FORMS - 1) :]
    request.session[SESSION_FORM_TOKENS] = [*tokens, token]
    return token


def _take_form_token(request, token: str) -> bool:
    tokens = request.session.get(SESSION_FORM_TOKENS, [])
    if token not in tokens:
        return False
    request.session[SESSION_FORM_TOKENS] = [t for t in tokens if t != token]
    return True


def testimony(request):
    if request.method == "POST":
        form = TestimonyForm(request.POST)
        if form.is_valid():
            if not _take_form_token(request, form.cleaned_data["form_token"]):
                # Sent twice (reload, back button): the first one was received.
                return render(request, "intake/already_received.html", status=409)
            try:
                case, codename = actions.do_receive_testimony(
                    story=form.cleaned_data["story"],
                    consent=form.cleaned_data["consent"],
                    language=get_language(),
                )
            except Busy:
                return _busy(request)
            # Shown here, in the response to the POST, and never again: there is no
            # redirect, because carrying it to another page would mean storing it.
            return render(request, "intake/receipt.html", {"codename": codename, "case": case})
        form.data = form.data.copy()
        form.data["form_token"] = form.data.get("form_token") or _issue_form_token(request)
    else:
        form = TestimonyForm(initial={"form_token": _issue_form_token(request)})
    return render(request, "intake/testimony.html", {"form": form})


def come_back(request):
    form = CodenameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.find_case_by_codename(form.cleaned_data["codename"])
        except Busy:
            return _busy(request)
        if case is not None:
            request.session.cycle_key()
            request.session[SESSION_CASE] = case.pk
            return redirect("intake:status")
        form.add_error("codename", _("We do not know this codename. Check the words and try again."))
    return render(request, "intake/come_back.html", {"form": form})


@require_safe
def status(request):
    case = Case.objects.filter(pk=request.session.get(SESSION_CASE)).first()
    if case is None:
        return redirect("intake:come_back")
    return render(request, "intake/status.html", {"status": status_for_submitter(case), "case": case})


@require_POST
def leave(request):
    request.session.flush()
    return redirect("intake:landing")


def _busy(request):
    response = render(request, "intake/busy.html", status=503)
    response["Retry-After"] = "30"
    return response
