"""Background jobs: our own rows (lease, attempts, progress, error code) run by django-tasks."""
