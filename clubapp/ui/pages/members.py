"""The Members room: find a person as you type, open their record, print, import, export.

Everything the list shows comes from `members.list_people` once per refresh; typing in
"Find a person" and choosing a kind or status only filters the rows already fetched
(`PeopleFilterProxy`), so the list keeps up with every keystroke.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError
from clubapp.files import save_file
from clubapp.services import members, members_transfer, printouts
from clubapp.services.errors import NotAllowed
from clubapp.services.vocab import KINDS as KIND_WORDS
from clubapp.services.vocab import STATUSES as STATUS_WORDS
from clubapp.ui import theme
from clubapp.ui.context import PEOPLE, AppContext
from clubapp.ui.pages.list_page import ListPage
from clubapp.ui.tablemodels.people import PERSON_ID_ROLE, PeopleFilterProxy, PeopleTableModel
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.inputs import Labelled, SearchBox

if TYPE_CHECKING:
    from clubapp.ui.dialogs.members_import import MembersImportDialog

EVERYONE = "Everyone"

HELP_TEXT = (
    "This is the list of everyone in the club's records. Type part of a name in "
    "“Find a person” and the list shows only the people who match. Choose a kind of "
    "person to narrow the list. Choose a person in the list and press Open (or press "
    "Enter, or click twice on their name) to see their record."
)


def people_words(count: int) -> str:
    """ "1 person", "42 people"."""
    return f"{count:,} {'person' if count == 1 else 'people'}"


class MembersPage(ListPage):
    """The members list with search, filters and the big buttons for what you can do."""

    title = "Members"
    help_text = HELP_TEXT
    domains = (PEOPLE,)
    ID_ROLE = PERSON_ID_ROLE
    model: PeopleTableModel
    proxy: PeopleFilterProxy
    table: QTableView

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = PeopleTableModel(show_status=ctx.can("status.see"), parent=self)
        self._people: list[members.PersonRow] = []  # as fetched, erased records too
        self.proxy = PeopleFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.import_dialog: MembersImportDialog | None = None

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        scroll.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(12)

        # ---- search and filters
        filters = FlowBox(content, spacing=16)
        self.search = SearchBox(content, chars=24)
        self.search.setPlaceholderText("Type part of a name")
        filters.add_widget(Labelled("Find a person", self.search, content))
        self.kind_filter = QComboBox(content)
        self.kind_filter.addItem(EVERYONE, None)
        for code, word in KIND_WORDS.items():
            self.kind_filter.addItem(word, code)
        filters.add_widget(Labelled("Kind of person", self.kind_filter, content))
        self.status_filter: QComboBox | None = None
        if ctx.can("status.see"):
            self.status_filter = QComboBox(content)
            self.status_filter.addItem(EVERYONE, None)
            for code, word in STATUS_WORDS.items():
                self.status_filter.addItem(word, code)
            filters.add_widget(Labelled("Status", self.status_filter, content))
        self.show_everyone_button = BigButton("Show everyone", content, variant="secondary")
        filters.add_widget(self.show_everyone_button)
        layout.addWidget(filters)

        # ---- count and notices
        self.count_label = QLabel(content)
        self.count_label.setProperty("role", "label")
        self.count_label.setWordWrap(True)
        self.make_notice_label(content)
        layout.addWidget(self.count_label)
        layout.addWidget(self.notice_label)

        # ---- the list, or words when it is empty
        self.views = QStackedWidget(content)
        self.table = QTableView(self.views)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("People")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Columns as wide as their longest words, measured once per refresh over every
        # row (so they never jump while scrolling or typing); Kinds takes what is left.
        # If the text is too big to fit, the list scrolls sideways rather than cut words.
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.Interactive
            if column == PeopleTableModel.KINDS:
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(column, mode)
        self.empty_label = QLabel(self.views)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "subheading")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.views.addWidget(self.table)
        self.views.addWidget(self.empty_label)
        layout.addWidget(self.views, 1)

        # ---- what you can do
        actions = FlowBox(content, spacing=16)
        self.open_button = BigButton("Open", content)
        actions.add_widget(self.open_button)
        self.add_button: BigButton | None = None
        if ctx.can("people.edit"):
            self.add_button = BigButton("Add a person", content, variant="secondary")
            actions.add_widget(self.add_button)
        self.print_button = BigButton("Print the list", content, variant="secondary")
        actions.add_widget(self.print_button)
        self.print_emergency_button: BigButton | None = None
        if ctx.can("emergency.print"):
            self.print_emergency_button = BigButton(
                "Print emergency contacts", content, variant="secondary"
            )
            actions.add_widget(self.print_emergency_button)
        self.import_button: BigButton | None = None
        if ctx.can("members.import"):
            self.import_button = BigButton(
                "Import from a spreadsheet", content, variant="secondary"
            )
            actions.add_widget(self.import_button)
        self.export_button: BigButton | None = None
        if ctx.can("members.export"):
            self.export_button = BigButton("Export to a spreadsheet", content, variant="secondary")
            actions.add_widget(self.export_button)
        layout.addWidget(actions)

        # ---- behaviour
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        self.kind_filter.currentIndexChanged.connect(self._on_filters)
        if self.status_filter is not None:
            self.status_filter.currentIndexChanged.connect(self._on_filters)
        self.show_everyone_button.clicked.connect(self.show_everyone)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.print_button.clicked.connect(self.print_list)
        if self.add_button is not None:
            self.add_button.clicked.connect(self.add_person)
        if self.print_emergency_button is not None:
            self.print_emergency_button.clicked.connect(self.print_emergency_contacts)
        if self.import_button is not None:
            self.import_button.clicked.connect(self.open_import)
        if self.export_button is not None:
            self.export_button.clicked.connect(self.choose_export_file)
        # Tab goes through the page in the order it reads: filters, list, buttons.
        chain: list[QWidget | None] = [
            self.search,
            self.kind_filter,
            self.status_filter,
            self.show_everyone_button,
            self.table,
            *actions.widgets(),
        ]
        order = [w for w in chain if w is not None]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._update_sizes()
        self._update_view()

    # ------------------------------------------------------------ data

    def refresh(self) -> None:
        selected = self.selected_person_id()
        self._people = self.ctx.read(members.list_people)
        self.model.set_rows(self._rows_to_show())
        self._update_sizes()
        if selected is not None:
            self.select_person(selected)
        self._update_view()

    def selected_person_id(self) -> int | None:
        return self.selected_row_id()

    def select_person(self, person_id: int) -> bool:
        return self.select_row_id(person_id)

    def visible_names(self) -> list[str]:
        """The names the list shows, top to bottom (for tests and checks)."""
        return [
            self.proxy.index(r, PeopleTableModel.NAME).data() for r in range(self.proxy.rowCount())
        ]

    # ------------------------------------------------------------ filtering

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_view()

    def _rows_to_show(self) -> list[members.PersonRow]:
        """Everyone fetched, but erased records ("A former member") only among the people
        who left: they are not current people, and have nothing to open."""
        status = self.status_filter.currentData() if self.status_filter is not None else None
        return [r for r in self._people if not r.erased or status == "left"]

    def _on_filters(self) -> None:
        rows = self._rows_to_show()
        if len(rows) != self.model.rowCount():
            selected = self.selected_person_id()
            self.model.set_rows(rows)
            if selected is not None:
                self.select_person(selected)
        self.proxy.set_kind(self.kind_filter.currentData())
        if self.status_filter is not None:
            self.proxy.set_status(self.status_filter.currentData())
        self._update_view()

    def show_everyone(self) -> None:
        """Clear the search and set every filter back to Everyone."""
        self.search.clear()
        self.kind_filter.setCurrentIndex(0)
        if self.status_filter is not None:
            self.status_filter.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_view(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        search = self.proxy.search_text().strip()
        others = self.kind_filter.currentIndex() > 0 or (
            self.status_filter is not None and self.status_filter.currentIndex() > 0
        )
        if search:
            if shown == 0:
                count = f"Nobody matches “{search}”"
            else:
                verb = "matches" if shown == 1 else "match"
                count = f"{people_words(shown)} {verb} “{search}”"
            if others:
                count += f" (out of {people_words(total)}, with the choices above)"
        elif others:
            count = f"Showing {shown:,} of {people_words(total)}"
        else:
            count = people_words(total)
        self.count_label.setText(count)

        if total == 0:
            empty = "There is nobody in the club's records yet."
            if self.add_button is not None:
                empty += " Press “Add a person” to add someone"
                empty += (
                    ", or “Import from a spreadsheet”." if self.import_button is not None else "."
                )
        elif shown == 0 and search:
            empty = f"Nobody matches “{search}”. Check the spelling, or clear the search."
            if others:
                empty += " You can also press “Show everyone”."
        elif shown == 0:
            empty = "Nobody fits these choices. Press “Show everyone” to see the whole list."
        else:
            empty = ""
        self.empty_label.setText(empty)
        self.views.setCurrentWidget(self.empty_label if empty else self.table)
        self.show_everyone_button.setEnabled(bool(search) or others)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.open_button.setEnabled(self.selected_person_id() is not None)

    # ------------------------------------------------------------ actions

    def _on_activated(self, index: QModelIndex) -> None:
        person_id = index.data(PERSON_ID_ROLE)
        if person_id is not None:
            self.open_person(int(person_id))

    def open_selected(self) -> None:
        person_id = self.selected_person_id()
        if person_id is not None:
            self.open_person(person_id)

    def open_person(self, person_id: int | None) -> None:
        from clubapp.ui.pages.person import PersonPage

        self.clear_notice()
        self.ctx.navigator.push(PersonPage(self.ctx, person_id))

    def add_person(self) -> None:
        self.open_person(None)

    def print_list(self) -> None:
        ctx = self.ctx
        ctx.navigator.show_pdf(
            "Member list", lambda: ctx.read(printouts.member_list, ctx.today()), "member-list.pdf"
        )

    def print_emergency_contacts(self) -> None:
        ctx = self.ctx
        ctx.navigator.show_pdf(
            "Emergency contacts",
            lambda: ctx.read(printouts.emergency_contacts, ctx.today()),
            "emergency-contacts.pdf",
        )

    def open_import(self):  # type: ignore[no-untyped-def]
        """Show the import window (not blocking: the list stays behind it)."""
        from clubapp.ui.dialogs.members_import import MembersImportDialog

        self.clear_notice()
        dialog = MembersImportDialog(self.ctx, self.window())
        dialog.imported.connect(
            lambda count: self.show_notice(f"Added {people_words(count)} from the spreadsheet.")
        )
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def default_export_path(self) -> Path:
        folder = Path.home() / "Documents"
        if not folder.is_dir():
            folder = Path.home()
        return folder / f"club-members-{self.ctx.today():%Y-%m-%d}.csv"

    def choose_export_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            "Export to a spreadsheet",
            str(self.default_export_path()),
            "Spreadsheet (CSV) files (*.csv)",
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path | None:
        """Write everyone to a CSV file at ``path``; say where it went, or what went wrong."""
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            data = self.ctx.read(members_transfer.export_members)
            save_file(path, data, "save the spreadsheet")
        except (KnownError, NotAllowed) as exc:
            self.show_notice(str(exc), error=True)
            return None
        self.show_notice(
            f"Saved the spreadsheet as “{path.name}” in the folder {path.parent}. "
            "It holds people's private details: keep it safe, and delete it when you have "
            "finished with it."
        )
        return path

    def _update_sizes(self) -> None:
        # At least four whole rows of the list stay in view at any text size.
        theme.size_rows(self.table)
        rows = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.views.setMinimumHeight(header + 4 * rows + 8)
        self._fit_columns()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        scale = theme.current_scale()
        padding = theme.scaled_px(2 * 8 + 12, scale)
        cells = QFontMetrics(self.table.font())
        bold = QFont(header.font())
        bold.setBold(True)
        headings = QFontMetrics(bold)
        rows = self.model.rows()
        texts = {
            PeopleTableModel.NAME: (r.display_name for r in rows),
            PeopleTableModel.FULL_NAME: (r.full_name for r in rows),
            PeopleTableModel.STATUS: (STATUS_WORDS.get(r.status, r.status) for r in rows),
        }
        for column, values in texts.items():
            if column >= self.model.columnCount():
                continue
            widest = max((cells.horizontalAdvance(v) for v in set(values)), default=0)
            heading = headings.horizontalAdvance(PeopleTableModel.HEADINGS[column])
            header.resizeSection(column, max(widest, heading) + padding)
        kinds = headings.horizontalAdvance(PeopleTableModel.HEADINGS[PeopleTableModel.KINDS])
        header.setMinimumSectionSize(min(kinds + padding, theme.scaled_px(120, scale)))
