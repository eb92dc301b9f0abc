"""The Votes room: every vote, open ones first; a vote's own page (who has voted, start
the voting screens, count hands, close it, the result, write the decision down); and
the show-of-hands counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clubapp.services import meetings, vote_results, votes
from clubapp.services.errors import NotAllowed, NotFound
from clubapp.services.vote_results import BallotResult
from clubapp.services.votes import ANSWER_WORDS, Answer, BallotRow
from clubapp.ui.context import COMMITTEE, PEOPLE, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label, words_table
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.voting.results import ResultsView
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.messages import ask_to_confirm
from clubapp.ui.widgets.pictures import PictureLabel
from clubapp.ui.widgets.steppers import NumberStepper

MAX_HANDS = 500

ROOM_HELP = (
    "Votes taken at meetings and club sessions. Start a vote to ask a question: a "
    "decision for the committee (yes, no or not sure), an activity choice for the "
    "members (2 to 5 pictures) or an election. Open a vote to start the voting screens, "
    "enter the counts of a show of hands, close it and see the result."
)


def status_words(ballot: BallotRow, voted: int, eligible: int, headline: str = "") -> str:
    if ballot.is_open:
        if ballot.method == "hands":
            return "Open: counted by show of hands"
        return f"Open: {voted} of {eligible} have voted"
    return f"Closed. {headline}".strip()


class BallotsModel(RowsModel[tuple[BallotRow, str]]):
    HEADERS = ("Question", "Where", "Now")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ballot, status = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (f"{ballot.kind_words}: {ballot.question}", ballot.where_words, status)[
                index.column()
            ]
        if role == Qt.ItemDataRole.UserRole:
            return ballot.ballot_id
        return None

    def row_of(self, ballot_id: int) -> int:
        return next((i for i, (b, _) in enumerate(self._rows) if b.ballot_id == ballot_id), -1)


class VotesPage(Page):
    """Public: ``new_button``, ``open_button``, ``model``, ``table``."""

    title = "Votes"
    help_text = ROOM_HELP
    domains = (COMMITTEE, PEOPLE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.new_button = BigButton("Start a vote")
        self.new_button.setVisible(ctx.can("votes.run"))
        self.open_button = BigButton("Open vote", variant="secondary")
        self.open_note = label("Choose a vote in the list, then press Open vote.", "help")
        self.model = BallotsModel(self)
        self.table = words_table(self.model, "Votes, open ones first")
        self.empty_label = label("No votes yet. Press Start a vote to ask the first question.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(16)
        layout.addWidget(flow_row(self.new_button, self.open_button, self.open_note))
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self.new_button.clicked.connect(self.start_vote)
        self.open_button.clicked.connect(self.open_chosen)
        self.table.doubleClicked.connect(lambda _index: self.open_chosen())
        self.table.selectionModel().selectionChanged.connect(self._chosen_changed)
        self._chosen_changed()

    def refresh(self) -> None:
        rows = []
        for ballot in self.ctx.read(votes.list_ballots):
            people = self.ctx.read(votes.voters, ballot.ballot_id)
            voted = sum(p.voted for p in people)
            headline = (
                ""
                if ballot.is_open
                else self.ctx.read(vote_results.results, ballot.ballot_id).headline
            )
            rows.append((ballot, status_words(ballot, voted, len(people), headline)))
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self._chosen_changed()

    def chosen_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def _chosen_changed(self, *_args: object) -> None:
        self.open_button.setEnabled(self.chosen_id() is not None)

    def choose(self, ballot_id: int) -> None:
        row = self.model.row_of(ballot_id)
        if row >= 0:
            self.table.selectRow(row)

    def start_vote(self) -> None:
        from clubapp.ui.pages.ballot_form import BallotFormPage

        self.ctx.navigator.push(BallotFormPage(self.ctx, opened=self.open_ballot))

    def open_chosen(self) -> None:
        ballot_id = self.chosen_id()
        if ballot_id is not None:
            self.open_ballot(ballot_id)

    def open_ballot(self, ballot_id: int) -> None:
        self.ctx.navigator.push(BallotPage(self.ctx, ballot_id))


class BallotPage(Page):
    """One vote. Public: ``question_label``, ``voters_label``, ``vote_button``,
    ``hands_button``, ``close_button``, ``decision_button``, ``print_button``,
    ``programme_button``, ``tie_label``, ``news_label``, ``results``."""

    help_text = (
        "This page shows one vote. Start voting opens the voting screens: pass the laptop "
        "to each person in turn. For a show of hands, press Enter the counts. When "
        "everyone has voted, press Close the vote: the result shows here, and Print the "
        "result makes a large-print sheet of it. For a committee decision, press Write "
        "down the decision to put it in the minutes. For an activity choice, Put it on "
        "the programme adds what most people chose to the coming club sessions."
    )
    TIE_WORDS = "The vote was a tie: choose the activity yourself on the Programme page."
    domains = (COMMITTEE, PEOPLE)

    def __init__(self, ctx: AppContext, ballot_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ballot_id = ballot_id
        self.title = "A vote"
        self.can_run = ctx.can("votes.run")
        self.ballot: BallotRow | None = None
        self.result: BallotResult | None = None
        self.problem_label = label(role="error")
        self.problem_label.hide()
        self.question_label = label(role="subheading")
        self.about_label = label()
        self.choices_label = label()
        self.voters_label = label()
        self.named_label = label()
        self.named_label.hide()
        self.decided_label = label(role="label")
        self.decided_label.hide()
        self.vote_button = BigButton("Start voting")
        self.hands_button = BigButton("Enter the counts")
        self.close_button = BigButton("Close the vote", variant="secondary")
        self.decision_button = BigButton("Write down the decision")
        self.print_button = BigButton("Print the result", variant="secondary")
        self.programme_button = BigButton("Put it on the programme")
        self.action_error = label(role="error")
        self.action_error.hide()
        self.tie_label = label(self.TIE_WORDS)
        self.tie_label.hide()
        self.news_label = label()
        self.news_label.hide()
        self.results = ResultsView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(16)
        for widget in (
            self.problem_label,
            self.question_label,
            self.about_label,
            self.choices_label,
            self.voters_label,
            self.named_label,
            self.decided_label,
        ):
            layout.addWidget(widget)
        layout.addWidget(
            flow_row(
                self.vote_button,
                self.hands_button,
                self.close_button,
                self.decision_button,
                self.programme_button,
                self.print_button,
            )
        )
        layout.addWidget(self.action_error)
        layout.addWidget(self.tie_label)
        layout.addWidget(self.news_label)
        layout.addWidget(self.results)
        layout.addStretch(1)
        self.vote_button.clicked.connect(self.start_voting)
        self.hands_button.clicked.connect(self.enter_counts)
        self.close_button.clicked.connect(self.close_vote)
        self.decision_button.clicked.connect(self.write_decision)
        self.print_button.clicked.connect(self.print_result)
        self.programme_button.clicked.connect(self.put_on_programme)

    def refresh(self) -> None:
        try:
            ballot = self.ctx.read(votes.get_ballot, self.ballot_id)
        except (NotAllowed, NotFound) as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            for button in (self.vote_button, self.hands_button, self.close_button):
                button.hide()
            self.decision_button.hide()
            self.print_button.hide()
            self.programme_button.hide()
            self.tie_label.hide()
            self.results.hide()
            return
        self.ballot = ballot
        self.title = ballot.kind_words
        self.question_label.setText(ballot.question)
        self.about_label.setText(f"{ballot.where_words}. {ballot.method_words}.")
        choices = [o.words for o in ballot.options]
        if ballot.each_in_turn:
            self.choices_label.setText(
                "Candidates (yes, no or not sure for each): " + ", ".join(choices) + "."
            )
        elif ballot.kind == "election":
            self.choices_label.setText(
                f"Candidates for {ballot.seats} "
                f"{'place' if ballot.seats == 1 else 'places'}: " + ", ".join(choices) + "."
            )
        else:
            many = " People may pick all they like." if ballot.pick_many else ""
            self.choices_label.setText("Choices: " + ", ".join(choices) + "." + many)
        people = self.ctx.read(votes.voters, self.ballot_id)
        voted = [p.name for p in people if p.voted]
        waiting = [p.name for p in people if not p.voted]
        if ballot.method == "hands":
            self.voters_label.setText(
                f"{len(people)} {'person is' if len(people) == 1 else 'people are'} marked "
                "present to vote."
            )
        elif not people:
            self.voters_label.setText(
                "Nobody who may vote is marked present yet. Mark who is here first."
            )
        elif ballot.is_open:
            words = f"{len(voted)} of {len(people)} have voted."
            if waiting:
                words += " Still to vote: " + ", ".join(waiting) + "."
            self.voters_label.setText(words)
        else:
            words = f"{len(voted)} of {len(people)} voted."
            if waiting:
                words += " Did not vote: " + ", ".join(waiting) + "."
            self.voters_label.setText(words)
        self.named_label.setVisible(ballot.method == "named" and not ballot.is_open)
        if self.named_label.isVisibleTo(self):
            lines = [
                f"{c.name}: {c.chose}" + (f" (helped by {c.helped_by})" if c.helped_by else "")
                for c in self.ctx.read(votes.named_choices, self.ballot_id)
            ]
            self.named_label.setText("Who chose what (a named vote):\n" + "\n".join(lines))
        self.decided_label.setVisible(ballot.decision_id is not None)
        if ballot.decision_id is not None and ballot.meeting_id is not None:
            detail = self.ctx.read(meetings.get_meeting, ballot.meeting_id)
            decided = next(
                (d for d in detail.decisions if d.decision_id == ballot.decision_id), None
            )
            self.decided_label.setText(
                f"Written down in the meeting's record: {decided.outcome_words}."
                if decided is not None
                else "Written down in the meeting's record."
            )
        is_open = ballot.is_open
        self.vote_button.setVisible(self.can_run and is_open and ballot.method != "hands")
        self.vote_button.setEnabled(bool(waiting))
        self.hands_button.setVisible(self.can_run and is_open and ballot.method == "hands")
        self.close_button.setVisible(self.can_run and is_open)
        self.result = None
        if not is_open or ballot.method == "hands":
            self.result = self.ctx.read(vote_results.results, self.ballot_id)
            self.results.show_result(self.result)
        self.results.setVisible(self.result is not None)
        self.decision_button.setVisible(
            self.can_run
            and ballot.kind == "decision"
            and not is_open
            and ballot.decision_id is None
            and self.ctx.can("committee.run")
            and self.result is not None
            and self.result.voted > 0
        )
        # A printed result is for a finished vote only (a show of hands too).
        self.print_button.setVisible(not is_open and self.result is not None)
        chose = (
            ballot.kind == "activity"
            and not is_open
            and self.result is not None
            and self.result.voted > 0
            and self.ctx.can("programme.edit")
        )
        one_winner = self.result is not None and len(self.result.winners) == 1
        self.programme_button.setVisible(chose and one_winner)
        self.tie_label.setVisible(chose and not one_winner)

    def start_voting(self) -> None:
        from clubapp.ui.voting.page import VotingPage

        self.ctx.navigator.push(VotingPage(self.ctx, self.ballot_id))

    def enter_counts(self) -> None:
        self.ctx.navigator.push(HandsPage(self.ctx, self.ballot_id))

    def close_vote(self) -> None:
        if self.ballot is None:
            return
        if not ask_to_confirm(
            self,
            "Close the vote",
            "Close this vote? Nobody else can vote after this, and the result is shown.",
            "Yes, close the vote",
        ):
            return
        self.action_error.hide()
        try:
            self.ctx.run(votes.close_ballot, self.ballot_id, changed=COMMITTEE)
        except SERVICE_ERRORS as exc:
            self.action_error.setText(str(exc))
            self.action_error.show()
            return
        self.ctx.db.forget_history()  # nothing of the voting left in the log

    def write_decision(self) -> None:
        from clubapp.ui.pages.decision import DecisionPage

        if self.ballot is None or self.ballot.meeting_id is None or self.result is None:
            return
        self.ctx.navigator.push(
            DecisionPage(self.ctx, self.ballot.meeting_id, self.ballot.item_id, ballot=self.result)
        )

    def print_result(self) -> None:
        from clubapp.services import vote_printouts

        ctx, ballot_id = self.ctx, self.ballot_id
        ctx.navigator.show_pdf(
            "The result of the vote",
            lambda: ctx.read(vote_printouts.results, ballot_id, ctx.today()),
            f"vote-result-{ballot_id}.pdf",
        )

    def put_on_programme(self) -> None:
        from clubapp.ui.pages.programme import FromVotePage

        self.news_label.hide()
        self.action_error.hide()
        try:
            page = FromVotePage(self.ctx, self.ballot_id, done=self._tell)
        except SERVICE_ERRORS as exc:
            self.action_error.setText(str(exc))
            self.action_error.show()
            return
        self.ctx.navigator.push(page)

    def _tell(self, words: str) -> None:
        self.news_label.setText(words)
        self.news_label.show()


class HandsPage(FormPage):
    """The counts of a show of hands, with big + and − for each choice."""

    title = "Count the hands"
    save_text = "Save the counts"
    help_text = (
        "The chair asks for hands for each choice in turn and counts them. Press + and − "
        "(or type the number) for each. Save the counts; you can change them until the "
        "vote is closed."
    )

    def __init__(self, ctx: AppContext, ballot_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ballot_id = ballot_id
        ballot = ctx.read(votes.get_ballot, ballot_id)
        self.ballot = ballot
        self.set_intro(ballot.question)
        try:
            shown = ctx.read(vote_results.results, ballot_id).lines
            known = {}
            for line in shown:
                if ballot.each_in_turn:
                    known[(line.option_id, "yes")] = line.votes
                    known[(line.option_id, "no")] = line.no
                    known[(line.option_id, "not_sure")] = line.not_sure
                else:
                    known[(line.option_id, "chosen")] = line.votes
        except SERVICE_ERRORS:
            known = {}
        self.steppers: dict[Answer, NumberStepper] = {}
        for option in ballot.options:
            answers = tuple(ANSWER_WORDS) if ballot.each_in_turn else ("chosen",)
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(16)
            if option.picture:
                row.addWidget(PictureLabel(option.picture, 64), 0, Qt.AlignmentFlag.AlignTop)
            column = QVBoxLayout()
            for answer in answers:
                words = option.words if answer == "chosen" else ANSWER_WORDS[answer]
                stepper = NumberStepper(f"{option.words}: {words}", 0, MAX_HANDS, large=True)
                stepper.set_value(known.get((option.option_id, answer), 0))
                self.steppers[(option.option_id, answer)] = stepper
                if answer != "chosen":
                    column.addWidget(QLabel(ANSWER_WORDS[answer]))
                column.addWidget(stepper)
            row.addLayout(column, 1)
            field = self.form.add_field(f"option_{option.option_id}", option.words, box)
            field.label.setProperty("role", "large")
        self.mark_unchanged()

    def values(self) -> dict[Answer, int]:
        return {key: stepper.value() for key, stepper in self.steppers.items()}

    def submit(self) -> None:
        self.ctx.run(
            votes.set_hand_counts,
            self.ballot_id,
            self.values(),
            today=self.ctx.today(),
            changed=COMMITTEE,
        )
