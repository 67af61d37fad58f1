"""`farewell notify`: one round of reviewers' notification digests (the workers run one at every slot)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from farewell.review import notifications


class Command(BaseCommand):
    help = (
        'Email each reviewer with an address "N cases have new replies" (no content) if replies arrived '
        "since the last digest. The workers do this every FAREWELL_NOTIFY_EVERY_MINUTES."
    )

    def handle(self, *args, **options):
        result = notifications.run_round()
        if not result.enabled:
            self.stdout.write("Notifications are off: FAREWELL_SMTP_HOST is not set.")
            return
        self.stdout.write(f"{result.sent} digest(s) sent; {result.marked} repl(ies) or objection(s) counted.")
        if result.failed:
            raise CommandError(f"{result.failed} digest(s) could not be sent (see the log); retried next round.")
