"""Duplicate-text index speed: build time and size of an index of N synthetic testimonies, then
the latency of check() for new testimonies (a tenth of them carry a lightly edited paragraph
copied from a stored one), with how many copies were found and how many new texts matched.

Run: .venv/bin/python bench/duplicates_speed.py [--docs 100000] [--runs 300]
Testimonies are generated from a seeded vocabulary: ~300 common Russian words and ~20,000 made-up
inflected ones, drawn with Zipf-like frequencies, in 3–6 paragraphs of 40–110 words (~300 words).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from farewell.testing.timing import print_table, timed
from farewell.verify.duplicates import DuplicateIndex

COMMON = """и в не на я что он с мы а как по это но они к у же вы за бы так от все она его
только было из мне о ещё нас нам когда там даже был тут были потом их кто уже вот может
если да сказал человек или ни быть со время раз очень до где него день тоже этого надо
сейчас без ничего ведь можно там через после опять говорил просто совсем всех стали
командир рота взвод батальон бригада позиция окоп блиндаж посадка село город дом дорога
машина танк бэтэр миномёт артиллерия обстрел дрон снаряд патроны автомат броник каска
контракт военкомат повестка мобилизация часть полигон учения приказ отказ ранение госпиталь
медик раненый погибший двухсотый трёхсотый пленный местные жители подвал вода еда связь
рация телефон мама жена дети отец брат друг парни ребята пацаны старшина сержант лейтенант
капитан майор полковник генерал зампотыл замполит особист комбат ротный взводный
утром вечером ночью днём зимой весной летом осенью неделю месяц год сутки часа минут
пошли пришли стояли сидели ждали ехали бежали копали спали ели пили говорили думали знали
видели слышали поняли хотели могли надо нужно нельзя страшно холодно голодно тяжело плохо
хорошо нормально долго быстро сразу потом снова опять вообще никто никого нигде никогда""".split()
STEMS = "бел вод гор дел жив зем игр кон лес мор нос пол рук сад тел ход цвет част шум ясн".split()
PREFIXES = ["", "", "", "по", "при", "за", "вы", "про", "пере", "до", "от", "раз", "на", "у", "с"]
SUFFIXES = ["", "ов", "ев", "ин", "ан", "ен", "ок", "ик", "ниц", "ств", "тель", "очн", "ист", "ьск"]
ENDINGS = ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах", "ый", "ая", "ое", "ые", "ого", "ить", "ал", "или"]


def vocabulary(rng: np.random.Generator, size: int = 20_000) -> list[str]:
    made: set[str] = set()
    syllables = [c + v for c in "бвгджзклмнпрстфхцчшщ" for v in "аеиоуыяю"]
    while len(made) < size:
        stem = rng.choice(STEMS) if rng.random() < 0.3 else "".join(rng.choice(syllables, rng.integers(1, 3)))
        word = rng.choice(PREFIXES) + stem + rng.choice(SUFFIXES) + rng.choice(ENDINGS)
        if len(word) > 2:
            made.add(word)
    return COMMON + sorted(made)


class Testimonies:
    def __init__(self, seed: int = 7):
        self.rng = np.random.default_rng(seed)
        self.words = np.array(vocabulary(self.rng))
        weights = 1 / np.arange(1, len(self.words) + 1) ** 0.9
        self.cumulative = np.cumsum(weights / weights.sum())

    def paragraph(self, length: int) -> str:
        picks = self.words[np.searchsorted(self.cumulative, self.rng.random(length))].tolist()
        out, sentence = [], 0
        for word in picks:
            out.append(word.capitalize() if sentence == 0 else word)
            sentence += 1
            if sentence > 5 and self.rng.random() < 0.12:
                out[-1] += "." if self.rng.random() < 0.8 else ","
                sentence = 0 if out[-1].endswith(".") else sentence
        return " ".join(out).rstrip(",.") + "."

    def testimony(self) -> str:
        count = int(self.rng.integers(3, 7))
        total = self.rng.normal(300, 40)
        shares = self.rng.dirichlet(np.full(count, 4.0))
        return "\n\n".join(self.paragraph(int(np.clip(total * share, 30, 110))) for share in shares)

    def edited(self, paragraph: str, edits: int = 3) -> str:
        tokens = paragraph.split()
        for _ in range(edits):
            at = int(self.rng.integers(len(tokens)))
            if self.rng.random() < 0.5:
                tokens[at] = str(self.rng.choice(self.words[:300]))
            else:
                tokens.insert(at, str(self.rng.choice(self.words[:300])))
        return " ".join(tokens)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300, help="check() calls timed")
    options = parser.parse_args()
    gen = Testimonies()
    started = time.perf_counter()
    stored = [gen.testimony() for _ in range(options.docs)]
    generated = time.perf_counter() - started
    words = statistics.mean(len(text.split()) for text in stored[:1000])

    with tempfile.TemporaryDirectory(prefix="bench-duplicates-") as work:
        key = os.urandom(32)
        index = DuplicateIndex(work, key)
        build = timed(lambda: index.add_many((f"doc-{n}", text, f"case {n // 5}") for n, text in enumerate(stored)))
        index._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sum(path.stat().st_size for path in Path(work).iterdir())
        passages = index._db.execute("SELECT count(*) FROM buckets").fetchone()[0] // 32

        queries, copies = [], []
        for n in range(options.runs):
            text = gen.testimony()
            if n % 10 == 0:
                source = int(gen.rng.integers(options.docs))
                paragraphs = text.split("\n\n")
                paragraphs[1] = gen.edited(stored[source].split("\n\n")[0])
                text = "\n\n".join(paragraphs)
                copies.append(n)
            queries.append((text, f"doc-{source}" if n % 10 == 0 else None))
        index.check(queries[0][0])  # warm the statement cache
        samples, found, false = [], 0, 0
        for text, source in queries:
            began = time.perf_counter()
            matches = index.check(text)
            samples.append(time.perf_counter() - began)
            if source is not None:
                found += any(match.other == source for match in matches)
            else:
                false += bool(matches)
        index.close()

    samples.sort()
    median = statistics.median(samples)
    p95 = samples[int(0.95 * (len(samples) - 1))]
    print(
        f"cores: {os.cpu_count()}; documents: {options.docs} (~{words:.0f} words, {passages / options.docs:.1f} "
        f"passages each); generated in {generated:.1f} s; checks: {len(samples)}"
    )
    print(f"index on disk: {size / 1e6:.0f} MB ({size / options.docs:.0f} bytes/document)")
    print(f"check(): median {median * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, slowest {samples[-1] * 1000:.2f} ms")
    print(f"copies found: {found}/{len(copies)}; new texts with a match: {false}/{len(samples) - len(copies)}")
    print_table(
        [
            (
                f"build: add_many() of {options.docs} testimonies",
                (build, build, build),
                f"{options.docs / build:.0f} docs/s",
            ),
            ("check() of a new testimony", (median, samples[0], samples[-1]), f"{1 / median:.0f} checks/s"),
        ]
    )


if __name__ == "__main__":
    main()
