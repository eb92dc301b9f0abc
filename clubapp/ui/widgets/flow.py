"""FlowBox: widgets placed left to right, wrapping onto new lines when the width runs out.

Used for rows of big buttons, filters and check boxes, and (in grid mode) for the
register's name tiles, so nothing is clipped at 200 % text: at a large text size
there are simply more lines, or fewer columns.

It is a widget that places its children itself rather than a QLayout subclass: a
Python ``QLayout.itemAt`` returning None upsets PySide's reference counting on
Python 3.11. It never installs event filters on its children. Qt already tells a
parent that has no layout when a child needs another place: it posts a
``LayoutRequest`` event to the (visible) parent whenever a child's size hint
changes (``updateGeometry``, a font or text change) and whenever a child is shown
or hidden. Children coming and going arrive as ``ChildAdded`` / ``ChildRemoved``.
All of these are events on the FlowBox itself, handled in :meth:`FlowBox.event`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget
from shiboken6 import Shiboken

_LINE_ALIGN = (
    Qt.AlignmentFlag.AlignTop,
    Qt.AlignmentFlag.AlignVCenter,
    Qt.AlignmentFlag.AlignBottom,
)


class FlowBox(QWidget):
    """Lays its widgets out left to right, wrapping onto new lines when space runs out.

    Free flow (the default): each widget gets its own preferred width, and the
    widgets of one line share its bottom edge, so an editor with a label above it
    lines up with a plain button beside it (``align`` can be AlignTop or
    AlignVCenter instead). A word-wrapping label asks for its words on one line
    and wraps only when the line is too narrow.

    Grid mode (``uniform=True``): every widget gets the same cell, the largest size
    hint, so the number of columns follows the width: at a large text size the
    cells grow, there are fewer columns and nothing is cut.

    Hidden widgets take no room (unless their size policy retains it).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 16,
        uniform: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignBottom,
    ) -> None:
        super().__init__(parent)
        if align not in _LINE_ALIGN:
            raise ValueError("align must be AlignTop, AlignVCenter or AlignBottom")
        self._widgets: list[QWidget] = []
        self._gap = spacing
        self._uniform = uniform
        self._align = align
        # Heights already worked out, by width: a page's layouts ask each box many times
        # for the same widths (a meeting's page asked about 1,400 times as it opened).
        # Forgotten whenever a child comes, goes, or changes its size.
        self._heights: dict[int, int] = {}
        self._widths: dict[int, tuple[int, int]] = {}  # id(child) → (preferred, least)
        self._request_posted = False
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # ------------------------------------------------------------ contents

    def add_widget(self, widget: QWidget) -> None:
        """Add ``widget`` at the end (it becomes a child of the box)."""
        explicitly_hidden = widget.isHidden() and widget.testAttribute(
            Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        )
        widget.setParent(self)
        self._widgets.append(widget)
        # setParent hides a widget; show it again unless it was hidden on purpose.
        widget.setVisible(not explicitly_hidden)
        self._relayout()

    def remove_widget(self, widget: QWidget) -> None:
        """Stop placing ``widget`` (it stays a child until it is reparented or deleted)."""
        if widget in self._widgets:
            self._widgets.remove(widget)
            self._relayout()

    def remove_all(self) -> None:
        """Stop placing every widget (the caller deletes or reuses them)."""
        self._widgets.clear()
        self._relayout()

    def widgets(self) -> list[QWidget]:
        return list(self._items())

    def spacing(self) -> int:
        return self._gap

    def _items(self) -> list[QWidget]:
        """The widgets still alive and still ours (a deleted or reparented one drops out)."""
        alive = [w for w in self._widgets if Shiboken.isValid(w) and w.parentWidget() is self]
        if len(alive) != len(self._widgets):
            self._widgets = alive
        return alive

    def _visible(self) -> list[QWidget]:
        """The widgets that take room: shown ones, and hidden ones that keep their place."""
        return [
            w for w in self._items() if not w.isHidden() or w.sizePolicy().retainSizeWhenHidden()
        ]

    # ------------------------------------------------------------ sizes

    def _cell(self, width: int | None = None) -> QSize:
        """The size of every cell in a grid ``width`` wide (None: no limit)."""
        cell = QSize(0, 0)
        for widget in self._visible():
            cell = cell.expandedTo(widget.sizeHint()).expandedTo(widget.minimumSizeHint())
        return cell

    @staticmethod
    def _preferred_width(widget: QWidget) -> int:
        if isinstance(widget, QLabel) and widget.wordWrap():
            # A wrapping label asks for a narrow box; give it its words on one line
            # when there is room (the flow still wraps it if there is not).
            m = widget.contentsMargins()
            lines = widget.text().split("\n")
            fm = widget.fontMetrics()
            one_line = max(fm.horizontalAdvance(line) for line in lines)
            return one_line + m.left() + m.right() + 2 * widget.margin() + 4
        return max(widget.sizeHint().width(), widget.minimumSizeHint().width())

    @staticmethod
    def _least_width(widget: QWidget) -> int:
        if isinstance(widget, QLabel) and widget.wordWrap():
            return widget.minimumSizeHint().width()
        return max(widget.minimumSizeHint().width(), widget.minimumWidth())

    @staticmethod
    def _height_at(widget: QWidget, width: int) -> int:
        if widget.hasHeightForWidth():
            height = widget.heightForWidth(width)
            if height >= 0:
                return max(widget.minimumHeight(), min(height, widget.maximumHeight()))
        return max(widget.sizeHint().height(), widget.minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self._measure(width)

    def _measure(self, width: int) -> int:
        width = max(1, width)
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(width, apply=False)
        return height

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        visible = self._visible()
        if self._uniform:
            width = self._cell().width()
        else:
            widths = [self._child_widths(w)[0] for w in visible]
            width = sum(widths) + self._gap * max(0, len(widths) - 1)
        return QSize(width, self._measure(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        visible = self._visible()
        if self._uniform:
            width = self._cell().width()
        else:
            width = max((self._child_widths(w)[1] for w in visible), default=0)
        return QSize(width, self._measure(max(width, self.width())))

    # ------------------------------------------------------------ placing

    def _arrange(self, width: int, *, apply: bool) -> int:
        """Place the widgets (if ``apply``) and return the height they need."""
        width = max(1, width)
        items = self._visible()
        if not items:
            return 0
        if self._uniform:
            return self._arrange_grid(items, width, apply=apply)
        return self._arrange_lines(items, width, apply=apply)

    def _arrange_grid(self, items: list[QWidget], width: int, *, apply: bool) -> int:
        gap = self._gap
        cell = self._cell(width)
        columns = max(1, (width + gap) // max(1, cell.width() + gap))
        if apply:
            for i, widget in enumerate(items):
                row, col = divmod(i, columns)
                widget.setGeometry(
                    col * (cell.width() + gap),
                    row * (cell.height() + gap),
                    cell.width(),
                    cell.height(),
                )
        rows = (len(items) + columns - 1) // columns
        return rows * cell.height() + (rows - 1) * gap

    def _child_widths(self, widget: QWidget) -> tuple[int, int]:
        found = self._widths.get(id(widget))
        if found is None:
            found = self._widths[id(widget)] = (
                self._preferred_width(widget),
                self._least_width(widget),
            )
        return found

    def _arrange_lines(self, items: list[QWidget], width: int, *, apply: bool) -> int:
        gap = self._gap
        lines: list[list[tuple[QWidget, int]]] = [[]]
        used = 0
        for widget in items:
            preferred, least = self._child_widths(widget)
            w = min(preferred, max(width, least))
            if lines[-1] and used + gap + w > width:
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + w
            lines[-1].append((widget, w))
        y = 0
        for line in lines:
            heights = [self._height_at(widget, w) for widget, w in line]
            line_h = max(heights)
            if apply:
                x = 0
                for (widget, w), h in zip(line, heights, strict=True):
                    if self._align == Qt.AlignmentFlag.AlignTop:
                        top = y
                    elif self._align == Qt.AlignmentFlag.AlignVCenter:
                        top = y + (line_h - h) // 2
                    else:
                        top = y + line_h - h
                    widget.setGeometry(x, top, w, h)
                    x += w + gap
            y += line_h + gap
        return y - gap

    def _forget_sizes(self) -> None:
        self._heights.clear()
        self._widths.clear()

    def _relayout(self) -> None:
        self._forget_sizes()
        self.updateGeometry()
        if self.isVisible():  # a hidden box is placed when it is shown
            self._arrange(self.width(), apply=True)

    # ------------------------------------------------------------ Qt

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if "_widgets" in self.__dict__:  # not while Python is tearing the box down
            if kind == QEvent.Type.LayoutRequest:
                # A child was shown or hidden, or its size hint changed.
                self._request_posted = False
                self._relayout()
            elif kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
                self._forget_sizes()
            elif kind in (QEvent.Type.ChildAdded, QEvent.Type.ChildRemoved):
                self._forget_sizes()
                # The child may be half made or half destroyed now: look at it later,
                # once for all the children added together (a row of buttons).
                if not self._request_posted:
                    self._request_posted = True
                    QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))
        return super().event(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._arrange(self.width(), apply=True)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # While the box was hidden Qt posted no LayoutRequest for its children.
        super().showEvent(event)
        self._relayout()


def flow_row(
    *widgets: QWidget, spacing: int = 16, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignBottom
) -> FlowBox:
    """A strip of widgets that wraps onto more lines when the text is large."""
    host = FlowBox(spacing=spacing, align=align)
    for widget in widgets:
        host.add_widget(widget)
    return host
