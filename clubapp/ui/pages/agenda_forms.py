"""Forms for a meeting's agenda and record: add a proposal or change an item, take notes
from the members' inbox onto the agenda, say what came of a decision, and add a
correction to approved minutes. Each is a page, so nothing typed is lost on a lock."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QVBoxLayout, QWidget

from clubapp.services import agenda, decisions, meetings, notes
from clubapp.services.dates import long_date
from clubapp.services.meetings import DecisionRow, ItemRow, MeetingDetail
from clubapp.services.notes import InboxItem
from clubapp.ui.context import COMMITTEE, AppContext
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_forms import everyone
from clubapp.ui.pages.committee_words import day_words, decision_words, duration_words
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.widgets.choosers import ChoiceCombo, PersonCombo
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.inputs import BigCheck, TextBox

#: Planned times offered for an agenda item, in minutes.
MINUTE_CHOICES = (2, 5, 10, 15, 20, 25, 30, 45, 60, 90, 120)


class MinutesCombo(ChoiceCombo):
    """A planned time: "No time planned" or a number of minutes, in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, chars=14)
        self.set_minutes(None)

    def set_minutes(self, minutes: int | None) -> None:
        values = sorted({*MINUTE_CHOICES, *([minutes] if minutes is not None else [])})
        self.set_choices([("No time planned", None), *((duration_words(m), m) for m in values)])
        self.choose(minutes)


class ItemFormPage(FormPage):
    """Add a proposal (``item=None``) or change an agenda item: title, details, who
    presents it and how long it should take."""

    help_text = (
        "Type the title as it should read on the agenda, and any details the committee "
        "needs. Choose who presents it and how long it should take. A new proposal goes "
        "just before Any other business; move it afterwards if you like."
    )

    def __init__(
        self,
        ctx: AppContext,
        meeting_id: int,
        item: ItemRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx, parent, save_text="Add this proposal" if item is None else "Save this item"
        )
        self.meeting_id = meeting_id
        self.item = item
        self.title = "Add a proposal" if item is None else "Edit an agenda item"
        self.item_title = QLineEdit()
        self.item_title.setPlaceholderText("For example A summer trip to the seaside")
        self.details = TextBox(4)
        self.presenter = PersonCombo("Nobody chosen")
        self.presenter.set_people(everyone(ctx))
        self.minutes = MinutesCombo()
        self.form.add_field("title", "Title on the agenda", self.item_title)
        self.form.add_field(
            "details", "Details", self.details, "Leave it empty if none are needed."
        )
        self.form.add_field("presenter_id", "Who presents it", self.presenter)
        self.form.add_field("planned_minutes", "Time planned", self.minutes)
        if item is not None:
            self.item_title.setText(item.title)
            self.details.setText(item.details)
            self.presenter.choose_person(item.presenter_id, item.presenter)
            self.minutes.set_minutes(item.planned_minutes)
            if item.from_members:
                self.set_intro("What members said:\n" + "\n".join(item.from_members))
        else:
            self.minutes.set_minutes(10)
        self.mark_unchanged()

    def values(self) -> tuple[str, str, int | None, int | None]:
        return (
            self.item_title.text(),
            self.details.text(),
            self.presenter.value(),
            self.minutes.value(),
        )

    def submit(self) -> None:
        title, details, presenter, planned = self.values()
        if self.item is None:
            self.ctx.run(
                agenda.add_proposal,
                self.meeting_id,
                title,
                details,
                presenter,
                planned,
                changed=COMMITTEE,
            )
        else:
            self.ctx.run(
                agenda.update_item,
                self.item.item_id,
                title,
                details,
                presenter,
                planned,
                changed=COMMITTEE,
            )


class NoteChoice(QFrame):
    """One note in the inbox, to tick: its kind on the tick box, the words beside it.

    A click anywhere on it ticks it, so a shaky hand need not find the small square.
    """

    toggled = Signal(bool)

    def __init__(self, note: InboxItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_id = note.note_id
        self.setProperty("card", True)
        self.check = BigCheck(note.kind_words, self)
        words = f"{long_date(note.on_date, weekday=False)}. {note.who}: {note.summary}"
        self.words = label(words, parent=self)
        self.check.setAccessibleName(f"{note.kind_words}: {words}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.check)
        layout.addWidget(self.words)
        self.check.toggled.connect(self.toggled.emit)
        self.setFocusProxy(self.check)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.check.toggle()
            self.check.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def isChecked(self) -> bool:  # noqa: N802 (Qt style)
        return self.check.isChecked()


class InboxPickPage(FormPage):
    """Take one or more notes from the members' inbox onto the agenda, as one item.

    The notes then leave the inbox. The agenda shows the members' words under the
    item, "A member: …" for anyone who asked not to be named.
    """

    title = "Add from the inbox"
    save_text = "Put on the agenda"
    help_text = (
        "Tick the notes to bring to this meeting. Several notes about the same thing can "
        "make one item. Give the item a title, or leave it empty to use the first note's "
        "words. The notes then leave the inbox."
    )

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        self.choices: list[NoteChoice] = []
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(12)
        for note in ctx.read(notes.inbox):
            choice = NoteChoice(note, box)
            box_layout.addWidget(choice)
            self.choices.append(choice)
        if not self.choices:
            box_layout.addWidget(label("The inbox is empty: no notes are waiting."))
        if self.choices:
            box.setFocusProxy(self.choices[0])
        self.item_title = QLineEdit()
        self.form.add_field("note_ids", "Notes to bring to the meeting", box)
        self.form.add_field(
            "title",
            "Title on the agenda",
            self.item_title,
            "Leave it empty to use the words of the first note you tick.",
        )
        self.mark_unchanged()

    def choice_for(self, note_id: int) -> NoteChoice:
        return next(c for c in self.choices if c.note_id == note_id)

    def values(self) -> tuple[tuple[int, ...], str]:
        return (tuple(c.note_id for c in self.choices if c.isChecked()), self.item_title.text())

    def submit(self) -> None:
        ids, title = self.values()
        self.ctx.run(agenda.add_from_inbox, self.meeting_id, list(ids), title, changed=COMMITTEE)


class WhatHappenedPage(FormPage):
    """Say what came of a decision, for "you said, we did" (allowed after approval)."""

    title = "What happened"
    save_text = "Save what happened"
    help_text = (
        "Say in a sentence or two what came of this decision, for example “The minibus "
        "is booked for 12 June.” It is printed in You said, we did, so members see that "
        "what they raised led somewhere."
    )

    def __init__(self, ctx: AppContext, decision: DecisionRow, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.decision = decision
        self.set_intro(decision_words(decision))
        self.happened = TextBox(4)
        self.happened.setText(decision.what_happened)
        self.form.add_field("what_happened", "What happened", self.happened)
        self.mark_unchanged()

    def values(self) -> str:
        return self.happened.text()

    def submit(self) -> None:
        self.ctx.run(
            decisions.set_what_happened,
            self.decision.decision_id,
            self.values(),
            changed=COMMITTEE,
        )


class CorrectionPage(FormPage):
    """A correction to minutes already approved: a new record; the minutes stay as they were."""

    title = "Add a correction to the minutes"
    save_text = "Add this correction"
    help_text = (
        "Approved minutes never change. If the committee agrees that something in them "
        "was wrong, write the correction here: it is printed with the minutes, with the "
        "day it was agreed."
    )

    def __init__(self, ctx: AppContext, meeting: MeetingDetail, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.meeting = meeting
        self.set_intro(
            f"The minutes of the {meeting.kind_words.lower()} on {day_words(meeting.on_date)}."
        )
        self.correction_text = TextBox(4)
        self.at_meeting = ChoiceCombo(chars=24)
        # A correction is agreed after the minutes were approved, at a meeting that has
        # taken place: the meeting that approved them, or one after it.
        today = ctx.today()
        since = meeting.minutes_approved_on or meeting.on_date
        held = sorted(
            (
                m
                for m in ctx.read(meetings.list_meetings)
                if meeting.on_date < m.on_date and since <= m.on_date <= today
            ),
            key=lambda m: (m.on_date, m.meeting_id),
        )
        self._meeting_dates = {m.meeting_id: m.on_date for m in held}
        self.at_meeting.set_choices(
            [("Not agreed at a meeting", None)]
            + [(f"{m.kind_words}, {long_date(m.on_date)}", m.meeting_id) for m in held]
        )
        self.agreed_on = DateEdit(today, display_format=IN_WORDS)
        if held:
            # The latest meeting held since the approval: most likely where it was agreed.
            self.at_meeting.choose(held[-1].meeting_id)
            self.agreed_on.set_value(held[-1].on_date)
        self.at_meeting.currentIndexChanged.connect(self._meeting_chosen)
        self.form.add_field("text", "The correction", self.correction_text)
        self.form.add_field(
            "at_meeting_id",
            "Agreed at",
            self.at_meeting,
            "Choosing a meeting sets the day it was agreed.",
        )
        self.form.add_field("agreed_on", "Agreed on", self.agreed_on)
        self.mark_unchanged()

    def _meeting_chosen(self) -> None:
        """Agreed at a meeting: then it was agreed on that meeting's day."""
        day = self._meeting_dates.get(self.at_meeting.value())
        if day is not None:
            self.agreed_on.set_value(day)

    def values(self) -> tuple[str, int | None, object]:
        return (self.correction_text.text(), self.at_meeting.value(), self.agreed_on.value())

    def submit(self) -> None:
        from clubapp.services import minutes

        self.ctx.run(
            minutes.add_correction,
            self.meeting.meeting_id,
            self.correction_text.text(),
            self.at_meeting.value(),
            self.agreed_on.value(),
            changed=COMMITTEE,
        )
