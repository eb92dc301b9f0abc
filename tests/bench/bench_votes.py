"""How quickly the voting screens answer a tap, on the large demo club.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_votes.py

Builds the large demo (5,000 people) in a temporary folder, holds a committee meeting
with 8 trustees present, then drives the real voting screens with real mouse clicks:
  - a tap on a choice to the "You chose" screen painted (target ≤ 50 ms);
  - "Yes, that's my vote" to the thank-you screen painted (the vote saved on the way);
  - a whole 8-voter secret ballot, name tile to thank you for each voter, and the same
    for an activity choice with five pictures.
Prints medians and ranges; asserts nothing (figures, not pass or fail).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from clubapp import demo
    from clubapp.app import make_application
    from clubapp.db.database import open_database
    from clubapp.services import attendance, committee, meetings, votes
    from clubapp.services.committee import TermInput
    from clubapp.services.permissions import COMMAND_LINE, Actor
    from clubapp.services.votes import BallotInput, OptionInput
    from clubapp.ui.main_window import MainWindow
    from clubapp.ui.voting.page import VotingPage

    sys.path.insert(0, str(Path(__file__).parent))
    from quiet import drop_offscreen_noise  # beside this script

    folder = Path(tempfile.mkdtemp(prefix="clubapp-bench-"))
    os.environ["CLUBAPP_DATA_DIR"] = str(folder / "data")
    db = open_database(folder / "large.sqlite3")
    today = date.today()
    demo.build_demo(db, size="large", today=today)

    def setup(session):  # type: ignore[no-untyped-def]
        from sqlalchemy import select

        from clubapp.models.members import Person

        people = list(session.scalars(select(Person.id).limit(8)))
        for pid in people:
            committee.add_term(session, COMMAND_LINE, TermInput(pid, "co_opted", today))
        meeting = meetings.add_meeting(
            session, COMMAND_LINE, meetings.MeetingInput("committee", today)
        )
        for pid in people:
            meetings.set_attendance(session, COMMAND_LINE, meeting, pid, "present")
        club_day = attendance.add_session(session, COMMAND_LINE, "Bench club", today)
        for pid in people:
            attendance.set_present(session, COMMAND_LINE, club_day, pid, True)
        return meeting, club_day

    meeting, club_day = db.run(setup)

    app = make_application()
    drop_offscreen_noise()
    window = MainWindow(db, today=lambda: today)
    window.resize(1280, 720)
    window.show()
    window.start(Actor(1, "Sam Taylor", "coordinator"), 100)
    QApplication.processEvents()
    ctx = window.ctx

    def click(widget) -> None:  # type: ignore[no-untyped-def]
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, 20))

    def painted(widget) -> None:  # type: ignore[no-untyped-def]
        widget.repaint()
        QApplication.processEvents()

    def ballot(kind: str) -> int:
        if kind == "decision":
            data = BallotInput("decision", "Shall we buy a new urn?", meeting_id=meeting)
        else:
            data = BallotInput(
                "activity",
                "What shall we do next week?",
                tuple(
                    OptionInput(words, picture=picture)
                    for words, picture in (
                        ("Singing", "singing"),
                        ("A quiz", "quiz"),
                        ("Gardening", "gardening"),
                        ("Tea and cake", "tea_and_cake"),
                        ("A trip out", "outing"),
                    )
                ),
                session_id=club_day,
            )
        return ctx.run(votes.create_ballot, data, changed="committee")

    def run(kind: str) -> tuple[list[float], list[float], float]:
        ticks = iter(range(1, 10**9))
        page = VotingPage(ctx, ballot(kind), clock=lambda: float(next(ticks)))
        ctx.navigator.push(page)
        QApplication.processEvents()
        flow = page.flow
        to_confirm, to_thanks = [], []
        start = time.perf_counter()
        for n in range(8):
            click(flow.voter_tile(flow.voter_names()[0]))
            QApplication.processEvents()
            tile = flow.tiles()[n % len(flow.tiles())]
            t0 = time.perf_counter()
            click(tile)
            painted(flow)
            to_confirm.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            click(flow.confirm_button)
            painted(flow)
            to_thanks.append((time.perf_counter() - t0) * 1000)
            assert flow.stack.currentWidget() is flow.thanks_screen
            click(flow.next_button)
            QApplication.processEvents()
        whole = (time.perf_counter() - start) * 1000
        ctx.navigator.back()
        QApplication.processEvents()
        return to_confirm, to_thanks, whole

    run("decision")  # the first run builds fonts and pictures once
    for kind in ("decision", "activity"):
        to_confirm, to_thanks, whole = run(kind)
        print(
            f"{kind}: tap a choice to 'You chose' painted: median "
            f"{statistics.median(to_confirm):.1f} ms (range {min(to_confirm):.1f}–"
            f"{max(to_confirm):.1f}; target <= 50 ms)"
        )
        print(
            f"{kind}: 'Yes, that's my vote' to thank you painted, vote saved: median "
            f"{statistics.median(to_thanks):.1f} ms (range {min(to_thanks):.1f}–"
            f"{max(to_thanks):.1f})"
        )
        print(f"{kind}: a whole 8-voter ballot through the screens: {whole:.0f} ms")
    window.close()
    db.close()
    app.quit()


if __name__ == "__main__":
    main()
