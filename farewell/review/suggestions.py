"""Automatic redaction suggestions for a case, computed in the review process (which holds the
unwrapped key) from the original, minus what reviewers already decided."""

from __future__ import annotations

from dataclasses import dataclass

from farewell.anonymize.text.pipeline import analyze
from farewell.anonymize.text.types import KEEP, Entity
from farewell.cases.models import Case


@dataclass(frozen=True)
class Suggestions:
    proposed: list[Entity]  # to hide, awaiting a reviewer's decision
    kept: list[Entity]  # left visible by the policy (countries, public figures)


def suggestions_for(case: Case, original: str) -> Suggestions:
    decided = [(r.start, r.end) for r in case.redactions.all()]
    dismissed = {(d.start, d.end, d.label) for d in case.dismissed_suggestions.all()}
    proposed, kept = [], []
    for entity in analyze(original).entities:
        if (entity.start, entity.end, entity.label) in dismissed:
            continue
        if any(entity.start < end and start < entity.end for start, end in decided):
            continue
        (kept if entity.action == KEEP else proposed).append(entity)
    return Suggestions(proposed, kept)
