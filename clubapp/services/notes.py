"""One-to-one notes: who may see each one, "What matters to me", and the committee's inbox.

The visibility rules live here and nowhere else:

* a **private** note is seen by the coordinator only;
* a **committee, without the name** note reaches the committee as its summary, and
  nothing the committee sees (inbox, agendas, minutes, printouts) names the member;
* a **committee, with the name** note may be seen with the name by the committee and
  volunteers, because the member agreed (the day is recorded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from clubapp.models.committee import AgendaItem, AgendaItemNote, Meeting
from clubapp.models.members import Person
from clubapp.models.notes import NOTE_KINDS, VISIBILITIES, Note
from clubapp.services import fields
from clubapp.services.dates import long_date
from clubapp.services.errors import NotAllowed, NotFound, ValidationError, collect_errors
from clubapp.services.members import has_consent
from clubapp.services.permissions import Actor, allowed, can, require

KIND_WORDS = {
    "likes": "Likes",
    "not_sure": "Not sure about",
    "dislikes": "Doesn't like",
    "need": "A need or a change in needs",
    "idea": "An idea",
    "worry": "A worry",
    "praise": "Praise",
}
VISIBILITY_WORDS = {
    "private": "Only the coordinator",
    "committee_anonymous": "The committee, without the name",
    "committee_named": "The committee and volunteers, with the name",
}
# What the committee reads in place of the name of someone who asked not to be named.
ANONYMOUS = "A member"
assert set(KIND_WORDS) == set(NOTE_KINDS) and set(VISIBILITY_WORDS) == set(VISIBILITIES)


@dataclass(frozen=True)
class NoteInput:
    person_id: int
    on_date: date
    kind: str
    text: str
    visibility: str = "private"
    summary: str = ""
    taken_by_id: int | None = None
    named_agreed_on: date | None = None
    health_related: bool = False
    flagged: bool = False


@dataclass(frozen=True)
class NoteRow:
    note_id: int
    person_id: int
    person_name: str  # known as, else full name
    person_full_name: str
    on_date: date
    taken_by: str  # "" when not recorded
    kind: str
    text: str
    summary: str
    visibility: str
    health_related: bool
    flagged: bool
    superseded_on: date | None
    on_agenda: bool
    created_by: int | None
    conversation_id: int | None  # the picture conversation that wrote it, if one did

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def visibility_words(self) -> str:
        return VISIBILITY_WORDS[self.visibility]

    @property
    def current(self) -> bool:
        return self.superseded_on is None


@dataclass(frozen=True)
class NoteDetail(NoteRow):
    taken_by_id: int | None
    named_agreed_on: date | None


@dataclass(frozen=True)
class InboxItem:
    """A flagged note as the committee sees it: the summary, and a name only if agreed."""

    note_id: int
    on_date: date
    kind: str
    who: str  # ANONYMOUS unless the member agreed to be named
    summary: str

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]


@dataclass(frozen=True)
class MatterLine:
    note_id: int
    text: str
    on_date: date
    private: bool  # shown to the coordinator only
    named: bool = False  # shared with the member's name: the only lines About me prints


@dataclass(frozen=True)
class WhatMatters:
    """A member's current likes, dislikes and needs, from notes not marked superseded."""

    person_id: int
    name: str
    likes: tuple[MatterLine, ...]
    dislikes: tuple[MatterLine, ...]
    needs: tuple[MatterLine, ...]
    communication_tips: str  # "" when the reader may not see needs

    @property
    def empty(self) -> bool:
        return not (self.likes or self.dislikes or self.needs or self.communication_tips)


def _name(person: Person) -> str:
    return person.known_as or person.full_name


def committee_words(note: Note) -> str:
    """What the committee reads for a note: the summary, else (if named) the member's words."""
    return _committee_words(note.summary, note.text, note.visibility)


def _committee_words(summary: str, text: str, visibility: str) -> str:
    return summary.strip() or (text.strip() if visibility == "committee_named" else "")


def names_in(text: str, person: Person) -> str | None:
    """The first of the person's names that appears as a word in ``text``, if any."""
    words = {w for name in (person.full_name, person.known_as) for w in name.split() if len(w) > 1}
    for word in sorted(words, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
            return word
    return None


def check_visibility(
    visibility: str,
    flagged: bool,
    named_agreed_on: date | None,
    today: date,
    name: str,
    what: str,
) -> None:
    """Who may see something a member said (a note, a picture conversation): a known
    choice, nothing private sent to the committee, and the day they agreed to be named.
    ``what`` starts the sentence about a private one ("A note")."""
    if visibility not in VISIBILITIES:
        raise ValidationError("visibility", "Choose who may see this.")
    if flagged and visibility == "private":
        raise ValidationError(
            "flagged",
            f"{what} only the coordinator may see cannot go to the committee. Under "
            "Who may see it, choose the committee, or untick Send to the committee.",
        )
    if visibility == "committee_named":
        if named_agreed_on is None:
            raise ValidationError(
                "named_agreed_on",
                f"Say on which day {name} agreed to be named to the committee, or choose "
                "The committee, without the name.",
            )
        if named_agreed_on > today:
            raise ValidationError(
                "named_agreed_on", "The day they agreed is in the future. Check the date."
            )


def _plain_checks(data: NoteInput, today: date, name: str) -> dict[str, str]:
    """The checks that need nothing from the database."""

    def when() -> None:
        if data.on_date > today:
            raise ValidationError(
                "on_date", "The date is in the future. Use the day the conversation happened."
            )

    def kind() -> None:
        if data.kind not in NOTE_KINDS:
            raise ValidationError("kind", "Choose what kind of note this is.")

    def text() -> None:
        if not data.text.strip():
            raise ValidationError("text", f"Type what {name} said, in their own words if you can.")
        fields.text(data.text, "text", "note")

    def visibility() -> None:
        check_visibility(data.visibility, data.flagged, data.named_agreed_on, today, name, "A note")

    def summary() -> None:
        fields.text(data.summary, "summary", "summary")
        if data.visibility == "committee_anonymous" and not data.summary.strip():
            raise ValidationError(
                "summary",
                "Write a short summary for the committee, without the member's name. The "
                "committee sees this instead of the note.",
            )

    return collect_errors(when, kind, text, visibility, summary)


def problems_before_choosing(data: NoteInput, today: date) -> dict[str, str]:
    """What is missing in a note whose member is not chosen yet, so the page can say
    everything at once rather than one thing per press of Save."""
    return _plain_checks(data, today, "the member")


def _check(session: Session, data: NoteInput, today: date) -> tuple[Person, dict[str, str]]:
    person = session.get(Person, data.person_id)
    if person is None:
        raise NotFound("This person is not in the club's records any more.")
    name = _name(person)

    def taken_by() -> None:
        if data.taken_by_id is not None and session.get(Person, data.taken_by_id) is None:
            raise ValidationError("taken_by_id", "Choose who had the conversation again.")

    def summary_unnamed() -> None:
        if data.visibility != "committee_anonymous":
            return
        named = names_in(data.summary, person)
        if named:
            raise ValidationError(
                "summary",
                f'The summary says "{named}". The committee must not know who said this: '
                "take the name out.",
            )

    def health() -> None:
        if data.health_related and not has_consent(
            session, person.id, "health_notes", data.on_date
        ):
            raise ValidationError(
                "health_related",
                f"{name} has no consent recorded for keeping notes about their health. "
                f"Record it on {name}'s page: under Consent, press “Add a consent record”, "
                "choose “Keeping health-related notes” and save. Or untick “This is about "
                "their health” if it is not.",
            )

    errors = collect_errors(taken_by, summary_unnamed, health)
    for field, message in _plain_checks(data, today, name).items():
        errors.setdefault(field, message)
    return person, errors


@allowed("notes.add")
def add_note(session: Session, actor: Actor, data: NoteInput, today: date) -> int:
    _, errors = _check(session, data, today)
    if errors:
        raise ValidationError(errors)
    note = Note(created_by=actor.user_id)
    _fill(note, data)
    session.add(note)
    session.flush()
    return note.id


def _fill(note: Note, data: NoteInput) -> None:
    note.person_id = data.person_id
    note.on_date = data.on_date
    note.taken_by_id = data.taken_by_id
    note.kind = data.kind
    note.text = data.text.strip()
    note.summary = data.summary.strip()
    note.visibility = data.visibility
    note.named_agreed_on = data.named_agreed_on if data.visibility == "committee_named" else None
    note.health_related = data.health_related
    note.flagged = data.flagged


def _editable(session: Session, actor: Actor, note_id: int) -> Note:
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound("This note is not there any more.")
    if not can(actor, "notes.see_all") and (
        actor.user_id is None or note.created_by != actor.user_id
    ):
        raise NotAllowed("Only the coordinator or the person who wrote a note can change it.")
    return note


def _on_agenda(session: Session, note_id: int) -> bool:
    return bool(session.scalar(select(exists().where(AgendaItemNote.note_id == note_id))))


def _in_approved_minutes(session: Session, note_id: int) -> Meeting | None:
    """The meeting with approved minutes whose agenda carries this note, if any."""
    return session.scalars(
        select(Meeting)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .join(AgendaItemNote, AgendaItemNote.item_id == AgendaItem.id)
        .where(AgendaItemNote.note_id == note_id, Meeting.minutes_approved_on.is_not(None))
        .order_by(Meeting.on_date)
    ).first()


@allowed("notes.add")
def update_note(session: Session, actor: Actor, note_id: int, data: NoteInput, today: date) -> None:
    note = _editable(session, actor, note_id)
    locked = _in_approved_minutes(session, note_id)
    if locked is not None:
        # The approved record quotes the note: changing it would change the record.
        raise ValidationError(
            "text",
            "This note is part of the approved minutes of the meeting on "
            f"{long_date(locked.on_date, weekday=False)}, so it cannot change. If something "
            "has changed, mark it as no longer true and write a new note.",
        )
    _, errors = _check(session, data, today)
    if note.conversation_id is not None and (
        data.visibility != note.visibility or data.person_id != note.person_id
    ):
        # The conversation's pictures are shown by its own choice: they change together.
        errors["visibility"] = (
            "This note was written by a picture conversation. Change who may see it on "
            f"the conversation's page (Conversation {note.conversation_id}), so that its "
            "pictures and notes change together."
        )
    on_agenda = _on_agenda(session, note_id)
    if on_agenda:
        if data.visibility == "private":
            errors["visibility"] = (
                "This note is already on a committee agenda, so it cannot be made private."
            )
        if data.person_id != note.person_id:
            errors["person_id"] = "This note is on an agenda; it cannot move to another person."
    if on_agenda and data.visibility == "committee_anonymous" and not errors:
        errors.update(_unname_agenda(session, note_id, data))
    if errors:
        raise ValidationError(errors)
    _fill(note, data)
    if on_agenda:
        note.flagged = True  # it went to the committee; "you said, we did" follows it


def _unname_agenda(session: Session, note_id: int, data: NoteInput) -> dict[str, str]:
    """Now the member is not to be named: agenda items made from the note lose the name.

    A title that names them becomes the note's summary; details typed by someone that
    name them must be changed by that person, so the change is refused until they are.
    """
    person = session.get(Person, data.person_id)
    if person is None:
        return {}
    items = session.scalars(
        select(AgendaItem)
        .join(AgendaItemNote, AgendaItemNote.item_id == AgendaItem.id)
        .where(AgendaItemNote.note_id == note_id)
    )
    for item in items:
        named = names_in(item.details, person)
        if named:
            return {
                "visibility": f"The agenda item “{item.title}” has details that name "
                f"{named}. Change that item's details on the meeting's agenda first, then "
                "come back to this note."
            }
        if names_in(item.title, person):
            item.title = short_title(data.summary)
    return {}


def short_title(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


@allowed("notes.add")
def set_superseded(
    session: Session, actor: Actor, note_id: int, superseded: bool, today: date
) -> None:
    """Mark a note as no longer true (or true again); it stays in the record either way."""
    note = _editable(session, actor, note_id)
    note.superseded_on = today if superseded else None


def _visible(actor: Actor, where: list) -> list:  # type: ignore[type-arg]
    """The conditions, plus the one that keeps to the notes the actor may see."""
    if can(actor, "notes.see_all"):
        return where
    require(actor, "notes.see_shared")
    return [*where, Note.visibility == "committee_named"]


def _rows(session: Session, actor: Actor, where: list) -> list[NoteRow]:  # type: ignore[type-arg]
    where = _visible(actor, where)
    taker = aliased(Person)
    on_agenda = exists().where(AgendaItemNote.note_id == Note.id)
    # Columns, not whole objects: the Notes page lists every note (20,000 in the large
    # demo), and building ORM objects for each took most of a second.
    query = (
        select(
            Note.id,
            Note.person_id,
            Person.known_as,
            Person.full_name,
            Note.on_date,
            taker.known_as,
            taker.full_name,
            Note.kind,
            Note.text,
            Note.summary,
            Note.visibility,
            Note.health_related,
            Note.flagged,
            Note.superseded_on,
            on_agenda,
            Note.created_by,
            Note.conversation_id,
        )
        .join(Person, Person.id == Note.person_id)
        .outerjoin(taker, taker.id == Note.taken_by_id)
        .where(*where)
        .order_by(Note.on_date.desc(), Note.id.desc())
    )
    return [
        NoteRow(
            note_id=note_id,
            person_id=person_id,
            person_name=known_as or full_name,
            person_full_name=full_name,
            on_date=on_date,
            taken_by=(taker_known or taker_full or ""),
            kind=kind,
            text=text,
            summary=summary,
            visibility=visibility,
            health_related=bool(health),
            flagged=bool(flagged),
            superseded_on=superseded_on,
            on_agenda=bool(agenda),
            created_by=created_by,
            conversation_id=conversation_id,
        )
        for (
            note_id,
            person_id,
            known_as,
            full_name,
            on_date,
            taker_known,
            taker_full,
            kind,
            text,
            summary,
            visibility,
            health,
            flagged,
            superseded_on,
            agenda,
            created_by,
            conversation_id,
        ) in session.execute(query)
    ]


@allowed("notes.see_shared")
def list_notes(
    session: Session,
    actor: Actor,
    *,
    person_id: int | None = None,
    kind: str | None = None,
    current_only: bool = False,
    since: date | None = None,
) -> list[NoteRow]:
    """Notes the actor may see, newest first (only those on or after ``since``, if given)."""
    where = []
    if person_id is not None:
        where.append(Note.person_id == person_id)
    if kind is not None:
        where.append(Note.kind == kind)
    if current_only:
        where.append(Note.superseded_on.is_(None))
    if since is not None:
        where.append(Note.on_date >= since)
    return _rows(session, actor, where)


@allowed("notes.see_shared")
def count_before(session: Session, actor: Actor, day: date) -> int:
    """How many notes the actor may see from before this day."""
    where = _visible(actor, [Note.on_date < day])
    return session.scalar(select(func.count()).select_from(Note).where(*where)) or 0


@allowed("notes.see_shared")
def get_note(session: Session, actor: Actor, note_id: int) -> NoteDetail:
    rows = _rows(session, actor, [Note.id == note_id])
    if not rows:
        raise NotFound("This note is not there any more, or your role does not show it.")
    note = session.get(Note, note_id)
    assert note is not None
    return NoteDetail(
        **{f: getattr(rows[0], f) for f in NoteRow.__dataclass_fields__},
        taken_by_id=note.taken_by_id,
        named_agreed_on=note.named_agreed_on,
    )


@allowed("notes.see_shared", "needs.see")
def what_matters(session: Session, actor: Actor, person_id: int) -> WhatMatters:
    """Current likes, dislikes and needs, and communication tips, as the actor may see them."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("This person is not in the club's records any more.")
    sections: dict[str, list[MatterLine]] = {"likes": [], "dislikes": [], "need": []}
    said: set[tuple[str, str]] = set()
    if can(actor, "notes.see_shared"):
        for row in list_notes(session, actor, person_id=person_id, current_only=True):
            # The same words noted twice are one thing that matters (the newest is kept).
            same = (row.kind, " ".join(row.text.casefold().split()))
            # What a picture conversation said is shown as its pictures (latest_per_topic).
            if row.conversation_id is not None:
                continue
            if row.kind in sections and same not in said:
                said.add(same)
                sections[row.kind].append(
                    MatterLine(
                        row.note_id,
                        row.text,
                        row.on_date,
                        private=row.visibility == "private",
                        named=row.visibility == "committee_named",
                    )
                )
    tips = person.communication_tips if can(actor, "needs.see") else ""
    return WhatMatters(
        person_id=person.id,
        name=_name(person),
        likes=tuple(sections["likes"]),
        dislikes=tuple(sections["dislikes"]),
        needs=tuple(sections["need"]),
        communication_tips=tips,
    )


def _waiting() -> list:  # type: ignore[type-arg]
    """The conditions for a note in the inbox: flagged, shared, on no agenda yet."""
    return [
        Note.flagged,
        Note.visibility != "private",
        ~exists().where(AgendaItemNote.note_id == Note.id),
    ]


@allowed("committee.see")
def inbox_count(session: Session, actor: Actor) -> int:
    """How many notes wait in the committee's inbox."""
    return session.scalar(select(func.count()).select_from(Note).where(*_waiting())) or 0


@allowed("committee.see")
def inbox(session: Session, actor: Actor) -> list[InboxItem]:
    """Flagged notes not yet on any agenda, oldest first, as the committee may see them."""
    query = (
        select(
            Note.id,
            Note.on_date,
            Note.kind,
            Note.visibility,
            Note.summary,
            Note.text,
            Person.known_as,
            Person.full_name,
        )
        .join(Person, Person.id == Note.person_id)
        .where(*_waiting())
        .order_by(Note.on_date, Note.id)
    )
    return [
        InboxItem(
            note_id=note_id,
            on_date=on_date,
            kind=kind,
            who=(known_as or full_name) if visibility == "committee_named" else ANONYMOUS,
            summary=_committee_words(summary, text, visibility),
        )
        for note_id, on_date, kind, visibility, summary, text, known_as, full_name in (
            session.execute(query)
        )
    ]
