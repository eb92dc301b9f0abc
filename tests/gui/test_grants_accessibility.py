"""DESIGN §2 on the Grants room (each of its parts) and on Home with its grant deadlines,
in the real main window at 1280×720, at text scale 100 % and 200 %: sizes, names, fonts,
clipping, Tab order, and no page that scrolls sideways. The grants are those of
test_grants_room.make_grants, added to the demo club, so the board has overdue, soon
and later lines and the lists have every status."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView

from clubapp.ui import theme
from clubapp.ui.pages.grants import GrantsPage
from tests.gui.test_accessibility import check, sign_in
from tests.gui.test_grants_room import make_grants

SCALES = (1.0, 2.0)


def with_grants(window, qtbot, role: str) -> None:
    """The coordinator adds the grants; then ``role`` signs in."""
    sign_in(window, qtbot, "coordinator")
    make_grants(window.ctx.db, window.ctx.actor)
    if role != "coordinator":
        window.sign_out()
        sign_in(window, qtbot, role)


def words_too_wide(page: GrantsPage, where: str) -> list[str]:
    """Words wider than their column in the room's tables. Qt wraps a cell's words
    between words and cuts a longer word short with "…" (an amount, "£30,000.00", would
    lose its pounds), which the general check, measuring a wrap anywhere, lets pass."""
    problems = []
    # The cell's padding (app.qss, each side) and the style's margins, as a11y measures.
    padding = 2 * theme.scaled_px(8, theme.current_scale()) + 8
    for table in page.findChildren(QTableView):
        if not table.isVisible():
            continue
        fm = QFontMetrics(table.font())
        model = table.model()
        for column in range(model.columnCount()):
            room = table.columnWidth(column) - padding
            for row in range(model.rowCount()):
                for word in str(model.index(row, column).data() or "").split():
                    if fm.horizontalAdvance(word) > room:
                        problems.append(f"{where}: '{word}' is wider than its column ({room} px)")
    return problems


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("role", ["coordinator", "committee"])
def test_the_grants_room_and_home_meet_the_rules(window, qtbot, scale, role):
    """Every part of the room, a deadline line's Open grant, a chosen application, and
    Home with its three deadlines, for one who changes grants and one who only sees."""
    with_grants(window, qtbot, role)
    theme.apply_theme(QApplication.instance(), scale)
    shell = window.shell
    problems: list[str] = []
    shell.go_to("Home")
    home = shell.rooms["Home"]
    assert home.grants_box.isVisible() and len(home.deadline_lines) == 3
    problems += check(window, scale, f"{role}: Home with grant deadlines")

    shell.go_to("Grants")
    page = shell.rooms["Grants"]
    assert isinstance(page, GrantsPage)
    for button in page.sections:
        page.show_section(button)
        where = f"{role}: Grants: {button.text()}"
        problems += check(window, scale, where) + words_too_wide(page, where)
    page.show_section(page.applications_button)
    page.applications_table.selectRow(0)
    page.show_statuses(("idea", "preparing", "submitted"))
    where = f"{role}: Grants, open applications, one chosen"
    problems += check(window, scale, where) + words_too_wide(page, where)
    assert not problems, "\n".join(problems)
