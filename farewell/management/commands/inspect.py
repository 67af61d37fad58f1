"""`farewell inspect FILE`: what a file carries, as JSON (parsed in the keyless sandbox)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from farewell.anonymize.media import sandbox


class Command(BaseCommand):
    help = 'Print {"type", "metadata": [{"group", "tag", "value"}], "faces", "refused"} for FILE.'
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args, file, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        report = sandbox.run("inspect", file)
        self.stdout.write(json.dumps(report.as_inspect_json(), ensure_ascii=False))
