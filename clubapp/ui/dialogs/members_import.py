"""Import people from a spreadsheet (CSV): choose the file, see what would happen, then import.

Nothing is added until the coordinator presses "Import N people", and that button stays
off while any row has a problem: an import takes every row or none. Each problem names
its line in the spreadsheet ("Line 4, Phone: …") so it can be fixed there.

A big import runs off the screen's thread with a progress bar and "Stop the import";
stopped, nothing is kept. The window cannot be closed while it runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError, explain_os_error
from clubapp.services import members_transfer
from clubapp.services.errors import NotAllowed
from clubapp.services.members_csv import CsvFileError
from clubapp.services.members_transfer import ImportPlan
from clubapp.services.progress import ImportStopped
from clubapp.services.vocab import KINDS as KIND_WORDS
from clubapp.ui import theme
from clubapp.ui.context import PEOPLE, AppContext
from clubapp.ui.import_run import IMPORTING, PREVIEWING, ImportDialog, ImportRunner
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.messages import room_on_screen

#: Files bigger than this are not spreadsheets of club members.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: New people listed one by one; beyond this, "…and 300 more".
MAX_LISTED = 200
#: From this many new people, the import runs in the background with a progress bar;
#: fewer are added at once (a bar that flashes by says nothing).
BACKGROUND_FROM = 1_000
#: A file this big (some 10,000 rows) is checked for the preview in the background too.
BACKGROUND_BYTES = 512 * 1024
STOPPED_CHECKING = (
    "Stopped before the whole file was checked. Choose the file again to see what it would import."
)

BLOCKED_TEXT = (
    "Nothing will be imported until every problem is fixed in the spreadsheet. "
    "Fix it, then choose the file again."
)
INTRO_TEXT = (
    "Choose a spreadsheet saved as a CSV file. Its first row must have the column "
    "headings, such as Full name, Known as, Kinds, Phone, Email. You will see what would "
    "be added before anything is saved."
)


def people_words(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


class MembersImportDialog(ImportDialog):
    """Preview a members CSV and import it, all or nothing. Use ``open()``, not ``exec()``."""

    #: After a successful import: how many people were added.
    imported = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: ImportPlan | None = None
        self.path: Path | None = None
        self._data: bytes | None = None
        self.setWindowTitle("Import from a spreadsheet")
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        # Everything but the buttons scrolls, so nothing is cut off at 200 % text.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top = QWidget()
        self.scroll_area.setWidget(top)

        heading = QLabel("Import people from a spreadsheet", top)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        intro = QLabel(INTRO_TEXT, top)
        intro.setWordWrap(True)
        self.choose_button = BigButton("Choose a file…", top, variant="secondary")
        self.file_label = QLabel(top)
        self.file_label.setWordWrap(True)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setProperty("role", "label")
        self.file_label.hide()
        self.file_error = QLabel(top)
        self.file_error.setProperty("role", "error")
        self.file_error.setWordWrap(True)
        self.file_error.setTextFormat(Qt.TextFormat.PlainText)
        self.file_error.hide()
        self.summary_label = QLabel(top)
        self.summary_label.setProperty("role", "subheading")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.hide()

        # The preview: problems first (they stop the import), then the new people,
        # then those already in the club.
        self.preview = QFrame(top)
        self.preview.setFrameShape(QFrame.Shape.Box)
        self.preview.hide()
        self._preview_content = self.preview
        self._preview_layout = QVBoxLayout(self.preview)
        self._preview_layout.setContentsMargins(12, 12, 12, 12)
        self._preview_layout.setSpacing(8)

        self.blocked_label = QLabel(BLOCKED_TEXT, self)
        self.blocked_label.setProperty("role", "error")
        self.blocked_label.setWordWrap(True)
        self.blocked_label.hide()
        self.result_label = QLabel(self)
        self.result_label.setProperty("role", "label")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        self.close_button = BigButton("Close", self, variant="secondary")
        self.import_button = BigButton("Import people", self)
        self.import_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)

        chooser = QHBoxLayout()
        chooser.setSpacing(16)
        chooser.addWidget(self.choose_button)
        chooser.addWidget(self.file_label, 1)

        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 8, 0)
        top_layout.setSpacing(12)
        top_layout.addWidget(heading)
        top_layout.addWidget(intro)
        top_layout.addLayout(chooser)
        top_layout.addWidget(self.file_error)
        top_layout.addWidget(self.summary_label)
        top_layout.addWidget(self.preview)
        top_layout.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.blocked_label)
        # A big file is checked, and imported, in the background.
        self.runner = ImportRunner(self, ctx.db, "people", (self.scroll_area, self.close_button))
        self.progress = self.runner.panel
        layout.addWidget(self.result_label)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.import_now)
        self.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        scale = theme.current_scale()
        wanted = QSize(theme.scaled_px(820, scale), theme.scaled_px(680, scale))
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if window is not None and window.isVisible():
            room = window.size() - QSize(40, 40)
            wanted = wanted.boundedTo(room)
        return wanted

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt name)
        # Qt would shrink a new window to 2/3 of the screen, squeezing the words
        # under the list; take the size asked for, as far as the screen allows.
        if visible and not self.isVisible():
            self.resize(self.sizeHint().boundedTo(room_on_screen(self)))
        super().setVisible(visible)

    # ------------------------------------------------------------ reading the file

    def choose_file(self) -> None:
        folder = str(self.path.parent) if self.path else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose the spreadsheet (CSV file)",
            folder,
            "Spreadsheet (CSV) files (*.csv *.txt);;All files (*)",
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path | str) -> ImportPlan | None:
        """Read the file and show what importing it would do. Nothing is saved.

        A big file is checked in the background: None is returned at once, and the
        preview shows when it is done."""
        if self.running:
            return None
        path = Path(path)
        self.path = path
        self._reset()
        self.file_label.setText(f"File: {path.name}")
        self.file_label.show()
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CsvFileError(
                    "This file is too big to be a list of club members. Check you chose "
                    "the right file."
                )
            data = path.read_bytes()
            if len(data) >= BACKGROUND_BYTES:
                self.runner.start(
                    members_transfer.plan_import,
                    self.ctx.actor,
                    data,
                    stages=PREVIEWING,
                    total=1,
                    succeeded=lambda plan: self._previewed(data, plan),
                    failed=self._preview_failed,
                )
                return None
            plan = self.ctx.read(members_transfer.plan_import, data)
        except (CsvFileError, NotAllowed) as exc:
            self._file_problem(str(exc))
            return None
        except OSError as exc:
            self._file_problem(str(explain_os_error(exc, "read the file")))
            return None
        except KnownError as exc:
            self._file_problem(str(exc))
            return None
        return self._previewed(data, plan)

    def _previewed(self, data: bytes, plan: ImportPlan) -> ImportPlan:
        self._data = data
        self.plan = plan
        self._show_plan(plan)
        return plan

    def _preview_failed(self, exc: Exception) -> None:
        if isinstance(exc, ImportStopped):
            self._file_problem(STOPPED_CHECKING)
        elif isinstance(exc, (CsvFileError, NotAllowed, KnownError)):
            self._file_problem(str(exc))
        else:
            raise exc  # a bug: the crash window, as anywhere else

    def _reset(self) -> None:
        self.plan = None
        self._data = None
        self.file_error.hide()
        self.summary_label.hide()
        self.preview.hide()
        self.blocked_label.hide()
        self.result_label.hide()
        self.import_button.setText("Import people")
        self.import_button.setEnabled(False)
        while self._preview_layout.count():
            item = self._preview_layout.takeAt(0)
            if item is None:
                break
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _file_problem(self, message: str) -> None:
        self.file_error.setText(message)
        self.file_error.show()

    # ------------------------------------------------------------ the preview

    def _line(self, text: str, role: str = "") -> QLabel:
        label = QLabel(text, self._preview_content)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            label.setProperty("role", role)
        self._preview_layout.addWidget(label)
        return label

    def _show_plan(self, plan: ImportPlan) -> None:
        self.summary_label.setText(plan.summary())
        self.summary_label.show()
        if plan.problems:
            self._line("Problems to fix in the spreadsheet", "subheading")
            for problem in plan.problems:
                where = f"Line {problem.line}"
                if problem.column:
                    where += f", {problem.column}"
                self._line(f"{where}: {problem.message}", "error")
        if plan.new:
            self._line(f"New people ({len(plan.new):,})", "subheading")
            for row in plan.new[:MAX_LISTED]:
                kinds = ", ".join(KIND_WORDS.get(k, k) for k in row.kinds) or KIND_WORDS["member"]
                name = row.full_name + (f" (known as {row.known_as})" if row.known_as else "")
                self._line(f"Line {row.line}: {name}. {kinds}.")
            if len(plan.new) > MAX_LISTED:
                self._line(f"…and {len(plan.new) - MAX_LISTED:,} more.")
        if plan.duplicates:
            self._line(
                f"Already in the club, so they will not be added again ({len(plan.duplicates):,})",
                "subheading",
            )
            for dup in plan.duplicates:
                self._line(
                    f"Line {dup.line}: {dup.name} is already in the club as {dup.existing_name}."
                )
        if plan.ignored_columns:
            self._line("Columns that were not used", "subheading")
            self._line(
                "These columns are not ones clubapp knows, so they were left out: "
                + ", ".join(plan.ignored_columns)
                + "."
            )
        self.preview.show()
        # At large text sizes, bring the summary and the first problems into view.
        QTimer.singleShot(
            0,
            self.summary_label,
            lambda: self.scroll_area.verticalScrollBar().setValue(self.summary_label.y()),
        )
        count = len(plan.new)
        self.import_button.setText(f"Import {people_words(count)}")
        self.import_button.setEnabled(plan.ok and count > 0)
        self.blocked_label.setVisible(not plan.ok)
        if plan.ok and count == 0:
            self.result_label.setText(
                "There is nobody new in this file, so there is nothing to import."
            )
            self.result_label.show()

    def problem_lines(self) -> list[str]:
        """The problems as the dialog shows them (for tests and checks)."""
        return [
            w.text()
            for w in self._preview_content.findChildren(QLabel)
            if w.property("role") == "error" and w.isVisibleTo(self._preview_content)
        ]

    # ------------------------------------------------------------ importing

    def import_now(self) -> int:
        """Add every new person in one go, or nobody. Returns how many were added: 0 for
        a big import, which goes on in the background (`imported` says when it is done)."""
        if self._data is None or self.plan is None or not self.plan.ok or self.running:
            return 0
        if len(self.plan.new) >= BACKGROUND_FROM:
            self._start_in_background(self._data, len(self.plan.new))
            return 0
        try:
            plan = self.ctx.run(members_transfer.apply_import, self._data, changed=PEOPLE)
        except (CsvFileError, NotAllowed, KnownError) as exc:
            self._file_problem(str(exc))
            return 0
        return self._imported(plan)

    def _imported(self, plan: ImportPlan) -> int:
        """Show what the import did (or, if the records changed, what stops it now)."""
        if not plan.ok:
            # The club's records changed since the preview: show the new problems.
            self._reset()
            self.plan = plan
            self._show_plan(plan)
            return 0
        added = len(plan.new)
        self._data = None
        self.import_button.setEnabled(False)
        self.result_label.setText(f"Done: {people_words(added)} added to the club's records.")
        self.result_label.show()
        self.close_button.setText("Close")
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.imported.emit(added)
        return added

    # ------------------------------------------------------------ a big import

    def _start_in_background(self, data: bytes, count: int) -> None:
        self.file_error.hide()
        self.result_label.hide()
        self.import_button.setEnabled(False)
        self.runner.start(
            members_transfer.apply_import,
            self.ctx.actor,
            data,
            stages=IMPORTING,
            total=count,
            succeeded=self._finished,
            failed=self._failed,
        )

    def stop_import(self) -> None:
        """ "Stop the import": nothing is kept."""
        self.runner.stop()

    def _finished(self, plan: ImportPlan) -> None:
        if plan.ok:
            self.ctx.changed.emit(PEOPLE)
        self._imported(plan)

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, (ImportStopped, CsvFileError, NotAllowed, KnownError)):
            raise exc  # a bug: the crash window, as anywhere else
        self.import_button.setEnabled(True)  # nothing was kept: it can be tried again
        if isinstance(exc, ImportStopped):
            self._say_stopped(exc)
        else:
            self._file_problem(str(exc))
