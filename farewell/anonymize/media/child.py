"""The sandboxed cleaner: run as `python -m farewell.anonymize.media.child OP IN [OUT]`.

It holds no key and sees no secret (the parent gives it a scrubbed environment, limits and no
network). It prints one JSON report on stdout; failures are reported as codes, never as
tracebacks, which could quote the file's content.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from farewell.anonymize.media import images
from farewell.anonymize.media.report import Report
from farewell.anonymize.media.sniff import sniff


def run(operation: str, source: Path, target: Path | None, voice: str) -> Report:
    mime = sniff(source)
    report = Report(type=mime)
    try:
        if mime == "application/x-empty":
            raise images.Refused("empty")
        if operation == "inspect":
            report.metadata = images.metadata(source) if mime in images.FORMATS else []
            if mime not in images.FORMATS:
                report.refused = "unsupported"
            return report
        if voice == "alter":
            raise images.Refused("voice_alter_unavailable")
        return images.clean(source, target, mime)
    except images.Refused as refusal:
        report.refused = refusal.code
        return report
    except MemoryError:
        report.refused = "limit"
        return report


def main(argv: list[str]) -> int:
    operation, source = argv[0], Path(argv[1])
    target = Path(argv[2]) if len(argv) > 2 and operation == "clean" else None
    voice = argv[3] if len(argv) > 3 else "keep"
    try:
        report = run(operation, source, target, voice)
    except Exception:  # noqa: BLE001 - the reason must not quote content: a code only
        report = Report(refused="crash")
    print(json.dumps(asdict(report)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
