"""One grant application: where it has got to, with the day of each change; its key dates
and who writes the bid; and once awarded, its money (received, spent by category, left,
time left), the payments the funder will make and the reports it wants.

The page shows one part at a time (Summary, Money, Payments, Reports, History), chosen
with big switch buttons. The buttons that move the application on say what they do
("Mark as sent to the funder", "Mark as turned down"), only those that make sense now,
the usual next step first and biggest; "Record the award" opens the award form. Every press is
one service call; the page then reloads from the services. Only the coordinator and the
treasurer see the buttons that change things; recording a payment in the books also
needs the books' keeper's rights.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import grant_money, grants
from clubapp.services.errors import ValidationError
from clubapp.services.grant_deadlines import when_words
from clubapp.services.grant_money import GrantMoney
from clubapp.services.grants import (
    FUNDER_KIND_WORDS,
    MOVE_WORDS,
    STATUS_WORDS,
    STATUSES,
    ApplicationView,
    InstalmentRow,
    ReportRow,
    StatusStep,
    move_button_words,
)
from clubapp.services.money import pounds
from clubapp.services.words import and_words
from clubapp.ui.context import ACCOUNTS, GRANTS, PEOPLE, AppContext
from clubapp.ui.pages.base import Page, scrolling_body
from clubapp.ui.pages.committee import label, words_table
from clubapp.ui.pages.committee_words import day_words, plural
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.theme import repolish
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.keyed import KeyedColumn
from clubapp.ui.widgets.messages import ask_to_confirm

HELP_TEXT = (
    "This is one grant application. The buttons at the top move it on: Mark as sent to "
    "the funder, Record the award (which asks for the award's details), Mark as turned "
    "down, Withdraw the application, and once every report is sent, Close the grant. "
    "Summary shows what it is for, its dates and who writes the bid. Once it is awarded, "
    "Money shows what has come in, what has been spent from its fund and what is left; "
    "Payments lists the payments the funder will make (record each in the books or match "
    "it to a receipt already there); Reports lists the reports the funder wants, to mark "
    "sent. History shows each change with its date. Print grant statement makes the "
    "statement for the funder's report."
)
#: The usual next step from each status: its button is the main one, shown first; going
#: back a step, turning down or withdrawing are the quieter buttons after it.
FORWARD = {
    "idea": "preparing",
    "preparing": "submitted",
    "submitted": "awarded",
    "awarded": "closed",
}
#: Before a decision, only these parts have anything to show.
EARLY_PARTS = ("Summary", "History")
CLOSE_LATER = "Close the grant once every report is sent."


def overspent_words(money: GrantMoney) -> str:
    """A grant spent beyond its award, or beyond what has come in, said in words."""
    lines = []
    if money.left_to_spend_pence < 0:
        lines.append(f"Spent {pounds(-money.left_to_spend_pence)} more than the award.")
    if money.balance_pence < 0:
        lines.append(
            f"The grant has spent {pounds(-money.balance_pence)} more than it has received so far."
        )
    return "\n".join(lines)


def statement_dates(money: GrantMoney, today: date) -> tuple[date, date]:
    """The statement's From and To to start with: the grant's period, up to today."""
    return min(money.starts, today), min(money.ends, today)


def not_started_words(view: ApplicationView, today: date) -> str:
    starts = view.row.period_starts
    if starts is None or starts <= today:
        return ""
    return (
        f"The statement can be printed once the grant's period has started, on {day_words(starts)}."
    )


def payments_in_order(instalments: Sequence[InstalmentRow]) -> list[InstalmentRow]:
    """The payments still to come, soonest first (the next at the top), then those
    received, the latest first."""
    waiting = sorted((i for i in instalments if i.received_on is None), key=lambda i: i.due_on)
    received = sorted(
        (i for i in instalments if i.received_on is not None),
        key=lambda i: (i.received_on or i.due_on, i.due_on),
        reverse=True,
    )
    return [*waiting, *received]


def reports_in_order(reports: Sequence[ReportRow]) -> list[ReportRow]:
    """The reports still to send, soonest first, then those sent, the latest first."""
    waiting = sorted((r for r in reports if r.status != "sent"), key=lambda r: r.due_on)
    sent = sorted(
        (r for r in reports if r.status == "sent"),
        key=lambda r: (r.sent_on or r.due_on, r.due_on),
        reverse=True,
    )
    return [*waiting, *sent]


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def status_words(view: ApplicationView) -> str:
    """ "Status: Awarded, on 3 November 2026." (the day of the latest change)."""
    row = view.row
    # The latest change to where it is now (a change recorded late may carry an earlier day).
    last = next((step for step in reversed(view.history) if step.status == row.status), None)
    on = f", on {day_words(last.on)}" if last is not None else ""
    return f"Status: {row.status_words}{on}."


def step_words(step: StatusStep) -> str:
    """ "6 November 2026 — Awarded £2,000.00 (recorded by Sam Taylor)": a note that
    starts with the status's own word ("Awarded £2,000.00") stands for it."""
    status = STATUS_WORDS[step.status]
    what = f"{status}: {step.note}" if step.note else status
    if step.note.startswith(status):
        what = step.note
    who = f" (recorded by {step.recorded_by})" if step.recorded_by else ""
    return f"{day_words(step.on)} — {what}{who}"


def missed_words(view: ApplicationView, today: date) -> str:
    """The deadline passed before the bid was sent: said, not silently kept."""
    row = view.row
    if not row.missed or row.deadline is None:
        return ""
    when = when_words((row.deadline - today).days, missed=True)
    return (
        f"{when} ({day_words(row.deadline)}), and the bid has not been sent. Send it if "
        "the funder still accepts it, or mark it withdrawn."
    )


def key_dates_words(view: ApplicationView, today: date) -> str:
    row = view.row
    lines = []
    if view.opens_on:
        lines.append(f"The funder's round opens: {day_words(view.opens_on)}.")
    if row.deadline:
        line = f"Deadline: {day_words(row.deadline)}."
        if row.status in grants.UNSENT_STATUSES and not row.missed:
            line += f" {when_words((row.deadline - today).days)}."
        lines.append(line)
    if row.submitted_on:
        lines.append(f"Sent to the funder: {day_words(row.submitted_on)}.")
    if row.decision_expected and not row.decided_on:
        lines.append(f"Decision expected: {day_words(row.decision_expected)}.")
    if row.decided_on:
        lines.append(f"The funder decided: {day_words(row.decided_on)}.")
    return "\n".join(lines) or "No dates are known yet."


def pays_for_words(view: ApplicationView) -> str:
    lines = [sentence(view.pays_for)] if view.pays_for else []
    sessions = and_words(view.session_names)
    lines.append(f"Sessions: {sessions}." if sessions else "Sessions: the whole club.")
    if view.activities:
        lines.append(f"Activities: {and_words([name for _id, name in view.activities])}.")
    return "\n".join(lines)


def asked_words(view: ApplicationView) -> str:
    asked = view.row.asked_pence
    return f"{pounds(asked)}." if asked else "Not known yet."


def award_words(view: ApplicationView) -> str:
    row = view.row
    if row.awarded_pence is None:
        return ""
    decided = f", decided on {day_words(row.decided_on)}" if row.decided_on else ""
    lines = [f"{pounds(row.awarded_pence)}{decided}."]
    if row.period_starts and row.period_ends:
        lines.append(
            f"The grant's period: {day_words(row.period_starts)} to {day_words(row.period_ends)}."
        )
    elif row.period_starts:
        lines.append(f"The grant's period starts on {day_words(row.period_starts)}.")
    if view.funder_reference:
        lines.append(f"The funder's reference: {view.funder_reference}.")
    if view.fund_name:
        lines.append(f"Its money is in the restricted fund {view.fund_name}.")
    if view.conditions:
        lines.append(f"Conditions: {sentence(view.conditions)}")
    return "\n".join(lines)


def payment_words(instalment: InstalmentRow, today: date) -> str:
    """ "1 January 2027: £7,500.00. Received on 3 January 2027." or "Overdue by 5 days"."""
    words = f"{day_words(instalment.due_on)}: {pounds(instalment.amount_pence)}. "
    if instalment.received_on is not None:
        words += f"Received on {day_words(instalment.received_on)}."
        if instalment.received_pence not in (None, instalment.amount_pence):
            words += f" The receipt in the books was {pounds(instalment.received_pence or 0)}."
        return words
    days = (instalment.due_on - today).days
    if days < 0:
        return words + f"{when_words(days)}: not received yet."
    return words + "Not received yet."


def report_words(report: ReportRow, today: date) -> str:
    """ "Progress report, due 1 March 2027. Due in 103 days." or "… Sent on 2 March 2027."."""
    words = f"{report.kind_words}, due {day_words(report.due_on)}. "
    if report.status == "sent" and report.sent_on is not None:
        words += f"Sent on {day_words(report.sent_on)}."
    else:
        words += f"{when_words((report.due_on - today).days)}."
    if report.note:
        words += f"\n{sentence(report.note)}"
    return words


def reports_summary(reports: Sequence[ReportRow]) -> str:
    if not reports:
        return "No reports are listed. Add the reports the funder wants."
    sent = sum(r.status == "sent" for r in reports)
    words = f"{sent} of {plural(len(reports), 'report')} sent."
    waiting = [r.due_on for r in reports if r.status != "sent"]
    if waiting:
        words += f" The next is due on {day_words(min(waiting))}."
    return words


def auto_match_words(count: int) -> str:
    if count == 0:
        return (
            "No payments could be matched: no receipt into the grant's fund has the same "
            "amount within 90 days of a payment's date. Use Match on a payment to choose one."
        )
    return f"Matched {plural(count, 'payment')} to receipts in the books."


# ---------------------------------------------------------------- parts


class Fact(QWidget):
    """A heading and its words, hidden when there are no words."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label(heading, "subheading", self)
        self.words = label(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.words)

    def show_words(self, text: str) -> None:
        self.words.setText(text)
        self.setVisible(bool(text))


class SpendingModel(RowsModel[tuple[str, int]]):
    """The grant's spending by category: (category, pence)."""

    HEADERS = ("Category", "Spent")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        category, pence = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return category if index.column() == 0 else pounds(pence)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class LineCard(QFrame):
    """A payment or a report: its words, a line for a problem, and its buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.row_id = 0
        self.words = label(role="label", parent=self)
        self.problem_label = label(role="error", parent=self)
        self.problem_label.hide()
        self.buttons: dict[str, BigButton] = {}
        self.button_row = flow_row()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.words)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.button_row)

    def button(self, key: str, text: str, action: Callable[[int], object]) -> BigButton:
        """The button ``key`` (made the first time), which calls ``action(row_id)``."""
        found = self.buttons.get(key)
        if found is None:
            found = self.buttons[key] = BigButton(text, variant="secondary")
            found.clicked.connect(lambda _=False: action(self.row_id))
            self.button_row.add_widget(found)
        found.setText(text)
        return found

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))


# ---------------------------------------------------------------- the page


class GrantPage(Page):
    """One application. Public parts, for tests: ``funder_label``, ``status_label``,
    ``missed_label``, ``notice_label``, ``move_buttons`` (by status), ``change_button``,
    ``award_button``, ``delete_button``, ``funder_button``; the switches in ``sections``;
    the summary's facts; the money's ``figures`` (label by name), ``spending_table``,
    ``time_left_label``, ``over_label``, ``difference_label``, ``starts``, ``ends``,
    ``print_button``; ``payment_cards`` and ``report_cards`` (KeyedColumns of LineCards),
    ``add_payment_button``, ``auto_match_button``, ``add_report_button``;
    ``history_label``."""

    help_text = HELP_TEXT
    domains = (GRANTS, ACCOUNTS, PEOPLE)

    def __init__(self, ctx: AppContext, application_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.application_id = application_id
        self.title = "A grant application"
        self.view: ApplicationView | None = None
        self.money: GrantMoney | None = None
        self.editable = ctx.can("grants.edit")
        self.keeps_books = self.editable and ctx.can("accounts.keep")

        body = scrolling_body(self)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, content = body.scroll_area, body.column

        # --- at the top: the funder, the status, a missed deadline, and the moves
        self.funder_label = label(role="label")
        self.funder_button = BigButton("See the funder", variant="secondary")
        self.status_label = label(role="label")
        self.missed_label = label(role="error")
        self.missed_label.setAccessibleName("Missed deadline")
        self.notice_label = label(role="label")
        self.notice_label.hide()
        self.move_buttons: dict[str, BigButton] = {}
        for status in STATUSES:
            button = BigButton(MOVE_WORDS[status])
            button.setObjectName(f"move-{status}")
            button.clicked.connect(lambda _=False, s=status: self.move_to(s))
            self.move_buttons[status] = button
        self.change_button = BigButton("Change details", variant="secondary")
        self.award_button = BigButton("Change the award", variant="secondary")
        self.delete_button = BigButton("Delete", variant="danger")
        self.actions_problem = label(role="error")
        self.actions_problem.hide()
        self.close_later_label = label(CLOSE_LATER, "help")
        self.close_later_label.hide()
        content.addWidget(self.funder_label)
        content.addWidget(self.status_label)
        content.addWidget(self.missed_label)
        content.addWidget(self.notice_label)
        self.actions_row = flow_row(
            *self.move_buttons.values(),
            self.change_button,
            self.award_button,
            self.delete_button,
            self.funder_button,
        )
        content.addWidget(self.actions_row)
        content.addWidget(self.close_later_label)
        content.addWidget(self.actions_problem)

        # --- the switches
        self.summary_button = SwitchButton("Summary")
        self.money_button = SwitchButton("Money")
        self.payments_button = SwitchButton("Payments")
        self.reports_button = SwitchButton("Reports")
        self.history_button = SwitchButton("History")
        self._switches = QButtonGroup(self)
        switches = (
            self.summary_button,
            self.money_button,
            self.payments_button,
            self.reports_button,
            self.history_button,
        )
        for button in switches:
            self._switches.addButton(button)
        content.addWidget(flow_row(*switches))

        # --- summary
        self.summary_section = QWidget()
        summary = QVBoxLayout(self.summary_section)
        summary.setContentsMargins(0, 0, 0, 0)
        summary.setSpacing(16)
        self.purpose_fact = Fact("What it is for")
        self.pays_for_fact = Fact("What it pays for")
        self.asked_fact = Fact("Amount asked for")
        self.award_fact = Fact("The award")
        self.dates_fact = Fact("Key dates")
        self.writers_fact = Fact("Who is writing the bid")
        self.notes_fact = Fact("Notes")
        # The award's warnings show here too, not only on the Money part.
        self.summary_warnings = label(role="error")
        self.summary_warnings.setAccessibleName("Worth checking")
        self.summary_warnings.hide()
        summary.addWidget(self.summary_warnings)
        for fact in (
            self.purpose_fact,
            self.pays_for_fact,
            self.asked_fact,
            self.award_fact,
            self.dates_fact,
            self.writers_fact,
            self.notes_fact,
        ):
            summary.addWidget(fact)

        # --- money
        self.money_section = QWidget()
        money = QVBoxLayout(self.money_section)
        money.setContentsMargins(0, 0, 0, 0)
        money.setSpacing(16)
        self.money_problem = label(role="error")
        self.money_problem.hide()
        self.over_label = label(role="error")
        self.overspent_label = label(role="error")
        self.overspent_label.setAccessibleName("Overspent")
        self.overspent_label.hide()
        self.time_left_label = label(role="label")
        self.figures: dict[str, QLabel] = {}
        self.figure_words: dict[str, QLabel] = {}
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        for row, name in enumerate(
            ("Awarded", "Received", "Other money in", "Spent", "Left to spend", "In hand")
        ):
            words = label(name, "label")
            figure = label()
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            figure.setAccessibleName(name)
            grid.addWidget(words, row, 0)
            grid.addWidget(figure, row, 1)
            self.figures[name] = figure
            self.figure_words[name] = words
        grid.setColumnStretch(2, 1)
        self.money_explained = label(
            "Received is the payments matched to receipts in the books. Spent is what the "
            "books show spent from the grant's fund in its period. In hand is what the "
            "fund holds for this grant now.",
            "help",
        )
        self.difference_label = label(role="error")
        self.spending_heading = label("Spent, by category", "subheading")
        self.spending_model = SpendingModel(self)
        self.spending_table = words_table(self.spending_model, "Spent, by category")
        self.nothing_spent = label("Nothing has been spent from the grant yet.")
        self.starts = DateEdit(ctx.today(), display_format=IN_WORDS)
        self.ends = DateEdit(ctx.today(), display_format=IN_WORDS)
        self.print_button = BigButton("Print grant statement")
        self.print_problem = label(role="error")
        self.print_problem.hide()
        self.not_started_label = label(role="label")
        self.not_started_label.hide()
        self.starts_row = FieldRow("From", self.starts)
        self.ends_row = FieldRow("To", self.ends)
        print_card = QFrame()
        print_card.setProperty("card", True)
        inside = QVBoxLayout(print_card)
        inside.setContentsMargins(16, 12, 16, 16)
        inside.setSpacing(10)
        inside.addWidget(
            label(
                "The grant statement is for the funder's report: the award, the money "
                "received, the spending by category with dates, what is left, and what "
                "the grant delivered in the period.",
            )
        )
        inside.addWidget(self.not_started_label)
        inside.addWidget(flow_row(self.starts_row, self.ends_row))
        inside.addWidget(self.print_problem)
        inside.addWidget(flow_row(self.print_button))
        for widget in (
            self.money_problem,
            self.over_label,
            self.overspent_label,
            grid_box,
            self.money_explained,
            self.time_left_label,
            self.difference_label,
            self.spending_heading,
            self.nothing_spent,
            self.spending_table,
            print_card,
        ):
            money.addWidget(widget)

        # --- payments
        self.payments_section = QWidget()
        payments = QVBoxLayout(self.payments_section)
        payments.setContentsMargins(0, 0, 0, 0)
        payments.setSpacing(16)
        self.payments_label = label(role="label")
        self.payment_cards: KeyedColumn[LineCard] = KeyedColumn(LineCard, spacing=12)
        self.add_payment_button = BigButton("Add a payment", variant="secondary")
        self.auto_match_button = BigButton("Match payments to the books", variant="secondary")
        self.payments_notice = label(role="label")
        self.payments_notice.hide()
        payments.addWidget(self.payments_label)
        payments.addWidget(self.payment_cards)
        payments.addWidget(self.payments_notice)
        payments.addWidget(flow_row(self.add_payment_button, self.auto_match_button))

        # --- reports
        self.reports_section = QWidget()
        reports = QVBoxLayout(self.reports_section)
        reports.setContentsMargins(0, 0, 0, 0)
        reports.setSpacing(16)
        self.reports_label = label(role="label")
        self.report_cards: KeyedColumn[LineCard] = KeyedColumn(LineCard, spacing=12)
        self.add_report_button = BigButton("Add a report", variant="secondary")
        reports.addWidget(self.reports_label)
        reports.addWidget(self.report_cards)
        reports.addWidget(flow_row(self.add_report_button))

        # --- history
        self.history_section = QWidget()
        history = QVBoxLayout(self.history_section)
        history.setContentsMargins(0, 0, 0, 0)
        history.setSpacing(12)
        self.history_label = label()
        history.addWidget(self.history_label)

        self.sections: dict[SwitchButton, QWidget] = {
            self.summary_button: self.summary_section,
            self.money_button: self.money_section,
            self.payments_button: self.payments_section,
            self.reports_button: self.reports_section,
            self.history_button: self.history_section,
        }
        for section in self.sections.values():
            content.addWidget(section)
            section.hide()

        for button in self.sections:
            button.clicked.connect(lambda _=False, b=button: self.show_section(b))
        self.funder_button.clicked.connect(self.open_funder)
        self.change_button.clicked.connect(self.change_details)
        self.award_button.clicked.connect(self.change_award)
        self.delete_button.clicked.connect(self.delete)
        self.print_button.clicked.connect(self.print_statement)
        self.add_payment_button.clicked.connect(lambda: self.edit_payment(None))
        self.auto_match_button.clicked.connect(self.auto_match)
        self.add_report_button.clicked.connect(lambda: self.edit_report(None))
        self.show_section(self.summary_button)

    # ------------------------------------------------------------ loading

    def heading(self) -> str:
        return self.title

    def refresh(self) -> None:
        today = self.ctx.today()
        try:
            view = self.ctx.read(grants.get_application, self.application_id, today)
        except SERVICE_ERRORS as exc:
            self.view = None
            self.problem_label.setText(f"{exc} Press Back to return to the list.")
            self.problem_label.show()
            self.content.hide()
            return
        self.problem_label.hide()
        self.content.show()
        self.view = view
        row = view.row
        self.title = row.title
        kind = FUNDER_KIND_WORDS.get(view.funder_kind, "")
        self.funder_label.setText(
            f"To {row.funder_name}" + (f" ({kind.lower()})." if kind else ".")
        )
        self.status_label.setText(status_words(view))
        missed = missed_words(view, today)
        self.missed_label.setText(missed)
        self.missed_label.setVisible(bool(missed))
        self._show_buttons(view)
        self._show_summary(view, today)
        awarded = row.status in grants.AWARDED_STATUSES and row.fund_id is not None
        for button in (self.money_button, self.payments_button, self.reports_button):
            button.setVisible(awarded)
        if awarded:
            self._show_money(view, today)
            self._show_payments(view, today)
            self._show_reports(view, today)
        self.history_label.setText(
            "\n".join(step_words(step) for step in view.history) or "No changes are recorded yet."
        )
        shown = self.section_shown()
        if not awarded and shown not in EARLY_PARTS:
            self.show_section(self.summary_button)

    def _show_buttons(self, view: ApplicationView) -> None:
        row = view.row
        forward = FORWARD.get(row.status)
        moves = sorted(view.next_statuses, key=lambda status: status != forward)
        order = [
            *(self.move_buttons[s] for s in moves),
            *(b for s, b in self.move_buttons.items() if s not in moves),
            self.change_button,
            self.award_button,
            self.delete_button,
            self.funder_button,
        ]
        if order != self.actions_row.widgets():
            self.actions_row.remove_all()
            for button in order:
                self.actions_row.add_widget(button)
        reports_due = any(r.status != "sent" for r in view.reports)
        for status, button in self.move_buttons.items():
            shown = status in view.next_statuses and not (status == "closed" and reports_due)
            button.setVisible(self.editable and shown)
            button.setVariant("primary" if status == forward else "secondary")
            button.setText(move_button_words(status, row.status))
        self.close_later_label.setVisible(
            self.editable and "closed" in view.next_statuses and reports_due
        )
        self.change_button.setVisible(self.editable)
        self.award_button.setVisible(self.editable and row.status in grants.AWARDED_STATUSES)
        deletable = row.status in (*grants.UNSENT_STATUSES, "withdrawn") and not row.submitted_on
        self.delete_button.setVisible(self.editable and deletable)
        self.delete_button.setAccessibleName(f"Delete: {row.title}")

    def _show_summary(self, view: ApplicationView, today: date) -> None:
        self.purpose_fact.show_words(view.purpose)
        self.pays_for_fact.show_words(pays_for_words(view))
        self.asked_fact.show_words(asked_words(view))
        self.award_fact.show_words(award_words(view))
        self.dates_fact.show_words(key_dates_words(view, today))
        writers = and_words([name for _id, name in view.writers])
        self.writers_fact.show_words(
            writers or "Nobody is named yet. Change details to add the people writing it."
        )
        self.notes_fact.show_words(view.notes)
        warnings = [grants.over_asked_words(view.row)]
        if view.instalments_difference:
            warnings.append(grants.instalments_words(view))
        shown = "\n".join(w for w in warnings if w)
        self.summary_warnings.setText(shown)
        self.summary_warnings.setVisible(bool(shown))

    def _show_money(self, view: ApplicationView, today: date) -> None:
        self.over_label.setText(grants.over_asked_words(view.row))
        self.over_label.setVisible(bool(self.over_label.text()))
        self.difference_label.setText(grants.instalments_words(view))
        # A warning only when they do not add up; otherwise plain words.
        self.difference_label.setProperty("role", "error" if view.instalments_difference else "")
        repolish(self.difference_label)
        self.time_left_label.setText(
            grant_money.time_left_words(view.row.period_starts, view.row.period_ends, today)
        )
        try:
            money = self.ctx.read(grant_money.grant_money, self.application_id, today)
        except SERVICE_ERRORS as exc:
            self.money = None
            self.money_problem.setText(str(exc))
            self.money_problem.show()
            return
        self.money_problem.hide()
        first_time = self.money is None
        self.money = money
        figures = {
            "Awarded": money.awarded_pence,
            "Received": money.received_pence,
            "Other money in": money.other_in_pence + money.moved_in_pence - money.moved_out_pence,
            "Spent": money.spent_pence + money.spent_before_pence,
            "Left to spend": money.left_to_spend_pence,
            "In hand": money.balance_pence,
        }
        for name, pence in figures.items():
            self.figures[name].setText(pounds(pence))
            # Below nothing is a warning, in red, and said in words beside.
            self.figures[name].setProperty("role", "error" if pence < 0 else "")
            repolish(self.figures[name])
        overspent = overspent_words(money)
        self.overspent_label.setText(overspent)
        self.overspent_label.setVisible(bool(overspent))
        # Money paid into the fund or moved in besides the payments: shown only when there is some.
        other = figures["Other money in"] != 0
        self.figure_words["Other money in"].setVisible(other)
        self.figures["Other money in"].setVisible(other)
        categories = money.by_category()
        self.spending_model.set_rows(categories)
        self.spending_table.setVisible(bool(categories))
        self.nothing_spent.setVisible(not categories)
        if first_time:
            starts, ends = statement_dates(money, today)
            self.starts.set_value(starts)
            self.ends.set_value(ends)
        not_started = not_started_words(view, today)
        self.not_started_label.setText(not_started)
        self.not_started_label.setVisible(bool(not_started))
        self.print_button.setEnabled(not not_started)

    def _show_payments(self, view: ApplicationView, today: date) -> None:
        self.payments_label.setText(grants.instalments_words(view))
        self.payments_label.setProperty("role", "error" if view.instalments_difference else "label")
        repolish(self.payments_label)
        instalments = payments_in_order(view.instalments)
        cards = self.payment_cards.sync([i.instalment_id for i in instalments])
        for card, instalment in zip(cards, instalments, strict=True):
            card.row_id = instalment.instalment_id
            card.words.setText(payment_words(instalment, today))
            matched = instalment.entry_id is not None
            name = f"the payment of {pounds(instalment.amount_pence)} due {day_words(instalment.due_on)}"
            record = card.button("record", "Record in the books", self.receive)
            record.setVisible(self.keeps_books and not matched)
            match = card.button(
                "match", "Change the match" if matched else "Match", self.match_payment
            )
            change = card.button("change", "Change", self.change_payment)
            remove = card.button("remove", "Remove", self.remove_payment)
            for button in (record, match, change, remove):
                button.setAccessibleName(f"{button.text()}: {name}")
            for button in (match, change, remove):
                button.setVisible(self.editable)
            card.button_row.setVisible(self.editable)
        self.add_payment_button.setVisible(self.editable)
        self.auto_match_button.setVisible(self.editable)
        self.auto_match_button.setEnabled(any(i.entry_id is None for i in view.instalments))

    def _show_reports(self, view: ApplicationView, today: date) -> None:
        self.reports_label.setText(reports_summary(view.reports))
        reports = reports_in_order(view.reports)
        cards = self.report_cards.sync([r.report_id for r in reports])
        for card, report in zip(cards, reports, strict=True):
            card.row_id = report.report_id
            card.words.setText(report_words(report, today))
            sent = report.status == "sent"
            name = f"the {report.kind_words.lower()} due {day_words(report.due_on)}"
            mark = card.button(
                "mark", "Mark as not sent" if sent else "Mark sent", self.mark_report
            )
            change = card.button("change", "Change", self.change_report)
            remove = card.button("remove", "Remove", self.remove_report)
            for button in (mark, change, remove):
                button.setAccessibleName(f"{button.text()}: {name}")
            card.button_row.setVisible(self.editable)
        self.add_report_button.setVisible(self.editable)

    # ------------------------------------------------------------ which part shows

    def show_section(self, button: SwitchButton) -> None:
        button.setChecked(True)
        for switch, section in self.sections.items():
            section.setVisible(switch is button)

    def section_shown(self) -> str:
        for switch, section in self.sections.items():
            if not section.isHidden():
                return switch.text()
        return ""

    # ------------------------------------------------------------ moving on, changing

    def _say(self, words: str) -> None:
        self.notice_label.setText(words)
        self.notice_label.setVisible(bool(words))

    def move_to(self, status: str) -> None:
        from clubapp.ui.pages.grant_forms import AwardFormPage, StatusPage

        view = self.view
        if view is None:
            return
        self._say("")
        if status == "awarded" and view.row.status == "submitted":
            self.ctx.navigator.push(AwardFormPage(self.ctx, self.application_id))
        else:
            self.ctx.navigator.push(StatusPage(self.ctx, self.application_id, status))

    def open_funder(self) -> None:
        from clubapp.ui.pages.funder import FunderPage

        if self.view is not None:
            self.ctx.navigator.push(FunderPage(self.ctx, self.view.row.funder_id))

    def change_details(self) -> None:
        from clubapp.ui.pages.grant_forms import ApplicationFormPage

        self._say("")
        self.ctx.navigator.push(ApplicationFormPage(self.ctx, self.application_id))

    def change_award(self) -> None:
        from clubapp.ui.pages.grant_forms import AwardFormPage

        self._say("")
        self.ctx.navigator.push(AwardFormPage(self.ctx, self.application_id))

    def delete(self) -> bool:
        view = self.view
        if view is None:
            return False
        row = view.row
        if not ask_to_confirm(
            self,
            "Delete this application",
            f"Delete the application “{row.title}” to {row.funder_name}? It cannot be "
            "brought back.",
            f"Yes, delete “{row.title}”",
            "Go back, keep it",
            danger=True,
        ):
            return False
        self.actions_problem.hide()
        try:
            self.ctx.run(grants.delete_application, self.application_id, changed=GRANTS)
        except SERVICE_ERRORS as exc:
            self.actions_problem.setText(str(exc))
            self.actions_problem.show()
            return False
        self.ctx.navigator.back()
        return True

    # ------------------------------------------------------------ printing

    def show_print_problems(self, errors: dict[str, str]) -> None:
        """Each refusal beside the date it is about; any other under the button."""
        for name, row in (("starts", self.starts_row), ("ends", self.ends_row)):
            if name in errors:
                row.show_error(errors[name])
            else:
                row.clear_error()
        rest = [message for name, message in errors.items() if name not in ("starts", "ends")]
        self.print_problem.setText("\n".join(rest))
        self.print_problem.setVisible(bool(rest))

    def print_statement(self) -> bool:
        """Make the statement here first, so a refusal shows on this page beside its
        date; then show it in the preview."""
        self.show_print_problems({})
        bad = {
            name: box.error_text()
            for name, box in (("starts", self.starts), ("ends", self.ends))
            if not box.is_valid()
        }
        if bad:
            self.show_print_problems(bad)
            return False
        starts, ends = self.starts.value(), self.ends.value()
        from clubapp.services import grant_printouts

        try:
            pdf = self.ctx.read(
                grant_printouts.grant_statement,
                self.application_id,
                self.ctx.today(),
                starts,
                ends,
            )
        except ValidationError as exc:
            self.show_print_problems(dict(exc.errors))
            return False
        except SERVICE_ERRORS as exc:
            self.show_print_problems({"": str(exc)})
            return False
        self.ctx.navigator.show_pdf(
            "Grant statement",
            lambda: pdf,
            f"grant-statement-{self.application_id}-{starts.isoformat()}-to-{ends.isoformat()}.pdf",
        )
        return True

    # ------------------------------------------------------------ payments

    def _instalment(self, instalment_id: int) -> InstalmentRow | None:
        if self.view is None:
            return None
        return next((i for i in self.view.instalments if i.instalment_id == instalment_id), None)

    @staticmethod
    def _card(cards: KeyedColumn[LineCard], row_id: int) -> LineCard | None:
        return next((c for c in cards.widgets() if c.row_id == row_id), None)

    def edit_payment(self, instalment: InstalmentRow | None) -> None:
        from clubapp.ui.pages.grant_forms import InstalmentPage

        if self.view is not None:
            self._say("")
            self.ctx.navigator.push(InstalmentPage(self.ctx, self.view, instalment))

    def change_payment(self, instalment_id: int) -> None:
        instalment = self._instalment(instalment_id)
        if instalment is not None:
            self.edit_payment(instalment)

    def receive(self, instalment_id: int) -> None:
        from clubapp.ui.pages.grant_forms import ReceivePage

        instalment = self._instalment(instalment_id)
        if self.view is not None and instalment is not None:
            self.ctx.navigator.push(ReceivePage(self.ctx, self.view, instalment))

    def match_payment(self, instalment_id: int) -> None:
        from clubapp.ui.pages.grant_forms import MatchPage

        instalment = self._instalment(instalment_id)
        if self.view is not None and instalment is not None:
            self.ctx.navigator.push(MatchPage(self.ctx, self.view, instalment))

    def remove_payment(self, instalment_id: int) -> bool:
        instalment = self._instalment(instalment_id)
        if instalment is None:
            return False
        words = f"the payment of {pounds(instalment.amount_pence)} due on {day_words(instalment.due_on)}"
        kept = " The receipt it is matched to stays in the books." if instalment.entry_id else ""
        if not ask_to_confirm(
            self,
            "Remove a payment",
            f"Remove {words}?{kept}",
            "Yes, remove it",
            "Go back, keep it",
            danger=True,
        ):
            return False
        try:
            self.ctx.run(grants.delete_instalment, instalment_id, changed=GRANTS)
        except SERVICE_ERRORS as exc:
            card = self._card(self.payment_cards, instalment_id)
            if card is not None:
                card.show_problem(str(exc))
            return False
        return True

    def auto_match(self) -> int:
        self._say("")
        try:
            count = self.ctx.run(grant_money.auto_match, self.application_id, changed=GRANTS)
        except SERVICE_ERRORS as exc:
            self.payments_notice.setText(str(exc))
            self.payments_notice.show()
            return 0
        self.payments_notice.setText(auto_match_words(count))
        self.payments_notice.show()
        return count

    # ------------------------------------------------------------ reports

    def _report(self, report_id: int) -> ReportRow | None:
        if self.view is None:
            return None
        return next((r for r in self.view.reports if r.report_id == report_id), None)

    def edit_report(self, report: ReportRow | None) -> None:
        from clubapp.ui.pages.grant_forms import ReportPage

        if self.view is not None:
            self._say("")
            self.ctx.navigator.push(ReportPage(self.ctx, self.view, report))

    def change_report(self, report_id: int) -> None:
        report = self._report(report_id)
        if report is not None:
            self.edit_report(report)

    def mark_report(self, report_id: int) -> bool:
        from clubapp.ui.pages.grant_forms import MarkSentPage

        report = self._report(report_id)
        if self.view is None or report is None:
            return False
        if report.status != "sent":
            self.ctx.navigator.push(MarkSentPage(self.ctx, self.view, report))
            return True
        try:
            self.ctx.run(grants.mark_report, report_id, None, self.ctx.today(), changed=GRANTS)
        except SERVICE_ERRORS as exc:
            card = self._card(self.report_cards, report_id)
            if card is not None:
                card.show_problem(str(exc))
            return False
        return True

    def remove_report(self, report_id: int) -> bool:
        report = self._report(report_id)
        if report is None:
            return False
        if not ask_to_confirm(
            self,
            "Remove a report",
            f"Remove the {report.kind_words.lower()} due on {day_words(report.due_on)}? "
            "Do this only if the funder no longer wants it.",
            "Yes, remove it",
            "Go back, keep it",
            danger=True,
        ):
            return False
        try:
            self.ctx.run(grants.delete_report, report_id, changed=GRANTS)
        except SERVICE_ERRORS as exc:
            card = self._card(self.report_cards, report_id)
            if card is not None:
                card.show_problem(str(exc))
            return False
        return True
