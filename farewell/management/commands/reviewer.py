"""`farewell reviewer disable NAME`: end a reviewer's access and rotate the channel key."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from farewell.accounts.actions import do_disable_reviewer
from farewell.accounts.models import Reviewer
from farewell.vault.keys import configured_secret


class Command(BaseCommand):
    help = "Manage reviewer accounts: `disable NAME` removes their keys and rotates the channel key."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["disable", "list"])
        parser.add_argument("name", nargs="?")

    def handle(self, *args, action, name, **options):
        if action == "list":
            for reviewer in Reviewer.objects.order_by("name"):
                self.stdout.write(f"{reviewer.name}\t{reviewer.status}\t{reviewer.grants.count()} keys")
            return
        if not name:
            raise CommandError("Name the reviewer to disable.")
        try:
            do_disable_reviewer(name, operator_secret=configured_secret("FAREWELL_OPERATOR_SECRET"))
        except Reviewer.DoesNotExist:
            raise CommandError(f"No reviewer named {name!r}.") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{name} is disabled; their keys are destroyed and new cases use a new channel key.")
