"""`farewell restore IN --key FILE`: restore a backup into a fresh data directory."""

from __future__ import annotations

import base64
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from farewell.vault.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore an encrypted backup into this (fresh) instance, with the backup private key."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path)
        parser.add_argument("--key", type=Path, required=True, help="file holding the backup private key")

    def handle(self, *args, backup, key, **options):
        try:
            private_key = base64.b64decode(key.read_text().strip())
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the backup key: {error}") from None
        try:
            manifest = restore_backup(backup, private_key)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest.get("models", {}).values())
        self.stdout.write(f"Restored {rows} rows and {manifest.get('files', 0)} files. Run `farewell audit verify`.")
