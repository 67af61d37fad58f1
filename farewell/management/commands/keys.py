"""`farewell keys init`: create the secrets and key pairs that are missing, never replacing any."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

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
    help = "Manage the instance's keys. `init` creates what is missing and never replaces a key."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["init"], help="init: create missing secrets and key pairs")

    def handle(self, *args, action, **options):
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
