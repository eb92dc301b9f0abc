"""Reading the audit log, and noting actions that change nothing in the database
(an export, a printout, a subject access request).

The log itself is written by clubapp.db.audit_trail as changes are saved. It holds
record numbers and field names only; names are looked up when the coordinator reads it,
so an erased person shows as "a former member".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clubapp.models.audit import AREAS, WHATS, AuditEntry
from clubapp.models.members import Person
from clubapp.models.notes import Note
from clubapp.models.users import User
from clubapp.services.errors import ValidationError
from clubapp.services.permissions import ANY_ROLE, ROLE_WORDS, Actor, allowed

AREA_WORDS = {
    "people": "People",
    "notes": "One-to-one notes",
    "money": "Money",
    "votes": "Votes",
    "users": "Who can sign in",
    "privacy": "Privacy",
}
WHAT_WORDS = {
    "added": "added",
    "changed": "changed",
    "removed": "removed",
    "exported": "exported",
    "printed": "printed",
    "erased": "erased",
    "restored": "restored",
}
TABLE_WORDS = {
    "people": "person",
    "notes": "note",
    "conversations": "picture conversation",
    "conversation_answers": "card sorted in a picture conversation",
    "users": "sign-in account",
    "money_entries": "money in or out",
    "money_splits": "part of a payment",
    "ballots": "vote",
    "consent_records": "consent record",
    "emergency_contacts": "emergency contact",
    "attendance": "attendance",
    "funds": "fund",
    "money_accounts": "money account",
}
PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditRow:
    entry_id: int
    at: datetime  # UTC
    who: str
    role_word: str
    area: str
    area_word: str
    what: str
    action_words: str
    record_table: str
    record_id: int | None
    record_words: str
    fields: str


@dataclass(frozen=True)
class AuditFilter:
    area: str | None = None
    user_id: int | None = None
    from_day: date | None = None
    to_day: date | None = None
    record_table: str | None = None
    record_id: int | None = None


def action_words(action: str) -> str:
    """ "members.update_person" -> "Update person"."""
    name = action.rsplit(".", 1)[-1].replace("_", " ").strip()
    return name[:1].upper() + name[1:] if name else "A change"


def _who_words(user_id: int | None, role: str, names: dict[int, str]) -> str:
    if user_id is None:
        return "The command line" if role else "Setting up"
    return names.get(user_id, f"Account {user_id} (removed)")


def _record_words(
    table: str, record_id: int | None, people: dict[int, str], note_about: dict[int, str]
) -> str:
    thing = TABLE_WORDS.get(table, table.replace("_", " "))
    if record_id is None:
        return f"several: {thing}"
    if table == "people":
        name = people.get(record_id)
        return f"{name} (person {record_id})" if name else f"a former member (person {record_id})"
    if table == "notes":
        # Whose note, so the coordinator can tell which; a removed note has no one to name.
        about = note_about.get(record_id)
        return (
            f"a note about {about} (note {record_id})" if about else f"note {record_id} (removed)"
        )
    return f"{thing} {record_id}"


def _utc_start(day: date) -> datetime:
    """When ``day`` starts on this computer's clock, as stored (UTC without a zone): the
    log is read in local days, as its times are shown."""
    local = datetime.combine(day, time()).astimezone()
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def _check_filter(flt: AuditFilter) -> None:
    if flt.area is not None and flt.area not in AREAS:
        raise ValidationError("area", "Choose one of the areas in the list.")
    if flt.from_day and flt.to_day and flt.to_day < flt.from_day:
        raise ValidationError("to_day", "The last day must be on or after the first day.")


@allowed("audit.see")
def audit_entries(
    session: Session, actor: Actor, flt: AuditFilter = AuditFilter(), *, page: int = 0
) -> list[AuditRow]:
    """The newest entries first, ``PAGE_SIZE`` to a page, filtered by ``flt``."""
    _check_filter(flt)
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if flt.area:
        query = query.where(AuditEntry.area == flt.area)
    if flt.user_id is not None:
        query = query.where(AuditEntry.user_id == flt.user_id)
    if flt.from_day:
        query = query.where(AuditEntry.at >= _utc_start(flt.from_day))
    if flt.to_day:
        query = query.where(AuditEntry.at < _utc_start(flt.to_day + timedelta(1)))
    if flt.record_table:
        query = query.where(AuditEntry.record_table == flt.record_table)
    if flt.record_id is not None:
        query = query.where(AuditEntry.record_id == flt.record_id)
    entries = list(session.scalars(query.limit(PAGE_SIZE).offset(max(page, 0) * PAGE_SIZE)))
    user_ids = {e.user_id for e in entries if e.user_id is not None}
    names = dict(
        session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()
    )
    person_ids = {e.record_id for e in entries if e.record_table == "people" and e.record_id}
    people = dict(
        session.execute(select(Person.id, Person.full_name).where(Person.id.in_(person_ids))).all()
    )
    note_ids = {e.record_id for e in entries if e.record_table == "notes" and e.record_id}
    note_about = dict(
        session.execute(
            select(Note.id, Person.full_name)
            .join(Person, Person.id == Note.person_id)
            .where(Note.id.in_(note_ids))
        ).all()
    )
    return [
        AuditRow(
            entry_id=e.id,
            at=e.at,
            who=_who_words(e.user_id, e.role, names),
            role_word=ROLE_WORDS.get(e.role, ""),
            area=e.area,
            area_word=AREA_WORDS[e.area],
            what=e.what,
            action_words=action_words(e.action),
            record_table=e.record_table,
            record_id=e.record_id,
            record_words=_record_words(e.record_table, e.record_id, people, note_about),
            fields=e.fields,
        )
        for e in entries
    ]


@allowed("audit.see")
def audit_count(session: Session, actor: Actor) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


@allowed("audit.see")
def audit_users(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """Everyone who has an entry, for the "who" filter: (user id, name)."""
    ids = select(AuditEntry.user_id).where(AuditEntry.user_id.is_not(None)).distinct()
    rows = session.execute(
        select(User.id, User.display_name).where(User.id.in_(ids)).order_by(User.display_name)
    )
    return [(user_id, name) for user_id, name in rows]


@allowed(ANY_ROLE)
def note_action(
    session: Session,
    actor: Actor,
    area: str,
    what: str,
    record_table: str,
    record_id: int | None,
    action: str,
) -> None:
    """Note an action the database would not see (an export, a printout, an access
    request), in the same transaction as whatever else the user did."""
    if area not in AREAS or what not in WHATS:
        raise ValueError(f"unknown audit area or kind: {area!r}, {what!r}")
    session.add(
        AuditEntry(
            user_id=actor.user_id,
            role=actor.role,
            area=area,
            what=what,
            action=action[:100],
            record_table=record_table,
            record_id=record_id,
            fields="",
        )
    )
