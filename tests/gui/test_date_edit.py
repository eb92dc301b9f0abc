"""The date box gives exactly the date typed, or says plainly that it is not a date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import books, years
from clubapp.ui import theme
from clubapp.ui.pages.accounts_entry import EntryPage
from clubapp.ui.widgets.choosers import OptionalDate
from clubapp.ui.widgets.dates import DAY_FIRST, IN_WORDS, DateEdit, bad_dates, read_date
from clubapp.ui.widgets.forms import FieldRow, FormPanel
from tests.conftest import TODAY
from tests.gui.a11y import MIN_TARGET, accessible_name
from tests.gui.committee_helpers import click, open_stack

WEDNESDAY = date(2026, 11, 18)
RETURN = Qt.Key.Key_Return
# The offscreen test platform cannot raise a popup or give it the keyboard; it says so.
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


def _host(qtbot, *widgets: QWidget) -> QWidget:
    """The widgets in a shown, active window, so focus moves as it does in the app."""
    host = QWidget()
    layout = QVBoxLayout(host)
    for w in widgets:
        layout.addWidget(w)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    return host


def _box(qtbot, day: date = WEDNESDAY, **kwargs) -> tuple[DateEdit, QLineEdit, QWidget]:
    """A date box with a plain box after it to move the focus to."""
    edit = DateEdit(day, **kwargs)
    edit.setAccessibleName("Date")
    after = QLineEdit()
    after.setAccessibleName("After")
    host = _host(qtbot, edit, after)
    edit.setFocus()
    qtbot.waitUntil(edit.lineEdit().hasFocus)
    return edit, after, host


def _retype(qtbot, edit: DateEdit, text: str) -> None:
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, text)


def _leave(qtbot, after: QWidget) -> None:
    after.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(after.hasFocus)


# ---------------------------------------------------------------- exactly the date typed


def test_typing_over_the_whole_date_gives_that_date(themed_app, qtbot):
    """With 18/11/2026 shown, selecting all and typing 31/10/2026 gives 31 October 2026."""
    edit, after, _host = _box(qtbot)
    _retype(qtbot, edit, "31/10/2026")
    assert edit.value() == date(2026, 10, 31)
    assert edit.is_valid() and edit.error_text() == ""
    _leave(qtbot, after)
    assert edit.value() == date(2026, 10, 31)
    assert edit.lineEdit().text() == "31/10/2026"


def test_typing_the_figures_part_by_part_gives_that_date_not_a_clamped_one(themed_app, qtbot):
    """Typing 31, 10, 2026 from the day (as in the old three-part box) gives 31 October,
    never 30 October because November, shown when the day was typed, has 30 days."""
    edit, after, _host = _box(qtbot)
    edit.setSelectedSection(edit.Section.DaySection)
    qtbot.keyClicks(edit, "31102026")
    assert edit.value() == date(2026, 10, 31)
    qtbot.keyClick(edit, RETURN)
    assert edit.lineEdit().text() == "31/10/2026"
    assert edit.value() == date(2026, 10, 31)


@pytest.mark.parametrize(
    "typed",
    [
        "31/10/2026",
        "31-10-26",
        "31.10.2026",
        "31/10/26",
        "31 Oct 2026",
        "31 October 2026",
        "31st October 2026",
        "2026-10-31",
        "Saturday 31 October 2026",
        "Sat 31 Oct 2026",
        "31102026",
        "311026",
        " 31 / 10 / 2026 ",
    ],
)
def test_every_way_parse_date_reads_a_date_is_read_the_same(themed_app, qtbot, typed):
    """Day first, ISO, in words, with the weekday in front, or as figures only."""
    edit, after, _host = _box(qtbot)
    _retype(qtbot, edit, typed)
    assert edit.value() == date(2026, 10, 31)
    assert edit.is_valid()
    _leave(qtbot, after)
    assert edit.lineEdit().text() == "31/10/2026"


def test_a_day_first_date_is_never_read_month_first(themed_app, qtbot):
    """03/04/2026 is 3 April, as parse_date reads it."""
    edit, _after, _host = _box(qtbot)
    _retype(qtbot, edit, "03/04/2026")
    assert edit.value() == date(2026, 4, 3)


# ---------------------------------------------------------------- not a date, said plainly


def test_a_day_the_month_lacks_is_named_and_the_last_good_date_is_kept(themed_app, qtbot):
    """31/11/2026 is not a date: value() keeps the date shown before, the box says why,
    and leaving the box keeps what was typed."""
    edit, after, _host = _box(qtbot)
    _retype(qtbot, edit, "31/11/2026")
    assert not edit.is_valid()
    assert edit.error_text() == "'31/11/2026' is not a date: November has 30 days."
    assert edit.value() == WEDNESDAY
    _leave(qtbot, after)
    assert edit.lineEdit().text() == "31/11/2026"
    assert edit.value() == WEDNESDAY
    assert not edit.is_valid()


def test_february_names_its_year(themed_app, qtbot):
    """29 February only in leap years, so the message says which February."""
    assert not _reads("29/02/2027")
    edit, _after, _host = _box(qtbot)
    _retype(qtbot, edit, "29/02/2027")
    assert edit.error_text() == "'29/02/2027' is not a date: February 2027 has 28 days."
    _retype(qtbot, edit, "29/02/2028")
    assert edit.value() == date(2028, 2, 29)


@pytest.mark.parametrize(
    "typed, words",
    [
        ("next Tuesday", "is not a date we can read. Write the date as day/month/year"),
        ("", "The date is blank."),
        ("31/13/2026", "There is no month 13"),
        ("04/13/2026", "for 13 April 2026 write 13/04/2026"),
        ("Monday 18 November 2026", "18 November 2026 is a Wednesday, not a Monday"),
    ],
)
def test_what_is_not_a_date_says_why_and_how_to_write_it(themed_app, qtbot, typed, words):
    """Unreadable, blank, month first or the wrong weekday: no date, a plain reason."""
    edit, _after, _host = _box(qtbot)
    edit.lineEdit().selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, typed)
    assert not edit.is_valid()
    assert words in edit.error_text()
    assert edit.value() == WEDNESDAY


def test_a_date_half_typed_never_becomes_the_kept_date(themed_app, qtbot):
    """On the way to 31/10/2026, 31/10/20 is a date (2020); stopping at 31/10/202 keeps
    the date from before the typing, not 2020."""
    edit, after, _host = _box(qtbot)
    seen: list[QDate] = []
    edit.dateChanged.connect(seen.append)
    _retype(qtbot, edit, "31/10/202")
    assert not edit.is_valid()
    assert edit.value() == WEDNESDAY
    _leave(qtbot, after)
    assert edit.value() == WEDNESDAY
    assert edit.lineEdit().text() == "31/10/202"
    assert seen[-1] == QDate(2026, 11, 18)  # the last signal says what value() says


def test_a_bad_date_is_shown_under_its_form_field_and_goes_once_put_right(themed_app, qtbot):
    """Leaving a field with 31/11/2026 names it under the field with a red border, and the
    text stays; typing a good date takes the message away."""
    edit = DateEdit(WEDNESDAY)
    row = FieldRow("Date of the meeting", edit)
    after = QLineEdit()
    _window = _host(qtbot, row, after)
    edit.setFocus()
    qtbot.waitUntil(edit.lineEdit().hasFocus)
    _retype(qtbot, edit, "31/11/2026")
    assert not row.has_error()  # not while typing
    _leave(qtbot, after)
    assert row.error_text() == "'31/11/2026' is not a date: November has 30 days."
    assert edit.lineEdit().property("error") is True
    assert "November has 30 days" in edit.lineEdit().accessibleDescription()
    assert edit.lineEdit().text() == "31/11/2026"

    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert not row.has_error()  # being put right
    assert edit.lineEdit().property("error") is False
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, "30")
    assert edit.value() == date(2026, 11, 30) and edit.is_valid()


def test_enter_names_a_bad_date_too_and_a_form_error_is_left_alone(themed_app, qtbot):
    """Enter shows the message like leaving does; a form's own message for the field
    (a closed year, say) is not taken away by the box."""
    edit = DateEdit(WEDNESDAY)
    row = FieldRow("Date", edit)
    _window = _host(qtbot, row)
    _retype(qtbot, edit, "32/1/2026")
    qtbot.keyClick(edit, RETURN)
    assert "'32/1/2026' is not a date" in row.error_text()
    edit.set_value(date(2024, 6, 15))
    assert not row.has_error()
    row.show_error("The year 2024 is closed, so it cannot change.")
    edit.set_value(date(2024, 6, 16))
    assert row.error_text() == "The year 2024 is closed, so it cannot change."


def test_a_box_outside_a_form_field_still_marks_a_bad_date(themed_app, qtbot):
    """With no field to write under, the box gets a red border and says why as a tip."""
    edit, after, _host = _box(qtbot)
    _retype(qtbot, edit, "30/02/2026")
    _leave(qtbot, after)
    assert edit.lineEdit().property("error") is True
    assert "February 2026 has 28 days" in edit.lineEdit().toolTip()
    edit.set_value(date(2026, 2, 28))
    assert edit.lineEdit().property("error") is False
    assert edit.lineEdit().toolTip() == ""


def test_dates_before_the_earliest_or_after_the_latest_are_refused(themed_app, qtbot):
    """The box keeps to its minimum and maximum dates, and says so."""
    edit, _after, _host = _box(qtbot)
    assert (edit.minimumDate(), edit.maximumDate()) == (QDate(1900, 1, 1), QDate(2200, 12, 31))
    _retype(qtbot, edit, "1/1/1800")
    assert edit.error_text() == "'1/1/1800' is too early: choose 1 January 1900 or later."
    edit.setDateRange(date(2026, 1, 1), date(2026, 12, 31))
    _retype(qtbot, edit, "1/1/2027")
    assert edit.error_text() == "'1/1/2027' is too late: choose 31 December 2026 or earlier."
    assert edit.value() == WEDNESDAY
    edit.set_value(date(2030, 5, 5))  # as QDateEdit.setDate: kept within the range
    assert edit.value() == date(2026, 12, 31)


# ---------------------------------------------------------------- what the box already did


def test_value_set_value_and_the_qdateedit_calls_agree(themed_app, qtbot):
    """value()/set_value() speak date; date()/setDate() still speak QDate."""
    edit, _after, _host = _box(qtbot)
    assert edit.value() == WEDNESDAY and edit.date() == QDate(2026, 11, 18)
    with qtbot.waitSignal(edit.dateChanged) as signal:
        edit.setDate(QDate(2027, 1, 2))
    assert signal.args == [QDate(2027, 1, 2)]
    assert edit.value() == date(2027, 1, 2)
    assert edit.lineEdit().text() == "02/01/2027"
    with qtbot.assertNotEmitted(edit.dateChanged):
        edit.set_value(date(2027, 1, 2))


def test_a_typed_date_is_announced_as_soon_as_it_is_whole(themed_app, qtbot):
    """dateChanged follows the typing, so words shown beside the box can keep up."""
    edit, _after, _host = _box(qtbot)
    seen: list[QDate] = []
    edit.dateChanged.connect(seen.append)
    _retype(qtbot, edit, "3/10/2026")
    assert seen[-1] == QDate(2026, 10, 3)
    assert edit.value() == date(2026, 10, 3)


def test_in_words_shows_the_weekday_and_reads_a_typed_date(themed_app, qtbot):
    """IN_WORDS shows "Wednesday 18 November 2026"; 3/10/26 typed becomes its words."""
    edit, after, _host = _box(qtbot, display_format=IN_WORDS)
    assert edit.displayFormat() == IN_WORDS
    assert edit.lineEdit().text() == "Wednesday 18 November 2026"
    _retype(qtbot, edit, "3/10/26")
    assert edit.value() == date(2026, 10, 3)
    _leave(qtbot, after)
    assert edit.lineEdit().text() == "Saturday 3 October 2026"
    edit.setFocus()
    qtbot.keyClick(edit, RETURN)
    assert edit.lineEdit().text() == "Saturday 3 October 2026"
    assert edit.value() == date(2026, 10, 3)


def test_the_words_are_english_whatever_the_computer_language(themed_app, qtbot):
    """A French machine still shows "Wednesday 18 November 2026" and reads "18 Nov 2026"."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        edit, _after, _host = _box(qtbot, display_format=IN_WORDS)
        assert edit.lineEdit().text() == "Wednesday 18 November 2026"
        _retype(qtbot, edit, "19 Nov 2026")
        assert edit.value() == date(2026, 11, 19)
        assert edit.calendarWidget().locale().language() == QLocale.Language.English
    finally:
        QLocale.setDefault(before)


def test_the_mouse_wheel_never_changes_the_date(themed_app, qtbot):
    """A shaky hand scrolling the form leaves the date alone (the page scrolls)."""
    edit, _after, _host = _box(qtbot)
    for target in (edit, edit.lineEdit()):
        centre = QPointF(target.rect().center())
        wheel = QWheelEvent(
            centre,
            QPointF(target.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(target, wheel)
        assert not wheel.isAccepted()
    assert edit.value() == WEDNESDAY


def test_up_and_down_step_a_day_but_never_step_a_bad_date(themed_app, qtbot):
    """Up is the next day, Down the day before; on 31/11/2026 they name the problem."""
    edit = DateEdit(WEDNESDAY)
    row = FieldRow("Date", edit)
    _window = _host(qtbot, row)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.value() == date(2026, 11, 19)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert edit.value() == date(2026, 11, 17)
    assert edit.lineEdit().text() == "17/11/2026"
    _retype(qtbot, edit, "31/11/2026")
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.lineEdit().text() == "31/11/2026"
    assert edit.value() == date(2026, 11, 17)
    assert "November has 30 days" in row.error_text()


def test_enter_goes_on_to_the_form_after_finishing_the_date(themed_app, qtbot):
    """Enter is not used up by the box: a form watching for it (to move to the next field,
    as the accounts entry does) still sees it, and a parent gets it too."""

    class Watcher(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.enters = 0

        def eventFilter(self, watched, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.KeyPress and event.key() == RETURN:
                self.enters += 1
                return True
            return False

    class Parent(QWidget):
        enters = 0

        def keyPressEvent(self, event):  # noqa: N802 (Qt name)
            if event.key() == RETURN:
                self.enters += 1

    edit = DateEdit(WEDNESDAY)
    parent = Parent()
    QVBoxLayout(parent).addWidget(edit)
    qtbot.addWidget(parent)
    parent.show()
    _retype(qtbot, edit, "1/2/2027")
    qtbot.keyClick(edit.lineEdit(), RETURN)
    assert parent.enters == 1
    assert edit.lineEdit().text() == "01/02/2027"

    watcher = Watcher()
    edit.installEventFilter(watcher)
    for part in edit.findChildren(QLineEdit):
        part.installEventFilter(watcher)
    qtbot.keyClick(edit, RETURN)
    qtbot.keyClick(edit.lineEdit(), RETURN)
    assert watcher.enters == 2


# ---------------------------------------------------------------- the calendar


@POPUP_WARNINGS
def test_the_calendar_button_opens_a_monday_first_grid_and_picks_a_day(themed_app, qtbot):
    """The big Calendar button opens the calendar on the date shown; a click picks."""
    edit, _after, _host = _box(qtbot)
    qtbot.mouseClick(edit.calendar_button, Qt.MouseButton.LeftButton)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.isGridVisible()
    assert calendar.selectedDate() == QDate(2026, 11, 18)
    assert (calendar.minimumDate(), calendar.maximumDate()) == (
        QDate(1900, 1, 1),
        QDate(2200, 12, 31),
    )
    with qtbot.waitSignal(edit.dateChanged) as signal:
        calendar.clicked.emit(QDate(2026, 12, 2))
    assert signal.args == [QDate(2026, 12, 2)]
    assert not calendar.isVisible()
    assert edit.value() == date(2026, 12, 2)
    assert edit.lineEdit().text() == "02/12/2026"


@POPUP_WARNINGS
def test_the_calendar_opens_from_the_keyboard_and_escape_changes_nothing(themed_app, qtbot):
    """Alt+Down opens it, on the date typed; Escape closes it and keeps the date."""
    edit, _after, _host = _box(qtbot)
    _retype(qtbot, edit, "5/1/2027")
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2027, 1, 5)
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert edit.value() == date(2027, 1, 5)


@POPUP_WARNINGS
def test_a_picked_day_replaces_a_bad_date_and_its_message(themed_app, qtbot):
    """After 31/11/2026, picking 30 November on the calendar is the date, message gone."""
    edit = DateEdit(WEDNESDAY)
    row = FieldRow("Date", edit)
    _window = _host(qtbot, row)
    _retype(qtbot, edit, "31/11/2026")
    qtbot.keyClick(edit, RETURN)
    assert row.has_error()
    edit.show_calendar()
    edit.calendarWidget().activated.emit(QDate(2026, 11, 30))
    assert edit.value() == date(2026, 11, 30) and edit.is_valid()
    assert not row.has_error()


def test_a_switched_off_box_opens_no_calendar(themed_app, qtbot):
    """Disabled (a date that is left out), both parts are disabled and nothing opens."""
    edit, _after, _host = _box(qtbot)
    edit.setEnabled(False)
    assert not edit.lineEdit().isEnabled() and not edit.calendar_button.isEnabled()
    edit.show_calendar()
    assert not edit.calendarWidget().isVisible()


# ---------------------------------------------------------------- size, names, looks


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("display_format", [DAY_FIRST, IN_WORDS])
def test_the_box_is_big_named_and_fits_its_longest_date(themed_app, qtbot, scale, display_format):
    """Both parts are 44 px targets with names, side by side; the box fits "Wednesday 30
    September 2026" whole; given more room the field does not stretch."""
    theme.apply_theme(themed_app, scale)
    edit = DateEdit(date(2026, 9, 30), display_format=display_format)
    row = FieldRow("Date of the meeting", edit)
    window = _host(qtbot, row)
    window.resize(edit.sizeHint().width() + 400, window.height())
    qtbot.waitUntil(lambda: window.width() > edit.sizeHint().width() + 300)
    assert edit.width() == edit.sizeHint().width()
    line, button = edit.lineEdit(), edit.calendar_button
    assert line.geometry().top() == button.geometry().top()  # one line
    assert line.height() == button.height()
    for part in (line, button):
        assert part.width() >= MIN_TARGET and part.height() >= MIN_TARGET
    assert accessible_name(line) == "Date of the meeting"
    assert "Calendar" in accessible_name(button)
    assert "date of the meeting" in accessible_name(button)
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert _text_fits(line)


def test_where_the_form_is_narrow_the_button_goes_under_the_box(themed_app, qtbot):
    """At 200 % a form narrower than date and button gets the button on a line of its own,
    rather than scrolling sideways or cutting the date."""
    theme.apply_theme(themed_app, 2.0)
    edit = DateEdit(date(2026, 9, 30), display_format=IN_WORDS)
    window = _host(qtbot, edit)
    narrow = edit.lineEdit().sizeHint().width() + 40
    window.setFixedWidth(narrow)
    qtbot.waitUntil(lambda: edit.width() <= narrow)
    line, button = edit.lineEdit(), edit.calendar_button
    qtbot.waitUntil(lambda: button.geometry().top() > line.geometry().bottom())
    assert edit.height() >= line.height() + button.height()
    assert _text_fits(line)
    assert edit.value() == date(2026, 9, 30)


def _text_fits(line: QLineEdit) -> bool:
    margins = line.textMargins()
    shown = line.fontMetrics().horizontalAdvance(line.text())
    room = line.contentsRect().width() - margins.left() - margins.right()
    return shown <= room and line.cursorRect().right() <= line.contentsRect().right()


def test_the_form_error_border_reaches_the_text_box(themed_app, qtbot):
    """A form marks the whole field; the red border is drawn on the text box."""
    edit = DateEdit(WEDNESDAY)
    row = FieldRow("Date", edit)
    _window = _host(qtbot, row)
    row.show_error("Choose a date in the year being recorded.")
    assert edit.lineEdit().property("error") is True
    row.clear_error()
    assert edit.lineEdit().property("error") is False


# ---------------------------------------------------------------- forms that save dates


def test_bad_dates_names_each_field_whose_date_box_is_not_a_date(themed_app, qtbot):
    """bad_dates gives a form what to refuse with: the fields in use whose text is not a
    date, with the box's message; a left-out date (switched off) or hidden field is not
    asked about."""
    form = FormPanel()
    on, good = DateEdit(WEDNESDAY), DateEdit(WEDNESDAY)
    ends = OptionalDate("There is an end date", "End date", WEDNESDAY)
    hidden = DateEdit(WEDNESDAY)
    form.add_field("on", "Date", on)
    form.add_field("good", "Another date", good)
    form.add_field("ends", "End", ends)
    form.add_field("hidden", "Hidden date", hidden)
    form.field("hidden").hide()
    _window = _host(qtbot, form)
    for box in (on, ends.edit, hidden):
        box.lineEdit().setText("31/11/2026")
    assert bad_dates(form.fields()) == {"on": "'31/11/2026' is not a date: November has 30 days."}
    ends.check.setChecked(True)
    assert set(bad_dates(form.fields().items())) == {"on", "ends"}
    on.set_value(WEDNESDAY)
    assert set(bad_dates(form.fields())) == {"ends"}


def test_a_form_saving_a_bad_date_never_saves_another_date(themed_app, qtbot, db, actors):
    """Money in with 31/11/2026 left in the date box: the save is refused, the typing
    kept and the reason shown by the date; nothing is saved on any date."""
    treasurer = actors["treasurer"]
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "receipt"))
    assert page.on.value() == TODAY
    page.on.lineEdit().selectAll()
    qtbot.keyClicks(page.on, "31/11/2026")
    qtbot.keyClicks(page.amount, "10")
    qtbot.keyClicks(page.payee, "A cheque")
    click(qtbot, page.save_button)
    assert page.on.lineEdit().text() == "31/11/2026"
    assert page.form.field("on").error_text() == (
        "'31/11/2026' is not a date: November has 30 days."
    )
    year = db.run(years.year_of, TODAY)
    saved = [
        line
        for account in db.run(books.list_accounts, treasurer)
        for line in db.run(
            books.cash_book, treasurer, account.account_id, year.starts, year.ends
        ).lines
    ]
    assert saved == []


def _reads(text: str) -> bool:
    try:
        read_date(text)
    except ValueError:
        return False
    return True
