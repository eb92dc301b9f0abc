"""The voting screens, one question per screen, passed from hand to hand.

1. Who is voting? Each person who may vote and has not yet taps their own tile.
   (In a named vote they then say whether someone helped them.)
2. The question, with 2 to 5 big choices; keys 1–5 choose. In "pick all you like"
   or an election for several places, the choices tick on and off, then "That's my
   choice" (or Enter). An uncontested election asks yes / no / not sure for each
   candidate, with the candidate's photo or initials beside the question.
3. "You chose …" large, with its picture: "Yes, that's my vote" (Enter) or "Go back"
   (Escape, as on the question).
4. "Thank you, your vote is counted. Please pass the laptop on."

The buttons that move the flow on or back sit above the choices, under the question,
so they are on the screen without scrolling; so does what a tap changed ("You have
chosen 2", or why a tap did nothing). Every word a voter reads is at least 28 pt at
100 % text. Nothing here shows a running count. A second tap within half a second of
a screen changing does nothing (a tremor, a double tap). There is no time limit.

Only the screen itself scrolls, under a fixed top row with the coordinator's quiet
"Stop voting", which asks for the signed-in person's password.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import members, users, votes
from clubapp.services.votes import Answer, BallotRow, OptionRow, VoterRow
from clubapp.ui.context import COMMITTEE, AppContext
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.signin import ShowPassword, password_box
from clubapp.ui.theme import current_scale, scaled_px
from clubapp.ui.voting.speech import Speaker, system_speaker
from clubapp.ui.voting.tiles import (
    VOTE_TEXT_FACTOR,
    CandidateFace,
    ChoiceCard,
    ChoiceTile,
    VoterTile,
    choice_colour,
)
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.messages import ConfirmDialog, ask_to_confirm, room_on_screen

GUARD_SECONDS = 0.5  # taps this soon after a screen changes are ignored
VOTES = COMMITTEE  # a vote's news goes to the committee's pages and the votes room

THANKS = "Thank you, your vote is counted. Please pass the laptop on."
EVERYONE_VOTED = "Everyone here has voted. Thank you."
NOT_COUNTED = "This vote was not counted."
LAST_CONFIRM = "Yes, that's my vote"
NEXT_CONFIRM = "That's my answer, next question"
STOP_QUESTION = (
    "Stop voting for now? The vote stays open: votes already given are kept, and you "
    "can carry on later, or close the vote to see the result."
)
TILE_GAP = 8  # between tiles' outer edges; each keeps 8 px more for its focus ring


def _label(text: str = "", role: str = "vote_words") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setProperty("role", role)
    return widget


class _ErrorLabel(QLabel):
    """An error at the voting screens' size (the stylesheet's error role has no size
    of its own), following the text size."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("role", "error")
        self._fit_font()

    def _fit_font(self) -> None:
        font = QFont()  # only the size: the family and weight still come from the theme
        font.setPointSizeF(QApplication.font().pointSizeF() * VOTE_TEXT_FACTOR)
        self.setFont(font)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:  # the text size changed
            self._fit_font()
        return super().event(event)


@dataclass(frozen=True)
class _Asked:
    """One screen's question: the choices on it, and the answer each tile stands for."""

    question: str
    options: tuple[OptionRow, ...]
    answers: tuple[str, ...]  # per tile: "chosen", or yes / no / not_sure for one candidate
    many: int  # how many tiles may be chosen together (1: a tap goes straight on)
    candidate: OptionRow | None = None  # each in turn: who this screen asks about


class _Screen(QWidget):
    """A screen that scrolls rather than clip when the text is very large."""

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(24, 16, 24, 16)
        self.column.setSpacing(16)
        self.area.setWidget(body)
        outer.addWidget(self.area)

    def to_top(self) -> None:
        self.area.verticalScrollBar().setValue(0)


class StopVotingDialog(ConfirmDialog):
    """Asks "Stop voting for now?" with the signed-in person's password, so a voter's
    two taps cannot leave the voting screens. A wrong password says so beside the box and
    the voting carries on; what was typed stays. The question and the box scroll
    together if the text is too large for the screen; the buttons stay in view."""

    def __init__(self, parent: QWidget | None, name: str, check: Callable[[str], str]) -> None:
        super().__init__(parent, "Stop voting", STOP_QUESTION, "Stop voting", "Carry on voting")
        self._check = check
        self._name = name
        self.password = password_box(self)
        self.field = FieldRow(f"{name}'s password", self.password)
        self.show_password = ShowPassword(self.password)
        message = self.scroll_area.takeWidget()
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        for widget in (message, self.field, self.show_password):
            column.addWidget(widget)
        self.scroll_area.setWidget(self.body)
        # Enter in the box tries the password; Escape (or "Carry on voting") goes back.
        self.cancel_button.setDefault(False)
        self._default_button(self.confirm_button)
        self.confirm_button.clicked.disconnect()
        self.confirm_button.clicked.connect(self.try_password)

    def _fit(self) -> QSize:
        """As `_MessageDialog._fit`, with the question and the password box together in
        the part that scrolls (there only the message is)."""
        layout = self.layout()
        assert layout is not None
        room = room_on_screen(self)
        width = max(layout.minimumSize().width(), scaled_px(560, current_scale()))
        width = min(width, room.width())
        margins = layout.contentsMargins()
        body = self.body.heightForWidth(width - margins.left() - margins.right())
        self.scroll_area.setFixedHeight(max(1, body))
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        height = layout.totalHeightForWidth(width)
        if height > room.height():
            self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.scroll_area.setFixedHeight(max(1, body - (height - room.height())))
            height = room.height()
        return QSize(width, height)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_password(self) -> None:
        typed = self.password.text()
        problem = self._check(typed) if typed else f"Type {self._name}'s password first."
        if not problem:
            self.accept()
            return
        self.field.show_error(problem)
        # Room for the message: the window grows (or scrolls to it) rather than cut it.
        self.resize(self._fit())
        self.scroll_area.ensureWidgetVisible(self.field.error_label)
        self.password.selectAll()
        self.password.setFocus()


class VotingFlow(QWidget):
    """The screens of one ballot. ``stopped`` when the coordinator stops voting."""

    stopped = Signal()

    def __init__(
        self,
        ctx: AppContext,
        ballot_id: int,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
        speaker: Callable[[], Speaker | None] = system_speaker,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ballot_id = ballot_id
        self._clock = clock
        self.speaker = speaker()  # None: this computer cannot read aloud
        self._ready_at = 0.0
        self.ballot: BallotRow = ctx.read(votes.get_ballot, ballot_id)
        self.voter: VoterRow | None = None
        self.helper_id: int | None = None
        self._asked: list[_Asked] = self._questions()
        # Faces for the voters' tiles and the candidates (only with photo consent).
        people = [v.person_id for v in ctx.read(votes.voters, ballot_id)]
        people += [o.person_id for o in self.ballot.options if o.person_id is not None]
        self._faces: dict[int, bytes] = (
            ctx.read(members.photos, people, ctx.today()) if ctx.can("people.see") else {}
        )
        self._step = 0
        self._answers: list[list[Answer]] = [[] for _ in self._asked]
        self.stop_dialog: StopVotingDialog | None = None

        self.stop_button = BigButton("Stop voting", variant="quiet")
        self.stop_button.setAccessibleDescription("For the coordinator: leave the voting screens.")
        self.stop_button.clicked.connect(self.stop)
        self.top_row = QWidget(self)
        top = QHBoxLayout(self.top_row)
        top.setContentsMargins(24, 8, 24, 0)
        self.where_label = _label(self.ballot.where_words, "help")
        top.addWidget(self.where_label, 1)
        top.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignTop)

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget(self)
        self.who_screen = self._build_who()
        self.help_screen = self._build_helped()
        self.helper_screen = self._build_helper()
        self.question_screen = self._build_question()
        self.confirm_screen = self._build_confirm()
        self.thanks_screen = self._build_thanks()
        self.refused_screen = self._build_refused()
        for screen in (
            self.who_screen,
            self.help_screen,
            self.helper_screen,
            self.question_screen,
            self.confirm_screen,
            self.thanks_screen,
            self.refused_screen,
        ):
            self.stack.addWidget(screen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_row)
        layout.addWidget(self.stack, 1)
        self.show_who()

    # ------------------------------------------------------------ the questions

    def _questions(self) -> list[_Asked]:
        ballot = self.ballot
        if ballot.each_in_turn:
            decision = tuple(
                OptionRow(0, i, words, code, False, code, None, None)
                for i, (code, words) in enumerate(votes.DECISION_CHOICES)
            )
            return [
                _Asked(
                    f"Should {candidate.words} be elected?",
                    decision,
                    tuple(code for code, _ in votes.DECISION_CHOICES),
                    1,
                    candidate,
                )
                for candidate in ballot.options
            ]
        many = ballot.most_choices
        return [_Asked(ballot.question, ballot.options, ("chosen",) * len(ballot.options), many)]

    # ------------------------------------------------------------ guard

    def _switch(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        if isinstance(screen, _Screen):
            screen.to_top()  # the question and the buttons first
        self._ready_at = self._clock() + GUARD_SECONDS
        # The keys (1–5, Enter, Escape) come to the flow; no button looks chosen
        # before anyone has touched one (a yellow focus fill reads as "picked").
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def ready(self) -> bool:
        """False just after a screen changed: that tap was meant for the last screen."""
        return self._clock() >= self._ready_at

    # ------------------------------------------------------------ 1. who

    def _build_who(self) -> _Screen:
        screen = _Screen()
        self.who_heading = _label("Who is voting now?", "vote_question")
        secret = self.ballot.method == "secret"
        self.who_help = _label(
            "Tap your name. Nobody will see how you vote."
            if secret
            else "Tap your name. Your name is kept with your vote."
        )
        self.voter_tiles = FlowBox(spacing=16, align=Qt.AlignmentFlag.AlignTop)
        self.done_label = _label(EVERYONE_VOTED, "vote_question")
        for widget in (self.who_heading, self.who_help, self.voter_tiles, self.done_label):
            screen.column.addWidget(widget)
        screen.column.addStretch(1)
        return screen

    def show_who(self) -> None:
        self.voter = None
        self.helper_id = None
        self._step = 0
        self._answers = [[] for _ in self._asked]
        waiting = [v for v in self.ctx.read(votes.voters, self.ballot_id) if not v.voted]
        for tile in self.voter_tiles.widgets():
            tile.deleteLater()
        self.voter_tiles.remove_all()
        for voter in waiting:
            tile = VoterTile(voter.name, checkable=False, photo=self._face(voter.person_id))
            tile.clicked.connect(lambda _=False, v=voter: self.choose_voter(v))
            self.voter_tiles.add_widget(tile)
        self.voter_tiles.setVisible(bool(waiting))
        self.who_help.setVisible(bool(waiting))
        self.who_heading.setVisible(bool(waiting))
        self.done_label.setVisible(not waiting)
        self._switch(self.who_screen)

    def voter_names(self) -> list[str]:
        return [t.name() for t in self.voter_tiles.widgets() if isinstance(t, VoterTile)]

    def voter_tile(self, name: str) -> VoterTile:
        return next(
            t for t in self.voter_tiles.widgets() if isinstance(t, VoterTile) and t.name() == name
        )

    def choose_voter(self, voter: VoterRow) -> None:
        if not self.ready():
            return
        self.voter = voter
        if self.ballot.method == "named":
            self.helped_heading.setText(f"{voter.name}, did someone help you vote?")
            self._switch(self.help_screen)
        else:
            self.show_question()

    # ------------------------------------------------------------ 1b. helped (named votes)

    def _build_helped(self) -> _Screen:
        screen = _Screen()
        self.helped_heading = _label("", "vote_question")
        self.helped_help = _label("Say yes only if you are happy for this to be written down.")
        self.alone_button = BigButton("No, I am voting on my own", variant="vote")
        self.helped_button = BigButton("Yes, someone is helping me", variant="vote")
        self.alone_button.clicked.connect(self._on_own)
        self.helped_button.clicked.connect(self._with_help)
        screen.column.addWidget(self.helped_heading)
        screen.column.addWidget(self.helped_help)
        screen.column.addWidget(flow_row(self.alone_button, self.helped_button, spacing=24))
        screen.column.addStretch(1)
        return screen

    def _on_own(self) -> None:
        if self.ready():
            self.helper_id = None
            self.show_question()

    def _with_help(self) -> None:
        if not self.ready():
            return
        for tile in self.helper_tiles.widgets():
            tile.deleteLater()
        self.helper_tiles.remove_all()
        assert self.voter is not None
        for person in self.ctx.read(votes.people_present, self.ballot_id):
            if person.person_id == self.voter.person_id:
                continue
            tile = VoterTile(person.name, checkable=False)
            tile.clicked.connect(lambda _=False, p=person.person_id: self._helped_by(p))
            self.helper_tiles.add_widget(tile)
        self._switch(self.helper_screen)

    def _build_helper(self) -> _Screen:
        screen = _Screen()
        screen.column.addWidget(_label("Who is helping?", "vote_question"))
        self.helper_back = BigButton("Go back", variant="vote")
        self.helper_back.clicked.connect(self._back_to_helped)
        self.helper_tiles = FlowBox(spacing=16, align=Qt.AlignmentFlag.AlignTop)
        screen.column.addWidget(flow_row(self.helper_back))
        screen.column.addWidget(self.helper_tiles)
        screen.column.addStretch(1)
        return screen

    def _back_to_helped(self) -> None:
        if self.ready():
            self._switch(self.help_screen)

    def helper_tile(self, name: str) -> VoterTile:
        return next(
            t for t in self.helper_tiles.widgets() if isinstance(t, VoterTile) and t.name() == name
        )

    def _helped_by(self, person_id: int) -> None:
        if self.ready():
            self.helper_id = person_id
            self.show_question()

    # ------------------------------------------------------------ 2. the question

    def _build_question(self) -> _Screen:
        screen = _Screen()
        self.question_label = _label("", "vote_question")
        self.candidate_face: CandidateFace | None = None  # each in turn: who it is about
        heading = QWidget()
        self._heading_row = QHBoxLayout(heading)
        self._heading_row.setContentsMargins(0, 0, 0, 0)
        self._heading_row.setSpacing(24)
        self._heading_row.addWidget(self.question_label, 1)
        self.question_help = _label("")
        self.done_button = BigButton("That's my choice", variant="vote_primary")
        self.done_button.clicked.connect(self._many_done)
        self.question_back = BigButton("Go back", variant="vote")
        self.question_back.clicked.connect(self._question_back)
        self.read_button = BigButton("Read it aloud", variant="vote")
        self.read_button.clicked.connect(self.read_question)
        self.read_button.setVisible(self.speaker is not None)
        # What moves the flow, and what a tap changed, come before the choices, so they
        # are in view without scrolling however many choices there are.
        self.question_actions = flow_row(
            self.done_button, self.question_back, self.read_button, spacing=24
        )
        self.choose_note = _label("")  # how many are chosen
        self.limit_note = _ErrorLabel()  # why a tap did nothing
        # One place for both, as tall as the taller: the choices never move on a tap.
        self.note_slot = QStackedWidget()
        self.note_slot.addWidget(self.choose_note)
        self.note_slot.addWidget(self.limit_note)
        self.choice_tiles = FlowBox(spacing=TILE_GAP, align=Qt.AlignmentFlag.AlignTop)
        for widget in (
            heading,
            self.question_help,
            self.question_actions,
            self.note_slot,
            self.choice_tiles,
        ):
            screen.column.addWidget(widget)
        screen.column.addStretch(1)
        return screen

    def question_words(self) -> str:
        """The question and each choice with its number, as they are read aloud."""
        asked = self.asked()
        choices = ". ".join(f"{n}: {o.words}" for n, o in enumerate(asked.options, start=1))
        return f"{asked.question} {choices}."

    def read_question(self) -> None:
        if self.speaker is not None:
            self.speaker.say(self.question_words())

    def asked(self) -> _Asked:
        return self._asked[self._step]

    def show_question(self) -> None:
        asked = self.asked()
        self.question_label.setText(asked.question)
        if asked.many > 1:
            self.question_help.setText(
                "Tap all the ones you like, then press “That's my choice”."
                if asked.many >= len(asked.options)
                else f"Tap up to {asked.many}, then press “That's my choice”."
            )
        else:
            self.question_help.setText("Tap one, or press its number key.")
        if self.candidate_face is not None:
            self._heading_row.removeWidget(self.candidate_face)
            self.candidate_face.deleteLater()
            self.candidate_face = None
        if asked.candidate is not None:
            # Who the question is about: their photo, or their initials, by the question.
            self.candidate_face = CandidateFace(
                asked.candidate.words,
                photo=self._photo(asked.candidate),
                colour_of=choice_colour(asked.candidate.position),
            )
            self._heading_row.insertWidget(0, self.candidate_face, 0, Qt.AlignmentFlag.AlignTop)
        for tile in self.choice_tiles.widgets():
            tile.deleteLater()
        self.choice_tiles.remove_all()
        chosen = {option_id for option_id, _ in self._answers[self._step]}
        for number, (option, answer) in enumerate(
            zip(asked.options, asked.answers, strict=True), start=1
        ):
            tile = ChoiceTile(
                number,
                option.words,
                picture=option.picture,
                photo=self._photo(option),
                colour_of=choice_colour(number - 1, option.code),
                checkable=asked.many > 1,
            )
            tile.setChecked(option.option_id in chosen and asked.many > 1)
            tile.clicked.connect(lambda _=False, t=tile, a=answer: self._tapped(t, a))
            self.choice_tiles.add_widget(tile)
        self.done_button.setVisible(asked.many > 1)
        self.note_slot.setVisible(asked.many > 1)
        limited = 1 < asked.many < len(asked.options)
        self.limit_note.setText(
            f"You can choose up to {asked.many}. To change, tap a ticked one first."
            if limited
            else ""
        )
        self._update_many()
        self._switch(self.question_screen)

    def _face(self, person_id: int) -> QPixmap | None:
        data = self._faces.get(person_id)
        if data is None:
            return None
        pixmap = QPixmap()
        return pixmap if pixmap.loadFromData(data) else None

    def _photo(self, option: OptionRow) -> bytes | None:
        if option.person_id is not None:
            return self._faces.get(option.person_id)  # a candidate's own photo, or initials
        if not option.has_photo:
            return None
        return self.ctx.read(votes.option_photo, option.option_id)

    def tiles(self) -> list[ChoiceTile]:
        return [t for t in self.choice_tiles.widgets() if isinstance(t, ChoiceTile)]

    def _option_of(self, tile: ChoiceTile) -> OptionRow:
        asked = self.asked()
        option = asked.options[tile.number - 1]
        return asked.candidate if asked.candidate is not None else option

    def _tapped(self, tile: ChoiceTile, answer: str) -> None:
        asked = self.asked()
        if not self.ready():
            if tile.isCheckable():  # undo the toggle Qt already made
                tile.setChecked(not tile.isChecked())
            return
        if asked.many == 1:
            option = self._option_of(tile)
            code = asked.options[tile.number - 1].code if asked.candidate else None
            self._answers[self._step] = [(option.option_id, code or answer)]
            self.show_confirm()
            return
        picked = [t for t in self.tiles() if t.isChecked()]
        if len(picked) > asked.many:
            tile.setChecked(False)
            # Said where it is seen: above the choices, in place of the count.
            self.note_slot.setCurrentWidget(self.limit_note)
            self.question_screen.area.ensureWidgetVisible(self.note_slot)
            return
        self._answers[self._step] = [(self._option_of(t).option_id, answer) for t in picked]
        self._update_many()

    def _update_many(self) -> None:
        asked = self.asked()
        if asked.many <= 1:
            return
        count = len(self._answers[self._step])
        self.done_button.setEnabled(count > 0)
        # The stylesheet's dark blue beats its grey for a disabled button: look plain
        # until there is something to confirm.
        self.done_button.setVariant("vote_primary" if count else "vote")
        self.note_slot.setCurrentWidget(self.choose_note)
        self.choose_note.setText(
            "Nothing chosen yet." if count == 0 else f"You have chosen {count}."
        )

    def _many_done(self) -> None:
        if self.ready() and self._answers[self._step]:
            self.show_confirm()

    def _question_back(self) -> None:
        if not self.ready():
            return
        if self._step > 0:
            self._step -= 1
            self.show_question()
        else:
            self.show_who()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        """Keys 1–5 choose on the question screen; Enter presses the button that moves
        on ("That's my choice", "Yes, that's my vote", "Back to the names") and Escape
        the one that goes back."""
        current = self.stack.currentWidget()
        key = event.key()
        if current is self.question_screen and Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            number = key - Qt.Key.Key_1 + 1
            tiles = self.tiles()
            if number <= len(tiles) and not event.isAutoRepeat():
                tiles[number - 1].click()
            event.accept()
            return
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        escape = key == Qt.Key.Key_Escape
        moves = {
            self.question_screen: (self.done_button, self.question_back),
            self.confirm_screen: (self.confirm_button, self.change_button),
            self.helper_screen: (None, self.helper_back),
            self.refused_screen: (self.names_button, self.names_button),
        }
        if current in moves and (enter or escape):
            if not event.isAutoRepeat():
                button = moves[current][0 if enter else 1]
                if button is not None and button.isVisible() and button.isEnabled():
                    button.click()
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ 3. confirm

    def _build_confirm(self) -> _Screen:
        screen = _Screen()
        self.confirm_heading = _label("You chose:", "vote_question")
        self.confirm_tiles = FlowBox(spacing=24, align=Qt.AlignmentFlag.AlignTop)
        self.confirm_button = BigButton(LAST_CONFIRM, variant="vote_primary")
        self.change_button = BigButton("Go back", variant="vote")
        self.confirm_button.clicked.connect(self.confirm)
        self.change_button.clicked.connect(self._change)
        self.read_choice_button = BigButton("Read it aloud", variant="vote")
        self.read_choice_button.clicked.connect(self.read_choice)
        self.read_choice_button.setVisible(self.speaker is not None)
        screen.column.addWidget(self.confirm_heading)
        screen.column.addWidget(self.confirm_tiles)
        screen.column.addWidget(
            flow_row(self.confirm_button, self.change_button, self.read_choice_button, spacing=24)
        )
        screen.column.addStretch(1)
        return screen

    def show_confirm(self) -> None:
        asked = self.asked()
        for tile in self.confirm_tiles.widgets():
            tile.deleteLater()
        self.confirm_tiles.remove_all()
        shown = {option_id for option_id, _ in self._answers[self._step]}
        answer_codes = {code for _, code in self._answers[self._step]}
        heading = "You chose:"
        if asked.candidate is not None:
            heading = f"For {asked.candidate.words} you chose:"
        self.confirm_heading.setText(heading)
        one = len(self._answers[self._step]) == 1
        for number, option in enumerate(asked.options, start=1):
            picked = (
                option.code in answer_codes
                if asked.candidate is not None
                else option.option_id in shown
            )
            if not picked:
                continue
            card = ChoiceCard(
                number,
                option.words,
                picture=option.picture,
                photo=self._photo(option),
                colour_of=choice_colour(number - 1, option.code),
                large=one,  # one choice shown bigger still; several keep the buttons in view
            )
            self.confirm_tiles.add_widget(card)
        self._word_confirm()
        self._switch(self.confirm_screen)

    def _word_confirm(self) -> None:
        """ "Yes, that's my vote" on the last question; before it, not "Yes, …" (after
        choosing No it would read "Yes"). On two lines if one is wider than the screen
        (at large text)."""
        last = self._step == len(self._asked) - 1
        words = LAST_CONFIRM if last else NEXT_CONFIRM
        self.confirm_button.setText(words)
        # The stack's width, as the screen may not be laid out before it first shows;
        # less the margins and a scroll bar.
        margins = self.confirm_screen.column.contentsMargins()
        bar = self.confirm_screen.area.verticalScrollBar().sizeHint().width()
        room = self.stack.width() - margins.left() - margins.right() - bar
        if self.confirm_button.sizeHint().width() > room:
            self.confirm_button.setText(words.replace(", ", ",\n", 1))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.voter is not None:
            self._word_confirm()

    def read_choice(self) -> None:
        if self.speaker is not None:
            chosen = " and ".join(self.confirmed_words())
            button = " ".join(self.confirm_button.text().split())  # on one line
            self.speaker.say(f"You chose {chosen}. Press {button}. Or press Go back to change it.")

    def confirmed_words(self) -> list[str]:
        return [c.words for c in self.confirm_tiles.widgets() if isinstance(c, ChoiceCard)]

    def _change(self) -> None:
        if self.ready():
            self.show_question()

    def confirm(self) -> None:
        if not self.ready() or self.voter is None:
            return
        if self._step < len(self._asked) - 1:
            self._step += 1
            self.show_question()
            return
        answers = [answer for step in self._answers for answer in step]
        try:
            self.ctx.run(
                votes.cast_vote,
                self.ballot_id,
                self.voter.person_id,
                answers,
                self.helper_id,
                today=self.ctx.today(),
                changed=VOTES,
            )
        except SERVICE_ERRORS as exc:
            self.show_refused(str(exc))
            return
        if self.ballot.method == "secret":
            # The log would otherwise keep this vote's change of count beside the voter.
            self.ctx.db.forget_history()
        self._switch(self.thanks_screen)

    # ------------------------------------------------------------ 3b. not counted

    def _build_refused(self) -> _Screen:
        screen = _Screen()
        self.refused_heading = _label(NOT_COUNTED, "vote_question")
        self.refused_label = _label("")
        self.names_button = BigButton("Back to the names", variant="vote_primary")
        self.names_button.clicked.connect(self._back_to_names)
        screen.column.addWidget(self.refused_heading)
        screen.column.addWidget(self.refused_label)
        screen.column.addWidget(flow_row(self.names_button))
        screen.column.addStretch(1)
        return screen

    def show_refused(self, reason: str) -> None:
        """The vote could not be counted (someone voted as this person on another
        screen, the vote was closed): say why, and the only way on is to the names."""
        self.refused_label.setText(f"{reason} If you are not sure why, ask the coordinator.")
        self._switch(self.refused_screen)

    def _back_to_names(self) -> None:
        if self.ready():
            self.show_who()

    # ------------------------------------------------------------ 4. thanks

    def _build_thanks(self) -> _Screen:
        screen = _Screen()
        self.thanks_label = _label(THANKS, "vote_question")
        self.next_button = BigButton("Next person", variant="vote_primary")
        self.next_button.clicked.connect(self._next_person)
        screen.column.addWidget(self.thanks_label)
        screen.column.addWidget(flow_row(self.next_button))
        screen.column.addStretch(1)
        return screen

    def _next_person(self) -> None:
        if self.ready():
            self.show_who()

    # ------------------------------------------------------------ the way out

    def stop(self) -> None:
        """Leave the voting screens, once the signed-in person's password says it is
        them (the command line has no password: it only asks)."""
        actor = self.ctx.actor
        if not actor.user_id:
            if ask_to_confirm(self, "Stop voting", STOP_QUESTION, "Stop voting", "Carry on voting"):
                self.stopped.emit()
            return
        self.stop_dialog = StopVotingDialog(self, actor.name, self._password_problem)
        try:
            stop = self.stop_dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.stop_dialog.deleteLater()
            self.stop_dialog = None
        if stop:
            self.stopped.emit()
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _password_problem(self, password: str) -> str:
        """ "" if ``password`` is the signed-in person's; else what is wrong, in plain
        words (the sign-in check counts wrong tries and asks for a wait after many)."""
        user_id = self.ctx.actor.user_id
        assert user_id is not None
        result = self.ctx.db.run_bookkeeping(users.sign_in, user_id, password)
        if result.actor is not None and result.actor.user_id == user_id:
            return ""
        return result.message or "That password is not right."
