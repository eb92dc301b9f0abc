"""The grants' forms: a funder, an application, the award (with the payments and the
reports the funder wants), a move along the pipeline, one payment expected, one report,
marking a report sent, recording a payment in the books and matching it to a receipt.

Each is a page of its own, so nothing typed is lost when the laptop locks. Each saves
through one service call (one transaction); a refusal is shown under the field it is
about and keeps everything typed. Enter in a one-line box moves on to the next box; in
the last box of a short form it saves.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError
from clubapp.services import books, grant_money, grants, programme
from clubapp.services.dates import long_date
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.grants import (
    FUNDER_KIND_WORDS,
    MOVE_WORDS,
    REPORT_KIND_WORDS,
    STATUS_WORDS,
    ApplicationInput,
    ApplicationView,
    AwardInput,
    FunderInput,
    InstalmentInput,
    InstalmentRow,
    ReportInput,
    ReportRow,
    move_button_words,
    payments_against_award,
)
from clubapp.services.money import parse_amount, pounds
from clubapp.ui.context import ACCOUNTS, GRANTS, AppContext
from clubapp.ui.pages.accounts_entry import (
    AmountBox,
    NameCombo,
    amount_text,
    remember_account,
    remembered_account,
    typed_pence,
)
from clubapp.ui.pages.accounts_reconcile import bank_first
from clubapp.ui.pages.accounts_setup import KindChoice
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_forms import everyone
from clubapp.ui.pages.form_page import FormPage, scroll_into_view
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import ChoiceCombo, OptionalDate
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import BigCheck, BigRadio, Labelled, PersonChoice, TextBox
from clubapp.ui.widgets.steppers import NumberStepper

FUNDER_HELP = (
    "Type the funder's name and choose what kind of funder it is. The contact's name, "
    "email, phone and website are for whoever writes the next bid. Enter moves to the "
    "next box."
)
APPLICATION_HELP = (
    "Choose the funder (or add a new one), give the application a short title, and say "
    "what it is for and what it pays for. Leave the amount blank if it is not known yet. "
    "Tick the sessions and activities it pays for: tick none if it pays for the whole "
    "club. Add the people writing the bid, and tick the key dates the funder gave."
)
AWARD_HELP = (
    "Type the amount the funder awarded, the day they decided, and the grant's period. "
    "The grant's money goes into a restricted fund in the books: choose one, or make a "
    "new one. List the payments the funder will make and the reports it wants. The "
    "sentence under the payments says whether they add up to the award."
)
#: The first item of the funder list while none is chosen: not a value.
CHOOSE_FUNDER = "Choose a funder…"
#: How often the payments of an award come, in months.
EVERY_WORDS = {1: "Every month", 3: "Every quarter", 12: "Every year"}
#: A funder's final report is usually due a little after the grant's period ends.
FINAL_REPORT_MONTHS = 1
#: The most payments the split helper makes.
MOST_PAYMENTS = 36


# ---------------------------------------------------------------- dates and sums


def months_on(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def equal_payments(total: int, count: int, first: date, every: int) -> list[tuple[date, int]]:
    """``total`` pence in ``count`` payments ``every`` months apart from ``first``, in
    whole pence: any odd pence go on the last payment."""
    share = total // count
    amounts = [share] * (count - 1) + [total - share * (count - 1)]
    # Each date from the first, so 31 January gives 30 April, not a day that drifts.
    return [(months_on(first, every * n), pence) for n, pence in enumerate(amounts)]


def quarterly_reports(starts: date, ends: date) -> list[tuple[date, str]]:
    """A progress report every three months through the grant's period, and a final
    report a month after it ends."""
    found: list[tuple[date, str]] = []
    n = 1
    while (due := months_on(starts, 3 * n)) < ends:
        found.append((due, "progress"))
        n += 1
    found.append((months_on(ends, FINAL_REPORT_MONTHS), "final"))
    return found


def payments_words(awarded: int | None, amounts: Sequence[int | None]) -> str:
    """Whether the payments typed add up to the award, in words."""
    if not amounts:
        return "No payments are listed yet. Add the payments the funder said it would make."
    missing = [n for n, pence in enumerate(amounts, start=1) if pence is None]
    if missing:
        which = ", ".join(str(n) for n in missing)
        many = "s" if len(missing) > 1 else ""
        return f"Type the amount of payment{many} {which} to see whether they add up."
    total = sum(pence or 0 for pence in amounts)
    if awarded is None:
        return f"The payments add up to {pounds(total)}. Type the amount awarded to check them."
    return payments_against_award(total, awarded)


def payment_key(number: int) -> str:
    """The name a bad amount of payment ``number`` is shown under, in its own row."""
    return f"payment {number}"


class _OnlyChecked(Exception):
    """Carries a service's refusals out of its transaction, so nothing it did is kept."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__()
        self.errors = errors


def service_errors(ctx: AppContext, fn: Callable[..., object], *args: object) -> dict[str, str]:
    """What ``fn`` would refuse in ``args``, saving nothing either way: a form with a box
    it cannot read still shows every other problem at once."""

    def check(session: Any, actor: Any) -> None:
        try:
            fn(session, actor, *args)
        except ValidationError as exc:
            raise _OnlyChecked(dict(exc.errors)) from None
        raise _OnlyChecked({})  # it worked: undo it

    try:
        ctx.db.run(check, ctx.actor)
    except _OnlyChecked as checked:
        return checked.errors
    return {}


def refused(exc: Exception) -> dict[str, str]:
    """A service's refusal as {field: message}; a message about no field goes on top."""
    if isinstance(exc, ValidationError):
        return dict(exc.errors)
    return {"": str(exc)}


# ---------------------------------------------------------------- keyboard


class EnterMovesOn(QObject):
    """Enter in a one-line box moves on to the next box of the form (``page.enter_in``)."""

    def __init__(self, page: GrantFormPage) -> None:
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and isinstance(watched, QWidget)
        ):
            return self._page.enter_in(watched)
        return False


class GrantFormPage(FormPage):
    """A grant form: Enter moves on through the boxes given to :meth:`watch_enter`; in
    the last it saves when ``enter_saves`` (a short form). A form that cannot open (its
    grant was deleted meanwhile) says why instead."""

    enter_saves = True

    def __init__(self, ctx: AppContext, save_text: str) -> None:
        super().__init__(ctx, save_text=save_text)
        self._enter = EnterMovesOn(self)
        self._order: list[QWidget] = []
        self._saved_id: int | None = None
        # What the form is about scrolls with the fields (as on the accounts' forms): at
        # 200 % text, kept above them it left the fields a narrow strip.
        self.about = label(role="label")
        self.about.hide()
        self.form.insert_widget(1, self.about)

    def set_intro(self, text: str) -> None:
        self.about.setText(text)
        self.about.setVisible(bool(text))

    def cannot_open(self, exc: Exception) -> None:
        """Say why the form cannot be used (the grant was deleted meanwhile)."""
        self.form.show_errors({"": f"{exc} Press Go back to return."})
        self.save_button.hide()

    def watch_enter(self, *boxes: QWidget) -> None:
        """The boxes Enter goes through, in order. Several-line boxes are stops on the
        way, where Enter starts a new line."""
        self._order = list(boxes)
        for box in boxes:
            if isinstance(box, TextBox):
                continue
            box.installEventFilter(self._enter)
            for part in box.findChildren(QLineEdit):
                part.installEventFilter(self._enter)

    def enter_in(self, widget: QWidget) -> bool:
        """Move on from ``widget``; True if Enter was used here."""
        order = [w for w in self._order if w.isVisibleTo(self) and w.isEnabled()]
        box: QWidget | None = widget
        while box is not None and box not in order:
            box = box.parentWidget()
        if box is None:
            return False
        if isinstance(box, DateEdit):
            box.finish_editing()
            if not box.is_valid():
                return True  # stay: the message under the date says what to put right
        at = order.index(box)
        if at + 1 < len(order):
            order[at + 1].setFocus(Qt.FocusReason.TabFocusReason)
            self.form.ensureWidgetVisible(order[at + 1])
        elif self.enter_saves and self.save_button.isVisible():
            self.save()
        return True

    def add_beside(self, row: FieldRow, *widgets: QWidget) -> FlowBox:
        """A field with buttons beside it (below it when the text is large)."""
        box = flow_row(row, *widgets)
        self.form.add_widget(box)
        return box


# ---------------------------------------------------------------- a funder


class FunderFormPage(GrantFormPage):
    """Add a funder (``funder_id=None``) or change one. ``saved(funder_id)`` is called
    once it is saved and the page has gone back (an application form chooses it)."""

    help_text = FUNDER_HELP
    enter_saves = False  # the notes come last

    def __init__(
        self,
        ctx: AppContext,
        funder_id: int | None,
        saved: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(ctx, "Save funder")
        self.funder_id = funder_id
        self._saved = saved
        self.title = "Add a funder" if funder_id is None else "Change a funder's details"
        self.name = QLineEdit()
        self.name.setPlaceholderText("For example The Harmony Trust")
        self.kind = ChoiceCombo(chars=18)
        self.kind.set_choices((words, code) for code, words in FUNDER_KIND_WORDS.items())
        self.contact_name = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.website = QLineEdit()
        self.website.setPlaceholderText("For example www.harmonytrust.org.uk")
        self.notes = TextBox(3)
        self.form.add_field("name", "The funder's name", self.name)
        self.form.add_field("kind", "What kind of funder", self.kind)
        self.form.add_field(
            "contact_name", "Contact's name", self.contact_name, "Who to write to or ring."
        )
        self.form.add_field("email", "Email", self.email)
        self.form.add_field("phone", "Phone", self.phone)
        self.form.add_field("website", "Website", self.website)
        self.form.add_field(
            "notes",
            "Notes",
            self.notes,
            "What they like to fund, how often they open, anything learned last time.",
        )
        self.watch_enter(
            self.name,
            self.kind,
            self.contact_name,
            self.email,
            self.phone,
            self.website,
            self.notes,
        )
        if funder_id is not None:
            try:
                row = ctx.read(grants.get_funder, funder_id)
            except (NotAllowed, NotFound) as exc:
                self.cannot_open(exc)
            else:
                self.name.setText(row.name)
                self.kind.choose(row.kind)
                self.contact_name.setText(row.contact_name)
                self.email.setText(row.email)
                self.phone.setText(row.phone)
                self.website.setText(row.website)
                self.notes.setText(row.notes)
        self.mark_unchanged()

    def values(self) -> FunderInput:
        return FunderInput(
            name=self.name.text(),
            kind=str(self.kind.value()),
            contact_name=self.contact_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            website=self.website.text(),
            notes=self.notes.text(),
        )

    def submit(self) -> None:
        self._saved_id = self.ctx.run(
            grants.save_funder, self.funder_id, self.values(), changed=GRANTS
        )

    def after_save(self) -> None:
        if self._saved is not None and self._saved_id is not None:
            self._saved(self._saved_id)


# ---------------------------------------------------------------- an application


class TickList(QWidget):
    """Big tick boxes that flow onto more lines, each carrying a value; a line under them
    can say what nothing ticked means."""

    def __init__(self, none_words: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = FlowBox(self, spacing=16)
        self.checks: list[BigCheck] = []
        self._values: list[Any] = []
        self.none_label = label(none_words, "help", self)
        self._none_words = none_words
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.box)
        layout.addWidget(self.none_label)

    def set_choices(self, choices: Sequence[tuple[str, Any]]) -> None:
        for check in self.checks:
            self.box.remove_widget(check)
            check.deleteLater()
        self.checks, self._values = [], []
        for words, value in choices:
            check = BigCheck(words)
            check.setAccessibleName(words)
            check.toggled.connect(self._show_none)
            self.box.add_widget(check)
            self.checks.append(check)
            self._values.append(value)
        self._show_none()

    def check_for(self, words: str) -> BigCheck:
        return next(c for c in self.checks if c.text() == words)

    def value(self) -> list[Any]:
        return [v for c, v in zip(self.checks, self._values, strict=True) if c.isChecked()]

    def set_value(self, values: Sequence[Any]) -> None:
        for check, value in zip(self.checks, self._values, strict=True):
            check.setChecked(value in values)
        self._show_none()

    def _show_none(self, *_args: object) -> None:
        self.none_label.setVisible(bool(self._none_words) and not self.value())


class ChosenPerson(QWidget):
    """One person chosen to write the bid, with Remove."""

    def __init__(self, person_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_id = person_id
        self.name_label = label(name, parent=self)
        self.remove_button = BigButton("Remove", self, variant="secondary")
        self.remove_button.setAccessibleName(f"Remove: {name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            flow_row(self.name_label, self.remove_button, align=Qt.AlignmentFlag.AlignVCenter)
        )

    def name(self) -> str:
        return self.name_label.text()


class PeoplePicker(QWidget):
    """Several people: type part of a name, press Add; each chosen person has Remove."""

    def __init__(self, add_words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finder = PersonChoice(self, chars=24)
        self.finder.setAccessibleName("Someone to add: type part of a name")
        self.add_button = BigButton(add_words, self, variant="secondary")
        self.problem_label = label(role="error", parent=self)
        self.problem_label.hide()
        self.nobody_label = label("Nobody yet.", parent=self)
        self.chosen_box = QWidget(self)
        self._chosen_layout = QVBoxLayout(self.chosen_box)
        self._chosen_layout.setContentsMargins(0, 0, 0, 0)
        self._chosen_layout.setSpacing(8)
        self.chosen: list[ChosenPerson] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.nobody_label)
        layout.addWidget(self.chosen_box)
        layout.addWidget(flow_row(self.finder, self.add_button))
        layout.addWidget(self.problem_label)
        self.add_button.clicked.connect(self.add_typed)
        self.setFocusProxy(self.finder)

    def set_people(self, people: Sequence[tuple[int, str]]) -> None:
        self.finder.set_people(people)

    def value(self) -> list[int]:
        return [c.person_id for c in self.chosen]

    def set_value(self, people: Sequence[tuple[int, str]]) -> None:
        for person_id, name in people:
            self.add(person_id, name)

    def add(self, person_id: int, name: str) -> None:
        if person_id in self.value():
            return
        line = ChosenPerson(person_id, name, self.chosen_box)
        line.remove_button.clicked.connect(lambda _=False, c=line: self.remove(c))
        self._chosen_layout.addWidget(line)
        line.show()  # at once: a layout shows a new child only once events are handled
        self.chosen.append(line)
        self.nobody_label.hide()

    def remove(self, line: ChosenPerson) -> None:
        self.chosen.remove(line)
        self._chosen_layout.removeWidget(line)
        line.hide()
        line.deleteLater()
        self.nobody_label.setVisible(not self.chosen)
        self.finder.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_typed(self) -> bool:
        """Add the person named in the box; say why not when the words name nobody."""
        self.problem_label.hide()
        person_id = self.finder.value()
        if person_id is None:
            self.problem_label.setText(
                "Those words do not name one person. Type part of the name, then choose "
                "them from the list."
                if self.finder.is_unknown()
                else "Type part of a name first, then choose them from the list."
            )
            self.problem_label.show()
            return False
        self.add(person_id, self.finder.itemText(self.finder.findData(person_id)))
        self.finder.set_value(None)
        return True

    def take_typed(self) -> None:
        """On saving: a whole name typed but not added is added; words that name nobody
        are refused (rather than dropped without a word)."""
        if self.finder.is_empty():
            return
        if not self.add_typed():
            self.problem_label.hide()  # the form says it, under the field
            raise ValidationError(
                "writers",
                f"“{self.finder.currentText().strip()}” does not name one person. Choose "
                "them from the list and press Add, or clear the box.",
            )


class ApplicationFormPage(GrantFormPage):
    """Add an application (``application_id=None``), perhaps to a chosen funder, or
    change one. After saving a new one, ``saved(application_id)`` is called; without it
    the new application's page opens."""

    help_text = APPLICATION_HELP
    enter_saves = False  # several-line boxes come after the one-line ones

    def __init__(
        self,
        ctx: AppContext,
        application_id: int | None,
        funder_id: int | None = None,
        saved: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(ctx, "Save application")
        self.application_id = application_id
        self._saved = saved
        self.title = "New grant application" if application_id is None else "Change an application"
        today = ctx.today()
        view: ApplicationView | None = None
        if application_id is not None:
            try:
                view = ctx.read(grants.get_application, application_id, today)
            except (NotAllowed, NotFound) as exc:
                self.cannot_open(exc)

        self.funder = NameCombo(chars=20)
        self.add_funder_button = BigButton("Add a funder", variant="secondary")
        self.title_box = QLineEdit()
        self.title_box.setPlaceholderText("For example Music project")
        self.purpose = TextBox(3)
        self.pays_for = TextBox(3)
        self.asked = AmountBox()
        self.sessions = TickList("Nothing ticked: it pays for the whole club.")
        self.activities = TickList()
        self.writers = PeoplePicker("Add to the bid writers")
        self.opens_on = OptionalDate("The funder gave a date", "Round opens", today)
        self.deadline = OptionalDate("There is a deadline", "Deadline", today + timedelta(weeks=6))
        self.decision_expected = OptionalDate(
            "The funder said when it will decide", "Decision expected", today + timedelta(weeks=12)
        )
        self.notes = TextBox(3)
        self.starts_as = KindChoice({"idea": "Idea", "preparing": "Preparing the bid"})
        self.starts_as.set_value("idea")

        funder_row = self.form.add_field("funder", "Funder", self.funder)
        self.add_beside(funder_row, self.add_funder_button)
        self.form.add_field("title", "Title", self.title_box, "A few words the club knows it by.")
        self.form.add_field("purpose", "What it is for", self.purpose)
        self.form.add_field(
            "pays_for",
            "What it pays for",
            self.pays_for,
            "In words, for example: the hall, a music leader and the minibus.",
        )
        self.form.add_field(
            "asked",
            "Amount asked for",
            self.asked,
            "In pounds, like 5,000. Leave it blank if it is not known yet.",
        )
        self.form.add_field(
            "sessions",
            "The sessions it pays for",
            self.sessions,
            "Tick the sessions this grant pays for, if it is for some of them only.",
        )
        self.form.add_field("activities", "The activities it pays for", self.activities)
        self.form.add_field("writers", "Who is writing the bid", self.writers)
        self.form.add_field("opens_on", "The funder's round opens", self.opens_on)
        self.form.add_field("deadline", "Deadline for the application", self.deadline)
        self.form.add_field("decision_expected", "Decision expected", self.decision_expected)
        self.form.add_field("notes", "Notes", self.notes)
        if application_id is None:
            self.form.add_field("status", "Starts as", self.starts_as)

        self._fill_choices(view)
        if view is not None:
            self._fill(view)
        elif funder_id is not None:
            self.funder.choose(funder_id)
        self.add_funder_button.clicked.connect(self.add_funder)
        self.watch_enter(
            self.funder,
            self.title_box,
            self.purpose,
            self.pays_for,
            self.asked,
            self.opens_on.edit,
            self.deadline.edit,
            self.decision_expected.edit,
            self.notes,
        )
        self.mark_unchanged()

    # ------------------------------------------------------------ filling

    def _fill_choices(self, view: ApplicationView | None) -> None:
        self._set_funders()
        names = self.ctx.read(grants.session_names)
        # A session name the application has but the club no longer uses stays offered.
        kept = [n for n in (view.session_names if view else []) if n not in names]
        self.sessions.set_choices([(n, n) for n in [*names, *kept]])
        activities = [(a.name, a.activity_id) for a in self.ctx.read(programme.list_activities)]
        known = {aid for _name, aid in activities}
        activities += [(n, aid) for aid, n in (view.activities if view else []) if aid not in known]
        self.activities.set_choices(activities)
        self.activities.setVisible(bool(activities))
        self.form.field("activities").setVisible(bool(activities))
        self.writers.set_people(everyone(self.ctx))

    def _set_funders(self) -> None:
        funders = self.ctx.read(grants.list_funders)
        self.funder.set_choices([(CHOOSE_FUNDER, None), *((f.name, f.funder_id) for f in funders)])

    def _fill(self, view: ApplicationView) -> None:
        row = view.row
        self.funder.choose(row.funder_id)
        self.title_box.setText(row.title)
        self.purpose.setText(view.purpose)
        self.pays_for.setText(view.pays_for)
        self.asked.setText(amount_text(row.asked_pence) if row.asked_pence else "")
        self.sessions.set_value(view.session_names)
        self.activities.set_value([aid for aid, _name in view.activities])
        self.writers.set_value(view.writers)
        today = self.ctx.today()
        self.opens_on.set_value(view.opens_on, today)
        self.deadline.set_value(row.deadline, today + timedelta(weeks=6))
        self.decision_expected.set_value(row.decision_expected, today + timedelta(weeks=12))
        self.notes.setText(view.notes)

    def add_funder(self) -> None:
        self.ctx.navigator.push(FunderFormPage(self.ctx, None, saved=self.funder_added))

    def funder_added(self, funder_id: int) -> None:
        """Back from adding a funder: offer it and choose it."""
        self._set_funders()
        self.funder.choose(funder_id)
        self.form.field("funder").clear_error()

    # ------------------------------------------------------------ saving

    def values(self) -> tuple[Any, ...]:
        return (
            self.funder.value(),
            self.title_box.text(),
            self.purpose.text(),
            self.pays_for.text(),
            self.asked.text(),
            tuple(self.sessions.value()),
            tuple(self.activities.value()),
            tuple(self.writers.value()),
            self.writers.finder.currentText(),
            self.opens_on.value(),
            self.deadline.value(),
            self.decision_expected.value(),
            self.notes.text(),
            self.starts_as.value(),
        )

    def application_input(self) -> ApplicationInput:
        """What the form holds; a bad amount is refused together with every other
        problem the service finds."""
        asked = None
        amount_error: dict[str, str] = {}
        if self.asked.text().strip():
            try:
                asked = parse_amount(self.asked.text(), "asked", "amount asked for")
            except ValidationError as exc:
                amount_error = dict(exc.errors)
        self.writers.take_typed()
        data = self._input(asked)
        if amount_error:
            raise ValidationError(
                {
                    **service_errors(
                        self.ctx,
                        grants.save_application,
                        self.application_id,
                        data,
                        self.ctx.today(),
                    ),
                    **amount_error,
                }
            )
        return data

    def _input(self, asked: int | None) -> ApplicationInput:
        return ApplicationInput(
            funder_id=self.funder.value(),
            title=self.title_box.text(),
            purpose=self.purpose.text(),
            pays_for=self.pays_for.text(),
            asked_pence=asked,
            opens_on=self.opens_on.value(),
            deadline=self.deadline.value(),
            decision_expected=self.decision_expected.value(),
            writer_ids=self.writers.value(),
            session_names=self.sessions.value(),
            activity_ids=self.activities.value(),
            notes=self.notes.text(),
            status=self.starts_as.value() or "idea",
        )

    def submit(self) -> None:
        data = self.application_input()
        self._saved_id = self.ctx.run(
            grants.save_application,
            self.application_id,
            data,
            self.ctx.today(),
            changed=GRANTS,
        )

    def after_save(self) -> None:
        if self.application_id is not None or self._saved_id is None:
            return
        if self._saved is not None:
            self._saved(self._saved_id)
        else:
            from clubapp.ui.pages.grant import GrantPage

            self.ctx.navigator.push(GrantPage(self.ctx, self._saved_id))


# ---------------------------------------------------------------- the award


class FundChoice(QWidget):
    """The award's restricted fund: one the books have, or a new one with a name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.existing_radio = BigRadio("A restricted fund the books already have", self, wrap=True)
        self.new_radio = BigRadio("Make a new restricted fund", self, wrap=True)
        self._group = QButtonGroup(self)
        self._group.addButton(self.existing_radio)
        self._group.addButton(self.new_radio)
        self.fund = NameCombo(self, chars=20)
        self.new_name = QLineEdit(self)
        self.fund_box = Labelled("Which fund", self.fund)
        self.name_box = Labelled("The new fund's name", self.new_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.new_radio)
        layout.addWidget(self.name_box)
        layout.addWidget(self.existing_radio)
        layout.addWidget(self.fund_box)
        self.existing_radio.toggled.connect(self._show_choice)
        self.new_radio.toggled.connect(self._show_choice)
        self.setFocusProxy(self.new_radio)

    def set_funds(self, funds: Sequence[tuple[str, int]]) -> None:
        self.fund.set_choices(funds)
        self.existing_radio.setEnabled(bool(funds))
        if not funds:
            self.existing_radio.setText(
                "A restricted fund the books already have (there are none yet)"
            )

    def choose_existing(self, fund_id: int) -> None:
        self.existing_radio.setChecked(True)
        self.fund.choose(fund_id)
        self._show_choice()

    def choose_new(self, name: str) -> None:
        self.new_radio.setChecked(True)
        self.new_name.setText(name)
        self._show_choice()

    def _show_choice(self, *_args: object) -> None:
        self.fund_box.setVisible(self.existing_radio.isChecked())
        self.name_box.setVisible(self.new_radio.isChecked())

    def value(self) -> tuple[int | None, str]:
        """(the fund's id, "") or (None, the new fund's name)."""
        if self.existing_radio.isChecked():
            return self.fund.value(), ""
        return None, self.new_name.text()


class _ListRow(QFrame):
    """One row of a small list in a form: its number, its boxes, and Remove."""

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self._noun = noun
        self.number_label = label(role="label", parent=self)
        self.remove_button = BigButton("Remove", self, variant="secondary")
        self.boxes = FlowBox(self, spacing=16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.number_label)
        layout.addWidget(self.boxes)

    def set_number(self, number: int) -> None:
        self.number_label.setText(f"{self._noun} {number}")
        self.remove_button.setAccessibleName(f"Remove: {self._noun.lower()} {number}")


class PaymentRow(_ListRow):
    def __init__(self, day: date, pence: int | None, parent: QWidget | None = None) -> None:
        super().__init__("Payment", parent)
        self.due_on = DateEdit(day, display_format=IN_WORDS)
        self.amount = AmountBox()
        if pence:
            self.amount.setText(amount_text(pence))
        self.date_box = Labelled("Date expected", self.due_on)
        # A field of its own, so a bad amount outlines this box in red; its message goes
        # under the row, the card's whole width, rather than in a narrow column.
        self.amount_box = FieldRow("Amount", self.amount)
        for widget in (self.date_box, self.amount_box, self.remove_button):
            self.boxes.add_widget(widget)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self.amount_box.error_label)

    def set_number(self, number: int) -> None:
        super().set_number(number)
        self.due_on.setAccessibleName(f"Date expected: payment {number}")
        self.amount.setAccessibleName(f"Amount: payment {number}")


class ReportLine(_ListRow):
    def __init__(self, day: date, kind: str, parent: QWidget | None = None) -> None:
        super().__init__("Report", parent)
        self.due_on = DateEdit(day, display_format=IN_WORDS)
        self.kind = ChoiceCombo(chars=16)
        self.kind.set_choices((words, code) for code, words in REPORT_KIND_WORDS.items())
        self.kind.choose(kind)
        self.date_box = Labelled("Due", self.due_on)
        self.kind_box = Labelled("Kind of report", self.kind)
        for widget in (self.date_box, self.kind_box, self.remove_button):
            self.boxes.add_widget(widget)

    def set_number(self, number: int) -> None:
        super().set_number(number)
        self.due_on.setAccessibleName(f"Due: report {number}")
        self.kind.setAccessibleName(f"Kind of report: report {number}")


class RowList(QWidget):
    """A small list of rows a person adds to and removes from, with its buttons below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.rows_box = QWidget(self)
        self._rows_layout = QVBoxLayout(self.rows_box)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(12)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(self.rows_box)

    def add_row(self, row: Any) -> None:
        self._rows_layout.addWidget(row)
        row.show()  # at once: a layout shows a new child only once events are handled
        self.rows.append(row)
        row.remove_button.clicked.connect(lambda _=False, r=row: self.remove_row(r))
        self._renumber()

    def remove_row(self, row: Any) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._renumber()

    def clear_rows(self) -> None:
        for row in list(self.rows):
            self.remove_row(row)

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.set_number(number)
        self.changed()

    def changed(self) -> None:
        """A row came or went (subclasses update what they say)."""


class PaymentsList(RowList):
    """The payments the funder will make: (date, amount) rows, Add a payment, the
    quick way to split the award into equal payments, and whether they add up."""

    #: A payment's amount was put right (or its row removed): the form counts again.
    error_cleared = Signal()

    def __init__(
        self, awarded: Callable[[], int | None], first: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._awarded = awarded
        self.add_button = BigButton("Add a payment", self, variant="secondary")
        self.count = NumberStepper("How many payments", 1, MOST_PAYMENTS, 4, self)
        self.every = ChoiceCombo(self, chars=13)
        self.every.set_choices((words, months) for months, words in EVERY_WORDS.items())
        self.every.choose(3)
        self.first = DateEdit(first, self, display_format=IN_WORDS)
        self.split_button = BigButton("Fill in equal payments", self, variant="secondary")
        self.split_problem = label(role="error", parent=self)
        self.split_problem.hide()
        self.total_label = label(role="label", parent=self)
        self.total_label.setAccessibleName("Whether the payments add up")
        helper = QFrame(self)
        helper.setProperty("card", True)
        inside = QVBoxLayout(helper)
        inside.setContentsMargins(12, 8, 12, 12)
        inside.setSpacing(8)
        inside.addWidget(label("Split the award into equal payments", "label", helper))
        inside.addWidget(
            flow_row(
                Labelled("How many payments", self.count),
                Labelled("How often", self.every),
                Labelled("The first on", self.first),
            )
        )
        inside.addWidget(self.split_problem)
        inside.addWidget(flow_row(self.split_button))
        self.layout_.addWidget(self.total_label)
        self.layout_.addWidget(flow_row(self.add_button))
        self.layout_.addWidget(helper)
        self.add_button.clicked.connect(self.add_payment)
        self.split_button.clicked.connect(self.split)

    def add_row(self, row: Any) -> None:
        row.amount.textChanged.connect(self.show_total)
        row.amount_box.error_cleared.connect(self.error_cleared)
        super().add_row(row)

    def add_payment(self) -> PaymentRow:
        """A new row three months after the last (or on the first day), amount blank."""
        day = months_on(self.rows[-1].due_on.value(), 3) if self.rows else self.first.value()
        row = PaymentRow(day, None)
        self.add_row(row)
        row.amount.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def split(self) -> bool:
        """Fill the rows with equal payments of the award (odd pence on the last)."""
        self.split_problem.hide()
        awarded = self._awarded()
        if awarded is None:
            self.split_problem.setText("Type the amount awarded first, then fill in the payments.")
            self.split_problem.show()
            return False
        if not self.first.is_valid():
            self.split_problem.setText(self.first.error_text())
            self.split_problem.show()
            return False
        self.clear_rows()
        for day, pence in equal_payments(
            awarded, self.count.value(), self.first.value(), int(self.every.value())
        ):
            self.add_row(PaymentRow(day, pence))
        return True

    def amounts(self) -> list[int | None]:
        return [typed_pence(row.amount.text()) for row in self.rows]

    def changed(self) -> None:
        self.show_total()
        self.error_cleared.emit()

    def show_total(self, *_args: object) -> None:
        self.total_label.setText(payments_words(self._awarded(), self.amounts()))

    def value(self) -> tuple[list[InstalmentInput], dict[str, str]]:
        """The payments, as the service takes them, and a message for each amount that
        is not an amount (by :func:`payment_key`). A bad amount stands in as 1p, so the
        service still checks the rest and numbers them as the form does."""
        found = []
        errors: dict[str, str] = {}
        for number, row in enumerate(self.rows, start=1):
            key = payment_key(number)
            try:
                pence = parse_amount(row.amount.text(), key, f"amount of payment {number}")
            except ValidationError as exc:
                errors.update(exc.errors)
                pence = 1
            found.append(InstalmentInput(row.due_on.value(), pence))
        return found, errors

    def show_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Show each payment's message in its row; return the messages for no row."""
        rest = dict(errors)
        for number, row in enumerate(self.rows, start=1):
            message = rest.pop(payment_key(number), "")
            if message:
                row.amount_box.show_error(message)
        return rest

    def texts(self) -> tuple[tuple[str, str], ...]:
        return tuple((row.due_on.text(), row.amount.text()) for row in self.rows)


class ReportsList(RowList):
    """The reports the funder wants: (date, kind) rows, Add a report, and the quick way
    to list a progress report every quarter and a final report."""

    def __init__(
        self,
        period: Callable[[], tuple[date | None, date | None]],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._period = period
        self._today = today
        self.none_label = label("No reports are listed yet.", parent=self)
        self.add_button = BigButton("Add a report", self, variant="secondary")
        self.fill_words = label("A progress report every quarter and a final report", "label", self)
        self.fill_help = label(
            "Lists a progress report every three months through the grant's period, and "
            "a final report a month after it ends. Change any date afterwards.",
            "help",
            self,
        )
        self.fill_button = BigButton("Fill in these reports", self, variant="secondary")
        self.fill_problem = label(role="error", parent=self)
        self.fill_problem.hide()
        self.layout_.insertWidget(0, self.none_label)
        self.layout_.addWidget(flow_row(self.add_button))
        helper = QFrame(self)
        helper.setProperty("card", True)
        inside = QVBoxLayout(helper)
        inside.setContentsMargins(12, 8, 12, 12)
        inside.setSpacing(8)
        for widget in (self.fill_words, self.fill_help, self.fill_problem):
            widget.setParent(helper)
            inside.addWidget(widget)
        inside.addWidget(flow_row(self.fill_button))
        self.layout_.addWidget(helper)
        self.add_button.clicked.connect(self.add_report)
        self.fill_button.clicked.connect(self.fill)

    def changed(self) -> None:
        self.none_label.setVisible(not self.rows)

    def add_report(self) -> ReportLine:
        starts, _ends = self._period()
        if self.rows:
            day = months_on(self.rows[-1].due_on.value(), 3)
        else:
            day = months_on(starts, 3) if starts else self._today
        row = ReportLine(day, "progress")
        self.add_row(row)
        row.due_on.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def fill(self) -> bool:
        self.fill_problem.hide()
        starts, ends = self._period()
        if starts is None or ends is None:
            self.fill_problem.setText(
                "Tick and fill in the grant's period first: the reports follow it."
            )
            self.fill_problem.show()
            return False
        self.clear_rows()
        for day, kind in quarterly_reports(starts, ends):
            self.add_row(ReportLine(day, kind))
        return True

    def value(self) -> list[ReportInput]:
        return [ReportInput(row.due_on.value(), str(row.kind.value())) for row in self.rows]

    def texts(self) -> tuple[tuple[str, str], ...]:
        return tuple((row.due_on.text(), str(row.kind.value())) for row in self.rows)


class AwardFormPage(GrantFormPage):
    """Record the award of an application sent to the funder, with its restricted fund,
    payments and reports; or change an award (its payments and reports are then changed
    one by one on the grant's page)."""

    help_text = AWARD_HELP
    enter_saves = False

    def __init__(self, ctx: AppContext, application_id: int) -> None:
        super().__init__(ctx, "Record the award")
        self.application_id = application_id
        self.view: ApplicationView | None = None
        try:
            self.view = ctx.read(grants.get_application, application_id, ctx.today())
        except (NotAllowed, NotFound) as exc:
            self.cannot_open(exc)
        view = self.view
        self.first_time = view is None or view.row.status == "submitted"
        self.title = "Record the award" if self.first_time else "Change the award"
        if not self.first_time:
            self.save_button.setText("Save the award")
        today = ctx.today()

        self.awarded = AmountBox()
        self.over_label = label(role="label")
        self.over_label.hide()
        self.decided_on = DateEdit(today, display_format=IN_WORDS)
        self.funder_reference = QLineEdit()
        self.period_starts = OptionalDate("The grant has a period", "The period starts", today)
        self.period_ends = OptionalDate(
            "The period has an end date", "The period ends", months_on(today, 12) - timedelta(1)
        )
        self.period_starts.set_value(today, today)
        self.period_ends.set_value(months_on(today, 12) - timedelta(1), today)
        self.conditions = TextBox(3)
        self.fund = FundChoice()
        self.payments = PaymentsList(self.awarded_pence, today)
        self.reports = ReportsList(self.period, today)

        self.form.add_field(
            "awarded", "Amount awarded", self.awarded, "In pounds, as the funder's letter says."
        )
        self.form.add_widget(self.over_label)
        self.form.add_field("decided_on", "The day the funder decided", self.decided_on)
        self.form.add_field(
            "funder_reference",
            "The funder's reference",
            self.funder_reference,
            "Their number for the grant, to quote in reports. Leave blank if none.",
        )
        self.form.add_field("period_starts", "The grant's period: from", self.period_starts)
        self.form.add_field("period_ends", "The grant's period: to", self.period_ends)
        self.form.add_field(
            "conditions", "Conditions", self.conditions, "What the funder asks of the club."
        )
        self.form.add_field(
            "fund",
            "The restricted fund in the books",
            self.fund,
            "The grant's money goes into this fund, and its spending shows against the grant.",
        )
        if self.first_time:
            self.form.add_field(
                "instalments",
                "The payments the funder will make",
                self.payments,
                "When each payment is expected, and how much.",
            )
            self.form.add_field("reports", "The reports the funder wants", self.reports)

        if view is not None:
            self._fill(view)
        self._period_moved()
        self.awarded.textChanged.connect(self.show_award_checks)
        self.period_starts.edit.dateChanged.connect(self._period_moved)
        self.period_starts.check.toggled.connect(self._period_moved)
        self.payments.show_total()
        self.payments.error_cleared.connect(self.form.errors_changed)
        # After the payment buttons have done their work (connected first), show it.
        self.payments.split_button.clicked.connect(self.show_new_payments)
        self.payments.add_button.clicked.connect(self.show_new_payments)
        self.reports.changed()
        self.show_award_checks()
        self.watch_enter(
            self.awarded,
            self.decided_on,
            self.funder_reference,
            self.period_starts.edit,
            self.period_ends.edit,
            self.conditions,
        )
        self.mark_unchanged()

    def _fill(self, view: ApplicationView) -> None:
        row = view.row
        self.set_intro(
            f"{row.title}, from {row.funder_name}. "
            + (f"The club asked for {pounds(row.asked_pence)}." if row.asked_pence else "")
        )
        funds = [
            (f.name, f.fund_id)
            for f in self.ctx.read(books.list_funds, retired=True)
            if f.kind == "restricted" and (not f.retired or f.fund_id == row.fund_id)
        ]
        self.fund.set_funds(funds)
        if row.fund_id is not None:
            self.fund.choose_existing(row.fund_id)
        else:
            self.fund.choose_new(self.ctx.read(grants.suggested_fund_name, self.application_id))
        if self.first_time:
            return
        today = self.ctx.today()
        if row.awarded_pence:
            self.awarded.setText(amount_text(row.awarded_pence))
        if row.decided_on:
            self.decided_on.set_value(row.decided_on)
        self.funder_reference.setText(view.funder_reference)
        self.period_starts.set_value(row.period_starts, today)
        self.period_ends.set_value(row.period_ends, row.period_starts or today)
        self.conditions.setText(view.conditions)

    # ------------------------------------------------------------ what it says as you type

    def awarded_pence(self) -> int | None:
        return typed_pence(self.awarded.text())

    def period(self) -> tuple[date | None, date | None]:
        return self.period_starts.value(), self.period_ends.value()

    def _period_moved(self, *_args: object) -> None:
        # The split helper starts the payments when the period starts, until changed.
        starts = self.period_starts.value()
        if starts is not None:
            self.payments.first.set_value(starts)

    def show_new_payments(self) -> None:
        """Scroll to the payments just filled in (as many as fit, the first surely), or
        to the message saying why they could not be."""
        if not self.payments.split_problem.isHidden():
            scroll_into_view(self.form, self.payments.split_problem)
        elif rows := self.payments.rows:
            scroll_into_view(self.form, self.payments.total_label, rows[-1], rows[0])

    def show_award_checks(self, *_args: object) -> None:
        """Say at once when the award is more than asked for, and whether the payments add up."""
        words = ""
        pence = self.awarded_pence()
        if self.view is not None and pence is not None:
            words = grants.over_asked_words(replace(self.view.row, awarded_pence=pence))
        self.over_label.setText(
            f"{words} Awarding more than was asked for is allowed." if words else ""
        )
        self.over_label.setVisible(bool(words))
        self.payments.show_total()

    # ------------------------------------------------------------ saving

    def values(self) -> tuple[Any, ...]:
        return (
            self.awarded.text(),
            self.decided_on.text(),
            self.funder_reference.text(),
            self.period_starts.value(),
            self.period_ends.value(),
            self.conditions.text(),
            self.fund.value(),
            self.payments.texts(),
            self.reports.texts(),
        )

    def award_input(self) -> AwardInput:
        """What the form holds. Amounts it cannot read are refused together with every
        other problem the service finds (the period, the fund…)."""
        errors: dict[str, str] = {}
        awarded = 0
        try:
            awarded = parse_amount(self.awarded.text(), "awarded", "amount awarded")
        except ValidationError as exc:
            errors.update(exc.errors)
        instalments: list[InstalmentInput] = []
        if self.first_time:
            instalments, bad = self.payments.value()
            errors.update(bad)
        data = self._input(awarded or 1, instalments)
        if errors:
            found = service_errors(
                self.ctx, grants.save_award, self.application_id, data, self.ctx.today()
            )
            raise ValidationError({**found, **errors})
        return data

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(self.payments.show_errors(errors))

    def _input(self, awarded: int, instalments: list[InstalmentInput]) -> AwardInput:
        fund_id, new_name = self.fund.value()
        return AwardInput(
            awarded_pence=awarded,
            decided_on=self.decided_on.value(),
            period_starts=self.period_starts.value(),
            period_ends=self.period_ends.value(),
            funder_reference=self.funder_reference.text(),
            conditions=self.conditions.text(),
            fund_id=fund_id,
            new_fund_name=new_name,
            instalments=instalments,
            reports=self.reports.value() if self.first_time else (),
        )

    def submit(self) -> None:
        self.ctx.run(
            grants.save_award,
            self.application_id,
            self.award_input(),
            self.ctx.today(),
            changed=GRANTS,
        )
        # A new restricted fund is news to the books' pages too.
        self.ctx.changed.emit(ACCOUNTS)


# ---------------------------------------------------------------- a move along the pipeline


class StatusPage(GrantFormPage):
    """Move an application on (or back a step): the day it happened, and a note."""

    help_text = (
        "Choose the day it happened: today, or an earlier day if you are catching up. "
        "The note is for anything worth remembering, such as who the bid was sent to."
    )

    def __init__(self, ctx: AppContext, application_id: int, status: str) -> None:
        super().__init__(ctx, MOVE_WORDS[status])
        self.application_id = application_id
        self.status = status
        self.title = MOVE_WORDS[status]
        self.on = DateEdit(ctx.today(), display_format=IN_WORDS)
        self.note = QLineEdit()
        day_words = "The day it was sent" if status == "submitted" else "The day it happened"
        self.form.add_field("on", day_words, self.on)
        self.form.add_field("note", "Note (you can leave this blank)", self.note)
        try:
            view = ctx.read(grants.get_application, application_id, ctx.today())
        except (NotAllowed, NotFound) as exc:
            self.cannot_open(exc)
        else:
            row = view.row
            self.title = move_button_words(status, row.status)
            self.save_button.setText(self.title)
            self.set_intro(
                f"{row.title}, to {row.funder_name}. It is {STATUS_WORDS[row.status].lower()} "
                f"now. {self._what_next()}"
            )
        self.watch_enter(self.on, self.note)
        self.mark_unchanged()

    def _what_next(self) -> str:
        return {
            "submitted": "Mark it as sent to the funder.",
            "declined": "Mark it as turned down by the funder.",
            "withdrawn": "Mark it as withdrawn: the club is not going ahead with it.",
            "closed": "Mark the grant as finished: its reports are all sent.",
            "preparing": "Mark it as being prepared.",
            "idea": "Mark it as an idea again.",
            "awarded": "Open the grant again.",
        }.get(self.status, "")

    def values(self) -> tuple[str, str]:
        return (self.on.text(), self.note.text())

    def submit(self) -> None:
        self.ctx.run(
            grants.change_status,
            self.application_id,
            self.status,
            self.on.value(),
            self.ctx.today(),
            self.note.text(),
            changed=GRANTS,
        )


# ---------------------------------------------------------------- payments and reports


def _grant_words(view: ApplicationView) -> str:
    return f"{view.row.title}, from {view.row.funder_name}."


class InstalmentPage(GrantFormPage):
    """Add a payment the funder will make, or change one."""

    help_text = "Type the day the payment is expected and how much it is."

    def __init__(
        self, ctx: AppContext, view: ApplicationView, instalment: InstalmentRow | None = None
    ) -> None:
        super().__init__(ctx, "Save this payment")
        self.view = view
        self.instalment = instalment
        self.title = "Add a payment expected" if instalment is None else "Change a payment"
        self.set_intro(_grant_words(view))
        last = view.instalments[-1].due_on if view.instalments else ctx.today()
        self.due_on = DateEdit(
            instalment.due_on if instalment else months_on(last, 3), display_format=IN_WORDS
        )
        self.amount = AmountBox()
        if instalment is not None:
            self.amount.setText(amount_text(instalment.amount_pence))
        self.form.add_field("due_on", "The day it is expected", self.due_on)
        self.form.add_field("amount", "Amount", self.amount, "In pounds, like 2,500.")
        self.watch_enter(self.due_on, self.amount)
        self.mark_unchanged()

    def values(self) -> tuple[str, str]:
        return (self.due_on.text(), self.amount.text())

    def submit(self) -> None:
        pence = parse_amount(self.amount.text(), "amount", "amount of the payment")
        self.ctx.run(
            grants.save_instalment,
            self.view.row.application_id,
            self.instalment.instalment_id if self.instalment else None,
            InstalmentInput(self.due_on.value(), pence),
            changed=GRANTS,
        )


class ReportPage(GrantFormPage):
    """Add a report the funder wants, or change one."""

    help_text = "Choose the day the report is due, what kind it is, and add a note if it helps."

    def __init__(
        self, ctx: AppContext, view: ApplicationView, report: ReportRow | None = None
    ) -> None:
        super().__init__(ctx, "Save this report")
        self.view = view
        self.report = report
        self.title = "Add a report" if report is None else "Change a report"
        self.set_intro(_grant_words(view))
        last = view.reports[-1].due_on if view.reports else ctx.today()
        self.due_on = DateEdit(
            report.due_on if report else months_on(last, 3), display_format=IN_WORDS
        )
        self.kind = ChoiceCombo(chars=16)
        self.kind.set_choices((words, code) for code, words in REPORT_KIND_WORDS.items())
        self.kind.choose(report.kind if report else "progress")
        self.note = QLineEdit(report.note if report else "")
        self.form.add_field("due_on", "Due", self.due_on)
        self.form.add_field("kind", "Kind of report", self.kind)
        self.form.add_field(
            "note", "Note (you can leave this blank)", self.note, "For example: with photographs."
        )
        self.watch_enter(self.due_on, self.kind, self.note)
        self.mark_unchanged()

    def values(self) -> tuple[str, str, str]:
        return (self.due_on.text(), str(self.kind.value()), self.note.text())

    def submit(self) -> None:
        self.ctx.run(
            grants.save_report,
            self.view.row.application_id,
            self.report.report_id if self.report else None,
            ReportInput(self.due_on.value(), str(self.kind.value()), self.note.text()),
            changed=GRANTS,
        )


class MarkSentPage(GrantFormPage):
    """Mark one of the funder's reports as sent, on a day."""

    help_text = "Choose the day the report was sent to the funder."

    def __init__(self, ctx: AppContext, view: ApplicationView, report: ReportRow) -> None:
        super().__init__(ctx, "Mark report sent")
        self.view = view
        self.report = report
        self.title = "Mark a report sent"
        self.set_intro(
            f"The {report.kind_words.lower()} to {view.row.funder_name} for {view.row.title}, "
            f"due on {long_date(report.due_on, weekday=False)}."
        )
        self.sent_on = DateEdit(ctx.today(), display_format=IN_WORDS)
        self.form.add_field("sent_on", "The day it was sent", self.sent_on)
        self.watch_enter(self.sent_on)
        self.mark_unchanged()

    def values(self) -> str:
        return self.sent_on.text()

    def submit(self) -> None:
        decided = self.view.row.decided_on
        sent_on = self.sent_on.value()
        if decided is not None and sent_on < decided:
            raise ValidationError(
                "sent_on",
                f"This is before the grant was awarded, on {long_date(decided, weekday=False)}. "
                "Choose the day the report was sent.",
            )
        self.ctx.run(
            grants.mark_report,
            self.report.report_id,
            self.sent_on.value(),
            self.ctx.today(),
            changed=GRANTS,
        )


# ---------------------------------------------------------------- the books


class ReceivePage(GrantFormPage):
    """Record a payment from the funder in the books, into the grant's fund, and match it
    to the payment expected: one action."""

    help_text = (
        "Choose the day the money arrived and the account it went into. The amount is the "
        "payment the funder said it would make; it goes into the grant's restricted fund. "
        "If a different amount arrived, record it in the Accounts room instead, into the "
        "grant's fund, then match it here."
    )

    def __init__(self, ctx: AppContext, view: ApplicationView, instalment: InstalmentRow) -> None:
        super().__init__(ctx, "Record this payment in the books")
        self.view = view
        self.instalment = instalment
        self.title = "Record a payment in the books"
        self.set_intro(
            f"{pounds(instalment.amount_pence)} from {view.row.funder_name}, expected on "
            f"{long_date(instalment.due_on, weekday=False)}, into the fund "
            f"{view.fund_name}."
        )
        today = ctx.today()
        self.on = DateEdit(today, display_format=IN_WORDS)
        self.account = ChoiceCombo(chars=22)
        accounts = bank_first(ctx.read(books.list_accounts))
        self.account.set_choices([(a.name, a.account_id) for a in accounts])
        remembered = remembered_account(ctx)
        if remembered is not None:
            self.account.choose(remembered)
        self.category = NameCombo(chars=20)
        categories = [c for c in ctx.read(books.list_categories) if c.is_receipt]
        self.category.set_choices([(c.name, c.category_id) for c in categories])
        grants_category = ctx.read(grant_money.grants_category)
        if grants_category is not None:
            self.category.choose(grants_category)
        self.amount_label = label(pounds(instalment.amount_pence))
        self.form.add_field("on", "The day the money arrived", self.on)
        self.form.add_field("account", "The money account it went into", self.account)
        self.form.add_field(
            "category", "Category", self.category, "What kind of money it is: usually Grants."
        )
        self.form.add_widget(label("Amount", "label"))
        self.form.add_widget(self.amount_label)
        self.watch_enter(self.on, self.account, self.category)
        self.mark_unchanged()

    def values(self) -> tuple[Any, ...]:
        return (self.on.text(), self.account.value(), self.category.value())

    def submit(self) -> None:
        self.ctx.run(
            grant_money.receive,
            self.instalment.instalment_id,
            self.on.value(),
            self.account.value(),
            self.category.value(),
            changed=GRANTS,
        )
        remember_account(self.ctx, self.account.value())
        self.ctx.changed.emit(ACCOUNTS)


class MatchPage(GrantFormPage):
    """Match a payment expected to a receipt already in the books (into the grant's fund),
    or undo a match."""

    help_text = (
        "These are receipts into the grant's fund not yet matched to a payment. The "
        "likeliest come first: the same amount, then the nearest date. Choose the one "
        "that is this payment and press Match this receipt."
    )

    def __init__(self, ctx: AppContext, view: ApplicationView, instalment: InstalmentRow) -> None:
        super().__init__(ctx, "Match this receipt")
        self.view = view
        self.instalment = instalment
        self.title = "Match a payment to the books"
        self.choices: dict[int, BigRadio] = {}
        self._group = QButtonGroup(self)
        self.unmatch_button = BigButton("Unmatch", variant="secondary")
        buttons = self.save_button.parentWidget()
        assert isinstance(buttons, FlowBox)
        buttons.add_widget(self.unmatch_button)
        self.unmatch_button.setVisible(instalment.entry_id is not None)
        self.unmatch_button.clicked.connect(self.unmatch)
        expected = (
            f"The payment of {pounds(instalment.amount_pence)} from {view.row.funder_name} "
            f"expected on {long_date(instalment.due_on, weekday=False)}."
        )
        if instalment.received_on is not None:
            expected += (
                f" It is matched now to the receipt of {pounds(instalment.received_pence or 0)} "
                f"on {long_date(instalment.received_on, weekday=False)}. Press Unmatch to undo "
                "that, or choose another receipt."
            )
        self.set_intro(expected)
        try:
            found = ctx.read(grant_money.candidates, instalment.instalment_id)
        except (NotAllowed, NotFound, ValidationError, KnownError) as exc:
            self.cannot_open(exc)
            found = []
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for candidate in found:
            words = candidate.words
            if candidate.description:
                words += f". {candidate.description}"
            radio = BigRadio(words, column, wrap=True)
            self._group.addButton(radio)
            self.choices[candidate.entry_id] = radio
            layout.addWidget(radio)
        if found:
            next(iter(self.choices.values())).setChecked(True)
            self.form.add_field("entry", "Which receipt in the books is this payment", column)
        else:
            self.form.add_widget(
                label(
                    f"No receipts into the fund {view.fund_name} are waiting to be matched. "
                    "Record the payment in the books first: in the Accounts room, as money "
                    "in to that fund, or with Record in the books on the grant's page.",
                    "label",
                )
            )
            self.save_button.hide()
        self.mark_unchanged()

    def chosen(self) -> int | None:
        return next((eid for eid, radio in self.choices.items() if radio.isChecked()), None)

    def choice_for(self, words: str) -> BigRadio:
        return next(r for r in self.choices.values() if r.words().startswith(words))

    def values(self) -> int | None:
        return self.chosen()

    def submit(self) -> None:
        entry_id = self.chosen()
        if entry_id is None:
            raise ValidationError("entry", "Choose the receipt that is this payment.")
        self.ctx.run(grant_money.match, self.instalment.instalment_id, entry_id, changed=GRANTS)

    def unmatch(self) -> bool:
        self.clear_errors()
        try:
            self.ctx.run(grant_money.match, self.instalment.instalment_id, None, changed=GRANTS)
        except (NotAllowed, NotFound, ValidationError, KnownError) as exc:
            self.show_errors(refused(exc))
            return False
        self._leaving_ok = True
        self.ctx.navigator.back()
        return True
