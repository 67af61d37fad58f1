"""Archive search latency on 100,000 testimonies, on SQLite (FTS5) and PostgreSQL (GIN).

Run: .venv/bin/python bench/archive_search.py [--count 100000] [--runs 3] [--repeats 5]
     [--sqlite-dir /tmp/farewell-archive-100k]
     [--postgres postgres://postgres@127.0.0.1:5432/farewell_bench] [--keep]

Loads the same seeded testimonies (bench/archive_data.py) into a SQLite data dir and into a
scratch PostgreSQL database (created with createdb, dropped at the end unless --keep), timing each
load, unless they already hold --count testimonies. Then, in a fresh process per backend and run,
it answers ~30 readers' queries as the search view does — Query.parse, search() on the filtered
queryset, a Paginator over browse.listed() (its count and the first page of 20, themes
prefetched) and a snippet per result — --repeats times each, round-robin, after one warm-up
pass, and reports the p50 and p95 of the per-query wall times (time.perf_counter) per backend,
medians over the runs. It also checks that both backends give exactly the same testimonies, in
the same order, for every query.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive_data  # noqa: E402

DEFAULT_DIR = Path("/tmp/farewell-archive-100k")
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/farewell_bench"

# (words, filter): single inflected words, two-word queries, rare and very common words, a word
# no testimony holds, and a few with the search form's filters.
QUERIES: list[tuple[str, dict]] = [
    ("дезертиров", {}),
    ("дезертир", {}),
    ("дезертирами", {}),
    ("мобилизация", {}),
    ("мобилизовали", {}),
    ("плен", {}),
    ("в плену", {}),
    ("граница", {}),
    ("границу", {}),
    ("повестки", {}),
    ("военкомата", {}),
    ("госпиталь", {}),
    ("отказников", {}),
    ("дезертиров граница", {}),
    ("плен подвал", {}),
    ("мобилизация повестка военкомат", {}),
    ("Чебаркуль", {}),  # rare: a few testimonies
    ("и", {}),  # the most common Russian word
    ("каракатица", {}),  # in no testimony
    ("deserted", {}),
    ("deserters", {}),
    ("soldiers", {}),
    ("captivity", {}),
    ("deserters border", {}),
    ("Chebarkul", {}),
    ("the", {}),  # the most common English word
    ("déserteurs", {}),
    ("soldats", {}),
    ("frontière", {}),
    ("deserteurs frontiere", {}),  # typed without accents
    ("Tchebarkoul", {}),
    ("дезертиров", {"theme": "desertion"}),
    ("soldiers", {"language": "en"}),
    ("плен", {"year": 2024}),
]


def label(text: str, which: dict) -> str:
    return text + "".join(f" [{key}={value}]" for key, value in which.items())


def measure(repeats: int) -> dict:
    """In a process whose Django is set up: timings and result ids of every query."""
    from django.conf import settings
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import RequestFactory
    from django.urls import set_urlconf
    from django.utils import translation

    from farewell.archive import browse, views
    from farewell.archive.models import Testimony
    from farewell.archive.search.lemmas import latin_languages
    from farewell.archive.search.query import Query, search, snippet
    from farewell.web.sites import ARCHIVE

    def run(text: str, which: dict) -> tuple[int, list[str]]:
        """What search_view does for one query, without the form and the template."""
        query = Query.parse(text)
        queryset = browse.Filter(**which).apply(Testimony.objects.all())
        queryset = search(queryset, query)
        paginator = Paginator(browse.listed(queryset), settings.FAREWELL_ARCHIVE_PAGE_SIZE)
        page = paginator.get_page(1)  # counts: the paginator checks the page number
        marks = query.highlighter()
        results = [
            (
                t,
                snippet(t.title, marks, latin_languages(t.language), words=None),
                snippet(t.body, marks, latin_languages(t.language)),
                t.theme_slugs,  # what the template shows of each (prefetched)
            )
            for t in page.object_list
        ]
        return paginator.count, [t.public_id for t, *_ in results]

    factory = RequestFactory()

    def view(text: str, which: dict) -> None:
        """The view itself, template included (the page cache, a middleware, is not in the way)."""
        request = factory.get("/search/", {"q": text, **which})
        request.site, request.LANGUAGE_CODE = ARCHIVE, "ru"
        response = views.search_view(request)
        if response.status_code != 200:
            raise RuntimeError(f"{text}: {response.status_code}")

    set_urlconf(ARCHIVE.urlconf)
    translation.activate("ru")
    out: dict = {"vendor": connection.vendor, "total": Testimony.objects.count(), "queries": {}}
    for text, which in QUERIES:  # warm-up: the morphology dictionary, the database's caches
        run(text, which)
        view(text, which)
    samples: dict[str, list[float]] = {label(t, w): [] for t, w in QUERIES}
    rendered: dict[str, list[float]] = {label(t, w): [] for t, w in QUERIES}
    for _ in range(repeats):
        for text, which in QUERIES:
            started = time.perf_counter()
            run(text, which)
            samples[label(text, which)].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            view(text, which)
            rendered[label(text, which)].append((time.perf_counter() - started) * 1000)
    for text, which in QUERIES:
        queryset = search(browse.Filter(**which).apply(Testimony.objects.all()), Query.parse(text))
        ids = list(browse.listed(queryset).values_list("public_id", flat=True))
        out["queries"][label(text, which)] = {
            "ms": samples[label(text, which)],
            "view_ms": rendered[label(text, which)],
            "count": len(ids),
            "ids": ids,
        }
    return out


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def testimonies_in(data_dir: Path, database_url: str | None) -> int:
    code = "from farewell.archive.models import Testimony; print(Testimony.objects.count())"
    done = subprocess.run(
        [str(Path(sys.executable).with_name("farewell")), "shell", "-c", code],
        env=archive_data.environment(data_dir, database_url),
        capture_output=True,
        text=True,
    )
    last = done.stdout.strip().splitlines()[-1:] if done.returncode == 0 else []
    return int(last[0]) if last and last[0].isdigit() else -1


def load(data_dir: Path, database_url: str | None, count: int) -> float:
    """Fills a fresh data dir (and database); returns the loader's own time for the testimonies."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    command = [sys.executable, str(Path(__file__).with_name("archive_data.py")), "--data-dir", str(data_dir)]
    command += ["--count", str(count)] + (["--database-url", database_url] if database_url else [])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"loading failed:\n{done.stderr[-3000:]}")
    print("\n".join(done.stdout.strip().splitlines()[-7:]), flush=True)
    return float(re.search(r"loaded \d+ testimonies in ([\d.]+) s", done.stdout).group(1))


def postgres_admin(url: str, *args: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    subprocess.run(
        [*args, "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username, parts.path.lstrip("/")],
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5, help="times each query is timed per run")
    parser.add_argument("--sqlite-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="URL of a scratch database ('' to skip)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    parser.add_argument("--reload", nargs="*", choices=["SQLite", "PostgreSQL"], help="load these again anyway")
    parser.add_argument("--json", type=Path, help="write every run's figures there")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child's mode
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        archive_data.setup_django(args.data_dir, args.database_url)
        print(json.dumps(measure(args.repeats)))
        return

    backends = {"SQLite": (args.sqlite_dir, None)}
    if args.postgres:
        backends["PostgreSQL"] = (args.sqlite_dir.with_name(args.sqlite_dir.name + "-pg"), args.postgres)
    loads: dict[str, float] = {}
    for name, (data_dir, url) in backends.items():
        if name not in (args.reload or []) and testimonies_in(data_dir, url) == args.count:
            print(f"{name}: {args.count} testimonies already loaded", flush=True)
            continue
        if url:
            postgres_admin(url, "dropdb", "--if-exists")
            postgres_admin(url, "createdb")
        loads[name] = load(data_dir, url, args.count)
        print(f"{name}: loaded {args.count} in {loads[name]:.0f} s", flush=True)

    runs: dict[str, list[dict]] = {name: [] for name in backends}
    try:
        for run in range(args.runs):
            for name, (data_dir, url) in backends.items():
                command = [sys.executable, __file__, "--measure", "--data-dir", str(data_dir)]
                command += ["--repeats", str(args.repeats)] + (["--database-url", url] if url else [])
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode:
                    sys.exit(f"{name}: the measuring process failed:\n{done.stderr[-3000:]}")
                result = json.loads(done.stdout.strip().splitlines()[-1])
                runs[name].append(result)
                every = [ms for q in result["queries"].values() for ms in q["ms"]]
                viewed = [ms for q in result["queries"].values() for ms in q["view_ms"]]
                print(
                    f"run {run + 1} {name:10}: p50 {percentile(every, 0.5):6.1f} ms  "
                    f"p95 {percentile(every, 0.95):6.1f} ms  max {max(every):6.1f} ms; the whole view "
                    f"p50 {percentile(viewed, 0.5):6.1f} ms  p95 {percentile(viewed, 0.95):6.1f} ms",
                    flush=True,
                )
    finally:
        if args.postgres and not args.keep:
            postgres_admin(args.postgres, "dropdb", "--if-exists")
            shutil.rmtree(backends["PostgreSQL"][0], ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps({"loads": loads, "runs": runs}))

    names = list(backends)
    print(f"\n| query | matches | {' | '.join(f'{n} median' for n in names)} |")
    print("|---|---|" + "---|" * len(names))
    for text, which in QUERIES:
        key = label(text, which)
        cells = [f"{statistics.median(ms for r in runs[n] for ms in r['queries'][key]['ms']):.1f} ms" for n in names]
        print(f"| {key} | {runs[names[0]][0]['queries'][key]['count']:,} | {' | '.join(cells)} |")

    print("\n| backend | p50 | p95 | max | p95 of the runs | whole view p50 / p95 | load (testimonies/s) |")
    print("|---|---|---|---|---|---|---|")
    for name in names:
        p50s, p95s, tops, v50s, v95s = [], [], [], [], []
        for result in runs[name]:
            every = [ms for q in result["queries"].values() for ms in q["ms"]]
            viewed = [ms for q in result["queries"].values() for ms in q["view_ms"]]
            p50s.append(percentile(every, 0.5))
            p95s.append(percentile(every, 0.95))
            tops.append(max(every))
            v50s.append(percentile(viewed, 0.5))
            v95s.append(percentile(viewed, 0.95))
        loaded = f"{loads[name]:.0f} s ({args.count / loads[name]:,.0f}/s)" if name in loads else "(loaded before)"
        print(
            f"| {name} | {statistics.median(p50s):.1f} ms | {statistics.median(p95s):.1f} ms | "
            f"{statistics.median(tops):.1f} ms | {', '.join(f'{x:.1f}' for x in p95s)} | "
            f"{statistics.median(v50s):.1f} / {statistics.median(v95s):.1f} ms | {loaded} |"
        )

    if len(names) == 2:
        first, second = (runs[n][0]["queries"] for n in names)
        differences = [key for key in first if first[key]["ids"] != second[key]["ids"]]
        for key in differences:
            a, b = set(first[key]["ids"]), set(second[key]["ids"])
            print(
                f"DIFFERENT RESULTS for {key!r}: {names[0]} {len(a)}, {names[1]} {len(b)}, "
                f"only {names[0]}: {sorted(a - b)[:5]}, only {names[1]}: {sorted(b - a)[:5]}"
                + (", same set in another order" if a == b else "")
            )
        if not differences:
            print(f"\nBoth backends return the same testimonies, in the same order, for all {len(first)} queries.")


if __name__ == "__main__":
    main()
