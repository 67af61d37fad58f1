"""The public archive through the real server: wrk against `farewell serve --site archive`.

Run: .venv/bin/python bench/archive_http.py [--data-dir /tmp/farewell-archive-10k] [--duration 30]
     [--connections 8 32 128] [--runs 3] [--workers N] [--threads N]

Loads 10,000 testimonies into the data dir's SQLite database first if it holds none
(bench/archive_data.py), starts the server there (its default workers and threads unless
--workers/--threads are given), warms the page cache, then runs
`wrk -t2 -cN -d30s --latency` against the home page, a testimony page and a search
(/search/?q=дезертиров) at each number of connections, --runs times, and prints the medians of
requests/s and of the p50 and p99 latencies as a Markdown table. wrk (Debian's package) shares the
machine's cores with the server. Each run waits until the machine is quiet and is done again if
other processes took more than --max-other of the CPU while it ran (their share is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive_data  # noqa: E402

from farewell.testing.server import free_port, wait_until_up  # noqa: E402

DEFAULT_DIR = Path("/tmp/farewell-archive-10k")
SEARCH = "/search/?q=" + urllib.parse.quote("дезертиров")
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def ensure_loaded(data_dir: Path, count: int) -> None:
    database = data_dir / "farewell.sqlite3"
    if database.is_file():
        with sqlite3.connect(database) as db:
            try:
                if db.execute("SELECT count(*) FROM archive_testimony").fetchone()[0] >= count:
                    return
            except sqlite3.OperationalError:
                pass
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("archive_data.py")), "--data-dir", str(data_dir)]
        + ["--count", str(count)],
        check=True,
    )


def a_testimony(data_dir: Path) -> str:
    """The public id of a testimony some way down the list (not on the home page)."""
    with sqlite3.connect(data_dir / "farewell.sqlite3") as db:
        row = db.execute(
            "SELECT public_id FROM archive_testimony ORDER BY published_on DESC, id DESC LIMIT 1 OFFSET 500"
        ).fetchone()
    return row[0]


def latency_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url: str, connections: int, duration: int, close: bool = False) -> dict:
    script = ["-H", "Connection: close"] if close else []
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s", *script, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": latency_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": 0,
    }
    if bad := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        result["errors"] += int(bad.group(1))
    if socket := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        result["errors"] += sum(int(n) for n in socket.groups())
    return result


def busy_ticks() -> int:
    """CPU time the whole machine spent busy so far, in clock ticks."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return user + nice + system + irq + softirq + steal


def group_ticks(group: int) -> int:
    """CPU time of the processes of one process group (the server's), in clock ticks."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total


def quiet(seconds: float = 3.0) -> float:
    """The share of the machine's CPU busy over a few seconds (the server being idle)."""
    before = busy_ticks()
    time.sleep(seconds)
    return (busy_ticks() - before) / (seconds * os.sysconf("SC_CLK_TCK") * os.cpu_count())


def measured(url: str, connections: int, duration: int, group: int, max_other: float, wait: float, close: bool) -> dict:
    """One wrk run on a quiet machine: waits until nothing else runs, and runs again if something
    else took more than max_other of the CPU during the run (other benchmarks, test suites)."""
    hz, cores = os.sysconf("SC_CLK_TCK"), os.cpu_count()
    for _attempt in range(5):
        deadline = time.monotonic() + wait
        while (load := quiet()) > max_other and time.monotonic() < deadline:
            print(f"  waiting: the machine is {load:.0%} busy", flush=True)
            time.sleep(20)
        busy, server, children = busy_ticks(), group_ticks(group), resource.getrusage(resource.RUSAGE_CHILDREN)
        figures = wrk(url, connections, duration, close)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        client = (after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime) * hz
        ours = group_ticks(group) - server + client
        figures["other"] = max(0.0, (busy_ticks() - busy - ours) / (duration * hz * cores))
        figures["server_cpu"] = (group_ticks(group) - server) / (duration * hz * cores)
        figures["wrk_cpu"] = client / (duration * hz * cores)
        if figures["other"] <= max_other:
            return figures
        print(f"  again: other processes took {figures['other']:.0%} of the CPU during that run", flush=True)
    return figures


def serve(data_dir: Path, port: int, workers: int | None, threads: int | None, cache: bool, log):
    extra = {} if cache else {"FAREWELL_ARCHIVE_CACHE_SECONDS": "0"}
    if workers:
        extra["FAREWELL_WEB_WORKERS"] = str(workers)
    if threads:
        extra["FAREWELL_WEB_THREADS"] = str(threads)
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("farewell")), "serve", "--site", "archive"]
        + ["--bind", f"127.0.0.1:{port}"],
        env=archive_data.environment(data_dir) | extra,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # one process group: the kill below reaches every worker
    )


def server_config(workers: int | None, threads: int | None) -> tuple[int, int]:
    """What the server runs with: the settings' defaults unless given."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'farewell.settings'\n"
            "from django.conf import settings\n"
            "print(settings.FAREWELL_WEB_WORKERS, settings.FAREWELL_WEB_THREADS)",
        ],
        env={k: v for k, v in os.environ.items() if not k.startswith("FAREWELL_WEB_")},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return workers or int(out[0]), threads or int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--count", type=int, default=10_000, help="testimonies to load if the dir has fewer")
    parser.add_argument("--duration", type=int, default=30, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, nargs="+", default=[8, 32, 128])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, help="FAREWELL_WEB_WORKERS (default: the server's)")
    parser.add_argument("--threads", type=int, help="FAREWELL_WEB_THREADS (default: the server's)")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["home", "testimony", "search"],
        help="pages to measure (default: all three)",
    )
    parser.add_argument("--json", type=Path, help="write every run's figures there")
    parser.add_argument(
        "--no-cache", action="store_true", help="FAREWELL_ARCHIVE_CACHE_SECONDS=0: every request renders its page"
    )
    parser.add_argument(
        "--close", action="store_true", help="a new connection per request (wrk -H 'Connection: close')"
    )
    parser.add_argument(
        "--max-other", type=float, default=0.08, help="share of the CPU other processes may take (else: wait, redo)"
    )
    parser.add_argument("--wait", type=float, default=1800, help="seconds to wait at most for a quiet machine")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    ensure_loaded(args.data_dir, args.count)
    pages = {"home": "/", "testimony": f"/t/{a_testimony(args.data_dir)}/", "search": SEARCH}
    pages = {name: path for name, path in pages.items() if name in (args.only or pages)}
    workers, threads = server_config(args.workers, args.threads)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = args.data_dir / "serve.log"
    with log_path.open("wb") as log:
        process = serve(args.data_dir, port, args.workers, args.threads, not args.no_cache, log)
        try:
            wait_until_up(base + "/", process, log_path)
            for _ in range(20):  # every worker process gets each page into its cache
                for path in pages.values():
                    with urllib.request.urlopen(base + path, timeout=30) as response:
                        response.read()
            how = "a new connection per request" if args.close else "keep-alive connections"
            how += ", page cache off" if args.no_cache else ""
            print(f"server: {workers} workers × {threads} threads; wrk -t2, {args.duration} s per run, {how}")
            results: dict[str, list[dict]] = {}
            for run in range(args.runs):
                for name, path in pages.items():
                    for connections in args.connections:
                        figures = measured(
                            base + path, connections, args.duration, process.pid, args.max_other, args.wait, args.close
                        )
                        results.setdefault(f"{name} {connections}", []).append(figures)
                        print(
                            f"run {run + 1} {name:9} c={connections:3}: {figures['rps']:7.0f} req/s  "
                            f"p50 {figures['p50']:6.1f} ms  p99 {figures['p99']:6.1f} ms  errors {figures['errors']}  "
                            f"cpu: server {figures['server_cpu']:.0%} wrk {figures['wrk_cpu']:.0%} "
                            f"other {figures['other']:.0%}",
                            flush=True,
                        )
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print()
    print(f"| page | connections | requests/s | p50 | p99 | requests/s of the {args.runs} runs |")
    print("|---|---|---|---|---|---|")
    for name, path in pages.items():
        for connections in args.connections:
            runs = results[f"{name} {connections}"]
            rps = [r["rps"] for r in runs]
            print(
                f"| {name} `{urllib.parse.unquote(path)}` | {connections} | "
                f"{statistics.median(rps):,.0f} | "
                f"{statistics.median(r['p50'] for r in runs):.1f} ms | "
                f"{statistics.median(r['p99'] for r in runs):.1f} ms | "
                f"{', '.join(f'{x:,.0f}' for x in rps)} |"
            )
    errors = sum(r["errors"] for runs in results.values() for r in runs)
    if errors:
        print(f"\n{errors} errors (non-2xx answers or socket errors)")


if __name__ == "__main__":
    main()
