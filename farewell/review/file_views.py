"""The case page's file controls: publish or not, the voice, the transcript, redaction boxes,
and the server-made previews (never the original rendered in the reviewer's browser)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST, require_safe

from farewell.anonymize.media import sandbox
from farewell.cases.models import Case, Rendition
from farewell.review import actions, file_decisions
from farewell.review.files import found_on_pages
from farewell.review.forms import BoxForm, FileChoiceForm, TranscriptForm
from farewell.review.session import reviewer_required
from farewell.vault.store import file_metadata, read_file

# What a preview may be served as: the pictures, video and sound a render makes (not its findings).
INLINE_TYPES = frozenset(sandbox.PART_KINDS)


def _back(case_id: int, attachment_id: int):
    response = redirect("review:case", case_id=case_id)
    response["Location"] += f"#file-{attachment_id}"
    return response


def _run(request, case_id: int, attachment_id: int, action, *args) -> None:
    get_object_or_404(Case, pk=case_id)
    try:
        action(case_id, attachment_id, request.desk, *args)
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))


@require_POST
@reviewer_required
def file_choice(request, case_id: int, attachment_id: int):
    form = FileChoiceForm(request.POST)
    if form.is_valid():
        publish, voice = form.cleaned_data["publish"], form.cleaned_data["voice"] or "transcript"
        _run(
            request,
            case_id,
            attachment_id,
            lambda c, a, d: file_decisions.do_set_file_choice(c, a, d, publish=publish, voice=voice),
        )
    else:
        _form_errors(request, form)
    return _back(case_id, attachment_id)


@require_POST
@reviewer_required
def file_transcript(request, case_id: int, attachment_id: int):
    form = TranscriptForm(request.POST)
    if form.is_valid():
        _run(request, case_id, attachment_id, file_decisions.do_set_transcript, form.cleaned_data["transcript"])
    else:
        _form_errors(request, form)
    return _back(case_id, attachment_id)


@require_POST
@reviewer_required
def add_box(request, case_id: int, attachment_id: int):
    form = BoxForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            box = file_decisions.clean_box(
                data["page"], data["x"], data["y"], data["w"], data["h"], data["start"], data["end"]
            )
        except actions.NotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            _run(request, case_id, attachment_id, file_decisions.do_add_box, box)
    else:
        _form_errors(request, form)
    return _back(case_id, attachment_id)


@require_POST
@reviewer_required
def cover_found(request, case_id: int, attachment_id: int):
    """Covers what the text review found on a document's pages: one finding, or all of them."""
    get_object_or_404(Case, pk=case_id)
    number = request.POST.get("number", "")
    renditions = Rendition.objects.filter(attachment_id=attachment_id, attachment__case_id=case_id)
    try:
        kept = [r for r in renditions.select_related("stored") if not r.stored.destroyed]
        found = found_on_pages(kept, request.desk.channel_key)
        boxes = file_decisions.boxes_of_found(found, int(number) if number.isdigit() else None)
        file_decisions.do_add_boxes(case_id, attachment_id, request.desk, boxes)
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
    return _back(case_id, attachment_id)


@require_POST
@reviewer_required
def remove_box(request, case_id: int, attachment_id: int, number: int):
    _run(request, case_id, attachment_id, file_decisions.do_remove_box, number)
    return _back(case_id, attachment_id)


@require_safe
@reviewer_required
def rendition(request, case_id: int, attachment_id: int, rendition_id: int):
    """A preview or a part to publish, shown inline: the sandbox made it from the cleaned copy."""
    item = get_object_or_404(
        Rendition.objects.select_related("stored__metadata"),
        pk=rendition_id,
        attachment_id=attachment_id,
        attachment__case_id=case_id,
    )
    if item.stored.destroyed or item.content_type not in INLINE_TYPES:
        raise Http404()
    try:
        key = request.desk.channel_key(item.stored)
    except actions.NotAllowed:
        raise Http404() from None
    metadata = file_metadata(item.stored, key)
    response = StreamingHttpResponse(read_file(item.stored, key), content_type=item.content_type)
    response["Content-Length"] = str(metadata.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
