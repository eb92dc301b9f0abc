"""How long subject access and erasure take on the large demo club.

    .venv/bin/python tests/bench/bench_privacy.py

Builds (or reuses) the large demo club and works on copies of it. For the person linked
to the most tables, and for one with little: gathering everything about them (every link
followed, every text searched for their name), the JSON, the large-print PDF; then
erasing them on a fresh copy each time, compaction included, and the file's size before
and after. Prints medians and ranges; asserts nothing.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from large_demo import cached_demo  # beside this script

RUNS = 5


def timed(fn: Callable[[], object], runs: int = RUNS) -> tuple[list[float], object]:
    result = fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


def show(label: str, times: list[float]) -> None:
    ms = [t * 1000 for t in times]
    print(f"  {label:<44} median {statistics.median(ms):8.1f} ms  ({min(ms):.1f}-{max(ms):.1f})")


def people_by_links(db) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """(person, how many linked tables hold them), most first."""
    from sqlalchemy import func, select

    from clubapp.models import all_metadata

    scores: Counter[int] = Counter()
    with db.transaction() as s:
        for table in all_metadata().sorted_tables:
            for column in table.columns:
                if any(fk.column.table.name == "people" for fk in column.foreign_keys):
                    for pid, _n in s.execute(select(column, func.count()).group_by(column)):
                        if pid:
                            scores[pid] += 1
    return scores.most_common()


def main() -> None:
    from clubapp.db.database import open_database
    from clubapp.printing.subject_access import subject_access_pdf
    from clubapp.services import erasure, subject_access
    from clubapp.services.permissions import COMMAND_LINE

    today = date(2026, 11, 18)
    work = Path(tempfile.mkdtemp(prefix="bench-privacy-"))
    # Our own copy: another benchmark may replace the cached one meanwhile.
    source = work / "source.sqlite3"
    shutil.copyfile(cached_demo(today), source)
    copy = work / "club.sqlite3"
    shutil.copyfile(source, copy)
    db = open_database(copy)
    ranked = people_by_links(db)
    rich, little = ranked[0][0], ranked[-1][0]
    print(
        f"large demo: {len(ranked):,} people linked to something; file {copy.stat().st_size:,} bytes"
    )
    for label, pid in (("most linked", rich), ("least linked", little)):
        times, result = timed(
            lambda pid=pid: db.run(subject_access.everything_about, COMMAND_LINE, pid)
        )
        records = sum(section.count for section in result.sections)  # type: ignore[attr-defined]
        print(f"{label} (person {pid}): {records:,} records in {len(result.tables)} tables")  # type: ignore[attr-defined]
        show("everything_about", times)
        show("to_json", timed(lambda r=result: subject_access.to_json(r))[0])
        pdf_times, pdf = timed(lambda r=result: subject_access_pdf(r, today), runs=2)
        show(f"PDF ({len(pdf):,} bytes)", pdf_times)  # type: ignore[arg-type]
    db.close()

    for label, pid in (("most linked", rich), ("least linked", little)):
        times = []
        for run in range(3):
            fresh = work / f"erase-{pid}-{run}.sqlite3"
            shutil.copyfile(source, fresh)
            before = fresh.stat().st_size
            erase_db = open_database(fresh)
            started = time.perf_counter()
            erase_db.run(erasure.erase_person, COMMAND_LINE, pid)
            times.append(time.perf_counter() - started)
            erase_db.close()
            after = fresh.stat().st_size
            fresh.unlink()
        show(f"erase_person, {label}, compaction included", times)
        print(f"  file {before:,} -> {after:,} bytes after compaction")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
