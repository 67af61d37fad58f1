"""Span-level recall and precision of the text pipeline on Presidio's synthetic English dataset.

Run: .venv/bin/python bench/presidio_en.py [--limit N] [--misses TYPE]
(from the project root; the data is ../shared/data/presidio-synth-en/synth_dataset_v2.json, or --data FILE).

The dataset's types mapped to the pipeline's labels (a gold span is "found" when at least 90 % of its non-space
characters are covered by pipeline entities of a compatible label; "any label" accepts every entity):
    PERSON -> PERSON              ORGANIZATION -> ORGANIZATION      DATE_TIME -> DATE       AGE -> AGE
    GPE, STREET_ADDRESS (and LOCATION, CITY, ADDRESS if present) -> LOCATION or ADDRESS
    PHONE_NUMBER -> PHONE         EMAIL_ADDRESS -> EMAIL            DOMAIN_NAME (and URL) -> URL
Skipped (no corresponding label; their any-label coverage is shown for information): CREDIT_CARD, TITLE, NRP,
ZIP_CODE, IBAN_CODE, US_SSN, IP_ADDRESS, US_DRIVER_LICENSE.
Every entity counts, whatever the policy decides (this measures detection); the "hidden" column counts only the
entities the policy redacts (countries and public figures are kept). Precision: predicted entities overlapping
a gold span of any type (mapped or not) over all predicted entities. The language is forced to "en".
Anchor: Presidio's published run on this dataset, recall 0.603, precision 0.685.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "farewell.settings")

from farewell.anonymize.text.pipeline import analyze  # noqa: E402
from farewell.anonymize.text.types import REDACT  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "presidio-synth-en" / "synth_dataset_v2.json"
PLACE = frozenset({"LOCATION", "ADDRESS"})
COMPATIBLE = {
    "PERSON": frozenset({"PERSON"}),
    "LOCATION": PLACE,
    "GPE": PLACE,
    "CITY": PLACE,
    "STREET_ADDRESS": PLACE,
    "ADDRESS": PLACE,
    "PHONE_NUMBER": frozenset({"PHONE"}),
    "EMAIL_ADDRESS": frozenset({"EMAIL"}),
    "URL": frozenset({"URL"}),
    "DOMAIN_NAME": frozenset({"URL"}),
    "ORGANIZATION": frozenset({"ORGANIZATION"}),
    "DATE_TIME": frozenset({"DATE"}),
    "AGE": frozenset({"AGE"}),
}
THRESHOLD = 0.9


def coverage(text: str, start: int, end: int, entities) -> float:
    """Share of the span's non-space characters covered by the entities."""
    wanted = {i for i in range(start, end) if not text[i].isspace()}
    if not wanted:
        return 1.0
    covered = set()
    for entity in entities:
        if entity.start < end and start < entity.end:
            covered.update(range(max(start, entity.start), min(end, entity.end)))
    return len(wanted & covered) / len(wanted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, help="only the first N samples")
    parser.add_argument("--misses", metavar="TYPE", help="print the gold spans of this type not found (label)")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"Presidio synthetic dataset not found: {args.data} (pass --data FILE)")
    samples = json.loads(args.data.read_text(encoding="utf-8"))[: args.limit]
    misaligned = sum(
        s["full_text"][g["start_position"] : g["end_position"]] != g["entity_value"]
        for s in samples
        for g in s["spans"]
    )
    characters = sum(len(s["full_text"]) for s in samples)

    analyze("Warm-up: John Smith lives in London.", "en")  # load the models outside the timing
    started = time.perf_counter()
    analyses = [analyze(s["full_text"], "en").entities for s in samples]
    elapsed = time.perf_counter() - started

    total, found, any_found, hidden = Counter(), Counter(), Counter(), Counter()
    predicted, correct = Counter(), Counter()
    for sample, entities in zip(samples, analyses, strict=True):
        text, gold = sample["full_text"], sample["spans"]
        redacted = [e for e in entities if e.action == REDACT]
        for span in gold:
            kind, start, end = span["entity_type"], span["start_position"], span["end_position"]
            total[kind] += 1
            compatible = [e for e in entities if e.label in COMPATIBLE.get(kind, ())]
            label_ok = coverage(text, start, end, compatible) >= THRESHOLD
            found[kind] += label_ok
            any_found[kind] += coverage(text, start, end, entities) >= THRESHOLD
            hidden[kind] += coverage(text, start, end, redacted) >= THRESHOLD
            if args.misses == kind and not label_ok:
                got = [(e.label, e.text) for e in entities if e.start < end and start < e.end]
                print(f"MISS {kind}: {span['entity_value']!r} got {got}")
        for entity in entities:
            predicted[entity.label] += 1
            correct[entity.label] += any(
                entity.start < g["end_position"] and g["start_position"] < entity.end for g in gold
            )

    print(
        f"{len(samples)} samples, {characters:,} characters, {sum(total.values())} gold spans; "
        f"analyze() {elapsed:.1f} s ({characters / elapsed:,.0f} chars/s, "
        f"{elapsed / len(samples) * 1000:.1f} ms/sample)"
    )
    if misaligned:
        print(f"WARNING: {misaligned} gold spans whose entity_value differs from the text at their offsets")
    print()
    header = f"{'gold type':18} {'-> labels':22} {'gold':>5} {'recall':>7} {'any-label':>10} {'hidden':>7}"
    print(header)
    print("-" * len(header))
    mapped = [k for k in sorted(total, key=lambda k: -total[k]) if k in COMPATIBLE]
    skipped = [k for k in sorted(total, key=lambda k: -total[k]) if k not in COMPATIBLE]
    for kind in mapped:
        labels = "/".join(sorted(COMPATIBLE[kind]))
        print(
            f"{kind:18} {labels:22} {total[kind]:5} {found[kind] / total[kind]:7.3f}"
            f" {any_found[kind] / total[kind]:10.3f} {hidden[kind] / total[kind]:7.3f}"
        )
    n = sum(total[k] for k in mapped)
    recall = sum(found[k] for k in mapped) / n
    any_recall = sum(any_found[k] for k in mapped) / n
    print(f"{'ALL mapped':18} {'':22} {n:5} {recall:7.3f} {any_recall:10.3f} {sum(hidden[k] for k in mapped) / n:7.3f}")
    print()
    print("skipped types (no corresponding label), any-label coverage for information:")
    for kind in skipped:
        print(
            f"{kind:18} {'(skipped)':22} {total[kind]:5} {'':7} {any_found[kind] / total[kind]:10.3f}"
            f" {hidden[kind] / total[kind]:7.3f}"
        )
    n_all = sum(total.values())
    print(
        f"{'ALL types':18} {'':22} {n_all:5} {'':7} {sum(any_found.values()) / n_all:10.3f}"
        f" {sum(hidden.values()) / n_all:7.3f}"
    )
    print()
    all_predicted, all_correct = sum(predicted.values()), sum(correct.values())
    precision = all_correct / all_predicted if all_predicted else 0.0
    print(f"{'predicted label':18} {'entities':>8} {'overlap gold':>13} {'precision':>10}")
    for label in sorted(predicted, key=lambda k: -predicted[k]):
        print(f"{label:18} {predicted[label]:8} {correct[label]:13} {correct[label] / predicted[label]:10.3f}")
    print(f"{'ALL':18} {all_predicted:8} {all_correct:13} {precision:10.3f}")
    print()
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"overall: recall {recall:.3f} (label-compatible, mapped types), any-label recall {any_recall:.3f}, "
        f"precision {precision:.3f}, F1 {f1:.3f}"
    )
    print("anchor (Presidio's published run on this dataset): recall 0.603, precision 0.685")


if __name__ == "__main__":
    main()
