"""The case status in plain words, as the submitter sees it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from farewell.cases.models import Case

# Routing to legal documentation or rejection is not announced as such: a provocateur
# must not learn how his story was judged, and a witness is told what matters to him.
SUBMITTER_STATUS = {
    Case.Status.NEW: _("Received. Your testimony is waiting for a reviewer."),
    Case.Status.IN_REVIEW: _("A reviewer is reading your testimony and checking what could identify you."),
    Case.Status.AWAITING_SUBMITTER: _("The reviewers have asked you a question: please read it below and answer."),
    Case.Status.APPROVED_ONCE: _(
        "One reviewer has approved your testimony; a second one must approve it too. "
        "You can see below what would be published."
    ),
    Case.Status.PUBLISHED: _("Published in the archive, without anything that could identify you."),
    Case.Status.VERIFIED: _("Reviewed and kept for verification only, as you asked. It will not be published."),
    Case.Status.REJECTED: _("Reviewed. It will not be published."),
    Case.Status.LEGAL: _("Reviewed. It will not be published."),
    Case.Status.WITHDRAWN: _("Withdrawn, as you asked. It is not in the archive and will not be published."),
}


def status_for_submitter(case: Case) -> str:
    return str(SUBMITTER_STATUS[case.status])
