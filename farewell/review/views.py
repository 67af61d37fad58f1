"""Reviewer workspace views: sign-in, enrolment, the queue and the case page.

Views authorize (reviewer_required), validate a form, call one action, redirect.
"""

from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_update
from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from farewell.accounts import actions as accounts
from farewell.accounts import totp
from farewell.accounts.credentials import (
    MIN_PASSWORD_LENGTH,
    EnrolmentInvalid,
    enrolment_page_key,
    reviewer_for_token,
)
from farewell.accounts.models import Reviewer
from farewell.archive.themes import theme_name
from farewell.audit.chain import SUBMITTER
from farewell.audit.models import AuditEntry
from farewell.cases import channels, consent
from farewell.cases.models import Attachment, Case, CleanedFile, Tag
from farewell.review import actions, conversation, publication, session, workflow
from farewell.review.forms import (
    LABEL_NAMES,
    AccountForm,
    BoxForm,
    CodeForm,
    EnrolForm,
    PublicationForm,
    ReasonForm,
    RedactionForm,
    SignInForm,
)
from farewell.review.models import FileDecision
from farewell.review.session import reviewer_required
from farewell.review.suggestions import suggestions_for
from farewell.review.verification_panel import panel_for
from farewell.vault import crypto
from farewell.vault.store import file_metadata, read_file

ENROL_SECRET = "enrol_totp"


# --- signing in -----------------------------------------------------------------------------


def sign_in(request):
    if session.desk_of(request) is not None:
        return redirect("review:queue")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reviewer, private = accounts.do_check_password(form.cleaned_data["name"], form.cleaned_data["password"])
        except accounts.SignInRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            response = redirect("review:second_factor")
            session.begin(request, response, reviewer, private)
            return response
    return render(request, "review/sign_in.html", {"form": form})


def second_factor(request):
    reviewer_id = session.pending_reviewer_id(request)
    if reviewer_id is None:
        return redirect("review:sign_in")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reviewer = accounts.do_check_second_factor(reviewer_id, form.cleaned_data["code"])
        except accounts.SignInRefused as refusal:
            form.add_error("code", str(refusal))
        else:
            session.complete(request, reviewer)
            return redirect("review:queue")
    return render(request, "review/second_factor.html", {"form": form})


@require_POST
def sign_out(request):
    response = redirect("review:sign_in")
    session.end(request, response)
    return response


def enrol(request, token: str):
    try:
        reviewer = reviewer_for_token(token)
    except EnrolmentInvalid:
        return render(request, "review/enrol_invalid.html", status=404)
    sealed = request.session.get(ENROL_SECRET)
    secret = None
    if sealed:
        try:
            secret = crypto.decrypt(bytes.fromhex(sealed), enrolment_page_key(token), "enrol")
        except (crypto.VaultError, ValueError):
            secret = None
    if secret is None:
        secret = totp.new_secret().encode()
        # Kept in the session only sealed with a key derived from the link's token.
        request.session[ENROL_SECRET] = crypto.encrypt(secret, enrolment_page_key(token), "enrol").hex()
    secret_text = secret.decode()
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolled = accounts.do_enrol(
                token, password=form.cleaned_data["password"], totp_secret=secret_text, code=form.cleaned_data["code"]
            )
        except accounts.SignInRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session.pop(ENROL_SECRET, None)
            return render(
                request, "review/enrolled.html", {"reviewer": enrolled.reviewer, "codes": enrolled.recovery_codes}
            )
    uri = totp.provisioning_uri(secret_text, reviewer.name)
    return render(
        request,
        "review/enrol.html",
        {
            "form": form,
            "reviewer": reviewer,
            "secret": secret_text,
            "qr": totp.qr_svg(uri),
            "min_length": MIN_PASSWORD_LENGTH,
        },
    )


# --- cases ----------------------------------------------------------------------------------

QUEUE_ORDER = [s.value for s in Case.Status]


@require_safe
@reviewer_required
def queue(request):
    status = request.GET.get("status", Case.Status.NEW)
    if status not in QUEUE_ORDER:
        status = Case.Status.NEW
    readable = channels.readable_cases(request.desk.reviewer)  # exactly the channels he holds
    tag = request.GET.get("tag", "").strip()
    listed = readable.filter(tags__name=tag) if tag else readable
    cases = list(
        listed.filter(status=status).select_related("assignee").prefetch_related("tags").order_by("received_on", "pk")
    )
    counts = {s: 0 for s in QUEUE_ORDER}
    for value in listed.values_list("status", flat=True):
        counts[value] += 1
    tabs = [(value, Case.Status(value).label, counts[value]) for value in QUEUE_ORDER]
    several = readable.values("channel").distinct().count() > 1
    if several:
        names = channels.names_by_slug()
        for case in cases:
            case.channel_name = channels.display_name(case.channel, names.get(case.channel))
    context = {"cases": cases, "status": status, "tabs": tabs, "tag": tag, "several_channels": several}
    context["tags"] = Tag.objects.filter(cases__in=readable).distinct()
    return render(request, "review/queue.html", context)


def _segments(original: str, spans: list[publication.Span], proposed=()) -> list[tuple[str, str | None, str, int]]:
    """The original cut into (text, label, kind, start) pieces: kind "hidden" for accepted
    redactions, "proposed" for suggestions awaiting a decision, "" for plain text; start is the
    piece's offset, which the optional selection script reads."""
    marked = [(span, "hidden") for span in publication.merged(spans, len(original))]
    marked += [(publication.Span(e.start, e.end, e.label), "proposed") for e in proposed]
    parts, position = [], 0
    for span, kind in sorted(marked, key=lambda item: item[0].start):
        if span.start < position:
            continue
        parts += [
            (original[position : span.start], None, "", position),
            (original[span.start : span.end], span.label, kind, span.start),
        ]
        position = span.end
    parts.append((original[position:], None, "", position))
    return [part for part in parts if part[0]]


@require_safe
@reviewer_required
@csp_update({"script-src": [SELF], "media-src": [SELF]})  # select.js, boxes.js: optional, the page works without them
def case_page(request, case_id: int):
    case = get_object_or_404(Case.objects.select_related("story", "assignee"), pk=case_id)
    desk = request.desk
    context = {"case": case, "label_names": LABEL_NAMES}
    try:
        desk.channel_key(case.story)  # before anything of the case is shown, its history included
        if case.purged_on:
            return render(request, "review/case_erased.html", {"case": case, "history": _history(case)})
        original = actions.story_of(case, desk)
    except actions.NotAllowed as refusal:
        return render(request, "review/no_grant.html", {"case": case, "message": str(refusal)}, status=403)
    approvers = {a.reviewer_id: a for a in case.approvals.select_related("reviewer")}
    editable = case.status in workflow.REVIEWING
    suggested = suggestions_for(case, original) if editable else None
    context.update(
        original=original,
        segments=_segments(original, actions.spans_of(case, desk), suggested.proposed if suggested else ()),
        suggestions=suggested,
        redactions=[
            {
                "pk": r.pk,
                "text": original[r.start : r.end],
                "label_name": LABEL_NAMES.get(r.label, r.label),
                "start": r.start,
                "end": r.end,
                "replacement": desk.open(r.replacement) if r.replacement_id else "",
            }
            for r in case.redactions.select_related("replacement")
        ],
        derived=actions.derived_text(case, desk),
        files=actions.files_of(case, desk),
        media_allowed=consent.allows_media(case),
        voice_choices=FileDecision.Voice.choices,
        box_form=BoxForm(),
        title=actions.title_of(case, desk),
        themes=[theme_name(slug) for slug in actions.themes_of(case)],
        approvals=list(approvers.values()),
        transitions=[
            t
            for t in workflow.available(
                case.status, reviewer_id=desk.reviewer.pk, assignee_id=case.assignee_id, approver_ids=set(approvers)
            )
            if t.action in workflow.BUTTONS
        ],
        editable=editable,
        redaction_form=RedactionForm(),
        publication_form=PublicationForm(
            initial={
                "title": actions.title_of(case, desk),
                "language": actions.publication_language(case),
                "themes": actions.themes_of(case),
            }
        ),
        reason_form=ReasonForm(),
        history=_history(case),
        verification=panel_for(case, desk),
        account_form=AccountForm(),
        conversation=conversation.messages_of(case, desk),
        can_ask=workflow.transition_for("ask", case.status) is not None,
    )
    return render(request, "review/case.html", context)


ACTION_NAMES = {
    "take": gettext_lazy("took the case"),
    "release": gettext_lazy("released the case"),
    "approve": gettext_lazy("approved"),
    "reject": gettext_lazy("rejected"),
    "route_to_legal": gettext_lazy("routed to legal documentation"),
    "approvals_voided": gettext_lazy("approvals voided by a change"),
    "redactions_added": gettext_lazy("hid details"),
    "redaction_removed": gettext_lazy("showed a detail again"),
    "publication_edited": gettext_lazy("edited the title or language"),
    "legal_hold": gettext_lazy("changed the legal hold"),
    "suggestions_accepted": gettext_lazy("accepted suggestions"),
    "placeholder_edited": gettext_lazy("edited a placeholder"),
    "suggestion_dismissed": gettext_lazy("dismissed a suggestion"),
    "originals_erased": gettext_lazy("erased the originals (retention)"),
    "account_added": gettext_lazy("added an account"),
    "account_removed": gettext_lazy("removed an account"),
    "verification_requested": gettext_lazy("asked for a verification"),
    "check_ticked": gettext_lazy("ticked a checklist item"),
    "check_unticked": gettext_lazy("unticked a checklist item"),
    "evidence_exported": gettext_lazy("exported the evidence"),
    "assigned": gettext_lazy("changed who is assigned"),
    "tag_added": gettext_lazy("added a tag"),
    "tag_removed": gettext_lazy("removed a tag"),
    "question_asked": gettext_lazy("asked the submitter a question"),
    "note_added": gettext_lazy("added an internal note"),
    "resume": gettext_lazy("stopped waiting for the submitter"),
    "submitter_replied": gettext_lazy("answered"),
    "submitter_objected": gettext_lazy("objected to the preview"),
    "consent_changed": gettext_lazy("changed the consent"),
    "file_consent_changed": gettext_lazy("changed the consent for a file"),
    "withdrawn": gettext_lazy("withdrew the testimony"),
}


def _history(case: Case) -> list[dict]:
    names = dict(Reviewer.objects.values_list("pk", "name"))
    entries = []
    for entry in AuditEntry.objects.filter(case_id=case.pk).order_by("seq"):
        kind, _sep, actor_id = entry.actor.partition(":")
        if kind == "reviewer" and actor_id.isdigit():
            who = names.get(int(actor_id), entry.actor)
        else:
            who = _("the submitter") if entry.actor == SUBMITTER else _("operator")
        to = entry.details.get("to")
        entries.append(
            {
                "entry": entry,
                "who": who,
                "action": ACTION_NAMES.get(entry.action, entry.action),
                "to": Case.Status(to).label if to in Case.Status.values else "",
            }
        )
    return entries


def _run(request, case_id: int, action, *args, **kwargs):
    try:
        action(case_id, request.desk, *args, **kwargs)
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
    return redirect("review:case", case_id=case_id)


@require_safe
@reviewer_required
def download(request, case_id: int, attachment_id: int):
    """An original, only ever as an attachment: never rendered on the reviewer's origin."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("stored__metadata"), pk=attachment_id, case_id=case_id
    )
    return _file_response(request, attachment, attachment.stored)


@require_safe
@reviewer_required
def download_cleaned(request, case_id: int, attachment_id: int):
    """The cleaned derivative of a file, as an attachment like the original."""
    cleaned = get_object_or_404(
        CleanedFile.objects.select_related("attachment__case", "stored__metadata"),
        attachment_id=attachment_id,
        attachment__case_id=case_id,
        stored__isnull=False,
    )
    return _file_response(request, cleaned.attachment, cleaned.stored)


def _file_response(request, attachment, stored):
    if stored.destroyed:
        raise Http404()
    try:
        channel_key = request.desk.channel_key(stored)
    except actions.NotAllowed as refusal:
        return render(request, "review/no_grant.html", {"case": attachment.case, "message": str(refusal)}, status=403)
    metadata = file_metadata(stored, channel_key)
    response = StreamingHttpResponse(read_file(stored, channel_key), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=metadata.name)
    response["Content-Length"] = str(metadata.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@reviewer_required
def case_action(request, case_id: int, action: str):
    get_object_or_404(Case, pk=case_id)
    if action == "take":
        return _run(request, case_id, actions.do_take)
    if action == "release":
        return _run(request, case_id, actions.do_release)
    if action == "resume":
        return _run(request, case_id, conversation.do_resume)
    if action == "approve":
        return _run(request, case_id, actions.do_approve)
    if action == "legal_hold":
        hold = request.POST.get("hold") == "on"
        return _run(request, case_id, lambda cid, desk: actions.do_set_legal_hold(cid, hold, desk))
    if action in ("reject", "route_to_legal"):
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please give a reason."))
            return redirect("review:case", case_id=case_id)
        return _run(
            request, case_id, lambda cid, desk: actions.do_decide(cid, action, form.cleaned_data["reason"], desk)
        )
    return redirect("review:case", case_id=case_id)


@require_POST
@reviewer_required
def add_redactions(request, case_id: int):
    get_object_or_404(Case, pk=case_id)
    form = RedactionForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("review:case", case_id=case_id)
    data = form.cleaned_data
    return _run(
        request,
        case_id,
        lambda cid, desk: actions.do_add_redactions(
            cid, desk, label=data["label"], phrase=data["phrase"], start=data["start"], end=data["end"]
        ),
    )


@require_POST
@reviewer_required
def decide_suggestions(request, case_id: int):
    """Accept one suggestion, all shown, or dismiss one. Spans come as "start:end:LABEL"."""
    get_object_or_404(Case, pk=case_id)
    spans = []
    for value in request.POST.getlist("span"):
        try:
            start, end, label = value.split(":", 2)
            spans.append((int(start), int(end), label))
        except ValueError:
            continue
    if request.POST.get("do") == "dismiss" and len(spans) == 1:
        return _run(request, case_id, lambda cid, desk: actions.do_dismiss_suggestion(cid, desk, *spans[0]))
    return _run(request, case_id, lambda cid, desk: actions.do_accept_suggestions(cid, desk, spans))


@require_POST
@reviewer_required
def edit_placeholder(request, case_id: int, redaction_id: int):
    get_object_or_404(Case, pk=case_id)
    wording = request.POST.get("wording", "")
    return _run(request, case_id, lambda cid, desk: actions.do_set_replacement(cid, redaction_id, wording, desk))


@require_POST
@reviewer_required
def remove_redaction(request, case_id: int, redaction_id: int):
    get_object_or_404(Case, pk=case_id)
    return _run(request, case_id, lambda cid, desk: actions.do_remove_redaction(cid, redaction_id, desk))


@require_POST
@reviewer_required
def edit_publication(request, case_id: int):
    get_object_or_404(Case, pk=case_id)
    form = PublicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please check the title, the language and the themes."))
        return redirect("review:case", case_id=case_id)
    data = form.cleaned_data
    return _run(
        request,
        case_id,
        lambda cid, desk: actions.do_set_publication(
            cid, desk, title=data["title"], language=data["language"], themes=data["themes"]
        ),
    )


# --- the team -------------------------------------------------------------------------------


@reviewer_required
def team(request):
    desk = request.desk
    if request.method == "POST":
        slug = request.POST.get("channel", "")  # none: every channel he holds
        try:
            count = accounts.do_grant_channel(
                desk.reviewer,
                desk.private_key,
                int(request.POST.get("reviewer", 0)),
                channels.key_name(slug) if slug else None,
            )
        except (Reviewer.DoesNotExist, ValueError):
            messages.error(request, _("This reviewer cannot receive keys."))
        else:
            if count:
                messages.success(request, _("Access granted."))
            else:
                messages.error(request, _("You hold no channel key to share."))
        return redirect("review:team")
    return render(request, "review/team.html", {"rows": channels.team_rows(desk.reviewer)})
