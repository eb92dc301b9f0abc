"""“What matters to me”: a member's current likes, dislikes and needs, in their words.

The panel shows what `notes.what_matters` returns for the signed-in person, nothing
more: lines only the coordinator may see end in "(private)". Its buttons (add a note,
print About me) are made by the panel and wired by the page that shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clubapp.services.notes import MatterLine, WhatMatters
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import FlowBox

HEADING = "What matters to me"
GROUPS = (
    ("likes", "I like"),
    ("dislikes", "I don't like"),
    ("needs", "What helps me"),
)
TIPS = "When you talk with me"
PRIVATE = " (private)"
UNNAMED = " (without the name)"
NOT_PRINTED = (
    "About me prints only the lines the member agreed to share with their name: lines "
    "marked (private) or (without the name) stay off it."
)
BULLET = "• "
NOTHING_YET = (
    "Nothing is written down yet. Notes about what they like, what they don't like and "
    "what helps them show here."
)


def line_words(line: MatterLine) -> str:
    """The words of one line, with "(private)" after it if only the coordinator may see
    it, or "(without the name)" if it was shared without the member's name."""
    text = " ".join(line.text.split())
    if line.private:
        return f"{text}{PRIVATE}"
    return text if line.named else f"{text}{UNNAMED}"


class WhatMattersPanel(QWidget):
    """A heading, the member's likes, dislikes, needs and tips, a notice line and buttons.

    ``add_button`` and ``print_button`` exist only if asked for; :meth:`show_matters`
    fills the lines in again (and names the add button after the member).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        can_add: bool = False,
        can_print: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("what-matters")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 12, 0, 4)
        self._layout.setSpacing(6)
        self.heading = QLabel(HEADING, self)
        self.heading.setProperty("role", "subheading")
        self.heading.setWordWrap(True)
        self._layout.addWidget(self.heading)
        self.body = QWidget(self)
        self._body_layout = QVBoxLayout(self.body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.setSpacing(6)
        self._layout.addWidget(self.body)
        self.notice_label = QLabel(self)
        self.notice_label.setProperty("role", "label")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.hide()
        self._layout.addWidget(self.notice_label)
        self.buttons = FlowBox(self, spacing=16)
        self.add_button: BigButton | None = None
        self.print_button: BigButton | None = None
        if can_add:
            self.add_button = BigButton("Add a note", self.buttons, variant="secondary")
            self.buttons.add_widget(self.add_button)
        if can_print:
            self.print_button = BigButton("Print About me", self.buttons, variant="secondary")
            self.buttons.add_widget(self.print_button)
        self.buttons.setVisible(can_add or can_print)
        self._layout.addWidget(self.buttons)
        self._lines: list[str] = []

    def show_matters(self, matters: WhatMatters) -> None:
        """Show these lines in place of the ones shown before."""
        while self._body_layout.count():
            item = self._body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._lines = []
        for key, label in GROUPS:
            lines: tuple[MatterLine, ...] = getattr(matters, key)
            if lines:
                self._group(label, [line_words(line) for line in lines])
        tips = matters.communication_tips.strip()
        if tips:
            self._group(TIPS, [tips])
        if matters.empty:
            self._text(NOTHING_YET, role="help")
        shown = [line for key, _label in GROUPS for line in getattr(matters, key)]
        if self.print_button is not None and any(not line.named for line in shown):
            self._text(NOT_PRINTED, role="help")
        if self.add_button is not None:
            self.add_button.setText(f"Add a note about {matters.name}")

    def lines(self) -> list[str]:
        """Every line shown under the headings, top to bottom (for tests and checks)."""
        return list(self._lines)

    def _group(self, label: str, lines: list[str]) -> None:
        title = QLabel(label, self.body)
        title.setProperty("role", "label")
        title.setWordWrap(True)
        self._body_layout.addWidget(title)
        for words in lines:
            self._text(f"{BULLET}{words}")
            self._lines.append(words)
        self._body_layout.addSpacing(6)

    def _text(self, words: str, *, role: str = "") -> None:
        label = QLabel(words, self.body)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if role:
            label.setProperty("role", role)
        self._body_layout.addWidget(label)
        label.show()

    # ------------------------------------------------------------ notices

    def show_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.show()

    def clear_notice(self) -> None:
        self.notice_label.clear()
        self.notice_label.hide()

    def notice(self) -> str:
        return self.notice_label.text() if not self.notice_label.isHidden() else ""
