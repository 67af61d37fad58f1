"""Verifying a case and its checklist: asking the worker for a report, ticking the four checks
that the second approval needs (review/actions.py, do_approve). Audit rows hold ids only."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from farewell.audit.chain import record
from farewell.cases.models import Case, CaseCheck
from farewell.review import workflow
from farewell.review.actions import Desk, NotAllowed
from farewell.review.case_accounts import EDITABLE

ITEMS = CaseCheck.Item


def missing_checks(case: Case) -> list[str]:
    """The checklist items nobody has ticked yet, in the checklist's order."""
    ticked = set(case.checks.values_list("item", flat=True))
    return [item for item in ITEMS.values if item not in ticked]


def unticked_reason(case: Case) -> str | None:
    """Why the checklist stops the second approval, or None when it is complete."""
    missing = missing_checks(case)
    if not missing:
        return None
    names = "; ".join(str(ITEMS(item).label) for item in missing)
    return _("Complete the case checklist before the second approval. Not ticked yet: %(items)s.") % {"items": names}


def reset_checks(case: Case) -> int:
    """Unticks every item (the accounts changed). Call inside the change's transaction."""
    return case.checks.all().delete()[0]


def do_verify(case_id: int, desk: Desk) -> None:
    """Queues the verification job (again)."""
    from farewell.jobs import verifying

    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("story").get(pk=case_id)
        if case.status not in EDITABLE or case.purged_on:
            raise NotAllowed(_("Only a case in review or in legal documentation can be verified."))
        desk.channel_key(case.story)
        verifying.request(case)
        record("verification_requested", actor=desk.reviewer, case=case)


def do_check(case_id: int, item: str, ticked: bool, desk: Desk) -> None:
    """Ticks or unticks one checklist item, in the reviewer's name."""
    if item not in ITEMS.values:
        raise NotAllowed(_("Unknown checklist item."))
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("story").get(pk=case_id)
        if case.status not in workflow.REVIEWING:
            raise NotAllowed(_("The checklist can be changed only while the case is in review."))
        desk.channel_key(case.story)  # only someone who can read the case checks it
        existing = case.checks.filter(item=item)
        if ticked == existing.exists():
            return
        if ticked:
            CaseCheck.objects.create(case=case, item=item, ticked_by=desk.reviewer)
        else:
            existing.delete()
        record("check_ticked" if ticked else "check_unticked", actor=desk.reviewer, case=case, item=item)
