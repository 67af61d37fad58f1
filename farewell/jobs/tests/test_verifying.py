"""The verification job: a sealed report of the case's accounts, the duplicate index of every
case, a fresh run when the accounts change meanwhile, and nothing of the content in clear."""

import json
import logging

import pytest
from django.db import transaction
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from farewell.cases.actions import do_receive_testimony
from farewell.cases.models import CaseAccount, Verification
from farewell.cases.retention import erase_originals
from farewell.jobs import queue, runner, verifying, worker
from farewell.jobs.models import Job
from farewell.review import actions, case_accounts
from farewell.review.verification import do_verify

pytestmark = pytest.mark.django_db(transaction=True)

STORY = "Меня зовут Дмитрий Соколов. Мне 34 года. В сентябре 2022 года меня мобилизовали в Чебаркуле."
COPIED = (
    "Нас привезли на полигон ночью, выдали старые автоматы и сказали, что через три дня мы поедем на фронт. "
    "Командир роты кричал, что отказников расстреляют, и никто из нас не спал до утра."
)


@pytest.fixture(autouse=True)
def own_index(tmp_path, monkeypatch):
    monkeypatch.setattr(verifying, "index_directory", lambda: tmp_path / "duplicates")
    with translation.override("en"):
        yield


def taken_case(desk, story=STORY):
    case, _codename = do_receive_testimony(story=story, consent="text", language="ru")
    actions.do_take(case.pk, desk)
    return case


def report_of(case, reviewer) -> dict:
    verification = Verification.objects.select_related("report").get(case=case)
    return json.loads(reviewer.desk().open(verification.report))


def test_the_report_is_sealed_and_names_accounts_by_their_rows(alice, worker_context, caplog):
    case = taken_case(alice.desk())
    account = case_accounts.do_add_account(case.pk, alice.desk(), text="Dmitri Sokolov, 36, a mechanic.")
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs == {"args": [Job.objects.get(case=case).pk], "kwargs": {}}
    with caplog.at_level(logging.DEBUG):
        worker.run(worker_context, once=True)
    report = report_of(case, alice)
    assert [a["file"] for a in report["accounts"]] == ["account-0", f"account-{account.pk}"]
    assert "Sokolov" not in caplog.text and "Соколов" not in caplog.text
    job = Job.objects.get(case=case)
    assert (job.kind, job.state, job.error) == ("verify", Job.State.DONE, "")


def test_accounts_changed_while_it_ran_make_it_run_again(alice, worker_context, monkeypatch):
    from farewell.verify import engine

    case = taken_case(alice.desk())
    with transaction.atomic():  # as every caller does: the job row is locked (PostgreSQL insists)
        requested = queue.request(Job.Kind.VERIFY, case=case)
    job = queue.claim(requested.pk, worker_context.worker_id)
    added = []
    real_verify = engine.verify

    def verify_while_a_reviewer_adds_an_account(*args, **kwargs):
        added.append(case_accounts.do_add_account(case.pk, alice.desk(), text="Dmitri Sokolov, 36, a mechanic."))
        assert Job.objects.get(pk=job.pk).state == Job.State.RUNNING  # a running job is left alone
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(engine, "verify", verify_while_a_reviewer_adds_an_account)
    verifying.run(job, worker_context, runner.Heartbeat(job, every=60))
    monkeypatch.setattr(engine, "verify", real_verify)

    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and not Verification.objects.exists()
    worker.run(worker_context, once=True)
    assert Verification.objects.get(case=case).account_ids == [added[0].pk]
    assert len(report_of(case, alice)["accounts"]) == 2


def test_a_passage_copied_from_another_case_names_only_that_case(alice, worker_context):
    first = taken_case(alice.desk(), story=COPIED)
    do_verify(first.pk, alice.desk())
    worker.run(worker_context, once=True)
    second = taken_case(alice.desk(), story="Мне 30 лет.")
    pasted = case_accounts.do_add_account(second.pk, alice.desk(), text="Он рассказал: " + COPIED, kind="answers")
    worker.run(worker_context, once=True)

    findings = [f for f in report_of(second, alice)["findings"] if f["kind"] == "duplicate_text"]
    [copied] = [f for f in findings if f["severity"] != "info"]
    assert f"case {first.pk}" in copied["summary"]
    assert {span["file"] for span in copied["evidence"]} == {f"account-{pasted.pk}"}  # never the other case's text
    assert not any(f"case {second.pk}" in f["summary"] for f in report_of(first, alice)["findings"])

    case_accounts.do_remove_account(second.pk, pasted.pk, alice.desk())
    worker.run(worker_context, once=True)
    with verifying.open_index() as index:
        assert verifying.file_of(pasted.pk) not in index and verifying.story_document(second.pk) in index


def test_retention_erases_accounts_and_report_and_the_index_forgets_the_case(alice, worker_context):
    case = taken_case(alice.desk())
    upload = case_accounts.Upload("article.html", "text/html", b"<p>Dmitri Sokolov, 36, a mechanic.</p>")
    account = case_accounts.do_add_account(case.pk, alice.desk(), upload=upload)
    worker.run(worker_context, once=True)
    report = Verification.objects.select_related("report").get(case=case).report
    case_accounts.do_add_account(case.pk, alice.desk(), text="Ещё один рассказ.")  # queued, not run yet

    erase_originals(case.pk)

    account = CaseAccount.objects.select_related("text", "details", "original").get(pk=account.pk)
    report.refresh_from_db()
    assert account.text.destroyed and account.details.destroyed and account.original.destroyed and report.destroyed
    assert Job.objects.get(case=case).state == Job.State.CANCELLED
    with verifying.open_index() as index:
        assert len(index) == 0


def test_an_erased_story_cancels_the_job(alice, worker_context):
    from farewell.vault.store import destroy

    case = taken_case(alice.desk())
    with transaction.atomic():
        queue.request(Job.Kind.VERIFY, case=case)
    destroy(case.story)
    worker.run(worker_context, once=True)
    job = Job.objects.get(case=case)
    assert (job.state, job.error) == (Job.State.CANCELLED, "erased")
