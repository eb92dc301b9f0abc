"""DESIGN §2 on the "Keeping data safe" room, each of its parts, in the real main window at
1280×720, at text scale 100 % and 200 %: sizes, names, fonts, clipping, Tab order, no page
that scrolls sideways and no word wider than its column. The demo club, with a line of
every kind to review (a leaver, one whose leaving day is missing, a consent due, a photo
kept after its consent was withdrawn) and the audit log's filters set."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from clubapp.models.members import ConsentRecord
from clubapp.services import members
from clubapp.services.members import ConsentData
from clubapp.ui import theme
from clubapp.ui.context import PEOPLE
from clubapp.ui.pages.data_safety import DataSafetyPage
from tests.conftest import TODAY, add_person
from tests.gui.test_accessibility import check, sign_in
from tests.gui.test_volunteers_accessibility import words_too_wide

SCALES = (1.0, 2.0)
PNG = b"\x89PNG\r\n\x1a\n" + b"picture" * 4


def add_lines_to_review(db, actor) -> None:
    add_person(
        db, actor, "Bartholomew Fotheringham-Smythe", status="left", status_on=date(2019, 2, 1)
    )
    add_person(db, actor, "Eve White", status="died")
    add_person(
        db,
        actor,
        "Bill Jones",
        consents=(
            ConsentData("share_phone", "self", date(2025, 11, 1), review_on=date(2026, 12, 1)),
        ),
    )
    cath = add_person(
        db, actor, "Cath Brown", consents=(ConsentData("photos", "self", date(2025, 1, 1)),)
    )
    db.run(members.set_photo, actor, cath, PNG, TODAY)
    with db.transaction() as s:
        record = s.scalars(select(ConsentRecord).where(ConsentRecord.person_id == cath)).one()
        record.withdrawn_on = date(2026, 11, 1)


@pytest.mark.parametrize("scale", SCALES)
def test_the_keeping_data_safe_room_meets_the_rules(window, qtbot, scale):
    sign_in(window, qtbot, "coordinator")
    add_lines_to_review(window.ctx.db, window.ctx.actor)
    window.ctx.changed.emit(PEOPLE)
    theme.apply_theme(QApplication.instance(), scale)
    shell = window.shell
    shell.go_to("Keeping data safe")
    page = shell.rooms["Keeping data safe"]
    assert isinstance(page, DataSafetyPage)
    kinds = {card.row.kind for card in page.cards}
    assert kinds == {"leaver", "consent_due", "withdrawn"}
    assert any("open" in card.buttons for card in page.cards)
    problems: list[str] = []
    for key, button in page.section_buttons.items():
        page.show_section(key)
        where = f"Keeping data safe: {button.text()}"
        problems += check(window, scale, where) + words_too_wide(page, where)

    # The audit log with its day filters switched on (their date boxes in use).
    page.show_section("audit")
    page.from_filter.check.setChecked(True)
    page.to_filter.check.setChecked(True)
    page.from_filter.edit.set_value(date(2000, 1, 1))
    page.to_filter.edit.set_value(date(2100, 1, 1))
    assert page.audit_model.rowCount() > 0
    where = "Keeping data safe: Who changed what, between two days"
    problems += check(window, scale, where) + words_too_wide(page, where)

    # After an action, with what it did said above the list.
    page.show_section("review")
    card = next(c for c in page.cards if "keep" in c.buttons)
    card.buttons["keep"].click()
    assert page.review_note.isVisible()
    problems += check(window, scale, "Keeping data safe: To review, after keeping someone")
    assert not problems, "\n".join(problems)
