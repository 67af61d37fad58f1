"""The django-tasks task that runs our jobs. Its arguments are a job id, nothing else: the
task library stores arguments in plain text."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from farewell.jobs import runner

    runner.run(job_id)
