"""The `farewell` program: Django's management commands without manage.py or settings variables."""

from __future__ import annotations

import os
import sys

# The NLP models do many small matrix products: OpenBLAS's thread pool spins on them and costs
# 2–3× the CPU (measured, docs/benchmarks.md). One thread per process; processes scale instead.
SINGLE_THREADED_MATH = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main(argv: list[str] | None = None) -> None:
    for variable in SINGLE_THREADED_MATH:
        os.environ.setdefault(variable, "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "farewell.settings")
    from django.core.management import execute_from_command_line

    from farewell.env import ConfigError

    args = list(sys.argv if argv is None else ["farewell", *argv])
    args[0] = "farewell"
    try:
        execute_from_command_line(args)
    except ConfigError as exc:
        sys.exit(f"farewell: configuration error: {exc}")


if __name__ == "__main__":
    main()
