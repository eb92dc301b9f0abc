"""The Committee room's forms: plan a meeting (or change its details), add someone to the
committee, end a term. Each is a page of its own, so nothing typed is lost when the
laptop locks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import QLineEdit, QWidget

from clubapp.services import club, committee, meetings, members
from clubapp.services.committee import JOINED_WORDS, POSITION_WORDS, TermInput, TermRow
from clubapp.services.meetings import KIND_WORDS, MeetingDetail, MeetingInput
from clubapp.ui.context import COMMITTEE, AppContext
from clubapp.ui.pages.committee_words import day_words, plural
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.sessions import TimeCombo
from clubapp.ui.widgets.choosers import ChoiceCombo, OptionalDate, PersonCombo
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit

#: A new term runs this long unless the coordinator says otherwise.
TERM_YEARS = 3


def everyone(ctx: AppContext) -> list[tuple[int, str]]:
    """(person id, the name they use) for everyone the reader may see."""
    return [(p.person_id, p.display_name) for p in ctx.read(members.list_people)]


class MeetingFormPage(FormPage):
    """Plan a meeting (``meeting=None``) or change a planned meeting's details.

    ``opened`` is called with the new meeting's id after planning one, so the room can
    show the meeting page (whose agenda already has the standing items).
    """

    help_text = (
        "Choose what kind of meeting it is, the day, the time and the place, and who "
        "chairs it. When you plan a meeting its agenda starts with the usual items, and "
        "action points not yet done are listed under Matters arising."
    )

    def __init__(
        self,
        ctx: AppContext,
        meeting: MeetingDetail | None = None,
        opened: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            parent,
            save_text="Plan this meeting" if meeting is None else "Save the details",
        )
        self.meeting = meeting
        self._opened = opened
        self.title = "Plan a meeting" if meeting is None else "Meeting details"
        self.notice_days = ctx.db.run(club.get_int, "meeting_notice_days")
        today = ctx.today()

        self.kind = ChoiceCombo(chars=20)
        self.kind.set_choices((words, code) for code, words in KIND_WORDS.items())
        self.on_date = DateEdit(today + timedelta(days=self.notice_days), display_format=IN_WORDS)
        self.start_time = TimeCombo()
        self.place = QLineEdit()
        self.place.setPlaceholderText("For example The quiet room")
        self.chair = PersonCombo("No chair chosen yet")
        self.chair.set_people(everyone(ctx))
        self.form.add_field("kind", "Kind of meeting", self.kind)
        self.date_row = self.form.add_field("on_date", "Date", self.on_date)
        self.form.add_field("start_time", "Start time", self.start_time)
        self.form.add_field("place", "Place", self.place)
        self.form.add_field(
            "chair_id", "Who chairs it", self.chair, "Usually the committee's chair."
        )
        self.on_date.dateChanged.connect(self._show_notice)

        if meeting is None:
            self._fill_new()
        else:
            self.kind.choose(meeting.kind)
            self.on_date.set_value(meeting.on_date)
            self.start_time.set_value(meeting.start_time)
            self.place.setText(meeting.place)
            self.chair.choose_person(meeting.chair_id, meeting.chair)
        self._show_notice()
        self.mark_unchanged()

    def _fill_new(self) -> None:
        """Start from the last meeting's time and place, and the chair serving now."""
        earlier = self.ctx.read(meetings.list_meetings)
        last = next((m for m in earlier if m.kind == "committee"), None)
        if last is not None:
            self.start_time.set_value(last.start_time)
            self.place.setText(last.place)
        chairs = [
            t
            for t in self.ctx.read(committee.terms, serving_on=self.ctx.today())
            if t.position == "chair"
        ]
        if chairs:
            self.chair.choose_person(chairs[0].person_id, chairs[0].name)

    def _show_notice(self) -> None:
        """Say by when the agenda must go out, by the club's rules."""
        day = self.on_date.value()
        if self.notice_days == 0 or day < self.ctx.today():
            # No rule, or a meeting already held (its details being put right).
            self.date_row.help_label.hide()
            return
        send_by = day - timedelta(days=self.notice_days)
        days = plural(self.notice_days, "day")
        if send_by < self.ctx.today():
            words = (
                f"This is less than {days} away. The club's rules ask for {days}' notice "
                "of a meeting."
            )
        else:
            words = (
                f"The club's rules ask for {days}' notice: send out the agenda by "
                f"{day_words(send_by)}."
            )
        self.date_row.help_label.setText(words)
        self.date_row.help_label.show()

    def values(self) -> MeetingInput:
        return MeetingInput(
            kind=self.kind.value(),
            on_date=self.on_date.value(),
            start_time=self.start_time.value(),
            place=self.place.text(),
            chair_id=self.chair.value(),
        )

    def submit(self) -> None:
        if self.meeting is None:
            self._new_id = self.ctx.run(meetings.add_meeting, self.values(), changed=COMMITTEE)
        else:
            self.ctx.run(
                meetings.update_meeting, self.meeting.meeting_id, self.values(), changed=COMMITTEE
            )

    def after_save(self) -> None:
        if self.meeting is None and self._opened is not None:
            self._opened(self._new_id)


class TermFormPage(FormPage):
    """Add someone to the committee: who, in which position, from when to when, how."""

    title = "Add someone to the committee"
    save_text = "Add to the committee"
    help_text = (
        "Choose the person and their position, the day their term starts and, if it is "
        "known, the day it ends. Say how they joined: elected at a meeting, co-opted by "
        "the committee, or appointed."
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        today = ctx.today()
        self.person = PersonCombo("Choose a person")
        self.person.set_people(everyone(ctx))
        self.position = ChoiceCombo()
        self.position.set_choices((words, code) for code, words in POSITION_WORDS.items())
        self.position.choose("trustee")
        self.starts_on = DateEdit(today, display_format=IN_WORDS)
        self.ends_on = OptionalDate(
            "The term has an end date", "Last day of the term", _years_on(today, TERM_YEARS)
        )
        self.ends_on.set_value(_years_on(today, TERM_YEARS), today)
        self.joined_how = ChoiceCombo(chars=22)
        self.joined_how.set_choices((words, code) for code, words in JOINED_WORDS.items())
        self.form.add_field("person_id", "Who", self.person)
        self.form.add_field("position", "Position", self.position)
        self.form.add_field("starts_on", "First day of the term", self.starts_on)
        self.form.add_field("ends_on", "End of the term", self.ends_on)
        self.form.add_field("joined_how", "How they joined", self.joined_how)
        self.mark_unchanged()

    def values(self) -> TermInput:
        return TermInput(
            person_id=self.person.value() or 0,
            position=self.position.value(),
            starts_on=self.starts_on.value(),
            ends_on=self.ends_on.value(),
            joined_how=self.joined_how.value(),
        )

    def submit(self) -> None:
        self.ctx.run(committee.add_term, self.values(), changed=COMMITTEE)


class EndTermPage(FormPage):
    """End one term on a day: someone steps down, or their term is cut short."""

    title = "End a term"
    help_text = (
        "Choose the last day this person serves in this position. After that day they "
        "no longer count as a trustee. Their term stays in the records."
    )

    def __init__(self, ctx: AppContext, term: TermRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent, save_text=f"End {term.name}'s term")
        self.term = term
        self.set_intro(
            f"{term.name} has served as {term.position_words} since "
            f"{day_words(term.starts_on)}. Choose the last day of their term."
        )
        self.ends_on = DateEdit(ctx.today(), display_format=IN_WORDS)
        self.form.add_field("ends_on", "Last day of the term", self.ends_on)
        self.mark_unchanged()

    def values(self) -> date:
        return self.ends_on.value()

    def submit(self) -> None:
        self.ctx.run(committee.end_term, self.term.term_id, self.values(), changed=COMMITTEE)


def _years_on(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
