"""Intake views: plain forms (POST, validate, show the error), no JavaScript anywhere."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import UnreadablePostError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from farewell.cases import actions, channels
from farewell.intake import limits, returning
from farewell.intake.codenames import Busy
from farewell.intake.forms import CodenameForm, TestimonyForm
from farewell.vault.uploads import EncryptingUploadHandler

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


def _limits() -> dict:
    return {
        "max_files": settings.FAREWELL_MAX_FILES,
        "max_file_mb": settings.FAREWELL_MAX_FILE_MB,
        "max_submission_mb": settings.FAREWELL_MAX_SUBMISSION_MB,
    }


def _form_page(request, form, status=200, **extra):
    # The channel rides in the form's URL: files are encrypted to it before the body is read.
    choices = channels.intake_channels()
    channel = channels.for_intake(request.GET.get("channel"), choices)
    context = {"form": form, "limits": _limits(), "channel": channel, "channels": choices, **extra}
    return render(request, "intake/testimony.html", context, status=status)


@csrf_exempt  # the CSRF check runs in _receive, after the encrypting upload handler is installed
def testimony(request):
    """The testimony form. Files are encrypted while they stream in (the handler must be in
    place before anything reads the body, CSRF middleware included)."""
    if request.method != "POST":
        form = TestimonyForm(initial={"form_token": secrets.token_urlsafe(16)})
        return _form_page(request, form)
    refusal = limits.admit(request, "testimony")  # before the body is read: nothing accepted yet
    if refusal is not None:
        return _testimony_refused(request, refusal)
    channel = channels.for_intake(request.GET.get("channel"))  # unknown: the organization's
    handler = EncryptingUploadHandler(request, channel=channel.key_name)
    request.upload_handlers = [handler]
    try:
        return _receive(request, handler)
    finally:
        handler.discard_all()  # whatever was not filed into a case is deleted


def _testimony_refused(request, refusal: limits.Refusal):
    """Too many testimonies: his text comes back in the form; his files are read and dropped
    (neither stored nor encrypted), and the page says when to send it again."""
    data, dropped = limits.fields_without_files(request)
    initial = {key: data.get(key, "") for key in ("story", "consent", "form_token")}
    form = TestimonyForm(initial={**initial, "form_token": initial["form_token"] or secrets.token_urlsafe(16)})
    return limits.refuse(_form_page(request, form, refusal=refusal, files_lost=dropped > 0), refusal)


@csrf_protect
def _receive(request, handler: EncryptingUploadHandler):
    try:
        form = TestimonyForm(request.POST)
    except UnreadablePostError:
        # The connection broke mid-upload; what arrived is discarded (see testimony()).
        form = TestimonyForm(initial={"form_token": secrets.token_urlsafe(16)})
        error = _("The upload was interrupted and nothing was kept. Please send the form again.")
        return _form_page(request, form, status=400, upload_errors=[error])
    if handler.problems.errors or not form.is_valid():
        files_lost = bool(handler.received) or bool(handler.problems.errors)
        return _form_page(request, form, upload_errors=handler.problems.errors, files_lost=files_lost)
    token = form.cleaned_data["form_token"] or secrets.token_urlsafe(16)
    if _already_sent(request, token):
        return render(request, "intake/already_received.html", status=409)
    try:
        case, codename = actions.do_receive_testimony(
            story=form.cleaned_data["story"],
            consent=form.cleaned_data["consent"],
            language=get_language(),
            files=handler.received,
            channel=channels.slug_of(handler.channel),
        )
    except Busy:
        # The text stays in the form: going back to a no-store page would lose it.
        response = _form_page(request, form, status=503, busy=True, files_lost=bool(handler.received))
        response["Retry-After"] = "30"
        return response
    handler.received = []  # filed into the case: not to be discarded
    _remember_sent(request, token)
    # Shown here, in the response to the POST, and never again: there is no redirect,
    # because carrying the codename to another page would mean storing it.
    return render(
        request,
        "intake/receipt.html",
        {
            "codename": codename,
            "case": case,
            "files": case.attachments.count(),
            "ignored": handler.problems.ignored_empty,
        },
    )


def testimony_expired(request):
    """The CSRF check failed on the testimony form (the session ended while he wrote): the
    form comes back with his text in it, under a fresh token, instead of an error page."""
    initial = {key: request.POST.get(key, "") for key in ("story", "consent", "form_token")}
    return _form_page(request, TestimonyForm(initial=initial), status=403, expired=True, files_lost=bool(request.FILES))


def come_back(request):
    form = CodenameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = limits.admit(request, "codename")  # the session's lock, floods, guessing
        if refusal is not None:
            return limits.try_later(request, refusal)
        try:
            found = actions.find_case_by_codename(form.cleaned_data["codename"])
        except Busy:
            return _busy(request)
        if found is not None:
            response = redirect("intake:status")
            returning.remember(request, response, found.case.pk, found.private_key)
            return response
        limits.count_wrong_codename(request)
        form.add_error("codename", _("We do not know this codename. Check the words and try again."))
    return render(request, "intake/come_back.html", {"form": form})


@require_POST
def leave(request):
    response = redirect("intake:landing")
    returning.forget(request, response)
    return response


def _busy(request):
    response = render(request, "intake/busy.html", status=503)
    response["Retry-After"] = "30"
    return response
