"""Token-level recall, precision and F1 for PER/LOC/ORG on factRuEval-2016: natasha alone and the full pipeline.

Run: .venv/bin/python bench/factrueval.py [--gold naeval|union] [--language auto|ru] [--examples N] [--resolver]
(from the project root; the data is read from ../shared/data/factRuEval-2016/testset, or --data DIR).

Gold: objects Person -> PER, Location and LocOrg -> LOC, Org -> ORG (Project and Facility are skipped).
--gold naeval (default) reproduces naeval's factRuEval adapter, the one behind the published slovnet figures:
a Person covers its whole extent, an Org only its org_name spans, a Location/LocOrg only its loc_name spans,
and of overlapping gold spans only the first/longest is kept ("МИД Грузии" is ORG, not ORG + LOC).
--gold union takes every object's referenced spans (the union of their token ranges, descriptors such as
"компания" or "город" included) and lets a token carry several types.

Scoring is naeval's IO scheme on the .tokens tokens: a token is gold T when it lies inside a gold object of
type T, predicted T when it overlaps a predicted entity of label T; precision and recall are summed over all
tokens of the set. The pipeline's labels map PERSON -> PER, LOCATION -> LOC, ORGANIZATION -> ORG; its other
labels are ignored and entities the policy keeps (countries, public figures) still count, since this measures
detection. "Any-label recall" counts the gold tokens covered by any pipeline entity whatever its label (what
matters for anonymity), "hidden" the same with entities the policy redacts only. The last section lists the
gold tokens natasha gets right and the pipeline does not, by what the pipeline did with them instead; --resolver
also replays the pipeline's steps and lists the natasha spans its overlap resolution drops, and what beat them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "farewell.settings")
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one BLAS thread: natasha's small products only spin on more (timings)

from farewell.anonymize.text import language as languages  # noqa: E402
from farewell.anonymize.text import ner  # noqa: E402
from farewell.anonymize.text import pipeline as steps  # noqa: E402
from farewell.anonymize.text.pipeline import analyze  # noqa: E402
from farewell.anonymize.text.types import REDACT  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "factRuEval-2016"
TYPES = ("PER", "LOC", "ORG")
OBJECT_TYPES = {"Person": "PER", "Location": "LOC", "LocOrg": "LOC", "Org": "ORG"}
PIPELINE_TYPES = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}
NAME_SPANS = {"ORG": "org_name", "LOC": "loc_name"}  # naeval keeps only these spans of Org and Loc objects
ANCHOR = {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}


@dataclass(frozen=True)
class Token:
    start: int
    stop: int
    text: str


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    stop: int
    first: int  # index of its first token in the document's token list
    count: int


@dataclass
class Document:
    id: str
    text: str
    tokens: list[Token]
    gold: dict[str, set[int]]  # type -> indices of its tokens
    mismatches: int


def read_text(path: Path, tokens: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]], int]:
    """The document's text and token offsets in code points, whichever reading makes the tokens line up:
    as stored (\\r\\n kept), newline-normalized, or with offsets counted in UTF-8 bytes."""
    raw = path.read_bytes().decode("utf-8-sig")
    readings = []
    for text in (raw, raw.replace("\r\n", "\n").replace("\r", "\n")):
        readings.append((text, tokens))
        encoded = text.encode("utf-8")
        if len(encoded) != len(text):  # offsets in bytes: convert them to code points
            chars = [0] * (len(encoded) + 1)
            position = 0
            for index, char in enumerate(text):
                size = len(char.encode("utf-8"))
                for byte in range(position, position + size):
                    chars[byte] = index
                position += size
            chars[position] = len(text)
            converted = [
                (chars[min(s, len(encoded))], chars[min(s + n, len(encoded))] - chars[min(s, len(encoded))], w)
                for s, n, w in tokens
            ]
            readings.append((text, converted))
    best = None
    for text, offsets in readings:
        bad = sum(text[s : s + n] != w for s, n, w in offsets)
        if best is None or bad < best[2]:
            best = (text, offsets, bad)
        if not bad:
            break
    return best


def filter_overlapping(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """naeval.span.filter_overlapping: in start order (longest first), drop a span overlapping the one before."""
    dropped, previous = set(), None
    for index in sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1])):
        if previous is not None and spans[previous][1] > spans[index][0]:
            dropped.add(index)
            continue
        previous = index
    return [span for index, span in enumerate(spans) if index not in dropped]


def tokens_within(tokens: list[Token], start: int, stop: int) -> set[int]:
    return {i for i, t in enumerate(tokens) if start <= t.start and t.stop <= stop}


def load_document(base: Path, mode: str) -> Document:
    raw_tokens, token_ids = [], {}
    for line in base.with_suffix(".tokens").read_text(encoding="utf-8").splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 4:
            continue  # blank line between sentences
        token_ids[parts[0]] = len(raw_tokens)
        raw_tokens.append((int(parts[1]), int(parts[2]), parts[3]))
    text, offsets, mismatches = read_text(base.with_suffix(".txt"), raw_tokens)
    tokens = [Token(s, s + n, w) for s, n, w in offsets]
    spans = {}
    for line in base.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        parts = line.split("#")[0].split()
        if len(parts) >= 6:
            first = token_ids[parts[4]]
            count = int(parts[5])
            spans[parts[0]] = Span(parts[1], tokens[first].start, tokens[first + count - 1].stop, first, count)
    objects = []  # (type, [spans])
    for line in base.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        parts = line.split("#")[0].split()
        if len(parts) >= 3 and parts[1] in OBJECT_TYPES:
            referenced = [spans[i] for i in parts[2:] if i in spans]
            if referenced:
                objects.append((OBJECT_TYPES[parts[1]], referenced))
    gold: dict[str, set[int]] = {t: set() for t in TYPES}
    if mode == "union":
        for type, referenced in objects:
            for span in referenced:
                gold[type].update(range(span.first, span.first + span.count))
    else:
        extents = []
        for type, referenced in objects:
            if type == "PER":
                extents.append((min(s.start for s in referenced), max(s.stop for s in referenced), type))
            else:
                names = [(s.start, s.stop, type) for s in referenced if s.type == NAME_SPANS[type]]
                extents += filter_overlapping(names)
        starts, stops = {t.start for t in tokens}, {t.stop for t in tokens}
        for start, stop, type in filter_overlapping(extents):
            if start in starts and stop in stops:
                gold[type] |= tokens_within(tokens, start, stop)
    return Document(base.name, text, tokens, gold, mismatches)


def predicted_tokens(tokens: list[Token], entities, mapping: dict[str, str] | None) -> dict[str, set[int]]:
    """Type -> tokens overlapping an entity of that type (mapping None: every entity, under the key "ANY")."""
    found: dict[str, set[int]] = defaultdict(set)
    for entity in entities:
        key = "ANY" if mapping is None else mapping.get(entity.label)
        if key is None:
            continue
        for index, token in enumerate(tokens):
            if token.start < entity.end and entity.start < token.stop:
                found[key].add(index)
    return found


def prf(gold: Counter, predicted: Counter, correct: Counter, type: str) -> tuple[float, float, float]:
    precision = correct[type] / predicted[type] if predicted[type] else 0.0
    recall = correct[type] / gold[type] if gold[type] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def resolver_report(documents: list[Document], language: str, examples: int) -> None:
    """Replay analyze() step by step: which natasha candidates the overlap resolution drops, beaten by what."""
    forced = None if language == "auto" else language
    beaten, shown = Counter(), defaultdict(list)
    for document in documents:
        found = []
        for paragraph in languages.paragraphs(document.text, forced):
            found += steps._candidates(document.text, paragraph)
        first = steps.resolve(found)
        final = {(e.start, e.end, e.label) for e in steps.resolve(steps.propagate(document.text, first))}
        for entity in found:
            if entity.source != "natasha" or (entity.start, entity.end, entity.label) in final:
                continue
            winner = next((w for w in first if w.overlaps(entity)), None)
            key = f"natasha {entity.label} -> {winner.label} ({winner.source})" if winner else entity.label
            beaten[key] += 1
            if len(shown[key]) < examples:
                won = f"{winner.text!r}" if winner else "?"
                shown[key].append(f"{document.id}: {entity.text!r} lost to {won}")
    print()
    print("natasha spans dropped by the pipeline's overlap resolution (label -> label of the winner):")
    for key, number in beaten.most_common():
        print(f"  {number:5}  {key}")
        for example in shown[key]:
            print(f"           {example}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA, help="the factRuEval-2016 directory")
    parser.add_argument("--set", default="testset", choices=("testset", "devset"))
    parser.add_argument("--gold", default="naeval", choices=("naeval", "union"))
    parser.add_argument("--language", default="auto", help="language passed to analyze() (auto or ru)")
    parser.add_argument("--examples", type=int, default=12, help="examples of tokens natasha finds, pipeline not")
    parser.add_argument("--resolver", action="store_true", help="list the natasha spans the resolver drops")
    args = parser.parse_args()
    directory = args.data / args.set
    if not directory.is_dir():
        sys.exit(f"factRuEval-2016 not found: {directory} is missing (pass --data DIR)")
    bases = sorted(p.with_suffix("") for p in directory.glob("*.tokens"))
    if not bases:
        sys.exit(f"no *.tokens files in {directory}")
    documents = [load_document(base, args.gold) for base in bases]
    characters = sum(len(d.text) for d in documents)
    mismatches = sum(d.mismatches for d in documents)
    print(
        f"factRuEval-2016 {args.set}: {len(documents)} documents, {characters:,} characters, "
        f"{sum(len(d.tokens) for d in documents):,} tokens, gold = {args.gold}"
    )
    if mismatches:
        print(f"WARNING: {mismatches} tokens whose text does not match the .txt slice at their offsets")
    else:
        print("offsets check: every token's text matches the .txt slice (code points, line endings as stored)")

    ner.russian("Прогрев модели.")  # load the models outside the timings
    analyze("Прогрев модели, Москва.", args.language)
    started, cpu = time.perf_counter(), time.process_time()
    natasha = [ner.russian(d.text) for d in documents]
    natasha_time, natasha_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    pipeline = [analyze(d.text, args.language).entities for d in documents]
    pipeline_time, pipeline_cpu = time.perf_counter() - started, time.process_time() - cpu

    gold = Counter()
    counts = {name: (Counter(), Counter()) for name in ("natasha", "pipeline")}  # predicted, correct
    any_found, hidden_found = Counter(), Counter()
    lost = Counter()  # why a token natasha labels T correctly is not T in the pipeline
    lost_examples: dict[str, list[str]] = defaultdict(list)
    for document, natasha_entities, pipeline_entities in zip(documents, natasha, pipeline, strict=True):
        tokens = document.tokens
        for type in TYPES:
            gold[type] += len(document.gold[type])
        predictions = {
            "natasha": predicted_tokens(tokens, natasha_entities, PIPELINE_TYPES),
            "pipeline": predicted_tokens(tokens, pipeline_entities, PIPELINE_TYPES),
        }
        for name, found in predictions.items():
            predicted, correct = counts[name]
            for type in TYPES:
                predicted[type] += len(found[type])
                correct[type] += len(found[type] & document.gold[type])
        anything = predicted_tokens(tokens, pipeline_entities, None)["ANY"]
        hidden = predicted_tokens(tokens, [e for e in pipeline_entities if e.action == REDACT], None)["ANY"]
        for type in TYPES:
            any_found[type] += len(document.gold[type] & anything)
            hidden_found[type] += len(document.gold[type] & hidden)
        # diagnosis: gold tokens natasha gets right and the pipeline does not
        for type in TYPES:
            missed = (document.gold[type] & predictions["natasha"][type]) - predictions["pipeline"][type]
            for index in sorted(missed):
                token = tokens[index]
                owners = [e for e in pipeline_entities if e.start < token.stop and token.start < e.end]
                if owners:
                    owner = owners[0]
                    cause = f"{type} -> {owner.label} ({owner.source})"
                else:
                    cause = f"{type} -> not found"
                lost[cause] += 1
                if len(lost_examples[cause]) < args.examples:
                    context = document.text[max(0, token.start - 40) : token.stop + 40].replace("\n", " ")
                    owner_text = f" in {owners[0].text!r}" if owners else ""
                    lost_examples[cause].append(f"{document.id}: {token.text!r}{owner_text} … {context} …")

    print(
        f"natasha: {natasha_time:.1f} s wall, {natasha_cpu:.1f} s CPU; pipeline: {pipeline_time:.1f} s wall, "
        f"{pipeline_cpu:.1f} s CPU ({characters / pipeline_time:,.0f} chars/s wall); language={args.language}"
    )
    print()
    header = f"{'type':5} {'gold tok':>8} | {'natasha P':>9} {'R':>6} {'F1':>6} | {'pipeline P':>10} {'R':>6} {'F1':>6}"
    header += f" | {'any-label R':>11} {'hidden R':>8} | {'anchor F1':>9}"
    print(header)
    print("-" * len(header))
    totals = {name: [0, 0] for name in counts}
    for type in TYPES:
        row = f"{type:5} {gold[type]:8} |"
        for name, width in (("natasha", 9), ("pipeline", 10)):
            predicted, correct = counts[name]
            p, r, f = prf(gold, predicted, correct, type)
            row += f" {p:{width}.3f} {r:6.3f} {f:6.3f} |"
            totals[name][0] += predicted[type]
            totals[name][1] += correct[type]
        row += f" {any_found[type] / gold[type]:11.3f} {hidden_found[type] / gold[type]:8.3f} | {ANCHOR[type]:9.3f}"
        print(row)
    all_gold = sum(gold.values())
    row = f"{'ALL':5} {all_gold:8} |"
    for name, width in (("natasha", 9), ("pipeline", 10)):
        predicted, correct = totals[name]
        p, r = correct / predicted if predicted else 0.0, correct / all_gold
        row += f" {p:{width}.3f} {r:6.3f} {2 * p * r / (p + r) if p + r else 0.0:6.3f} |"
    row += f" {sum(any_found.values()) / all_gold:11.3f} {sum(hidden_found.values()) / all_gold:8.3f} |"
    print(row)
    for name in counts:
        correct = counts[name][1]
        print(f"{name} gold tokens found with the right type: " + ", ".join(f"{t} {correct[t]}" for t in TYPES))
    print()
    print("Published anchor (naeval, factRuEval-2016, natasha/slovnet news NER): F1 PER 0.959, LOC 0.915, ORG 0.825")
    print("any-label R: gold tokens overlapped by any pipeline entity; hidden R: by entities the policy redacts")
    if lost:
        print()
        print("Gold tokens natasha labels correctly that the pipeline does not (by what the pipeline did instead):")
        for cause, number in lost.most_common():
            print(f"  {number:5}  {cause}")
        if args.examples:
            for cause, _ in lost.most_common(8):
                print(f"\n  {cause}:")
                for example in lost_examples[cause]:
                    print(f"    {example}")
    if args.resolver:
        resolver_report(documents, args.language, args.examples)


if __name__ == "__main__":
    main()
