#!/usr/bin/env python3
"""How long ``manage.py bulk_import DIR --confirm`` holds SQLite's write lock: every write transaction timed.

Builds a throwaway SQLite database (in a temporary folder) with the demo
data, optionally imports ``--preload`` folders first (a bigger corpus makes
similar items dearer), then imports DIR (default corpus/buskerud) the way
``manage.py bulk_import DIR --organisation ks --confirm`` does, timing every transaction from
``BEGIN IMMEDIATE`` (the write lock, see settings) to its commit or rollback.
Prints the number of write transactions, the longest, the 95th percentile,
their sum and the whole import's wall time.

    .venv/bin/python benchmarks/import_write_lock.py
    .venv/bin/python benchmarks/import_write_lock.py corpus/buskerud --preload corpus/buskerud-train
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from demo_site import demo_site  # benchmarks/demo_site.py, beside this script
from machine import machine

ROOT = Path(__file__).resolve().parent.parent


class TransactionClock:
    """Wraps the SQLite backend's transaction start and end to time each write transaction."""

    def __init__(self) -> None:
        self.durations: list[float] = []
        self._started: float | None = None

    def install(self) -> None:
        from django.db.backends.sqlite3.base import DatabaseWrapper

        clock = self
        start, commit, rollback = (DatabaseWrapper._start_transaction_under_autocommit, DatabaseWrapper._commit,
                                   DatabaseWrapper._rollback)

        def timed_start(wrapper):
            start(wrapper)
            clock._started = time.perf_counter()

        def ended(original):
            def end(wrapper):
                try:
                    return original(wrapper)
                finally:
                    if clock._started is not None:
                        clock.durations.append(time.perf_counter() - clock._started)
                        clock._started = None
            return end

        DatabaseWrapper._start_transaction_under_autocommit = timed_start
        DatabaseWrapper._commit = ended(commit)
        DatabaseWrapper._rollback = ended(rollback)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "corpus" / "buskerud"))
    parser.add_argument("--preload", action="append", default=[], help="folder imported first (not timed)")
    args = parser.parse_args()

    with demo_site("veikart-import-lock-", test_client=False):
        from veikart.web.ops.bulk_import import import_folder
        from veikart.web.search.models import SimilarItem

        for folder in args.preload:
            import_folder(Path(folder), "ks", confirm=True, publish=True)
        clock = TransactionClock()
        clock.install()
        started = time.perf_counter()
        report = import_folder(Path(args.folder), "ks", confirm=True, publish=True)
        wall = time.perf_counter() - started
        d = sorted(clock.durations)
        print(f"machine: {machine()}")
        print(f"import of {args.folder} (publish): {report.summary().splitlines()[0]}; {wall:.2f} s in all; "
              f"{SimilarItem.objects.count()} similar-item rows")
        p95 = d[min(len(d) - 1, int(len(d) * 0.95))] if d else 0.0
        print(f"write transactions: {len(d)}, longest {d[-1] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
              f"median {statistics.median(d) * 1000:.1f} ms, sum {sum(d):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
