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
SESSION_SENT_FORMS = "sent_forms"
MAX_REMEMBERED_FORMS = 20  # tokens of forms already sent in this session


@require_safe
def landing(request):
    return render(request, "intake/landing.html")


def _already_sent(request, token: str) -> bool:
    return token in request.session.get(SESSION_SENT_FORMS, [])


def _remember_sent(request, token: str) -> None:
    sent = request.session.get(SESSION_SENT_FORMS, [])[-(MAX_REMEMBERED_FORMS - 1) :]
    request.session[SESSION_SENT_FORMS] = [*sent, token]


def testimony(request):
    """The testimony form. A form token makes sending the same form twice (reload, back
    button) harmless; an unknown token is accepted, since refusing it could lose a story."""
    if request.method != "POST":
        form = TestimonyForm(initial={"form_token": secrets.token_urlsafe(16)})
        return render(request, "intake/testimony.html", {"form": form})
    form = TestimonyForm(request.POST)
    if not form.is_valid():
        return render(request, "intake/testimony.html", {"form": form})
    token = form.cleaned_data["form_token"] or secrets.token_urlsafe(16)
    if _already_sent(request, token):
        return render(request, "intake/already_received.html", status=409)
    try:
        case, codename = actions.do_receive_testimony(
            story=form.cleaned_data["story"],
            consent=form.cleaned_data["consent"],
            language=get_language(),
        )
    except Busy:
        # The text stays in the form: going back to a no-store page would lose it.
        response = render(request, "intake/testimony.html", {"form": form, "busy": True}, status=503)
        response["Retry-After"] = "30"
        return response
    _remember_sent(request, token)
    # Shown here, in the response to the POST, and never again: there is no redirect,
    # because carrying the codename to another page would mean storing it.
    return render(request, "intake/receipt.html", {"codename": codename, "case": case})


def testimony_expired(request):
    """The CSRF check failed on the testimony form (the session ended while he wrote): the
    form comes back with his text in it, under a fresh token, instead of an error page."""
    initial = {key: request.POST.get(key, "") for key in ("story", "consent", "form_token")}
    form = TestimonyForm(initial=initial)
    return render(request, "intake/testimony.html", {"form": form, "expired": True}, status=403)


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
