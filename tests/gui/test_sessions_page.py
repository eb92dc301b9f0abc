"""Plan sessions: add one or repeating sessions through the forms, remove one, errors by the field."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from clubapp.services import attendance
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.pages import sessions as sessions_module
from clubapp.ui.pages.sessions import SessionsPage, count_days, weekday_plural

# PySide6 6.12 on Python 3.11 drops a reference to None each time a Qt method that
# returns nothing is called; enough GUI work frees None and aborts the run. Python
# 3.12+ never frees None, so give it the same footing here (see the report to the lead).

TODAY = date(2026, 11, 18)  # a Wednesday, as in tests/conftest.py
LEFT = Qt.MouseButton.LeftButton
WEDNESDAY, FRIDAY = 2, 4


def open_page(db, actor, qtbot) -> SessionsPage:
    ctx = AppContext(db, actor, today=lambda: TODAY)
    page = SessionsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    page.refresh_now()
    return page


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def all_sessions(db, actor):
    return db.run(attendance.list_sessions, actor, date(2000, 1, 1), date(2100, 1, 1))


def test_words_for_weekdays():
    """Chosen weekdays read as plain words, and the days between two dates are counted."""
    assert weekday_plural({WEDNESDAY, FRIDAY}) == "Wednesdays and Fridays"
    assert weekday_plural({0, 2, 4}) == "Mondays, Wednesdays and Fridays"
    assert count_days({WEDNESDAY, FRIDAY}, TODAY, TODAY + timedelta(days=23)) == 8


def test_add_repeating_sessions_through_the_form(themed_app, qtbot, db, coordinator):
    """Wednesday Club every Wednesday and Friday for 4 weeks makes 8 sessions."""
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.series_button, LEFT)
    assert page.stack.currentWidget() is page.series_form
    qtbot.keyClicks(page.series_name, "Wednesday Club")
    for day in (WEDNESDAY, FRIDAY):
        box = page.series_days.boxes[day]
        page.series_form.ensureWidgetVisible(box)
        qtbot.mouseClick(box, LEFT)
    assert page.series_days.value() == {WEDNESDAY, FRIDAY}
    page.series_first.setDate(qdate(TODAY))
    page.series_last.setDate(qdate(TODAY + timedelta(days=23)))  # Friday 11 December
    page.series_time.set_value(time(14, 0))
    page.series_form.ensureWidgetVisible(page.series_add_button)
    qtbot.mouseClick(page.series_add_button, LEFT)

    rows = all_sessions(db, coordinator)
    assert len(rows) == 8
    assert {r.name for r in rows} == {"Wednesday Club"}
    assert {r.on_date.weekday() for r in rows} == {WEDNESDAY, FRIDAY}
    assert all(r.start_time == time(14, 0) for r in rows)
    assert page.done_label.isVisible()
    assert "Added 8 sessions of Wednesday Club" in page.done_label.text()
    assert page.stack.currentIndex() == 0  # back to the list, which shows them
    assert page.model.rowCount() == 8


def test_no_weekday_ticked_shows_the_error_by_the_days_and_keeps_the_name(
    themed_app, qtbot, db, coordinator
):
    """Without a weekday the error sits under the weekday row and the typed name stays."""
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.series_button, LEFT)
    qtbot.keyClicks(page.series_name, "Wednesday Club")
    page.series_form.ensureWidgetVisible(page.series_add_button)
    qtbot.mouseClick(page.series_add_button, LEFT)

    row = page.series_form.field("weekdays")
    assert row.has_error()
    assert row.error_label.isVisible()
    assert "Tick at least one day" in row.error_text()
    assert not page.series_form.field("name").has_error()
    assert page.series_name.text() == "Wednesday Club"
    assert all_sessions(db, coordinator) == []


def test_last_date_before_first_shows_the_error_by_the_last_date(
    themed_app, qtbot, db, coordinator
):
    """A last date before the first is explained under the last date; nothing is saved."""
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.series_button, LEFT)
    qtbot.keyClicks(page.series_name, "Club")
    qtbot.mouseClick(page.series_days.boxes[WEDNESDAY], LEFT)
    page.series_last.setDate(qdate(TODAY - timedelta(days=7)))
    qtbot.mouseClick(page.series_add_button, LEFT)
    assert "before the first date" in page.series_form.field("ends_on").error_text()
    assert page.series_days.value() == {WEDNESDAY}
    assert all_sessions(db, coordinator) == []


def test_days_that_never_fall_between_the_dates_are_explained(themed_app, qtbot, db, coordinator):
    """Ticking only Monday for a Wednesday-to-Friday span says why nothing would be added."""
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.series_button, LEFT)
    qtbot.keyClicks(page.series_name, "Club")
    qtbot.mouseClick(page.series_days.boxes[0], LEFT)
    page.series_last.setDate(qdate(TODAY + timedelta(days=2)))
    qtbot.mouseClick(page.series_add_button, LEFT)
    assert "None of the ticked days" in page.series_form.field("weekdays").error_text()
    assert all_sessions(db, coordinator) == []


def test_add_one_session_through_the_form(themed_app, qtbot, db, coordinator):
    """A one-off Crafternoon with a start time is added and chosen in the list."""
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.one_button, LEFT)
    qtbot.keyClicks(page.one_name, "Crafternoon")
    sunday = TODAY + timedelta(days=11)
    page.one_date.setDate(qdate(sunday))
    page.one_time.set_value(time(13, 30))
    qtbot.mouseClick(page.one_add_button, LEFT)
    [row] = all_sessions(db, coordinator)
    assert (row.name, row.on_date, row.start_time) == ("Crafternoon", sunday, time(13, 30))
    assert page.selected_session().session_id == row.session_id
    assert "Added Crafternoon on Sunday 29 November 2026, 1:30 pm" in page.done_label.text()


def test_one_session_without_a_name_shows_the_error_by_the_name(themed_app, qtbot, db, coordinator):
    """An empty name is explained under the name field; the chosen date stays."""
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.one_button, LEFT)
    page.one_date.setDate(qdate(TODAY + timedelta(days=3)))
    qtbot.mouseClick(page.one_add_button, LEFT)
    assert "Type the session's name" in page.one_form.field("name").error_text()
    assert page.one_date.value() == TODAY + timedelta(days=3)
    assert all_sessions(db, coordinator) == []


def test_remove_a_session_asks_first_naming_it(themed_app, qtbot, db, coordinator, monkeypatch):
    """Remove this session names the session in its question and removes it when confirmed."""
    keep = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    gone = db.run(attendance.add_session, coordinator, "Crafternoon", TODAY + timedelta(days=11))
    asked = []

    def answer(parent, title, question, confirm_text, cancel_text="Go back", danger=False):
        asked.append((question, confirm_text, danger))
        return True

    monkeypatch.setattr(sessions_module.messages, "ask_to_confirm", answer)
    page = open_page(db, coordinator, qtbot)
    assert not page.remove_button.isEnabled()
    assert page.select_session(gone)
    assert page.remove_button.isEnabled()
    qtbot.mouseClick(page.remove_button, LEFT)
    [(question, confirm_text, danger)] = asked
    assert "Crafternoon — Sunday 29 November 2026" in question
    assert confirm_text == "Yes, remove Crafternoon on Sunday 29 November 2026"
    assert danger
    assert [r.session_id for r in all_sessions(db, coordinator)] == [keep]
    assert page.model.rowCount() == 1


def test_going_back_keeps_the_session(themed_app, qtbot, db, coordinator, monkeypatch):
    """Answering Go back removes nothing."""
    session_id = db.run(attendance.add_session, coordinator, "Crafternoon", TODAY)
    monkeypatch.setattr(sessions_module.messages, "ask_to_confirm", lambda *a, **k: False)
    page = open_page(db, coordinator, qtbot)
    page.select_session(session_id)
    qtbot.mouseClick(page.remove_button, LEFT)
    assert len(all_sessions(db, coordinator)) == 1


def test_a_session_with_people_marked_cannot_be_removed(
    themed_app, qtbot, db, coordinator, person_factory
):
    """With someone marked as here, Remove is disabled and the note says why."""
    session_id = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    person = person_factory("Ann Baker")
    db.run(attendance.set_present, coordinator, session_id, person, True)
    page = open_page(db, coordinator, qtbot)
    page.select_session(session_id)
    assert not page.remove_button.isEnabled()
    assert "1 person is marked as here" in page.remove_note.text()


def test_sessions_model_is_a_sound_table(themed_app, qtbot, db, coordinator, qtmodeltester):
    """The list of sessions passes Qt's model checks and keeps the id in UserRole."""
    session_id = db.run(attendance.add_session, coordinator, "Crafternoon", TODAY, time(14, 0))
    page = open_page(db, coordinator, qtbot)
    qtmodeltester.check(page.model)
    index = page.model.index(0, 1)
    assert index.data() == "Crafternoon, 2:00 pm"
    assert index.data(Qt.ItemDataRole.UserRole) == session_id
    assert page.model.index(0, 2).data() == "Nobody yet"


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_forms_fit_at_large_text(themed_app, qtbot, db, coordinator, scale):
    """At 100 % and 200 % the weekday boxes wrap inside the form and the buttons stay big."""
    theme.apply_theme(themed_app, scale)
    page = open_page(db, coordinator, qtbot)
    qtbot.mouseClick(page.series_button, LEFT)
    days = page.series_days
    qtbot.waitUntil(lambda: days.width() > 0)
    for box in days.boxes:
        assert box.geometry().right() <= days.width()
        assert box.height() >= 44
    for button in (
        page.upcoming_button,
        page.one_button,
        page.series_button,
        page.series_add_button,
    ):
        assert button.height() >= 60 and button.width() >= 60
