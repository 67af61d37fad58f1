"""`farewell reindex`: rebuilds the archive's search column from the published testimonies."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from farewell.archive import generation
from farewell.archive.models import Testimony
from farewell.archive.search import lemmas

BATCH = 200


class Command(BaseCommand):
    help = (
        "Recompute the lemmas of every published testimony (title, text, transcripts). Needed "
        "only after upgrading pymorphy3's dictionaries or the stemmers: publication indexes by itself."
    )

    def handle(self, *args, **options):
        ids = list(Testimony.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = list(Testimony.objects.filter(pk__in=ids[start : start + BATCH]).prefetch_related("files"))
            # Lemmatizing takes time: outside any transaction, so that no write lock is held
            # meanwhile (with SQLite, submissions would wait for it); then one short update.
            for testimony in batch:
                testimony.lemmas = lemmas.index_text(testimony.searchable_text(), testimony.language)
            with transaction.atomic():
                Testimony.objects.bulk_update(batch, ["lemmas"])  # a withdrawn one updates nothing
            self.stderr.write(f"{min(start + BATCH, len(ids))}/{len(ids)} testimonies")
        generation.bump()  # bulk_update sends no signal
        self.stdout.write(f"{len(ids)} testimonies indexed")
