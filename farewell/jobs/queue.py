"""Submitting, leasing, finishing and re-queueing jobs; the sweeper that recovers crashes.

A job is QUEUED with a django-tasks result meant to run it. A worker claims it (RUNNING, a
lease with its random id), renews the lease while it works, and finishes it. If the worker
dies, the lease expires and the sweeper (in every worker) queues the job again, until its
attempts are used up. Claims lock the row, so two workers never run the same job.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from farewell.jobs.models import Job
from farewell.jobs.tasks import run_job

READY, RUNNING = "READY", "RUNNING"


def lease_length() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.FAREWELL_JOB_LEASE_SECONDS)


def submit(job: Job, *, at: datetime.datetime | None = None) -> None:
    """A django-tasks result that will run the job (at `at`, for a retry after backoff)."""
    task = run_job.using(run_after=at) if at is not None and at > timezone.now() else run_job
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=result.id)
    job.task_id = result.id


def enqueue(kind: str, attachment=None, *, case=None) -> Job:
    """Call inside the transaction that creates the attachment (or changes the case): both
    exist, or neither. A job works on a file or, for verification, on a whole case."""
    job = Job.objects.create(kind=kind, attachment=attachment, case=case)
    submit(job)
    return job


def request(kind: str, attachment=None, *, case=None) -> Job:
    """Asks for the work to be done (again): a new job, a finished one queued afresh, or the one
    already waiting. A running job is left alone: it checks at its end whether what it was asked
    for changed meanwhile, and then runs again (`again`)."""
    job = Job.objects.select_for_update().filter(kind=kind, attachment=attachment, case=case).first()
    if job is None:
        return enqueue(kind, attachment, case=case)
    if job.finished:
        _fresh(job)
    return job


def again(job: Job) -> None:
    """Call inside the job's own transaction, after owned(): what it made is already stale."""
    _fresh(job)


def _fresh(job: Job) -> None:
    job.state, job.attempts, job.progress, job.error = Job.State.QUEUED, 0, 0, ""
    job.worker, job.lease_until, job.retry_after = "", None, None
    job.save(update_fields=["state", "attempts", "progress", "error", "worker", "lease_until", "retry_after"])
    submit(job)


class LeaseLost(Exception):
    """Another worker holds this job now (ours expired): our result is discarded."""


def claim(job_id: int, worker_id: str) -> Job | None:
    """The job, now RUNNING under our lease; None if it is not ours to run (finished, running
    elsewhere, not due yet, or a duplicate task)."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != Job.State.QUEUED or (job.retry_after and job.retry_after > now):
            return None
        job.state, job.worker, job.lease_until = Job.State.RUNNING, worker_id, now + lease_length()
        job.attempts += 1
        job.progress = 0
        job.save(update_fields=["state", "worker", "lease_until", "attempts", "progress"])
    return job


def renew(job: Job, progress: int) -> None:
    """Extends our lease (and records progress); raises LeaseLost if it is no longer ours."""
    updated = Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, worker=job.worker).update(
        lease_until=timezone.now() + lease_length(), progress=progress
    )
    if not updated:
        raise LeaseLost()


def owned(job: Job) -> Job:
    """Locks our running job inside the caller's transaction; raises LeaseLost otherwise."""
    current = Job.objects.select_for_update().filter(pk=job.pk, state=Job.State.RUNNING, worker=job.worker).first()
    if current is None:
        raise LeaseLost()
    return current


def finish(job: Job, state: str, error: str = "") -> None:
    """Call inside the transaction that stores the job's result, after owned()."""
    Job.objects.filter(pk=job.pk).update(
        state=state, error=error, progress=100 if state == Job.State.DONE else job.progress,
        worker="", lease_until=None, retry_after=None,
    )  # fmt: skip


def cancel(job: Job, code: str) -> None:
    """Our running job has nothing left to work on (its item was erased): cancelled, with the code."""
    with transaction.atomic():
        owned(job)
        finish(job, Job.State.CANCELLED, code)


def retry_later(job: Job, error: str) -> None:
    """After a failure: queued again with exponential backoff, or failed for good."""
    with transaction.atomic():
        current = Job.objects.select_for_update().filter(pk=job.pk, worker=job.worker).first()
        if current is None:
            return  # someone else holds it now
        _requeue_or_fail(current, error)


def release(job: Job) -> None:
    """The worker is stopping: the job goes back to the queue at once, the attempt not counted."""
    with transaction.atomic():
        current = Job.objects.select_for_update().filter(pk=job.pk, state=Job.State.RUNNING, worker=job.worker).first()
        if current is None:
            return
        current.state, current.worker, current.lease_until = Job.State.QUEUED, "", None
        current.attempts = max(current.attempts - 1, 0)
        current.save(update_fields=["state", "worker", "lease_until", "attempts"])
        submit(current)


def _requeue_or_fail(job: Job, error: str, *, backoff: bool = True) -> None:
    job.error, job.worker, job.lease_until = error, "", None
    if job.attempts >= settings.FAREWELL_JOB_ATTEMPTS:
        job.state, job.retry_after = Job.State.FAILED, None
        job.save(update_fields=["state", "error", "worker", "lease_until", "retry_after"])
        return
    delay = settings.FAREWELL_JOB_RETRY_SECONDS * 4 ** (job.attempts - 1) if backoff else 0
    job.state, job.retry_after = Job.State.QUEUED, timezone.now() + datetime.timedelta(seconds=delay)
    job.save(update_fields=["state", "error", "worker", "lease_until", "retry_after"])
    submit(job, at=job.retry_after)


@dataclass(frozen=True)
class Swept:
    expired: int  # running jobs whose worker stopped renewing its lease: queued again or failed
    resubmitted: int  # queued jobs that had no task left to run them
    pruned: int  # finished task results deleted (they carry exact times)


def sweep() -> Swept:
    now = timezone.now()
    expired = 0
    expiring = Job.objects.filter(state=Job.State.RUNNING, lease_until__lt=now)
    for job_id in expiring.values_list("pk", flat=True):
        with transaction.atomic():
            job = expiring.select_for_update().filter(pk=job_id).first()
            if job is not None:
                # The worker died, not the job: another worker may take it at once.
                _requeue_or_fail(job, "lease_expired", backoff=False)
                expired += 1
    live = DBTaskResult.objects.filter(status__in=(READY, RUNNING)).values_list("id", flat=True)
    resubmitted = 0
    for job in Job.objects.filter(state=Job.State.QUEUED).exclude(task_id__in=list(live)):
        submit(job, at=job.retry_after)
        resubmitted += 1
    # Task results left RUNNING by a killed worker, long after any live worker renewed a lease.
    stale = now - 2 * lease_length()
    running_tasks = Job.objects.filter(state=Job.State.RUNNING).values_list("task_id", flat=True)
    abandoned = DBTaskResult.objects.filter(status=RUNNING, started_at__lt=stale).exclude(id__in=list(running_tasks))
    pruned = abandoned.delete()[0]
    pruned += DBTaskResult.objects.exclude(status__in=(READY, RUNNING)).delete()[0]
    return Swept(expired, resubmitted, pruned)
