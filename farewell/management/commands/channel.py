"""`farewell channel`: add a channel with its key and members, list channels, hand over a key."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from farewell.accounts.actions import do_grant_from_operator_copy
from farewell.accounts.models import Reviewer
from farewell.cases import channels
from farewell.vault.keys import configured_secret
from farewell.vault.models import KeyPair


class Command(BaseCommand):
    help = (
        "Manage channels. `add SLUG --name-ru … --name-en … --name-fr … --member NAME …` creates a channel "
        "and its key, sealed to each member; `list` shows them; `grant SLUG NAME` hands a channel's key to a "
        "reviewer from the operator-wrapped copy kept when its last member was disabled."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "list", "grant"])
        parser.add_argument("slug", nargs="?", help="the channel: lower-case letters, digits, hyphens")
        parser.add_argument("reviewer", nargs="?", help="grant: the reviewer who receives the key")
        parser.add_argument("--name-ru", default="", help="the channel's name in Russian")
        parser.add_argument("--name-en", default="", help="the channel's name in English")
        parser.add_argument("--name-fr", default="", help="the channel's name in French")
        parser.add_argument(
            "--member", action="append", default=[], help="an active reviewer who holds the key (repeat)"
        )
        parser.add_argument("--not-on-intake", action="store_true", help="do not offer it to submitters")
        parser.add_argument("--position", type=int, default=0, help="its place among the intake's choices")

    def handle(self, *args, action, slug, reviewer, **options):
        if action == "list":
            return self.list()
        if not slug:
            raise CommandError("Name the channel (its slug).")
        if action == "grant":
            return self.grant(slug, reviewer)
        if reviewer:
            raise CommandError("Members are given with --member NAME.")
        names = {"ru": options["name_ru"], "en": options["name_en"], "fr": options["name_fr"]}
        try:
            channel = channels.do_add_channel(
                slug,
                names,
                members=options["member"],
                on_intake=not options["not_on_intake"],
                position=options["position"],
            )
        except channels.ChannelRefused as refusal:
            raise CommandError(str(refusal)) from None
        members = ", ".join(options["member"]) or "its existing members"
        self.stdout.write(f"Channel {channel.slug} added; its key is held by {members}.")

    def list(self):
        self.stdout.write("slug\tru\ten\tfr\tmembers\tcases\tintake")
        for summary in channels.summaries():
            names = [summary.names.get(code, "") or "—" for code in channels.LANGUAGES]
            intake = "yes" if summary.on_intake else "no"
            if summary.operator_copy:
                intake += " (key kept for the operator: `farewell channel grant`)"
            self.stdout.write("\t".join([summary.slug, *names, str(summary.members), str(summary.cases), intake]))

    def grant(self, slug: str, reviewer: str | None):
        if not reviewer:
            raise CommandError("Name the reviewer who receives the key.")
        secret = configured_secret("FAREWELL_OPERATOR_SECRET")
        if not secret:
            raise CommandError("FAREWELL_OPERATOR_SECRET is not available.")
        try:
            do_grant_from_operator_copy(channels.key_name(slug), reviewer, secret)
        except Reviewer.DoesNotExist:
            raise CommandError(f"No active reviewer named {reviewer!r}.") from None
        except KeyPair.DoesNotExist:
            raise CommandError(f"No channel {slug!r}.") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{reviewer} holds the {slug} channel key; the operator's copy was dropped.")
