"""One funder: its kind and contact details, and the history of the club's applications
to it (where each got to, asked for, awarded, the dates), with the way into each grant
and into a new application to the same funder."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from clubapp.services import grants
from clubapp.services.grants import FunderRow
from clubapp.services.money import pounds
from clubapp.ui.context import GRANTS, AppContext
from clubapp.ui.pages.base import Page, scrolling_body
from clubapp.ui.pages.committee import label, words_table
from clubapp.ui.pages.committee_words import plural
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.grants import ApplicationsModel
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.messages import ask_to_confirm

HELP_TEXT = (
    "This is one funder: who to contact, and every application the club has made to "
    "them, newest first. Choose an application and press Open grant to see it. New "
    "application to this funder starts one with the funder already chosen. A funder "
    "the club has applied to stays on the list, with its history."
)


def contact_words(row: FunderRow) -> str:
    """The contact details, one to a line."""
    lines = [
        f"{words}: {value}"
        for words, value in (
            ("Contact", row.contact_name),
            ("Email", row.email),
            ("Phone", row.phone),
            ("Website", row.website),
        )
        if value
    ]
    return "\n".join(lines) or "No contact details yet."


def history_words(row: FunderRow) -> str:
    if not row.applications:
        return "The club has not applied to this funder yet."
    words = f"{plural(row.applications, 'application')} from the club."
    if row.awarded_pence:
        words += f" Awarded in all: {pounds(row.awarded_pence)}."
    return words


class FunderPage(Page):
    """Public parts, for tests: ``kind_label``, ``contact_label``, ``notes_label``,
    ``history_label``, ``applications_model``, ``applications_table``,
    ``open_button``, ``new_button``, ``change_button``, ``delete_button``."""

    help_text = HELP_TEXT
    domains = (GRANTS,)

    def __init__(self, ctx: AppContext, funder_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.funder_id = funder_id
        self.title = "A funder"
        self.row: FunderRow | None = None
        self.editable = ctx.can("grants.edit")

        body = scrolling_body(self)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, content = body.scroll_area, body.column

        self.kind_label = label(role="label")
        self.contact_label = label()
        self.contact_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label = label()
        self.change_button = BigButton("Change details", variant="secondary")
        self.delete_button = BigButton("Delete funder", variant="danger")
        self.actions_problem = label(role="error")
        self.actions_problem.hide()
        self.history_heading = label("Applications to this funder", "subheading")
        self.history_label = label(role="label")
        self.new_button = BigButton("New application to this funder")
        self.open_button = BigButton("Open grant", variant="secondary")
        self.open_note = label("Choose an application in the list, then press Open grant.", "help")
        self.applications_model = ApplicationsModel(self)
        self.applications_table = words_table(
            self.applications_model, "Applications to this funder, newest first"
        )
        for widget in (
            self.kind_label,
            self.contact_label,
            self.notes_label,
            flow_row(self.change_button, self.delete_button),
            self.actions_problem,
            self.history_heading,
            self.history_label,
            flow_row(self.new_button, self.open_button, self.open_note),
            self.applications_table,
        ):
            content.addWidget(widget)

        self.change_button.clicked.connect(self.change_details)
        self.delete_button.clicked.connect(self.delete)
        self.new_button.clicked.connect(self.new_application)
        self.open_button.clicked.connect(self.open_selected)
        self.applications_table.activated.connect(self._activated)
        self.applications_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.applications_model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # ------------------------------------------------------------ loading

    def heading(self) -> str:
        return self.title

    def refresh(self) -> None:
        try:
            row = self.ctx.read(grants.get_funder, self.funder_id)
            applications = self.ctx.read(
                grants.list_applications, self.ctx.today(), funder_id=self.funder_id
            )
        except SERVICE_ERRORS as exc:
            self.row = None
            self.problem_label.setText(f"{exc} Press Back to return to the list.")
            self.problem_label.show()
            self.content.hide()
            return
        self.problem_label.hide()
        self.content.show()
        self.row = row
        self.title = row.name
        self.kind_label.setText(row.kind_words)
        self.contact_label.setText(contact_words(row))
        self.notes_label.setText(row.notes)
        self.notes_label.setVisible(bool(row.notes))
        self.history_label.setText(history_words(row))
        chosen = self.selected()
        self.applications_model.set_rows(applications)
        if chosen is not None:
            self.select(chosen)
        self.applications_table.setVisible(bool(applications))
        self.open_button.setVisible(bool(applications))
        self.open_note.setVisible(bool(applications))
        self.change_button.setVisible(self.editable)
        self.new_button.setVisible(self.editable)
        self.delete_button.setVisible(self.editable and row.applications == 0)
        self.delete_button.setAccessibleName(f"Delete funder: {row.name}")

    # ------------------------------------------------------------ the list

    def selected(self) -> int | None:
        rows = self.applications_table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.applications_model.row_id(self.applications_model.row_at(rows[0].row())))

    def select(self, application_id: int) -> None:
        row = self.applications_model.row_of(application_id)
        if row >= 0:
            self.applications_table.selectRow(row)

    def _update_buttons(self, *_args: object) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def _activated(self, index: QModelIndex) -> None:
        self.select(self.applications_model.row_id(self.applications_model.row_at(index.row())))
        self.open_selected()

    def open_selected(self) -> None:
        from clubapp.ui.pages.grant import GrantPage

        application_id = self.selected()
        if application_id is not None:
            self.ctx.navigator.push(GrantPage(self.ctx, application_id))

    # ------------------------------------------------------------ changes

    def new_application(self) -> None:
        from clubapp.ui.pages.grant_forms import ApplicationFormPage

        self.ctx.navigator.push(ApplicationFormPage(self.ctx, None, funder_id=self.funder_id))

    def change_details(self) -> None:
        from clubapp.ui.pages.grant_forms import FunderFormPage

        self.ctx.navigator.push(FunderFormPage(self.ctx, self.funder_id))

    def delete(self) -> bool:
        row = self.row
        if row is None:
            return False
        if not ask_to_confirm(
            self,
            "Delete this funder",
            f"Delete {row.name} from the list of funders? The club has not applied to them.",
            f"Yes, delete {row.name}",
            "Go back, keep them",
            danger=True,
        ):
            return False
        self.actions_problem.hide()
        try:
            self.ctx.run(grants.delete_funder, self.funder_id, changed=GRANTS)
        except SERVICE_ERRORS as exc:
            self.actions_problem.setText(str(exc))
            self.actions_problem.show()
            return False
        self.ctx.navigator.back()
        return True
