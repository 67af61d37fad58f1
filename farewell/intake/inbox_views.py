"""The submitter's inbox after codename sign-in: status, preview and objection, questions and
replies (with files), consent for the testimony and for each file, withdrawal. Plain forms, no
JavaScript; every POST redirects back to the inbox with a message, or shows the form again with
what he typed when it could not be accepted.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.http import Http404, StreamingHttpResponse, UnreadablePostError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from farewell.cases.models import Case, Rendition
from farewell.cases.status import status_for_submitter
from farewell.intake import inbox, limits, returning
from farewell.intake.forms import ConsentForm, FileConsentForm, ObjectionForm, ReplyForm
from farewell.vault import crypto
from farewell.vault.store import read_file_for_submitter
from farewell.vault.uploads import EncryptingUploadHandler


def submitter_required(view):
    """The signed-in submitter's case and key on request.case / request.submitter_key."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        visit = returning.visit(request)
        case = Case.objects.filter(pk=visit.case_id).select_related("story").first() if visit else None
        if case is None:
            return redirect("intake:come_back")
        request.case, request.submitter_key = case, visit.private_key
        return view(request, *args, **kwargs)

    return wrapper


def _inbox_page(request, status=200, **forms):
    case, key = request.case, request.submitter_key
    preview = inbox.preview_for(case, key)
    objection_form = forms.get("objection_form")
    if objection_form is None and preview:
        objection_form = ObjectionForm(parts=inbox.objection_parts(preview))
    context = {
        "case": case,
        "status": status_for_submitter(case),
        "conversation": inbox.conversation(case, key),
        "preview": preview,
        "objection_form": forms.get("objection_form")
        or (ObjectionForm(parts=inbox.objection_parts(preview)) if preview else None),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "consent_form": ConsentForm(initial={"consent": case.consent}),
        "files": [
            {**entry, "form": FileConsentForm(initial=_file_initial(entry), prefix=f"file{entry['attachment'].pk}")}
            for entry in inbox.files_for_consent(case, key)
        ],
        "withdrawn": case.status == Case.Status.WITHDRAWN,
        "decided": case.status in Case.CLOSED,
        "media_allowed": case.consent == Case.Consent.TEXT_AND_MEDIA,
        "reply_errors": forms.get("reply_errors", []),
        "files_lost": forms.get("files_lost", False),
    }
    return render(request, "intake/inbox.html", context, status=status)


def _file_initial(entry: dict) -> dict:
    return {"choice": entry["choice"], "altered": entry["altered"], "original": entry["original"]}


@require_safe
@submitter_required
def inbox_page(request):
    return _inbox_page(request)


def _run(request, action, *args, success: str, **kwargs):
    try:
        action(request.case.pk, *args, **kwargs)
    except inbox.Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, success)
    return redirect("intake:status")


@csrf_exempt  # checked in _receive_reply, once the encrypting upload handler is in place
@submitter_required
def reply(request):
    if request.method != "POST":
        return redirect("intake:status")
    refusal = limits.admit(request, "reply")
    if refusal is not None:  # his text comes back; files are read and dropped, never stored
        data, dropped = limits.fields_without_files(request)
        page = _inbox_page(
            request,
            reply_form=ReplyForm(initial={"text": data.get("text", "")}),
            reply_errors=[refusal.message],
            files_lost=dropped > 0,
        )
        return limits.refuse(page, refusal)
    # Encrypted as they stream in, to the key pair of his case's channel.
    handler = EncryptingUploadHandler(request, like=request.case.story)
    request.upload_handlers = [handler]
    try:
        return _receive_reply(request, handler)
    finally:
        handler.discard_all()  # whatever was not filed into the case is deleted


@csrf_protect
def _receive_reply(request, handler: EncryptingUploadHandler):
    try:
        form = ReplyForm(request.POST)
    except UnreadablePostError:
        error = _("The upload was interrupted and nothing was kept. Please send your answer again.")
        return _inbox_page(request, status=400, reply_errors=[error])
    if handler.problems.errors or not form.is_valid():
        lost = bool(handler.received) or bool(handler.problems.errors)
        return _inbox_page(request, reply_form=form, reply_errors=handler.problems.errors, files_lost=lost)
    try:
        inbox.do_reply(request.case.pk, form.cleaned_data["text"], handler.received)
    except inbox.Refused as refusal:
        return _inbox_page(request, reply_form=form, reply_errors=[str(refusal)], files_lost=bool(handler.received))
    handler.received = []  # filed into the case
    messages.success(request, _("Your answer was sent. The reviewers will read it."))
    return redirect("intake:status")


@require_POST
@submitter_required
def set_consent(request):
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose whether your testimony may be published."))
        return redirect("intake:status")
    return _run(request, inbox.do_set_consent, form.cleaned_data["consent"], success=_("Your choice was saved."))


@require_POST
@submitter_required
def set_file_consent(request, attachment_id: int):
    form = FileConsentForm(request.POST, prefix=f"file{attachment_id}")
    if not form.is_valid():
        messages.error(request, _("Please choose what may be published of this file."))
        return redirect("intake:status")
    data = form.cleaned_data
    return _run(
        request,
        inbox.do_set_file_consent,
        attachment_id,
        choice=data["choice"],
        altered=data["altered"],
        original=data["original"],
        success=_("Your choice for this file was saved."),
    )


@require_POST
@submitter_required
def object_to(request):
    preview = inbox.preview_for(request.case, request.submitter_key)
    if preview is None:
        messages.error(request, _("There is nothing to object to now: no version is waiting for publication."))
        return redirect("intake:status")
    form = ObjectionForm(request.POST, parts=inbox.objection_parts(preview))
    if not form.is_valid():
        return _inbox_page(request, objection_form=form)
    return _run(
        request,
        inbox.do_object,
        form.cleaned_data["part"],
        form.cleaned_data["comment"],
        success=_("Your objection was sent. Nothing will be published before the reviewers have dealt with it."),
    )


@submitter_required
def withdraw(request):
    """Asked once: the first page explains, its button withdraws."""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _run(
            request,
            inbox.do_withdraw,
            success=_("Your testimony was withdrawn. It is no longer in the archive and will not be published."),
        )
    return render(request, "intake/withdraw.html", {"case": request.case})


@require_safe
@submitter_required
def preview_picture(request, rendition_id: int):
    """A picture of the preview, opened with his key: only one his preview lists."""
    preview = inbox.preview_for(request.case, request.submitter_key) or {}
    listed = {pk for entry in preview.get("files", []) for pk in entry.get("pictures", [])}
    if rendition_id not in listed:
        raise Http404()
    rendition = (
        Rendition.objects.filter(pk=rendition_id, attachment__case=request.case).select_related("stored").first()
    )
    if rendition is None or not rendition.content_type.startswith("image/"):
        raise Http404()
    try:
        chunks = read_file_for_submitter(rendition.stored, request.submitter_key)
    except crypto.VaultError:
        raise Http404() from None
    response = StreamingHttpResponse(chunks, content_type=rendition.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "no-store"
    return response
