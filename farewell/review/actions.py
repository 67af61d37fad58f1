"""Every change a reviewer makes to a case: one transaction each, with its audit row.

Views authorize and validate, then call exactly one of these. Reading sealed content needs the
reviewer's unlocked private key (`Desk`), which exists only for the length of his session.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from farewell.accounts.grants import NoGrant, channel_private_key
from farewell.accounts.models import Reviewer
from farewell.archive import publish as archive_publish
from farewell.archive.themes import parse_themes
from farewell.audit.chain import record
from farewell.cases import evidence
from farewell.cases.models import Case
from farewell.review import evidence_downloads, publication, workflow
from farewell.review.models import Approval, DismissedSuggestion, Redaction
from farewell.vault import server_keys
from farewell.vault.models import SealedItem
from farewell.vault.store import open_with_channel_key, seal_like

TITLE = "case.title"
REASON = "case.reason"
REPLACEMENT = "case.replacement"
PUBLICATION_LANGUAGES = ("ru", "en", "fr", "uk")


class NotAllowed(Exception):
    """The action is not allowed now; the message says why, in the reviewer's language."""


@dataclass(frozen=True)
class Desk:
    """A signed-in reviewer with his private key, as the session holds them."""

    reviewer: Reviewer
    private_key: bytes

    def channel_key(self, item) -> bytes:
        try:
            return channel_private_key(self.reviewer, self.private_key, item.channel_id)
        except NoGrant:
            raise NotAllowed(_("You have not been granted the key of this case's channel.")) from None

    def open(self, item: SealedItem) -> str:
        return open_with_channel_key(item, self.channel_key(item)).decode("utf-8")


def files_of(case: Case, desk: Desk) -> list:
    """The files of a case with their cleaning (review/files.py), decrypted for this reviewer."""
    from farewell.review.files import files_on_case

    return files_on_case(case, desk.channel_key)


def story_of(case: Case, desk: Desk) -> str:
    return desk.open(case.story)


def title_of(case: Case, desk: Desk) -> str:
    return publication.printable(desk.open(case.publication_title)) if case.publication_title_id else ""


def spans_of(case: Case, desk: Desk) -> list[publication.Span]:
    return [
        publication.Span(r.start, r.end, r.label, desk.open(r.replacement) if r.replacement_id else None)
        for r in case.redactions.select_related("replacement")
    ]


def publication_language(case: Case) -> str:
    return case.publication_language or (case.language if case.language in PUBLICATION_LANGUAGES else "ru")


def themes_of(case: Case) -> list[str]:
    return parse_themes(case.publication_themes)


def derived_text(case: Case, desk: Desk) -> str:
    return publication.printable(
        publication.derive(story_of(case, desk), spans_of(case, desk), publication_language(case))
    )


def content_mac(case: Case, desk: Desk) -> str:
    """What an approval covers: the derived text, title, language and consent of this case, and
    the exact parts of every file that would be published with it (review/file_decisions.py)."""
    from farewell.review.file_decisions import publication_content

    content = {
        "case": case.pk,
        "text": derived_text(case, desk),
        "title": title_of(case, desk),
        "language": publication_language(case),
        "themes": themes_of(case),
        "consent": case.consent,
        "files": publication_content(case, desk),
    }
    return server_keys.mac(server_keys.APPROVAL, json.dumps(content, sort_keys=True, ensure_ascii=False).encode())


def _locked(case_id: int) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("story", "publication_title").get(pk=case_id)


def _transition(case: Case, action: str, desk: Desk) -> workflow.Transition:
    desk.channel_key(case.story)  # a reviewer acts only on cases of a channel whose key he holds
    transition = workflow.transition_for(action, case.status)
    if transition is None:
        raise NotAllowed(_("This action is not possible in the case's current state."))
    approvers = set(case.approvals.values_list("reviewer_id", flat=True))
    if not workflow.may(transition, reviewer_id=desk.reviewer.pk, assignee_id=case.assignee_id, approver_ids=approvers):
        if transition.who is workflow.Who.NOT_FIRST_APPROVER:
            raise NotAllowed(_("A second, different reviewer must approve this case."))
        raise NotAllowed(_("Only the reviewer assigned to this case can do this."))
    return transition


def _move(case: Case, to: str, action: str, desk: Desk, **details) -> None:
    before = case.status
    case.status = to
    case.closed_on = datetime.date.today() if to in Case.CLOSED else None
    if to == Case.Status.LEGAL:
        case.legal_hold = True  # evidence is kept whatever the retention says, withdrawal included
        case.routed_to_legal = True
    case.save()
    record(action, actor=desk.reviewer, case=case, **{"from": before, "to": to, **details})


def do_take(case_id: int, desk: Desk) -> None:
    with transaction.atomic():
        case = _locked(case_id)
        transition = _transition(case, "take", desk)
        desk.channel_key(case.story)  # a case one cannot read is not one's to take
        case.assignee = desk.reviewer
        _move(case, transition.target, "take", desk)


def do_release(case_id: int, desk: Desk) -> None:
    with transaction.atomic():
        case = _locked(case_id)
        transition = _transition(case, "release", desk)
        case.assignee = None
        drop_approvals(case)
        _move(case, transition.target, "release", desk)


def do_decide(case_id: int, action: str, reason: str, desk: Desk) -> None:
    """Reject, or route to legal documentation, with a reason (sealed; the audit row has its id)."""
    if action not in ("reject", "route_to_legal"):
        raise NotAllowed(_("This action is not possible in the case's current state."))
    if not reason.strip():
        raise NotAllowed(_("Please give a reason."))
    with transaction.atomic():
        case = _locked(case_id)
        transition = _transition(case, action, desk)
        case.decision_reason = seal_like(case.story, REASON, reason.strip().encode())
        drop_approvals(case)
        _move(case, transition.target, action, desk, reason=str(case.decision_reason_id))


def do_approve(case_id: int, desk: Desk) -> str:
    """Approves what would be published now. The second, different approver publishes it
    (or marks it verified when the consent is verification only), once the case checklist is
    complete (review/verification.py). Returns the new status."""
    if _voided_stale_approvals(case_id, desk):
        raise NotAllowed(_("The content changed since the first approval, which is now void. Review it again."))
    with transaction.atomic():
        case = _locked(case_id)
        transition = _transition(case, "approve", desk)
        if transition.target == workflow.PUBLISH_OR_VERIFY:
            from farewell.review.verification import unticked_reason

            if reason := unticked_reason(case):
                raise NotAllowed(reason)
        if case.consent != Case.Consent.VERIFICATION_ONLY and not title_of(case, desk).strip():
            raise NotAllowed(_("Give the testimony a title before approving it."))
        _files_ready(case, desk)
        mac = content_mac(case, desk)
        if any(approval.content_mac != mac for approval in case.approvals.all()):
            raise NotAllowed(_("The content changed since the first approval, which is now void. Review it again."))
        approval = Approval.objects.create(case=case, reviewer=desk.reviewer, content_mac=mac)
        target = workflow.target_of(transition, case.consent)
        details = {"approval": approval.pk}
        if target == Case.Status.APPROVED_ONCE:
            from farewell.review.preview import make_preview

            # The submitter sees this exact content in his inbox before anyone approves it again.
            details["preview"] = make_preview(case, desk) is not None
        if target == Case.Status.PUBLISHED:
            case.testimony = archive_publish.new_testimony(
                language=publication_language(case),
                title=title_of(case, desk).strip(),
                body=derived_text(case, desk),
                themes=themes_of(case),
                checks=list(case.checks.values_list("item", flat=True)),
                approvals=case.approvals.count(),
            )
            details["testimony"] = case.testimony.public_id
            from farewell.review.publishing import publish_files

            details["files"] = publish_files(case, desk, case.testimony)
            archive_publish.finish(case.testimony)
        _move(case, target, "approve", desk, **details)
        return target


def _files_ready(case: Case, desk: Desk) -> None:
    """Every file chosen for publication is prepared as decided, and says something."""
    from farewell.review.file_decisions import not_prepared, publication_content

    if not_prepared(case):
        raise NotAllowed(
            _(
                "A file chosen for publication could not be prepared: its reason is on the page. "
                "Fix it, or leave it out."
            )
        )
    for entry in publication_content(case, desk):
        if entry["parts"] is None:
            raise NotAllowed(_("Files chosen for publication are still being prepared. Approve once they are ready."))
        if not entry["parts"] and not entry["transcript"]:
            raise NotAllowed(
                _("A file chosen for publication has nothing to publish: type its transcript, or leave it out.")
            )


def _voided_stale_approvals(case_id: int, desk: Desk) -> bool:
    """Voids approvals of content that has changed since (its own transaction: the void stays
    void even though the approval that noticed it is refused)."""
    with transaction.atomic():
        case = _locked(case_id)
        approvals = list(case.approvals.all())
        if not approvals or all(a.content_mac == content_mac(case, desk) for a in approvals):
            return False
        _void_approvals(case, desk)
        return True


def do_set_legal_hold(case_id: int, hold: bool, desk: Desk) -> None:
    """A legal hold keeps the originals past the retention period (and, later, withdrawal)."""
    with transaction.atomic():
        case = _locked(case_id)
        desk.channel_key(case.story)
        if case.purged_on:
            raise NotAllowed(_("The originals of this case were already erased."))
        if not hold and case.routed_to_legal:
            raise NotAllowed(_("A case in legal documentation stays under legal hold."))
        case.legal_hold = hold
        case.save(update_fields=["legal_hold"])
        record("legal_hold", actor=desk.reviewer, case=case, hold=hold)


@dataclass(frozen=True)
class EvidenceExport:
    """A made archive: the token of its one-time download and the passphrase, to show once."""

    token: str
    passphrase: str = field(repr=False)  # never in a log line or an error report
    archive: evidence.Export = field(repr=False)


@sensitive_variables("passphrase")
def do_export_evidence(case_id: int, desk: Desk) -> EvidenceExport:
    """Writes the evidence archive of a case in legal documentation or under hold for a one-time
    download (review/evidence_downloads.py). The passphrase is returned, never stored; the audit
    row says who exported it and when, with the manifest's and the archive's SHA-256."""
    case = Case.objects.select_related("story").get(pk=case_id)
    if reason := evidence.refusal(case):
        raise NotAllowed(reason)
    desk.channel_key(case.story)  # refuse at once, before writing anything, without the grant
    passphrase = evidence.new_passphrase()
    slot = evidence_downloads.new_slot(case_id, desk.reviewer.pk)
    try:
        made = evidence.export_case(
            case_id, evidence.Keys.of_channel(desk.channel_key), slot.path, passphrase, actor=desk.reviewer
        )
        evidence_downloads.publish(slot)
    except evidence.NotExportable as refusal:
        evidence_downloads.discard(slot)
        raise NotAllowed(str(refusal)) from None
    except BaseException:
        evidence_downloads.discard(slot)
        raise
    return EvidenceExport(slot.token, passphrase, made)


def _editable(case: Case, desk: Desk) -> None:
    desk.channel_key(case.story)  # a reviewer edits only cases of a channel whose key he holds
    if case.status not in workflow.REVIEWING:
        raise NotAllowed(_("Only a case in review can be edited."))


def drop_approvals(case: Case) -> None:
    """Approvals go with the preview the submitter was shown of them (review/preview.py)."""
    from farewell.review.preview import drop_preview

    case.approvals.all().delete()
    drop_preview(case)


def _void_approvals(case: Case, desk: Desk) -> None:
    if case.approvals.exists():
        drop_approvals(case)
        if case.status == Case.Status.APPROVED_ONCE:
            _move(case, Case.Status.IN_REVIEW, "approvals_voided", desk)


def do_add_redactions(case_id: int, desk: Desk, *, label: str, phrase: str = "", start=None, end=None) -> int:
    """Marks a phrase everywhere it occurs, or one span by offsets. Returns spans added."""
    if label not in publication.LABELS:
        raise NotAllowed(_("Unknown kind of detail."))
    with transaction.atomic():
        case = _locked(case_id)
        _editable(case, desk)
        original = story_of(case, desk)
        if phrase:
            spans = publication.occurrences(original, phrase)
            if not spans:
                raise NotAllowed(_("These words do not occur in the testimony."))
        else:
            if start is None or end is None or not 0 <= start < end <= len(original):
                raise NotAllowed(_("These positions are outside the testimony."))
            spans = [(start, end)]
        Redaction.objects.bulk_create(
            Redaction(case=case, start=s, end=e, label=label, added_by=desk.reviewer) for s, e in spans
        )
        _void_approvals(case, desk)
        record("redactions_added", actor=desk.reviewer, case=case, count=len(spans), label=label)
        return len(spans)


def do_accept_suggestions(case_id: int, desk: Desk, spans: list[tuple[int, int, str]]) -> int:
    """Accepts automatic suggestions (start, end, label) as redactions."""
    spans = [(start, end, label) for start, end, label in spans if label in publication.LABELS]
    with transaction.atomic():
        case = _locked(case_id)
        _editable(case, desk)
        length = len(story_of(case, desk))
        spans = [(s, e, label) for s, e, label in spans if 0 <= s < e <= length]
        Redaction.objects.bulk_create(
            Redaction(case=case, start=s, end=e, label=label, added_by=desk.reviewer) for s, e, label in spans
        )
        if spans:
            _void_approvals(case, desk)
            record("suggestions_accepted", actor=desk.reviewer, case=case, count=len(spans))
        return len(spans)


def do_dismiss_suggestion(case_id: int, desk: Desk, start: int, end: int, label: str) -> None:
    with transaction.atomic():
        case = _locked(case_id)
        _editable(case, desk)
        DismissedSuggestion.objects.create(case=case, start=start, end=end, label=label, dismissed_by=desk.reviewer)
        record("suggestion_dismissed", actor=desk.reviewer, case=case, label=label)


def do_set_replacement(case_id: int, redaction_id: int, wording: str, desk: Desk) -> None:
    """A reviewer's own wording for one placeholder (empty: back to the numbered one)."""
    wording = " ".join(wording.split())[:80]
    with transaction.atomic():
        case = _locked(case_id)
        _editable(case, desk)
        redaction = case.redactions.filter(pk=redaction_id).first()
        if redaction is None:
            raise NotAllowed(_("This redaction no longer exists."))
        replaced = redaction.replacement
        redaction.replacement = seal_like(case.story, REPLACEMENT, wording.encode()) if wording else None
        redaction.save(update_fields=["replacement"])
        if replaced is not None:
            replaced.delete()
        _void_approvals(case, desk)
        record("placeholder_edited", actor=desk.reviewer, case=case, redaction=redaction_id)


def do_remove_redaction(case_id: int, redaction_id: int, desk: Desk) -> None:
    with transaction.atomic():
        case = _locked(case_id)
        _editable(case, desk)
        deleted, _ = case.redactions.filter(pk=redaction_id).delete()
        if not deleted:
            raise NotAllowed(_("This redaction no longer exists."))
        _void_approvals(case, desk)
        record("redaction_removed", actor=desk.reviewer, case=case, redaction=redaction_id)


def do_set_publication(case_id: int, desk: Desk, *, title: str, language: str, themes: list[str] | None = None) -> None:
    if language not in PUBLICATION_LANGUAGES:
        raise NotAllowed(_("Unknown language."))
    with transaction.atomic():
        case = _locked(case_id)
        _editable(case, desk)
        chosen = ",".join(parse_themes(",".join(themes))) if themes is not None else case.publication_themes
        unchanged = title.strip() == title_of(case, desk).strip() and language == publication_language(case)
        if unchanged and chosen == case.publication_themes:
            return
        if language != publication_language(case):
            from farewell.review.file_decisions import read_again

            read_again(case, language)
        replaced = case.publication_title
        case.publication_title = seal_like(case.story, TITLE, title.strip().encode())
        case.publication_language = language
        case.publication_themes = chosen
        case.save(update_fields=["publication_title", "publication_language", "publication_themes"])
        if replaced is not None:
            replaced.delete()
        _void_approvals(case, desk)
        record("publication_edited", actor=desk.reviewer, case=case, language=language, themes=chosen)
