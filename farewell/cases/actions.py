"""State changes of cases: each one a transaction (the `do_…` functions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from farewell.cases.models import Attachment, Case, Channel
from farewell.intake import codenames
from farewell.jobs import queue as jobs
from farewell.jobs.models import Job
from farewell.vault.store import seal_story, store_file

ATTEMPTS = 3  # a lookup collision needs ~2^128 codenames; retrying covers a broken RNG only


def do_receive_testimony(
    *, story: str, consent: str, language: str, files=(), channel: str = Channel.DEFAULT
) -> tuple[Case, str]:
    """Seals the story, files the already encrypted uploads and opens a case, durably: when this
    returns, the files are fsynced in the store and the transaction is committed, so a receipt
    shown afterwards always opens. Returns the case with the codename, which is never stored."""
    for _attempt in range(ATTEMPTS):
        codename = codenames.generate(language)
        lookup = codenames.lookup_id(codename)
        salt = codenames.new_submitter_salt()
        submitter_public, _private = codenames.submitter_key_pair(codename, salt)
        try:
            with transaction.atomic():
                sealed = seal_story(story, channel=channel_key_name(channel))
                case = Case.objects.create(
                    codename_lookup=lookup,
                    consent=consent,
                    language=language,
                    story=sealed,
                    channel=channel,
                    submitter_public_key=submitter_public,
                    submitter_salt=salt,
                )
                for position, received in enumerate(files):
                    stored = store_file(received, submitter=submitter_public)
                    attachment = Attachment.objects.create(case=case, stored=stored, position=position)
                    # In the same transaction: a receipted file always has its cleaning job.
                    jobs.enqueue(Job.Kind.CLEAN, attachment)
        except IntegrityError:
            continue
        return case, codename
    raise RuntimeError("could not find an unused codename")


@dataclass(frozen=True)
class Returning:
    """A submitter back with his codename: his case and his private key (for the session only)."""

    case: Case
    private_key: bytes = field(repr=False)


def find_case_by_codename(text: str) -> Returning | None:
    """Two slow hashes whatever the input (the lookup id, then the submitter key under the case's
    salt, or under a random one when no case matches), so a wrong codename costs what a right one
    does. A case made before submitter keys existed gets its key pair now."""
    normalized = codenames.normalize(text)
    lookup = codenames.lookup_id(normalized)
    case = Case.objects.filter(codename_lookup=lookup).first()
    known = case is not None and case.submitter_salt is not None
    salt = bytes(case.submitter_salt) if known else codenames.new_submitter_salt()
    public, private = codenames.submitter_key_pair(normalized, salt)
    if case is None or not codenames.is_well_formed(normalized):
        return None
    if not known:
        Case.objects.filter(pk=case.pk, submitter_salt__isnull=True).update(
            submitter_salt=salt, submitter_public_key=public
        )
        case.refresh_from_db()
        if bytes(case.submitter_public_key) != public:  # another session set it first
            public, private = codenames.submitter_key_pair(normalized, bytes(case.submitter_salt))
    return Returning(case, private)


def channel_key_name(slug: str) -> str:
    return f"channel:{slug}"
