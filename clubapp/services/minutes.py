"""Approving minutes (which locks the meeting's record), corrections, and "you said, we did"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from clubapp.models.committee import (
    ActionPoint,
    AgendaItem,
    AgendaItemNote,
    Decision,
    Meeting,
    MinutesCorrection,
)
from clubapp.models.members import Person
from clubapp.models.notes import Note
from clubapp.services import committee, fields, meetings
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.notes import ANONYMOUS, KIND_WORDS, committee_words
from clubapp.services.permissions import Actor, allowed


@dataclass(frozen=True)
class CorrectionRow:
    agreed_on: date
    text: str


@dataclass(frozen=True)
class YouSaid:
    note_id: int
    raised_on: date
    kind: str
    who: str  # ANONYMOUS unless the member agreed to be named
    you_said: str
    we_decided: tuple[str, ...]
    what_happened: tuple[str, ...]
    agenda_on: date | None = None  # the first meeting it was put on the agenda of

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("This meeting is not there any more.")
    return meeting


@allowed("committee.run")
def approve_minutes(
    session: Session, actor: Actor, meeting_id: int, at_meeting_id: int, today: date
) -> None:
    """The minutes of one meeting, approved at a later one that has taken place. From now
    on they cannot change."""
    meeting = _meeting(session, meeting_id)
    at = _meeting(session, at_meeting_id)
    if at.on_date > today:
        raise ValidationError(
            "at_meeting_id",
            f"The meeting on {long_date(at.on_date, weekday=False)} has not taken place yet. "
            "Minutes are approved at the meeting itself, on the day.",
        )
    if meeting.minutes_approved_on is not None:
        raise ValidationError(
            "meeting",
            f"These minutes were already approved on {long_date(meeting.minutes_approved_on, weekday=False)}.",
        )
    if at.on_date <= meeting.on_date:
        raise ValidationError(
            "at_meeting_id",
            "Minutes are approved at a later meeting. Choose a meeting after "
            f"{long_date(meeting.on_date, weekday=False)}.",
        )
    if at.minutes_approved_on is not None:
        raise ValidationError(
            "at_meeting_id", "That meeting's own record is closed. Choose a later meeting."
        )
    committee.fix_quorum(session, meeting, meetings.present_ids(session, meeting.id))
    meeting.minutes_approved_on = at.on_date
    meeting.minutes_approved_at_id = at.id


@allowed("committee.run")
def add_correction(
    session: Session, actor: Actor, meeting_id: int, text: str, at_meeting_id: int | None, on: date
) -> int:
    """A correction to approved minutes, agreed later: a new record, the minutes unchanged."""
    meeting = _meeting(session, meeting_id)
    if meeting.minutes_approved_on is None:
        raise ValidationError(
            "text",
            "These minutes are still a draft: change the meeting's record instead of adding "
            "a correction.",
        )
    if not text.strip():
        raise ValidationError("text", "Type the correction.")
    fields.text(text, "text", "correction")
    if at_meeting_id is not None and session.get(Meeting, at_meeting_id) is None:
        raise ValidationError("at_meeting_id", "Choose the meeting again.")
    if on < meeting.minutes_approved_on:
        raise ValidationError("agreed_on", "A correction comes after the minutes were approved.")
    row = MinutesCorrection(
        meeting_id=meeting_id, agreed_at_id=at_meeting_id, agreed_on=on, text=text.strip()
    )
    session.add(row)
    session.flush()
    return row.id


@allowed("committee.see")
def corrections(session: Session, actor: Actor, meeting_id: int) -> list[CorrectionRow]:
    """The corrections agreed to a meeting's approved minutes, oldest first."""
    query = (
        select(MinutesCorrection)
        .where(MinutesCorrection.meeting_id == meeting_id)
        .order_by(MinutesCorrection.agreed_on, MinutesCorrection.id)
    )
    return [CorrectionRow(c.agreed_on, c.text) for c in session.scalars(query)]


@allowed("committee.see")
def you_said_we_did(
    session: Session, actor: Actor, date_from: date, date_to: date
) -> list[YouSaid]:
    """What members raised with the committee in a period, what it decided, what happened.

    Only notes sent to the committee are reported; private notes never are, and
    anonymous ones are reported without the name.
    """
    if date_to < date_from:
        raise ValidationError("date_to", "The end of the period is before its start.")
    query = (
        select(Note, Person)
        .join(Person, Person.id == Note.person_id)
        .where(
            # Sent to the committee, or already on an agenda (even if later unticked).
            or_(Note.flagged, exists().where(AgendaItemNote.note_id == Note.id)),
            Note.visibility != "private",
            Note.on_date >= date_from,
            Note.on_date <= date_to,
        )
        .order_by(Note.on_date, Note.id)
    )
    found = list(session.execute(query))
    note_ids = [note.id for note, _ in found]
    decided: dict[int, list[str]] = {}
    happened: dict[int, list[str]] = {}
    carried: set[int] = set()  # notes with at least one decision carried
    # Two queries for the whole period, not two per note: a year can hold hundreds.
    for note_id, d in session.execute(
        select(AgendaItemNote.note_id, Decision)
        .join(Decision, Decision.item_id == AgendaItemNote.item_id)
        .where(AgendaItemNote.note_id.in_(note_ids))
        .order_by(Decision.id)
    ):
        decided.setdefault(note_id, []).append(
            f"{'Carried' if d.carried else 'Not carried'}: {d.motion}"
        )
        if d.carried:
            carried.add(note_id)
        if d.what_happened:
            happened.setdefault(note_id, []).append(d.what_happened)
    for note_id, a in session.execute(
        select(AgendaItemNote.note_id, ActionPoint)
        .join(ActionPoint, ActionPoint.item_id == AgendaItemNote.item_id)
        .where(AgendaItemNote.note_id.in_(note_ids))
        .order_by(ActionPoint.id)
    ):
        if a.done_on is not None:
            line = f"Done on {long_date(a.done_on, weekday=False)}: {a.what}"
        else:
            line = f"Being done: {a.what}"
        happened.setdefault(note_id, []).append(line)
    for note_id in decided.keys() - carried - happened.keys():
        # Only "not carried": nothing is still to do, and the noticeboard should not hint it.
        happened[note_id] = ["Nothing: the committee decided not to do this"]
    agenda_on: dict[int, date] = {}
    for note_id, on in session.execute(
        select(AgendaItemNote.note_id, Meeting.on_date)
        .join(AgendaItem, AgendaItem.id == AgendaItemNote.item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItemNote.note_id.in_(note_ids))
        .order_by(Meeting.on_date)
    ):
        agenda_on.setdefault(note_id, on)
    lines = [
        YouSaid(
            note_id=note.id,
            raised_on=note.on_date,
            kind=note.kind,
            who=(person.known_as or person.full_name)
            if note.visibility == "committee_named"
            else ANONYMOUS,
            you_said=committee_words(note),
            we_decided=tuple(decided.get(note.id, ())),
            what_happened=tuple(happened.get(note.id, ())),
            agenda_on=agenda_on.get(note.id),
        )
        for note, person in found
    ]
    return lines
