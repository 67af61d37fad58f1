"""`farewell audit verify`: check the audit chain; non-zero exit naming the first broken row."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from farewell.audit.chain import verify


class Command(BaseCommand):
    help = "Verify the audit chain against its MACs and the head kept outside the database."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        verdict = verify()
        if not verdict.ok:
            raise CommandError(f"The audit chain is broken: {verdict.problem}.")
        if verdict.warning:
            self.stderr.write(f"Warning: {verdict.warning}.")
        self.stdout.write(f"The audit chain is intact: {verdict.rows} rows.")
