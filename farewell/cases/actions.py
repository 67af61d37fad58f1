"""State changes of cases: each one a transaction (the `do_…` functions)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from farewell.cases.models import Attachment, Case
from farewell.intake import codenames
from farewell.jobs import queue as jobs
from farewell.jobs.models import Job
from farewell.vault.store import seal_story, store_file

ATTEMPTS = 3  # a lookup collision needs ~2^128 codenames; retrying covers a broken RNG only


def do_receive_testimony(*, story: str, consent: str, language: str, files=()) -> tuple[Case, str]:
    """Seals the story, files the already encrypted uploads and opens a case, durably: when this
    returns, the files are fsynced in the store and the transaction is committed, so a receipt
    shown afterwards always opens. Returns the case with the codename, which is never stored."""
    for _attempt in range(ATTEMPTS):
        codename = codenames.generate(language)
        lookup = codenames.lookup_id(codename)
        try:
            with transaction.atomic():
                sealed = seal_story(story)
                case = Case.objects.create(codename_lookup=lookup, consent=consent, language=language, story=sealed)
                for position, received in enumerate(files):
                    attachment = Attachment.objects.create(case=case, stored=store_file(received), position=position)
                    # In the same transaction: a receipted file always has its cleaning job.
                    jobs.enqueue(Job.Kind.CLEAN, attachment)
        except IntegrityError:
            continue
        return case, codename
    raise RuntimeError("could not find an unused codename")


def find_case_by_codename(text: str) -> Case | None:
    """One slow hash whatever the input, so a wrong codename costs what a right one does."""
    normalized = codenames.normalize(text)
    lookup = codenames.lookup_id(normalized)
    case = Case.objects.filter(codename_lookup=lookup).first()
    if case is None or not codenames.is_well_formed(normalized):
        return None
    return case
