"""Plan sessions: see the sessions coming up, add one, add a repeating series, remove one.

Opened from the Attendance page (coordinator only). Each form keeps what was typed
when the service says something is wrong, and shows the message under the field.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import attendance
from clubapp.services.attendance import WEEKDAY_WORDS, SessionRow
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.ui.context import ATTENDANCE, SESSIONS
from clubapp.ui.pages.attendance import (
    SERVICE_ERRORS,
    FullTable,
    people_words,
    session_title,
    time_words,
)
from clubapp.ui.pages.base import Page
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.theme import repolish
from clubapp.ui.widgets import messages
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit, bad_dates
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.forms import FormPanel

#: Sessions this many days ahead are listed as coming up.
UPCOMING_DAYS = 366
#: Start times offered: every half hour from 7 in the morning to half past 9 at night.
START_TIMES = [time(h, m) for h in range(7, 22) for m in (0, 30)]
NO_TIME = "No set time"


def weekday_plural(days: set[int]) -> str:
    """{2, 4} -> "Wednesdays and Fridays"."""
    names = [f"{WEEKDAY_WORDS[d]}s" for d in sorted(days)]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def count_days(weekdays: set[int], first: date, last: date) -> int:
    """How many of the chosen weekdays fall between two dates (both included)."""
    total = 0
    day = first
    while day <= last:
        total += day.weekday() in weekdays
        day += timedelta(days=1)
    return total


class TimeCombo(QComboBox):
    """Start time: "No set time" or a half hour, in words people use ("2:00 pm")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._times: list[time | None] = [None, *START_TIMES]
        for t in self._times:
            self.addItem(time_words(t) if t is not None else NO_TIME)
        self.setMaxVisibleItems(10)

    def value(self) -> time | None:
        index = self.currentIndex()
        return self._times[index] if 0 <= index < len(self._times) else None

    def index_of(self, value: time | None) -> int:
        """The row for a time, or -1 if the list does not offer it."""
        return self._times.index(value) if value in self._times else -1

    def set_value(self, value: time | None) -> None:
        self.setCurrentIndex(max(0, self.index_of(value)))


class WeekdayChecks(FlowBox):
    """Seven check boxes, Monday to Sunday, in words; a grid that wraps at a large text size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, spacing=16, uniform=True)
        self.boxes: list[QCheckBox] = []
        for word in WEEKDAY_WORDS:
            box = QCheckBox(word, self)
            box.setAccessibleName(word)
            self.add_widget(box)
            self.boxes.append(box)

    def value(self) -> set[int]:
        return {i for i, box in enumerate(self.boxes) if box.isChecked()}

    def set_value(self, days: set[int]) -> None:
        for i, box in enumerate(self.boxes):
            box.setChecked(i in days)


class SessionsModel(RowsModel[SessionRow]):
    """The sessions coming up. The session id is in ``Qt.UserRole``."""

    ID_FIELD = "session_id"

    HEADERS = ("Date", "Session", "People here")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = f", {time_words(row.start_time)}" if row.start_time else ""
            return (
                long_date(row.on_date),
                f"{row.name}{when}",
                str(row.present) if row.present else "Nobody yet",
            )[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.session_id
        return None


class SessionsPage(Page):
    """See the sessions coming up, add one session or a repeating series, remove one.

    Public: ``upcoming_button``, ``one_button``, ``series_button`` (which part shows),
    ``done_label``; the list: ``table``, ``model``, ``remove_button``,
    ``remove_note``; the one-session form ``one_form`` with ``one_name``,
    ``one_date``, ``one_time``, ``one_add_button``; the repeating form
    ``series_form`` with ``series_name``, ``series_days``, ``series_first``,
    ``series_last``, ``series_time``, ``series_add_button``. Methods:
    :meth:`show_upcoming`, :meth:`show_one_form`, :meth:`show_series_form`,
    :meth:`add_one`, :meth:`add_series`, :meth:`remove_selected`,
    :meth:`select_session`, :meth:`selected_session`.
    """

    title = "Plan sessions"
    help_text = (
        "Plan the club's sessions here. Add one session for a one-off, like a Sunday "
        "Crafternoon. Add repeating sessions for the usual club days, for example every "
        "Wednesday and Friday until the summer. You can remove a session if nobody has "
        "been marked as here at it."
    )
    domains = (SESSIONS, ATTENDANCE)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        today = ctx.today()
        self._can_plan = ctx.can("sessions.manage")

        self.upcoming_button = SwitchButton("Coming up")
        self.one_button = SwitchButton("Add one session")
        self.series_button = SwitchButton("Add repeating sessions")
        self._views = QButtonGroup(self)
        for button in (self.upcoming_button, self.one_button, self.series_button):
            self._views.addButton(button)

        self.not_allowed_note = QLabel("Only the coordinator can plan club sessions.")
        self.not_allowed_note.setProperty("role", "help")
        self.not_allowed_note.setWordWrap(True)
        self.not_allowed_note.setVisible(not self._can_plan)

        self.done_label = QLabel("")
        self.done_label.setProperty("role", "label")
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.hide()

        # --- coming up: the remove button first, then every session, all scrolling
        self.model = SessionsModel(self)
        self.table = FullTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sessions coming up")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(
            "No sessions are planned for the coming year. Use Add repeating sessions to "
            "plan the usual club days."
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.remove_button = BigButton("Remove this session", variant="danger")
        self.remove_note = QLabel("Choose a session in the list to remove it.")
        self.remove_note.setProperty("role", "help")
        self.remove_note.setWordWrap(True)
        upcoming_body = QWidget()
        up_layout = QVBoxLayout(upcoming_body)
        up_layout.setContentsMargins(0, 0, 8, 8)
        up_layout.setSpacing(12)
        up_layout.addWidget(flow_row(self.remove_button, self.remove_note))
        up_layout.addWidget(self.empty_label)
        up_layout.addWidget(self.table)
        up_layout.addStretch(1)
        upcoming = QScrollArea()
        upcoming.setWidgetResizable(True)
        upcoming.setFrameShape(QFrame.Shape.NoFrame)
        upcoming.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        upcoming.setWidget(upcoming_body)
        self.upcoming_area = upcoming

        # --- one session
        self.one_form = FormPanel()
        self.one_name = QLineEdit()
        self.one_name.setPlaceholderText("For example Crafternoon")
        self.one_date = DateEdit(today, display_format=IN_WORDS)
        self.one_time = TimeCombo()
        self.one_form.add_field("name", "Name of the session", self.one_name)
        self.one_form.add_field("on_date", "Date", self.one_date)
        self.one_form.add_field(
            "start_time", "Start time", self.one_time, "Leave it as No set time if it varies."
        )
        self.one_add_button = BigButton("Add this session", variant="primary")
        self.one_form.add_widget(flow_row(self.one_add_button))

        # --- repeating sessions
        self.series_form = FormPanel()
        self.series_name = QLineEdit()
        self.series_name.setPlaceholderText("For example Wednesday Club")
        self.series_days = WeekdayChecks()
        self.series_first = DateEdit(today, display_format=IN_WORDS)
        self.series_last = DateEdit(today + timedelta(weeks=12), display_format=IN_WORDS)
        self.series_time = TimeCombo()
        self.series_form.add_field("name", "Name of the sessions", self.series_name)
        self.series_form.add_field(
            "weekdays", "Which days of the week", self.series_days, "Tick one day or more."
        )
        self.series_form.add_field("starts_on", "First date", self.series_first)
        self.series_form.add_field(
            "ends_on", "Last date", self.series_last, "The sessions stop after this date."
        )
        self.series_form.add_field(
            "start_time", "Start time", self.series_time, "Leave it as No set time if it varies."
        )
        self.series_add_button = BigButton("Add these sessions", variant="primary")
        self.series_form.add_widget(flow_row(self.series_add_button))

        self.stack = QStackedWidget()
        self.stack.addWidget(upcoming)
        self.stack.addWidget(self.one_form)
        self.stack.addWidget(self.series_form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(flow_row(self.upcoming_button, self.one_button, self.series_button))
        layout.addWidget(self.not_allowed_note)
        layout.addWidget(self.done_label)
        layout.addWidget(self.stack, 1)

        self.upcoming_button.clicked.connect(self.show_upcoming)
        self.one_button.clicked.connect(self.show_one_form)
        self.series_button.clicked.connect(self.show_series_form)
        self.one_add_button.clicked.connect(self.add_one)
        self.series_add_button.clicked.connect(self.add_series)
        self.remove_button.clicked.connect(self.remove_selected)
        self.one_name.returnPressed.connect(self.add_one)
        self.series_name.returnPressed.connect(self.add_series)
        self.table.selectionModel().selectionChanged.connect(self._update_remove)
        for widget in (
            self.one_add_button,
            self.series_add_button,
            self.one_button,
            self.series_button,
        ):
            widget.setEnabled(self._can_plan)
        self.show_upcoming()

    # ------------------------------------------------------------ which part shows

    def _show(self, button: BigButton, index: int) -> None:
        button.setChecked(True)
        self.stack.setCurrentIndex(index)

    def show_upcoming(self) -> None:
        self._show(self.upcoming_button, 0)

    def show_one_form(self) -> None:
        self.done_label.hide()
        self._show(self.one_button, 1)
        self.one_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_series_form(self) -> None:
        self.done_label.hide()
        self._show(self.series_button, 2)
        self.series_name.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ the list

    def refresh(self) -> None:
        chosen = self.selected_session()
        today = self.ctx.today()
        rows = self.ctx.read(attendance.list_sessions, today, today + timedelta(days=UPCOMING_DAYS))
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if chosen is not None:
            self.select_session(chosen.session_id)
        self._update_remove()

    def selected_session(self) -> SessionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_session(self, session_id: int) -> bool:
        row = self.model.row_of(session_id)
        if row < 0:
            self.table.clearSelection()
            return False
        self.table.selectRow(row)
        rect = self.table.visualRect(self.model.index(row, 0))
        self.upcoming_area.ensureVisible(
            rect.center().x(), self.table.y() + rect.center().y(), 0, rect.height()
        )
        return True

    def _update_remove(self, *_args: object) -> None:
        chosen = self.selected_session()
        if not self._can_plan:
            self.remove_button.setEnabled(False)
            self.remove_note.setText("Only the coordinator can remove sessions.")
        elif chosen is None:
            self.remove_button.setEnabled(False)
            self.remove_note.setText("Choose a session in the list to remove it.")
        elif chosen.present:
            self.remove_button.setEnabled(False)
            self.remove_note.setText(
                f"{people_words(chosen.present)} {'is' if chosen.present == 1 else 'are'} "
                "marked as here at this session, so it stays."
            )
        else:
            self.remove_button.setEnabled(True)
            self.remove_note.setText(f"Chosen: {session_title(chosen)}.")

    def remove_selected(self) -> bool:
        chosen = self.selected_session()
        if chosen is None:
            return False
        title = session_title(chosen)
        if not messages.ask_to_confirm(
            self,
            "Remove this session",
            f"Remove {title} from the plan? Nobody is marked as here at it yet.",
            f"Yes, remove {chosen.name} on {long_date(chosen.on_date)}",
            "Go back, keep it",
            danger=True,
        ):
            return False
        try:
            self.ctx.run(attendance.cancel_session, chosen.session_id, changed=SESSIONS)
        except SERVICE_ERRORS as exc:
            messages.tell(self, "The session was not removed", str(exc))
            if isinstance(exc, NotFound):
                self.refresh_now()
            return False
        self._done(f"Removed {title}.")
        return True

    def _done(self, text: str) -> None:
        self.done_label.setText(text)
        self.done_label.show()
        repolish(self.done_label)

    # ------------------------------------------------------------ adding

    @staticmethod
    def _show_errors(form: FormPanel, errors: dict[str, str]) -> None:
        """Show each error under its field and scroll so the first message is in view."""
        row = form.show_errors(errors)
        if row is not None:
            form.ensureWidgetVisible(row.error_label, 0, 16)

    def add_one(self) -> bool:
        form = self.one_form
        form.clear_errors()
        if problems := bad_dates(form.fields()):
            self._show_errors(form, problems)
            return False
        name = self.one_name.text()
        on_date = self.one_date.value()
        start = self.one_time.value()
        try:
            session_id = self.ctx.run(
                attendance.add_session, name, on_date, start, changed=SESSIONS
            )
        except ValidationError as exc:
            self._show_errors(form, exc.errors)
            return False
        except SERVICE_ERRORS as exc:
            self._show_errors(form, {"form": str(exc)})
            return False
        clean = " ".join(name.split())
        when = long_date(on_date) + (f", {time_words(start)}" if start else "")
        self.one_name.clear()
        self.show_upcoming()
        self.refresh_now()
        self.select_session(session_id)
        self._done(f"Added {clean} on {when}.")
        return True

    def add_series(self) -> bool:
        form = self.series_form
        form.clear_errors()
        if problems := bad_dates(form.fields()):
            self._show_errors(form, problems)
            return False
        name = self.series_name.text()
        days = self.series_days.value()
        first = self.series_first.value()
        last = self.series_last.value()
        start = self.series_time.value()
        how_many = count_days(days, first, last) if days and first <= last else -1
        if how_many == 0:
            self._show_errors(
                form,
                {
                    "weekdays": "None of the ticked days falls between the first and last "
                    "dates. Tick another day, or choose a later last date."
                },
            )
            return False
        try:
            self.ctx.run(attendance.add_series, name, days, first, last, start, changed=SESSIONS)
        except ValidationError as exc:
            self._show_errors(form, exc.errors)
            return False
        except SERVICE_ERRORS as exc:
            self._show_errors(form, {"form": str(exc)})
            return False
        clean = " ".join(name.split())
        at = f" at {time_words(start)}" if start else ""
        self.series_name.clear()
        self.series_days.set_value(set())
        self.show_upcoming()
        self.refresh_now()
        self._done(
            f"Added {how_many} sessions of {clean}: {weekday_plural(days)}{at}, "
            f"from {long_date(first)} to {long_date(last)}."
        )
        return True
