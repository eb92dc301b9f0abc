"""One meeting: its details, who came (with the quorum), the agenda, the decisions and
action points so far, and its minutes.

The page shows one part at a time (Who came, The agenda, Decisions and actions,
Minutes), chosen with big switch buttons, so a laptop on a table or a TV shows
little at once. "Start the meeting" opens meeting mode, one agenda item at a time; the
page remembers the item meeting mode was left on, so starting again carries on there.

Every click is one service call through ``ctx.run``; the page then reloads from the
services (the quorum sentence changes at once). Once the minutes are approved the
record is locked: the controls that would change it are hidden, and a sentence says
why. Action points can still be marked done, and a decision can still say what
happened, because that records what came next, not the minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import (
    agenda,
    committee,
    decisions,
    grant_deadlines,
    meetings,
    members,
    minutes,
    notes,
)
from clubapp.services.committee import TermRow
from clubapp.services.dates import long_date
from clubapp.services.errors import NotAllowed, NotFound
from clubapp.services.meetings import (
    ActionRow,
    DecisionRow,
    ItemRow,
    MeetingDetail,
    MeetingRow,
)
from clubapp.ui import theme
from clubapp.ui.context import COMMITTEE, GRANTS, NOTES, PEOPLE, AppContext
from clubapp.ui.pages.base import Page, scrolling_body
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_words import (
    action_words,
    day_words,
    decision_words,
    item_meta_words,
    meeting_when_words,
    total_time_words,
)
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import PersonChoice
from clubapp.ui.widgets.keyed import KeyedColumn
from clubapp.ui.widgets.messages import ask_to_confirm

#: The three choices for each person, and the words that say them.
PRESENT, APOLOGIES, NOT_HERE = "present", "apologies", None
CHOICE_WORDS = {PRESENT: "Present", APOLOGIES: "Apologies", NOT_HERE: "Not here"}
STATUS_WORDS = {"present": "Present", "apologies": "Sent apologies", "guest": "Present as a guest"}

HELP_TEXT = (
    "This is one meeting. Use the big buttons to see Who came, The agenda, Decisions "
    "and actions, or the Minutes. In Who came, press Present, Apologies or Not here for "
    "each person: the sentence at the top says straight away whether enough trustees "
    "are here to take decisions. In The agenda, move items up and down, change them, "
    "add a proposal, a note from the members' inbox or the club's grant deadlines, and "
    "print the agenda. Start the "
    "meeting shows one item at a time in large letters, for the meeting itself."
)


#: Short names for the heading, which must fit at 200 % text.
SHORT_KIND_WORDS = {"committee": "Meeting", "agm": "Annual meeting", "members": "Members' meeting"}


def page_title(detail: MeetingDetail) -> str:
    """ "Meeting, 3 November 2026": the heading says which meeting, briefly."""
    return f"{SHORT_KIND_WORDS.get(detail.kind, detail.kind_words)}, {day_words(detail.on_date)}"


def sentence(text: str) -> str:
    """The words with one full stop at the end, unless they already end a sentence."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def decisions_in_agenda_order(detail: MeetingDetail) -> list[DecisionRow]:
    """The meeting's decisions in the order of the agenda, each item's in the order they
    were recorded; any not under an item on the agenda come last."""
    place = {item.item_id: n for n, item in enumerate(detail.items)}
    last = len(place)
    return sorted(
        detail.decisions,
        key=lambda d: (
            place.get(d.item_id, last) if d.item_id is not None else last,
            d.decision_id,
        ),
    )


def cannot_open_words(exc: NotAllowed | NotFound) -> str:
    """Why a meeting opened from a list cannot be shown: a meeting gone since is "not
    there any more" (the service says "no meeting with that number", for the command line)."""
    if isinstance(exc, NotFound):
        return "This meeting is not there any more. Press Back to return to the list."
    return str(exc)


def locked_words(detail: MeetingDetail) -> str:
    assert detail.minutes_approved_on is not None
    return (
        f"The minutes of this meeting were approved on "
        f"{day_words(detail.minutes_approved_on)}, so its record is closed: who came, the "
        "agenda and what was said cannot change. To put something right, add a correction "
        "under Minutes."
    )


def approve_note_words(coming: list[MeetingRow]) -> str:
    """Why these minutes cannot be approved yet: no later meeting has taken place."""
    words = "Minutes are approved at a later meeting, once it has taken place. "
    if coming:
        return words + (
            f"The next meeting is on {day_words(coming[0].on_date)}. Approve these minutes "
            "there, on the day."
        )
    return words + "Plan the next meeting, then approve these minutes there, on the day."


def approve_question_words(kind_words: str, minutes_of: date, at: date) -> str:
    """The question asked before minutes are approved (on a meeting's page and in meeting
    mode): which minutes, at which meeting, and that the record is then locked."""
    return (
        f"Approve the minutes of the {kind_words.lower()} on {day_words(minutes_of)}, at "
        f"the meeting on {day_words(at)}? Once they are approved the record is locked: who "
        "came, the agenda and what was said can no longer be changed. Mistakes found later "
        "are added as corrections."
    )


#: The title and the two answers of that question.
APPROVE_QUESTION = ("Approve the minutes", "Yes, approve and lock them", "Go back")


def make_quorum_label(parent: QWidget | None = None) -> QLabel:
    """The quorum sentence in large letters (28 pt), with room for its bar from the start."""
    widget = label(role="large", parent=parent)
    widget.setProperty("quorum", "no")
    widget.setAccessibleName("Quorum")
    return widget


def set_quorum_label(widget: QLabel, detail: MeetingDetail) -> None:
    """The service's quorum sentence, with a bar beside it (its words say it too)."""
    widget.setText(detail.quorum.words)
    widget.setProperty("quorum", "yes" if detail.quorum.quorate else "no")
    theme.repolish(widget)


# ---------------------------------------------------------------- who came


class AttendeeCard(QFrame):
    """One person: their name, why they are listed, and Present / Apologies / Not here."""

    chosen = Signal(int, object)  # person id, "present" | "apologies" | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.person_id = 0
        self.name_label = label(role="label", parent=self)
        self.role_label = label(role="help", parent=self)
        self.status_label = label(parent=self)
        self.buttons: dict[str | None, SwitchButton] = {}
        self._group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(16)
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.name_label)
        words.addWidget(self.role_label)
        layout.addLayout(words)
        layout.addWidget(self.status_label)
        for status, text in CHOICE_WORDS.items():
            button = SwitchButton(text, self)
            self._group.addButton(button)
            self.buttons[status] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _=False, s=status: self.chosen.emit(self.person_id, s))
        layout.addStretch(1)

    def name(self) -> str:
        return self.name_label.text()

    def show_person(
        self, person_id: int, name: str, why: str, status: str | None, editable: bool
    ) -> None:
        self.person_id = person_id
        self.name_label.setText(name)
        self.role_label.setText(why)
        self.role_label.setVisible(bool(why))
        choice = PRESENT if status in ("present", "guest") else status
        self.buttons[choice].setChecked(True)
        for key, button in self.buttons.items():
            button.setAccessibleName(f"{CHOICE_WORDS[key]}: {name}")
            button.setVisible(editable)
        self.status_label.setText(STATUS_WORDS.get(status or "", "Not here"))
        self.status_label.setVisible(not editable)

    def status(self) -> str | None:
        for key, button in self.buttons.items():
            if button.isChecked():
                return key
        return NOT_HERE


@dataclass
class _Listed:
    name: str
    why: str
    trustee: bool
    rank: int = 10_000  # trustees come in the order of their positions (chair first)


class WhoCamePanel(QWidget):
    """Who came to a meeting: the quorum sentence in large letters, then a card for each
    trustee serving on the day and anyone else marked, and "Add a guest".

    Each press is saved at once (``ctx.run``, COMMITTEE), so the page reloads and the
    quorum sentence changes straight away. People stay listed while the page is open,
    even after "Not here", so a slip of the hand is undone with one more press.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: MeetingDetail | None = None
        self._listed: dict[int, _Listed] = {}
        self._editable = False
        self._guests_offered = False
        self.quorum_label = make_quorum_label(self)
        self.how_label = label(
            "Press Present, Apologies or Not here for each person. Each press is saved "
            "straight away.",
            "help",
            self,
        )
        self.problem_label = label(role="error", parent=self)
        self.problem_label.hide()
        self.cards_box = FlowBox(self, spacing=16, uniform=True)
        self.cards: dict[int, AttendeeCard] = {}
        self.guest_combo = PersonChoice(chars=24)
        self.guest_row = FieldRow(
            "Someone else who came",
            self.guest_combo,
            "Type part of their name, then choose them from the list.",
        )
        self.add_guest_button = BigButton("Add a guest", variant="secondary")
        self.guest_flow = flow_row(self.guest_row, self.add_guest_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.how_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.cards_box)
        layout.addWidget(self.guest_flow)
        self.add_guest_button.clicked.connect(self.add_guest)

    def show_meeting(
        self,
        detail: MeetingDetail,
        serving: list[TermRow],
        editable: bool,
    ) -> None:
        if self.detail is None or self.detail.meeting_id != detail.meeting_id:
            self._listed = {}
        self.detail = detail
        self._editable = editable
        set_quorum_label(self.quorum_label, detail)
        for rank, term in enumerate(serving):
            listed = self._listed.setdefault(
                term.person_id, _Listed(term.name, term.position_words, True)
            )
            listed.rank = min(listed.rank, rank)
        status = {a.person_id: a for a in detail.attendees}
        for row in detail.attendees:
            if row.person_id not in self._listed:
                self._listed[row.person_id] = _Listed(
                    row.name, "Trustee" if row.trustee else "Guest", row.trustee
                )
        order = sorted(
            self._listed,
            key=lambda pid: (self._listed[pid].rank, self._listed[pid].name.casefold()),
        )
        for pid in [p for p in self.cards if p not in order]:
            gone = self.cards.pop(pid)
            self.cards_box.remove_widget(gone)
            gone.hide()
            gone.deleteLater()
        for pid in order:
            card = self.cards.get(pid)
            if card is None:
                card = AttendeeCard(self.cards_box)
                card.chosen.connect(self._chosen)
                self.cards[pid] = card
                self.cards_box.add_widget(card)
            listed = self._listed[pid]
            attendee = status.get(pid)
            card.show_person(
                pid, listed.name, listed.why, attendee.status if attendee else None, editable
            )
        self.how_label.setVisible(editable)
        self.guest_flow.setVisible(editable)
        self.add_guest_button.setText(
            "Add a guest" if detail.kind == "committee" else "Add someone who came"
        )
        self._guests_offered = False
        if self.isVisible():
            self._offer_guests()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._offer_guests()

    def _offer_guests(self) -> None:
        """Fill the guest list when it is first seen: the club may have thousands of people."""
        if self._guests_offered or not self._editable:
            return
        self._guests_offered = True
        people = self.ctx.read(members.list_people)
        # Keep what is typed in the box: another press on the page reloads the list.
        typed, chosen = self.guest_combo.currentText(), self.guest_combo.value()
        self.guest_combo.set_people(
            [(p.person_id, p.display_name) for p in people if p.person_id not in self.cards]
        )
        if chosen is None or not self.guest_combo.set_value(chosen):
            self.guest_combo.setEditText(typed)

    def card_for(self, name: str) -> AttendeeCard:
        return next(c for c in self.cards.values() if c.name() == name)

    def _chosen(self, person_id: int, choice: str | None) -> None:
        detail = self.detail
        if detail is None:
            return
        status = choice
        listed = self._listed.get(person_id)
        if choice == PRESENT and listed is not None and not listed.trustee:
            # Someone not on the committee is "in attendance" at a committee meeting.
            status = "guest" if detail.kind == "committee" else "present"
        self.problem_label.hide()
        try:
            self.ctx.run(
                meetings.set_attendance, detail.meeting_id, person_id, status, changed=COMMITTEE
            )
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(f"That was not saved. {exc}")
            self.problem_label.show()
            card = self.cards.get(person_id)
            if card is not None:
                before = next((a for a in detail.attendees if a.person_id == person_id), None)
                card.show_person(
                    person_id,
                    card.name(),
                    card.role_label.text(),
                    before.status if before else None,
                    self._editable,
                )

    def add_guest(self) -> bool:
        detail = self.detail
        person_id = self.guest_combo.value()
        self.guest_row.clear_error()
        if detail is None:
            return False
        if person_id is None:
            self.guest_row.show_error(
                "Those words do not name one person. Type part of the name, then choose "
                "who came from the list."
                if self.guest_combo.is_unknown()
                else "Choose who came, then press the button again."
            )
            return False
        status = "guest" if detail.kind == "committee" else "present"
        name = self.guest_combo.itemText(self.guest_combo.findData(person_id))
        try:
            self.ctx.run(
                meetings.set_attendance, detail.meeting_id, person_id, status, changed=COMMITTEE
            )
        except SERVICE_ERRORS as exc:
            self.guest_row.show_error(str(exc))
            return False
        self._listed.setdefault(person_id, _Listed(name, "Guest", False))
        self.guest_combo.set_value(None)
        return True


# ---------------------------------------------------------------- the agenda


class AgendaCard(QFrame):
    """One agenda item: its number and title, who presents it and for how long, the
    members' words, what is still to do, and the buttons that change it."""

    move_requested = Signal(int, int)  # item id, steps (-1 up, +1 down)
    edit_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.item_id = 0
        self.title_label = label(role="subheading", parent=self)
        self.meta_label = label(parent=self)
        self.details_label = label(parent=self)
        self.members_label = label(parent=self)
        self.follow_label = label(parent=self)
        self.decided_label = label(parent=self)
        self.problem_label = label(role="error", parent=self)
        self.problem_label.hide()
        self.up_button = BigButton("Move up", self, variant="secondary")
        self.down_button = BigButton("Move down", self, variant="secondary")
        self.edit_button = BigButton("Edit item", self, variant="secondary")
        self.remove_button = BigButton("Remove", self, variant="secondary")
        self.buttons = flow_row(
            self.up_button, self.down_button, self.edit_button, self.remove_button
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        for widget in (
            self.title_label,
            self.meta_label,
            self.details_label,
            self.members_label,
            self.follow_label,
            self.decided_label,
        ):
            layout.addWidget(widget)
        layout.addSpacing(4)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self.item_id, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self.item_id, +1))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.item_id))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.item_id))

    def title(self) -> str:
        return self.title_label.text()

    def show_item(
        self,
        item: ItemRow,
        number: int,
        total: int,
        decided: tuple[DecisionRow, ...],
        editable: bool,
    ) -> None:
        if item.item_id != self.item_id:
            self.problem_label.hide()
        self.item_id = item.item_id
        self.title_label.setText(f"{number}. {item.title}")
        self.meta_label.setText(item_meta_words(item))
        self._lines(self.details_label, "", [item.details] if item.details else [])
        self._lines(self.members_label, "What members said:", item.from_members)
        self._lines(
            self.follow_label,
            "Still to do from earlier meetings:",
            [action_words(a) for a in item.follows_up],
        )
        self._lines(self.decided_label, "Decided:", [decision_words(d) for d in decided])
        for button, words in (
            (self.up_button, "Move up"),
            (self.down_button, "Move down"),
            (self.edit_button, "Edit item"),
            (self.remove_button, "Remove"),
        ):
            button.setAccessibleName(f"{words}: {item.title}")
        self.up_button.setEnabled(number > 1)
        self.down_button.setEnabled(number < total)
        self.buttons.setVisible(editable)

    def show_problem(self, text: str) -> None:
        """Why a button on this card did nothing, beside its buttons."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    @staticmethod
    def _lines(widget: QLabel, heading: str, lines: tuple[str, ...] | list[str]) -> None:
        text = "\n".join(lines)
        if heading and text:
            text = f"{heading}\n{text}"
        widget.setText(text)
        widget.setVisible(bool(text))


# ---------------------------------------------------------------- decisions and actions


class DecisionLine(QWidget):
    """A decision in words, and (for those who may) "Say what happened"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decision_id = 0
        self.words = label(parent=self)
        self.happened_button = BigButton("Say what happened", self, variant="secondary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.words)
        layout.addWidget(flow_row(self.happened_button))

    def show_decision(self, d: DecisionRow, where: str, can_run: bool) -> None:
        self.decision_id = d.decision_id
        self.words.setText(f"{where}{decision_words(d)}")
        self.happened_button.setAccessibleName(f"Say what happened: {d.motion}")
        self.happened_button.setVisible(can_run)


class ActionLine(QWidget):
    """An action point in words, with "Mark done" (or "Mark as not done")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action_id = 0
        self.done = False
        self.words = label(parent=self)
        self.done_button = BigButton("Mark done", self, variant="secondary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.words)
        layout.addWidget(flow_row(self.done_button))

    def show_action(self, a: ActionRow, can_run: bool) -> None:
        self.action_id = a.action_id
        self.done = a.done_on is not None
        self.words.setText(action_words(a))
        self.done_button.setText("Mark as not done" if self.done else "Mark done")
        self.done_button.setAccessibleName(f"{self.done_button.text()}: {a.what}")
        self.done_button.setVisible(can_run)


def mark_action(ctx: AppContext, action_id: int, done: bool) -> None:
    """Mark an action point done today, or not done."""
    ctx.run(decisions.set_action_done, action_id, ctx.today() if done else None, changed=COMMITTEE)


# ---------------------------------------------------------------- the page


class MeetingPage(Page):
    """One meeting. Public parts, for tests: ``details_label``, ``lock_label``,
    ``start_button``, ``edit_button``; the switches ``who_button``, ``agenda_button``,
    ``decisions_button``, ``minutes_button``; ``who`` (a WhoCamePanel); the agenda's
    ``total_label``, ``agenda_cards`` (a KeyedColumn of AgendaCards),
    ``add_proposal_button``, ``add_inbox_button``, ``add_grants_button`` (with
    ``grants_note``, for those who see the club's grants), ``print_agenda_button``,
    ``print_easy_agenda_button``; ``decision_lines``, ``action_lines``; the minutes'
    ``minutes_status_label``, ``approve_at``, ``approve_button``, ``correction_button``,
    ``print_minutes_button``, ``print_easy_minutes_button``.
    """

    help_text = HELP_TEXT
    domains = (COMMITTEE, NOTES, PEOPLE, GRANTS)

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        self.title = "A meeting"
        self.detail: MeetingDetail | None = None
        self.can_run = ctx.can("committee.run")
        self.can_see_grants = ctx.can("grants.see")
        self.editable = False
        self._inbox_count = 0
        self._later: list[MeetingRow] = []  # held after this one: may approve its minutes
        self._coming: list[MeetingRow] = []  # after this one, but still to come
        # The item meeting mode was on when it was left, so Start the meeting carries on.
        self._resume_index = 0
        self._resume_item: int | None = None

        body = scrolling_body(self)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, content = body.scroll_area, body.column

        self.details_label = label(role="label")
        self.lock_label = label(role="help")
        self.start_button = BigButton("Start the meeting")
        self.edit_button = BigButton("Change the details", variant="secondary")
        content.addWidget(self.details_label)
        content.addWidget(self.lock_label)
        content.addWidget(flow_row(self.start_button, self.edit_button))

        self.who_button = SwitchButton("Who came")
        self.agenda_button = SwitchButton("The agenda")
        self.decisions_button = SwitchButton("Decisions and actions")
        self.minutes_button = SwitchButton("Minutes")
        self._switches = QButtonGroup(self)
        for button in (
            self.who_button,
            self.agenda_button,
            self.decisions_button,
            self.minutes_button,
        ):
            self._switches.addButton(button)
        content.addWidget(
            flow_row(
                self.who_button, self.agenda_button, self.decisions_button, self.minutes_button
            )
        )

        # --- who came
        self.who = WhoCamePanel(ctx)
        self.who_section = self.who

        # --- the agenda
        self.agenda_section = QWidget()
        agenda_layout = QVBoxLayout(self.agenda_section)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_layout.setSpacing(16)
        self.total_label = label(role="label")
        self.agenda_problem = label(role="error")
        self.agenda_problem.hide()
        self.agenda_cards: KeyedColumn[AgendaCard] = KeyedColumn(self._make_card, spacing=16)
        self.add_proposal_button = BigButton("Add a proposal", variant="secondary")
        self.add_inbox_button = BigButton("Add from the inbox", variant="secondary")
        self.inbox_note = label(role="help")
        self.print_agenda_button = BigButton("Print agenda", variant="secondary")
        self.print_easy_agenda_button = BigButton("Print easy-read agenda", variant="secondary")
        self.agenda_changes = flow_row(
            self.add_proposal_button, self.add_inbox_button, self.inbox_note
        )
        self.add_grants_button = BigButton("Add grant deadlines", variant="secondary")
        self.grants_note = label(role="help")
        self.grant_changes = flow_row(self.add_grants_button, self.grants_note)
        agenda_layout.addWidget(self.total_label)
        agenda_layout.addWidget(self.agenda_problem)
        agenda_layout.addWidget(self.agenda_cards)
        agenda_layout.addWidget(self.agenda_changes)
        agenda_layout.addWidget(self.grant_changes)
        agenda_layout.addWidget(flow_row(self.print_agenda_button, self.print_easy_agenda_button))

        # --- decisions and action points
        self.decisions_section = QWidget()
        dec_layout = QVBoxLayout(self.decisions_section)
        dec_layout.setContentsMargins(0, 0, 0, 0)
        dec_layout.setSpacing(16)
        self.decisions_heading = label("Decisions", "subheading")
        self.no_decisions_label = label("No decisions have been recorded yet.")
        self.decision_lines: KeyedColumn[DecisionLine] = KeyedColumn(DecisionLine, spacing=20)
        self.actions_heading = label("Action points", "subheading")
        self.no_actions_label = label("No action points have been recorded yet.")
        self.actions_note = label(
            "Action points can be marked done at any time, even after the minutes are "
            "approved: that records what happened next.",
            "help",
        )
        self.action_lines: KeyedColumn[ActionLine] = KeyedColumn(ActionLine, spacing=20)
        self.decisions_problem = label(role="error")
        self.decisions_problem.hide()
        for widget in (
            self.decisions_problem,
            self.decisions_heading,
            self.no_decisions_label,
            self.decision_lines,
            self.actions_heading,
            self.no_actions_label,
            self.actions_note,
            self.action_lines,
        ):
            dec_layout.addWidget(widget)

        # --- minutes
        self.minutes_section = QWidget()
        min_layout = QVBoxLayout(self.minutes_section)
        min_layout.setContentsMargins(0, 0, 0, 0)
        min_layout.setSpacing(16)
        self.minutes_status_label = label(role="label")
        self.corrections_label = label()
        self.print_minutes_button = BigButton("Print minutes", variant="secondary")
        self.print_easy_minutes_button = BigButton("Print easy-read minutes", variant="secondary")
        self.approve_at = ChoiceCombo(chars=24)
        self.approve_row = FieldRow(
            "Approved at which meeting",
            self.approve_at,
            "Minutes are approved at a later meeting, once the committee agrees they are right.",
        )
        self.approve_button = BigButton("Approve these minutes")
        self.approve_note = label(role="help")
        self.approve_box = QWidget()
        approve_layout = QVBoxLayout(self.approve_box)
        approve_layout.setContentsMargins(0, 0, 0, 0)
        approve_layout.setSpacing(12)
        approve_layout.addWidget(self.approve_row)
        approve_layout.addWidget(flow_row(self.approve_button))
        self.correction_button = BigButton("Add a correction", variant="secondary")
        part: QWidget
        for part in (
            self.minutes_status_label,
            self.corrections_label,
            flow_row(self.print_minutes_button, self.print_easy_minutes_button),
            self.approve_note,
            self.approve_box,
            flow_row(self.correction_button),
        ):
            min_layout.addWidget(part)

        self.sections = {
            self.who_button: self.who_section,
            self.agenda_button: self.agenda_section,
            self.decisions_button: self.decisions_section,
            self.minutes_button: self.minutes_section,
        }
        for section in self.sections.values():
            content.addWidget(section)
            section.hide()

        for button in self.sections:
            button.clicked.connect(lambda _=False, b=button: self.show_section(b))
        self.start_button.clicked.connect(self.start_meeting)
        self.edit_button.clicked.connect(self.edit_details)
        self.add_proposal_button.clicked.connect(self.add_proposal)
        self.add_inbox_button.clicked.connect(self.add_from_inbox)
        self.add_grants_button.clicked.connect(self.add_grant_deadlines)
        self.print_agenda_button.clicked.connect(lambda: self.print_agenda(False))
        self.print_easy_agenda_button.clicked.connect(lambda: self.print_agenda(True))
        self.print_minutes_button.clicked.connect(lambda: self.print_minutes(False))
        self.print_easy_minutes_button.clicked.connect(lambda: self.print_minutes(True))
        self.approve_button.clicked.connect(self.approve)
        self.correction_button.clicked.connect(self.add_correction)
        self._shown_once = False
        self._fillers: dict[SwitchButton, Callable[[], None]] = {}

    # ------------------------------------------------------------ loading

    def heading(self) -> str:
        return self.title

    def refresh(self) -> None:
        try:
            detail = self.ctx.read(meetings.get_meeting, self.meeting_id)
        except (NotAllowed, NotFound) as exc:
            self.detail = None
            self.problem_label.setText(cannot_open_words(exc))
            self.problem_label.show()
            self.content.hide()
            return
        self.problem_label.hide()
        self.content.show()
        self.detail = detail
        self.title = page_title(detail)
        self.editable = self.can_run and not detail.locked
        self._inbox_count = self.ctx.read(notes.inbox_count)

        self.details_label.setText(
            f"{detail.kind_words} on "
            + meeting_when_words(detail.on_date, detail.start_time, detail.place, detail.chair)
        )
        if detail.locked:
            self.lock_label.setText(locked_words(detail))
        elif not self.can_run:
            self.lock_label.setText(
                "You can see this meeting. Only the coordinator and committee members can "
                "change it."
            )
        self.lock_label.setVisible(detail.locked or not self.can_run)
        self.start_button.setVisible(self.editable)
        self.edit_button.setVisible(self.editable)

        # Each part is filled when it is on the screen: a long meeting has a card for
        # every item, decision and action point, and building the hidden ones doubled
        # the time the page took to open.
        self._fillers = {
            self.who_button: lambda: self._show_who(detail),
            self.agenda_button: lambda: self._show_agenda(detail),
            self.decisions_button: lambda: self._show_decisions(detail),
            self.minutes_button: lambda: self._show_minutes(detail),
        }
        if not self._shown_once:
            self._shown_once = True
            self.show_section(self.minutes_button if detail.locked else self.agenda_button)
        else:
            self._fill_shown_section()

    def _fill_shown_section(self) -> None:
        for button, section in self.sections.items():
            fill = self._fillers.pop(button, None)
            if fill is not None and not section.isHidden():
                fill()
            elif fill is not None:
                self._fillers[button] = fill

    def _make_card(self) -> AgendaCard:
        card = AgendaCard()
        card.move_requested.connect(self.move_item)
        card.edit_requested.connect(self.edit_item)
        card.remove_requested.connect(self.remove_item)
        return card

    def _show_who(self, detail: MeetingDetail) -> None:
        serving = self.ctx.read(committee.terms, serving_on=detail.on_date)
        self.who.show_meeting(detail, serving, self.editable)

    def _show_agenda(self, detail: MeetingDetail) -> None:
        self.total_label.setText(total_time_words(detail.items, detail.start_time))
        cards = self.agenda_cards.sync([i.item_id for i in detail.items])
        total = len(detail.items)
        for number, (card, item) in enumerate(zip(cards, detail.items, strict=True), start=1):
            card.show_item(item, number, total, detail.decisions_for(item.item_id), self.editable)
        self.agenda_changes.setVisible(self.editable)
        self.add_inbox_button.setEnabled(self._inbox_count > 0)
        self.inbox_note.setText(
            "The members' inbox is empty."
            if self._inbox_count == 0
            else f"{self._inbox_count} {'note is' if self._inbox_count == 1 else 'notes are'} "
            "waiting in the members' inbox."
        )
        self._show_grant_offers(detail)

    def _show_grant_offers(self, detail: MeetingDetail) -> None:
        """How many grant deadlines wait for this meeting's agenda, beside the button that
        adds them (for those who see the grants, while the agenda can change)."""
        from clubapp.ui.pages.grant_agenda import offers_words

        shown = self.editable and self.can_see_grants
        self.grant_changes.setVisible(shown)
        if not shown:
            return
        offers = self.ctx.read(
            grant_deadlines.offers_for_meeting, detail.meeting_id, self.ctx.today()
        )
        self.add_grants_button.setEnabled(bool(offers.deadlines))
        self.grants_note.setText(offers_words(offers))

    def _show_decisions(self, detail: MeetingDetail) -> None:
        titles = {i.item_id: i.title for i in detail.items}
        numbers = {i.item_id: n for n, i in enumerate(detail.items, start=1)}
        ordered = decisions_in_agenda_order(detail)
        lines = self.decision_lines.sync([d.decision_id for d in ordered])
        for line, d in zip(lines, ordered, strict=True):
            where = (
                sentence(f"Item {numbers[d.item_id]}, {titles[d.item_id]}") + " "
                if d.item_id in titles
                else ""
            )
            line.show_decision(d, where, self.can_run)
            if not line.property("wired"):
                line.setProperty("wired", True)
                line.happened_button.clicked.connect(
                    lambda _=False, ln=line: self.say_what_happened(ln.decision_id)
                )
        self.no_decisions_label.setVisible(not detail.decisions)
        rows = self.action_lines.sync([a.action_id for a in detail.actions])
        for row, a in zip(rows, detail.actions, strict=True):
            row.show_action(a, self.can_run)
            if not row.property("wired"):
                row.setProperty("wired", True)
                row.done_button.clicked.connect(lambda _=False, r=row: self.toggle_done(r))
        self.no_actions_label.setVisible(not detail.actions)
        self.actions_note.setVisible(bool(detail.actions) and self.can_run)

    def _show_minutes(self, detail: MeetingDetail) -> None:
        corrections = self.ctx.read(minutes.corrections, self.meeting_id)
        # Minutes are approved at a later meeting that has taken place (the service
        # refuses one still to come), whose own record is still open.
        today = self.ctx.today()
        later = self.ctx.read(meetings.list_meetings, after=detail.on_date)
        self._later = [m for m in later if m.on_date <= today and m.minutes_approved_on is None]
        self._coming = sorted(
            (m for m in later if m.on_date > today), key=lambda m: (m.on_date, m.meeting_id)
        )
        if detail.locked:
            assert detail.minutes_approved_on is not None
            status = (
                f"These minutes were approved at the meeting on "
                f"{day_words(detail.minutes_approved_on)}. They cannot change; corrections "
                "agreed later are listed below them."
            )
        else:
            status = "These are draft minutes. They are approved at a later meeting."
        self.minutes_status_label.setText(status)
        self.corrections_label.setText(
            "Corrections:\n"
            + "\n".join(f"Agreed on {day_words(c.agreed_on)}: {c.text}" for c in corrections)
            if corrections
            else ""
        )
        self.corrections_label.setVisible(bool(corrections))
        show_approve = self.can_run and not detail.locked
        self.approve_at.set_choices(
            (f"{m.kind_words}, {long_date(m.on_date)}", m.meeting_id)
            for m in sorted(self._later, key=lambda m: (m.on_date, m.meeting_id))
        )
        self.approve_box.setVisible(show_approve and bool(self._later))
        self.approve_note.setVisible(show_approve and not self._later)
        self.approve_note.setText(approve_note_words(self._coming))
        self.correction_button.setVisible(self.can_run and detail.locked)

    # ------------------------------------------------------------ which part shows

    def show_section(self, button: SwitchButton) -> None:
        button.setChecked(True)
        for switch, section in self.sections.items():
            section.setVisible(switch is button)
        self._fill_shown_section()

    def section_shown(self) -> str:
        for switch, section in self.sections.items():
            if not section.isHidden():
                return switch.text()
        return ""

    # ------------------------------------------------------------ the agenda

    def card_titled(self, title: str) -> AgendaCard:
        """The agenda card whose title (without its number) is ``title``."""
        return next(c for c in self.agenda_cards.widgets() if c.title().split(". ", 1)[1] == title)

    def agenda_titles(self) -> list[str]:
        return [c.title().split(". ", 1)[1] for c in self.agenda_cards.widgets()]

    def _agenda_error(self, exc: Exception) -> None:
        self.agenda_problem.setText(str(exc))
        self.agenda_problem.show()

    def move_item(self, item_id: int, steps: int) -> None:
        self.agenda_problem.hide()
        try:
            self.ctx.run(agenda.move_item, item_id, steps, changed=COMMITTEE)
        except SERVICE_ERRORS as exc:
            self._agenda_error(exc)

    def _item(self, item_id: int) -> ItemRow | None:
        if self.detail is None:
            return None
        return next((i for i in self.detail.items if i.item_id == item_id), None)

    def edit_item(self, item_id: int) -> None:
        from clubapp.ui.pages.agenda_forms import ItemFormPage

        item = self._item(item_id)
        if item is not None:
            self.ctx.navigator.push(ItemFormPage(self.ctx, self.meeting_id, item))

    def remove_item(self, item_id: int) -> bool:
        item = self._item(item_id)
        if item is None:
            return False
        self.agenda_problem.hide()
        card = next((c for c in self.agenda_cards.widgets() if c.item_id == item_id), None)
        # Say why first, rather than ask "Take … off?" and then refuse.
        stays = self.ctx.read(meetings.why_item_stays, item_id)
        if stays:
            words = f"“{item.title}” cannot be taken off the agenda. {stays}"
            if card is None:
                self.agenda_problem.setText(words)
                self.agenda_problem.show()
            else:
                card.show_problem(words)
                self.scroll_area.ensureWidgetVisible(card.problem_label)
            return False
        back = " The members' notes go back to the inbox." if item.note_ids else ""
        if not ask_to_confirm(
            self,
            "Take this item off the agenda",
            f"Take “{item.title}” off the agenda?{back}",
            f"Yes, take “{item.title}” off",
            "Go back, keep it",
            danger=True,
        ):
            return False
        self.agenda_problem.hide()
        try:
            self.ctx.run(agenda.remove_item, item_id, changed=COMMITTEE)
        except SERVICE_ERRORS as exc:
            self._agenda_error(exc)
            return False
        return True

    def add_proposal(self) -> None:
        from clubapp.ui.pages.agenda_forms import ItemFormPage

        self.ctx.navigator.push(ItemFormPage(self.ctx, self.meeting_id, None))

    def add_from_inbox(self) -> None:
        from clubapp.ui.pages.agenda_forms import InboxPickPage

        self.ctx.navigator.push(InboxPickPage(self.ctx, self.meeting_id))

    def add_grant_deadlines(self) -> None:
        from clubapp.ui.pages.grant_agenda import GrantAgendaPage

        self.ctx.navigator.push(GrantAgendaPage(self.ctx, self.meeting_id))

    def print_agenda(self, easy_read: bool) -> None:
        from clubapp.services import committee_printouts

        ctx, meeting_id = self.ctx, self.meeting_id
        day = self.detail.on_date.isoformat() if self.detail else "meeting"
        ctx.navigator.show_pdf(
            "Easy-read agenda" if easy_read else "Agenda",
            lambda: ctx.read(committee_printouts.agenda, meeting_id, ctx.today(), easy_read),
            f"agenda-{'easy-read-' if easy_read else ''}{day}.pdf",
        )

    def print_minutes(self, easy_read: bool) -> None:
        from clubapp.services import committee_printouts

        ctx, meeting_id = self.ctx, self.meeting_id
        day = self.detail.on_date.isoformat() if self.detail else "meeting"
        ctx.navigator.show_pdf(
            "Easy-read minutes" if easy_read else "Minutes",
            lambda: ctx.read(committee_printouts.minutes, meeting_id, ctx.today(), easy_read),
            f"minutes-{'easy-read-' if easy_read else ''}{day}.pdf",
        )

    # ------------------------------------------------------------ meeting, details, minutes

    def start_meeting(self) -> None:
        """Meeting mode, on the item it was on when it was last left (the first, at first)."""
        from clubapp.ui.meeting_mode import MeetingModePage

        mode = MeetingModePage(self.ctx, self.meeting_id, start_at=self.resume_at())
        mode.left_at.connect(self._remember_item)
        self.ctx.navigator.push(mode)

    def resume_at(self) -> int:
        """Where meeting mode starts: the item it was left on, found by its id if the
        agenda has changed since, else by its place."""
        if self.detail is not None and self._resume_item is not None:
            ids = [i.item_id for i in self.detail.items]
            if self._resume_item in ids:
                return ids.index(self._resume_item)
        return self._resume_index

    def _remember_item(self, index: int, item_id: int) -> None:
        self._resume_index = index
        self._resume_item = item_id or None

    def edit_details(self) -> None:
        from clubapp.ui.pages.committee_forms import MeetingFormPage

        if self.detail is not None:
            self.ctx.navigator.push(MeetingFormPage(self.ctx, self.detail))

    def say_what_happened(self, decision_id: int) -> None:
        from clubapp.ui.pages.agenda_forms import WhatHappenedPage

        if self.detail is None:
            return
        decision = next(d for d in self.detail.decisions if d.decision_id == decision_id)
        self.ctx.navigator.push(WhatHappenedPage(self.ctx, decision))

    def toggle_done(self, line: ActionLine) -> None:
        self.decisions_problem.hide()
        try:
            mark_action(self.ctx, line.action_id, not line.done)
        except SERVICE_ERRORS as exc:
            self.decisions_problem.setText(str(exc))
            self.decisions_problem.show()

    def approve(self) -> bool:
        """Approve these minutes at the chosen later meeting, after a plain question."""
        detail = self.detail
        at_id = self.approve_at.value()
        self.approve_row.clear_error()
        if detail is None or at_id is None:
            return False
        at = next(m for m in self._later if m.meeting_id == at_id)
        title, yes, no = APPROVE_QUESTION
        if not ask_to_confirm(
            self,
            title,
            approve_question_words(detail.kind_words, detail.on_date, at.on_date),
            yes,
            no,
        ):
            return False
        try:
            self.ctx.run(
                minutes.approve_minutes,
                self.meeting_id,
                at_id,
                self.ctx.today(),
                changed=COMMITTEE,
            )
        except SERVICE_ERRORS as exc:
            self.approve_row.show_error(str(exc))
            return False
        return True

    def add_correction(self) -> None:
        from clubapp.ui.pages.agenda_forms import CorrectionPage

        if self.detail is not None:
            self.ctx.navigator.push(CorrectionPage(self.ctx, self.detail))


class WhoCamePage(Page):
    """Who came, on a page of its own: opened from meeting mode when someone arrives late
    or leaves early. Back returns to the meeting."""

    title = "Who is here"
    help_text = (
        "Press Present, Apologies or Not here for each person. Each press is saved "
        "straight away, and the sentence at the top says whether enough trustees are "
        "here to take decisions. Press Back to return to the meeting."
    )
    domains = (COMMITTEE, PEOPLE)

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        self.problem_label = label(role="error")
        self.problem_label.hide()
        self.who = WhoCamePanel(ctx)
        self.back_button = BigButton("Back to the meeting")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 8)
        layout.setSpacing(16)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.who)
        layout.addWidget(flow_row(self.back_button))
        layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.back_button.clicked.connect(lambda: self.ctx.navigator.back())

    def refresh(self) -> None:
        try:
            detail = self.ctx.read(meetings.get_meeting, self.meeting_id)
        except (NotAllowed, NotFound) as exc:
            self.problem_label.setText(cannot_open_words(exc))
            self.problem_label.show()
            self.who.hide()
            return
        serving = self.ctx.read(committee.terms, serving_on=detail.on_date)
        editable = self.ctx.can("committee.run") and not detail.locked
        self.who.show_meeting(detail, serving, editable)
