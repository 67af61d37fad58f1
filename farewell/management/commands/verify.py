"""`farewell verify [--index DIR] [--json] FILE...`: each FILE is one account of the same case."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from farewell.verify import accounts, engine, index_key, report


class Command(BaseCommand):
    help = "Cross-check the accounts of one case: people, places, dates, contradictions and risks."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="one account per file")
        parser.add_argument(
            "--index",
            type=Path,
            metavar="DIR",
            help="a near-duplicate index to check the accounts against and add them to",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, files, index, **options):
        read, failures = [], []
        for path in files:
            try:
                read.append(accounts.read_account(path))
            except OSError as error:
                failures.append(f"{path}: cannot read it ({error.strerror})")
            except ValueError as error:
                failures.append(f"{path}: {error}")
        if failures:
            raise CommandError("\n".join(failures))
        if index is None:
            result = engine.verify(read)
        else:
            result = _with_index(read, index)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(result), ensure_ascii=False, indent=1))
        else:
            self.stdout.write(report.summary(result))


def _with_index(read, directory: Path):
    from farewell.verify.duplicates import DuplicateIndex

    try:
        key = index_key.for_directory(directory)
    except OSError as error:
        raise CommandError(f"{directory}: cannot use it as an index ({error.strerror})") from None
    except ValueError as error:
        raise CommandError(str(error)) from None
    ids = [hashlib.sha256(account.text.encode()).hexdigest() for account in read]
    with DuplicateIndex(directory, key) as store:
        result = engine.verify(read, store, exclude=ids)
        for doc_id, account in zip(ids, read, strict=True):
            store.add(doc_id, account.text, label=Path(account.name).name)
    return result
