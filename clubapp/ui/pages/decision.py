"""Record a decision (the motion, who proposed and seconded it, the counts with big − and +
buttons, and the chair's casting vote when the votes are tied) and add an action point.

The outcome is shown in words before saving, worked out by the same rule the service
uses (``decisions.outcome``); when the meeting is not quorate, or the counts add up to
more than the people who may vote, it says so instead. The service has the last word:
its message appears beside the field it is about, and nothing typed is lost. "Who is
here" opens who came on top of this page, so latecomers can be marked without losing
the motion; back here, the quorum and who may propose are read again.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QButtonGroup, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from clubapp.services.vote_results import BallotResult
from clubapp.services import club, decisions, meetings
from clubapp.services.decisions import ActionInput, DecisionInput
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.meetings import MeetingDetail
from clubapp.ui.context import COMMITTEE, AppContext
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_forms import everyone
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.meeting import make_quorum_label, set_quorum_label
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import OptionalDate, PersonCombo
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.inputs import TextBox
from clubapp.ui.widgets.steppers import NumberStepper

MAX_VOTES = 500


def item_words(detail: MeetingDetail, item_id: int | None) -> str:
    """ "Item 3 of 8: Treasurer's report." or "" when the item is not given."""
    for number, item in enumerate(detail.items, start=1):
        if item.item_id == item_id:
            return f"Item {number} of {len(detail.items)}: {item.title.rstrip('.')}."
    return ""


def who_may_vote(detail: MeetingDetail) -> list[tuple[int, str]]:
    """Who may propose, second and vote: at a committee meeting the trustees marked
    present; at a members' meeting or an AGM everyone marked present."""
    counts_trustees = detail.quorum.counts_trustees
    return [
        (a.person_id, a.name)
        for a in detail.attendees
        if a.status == "present" and (a.trustee or not counts_trustees)
    ]


def voters_words(count: int, counts_trustees: bool) -> str:
    """ "3 trustees", "1 person"."""
    one, many = ("trustee", "trustees") if counts_trustees else ("person", "people")
    return f"{count} {one if count == 1 else many}"


class DecisionPage(FormPage):
    """Public: ``quorum_label``, ``motion``, ``proposer``, ``seconder``, ``votes_for``,
    ``votes_against``, ``abstentions`` (NumberSteppers), ``casting_box`` with
    ``casting_yes`` and ``casting_no``, and ``outcome_label``."""

    title = "Record a decision"
    save_text = "Save this decision"
    help_text = (
        "Type the motion: what the meeting is deciding. Choose who proposed it and who "
        "seconded it. Then count the votes: press + and − beside Yes, No and Not sure, or "
        "type the numbers. The outcome shows before you save. When the votes are tied and "
        "the club's rules give the chair a casting vote, choose how the chair votes. If "
        "someone has arrived or left, press Who is here: what you typed stays."
    )
    domains = (COMMITTEE,)

    def __init__(
        self,
        ctx: AppContext,
        meeting_id: int,
        item_id: int | None = None,
        parent: QWidget | None = None,
        *,
        ballot: BallotResult | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        self.item_id = item_id
        # A closed vote's counts, written down as they were cast: not to be changed here.
        self.ballot = ballot
        detail = ctx.read(meetings.get_meeting, meeting_id)
        self.detail = detail
        self.casting_allowed = bool(ctx.db.run(club.get_int, "chair_casting_vote"))
        self.set_intro(item_words(detail, item_id))

        self.quorum_label = make_quorum_label()
        self.who_button = BigButton("Who is here", variant="secondary")
        self.who_button.setAccessibleName("Who is here: mark who came or left")
        who_box = QWidget()
        who_layout = QVBoxLayout(who_box)
        who_layout.setContentsMargins(0, 0, 0, 0)
        who_layout.setSpacing(12)
        who_layout.addWidget(self.quorum_label)
        who_layout.addWidget(flow_row(self.who_button))
        self.form.add_field("meeting", "Enough people to decide?", who_box)
        self.motion = TextBox(3)
        self.form.add_field("motion", "The motion: what the meeting is deciding", self.motion)
        self.proposer = PersonCombo("Not recorded")
        self.seconder = PersonCombo("Not recorded")
        who_help = (
            "Only trustees marked present are listed."
            if detail.quorum.counts_trustees
            else "Only people marked present are listed."
        )
        self.form.add_field("proposer_id", "Proposed by", self.proposer, who_help)
        self.form.add_field("seconder_id", "Seconded by", self.seconder)
        self._show_who(detail)
        self.who_button.clicked.connect(self.change_who_is_here)

        self.votes_for = NumberStepper("Yes (for)", 0, MAX_VOTES, large=True)
        self.votes_against = NumberStepper("No (against)", 0, MAX_VOTES, large=True)
        self.abstentions = NumberStepper("Not sure (abstain)", 0, MAX_VOTES, large=True)
        for key, stepper, words in (
            ("votes_for", self.votes_for, "Yes (for)"),
            ("votes_against", self.votes_against, "No (against)"),
            ("abstentions", self.abstentions, "Not sure (abstain)"),
        ):
            row = self.form.add_field(key, words, stepper)
            row.label.setProperty("role", "large")
            stepper.changed.connect(self._show_outcome)

        self.casting_yes = BigButton("The chair votes yes", variant="vote")
        self.casting_no = BigButton("The chair votes no", variant="vote")
        self._casting = QButtonGroup(self)
        for button in (self.casting_yes, self.casting_no):
            button.setCheckable(True)
            self._casting.addButton(button)
            button.toggled.connect(self._show_outcome)
        # The two choices wrap onto two lines at a large text size.
        self.casting_box = flow_row(self.casting_yes, self.casting_no, spacing=24)
        self.casting_box.setFocusProxy(self.casting_yes)
        self.casting_row = self.form.add_field(
            "casting",
            "The votes are tied: the chair's casting vote",
            self.casting_box,
            "The club's rules give the chair a casting vote. Choose how the chair votes.",
        )
        self.casting_row.label.setProperty("role", "large")
        self.outcome_label = label(role="large")
        self.outcome_label.setAccessibleName("Outcome")
        self.form.add_widget(self.outcome_label)
        if ballot is not None:
            self._take_counts_from(ballot)
        self._show_outcome()
        self.mark_unchanged()
        self._stale = False  # just read

    def _take_counts_from(self, ballot: BallotResult) -> None:
        self.motion.setText(ballot.ballot.question)
        for stepper, count in (
            (self.votes_for, ballot.votes_for),
            (self.votes_against, ballot.votes_against),
            (self.abstentions, ballot.abstentions),
        ):
            stepper.set_value(count)
            stepper.setEnabled(False)
        self.set_intro(
            f"{self.intro.text()} The counts come from the vote: {ballot.headline}".strip()
        )

    # ------------------------------------------------------------ who is here

    def _show_who(self, detail: MeetingDetail) -> None:
        """The quorum sentence, and who may propose and second (choices kept if still here)."""
        set_quorum_label(self.quorum_label, detail)
        people = who_may_vote(detail)
        self.proposer.set_people(people)
        self.seconder.set_people(people)

    def refresh(self) -> None:
        """Back from Who is here (or another change): read who is present again."""
        try:
            detail = self.ctx.read(meetings.get_meeting, self.meeting_id)
        except (NotAllowed, NotFound) as exc:
            self.show_errors({"": str(exc)})
            return
        self.detail = detail
        self._show_who(detail)
        self._show_outcome()

    def change_who_is_here(self) -> None:
        """Who came, on top of this page: the motion and counts typed here stay."""
        from clubapp.ui.pages.meeting import WhoCamePage

        page = WhoCamePage(self.ctx, self.meeting_id)
        page.full_width = self.full_width  # opened from meeting mode, it stays full width
        self.ctx.navigator.push(page)

    # ------------------------------------------------------------ the outcome

    def tied(self) -> bool:
        # All "not sure" is no tie: nobody voted either way, so there is nothing to break.
        return self.votes_for.value() == self.votes_against.value() > 0

    def casting(self) -> str | None:
        if self.casting_row.isHidden():
            return None
        if self.casting_yes.isChecked():
            return "for"
        if self.casting_no.isChecked():
            return "against"
        return None

    def _show_outcome(self, *_args: object) -> None:
        needs_casting = self.tied() and self.casting_allowed
        if not needs_casting and self._casting.checkedButton() is not None:
            self._casting.setExclusive(False)
            for button in (self.casting_yes, self.casting_no):
                button.setChecked(False)
            self._casting.setExclusive(True)
        self.casting_row.setVisible(needs_casting)
        try:
            result = decisions.outcome(
                self.votes_for.value(),
                self.votes_against.value(),
                self.abstentions.value(),
                chair_has_casting_vote=self.casting_allowed,
                casting=self.casting(),
            )
        except ValidationError as exc:
            self.outcome_label.setText(self._cannot_decide() or exc.first[1])
            return
        self.outcome_label.setText(
            self._cannot_decide() or f"Outcome if you save now: {result.words}."
        )

    def _cannot_decide(self) -> str:
        """Why saving now would be refused whatever the counts say; "" if it would not."""
        quorum = self.detail.quorum
        if not quorum.quorate:
            return (
                "Not quorate: this meeting cannot decide yet. Press Who is here to mark who came."
            )
        votes = self.votes_for.value() + self.votes_against.value() + self.abstentions.value()
        allowed = (
            quorum.present
            if quorum.counts_trustees
            else sum(1 for a in self.detail.attendees if a.status == "present")
        )
        if votes > allowed:
            return (
                f"The counts add up to more than the "
                f"{voters_words(allowed, quorum.counts_trustees)} present."
            )
        return ""

    def outcome_words(self) -> str:
        return self.outcome_label.text()

    # ------------------------------------------------------------ saving

    def values(self) -> DecisionInput:
        return DecisionInput(
            motion=self.motion.text(),
            votes_for=self.votes_for.value(),
            votes_against=self.votes_against.value(),
            abstentions=self.abstentions.value(),
            item_id=self.item_id,
            proposer_id=self.proposer.value(),
            seconder_id=self.seconder.value(),
            casting=self.casting(),
            ballot_id=self.ballot.ballot.ballot_id if self.ballot is not None else None,
        )

    def submit(self) -> None:
        self.ctx.run(decisions.record_decision, self.meeting_id, self.values(), changed=COMMITTEE)


class ActionPage(FormPage):
    """An action point: what needs doing, who will do it, and by when."""

    title = "Add an action point"
    save_text = "Save this action point"
    help_text = (
        "Type what needs doing, choose who will do it and, if there is one, the date to do "
        "it by. Action points not done by the next meeting come back under Matters arising."
    )

    def __init__(
        self,
        ctx: AppContext,
        meeting_id: int,
        item_id: int | None = None,
        parent: QWidget | None = None,
        *,
        ballot: BallotResult | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        self.item_id = item_id
        # A closed vote's counts, written down as they were cast: not to be changed here.
        self.ballot = ballot
        detail = ctx.read(meetings.get_meeting, meeting_id)
        self.set_intro(item_words(detail, item_id))
        self.what = TextBox(3)
        self.who = PersonCombo("Nobody chosen yet")
        self.who.set_people(everyone(ctx))
        default = detail.on_date + timedelta(days=14)
        self.due_on = OptionalDate("There is a date to do it by", "Do it by", default)
        self.form.add_field("what", "What needs doing", self.what)
        self.form.add_field("who_id", "Who will do it", self.who)
        self.form.add_field("due_on", "By when", self.due_on)
        self.mark_unchanged()

    def values(self) -> ActionInput:
        return ActionInput(
            what=self.what.text(),
            who_id=self.who.value(),
            due_on=self.due_on.value(),
            item_id=self.item_id,
        )

    def submit(self) -> None:
        self.ctx.run(decisions.add_action, self.meeting_id, self.values(), changed=COMMITTEE)
