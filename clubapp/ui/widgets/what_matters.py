"""“What matters to me”: a member's current likes, dislikes and needs, in their words.

The panel shows what `notes.what_matters` returns for the signed-in person, nothing
more: lines only the coordinator may see end in "(private)". Under them, the latest
picture conversation on each topic (`conversations.latest_per_topic`, which applies the
same rules) shows its cards as pictures, with the member's own words. Its buttons (add a note,
print About me) are made by the panel and wired by the page that shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from clubapp.services.conversations import SORTED_PLACES, ConversationDetail
from clubapp.services.notes import MatterLine, WhatMatters
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.conversation_cards import GROUP_WORDS, PlacesView, words_label
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
PICTURES_HEADING = "What they told us with pictures"
PICTURES_PRIVATE = " (private: for the coordinator only)"
NOTHING_YET = (
    "Nothing is written down yet. Notes about what they like, what they don't like and "
    "what helps them show here."
)


def arrange_places(view: PlacesView, width: int) -> bool:
    """Likes, Not sure and Doesn't like side by side in columns when ``width`` holds
    them, else one under another (a narrow window, large text). True: side by side."""
    grid = view.layout()
    assert isinstance(grid, QGridLayout)
    groups = [view.findChild(QWidget, f"place-{place}") for place in SORTED_PLACES]
    need = sum(g.minimumSizeHint().width() for g in groups if g is not None)
    need += grid.horizontalSpacing() * (len(groups) - 1)
    side_by_side = width >= need
    # Never wider than one place needs: the panel can narrow, and the places then stack.
    view.setMinimumWidth(max((g.minimumSizeHint().width() for g in groups if g), default=0))
    if getattr(view, "side_by_side", None) == side_by_side:
        return side_by_side
    for group in groups:
        if group is not None:
            grid.removeWidget(group)
    for n, group in enumerate(groups):
        if group is None:
            continue
        if side_by_side:
            grid.addWidget(group, 0, n)
        else:
            grid.addWidget(group, n, 0)
    for n in range(len(groups)):
        grid.setColumnStretch(n, 1 if side_by_side or n == 0 else 0)
    view.side_by_side = side_by_side  # type: ignore[attr-defined]
    return side_by_side


def line_words(line: MatterLine) -> str:
    """The words of one line, with "(private)" after it if only the coordinator may see
    it, or "(without the name)" if it was shared without the member's name."""
    text = " ".join(line.text.split())
    if line.private:
        return f"{text}{PRIVATE}"
    return text if line.named else f"{text}{UNNAMED}"


def conversation_words(detail: ConversationDetail) -> str:
    """ "Food and drink: 6 October 2026, with Jo Hart", marked as lines are when only the
    coordinator may see it or it was shared without the name."""
    helper = f", with {detail.helped_by}" if detail.helped_by else ""
    text = f"{detail.topic_name}: {detail.when_words}{helper}"
    if detail.visibility == "private":
        return f"{text}{PICTURES_PRIVATE}"
    return text if detail.visibility == "committee_named" else f"{text}{UNNAMED}"


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
        # The latest picture conversation on each topic (show_conversations).
        self.pictures = QWidget(self)
        self.pictures.setObjectName("what-matters-pictures")
        self._pictures_layout = QVBoxLayout(self.pictures)
        self._pictures_layout.setContentsMargins(0, 0, 0, 0)
        self._pictures_layout.setSpacing(8)
        self.pictures.hide()
        self._layout.addWidget(self.pictures)
        self.places: list[PlacesView] = []
        # A part the page adds under it (the member's picture conversations).
        self._extra: QWidget | None = None
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
        self._nothing_yet = matters.empty
        if matters.empty:
            self._text(NOTHING_YET, role="help")
        shown = [line for key, _label in GROUPS for line in getattr(matters, key)]
        if self.print_button is not None and any(not line.named for line in shown):
            self._text(NOT_PRINTED, role="help")
        if self.add_button is not None:
            self.add_button.setText(f"Add a note about {matters.name}")

    def show_conversations(
        self, details: list[ConversationDetail], photos: dict[int, bytes]
    ) -> None:
        """Show these picture conversations (the latest on each topic) in place of the
        ones shown before: per topic the day and who helped, then the cards as pictures
        under Likes, Not sure and Doesn't like."""
        while self._pictures_layout.count():
            item = self._pictures_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.places = []
        self.pictures.setVisible(bool(details))
        if details and getattr(self, "_nothing_yet", False):  # the pictures say something
            for label in self.body.findChildren(QLabel):
                if label.text() == NOTHING_YET:
                    label.hide()
        if not details:
            return
        self._pictures_layout.addWidget(words_label(PICTURES_HEADING, "label", self.pictures))
        for detail in details:
            topic = words_label(conversation_words(detail), "label", self.pictures)
            topic.setObjectName("what-matters-topic")
            self._pictures_layout.addWidget(topic)
            # Side by side, as on the conversation's page (arrange_places stacks them
            # when the panel is too narrow).
            view = PlacesView(detail, photos, self.pictures, columns=True, group_words=GROUP_WORDS)
            arrange_places(view, self.pictures.width())
            self.places.append(view)
            self._pictures_layout.addWidget(view)
            said = " ".join(detail.own_words.split())
            if said:
                self._pictures_layout.addWidget(
                    words_label(f"In their own words: “{said}”", "", self.pictures)
                )
            self._pictures_layout.addSpacing(8)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        for view in self.places:
            arrange_places(view, event.size().width())

    def set_extra(self, widget: QWidget) -> None:
        """Put ``widget`` under the conversations, above the buttons, in place of the one
        put there before."""
        if self._extra is not None:
            self._extra.hide()
            self._extra.deleteLater()
        self._extra = widget
        self._layout.insertWidget(self._layout.indexOf(self.notice_label), widget)
        widget.show()

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
