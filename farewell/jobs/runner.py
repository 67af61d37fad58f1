"""Running one job inside a worker: claim, heartbeat, outcome, retry — the errors kept as codes.

Only `farewell worker` sets the context (it holds the unlocked worker keys); a task picked up by
any other process leaves the job queued for a real worker.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from farewell.anonymize.media.sandbox import Limits
from farewell.jobs import queue
from farewell.jobs.keyring import WorkerKeyring
from farewell.jobs.models import Job

logger = logging.getLogger("farewell.jobs")


class WorkerStopping(BaseException):
    """Raised in the running job when the worker is told to stop: the job is released."""


@dataclass
class Context:
    keyring: WorkerKeyring
    scratch_dir: Path | None
    limits: Limits
    worker_id: str = field(default_factory=lambda: secrets.token_hex(8))


CONTEXT: Context | None = None


class Heartbeat:
    """Renews the lease and records progress, at most every few seconds."""

    def __init__(self, job: Job, every: float):
        self.job, self.every, self._last, self._progress = job, every, time.monotonic(), -1

    def __call__(self, fraction: float | None = None) -> None:
        percent = self._progress if fraction is None else min(int(fraction * 100), 99)
        now = time.monotonic()
        if now - self._last >= self.every or percent >= self._progress + 10:
            queue.renew(self.job, max(percent, 0))
            self._last, self._progress = now, percent


def handlers():
    from farewell.jobs import cleaning, rendering, verifying

    return {Job.Kind.CLEAN: cleaning.run, Job.Kind.RENDER: rendering.run, Job.Kind.VERIFY: verifying.run}


def run(job_id: int) -> None:
    context = CONTEXT
    if context is None:
        logger.warning("job %s left queued: this process holds no worker key (run `farewell worker`)", job_id)
        return
    job = queue.claim(job_id, context.worker_id)
    if job is None:
        return
    heartbeat = Heartbeat(job, every=max(queue.lease_length().total_seconds() / 6, 1))
    try:
        handlers()[job.kind](job, context, heartbeat)
    except queue.LeaseLost:
        logger.warning("job %s: lease lost to another worker; result discarded", job_id)
    except WorkerStopping:
        queue.release(job)
        raise
    except Exception as error:  # noqa: BLE001 - recorded as a code; the message could quote content
        code = type(error).__name__[:64]
        logger.error("job %s failed (%s), attempt %s", job_id, code, job.attempts)
        queue.retry_later(job, code)
