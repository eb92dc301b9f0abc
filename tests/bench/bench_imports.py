"""How quickly 100,000 people and 100,000 bank statement lines are checked and imported.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_imports.py [--rows N] [--profile]

Makes a new, empty club in a temporary folder and two files of N rows (100,000 unless
told): people with kinds, phone, email, date joined and an emergency contact; and a
statement with a date, description and amount on each line. Then measures, once each
(every step takes seconds; noise matters less than at milliseconds):
  - people: reading the file, the preview (plan_import), and the import
    (apply_import: the file checked again, then everyone saved), each in seconds and
    rows a second; the same with a progress function listening (what the window does);
    and, for comparison, 5,000 people saved one at a time through the member form's
    save_person, as the import did before (the hot spot: over two minutes for 100,000);
  - bank lines: reading the file (read_table), the preview, and the import;
  - on the screen's thread, what is left there after a big preview has been checked in
    the background: showing it (the bank's table of every line, the people's list).
Each import runs in a transaction that is rolled back, so each starts from the same
empty club. Prints figures; asserts nothing (figures, not pass or fail). With --profile
it also prints where the time of each import goes (cProfile, the 15 most costly calls).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, for clubapp

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def say(what: str, seconds: float, rows: int, extra: str = "") -> None:
    rate = rows / seconds if seconds else float("inf")
    words = f"{what}: {seconds:.2f} s, {rate:,.0f} rows a second"
    print(words + (f"; {extra}" if extra else ""))


def profile(what: str, fn: Callable[[], object]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    print(f"\n--- where the time of {what} goes ---")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(15)


def people_csv(count: int) -> bytes:
    lines = ["Full name,Known as,Kinds,Phone,Email,Joined,Emergency contact,Emergency phone"]
    lines += [
        f"Person {i:06d},P{i},Carer; Volunteer,07700 {i:06d},p{i}@example.org,"
        f"03/04/2025,Kin {i},01632 {i:06d}"
        for i in range(count)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def statement_csv(count: int) -> bytes:
    start = date(2026, 4, 1)
    lines = ["Date,Description,Amount,Balance"]
    lines += [
        f"{(start + timedelta(days=i % 360)).strftime('%d/%m/%Y')},Line {i} shop,"
        f"{'-' if i % 3 else ''}{(i % 5000) / 100 + 1:.2f},{i}.00"
        for i in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    from clubapp.db import migrate
    from clubapp.db.database import open_database
    from clubapp.services import bank_import, books, members, members_transfer, users
    from clubapp.services.bank_formats import BankFormat, ColumnMap, read_table
    from clubapp.services.members_csv import parse_members_csv

    args = sys.argv[1:]
    rows = int(args[args.index("--rows") + 1]) if "--rows" in args else 100_000
    profiling = "--profile" in args
    folder = Path(tempfile.mkdtemp(prefix="clubapp-bench-imports-"))
    path = folder / "club.sqlite3"
    migrate.upgrade(path)
    db = open_database(path)
    coordinator = db.run(users.set_up_club, "Bench Club", "Sam Taylor", "correct horse battery")

    def rolled_back(fn: Callable[..., T], *a: object) -> T:
        with db.sessions() as session:
            session.begin()
            try:
                return fn(session, *a)
            finally:
                session.rollback()

    calls: list[int] = []

    def listening(done: int, total: int) -> bool:
        calls.append(done)
        return True

    # ---------------------------------------------------------------- people
    people = people_csv(rows)
    print(f"People: {rows:,} rows, {len(people) / 1e6:.1f} MB")
    seconds, _ = timed(lambda: parse_members_csv(people))
    say("  reading the file (parse_members_csv)", seconds, rows)
    seconds, plan = timed(lambda: rolled_back(members_transfer.plan_import, coordinator, people))
    assert plan.ok and len(plan.new) == rows, plan.problems[:3]
    say("  the preview (plan_import)", seconds, rows)
    seconds, plan = timed(lambda: rolled_back(members_transfer.apply_import, coordinator, people))
    say("  the import (apply_import: checked again, then saved)", seconds, rows)
    seconds, plan = timed(
        lambda: rolled_back(
            members_transfer.apply_import, coordinator, people, listening, listening
        )
    )
    say(
        "  the same, with a progress function listening",
        seconds,
        rows,
        f"{len(calls):,} calls to it",
    )
    few = min(rows, 5_000)
    inputs = [members_transfer._input_for(row) for row in plan.new[:few]]

    def one_by_one(session):  # type: ignore[no-untyped-def]
        for data in inputs:
            members.save_person(session, coordinator, data)

    seconds, _ = timed(lambda: rolled_back(one_by_one))
    say(
        f"  for comparison, {few:,} people saved one at a time (save_person, as before)",
        seconds,
        few,
        f"{seconds * rows / few:.0f} s for {rows:,} at that rate",
    )
    if profiling:
        profile(
            "the people import",
            lambda: rolled_back(members_transfer.apply_import, coordinator, people),
        )

    # ---------------------------------------------------------------- bank lines
    statement = statement_csv(rows)
    print(f"\nBank statement: {rows:,} lines, {len(statement) / 1e6:.1f} MB")
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, coordinator)}
    fmt = BankFormat(
        "Bench",
        ColumnMap(date="Date", description="Description", amount="Amount", balance="Balance"),
        accounts["Bank current account"],
    )
    seconds, table = timed(lambda: read_table(statement))
    say("  reading the file (read_table)", seconds, rows)
    seconds, bank_plan = timed(
        lambda: rolled_back(bank_import.plan_import, coordinator, table, fmt)
    )
    assert bank_plan.ok and len(bank_plan.new) == rows, bank_plan.problems[:3]
    say("  the preview (plan_import)", seconds, rows)
    seconds, _ = timed(lambda: rolled_back(bank_import.apply_import, coordinator, table, fmt))
    say("  the import (apply_import: checked again, then saved)", seconds, rows)
    if profiling:
        profile(
            "the bank import",
            lambda: rolled_back(bank_import.apply_import, coordinator, table, fmt),
        )

    # ---------------------------------------------------------------- on the screen
    from PySide6.QtWidgets import QApplication
    from quiet import drop_offscreen_noise  # beside this script

    drop_offscreen_noise()
    app = QApplication.instance() or QApplication([])
    from clubapp.ui import theme
    from clubapp.ui.context import AppContext
    from clubapp.ui.dialogs.bank_import import BankImportDialog
    from clubapp.ui.dialogs.members_import import MembersImportDialog

    theme.load_fonts()
    theme.apply_theme(app, 1.0)  # type: ignore[arg-type]
    ctx = AppContext(db, coordinator)
    print("\nOn the screen's thread, once a preview has been checked in the background")
    bank_window = BankImportDialog(ctx)
    bank_window.resize(1280, 720)
    bank_window.show()
    seconds, _ = timed(lambda: (bank_window._show_plan(bank_plan), app.processEvents()))
    say("  the bank preview: every line in the table", seconds, rows)
    people_window = MembersImportDialog(ctx)
    people_window.show()
    seconds, _ = timed(lambda: (people_window._show_plan(plan), app.processEvents()))
    say("  the people preview: the first 200 listed", seconds, rows)
    db.close()


if __name__ == "__main__":
    main()
