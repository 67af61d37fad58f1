"""The verification job: a case's accounts (the story first) opened with the worker key, read by
the engine (farewell/verify) against the duplicate index of every case, and the report sealed.

The index (verify/duplicates.py) lives in the data directory and holds only keyed hashes of
passages; its key is derived from FAREWELL_AUDIT_KEY. A document there is a story
("story-<case>") or an account ("account-<pk>"), labelled "case <case>": a match in another case
names only that case's number, whatever its channel (the panel shows that case's text only to a
reviewer holding its key: review/verification_panel.py). The job checks the case against the
index, then files the case's accounts in it, in the transaction that stores the report. A job
that finds the accounts changed while it worked throws its report away and runs again.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from farewell.cases.models import Case, CaseAccount, Verification
from farewell.jobs import queue
from farewell.jobs.models import Job
from farewell.vault import server_keys
from farewell.vault.store import destroy, open_with_worker_key, seal_like

REPORT = "case.verification"
STORY_FILE = "account-0"  # the story is account 0 of every case


def file_of(account_id: int) -> str:
    """The account's name in the report (its `file`)."""
    return f"account-{account_id}"


def story_document(case_id: int) -> str:
    return f"story-{case_id}"


def index_directory() -> Path:
    return Path(settings.DATA_DIR) / "duplicates"


def open_index():
    from farewell.verify.duplicates import DuplicateIndex

    return DuplicateIndex(index_directory(), server_keys.subkey(server_keys.DUPLICATE_INDEX))


def request(case: Case) -> None:
    """Call inside the transaction that changed the case's accounts (or asked to verify it)."""
    queue.request(Job.Kind.VERIFY, case=case)


def run(job: Job, context, heartbeat) -> None:
    from farewell.verify import engine, report
    from farewell.verify.types import Account

    case = Case.objects.select_related("story").get(pk=job.case_id)
    if case.story.destroyed:
        queue.cancel(job, "erased")
        return
    keyring = context.keyring
    story = open_with_worker_key(case.story, keyring.key_for(case.story)).decode()
    read = [Account(STORY_FILE, story, case.received_on.isoformat(), "testimony")]
    accounts = list(case.accounts.select_related("text", "details"))
    for account in accounts:
        text = open_with_worker_key(account.text, keyring.key_for(account.text)).decode()
        details = json.loads(open_with_worker_key(account.details, keyring.key_for(account.details)))
        read.append(Account(file_of(account.pk), text, details.get("date"), account.kind))
        heartbeat()
    ids = [account.pk for account in accounts]
    documents = [(story_document(case.pk), story)] + [
        (file_of(account.pk), item.text) for account, item in zip(accounts, read[1:], strict=True)
    ]
    previous = Verification.objects.filter(case=case).first()
    gone = [file_of(pk) for pk in (previous.account_ids if previous else []) if pk not in ids]
    with open_index() as index:
        heartbeat(0.1)

        def reading(fraction: float) -> None:  # the lease is renewed after each account
            heartbeat(0.1 + 0.7 * fraction)

        made = engine.verify(read, index, exclude={doc for doc, _text in documents} | set(gone), progress=reading)
        heartbeat(0.9)
        with transaction.atomic():
            queue.owned(job)
            Case.objects.select_for_update().get(pk=case.pk)  # accounts change under this lock
            if list(CaseAccount.objects.filter(case=case).values_list("pk", flat=True)) != ids:
                queue.again(job)  # the accounts changed meanwhile: this report is already stale
                return
            _record(case, report.as_json(made), ids)
            for doc in gone:
                index.remove(doc)
            index.add_many([(doc, text, f"case {case.pk}") for doc, text in documents])
            queue.finish(job, Job.State.DONE)


def _record(case: Case, made: dict, ids: list[int]) -> None:
    # Sealed like the story: the report quotes the case, so only its channel's members read it.
    sealed = seal_like(case.story, REPORT, json.dumps(made, ensure_ascii=False).encode())
    previous = Verification.objects.filter(case=case).select_related("report").first()
    Verification.objects.update_or_create(case=case, defaults={"report": sealed, "account_ids": ids})
    if previous is not None:  # the older report is erased
        destroy(previous.report)


def forget(case: Case) -> None:
    """Removes the case's story and accounts from the duplicate index (retention erases them)."""
    documents = {story_document(case.pk)}
    documents |= {file_of(pk) for pk in CaseAccount.objects.filter(case=case).values_list("pk", flat=True)}
    verification = Verification.objects.filter(case=case).first()
    if verification is not None:
        documents |= {file_of(pk) for pk in verification.account_ids}
    if not index_directory().exists():
        return
    with open_index() as index:
        for doc in documents:
            index.remove(doc)
