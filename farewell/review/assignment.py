"""Who works a case, and its tags: one transaction each, with its audit row.

An assignee must be able to read the case: an active reviewer holding the key pair its story is
sealed to. Tags are workflow labels stored in clear (the queue filters by them), so a tag must
never carry what a case says: no name, place, unit or date (docs/threat-model.md).
"""

from __future__ import annotations

import unicodedata

from django.db import transaction
from django.utils.translation import gettext as _

from farewell.accounts.models import Reviewer
from farewell.audit.chain import record
from farewell.cases.channels import can_read
from farewell.cases.models import Tag
from farewell.review import workflow
from farewell.review.actions import Desk, NotAllowed, _locked

TAG_LIMIT = Tag._meta.get_field("name").max_length


def assignable(case) -> list[Reviewer]:
    """The active reviewers who could work this case: those holding its story's key pair."""
    return list(
        Reviewer.objects.filter(status=Reviewer.Status.ACTIVE, grants__key_pair_id=case.story.channel_id)
        .distinct()
        .order_by("name")
    )


def do_assign(case_id: int, desk: Desk, assignee_id: int | None) -> None:
    """Hands a case under review to another reviewer who can read it, or to nobody."""
    with transaction.atomic():
        case = _locked(case_id)
        desk.channel_key(case.story)  # only a reader of the case reassigns it
        if case.status not in workflow.REVIEWING:
            raise NotAllowed(_("Only a case under review can be assigned."))
        assignee = None
        if assignee_id is not None:
            assignee = Reviewer.objects.filter(pk=assignee_id, status=Reviewer.Status.ACTIVE).first()
            if assignee is None:
                raise NotAllowed(_("Only an active reviewer can be assigned a case."))
            if not can_read(assignee, case.story):
                raise NotAllowed(
                    _("%(name)s does not hold the key of this case's channel, so cannot be assigned it.")
                    % {"name": assignee.name}
                )
        if case.assignee_id == assignee_id:
            return
        previous = case.assignee_id
        case.assignee = assignee
        case.save(update_fields=["assignee"])
        record("assigned", actor=desk.reviewer, case=case, assignee=assignee_id, previous=previous)


def clean_tag(name: str) -> str:
    """A tag's name as stored: spaces trimmed and collapsed, 1 to TAG_LIMIT characters, no control
    or invisible characters."""
    name = " ".join(unicodedata.normalize("NFC", name or "").split())
    if not name:
        raise NotAllowed(_("Give the tag a name."))
    if len(name) > TAG_LIMIT:
        raise NotAllowed(_("A tag has at most %(count)d characters.") % {"count": TAG_LIMIT})
    if any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise NotAllowed(_("A tag cannot contain control or invisible characters."))
    return name


def do_add_tag(case_id: int, desk: Desk, name: str) -> Tag:
    name = clean_tag(name)
    with transaction.atomic():
        case = _locked(case_id)
        desk.channel_key(case.story)
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        if case.tags.filter(pk=tag.pk).exists():
            return tag
        case.tags.add(tag)
        record("tag_added", actor=desk.reviewer, case=case, tag=tag.name)
        return tag


def do_remove_tag(case_id: int, desk: Desk, tag_id: int) -> None:
    with transaction.atomic():
        case = _locked(case_id)
        desk.channel_key(case.story)
        tag = case.tags.filter(pk=tag_id).first()
        if tag is None:
            raise NotAllowed(_("This case does not have this tag."))
        case.tags.remove(tag)
        record("tag_removed", actor=desk.reviewer, case=case, tag=tag.name)
        if not tag.cases.exists():
            tag.delete()  # a tag no case carries any more is not kept
