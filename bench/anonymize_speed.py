"""Throughput of the text pipeline in characters per second on one core, its model loading time and peak memory.

Run: .venv/bin/python bench/anonymize_speed.py [--chars 200000] [--runs 3] [--blas-threads 1]
The project's gold texts (farewell.anonymize.gold) are repeated, in order, until they reach --chars characters
and analyze(text) (language "auto", as in production) runs over them in this one process, --runs times; the
median run is reported, overall and per language of the gold documents (ru/en/fr). numpy's BLAS/OpenMP pools are
held to one thread (--blas-threads) so that the process uses a single core: with OpenBLAS's default of one thread
per CPU, natasha's many small matrix products on short paragraphs make the threads spin and, on a busy machine,
cost two to three times the CPU. The CPU-time column (time.process_time) is the figure to trust on a shared
machine, where the wall clock also counts the time other work takes the core away.
The word caches of morph.py are emptied before each run; "first pass" is the first copy of the gold set in a run
(caches cold), the later copies hit the caches as a long document repeating its names would.
Model loading (imports, then the first analyze() of a text in each language) is timed apart. Peak memory is
resource.getrusage(RUSAGE_SELF).ru_maxrss. Target: >= 30,000 characters per second per core.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "farewell.settings")

TARGET = 30_000
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
LANGUAGES = ("ru", "en", "fr")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=200_000, help="characters per run (at least)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--blas-threads", type=int, default=1, help="threads of numpy's BLAS (0: the library's default, one per CPU)"
    )
    args = parser.parse_args()
    if args.blas_threads:  # before numpy is imported (natasha imports it on the first analyze)
        for variable in THREAD_VARIABLES:
            os.environ.setdefault(variable, str(args.blas_threads))
    print(f"BLAS threads: {os.environ.get('OPENBLAS_NUM_THREADS', 'library default (one per CPU)')}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    rss_start = peak_rss_mb()

    started = time.perf_counter()
    from farewell.anonymize import gold
    from farewell.anonymize.text import morph
    from farewell.anonymize.text.pipeline import analyze

    import_time = time.perf_counter() - started
    documents = gold.load()
    first_call, warm_call = {}, {}
    for language in LANGUAGES:  # the first call loads lingua, natasha, spaCy, pymorphy3 and the lexicons
        document = next(d for d in documents if d.language == language)
        started = time.perf_counter()
        analyze(document.text)
        first_call[language] = time.perf_counter() - started
        started = time.perf_counter()
        analyze(document.text)
        warm_call[language] = time.perf_counter() - started
    extra = {x: max(0.0, first_call[x] - warm_call[x]) for x in LANGUAGES}  # what loading added to the first call
    loading = import_time + sum(extra.values())
    rss_loaded = peak_rss_mb()

    corpus, size = [], 0
    while size < args.chars:
        corpus += documents
        size += sum(len(d.text) for d in documents)
    copies = len(corpus) // len(documents)
    print(
        f"gold set: {len(documents)} documents, {sum(len(d.text) for d in documents):,} characters "
        f"({', '.join(f'{x} {sum(len(d.text) for d in documents if d.language == x):,}' for x in LANGUAGES)}); "
        f"repeated {copies} times = {size:,} characters per run"
    )
    print(
        f"model loading: {loading:.1f} s (imports {import_time:.1f} s; first analyze() minus a warm one: "
        + ", ".join(f"{x} {extra[x]:.1f} s" for x in LANGUAGES)
        + ")"
    )
    print()
    runs = []
    for run in range(args.runs):
        morph.parses.cache_clear()
        morph.lemma.cache_clear()
        wall, cpu, chars = Counter(), Counter(), Counter()
        for index, document in enumerate(corpus):
            keys = ("all", document.language) + (("first pass",) if index < len(documents) else ())
            started_wall, started_cpu = time.perf_counter(), time.process_time()
            analyze(document.text)
            elapsed_wall, elapsed_cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
            for key in keys:
                wall[key] += elapsed_wall
                cpu[key] += elapsed_cpu
                chars[key] += len(document.text)
        runs.append((wall, cpu, chars))
        print(
            f"run {run + 1}: {chars['all']:,} characters in {wall['all']:.2f} s wall, {cpu['all']:.2f} s CPU: "
            f"{chars['all'] / wall['all']:,.0f} chars/s wall, {chars['all'] / cpu['all']:,.0f} chars/s CPU"
        )
    print()
    header = f"{'texts':11} {'chars/run':>10} {'chars/s wall':>13} {'chars/s CPU':>12} {'ms/1000 chars':>14}  target"
    print(header)
    print("-" * len(header))
    for key in ("all", *LANGUAGES, "first pass"):
        per_wall = statistics.median(chars[key] / wall[key] for wall, cpu, chars in runs)
        per_cpu = statistics.median(chars[key] / cpu[key] for wall, cpu, chars in runs)
        verdict = "ok" if per_cpu >= TARGET else "BELOW"
        print(
            f"{key:11} {runs[0][2][key]:10,} {per_wall:13,.0f} {per_cpu:12,.0f} {1_000_000 / per_cpu:14.1f}  {verdict}"
        )
    print()
    print(f"median of {args.runs} runs; target >= {TARGET:,} chars/s per core (judged on CPU time)")
    print(
        f"peak RSS: {peak_rss_mb():,.0f} MB (interpreter {rss_start:,.0f} MB, after loading the models "
        f"{rss_loaded:,.0f} MB)"
    )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
