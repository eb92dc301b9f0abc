"""The Notes room: the one-to-one notes you may see, newest first, and a button to add one.

Everything the list shows comes from `notes.list_notes` once per refresh: the service
decides which notes this person may see. Choosing a kind, showing notes that are no
longer true and typing part of a member's name only filter the rows already fetched
(`NotesFilterProxy`), so the list keeps up with every keystroke.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError
from clubapp.services import notes
from clubapp.services.errors import NotAllowed
from clubapp.services.notes import KIND_WORDS, VISIBILITY_WORDS
from clubapp.ui.context import NOTES, PEOPLE, AppContext
from clubapp.ui.pages.list_page import ListPage
from clubapp.ui.tablemodels.notes import (
    CURRENT,
    NO_LONGER_TRUE,
    NOTE_ID_ROLE,
    ON_AN_AGENDA,
    WAITING,
    NotesFilterProxy,
    NotesTableModel,
)
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.inputs import BigCheck, Labelled, SearchBox
from clubapp.ui.widgets.tables import WrappingTable

ALL_KINDS = "All kinds"

HELP_COORDINATOR = (
    "These are the notes of one-to-one conversations with members, newest first. "
    "Type part of a member's name in “Find a member” to see only their notes, or choose "
    "a kind of note. Notes that are no longer true are hidden unless you tick the box. "
    "Choose a note and press “Open note” (or press Enter, or click twice on it) to read "
    "or change it. Press “Add a note” to write down a new conversation."
)
HELP_SHARED = (
    "These are the notes of conversations with members who agreed to share them with "
    "their name, newest first. Other notes are kept for the coordinator. Type part of a "
    "member's name in “Find a member” to see only their notes, or choose a kind of note. "
    "Choose a note and press “Open note” to read it."
)


def notes_words(count: int) -> str:
    """ "1 note", "42 notes"."""
    return f"{count:,} {'note' if count == 1 else 'notes'}"


class NotesPage(ListPage):
    """The notes list with filters, and the big buttons to add or open a note."""

    title = "Notes"
    domains = (NOTES, PEOPLE)
    ID_ROLE = NOTE_ID_ROLE
    model: NotesTableModel
    proxy: NotesFilterProxy
    table: WrappingTable

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.help_text = HELP_COORDINATOR if ctx.can("notes.see_all") else HELP_SHARED
        self.model = NotesTableModel(self)
        self.proxy = NotesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._problem = ""
        self._older = 0  # notes from before the last year, not read

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(12)

        # ---- what you can do (placed under the list, as on the Members page)
        actions = FlowBox(self, spacing=16)
        self.add_button: BigButton | None = None
        self.conversation_button: BigButton | None = None
        if ctx.can("notes.add"):
            self.add_button = BigButton("Add a note", self)
            actions.add_widget(self.add_button)
            self.conversation_button = BigButton("Picture conversation", self, variant="secondary")
            self.conversation_button.clicked.connect(self.start_conversation)
            actions.add_widget(self.conversation_button)
        self.open_button = BigButton(
            "Open note", self, variant="secondary" if self.add_button else "primary"
        )
        actions.add_widget(self.open_button)
        self.topics_button: BigButton | None = None
        if ctx.can("conversations.topics"):
            self.topics_button = BigButton(
                "Topics for picture conversations", self, variant="secondary"
            )
            self.topics_button.clicked.connect(self.open_topics)
            actions.add_widget(self.topics_button)
        self.counts_button: BigButton | None = None
        if ctx.can("committee.see"):
            self.counts_button = BigButton(
                "What members told us in pictures", self, variant="secondary"
            )
            self.counts_button.clicked.connect(self.open_picture_counts)
            actions.add_widget(self.counts_button)

        # ---- search and filters
        filters = FlowBox(self, spacing=16)
        self.search = SearchBox(self, chars=22)
        self.search.setPlaceholderText("Type part of a name")
        filters.add_widget(Labelled("Find a member", self.search, self))
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(ALL_KINDS, None)
        for code, words in KIND_WORDS.items():
            self.kind_filter.addItem(words, code)
        filters.add_widget(Labelled("Kind of note", self.kind_filter, self))
        layout.addWidget(filters)
        # The two ticks share a line of their own, rather than one of them wrapping
        # under the boxes above at 100 % text.
        ticks = FlowBox(self, spacing=32)
        self.show_old = BigCheck("Show notes that are no longer true", self)
        self.show_old.setAccessibleName("Show notes that are no longer true")
        ticks.add_widget(self.show_old)
        # Ten years of notes take half a second to read; the last year is what people
        # look for, and the older ones are a tick away.
        self.show_older = BigCheck("Show notes more than a year old", self)
        self.show_older.setAccessibleName("Show notes more than a year old")
        ticks.add_widget(self.show_older)
        layout.addWidget(ticks)

        # ---- count and notices
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "label")
        self.count_label.setWordWrap(True)
        self.make_notice_label(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.notice_label)

        # ---- the list, or words when it is empty
        self.views = QStackedWidget(self)
        self.table = WrappingTable(
            NotesTableModel.SAID, self.views, compact=NotesTableModel.COMPACT
        )
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Notes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        self.empty_label = QLabel(self.views)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "subheading")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.views.addWidget(self.table)
        self.views.addWidget(self.empty_label)
        layout.addWidget(self.views, 1)
        layout.addWidget(actions)

        # ---- behaviour
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        self.kind_filter.currentIndexChanged.connect(self._on_filters)
        self.show_old.toggled.connect(self._on_filters)
        self.show_older.toggled.connect(self.refresh_now)
        self.table.fitted.connect(self._keep_rows_in_view)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._update_buttons)
        self.proxy.layoutChanged.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        if self.add_button is not None:
            self.add_button.clicked.connect(self.add_note)
        # Tab goes through the page in the order it reads.
        chain: list[QWidget | None] = [
            self.search,
            self.kind_filter,
            self.show_old,
            self.show_older,
            self.table,
            self.add_button,
            self.conversation_button,
            self.open_button,
            self.topics_button,
            self.counts_button,
        ]
        order = [w for w in chain if w is not None]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._update_sizes()
        self._update_view()

    # ------------------------------------------------------------ data

    def refresh(self) -> None:
        selected = self.selected_note_id()
        try:
            if self.show_older.isChecked():
                rows, self._older = self.ctx.read(notes.list_notes), 0
            else:
                since = self.year_ago()
                rows = self.ctx.read(notes.list_notes, since=since)
                self._older = self.ctx.read(notes.count_before, since)
        except (NotAllowed, KnownError) as exc:
            rows, self._older = [], 0
            self._problem = str(exc)
        else:
            self._problem = ""
        self.model.set_rows(rows)
        self._measure_columns()
        self._update_sizes()
        if selected is not None:
            self.select_note(selected)
        self._update_view()

    def year_ago(self) -> date:
        """The first day of the last year: older notes are shown only when asked for."""
        return self.ctx.today() - timedelta(days=365)

    def selected_note_id(self) -> int | None:
        return self.selected_row_id()

    def select_note(self, note_id: int) -> bool:
        return self.select_row_id(note_id)

    def visible_texts(self, column: int = NotesTableModel.SAID) -> list[str]:
        """What one column of the list shows, top to bottom (for tests and checks)."""
        return [self.proxy.index(r, column).data() for r in range(self.proxy.rowCount())]

    # ------------------------------------------------------------ filtering

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_view()

    def _on_filters(self, *_args: object) -> None:
        self.proxy.set_kind(self.kind_filter.currentData())
        self.proxy.set_show_old(self.show_old.isChecked())
        self._update_view()

    def _update_view(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        search = self.proxy.search_text().strip()
        kind = self.kind_filter.currentData()
        hidden_old = sum(1 for r in self.model.rows() if not r.current)
        if not self.proxy.shows_old():
            total -= hidden_old
        if search or kind:
            count = f"Showing {notes_words(shown)} of {total:,}"
        else:
            count = notes_words(shown)
        not_shown = []
        if hidden_old and not self.proxy.shows_old():
            not_shown.append(f"{hidden_old:,} no longer true")
        if self._older:
            not_shown.append(f"{self._older:,} more than a year old")
        if not_shown:
            count += f" ({' and '.join(not_shown)}, not shown)"
        self.count_label.setText(count)

        if self._problem:
            empty = self._problem
        elif self.model.rowCount() == 0 and self._older:
            empty = (
                "There are no notes from the last year. Tick “Show notes more than a year "
                "old” to see the older ones."
            )
        elif self.model.rowCount() == 0:
            if self.ctx.can("notes.see_all"):
                empty = "There are no notes yet."
            else:
                empty = "No notes have been shared with the name yet."
            if self.add_button is not None:
                empty += " Press “Add a note” to write down a conversation."
        elif shown == 0 and search:
            empty = (
                f"No notes about anyone called “{search}”. Check the spelling, or clear the search."
            )
            if self._older:
                empty += " Older notes are shown when you tick “Show notes more than a year old”."
        elif shown == 0:
            empty = "No notes fit these choices. Choose “All kinds”, or tick the box to show notes that are no longer true."
        else:
            empty = ""
        self.empty_label.setText(empty)
        self.views.setCurrentWidget(self.empty_label if empty else self.table)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.open_button.setEnabled(self.selected_note_id() is not None)

    # ------------------------------------------------------------ actions

    def _on_activated(self, index: QModelIndex) -> None:
        note_id = index.data(NOTE_ID_ROLE)
        if note_id is not None:
            self.open_note(int(note_id))

    def open_selected(self) -> None:
        note_id = self.selected_note_id()
        if note_id is not None:
            self.open_note(note_id)

    def open_note(self, note_id: int) -> None:
        from clubapp.ui.pages.note_editor import NoteEditorPage

        self.clear_notice()
        self.ctx.navigator.push(NoteEditorPage(self.ctx, None, note_id))

    def open_topics(self) -> None:
        from clubapp.ui.pages.conversation_topics import TopicsPage

        self.clear_notice()
        self.ctx.navigator.push(TopicsPage(self.ctx))

    def open_picture_counts(self) -> None:
        from clubapp.ui.pages.conversation_counts import ConversationCountsPage

        self.clear_notice()
        self.ctx.navigator.push(ConversationCountsPage(self.ctx))

    def start_conversation(self) -> None:
        from clubapp.ui.conversation.start import ConversationStartPage

        self.clear_notice()
        self.ctx.navigator.push(ConversationStartPage(self.ctx))

    def add_note(self) -> None:
        from clubapp.ui.pages.note_editor import NoteEditorPage

        self.clear_notice()
        self.ctx.navigator.push(NoteEditorPage(self.ctx, None))

    def _update_sizes(self) -> None:
        self.table.fit()
        self._keep_rows_in_view()

    def _keep_rows_in_view(self) -> None:
        # At least four whole rows of the list stay in view at any text size.
        header = self.table.horizontalHeader().sizeHint().height()
        self.views.setMinimumHeight(header + 4 * self.table.row_height() + 8)

    def _measure_columns(self) -> None:
        """Tell the table every word its columns may show, so it can fit them to its width."""
        texts = self.model.column_texts
        self.table.set_column_texts(
            {
                NotesTableModel.DATE: texts(NotesTableModel.DATE),
                NotesTableModel.MEMBER: texts(NotesTableModel.MEMBER),
                NotesTableModel.KIND: texts(NotesTableModel.KIND) or set(KIND_WORDS.values()),
                NotesTableModel.WHO: texts(NotesTableModel.WHO) or set(VISIBILITY_WORDS.values()),
                NotesTableModel.STATUS: {CURRENT, NO_LONGER_TRUE, ON_AN_AGENDA, WAITING},
            }
        )
