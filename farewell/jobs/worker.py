"""`farewell worker`'s loop: django-tasks-db's worker, plus what it lacks — recovery of jobs a
killed worker left behind, pruning of finished task rows, and a prompt, clean stop."""

from __future__ import annotations

import logging
import signal
import sys
import threading

from django.conf import settings
from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker

from farewell.anonymize.media import sandbox
from farewell.jobs import queue, runner
from farewell.review import notifications

logger = logging.getLogger("farewell.jobs")


class JobWorker(Worker):
    """Stops at the first SIGTERM even mid-job: the job is released to the queue (its attempt
    not counted) and the sandboxed child is killed, instead of finishing a long video first."""

    def shutdown(self, signum, frame) -> None:
        self.running = False
        if self.running_task:
            logger.info("stopping: releasing the current job")
            raise runner.WorkerStopping()
        sys.exit(0)


class Sweeper(threading.Thread):
    def __init__(self, every: float):
        super().__init__(name="farewell-sweeper", daemon=True)
        self.every, self.stopped = every, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            sweep_once()


def sweep_once() -> queue.Swept | None:
    try:
        swept = queue.sweep()
        if swept.expired or swept.resubmitted:
            logger.info("sweeper: %d expired lease(s), %d job(s) resubmitted", swept.expired, swept.resubmitted)
        return swept
    except Exception as error:  # noqa: BLE001 - a locked database: the next sweep will do it
        logger.warning("sweeper: %s", type(error).__name__)
        return None
    finally:
        connections.close_all()  # this thread's connections only


class Notifier(threading.Thread):
    """Runs a round of reviewers' notification digests at each slot (review/notifications.py)."""

    def __init__(self):
        super().__init__(name="farewell-notifier", daemon=True)
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(notifications.seconds_to_next_round()):
            notify_once()


def notify_once() -> notifications.Round | None:
    try:
        return notifications.run_round()
    except Exception as error:  # noqa: BLE001 - a locked database: nothing was marked, the next round does it
        logger.warning("notifications: %s", type(error).__name__)
        return None
    finally:
        connections.close_all()  # this thread's connections only


def run(context: runner.Context, *, once: bool = False) -> None:
    """Works until stopped (or, with once, until no job is ready)."""
    runner.CONTEXT = context
    removed = sandbox.sweep_scratch(context.scratch_dir)
    if removed:
        logger.info("removed %d scratch director(ies) left by a stopped worker", removed)
    sweep_once()
    worker = JobWorker(
        queue_names=["default"],
        interval=settings.FAREWELL_WORKER_POLL_SECONDS,
        batch=once,
        backend_name="default",
        startup_delay=not once,
        max_tasks=None,
        worker_id=context.worker_id,
        excluded_queue_names=[],
    )
    sweeper = notifier = None
    if not once:
        sweeper = Sweeper(settings.FAREWELL_WORKER_SWEEP_SECONDS)
        sweeper.start()
        if notifications.enabled():
            notifier = Notifier()
            notifier.start()
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    worker.configure_signals()
    try:
        worker.run()
    finally:
        if sweeper is not None:
            sweeper.stopped.set()
        if notifier is not None:
            notifier.stopped.set()
        for number, handler in previous.items():
            signal.signal(number, handler)
        if once:
            sweep_once()
        runner.CONTEXT = None
