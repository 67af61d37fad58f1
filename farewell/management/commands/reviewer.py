"""`farewell reviewer`: list reviewers, set where their notification digest goes, disable them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from farewell.accounts.actions import do_disable_reviewer
from farewell.accounts.models import Reviewer
from farewell.review.notifications import do_set_email
from farewell.vault.keys import configured_secret


class Command(BaseCommand):
    help = (
        "Manage reviewer accounts: `list`; `email NAME ADDRESS` (or `email NAME --clear`) sets where the "
        "notification digest goes; `disable NAME` removes their keys and rotates the channel key."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["disable", "list", "email"])
        parser.add_argument("name", nargs="?")
        parser.add_argument("address", nargs="?", help="email: where the reviewer's notification digest goes")
        parser.add_argument("--clear", action="store_true", help="email: remove the reviewer's address")

    def handle(self, *args, action, name, address, clear, **options):
        if action == "list":
            for reviewer in Reviewer.objects.order_by("name"):
                email = "email" if reviewer.email_sealed is not None else "no email"
                self.stdout.write(f"{reviewer.name}\t{reviewer.status}\t{reviewer.grants.count()} keys\t{email}")
            return
        if not name:
            raise CommandError(f"Name the reviewer to {'disable' if action == 'disable' else 'set the address of'}.")
        if action == "email":
            self.set_email(name, address, clear)
            return
        if address or clear:
            raise CommandError("`disable` takes a name only.")
        try:
            do_disable_reviewer(name, operator_secret=configured_secret("FAREWELL_OPERATOR_SECRET"))
        except Reviewer.DoesNotExist:
            raise CommandError(f"No reviewer named {name!r}.") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{name} is disabled; their keys are destroyed and new cases use a new channel key.")

    def set_email(self, name: str, address: str | None, clear: bool) -> None:
        if clear == bool(address):
            raise CommandError("Give either an address or --clear.")
        try:
            do_set_email(name, None if clear else address)
        except Reviewer.DoesNotExist:
            raise CommandError(f"No reviewer named {name!r}.") from None
        except ValidationError:
            raise CommandError(f"{address!r} is not a valid email address.") from None
        if clear:
            self.stdout.write(f"{name} gets no notification emails any more.")
        else:
            self.stdout.write(f"{name} gets a notification digest at that address (stored encrypted).")
