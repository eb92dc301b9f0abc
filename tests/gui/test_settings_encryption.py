"""The Encryption part of Settings through its real buttons: turning encryption on shows
the recovery sheet in the preview and leaves the file encrypted; a new sheet, a new
passphrase, and turning it off again; where it cannot work, the reason instead."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from clubapp.db import encryption
from clubapp.db.backup import automatic_backup, list_backups
from clubapp.services import audit
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages import settings_encryption as part_words
from clubapp.ui.pages.settings import SettingsPage
from tests.conftest import TODAY, add_person
from tests.gui.a11y import audit as interface_audit
from tests.gui.committee_helpers import answer_next_question, click, settle

PASSPHRASE = "blue kettle on the windowsill"
CANARY = "Quillonbe Zarkwinder"

needs_sqlcipher = pytest.mark.skipif(
    encryption.unavailable_reason() is not None, reason="sqlcipher3 has no build here"
)


@pytest.fixture
def page(db, coordinator, qtbot, themed_app):
    """Settings in a real page stack (its preview is the real one), a canary person and
    one plain backup in the club."""
    add_person(db, coordinator, CANARY)
    automatic_backup(db.path, db.backups_dir, "daily")
    ctx = AppContext(db, coordinator, today=lambda: TODAY)
    stack = PageStack(ctx)
    qtbot.addWidget(stack)
    settings = SettingsPage(ctx)
    stack.open_room(settings)
    stack.resize(1280, 720)
    stack.show()
    qtbot.waitExposed(stack)
    return settings


def shown_preview() -> PdfPreviewDialog | None:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, PdfPreviewDialog) and w.isVisible()
        ),
        None,
    )


def close_preview(qtbot) -> str:
    """Wait for the preview; close it; the text of what it showed."""
    qtbot.waitUntil(lambda: shown_preview() is not None)
    dialog = shown_preview()
    assert dialog is not None and dialog.windowTitle().startswith("Recovery sheet")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(dialog.pdf)).pages
    )
    dialog.close()
    qtbot.waitUntil(lambda: shown_preview() is None)
    settle(qtbot)
    return text


def type_in(qtbot, box, text: str) -> None:
    box.clear()
    qtbot.keyClicks(box, text)


@needs_sqlcipher
def test_turning_it_on_shows_the_recovery_sheet_and_encrypts_the_file(page, qtbot, db, coordinator):
    part = page.encryption
    assert part.state_words.text() == part_words.IS_OFF
    assert part.turn_on_button.isVisible() and not part.turn_off_button.isVisible()
    assert "every time it opens" in part.explain.text()
    assert "trustee" in part.explain.text()
    # Too short, then two different ones: said beside the field, nothing changed.
    type_in(qtbot, part.new_passphrase, "too short")
    click(qtbot, part.turn_on_button)
    assert "at least 10 letters" in part.new_row.error_text()
    type_in(qtbot, part.new_passphrase, PASSPHRASE)
    type_in(qtbot, part.new_again, PASSPHRASE + ".")
    click(qtbot, part.turn_on_button)
    assert part.new_again_row.error_text() == part_words.DIFFERENT
    assert not db.encrypted and db.path.read_bytes().startswith(encryption.SQLITE_HEADER)
    type_in(qtbot, part.new_again, PASSPHRASE)
    click(qtbot, part.turn_on_button)
    sheet = close_preview(qtbot)
    assert PASSPHRASE in sheet and "Riverside Club" in sheet
    assert db.encrypted and encryption.looks_encrypted(db.path)
    for info in list_backups(db.backups_dir):
        assert encryption.looks_encrypted(info.path)
        assert CANARY.encode() not in info.path.read_bytes()
    assert part.state_words.text() == part_words.IS_ON
    assert part.turn_off_button.isVisible() and not part.turn_on_button.isVisible()
    assert part.new_passphrase.text() == "" and part.new_again.text() == ""
    assert "give it to a trustee" in part.note.text()
    said = [
        (r.action_words, r.what)
        for r in db.run(audit.audit_entries, coordinator, audit.AuditFilter(area="privacy"))
    ]
    assert ("Turn on encryption", "changed") in said and ("Recovery sheet", "printed") in said


@needs_sqlcipher
def test_a_new_sheet_needs_the_passphrase(page, qtbot, db, coordinator):
    db.turn_on_encryption(PASSPHRASE, coordinator)
    part = page.encryption
    part.refresh()
    click(qtbot, part.print_sheet_button)
    assert "Type the club's passphrase" in part.current_row.error_text()
    type_in(qtbot, part.current, "blue kettle")
    click(qtbot, part.print_sheet_button)
    assert "does not open" in part.current_row.error_text()
    assert shown_preview() is None
    type_in(qtbot, part.current, PASSPHRASE)
    click(qtbot, part.print_sheet_button)
    assert PASSPHRASE in close_preview(qtbot)


@needs_sqlcipher
def test_a_new_passphrase_gives_a_new_sheet_and_the_old_one_stops_working(
    page, qtbot, db, coordinator
):
    db.turn_on_encryption(PASSPHRASE, coordinator)
    part = page.encryption
    part.refresh()
    new = "the heron stands in the reeds"
    type_in(qtbot, part.current, PASSPHRASE)
    type_in(qtbot, part.changed_passphrase, new)
    type_in(qtbot, part.changed_again, new)
    click(qtbot, part.change_button)
    assert new in close_preview(qtbot)
    assert db.passphrase == new
    assert encryption.check_passphrase(db.path, new)
    assert not encryption.check_passphrase(db.path, PASSPHRASE)
    assert "shred the old one" in part.note.text()


@needs_sqlcipher
def test_turning_it_off_asks_first_then_leaves_a_plain_file(page, qtbot, db, coordinator):
    db.turn_on_encryption(PASSPHRASE, coordinator)
    part = page.encryption
    part.refresh()
    type_in(qtbot, part.current, PASSPHRASE)
    asked = answer_next_question(confirm=False)
    click(qtbot, part.turn_off_button)
    assert asked and "anyone who can open the file can read them" in asked[0]
    assert db.encrypted and encryption.looks_encrypted(db.path)
    asked = answer_next_question(confirm=True)
    click(qtbot, part.turn_off_button)
    assert asked
    assert not db.encrypted
    assert db.path.read_bytes().startswith(encryption.SQLITE_HEADER)
    for info in list_backups(db.backups_dir):
        assert info.path.read_bytes().startswith(encryption.SQLITE_HEADER)
    assert part.state_words.text() == part_words.IS_OFF
    assert part.turn_on_button.isVisible()
    assert "Shred the recovery sheet" in part.note.text()


def test_where_it_cannot_work_the_part_says_why_and_has_no_buttons(page, monkeypatch):
    def missing():
        raise ImportError("No module named 'sqlcipher3'")

    monkeypatch.setattr(encryption, "_module", missing)
    part = page.encryption
    part.refresh()
    assert part.state_words.text() == encryption.NOT_INSTALLED
    for button in (
        part.turn_on_button,
        part.turn_off_button,
        part.print_sheet_button,
        part.change_button,
    ):
        assert not button.isVisible()


@needs_sqlcipher
@pytest.mark.parametrize("encrypted", [False, True])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_part_passes_the_interface_rules(page, qtbot, db, coordinator, encrypted, scale):
    if encrypted:
        db.turn_on_encryption(PASSPHRASE, coordinator)
        page.encryption.refresh()
    theme.apply_theme(theme.qapp(), scale)
    settle(qtbot)
    part = page.encryption
    qtbot.waitUntil(lambda: part.heading.font().pointSizeF() >= 18 * scale)
    parent = part.parentWidget()
    while parent is not None and not hasattr(parent, "ensureWidgetVisible"):
        parent = parent.parentWidget()
    assert parent is not None
    problems = []
    for target in (part.heading, part.turn_on_button if not encrypted else part.turn_off_button):
        parent.ensureWidgetVisible(target, 0, 0)
        settle(qtbot)
        problems += interface_audit(part, scale)
    assert problems == []
