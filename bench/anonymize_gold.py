"""Recall, precision and F1 per label of the text pipeline on the project's gold set.

Run: .venv/bin/python bench/anonymize_gold.py [--language ru|en|fr] [--misses]
A gold span counts as found ("hidden") when predicted spans to redact cover all of its
characters — what matters for anonymity is that the words are hidden, whatever the label; the
"label" columns also require the same label. Precision counts predicted redactions that overlap
some gold span. Gold spans marked keep (countries, public figures) are scored separately: the
pipeline must not redact them (it may, at a small cost to readability).
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "farewell.settings")

from farewell.anonymize import gold  # noqa: E402
from farewell.anonymize.text.pipeline import analyze  # noqa: E402
from farewell.anonymize.text.types import KEEP, REDACT  # noqa: E402

QUOTES = "«»\"'“”"


def covered(span, predictions) -> bool:
    """Every character of the gold span that matters (not spaces or quotes) is hidden."""
    left = set(range(span.start, span.end))
    for p in predictions:
        left -= set(range(p.start, p.end))
    return all(span.text[i - span.start].isspace() or span.text[i - span.start] in QUOTES for i in left)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--language")
    parser.add_argument("--misses", action="store_true", help="print every gold span not hidden")
    args = parser.parse_args()
    documents = gold.load(args.language)
    found, label_found, total, predicted, correct = Counter(), Counter(), Counter(), Counter(), Counter()
    keep_total = keep_kept = characters = 0
    start = time.perf_counter()
    analyses = [(doc, analyze(doc.text)) for doc in documents]
    elapsed = time.perf_counter() - start
    for doc, analysis in analyses:
        characters += len(doc.text)
        redacted = [e for e in analysis.entities if e.action == REDACT]
        for span in doc.entities:
            if span.action == KEEP:
                keep_total += 1
                keep_kept += not any(p.start < span.end and span.start < p.end for p in redacted)
                continue
            total[span.label] += 1
            if covered(span, redacted):
                found[span.label] += 1
                if covered(span, [p for p in redacted if p.label == span.label]):
                    label_found[span.label] += 1
            elif args.misses:
                print(f"MISS {doc.id} {span.label}: {span.text!r}")
        for p in redacted:
            predicted[p.label] += 1
            correct[p.label] += any(p.start < s.end and s.start < p.end for s in doc.entities if s.action == REDACT)
    print(f"{len(documents)} documents, {characters:,} characters, {elapsed:.2f} s (models loaded on first use)")
    print(
        f"{'label':15} {'gold':>5} {'hidden':>7} {'recall':>7} {'label recall':>13} {'predicted':>10} {'precision':>10}"
    )
    for label in sorted(total, key=lambda name: -total[name]):
        recall = found[label] / total[label]
        precision = correct[label] / predicted[label] if predicted[label] else 0.0
        print(
            f"{label:15} {total[label]:5} {found[label]:7} {recall:7.3f} {label_found[label] / total[label]:13.3f}"
            f" {predicted[label]:10} {precision:10.3f}"
        )
    all_total, all_found = sum(total.values()), sum(found.values())
    all_predicted, all_correct = sum(predicted.values()), sum(correct.values())
    recall, precision = all_found / all_total, all_correct / all_predicted if all_predicted else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    print(
        f"{'ALL':15} {all_total:5} {all_found:7} {recall:7.3f} {'':13} {all_predicted:10} {precision:10.3f}"
        f"  F1 {f1:.3f}"
    )
    print(f"kept as the policy says (countries, public figures): {keep_kept}/{keep_total}")


if __name__ == "__main__":
    main()
