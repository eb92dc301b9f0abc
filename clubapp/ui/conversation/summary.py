"""The summary screen: the three places with the cards put under each, the member's own
words about any card and about the topic, who may see it, and "Save".

It reads from and writes back to the shared ConversationState, so going back to the
cards ("Sort more cards") and coming here again keeps everything typed. Who may see it
uses the note editor's own choices and words: a conversation is saved as notes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clubapp.services.conversation_topics import CardRow
from clubapp.services.conversations import PLACE_WORDS, SORTED_PLACES
from clubapp.ui import theme
from clubapp.ui.conversation.faces import SMALL_PICTURE_PX, card_pixmap, face_pixmap
from clubapp.ui.conversation.state import SKIPPED, ConversationState
from clubapp.ui.pages.note_editor import (
    FLAG_HELP,
    FLAG_PRIVATE_HELP,
    _CheckWithNote,
    _VisibilityChoice,
    flag_follows_sharing,
)
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FormPanel
from clubapp.ui.widgets.inputs import TextBox

NOTHING_HERE = "No cards here."
SEND = "Send to the committee"
ANONYMOUS_MEANING = (
    "The committee reads which cards went where, but is never told who sorted them. "
    "The coordinator can still see it all."
)


class _Form(FormPanel):
    """Asks for little height: the buttons under it stay on the screen at any text size."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(hint.width(), min(hint.height(), 120))


def _plain(text: str, role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


def _picture(pixmap: QPixmap | None, name: str) -> QLabel:
    label = QLabel()
    if pixmap is not None:
        label.setPixmap(pixmap)
    label.setFixedSize(SMALL_PICTURE_PX, SMALL_PICTURE_PX)
    label.setAccessibleName(name)
    return label


class CardLine(QWidget):
    """One card in a column: its picture and word, and a box for what the member said."""

    def __init__(self, card: CardRow, photo: bytes | None, words: str, ratio: float) -> None:
        super().__init__()
        self.card = card
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(_picture(card_pixmap(card, photo, SMALL_PICTURE_PX, ratio), card.word))
        top.addWidget(_plain(card.word, "label"), 1)
        self.words = QLineEdit(words)
        self.words.setPlaceholderText("Their words, if any")
        self.words.setAccessibleName(f"What they said about {card.word}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.words)


class SummaryView(QWidget):
    """What was sorted, the member's words, who may see it, and the buttons."""

    def __init__(
        self, state: ConversationState, photos: dict[int, bytes], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.photos = photos
        self.lines: dict[int, CardLine] = {}
        self._loaded_places: dict[int, str] = {}
        name, topic = state.person_name, state.topic.name
        self._flag_wanted = state.flagged
        self._was_shared = state.visibility != "private"

        self.heading = _plain(f"What {name} said about {topic.lower()}", "heading")
        self.form = _Form(self)
        content = self.form.widget()

        self.columns = QWidget(content)
        self.columns.setAccessibleName("Where the cards went")
        self.grid = QGridLayout(self.columns)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(8)
        self.form.add_field("placements", "Where the cards went", self.columns)
        self.left_out = _plain("")
        self.form.add_widget(self.left_out)

        self.own_words = TextBox(3, content)
        self.own_words.setText(state.own_words)
        self.form.add_field(
            "own_words", f"What {name} said about {topic.lower()} as a whole", self.own_words
        )
        self.visibility = _VisibilityChoice(content)
        self.visibility.set_value(state.visibility)
        # No summary is typed here: the committee reads what was sorted, without the name.
        self.visibility.meanings["committee_anonymous"].setText(ANONYMOUS_MEANING)
        self.visibility.buttons["committee_anonymous"].setAccessibleDescription(ANONYMOUS_MEANING)
        self.form.add_field("visibility", "Who may see it", self.visibility)
        self.named_agreed_on = DateEdit(
            state.named_agreed_on or state.on_date, content, display_format=IN_WORDS
        )
        self.form.add_field(
            "named_agreed_on", f"{name} agreed to be named on", self.named_agreed_on
        )
        self.flag = _CheckWithNote(SEND, FLAG_HELP, content)
        self.flag.check.setChecked(state.flagged and self._was_shared)
        self.form.add_field("flagged", "The committee", self.flag)
        self.visibility.changed.connect(self._visibility_changed)
        self._visibility_changed(self.visibility.value())

        self.errors_summary = _plain("", "error")
        self.errors_summary.hide()
        self.form.errors_changed.connect(self._count_errors)
        self.more_button = BigButton("Sort more cards", variant="secondary")
        self.leave_button = BigButton("Leave without saving", variant="secondary")
        self.save_button = BigButton("Save")
        buttons = flow_row(self.more_button, self.leave_button, self.save_button, spacing=24)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.errors_summary)
        layout.addWidget(buttons)

    # ------------------------------------------------------------ filling

    def load(self) -> None:
        """Show the cards where they are now (they may have moved since last time)."""
        self.store_words()
        places = dict(self.state.places)
        if places != self._loaded_places:
            # What was sorted changed: a problem shown before may be gone (or be another).
            self.clear_errors()
        self._loaded_places = places
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.lines = {}
        ratio = self.devicePixelRatioF()
        for column, place in enumerate(SORTED_PLACES):
            head = QWidget()
            head_row = QHBoxLayout(head)
            head_row.setContentsMargins(0, 0, 0, 4)
            head_row.setSpacing(8)
            head_row.addWidget(
                _picture(face_pixmap(place, SMALL_PICTURE_PX, ratio), PLACE_WORDS[place])
            )
            head_row.addWidget(_plain(PLACE_WORDS[place], "subheading"), 1)
            self.grid.addWidget(head, 0, column)
            cards = self.state.placed(place)
            for row, card in enumerate(cards, start=1):
                line = CardLine(
                    card,
                    self.photos.get(card.card_id),
                    self.state.card_words.get(card.card_id, ""),
                    ratio,
                )
                self.lines[card.card_id] = line
                self.grid.addWidget(line, row, column, Qt.AlignmentFlag.AlignTop)
            if not cards:
                self.grid.addWidget(
                    _plain(NOTHING_HERE, "help"), 1, column, Qt.AlignmentFlag.AlignTop
                )
            self.grid.setColumnStretch(column, 1)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        self.left_out.setText(self._left_out_words())
        self.left_out.setVisible(bool(self.left_out.text()))
        not_reached = bool(self.state.not_reached())
        self.more_button.setText("Sort more cards" if not_reached else "Go back to the cards")
        self._tab_order()

    def _left_out_words(self) -> str:
        parts = []
        skipped = [c.word for c in self.state.placed(SKIPPED)]
        if skipped:
            parts.append(f"Skipped: {', '.join(skipped)}.")
        not_reached = [c.word for c in self.state.not_reached()]
        if not_reached:
            parts.append(f"Not reached yet: {', '.join(not_reached)}.")
        return " ".join(parts)

    def _tab_order(self) -> None:
        chain: list[QWidget] = [line.words for line in self._lines_in_order()]
        chain += [
            self.own_words,
            *self.visibility.buttons.values(),
            self.named_agreed_on,
            self.flag.check,
            self.more_button,
            self.leave_button,
            self.save_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _lines_in_order(self) -> list[CardLine]:
        return [
            self.lines[c.card_id]
            for place in SORTED_PLACES
            for c in self.state.placed(place)
            if c.card_id in self.lines
        ]

    def _visibility_changed(self, code: str) -> None:
        shared = code != "private"
        self.form.field("named_agreed_on").setVisible(code == "committee_named")
        self._flag_wanted = flag_follows_sharing(
            self.flag.check, shared, self._was_shared, self._flag_wanted
        )
        self._was_shared = shared
        self.flag.check.setEnabled(shared)
        self.flag.set_note(FLAG_HELP if shared else FLAG_PRIVATE_HELP)

    # ------------------------------------------------------------ reading

    def store_words(self) -> None:
        for card_id, line in self.lines.items():
            self.state.card_words[card_id] = line.words.text()

    def store(self) -> None:
        """Keep what the screen shows in the conversation's state."""
        self.store_words()
        state = self.state
        state.own_words = self.own_words.text()
        state.visibility = self.visibility.value()
        state.named_agreed_on = (
            self.named_agreed_on.value() if self.named_agreed_on.is_valid() else None
        )
        state.flagged = self.flag.check.isChecked() and state.visibility != "private"

    # ------------------------------------------------------------ errors

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message by its field; nothing typed is cleared."""
        self.form.show_errors(errors)
        self._count_errors()

    def _count_errors(self) -> None:
        count = self.form.error_count()
        self.errors_summary.setText(
            "Not saved yet: one thing needs fixing. It is shown in red above."
            if count == 1
            else f"Not saved yet: {count} things need fixing. They are shown in red above."
        )
        self.errors_summary.setVisible(count > 0)
        theme.repolish(self.errors_summary)

    def clear_errors(self) -> None:
        self.form.clear_errors()
        self.errors_summary.hide()
