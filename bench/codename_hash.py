"""Cost of checking a codename (one argon2id hash) and of key unwrapping, at the configured costs.

Run: .venv/bin/python bench/codename_hash.py [--runs 15]
Prints the median, min and max wall time of one codename lookup hash and one operator-secret
key derivation, and the hashes per second that the concurrency cap allows per process.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "farewell.settings")
os.environ.setdefault("FAREWELL_PEPPER", "bench-pepper-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("FAREWELL_DATA_DIR", "/tmp/farewell-bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from farewell.intake import codenames  # noqa: E402
from farewell.vault import crypto  # noqa: E402


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    median, low, high = (value * 1000 for value in (statistics.median(times), min(times), max(times)))
    print(f"{name}: median {median:.2f} ms (min {low:.2f}, max {high:.2f}, n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}")
    print(
        f"codename hash: argon2id (libsodium) t={settings.FAREWELL_CODENAME_HASH_TIME_COST} "
        f"m={settings.FAREWELL_CODENAME_HASH_MEMORY_KIB} KiB p=1, "
        f"{settings.FAREWELL_CODENAME_HASH_CONCURRENCY} at once per process"
    )
    codename = codenames.generate("ru")
    lookup = timed(lambda: codenames.lookup_id(codename), runs)
    report("codename lookup hash", lookup)
    per_process = settings.FAREWELL_CODENAME_HASH_CONCURRENCY / statistics.median(lookup)
    print(f"  ceiling: ~{per_process:.1f} codename checks/s per process (cores permitting)")
    cost = crypto.KdfCost(settings.FAREWELL_KDF_TIME_COST, settings.FAREWELL_KDF_MEMORY_KIB)
    report("operator-secret key derivation", timed(lambda: crypto.derive_key(b"secret", b"s" * 16, cost), runs))
    key = crypto.new_data_key()
    story = ("Слово " * 20_000).encode()
    report(
        "seal a 120 KB story (encrypt + 2 wraps)",
        timed(
            lambda: [crypto.encrypt(story, key, "p"), crypto.wrap_to_public_key(key, crypto.new_key_pair()[0])], runs
        ),
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak:.0f} MiB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
