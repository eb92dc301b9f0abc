"""The in-app preview of a printout, with Print…, Save PDF… and Close.

Every printout is a PDF made by ``clubapp.printing``. This dialog shows it page by
page, fitted to the window's width, with big buttons to make it larger or smaller.
Print… goes through the computer's own print window; Save PDF… writes the file
safely (to a temporary file first, then renamed), so a full disk or a missing
memory stick never leaves half a file behind. Problems are said in plain words
inside the dialog, never as a crash.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QRectF,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError
from clubapp.files import save_file
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.ui.theme import current_scale, scaled_px
from clubapp.ui.widgets import messages
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.messages import busy_cursor

#: Pages are printed as pictures at this many dots per inch at most: sharp on paper,
#: without making pictures so big that an old laptop runs out of memory.
MAX_PRINT_DPI = 300
ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 5.0


def page_count_words(count: int) -> str:
    """ "1 page", "3 pages"."""
    return "1 page" if count == 1 else f"{count} pages"


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder if there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


class PdfPreviewDialog(QDialog):
    """Shows a PDF (given as bytes) with Print…, Save PDF…, Close and zoom buttons.

    Public: ``print_button``, ``save_button``, ``close_button``, ``larger_button``,
    ``smaller_button``, ``page_count_label``, ``status_label`` (good news),
    ``error_label`` (problems), ``view``, ``document``; methods :meth:`page_count`,
    :meth:`message`, :meth:`save_to`, :meth:`print_to`,
    :meth:`choose_and_save`, :meth:`choose_and_print`, :meth:`zoom_in`,
    :meth:`zoom_out`.

    ``printed`` (the number of pages) and ``saved`` (the file's path) are sent only once
    the pages really went to the printer or the file is really saved: anything noted as
    printed or exported listens to these, never to the preview being opened. No printer,
    a cancelled print window or a failed save sends nothing.
    """

    printed = Signal(int)
    saved = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        pdf: bytes,
        file_name: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.pdf = bytes(pdf)
        self.file_name = file_name if file_name.lower().endswith(".pdf") else f"{file_name}.pdf"

        # The document reads from this buffer for as long as it is shown, so the
        # buffer (and the bytes under it) must live as long as the dialog.
        self._bytes = QByteArray(self.pdf)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.pageCountChanged.connect(self._show_page_count)
        self.document.statusChanged.connect(self._show_page_count)

        self.heading = QLabel(title, self)
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.page_count_label = QLabel("", self)
        self.page_count_label.setProperty("role", "subheading")
        # Good news and problems have a label each, styled from the start.
        self.status_label = QLabel("", self)
        self.status_label.setProperty("role", "label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.hide()
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()

        self.view = QPdfView(self)
        self.view.setAccessibleName(f"{title}, the printout as it will look on paper")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(scaled_px(16, 1.0))
        self.view.setDocument(self.document)

        self.smaller_button = BigButton("Make smaller", self, variant="secondary")
        self.larger_button = BigButton("Make larger", self, variant="secondary")
        self.print_button = BigButton("Print…", self, variant="primary")
        self.save_button = BigButton("Save PDF…", self, variant="secondary")
        self.close_button = BigButton("Close", self, variant="secondary")
        self.smaller_button.setAccessibleDescription("Show the pages smaller")
        self.larger_button.setAccessibleDescription("Show the pages larger")

        self.smaller_button.clicked.connect(self.zoom_out)
        self.larger_button.clicked.connect(self.zoom_in)
        self.print_button.clicked.connect(self.choose_and_print)
        self.save_button.clicked.connect(self.choose_and_save)
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self.heading, 1)
        top.addWidget(self.page_count_label, 0, Qt.AlignmentFlag.AlignBottom)

        buttons = QHBoxLayout()
        buttons.setSpacing(24)  # at least 16 px between targets
        buttons.addWidget(self.smaller_button)
        buttons.addWidget(self.larger_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.document.load(self._buffer)
        self._show_page_count()
        self._size_to_parent(parent)
        self.print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ showing

    def page_count(self) -> int:
        return self.document.pageCount()

    def _loaded(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready and self.page_count() > 0

    def _show_page_count(self, *_args: object) -> None:
        status = self.document.status()
        if status == QPdfDocument.Status.Error:
            self.page_count_label.setText("")
            self._say(
                "This printout could not be shown. You can still save it with Save PDF… "
                "and open it in another program.",
                error=True,
            )
            self.print_button.setEnabled(False)
            return
        count = self.page_count()
        self.page_count_label.setText(page_count_words(count) if count else "")
        self.print_button.setEnabled(count > 0)

    def _size_to_parent(self, parent: QWidget | None) -> None:
        screen = (
            parent.screen() if parent is not None else None
        ) or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 720)
        want = QSize(scaled_px(900, current_scale()), scaled_px(700, current_scale()))
        if parent is not None:
            want = parent.window().size() * 0.92
        self.resize(
            min(want.width(), available.width()),
            min(want.height(), available.height()),
        )

    def message(self) -> str:
        """The message now shown at the top of the dialog ("" if none)."""
        for label in (self.error_label, self.status_label):
            if not label.isHidden():
                return label.text()
        return ""

    def _say(self, text: str, *, error: bool = False) -> None:
        """A plain message at the top of the dialog: what happened and what to do."""
        show, hide = (
            (self.error_label, self.status_label)
            if error
            else (self.status_label, self.error_label)
        )
        hide.hide()
        show.setText(text)
        show.show()

    # ------------------------------------------------------------ zoom

    def _current_zoom(self) -> float:
        """The zoom now in use, also while the view fits the pages to its width."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or not self._loaded():
            return self.view.zoomFactor()
        widest = max(self.document.pagePointSize(i).width() for i in range(self.page_count()))
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        points_to_px = self.view.logicalDpiX() / 72.0
        if widest <= 0 or usable <= 0:
            return self.view.zoomFactor()
        return usable / (widest * points_to_px)

    def _set_zoom(self, factor: float) -> None:
        factor = min(max(factor, ZOOM_MIN), ZOOM_MAX)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.smaller_button.setEnabled(factor > ZOOM_MIN + 1e-6)
        self.larger_button.setEnabled(factor < ZOOM_MAX - 1e-6)

    def zoom_in(self) -> None:
        self._set_zoom(self._current_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._current_zoom() / ZOOM_STEP)

    # ------------------------------------------------------------ saving

    def suggested_path(self) -> Path:
        return documents_folder() / self.file_name

    def choose_and_save(self) -> bool:
        """Ask where to save (the Documents folder first), then save there."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save the PDF", str(self.suggested_path()), "PDF files (*.pdf)"
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return self.save_to(path)

    def save_to(self, path: str | os.PathLike[str]) -> bool:
        """Write the PDF to ``path`` safely. True if saved; otherwise a message says why.

        The bytes go to a temporary file in the same folder, which then replaces the
        target in one step: the target is either the old file or the whole new one.
        """
        path = Path(path)
        try:
            save_file(path, self.pdf, "save the PDF")
        except KnownError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(f"Saved. The PDF is called {path.name}, in the folder {path.parent}.")
        self.saved.emit(str(path))
        return True

    # ------------------------------------------------------------ printing

    def _offer_save(self, why: str) -> None:
        self._say(
            f"{why} You can save the PDF instead with Save PDF…, and print it later.",
            error=True,
        )
        self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_and_print(self) -> bool:
        """Open the computer's print window, then print the pages. True if printed."""
        if not self._loaded():
            self._offer_save("This printout could not be read, so it cannot be printed.")
            return False
        if not QPrinterInfo.availablePrinters():
            self._offer_save("No printer is set up on this computer, so nothing was printed.")
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print the {self.windowTitle().lower()}")
        dialog.setMinMax(1, self.page_count())
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
        if not accepted:
            self._offer_save("Printing was cancelled, so nothing was printed.")
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Draw each page onto ``printer`` as a picture. True if it all went to the printer."""
        if not self._loaded():
            self._offer_save("This printout could not be read, so it cannot be printed.")
            return False
        count = self.page_count()
        first = printer.fromPage() or 1
        last = printer.toPage() or count
        pages = range(max(1, first) - 1, min(count, last))
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        with busy_cursor():
            if not painter.begin(printer):
                self._offer_save("The printer could not be started, so nothing was printed.")
                return False
            try:
                for n, index in enumerate(pages):
                    if n and not printer.newPage():
                        raise RuntimeError("the printer would not start a new page")
                    self._print_page(painter, printer, index, dpi)
            except RuntimeError:
                painter.end()
                self._offer_save("The printer stopped part way, so the printout may be incomplete.")
                return False
            if not painter.end():
                self._offer_save("The printer reported a problem, so the printout may be missing.")
                return False
        pages_word = page_count_words(len(pages))
        self._say(f"Sent {pages_word} to the printer.")
        self.printed.emit(len(pages))
        return True

    def _print_page(self, painter: QPainter, printer: QPrinter, index: int, dpi: int) -> None:
        points = self.document.pagePointSize(index)
        area = QRectF(painter.viewport())
        if points.width() <= 0 or points.height() <= 0 or area.isEmpty():
            return
        # Fit the page into the printable area, keeping its shape, at the top left.
        printer_dpi = printer.resolution()
        scale = min(
            area.width() / (points.width() / 72 * printer_dpi),
            area.height() / (points.height() / 72 * printer_dpi),
            1.0,
        )
        target = QRectF(
            0,
            0,
            points.width() / 72 * printer_dpi * scale,
            points.height() / 72 * printer_dpi * scale,
        )
        image_size = QSize(
            max(1, round(points.width() / 72 * dpi * scale)),
            max(1, round(points.height() / 72 * dpi * scale)),
        )
        image = self.document.render(index, image_size)
        if image.isNull():
            raise RuntimeError(f"page {index + 1} could not be drawn")
        painter.drawImage(target, image)


def show_pdf_preview(
    parent: QWidget | None,
    title: str,
    make_pdf: Callable[[], bytes],
    file_name: str,
) -> PdfPreviewDialog | None:
    """Build the printout (with a waiting cursor) and open the preview without blocking.

    If the printout cannot be made for a reason the person can act on (their role,
    something missing, a disk problem), say so in plain words and return None.
    """
    try:
        with busy_cursor():
            pdf = make_pdf()
    except (NotAllowed, NotFound, ValidationError, KnownError) as exc:
        messages.tell(
            parent,
            # Only the first letter lowered: names in the title keep their capitals.
            f"The {title[:1].lower()}{title[1:]} could not be made",
            str(exc) or "Something it needs is missing. Please try again.",
        )
        return None
    dialog = PdfPreviewDialog(parent, title, pdf, file_name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
