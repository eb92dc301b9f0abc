"""How quickly the treasurer's printouts and the cash book screen come, on the large demo.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_accounts.py [--profile]

Builds the large demo club (5,000 people; ten years of books, about 5,000 lines a year)
in a temporary folder, or reuses the one an earlier run built today from the same demo
code. Then, for the busiest full year, measures:
  - the printed accounts: the receipts and payments account and the statement of
    assets and liabilities (target <= 1 s), in pounds and pence and to the nearest pound;
  - the year's cash book, every money account (target <= 3 s), and the bank's alone;
  - opening the cash book screen for the bank account and that year, until it has been
    painted (target <= 150 ms), and the same screen for this year so far.
Prints medians and ranges; asserts nothing (figures, not pass or fail). With --profile
it also prints where the time of each goes (cProfile, the 15 most costly calls).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from large_demo import cached_demo  # beside this script

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNS = 5


def timed(fn: Callable[[], object], runs: int) -> tuple[list[float], object]:
    """Seconds for each of ``runs`` calls, and what the last one gave."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


def say(what: str, times: list[float], target_ms: float | None = None, extra: str = "") -> None:
    ms = [t * 1000 for t in times]
    words = f"{what} (median of {len(ms)}): {statistics.median(ms):.0f} ms"
    if len(ms) > 1:
        words += f" (range {min(ms):.0f}–{max(ms):.0f})"
    if target_ms is not None:
        ratio = statistics.median(ms) / target_ms
        words += f"; target <= {target_ms:.0f} ms, {ratio:.2f} of it"
    print(words + (f"; {extra}" if extra else ""))


def profile(what: str, fn: Callable[[], object]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    print(f"\n--- where the time of {what} goes ---")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(15)


def main() -> None:
    from sqlalchemy import func, select

    from clubapp.db.database import open_database
    from clubapp.models.accounts import MoneyAccount, MoneyEntry
    from clubapp.models.users import User
    from clubapp.services import accounts_printouts, books, years
    from clubapp.services.permissions import Actor

    profiling = "--profile" in sys.argv[1:]
    today = date.today()  # the demo's votes need their meetings in the past
    db = open_database(cached_demo(today))

    with db.transaction() as s:
        user_id = s.scalar(select(User.id).where(User.display_name == "Pat Green"))
        treasurer = Actor(user_id or 1, "Pat Green", "treasurer")
        bank = s.scalar(select(MoneyAccount.id).where(MoneyAccount.kind == "current"))
        current = years.year_of(s, today)
        full, year = [], years.first_year(s, today)
        while year.starts < current.starts:
            count = s.scalar(
                select(func.count())
                .select_from(MoneyEntry)
                .where(MoneyEntry.on >= year.starts, MoneyEntry.on <= year.ends)
            )
            full.append((count or 0, year))
            year = year.next()
        closed = len(years.closed_years(s))
        everything = s.scalar(select(func.count()).select_from(MoneyEntry))
    assert bank is not None and full, "the large demo has no books"
    lines, busiest = max(full, key=lambda pair: pair[0])
    print(
        f"books: {everything:,} lines over {len(full)} full years and this one, "
        f"{closed} years closed; the busiest full year is {busiest.name} with {lines:,} lines"
    )

    def accounts(nearest_pound: bool = False) -> bytes:
        return db.run(
            accounts_printouts.accounts_pdf, treasurer, busiest, nearest_pound, today=today
        )

    def cash_book(account_id: int | None = None) -> bytes:
        return db.run(accounts_printouts.cashbook_pdf, treasurer, busiest, account_id, today=today)

    first, _ = timed(accounts, 1)
    say("printed accounts, the first time (ReportLab and fonts loading)", first)
    times, pdf = timed(accounts, RUNS)
    assert isinstance(pdf, bytes)
    say(f"printed accounts for {busiest.name}", times, 1000, f"{len(pdf) / 1024:.0f} KB")
    times, _ = timed(lambda: accounts(True), RUNS)
    say("the same to the nearest pound", times, 1000)

    times, pdf = timed(cash_book, 3)
    assert isinstance(pdf, bytes)
    say(
        f"printed cash book for {busiest.name}, every account",
        times,
        3000,
        f"{len(pdf) / 1024:.0f} KB",
    )
    times, pdf = timed(lambda: cash_book(bank), 3)
    assert isinstance(pdf, bytes)
    say("printed cash book, the bank account alone", times, 3000, f"{len(pdf) / 1024:.0f} KB")
    times, book = timed(
        lambda: db.run(books.cash_book, treasurer, bank, busiest.starts, busiest.ends), RUNS
    )
    assert isinstance(book, books.CashBook)
    say(f"of which reading the bank's {len(book.lines):,} lines (books.cash_book)", times)

    open_screens(db, treasurer, bank, busiest, today, profiling)
    if profiling:
        profile("the printed accounts", accounts)
        profile("the printed cash book", cash_book)
    db.close()


def open_screens(db, treasurer, bank: int, year, today: date, profiling: bool) -> None:  # type: ignore[no-untyped-def]
    """Open the cash book screen in a 1280 by 720 window, as the treasurer does from the
    Money room."""
    from PySide6.QtWidgets import QApplication

    from clubapp.app import make_application
    from clubapp.ui.context import AppContext
    from clubapp.ui.page_stack import PageStack
    from clubapp.ui.pages.accounts_cashbook import CashBookPage
    from clubapp.ui.pages.accounts_entry import remember_account
    from clubapp.ui.pages.base import Page

    sys.path.insert(0, str(Path(__file__).parent))
    from quiet import drop_offscreen_noise  # beside this script

    app = make_application()
    drop_offscreen_noise()

    def window(day: date) -> tuple[AppContext, PageStack]:
        # "Today" on the last day of the year makes the screen open on that year.
        ctx = AppContext(db, treasurer, today=lambda: day)
        stack = PageStack(ctx)
        stack.resize(1280, 720)
        stack.open_room(Page(ctx))
        stack.show()
        QApplication.processEvents()
        remember_account(ctx, bank)  # the bank, as the treasurer last chose it
        return ctx, stack

    def open_once(ctx: AppContext, stack: PageStack) -> CashBookPage:
        page = CashBookPage(ctx)
        stack.push(page)
        stack.repaint()
        QApplication.processEvents()
        return page

    def measure(day: date) -> tuple[list[float], int]:
        ctx, stack = window(day)
        times, shown = [], 0
        for _ in range(RUNS + 1):  # the first builds fonts and styles once
            started = time.perf_counter()
            page = open_once(ctx, stack)
            times.append(time.perf_counter() - started)
            shown = page.model.rowCount()
            stack.back()
            QApplication.processEvents()
        stack.close()
        return times[1:], shown

    times, shown = measure(year.ends)
    say(f"open the cash book screen, bank, {year.name} ({shown:,} lines), painted", times, 150)
    times, shown = measure(today)
    say(f"open the cash book screen, bank, this year so far ({shown:,} lines)", times, 150)

    if profiling:
        ctx, stack = window(year.ends)
        open_once(ctx, stack)
        stack.back()
        profile("opening the cash book screen", lambda: open_once(ctx, stack))
        stack.close()
    app.processEvents()


if __name__ == "__main__":
    main()
