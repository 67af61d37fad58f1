"""The engine measured against the gold cases (gold/README.md): pairwise precision and recall of
person clustering, and precision and recall of findings. Used by the tests and by
bench/verify_gold.py, so both count the same way.

Clustering is scored over the gold mentions: a pair of mentions is a true positive when the same
person is written in the gold and the engine put both in one person; a gold mention the engine did
not find counts as a person of its own (it lowers recall). A finding matches when kind, topic, the
person (through the clustering) and the value agree, and the evidence cites one of the accounts
the gold names: a finding that cites three of four accounts is right but incomplete, which
`completeness` measures apart. A finding on a topic the gold does not annotate (dates of a
contract or a wound, public events beyond its list) is not judged: it is counted apart.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from farewell.anonymize.text.names import script_free
from farewell.verify import accounts
from farewell.verify.types import Account, Report

GOLD = Path(__file__).parent / "gold"
FILE_NAME = re.compile(r"^\d+-(?P<kind>\w+)\.(?P<language>ru|en|fr)\.txt$")


@dataclass
class Case:
    name: str
    directory: Path
    accounts: list[Account]
    expected: dict


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    unjudged: int = 0  # findings on topics the gold does not annotate
    covered: int = 0  # gold accounts cited by the matched findings' evidence
    wanted: int = 0  # gold accounts named by the matched findings
    misses: list[str] = field(default_factory=list)  # what was expected and not found
    extras: list[str] = field(default_factory=list)  # what was found and not expected

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.covered, self.wanted = self.covered + other.covered, self.wanted + other.wanted
        self.unjudged += other.unjudged
        self.misses += other.misses
        self.extras += other.extras

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def completeness(self) -> float:
        return self.covered / self.wanted if self.wanted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def cases(root: Path = GOLD) -> list[Case]:
    return [load(p) for p in sorted(root.iterdir()) if p.is_dir() and p.name.startswith("case-")]


def load(directory: Path) -> Case:
    expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    read = [accounts.read_account(directory / a["file"]) for a in expected["accounts"]]
    return Case(directory.name, directory, read, expected)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]


def gold_mentions(case: Case) -> list[tuple[str, str, int, int]]:
    """(person key, file, start, end) of every occurrence of every gold mention."""
    texts = {Path(a.name).name: a.text for a in case.accounts}
    result = []
    for person in case.expected["people"]:
        for file, needles in person.get("mentions", {}).items():
            spans = {span for needle in needles for span in _occurrences(texts[file], needle)}
            # A shorter needle inside a longer one of the same person is the same mention.
            for start, end in sorted(spans):
                if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans):
                    result.append((person["key"], file, start, end))
    return result


def predicted_person(report: Report, file: str, start: int, end: int) -> str | None:
    for person in report.people:
        for m in person.mentions:
            if Path(m.file).name == file and m.start < end and start < m.end:
                return person.id
    return None


def clustering(case: Case, report: Report) -> Score:
    items = [(key, predicted_person(report, file, s, e)) for key, file, s, e in gold_mentions(case)]
    score = Score()
    for (key_a, got_a), (key_b, got_b) in itertools.combinations(items, 2):
        together = got_a is not None and got_a == got_b
        if key_a == key_b and together:
            score.tp += 1
        elif key_a == key_b:
            score.fn += 1
        elif together:
            score.fp += 1
    return score


def person_map(case: Case, report: Report) -> dict[str, str]:
    """Gold person key → the engine's person id (most of his mentions; the narrator for the narrator)."""
    votes: dict[str, dict[str, int]] = {}
    for key, file, s, e in gold_mentions(case):
        got = predicted_person(report, file, s, e)
        if got:
            votes.setdefault(key, {}).setdefault(got, 0)
            votes[key][got] += 1
    mapping = {key: max(counts, key=counts.get) for key, counts in votes.items()}
    narrator = next((p.id for p in report.people if p.narrator), None)
    for person in case.expected["people"]:
        if person.get("narrator") and narrator:
            mapping.setdefault(person["key"], narrator)
    return mapping


def matches(expected: dict, got, mapping: dict[str, str], every_file: bool = False) -> bool:
    if expected["kind"] != got.kind:
        return False
    if expected.get("topic") and expected["topic"] != got.topic:
        return False
    if expected.get("person") and mapping.get(expected["person"]) != got.person:
        return False
    if expected.get("value") is not None and got.value is not None and _fold(expected["value"]) != _fold(got.value):
        return False
    files = {Path(span.file).name for span in got.evidence}
    wanted = set(expected.get("files", ()))
    return wanted <= files if every_file else bool(wanted & files)


# The topics the gold annotates (gold/README.md); public events: those of its list.
GOLD_TOPICS = frozenset(
    {"age", "rank", "role", "unit", "origin", "date:mobilized", "date:deserted", "date:crossed_border", "duplicate"}
    | {"civilians", "execution", "torture", "looting", "sexual_violence", "prisoners"}
    | {"crimea-annexation-2014", "invasion-2022", "mobilization-2022", "criminal-code-amendments-2022"}
    | {"kherson-withdrawal-2022", "bakhmut-fall-2023", "wagner-mutiny-2023", "kursk-incursion-2024"}
)


def judged(finding) -> bool:
    return finding.topic in GOLD_TOPICS


def _fold(value) -> str:
    """Values compared across spellings: Mirny and Mirnyy, Chebarkul and Chebarkul'."""
    return " ".join(word if word.isdigit() else script_free(word) for word in re.findall(r"\w+", str(value)))


def findings(case: Case, report: Report) -> Score:
    mapping = person_map(case, report)
    score = Score()
    matched: set[int] = set()
    for expected in case.expected.get("findings", []):
        hit = next(
            (i for i, got in enumerate(report.findings) if i not in matched and matches(expected, got, mapping)),
            None,
        )
        if hit is None:
            score.fn += 1
            score.misses.append(f"{case.name}: {_describe(expected)}")
        else:
            score.tp += 1
            matched.add(hit)
            wanted = set(expected.get("files", ()))
            cited = {Path(span.file).name for span in report.findings[hit].evidence}
            score.covered += len(wanted & cited)
            score.wanted += len(wanted)
    for i, got in enumerate(report.findings):
        if i not in matched and not judged(got):
            score.unjudged += 1
        elif i not in matched:
            score.fp += 1
            score.extras.append(f"{case.name}: {got.kind} {got.topic} {got.person or ''} — {got.summary}")
    return score


def unexpected(case: Case, report: Report) -> list[str]:
    """The case's not_findings that the engine reported anyway."""
    mapping = person_map(case, report)
    return [
        f"{case.name}: {_describe(item)} ({item.get('why', '')})"
        for item in case.expected.get("not_findings", [])
        if any(matches(item, got, mapping, every_file=True) and _shows(item, got) for got in report.findings)
    ]


def _shows(item: dict, got) -> bool:
    """A not_finding that names its words applies only to a finding whose evidence holds them."""
    return not item.get("text") or any(item["text"] in span.text or span.text in item["text"] for span in got.evidence)


def _describe(item: dict) -> str:
    return " ".join(str(item.get(k, "")) for k in ("kind", "topic", "person", "files") if item.get(k))
