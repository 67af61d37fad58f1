"""A job: one piece of background work on one item, with what a queue must know to be reliable.

django-tasks runs the work; this row makes it reliable: a lease that a killed worker lets
expire, attempts with backoff, progress for the case page, and an error that is only ever a
code. Nothing here holds content, and no row carries the time a job was created.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Kind(models.TextChoices):
        CLEAN = "clean", _("cleaning")
        RENDER = "render", _("preparing previews and what is published")
        VERIFY = "verify", _("verifying the accounts")

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("done")
        REFUSED = "refused", _("refused")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    FINISHED = (State.DONE, State.REFUSED, State.FAILED, State.CANCELLED)

    kind = models.CharField(max_length=16, choices=Kind)
    # What it works on: a file (clean, render) or a whole case (verify), never both.
    attachment = models.ForeignKey(
        "cases.Attachment", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs")
    state = models.CharField(max_length=16, choices=State, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    # A code: a refusal of the cleaner, or the class name of what failed. Never a message.
    error = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=64, blank=True)  # a random id of the worker holding the lease
    lease_until = models.DateTimeField(null=True, blank=True)
    retry_after = models.DateTimeField(null=True, blank=True)
    task_id = models.UUIDField(null=True, blank=True)  # the django-tasks result meant to run it next

    class Meta:
        indexes = [models.Index(fields=["state", "lease_until"])]
        constraints = [
            models.UniqueConstraint(fields=["kind", "attachment"], name="one_job_of_a_kind_per_attachment"),
            models.UniqueConstraint(fields=["kind", "case"], name="one_job_of_a_kind_per_case"),
            models.CheckConstraint(
                condition=models.Q(attachment__isnull=False, case__isnull=True)
                | models.Q(attachment__isnull=True, case__isnull=False),
                name="job_has_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk}"

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED
