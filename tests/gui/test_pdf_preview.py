"""The printout preview: shows a real sign-in sheet, saves it safely, prints it, never crashes."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter

from clubapp.services import attendance, printouts
from clubapp.services.errors import NotAllowed
from clubapp.ui.dialogs import pdf_preview
from clubapp.ui.dialogs.pdf_preview import PdfPreviewDialog, page_count_words, show_pdf_preview

TODAY = date(2026, 11, 18)  # a Wednesday, as in tests/conftest.py

# PySide6 6.12 on Python 3.11 drops a reference to None each time a Qt method that
# returns nothing is called; enough GUI work frees None and aborts the run. Python
# 3.12+ never frees None, so give it the same footing here (see the report to the lead).


@pytest.fixture
def sign_in_pdf(db, coordinator, person_factory) -> bytes:
    """A real sign-in sheet with enough names for more than one page."""
    for i in range(40):
        person_factory(f"Person Number{i:02d}")
    session_id = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    return db.run(printouts.sign_in_sheet, coordinator, session_id, TODAY)


@pytest.fixture
def dialog(themed_app, qtbot, sign_in_pdf) -> PdfPreviewDialog:
    dlg = PdfPreviewDialog(None, "Sign-in sheet", sign_in_pdf, "sign-in-2026-11-18.pdf")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    qtbot.waitUntil(lambda: dlg.page_count() > 0)
    return dlg


def test_page_count_words():
    """Page counts are said in words: one page, many pages."""
    assert page_count_words(1) == "1 page"
    assert page_count_words(3) == "3 pages"


def test_dialog_shows_the_real_pdf_and_its_page_count(dialog):
    """A sign-in sheet from the printouts service loads, with "N pages" shown."""
    pages = dialog.page_count()
    assert pages == len(PdfReader(io.BytesIO(dialog.pdf)).pages)
    assert pages > 1
    assert dialog.page_count_label.text() == f"{pages} pages"
    assert dialog.view.pageMode() == QPdfView.PageMode.MultiPage
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert not dialog.isModal()
    for button in (dialog.print_button, dialog.save_button, dialog.close_button):
        assert button.width() >= 60 and button.height() >= 60


def test_save_to_writes_a_whole_pdf(dialog, tmp_path):
    """save_to writes the exact bytes, a file starting %PDF, and leaves no temporary file."""
    folder = tmp_path / "saved"
    folder.mkdir()
    target = folder / "sheet.pdf"
    assert dialog.save_to(target) is True
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert data == dialog.pdf
    assert [p.name for p in folder.iterdir()] == ["sheet.pdf"]
    assert "sheet.pdf" in dialog.message()


def test_save_to_replaces_an_old_file(dialog, tmp_path):
    """Saving over an older file replaces it whole."""
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old contents")
    assert dialog.save_to(target) is True
    assert target.read_bytes() == dialog.pdf


def test_saving_into_a_missing_folder_says_so_and_leaves_nothing(dialog, tmp_path):
    """A folder that is not there gives a plain message in the dialog and writes no file."""
    target = tmp_path / "not-there" / "sheet.pdf"
    assert dialog.save_to(target) is False
    assert not target.exists()
    assert not (tmp_path / "not-there").exists()
    assert dialog.error_label.isVisible()
    text = dialog.message()
    assert "could not save the PDF" in text
    assert "Errno" not in text and "Traceback" not in text


def test_save_button_saves_where_the_person_chooses(dialog, tmp_path, monkeypatch, qtbot):
    """Save PDF… offers the suggested name and saves (adding .pdf) where the person chose."""
    seen = {}

    def fake_dialog(parent, caption, suggested, filters):
        seen["suggested"] = suggested
        return str(tmp_path / "my sheet"), filters

    monkeypatch.setattr(pdf_preview.QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert seen["suggested"].endswith("sign-in-2026-11-18.pdf")
    assert (tmp_path / "my sheet.pdf").read_bytes().startswith(b"%PDF")


def test_print_to_draws_every_page(dialog, tmp_path):
    """Printing renders each page onto the printer (here a PDF printer) with the same count."""
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer) is True
    assert out.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(str(out)).pages) == dialog.page_count()
    assert "printer" in dialog.message()


def test_print_without_a_printer_offers_save(dialog, monkeypatch, qtbot):
    """With no printer set up, Print… says so plainly and points to Save PDF…; no crash."""
    monkeypatch.setattr(pdf_preview.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert "No printer" in dialog.message()
    assert "Save PDF" in dialog.message()
    assert dialog.save_button.hasFocus()


def test_zoom_buttons_make_the_pages_larger_and_smaller(dialog, qtbot):
    """Make larger and Make smaller change the zoom from the fitted width."""
    qtbot.mouseClick(dialog.larger_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    larger = dialog.view.zoomFactor()
    qtbot.mouseClick(dialog.smaller_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() < larger


def test_close_button_closes(dialog, qtbot):
    """Close closes the preview."""
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_show_pdf_preview_opens_without_blocking(themed_app, qtbot, sign_in_pdf):
    """show_pdf_preview builds the PDF and returns at once with the dialog open (open(), not exec())."""
    dlg = show_pdf_preview(None, "Sign-in sheet", lambda: sign_in_pdf, "sheet.pdf")
    assert dlg is not None
    qtbot.addWidget(dlg)
    qtbot.waitUntil(dlg.isVisible)
    # open() keeps only the parent window waiting; the rest of the app runs on.
    assert dlg.windowModality() != Qt.WindowModality.ApplicationModal
    assert dlg.windowTitle() == "Sign-in sheet"
    dlg.close()


def test_show_pdf_preview_tells_a_service_refusal(themed_app, monkeypatch):
    """If the printout cannot be made (the role may not), the reason is told; no dialog."""
    told = []
    monkeypatch.setattr(pdf_preview.messages, "tell", lambda parent, title, msg: told.append(msg))

    def refuse() -> bytes:
        raise NotAllowed("Only the coordinator can print this.")

    assert show_pdf_preview(None, "Sign-in sheet", refuse, "sheet.pdf") is None
    assert told == ["Only the coordinator can print this."]


def test_a_broken_pdf_is_said_plainly(themed_app, qtbot, tmp_path):
    """Bytes that are not a PDF show a message, disable Print…, and can still be saved."""
    dlg = PdfPreviewDialog(None, "Sign-in sheet", b"not a pdf at all", "sheet")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.print_button.isEnabled())
    assert "could not be shown" in dlg.message()
    assert dlg.file_name == "sheet.pdf"
    assert dlg.save_to(tmp_path / "x.pdf")
