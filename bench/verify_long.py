"""The verification engine on one long account: the gold texts of case-01 repeated to the sizes
asked for, verified beside one short press article, once each in a process whose models are
already loaded. Shows whether the time grows linearly with the account's length.

Run: .venv/bin/python bench/verify_long.py [--sizes 160000 800000]
"""

from __future__ import annotations

import argparse

from farewell.testing.timing import timed
from farewell.verify import engine, evaluation
from farewell.verify.types import Account


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[160_000, 800_000], help="characters")
    options = parser.parse_args()
    case = evaluation.load(evaluation.GOLD / "case-01")
    engine.verify(case.accounts)  # loads the models
    text = "\n\n".join(account.text for account in case.accounts)
    print("| account length | verify s | µs per character |")
    print("|---|---|---|")
    for size in options.sizes:
        long = ("\n\n".join([text] * (size // len(text) + 1)))[:size]
        accounts = [Account("long.txt", long, "2023-09-12", "testimony"), case.accounts[3]]
        seconds = timed(lambda accounts=accounts: engine.verify(accounts))
        print(f"| {size:,} | {seconds:.1f} | {seconds / size * 1e6:.0f} |")


if __name__ == "__main__":
    main()
