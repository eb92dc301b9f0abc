"""How quickly the "Keeping data safe" room answers on the large demo club.

    .venv/bin/python tests/bench/bench_data_safety.py

Works on a copy of the large demo club (tests/bench/large_demo.py: 5,000 people), to
which it adds 2,000 people who left years ago and 2,000 consents due for review, and
fills the audit log with 50,000 more entries. Then measures:
  - the review list (target <= 200 ms);
  - the audit log's first page of 200, a page far back (the 100th), and a page filtered
    by area and person (target <= 100 ms each);
  - the room opening on its review part with 20 cards, and showing the audit log's 200
    rows in the real table (built and measured by Qt, offscreen).
Prints medians and ranges against the targets; asserts nothing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from large_demo import cached_demo  # beside this script

RUNS = 9


def timed(fn: Callable[[], object], runs: int = RUNS) -> tuple[list[float], object]:
    result = fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


def say(what: str, times: list[float], target_ms: float | None = None, extra: str = "") -> None:
    ms = [t * 1000 for t in times]
    words = f"{what} (median of {len(ms)}): {statistics.median(ms):.1f} ms"
    words += f" (range {min(ms):.1f}–{max(ms):.1f})"
    if target_ms is not None:
        words += f"; target <= {target_ms:.0f} ms, {statistics.median(ms) / target_ms:.2f} of it"
    print(words + (f"; {extra}" if extra else ""))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from sqlalchemy import insert, select

    from clubapp.db.database import open_database
    from clubapp.models.audit import AuditEntry
    from clubapp.models.members import ConsentRecord, Person
    from clubapp.models.users import User
    from clubapp.services import audit, data_review
    from clubapp.services.audit import AuditFilter
    from clubapp.services.permissions import Actor

    today = date.today()
    work = Path(tempfile.mkdtemp(prefix="clubapp-bench-")) / "large.sqlite3"
    shutil.copyfile(cached_demo(today), work)
    db = open_database(work)
    with db.transaction() as s:
        user = s.scalars(select(User).where(User.role == "coordinator")).first()
        assert user is not None
        coordinator = Actor(user.id, user.display_name, "coordinator")
        left = [
            Person(
                full_name=f"Former Member {i}",
                status="left",
                status_on=today - timedelta(days=365 * 3 + 30 + i),
            )
            for i in range(2000)
        ]
        s.add_all(left)
        stay = [Person(full_name=f"Member To Ask {i}") for i in range(2000)]
        s.add_all(stay)
        s.flush()
        s.add_all(
            ConsentRecord(
                person_id=p.id,
                what="photos",
                given_by="self",
                given_on=today - timedelta(days=400),
                review_on=today + timedelta(days=i % 40 - 10),
            )
            for i, p in enumerate(stay)
        )
        s.execute(
            insert(AuditEntry),
            [
                {
                    "user_id": user.id,
                    "role": "coordinator",
                    "area": ("people", "notes", "money")[i % 3],
                    "what": "changed",
                    "action": "members.save_person",
                    "record_table": "people",
                    "record_id": i % 5000 + 1,
                    "fields": "phone, email",
                }
                for i in range(50_000)
            ],
        )
        entries = s.query(AuditEntry).count()
    print(f"audit log: {entries:,} entries; 2,000 leavers and 2,000 consents added")

    times, review = timed(lambda: db.run(data_review.review, coordinator, today))
    assert isinstance(review, data_review.Review)
    say("the review list", times, 200, f"{len(review.rows):,} lines")
    times, rows = timed(lambda: db.run(audit.audit_entries, coordinator))
    say("audit log, newest 200", times, 100, f"{len(rows):,} rows")  # type: ignore[arg-type]
    times, rows = timed(lambda: db.run(audit.audit_entries, coordinator, page=100))
    say("audit log, the 100th page", times, 100, f"{len(rows):,} rows")  # type: ignore[arg-type]
    flt = AuditFilter(area="notes", user_id=coordinator.user_id)
    times, rows = timed(lambda: db.run(audit.audit_entries, coordinator, flt))
    say("audit log, one area and one person", times, 100, f"{len(rows):,} rows")  # type: ignore[arg-type]

    from PySide6.QtWidgets import QApplication
    from quiet import drop_offscreen_noise

    import clubapp.ui  # noqa: F401  (before any Qt call)
    from clubapp.ui import theme
    from clubapp.ui.context import AppContext
    from clubapp.ui.page_stack import PageStack
    from clubapp.ui.pages.data_safety import DataSafetyPage

    drop_offscreen_noise()
    app = QApplication.instance() or QApplication([])
    theme.load_fonts()
    theme.apply_theme(app, 1.0)
    ctx = AppContext(db, coordinator, today=lambda: today)
    stack = PageStack(ctx)
    stack.resize(1280, 720)
    stack.show()

    def open_room() -> DataSafetyPage:
        page = DataSafetyPage(ctx)
        stack.open_room(page)
        app.processEvents()
        return page

    times, page = timed(open_room, runs=5)
    assert isinstance(page, DataSafetyPage)
    say("opening the room on To review", times, 500, f"{len(page.cards)} cards shown")

    def show_audit() -> None:
        page.refresh()  # everything stale again
        page.show_section("audit")
        app.processEvents()

    times, _ = timed(show_audit, runs=5)
    say("showing Who changed what", times, 1000, f"{page.audit_model.rowCount()} rows")
    db.close()


if __name__ == "__main__":
    main()
