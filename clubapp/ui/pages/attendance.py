"""Attendance: choose a club session, tap people's tiles to say who is here, see counts.

The register is a grid of big name tiles (photo or initials, and the name people
use) that reflows to the window's width, so at a large text size there are fewer
columns and nothing is cut off. One tap marks a person as here; a second tap
unmarks them. Each tap is saved at once, in its own transaction.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import attendance, members, printouts
from clubapp.services.attendance import MonthCount, RegisterEntry, SessionRow
from clubapp.services.dates import MONTH_WORDS, long_date
from clubapp.services.errors import NotFound
from clubapp.ui.context import ATTENDANCE, PEOPLE, SESSIONS
from clubapp.ui.pages.base import Page
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.tables import WrapRowsDelegate
from clubapp.ui.widgets.tiles import NameTile

#: Sessions this many days either side of today are offered in the list.
SESSION_WINDOW_DAYS = 366
#: Photos are kept at most this many pixels square (tiles are far smaller).
PHOTO_PX = 320


# ---------------------------------------------------------------- words


def time_words(t: Any) -> str:
    """ "2:00 pm", "10:30 am", "12:00 noon"."""
    if t is None:
        return ""
    if t.hour == 12 and t.minute == 0:
        return "12:00 noon"
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"


def session_title(row: SessionRow) -> str:
    """ "Wednesday Club — Wednesday 18 November 2026, 2:00 pm"."""
    title = f"{row.name} — {long_date(row.on_date)}"
    if row.start_time is not None:
        title += f", {time_words(row.start_time)}"
    return title


def people_words(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def here_words(count: int) -> str:
    """The live count: "14 people here", "1 person here", "Nobody here yet"."""
    return "Nobody here yet" if count == 0 else f"{people_words(count)} here"


def _fold(text: str) -> str:
    """Lower case without accents, so "zoe" finds "Zoë"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# ---------------------------------------------------------------- layout


class ShrinkingCombo(QComboBox):
    """A combo box as wide as its longest item, which may be squeezed to fit the page.

    Not Qt's AdjustToContents: with it the box resizes itself a moment after its
    items change, wider than the row that holds it, and the arrow goes out of sight.
    """

    _CHARS = 14

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(self._CHARS)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # Qt's hint holds _CHARS "X"s plus the frame and arrow: swap the Xs for the longest item.
        hint = super().sizeHint()
        fm = self.fontMetrics()
        frame = hint.width() - self._CHARS * fm.horizontalAdvance("X")
        longest = max(
            (fm.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        return QSize(max(hint.width(), longest + frame), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("Wednesday Club") + 80, hint.height())


class FindEdit(QLineEdit):
    """A line edit wide enough to show its placeholder at any text size."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        fm = self.fontMetrics()
        # Qt's own hint is 17 "x" plus the padding and border: keep those, swap the text.
        frame = max(0, hint.width() - 17 * fm.horizontalAdvance("x"))
        text = self.placeholderText() or "Type part of a name"
        return QSize(fm.horizontalAdvance(text) + frame + 12, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(
            self.fontMetrics().horizontalAdvance("Type a name"), super().minimumSizeHint().height()
        )


class TileGrid(FlowBox):
    """A uniform grid of name tiles that uses the width well at any text size.

    Tiles ask for room to keep a long name on few lines; one long name should not
    make every cell so wide that only one column fits. So when a narrower cell
    gives more columns, long names wrap onto another line and every cell grows a
    little taller instead.
    """

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 12) -> None:
        super().__init__(parent, spacing=spacing, uniform=True)

    @staticmethod
    def _name_lines_height(tile: NameTile, inner: int) -> int:
        font = QFont(tile.font())
        font.setBold(True)  # tiles draw names in bold
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter)
        return (
            QFontMetrics(font)
            .boundingRect(QRect(0, 0, max(1, inner), 100000), flags, tile.name())
            .height()
        )

    @staticmethod
    def _outer(tile: NameTile) -> int:
        # The room a tile keeps around its name: focus ring and padding on each side
        # (8 px + 10 px x text size, as NameTile draws them).
        unit = max(1.0, tile.font().pointSizeF() / 14.0)
        return 2 * (8 + round(10 * unit))

    def _narrowest(self, tile: NameTile, hint: QSize) -> int:
        """The least width at which no word of the name has to be broken."""
        font = QFont(tile.font())
        font.setBold(True)
        fm = QFontMetrics(font)
        # A line may break after a hyphen ("Montgomery-" / "Smythe") as well as at spaces.
        parts = re.split(r"(?<=-)|\s+", tile.name())
        longest = max((fm.horizontalAdvance(w) for w in parts if w), default=0)
        return min(hint.width(), max(longest + self._outer(tile), tile.minimumWidth()))

    def _cell(self, width: int | None = None) -> QSize:
        tiles = [w for w in self._visible() if isinstance(w, NameTile)]
        natural = super()._cell()
        if width is None or not tiles:
            return natural
        gap = self.spacing()
        hints = [t.sizeHint() for t in tiles]
        least = max(
            max(self._narrowest(t, h) for t, h in zip(tiles, hints, strict=True)),
            min(h.width() for h in hints),
        )
        natural_columns = max(1, (width + gap) // (natural.width() + gap))
        columns = max(1, (width + gap) // (least + gap))
        if natural_columns >= 3 or columns <= natural_columns:
            return natural
        cell_w = min(natural.width(), (width - (columns - 1) * gap) // columns)
        height = natural.height()
        for tile, hint in zip(tiles, hints, strict=True):
            if hint.width() > cell_w:
                outer = self._outer(tile)
                extra = self._name_lines_height(tile, cell_w - outer) - self._name_lines_height(
                    tile, hint.width() - outer
                )
                height = max(height, hint.height() + max(0, extra))
        return QSize(cell_w, height)


# ---------------------------------------------------------------- counts


class MonthCountsModel(RowsModel[MonthCount]):
    """One row per month, newest first: sessions, attendances and different people."""

    HEADERS = ("Month", "Sessions", "Visits", "People")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return f"{MONTH_WORDS[row.month - 1]} {row.year}"
            return str((row.sessions, row.attendances, row.people)[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 0:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return (row.year, row.month)
        return None


class FullTable(QTableView):
    """A table as tall as all its rows, for a page that scrolls as a whole.

    Words wrap inside their cells and each row grows to fit them (never below the
    theme's row height), so a narrow window at a large text size cuts nothing off.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrap(True)
        self._rows_delegate = WrapRowsDelegate(self)  # kept: Qt does not own it
        self.setItemDelegate(self._rows_delegate)
        self._fit_when_shown = False
        self._fit_pending = False
        # A stretching header resizes every column in turn: measure once, after the last.
        self.horizontalHeader().sectionResized.connect(self.fit_rows_soon)

    def setModel(self, model) -> None:  # noqa: N802 (Qt name)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.fit_rows)
            model.layoutChanged.connect(self.fit_rows)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        width_changed = event.oldSize().width() != event.size().width()
        super().resizeEvent(event)
        if width_changed:
            self.fit_rows()

    def fit_rows_soon(self, *_args: object) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_now)

    def _fit_now(self) -> None:
        self._fit_pending = False
        self.fit_rows()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._fit_when_shown:
            self.fit_rows()

    def fit_rows(self, *_args: object) -> None:
        # Measuring asks every cell of every row for its size, tenths of a second for
        # thousands of rows: a table that is not on the screen waits until it is.
        if not self.isVisible():
            self._fit_when_shown = True
            return
        self._fit_when_shown = False
        self.resizeRowsToContents()
        least = self.verticalHeader().defaultSectionSize()  # the theme's row height
        model = self.model()
        for row in range(model.rowCount() if model is not None else 0):
            if self.rowHeight(row) < least:
                self.setRowHeight(row, least)
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        rows = self.model().rowCount() if self.model() is not None else 0
        header = self.horizontalHeader().sizeHint().height()
        body = (
            sum(self.rowHeight(r) for r in range(rows))
            or self.verticalHeader().defaultSectionSize()
        )
        scroll = (
            self.horizontalScrollBar().sizeHint().height()
            if self.horizontalScrollBar().isVisible()
            else 0
        )
        return QSize(hint.width(), header + body + 2 * self.frameWidth() + scroll)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())


def last_twelve_months(today: date) -> tuple[date, date, list[tuple[int, int]]]:
    """First day of the month 11 months ago, the last day of this month, and the months."""
    months = []
    year, month = today.year, today.month
    for _ in range(12):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    first_year, first_month = months[-1]
    start = date(first_year, first_month, 1)
    next_month = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    return start, next_month - timedelta(days=1), months


# ---------------------------------------------------------------- the page


class _ReadOnlyTiles(QObject):
    """Stops taps and key presses from changing a tile, for roles that may only look."""

    BLOCKED = (
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
    )
    KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in self.BLOCKED:
            return True
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return event.key() in self.KEYS  # type: ignore[attr-defined]
        return False


class AttendancePage(Page):
    """Choose a session, tap tiles to take attendance, and see monthly counts.

    Public: ``title_label``, ``count_label``, ``find_edit``, ``clear_find_button``,
    ``earlier_button``, ``later_button``, ``session_combo``, ``print_button``,
    ``plan_button``, ``register_button``, ``counts_button``, ``read_only_note``,
    ``problem_label``, ``no_match_label``, ``counts_table``, ``counts_model``,
    ``session_count_label``; methods :meth:`session_id`, :meth:`choose_session`,
    :meth:`tiles`, :meth:`tile_for`, :meth:`visible_tiles`, :meth:`present_count`,
    :meth:`show_register`, :meth:`show_counts`, :meth:`print_sign_in_sheet`,
    :meth:`plan_sessions`.
    """

    title = "Attendance"
    help_text = (
        "This page shows who is at a club session. Tap a person's picture to say they "
        "are here. Tap it again if you made a mistake. Each tap is saved straight away. "
        "Use Earlier session and Later session to see other sessions. "
        "Type part of a name in the Find a name box to show fewer people. "
        "Counts shows how many people came each month."
    )
    domains = (ATTENDANCE, SESSIONS, PEOPLE)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._can_take = ctx.can("attendance.take")
        self._sessions: list[SessionRow] = []
        self._session: SessionRow | None = None
        self._entries: list[RegisterEntry] = []
        self._tiles: dict[int, NameTile] = {}
        self._photos: dict[int, QPixmap] | None = None
        self._read_only_filter = _ReadOnlyTiles(self)
        ctx.changed.connect(self._note_people_changed)

        # --- what stays at the top: the session, the live count and the find box
        self.title_label = QLabel("")
        self.title_label.setProperty("role", "subheading")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)

        self.count_label = QLabel("")
        self.count_label.setProperty("role", "subheading")
        self.count_label.setAccessibleName("How many people are here")
        self.find_label = QLabel("Find a name")
        self.find_label.setProperty("role", "label")
        self.find_edit = FindEdit()
        self.find_edit.setAccessibleName("Find a name")
        self.find_edit.setPlaceholderText("Type part of a name")
        self.find_label.setBuddy(self.find_edit)
        self.clear_find_button = BigButton("Show everyone", variant="secondary")
        # Shown only while something is typed; last in its row, so nothing else moves.
        self.clear_find_button.hide()
        middle = Qt.AlignmentFlag.AlignVCenter
        self.find_box = flow_row(self.find_label, self.find_edit, spacing=12, align=middle)
        self.find_row = flow_row(
            self.count_label, self.find_box, self.clear_find_button, spacing=24, align=middle
        )
        self.header = QWidget()
        header_layout = QVBoxLayout(self.header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.setSpacing(12)
        header_layout.addWidget(self.title_label)
        header_layout.addWidget(self.find_row)
        self._header_fixed = True

        # --- the rest scrolls, so nothing is cut off at a large text size
        self.earlier_button = BigButton("Earlier session", variant="secondary")
        self.later_button = BigButton("Later session", variant="secondary")
        self.session_combo = ShrinkingCombo()
        self.session_combo.setAccessibleName("Choose a session")
        self.session_combo.setToolTip("Choose a session")
        self.session_combo.setMaxVisibleItems(12)

        self.print_button = BigButton("Print sign-in sheet", variant="secondary")
        self.plan_button = BigButton("Plan sessions", variant="secondary")
        self.plan_button.setVisible(ctx.can("sessions.manage"))
        self.register_button = SwitchButton("Who is here")
        self.counts_button = SwitchButton("Counts")
        self._view_group = QButtonGroup(self)
        for button in (self.register_button, self.counts_button):
            self._view_group.addButton(button)
        self.register_button.setChecked(True)

        self.read_only_note = QLabel(
            "You can see who is here. Only the coordinator or a volunteer can take "
            "attendance, so tapping a name does nothing."
        )
        self.read_only_note.setProperty("role", "help")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(not self._can_take)

        self.problem_label = QLabel("")
        self.problem_label.setProperty("role", "error")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.hide()

        self.no_match_label = QLabel("")
        self.no_match_label.setWordWrap(True)
        self.no_match_label.setTextFormat(Qt.TextFormat.PlainText)
        self.no_match_label.hide()

        self.tile_area = TileGrid(spacing=12)
        self.tile_area.setAccessibleName("The register")

        self.counts_section = QWidget()
        self.session_count_label = QLabel("")
        self.session_count_label.setWordWrap(True)
        self.session_count_label.setProperty("role", "label")
        self.session_count_label.setTextFormat(Qt.TextFormat.PlainText)
        months_label = QLabel("Each month, for the last 12 months")
        months_label.setProperty("role", "subheading")
        months_label.setWordWrap(True)
        self.counts_model = MonthCountsModel(self)
        self.counts_table = FullTable()
        self.counts_table.setModel(self.counts_model)
        self.counts_table.setAccessibleName("Counts for each month")
        self.counts_table.verticalHeader().hide()
        self.counts_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        header = self.counts_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        counts_explained = QLabel(
            "Sessions counts the club sessions in the month. Visits counts every time "
            "someone came. People counts each person once, however often they came."
        )
        counts_explained.setProperty("role", "help")
        counts_explained.setWordWrap(True)
        counts_layout = QVBoxLayout(self.counts_section)
        counts_layout.setContentsMargins(0, 0, 0, 0)
        counts_layout.setSpacing(12)
        counts_layout.addWidget(self.session_count_label)
        counts_layout.addWidget(months_label)
        counts_layout.addWidget(self.counts_table)
        counts_layout.addWidget(counts_explained)
        self.counts_section.hide()

        body = QWidget()
        self._body_layout = body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 8)
        body_layout.setSpacing(16)
        body_layout.addWidget(flow_row(self.earlier_button, self.later_button, self.session_combo))
        body_layout.addWidget(
            flow_row(self.register_button, self.counts_button, self.print_button, self.plan_button)
        )
        body_layout.addWidget(self.read_only_note)
        body_layout.addWidget(self.problem_label)
        body_layout.addWidget(self.no_match_label)
        body_layout.addWidget(self.tile_area)
        body_layout.addWidget(self.counts_section)
        body_layout.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(body)

        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll_area, 1)

        self.find_edit.textChanged.connect(self._apply_filter)
        self.clear_find_button.clicked.connect(self._clear_find)
        self.earlier_button.clicked.connect(lambda: self._step(-1))
        self.later_button.clicked.connect(lambda: self._step(+1))
        self.session_combo.activated.connect(self._combo_chosen)
        self.print_button.clicked.connect(self.print_sign_in_sheet)
        self.plan_button.clicked.connect(self.plan_sessions)
        self.register_button.clicked.connect(self.show_register)
        self.counts_button.clicked.connect(self.show_counts)
        self._update_find_buttons()

    # ------------------------------------------------------------ public

    def session_id(self) -> int | None:
        return self._session.session_id if self._session is not None else None

    def tiles(self) -> list[NameTile]:
        return list(self._tiles.values())

    def tile_for(self, person_id: int) -> NameTile:
        return self._tiles[person_id]

    def visible_tiles(self) -> list[NameTile]:
        return [t for t in self._tiles.values() if not t.isHidden()]

    def present_count(self) -> int:
        return sum(1 for t in self._tiles.values() if t.isChecked())

    def choose_session(self, session_id: int) -> None:
        """Show the register of another session (as the buttons and the list do)."""
        if self._session is not None and self._session.session_id == session_id:
            return
        self.problem_label.hide()
        self._load(session_id)

    def show_register(self) -> None:
        switching = not self.register_button.isChecked()
        self.register_button.setChecked(True)
        self.counts_section.hide()
        self.find_box.show()
        self._update_find_buttons()
        self.tile_area.setVisible(self._session is not None)
        self._apply_filter()
        self.read_only_note.setVisible(not self._can_take and self._session is not None)
        if switching:
            self.scroll_area.verticalScrollBar().setValue(0)

    def show_counts(self) -> None:
        switching = not self.counts_button.isChecked()
        self.counts_button.setChecked(True)
        self.tile_area.hide()
        self.no_match_label.hide()
        self.read_only_note.hide()
        self.find_box.hide()
        self.clear_find_button.hide()
        self.counts_section.show()
        if switching:
            body = self.scroll_area.widget()
            if body is not None:
                body.adjustSize()
            self.scroll_area.verticalScrollBar().setValue(0)

    def print_sign_in_sheet(self) -> None:
        if self._session is None:
            return
        session_id = self._session.session_id
        on_date = self._session.on_date
        ctx = self.ctx
        ctx.navigator.show_pdf(
            "Sign-in sheet",
            lambda: ctx.read(printouts.sign_in_sheet, session_id, ctx.today()),
            f"sign-in-{on_date.isoformat()}.pdf",
        )

    def plan_sessions(self) -> None:
        from clubapp.ui.pages.sessions import SessionsPage

        self.ctx.navigator.push(SessionsPage(self.ctx))

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        today = self.ctx.today()
        window = timedelta(days=SESSION_WINDOW_DAYS)
        sessions = self.ctx.read(attendance.list_sessions, today - window, today + window)
        chosen = self.session_id()
        ids = {s.session_id for s in sessions}
        if chosen is not None and chosen not in ids:
            try:
                extra = self.ctx.read(attendance.get_session, chosen)
            except NotFound:
                chosen = None
            else:
                sessions = sorted([*sessions, extra], key=lambda s: (s.on_date, s.session_id))
        if chosen is None:
            chosen = self._default_session(sessions, today)
        self._fill_combo(sessions)
        self._load(chosen, force=True)
        self._load_counts(today)

    def _default_session(self, sessions: list[SessionRow], today: date) -> int | None:
        """Today's session, else the next one, else the latest past one."""
        upcoming = [s for s in sessions if s.on_date >= today]
        if upcoming:
            return upcoming[0].session_id
        later = self.ctx.read(attendance.next_session, today)
        if later is not None:
            return later.session_id
        if sessions:
            return sessions[-1].session_id
        past = self.ctx.read(attendance.list_sessions, date(1900, 1, 1), today)
        return past[-1].session_id if past else None

    def _fill_combo(self, sessions: list[SessionRow]) -> None:
        old = [(s.session_id, session_title(s)) for s in self._sessions]
        new = [(s.session_id, session_title(s)) for s in sessions]
        self._sessions = sessions
        if old == new and self.session_combo.count() == len(new):
            return
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for session_id, title in new:
            self.session_combo.addItem(title, session_id)
        # The list that drops down shows whole titles, even when the box is squeezed.
        view = self.session_combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 40)
        self.session_combo.blockSignals(False)

    def _load(self, session_id: int | None, *, force: bool = False) -> None:
        if session_id is None:
            self._session = None
            self._entries = []
            self._set_tiles([])
        else:
            try:
                info = self.ctx.read(attendance.get_session, session_id)
                entries = self.ctx.read(attendance.register, session_id)
            except NotFound:
                if force:
                    self._load(None)
                else:
                    self.refresh_now()
                return
            changed = self._session is None or self._session.session_id != session_id
            self._session = info
            self._entries = entries
            self._set_tiles(entries)
            if changed:
                self.scroll_area.verticalScrollBar().setValue(0)
        self._show_session()

    def _show_session(self) -> None:
        session = self._session
        has = session is not None
        if session is None:
            self.title_label.setText("No club sessions are planned yet.")
            self.no_match_label.setText(
                "Press Plan sessions to add the club's sessions."
                if self.ctx.can("sessions.manage")
                else "The coordinator can add the club's sessions."
            )
            self.no_match_label.show()
        else:
            self.title_label.setText(session_title(session))
        index = self.session_combo.findData(session.session_id) if session else -1
        self.session_combo.setCurrentIndex(index)
        self.session_combo.setEnabled(self.session_combo.count() > 0)
        self.earlier_button.setEnabled(index > 0)
        self.later_button.setEnabled(0 <= index < self.session_combo.count() - 1)
        self.print_button.setEnabled(has)
        self.count_label.setVisible(has)
        self._update_count()
        if self.register_button.isChecked():
            self.show_register()

    def _note_people_changed(self, domain: str) -> None:
        if domain == PEOPLE:
            self._photos = None

    def _photo_pixmaps(self, person_ids: list[int]) -> dict[int, QPixmap]:
        if self._photos is None:
            self._photos = {}
        missing = [pid for pid in person_ids if pid not in self._photos]
        if missing:
            for pid, data in self.ctx.read(members.photos, missing).items():
                pixmap = QPixmap()
                if pixmap.loadFromData(data):
                    if max(pixmap.width(), pixmap.height()) > PHOTO_PX:
                        pixmap = pixmap.scaled(
                            PHOTO_PX,
                            PHOTO_PX,
                            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                            Qt.TransformationMode.SmoothTransformation,
                        )
                    self._photos[pid] = pixmap
            for pid in missing:
                self._photos.setdefault(pid, QPixmap())
        return self._photos

    def _set_tiles(self, entries: list[RegisterEntry]) -> None:
        """Show the register: update the tiles in place when the people are the same."""
        ids = [e.person_id for e in entries]
        if ids == list(self._tiles) and self._photos is not None:
            for entry in entries:
                tile = self._tiles[entry.person_id]
                if tile.name() != entry.name:
                    tile.setName(entry.name)
                if tile.isChecked() != entry.present:
                    tile.setChecked(entry.present)
            self._apply_filter()
            return
        photos = self._photo_pixmaps(ids) if ids else {}
        for tile in self._tiles.values():
            self.tile_area.remove_widget(tile)
            tile.hide()
            tile.deleteLater()
        self._tiles = {}
        for entry in entries:
            photo = photos.get(entry.person_id)
            tile = NameTile(entry.name, self.tile_area, photo=photo, checkable=True)
            tile.setChecked(entry.present)
            tile.setProperty("person_id", entry.person_id)
            tile.setProperty("full_name", entry.full_name)
            tile.setAccessibleDescription(entry.full_name if entry.full_name != entry.name else "")
            if self._can_take:
                tile.clicked.connect(lambda checked, t=tile: self._tile_clicked(t, checked))
            else:
                tile.installEventFilter(self._read_only_filter)
                tile.setCursor(Qt.CursorShape.ArrowCursor)
            self.tile_area.add_widget(tile)
            self._tiles[entry.person_id] = tile
        self._apply_filter()

    # ------------------------------------------------------------ taking attendance

    def _tile_clicked(self, tile: NameTile, checked: bool) -> None:
        session = self._session
        if session is None:
            return
        person_id = int(tile.property("person_id"))
        try:
            self.ctx.run(
                attendance.set_present,
                session.session_id,
                person_id,
                checked,
                changed=ATTENDANCE,
            )
        except SERVICE_ERRORS as exc:
            # Nothing was saved: put the tile back as it was and say why.
            tile.setChecked(not checked)
            doing = "marked as here" if checked else "unmarked"
            self._show_problem(f"{tile.name()} could not be {doing}. {exc}")
            self._update_count()
            return
        self.problem_label.hide()
        self._update_count()

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()
        self.scroll_area.ensureWidgetVisible(self.problem_label)

    def _update_count(self) -> None:
        self.count_label.setText(here_words(self.present_count()))
        self._show_session_count()

    # ------------------------------------------------------------ finding

    def _clear_find(self) -> None:
        self.find_edit.clear()
        self.find_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_find_buttons(self) -> None:
        # Last in its row, so showing it moves nothing else.
        self.clear_find_button.setVisible(
            bool(self.find_edit.text()) and self.register_button.isChecked()
        )

    def _apply_filter(self, *_args: object) -> None:
        self._update_find_buttons()
        if not self.register_button.isChecked() or self._session is None:
            return
        wanted = _fold(" ".join(self.find_edit.text().split()))
        shown = 0
        for tile in self._tiles.values():
            match = (
                not wanted
                or wanted in _fold(tile.name())
                or wanted in _fold(str(tile.property("full_name") or ""))
            )
            tile.setVisible(match)
            shown += match
        if not self._tiles:
            self.no_match_label.setText(
                "Nobody is on the register yet. Add people in the Members room first."
            )
            self.no_match_label.show()
        elif shown == 0:
            self.no_match_label.setText(
                f"Nobody's name has “{self.find_edit.text().strip()}” in it. "
                "Check the spelling, or press Show everyone."
            )
            self.no_match_label.show()
        else:
            self.no_match_label.hide()
        self.tile_area.updateGeometry()

    # ------------------------------------------------------------ choosing a session

    def _step(self, direction: int) -> None:
        index = self.session_combo.currentIndex() + direction
        if 0 <= index < self.session_combo.count():
            self.choose_session(int(self.session_combo.itemData(index)))

    def _combo_chosen(self, index: int) -> None:
        if index >= 0:
            self.choose_session(int(self.session_combo.itemData(index)))

    # ------------------------------------------------------------ counts

    def _load_counts(self, today: date) -> None:
        start, end, months = last_twelve_months(today)
        found = {(c.year, c.month): c for c in self.ctx.read(attendance.monthly_counts, start, end)}
        rows = [found.get((y, m), MonthCount(y, m, 0, 0, 0)) for y, m in months]
        self.counts_model.set_rows(rows)

    def _show_session_count(self) -> None:
        session = self._session
        if session is None:
            self.session_count_label.setText("No session is chosen.")
            return
        count = self.present_count()
        if count == 0:
            said = "nobody is marked as here yet."
        else:
            said = f"{people_words(count)} {'was' if count == 1 else 'were'} here."
        self.session_count_label.setText(f"At {session_title(session)}: {said}")

    # ------------------------------------------------------------ fitting the window

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.counts_table.fit_rows()
            self._place_header()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._place_header()

    def _place_header(self) -> None:
        """Keep the session and find box in view, unless they would leave too little room.

        At a large text size in a small window the header would take most of the
        page, so it then scrolls with everything else and the tiles get the room.
        """
        if self.height() <= 0:
            return
        needed = self.header.heightForWidth(max(1, self.width()))
        fixed = needed <= self.height() * 0.3
        if fixed == self._header_fixed:
            return
        self._header_fixed = fixed
        focus = self.focusWidget()
        if fixed:
            self._body_layout.removeWidget(self.header)
            self._layout.insertWidget(0, self.header)
        else:
            self._layout.removeWidget(self.header)
            self._body_layout.insertWidget(0, self.header)
        self.header.show()
        if focus is not None and self.header.isAncestorOf(focus):
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
