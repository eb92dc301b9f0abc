"""No printer, printing cancelled, a printer that will not start: the preview says so in
plain words and offers Save PDF…; only a real print or save is ever reported as done."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog

from clubapp.ui.dialogs import pdf_preview
from tests.gui.test_pdf_preview import dialog, sign_in_pdf  # noqa: F401 (fixtures)

LEFT = Qt.MouseButton.LeftButton


def record(preview) -> dict[str, list]:
    """What the preview reports as done: pages printed, files saved."""
    done: dict[str, list] = {"printed": [], "saved": []}
    preview.printed.connect(done["printed"].append)
    preview.saved.connect(done["saved"].append)
    return done


def save_here(monkeypatch, path) -> None:
    monkeypatch.setattr(
        pdf_preview.QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(path), "PDF files (*.pdf)")),
    )


def test_no_printer_says_so_offers_save_and_reports_nothing(
    dialog,  # noqa: F811 (the fixture)
    monkeypatch,
    qtbot,
    tmp_path,
):
    """Print… with no printer: plain words, the focus on Save PDF…, nothing reported as
    printed; Save PDF… then saves the whole PDF (the way on), reported as saved."""
    done = record(dialog)
    monkeypatch.setattr(pdf_preview.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    qtbot.mouseClick(dialog.print_button, LEFT)
    text = dialog.message()
    assert text.startswith("No printer is set up on this computer, so nothing was printed.")
    assert "Save PDF" in text and dialog.save_button.hasFocus()
    assert done == {"printed": [], "saved": []}

    target = tmp_path / "sheet.pdf"
    save_here(monkeypatch, target)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert target.read_bytes() == dialog.pdf
    assert done == {"printed": [], "saved": [str(target)]}


def test_cancelling_the_print_window_changes_nothing(
    dialog,  # noqa: F811 (the fixture)
    monkeypatch,
    tmp_path,
):
    """A printer is there, but the print window is cancelled: said so, Save PDF… offered,
    nothing reported as printed and no file made."""
    done = record(dialog)
    shown = []
    monkeypatch.setattr(
        pdf_preview.QPrinterInfo, "availablePrinters", staticmethod(lambda: [QPrinterInfo()])
    )

    def cancel(print_window):
        shown.append(print_window.windowTitle())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(pdf_preview.QPrintDialog, "exec", cancel)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)  # where a print to a file would land
    assert dialog.choose_and_print() is False
    assert shown == ["Print the sign-in sheet"]
    assert dialog.message().startswith("Printing was cancelled, so nothing was printed.")
    assert "Save PDF" in dialog.message()
    assert done == {"printed": [], "saved": []}
    assert list(here.iterdir()) == []


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_that_will_not_start_reports_nothing(dialog, tmp_path):  # noqa: F811
    """The printer cannot be started (here: a PDF printer told to write into a folder that
    is not there): said so, Save PDF… offered, nothing reported as printed."""
    done = record(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "not-there" / "out.pdf"))
    assert dialog.print_to(printer) is False
    assert "nothing was printed" in dialog.message() and "Save PDF" in dialog.message()
    assert done["printed"] == []


def test_a_real_print_is_reported_once_with_its_pages(dialog, tmp_path):  # noqa: F811
    """Pages that really went to the printer are reported, once, with their count."""
    done = record(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) is True
    assert done["printed"] == [dialog.page_count()]
    assert done["saved"] == []


def test_a_save_that_fails_reports_nothing(dialog, tmp_path):  # noqa: F811
    """A PDF that could not be saved is not reported as saved."""
    done = record(dialog)
    assert dialog.save_to(tmp_path / "not-there" / "sheet.pdf") is False
    assert done == {"printed": [], "saved": []}
