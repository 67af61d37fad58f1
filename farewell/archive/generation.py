"""The archive's generation number: raised in the transaction of every change to what it shows.

Every save or delete of a testimony, its themes or its files raises it (signals, so that no path
that changes the archive can forget); bulk writes, which send no signals, call bump() themselves.
"""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from farewell.archive.models import Generation, PublishedFile, Testimony, TestimonyTheme


def bump() -> None:
    if not Generation.objects.filter(pk=1).update(number=F("number") + 1):
        Generation.objects.create(pk=1, number=1)


def current() -> int:
    return Generation.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def _changed(sender, **kwargs) -> None:
    if not kwargs.get("raw"):  # loading fixtures
        bump()


def follow_changes() -> None:
    for model in (Testimony, TestimonyTheme, PublishedFile):
        post_save.connect(_changed, sender=model, dispatch_uid=f"archive-generation-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"archive-generation-delete-{model.__name__}")
