"""Submissions and codename logins through a real `farewell demo` server (gunicorn, 2 workers).

Run: .venv/bin/python bench/intake_http.py [--requests 40] [--clients 1 4 8]
Each client: GET the form, POST a 5,000-character story, read the codename; then log in with it.
Reports throughput and latency percentiles of the POSTs. Client and server share the 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

from farewell.testing.pages import codename_on, hidden_fields
from farewell.testing.server import clean_environment, free_port, wait_until_up

STORY = ("Нас привезли на полигон, командир сказал, что обучения не будет. " * 80)[:5000]


def post(browser, url, fields) -> tuple[float, str]:
    start = time.perf_counter()
    with browser.open(url, urllib.parse.urlencode(fields).encode(), timeout=60) as response:
        body = response.read().decode()
    return time.perf_counter() - start, body


def one_submitter(base: str) -> tuple[float, float]:
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    form = browser.open(base + "/submit/testimony/", timeout=60).read().decode()
    submit_time, receipt = post(
        browser, base + "/submit/testimony/", {"story": STORY, "consent": "text", **hidden_fields(form)}
    )
    login_form = browser.open(base + "/submit/return/", timeout=60).read().decode()
    login_time, _ = post(
        browser, base + "/submit/return/", {"codename": codename_on(receipt), **hidden_fields(login_form)}
    )
    return submit_time, login_time


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# The server's capacity is measured, not its flood limits (intake/limits.py), which would refuse
# most of these submissions and returns with a "try again later" page: they are raised out of reach.
CAPACITY = {
    "FAREWELL_FLOOD_TESTIMONIES_PER_MINUTE": "100000",
    "FAREWELL_FLOOD_REPLIES_PER_MINUTE": "100000",
    "FAREWELL_FLOOD_CODENAME_CHECKS_PER_MINUTE": "100000",
    "FAREWELL_FLOOD_PER_SESSION_PER_HOUR": "100000",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=40, help="submitters per concurrency level")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 8])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "farewell.cli", "demo", "--port", str(port)],
            env={**clean_environment(Path(data)), **CAPACITY},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/", process, Path("/dev/null"))
            one_submitter(base)  # warm-up
            print("clients  submissions/s  submit p50  submit p95  login p50  login p95  (ms)")
            for clients in args.clients:
                start = time.perf_counter()
                with ThreadPoolExecutor(clients) as pool:
                    results = list(pool.map(lambda _: one_submitter(base), range(args.requests)))
                elapsed = time.perf_counter() - start
                submits = [r[0] * 1000 for r in results]
                logins = [r[1] * 1000 for r in results]
                print(
                    f"{clients:7d}  {len(results) / elapsed:13.1f}  {statistics.median(submits):10.0f}  "
                    f"{percentile(submits, 0.95):10.0f}  {statistics.median(logins):9.0f}  "
                    f"{percentile(logins, 0.95):9.0f}"
                )
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
