"""A date box: typed day first or shown in words, with a calendar to pick from."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDateEdit, QSizePolicy, QWidget

#: Typed day/month/year, as UK spreadsheets write dates.
DAY_FIRST = "dd/MM/yyyy"
#: In words: "Wednesday 18 November 2026".
IN_WORDS = "dddd d MMMM yyyy"

_ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """A date in English whatever the computer's language, with a calendar popup.

    ``value()`` and ``set_value()`` speak Python ``date``. The calendar starts its
    weeks on Monday and shows a grid, so the days are easy to tell apart. The mouse
    wheel scrolls the page rather than changing the date, so a shaky hand scrolling a
    form never changes a date by accident.
    """

    def __init__(
        self, day: date, parent: QWidget | None = None, *, display_format: str = DAY_FIRST
    ) -> None:
        super().__init__(parent)
        self.setLocale(_ENGLISH)
        self.setDisplayFormat(display_format)
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(1900, 1, 1))
        self.setMaximumDate(QDate(2200, 12, 31))
        calendar = self.calendarWidget()
        calendar.setLocale(_ENGLISH)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setGridVisible(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_value(day)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.ignore()

    def value(self) -> date:
        return to_date(self.date())

    def set_value(self, day: date) -> None:
        self.setDate(to_qdate(day))
