"""A table that fits its columns to the window by letting words wrap, rather than cut them.

Each column but one is made just wide enough for its words (told once per refresh with
:meth:`WrappingTable.set_column_texts`); the remaining column (``stretch``) takes the
rest. When the columns are too wide for the table, words may wrap onto a second line,
then a third (``max_lines``): every row is then that many lines tall, so the table
still scrolls smoothly through thousands of rows. The last line of a long cell ends
in "…".

When even that is not enough (a narrow window, or text at 200 %), the table shows one
``compact`` column instead, if the model has one: each row's words on a few lines of
their own (the model gives them separated by newlines), the first line in bold, each
line cut short with "…" rather than pushed sideways. Without a compact column, the
table scrolls sideways as a last resort.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from clubapp.ui import theme

#: Room for a cell's padding (app.qss) and the style's margins, at scale 1.
CELL_PADDING_PX = 2 * 8 + 12


def wrapped_width(fm: QFontMetrics, text: str, lines: int) -> int:
    """The least width at which ``text`` wraps onto at most ``lines`` lines."""
    whole = fm.horizontalAdvance(text)
    if lines <= 1 or not text.strip():
        return whole
    words = max((fm.horizontalAdvance(word) for word in text.split()), default=0)
    tall = lines * fm.lineSpacing()
    flags = int(Qt.TextFlag.TextWordWrap)
    low, high = words, whole
    while low < high:
        mid = (low + high) // 2
        if fm.boundingRect(QRect(0, 0, mid, 100_000), flags, text).height() <= tall:
            high = mid
        else:
            low = mid + 1
    return low


def wrapped_lines(font: QFont, text: str, width: int) -> int:
    """How many lines ``text`` takes ``width`` px wide, wrapped as Qt paints a cell:
    at spaces, or inside a word too long for the line."""
    count = 0
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1, width))
            count += 1
        layout.endLayout()
    return max(1, count)


class WrapRowsDelegate(QStyledItemDelegate):
    """Cells as tall as their words wrapped in the column's width, inside the padding the
    stylesheet gives each cell (Qt's own measure leaves the padding out, so it counted
    too few lines at a large text size and the last ones were cut)."""

    def __init__(self, parent: QTableView) -> None:
        super().__init__(parent)
        self._view = parent
        # Lines by (text, width, font size): a long list repeats its words (every
        # meeting "at the quiet room") and is measured again at each resize.
        self._lines: dict[tuple[str, int, float, bool], int] = {}

    def sizeHint(  # noqa: N802 (Qt name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = self._view
        scale = theme.current_scale()
        font = view.font()
        padding = theme.scaled_px(CELL_PADDING_PX, scale)
        one_line = theme.row_height(font, scale)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            return QSize(padding, one_line)
        width = view.columnWidth(index.column()) - padding
        key = (text, width, font.pointSizeF(), font.bold())
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) > 20_000:  # widths of long ago
                self._lines.clear()
            lines = self._lines[key] = wrapped_lines(font, text, width)
        spacing = QFontMetrics(font).lineSpacing()
        return QSize(
            padding + QFontMetrics(font).horizontalAdvance(text), one_line + (lines - 1) * spacing
        )


class LinesDelegate(QStyledItemDelegate):
    """Paints a cell's lines (split at newlines) one under another, each cut short with "…"."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        # From the model itself: the option's text has its newlines turned into separators.
        lines = str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n")
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        # The background, selection and focus as for any cell; the words drawn here.
        painter.save()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.restore()
        # Inside the cell's padding (app.qss: 8 px times the scale) and the style's margin.
        inset = theme.scaled_px(8, theme.current_scale()) + 4
        rect = opt.rect.adjusted(inset, 0, -inset, 0)  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(opt.rect)  # type: ignore[attr-defined]
        painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined]
        font = QFont(opt.font)  # type: ignore[attr-defined]
        spacing = QFontMetrics(font).lineSpacing()
        # The lines as one block, in the middle of the row.
        top = rect.top() + max(0, (rect.height() - len(lines) * spacing) // 2)
        for number, line in enumerate(lines):
            font.setWeight(QFont.Weight.Bold if number == 0 else QFont.Weight.Normal)
            painter.setFont(font)
            words = QFontMetrics(font).elidedText(line, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(
                QRect(rect.left(), top, rect.width(), spacing),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                words,
            )
            top += spacing
        painter.restore()

    def sizeHint(  # noqa: N802 (Qt name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        lines = str(index.data() or "").count("\n") + 1
        return QSize(hint.width(), max(hint.height(), lines * option.fontMetrics.lineSpacing()))  # type: ignore[attr-defined]


# Font key → (text, lines) → px, shared by every table: a page opened again (the cash
# book, a year of payees) measures none of its words again.
_MEASURED: dict[str, dict[tuple[str, int], int]] = {}


class WrappingTable(QTableView):
    """Columns as wide as their words, wrapped onto up to ``max_lines`` lines if need be."""

    #: How many rows the table asks room for (it takes more when the page has it).
    ROWS_HINT = 4
    #: The rows' height changed (a page that keeps some rows in view can make room).
    fitted = Signal()

    def __init__(
        self,
        stretch: int,
        parent: QWidget | None = None,
        *,
        max_lines: int = 3,
        stretch_least_px: int = 160,
        compact: int | None = None,
        compact_lines: int = 3,
    ) -> None:
        super().__init__(parent)
        self._stretch = stretch
        self._max_lines = max_lines
        self._least_px = stretch_least_px
        self._compact = compact
        self._compact_lines = compact_lines
        self.compact_mode = False
        # Kept here: a delegate whose Python side is collected stops painting its way.
        self._lines_delegate = LinesDelegate(self)
        if compact is not None:
            self.setItemDelegateForColumn(compact, self._lines_delegate)
        self._texts: dict[int, list[str]] = {}
        self._widths = _MEASURED
        self._fitting = False
        self.lines = 1
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def set_column_texts(self, texts: Mapping[int, Iterable[str]]) -> None:
        """The words each fitted column may show (every row's), to measure them once."""
        self._texts = {column: sorted(set(values)) for column, values in texts.items()}
        self.fit()

    def fit(self) -> None:
        """Share the width out again (after new rows, a new size or a new text size)."""
        model = self.model()
        if model is None or self._fitting:
            return
        self._fitting = True
        try:
            self._fit(model.columnCount())
        finally:
            self._fitting = False

    def _fit(self, columns: int) -> None:
        scale = theme.current_scale()
        font = self.font()
        fm = QFontMetrics(font)
        bold = QFont(self.horizontalHeader().font())
        bold.setBold(True)
        headings = QFontMetrics(bold)
        padding = theme.scaled_px(CELL_PADDING_PX, scale)
        least = theme.scaled_px(self._least_px, scale)
        # The room inside the frame, less a vertical scroll bar (kept whether it shows or
        # not, so rows coming and going never make the columns jump).
        available = (
            self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width()
        )
        model = self.model()
        fitted = [c for c in range(columns) if c not in (self._stretch, self._compact)]

        def heading(column: int) -> int:
            words = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            return headings.horizontalAdvance(words)

        widths: dict[int, int] = {}
        fits = False
        for lines in range(1, self._max_lines + 1):
            widths = {
                c: max(heading(c), self._widest(fm, font, c, lines)) + padding for c in fitted
            }
            self.lines = lines
            fits = sum(widths.values()) + least <= available
            if fits:
                break
        self.compact_mode = not fits and self._compact is not None
        header = self.horizontalHeader()
        header.setMinimumSectionSize(min([least, *widths.values()]))
        for column in range(columns):
            shown = (column == self._compact) == self.compact_mode
            self.setColumnHidden(column, not shown)
            if column in (self._stretch, self._compact):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, widths[column])
        if self.compact_mode:
            self.lines = self._compact_lines
        self.setWordWrap(self.lines > 1 and not self.compact_mode)
        one_line = theme.row_height(font, scale)
        height = one_line + (self.lines - 1) * fm.lineSpacing()
        if height != self.row_height():
            self.verticalHeader().setDefaultSectionSize(height)
            self.updateGeometry()
            self.fitted.emit()

    def _widest(self, fm: QFontMetrics, font: QFont, column: int, lines: int) -> int:
        """The width the column's words need on ``lines`` lines.

        Longest first: words never need more room wrapped than on one line, so once a
        text is no wider on one line than the widest found, nor are the rest.
        """
        # One cache per font: thousands of texts (a name per member) are measured once.
        widths = self._widths.setdefault(font.key(), {})

        def width(text: str, on: int) -> int:
            found = widths.get((text, on))
            if found is None:
                found = widths[(text, on)] = wrapped_width(fm, text, on)
            return found

        texts = sorted(self._texts.get(column, ()), key=lambda t: width(t, 1), reverse=True)
        widest = 0
        for text in texts:
            if width(text, 1) <= widest:
                break
            widest = max(widest, width(text, lines))
        return widest

    def row_height(self) -> int:
        return self.verticalHeader().defaultSectionSize()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # Room for the heading and a few rows; the page gives it more when it has it.
        # (Qt's own hint is far taller, and a page that scrolls as a whole would then
        # grow taller than the window even when the list could share it.)
        hint = super().sizeHint()
        header = self.horizontalHeader().sizeHint().height()
        height = header + self.ROWS_HINT * self.row_height() + 2 * self.frameWidth()
        return QSize(hint.width(), height)

    # ------------------------------------------------------------ Qt

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()


def rows_to_choose_from(table: QTableView, name: str) -> None:
    """Set a table up as a list to choose one row from, read only: whole rows chosen,
    shaded alternately, Tab leaving the table, headings that do nothing when pressed."""
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionsClickable(False)
