"""The club's activities (singing, a quiz, a trip out) and the programme: which
activities happen at which club session, and which of them the members chose by a vote.

An activity is never deleted once it has been used: it is retired, so old programmes
still say what happened. Money is whole pence (``cost_pence``); :func:`parse_pence`
reads what people type ("£3.50", "3.50", "3", "50p").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.attendance import ClubSession
from clubapp.models.committee import Meeting
from clubapp.models.members import Person
from clubapp.models.votes import Activity, Ballot, BallotOption, ProgrammeEntry
from clubapp.pictures import picture_names
from clubapp.services import fields, vote_results
from clubapp.services.dates import long_date
from clubapp.services.errors import NotAllowed, NotFound, ValidationError, collect_errors
from clubapp.services.fields import IMAGE_MAGIC, PHOTO_MAX_BYTES
from clubapp.services.permissions import Actor, allowed, internal
from clubapp.services.votes import find_ballot

NAME_MAX = 100  # the activities table's name column
NOTE_MAX = 200  # the programme table's note column
COST_MAX_PENCE = 100_000  # £1,000 for one session: more is surely a slip of the keyboard
HOW_TO_WRITE_MONEY = "Write it in pounds and pence, like £3.50, or 0 if it is free."
NO_SUCH_ACTIVITY = "This activity is not there any more."
NO_SUCH_ENTRY = "This activity is not on the programme any more."
TIE = "The vote was a tie: choose the activity yourself."


# ---------------------------------------------------------------- money


def parse_pence(text: str, field: str = "cost_pence", words: str = "cost") -> int:
    """Whole pence from money as people type it: "£3.50", "3.50", "3.5", "3" (pounds),
    "50p", "£1,200", "" or "free" (0). ValidationError naming ``field`` otherwise."""
    cleaned = "".join(str(text).split()).replace(",", "")
    if fields.has_hidden(str(text)):
        raise ValidationError(field, f"The {words} has a hidden character in it. Retype it.")
    if not cleaned or cleaned.casefold() in ("free", "nothing", "none"):
        return 0
    if cleaned.startswith("-") or cleaned.startswith("£-"):
        raise ValidationError(field, f"The {words} cannot be less than £0. {HOW_TO_WRITE_MONEY}")
    if match := re.fullmatch(r"(\d{1,7})p", cleaned, flags=re.IGNORECASE):
        return int(match[1])
    match = re.fullmatch(r"£?(\d{1,7}(?:\.\d*)?|\.\d+)", cleaned)
    if match is None:
        shown = text.strip() if len(text.strip()) <= 20 else text.strip()[:17] + "..."
        raise ValidationError(field, f"'{shown}' is not an amount of money. {HOW_TO_WRITE_MONEY}")
    try:
        pounds = Decimal(match[1])
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValidationError(field, HOW_TO_WRITE_MONEY) from None
    pence = pounds * 100
    if pence != pence.to_integral_value():
        raise ValidationError(
            field, f"The {words} has more than two figures after the point. {HOW_TO_WRITE_MONEY}"
        )
    return int(pence)


def pence_words(pence: int) -> str:
    """Money in words for people: "Free", "50p", "£3", "£3.50", "£1,200"."""
    if pence <= 0:
        return "Free"
    if pence < 100:
        return f"{pence}p"
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}" if not rest else f"£{pounds:,}.{rest:02d}"


# ---------------------------------------------------------------- activities


@dataclass(frozen=True)
class ActivityInput:
    name: str
    picture: str | None  # a name from the picture library (clubapp.pictures)
    description: str = ""
    cost_pence: int = 0  # per session, whole pence
    leader_id: int | None = None
    photo: bytes | None = None  # PNG or JPEG; replaces the stored one (None removes it)


@dataclass(frozen=True)
class ActivityRow:
    activity_id: int
    name: str
    picture: str | None
    has_photo: bool
    description: str
    cost_pence: int
    leader_id: int | None
    leader: str  # the name people know them by, or ""
    retired: bool

    @property
    def cost_words(self) -> str:
        return pence_words(self.cost_pence)


def _person_name(person: Person | None) -> str:
    return "" if person is None else (person.known_as or person.full_name)


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _find_activity(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound(NO_SUCH_ACTIVITY)
    return activity


def _same_name(session: Session, name: str, other_than: int | None = None) -> Activity | None:
    """The activity already called ``name`` (any case, any spacing), if there is one."""
    wanted = _tidy(name).casefold()
    for activity in session.scalars(select(Activity)):
        if activity.id != other_than and _tidy(activity.name).casefold() == wanted:
            return activity
    return None


def _check_activity(
    session: Session, data: ActivityInput, activity_id: int | None = None
) -> dict[str, str]:
    name = _tidy(data.name)

    def check_name() -> None:
        fields.name(name, "name", "activity's name", required=True)
        if len(name) > NAME_MAX:
            raise ValidationError(
                "name",
                f"The activity's name is {len(name)} characters long; keep it to {NAME_MAX}.",
            )
        same = _same_name(session, name, other_than=activity_id)
        if same is not None:
            message = f"There is already an activity called {same.name}."
            if same.retired:
                message += " It is put away: bring it back instead of adding it again."
            raise ValidationError("name", message)

    def check_picture() -> None:
        if data.picture is not None and data.picture not in picture_names():
            raise ValidationError("picture", "Choose the picture again from the pictures shown.")
        if data.picture is None and data.photo is None:
            raise ValidationError(
                "picture", "Choose a picture for the activity, or add a photo of it."
            )

    def check_photo() -> None:
        if data.photo is None:
            return
        if len(data.photo) > PHOTO_MAX_BYTES:
            raise ValidationError("photo", "This photo is too large. Choose one under 5 MB.")
        if not data.photo.startswith(IMAGE_MAGIC):
            raise ValidationError(
                "photo", "This file is not a photo clubapp can read. Choose a JPEG or PNG."
            )

    def check_description() -> None:
        fields.text(data.description, "description", "description")

    def check_cost() -> None:
        cost = data.cost_pence
        if isinstance(cost, bool) or not isinstance(cost, int):
            raise ValidationError(
                "cost_pence", "The cost is kept in whole pence: £3.50 is 350. Type it again."
            )
        if cost < 0:
            raise ValidationError(
                "cost_pence", f"The cost cannot be less than £0. {HOW_TO_WRITE_MONEY}"
            )
        if cost > COST_MAX_PENCE:
            raise ValidationError(
                "cost_pence",
                f"{pence_words(cost)} for one session is more than "
                f"{pence_words(COST_MAX_PENCE)}. Check the cost.",
            )

    def check_leader() -> None:
        if data.leader_id is not None and session.get(Person, data.leader_id) is None:
            raise ValidationError("leader_id", "Choose who leads it again.")

    return collect_errors(
        check_name, check_picture, check_photo, check_description, check_cost, check_leader
    )


def _fill(activity: Activity, data: ActivityInput) -> None:
    activity.name = _tidy(data.name)
    activity.picture = data.picture
    activity.photo = data.photo
    activity.description = data.description.strip()
    activity.cost_pence = data.cost_pence
    activity.leader_id = data.leader_id


@internal
def activity_row(session: Session, activity: Activity) -> ActivityRow:
    leader = session.get(Person, activity.leader_id) if activity.leader_id else None
    return ActivityRow(
        activity_id=activity.id,
        name=activity.name,
        picture=activity.picture,
        has_photo=activity.photo is not None,
        description=activity.description,
        cost_pence=activity.cost_pence,
        leader_id=activity.leader_id,
        leader=_person_name(leader),
        retired=activity.retired,
    )


@allowed("programme.edit")
def add_activity(session: Session, actor: Actor, data: ActivityInput) -> int:
    errors = _check_activity(session, data)
    if errors:
        raise ValidationError(errors)
    activity = Activity()
    _fill(activity, data)
    session.add(activity)
    session.flush()
    return activity.id


@allowed("programme.edit")
def update_activity(session: Session, actor: Actor, activity_id: int, data: ActivityInput) -> None:
    """Change an activity: every field, the photo too (pass :func:`activity_photo`'s
    bytes to keep it). The programme shows the new details, past sessions included."""
    activity = _find_activity(session, activity_id)
    errors = _check_activity(session, data, activity_id)
    if errors:
        raise ValidationError(errors)
    _fill(activity, data)
    session.flush()


@allowed("programme.edit")
def retire_activity(session: Session, actor: Actor, activity_id: int, retired: bool = True) -> None:
    """Put an activity away (it stays on past programmes), or bring it back."""
    _find_activity(session, activity_id).retired = retired
    session.flush()


@allowed("programme.see")
def list_activities(
    session: Session, actor: Actor, include_retired: bool = False
) -> list[ActivityRow]:
    """The activities by name; retired ones only when asked for."""
    query = select(Activity)
    if not include_retired:
        query = query.where(Activity.retired.is_(False))
    rows = [activity_row(session, a) for a in session.scalars(query)]
    return sorted(rows, key=lambda r: r.name.casefold())


@allowed("programme.see")
def get_activity(session: Session, actor: Actor, activity_id: int) -> ActivityRow:
    return activity_row(session, _find_activity(session, activity_id))


@allowed("programme.see")
def activity_photo(session: Session, actor: Actor, activity_id: int) -> bytes | None:
    activity = session.get(Activity, activity_id)
    return None if activity is None else activity.photo


# ---------------------------------------------------------------- the programme


@dataclass(frozen=True)
class ProgrammeItem:
    entry_id: int
    activity_id: int
    name: str
    picture: str | None
    has_photo: bool
    description: str
    leader: str  # "" when nobody is named
    cost_pence: int
    note: str
    ballot_id: int | None
    chosen_words: str  # "Chosen by the members' vote on 4 December 2026", or ""

    @property
    def cost_words(self) -> str:
        return pence_words(self.cost_pence)


@dataclass(frozen=True)
class ProgrammeDay:
    """One club session in the programme, with its activities in the order planned."""

    session_id: int
    on_date: date
    name: str
    start_time: time | None
    activities: tuple[ProgrammeItem, ...]


def _open_session(session: Session, session_id: int) -> ClubSession:
    club_session = session.get(ClubSession, session_id)
    if club_session is None:
        raise ValidationError(
            "session_id", "That club session is not in the records any more. Choose it again."
        )
    if club_session.cancelled:
        raise ValidationError(
            "session_id",
            f"{club_session.name} on {long_date(club_session.on_date)} is cancelled. "
            "Choose another session.",
        )
    return club_session


def _ballot_date(session: Session, ballot: Ballot) -> tuple[date, str]:
    """When a vote was taken, and whose vote it was ("members'" or "committee's")."""
    if ballot.session_id is not None:
        club_session = session.get(ClubSession, ballot.session_id)
        if club_session is not None:
            return club_session.on_date, "members'"
    if ballot.meeting_id is not None:
        meeting = session.get(Meeting, ballot.meeting_id)
        if meeting is not None:
            return meeting.on_date, "committee's" if meeting.kind == "committee" else "members'"
    when = ballot.closed_at or ballot.created_at
    return when.date(), "members'"


@internal
def chosen_words(session: Session, ballot_id: int | None) -> str:
    if ballot_id is None:
        return ""
    ballot = session.get(Ballot, ballot_id)
    if ballot is None:
        return ""
    on, whose = _ballot_date(session, ballot)
    return f"Chosen by the {whose} vote on {long_date(on, weekday=False)}"


@allowed("programme.edit")
def add_to_programme(
    session: Session,
    actor: Actor,
    session_id: int,
    activity_id: int,
    ballot_id: int | None = None,
    note: str = "",
) -> int:
    """Plan an activity for a club session; returns the programme entry's id."""
    club_session = _open_session(session, session_id)
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise ValidationError("activity_id", "That activity is not there any more. Choose again.")
    if activity.retired:
        raise ValidationError(
            "activity_id", f"{activity.name} is put away. Bring it back first, then add it."
        )
    if ballot_id is not None:
        # "Chosen by the members' vote" only for a closed choice this activity won.
        ballot = session.get(Ballot, ballot_id)
        if ballot is None:
            raise ValidationError("ballot_id", "That vote is not there any more.")
        won = False
        if ballot.kind == "activity" and ballot.status == "closed":
            winners = set(vote_results.results(session, actor, ballot_id).winners)
            won = any(
                o.id in winners and o.activity_id == activity_id
                for o in session.scalars(
                    select(BallotOption).where(BallotOption.ballot_id == ballot_id)
                )
            )
        if not won:
            raise ValidationError(
                "ballot_id", "That activity did not win that vote, so it was not chosen by it."
            )
    note = _tidy(note)
    fields.text(note, "note", "note")
    if len(note) > NOTE_MAX:
        raise ValidationError(
            "note", f"The note is {len(note)} characters long; keep it to {NOTE_MAX}."
        )
    already = session.scalar(
        select(ProgrammeEntry.id).where(
            ProgrammeEntry.session_id == session_id, ProgrammeEntry.activity_id == activity_id
        )
    )
    if already is not None:
        raise ValidationError(
            "activity_id",
            f"{activity.name} is already on the programme for {club_session.name} on "
            f"{long_date(club_session.on_date)}.",
        )
    entry = ProgrammeEntry(
        session_id=session_id, activity_id=activity_id, ballot_id=ballot_id, note=note
    )
    session.add(entry)
    session.flush()
    return entry.id


@allowed("programme.edit")
def remove_from_programme(session: Session, actor: Actor, entry_id: int) -> None:
    entry = session.get(ProgrammeEntry, entry_id)
    if entry is None:
        raise NotFound(NO_SUCH_ENTRY)
    session.delete(entry)
    session.flush()


@allowed("programme.see")
def programme(session: Session, actor: Actor, date_from: date, date_to: date) -> list[ProgrammeDay]:
    """Every club session (not cancelled) from ``date_from`` to ``date_to``, in date
    order, each with its activities in the order they were planned."""
    if date_to < date_from:
        raise ValidationError("date_to", "The end of the period is before its start.")
    sessions = list(
        session.scalars(
            select(ClubSession)
            .where(
                ClubSession.on_date.between(date_from, date_to),
                ClubSession.cancelled.is_(False),
            )
            .order_by(ClubSession.on_date, ClubSession.start_time, ClubSession.id)
        )
    )
    entries: dict[int, list[tuple[ProgrammeEntry, Activity]]] = {s.id: [] for s in sessions}
    if sessions:
        rows = session.execute(
            select(ProgrammeEntry, Activity)
            .join(Activity, Activity.id == ProgrammeEntry.activity_id)
            .where(ProgrammeEntry.session_id.in_(list(entries)))
            .order_by(ProgrammeEntry.id)
        )
        for entry, activity in rows:
            entries[entry.session_id].append((entry, activity))
    leaders: dict[int, str] = {}
    chosen: dict[int, str] = {}

    def leader(person_id: int | None) -> str:
        if person_id is None:
            return ""
        if person_id not in leaders:
            leaders[person_id] = _person_name(session.get(Person, person_id))
        return leaders[person_id]

    def chosen_by(ballot_id: int | None) -> str:
        if ballot_id is None:
            return ""
        if ballot_id not in chosen:
            chosen[ballot_id] = chosen_words(session, ballot_id)
        return chosen[ballot_id]

    return [
        ProgrammeDay(
            session_id=s.id,
            on_date=s.on_date,
            name=s.name,
            start_time=s.start_time,
            activities=tuple(
                ProgrammeItem(
                    entry_id=entry.id,
                    activity_id=activity.id,
                    name=activity.name,
                    picture=activity.picture,
                    has_photo=activity.photo is not None,
                    description=activity.description,
                    leader=leader(activity.leader_id),
                    cost_pence=activity.cost_pence,
                    note=entry.note,
                    ballot_id=entry.ballot_id,
                    chosen_words=chosen_by(entry.ballot_id),
                )
                for entry, activity in entries[s.id]
            ),
        )
        for s in sessions
    ]


# ---------------------------------------------------------------- from a vote


@dataclass(frozen=True)
class FromVote:
    activity_id: int
    name: str  # the activity's name, for "Crafternoon is on the programme 3 times"
    entry_ids: tuple[int, ...]  # new entries (sessions that already had it are not repeated)
    created: bool  # a new activity was made from the vote's choice


def _activity_for(session: Session, option: BallotOption) -> tuple[Activity, bool]:
    """The option's activity, else the activity with its words, else a new one made
    from its words and picture. Members just chose it, so a retired one comes back."""
    if option.activity_id is not None:
        linked = session.get(Activity, option.activity_id)
        if linked is not None:
            linked.retired = False
            return linked, False
    same = _same_name(session, option.words)
    if same is not None:
        same.retired = False
        return same, False
    made = Activity(name=_tidy(option.words)[:NAME_MAX], picture=option.picture, photo=option.photo)
    session.add(made)
    session.flush()
    return made, True


@allowed("programme.edit")
def from_vote(
    session: Session, actor: Actor, ballot_id: int, session_ids: Sequence[int]
) -> FromVote:
    """Put the activity the members chose in a closed activity vote on each chosen
    club session, marked as chosen by the vote. All the sessions or none: any refusal
    leaves the programme as it was (the caller's transaction rolls back).

    A session that already has the activity keeps its entry, now marked as chosen
    by the vote when it was not marked already."""
    ballot = find_ballot(session, ballot_id)
    if ballot.kind != "activity":
        raise NotAllowed("Only a vote on activities can fill the programme.")
    if ballot.status == "open":
        raise NotAllowed("Close the vote first; then put what people chose on the programme.")
    result = vote_results.results(session, actor, ballot_id)
    if result.voted == 0:
        raise NotAllowed("Nobody voted: choose the activity yourself.")
    if len(result.winners) != 1:
        raise NotAllowed(TIE)
    wanted = list(dict.fromkeys(session_ids))
    if not wanted:
        raise ValidationError("session_ids", "Choose at least one club session for it.")
    for session_id in wanted:
        _open_session(session, session_id)
    option = session.get(BallotOption, result.winners[0])
    if option is None:  # pragma: no cover - the result was just read from it
        raise NotFound("The chosen activity is not on the vote any more.")
    activity, created = _activity_for(session, option)
    made: list[int] = []
    for session_id in wanted:
        entry = session.scalars(
            select(ProgrammeEntry).where(
                ProgrammeEntry.session_id == session_id,
                ProgrammeEntry.activity_id == activity.id,
            )
        ).first()
        if entry is not None:
            if entry.ballot_id is None:
                entry.ballot_id = ballot_id
            continue
        entry = ProgrammeEntry(session_id=session_id, activity_id=activity.id, ballot_id=ballot_id)
        session.add(entry)
        session.flush()
        made.append(entry.id)
    session.flush()
    return FromVote(activity.id, activity.name, tuple(made), created)
