"""`farewell createreviewer NAME`: invite a reviewer; prints a one-time enrolment link."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.urls import reverse

from farewell.accounts.actions import do_invite_reviewer
from farewell.accounts.credentials import ENROLMENT_DAYS
from farewell.vault.keys import configured_secret


class Command(BaseCommand):
    help = "Invite a reviewer. Prints a one-time enrolment link (valid 7 days) to send over a safe channel."

    def add_arguments(self, parser):
        parser.add_argument("name", help="the reviewer's sign-in name (letters, digits, . _ -)")

    def handle(self, *args, name, **options):
        if not name.replace(".", "").replace("_", "").replace("-", "").isalnum() or len(name) > 64:
            raise CommandError("The name may hold letters, digits, dots, dashes and underscores (64 at most).")
        try:
            reviewer, token = do_invite_reviewer(name, operator_secret=configured_secret("FAREWELL_OPERATOR_SECRET"))
        except IntegrityError:
            raise CommandError(f"A reviewer named {name!r} already exists.") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        link = settings.FAREWELL_REVIEW_URL.rstrip("/") + reverse("review:enrol", args=[token]).removeprefix("/review")
        self.stdout.write(f"Enrolment link for {reviewer.name} (one use, {ENROLMENT_DAYS} days):\n{link}")
        if reviewer.grants.exists():
            self.stdout.write("As the first reviewer, they hold the channel key once enrolled.")
        else:
            self.stdout.write("Once enrolled, another reviewer must grant them access (Team and keys).")
