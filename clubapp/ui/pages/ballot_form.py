"""Start a vote: what it is about, the question, where it is taken (whoever is marked
present there votes), how people vote, and the choices with their pictures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from clubapp.pictures import PICTURE_WORDS, picture_names
from clubapp.services import attendance, meetings, programme, votes
from clubapp.services.programme import ActivityRow
from clubapp.services.votes import KIND_WORDS, MAX_OPTIONS, METHOD_WORDS, BallotInput, OptionInput
from clubapp.ui.context import COMMITTEE, AppContext
from clubapp.ui.pages.committee_forms import everyone
from clubapp.ui.pages.committee_words import day_words
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import ChoiceCombo, PersonCombo
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.inputs import BigCheck, TextBox
from clubapp.ui.widgets.pictures import photo_from_file, picture_pixmap
from clubapp.ui.widgets.steppers import NumberStepper

#: Meetings and sessions this many days back are offered (a vote on the day, or just after).
DAYS_BACK = 14

ACTIVITY_START = (
    ("singing", "Singing"),
    ("quiz", "A quiz"),
    ("gardening", "Gardening"),
)


class PictureCombo(ChoiceCombo):
    """Choose a picture from the library; each choice shows the picture and its words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, chars=14)
        px = 40
        self.setIconSize(QSize(px, px))
        for name in picture_names():
            if name in ("yes", "no", "not_sure"):
                continue
            self.addItem(QIcon(picture_pixmap(name, px)), PICTURE_WORDS[name], name)


class ChoiceEditor(QWidget):
    """One choice of an activity vote: one of the club's activities, or a few words with a
    picture from the library, or a photo the coordinator chooses."""

    def __init__(
        self,
        number: int,
        activities: list[ActivityRow],
        photo_of: Callable[[int], bytes | None] = lambda _activity_id: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.number = number
        self._photo_of = photo_of
        self._activities = {a.activity_id: a for a in activities}
        self.photo: bytes | None = None
        self.activity = ChoiceCombo(self, chars=20)
        self.activity.setAccessibleName(f"Choice {number}: one of the club's activities")
        self.activity.setIconSize(QSize(40, 40))
        self.activity.addItem("Something else (type it below)", None)
        for row in activities:
            icon = QIcon(picture_pixmap(row.picture, 40)) if row.picture else QIcon()
            self.activity.addItem(icon, row.name, row.activity_id)
        self.words = QLineEdit(self)
        self.words.setAccessibleName(f"Choice {number}: words")
        self.words.setPlaceholderText("A few words")
        self.picture = PictureCombo(self)
        self.picture.setAccessibleName(f"Choice {number}: picture")
        self.photo_button = BigButton("Use a photo instead", self, variant="secondary")
        self.photo_button.setAccessibleName(f"Choice {number}: use a photo instead")
        self.no_photo_button = BigButton("Use the picture again", self, variant="secondary")
        self.photo_note = QLabel(self)
        self.photo_note.setWordWrap(True)
        self.photo_error = QLabel(self)
        self.photo_error.setProperty("role", "error")
        self.photo_error.setWordWrap(True)
        self.photo_error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        if activities:
            layout.addWidget(self.activity)
        else:
            self.activity.hide()
        layout.addWidget(self.words)
        layout.addWidget(self.picture)
        layout.addWidget(flow_row(self.photo_button, self.no_photo_button, self.photo_note))
        layout.addWidget(self.photo_error)
        # Choosing a picture fills in empty words with the picture's own.
        self.picture.activated.connect(self._words_from_picture)
        self.activity.activated.connect(self._from_activity)
        self.photo_button.clicked.connect(self.choose_photo)
        self.no_photo_button.clicked.connect(lambda: self.set_photo(None))
        self.set_photo(None)

    def _words_from_picture(self, *_args: object) -> None:
        if not self.words.text().strip():
            self.words.setText(self.picture.currentText())

    def _from_activity(self, *_args: object) -> None:
        row = self._activities.get(self.activity.value())
        if row is None:
            return
        self.words.setText(row.name)
        if row.picture:
            self.picture.choose(row.picture)
        self.set_photo(self._photo_of(row.activity_id) if row.has_photo else None, row.name)

    def choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose a photo", str(Path.home()), "Photos (*.jpg *.jpeg *.png *.webp *.bmp)"
        )
        if path:
            self.set_photo_from_file(Path(path))

    def set_photo_from_file(self, path: Path) -> bool:
        data = photo_from_file(path)
        if data is None:
            self.photo_error.setText(
                "This file is not a photo clubapp can read. Choose a JPEG or PNG photo."
            )
            self.photo_error.show()
            return False
        self.photo_error.hide()
        self.set_photo(data, path.name)
        return True

    def set_photo(self, data: bytes | None, name: str = "") -> None:
        self.photo = data
        self.picture.setEnabled(data is None)
        self.no_photo_button.setVisible(data is not None)
        self.photo_button.setText("Choose another photo" if data else "Use a photo instead")
        self.photo_note.setText(f"The photo {name} is shown for this choice." if data else "")
        self.photo_note.setVisible(data is not None)

    def option(self) -> OptionInput | None:
        words = self.words.text().strip()
        if not words:
            return None
        chosen = self._activities.get(self.activity.value())
        return OptionInput(
            words,
            picture=None if self.photo else self.picture.value(),
            photo=self.photo,
            activity_id=chosen.activity_id if chosen and chosen.name == words else None,
        )


class BallotFormPage(FormPage):
    """Start a vote. ``opened`` is called with the new ballot's id once it is made."""

    title = "Start a vote"
    save_text = "Start this vote"
    help_text = (
        "Say what the vote is about and type the question in a few plain words. Choose "
        "where it is taken: the people marked present at that meeting or club session "
        "are the ones who vote (for a committee meeting, the trustees present). Choose "
        "how people vote: passing the laptop keeps each vote secret; a named vote keeps "
        "each voter's name with their vote; a show of hands is counted by the chair. For "
        "an activity choice give 2 to 5 choices, each with a picture."
    )
    domains = (COMMITTEE,)

    def __init__(
        self,
        ctx: AppContext,
        *,
        kind: str = "activity",
        question: str = "",
        meeting_id: int | None = None,
        item_id: int | None = None,
        opened: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.item_id = item_id
        self._opened = opened
        self.new_id: int | None = None
        today = ctx.today()

        # Volunteers run the members' activity choices; meetings are the committee's.
        self.at_meetings = ctx.can("committee.run")
        self.kind = ChoiceCombo(chars=20)
        self.kind.set_choices(
            (words, code)
            for code, words in KIND_WORDS.items()
            if self.at_meetings or code == "activity"
        )
        self.kind.choose(kind)
        self.form.add_field("kind", "What is the vote about?", self.kind)
        self.question = TextBox(2)
        self.question.setText(question)
        self.form.add_field(
            "question",
            "The question",
            self.question,
            "One question, in a few plain words. It can be about a later day.",
        )

        # People vote where they are: today's meeting or session, or one just held
        # (those marked present there are the voters), never one still to come.
        self.meeting = ChoiceCombo(chars=28)
        held = (
            [
                m
                for m in ctx.read(meetings.list_meetings, after=today - timedelta(days=DAYS_BACK))
                if m.on_date <= today and m.minutes_approved_on is None
            ]
            if self.at_meetings
            else []
        )
        self.meeting.set_choices(
            (f"{m.kind_words}, {day_words(m.on_date)}", m.meeting_id)
            for m in sorted(held, key=lambda m: (m.on_date, m.meeting_id), reverse=True)
        )
        # Today's, else the last one held: where a vote is most likely taken. The
        # choices are newest first, so the first is chosen unless one was asked for.
        if meeting_id is not None:
            self.meeting.choose(meeting_id)
        self.session = ChoiceCombo(chars=28)
        sessions = [
            s
            for s in ctx.read(attendance.list_sessions, today - timedelta(days=DAYS_BACK), today)
            if s.on_date <= today
        ]
        self.session.set_choices(
            (s.title, s.session_id)
            for s in sorted(sessions, key=lambda s: (s.on_date, s.session_id), reverse=True)
        )
        self.meeting_row = self.form.add_field(
            "where_meeting",
            "Where are people voting?",
            self.meeting,
            "Today's meeting, or one just held: those marked present there vote.",
        )
        self.session_row = self.form.add_field(
            "where_session",
            "Where are people voting?",
            self.session,
            "Today's session, or one just held: the members marked present there vote.",
        )

        self.method = ChoiceCombo(chars=30)
        self.method.set_choices((words, code) for code, words in METHOD_WORDS.items())
        self.form.add_field("method", "How do people vote?", self.method)

        offered = ctx.read(programme.list_activities) if ctx.can("programme.see") else []
        self.choices = [
            ChoiceEditor(n, offered, lambda aid: ctx.read(programme.activity_photo, aid))
            for n in range(1, MAX_OPTIONS + 1)
        ]
        for editor, (picture, words) in zip(self.choices, ACTIVITY_START, strict=False):
            editor.picture.choose(picture)
            editor.words.setText(words)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        for editor in self.choices:
            column.addWidget(editor)
        self.choices_row = self.form.add_field(
            "options",
            "The choices",
            box,
            "Give 2 to 5 choices. Leave the words empty for a choice you do not need.",
        )
        self.pick_many = BigCheck("People may pick all the ones they like")
        self.form.add_widget(self.pick_many)

        self.candidates = [PersonCombo("Nobody chosen") for _ in range(MAX_OPTIONS)]
        people = everyone(ctx)
        cbox = QWidget()
        ccolumn = QVBoxLayout(cbox)
        ccolumn.setContentsMargins(0, 0, 0, 0)
        ccolumn.setSpacing(12)
        for number, combo in enumerate(self.candidates, start=1):
            combo.set_people(people)
            combo.setAccessibleName(f"Candidate {number}")
            ccolumn.addWidget(combo)
        self.candidates_row = self.form.add_field(
            "candidates",
            "The candidates",
            cbox,
            "Choose 1 to 5 people. With no more candidates than places, people say yes "
            "or no to each in turn.",
        )
        self.seats = NumberStepper("Places", 1, MAX_OPTIONS)
        self.seats_row = self.form.add_field("seats", "How many places are there?", self.seats)

        self.kind.currentIndexChanged.connect(self._show_for_kind)
        self._show_for_kind()
        self.mark_unchanged()

    def _show_for_kind(self, *_args: object) -> None:
        kind = self.kind.value()
        self.meeting_row.setVisible(kind != "activity")
        self.session_row.setVisible(kind == "activity")
        self.choices_row.setVisible(kind == "activity")
        self.pick_many.setVisible(kind == "activity")
        self.candidates_row.setVisible(kind == "election")
        self.seats_row.setVisible(kind == "election")

    def values(self) -> BallotInput:
        kind = self.kind.value()
        options: tuple[OptionInput, ...] = ()
        if kind == "activity":
            options = tuple(o for o in (e.option() for e in self.choices) if o is not None)
        elif kind == "election":
            names = dict(everyone(self.ctx))
            options = tuple(
                OptionInput(names.get(pid, ""), person_id=pid)
                for pid in (c.value() for c in self.candidates)
                if pid is not None
            )
        return BallotInput(
            kind=kind,
            question=self.question.text(),
            options=options,
            method=self.method.value(),
            meeting_id=self.meeting.value() if kind != "activity" else None,
            item_id=self.item_id if kind == "decision" else None,
            session_id=self.session.value() if kind == "activity" else None,
            pick_many=kind == "activity" and self.pick_many.isChecked(),
            seats=self.seats.value() if kind == "election" else 1,
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        # The service names "where"; the form asks in one of two boxes.
        where = errors.pop("where", None)
        if where:
            key = "where_session" if self.kind.value() == "activity" else "where_meeting"
            errors[key] = where
        if self.kind.value() == "election" and "options" in errors:
            errors["candidates"] = errors.pop("options")
        super().show_errors(errors)

    def submit(self) -> None:
        self.new_id = self.ctx.run(
            votes.create_ballot, self.values(), self.ctx.today(), changed=COMMITTEE
        )

    def after_save(self) -> None:
        if self._opened is not None and self.new_id is not None:
            self._opened(self.new_id)
