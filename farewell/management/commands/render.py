"""`farewell render [--preview] [--box [PAGE:]X,Y,W,H[@START-END] ...] [--sound none|keep|alter] IN OUTDIR`:
what would be published of a cleaned file (or its preview), made in the keyless sandbox."""

from __future__ import annotations

import argparse
import math
import random
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from farewell.anonymize.media import sandbox
from farewell.anonymize.media.report import NO_PARTS

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)"
BOX = re.compile(
    rf"(?:(?P<page>\d+|\*)?:)?(?P<x>{NUMBER}),(?P<y>{NUMBER}),(?P<w>{NUMBER}),(?P<h>{NUMBER})"
    rf"(?:@(?P<start>{NUMBER})?-(?P<end>{NUMBER})?)?"
)


def box(text: str) -> dict:
    """`[PAGE:]X,Y,W,H[@START-END]`: fractions of the picture or page (0.5 = half way); PAGE empty
    or * for every page; START and END in seconds, either may be left out."""
    match = BOX.fullmatch(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(
            f"{text!r}: a box is [PAGE:]X,Y,W,H[@START-END], in fractions of the picture, e.g. 2:0.1,0.5,0.3,0.05"
        )
    page = match["page"]
    values = {key: float(match[key]) for key in ("x", "y", "w", "h")}
    moments = {key: None if match[key] is None else float(match[key]) for key in ("start", "end")}
    if any(not math.isfinite(value) for value in values.values()):
        raise argparse.ArgumentTypeError(f"{text!r}: not a number")
    return {"page": None if page in (None, "*") else int(page), **values, **moments}


class Command(BaseCommand):
    help = (
        "Write into OUTDIR the parts that would be published of IN (a file cleaned by `farewell clean`), or with "
        "--preview what reviewers see: boxes burned black, documents as page pictures, the sound chosen."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, metavar="IN")
        parser.add_argument("target", type=Path, metavar="OUTDIR")
        parser.add_argument("--preview", action="store_true", help="make the reviewers' preview instead")
        parser.add_argument(
            "--box",
            type=box,
            action="append",
            default=[],
            metavar="[PAGE:]X,Y,W,H[@START-END]",
            help="a black box, in fractions of the picture or page (repeatable)",
        )
        parser.add_argument("--sound", choices=["none", "keep", "alter"], default="none")

    def handle(self, *args, source, target, preview, box, sound, **options):
        if not source.is_file():
            raise CommandError(f"{source}: no such file")
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise CommandError(f"{target}: exists and is not empty")
        treatment = None
        if sound == "alter":  # a fresh one: each run sounds different, which is fine from the command line
            from farewell.anonymize.media import voice

            treatment = voice.random_treatment(random.SystemRandom())
        params = {"purpose": "preview" if preview else "publish", "boxes": box, "sound": sound, "treatment": treatment}
        target.mkdir(parents=True, exist_ok=True)
        report = sandbox.render(source, target, params)
        if report.refused:
            raise CommandError(f"{source}: refused: {report.reason}")
        if not report.parts:
            self.stdout.write(f"{source}: nothing to write: {NO_PARTS.get(report.no_parts, report.no_parts)}")
        for part in report.parts:
            details = [part["type"]]
            if part["page"] is not None:
                details.append(f"page {part['page']}")
            if part["faces"]:
                details.append(f"{part['faces']} face(s) hidden")
            if part["boxes"]:
                details.append(f"{part['boxes']} box(es)")
            self.stdout.write(f"{target / part['name']}: {', '.join(details)}")
