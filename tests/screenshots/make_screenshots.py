"""Make the README's screenshots from the real app on the demo club.

    .venv/bin/python tests/screenshots/make_screenshots.py

Writes PNG files beside this script, at 1280×720, offscreen (no display needed).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
# A fixed day, so the pictures only change when the app does.
TODAY = date(2026, 11, 18)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="clubapp-shots-"))
    os.environ["CLUBAPP_DATA_DIR"] = str(folder)
    sys.path.insert(0, str(HERE.parents[1]))

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from clubapp import demo
    from clubapp.app import make_application
    from clubapp.db.database import open_database
    from clubapp.ui import theme
    from clubapp.ui.main_window import MainWindow
    from clubapp.ui.pages.person import PersonPage

    app = make_application()
    db = open_database(folder / "demo.sqlite3")
    demo.build_demo(db, today=TODAY)
    window = MainWindow(db, today=lambda: TODAY)
    window.resize(1280, 720)
    window.show()

    def shot(name: str) -> None:
        for _ in range(3):
            QApplication.processEvents()
        window.grab().save(str(HERE / f"{name}.png"))
        print(f"wrote {HERE / name}.png")

    shot("sign-in")
    name, _role, password, _key = demo.DEMO_USERS[0]
    tile = next(t for t in window.sign_in.tiles if t.name() == name)
    tile.click()
    window.sign_in.password.setText(password)
    window.sign_in.submit()
    shot("home")
    window.shell.go_to("Members")
    shot("members")
    page = window.shell.room("Members")
    first = page.model.rows()[0].person_id
    window.ctx.navigator.push(PersonPage(window.ctx, first))
    shot("person")
    window.shell.go_to("Attendance")
    register = window.shell.room("Attendance")
    for tile in register.tiles()[:14:2]:  # a few people have arrived
        tile.click()
    shot("attendance")
    window.shell.go_to("Notes")
    shot("notes")
    from clubapp.services import meetings
    from clubapp.ui.meeting_mode import MeetingModePage
    from clubapp.ui.pages.meeting import MeetingPage

    window.shell.go_to("Members")
    peggy = next(r.person_id for r in page.model.rows() if r.display_name == "Peggy")
    person_page = PersonPage(window.ctx, peggy)
    window.ctx.navigator.push(person_page)
    QApplication.processEvents()
    panel = person_page.what_matters
    frame = window.ctx.navigator._frame_for(person_page)  # the page's scroll area
    frame.verticalScrollBar().setValue(panel.mapTo(person_page, QPoint(0, 0)).y() - 8)
    shot("what-matters")
    window.shell.go_to("Committee")
    room = window.shell.room("Committee")
    room.show_section(room.serving_button)
    shot("committee")
    last = window.ctx.read(meetings.list_meetings)[1]  # held, minutes still a draft
    window.ctx.navigator.push(MeetingPage(window.ctx, last.meeting_id))
    shot("meeting-agenda")
    mode = MeetingModePage(window.ctx, last.meeting_id)
    window.ctx.navigator.push(mode)
    for _ in range(4):  # to the first item the members raised
        mode.next_button.click()
    shot("meeting-mode")
    window.shell.go_to("Votes")
    votes_room = window.shell.room("Votes")
    shot("votes")
    from clubapp.services import attendance, votes
    from clubapp.services.votes import BallotInput, OptionInput
    from clubapp.ui.pages.votes import BallotPage
    from clubapp.ui.voting.page import VotingPage

    urn = next(
        r[0].ballot_id for r in votes_room.model.rows() if r[0].question.startswith("Buy a new urn")
    )
    window.ctx.navigator.push(BallotPage(window.ctx, urn))
    shot("vote-result")
    # The last session held: its members are marked present, so they may vote.
    held = window.ctx.read(attendance.list_sessions, TODAY - timedelta(days=7), TODAY)
    club_day = [s for s in held if s.on_date < TODAY][-1].session_id
    choice = window.ctx.run(
        votes.create_ballot,
        BallotInput(
            "activity",
            "What shall we do next Wednesday?",
            (
                OptionInput("Singing", picture="singing"),
                OptionInput("A quiz", picture="quiz"),
                OptionInput("Gardening", picture="gardening"),
                OptionInput("Tea and cake", picture="tea_and_cake"),
            ),
            session_id=club_day,
        ),
        changed="committee",
    )
    ticks = iter(range(1, 10**6))
    voting = VotingPage(window.ctx, choice, clock=lambda: float(next(ticks)))
    window.ctx.navigator.push(voting)
    window.showNormal()  # the voting screens fill the screen; the pictures keep 1280×720
    window.resize(1280, 720)
    voting.flow.voter_tile(voting.flow.voter_names()[0]).click()
    shot("voting-question")
    voting.flow.tiles()[2].click()
    shot("voting-you-chose")
    window.ctx.navigator.back()
    _accounts_shots(window, shot)
    _grants_shots(window, shot)
    _volunteers_shots(window, shot)
    _conversation_shots(window, shot, peggy)
    window.shell.go_to("Keeping data safe")
    window.shell.room("Keeping data safe").show_section("audit")
    shot("who-changed-what")
    window.shell.go_to("Attendance")
    for _ in range(4):
        window.shell.larger_button.click()
    window.shell.go_to("Home")
    shot("home-200-percent")
    window.shell.go_to("Members")
    shot("members-200-percent")
    theme.apply_theme(app, 1.0)
    window.close()
    db.close()


def _conversation_shots(window, shot, person_id: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from clubapp.services import conversation_topics
    from clubapp.ui.conversation.start import ConversationStartPage
    from clubapp.ui.pages.conversation_counts import ConversationCountsPage

    window.shell.go_to("Notes")
    start = ConversationStartPage(window.ctx, person_id)
    window.ctx.navigator.push(start)
    food = next(
        t.topic_id
        for t in window.ctx.read(conversation_topics.list_topics)
        if t.name == "Food and drink"
    )
    start.topic.set_value(food)
    start.start_button.click()
    page = window.ctx.navigator.current
    window.showNormal()  # the conversation fills the screen; the pictures keep 1280×720
    window.resize(1280, 720)
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_3, Qt.Key.Key_2, Qt.Key.Key_1):
        QTest.keyClick(page, key)
    shot("picture-conversation")
    page.sorting.stop_button.click()
    shot("picture-conversation-summary")
    page.summary.save_button.click()
    page.done_button.click()
    window.shell.go_to("Committee")
    window.ctx.navigator.push(ConversationCountsPage(window.ctx))
    shot("what-members-told-us")


def _accounts_shots(window, shot) -> None:  # type: ignore[no-untyped-def]
    """The treasurer's screens, on the demo club's books."""
    from clubapp.services import books
    from clubapp.ui.pages.accounts_cashbook import CashBookPage
    from clubapp.ui.pages.accounts_entry import EntryPage
    from clubapp.ui.pages.accounts_reconcile import ReconcilePage

    window.shell.go_to("Accounts")
    shot("accounts")
    push = window.ctx.navigator.push
    push(CashBookPage(window.ctx))
    shot("cash-book")
    window.ctx.navigator.back()
    entry = EntryPage(window.ctx, "payment")
    push(entry)
    funds = window.ctx.read(books.list_funds)
    categories = window.ctx.read(books.list_categories)
    entry.amount.setText("120.00")
    entry.payee.setText("St Mary's church hall")
    entry.category.choose(next(c.category_id for c in categories if c.name == "Venue hire"))
    entry.divide_button.click()
    parts = entry.splits.lines
    parts[0].fund.choose(next(f.fund_id for f in funds if f.kind == "general"))
    parts[0].amount.setText("40.00")
    parts[1].category.choose(next(c.category_id for c in categories if c.name == "Venue hire"))
    parts[1].fund.choose(next(f.fund_id for f in funds if f.kind == "restricted"))
    parts[1].amount.setText("80.00")
    shot("money-out-split")
    entry.can_leave = lambda: True  # leave the example unsaved without being asked
    window.ctx.navigator.back()
    push(ReconcilePage(window.ctx))
    shot("reconcile")
    window.ctx.navigator.back()


def _grants_shots(window, shot) -> None:  # type: ignore[no-untyped-def]
    """The deadlines board, and the weekly club's grant from the Lottery."""
    from clubapp.services import grants
    from clubapp.ui.pages.grant import GrantPage

    window.shell.go_to("Grants")
    shot("grants")
    lottery = next(
        r.application_id
        for r in window.ctx.read(grants.list_applications, TODAY)
        if r.status == "awarded" and r.funder_name.startswith("The National Lottery")
    )
    window.ctx.navigator.push(GrantPage(window.ctx, lottery))
    shot("grant")
    window.ctx.navigator.back()


def _volunteers_shots(window, shot) -> None:  # type: ignore[no-untyped-def]
    """The club's needs, the people who could help with the befriending visit, the checks
    to renew, and one member's skills and free times."""
    from clubapp.services import needs
    from clubapp.ui.pages.need import NeedPage
    from clubapp.ui.pages.person_skills import PersonSkillsPage

    window.shell.go_to("Volunteers")
    room = window.shell.room("Volunteers")
    room.show_section("needs")
    shot("volunteers")
    room.show_section("checks")
    shot("volunteers-checks")
    visit = next(
        n.need_id for n in window.ctx.read(needs.needs, TODAY) if n.checks and n.status == "open"
    )
    window.ctx.navigator.push(NeedPage(window.ctx, visit))
    shot("need")
    window.ctx.navigator.back()
    skills_page = PersonSkillsPage(window.ctx, _person_with_skills(window))
    window.ctx.navigator.push(skills_page)
    shot("person-skills")
    skills_page.show_part("free")
    shot("person-free-times")
    window.ctx.navigator.back()
    room.show_section("needs")


def _person_with_skills(window) -> int:  # type: ignore[no-untyped-def]
    """The first person, by name, who can teach others a skill."""
    from clubapp.services import skills

    entries = window.ctx.read(skills.directory)
    return next(e.person_id for e in entries if any(s.level == "can_teach" for s in e.skills))


if __name__ == "__main__":
    main()
