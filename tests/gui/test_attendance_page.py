"""The Attendance page: tap tiles to take attendance, find names, choose sessions, see counts."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt

from clubapp.services import attendance
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.pages.attendance import (
    AttendancePage,
    here_words,
    last_twelve_months,
    session_title,
)
from clubapp.ui.pages.sessions import SessionsPage

# PySide6 6.12 on Python 3.11 drops a reference to None each time a Qt method that
# returns nothing is called; enough GUI work frees None and aborts the run. Python
# 3.12+ never frees None, so give it the same footing here (see the report to the lead).

TODAY = date(2026, 11, 18)  # a Wednesday, as in tests/conftest.py
LEFT = Qt.MouseButton.LeftButton
NAMES = ["Ann Baker", "Bill Carter", "Zoë O'Brien", "Joan Smith", "Dev Patel", "Annie Lennox"]


class FakeNavigator:
    """Records what the page asks the main window to do."""

    def __init__(self) -> None:
        self.pushed: list = []
        self.pdfs: list = []

    def push(self, page) -> None:
        self.pushed.append(page)

    def back(self) -> None:
        pass

    def show_pdf(self, title, make_pdf, file_name) -> None:
        self.pdfs.append((title, make_pdf, file_name))


@pytest.fixture
def club(db, coordinator, person_factory):
    """Six people and Wednesday and Friday sessions around TODAY."""
    people = {name: person_factory(name) for name in NAMES}
    db.run(
        attendance.add_series,
        coordinator,
        "Wednesday Club",
        {2, 4},
        TODAY - timedelta(days=14),
        TODAY + timedelta(days=14),
        time(14, 0),
    )
    sessions = db.run(
        attendance.list_sessions,
        coordinator,
        TODAY - timedelta(days=30),
        TODAY + timedelta(days=30),
    )
    return {"people": people, "sessions": {s.on_date: s.session_id for s in sessions}}


def open_page(db, actor, qtbot, width=1000, height=700) -> AttendancePage:
    ctx = AppContext(db, actor, today=lambda: TODAY)
    ctx.navigator = FakeNavigator()
    page = AttendancePage(ctx)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    page.refresh_now()
    return page


def present_ids(db, actor, session_id) -> set[int]:
    return {e.person_id for e in db.run(attendance.register, actor, session_id) if e.present}


def tile_named(page: AttendancePage, name: str):
    return next(t for t in page.tiles() if t.name() == name)


def test_words_for_the_count_and_title():
    """The count and the session title read as plain words."""
    assert here_words(0) == "Nobody here yet"
    assert here_words(1) == "1 person here"
    assert here_words(14) == "14 people here"
    row = attendance.SessionRow(1, "Wednesday Club", TODAY, None, None, 0)
    assert session_title(row) == "Wednesday Club — Wednesday 18 November 2026"


def test_opens_on_todays_session_with_every_active_person(themed_app, qtbot, db, coordinator, club):
    """By default the page shows today's session, its title in words, and a tile per person."""
    page = open_page(db, coordinator, qtbot)
    assert page.session_id() == club["sessions"][TODAY]
    assert page.title_label.text() == "Wednesday Club — Wednesday 18 November 2026, 2:00 pm"
    assert sorted(t.name() for t in page.tiles()) == sorted(NAMES)
    assert page.count_label.text() == "Nobody here yet"


def test_without_a_session_today_it_opens_on_the_next(themed_app, qtbot, db, coordinator, club):
    """On a day with no session the next one is chosen."""
    ctx_today = TODAY + timedelta(days=1)  # Thursday
    ctx = AppContext(db, coordinator, today=lambda: ctx_today)
    ctx.navigator = FakeNavigator()
    page = AttendancePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh_now()
    assert page.session_id() == club["sessions"][TODAY + timedelta(days=2)]


def test_clicking_a_tile_marks_and_unmarks(themed_app, qtbot, db, coordinator, club):
    """A click on a real tile saves the person as here and updates the count; a second click undoes it."""
    page = open_page(db, coordinator, qtbot)
    session_id = page.session_id()
    ann = tile_named(page, "Ann Baker")
    page.scroll_area.ensureWidgetVisible(ann)
    qtbot.mouseClick(ann, LEFT)
    assert ann.isChecked()
    assert present_ids(db, coordinator, session_id) == {club["people"]["Ann Baker"]}
    assert page.count_label.text() == "1 person here"

    bill = tile_named(page, "Bill Carter")
    qtbot.mouseClick(bill, LEFT)
    assert page.count_label.text() == "2 people here"

    qtbot.mouseClick(ann, LEFT)
    assert not ann.isChecked()
    assert present_ids(db, coordinator, session_id) == {club["people"]["Bill Carter"]}
    assert page.count_label.text() == "1 person here"


def test_space_on_a_tile_marks_the_person(themed_app, qtbot, db, coordinator, club):
    """The keyboard works too: Space on a focused tile marks the person as here."""
    page = open_page(db, coordinator, qtbot)
    joan = tile_named(page, "Joan Smith")
    joan.setFocus()
    qtbot.waitUntil(joan.hasFocus)
    qtbot.keyClick(joan, Qt.Key.Key_Space)
    assert joan.isChecked()
    assert club["people"]["Joan Smith"] in present_ids(db, coordinator, page.session_id())
    assert page.count_label.text() == "1 person here"


def test_a_volunteer_can_take_attendance(themed_app, qtbot, db, actors, club):
    """Volunteers take attendance just as the coordinator does."""
    page = open_page(db, actors["volunteer"], qtbot)
    assert page.read_only_note.isHidden()
    assert page.plan_button.isHidden()
    qtbot.mouseClick(tile_named(page, "Dev Patel"), LEFT)
    assert club["people"]["Dev Patel"] in present_ids(db, actors["coordinator"], page.session_id())


def test_find_box_narrows_the_tiles(themed_app, qtbot, db, coordinator, club):
    """Typing part of a name leaves only matching tiles; accents do not matter; Show everyone clears."""
    page = open_page(db, coordinator, qtbot)
    qtbot.keyClicks(page.find_edit, "ann")
    assert sorted(t.name() for t in page.visible_tiles()) == ["Ann Baker", "Annie Lennox"]
    page.find_edit.clear()
    qtbot.keyClicks(page.find_edit, "zoe")
    assert [t.name() for t in page.visible_tiles()] == ["Zoë O'Brien"]
    page.find_edit.clear()
    qtbot.keyClicks(page.find_edit, "nobody like this")
    assert page.visible_tiles() == []
    assert page.no_match_label.isVisible()
    assert page.clear_find_button.isVisible()
    qtbot.mouseClick(page.clear_find_button, LEFT)
    assert len(page.visible_tiles()) == len(NAMES)
    assert page.find_edit.text() == ""
    assert not page.no_match_label.isVisible()


def test_marks_survive_the_find_box(themed_app, qtbot, db, coordinator, club):
    """A person marked while the list is narrowed stays marked when everyone shows again."""
    page = open_page(db, coordinator, qtbot)
    qtbot.keyClicks(page.find_edit, "bill")
    qtbot.mouseClick(page.visible_tiles()[0], LEFT)
    page.find_edit.clear()
    assert tile_named(page, "Bill Carter").isChecked()
    assert page.count_label.text() == "1 person here"


@pytest.mark.parametrize("role", ["committee", "treasurer"])
def test_roles_that_only_look_cannot_toggle(themed_app, qtbot, db, actors, club, role):
    """Committee and treasurer see the tiles and who is here, but a click or Space changes nothing."""
    session_id = club["sessions"][TODAY]
    db.run(
        attendance.set_present, actors["coordinator"], session_id, club["people"]["Ann Baker"], True
    )
    page = open_page(db, actors[role], qtbot)
    assert page.read_only_note.isVisible()
    assert "coordinator or a volunteer" in page.read_only_note.text()
    assert page.plan_button.isHidden()
    ann, bill = tile_named(page, "Ann Baker"), tile_named(page, "Bill Carter")
    assert ann.isChecked() and not bill.isChecked()
    qtbot.mouseClick(bill, LEFT)
    qtbot.mouseClick(ann, LEFT)
    bill.setFocus()
    qtbot.keyClick(bill, Qt.Key.Key_Space)
    assert ann.isChecked() and not bill.isChecked()
    assert present_ids(db, actors["coordinator"], session_id) == {club["people"]["Ann Baker"]}
    assert page.count_label.text() == "1 person here"


def test_choosing_another_session_shows_its_register(themed_app, qtbot, db, coordinator, club):
    """Earlier/Later session and the list switch to another session's own register."""
    last_friday = TODAY - timedelta(days=5)
    db.run(
        attendance.set_present,
        coordinator,
        club["sessions"][last_friday],
        club["people"]["Joan Smith"],
        True,
    )
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(tile_named(page, "Ann Baker"), LEFT)  # today

    qtbot.mouseClick(page.earlier_button, LEFT)
    assert page.session_id() == club["sessions"][last_friday]
    assert page.title_label.text().startswith("Wednesday Club — Friday 13 November 2026")
    assert [t.name() for t in page.tiles() if t.isChecked()] == ["Joan Smith"]
    assert page.count_label.text() == "1 person here"

    qtbot.mouseClick(page.later_button, LEFT)
    qtbot.mouseClick(page.later_button, LEFT)
    assert page.session_id() == club["sessions"][TODAY + timedelta(days=2)]
    assert page.count_label.text() == "Nobody here yet"

    index = page.session_combo.findData(club["sessions"][TODAY])
    page.session_combo.setCurrentIndex(index)
    page.session_combo.activated.emit(index)
    assert page.session_id() == club["sessions"][TODAY]
    assert [t.name() for t in page.tiles() if t.isChecked()] == ["Ann Baker"]


def test_earlier_is_disabled_at_the_first_session(themed_app, qtbot, db, coordinator, club):
    """At the first session in the list, Earlier session cannot be pressed."""
    page = open_page(db, coordinator, qtbot)
    page.choose_session(club["sessions"][min(club["sessions"])])
    assert not page.earlier_button.isEnabled()
    assert page.later_button.isEnabled()


def test_a_failed_mark_puts_the_tile_back_and_says_why(themed_app, qtbot, db, coordinator, club):
    """If saving fails (the session was removed elsewhere), the tile goes back and a message says why."""
    page = open_page(db, coordinator, qtbot)
    db.run(attendance.cancel_session, coordinator, page.session_id())
    ann = tile_named(page, "Ann Baker")
    qtbot.mouseClick(ann, LEFT)
    assert not ann.isChecked()
    assert page.problem_label.isVisible()
    assert "Ann Baker could not be marked as here" in page.problem_label.text()
    assert "not in the records" in page.problem_label.text()


def test_print_sign_in_sheet_asks_for_the_preview(themed_app, qtbot, db, coordinator, club):
    """Print sign-in sheet hands the preview a PDF maker and a dated file name."""
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.print_button, LEFT)
    [(title, make_pdf, file_name)] = page.ctx.navigator.pdfs
    assert title == "Sign-in sheet"
    assert file_name == "sign-in-2026-11-18.pdf"
    assert make_pdf().startswith(b"%PDF")


def test_plan_sessions_opens_the_sessions_page(themed_app, qtbot, db, coordinator, club):
    """The coordinator's Plan sessions button opens the sessions page."""
    page = open_page(db, coordinator, qtbot)
    assert page.plan_button.isVisible()
    qtbot.mouseClick(page.plan_button, LEFT)
    [pushed] = page.ctx.navigator.pushed
    assert isinstance(pushed, SessionsPage)
    qtbot.addWidget(pushed)


def test_counts_show_twelve_months_and_this_session(
    themed_app, qtbot, db, coordinator, club, qtmodeltester
):
    """Counts lists the last 12 months, newest first, with sessions, visits and people."""
    for name in ("Ann Baker", "Bill Carter"):
        db.run(
            attendance.set_present, coordinator, club["sessions"][TODAY], club["people"][name], True
        )
    db.run(
        attendance.set_present,
        coordinator,
        club["sessions"][TODAY - timedelta(days=7)],
        club["people"]["Ann Baker"],
        True,
    )
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.counts_button, LEFT)
    assert page.counts_section.isVisible()
    assert not page.tile_area.isVisible()
    qtmodeltester.check(page.counts_model)
    model = page.counts_model
    assert model.rowCount() == 12
    cells = [model.index(0, c).data() for c in range(4)]
    november_sessions = sum(1 for d in club["sessions"] if d.month == 11 and d.year == 2026)
    assert cells == ["November 2026", str(november_sessions), "3", "2"]
    assert model.index(11, 0).data() == "December 2025"
    assert "2 people were here" in page.session_count_label.text()
    qtbot.mouseClick(page.register_button, LEFT)
    assert page.tile_area.isVisible()


def test_last_twelve_months_spans_whole_months():
    """The counts cover the first day 11 months back to the end of this month."""
    start, end, months = last_twelve_months(date(2026, 1, 5))
    assert start == date(2025, 2, 1)
    assert end == date(2026, 1, 31)
    assert months[0] == (2026, 1) and months[-1] == (2025, 2)


def test_no_sessions_yet_says_so(themed_app, qtbot, db, coordinator, person_factory):
    """With no sessions planned, the page says so and offers nothing that would fail."""
    person_factory("Ann Baker")
    page = open_page(db, coordinator, qtbot)
    assert page.session_id() is None
    assert "No club sessions" in page.title_label.text()
    assert not page.print_button.isEnabled()
    assert not page.tile_area.isVisible()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_tiles_reflow_and_nothing_is_cut_off(
    themed_app, qtbot, db, coordinator, club, person_factory, scale
):
    """At 100 % and 200 % text, tiles fit the width (fewer columns when larger) and no name is cut."""
    person_factory("Alexandra-Louise Montgomery-Smythe")
    theme.apply_theme(themed_app, scale)
    page = open_page(db, coordinator, qtbot, width=900, height=600)
    qtbot.waitUntil(lambda: page.tile_area.width() > 0)
    area = page.tile_area
    columns = len({t.x() for t in page.tiles()})
    assert columns >= (3 if scale == 1.0 else 2)
    for tile in page.tiles():
        assert tile.geometry().right() <= area.width()
        assert tile.width() >= 44 and tile.height() >= 44
        tile.grab()  # paints it, which measures the name
        assert not tile.isElided(), tile.name()
    qtbot.waitUntil(
        lambda: page.scroll_area.widget().width() <= page.scroll_area.viewport().width()
    )
