"""Checks of DESIGN §2 on a live widget tree: sizes, names, fonts, clipping, focus.

`audit(root, scale)` returns a list of problems in words (empty means it passes), so a
failing test says exactly which control is wrong and how.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTableView,
    QTextEdit,
    QWidget,
)

from clubapp.ui import theme

MIN_TARGET = 44
FONT_TOLERANCE_PT = 0.5
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
)


def _name(w: QWidget) -> str:
    text = ""
    if isinstance(w, (QAbstractButton, QLabel)):
        text = w.text()
    return (
        f"{type(w).__name__}({text[:40]!r})" if text else f"{type(w).__name__} {w.objectName()!r}"
    )


def plain(text: str) -> str:
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&").strip()


def really_visible(w: QWidget) -> bool:
    """Shown, and not scrolled entirely out of its scroll area."""
    if not w.isVisible() or w.width() == 0 or w.height() == 0:
        return False
    return not w.visibleRegion().isEmpty()


def controls(root: QWidget) -> list[QWidget]:
    found = []
    for w in root.findChildren(QWidget):
        # Scroll bars and table headers are parts of the list they belong to.
        if isinstance(w, (QScrollBar, QHeaderView)) or not w.isVisible():
            continue
        # Parts of composite widgets (the line edit inside a spin box) are checked as the whole.
        parent = w.parentWidget()
        if parent is not None and isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue
        if isinstance(w, CONTROLS):
            found.append(w)
    return found


def accessible_name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def check_sizes(root: QWidget) -> list[str]:
    problems = []
    for w in controls(root):
        if isinstance(w, (QAbstractItemView, QTextEdit, QPlainTextEdit)):
            continue
        if isinstance(w, (QCheckBox, QRadioButton)):
            # The clickable area is the whole row; the indicator is enlarged by the stylesheet.
            if w.height() < MIN_TARGET - 4:
                problems.append(
                    f"{_name(w)} is {w.height()} px high; it should be at least {MIN_TARGET}"
                )
            continue
        if w.width() < MIN_TARGET or w.height() < MIN_TARGET:
            problems.append(
                f"{_name(w)} is {w.width()}×{w.height()} px; targets need {MIN_TARGET}×{MIN_TARGET}"
            )
    return problems


def check_names(root: QWidget) -> list[str]:
    problems = []
    for w in controls(root):
        name = accessible_name(w)
        if isinstance(w, QAbstractButton):
            visible = plain(w.text())
            if not w.icon().isNull() and not visible:
                problems.append(f"{_name(w)} has an icon with no words beside it")
            if visible and visible.split("\n")[0] not in name:
                problems.append(f"{_name(w)}'s accessible name {name!r} lacks its text {visible!r}")
        if not name.strip():
            problems.append(f"{_name(w)} has no accessible name")
    return problems


def check_fonts(root: QWidget, scale: float) -> list[str]:
    problems = []
    want = theme.BASE_POINT_SIZE * scale - FONT_TOLERANCE_PT
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or isinstance(w, QScrollBar):
            continue
        if not isinstance(w, (QLabel, *CONTROLS)):
            continue
        font = w.font()
        if font.family() != theme.FONT_FAMILY:
            problems.append(f"{_name(w)} uses {font.family()!r}, not {theme.FONT_FAMILY}")
        if font.italic():
            problems.append(f"{_name(w)} is in italics")
        size = font.pointSizeF()
        if 0 < size < want:
            problems.append(
                f"{_name(w)} text is {size:g} pt; the least is {want + FONT_TOLERANCE_PT:g}"
            )
    return problems


def _text_width(w: QWidget, text: str) -> int:
    fm = QFontMetrics(w.font())
    return max((fm.horizontalAdvance(line) for line in text.split("\n")), default=0)


def check_clipping(root: QWidget) -> list[str]:
    problems = []
    for w in root.findChildren(QWidget):
        if not really_visible(w):
            continue
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            text = w.text()
            if w.textFormat() != w.textFormat().PlainText and "<" in text:
                continue  # rich text wraps by itself; measured by its sizeHint below
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 2:
                    problems.append(f"{_name(w)} needs {need} px of height but has {w.height()}")
            elif _text_width(w, text) > w.contentsRect().width() + 1:
                problems.append(f"{_name(w)} text is wider than the label ({w.width()} px)")
        elif isinstance(w, QAbstractButton) and type(w).__name__ != "NameTile" and w.text():
            if isinstance(w, (QCheckBox, QRadioButton)):
                need = _text_width(w, plain(w.text())) + w.style().pixelMetric(
                    w.style().PixelMetric.PM_IndicatorWidth, None, w
                )
            else:
                need = _text_width(w, plain(w.text()))
            if need > w.width():
                problems.append(
                    f"{_name(w)} text needs {need} px but the button is {w.width()} px wide"
                )
        elif type(w).__name__ == "NameTile" and getattr(w, "isElided", lambda: False)():
            problems.append(f"{_name(w)} had to cut the name short")
    return problems


def check_table_cells(root: QWidget) -> list[str]:
    """Column headings fit their columns, and in a table as tall as its rows (one that
    wraps words rather than cutting them) every cell's words fit its row."""
    from clubapp.ui.pages.attendance import FullTable

    problems = []
    cell_padding = 2 * theme.scaled_px(8, theme.current_scale())  # app.qss, each side
    for table in root.findChildren(QTableView):
        if not really_visible(table) or table.model() is None:
            continue
        model = table.model()
        header = table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        heading = QFontMetrics(bold)
        fm = QFontMetrics(table.font())
        for column in range(model.columnCount()):
            if table.isColumnHidden(column):
                continue
            width = table.columnWidth(column)
            words = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            if header.isVisible() and heading.horizontalAdvance(words) + cell_padding > width:
                problems.append(f"{_name(table)}: the heading '{words}' is cut ({width} px)")
            if not isinstance(table, FullTable):
                continue
            flags = int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere)
            for row in range(min(model.rowCount(), 50)):
                text = str(model.index(row, column).data() or "")
                if not text:
                    continue
                area = QRect(0, 0, max(1, width - cell_padding - 8), 100_000)
                need = fm.boundingRect(area, flags, text).height()
                if need > table.rowHeight(row):
                    problems.append(
                        f"{_name(table)}: row {row + 1} needs {need} px for '{text[:30]}' "
                        f"but is {table.rowHeight(row)} px"
                    )
    return problems


def check_inside_window(root: QWidget) -> list[str]:
    """Nothing sticks out of the window where no scroll bar can reach it."""
    problems = []
    window_rect = root.rect()
    for w in controls(root):
        if not really_visible(w):
            continue
        inside_scroll = False
        parent = w.parentWidget()
        while parent is not None and parent is not root:
            if isinstance(parent, QAbstractScrollArea):
                inside_scroll = True
                break
            parent = parent.parentWidget()
        if inside_scroll:
            continue
        rect = QRect(w.mapTo(root, QPoint(0, 0)), w.size())
        if not window_rect.contains(rect):
            problems.append(f"{_name(w)} sticks out of the window at {rect.getRect()}")
    return problems


def focus_chain(root: QWidget, limit: int = 2000) -> list[QWidget]:
    """The widgets Tab visits, in order, starting from the first one."""
    seen: list[QWidget] = []
    w = root.nextInFocusChain()
    while w is not root and len(seen) < limit:
        tabbable = w.isVisible() and w.isEnabled() and w.focusPolicy() & w.focusPolicy().TabFocus
        if tabbable and root.isAncestorOf(w) and not w.isWindow():
            seen.append(w)
        w = w.nextInFocusChain()
    return seen


def check_tab_order(root: QWidget) -> list[str]:
    reached = {id(w) for w in focus_chain(root)}
    problems = []
    for w in controls(root):
        if not w.isEnabled() or isinstance(w, QLabel):
            continue
        policy = w.focusPolicy()
        if not policy & policy.TabFocus:
            problems.append(f"{_name(w)} cannot be reached with the Tab key")
        elif id(w) not in reached:
            problems.append(f"{_name(w)} is not in the Tab order")
    return problems


def audit(root: QWidget, scale: float) -> list[str]:
    problems: list[str] = []
    for check in (
        check_sizes,
        check_names,
        check_clipping,
        check_table_cells,
        check_inside_window,
        check_tab_order,
    ):
        problems += check(root)
    problems += check_fonts(root, scale)
    # One line per problem, without repeats (a list of tiles can repeat the same fault).
    return list(dict.fromkeys(problems))
