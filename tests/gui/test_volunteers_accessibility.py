"""DESIGN §2 on the Volunteers room (each of its parts) and on Home with its checks to
renew and needs looking for people, in the real main window at 1280×720, at text scale
100 % and 200 %: sizes, names, fonts, clipping, Tab order, no page that scrolls sideways
and no word wider than its column. The data is test_volunteers_room.make_volunteers,
added to the demo club, so every list has lines and the checks have every state."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from clubapp.ui import theme
from clubapp.ui.context import VOLUNTEERS
from clubapp.ui.pages.volunteers import TitleFirstDelegate, VolunteersPage
from tests.gui.test_accessibility import check, sign_in
from tests.gui.test_volunteers_room import make_volunteers

SCALES = (1.0, 2.0)
# Where a cell's words may wrap: spaces (not the unbreaking ones inside a phone number,
# which keep it whole), and the breaks put into email addresses.
_BREAKS = re.compile(r"[^\S\u00a0]+|\u200b+")


def with_volunteers(window, qtbot, role: str) -> None:
    """The coordinator adds the volunteers' data; then ``role`` signs in."""
    sign_in(window, qtbot, "coordinator")
    make_volunteers(window.ctx.db, window.ctx.actor)
    window.ctx.changed.emit(VOLUNTEERS)
    if role != "coordinator":
        window.sign_out()
        sign_in(window, qtbot, role)


def words_too_wide(page: QWidget, where: str) -> list[str]:
    """Words wider than their column in the page's tables: Qt wraps a cell's words
    between words and cuts a longer word short with "…", which the general check,
    measuring a wrap anywhere, lets pass. A need's title, in bold, is measured bold."""
    problems = []
    padding = 2 * theme.scaled_px(8, theme.current_scale()) + 8
    for table in page.findChildren(QTableView):
        if not table.isVisible():
            continue
        fm = QFontMetrics(table.font())
        bold_font = QFont(table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        model = table.model()
        for column in range(model.columnCount()):
            room = table.columnWidth(column) - padding
            titled = isinstance(table.itemDelegateForColumn(column), TitleFirstDelegate)
            for row in range(model.rowCount()):
                text = str(model.index(row, column).data() or "")
                first, _, rest = text.partition("\n") if titled else ("", "", text)
                measured = [(bold, w) for w in _BREAKS.split(first)]
                measured += [(fm, w) for w in _BREAKS.split(rest)]
                for metrics, word in measured:
                    if metrics.horizontalAdvance(word) > room:
                        problems.append(f"{where}: '{word}' is wider than its column ({room} px)")
    return problems


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("role", ["coordinator", "committee", "volunteer"])
def test_the_volunteers_room_and_home_meet_the_rules(window, qtbot, scale, role):
    """Every part of the room, with a need, a person, a check, hours and a skill chosen
    where the role may choose them, and Home with its checks and needs, for the one who
    changes things, one who sees checks and one who logs hours."""
    with_volunteers(window, qtbot, role)
    theme.apply_theme(QApplication.instance(), scale)
    shell = window.shell
    problems: list[str] = []
    shell.go_to("Home")
    home = shell.rooms["Home"]
    assert home.needs_part.isVisible()
    assert home.checks_part.isVisible() is (role != "volunteer")
    problems += check(window, scale, f"{role}: Home with checks and needs")

    shell.go_to("Volunteers")
    page = shell.rooms["Volunteers"]
    assert isinstance(page, VolunteersPage)
    for key, button in page.section_buttons.items():
        page.show_section(key)
        where = f"{role}: Volunteers: {button.text()}"
        problems += check(window, scale, where) + words_too_wide(page, where)

    # With a line chosen, the Open buttons (and, for the coordinator, rename and
    # remove) are there to check too.
    chosen = [
        ("needs", page.needs_table),
        ("people", page.directory_table),
        ("rota", page.rota_table),
    ]
    if "checks" in page.section_buttons:
        chosen.append(("checks", page.checks_table))
    if page.can_log:
        chosen.append(("hours", page.hours_table))
    if page.can_edit:
        chosen.append(("skills", page.skills_table))
    for key, table in chosen:
        page.show_section(key)
        table.selectRow(0)
        where = f"{role}: Volunteers: {page.section_buttons[key].text()}, a line chosen"
        problems += check(window, scale, where)

    page.show_section("hours")
    page.show_period("this_year")
    where = f"{role}: Volunteers: Hours this financial year"
    problems += check(window, scale, where) + words_too_wide(page, where)
    assert not problems, "\n".join(problems)
