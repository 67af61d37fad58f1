"""`farewell clean [--voice keep|alter|drop] IN OUT`: metadata removed by re-encoding, in a sandbox."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from farewell.anonymize.media import sandbox


class Command(BaseCommand):
    help = "Write OUT: IN re-encoded without metadata, in a keyless sandbox; refuse what cannot be cleaned."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, metavar="IN")
        parser.add_argument("target", type=Path, metavar="OUT")
        parser.add_argument("--voice", choices=["keep", "alter", "drop"], default="keep")

    def handle(self, *args, source, target, voice, **options):
        if not source.is_file():
            raise CommandError(f"{source}: no such file")
        report = sandbox.run("clean", source, target, voice)
        if report.refused:
            raise CommandError(f"{source}: refused: {report.reason}")
        faces = "" if report.faces is None else f", {report.faces} face(s) hidden"
        self.stdout.write(f"{target}: cleaned ({report.output_type}{faces})")
