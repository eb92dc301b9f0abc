"""What checking the club's file at every start costs, on the large demo.

    .venv/bin/python tests/bench/bench_faults.py

Builds the large demo club (5,000 people, ten years of books), or reuses the one an
earlier benchmark built today. Then measures, with the file in the operating system's
cache (a second start) and once on a fresh copy (closer to the first start of the day):
  - PRAGMA quick_check (done at every start by open_database);
  - PRAGMA integrity_check (done on backups, and by `clubapp db check`);
  - open_database with and without the check.
Prints medians and ranges; asserts nothing (figures, not pass or fail).
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from large_demo import cached_demo  # beside this script

RUNS = 7


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def say(label: str, times: list[float]) -> None:
    ms = [t * 1000 for t in times]
    print(f"{label:<44} median {statistics.median(ms):7.1f} ms  ({min(ms):.1f}-{max(ms):.1f})")


def pragma(path: Path, name: str) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute(f"PRAGMA {name}").fetchall()
    finally:
        conn.close()
    assert result == [("ok",)], result


def main() -> None:
    from clubapp.db.access import quick_check
    from clubapp.db.database import open_database

    path = cached_demo(date.today())
    print(f"large demo: {path.stat().st_size / 1_000_000:.1f} MB")
    folder = Path(tempfile.mkdtemp(prefix="clubapp-bench-faults-"))
    try:
        fresh = folder / "fresh.sqlite3"
        shutil.copyfile(path, fresh)  # just written: likely still cached, but not yet read
        say("quick_check, first read of a fresh copy", timed(lambda: quick_check(fresh), 1))
        say("quick_check (at every start)", timed(lambda: quick_check(path)))
        say("integrity_check (backups, db check)", timed(lambda: pragma(path, "integrity_check")))

        def open_and_close(check: bool) -> None:
            open_database(path, check=check).close()

        say("open_database with the check", timed(lambda: open_and_close(True)))
        say("open_database without the check", timed(lambda: open_and_close(False)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
