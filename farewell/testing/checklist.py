"""Ticking the whole case checklist, as a reviewer does before the second approval (for tests)."""

from __future__ import annotations

from farewell.cases.models import CaseCheck


def tick_checklist(case_id: int, desk) -> None:
    from farewell.review.verification import do_check

    for item in CaseCheck.Item.values:
        do_check(case_id, item, True, desk)
