"""The verification engine on the gold cases (farewell/verify/gold): pairwise precision and recall
of person clustering, precision and recall of findings, and the time to verify a case of five
accounts: each of the gold's 5-account cases once, in a process whose models another case has
already loaded (that first verification is reported apart).

Run: .venv/bin/python bench/verify_gold.py [--details]
Cross-case duplicates are found the way the platform finds them: every case is checked against
one index holding the cases verified before it, in order. The engine's rules were written
against the "tuned" cases; the "held-out" ones (expected.json "heldout": true) were written
afterwards by someone who did not see the engine, and measure how it generalizes.
"""

from __future__ import annotations

import argparse
import tempfile

from farewell.testing.timing import print_table, timed
from farewell.verify import duplicates, engine, evaluation


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--details", action="store_true", help="list missed and unexpected findings")
    options = parser.parse_args()
    cases = evaluation.cases()
    fives = [case for case in cases if len(case.accounts) == 5]
    others = [case for case in cases if len(case.accounts) != 5]
    cold = timed(lambda: engine.verify(others[0].accounts))
    print(f"First verification in this process ({others[0].name}; loads the models): {cold:.2f} s\n")
    # Each 5-account case verified once in the warm process: a case the engine has not seen yet.
    samples = sorted(timed(lambda case=case: engine.verify(case.accounts)) for case in fives)
    median = samples[len(samples) // 2]
    label = f"verify a 5-account case, warm process ({', '.join(c.name for c in fives)}, each once)"
    print_table([(label, (median, samples[0], samples[-1]), f"{5 / median:.1f} accounts/s")])

    groups = {
        "tuned": (evaluation.Score(), evaluation.Score(), []),
        "held-out": (evaluation.Score(), evaluation.Score(), []),
    }
    with tempfile.TemporaryDirectory() as directory, duplicates.DuplicateIndex(directory, b"bench" * 8) as index:
        for case in cases:
            ids = [f"{case.name}/{a.name}" for a in case.accounts]
            report = engine.verify(case.accounts, index, exclude=ids)
            for doc_id, account in zip(ids, case.accounts, strict=True):
                index.add(doc_id, account.text, label=case.name)
            clusters, found, wrong = groups["held-out" if case.expected.get("heldout") else "tuned"]
            clusters.add(evaluation.clustering(case, report))
            found.add(evaluation.findings(case, report))
            wrong += evaluation.unexpected(case, report)
    for group, (clusters, found, wrong) in groups.items():
        names = [c for c in cases if bool(c.expected.get("heldout")) == (group == "held-out")]
        if not names:
            continue
        accounts = sum(len(case.accounts) for case in names)
        print(f"\n{group}: {len(names)} cases, {accounts} accounts")
        print("| measure | precision | recall | counts |")
        print("|---|---|---|---|")
        print(
            f"| person clustering (pairwise) | {clusters.precision:.3f} | {clusters.recall:.3f} | {_counts(clusters)} |"
        )
        print(f"| findings | {found.precision:.3f} | {found.recall:.3f} | {_counts(found)} |")
        print(f"findings on topics the gold does not annotate (not judged): {found.unjudged}")
        print(f"evidence completeness of matched findings: {found.completeness:.3f} (accounts cited / in the gold)")
        print(f"not_findings reported anyway: {len(wrong)}")
        if options.details:
            for line in ["missed:", *found.misses, "unexpected:", *found.extras, "not_findings:", *wrong]:
                print("  " + line)


def _counts(score: evaluation.Score) -> str:
    return f"tp {score.tp}, fp {score.fp}, fn {score.fn}"


if __name__ == "__main__":
    main()
