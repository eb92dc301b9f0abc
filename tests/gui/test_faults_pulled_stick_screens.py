"""A memory stick pulled out while the app saves a PDF or the members spreadsheet: plain
words on the screen, no half-written file, an older file of the same name still whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from clubapp.ui.dialogs import pdf_preview
from tests.gui.test_members_page import club, open_members  # noqa: F401 (fixtures)
from tests.gui.test_pdf_preview import dialog, sign_in_pdf  # noqa: F401 (fixtures)
from tests.unit.fault_helpers import GONE_WORDS, pull_after

LEFT = Qt.MouseButton.LeftButton


def test_saving_a_pdf_onto_a_pulled_stick(dialog, tmp_path, monkeypatch, qtbot):  # noqa: F811
    """Save PDF… over last week's sheet, the stick pulled part way: the words say what
    happened, last week's sheet is whole, no other file is there, nothing reported saved."""
    stick = tmp_path / "stick"
    stick.mkdir()
    old = stick / "sheet.pdf"
    old.write_bytes(b"%PDF last week's sheet")
    saved = []
    dialog.saved.connect(saved.append)
    monkeypatch.setattr(
        pdf_preview.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(old), "PDF files (*.pdf)")),
    )
    pull_after(monkeypatch, len(dialog.pdf) // 2)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.error_label.isVisible()
    assert dialog.message().startswith(f"{GONE_WORDS}, so clubapp could not save the PDF.")
    assert "memory stick" in dialog.message()
    assert old.read_bytes() == b"%PDF last week's sheet"
    assert [p.name for p in stick.iterdir()] == ["sheet.pdf"]
    assert saved == []


def test_exporting_members_onto_a_pulled_stick(open_members, club, tmp_path, monkeypatch, qtbot):  # noqa: F811
    """Export the members, the stick pulled part way: the words under the list, and no
    file at all on the stick."""
    page, _stack = open_members()
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(stick / "m.csv"), ""))
    )
    pull_after(monkeypatch, 40)
    qtbot.mouseClick(page.export_button, LEFT)
    assert page.notice_label.property("role") == "error"
    assert page.notice().startswith(f"{GONE_WORDS}, so clubapp could not save the spreadsheet.")
    assert list(stick.iterdir()) == []
