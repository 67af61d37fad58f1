"""`farewell backup OUT`: the whole instance, encrypted to the offline backup key."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from farewell.vault.backup import BackupError, write_backup
from farewell.vault.keys import KeysMissing


class Command(BaseCommand):
    help = "Write an encrypted backup (database, encrypted files, secrets except the operator secret) to OUT."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="file to write; must not exist")

    def handle(self, *args, out, **options):
        if out.exists():
            raise CommandError(f"{out} exists; choose a new file name.")
        try:
            manifest = write_backup(out)
        except (BackupError, KeysMissing) as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["models"].values())
        self.stdout.write(
            f"Backup written to {out}: {rows} rows, {manifest['files']} files, {len(manifest['secrets'])} secrets."
        )
