"""`farewell keys init`: create the secrets and key pairs that are missing, never replacing any.
`farewell keys rotate`: retire channel keys and make new ones for new items, held by each
channel's active members."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from farewell.accounts.actions import do_rotate_channel_keys
from farewell.accounts.grants import active_channel_names
from farewell.cases.channels import key_name, slug_of
from farewell.vault.keys import (
    BACKUP_PRIVATE_FILE,
    configured_secret,
    ensure_backup_key,
    ensure_key_pairs,
    ensure_secrets,
    pin_codename_hash,
    reload_secret_settings,
)


class Command(BaseCommand):
    help = (
        "Manage the instance's keys. `init` creates what is missing and never replaces a key; `rotate` "
        "retires every channel key (or those named with --channel) and makes new ones for new items."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["init", "rotate"],
            help="init: create missing secrets and key pairs; rotate: new channel keys for new items",
        )
        parser.add_argument("--channel", action="append", default=[], help="rotate: only this channel (repeat)")

    def handle(self, *args, action, channel, **options):
        if action == "rotate":
            return self.rotate(channel)
        if channel:
            raise CommandError("--channel goes with `rotate`.")
        created = ensure_secrets()
        reload_secret_settings()
        operator_secret = configured_secret("FAREWELL_OPERATOR_SECRET")
        if not operator_secret:
            raise CommandError("FAREWELL_OPERATOR_SECRET is not available.")
        try:
            created += ensure_key_pairs(operator_secret)
            created += pin_codename_hash()
        except DatabaseError:
            raise CommandError("The database is not ready: run `farewell migrate` first.") from None
        created += ensure_backup_key()
        if not created:
            self.stdout.write("All keys exist; nothing was changed.")
        for item in created:
            self.stdout.write(f"Created {item.kind} {item.name} ({item.where})")
        if any(item.name == BACKUP_PRIVATE_FILE for item in created):
            self.stdout.write(
                self.style.WARNING(
                    f"The backup private key was written to {settings.SECRETS_DIR}/{BACKUP_PRIVATE_FILE}. Copy it "
                    "somewhere offline and delete it from this server: only `farewell restore` needs it."
                )
            )
        if any(item.name == "FAREWELL_OPERATOR_SECRET" for item in created):
            self.stdout.write(
                self.style.WARNING(
                    "The operator secret was written to the data directory. On a real server, move it "
                    "off the data disk and pass it as FAREWELL_OPERATOR_SECRET_FILE (docs/self-hosting.md)."
                )
            )

    def rotate(self, slugs: list[str]) -> None:
        existing = active_channel_names()
        names = [key_name(slug) for slug in slugs] or existing
        unknown = [slug_of(name) for name in names if name not in existing]
        if unknown:
            raise CommandError(f"No channel {', '.join(unknown)}.")
        try:
            new = do_rotate_channel_keys(names, operator_secret=configured_secret("FAREWELL_OPERATOR_SECRET"))
        except ValueError as error:
            raise CommandError(str(error)) from None
        for name in new:
            self.stdout.write(f"Rotated {name}: new items are sealed to a new key; earlier ones stay readable.")
