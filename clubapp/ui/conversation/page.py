"""A picture conversation, full screen: the sorting screen, the summary, and what was
saved. One page (a kiosk page, like the voting screens: no rail, nothing to distract),
so going between the cards and the summary never loses anything; leaving it before
saving asks "Keep what was sorted?".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from clubapp.services import conversations
from clubapp.services.conversations import SORTED_PLACES
from clubapp.ui.context import NOTES, AppContext
from clubapp.ui.conversation.sorting import SortingView, words_label
from clubapp.ui.conversation.state import SKIPPED, ConversationState
from clubapp.ui.conversation.summary import SummaryView
from clubapp.ui.pages.base import Page
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.dates import bad_dates
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.messages import ask_to_confirm, busy_cursor

KEEP_TITLE = "Keep what was sorted?"
LEAVE = "Leave without saving"
STAY = "Stay and keep the cards"
HELP_TEXT = (
    "A picture conversation. Show one card at a time; the member taps where it goes: "
    "I like this, Not sure, or I don't like this (or keys 1, 2 and 3). Skip this one "
    "leaves a card out. Tap a card under a face to move it. Stop here shows what was "
    "sorted (so does the Escape key); nothing is lost. There is no time limit."
)
ONLY_COORDINATOR_PRINTS = (
    "Only the coordinator can print a conversation kept private or without the name: "
    "ask them to print a copy for {name}."
)
# How a note's kind reads in "3 notes were added for Ann: likes, not sure, doesn't like."
SAVED_KIND_WORDS = {"like": "likes", "not_sure": "not sure", "dislike": "doesn't like"}


def saved_words(state: ConversationState, notes_added: int) -> str:
    """ "Saved. 3 notes were added for Ann: likes, not sure, doesn't like." """
    used = [SAVED_KIND_WORDS[p] for p in SORTED_PLACES if state.placed(p)]
    count = "1 note was" if notes_added == 1 else f"{notes_added} notes were"
    return f"Saved. {count} added for {state.person_name}: {', '.join(used)}."


def cards_words(count: int) -> str:
    return "1 card" if count == 1 else f"{count} cards"


def sorted_words(state: ConversationState) -> str:
    """ "Ann has sorted 4 cards (and skipped 1)": only cards put in one of the places."""
    words = f"{state.person_name} has sorted {cards_words(state.sorted_count())}"
    skipped = len(state.placed(SKIPPED))
    if skipped:
        words += f" (and skipped {cards_words(skipped)})"
    return words


class ConversationPage(Page):
    """Holds one conversation from the first card to "Saved"."""

    kiosk = True
    help_text = HELP_TEXT
    domains = ()  # nothing said elsewhere changes a conversation being held

    def __init__(
        self,
        ctx: AppContext,
        state: ConversationState,
        photos: dict[int, bytes] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.state = state
        self.photos = photos or {}
        self.title = f"A picture conversation with {state.person_name}"
        self._leaving_ok = False
        self.note_ids: tuple[int, ...] = ()

        self.sorting = SortingView(state, self.photos, self)
        self.summary = SummaryView(state, self.photos, self)
        self.saved = self._build_saved()
        self.stack = QStackedWidget(self)
        for view in (self.sorting, self.summary, self.saved):
            self.stack.addWidget(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.sorting.done.connect(self.show_summary)
        self.summary.more_button.clicked.connect(self.show_sorting)
        self.summary.leave_button.clicked.connect(self.ctx.navigator.back)
        self.summary.save_button.clicked.connect(self.save)
        for tile in self.sorting.tiles.values():
            tile.clicked.connect(self._keys_here)
        self.sorting.skip_button.clicked.connect(self._keys_here)

    def _build_saved(self) -> QWidget:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view = QWidget()
        area.setWidget(view)
        self.saved_label = words_label("", "vote_words")
        self.print_note = words_label(
            ONLY_COORDINATOR_PRINTS.format(name=self.state.person_name), ""
        )  # for the volunteer, in the app's own size, so "Done" stays on the screen
        self.print_note.hide()
        self.print_button = BigButton(
            f"Print a copy for {self.state.person_name} to keep", variant="vote"
        )
        self.done_button = BigButton("Done", variant="vote_primary")
        self.print_button.clicked.connect(self.print_copy)
        self.done_button.clicked.connect(self.done)
        layout = QVBoxLayout(view)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(32)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.print_note)
        layout.addWidget(flow_row(self.print_button, self.done_button, spacing=32))
        layout.addStretch(1)
        return area

    # ------------------------------------------------------------ moving between screens

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.stack.currentWidget() is self.sorting:
            self._keys_here()

    def _keys_here(self) -> None:
        """The keys 1–3 and S come to the page (no tile looks chosen by the keyboard)."""
        if self.stack.currentWidget() is self.sorting:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_sorting(self) -> None:
        self.summary.store()
        self.sorting.show_state()
        self.stack.setCurrentWidget(self.sorting)
        self.sorting.area.verticalScrollBar().setValue(0)
        self._keys_here()

    def show_summary(self) -> None:
        self.summary.load()
        self.stack.setCurrentWidget(self.summary)
        self.summary.form.verticalScrollBar().setValue(0)
        self.summary.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        sorting = self.stack.currentWidget() is self.sorting
        if sorting and not event.isAutoRepeat() and self.sorting.press_key(event.key()):
            event.accept()
            self._keys_here()
            return
        if sorting and event.key() == Qt.Key.Key_Escape:
            # As "Stop here": the summary, with everything sorted kept.
            event.accept()
            self.sorting.stop()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        """Save the conversation as notes (one transaction); True if it was saved."""
        summary = self.summary
        summary.clear_errors()
        if problems := bad_dates(summary.form.fields()):
            summary.show_errors(problems)
            return False
        summary.store()
        data = self.state.as_input()
        try:
            with busy_cursor():
                result = self.ctx.run(
                    conversations.save_conversation, data, self.ctx.today(), changed=NOTES
                )
        except SERVICE_ERRORS as exc:
            errors = getattr(exc, "errors", None)
            summary.show_errors(dict(errors) if errors else {"": str(exc)})
            return False
        self.state.saved_id = result.conversation_id
        self.note_ids = result.note_ids
        self._leaving_ok = True
        self.saved_label.setText(saved_words(self.state, len(result.note_ids)))
        may_print = self.may_print()
        self.print_button.setVisible(may_print)
        self.print_note.setVisible(not may_print)
        self.stack.setCurrentWidget(self.saved)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def saved_words(self) -> str:
        return self.saved_label.text()

    def may_print(self) -> bool:
        """Whether the signed-in user may read (and so print) the conversation saved."""
        return self.ctx.can("notes.see_all") or (
            self.ctx.can("notes.see_shared") and self.state.visibility == "committee_named"
        )

    def print_copy(self) -> None:
        """The member's own copy, large print, in the preview with Print… and Save PDF…."""
        from clubapp.services.conversation_printouts import conversation_pdf

        conversation_id = self.state.saved_id
        if conversation_id is None:
            return
        ctx = self.ctx
        name = self.state.person_name
        today = ctx.today()
        file_name = f"Picture conversation - {name} - {self.state.topic.name} - {today}.pdf"
        ctx.navigator.show_pdf(
            f"Picture conversation with {name}",
            lambda: ctx.read(conversation_pdf, conversation_id, today),
            file_name,
        )

    def done(self) -> None:
        """Back to where the conversation was started from (past the page that started it)."""
        from clubapp.ui.conversation.start import ConversationStartPage

        navigator = self.ctx.navigator
        words = self.saved_words()
        navigator.back()
        below = getattr(navigator, "current", None)
        if isinstance(below, ConversationStartPage):
            navigator.back()
            below = getattr(navigator, "current", None)
        if below is not None and hasattr(below, "show_notice"):
            below.show_notice(words)

    # ------------------------------------------------------------ leaving

    def can_leave(self) -> bool:
        # Nothing in a place (only skipped cards, perhaps): there is nothing to keep.
        if self._leaving_ok or self.state.saved_id is not None or not self.state.sorted_count():
            return True
        self.summary.store()
        leave = ask_to_confirm(
            self,
            KEEP_TITLE,
            f"{sorted_words(self.state)}, and they are not saved yet. If you leave now, they are lost. To keep them, stay and press "
            "Save on the summary.",
            LEAVE,
            STAY,
            danger=True,
        )
        if leave:
            self._leaving_ok = True
        return leave
