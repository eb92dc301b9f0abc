"""The Grants room: what is due, where each application is, the funders, and the summary
for the committee.

Everyone who may see the club's grants (``grants.see``) sees all of it; the buttons that
add an application or a funder are there only for the roles that may change them
(``grants.edit``). Every deadline says in words how soon it is ("Due in 5 days",
"Missed: the deadline was 3 days ago"); the colour of its line only repeats that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import grant_deadlines, grant_pipeline, grants
from clubapp.services.dates import long_date
from clubapp.services.grant_deadlines import BOARD_DAYS, SOON_DAYS, Deadline
from clubapp.services.grant_pipeline import Pipeline, YearTotals
from clubapp.services.grants import AWARDED_STATUSES, OPEN_STATUSES
from clubapp.services.money import pounds
from clubapp.ui.context import ACCOUNTS, GRANTS, AppContext
from clubapp.ui.pages.base import Page, hidden_part, scrolling_body
from clubapp.ui.pages.committee import label, words_table
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.grants import (
    ApplicationsModel,
    FundersModel,
    PipelineModel,
    count_words,
)
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.flow import flow_row

HELP_TEXT = (
    "This room holds the club's grants. The big buttons at the top show one part at a time. "
    "Deadlines lists everything due in the next 60 days, soonest first: application "
    "deadlines, the reports funders want, payments the club expects and grants coming "
    "to an end. Anything overdue stays at the top, in red, until it is done. "
    "Applications shows where every application has got to, how much was asked for and "
    "awarded this year and last, and the list of applications: choose one and press "
    "Open grant. Funders lists who the club has applied to. Print makes the grants "
    "summary for the committee's meeting."
)

#: The list's filters: the words on the button, the statuses shown (None: all), and
#: how the count says it ("3 of the 12 applications are still open").
FILTERS: tuple[tuple[str, tuple[str, ...] | None, tuple[str, str]], ...] = (
    ("All", None, ("", "")),
    ("Still open", OPEN_STATUSES, ("is still open", "are still open")),
    ("Awarded", AWARDED_STATUSES, ("was awarded", "were awarded")),
    (
        "Turned down or withdrawn",
        ("declined", "withdrawn"),
        ("was turned down or withdrawn", "were turned down or withdrawn"),
    ),
)


# ---------------------------------------------------------------- words


def deadline_when(deadline: Deadline) -> str:
    """ "Due in 5 days (Monday 23 November 2026)"."""
    return f"{deadline.when_words} ({long_date(deadline.due_on)})"


def board_summary(board: Sequence[Deadline]) -> str:
    """How many things are due, and how many of them are late or close."""
    if not board:
        return f"Nothing is due in the next {BOARD_DAYS} days, and nothing is overdue."
    late = sum(d.urgency == "overdue" for d in board)
    soon = sum(d.urgency == "soon" for d in board)
    words = f"{count_words(len(board), 'thing is', 'things are')} due in the next {BOARD_DAYS} days"
    parts = []
    if late:
        parts.append(f"{late:,} overdue or missed")
    if soon:
        parts.append(f"{soon:,} due within {SOON_DAYS} days")
    return words + (f": {' and '.join(parts)}." if parts else ".")


def year_lines(which: str, totals: YearTotals) -> tuple[str, list[str]]:
    """A heading ("This year, 2026-27") and how the club did in that year, in sentences."""
    year = totals.year
    heading = f"{which}, {year.name} ({year.words})"
    lines = [
        (
            f"Sent to funders: {count_words(totals.sent, 'application', 'applications')}, "
            f"asking for {pounds(totals.asked_pence)} in all."
        )
        if totals.sent
        else "No applications were sent to funders.",
        (
            f"Awarded: {count_words(totals.awarded, 'grant', 'grants')}, "
            f"{pounds(totals.awarded_pence)} in all."
        )
        if totals.awarded
        else "No grants were awarded.",
        f"Success rate: {totals.success_words}" if totals.decided else totals.success_words,
    ]
    return heading, lines


def missed_words(board: Sequence[Deadline]) -> str:
    """The applications whose deadline passed before they were sent, by name ("" if none).

    The board holds every missed deadline, however long ago, so they are named from it.
    """
    missed = [d.title for d in board if d.missed]
    if not missed:
        return ""
    if len(missed) == 1:
        return (
            f"Deadline missed: {missed[0]}. It was still an idea or being prepared. Open it "
            "to mark it sent or withdrawn, or change the deadline if the funder gave more time."
        )
    return (
        f"{len(missed):,} deadlines missed: {'; '.join(missed)}. They were still ideas or "
        "being prepared. Open each to mark it sent or withdrawn, or change the deadline if "
        "the funder gave more time."
    )


# ---------------------------------------------------------------- one deadline


class DeadlineLine(QFrame):
    """One deadline: when, in bold words with the date, and what is due. Its ``urgency``
    property ("overdue", "soon", "later") gives the line its bar and fill (app.qss).

    With ``open_grant``, an "Open grant" button beside it opens the grant's page.
    """

    def __init__(
        self,
        deadline: Deadline,
        open_grant: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.deadline = deadline
        self.setProperty("urgency", deadline.urgency)
        self.setAccessibleName(deadline.words)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        words = QVBoxLayout()
        words.setSpacing(4)
        self.when_label = label(deadline_when(deadline), "label")
        self.what_label = label(deadline.title)
        words.addWidget(self.when_label)
        words.addWidget(self.what_label)
        row.addLayout(words, 1)
        self.open_button: BigButton | None = None
        if open_grant is not None:
            self.open_button = BigButton("Open grant", variant="secondary")
            self.open_button.setAccessibleName(f"Open grant: {deadline.title}")
            self.open_button.clicked.connect(lambda: open_grant(deadline.application_id))
            row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def words(self) -> str:
        """What the line says, as one sentence (for tests and the Home page)."""
        return f"{self.when_label.text()}: {self.what_label.text()}"


def fill_deadlines(
    column: QVBoxLayout,
    old: list[DeadlineLine],
    board: Sequence[Deadline],
    open_grant: Callable[[int], None] | None = None,
) -> list[DeadlineLine]:
    """Replace the lines in ``column`` with one per deadline, soonest first."""
    for line in old:
        column.removeWidget(line)
        line.hide()
        line.deleteLater()
    made = [DeadlineLine(d, open_grant) for d in board]
    for line in made:
        column.addWidget(line)
    return made


# ---------------------------------------------------------------- the room


class GrantsPage(Page):
    """The Grants room, one part at a time: ``deadlines_button``, ``applications_button``,
    ``funders_button`` and ``print_button`` switch between them (:meth:`show_section`).

    Deadlines: ``board_label``, ``deadline_lines`` (each with its ``open_button``).
    Applications: ``new_button``, ``year_labels``, ``pipeline_table``/``pipeline_model``,
    ``missed_label``, ``filter_buttons``, ``count_label``, ``open_grant_button``,
    ``applications_table``/``applications_model``. Funders: ``add_funder_button``,
    ``open_funder_button``, ``funders_table``/``funders_model``. Print:
    ``print_summary_button``. A role that may not see grants: ``problem_label``.
    """

    title = "Grants"
    help_text = HELP_TEXT
    # The books hold the receipts that pay instalments, and the year's start month.
    domains = (GRANTS, ACCOUNTS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_edit = ctx.can("grants.edit")
        self.deadline_lines: list[DeadlineLine] = []
        self.year_labels: list[QLabel] = []
        self._statuses: tuple[str, ...] | None = None
        self._total = 0

        body = scrolling_body(self)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, content = body.scroll_area, body.column

        self.read_only_note = label(
            "You can see the club's grants. Only the coordinator and the treasurer can "
            "change them.",
            "help",
        )
        self.read_only_note.setVisible(not self.can_edit)
        content.addWidget(self.read_only_note)

        self.deadlines_button = SwitchButton("Deadlines")
        self.applications_button = SwitchButton("Applications")
        self.funders_button = SwitchButton("Funders")
        self.print_button = SwitchButton("Print")
        self._switches = QButtonGroup(self)
        for button in (
            self.deadlines_button,
            self.applications_button,
            self.funders_button,
            self.print_button,
        ):
            self._switches.addButton(button)
        content.addWidget(
            flow_row(
                self.deadlines_button,
                self.applications_button,
                self.funders_button,
                self.print_button,
            )
        )

        def section() -> tuple[QWidget, QVBoxLayout]:
            return hidden_part(content)

        # ---- deadlines
        self.deadlines_section, column = section()
        self.board_label = label(role="subheading")
        column.addWidget(self.board_label)
        self.board_help = label(
            "Application deadlines, the reports funders want, payments the club expects "
            "and grants coming to an end, soonest first. Anything overdue stays at the top "
            "until it is done.",
            "help",
        )
        column.addWidget(self.board_help)
        self.board_box = QWidget()
        self.board_column = QVBoxLayout(self.board_box)
        self.board_column.setContentsMargins(0, 0, 0, 0)
        self.board_column.setSpacing(12)
        column.addWidget(self.board_box)

        # ---- applications: the figures, then the list
        self.applications_section, column = section()
        self.new_button = BigButton("New application")
        self.new_button.setVisible(self.can_edit)
        column.addWidget(flow_row(self.new_button))
        column.addWidget(label("How the club did", "subheading"))
        self.years_box = QWidget()
        self.years_column = QVBoxLayout(self.years_box)
        self.years_column.setContentsMargins(0, 0, 0, 0)
        self.years_column.setSpacing(8)
        column.addWidget(self.years_box)
        column.addWidget(label("Where the applications are", "subheading"))
        self.pipeline_model = PipelineModel(self)
        self.pipeline_table = words_table(self.pipeline_model, "Applications at each step")
        self.pipeline_table.setSelectionMode(self.pipeline_table.SelectionMode.NoSelection)
        column.addWidget(self.pipeline_table)
        self.missed_label = label(role="error")
        self.missed_label.hide()
        column.addWidget(self.missed_label)

        column.addWidget(label("The applications", "subheading"))
        self.filter_buttons: list[SwitchButton] = []
        self._filters = QButtonGroup(self)
        for words, statuses, _says in FILTERS:
            button = SwitchButton(words)
            button.clicked.connect(lambda _=False, s=statuses: self.show_statuses(s))
            self._filters.addButton(button)
            self.filter_buttons.append(button)
        self.filter_buttons[0].setChecked(True)
        column.addWidget(flow_row(*self.filter_buttons))
        self.count_label = label(role="label")
        column.addWidget(self.count_label)
        self.open_grant_button = BigButton("Open grant", variant="secondary")
        self.open_grant_note = label(
            "Choose an application in the list, then press Open grant.", "help"
        )
        column.addWidget(flow_row(self.open_grant_button, self.open_grant_note))
        self.applications_model = ApplicationsModel(self)
        self.applications_table = words_table(self.applications_model, "Applications, newest first")
        column.addWidget(self.applications_table)

        # ---- funders
        self.funders_section, column = section()
        self.add_funder_button = BigButton("Add a funder")
        self.add_funder_button.setVisible(self.can_edit)
        self.open_funder_button = BigButton("Open funder", variant="secondary")
        self.open_funder_note = label(
            "Choose a funder in the list, then press Open funder.", "help"
        )
        column.addWidget(
            flow_row(self.add_funder_button, self.open_funder_button, self.open_funder_note)
        )
        self.funders_label = label(role="label")
        column.addWidget(self.funders_label)
        self.funders_model = FundersModel(self)
        self.funders_table = words_table(self.funders_model, "Funders, by name")
        column.addWidget(self.funders_table)

        # ---- print
        self.print_section, column = section()
        column.addWidget(
            label(
                "The grants summary is a printout for the committee's meeting: what is due "
                "in the next 60 days, where each application has got to, and how much was "
                "asked for and awarded this year and last."
            )
        )
        self.print_summary_button = BigButton("Print the grants summary")
        column.addWidget(flow_row(self.print_summary_button))

        self.sections = {
            self.deadlines_button: self.deadlines_section,
            self.applications_button: self.applications_section,
            self.funders_button: self.funders_section,
            self.print_button: self.print_section,
        }

        for button in self.sections:
            button.clicked.connect(lambda _=False, b=button: self.show_section(b))
        self.new_button.clicked.connect(self.new_application)
        self.open_grant_button.clicked.connect(self.open_selected_grant)
        self.applications_table.activated.connect(self._application_activated)
        self.applications_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_funder_button.clicked.connect(self.add_funder)
        self.open_funder_button.clicked.connect(self.open_selected_funder)
        self.funders_table.activated.connect(self._funder_activated)
        self.funders_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.print_summary_button.clicked.connect(self.print_summary)
        self._update_buttons()
        self.show_section(self.deadlines_button)

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
            board = self.ctx.read(grant_deadlines.board, today, BOARD_DAYS)
            pipeline = self.ctx.read(grant_pipeline.pipeline, today)
            funders = self.ctx.read(grants.list_funders)
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            self.content.hide()
            return
        self.problem_label.hide()
        self.content.show()

        self.board_label.setText(board_summary(board))
        self.deadline_lines = fill_deadlines(
            self.board_column, self.deadline_lines, board, self.open_grant
        )
        self.board_box.setVisible(bool(board))

        self._show_years(pipeline)
        self.pipeline_model.set_rows(pipeline.statuses)
        missed = missed_words(board)
        self.missed_label.setText(missed)
        self.missed_label.setVisible(bool(missed))
        self._total = sum(s.count for s in pipeline.statuses)
        self._load_applications()

        chosen = self.selected_funder_id()
        self.funders_model.set_rows(funders)
        self.funders_table.setVisible(bool(funders))
        if funders:
            self.funders_label.setText(
                f"{count_words(len(funders), 'funder', 'funders')}, by name."
            )
        else:
            self.funders_label.setText(
                "No funders yet. Press Add a funder to add the first."
                if self.can_edit
                else "No funders yet."
            )
        if chosen is not None:
            self._select_row(self.funders_table, self.funders_model.row_of(chosen))
        self._update_buttons()

    def _show_years(self, pipeline: Pipeline) -> None:
        for old in self.year_labels:
            self.years_column.removeWidget(old)
            old.deleteLater()
        self.year_labels = []
        for which, totals in (("This year", pipeline.this_year), ("Last year", pipeline.last_year)):
            heading, lines = year_lines(which, totals)
            made = [label(heading, "label"), label("\n".join(lines))]
            made[1].setContentsMargins(16, 0, 0, 8)
            for line in made:
                self.years_column.addWidget(line)
            self.year_labels += made

    def _load_applications(self) -> None:
        """The list, for the filter chosen (a service query, so it is always fresh)."""
        chosen = self.selected_application_id()
        try:
            rows = self.ctx.read(
                grants.list_applications, self.ctx.today(), statuses=self._statuses
            )
        except SERVICE_ERRORS as exc:
            self.count_label.setText(str(exc))
            return
        self.applications_model.set_rows(rows)
        self.applications_table.setVisible(bool(rows))
        self.count_label.setText(self._count_words(len(rows)))
        if chosen is not None:
            self._select_row(self.applications_table, self.applications_model.row_of(chosen))
        self._update_buttons()

    def _count_words(self, shown: int) -> str:
        if not self._total:
            return (
                "No applications yet. Press New application to add the first."
                if self.can_edit
                else "No applications yet."
            )
        if self._statuses is None:
            return f"{count_words(self._total, 'application', 'applications')}, newest first."
        one, many = next(says for _w, s, says in FILTERS if s == self._statuses)
        if not shown:
            return f"None of the {count_words(self._total, 'application', 'applications')} {one}."
        of_all = "the one application" if self._total == 1 else f"the {self._total:,} applications"
        return f"{shown:,} of {of_all} {one if shown == 1 else many}."

    def show_statuses(self, statuses: tuple[str, ...] | None) -> None:
        """List only the applications with these statuses (None: every one)."""
        self._statuses = statuses
        for button, (_w, s, _says) in zip(self.filter_buttons, FILTERS, strict=True):
            if s == statuses:
                button.setChecked(True)
        self._load_applications()

    # ------------------------------------------------------------ choosing

    @staticmethod
    def _select_row(table: QTableView, row: int) -> None:
        if row < 0:
            table.clearSelection()
        else:
            table.selectRow(row)

    @staticmethod
    def _chosen_id(table: QTableView) -> int | None:
        rows = table.selectionModel().selectedRows()
        return int(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    def selected_application_id(self) -> int | None:
        return self._chosen_id(self.applications_table)

    def select_application(self, application_id: int) -> bool:
        row = self.applications_model.row_of(application_id)
        self._select_row(self.applications_table, row)
        return row >= 0

    def selected_funder_id(self) -> int | None:
        return self._chosen_id(self.funders_table)

    def select_funder(self, funder_id: int) -> bool:
        row = self.funders_model.row_of(funder_id)
        self._select_row(self.funders_table, row)
        return row >= 0

    def _update_buttons(self, *_args: object) -> None:
        application = self.selected_application_id()
        self.open_grant_button.setEnabled(application is not None)
        self.open_grant_note.setVisible(
            application is None and self.applications_model.rowCount() > 0
        )
        self.open_grant_button.setVisible(self.applications_model.rowCount() > 0)
        funder = self.selected_funder_id()
        self.open_funder_button.setEnabled(funder is not None)
        self.open_funder_button.setVisible(self.funders_model.rowCount() > 0)
        self.open_funder_note.setVisible(funder is None and self.funders_model.rowCount() > 0)

    # ------------------------------------------------------------ actions

    def open_grant(self, application_id: int) -> None:
        from clubapp.ui.pages.grant import GrantPage

        self.ctx.navigator.push(GrantPage(self.ctx, application_id))

    def open_selected_grant(self) -> None:
        application_id = self.selected_application_id()
        if application_id is not None:
            self.open_grant(application_id)

    def _application_activated(self, index: QModelIndex) -> None:
        application_id = index.data(Qt.ItemDataRole.UserRole)
        if application_id is not None:
            self.open_grant(int(application_id))

    def new_application(self) -> None:
        from clubapp.ui.pages.grant_forms import ApplicationFormPage

        self.ctx.navigator.push(ApplicationFormPage(self.ctx, None, saved=self._application_saved))

    def _application_saved(self, application_id: int) -> None:
        self.refresh_now()
        self.select_application(application_id)
        self.open_grant(application_id)

    def open_funder(self, funder_id: int) -> None:
        from clubapp.ui.pages.funder import FunderPage

        self.ctx.navigator.push(FunderPage(self.ctx, funder_id))

    def open_selected_funder(self) -> None:
        funder_id = self.selected_funder_id()
        if funder_id is not None:
            self.open_funder(funder_id)

    def _funder_activated(self, index: QModelIndex) -> None:
        funder_id = index.data(Qt.ItemDataRole.UserRole)
        if funder_id is not None:
            self.open_funder(int(funder_id))

    def add_funder(self) -> None:
        from clubapp.ui.pages.grant_forms import FunderFormPage

        self.ctx.navigator.push(FunderFormPage(self.ctx, None, saved=self._funder_added))

    def _funder_added(self, funder_id: int) -> None:
        self.refresh_now()
        self.select_funder(funder_id)

    def print_summary(self) -> None:
        from clubapp.services import grant_printouts

        ctx = self.ctx
        today = ctx.today()
        ctx.navigator.show_pdf(
            "Grants summary",
            lambda: ctx.read(grant_printouts.grants_summary, today),
            f"grants-summary-{today.isoformat()}.pdf",
        )
