"""`farewell reindex`: rebuilds the archive's search column from the published testimonies."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from farewell.archive.models import Testimony
from farewell.archive.search.query import reindex

BATCH = 500


class Command(BaseCommand):
    help = (
        "Recompute the lemmas of every published testimony (title, text, transcripts). Needed "
        "only after upgrading pymorphy3's dictionaries or the stemmers: publication indexes by itself."
    )

    def handle(self, *args, **options):
        ids = list(Testimony.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                for testimony in Testimony.objects.filter(pk__in=ids[start : start + BATCH]).prefetch_related("files"):
                    reindex(testimony)
            self.stderr.write(f"{min(start + BATCH, len(ids))}/{len(ids)} testimonies")
        self.stdout.write(f"{len(ids)} testimonies indexed")
