"""The Committee room: the meetings, who serves now, the committee's make-up, the club's
rules for meetings, the members' inbox and "you said, we did".

Everyone who may see the committee's business sees all of it; the buttons that change
something are there only for the roles that may (committee.run for meetings,
committee.terms for terms, settings.edit for the rules). A role that may not see the
committee at all gets the service's refusal in words, and nothing else.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import committee, grant_deadlines, meetings, notes
from clubapp.services.committee import CommitteeView, TermRow
from clubapp.services.errors import NotAllowed
from clubapp.services.meetings import MeetingRow
from clubapp.services.notes import InboxItem
from clubapp.ui import theme
from clubapp.ui.context import COMMITTEE, GRANTS, NOTES, PEOPLE, SETTINGS, AppContext
from clubapp.ui.pages.attendance import FullTable
from clubapp.ui.pages.base import Page, hidden_part, scrolling_body
from clubapp.ui.pages.committee_words import (
    day_words,
    ending_soon_words,
    makeup_met,
    makeup_words,
    plural,
    quorum_rule_words,
)
from clubapp.ui.tablemodels.committee import InboxModel, MeetingsModel, TermsModel
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.tables import CELL_PADDING_PX, wrapped_lines

if TYPE_CHECKING:
    from clubapp.ui.pages.grants import DeadlineLine

HELP_TEXT = (
    "This is the committee's room. The big buttons at the top show one part at a time. "
    "Meetings lists every meeting, newest first: choose one and press Open meeting to see "
    "its agenda, who came and its minutes. Who serves shows the trustees, when their "
    "terms end, how the committee is made up and the club's rules for meetings. The "
    "members' inbox holds what members asked to be passed to the committee; open a "
    "meeting and press Add from the inbox to put a note on its agenda. Under it, for "
    "those who see the club's grants, are the grant deadlines that fall due before the "
    "meeting after next: open the next meeting and press Add grant deadlines to put them "
    "on its agenda. You said, we did prints what members raised and what came of it; "
    "under it, What members told us in pictures counts what members said in picture "
    "conversations, with no names."
)


def label(text: str = "", role: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapping label in plain text, styled by ``role`` (see app.qss)."""
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    return widget


class WordsTable(FullTable):
    """A FullTable that measures its rows again once its stretching columns have settled.

    The header stretches its columns after the table's own resize event, so rows
    measured then would be as tall as words wrapped in the old, narrower columns.
    """

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.fit_rows_soon()


def words_table(model, name: str) -> WordsTable:  # type: ignore[no-untyped-def]
    """A table as tall as its rows, words wrapping in the cells, one row chosen at a time."""
    table = WordsTable()
    table.setModel(model)
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionsClickable(False)
    return table


class InboxTable(WordsTable):
    """The members' inbox, set up as :func:`words_table` sets up the room's other tables
    (no row is chosen in it), measuring its rows in one go.

    Qt asks the cell painter for the size of every cell of every row, through Python,
    and did so twice; for an inbox of thousands of notes that took most of a second.
    This measures the rows here, once, as the painter would (the same lines of the same
    wrapping), remembering how many lines each text takes at each width, and skips the
    wrapping for words that fit on one line.
    """

    def __init__(self, model: InboxModel, name: str) -> None:
        super().__init__()
        self._lines: dict[tuple[str, int, float, bool], int] = {}
        self.setModel(model)
        self.setAccessibleName(name)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionsClickable(False)

    def fit_rows(self, *_args: object) -> None:
        model = self.model()
        if not self.isVisible() or not isinstance(model, InboxModel):
            super().fit_rows()  # measured when it is shown
            return
        self._fit_when_shown = False
        heights = self.row_heights()
        for row, height in enumerate(heights):
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)
        self.updateGeometry()

    def row_heights(self) -> list[int]:
        """Each row's height: its words wrapped in their columns, at least the theme's row."""
        model = self.model()
        assert isinstance(model, InboxModel)
        scale = theme.current_scale()
        font = self.font()
        fm = QFontMetricsF(font)
        padding = theme.scaled_px(CELL_PADDING_PX, scale)
        one_line = theme.row_height(font, scale)
        least = self.verticalHeader().defaultSectionSize()  # the theme's row height
        spacing = QFontMetrics(font).lineSpacing()
        grid = 1 if self.showGrid() else 0
        size, bold = font.pointSizeF(), font.bold()
        widths = [
            None if self.isColumnHidden(c) else self.columnWidth(c) - padding
            for c in range(model.columnCount())
        ]
        lines_of = self._lines
        if len(lines_of) > 20_000:  # widths of long ago
            lines_of.clear()
        heights = []
        for item in model.rows():
            most = 1
            for text, width in zip(model.cells(item), widths, strict=True):
                if not text or width is None:
                    continue
                key = (text, width, size, bold)
                lines = lines_of.get(key)
                if lines is None:
                    # Words with room to spare on one line take one line; only the
                    # others are laid out as the painter wraps them.
                    one = "\n" not in text and fm.horizontalAdvance(text) < width - 1
                    lines = lines_of[key] = 1 if one else wrapped_lines(font, text, width)
                most = max(most, lines)
            heights.append(max(least, one_line + (most - 1) * spacing + grid))
        return heights

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # Measured again only when the width changes: the table grows taller with every
        # row it is given, and the rows were measured as they came.
        if event.oldSize().width() != event.size().width():
            super().resizeEvent(event)
        else:
            FullTable.resizeEvent(self, event)


#: How many notes the members' inbox lists until "Show all" is pressed (the newest).
INBOX_SHOWN = 100


def last_twelve_months(today: date) -> tuple[date, date]:
    """From the day after this day last year, to today."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + timedelta(days=1), today


def offers_heading(offers: grant_deadlines.MeetingOffers, meeting_planned: bool) -> str:
    """What the grant deadlines offered are, truthfully: due by the day of the meeting
    after next, or within the board's days of the next meeting (or of today)."""
    if offers.next_meeting is not None:
        which = "before the meeting after next"
    elif meeting_planned:
        which = f"within {grant_deadlines.BOARD_DAYS} days of the next meeting"
    else:
        which = f"within {grant_deadlines.BOARD_DAYS} days"
    return (
        f"Grant deadlines for the committee to look at: due by {day_words(offers.until)} ({which})"
    )


class CommitteePage(Page):
    """The committee's room, one part at a time: ``meetings_button``, ``serving_button``,
    ``inbox_button`` and ``said_button`` switch between them (:meth:`show_section`).

    Meetings: ``meetings_table``/``meetings_model``, ``plan_button``, ``open_button``.
    Who serves: ``terms_table``/``terms_model``, ``ending_soon_label``,
    ``add_term_button``, ``end_term_button``. Make-up: ``makeup_labels``. Rules:
    ``rules_label``, ``rules_button``. Inbox: ``inbox_table``/``inbox_model``,
    ``inbox_count_label``, ``inbox_all_button`` (a long inbox lists the newest
    :data:`INBOX_SHOWN`, or every note). Under the inbox, for those who see the club's
    grants: ``grant_offers_box`` with ``grant_offers_label``, ``grant_lines`` (a
    DeadlineLine for each deadline offered) and ``grant_offers_help``. You said, we did:
    ``said_from``, ``said_to``, ``print_said_button``, and ``pictures_button`` (the
    counts of picture conversations). A role that may not see the
    committee: ``problem_label``.
    """

    title = "Committee"
    help_text = HELP_TEXT
    domains = (COMMITTEE, NOTES, PEOPLE, SETTINGS, GRANTS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_run = ctx.can("committee.run")
        self.can_terms = ctx.can("committee.terms")
        self.can_rules = ctx.can("settings.edit")
        self.can_see_grants = ctx.can("grants.see")
        self.view: CommitteeView | None = None

        body = scrolling_body(self)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, content = body.scroll_area, body.column

        self.read_only_note = label(
            "You can see the committee's business. Only the coordinator and committee "
            "members can change it.",
            "help",
        )
        self.read_only_note.setVisible(not self.can_run)
        content.addWidget(self.read_only_note)

        self.meetings_button = SwitchButton("Meetings")
        self.serving_button = SwitchButton("Who serves")
        self.inbox_button = SwitchButton("Members' inbox")
        self.said_button = SwitchButton("You said, we did")
        self._switches = QButtonGroup(self)
        for button in (
            self.meetings_button,
            self.serving_button,
            self.inbox_button,
            self.said_button,
        ):
            self._switches.addButton(button)
        content.addWidget(
            flow_row(self.meetings_button, self.serving_button, self.inbox_button, self.said_button)
        )

        def section() -> tuple[QWidget, QVBoxLayout]:
            return hidden_part(content)

        # ---- meetings
        self.meetings_section, column = section()
        self.plan_button = BigButton("Plan a meeting")
        self.open_button = BigButton("Open meeting", variant="secondary")
        self.plan_button.setVisible(self.can_run)
        self.open_note = label("Choose a meeting in the list, then press Open meeting.", "help")
        column.addWidget(flow_row(self.plan_button, self.open_button, self.open_note))
        self.meetings_model = MeetingsModel(ctx.today, self)
        self.meetings_table = words_table(self.meetings_model, "Meetings, newest first")
        self.no_meetings_label = label("No meetings yet.")
        column.addWidget(self.no_meetings_label)
        column.addWidget(self.meetings_table)

        # ---- who serves, the make-up and the rules
        self.serving_section, column = section()
        column.addWidget(label("Who serves now", "subheading"))
        self.ending_soon_label = label(role="label")
        column.addWidget(self.ending_soon_label)
        self.terms_model = TermsModel(ctx.today, self)
        self.terms_table = words_table(self.terms_model, "Who serves on the committee now")
        self.nobody_serving_label = label("Nobody is serving on the committee today.")
        column.addWidget(self.nobody_serving_label)
        column.addWidget(self.terms_table)
        self.add_term_button = BigButton("Add someone to the committee", variant="secondary")
        self.end_term_button = BigButton("End a term", variant="secondary")
        self.end_term_note = label(role="help")
        for widget in (self.add_term_button, self.end_term_button, self.end_term_note):
            widget.setVisible(self.can_terms)
        column.addWidget(flow_row(self.add_term_button, self.end_term_button, self.end_term_note))

        column.addWidget(label("The committee's make-up", "subheading"))
        column.addWidget(
            label(
                "The seats the club aims for, and how many are filled now. Each trustee "
                "counts once, in the first group that fits them.",
                "help",
            )
        )
        self.makeup_box = QWidget()
        self.makeup_layout = QVBoxLayout(self.makeup_box)
        self.makeup_layout.setContentsMargins(0, 0, 0, 0)
        self.makeup_layout.setSpacing(8)
        self.makeup_labels: list[QLabel] = []
        column.addWidget(self.makeup_box)

        column.addWidget(label("The club's rules for meetings", "subheading"))
        self.rules_label = label()
        column.addWidget(self.rules_label)
        self.rules_button = BigButton("Change the rules", variant="secondary")
        self.rules_button.setVisible(self.can_rules)
        column.addWidget(flow_row(self.rules_button))

        # ---- inbox
        self.inbox_section, column = section()
        self.inbox_count_label = label(role="label")
        column.addWidget(self.inbox_count_label)
        # A long inbox shows its newest notes, and all of them when asked: every row of
        # the table is measured for its words, which takes a while for thousands.
        self._inbox: list[InboxItem] = []
        self._inbox_all = False
        self.inbox_all_button = BigButton("Show all the notes", variant="secondary")
        self._inbox_all_row = flow_row(self.inbox_all_button)
        self._inbox_all_row.hide()
        column.addWidget(self._inbox_all_row)
        self.inbox_model = InboxModel(self)
        self.inbox_table = InboxTable(self.inbox_model, "Notes waiting for the committee")
        column.addWidget(self.inbox_table)
        self.inbox_help = label(
            "To put a note on a meeting's agenda, open the meeting and press Add from the "
            "inbox. Notes from members who asked not to be named say “A member”.",
            "help",
        )
        column.addWidget(self.inbox_help)
        # The grant deadlines the next meeting should know about: reports, application
        # deadlines and payments that fall due before the meeting after it.
        self.grant_offers_box = QWidget()
        grants_column = QVBoxLayout(self.grant_offers_box)
        grants_column.setContentsMargins(0, 16, 0, 0)
        grants_column.setSpacing(12)
        self.grant_offers_heading = label(
            "Grant deadlines for the committee to look at", "subheading"
        )
        grants_column.addWidget(self.grant_offers_heading)
        self.grant_offers_label = label(role="label")
        grants_column.addWidget(self.grant_offers_label)
        lines_box = QWidget()
        self.grant_lines_column = QVBoxLayout(lines_box)
        self.grant_lines_column.setContentsMargins(0, 0, 0, 0)
        self.grant_lines_column.setSpacing(12)
        grants_column.addWidget(lines_box)
        self.grant_lines: list[DeadlineLine] = []
        self.grant_offers_help = label(role="help")
        grants_column.addWidget(self.grant_offers_help)
        self.grant_offers_box.setVisible(self.can_see_grants)
        column.addWidget(self.grant_offers_box)

        # ---- you said, we did
        self.said_section, column = section()
        column.addWidget(
            label(
                "A printout for members: what they raised with the committee in a period, "
                "what the committee decided, and what happened. Choose the period, then "
                "press Print you said, we did.",
            )
        )
        start, end = last_twelve_months(ctx.today())
        self.said_from = DateEdit(start, display_format=IN_WORDS)
        self.said_to = DateEdit(end, display_format=IN_WORDS)
        self.said_from_row = FieldRow("From", self.said_from)
        self.said_to_row = FieldRow("To", self.said_to)
        self.print_said_button = BigButton("Print you said, we did", variant="secondary")
        column.addWidget(flow_row(self.said_from_row, self.said_to_row, self.print_said_button))
        column.addWidget(label("What members told us in pictures", "subheading"))
        column.addWidget(
            label(
                "How many members like, are not sure about or do not like each picture in "
                "their picture conversations. Counts only, no names.",
            )
        )
        self.pictures_button = BigButton("What members told us in pictures", variant="secondary")
        self.pictures_button.clicked.connect(self.open_picture_counts)
        column.addWidget(flow_row(self.pictures_button))

        self.sections = {
            self.meetings_button: self.meetings_section,
            self.serving_button: self.serving_section,
            self.inbox_button: self.inbox_section,
            self.said_button: self.said_section,
        }

        for button in self.sections:
            button.clicked.connect(lambda _=False, b=button: self.show_section(b))
        self.plan_button.clicked.connect(self.plan_meeting)
        self.open_button.clicked.connect(self.open_selected)
        self.meetings_table.activated.connect(self._meeting_activated)
        self.meetings_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.terms_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_term_button.clicked.connect(self.add_term)
        self.end_term_button.clicked.connect(self.end_selected_term)
        self.rules_button.clicked.connect(self.change_rules)
        self.print_said_button.clicked.connect(self.print_you_said_we_did)
        self.inbox_all_button.clicked.connect(lambda: self.show_all_inbox(not self._inbox_all))
        self._update_buttons()
        self.show_section(self.meetings_button)

    # ------------------------------------------------------------ which part shows

    def show_section(self, button: SwitchButton) -> None:
        button.setChecked(True)
        for switch, section in self.sections.items():
            section.setVisible(switch is button)
        self.scroll_area.verticalScrollBar().setValue(0)

    def section_shown(self) -> str:
        for switch, section in self.sections.items():
            if not section.isHidden():
                return switch.text()
        return ""

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        today = self.ctx.today()
        try:
            view = self.ctx.read(committee.committee_view, today)
            inbox = self.ctx.read(notes.inbox)
            rows = self.ctx.read(meetings.list_meetings)
        except NotAllowed as exc:
            self.view = None
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            self.content.hide()
            return
        self.view = view
        self.problem_label.hide()
        self.content.show()
        chosen_meeting = self.selected_meeting_id()
        chosen_term = self.selected_term()

        self.meetings_model.set_rows(rows)
        self.meetings_table.setVisible(bool(rows))
        self.no_meetings_label.setText(
            "No meetings yet. Press Plan a meeting to plan the first one."
            if self.can_run
            else "No meetings yet."
        )
        self.no_meetings_label.setVisible(not rows)
        if chosen_meeting is not None:
            self.select_meeting(chosen_meeting)

        self.terms_model.set_rows(view.serving)
        self.terms_table.setVisible(bool(view.serving))
        self.nobody_serving_label.setVisible(not view.serving)
        self.ending_soon_label.setText(ending_soon_words(view.ending_soon))
        self.ending_soon_label.setVisible(bool(view.ending_soon))
        if chosen_term is not None:
            self._select_row(self.terms_table, self.terms_model.row_of(chosen_term.term_id))

        self._show_makeup(view)
        self._show_rules(len({t.person_id for t in view.serving}))

        self._inbox = inbox
        self._show_inbox()
        if self.can_see_grants:
            self._show_grant_offers(rows, today)
        self._update_buttons()

    def _show_inbox(self) -> None:
        """The notes waiting: the newest :data:`INBOX_SHOWN` of a long inbox, or all."""
        inbox = self._inbox
        count = len(inbox)
        long_inbox = count > INBOX_SHOWN
        showing_all = self._inbox_all or not long_inbox
        self.inbox_model.set_rows(inbox if showing_all else inbox[-INBOX_SHOWN:])
        self.inbox_table.setVisible(bool(inbox))
        self.inbox_button.setText(f"Members' inbox ({count:,})" if inbox else "Members' inbox")
        words = (
            f"{count:,} {'note is' if count == 1 else 'notes are'} waiting for a meeting."
            if inbox
            else "The inbox is empty: no notes are waiting for the committee."
        )
        if not showing_all:
            words += f" The {INBOX_SHOWN} newest are listed below."
        self.inbox_count_label.setText(words)
        self.inbox_all_button.setText(
            f"Show only the {INBOX_SHOWN} newest"
            if self._inbox_all
            else f"Show all {count:,} notes"
        )
        self._inbox_all_row.setVisible(long_inbox)

    def _show_grant_offers(self, rows: list[MeetingRow], today: date) -> None:
        """The grant deadlines offered to the next meeting (or, with none planned, those
        due in the board's 60 days), in words, soonest first."""
        from clubapp.ui.pages.grant_agenda import deadline_count
        from clubapp.ui.pages.grants import fill_deadlines

        coming = min(
            (m for m in rows if m.on_date >= today),
            key=lambda m: (m.on_date, m.meeting_id),
            default=None,
        )
        after = coming.on_date if coming is not None else None
        try:
            offers = self.ctx.read(grant_deadlines.offers, today, after)
        except NotAllowed:
            self.grant_offers_box.hide()
            return
        self.grant_lines = fill_deadlines(
            self.grant_lines_column, self.grant_lines, offers.deadlines
        )
        count = len(offers.deadlines)
        self.grant_offers_heading.setText(offers_heading(offers, coming is not None))
        due = f"due by {day_words(offers.until)}"
        if coming is None:
            words = "No meeting is planned yet. " + (
                f"{deadline_count(count)} {'is' if count == 1 else 'are'} {due}."
                if count
                else f"No grant deadlines are {due}."
            )
            how = (
                "Plan a meeting, then open it and press Add grant deadlines to put them on "
                "its agenda."
            )
        else:
            waiting = (
                f"{deadline_count(count)} {due}."
                if count
                else f"nothing is waiting. No grant deadlines fall {due}, or they are "
                "already on an agenda."
            )
            words = f"For the meeting on {day_words(coming.on_date)}: {waiting}"
            how = (
                "To put them on that meeting's agenda, open the meeting and press Add grant "
                "deadlines."
            )
        if not self.can_run:
            how = (
                "The coordinator or a committee member can put them on the agenda: they "
                "open the meeting and press Add grant deadlines."
            )
        self.grant_offers_label.setText(words)
        self.grant_offers_help.setText(how)
        self.grant_offers_help.setVisible(count > 0)

    def show_all_inbox(self, show: bool = True) -> None:
        """List every note waiting (``show``), or only the newest :data:`INBOX_SHOWN`."""
        self._inbox_all = show
        self._show_inbox()

    def _show_makeup(self, view: CommitteeView) -> None:
        while len(self.makeup_labels) < len(view.makeup):
            new_label = label()
            self.makeup_layout.addWidget(new_label)
            self.makeup_labels.append(new_label)
        for line_label, line in zip(self.makeup_labels, view.makeup, strict=False):
            line_label.setText(makeup_words(line))
            line_label.setProperty("makeup", "met" if makeup_met(line) else "short")
            theme.repolish(line_label)

    def _show_rules(self, serving: int) -> None:
        from clubapp.ui.pages.constitution import read_settings

        rules = self.ctx.db.run(read_settings)
        number, top, bottom = (
            rules["quorum_number"],
            rules["quorum_share_top"],
            rules["quorum_share_bottom"],
        )
        members_quorum = rules["members_meeting_quorum"]
        casting = rules["chair_casting_vote"]
        notice = rules["meeting_notice_days"]
        lines = [quorum_rule_words(number, top, bottom, serving)]
        lines.append(
            f"A members' meeting or annual general meeting needs {plural(members_quorum, 'person', 'people')} present."
            if members_quorum
            else "Members' meetings and annual general meetings have no quorum."
        )
        lines.append(
            "When the votes are tied, the chair has a casting vote."
            if casting
            else "The chair has no casting vote: a tied motion is not carried."
        )
        lines.append(
            f"Meetings need {plural(notice, 'day')}' notice."
            if notice
            else "The rules ask for no set notice of meetings."
        )
        self.rules_label.setText("\n".join(lines))

    # ------------------------------------------------------------ choosing

    @staticmethod
    def _select_row(table: FullTable, row: int) -> bool:
        if row < 0:
            table.clearSelection()
            return False
        table.selectRow(row)
        return True

    def selected_meeting_id(self) -> int | None:
        rows = self.meetings_table.selectionModel().selectedRows()
        return int(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    def select_meeting(self, meeting_id: int) -> bool:
        return self._select_row(self.meetings_table, self.meetings_model.row_of(meeting_id))

    def selected_term(self) -> TermRow | None:
        rows = self.terms_table.selectionModel().selectedRows()
        return self.terms_model.row_at(rows[0].row()) if rows else None

    def select_term(self, term_id: int) -> bool:
        return self._select_row(self.terms_table, self.terms_model.row_of(term_id))

    def meetings(self) -> list[MeetingRow]:
        return self.meetings_model.rows()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_meeting_id()
        self.open_button.setEnabled(chosen is not None)
        self.open_note.setVisible(chosen is None and self.meetings_model.rowCount() > 0)
        term = self.selected_term()
        self.end_term_button.setEnabled(term is not None)
        self.end_term_note.setText(
            "Choose someone in the list above to end their term."
            if term is None
            else f"Chosen: {term.name}, {term.position_words}."
        )

    # ------------------------------------------------------------ actions

    def _meeting_activated(self, index: QModelIndex) -> None:
        meeting_id = index.data(Qt.ItemDataRole.UserRole)
        if meeting_id is not None:
            self.open_meeting(int(meeting_id))

    def open_selected(self) -> None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is not None:
            self.open_meeting(meeting_id)

    def open_meeting(self, meeting_id: int) -> None:
        from clubapp.ui.pages.meeting import MeetingPage

        self.ctx.navigator.push(MeetingPage(self.ctx, meeting_id))

    def plan_meeting(self) -> None:
        from clubapp.ui.pages.committee_forms import MeetingFormPage

        self.ctx.navigator.push(MeetingFormPage(self.ctx, None, opened=self._planned))

    def _planned(self, meeting_id: int) -> None:
        self.refresh_now()
        self.select_meeting(meeting_id)
        self.open_meeting(meeting_id)

    def add_term(self) -> None:
        from clubapp.ui.pages.committee_forms import TermFormPage

        self.ctx.navigator.push(TermFormPage(self.ctx))

    def end_selected_term(self) -> None:
        from clubapp.ui.pages.committee_forms import EndTermPage

        term = self.selected_term()
        if term is not None:
            self.ctx.navigator.push(EndTermPage(self.ctx, term))

    def change_rules(self) -> None:
        from clubapp.ui.pages.constitution import ConstitutionPage

        self.ctx.navigator.push(ConstitutionPage(self.ctx))

    def open_picture_counts(self) -> None:
        from clubapp.ui.pages.conversation_counts import ConversationCountsPage

        self.ctx.navigator.push(ConversationCountsPage(self.ctx))

    def print_you_said_we_did(self) -> bool:
        """Print the period chosen; a period that ends before it starts is explained by "To"."""
        from clubapp.services import committee_printouts

        self.said_from_row.clear_error()
        self.said_to_row.clear_error()
        for row, box in ((self.said_from_row, self.said_from), (self.said_to_row, self.said_to)):
            if not box.is_valid():
                row.show_error(box.error_text())
                return False
        start, end = self.said_from.value(), self.said_to.value()
        if end < start:
            self.said_to_row.show_error(
                "The end of the period is before its start. Choose a later date."
            )
            return False
        ctx = self.ctx
        ctx.navigator.show_pdf(
            "You said, we did",
            lambda: ctx.read(committee_printouts.you_said_we_did, start, end, ctx.today()),
            f"you-said-we-did-{start.isoformat()}-to-{end.isoformat()}.pdf",
        )
        return True
