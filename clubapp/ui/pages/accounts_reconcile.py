"""Reconciliation: ticking the books' lines against a bank statement until they agree.

The treasurer chooses the money account, types the statement's date and closing
balance, then ticks each line of the books that is on the statement. The difference
between the statement and the ticked lines is said in words, large, under the list, and
changes with every tick; it stays in view with Finish, in a band the list scrolls above. Each tick is saved as it is made (the service does that), so
leaving and coming back carries on where it stopped. "Finish" works only when the
difference is £0.

The list is one table model over the lines (a widget per line would crawl with 500 of
them); a click anywhere on a line, or Space on the line that has the keyboard, ticks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import books, reconcile
from clubapp.services.books import AccountRow, EntryLine
from clubapp.services.dates import long_date
from clubapp.services.errors import ValidationError
from clubapp.services.money import parse_balance, pounds
from clubapp.services.reconcile import ReconciliationView
from clubapp.ui import theme
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.dates import DateEdit
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.tables import CELL_PADDING_PX, WrappingTable, wrapped_width

_AnyIndex = QModelIndex | QPersistentModelIndex

HELP = (
    "Reconciling checks the books against the bank's statement. Choose the account, "
    "type the date and the closing balance printed on the statement, and press Show the "
    "lines to tick. Then tick each line that is on the statement: click the line, or "
    "press Space on it. The words under the list say how far apart the statement and "
    "the ticked lines are. If the statement shows something the books lack (bank "
    "charges or interest, say), press Add a line missing from the books. When they agree "
    "(the difference is £0), press Finish reconciling. Every tick is kept as you make "
    "it, so you can stop and carry on later."
)

NOT_YOURS = "Only the treasurer or the coordinator can reconcile the books."
#: The What column's least width (px at 100 % text), and how many of its longest
#: texts are measured to give it more (the longest by letters are near enough).
WHAT_LEAST_PX = 180
WHAT_MEASURED = 12


def bank_first(accounts: Iterable[AccountRow]) -> list[AccountRow]:
    """Bank accounts (current, then savings) before the cash box, each in the order made."""
    order = {"current": 0, "savings": 1, "cash": 2}
    return sorted(accounts, key=lambda a: (order.get(a.kind, 3), a.account_id))


def last_done_words(done: tuple[Any, int] | None) -> str:
    if done is None:
        return "This account has not been reconciled yet."
    day, pence = done
    return (
        f"Last reconciled to the statement of {long_date(day, weekday=False)}, "
        f"which showed {pounds(pence)}."
    )


def lines_words(count: int) -> str:
    return "1 line" if count == 1 else f"{count:,} lines"


# ---------------------------------------------------------------- the list


class LinesModel(RowsModel[EntryLine]):
    """The lines of the books not yet reconciled: a tick, date, who, what, in and out.

    The tick is in ``Qt.CheckStateRole`` of the first column (and of the compact one),
    the entry's id in ``Qt.UserRole``. ``COMPACT`` holds a line's words on three lines,
    for a table too narrow for the columns (see widgets.tables.WrappingTable).
    """

    ID_FIELD = "entry_id"

    TICK, DATE, WHO, WHAT, MONEY_IN, MONEY_OUT, COMPACT = range(7)
    HEADERS = ("Tick", "Date", "Who", "What", "In", "Out", "Line")
    AMOUNTS = (MONEY_IN, MONEY_OUT)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticked: set[int] = set()
        self._cells: list[tuple[str, ...]] = []

    def set_lines(self, rows: Sequence[EntryLine], ticked: Iterable[int]) -> None:
        self._ticked = set(ticked)
        self._cells = [self._words(row) for row in rows]
        self.set_rows(rows)

    @staticmethod
    def _words(row: EntryLine) -> tuple[str, ...]:
        when = long_date(row.on, weekday=False)
        what = row.description or row.what
        if row.description and row.what and row.what != "To sort":
            what = f"{row.description} ({row.what})"
        if row.reference:
            what = f"{what}. Reference {row.reference}"
        money_in = pounds(row.signed_pence) if row.signed_pence > 0 else ""
        money_out = pounds(-row.signed_pence) if row.signed_pence < 0 else ""
        amount = f"In {money_in}" if money_in else f"Out {money_out}"
        said = f"{row.payee}: {what}" if row.payee else what
        return ("", when, row.payee, what, money_in, money_out, f"{when}: {amount}\n{said}")

    # ------------------------------------------------------------ ticks

    def is_ticked(self, entry_id: int) -> bool:
        return entry_id in self._ticked

    def ticked_ids(self) -> frozenset[int]:
        return frozenset(self._ticked)

    def set_ticked(self, entry_id: int, ticked: bool) -> None:
        if ticked:
            self._ticked.add(entry_id)
        else:
            self._ticked.discard(entry_id)
        row = self.row_of(entry_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def column_texts(self, column: int) -> set[str]:
        return {cells[column] for cells in self._cells}

    # ------------------------------------------------------------ Qt

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        ticked = row.entry_id in self._ticked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][column]
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.TICK:
                return "Ticked" if ticked else "Not ticked"
            return self._cells[index.row()][column].replace("\n", ". ")
        if role == Qt.ItemDataRole.CheckStateRole and column in (self.TICK, self.COMPACT):
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.AMOUNTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.entry_id
        return None

    def headerData(  # noqa: N802 (Qt name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and orientation == Qt.Orientation.Horizontal
            and section in self.AMOUNTS
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


class TickRowsDelegate(QStyledItemDelegate):
    """Paints the lines: the app's big tick box (as app.qss draws ``QCheckBox::indicator``)
    in the tick column, or before the words in the compact column; a pale blue fill on a
    ticked line as well as the tick; and the line that has the keyboard yellow with a
    thick dark ring, as every control that has it is."""

    def __init__(self, view: LinesTable) -> None:
        super().__init__(view)
        self._view = view
        # Never shown: the style draws the tick box as it would draw this one's.
        self._box = QCheckBox(view)
        self._box.hide()

    def box_px(self) -> int:
        style = self._box.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self._box)

    def side_px(self) -> int:
        return theme.scaled_px(theme.ROW_PADDING_PX, theme.current_scale()) + 4

    def check_rect(self, rect: QRect) -> QRect:
        """Where the tick box is drawn in a cell's rectangle: at the left, in the middle."""
        box = self.box_px()
        top = rect.top() + max(0, (rect.height() - box) // 2)
        if self._view.compact_mode:
            top = rect.top() + self.side_px()
        return QRect(rect.left() + self.side_px(), top, box, box)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _AnyIndex) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        view = self._view
        ticked = view.is_ticked_row(index.row())
        keyboard = view.hasFocus() and view.currentIndex().row() == index.row()
        painter.save()
        painter.fillRect(
            rect, theme.colour("focus" if keyboard else "nav_checked" if ticked else "background")
        )
        painter.restore()
        column = index.column()
        if column in (LinesModel.TICK, LinesModel.COMPACT):
            self._paint_box(painter, rect, ticked)
        if column == LinesModel.COMPACT:
            self._paint_lines(painter, option, index)
        elif column != LinesModel.TICK:
            opt = QStyleOptionViewItem(option)
            opt.state &= ~QStyle.StateFlag.State_HasFocus  # type: ignore[attr-defined]
            super().paint(painter, opt, index)
        if keyboard:
            self._paint_ring(painter, rect, index.column())

    def _paint_box(self, painter: QPainter, rect: QRect, ticked: bool) -> None:
        box = QStyleOptionButton()
        box.initFrom(self._box)
        box.rect = self.check_rect(rect)  # type: ignore[attr-defined]
        box.state = QStyle.StateFlag.State_Enabled | (  # type: ignore[attr-defined]
            QStyle.StateFlag.State_On if ticked else QStyle.StateFlag.State_Off
        )
        self._box.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_IndicatorCheckBox, box, painter, self._box
        )

    def _paint_lines(
        self, painter: QPainter, option: QStyleOptionViewItem, index: _AnyIndex
    ) -> None:
        """The compact column's words after the box, one line under another, the first in
        bold, each cut short with "…" rather than pushed sideways."""
        rect: QRect = option.rect  # type: ignore[attr-defined]
        left = rect.left() + 2 * self.side_px() + self.box_px()
        room = rect.right() - self.side_px() - left
        lines = str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n")
        font = QFont(self._view.font())
        spacing = QFontMetrics(font).lineSpacing()
        top = rect.top() + self.side_px()
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(theme.colour("text"))
        for number, line in enumerate(lines):
            font.setWeight(QFont.Weight.Bold if number == 0 else QFont.Weight.Normal)
            painter.setFont(font)
            words = QFontMetrics(font).elidedText(line, Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                QRect(left, top, room, spacing),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                words,
            )
            top += spacing
        painter.restore()

    def _paint_ring(self, painter: QPainter, rect: QRect, column: int) -> None:
        """The thick ring round the line that has the keyboard: top and bottom on every
        cell, the sides on the first and last cells shown."""
        ring = max(3, theme.scaled_px(3, theme.current_scale()))
        painter.save()
        pen = QPen(theme.colour("focus_ring"), ring)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        half = ring // 2
        inner = rect.adjusted(0, half, 0, -half - ring % 2)
        painter.drawLine(inner.topLeft(), inner.topRight())
        painter.drawLine(inner.bottomLeft(), inner.bottomRight())
        shown = [c for c in range(len(LinesModel.HEADERS)) if not self._view.isColumnHidden(c)]
        if shown and column == shown[0]:
            x = rect.left() + half
            painter.drawLine(x, rect.top(), x, rect.bottom())
        if shown and column == shown[-1]:
            x = rect.right() - half - ring % 2
            painter.drawLine(x, rect.top(), x, rect.bottom())
        painter.restore()


class LinesTable(WrappingTable):
    """The lines to tick. A click anywhere on a line, or Space on the line that has the
    keyboard, asks for it to be ticked or unticked (``toggle_requested``, with the row)."""

    toggle_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            LinesModel.WHAT,
            parent,
            max_lines=3,
            stretch_least_px=WHAT_LEAST_PX,
            compact=LinesModel.COMPACT,
            compact_lines=2,
        )
        self._what_texts: list[str] = []
        # Kept here: a delegate whose Python side is collected stops painting its way.
        self._ticks = TickRowsDelegate(self)
        self.setItemDelegate(self._ticks)
        self.setItemDelegateForColumn(LinesModel.COMPACT, self._ticks)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Lines in the books to tick")

    def is_ticked_row(self, row: int) -> bool:
        model = self.model()
        if not isinstance(model, LinesModel) or not 0 <= row < model.rowCount():
            return False
        return model.is_ticked(model.row_at(row).entry_id)

    def check_rect(self, row: int) -> QRect:
        """Where a line's tick box is, in the list's viewport (for tests and checks)."""
        column = LinesModel.COMPACT if self.compact_mode else LinesModel.TICK
        return self._ticks.check_rect(self.visualRect(self.model().index(row, column)))

    # ------------------------------------------------------------ sizes

    def _widest(self, fm: QFontMetrics, font: QFont, column: int, lines: int) -> int:
        if column == LinesModel.TICK:
            return self._ticks.box_px()
        return super()._widest(fm, font, column, lines)

    def set_what_texts(self, texts: Iterable[str]) -> None:
        """The words of the What column, so it can ask for room to show them on two
        lines (the other columns then wrap too) rather than cut them short: matching a
        line to the statement is done by its words."""
        self._what_texts = sorted(set(texts), key=len, reverse=True)[:WHAT_MEASURED]
        self.fit()

    def _what_room(self) -> int:
        """The least width the What column asks for, in px at 100 % text."""
        scale = theme.current_scale()
        fm = QFontMetrics(self.font())
        need = max((wrapped_width(fm, t, 2) for t in self._what_texts), default=0)
        need += theme.scaled_px(CELL_PADDING_PX, scale)
        # Never more than two fifths of the table, so the date, who and amounts keep
        # their room.
        return max(WHAT_LEAST_PX, round(min(need, self.width() * 2 // 5) / scale))

    def _fit(self, columns: int) -> None:
        self._least_px = self._what_room()
        super()._fit(columns)
        # Narrow (large text), one column holds each line's words: a heading over it
        # says nothing and takes a line's worth of the little room there is.
        self.horizontalHeader().setHidden(self.compact_mode)
        # Room for the tick box above and below, as well as for the words.
        side = self._ticks.side_px()
        least = self._ticks.box_px() + 2 * side
        if self.compact_mode:
            least = max(least, 2 * side + 2 * QFontMetrics(self.font()).lineSpacing())
        if self.row_height() < least:
            self.verticalHeader().setDefaultSectionSize(least)
            self.updateGeometry()
            self.fitted.emit()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # Room for the heading and three lines; the page gives it the rest of the window.
        return QSize(super().sizeHint().width(), self._height_for(3))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # At least one whole line under the heading: at 200 % text the difference and a
        # line of the list then still fit the window together.
        return QSize(super().minimumSizeHint().width(), self._height_for(1))

    def _height_for(self, rows: int) -> int:
        heading = self.horizontalHeader()
        header = 0 if heading.isHidden() else heading.sizeHint().height()
        return header + rows * self.row_height() + 2 * self.frameWidth()

    # ------------------------------------------------------------ ticking

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        super().mouseReleaseEvent(event)
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index.isValid():
            self.toggle_requested.emit(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and self.currentIndex().isValid():
            self.toggle_requested.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().focusInEvent(event)
        model = self.model()
        if not self.currentIndex().isValid() and model is not None and model.rowCount():
            self.setCurrentIndex(model.index(0, 0))
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().focusOutEvent(event)
        self.viewport().update()


class LinesArea(QScrollArea):
    """The part of the ticking page that scrolls: the statement's words, the buttons,
    and the list. It asks for little height, so the page fits the window and the band
    under it (the difference and Finish) stays in view. The list is as tall as this area
    (or three lines, if that is less): scrolled down, the list fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        inside = QWidget()
        self.column = QVBoxLayout(inside)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(12)
        self.setWidget(inside)
        self._list: LinesTable | None = None
        self._shown: QWidget | None = None
        bar = self.verticalScrollBar()
        # The words above the list move away whenever the room changes (a new text
        # size, the list measured again), until the treasurer scrolls for themselves.
        bar.rangeChanged.connect(lambda _low, _high: self._scroll_to_shown())
        bar.actionTriggered.connect(lambda _action: self._stop_following())

    def list_in(self, table: LinesTable) -> None:
        self._list = table
        table.fitted.connect(self._fit_list)

    def show_at_top(self, widget: QWidget) -> None:
        """Scroll so ``widget`` (the list, or the words saying there is none) is at the
        top of the area, and keep it there as the page settles."""
        self._shown = widget
        self._scroll_to_shown()

    def _scroll_to_shown(self) -> None:
        if self._shown is not None and not self._shown.isHidden():
            bar = self.verticalScrollBar()
            bar.setValue(min(bar.maximum(), self._shown.y()))

    def _stop_following(self) -> None:
        self._shown = None

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self._stop_following()
        super().wheelEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(hint.width(), min(hint.height(), 120))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # Qt asks for four scroll bars' worth of height; the band under this area needs
        # that room more at a large text size, and this area scrolls.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), min(hint.height(), 2 * self.frameWidth() + 40))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_list()

    def _fit_list(self) -> None:
        table = self._list
        if table is not None:
            room = self.viewport().height()
            least = table.minimumSizeHint().height()
            table.setMinimumHeight(max(least, min(table.sizeHint().height(), room)))
            # Never taller than the area: scrolled down, the whole list is in view, and
            # the list itself scrolls.
            table.setMaximumHeight(max(least, room))


# ---------------------------------------------------------------- the page


class ReconcilePage(Page):
    """Reconcile a money account with a statement.

    Public: ``account_choice``, ``last_label``, ``resume_label``, ``date_edit``,
    ``closing_edit`` (and their FieldRows ``date_row``, ``closing_row``),
    ``start_button``, ``news_label``, and once ticking: ``summary_label``,
    ``change_button``, ``difference_label`` (what the difference is) and
    ``difference_hint`` (what to do about it), ``finish_button``, ``add_button``,
    ``problem_label``, ``table``, ``model``, ``empty_label``; ``view`` is the
    reconciliation as last read or ticked.
    """

    title = "Reconcile"
    help_text = HELP
    domains = (ACCOUNTS,)

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, account_id: int | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self._wanted_account = account_id
        self._first_refresh = True
        self._own_change = False
        self.accounts: list[AccountRow] = []
        self.view: ReconciliationView | None = None

        # ---- the statement
        self.statement_box = QWidget(self)
        top = QVBoxLayout(self.statement_box)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(16)
        self.account_choice = ChoiceCombo(chars=22)
        self.account_row = FieldRow("Money account", self.account_choice)
        self.last_label = label(role="help")
        self.resume_label = label()
        self.resume_label.hide()
        self.date_edit = DateEdit(ctx.today())
        self.date_row = FieldRow("Date of the statement", self.date_edit)
        self.closing_edit = QLineEdit()
        self.closing_edit.setPlaceholderText("For example 1,234.50")
        self.closing_row = FieldRow(
            "Closing balance on the statement",
            self.closing_edit,
            "As the statement prints it. If the account is overdrawn, put a minus in front, "
            "like -25.00.",
        )
        self.start_button = BigButton("Show the lines to tick")
        self.news_label = label()
        self.news_label.hide()
        self.statement_problem = label(role="error")
        self.statement_problem.hide()
        top.addWidget(self.news_label)
        # Each field in a row of its own, as wide as it needs (not the whole page).
        top.addWidget(flow_row(self.account_row))
        top.addWidget(self.last_label)
        top.addWidget(self.resume_label)
        top.addWidget(flow_row(self.date_row))
        top.addWidget(flow_row(self.closing_row))
        top.addWidget(self.statement_problem)
        top.addWidget(flow_row(self.start_button))
        top.addStretch(1)

        # ---- ticking
        # Two parts: what scrolls (the statement, the other buttons, the list), and a
        # band under it that stays put, as a form's buttons do, with the difference and
        # Finish: at a large text size both stay in view while the list scrolls.
        self.ticking_box = QWidget(self)
        ticking = QVBoxLayout(self.ticking_box)
        ticking.setContentsMargins(0, 0, 0, 0)
        ticking.setSpacing(12)
        self.summary_label = label(role="label")
        self.change_button = BigButton("Change the statement or account", variant="secondary")
        self.finish_button = BigButton("Finish reconciling")
        self.add_button = BigButton("Add a line missing from the books", variant="secondary")
        self.problem_label = label(role="error")
        self.problem_label.hide()
        self.difference_frame = QFrame()
        self.difference_frame.setProperty("card", True)
        inside = QVBoxLayout(self.difference_frame)
        inside.setContentsMargins(16, 10, 16, 10)
        inside.setSpacing(4)
        self.difference_label = label(role="subheading")
        self.difference_hint = label()
        inside.addWidget(self.difference_label)
        inside.addWidget(self.difference_hint)
        self.how_label = label(
            "Tick each line that is on the statement: click it, or press Space on it.", "help"
        )
        self.model = LinesModel(self)
        self.lines_area = LinesArea(self.ticking_box)
        self.table = LinesTable(self.lines_area.widget())
        self.table.setModel(self.model)
        self.lines_area.list_in(self.table)
        self.empty_label = label(
            "Every line in the books up to the statement's date is ticked already, or there "
            "are none.",
        )
        self.empty_label.hide()
        scrolled = self.lines_area.column
        scrolled.addWidget(self.summary_label)
        scrolled.addWidget(flow_row(self.add_button, self.change_button))
        scrolled.addWidget(self.how_label)
        scrolled.addWidget(self.table, 1)
        scrolled.addWidget(self.empty_label)
        self.band = QWidget(self.ticking_box)
        fixed = QVBoxLayout(self.band)
        fixed.setContentsMargins(0, 0, 0, 0)
        fixed.setSpacing(8)
        fixed.addWidget(self.difference_frame)
        fixed.addWidget(self.problem_label)
        fixed.addWidget(flow_row(self.finish_button))
        ticking.addWidget(self.lines_area, 1)
        ticking.addWidget(self.band)
        self.ticking_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 8, 8)
        layout.setSpacing(0)
        layout.addWidget(self.statement_box, 1)
        layout.addWidget(self.ticking_box, 1)

        self.account_choice.activated.connect(lambda _i: self._account_chosen())
        self.start_button.clicked.connect(self.start)
        self.closing_edit.returnPressed.connect(self.start)
        self.change_button.clicked.connect(self.show_statement)
        self.finish_button.clicked.connect(self.finish)
        self.add_button.clicked.connect(self.add_missing_line)
        self.table.toggle_requested.connect(self.toggle_row)

    # ------------------------------------------------------------ reading

    def _on_changed(self, domain: str) -> None:
        # A tick made here is already shown; reading every line again would lose the place.
        if not self._own_change:
            super()._on_changed(domain)

    def refresh(self) -> None:
        if not self.ctx.can("accounts.keep"):
            self._statement_problem(NOT_YOURS)
            for part in (
                self.account_row,
                self.last_label,
                self.date_row,
                self.closing_row,
                self.start_button,
            ):
                part.hide()
            return
        try:
            self.accounts = bank_first(self.ctx.read(books.list_accounts))
        except SERVICE_ERRORS as exc:
            self.accounts = []
            self._statement_problem(str(exc))
            return
        chosen = self.account_choice.value() if not self._first_refresh else None
        self.account_choice.set_choices([(a.name, a.account_id) for a in self.accounts])
        first = self._first_refresh
        self._first_refresh = False
        if first:
            chosen = self._wanted_account or self._first_open_account()
        if chosen is not None:
            self.account_choice.choose(chosen)
        if not self.ticking_box.isHidden() and self.view is not None:
            self._read_view(self.view.reconciliation_id)
            return
        resumed = self._account_chosen()
        if first and resumed is not None:
            # Coming back to a reconciliation begun earlier: carry on where it stopped.
            self._read_view(resumed)

    def _first_open_account(self) -> int | None:
        for account in self.accounts:
            try:
                if self.ctx.read(reconcile.open_for, account.account_id) is not None:
                    return account.account_id
            except SERVICE_ERRORS:
                return None
        return self.accounts[0].account_id if self.accounts else None

    def account_id(self) -> int | None:
        value = self.account_choice.value()
        return int(value) if value is not None else None

    def _account_chosen(self) -> int | None:
        """Say when the account was last reconciled; fill in a statement begun earlier.
        Returns the reconciliation begun earlier, if there is one."""
        self.date_row.clear_error()
        self.closing_row.clear_error()
        self.statement_problem.hide()
        account_id = self.account_id()
        if account_id is None:
            self.last_label.setText("There is no money account to reconcile. Add one in Set-up.")
            self.start_button.setEnabled(False)
            return None
        self.start_button.setEnabled(True)
        try:
            self.last_label.setText(last_done_words(self.ctx.read(reconcile.last_done, account_id)))
            open_id = self.ctx.read(reconcile.open_for, account_id)
            begun = self.ctx.read(reconcile.view, open_id) if open_id is not None else None
        except SERVICE_ERRORS as exc:
            self._statement_problem(str(exc))
            return None
        if begun is None:
            self.resume_label.hide()
            self.start_button.setText("Show the lines to tick")
            return None
        self.date_edit.set_value(begun.statement_date)
        self.closing_edit.setText(pounds(begun.closing_pence, symbol=False))
        begun_words = (
            f"You have begun reconciling {begun.account} with the statement of "
            f"{long_date(begun.statement_date, weekday=False)}."
        )
        count = len(begun.ticked)
        if count == 0:
            begun_words += " Nothing is ticked yet."
        elif count == 1:
            begun_words += " The line you ticked is kept."
        else:
            begun_words += f" The {lines_words(count)} you ticked are kept."
        self.resume_label.setText(begun_words)
        self.resume_label.show()
        self.start_button.setText("Carry on ticking")
        return open_id

    def _statement_problem(self, text: str) -> None:
        self.statement_problem.setText(text)
        self.statement_problem.show()

    # ------------------------------------------------------------ the statement

    def start(self) -> None:
        """Begin (or carry on with) the reconciliation for the statement typed."""
        self.news_label.hide()
        self.statement_problem.hide()
        self.date_row.clear_error()
        self.closing_row.clear_error()
        if not self.date_edit.is_valid():
            self.date_row.show_error(self.date_edit.error_text())
            return
        account_id = self.account_id()
        if account_id is None:
            return
        typed = self.closing_edit.text()
        try:
            if not typed.strip():
                raise ValidationError(
                    "closing", "Type the closing balance the statement shows, like 1,234.50."
                )
            closing = parse_balance(typed, "closing", "closing balance")
            rec_id = self._run(reconcile.start, account_id, self.date_edit.value(), closing)
        except ValidationError as exc:
            self._show_statement_errors(exc.errors)
            return
        except SERVICE_ERRORS as exc:
            self._statement_problem(str(exc))
            return
        self._read_view(rec_id)

    def _show_statement_errors(self, errors: dict[str, str]) -> None:
        rows = {"statement_date": self.date_row, "closing": self.closing_row}
        others = [message for name, message in errors.items() if name not in rows]
        for name, row in rows.items():
            if name in errors:
                row.show_error(errors[name])
                row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if others:
            self._statement_problem(" ".join(others))

    def show_statement(self) -> None:
        """Back to the account and the statement; the ticks stay kept."""
        self.ticking_box.hide()
        self.statement_box.show()
        self._account_chosen()
        self.account_choice.setFocus(Qt.FocusReason.OtherFocusReason)
        scroller = self._scroller()
        if scroller is not None:
            scroller.verticalScrollBar().setValue(0)

    # ------------------------------------------------------------ ticking

    def _read_view(self, rec_id: int) -> None:
        try:
            view = self.ctx.read(reconcile.view, rec_id)
        except SERVICE_ERRORS as exc:
            self.show_statement()
            self._statement_problem(str(exc))
            return
        self.view = view
        self.model.set_lines(view.lines, view.ticked)
        texts = self.model.column_texts
        self.table.set_what_texts(texts(LinesModel.WHAT))
        self.table.set_column_texts(
            {c: texts(c) for c in (LinesModel.DATE, LinesModel.WHO, *LinesModel.AMOUNTS)}
        )
        self.summary_label.setText(
            f"{view.account}: the statement of {long_date(view.statement_date, weekday=False)}, "
            f"closing balance {pounds(view.closing_pence)}."
        )
        self.problem_label.hide()
        self.statement_box.hide()
        self.ticking_box.show()
        has_lines = bool(view.lines)
        self.table.setVisible(has_lines)
        self.how_label.setVisible(has_lines)
        self.empty_label.setVisible(not has_lines)
        self._show_difference()
        if has_lines:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        # Once laid out: when the words above the list take the room (large text),
        # scroll them away so the list is in view.
        QTimer.singleShot(0, self, self._bring_list_into_view)

    def _scroller(self) -> QScrollArea | None:
        """The scroll area the page sits in (the window's), if any."""
        scroller = self.parentWidget()
        while scroller is not None and not isinstance(scroller, QScrollArea):
            scroller = scroller.parentWidget()
        return scroller

    def _bring_list_into_view(self) -> None:
        if not self.ticking_box.isHidden():
            shown = self.table if not self.table.isHidden() else self.empty_label
            self.lines_area.show_at_top(shown)

    def _show_difference(self) -> None:
        """The difference in words: what it is, large; what to do about it, under it."""
        if self.view is None:
            return
        headline, _, hint = self.view.difference_words.partition(". ")
        if hint:
            headline += "."
        self.difference_label.setText(headline)
        self.difference_hint.setText(hint)
        self.difference_hint.setVisible(bool(hint))
        self.difference_frame.setAccessibleDescription(self.view.difference_words)

    def difference_words(self) -> str:
        """The difference as the page says it (the service's words)."""
        return " ".join(
            w.text() for w in (self.difference_label, self.difference_hint) if not w.isHidden()
        )

    def toggle_row(self, row: int) -> None:
        if self.view is None or not 0 <= row < self.model.rowCount():
            return
        line = self.model.row_at(row)
        self.set_ticked(line.entry_id, not self.model.is_ticked(line.entry_id))

    def set_ticked(self, entry_id: int, ticked: bool) -> bool:
        """Tick or untick one line, saved at once; the difference follows."""
        view = self.view
        if view is None:
            return False
        self.problem_label.hide()
        try:
            self._run(reconcile.tick, view.reconciliation_id, entry_id, ticked)
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return False
        self.model.set_ticked(entry_id, ticked)
        ticked_ids = self.model.ticked_ids()
        ticked_now = sum(line.signed_pence for line in view.lines if line.entry_id in ticked_ids)
        self.view = replace(
            view, ticked=ticked_ids, ticked_pence=view.brought_forward_pence + ticked_now
        )
        self._show_difference()
        return True

    def finish(self) -> None:
        view = self.view
        if view is None:
            return
        self.problem_label.hide()
        try:
            self._run(reconcile.finish, view.reconciliation_id)
        except ValidationError as exc:
            self.problem_label.setText(
                "This cannot be finished yet. " + " ".join(exc.errors.values())
            )
            self.problem_label.show()
            return
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return
        count = len(view.ticked)
        self.view = None
        self.model.set_lines([], ())
        self.closing_edit.clear()
        self.show_statement()
        self.news_label.setText(
            f"Finished. {view.account} agrees with the statement of "
            f"{long_date(view.statement_date, weekday=False)}: the difference is £0. "
            f"{lines_words(count)} {'is' if count == 1 else 'are'} now marked as reconciled."
        )
        self.news_label.show()

    def add_missing_line(self) -> None:
        """Open the entry screen for a line on the statement that the books lack, with this
        account and the statement's date filled in (money in when the statement shows more
        than the ticked lines). Coming back, the list shows the new line (the page
        refreshes on the change) for the treasurer to tick."""
        from clubapp.ui.pages.accounts_entry import EntryPage

        view = self.view
        if view is None:
            return
        page = EntryPage(self.ctx, "receipt" if view.difference_pence >= 0 else "payment")
        page.account.choose(view.account_id)
        page.on.set_value(view.statement_date)
        page.mark_unchanged()
        self.ctx.navigator.push(page)

    def _run(self, fn: Callable[..., Any], *args: Any) -> Any:
        self._own_change = True
        try:
            return self.ctx.run(fn, *args, changed=ACCOUNTS)
        finally:
            self._own_change = False
