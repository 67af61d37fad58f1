"""`farewell export-static DIR [--zip]`: the public archive as static files (archive/mirror.py)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from farewell.archive import mirror


class Command(BaseCommand):
    help = (
        "Write the public archive as static HTML, CSS and Atom feeds into DIR: relative links, no "
        "JavaScript, browsing by theme, year and language. Run again into the same DIR to update "
        "it (only changes are written; withdrawn testimonies are removed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path, help="folder of the mirror (created, or an earlier mirror)")
        parser.add_argument("--zip", action="store_true", help="also write DIR.zip, one file to pass around")

    def handle(self, *args, **options):
        started = time.monotonic()
        target: Path = options["dir"]
        try:
            report = mirror.export(target, progress=lambda message: self.stderr.write(message))
        except mirror.MirrorError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{target}: {report.pages} pages and feeds, {len(report.files)} files "
            f"({report.written} written, {report.unchanged} unchanged, {report.removed} removed) "
            f"in {time.monotonic() - started:.1f} s"
        )
        if options["zip"]:
            destination = target.resolve().with_name(target.resolve().name + ".zip")
            size = mirror.write_zip(target.resolve(), destination)
            self.stdout.write(f"{destination}: {size / 1e6:.1f} MB")
