"""A member's picture conversations on their page, and one conversation's own page.

On the person's page, inside "What matters to me" (for roles that may see shared notes):
the latest picture conversation on each topic as pictures, then "Picture conversations":
each conversation, newest first, as a button with its number ("Conversation 12: Food and
drink, 6 October 2026") and a line of what was sorted; and "What has changed": the cards
the member put somewhere else from one time to the next, in words, with their pictures.

A conversation's page shows the three places side by side, the member's words, and a
button that prints it for the member to keep. Its number is what
``clubapp print conversation --id`` asks for.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clubapp.db.errors import KnownError
from clubapp.services import conversation_printouts, conversation_topics, conversations
from clubapp.services.conversations import CardHistory, ConversationDetail, summary_words
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.notes import VISIBILITY_WORDS
from clubapp.ui.context import NOTES, AppContext
from clubapp.ui.pages.base import Page, scrolling_body
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.conversation_cards import PlacesView, picture_label, words_label
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.messages import tell
from clubapp.ui.widgets.what_matters import WhatMattersPanel

HEADING = "Picture conversations"
CHANGED_HEADING = "What has changed"
NONE_YET = "No picture conversations yet."
NOTHING_CHANGED = "Nothing has changed yet: each card is where they put it before."
CHANGE_HEADING = "Change who may see it"
CHANGE_HELP = "This changes the conversation and every note it wrote, together."
SAVE_WHO = "Save who may see it"


def who_words(detail: ConversationDetail) -> str:
    """ "Who may see it: Shared with the committee, with their name." """
    return f"Who may see it: {VISIBILITY_WORDS[detail.visibility]}."


def stopped_words(detail: ConversationDetail) -> str:
    return f"{detail.person_name} stopped before the last card."


def button_words(detail: ConversationDetail) -> str:
    """Short, so it fits beside its words at 200 % text: "Conversation 12"."""
    return f"Conversation {detail.conversation_id}"


def line_words(detail: ConversationDetail) -> str:
    """ "Food and drink, 6 October 2026, with Jo Hart. Liked 5, not sure about 2." """
    helper = f", with {detail.helped_by}" if detail.helped_by else ""
    stopped = " They stopped before the last card." if not detail.finished else ""
    return f"{detail.topic_name}, {detail.when_words}{helper}. {summary_words(detail)}{stopped}"


def load_photos(ctx: AppContext, details: list[ConversationDetail]) -> dict[int, bytes]:
    """The photos of the cards that have one (library pictures need none)."""
    photos: dict[int, bytes] = {}
    wanted = {a.card_id for d in details for a in d.answers if a.has_photo}
    for card_id in sorted(wanted):
        try:
            photo = ctx.read(conversation_topics.card_photo, card_id)
        except (NotAllowed, NotFound):
            continue
        if photo:
            photos[card_id] = photo
    return photos


class ConversationsSection(QWidget):
    """The member's conversations, newest first, each opening its own page; then what
    has changed from one conversation to the next."""

    def __init__(
        self,
        ctx: AppContext,
        history: list[ConversationDetail],
        changes: list[CardHistory],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("person-conversations")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(words_label(HEADING, "label", self))
        self.open_buttons: list[BigButton] = []
        self.change_lines: list[str] = []
        self.open_lines: list[str] = []
        if not history:
            layout.addWidget(words_label(NONE_YET, "help", self))
        for detail in history:
            button = BigButton(button_words(detail), self, variant="secondary")
            button.clicked.connect(lambda _=False, number=detail.conversation_id: self.open(number))
            self.open_buttons.append(button)
            row = FlowBox(self, spacing=16, align=Qt.AlignmentFlag.AlignVCenter)
            row.add_widget(button)
            words = words_label(line_words(detail), "", self)
            self.open_lines.append(words.text())
            row.add_widget(words)
            layout.addWidget(row)
        if len(history) > 1:
            layout.addWidget(words_label(CHANGED_HEADING, "label", self))
            if not changes:
                layout.addWidget(words_label(NOTHING_CHANGED, "help", self))
            for change in changes:
                line = QWidget(self)
                box = QHBoxLayout(line)
                box.setContentsMargins(0, 0, 0, 0)
                box.setSpacing(10)
                box.addWidget(picture_label(change.picture, None, change.word, line))
                words = words_label(f"{change.topic_name}: {change.words}", "", line)
                box.addWidget(words, 1)
                self.change_lines.append(words.text())
                layout.addWidget(line)

    def open(self, conversation_id: int) -> None:
        self.ctx.navigator.push(ConversationPage(self.ctx, conversation_id))


def show_picture_conversations(ctx: AppContext, panel: WhatMattersPanel, person_id: int) -> None:
    """Fill "What matters to me" with the member's picture conversations (the person's
    page calls this each time it shows the panel)."""
    if not ctx.can("notes.see_shared"):
        return
    try:
        history = ctx.read(conversations.conversations_of, person_id)
        latest = ctx.read(conversations.latest_per_topic, person_id)
        changes = ctx.read(conversations.changes_over_time, person_id, only_changed=True)
    except (NotFound, NotAllowed):
        return
    photos = load_photos(ctx, history)
    panel.show_conversations(latest, photos)
    panel.set_extra(ConversationsSection(ctx, history, changes, panel))


class ConversationPage(Page):
    """One picture conversation: the three places side by side with their cards, and a
    button to print it for the member."""

    domains = ("notes", "people")

    def __init__(self, ctx: AppContext, conversation_id: int) -> None:
        super().__init__(ctx)
        self.conversation_id = conversation_id
        self.title = f"Conversation {conversation_id}"
        self.help_text = (
            "This page shows one picture conversation: where the member put each card, "
            "and what they said. Press Print for the member to make a large-print copy "
            "for them to keep. Press Back to return to their page."
        )
        self.detail: ConversationDetail | None = None
        self.places: PlacesView | None = None
        self.body = scrolling_body(self)
        self.print_button: BigButton | None = None
        self.who_label: QLabel | None = None
        self.stopped_label: QLabel | None = None
        self.visibility_box: QWidget | None = None
        self.saved_label: QLabel | None = None
        self._saved_words = ""

    def refresh(self) -> None:
        column = self.body.column
        while column.count():
            item = column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        try:
            detail = self.ctx.read(conversations.get_conversation, self.conversation_id)
        except (NotFound, NotAllowed) as exc:
            self.body.problem_label.setText(str(exc))
            self.body.problem_label.show()
            return
        self.detail = detail
        content = self.body.content
        heading = words_label(
            f"What {detail.person_name} told us about {detail.topic_name}", "subheading", content
        )
        column.addWidget(heading)
        helper = f", with {detail.helped_by}" if detail.helped_by else ""
        column.addWidget(
            words_label(f"{detail.when_words}{helper}. {summary_words(detail)}", "", content)
        )
        self.who_label = words_label(who_words(detail), "label", content)
        column.addWidget(self.who_label)
        self.stopped_label = None
        if not detail.finished:
            self.stopped_label = words_label(stopped_words(detail), "", content)
            column.addWidget(self.stopped_label)
        self.places = PlacesView(detail, load_photos(self.ctx, [detail]), content, columns=True)
        column.addWidget(self.places)
        skipped = [a.word for a in detail.placed("skipped")]
        if skipped:
            column.addWidget(words_label(f"Left out: {', '.join(skipped)}.", "help", content))
        said = " ".join(detail.own_words.split())
        if said:
            column.addWidget(words_label(f"In their own words: “{said}”", "", content))
        self.print_button = BigButton(f"Print for {detail.person_name}", content)
        self.print_button.clicked.connect(self.print_for_member)
        row = FlowBox(content)
        row.add_widget(self.print_button)
        column.addWidget(row)
        self.visibility_box = None
        if self.ctx.can("notes.see_all"):
            self.visibility_box = self._visibility_part(detail, content)
            column.addWidget(self.visibility_box)
        column.addStretch(1)

    def _visibility_part(self, detail: ConversationDetail, parent: QWidget) -> QWidget:
        """For the coordinator: the three choices of the note editor, the day the member
        agreed to be named, and a button that changes the conversation and its notes."""
        from clubapp.ui.pages.note_editor import _VisibilityChoice

        box = QWidget(parent)
        box.setObjectName("conversation-visibility")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 16, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(words_label(CHANGE_HEADING, "subheading", box))
        layout.addWidget(words_label(CHANGE_HELP, "help", box))
        self.visibility = _VisibilityChoice(box)
        self.visibility.set_value(detail.visibility)
        self.visibility_row = FieldRow("Who may see it", self.visibility)
        layout.addWidget(self.visibility_row)
        self.named_agreed_on = DateEdit(detail.on_date, box, display_format=IN_WORDS)
        self.named_row = FieldRow("The member agreed to be named on", self.named_agreed_on)
        layout.addWidget(self.named_row)
        self.named_row.setVisible(detail.visibility == "committee_named")
        self.visibility.changed.connect(
            lambda code: self.named_row.setVisible(code == "committee_named")
        )
        self.visibility_error = words_label("", "error", box)
        self.visibility_error.hide()
        layout.addWidget(self.visibility_error)
        self.save_visibility_button = BigButton(SAVE_WHO, box)
        self.save_visibility_button.clicked.connect(self.save_visibility)
        buttons = FlowBox(box)
        buttons.add_widget(self.save_visibility_button)
        layout.addWidget(buttons)
        self.saved_label = words_label(self._saved_words, "label", box)
        self.saved_label.setVisible(bool(self._saved_words))
        layout.addWidget(self.saved_label)
        return box

    def save_visibility(self) -> bool:
        """Change who may see the conversation and its notes; show the page again."""
        if self.visibility_box is None:
            return False
        for row in (self.visibility_row, self.named_row):
            row.clear_error()
        self.visibility_error.hide()
        self._saved_words = ""
        if self.saved_label is not None:
            self.saved_label.hide()
        code = self.visibility.value()
        named = code == "committee_named"
        if named and not self.named_agreed_on.is_valid():
            self.named_row.show_error(self.named_agreed_on.error_text())
            return False
        try:
            self.ctx.run(
                conversations.set_conversation_visibility,
                self.conversation_id,
                code,
                self.named_agreed_on.value() if named else None,
                self.ctx.today(),
                changed=NOTES,
            )
        except ValidationError as exc:
            rows = {"visibility": self.visibility_row, "named_agreed_on": self.named_row}
            for field, message in exc.errors.items():
                target = rows.get(field)
                if target is not None and not target.isHidden():
                    target.show_error(message)
                else:
                    self.visibility_error.setText(message)
                    self.visibility_error.show()
            return False
        except SERVICE_ERRORS as exc:
            self.visibility_error.setText(str(exc))
            self.visibility_error.show()
            return False
        self._saved_words = f"Saved. Who may see it: {VISIBILITY_WORDS[code]}."
        self.refresh()
        return True

    def print_for_member(self) -> bool:
        from clubapp.ui.widgets.messages import busy_cursor

        if self.detail is None:
            return False
        ctx = self.ctx
        try:
            with busy_cursor():
                pdf = ctx.read(
                    conversation_printouts.conversation_pdf, self.conversation_id, ctx.today()
                )
        except (NotAllowed, NotFound, KnownError) as exc:
            tell(self, "The printout was not made", str(exc))
            return False
        name = self.detail.person_name
        ctx.navigator.show_pdf(
            f"Picture conversation: {name}, {self.detail.topic_name}",
            lambda: pdf,
            f"Picture conversation {self.conversation_id} {name}.pdf",
        )
        return True
