"""The review workflow as one table: which action takes a case from which states to which."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from farewell.cases.models import Case

S = Case.Status


class Who(Enum):
    ANY = "any reviewer"
    ASSIGNEE = "the assignee"
    NOT_FIRST_APPROVER = "a reviewer other than the first approver"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str  # PUBLISH_OR_VERIFY: published, or verified when consent is verification only
    who: Who
    needs_reason: bool = False


PUBLISH_OR_VERIFY = "published|verified"
BACK_TO_REVIEW = "in_review|approved_once"  # approved_once when an approval still stands
REVIEWING = frozenset({S.IN_REVIEW, S.APPROVED_ONCE, S.AWAITING_SUBMITTER})

TRANSITIONS = (
    Transition("take", frozenset({S.NEW}), S.IN_REVIEW, Who.ANY),
    Transition("approve", frozenset({S.IN_REVIEW}), S.APPROVED_ONCE, Who.ANY),
    Transition("approve", frozenset({S.APPROVED_ONCE}), PUBLISH_OR_VERIFY, Who.NOT_FIRST_APPROVER),
    # A question waits for the submitter; his reply (intake/inbox.py), or a reviewer, resumes.
    Transition("ask", REVIEWING, S.AWAITING_SUBMITTER, Who.ANY),
    Transition("resume", frozenset({S.AWAITING_SUBMITTER}), BACK_TO_REVIEW, Who.ANY),
    Transition("reject", REVIEWING, S.REJECTED, Who.ANY, needs_reason=True),
    Transition("route_to_legal", REVIEWING, S.LEGAL, Who.ANY, needs_reason=True),
    Transition("release", REVIEWING, S.NEW, Who.ASSIGNEE),
)
# The submitter's own verb, from any state he can still change: not a reviewer's button.
WITHDRAWABLE = frozenset(set(S.values) - {S.WITHDRAWN})
BUTTONS = frozenset({"take", "approve", "reject", "route_to_legal", "release", "resume"})
ACTIONS = sorted({t.action for t in TRANSITIONS})


def transition_for(action: str, status: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.action == action and status in t.sources), None)


def target_of(transition: Transition, consent: str, *, approved: bool = False) -> str:
    if transition.target == BACK_TO_REVIEW:
        return back_to_review(approved)
    if transition.target != PUBLISH_OR_VERIFY:
        return transition.target
    return S.VERIFIED if consent == Case.Consent.VERIFICATION_ONLY else S.PUBLISHED


def back_to_review(approved: bool) -> str:
    return S.APPROVED_ONCE if approved else S.IN_REVIEW


def may(transition: Transition, *, reviewer_id: int, assignee_id: int | None, approver_ids: set[int]) -> bool:
    if transition.who is Who.ASSIGNEE:
        return reviewer_id == assignee_id
    if transition.who is Who.NOT_FIRST_APPROVER:
        return reviewer_id not in approver_ids
    return True


def available(status: str, *, reviewer_id: int, assignee_id: int | None, approver_ids: set[int]) -> list[Transition]:
    """What this reviewer may do to a case in this state (the buttons on the case page)."""
    return [
        t
        for t in TRANSITIONS
        if status in t.sources and may(t, reviewer_id=reviewer_id, assignee_id=assignee_id, approver_ids=approver_ids)
    ]
