"""`farewell anonymize [--lang auto|ru|en|fr] [--case] [--json] FILE...`"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from farewell.anonymize.text.pipeline import analyze
from farewell.anonymize.text.redact import Numberer, redacted_text


class Command(BaseCommand):
    help = "Find what identifies people in text files and replace it with typed placeholders."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--lang", default="auto", choices=["auto", "ru", "en", "fr"], help="language (default: detect)"
        )
        parser.add_argument("--case", action="store_true", help="number placeholders across the files of one case")
        parser.add_argument("--json", action="store_true", help="print a JSON array, one object per file")

    def handle(self, *args, files, lang, case, **options):
        as_json = options["json"]
        shared = Numberer() if case else None
        results, failures = [], []
        for path in files:
            try:
                # utf-8-sig: a BOM is not text; bytes are decoded as they are (line endings kept).
                text = path.read_bytes().decode("utf-8-sig")
            except OSError as error:
                failures.append(f"{path}: cannot read it ({error.strerror})")
                continue
            except UnicodeDecodeError as error:
                failures.append(f"{path}: not UTF-8 text (byte {error.start})")
                continue
            analysis = analyze(text, lang)
            redacted = redacted_text(text, list(analysis.entities), analysis.language, shared or Numberer())
            results.append(
                {
                    "file": str(path),
                    "language": analysis.language,
                    "entities": [
                        {
                            "start": e.start,
                            "end": e.end,
                            "label": e.label,
                            "text": e.text,
                            "score": round(e.score, 3),
                            "action": e.action,
                        }
                        for e in analysis.entities
                    ],
                    "redacted": redacted,
                }
            )
        if as_json:
            self.stdout.write(_dumps(results))
        else:
            for result in results:
                if len(results) > 1:
                    self.stdout.write(f"==> {result['file']} ({result['language']}) <==")
                self.stdout.write(result["redacted"])
        if failures:
            raise CommandError("\n".join(failures))


def _dumps(results) -> str:
    return json.dumps(results, ensure_ascii=False, indent=1)
