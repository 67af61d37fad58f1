"""`farewell purge`: erase originals past their retention, and abandoned uploads."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from farewell.cases.retention import due, erase_originals, sweep_orphans
from farewell.review import evidence_downloads


class Command(BaseCommand):
    help = (
        "Erase the originals of cases published or rejected more than FAREWELL_RETENTION_DAYS ago "
        "(unless under legal hold) by destroying their keys, then their ciphertext; remove abandoned uploads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say what would be erased, erase nothing")

    def handle(self, *args, dry_run, **options):
        cases = list(due().values_list("pk", flat=True))
        self.stdout.write(f"Retention {settings.FAREWELL_RETENTION_DAYS} days: {len(cases)} case(s) due.")
        if dry_run:
            for case_id in cases:
                self.stdout.write(f"  would erase the originals of case {case_id}")
            return
        for case_id in cases:
            erase_originals(case_id)
            self.stdout.write(f"  erased the originals of case {case_id}")
        incoming, orphans = sweep_orphans()
        exports = evidence_downloads.sweep()
        self.stdout.write(
            f"Removed {incoming} abandoned upload(s), {orphans} orphaned file(s) "
            f"and {exports} expired evidence export(s)."
        )
