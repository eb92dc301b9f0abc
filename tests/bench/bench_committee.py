"""Benchmark of notes and the committee: prints figures, never fails on timing.

    python tests/bench/bench_committee.py          (about a minute)

It builds the large demo club (5,000 people, 20,000 notes, 500 meetings) in a
temporary folder, adds a meeting with 20 agenda items (each with a decision and an
action point), then measures:
  - the minutes of that 20-item meeting as a PDF, standard and easy-read (target ≤ 1 s);
  - "you said, we did" for a year as a PDF (target ≤ 1 s);
  - reading the committee's inbox, and opening the Committee page with it (target
    ≤ 150 ms);
  - showing the members' inbox (about 2,700 notes waiting) in the Committee page, and
    opening Add from the inbox on a meeting (target ≤ 150 ms); then Show all in the
    inbox, and a letter typed in Add from the inbox's Find a note;
  - opening the Notes page (the last year's notes, of 20,000), a 20-item meeting, a
    usual monthly meeting and meeting mode (target ≤ 150 ms).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNS = 5


def median_ms(work: Callable[[], object], runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def twenty_item_meeting(db, today: date) -> int:  # type: ignore[no-untyped-def]
    from clubapp.services import agenda, committee, decisions, meetings
    from clubapp.services.permissions import COMMAND_LINE

    def build(session):  # type: ignore[no-untyped-def]
        meeting_id = meetings.add_meeting(
            session, COMMAND_LINE, meetings.MeetingInput("committee", today, place="The hall")
        )
        trustees = sorted(committee.trustee_ids(session, today))
        for pid in trustees:
            meetings.set_attendance(session, COMMAND_LINE, meeting_id, pid, "present")
        while len(meetings.items_in_order(session, meeting_id)) < 20:
            n = len(meetings.items_in_order(session, meeting_id))
            item = agenda.add_proposal(
                session,
                COMMAND_LINE,
                meeting_id,
                f"Proposal {n}: a new activity for the spring",
                "Members asked for it in their one-to-ones. " * 3,
                trustees[0],
                10,
            )
            agenda.set_discussion(
                session, COMMAND_LINE, item, "The committee talked it through carefully. " * 6
            )
            decision = decisions.record_decision(
                session,
                COMMAND_LINE,
                meeting_id,
                decisions.DecisionInput(f"Agree proposal {n}", len(trustees) - 1, 1, 0, item),
            )
            decisions.add_action(
                session,
                COMMAND_LINE,
                meeting_id,
                decisions.ActionInput(
                    f"Put proposal {n} into the programme",
                    trustees[1],
                    today + timedelta(days=14),
                    item,
                    decision,
                ),
            )
        return meeting_id

    return db.run(build)


def main() -> None:
    from clubapp import demo
    from clubapp.db.database import open_database

    folder = Path(tempfile.mkdtemp(prefix="clubapp-bench-"))
    os.environ["CLUBAPP_DATA_DIR"] = str(folder / "data")
    db = open_database(folder / "large.sqlite3")
    today = date.today()
    start = time.perf_counter()
    summary = demo.build_demo(db, size="large", today=today)
    print(
        f"large demo: {summary.people:,} people with notes and meetings, "
        f"built in {time.perf_counter() - start:.1f} s"
    )

    from clubapp.services import committee_printouts, notes
    from clubapp.services.permissions import COMMAND_LINE

    meeting_id = twenty_item_meeting(db, today)
    db.run(committee_printouts.minutes, COMMAND_LINE, meeting_id, today)  # warm ReportLab up
    ms, pdf = median_ms(
        lambda: db.run(committee_printouts.minutes, COMMAND_LINE, meeting_id, today)
    )
    print(
        f"minutes of a 20-item meeting: {ms:.0f} ms, {len(pdf) / 1024:.0f} KB (target <= 1000 ms)"
    )  # type: ignore[arg-type]
    ms, pdf = median_ms(
        lambda: db.run(committee_printouts.minutes, COMMAND_LINE, meeting_id, today, True)
    )
    print(f"easy-read minutes of it: {ms:.0f} ms, {len(pdf) / 1024:.0f} KB (target <= 1000 ms)")  # type: ignore[arg-type]
    year_ago = today - timedelta(days=365)
    ms, pdf = median_ms(
        lambda: db.run(committee_printouts.you_said_we_did, COMMAND_LINE, year_ago, today, today)
    )
    print(f"you said, we did for a year: {ms:.0f} ms, {len(pdf) / 1024:.0f} KB (target <= 1000 ms)")  # type: ignore[arg-type]
    ms, rows = median_ms(lambda: db.run(notes.inbox, COMMAND_LINE))
    print(f"read the inbox ({len(rows):,} notes waiting): {ms:.0f} ms")  # type: ignore[arg-type]
    db.close()
    open_pages(folder / "large.sqlite3", meeting_id, today)


def open_pages(db_path: Path, meeting_id: int, today: date) -> None:
    """Open the new pages in the real window, as the coordinator, and time each."""
    from PySide6.QtWidgets import QApplication

    from clubapp.app import make_application
    from clubapp.db.database import open_database
    from clubapp.services.permissions import Actor
    from clubapp.ui.main_window import MainWindow
    from clubapp.ui.meeting_mode import MeetingModePage
    from clubapp.ui.pages.meeting import MeetingPage

    make_application()
    from quiet import drop_offscreen_noise  # beside this script

    drop_offscreen_noise()
    db = open_database(db_path)
    window = MainWindow(db, today=lambda: today)
    window.resize(1280, 720)
    window.show()
    window.start(Actor(1, "Sam Taylor", "coordinator"), 100)
    QApplication.processEvents()
    shell = window.shell

    def room(name: str) -> Callable[[], object]:
        def go() -> object:
            shell.go_to("Home")
            QApplication.processEvents()
            page = shell.room(name)
            page._stale = True  # as after a change elsewhere: the page reads everything again
            start = time.perf_counter()
            shell.go_to(name)
            QApplication.processEvents()
            return time.perf_counter() - start

        return go

    def pushed(make: Callable[[], object]) -> Callable[[], object]:
        def go() -> object:
            start = time.perf_counter()
            page = make()
            window.ctx.navigator.push(page)  # type: ignore[arg-type]
            QApplication.processEvents()
            took = time.perf_counter() - start
            window.ctx.navigator.back()
            QApplication.processEvents()
            return took

        return go

    def timed(work: Callable[[], object]) -> float:
        work()  # the first visit builds the page; later visits are what a person waits for
        return statistics.median(float(work()) for _ in range(RUNS)) * 1000  # type: ignore[arg-type]

    notes_page = shell.room("Notes")
    ms = timed(room("Notes"))
    print(
        f"open Notes with the last year's {notes_page.model.rowCount():,} notes "
        f"({notes_page._older:,} older, a tick away): {ms:.0f} ms (target <= 150 ms)"
    )
    notes_page.show_older.setChecked(True)
    ms = timed(room("Notes"))
    print(f"the same with every one of the {notes_page.model.rowCount():,} notes: {ms:.0f} ms")
    notes_page.show_older.setChecked(False)
    ms = timed(room("Committee"))
    print(f"open the Committee page with its inbox: {ms:.0f} ms (target <= 150 ms)")
    open_inbox(window, room, pushed, timed, meeting_id)
    ms = timed(pushed(lambda: MeetingPage(window.ctx, meeting_id)))
    print(
        f"open the 20-item meeting, with 20 decisions and 20 action points: {ms:.0f} ms "
        "(target <= 150 ms)"
    )
    from clubapp.services import meetings

    usual = window.ctx.read(meetings.list_meetings)[2]  # the demo's last month but one
    items = len(window.ctx.read(meetings.get_meeting, usual.meeting_id).items)
    ms = timed(pushed(lambda: MeetingPage(window.ctx, usual.meeting_id)))
    print(f"open a usual monthly meeting ({items} items): {ms:.0f} ms (target <= 150 ms)")
    ms = timed(pushed(lambda: MeetingModePage(window.ctx, meeting_id)))
    print(f"start meeting mode on it: {ms:.0f} ms (target <= 150 ms)")
    window.close()
    db.close()


def open_inbox(window, room, pushed, timed, meeting_id: int) -> None:  # type: ignore[no-untyped-def]
    """The members' inbox in the Committee room, and Add from the inbox on a meeting."""
    from PySide6.QtWidgets import QApplication

    from clubapp.services import notes
    from clubapp.ui.pages.agenda_forms import InboxPickPage

    shell = window.shell
    page = shell.room("Committee")
    waiting = len(window.ctx.read(notes.inbox))

    def switch() -> object:
        shell.go_to("Home")
        QApplication.processEvents()
        page.show_section(page.meetings_button)
        page._stale = True  # read again, with the inbox out of sight
        shell.go_to("Committee")
        QApplication.processEvents()
        start = time.perf_counter()
        page.inbox_button.click()
        QApplication.processEvents()
        return time.perf_counter() - start

    first = float(switch()) * 1000  # nothing measured yet: what the tester waited for
    ms = timed(switch)
    print(
        f"show the members' inbox ({waiting:,} notes waiting): the first time {first:.0f} ms, "
        f"then {ms:.0f} ms (target <= 150 ms)"
    )
    page.show_section(page.inbox_button)
    ms = timed(room("Committee"))
    print(f"open the Committee page at its members' inbox: {ms:.0f} ms (target <= 150 ms)")

    def show_all() -> object:
        page.show_all_inbox(False)
        QApplication.processEvents()
        start = time.perf_counter()
        page.inbox_all_button.click()
        QApplication.processEvents()
        return time.perf_counter() - start

    first = float(show_all()) * 1000
    ms = timed(show_all)
    print(
        f"Show all {waiting:,} notes in the members' inbox: the first time {first:.0f} ms, "
        f"then {ms:.0f} ms"
    )
    page.show_all_inbox(False)
    page.show_section(page.meetings_button)

    ms = timed(pushed(lambda: InboxPickPage(window.ctx, meeting_id)))
    print(f"open Add from the inbox with {waiting:,} notes waiting: {ms:.0f} ms (target <= 150 ms)")

    form = InboxPickPage(window.ctx, meeting_id)
    window.ctx.navigator.push(form)
    QApplication.processEvents()

    def search() -> object:
        form.search.clear()
        QApplication.processEvents()
        start = time.perf_counter()
        form.search.setText("1")  # as typed: "1", then "12"
        form.search.setText("12")
        QApplication.processEvents()
        return (time.perf_counter() - start) / 2

    ms = timed(search)
    print(
        f"type a letter in Find a note there ({form.proxy.rowCount():,} notes found): "
        f"{ms:.0f} ms a letter"
    )
    form.search.clear()
    window.ctx.navigator.back()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
