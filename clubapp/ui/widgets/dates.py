"""A date box: typed day first or shown in words, with a big Calendar button beside it.

The box holds plain text while the person types, so nothing typed is thrown away or
changed behind their back: when the text is a whole date (read the way
`clubapp.services.dates.parse_date` reads dates, day first) that is the date; when it is
not, the box says so in plain words and keeps the last good date until it is put right.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateTimeEdit,
    QFrame,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clubapp.services.dates import (
    MONTH_WORDS,
    WEEKDAY_WORDS,
    long_date,
    parse_date,
)
from clubapp.services.fields import has_hidden
from clubapp.ui import theme
from clubapp.ui.theme import repolish
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.forms import FieldRow

#: Typed day/month/year, as UK spreadsheets write dates.
DAY_FIRST = "dd/MM/yyyy"
#: In words: "Wednesday 18 November 2026".
IN_WORDS = "dddd d MMMM yyyy"

#: The words on the button that opens the calendar.
CALENDAR_TEXT = "Calendar"

#: A day, inside DateEdit, whose ``date()`` method (QDateEdit's name) hides the type.
Day = date
AnyDate = QDate | date

_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
_EARLIEST = date(1900, 1, 1)
_LATEST = date(2200, 12, 31)
# Wednesday 30 September 2026: the longest weekday and month together, to size the box.
_WIDEST = date(2026, 9, 30)

# "Wed", "Wednesday", "Wed.", "Wednesday," before the date, as the box shows it in words.
_WEEKDAY_FIRST = re.compile(r"^(?P<word>[^\W\d_]+)\.?,?\s+(?P<rest>\d.*)$")
_WEEKDAYS = {w.casefold(): n for n, w in enumerate(WEEKDAY_WORDS)} | {
    w[:3].casefold(): n for n, w in enumerate(WEEKDAY_WORDS)
}
# 31102026 or 311026: the day, month and year typed as figures only, the way a date box
# made of three parts was typed.
_FIGURES_ONLY = re.compile(r"^(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4}|\d{2})$")
# The message parse_date gives for a day the month does not have.
_NO_SUCH_DAY = re.compile(r"^There is no (?P<d>\d+) (?P<mon>[A-Za-z]+) (?P<y>\d+)\.")


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate | date) -> date:
    if isinstance(value, date):
        return value
    return date(value.year(), value.month(), value.day())


def _shown(text: str) -> str:
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= 40 else cleaned[:37] + "..."


def read_date(text: str) -> date:
    """The date ``text`` names, read as `parse_date` reads it (day first, ISO, or in
    words), also with the weekday in front ("Wednesday 18 November 2026") and as figures
    only (18112026). Raises ValueError with a plain message naming what is wrong; never
    guesses a date the text does not say."""
    cleaned = " ".join(text.split())
    weekday: int | None = None
    if (match := _WEEKDAY_FIRST.match(cleaned)) and match["word"].casefold() in _WEEKDAYS:
        weekday = _WEEKDAYS[match["word"].casefold()]
        cleaned = match["rest"]
    if match := _FIGURES_ONLY.match(cleaned):
        cleaned = f"{match['d']}/{match['m']}/{match['y']}"
    try:
        day = parse_date(cleaned)
    except ValueError as exc:
        raise ValueError(_not_a_date(text, str(exc))) from None
    if weekday is not None and day.weekday() != weekday:
        raise ValueError(
            f"'{_shown(text)}' is not a date: {long_date(day, weekday=False)} is a "
            f"{WEEKDAY_WORDS[day.weekday()]}, not a {WEEKDAY_WORDS[weekday]}."
        )
    return day


def _not_a_date(text: str, problem: str) -> str:
    """parse_date's message, said about what was typed: "'31/11/2026' is not a date:
    November has 30 days."."""
    if not text.strip() or has_hidden(text):
        return problem  # blank, or a hidden character not to be shown back
    if match := _NO_SUCH_DAY.match(problem):
        month_word = match["mon"]
        if month_word in MONTH_WORDS:
            month = MONTH_WORDS.index(month_word) + 1
            year = int(match["y"])
            days = _calendar.monthrange(year, month)[1]
            which = f"{month_word} {year}" if month == 2 else month_word
            return f"'{_shown(text)}' is not a date: {which} has {days} days."
    if problem.startswith("'"):
        return problem  # It already names what was typed ("… is not a date we can read").
    return f"'{_shown(text)}' is not a date. {problem}"


class _DateLine(QLineEdit):
    """The text part: Enter and leaving the box finish the date; Up and Down step a day;
    Alt+Down or F4 open the calendar, as in a drop-down list."""

    def __init__(self, owner: DateEdit) -> None:
        super().__init__(owner)
        self._owner = owner

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # QLineEdit asks for room for 17 "x"; ask for the widest date this box shows,
        # and for the Calendar button's height, so the two line up.
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(s) for s in self._owner.widest_texts())
        width = hint.width() - 17 * metrics.horizontalAdvance("x") + widest + 4
        button = getattr(self._owner, "calendar_button", None)
        height = max(hint.height(), button.sizeHint().height() if button is not None else 0)
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key in (Qt.Key.Key_Down, Qt.Key.Key_Up)):
            self._owner.show_calendar()
            event.accept()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._owner.step_days(1 if key == Qt.Key.Key_Up else -1)
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._owner.finish_editing()
            # Not used here: Enter goes on to the form (a default button, moving on).
            event.ignore()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusOutEvent(event)
        if event.reason() not in (
            Qt.FocusReason.PopupFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
        ):
            self._owner.finish_editing()

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.ignore()


class _CalendarPopup(QFrame):
    """The calendar under the box; Escape closes it without changing the date.

    Its days are at least 44 px targets with room for their words at every text size,
    weekends in the normal text colour (the default red is too faint), and no week
    numbers, which nobody here needs.
    """

    def __init__(self, owner: DateEdit) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.Box)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(_ENGLISH)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        weekend = QTextCharFormat()
        weekend.setForeground(theme.colour("text"))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, weekend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        self.setFocusProxy(self.calendar)

    def fit(self) -> None:
        """Size the days for the text size now in use."""
        metrics = self.calendar.fontMetrics()
        bold = QFont(self.calendar.font())
        bold.setBold(True)  # the day names
        padding = 2 * theme.scaled_px(theme.ROW_PADDING_PX, theme.current_scale()) + 6
        widest = max(QFontMetrics(bold).horizontalAdvance(w) for w in ("Mon", "Wed", "Thu", "Sat"))
        cell_width = max(theme.MIN_TARGET_PX, widest + padding + 8)
        cell_height = max(theme.MIN_TARGET_PX, metrics.lineSpacing() + padding)
        bar = self.calendar.findChild(QWidget, "qt_calendar_navigationbar")
        bar_height = bar.sizeHint().height() if bar is not None else 0
        # Seven columns; a row of day names and six of days; the view's focus border.
        self.calendar.setMinimumSize(7 * cell_width + 8, 7 * cell_height + bar_height + 8)
        self.adjustSize()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.close()
            event.accept()
            return
        super().keyPressEvent(event)


class DateEdit(FlowBox):
    """A date in English whatever the computer's language: a box to type it in and a big
    Calendar button beside it.

    ``value()`` and ``set_value()`` speak Python ``date``. Typing gives exactly the date
    typed, read day first like `parse_date` (31/10/2026, 31-10-26, 31 Oct 2026,
    2026-10-31, 31102026). While the text is not a date, ``is_valid()`` is False,
    ``error_text()`` says why in plain words, and ``value()`` keeps the last good date:
    forms should refuse to save then. When the person leaves the box (or presses Enter)
    a good date is shown the box's way and a bad one is named under the field; what
    they typed is never cleared.

    The calendar starts its weeks on Monday and shows a grid, so the days are easy to
    tell apart. The mouse wheel scrolls the page rather than changing the date, so a
    shaky hand scrolling a form never changes a date by accident.

    The QDateEdit calls the app used still work: ``date()``, ``setDate()``,
    ``dateChanged``, ``editingFinished``, ``lineEdit()``, ``calendarWidget()``,
    ``interpretText()``, the minimum and maximum dates and ``displayFormat()``.
    """

    #: The date changed: typed (once the text is a whole date), picked or set.
    dateChanged = Signal(QDate)  # noqa: N815 (QDateEdit's name, which callers use)
    #: Enter was pressed, the box was left, or a day was picked on the calendar.
    editingFinished = Signal()  # noqa: N815 (Qt name)
    #: The text became a date (True) or stopped being one (False).
    validity_changed = Signal(bool)

    #: QDateEdit's sections, for callers written for QDateEdit.
    Section = QDateTimeEdit.Section

    def __init__(
        self, day: date, parent: QWidget | None = None, *, display_format: str = DAY_FIRST
    ) -> None:
        super().__init__(parent, spacing=8, align=Qt.AlignmentFlag.AlignVCenter)
        self._format = display_format
        self._minimum = _EARLIEST
        self._maximum = _LATEST
        self._good = self._bounded(day)
        self._typed: date | None = self._good
        self._error = ""
        self._emitted = self._good
        self._popup: _CalendarPopup | None = None
        # Where this box put its error message, and the message, to take it back.
        self._error_shown_in: FieldRow | DateEdit | None = None
        self._error_shown = ""

        self.setLocale(_ENGLISH)
        self.line = _DateLine(self)
        self.line.setLocale(_ENGLISH)
        self.line.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.calendar_button = QPushButton(CALENDAR_TEXT, self)
        self.calendar_button.setAutoDefault(False)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.calendar_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.calendar_button.clicked.connect(self.show_calendar)
        self.add_widget(self.line)
        self.add_widget(self.calendar_button)

        # Never wider than the date and its button; where the form is narrower (large
        # text), the button goes under the box rather than the form scrolling sideways.
        policy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self._read_text)
        self.line.setText(self._words(self._good))

    # ------------------------------------------------------------ the public API

    def value(self) -> date:
        """The date typed, or while the text is not a date, the last good one."""
        return self._typed if self._typed is not None else self._good

    def set_value(self, day: date) -> None:
        """Show ``day`` (kept within the minimum and maximum dates)."""
        self._good = self._bounded(to_date(day))
        self._take_back_error()
        self.line.setText(self._words(self._good))
        self.line.setCursorPosition(0)

    def is_valid(self) -> bool:
        """True when the text is a whole date within the allowed dates."""
        return self._typed is not None

    def error_text(self) -> str:
        """Why the text is not a date, in plain words; "" when it is one."""
        return self._error

    def text(self) -> str:
        return self.line.text()

    def finish_editing(self) -> None:
        """What Enter and leaving the box do: a good date is shown the box's way (and
        kept as the last good date); a bad one is named under the field."""
        if self._typed is not None:
            self._good = self._typed
            words = self._words(self._good)
            if self.line.text() != words:
                self.line.setText(words)
            self._take_back_error()
        else:
            self._show_error()
        self.editingFinished.emit()

    def step_days(self, days: int) -> None:
        """Up and Down: the day after or before. A bad text is named, not stepped."""
        if self._typed is None:
            self._show_error()
            return
        moved = self._bounded(self._typed + timedelta(days=days))
        self.set_value(moved)
        self.line.setCursorPosition(len(self.line.text()))

    def show_calendar(self) -> None:
        """Open the calendar under the box, on the date shown."""
        if not self.isEnabled():
            return
        popup = self._calendar_popup()
        popup.calendar.setDateRange(to_qdate(self._minimum), to_qdate(self._maximum))
        popup.calendar.setSelectedDate(to_qdate(self.value()))
        popup.fit()
        popup.move(self._popup_place(popup.sizeHint()))
        popup.show()
        popup.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def hide_calendar(self) -> None:
        if self._popup is not None:
            self._popup.hide()

    # ------------------------------------------------------------ QDateEdit's calls

    def date(self) -> QDate:
        return to_qdate(self.value())

    def setDate(self, day: AnyDate) -> None:  # noqa: N802 (Qt name)
        self.set_value(to_date(day))

    def lineEdit(self) -> QLineEdit:  # noqa: N802 (Qt name)
        return self.line

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 (Qt name)
        return self._calendar_popup().calendar

    def calendarPopup(self) -> bool:  # noqa: N802 (Qt name)
        return True  # always: the Calendar button

    def interpretText(self) -> None:  # noqa: N802 (Qt name)
        self.finish_editing()

    def displayFormat(self) -> str:  # noqa: N802 (Qt name)
        return self._format

    def setDisplayFormat(self, display_format: str) -> None:  # noqa: N802 (Qt name)
        self._format = display_format
        self.line.updateGeometry()
        if self._typed is not None:
            self.line.setText(self._words(self._typed))

    def minimumDate(self) -> QDate:  # noqa: N802 (Qt name)
        return to_qdate(self._minimum)

    def maximumDate(self) -> QDate:  # noqa: N802 (Qt name)
        return to_qdate(self._maximum)

    def setMinimumDate(self, day: AnyDate) -> None:  # noqa: N802 (Qt name)
        self.setDateRange(day, max(to_date(day), self._maximum))

    def setMaximumDate(self, day: AnyDate) -> None:  # noqa: N802 (Qt name)
        self.setDateRange(min(to_date(day), self._minimum), day)

    def setDateRange(self, earliest: AnyDate, latest: AnyDate) -> None:  # noqa: N802
        self._minimum, self._maximum = to_date(earliest), to_date(latest)
        if self._good != self._bounded(self._good):
            self.set_value(self._good)
        else:
            self._read_text(self.line.text())

    def setSelectedSection(self, _section: QDateTimeEdit.Section) -> None:  # noqa: N802
        """QDateEdit's call: the box is one piece of text, so any part selects it all
        (typing then replaces the whole date)."""
        self.line.selectAll()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt name)
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        self.calendar_button.setAccessibleName(f"{CALENDAR_TEXT}: choose the {_lower(name)}")

    def setAccessibleDescription(self, description: str) -> None:  # noqa: N802 (Qt name)
        super().setAccessibleDescription(description)
        self.line.setAccessibleDescription(description)

    # ------------------------------------------------------------ Qt events

    def event(self, event: QEvent) -> bool:
        # A form marks the whole field ("error"); the border to colour is the box's.
        if (
            event.type() == QEvent.Type.DynamicPropertyChange
            and event.propertyName() == b"error"  # type: ignore[attr-defined]
            and "line" in self.__dict__
        ):
            self.line.setProperty("error", self.property("error"))
            repolish(self.line)
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        # Keys sent to the whole field go to the text, as in a QDateEdit.
        self.line.keyPressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.ignore()

    # ------------------------------------------------------------ inside

    def _words(self, day: Day) -> str:
        return _ENGLISH.toString(to_qdate(day), self._format)

    def _bounded(self, day: Day) -> Day:
        return min(max(day, self._minimum), self._maximum)

    def widest_texts(self) -> list[str]:
        """What the box must have room for: its widest date, or a date typed in short."""
        return [self._words(_WIDEST), "30/09/2026", "30 Sept 2026"]

    def _read_text(self, text: str) -> None:
        was_valid = self._typed is not None
        try:
            day = read_date(text)
            if day < self._minimum:
                raise ValueError(
                    f"'{_shown(text)}' is too early: choose {long_date(self._minimum, weekday=False)}"
                    " or later."
                )
            if day > self._maximum:
                raise ValueError(
                    f"'{_shown(text)}' is too late: choose {long_date(self._maximum, weekday=False)}"
                    " or earlier."
                )
        except ValueError as exc:
            self._typed, self._error = None, str(exc)
        else:
            self._typed, self._error = day, ""
        if self._error_shown_in is not None and self._error != self._error_shown:
            self._take_back_error()
        if was_valid != (self._typed is not None):
            self.validity_changed.emit(self._typed is not None)
        now = self.value()
        if now != self._emitted:
            self._emitted = now
            self.dateChanged.emit(to_qdate(now))

    def _field_row(self) -> FieldRow | None:
        """The form field (label, box, error line) this box is the editor of, if any."""
        w = self.parentWidget()
        while w is not None:
            if isinstance(w, FieldRow) and (w.editor is self or w.editor.isAncestorOf(self)):
                return w
            w = w.parentWidget()
        return None

    def _show_error(self) -> None:
        """Name what is wrong under the field (what was typed stays as it is)."""
        if not self._error:
            return
        self._take_back_error()
        row = self._field_row()
        if row is not None:
            row.show_error(self._error)
            self._error_shown_in = row
        else:
            # Not in a form field: a red border, and the words as a tip and for screen
            # readers.
            self.setProperty("error", True)
            self.line.setToolTip(self._error)
            self.line.setAccessibleDescription(
                f"{self._error} {self.accessibleDescription()}".strip()
            )
            self._error_shown_in = self
        self._error_shown = self._error

    def _take_back_error(self) -> None:
        """Remove the message this box showed (not one the form showed for its reasons)."""
        shown_in, self._error_shown_in = self._error_shown_in, None
        if shown_in is self:
            self.setProperty("error", False)
            self.line.setToolTip("")
            self.line.setAccessibleDescription(self.accessibleDescription())
        elif isinstance(shown_in, FieldRow) and shown_in.error_text() == self._error_shown:
            shown_in.clear_error()
        self._error_shown = ""

    def _calendar_popup(self) -> _CalendarPopup:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.calendar.clicked.connect(self._picked)
            self._popup.calendar.activated.connect(self._picked)
        return self._popup

    def _picked(self, day: QDate) -> None:
        self.hide_calendar()
        self.set_value(to_date(day))
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)
        self.editingFinished.emit()

    def _popup_place(self, size: QSize) -> QPoint:
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - size.width())
        y = below.y()
        if y + size.height() > screen.bottom():
            y = max(screen.top(), self.mapToGlobal(QPoint(0, 0)).y() - size.height())
        return QPoint(x, y)


def bad_dates(
    fields: Mapping[str, FieldRow] | Iterable[tuple[str, FieldRow]],
) -> dict[str, str]:
    """{field name: why} for each field holding a date box whose text is not a date,
    among the boxes switched on and not hidden: what a form shows, and refuses to save
    with, rather than saving the last good date. ``fields`` is ``FormPanel.fields()`` or
    (name, row) pairs."""
    pairs = fields.items() if isinstance(fields, Mapping) else fields
    problems: dict[str, str] = {}
    for name, row in pairs:
        editor = row.editor
        boxes = [editor] if isinstance(editor, DateEdit) else editor.findChildren(DateEdit)
        for box in boxes:
            in_use = box.isEnabled() and box.isVisibleTo(box.window())
            if in_use and not box.is_valid() and name not in problems:
                problems[name] = box.error_text()
    return problems


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:] if name[1:2].islower() else name
