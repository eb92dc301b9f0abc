"""A table as tall as its rows: words wrap inside the cell's padding and are never cut."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel

from clubapp.ui import theme
from clubapp.ui.pages.attendance import FullTable
from clubapp.ui.widgets.tables import CELL_PADDING_PX


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_a_row_grows_for_every_line_its_words_need(qtbot, themed_app, scale):
    """Two words would fit a line of the column, but not inside the cell's padding: four
    words take four lines, at 100 % and 200 %."""
    theme.apply_theme(themed_app, scale)
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("Christmas Christmas Christmas Christmas"))
    table = FullTable()
    qtbot.addWidget(table)
    table.setModel(model)
    fm = QFontMetrics(table.font())
    two_words = fm.horizontalAdvance("Christmas Christmas")
    table.horizontalHeader().setStretchLastSection(False)
    table.setColumnWidth(0, two_words + theme.scaled_px(CELL_PADDING_PX, scale) // 2)
    table.resize(table.columnWidth(0) + 40, 400)
    table.show()
    qtbot.waitExposed(table)
    table.fit_rows()
    assert table.rowHeight(0) >= 4 * fm.lineSpacing()
    # and no taller than four lines with the theme's padding
    assert table.rowHeight(0) < 5 * fm.lineSpacing() + theme.row_height(table.font(), scale)


def test_a_hidden_table_measures_its_rows_when_shown(qtbot, themed_app):
    model = QStandardItemModel(0, 1)
    table = FullTable()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(200, 300)
    model.appendRow(QStandardItem("One two three four five six seven eight nine ten"))
    before = table.rowHeight(0)
    table.show()
    qtbot.waitExposed(table)
    qtbot.waitUntil(lambda: table.rowHeight(0) > before)
