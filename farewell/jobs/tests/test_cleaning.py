"""Every uploaded file gets a cleaned derivative through a background job, or a refusal; jobs
survive failures with retries and backoff, and nothing about them is stored in clear."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from farewell.cases.models import Attachment, CleanedFile
from farewell.jobs import keyring, queue, runner, worker
from farewell.jobs.models import Job
from farewell.jobs.tasks import run_job
from farewell.testing.intake import send_testimony
from farewell.testing.media import identifying, photo_with_metadata, tiny_png
from farewell.vault import storage
from farewell.vault.store import file_metadata, read_file

# The worker runs in this process: its loop closes connections between tasks, so no test
# transaction may wrap it.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def context(worker_context):
    return worker_context


def send_files(client, *files):
    uploads = [SimpleUploadedFile(name, data, content_type="application/octet-stream") for name, data in files]
    response = send_testimony(client, "История с файлами", consent="text_media", files=uploads, language="en")
    assert response.status_code == 200
    return list(Attachment.objects.order_by("pk"))


def cleaned_bytes(attachment, channel_private_key) -> bytes:
    cleaned = CleanedFile.objects.get(attachment=attachment)
    return b"".join(read_file(cleaned.stored, channel_private_key))


def test_it_gives_every_upload_a_cleaned_derivative(client, context, channel_private_key, tmp_path):
    photo = photo_with_metadata(tmp_path / "IMG_0001.jpg").read_bytes()
    [attachment] = send_files(client, ("IMG_0001.jpg", photo))
    job = Job.objects.get(attachment=attachment, kind="clean")
    assert job.state == Job.State.QUEUED and job.task_id is not None

    worker.run(context, once=True)

    job.refresh_from_db()
    assert (job.state, job.progress, job.error, job.attempts) == (Job.State.DONE, 100, "", 1)
    cleaned = CleanedFile.objects.get(attachment=attachment)
    assert cleaned.publishable
    output = tmp_path / "cleaned.jpg"
    output.write_bytes(cleaned_bytes(attachment, channel_private_key))
    assert identifying(output) == []
    meta = file_metadata(cleaned.stored, channel_private_key)
    assert (meta.name, meta.content_type) == ("cleaned-1.jpg", "image/jpeg")  # no trace of the original name
    assert not list(tmp_path.glob("farewell-clean-*")), "the scratch directory must be removed"


def test_what_was_removed_is_sealed_with_the_derivative(client, context, channel_private_key, tmp_path):
    import json

    from farewell.vault.store import open_with_channel_key

    [attachment] = send_files(client, ("a.jpg", photo_with_metadata(tmp_path / "a.jpg").read_bytes()))
    worker.run(context, once=True)
    cleaned = CleanedFile.objects.get(attachment=attachment)
    assert b"Canon" not in bytes(cleaned.report.ciphertext)
    report = json.loads(open_with_channel_key(cleaned.report, channel_private_key))
    tags = {item["tag"] for item in report["metadata"]}
    assert {"Make", "Model", "Artist"} <= tags


def test_a_file_that_cannot_be_cleaned_is_refused_and_never_publishable(client, context):
    [attachment] = send_files(client, ("archive.zip", b"PK\x03\x04" + b"\x00" * 100))
    worker.run(context, once=True)
    job = Job.objects.get(attachment=attachment, kind="clean")
    cleaned = CleanedFile.objects.get(attachment=attachment)
    assert (job.state, job.error) == (Job.State.REFUSED, "unsupported")
    assert (cleaned.refused, cleaned.stored, cleaned.publishable) == ("unsupported", None, False)


def test_the_task_table_holds_only_the_job_id_and_finished_rows_are_pruned(client, context):
    [attachment] = send_files(client, ("a.txt", "Позывной Сокол".encode()))
    job = Job.objects.get(attachment=attachment, kind="clean")
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs == {"args": [job.pk], "kwargs": {}}
    worker.run(context, once=True)
    assert not DBTaskResult.objects.exists(), "finished task rows carry exact times: the sweeper deletes them"


@override_settings(FAREWELL_JOB_RETRY_SECONDS=0, FAREWELL_JOB_ATTEMPTS=3)
def test_a_failing_job_is_retried_then_fails_with_a_code(client, context):
    [attachment] = send_files(client, ("a.png", tiny_png()))
    storage.store_path(attachment.stored.id).unlink()  # the ciphertext is gone: every attempt fails
    for _attempt in range(3):
        worker.run(context, once=True)
    job = Job.objects.get(attachment=attachment, kind="clean")
    assert (job.state, job.attempts, job.error) == (Job.State.FAILED, 3, "FileNotFoundError")
    assert not CleanedFile.objects.filter(attachment=attachment).exists()


@override_settings(FAREWELL_JOB_RETRY_SECONDS=600)
def test_a_retry_waits_for_its_backoff(client, context):
    [attachment] = send_files(client, ("a.png", tiny_png()))
    storage.store_path(attachment.stored.id).unlink()
    worker.run(context, once=True)
    job = Job.objects.get(attachment=attachment, kind="clean")
    assert job.state == Job.State.QUEUED and job.retry_after > timezone.now() + datetime.timedelta(seconds=590)
    worker.run(context, once=True)  # not due yet: untouched
    job.refresh_from_db()
    assert job.attempts == 1


def test_an_expired_lease_is_queued_again_and_the_job_completes(client, context):
    [attachment] = send_files(client, ("a.png", tiny_png()))
    job = queue.claim(Job.objects.get(attachment=attachment, kind="clean").pk, "a-worker-that-died")
    Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - datetime.timedelta(seconds=1))

    swept = queue.sweep()

    assert swept.expired == 1
    job.refresh_from_db()
    assert (job.state, job.error, job.worker) == (Job.State.QUEUED, "lease_expired", "")
    worker.run(context, once=True)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.DONE, 2)


def test_a_live_lease_is_not_taken_and_a_lost_one_discards_the_result(client, context):
    [attachment] = send_files(client, ("a.png", tiny_png()))
    job = queue.claim(Job.objects.get(attachment=attachment, kind="clean").pk, "first")
    assert queue.claim(job.pk, "second") is None
    assert queue.sweep().expired == 0
    Job.objects.filter(pk=job.pk).update(worker="someone-else")
    with pytest.raises(queue.LeaseLost):
        queue.renew(job, 50)


def test_a_task_run_without_the_worker_key_leaves_the_job_for_a_real_worker(client, context):
    [attachment] = send_files(client, ("a.png", tiny_png()))
    job = Job.objects.get(attachment=attachment, kind="clean")
    run_job.call(job.pk)  # as `db_worker` would, in a process that never unlocked the worker key
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.QUEUED, 0)
    DBTaskResult.objects.all().delete()  # that task is spent
    assert queue.sweep().resubmitted == 1
    worker.run(context, once=True)
    job.refresh_from_db()
    assert job.state == Job.State.DONE


def test_an_erased_file_cancels_its_job(client, context):
    from farewell.vault.store import destroy

    [attachment] = send_files(client, ("a.png", tiny_png()))
    destroy(attachment.stored)
    worker.run(context, once=True)
    job = Job.objects.get(attachment=attachment, kind="clean")
    assert (job.state, job.error) == (Job.State.CANCELLED, "erased")


def test_the_worker_refuses_to_start_without_the_right_operator_secret(keys, monkeypatch):
    from farewell.vault.crypto import VaultError

    with pytest.raises(VaultError):
        keyring.unlock("not the operator secret")
    monkeypatch.delenv("FAREWELL_OPERATOR_SECRET")
    with pytest.raises(keyring.NoOperatorSecret):
        keyring.operator_secret(interactive=False)


def test_a_systemd_credential_provides_the_operator_secret(monkeypatch, tmp_path):
    monkeypatch.delenv("FAREWELL_OPERATOR_SECRET")
    (tmp_path / keyring.CREDENTIAL_NAME).write_text("from-systemd\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    assert keyring.operator_secret(interactive=False) == "from-systemd"


def test_progress_is_recorded_while_a_job_runs(client, context):
    [attachment] = send_files(client, ("a.png", tiny_png()))
    job = queue.claim(Job.objects.get(attachment=attachment, kind="clean").pk, context.worker_id)
    beat = runner.Heartbeat(job, every=0)
    beat(0.42)
    job.refresh_from_db()
    assert job.progress == 42 and job.lease_until > timezone.now()


def test_retention_erases_the_derivative_and_cancels_pending_work(client, context):
    from farewell.cases.retention import erase_originals

    first, second = send_files(client, ("a.png", tiny_png()), ("b.png", tiny_png()))
    queue.claim(
        Job.objects.get(attachment=second, kind="clean").pk, "busy-elsewhere"
    )  # still running when the purge comes
    worker.run(context, once=True)
    cleaned = CleanedFile.objects.select_related("stored", "report").get(attachment=first)
    assert storage.store_path(cleaned.stored.id).exists()

    erase_originals(first.case_id)

    cleaned.refresh_from_db()
    cleaned.stored.refresh_from_db()
    assert cleaned.report.destroyed and cleaned.stored.destroyed
    assert not storage.store_path(cleaned.stored.id).exists()
    job = Job.objects.get(attachment=second, kind="clean")
    assert (job.state, job.error) == (Job.State.CANCELLED, "erased")


def test_a_file_over_the_limits_is_refused_and_the_worker_goes_on(client, context, tmp_path):
    import dataclasses
    import os

    from PIL import Image

    noise = tmp_path / "noise.png"
    Image.frombytes("RGB", (3000, 3000), os.urandom(3000 * 3000 * 3)).save(noise)
    slow, quick = send_files(client, ("noise.png", noise.read_bytes()), ("a.png", tiny_png()))
    context = dataclasses.replace(context, limits=dataclasses.replace(context.limits, wall_seconds=1))

    worker.run(context, once=True)

    assert (Job.objects.get(attachment=slow, kind="clean").state, CleanedFile.objects.get(attachment=slow).refused) == (
        Job.State.REFUSED,
        "limit",
    )
    assert Job.objects.get(attachment=quick, kind="clean").state == Job.State.DONE
