"""Meetings, who came, and the agenda: standing items, members' notes, matters arising.

Once a meeting's minutes are approved its record is locked (see ``locked``): who
came, the agenda and what was said stay as they were approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clubapp.models.committee import (
    ATTENDEE_STATUSES,
    MEETING_KINDS,
    ActionPoint,
    AgendaItem,
    AgendaItemAction,
    AgendaItemNote,
    Decision,
    Meeting,
    MeetingAttendee,
)
from clubapp.models.members import Person
from clubapp.models.notes import Note
from clubapp.services import committee, fields
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.notes import ANONYMOUS, committee_words
from clubapp.services.permissions import Actor, allowed, internal

KIND_WORDS = {
    "committee": "Committee meeting",
    "agm": "Annual general meeting",
    "members": "Members' meeting",
}
STATUS_WORDS = {"present": "Present", "apologies": "Sent apologies", "guest": "Guest"}
# The standing items every meeting starts with, in order; members' items and
# proposals go between the treasurer's report and any other business.
STANDING = (
    ("apologies", "Apologies", 2),
    ("minutes", "Minutes of the last meeting", 5),
    ("matters_arising", "Matters arising", 10),
    ("treasurer", "Treasurer's report", 10),
    ("aob", "Any other business", 10),
)
STANDING_TITLES = {code: title for code, title, _ in STANDING}
assert set(KIND_WORDS) == set(MEETING_KINDS) and set(STATUS_WORDS) == set(ATTENDEE_STATUSES)


@dataclass(frozen=True)
class MeetingInput:
    kind: str
    on_date: date
    start_time: time | None = None
    place: str = ""
    chair_id: int | None = None


@dataclass(frozen=True)
class MeetingRow:
    meeting_id: int
    kind: str
    on_date: date
    start_time: time | None
    place: str
    items: int
    decisions: int
    minutes_approved_on: date | None

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def title(self) -> str:
        return f"{self.kind_words}, {long_date(self.on_date, weekday=False)}"


@dataclass(frozen=True)
class AttendeeRow:
    person_id: int
    name: str
    status: str
    trustee: bool

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class ActionRow:
    action_id: int
    meeting_id: int
    item_id: int | None
    what: str
    who_id: int | None
    who: str
    due_on: date | None
    done_on: date | None


@dataclass(frozen=True)
class DecisionRow:
    decision_id: int
    item_id: int | None
    motion: str
    proposer: str
    seconder: str
    votes_for: int
    votes_against: int
    abstentions: int
    casting: str | None
    carried: bool
    what_happened: str

    @property
    def outcome_words(self) -> str:
        """As worked out when the decision was saved (see decisions.outcome)."""
        if self.casting is not None:
            how = "Carried" if self.carried else "Not carried"
            return f"{how} on the chair's casting vote"
        if self.votes_for == self.votes_against:
            return "Not carried: the votes were tied"
        return "Carried" if self.carried else "Not carried"


@dataclass(frozen=True)
class ItemRow:
    item_id: int
    position: int
    source: str
    standing_code: str | None
    title: str
    details: str
    presenter_id: int | None
    presenter: str
    planned_minutes: int | None
    discussion: str
    from_members: tuple[str, ...]  # "A member: …" or "Name: …", never a hidden name
    note_ids: tuple[int, ...]
    follows_up: tuple[ActionRow, ...]  # open actions brought back (matters arising)


@dataclass(frozen=True)
class EarlierMeeting:
    """The meeting of the same kind before this one: its minutes are read at this one."""

    meeting_id: int
    on_date: date
    minutes_approved_on: date | None


@dataclass(frozen=True)
class MeetingDetail:
    meeting_id: int
    kind: str
    on_date: date
    start_time: time | None
    place: str
    chair_id: int | None
    chair: str
    attendees: tuple[AttendeeRow, ...]
    quorum: committee.Quorum
    items: tuple[ItemRow, ...]
    decisions: tuple[DecisionRow, ...]
    actions: tuple[ActionRow, ...]  # raised at this meeting
    minutes_approved_on: date | None
    previous: EarlierMeeting | None = None  # the last meeting of this kind before this one

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def title(self) -> str:
        return f"{self.kind_words}, {long_date(self.on_date, weekday=False)}"

    @property
    def locked(self) -> bool:
        return self.minutes_approved_on is not None

    def decisions_for(self, item_id: int) -> tuple[DecisionRow, ...]:
        return tuple(d for d in self.decisions if d.item_id == item_id)

    def actions_for(self, item_id: int) -> tuple[ActionRow, ...]:
        return tuple(a for a in self.actions if a.item_id == item_id)


def _name(person: Person | None) -> str:
    return "" if person is None else (person.known_as or person.full_name)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("This meeting is not there any more.")
    return meeting


#: What get_meeting says when there is no such meeting: the number may never have been
#: used (``clubapp print agenda --meeting 999``), so not "not there any more".
NO_SUCH_MEETING = "There is no meeting with that number."


@allowed("committee.run")
def editable_meeting(session: Session, actor: Actor, meeting_id: int) -> Meeting:
    """The meeting, if the actor may change it and its minutes are not yet approved."""
    meeting = _meeting(session, meeting_id)
    if meeting.minutes_approved_on is not None:
        raise ValidationError(
            "meeting",
            f"The minutes of this meeting were approved on "
            f"{long_date(meeting.minutes_approved_on, weekday=False)}, so its record cannot change. "
            "To put something right, add a correction to the minutes.",
        )
    return meeting


def _check(session: Session, data: MeetingInput) -> dict[str, str]:
    def kind() -> None:
        if data.kind not in MEETING_KINDS:
            raise ValidationError("kind", "Choose what kind of meeting this is.")

    def place() -> None:
        fields.name(data.place, "place", "place")

    def chair() -> None:
        if data.chair_id is not None and session.get(Person, data.chair_id) is None:
            raise ValidationError("chair_id", "Choose who chairs the meeting again.")

    return collect_errors(kind, place, chair)


@allowed("committee.run")
def add_meeting(
    session: Session, actor: Actor, data: MeetingInput, *, standing_items: bool = True
) -> int:
    """A new meeting with the standing items on its agenda, and open actions under
    matters arising."""
    errors = _check(session, data)
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        kind=data.kind,
        on_date=data.on_date,
        start_time=data.start_time,
        place=" ".join(data.place.split()),
        chair_id=data.chair_id,
    )
    session.add(meeting)
    session.flush()
    if standing_items:
        for position, (code, title, minutes) in enumerate(STANDING):
            item = AgendaItem(
                meeting_id=meeting.id,
                position=position,
                source="standing",
                standing_code=code,
                title=title,
                planned_minutes=minutes,
            )
            session.add(item)
        session.flush()
        bring_back_open_actions(session, meeting)
    return meeting.id


@internal
def bring_back_open_actions(session: Session, meeting: Meeting) -> None:
    """Put under the meeting's Matters arising every action point from an earlier
    meeting that is not done yet, unless it is there already. Run when a meeting is
    planned, when its date changes and when an action point is added at an earlier
    meeting, so a meeting planned weeks ahead still reviews everything still open."""
    if meeting.minutes_approved_on is not None:
        return
    item_id = session.scalar(
        select(AgendaItem.id).where(
            AgendaItem.meeting_id == meeting.id, AgendaItem.standing_code == "matters_arising"
        )
    )
    if item_id is None:
        return
    there = set(
        session.scalars(
            select(AgendaItemAction.action_id).where(AgendaItemAction.item_id == item_id)
        )
    )
    for action in open_actions(session, before=meeting.on_date):
        if action.id not in there:
            session.add(AgendaItemAction(item_id=item_id, action_id=action.id))
    session.flush()


@internal
def bring_back_to_later_meetings(session: Session, after: date) -> None:
    """Bring open action points back at every meeting after a day whose record is open."""
    later = session.scalars(
        select(Meeting).where(Meeting.on_date > after, Meeting.minutes_approved_on.is_(None))
    )
    for meeting in later:
        bring_back_open_actions(session, meeting)


@allowed("committee.run")
def update_meeting(session: Session, actor: Actor, meeting_id: int, data: MeetingInput) -> None:
    meeting = editable_meeting(session, actor, meeting_id)
    errors = _check(session, data)
    if errors:
        raise ValidationError(errors)
    meeting.kind = data.kind
    meeting.on_date = data.on_date
    meeting.start_time = data.start_time
    meeting.place = " ".join(data.place.split())
    meeting.chair_id = data.chair_id
    session.flush()
    bring_back_open_actions(session, meeting)


@internal
def open_actions(session: Session, before: date) -> list[ActionPoint]:
    """Action points not done, raised at meetings before a day, oldest first."""
    query = (
        select(ActionPoint)
        .join(Meeting, Meeting.id == ActionPoint.meeting_id)
        .where(ActionPoint.done_on.is_(None), Meeting.on_date < before)
        .order_by(Meeting.on_date, ActionPoint.id)
    )
    return list(session.scalars(query))


@allowed("committee.see")
def list_meetings(session: Session, actor: Actor, after: date | None = None) -> list[MeetingRow]:
    """Every meeting, newest first; or only those on days ``after`` a day."""
    # Counted only for the meetings asked about: a club's ten years hold 12,000 items.
    chosen = select(Meeting.id)
    if after is not None:
        chosen = chosen.where(Meeting.on_date > after)
    items = (
        select(AgendaItem.meeting_id, func.count().label("n"))
        .where(AgendaItem.meeting_id.in_(chosen))
        .group_by(AgendaItem.meeting_id)
        .subquery()
    )
    decisions = (
        select(Decision.meeting_id, func.count().label("n"))
        .where(Decision.meeting_id.in_(chosen))
        .group_by(Decision.meeting_id)
        .subquery()
    )
    query = (
        select(Meeting, items.c.n, decisions.c.n)
        .outerjoin(items, items.c.meeting_id == Meeting.id)
        .outerjoin(decisions, decisions.c.meeting_id == Meeting.id)
        .where(Meeting.id.in_(chosen))
        .order_by(Meeting.on_date.desc(), Meeting.id.desc())
    )
    return [
        MeetingRow(
            meeting_id=m.id,
            kind=m.kind,
            on_date=m.on_date,
            start_time=m.start_time,
            place=m.place,
            items=n_items or 0,
            decisions=n_decisions or 0,
            minutes_approved_on=m.minutes_approved_on,
        )
        for m, n_items, n_decisions in session.execute(query)
    ]


# ---------------------------------------------------------------- who came


@allowed("committee.run")
def set_attendance(
    session: Session, actor: Actor, meeting_id: int, person_id: int, status: str | None
) -> None:
    """Mark someone present, as sending apologies, or as a guest; None takes them off."""
    editable_meeting(session, actor, meeting_id)
    if session.get(Person, person_id) is None:
        raise NotFound("This person is not in the club's records any more.")
    row = session.get(MeetingAttendee, (meeting_id, person_id))
    if status is None:
        if row is not None:
            session.delete(row)
        return
    if status not in ATTENDEE_STATUSES:
        raise ValidationError("status", "Choose present, apologies or guest.")
    if row is None:
        session.add(MeetingAttendee(meeting_id=meeting_id, person_id=person_id, status=status))
    else:
        row.status = status


@internal
def present_ids(session: Session, meeting_id: int) -> set[int]:
    query = select(MeetingAttendee.person_id).where(
        MeetingAttendee.meeting_id == meeting_id, MeetingAttendee.status == "present"
    )
    return set(session.scalars(query))


@internal
def meeting_quorum(session: Session, meeting_id: int) -> committee.Quorum:
    return committee.quorum(
        session, _meeting(session, meeting_id), present_ids(session, meeting_id)
    )


# ---------------------------------------------------------------- the agenda


@internal
def items_in_order(session: Session, meeting_id: int) -> list[AgendaItem]:
    query = (
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    )
    return list(session.scalars(query))


@allowed("committee.see")
def why_item_stays(session: Session, actor: Actor, item_id: int) -> str:
    """Why an agenda item cannot be taken off the agenda, in words; "" when it can.

    Read-only: the same rule as ``agenda.remove_item``, so a page can say so before
    asking "Take … off the agenda?".
    """
    item = session.get(AgendaItem, item_id)
    if item is None:
        return "This agenda item is not there any more."
    meeting = _meeting(session, item.meeting_id)
    if meeting.minutes_approved_on is not None:
        return "The minutes of this meeting are approved, so its agenda cannot change."
    if session.scalar(
        select(func.count()).select_from(Decision).where(Decision.item_id == item_id)
    ):
        return "A decision was recorded under it, and the minutes must show where."
    return ""


# ---------------------------------------------------------------- the whole meeting


def _action_row(action: ActionPoint, who: Person | None) -> ActionRow:
    return ActionRow(
        action_id=action.id,
        meeting_id=action.meeting_id,
        item_id=action.item_id,
        what=action.what,
        who_id=action.who_id,
        who=_name(who),
        due_on=action.due_on,
        done_on=action.done_on,
    )


@allowed("committee.see")
def get_meeting(session: Session, actor: Actor, meeting_id: int) -> MeetingDetail:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(NO_SUCH_MEETING)
    people: dict[int, Person] = {}

    def person(pid: int | None) -> Person | None:
        if pid is None:
            return None
        if pid not in people:
            found = session.get(Person, pid)
            if found is None:
                return None
            people[pid] = found
        return people[pid]

    trustees = committee.trustee_ids(session, meeting.on_date)
    attendees = []
    for row, who in session.execute(
        select(MeetingAttendee, Person)
        .join(Person, Person.id == MeetingAttendee.person_id)
        .where(MeetingAttendee.meeting_id == meeting_id)
    ):
        attendees.append(AttendeeRow(who.id, _name(who), row.status, who.id in trustees))
    attendees.sort(key=lambda a: (ATTENDEE_STATUSES.index(a.status), a.name.casefold()))
    present = {a.person_id for a in attendees if a.status == "present"}

    notes_by_item: dict[int, list[tuple[int, str]]] = {}
    for note_link, note, member in session.execute(
        select(AgendaItemNote, Note, Person)
        .join(Note, Note.id == AgendaItemNote.note_id)
        .join(Person, Person.id == Note.person_id)
        .join(AgendaItem, AgendaItem.id == AgendaItemNote.item_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(Note.on_date, Note.id)
    ):
        speaker = _name(member) if note.visibility == "committee_named" else ANONYMOUS
        notes_by_item.setdefault(note_link.item_id, []).append(
            (note.id, f"{speaker}: {committee_words(note)}")
        )

    follows: dict[int, list[ActionRow]] = {}
    for action_link, action in session.execute(
        select(AgendaItemAction, ActionPoint)
        .join(ActionPoint, ActionPoint.id == AgendaItemAction.action_id)
        .join(AgendaItem, AgendaItem.id == AgendaItemAction.item_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(ActionPoint.id)
    ):
        follows.setdefault(action_link.item_id, []).append(
            _action_row(action, person(action.who_id))
        )

    items = tuple(
        ItemRow(
            item_id=it.id,
            position=it.position,
            source=it.source,
            standing_code=it.standing_code,
            title=it.title,
            details=it.details,
            presenter_id=it.presenter_id,
            presenter=_name(person(it.presenter_id)),
            planned_minutes=it.planned_minutes,
            discussion=it.discussion,
            from_members=tuple(text for _, text in notes_by_item.get(it.id, [])),
            note_ids=tuple(nid for nid, _ in notes_by_item.get(it.id, [])),
            follows_up=tuple(follows.get(it.id, [])),
        )
        for it in items_in_order(session, meeting_id)
    )
    decisions = tuple(
        DecisionRow(
            decision_id=d.id,
            item_id=d.item_id,
            motion=d.motion,
            proposer=_name(person(d.proposer_id)),
            seconder=_name(person(d.seconder_id)),
            votes_for=d.votes_for,
            votes_against=d.votes_against,
            abstentions=d.abstentions,
            casting=d.casting,
            carried=d.carried,
            what_happened=d.what_happened,
        )
        for d in session.scalars(
            select(Decision).where(Decision.meeting_id == meeting_id).order_by(Decision.id)
        )
    )
    actions = tuple(
        _action_row(a, person(a.who_id))
        for a in session.scalars(
            select(ActionPoint).where(ActionPoint.meeting_id == meeting_id).order_by(ActionPoint.id)
        )
    )
    before = session.scalars(
        select(Meeting)
        .where(
            Meeting.kind == meeting.kind,
            Meeting.id != meeting.id,
            (Meeting.on_date < meeting.on_date)
            | ((Meeting.on_date == meeting.on_date) & (Meeting.id < meeting.id)),
        )
        .order_by(Meeting.on_date.desc(), Meeting.id.desc())
        .limit(1)
    ).first()
    return MeetingDetail(
        meeting_id=meeting.id,
        kind=meeting.kind,
        on_date=meeting.on_date,
        start_time=meeting.start_time,
        place=meeting.place,
        chair_id=meeting.chair_id,
        chair=_name(person(meeting.chair_id)),
        attendees=tuple(attendees),
        quorum=committee.quorum(session, meeting, present),
        items=items,
        decisions=decisions,
        actions=actions,
        minutes_approved_on=meeting.minutes_approved_on,
        previous=None
        if before is None
        else EarlierMeeting(before.id, before.on_date, before.minutes_approved_on),
    )
