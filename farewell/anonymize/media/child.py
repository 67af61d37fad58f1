"""The sandboxed cleaner: run as `python -m farewell.anonymize.media.child OP IN OUT VOICE`
(OP: clean or inspect), `… child render IN OUT_DIR PARAMS_JSON` (render.py), or
`… child speak TEXT LANGUAGE OUT_DIR` (speech.py).

It holds no key and sees no secret (the parent gives it a scrubbed environment, limits and no
network). It writes JSON lines to its report channel (the original stdout): `{"progress": f}`
while it works, then one report. Everything a library prints goes to stderr instead, which
the parent discards. Failures are reported as codes, never as tracebacks, which could quote
the file's content.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from farewell.anonymize.media import formats
from farewell.anonymize.media.report import Refused, RenderReport, Report
from farewell.anonymize.media.sniff import sniff


class Channel:
    def __init__(self):
        # Keep the real stdout for reports; point fd 1 at stderr so no library can mix in.
        self._out = os.fdopen(os.dup(1), "w", buffering=1)
        os.dup2(2, 1)
        self._last = -1.0

    def progress(self, fraction: float) -> None:
        fraction = round(min(max(fraction, 0.0), 1.0), 2)
        if fraction >= self._last + 0.01:
            self._last = fraction
            self._out.write(json.dumps({"progress": fraction}) + "\n")

    def report(self, report: Report | RenderReport) -> None:
        self._out.write(json.dumps(asdict(report)) + "\n")
        self._out.flush()


def run(operation: str, source: Path, target: Path, voice: str, progress) -> Report:
    mime = sniff(source)
    report = Report(type=mime)
    try:
        if mime == "application/x-empty":
            raise Refused("empty")
        if mime in formats.ENCRYPTED:
            raise Refused("encrypted")
        module = formats.handler(mime)
        if module is None:
            raise Refused("unsupported")
        if operation == "inspect":
            report.metadata = module.metadata(source, mime)
            if hasattr(module, "count_faces"):  # images; video frames are counted when cleaned
                report.faces = module.count_faces(source, mime)
            return report
        if mime in formats.AUDIO_ONLY and voice == "drop":
            raise Refused("voice_drop_audio_only")
        try:
            found = module.metadata(source, mime)  # what the cleaning removes, for the reviewer
        except Refused:
            found = []
        cleaned = module.clean(source, target, mime, voice=voice, progress=progress)
        cleaned.type, cleaned.output_type = mime, formats.output_type(mime)
        cleaned.metadata = found + cleaned.metadata
        return cleaned
    except Refused as refusal:
        report.refused = refusal.code
        return report
    except MemoryError:
        report.refused = "limit"
        return report


def render(argv: list[str], progress) -> RenderReport:
    from farewell.anonymize.media.render import render_files

    try:
        return render_files(Path(argv[0]), Path(argv[1]), Path(argv[2]), progress)
    except RecursionError:
        return RenderReport(refused="corrupt")
    except Exception:  # noqa: BLE001 - a code only, as for cleaning
        return RenderReport(refused="crash")


def speak(argv: list[str], progress=None) -> RenderReport:
    """`speak TEXT LANGUAGE OUT_DIR`: the transcript read aloud (speech.py), as one part."""
    from farewell.anonymize.media import speech

    text, language, out_dir = Path(argv[0]).read_text(encoding="utf-8"), argv[1], Path(argv[2])
    name = "part-001.ogg"
    try:
        speech.read_aloud(text, language, out_dir / name)
    except Exception:  # noqa: BLE001 - a code only, as for cleaning
        return RenderReport(refused="crash")
    part = {"name": name, "type": speech.OUTPUT_TYPE, "page": None, "faces": 0, "boxes": 0}
    return RenderReport(type="text/plain", purpose="speak", parts=[part])


def main(argv: list[str]) -> int:
    channel = Channel()
    if argv[0] in ("render", "speak"):
        channel.report((render if argv[0] == "render" else speak)(argv[1:], channel.progress))
        return 0
    operation, source, target, voice = argv[0], Path(argv[1]), Path(argv[2]), argv[3]
    try:
        report = run(operation, source, target, voice, channel.progress)
    except RecursionError:
        report = Report(refused="corrupt")
    except Exception:  # noqa: BLE001 - the reason must not quote content: a code only
        report = Report(refused="crash")
    channel.report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
