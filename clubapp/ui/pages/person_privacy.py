"""The coordinator's part of a person's page for their data-protection rights: everything
the club holds about them (a large-print PDF, and a file for a computer), and erasing
their details.

Shown near the bottom of the person's form, in its own box, only to the coordinator
(capability ``privacy.manage``). Erasing asks twice, in plain words that name the
person, with the safe choice first and the default each time: a press, not typing
their name, so a shaky hand is not a barrier, and Enter never erases anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QVBoxLayout, QWidget

from clubapp.db.errors import KnownError
from clubapp.files import save_file
from clubapp.printing.subject_access import subject_access_pdf, title_for
from clubapp.services import erasure, subject_access
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.ui.context import (
    ACCOUNTS,
    ATTENDANCE,
    COMMITTEE,
    GRANTS,
    NOTES,
    PEOPLE,
    USERS,
    VOLUNTEERS,
)
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.messages import ask_to_confirm, busy_cursor, tell

if TYPE_CHECKING:
    from clubapp.ui.pages.person import PersonPage

HEADING = "Their data (for the coordinator)"
EXPLAIN = (
    "Anyone can ask for a copy of everything the club holds about them, or ask for their "
    "details to be erased. These buttons do that for this person."
)
KEEP = "Go back, keep their details"
# Erasing touches every room's records (minutes, money, volunteering…).
ERASE_CHANGES = (NOTES, COMMITTEE, ACCOUNTS, GRANTS, VOLUNTEERS, ATTENDANCE, USERS)


def documents_folder() -> Path:
    folder = Path.home() / "Documents"
    return folder if folder.is_dir() else Path.home()


class PrivacyPart(QFrame):
    """A box with a heading, a line of explanation, a notice line and three buttons."""

    def __init__(self, page: PersonPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setObjectName("privacy-part")
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        heading = QLabel(HEADING, self)
        heading.setProperty("role", "subheading")
        heading.setWordWrap(True)
        explain = QLabel(EXPLAIN, self)
        explain.setProperty("role", "help")
        explain.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        name = self.name()
        self.show_button = BigButton(f"Everything we hold about {name}", self)
        self.json_button = BigButton(
            "Save as a file for a computer (JSON)", self, variant="secondary"
        )
        self.erase_button = BigButton(f"Erase {name}'s details", self, variant="danger")
        buttons = FlowBox(self, spacing=16)
        for button in (self.show_button, self.json_button, self.erase_button):
            buttons.add_widget(button)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addWidget(buttons)
        layout.addWidget(self.notice)
        self.show_button.clicked.connect(self.show_everything)
        self.json_button.clicked.connect(self.choose_json_file)
        self.erase_button.clicked.connect(self.erase)

    def name(self) -> str:
        """The name the page goes by (known-as first), short enough for a button."""
        detail = self.page.detail
        return detail.display_name if detail is not None else "this person"

    def full_name(self) -> str:
        detail = self.page.detail
        return detail.full_name if detail is not None else "this person"

    @property
    def person_id(self) -> int:
        assert self.page.person_id is not None
        return self.page.person_id

    def _say(self, text: str, *, error: bool = False) -> None:
        self.notice.setProperty("role", "error" if error else "label")
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice.setText(text)
        self.notice.show()

    def _gather(self) -> subject_access.SubjectAccess | None:
        """Everything about them (noted in the audit log), or None after saying why not."""
        ctx = self.page.ctx
        try:
            with busy_cursor():
                return ctx.run(subject_access.everything_about, self.person_id)
        except (NotAllowed, NotFound, KnownError) as exc:
            tell(self, "Could not gather their details", str(exc))
            return None

    # ------------------------------------------------------------ access

    def show_everything(self) -> bool:
        """Show everything held about them in the PDF preview (Print…, Save PDF…)."""
        result = self._gather()
        if result is None:
            return False
        today = self.page.ctx.today()
        self.page.ctx.navigator.show_pdf(
            title_for(result),
            lambda: subject_access_pdf(result, today),
            f"{subject_access.file_stem(result)}.pdf",
        )
        return True

    def choose_json_file(self) -> None:
        stem = subject_access.file_stem_for(self.full_name(), self.page.ctx.today())
        path, _filter = QFileDialog.getSaveFileName(
            self,
            "Save as a file for a computer",
            str(documents_folder() / f"{stem}.json"),
            "Files for a computer (JSON) (*.json)",
        )
        if path:
            self.save_json(Path(path))

    def save_json(self, path: Path) -> Path | None:
        """Write the machine-readable copy to ``path``; say where it went, or why not."""
        if not path.suffix:
            path = path.with_suffix(".json")
        result = self._gather()
        if result is None:
            return None
        try:
            save_file(path, subject_access.to_json(result), "save the file")
        except KnownError as exc:
            self._say(str(exc), error=True)
            return None
        self._say(
            f"Saved “{path.name}” in the folder {path.parent}. It holds "
            f"{result.full_name}'s private details: give it to them safely, and delete "
            "your copy when you have finished with it."
        )
        return path

    # ------------------------------------------------------------ erasure

    def erase(self) -> bool:
        """Ask twice, then erase their details; say what was done and go back."""
        name = self.name()
        if not ask_to_confirm(
            self,
            f"Erase {name}'s details",
            erasure.what_erasing_does(self.full_name()),
            f"Yes, erase {name}'s details",
            KEEP,
            danger=True,
        ):
            return False
        if not ask_to_confirm(
            self,
            "Are you sure?",
            f"{self.full_name()}'s details will be gone for good. Nobody can bring them back.",
            f"Erase {name}'s details now",
            KEEP,
            danger=True,
        ):
            return False
        ctx = self.page.ctx
        try:
            with busy_cursor():
                result = ctx.run(erasure.erase_person, self.person_id)
        except ValidationError as exc:
            tell(self, "Nothing was erased", " ".join(exc.errors.values()))
            return False
        except (NotAllowed, NotFound, KnownError) as exc:
            tell(self, "Nothing was erased", str(exc))
            return False
        # What is typed on the page is about the erased person: never keep it as a draft
        # (erasing removed their drafts), and leave without asking about it. The page
        # goes before the other screens hear of the change, so it is not filled again.
        window = self.window()
        self.page.drafts.stop()
        self.page._leaving_ok = True
        ctx.navigator.back()
        for domain in (PEOPLE, *ERASE_CHANGES):
            ctx.changed.emit(domain)
        tell(window, "Details erased", result.words)
        return True
