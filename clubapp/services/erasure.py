"""Erasing a person: their personal data goes from everywhere; the club's amounts,
decisions and counts stay.

The person's row is kept, renamed "A former member" with every other detail blanked,
rather than deleted: attendance, votes, committee terms and meetings point at it, and
deleting it would delete those too (they cascade), changing how many came to a session,
how many voted, whether a meeting was quorate. Kept like this, nothing in those records
says who it was.

- Deleted: notes about them, consent records, emergency contacts, links to other people,
  photo, kinds, skills, free times, time away, checks, being asked to help, writing grant
  bids, drafts about them (and any draft that names them).
- Kept against "A former member": attendance, votes and open-vote choices, committee
  terms and meetings, decisions they proposed, hours given (the minutes count for grant
  reports; the note goes).
- Unlinked: notes they took about other members stay with those members, without them;
  activities they led no longer name a leader.
- Their name, wherever it was typed (minutes, decisions, agenda items, money payees and
  descriptions, grant notes, other people's records), becomes "a former member".
- A sign-in account of theirs that is switched off is renamed and loses its password;
  one still in use must be switched off first.

The audit log is left alone: it holds record numbers and field names only.

`PERSON_COLUMNS` says what happens to every column that holds a person's number; a test
checks none is missing. Once the transaction commits, the database file is compacted and
its write-ahead log emptied (`clubapp.db.database.compact_file`), so the deleted words
cannot be read back from the file; `secure_delete` has already overwritten them in place.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import String, Table, delete, event, func, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from clubapp import paths
from clubapp.db import backup
from clubapp.db.audit_trail import AREA_OF_MODULE, NOT_LOGGED
from clubapp.models import Base, all_metadata
from clubapp.models.drafts import Draft
from clubapp.models.members import Person
from clubapp.models.users import User
from clubapp.services import audit
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.members import erased_days
from clubapp.services.name_mentions import ERASED_NAME, NameSearch, name_search
from clubapp.services.permissions import Actor, allowed
from clubapp.services.subject_access import mention_filter
from clubapp.services.words import and_words

log = logging.getLogger(__name__)

DELETE = "delete"
KEEP = "keep"
UNLINK = "unlink"

# What erasure does with every column that holds a person's number, and why.
PERSON_COLUMNS: dict[tuple[str, str], tuple[str, str]] = {
    ("people", "id"): (KEEP, "Renamed “A former member”, every other detail blanked."),
    ("person_kinds", "person_id"): (DELETE, "Which kinds of person they are."),
    ("person_photos", "person_id"): (DELETE, "Their photo."),
    ("emergency_contacts", "person_id"): (DELETE, "Their emergency contacts."),
    ("person_links", "person_id"): (DELETE, "Their links to carers, family, attorneys."),
    ("person_links", "other_id"): (DELETE, "Other people's links to them."),
    ("consent_records", "person_id"): (DELETE, "Their consent records."),
    ("notes", "person_id"): (DELETE, "One-to-one notes about them."),
    ("notes", "taken_by_id"): (UNLINK, "Notes they took stay with the member they are about."),
    ("conversations", "person_id"): (DELETE, "Their picture conversations, with their words."),
    ("conversations", "helped_by_id"): (UNLINK, "Conversations they helped with stay."),
    ("attendance", "person_id"): (KEEP, "Sessions' numbers must still add up."),
    ("ballot_voters", "person_id"): (KEEP, "How many voted must match the counts."),
    ("ballot_voters", "supported_by_id"): (KEEP, "Who helped a voter, now nobody named."),
    ("ballot_choices", "person_id"): (KEEP, "An open vote's result must stand."),
    ("ballot_options", "person_id"): (KEEP, "An election's result must stand."),
    ("person_skills", "person_id"): (DELETE, "Their skills."),
    ("availability", "person_id"): (DELETE, "When they are free."),
    ("time_away", "person_id"): (DELETE, "Their time away."),
    ("person_checks", "person_id"): (DELETE, "Their checks and certificate numbers."),
    ("need_people", "person_id"): (DELETE, "Being asked to help."),
    ("hours_given", "person_id"): (KEEP, "Hours count for grant reports; the note goes."),
    ("committee_terms", "person_id"): (KEEP, "The committee's history of who served."),
    ("meeting_attendees", "person_id"): (KEEP, "Whether a meeting was quorate."),
    ("meetings", "chair_id"): (KEEP, "The meeting's record."),
    ("agenda_items", "presenter_id"): (KEEP, "The meeting's record."),
    ("decisions", "proposer_id"): (KEEP, "The decision stands."),
    ("decisions", "seconder_id"): (KEEP, "The decision stands."),
    ("action_points", "who_id"): (KEEP, "The meeting's record."),
    ("activities", "leader_id"): (UNLINK, "The activity stays, without a leader."),
    ("grant_writers", "person_id"): (DELETE, "Who wrote a bid."),
    ("users", "person_id"): (UNLINK, "A switched-off account is renamed; see the notes."),
    ("drafts", "person_id"): (DELETE, "Half-typed forms about them."),
}

# Counted in the words, one and many.
_NOUNS: dict[str, tuple[str, str]] = {
    "person_kinds": ("kind of person", "kinds of person"),
    "person_photos": ("photo", "photos"),
    "emergency_contacts": ("emergency contact", "emergency contacts"),
    "person_links": ("link to another person", "links to other people"),
    "consent_records": ("consent record", "consent records"),
    "notes": ("one-to-one note", "one-to-one notes"),
    "conversations": ("picture conversation", "picture conversations"),
    "attendance": ("session they came to", "sessions they came to"),
    "ballot_voters": ("vote they took part in", "votes they took part in"),
    "ballot_choices": ("open-vote choice", "open-vote choices"),
    "ballot_options": ("time as a candidate", "times as a candidate"),
    "person_skills": ("skill", "skills"),
    "availability": ("free time", "free times"),
    "time_away": ("time away", "times away"),
    "person_checks": ("check", "checks"),
    "need_people": ("time asked to help", "times asked to help"),
    "hours_given": ("record of hours given", "records of hours given"),
    "committee_terms": ("term on the committee", "terms on the committee"),
    "meeting_attendees": ("committee meeting", "committee meetings"),
    "meetings": ("meeting they chaired", "meetings they chaired"),
    "agenda_items": ("agenda item", "agenda items"),
    "decisions": ("decision", "decisions"),
    "action_points": ("action point", "action points"),
    "activities": ("activity they led", "activities they led"),
    "grant_writers": ("grant bid they wrote", "grant bids they wrote"),
    "drafts": ("half-typed form", "half-typed forms"),
    "users": ("sign-in account", "sign-in accounts"),
    "money_entries": ("money record", "money records"),
    "money_splits": ("part of a payment", "parts of payments"),
    "minutes_corrections": ("correction to minutes", "corrections to minutes"),
    "grant_applications": ("grant application", "grant applications"),
    "people": ("other person's record", "other people's records"),
}
# Kept against "A former member", named in the words.
_KEPT_TABLES = (
    "attendance",
    "ballot_voters",
    "ballot_choices",
    "hours_given",
    "committee_terms",
    "meeting_attendees",
    "decisions",
)
# Never searched and changed: the audit log (no names; its triggers refuse changes),
# accounts and drafts (handled first, by rule).
_NOT_REWRITTEN = frozenset({"audit_log", "users", "drafts"})
SIMULATED_DAYS = 3 * 366
ALREADY_ERASED = "That person's details were already erased."


@dataclass(frozen=True)
class ErasureResult:
    person_id: int
    name: str  # the name they had
    removed: tuple[tuple[str, int], ...]  # (table, how many)
    renamed: tuple[tuple[str, int], ...]  # records where their name was replaced
    kept: tuple[tuple[str, int], ...]
    old_backups: int
    backups_gone_by: date | None
    words: str


def _count_words(table: str, count: int) -> str:
    one, many = _NOUNS.get(table, (table.replace("_", " ") + " record", table + " records"))
    return f"{count} {one if count == 1 else many}"


_UNLINKED_NOUNS = {
    "notes": (
        "one-to-one note they took (kept for the member it is about)",
        "one-to-one notes they took (kept for the members they are about)",
    ),
    "activities": ("activity they led", "activities they led"),
    "users": ("sign-in account", "sign-in accounts"),
}


# Where their name was typed in someone else's record: the nouns that say "they" above
# would read wrongly ("1 meeting they chaired" for a meeting whose notes named them).
_RENAMED_NOUNS = {
    "attendance": ("attendance record", "attendance records"),
    "ballot_voters": ("voter record", "voter records"),
    "ballot_options": ("name on a ballot paper", "names on ballot papers"),
    "need_people": ("record of someone asked to help", "records of people asked to help"),
    "hours_given": ("record of hours given", "records of hours given"),
    "committee_terms": ("committee term", "committee terms"),
    "meeting_attendees": ("meeting attendance record", "meeting attendance records"),
    "meetings": ("meeting record", "meeting records"),
    "activities": ("activity", "activities"),
    "grant_writers": ("grant bid", "grant bids"),
}


def _renamed_words(renamed: dict[str, int]) -> str:
    """ "in 1 place: 1 decision" or "in 3 places: 2 money records and 1 decision"."""
    total = sum(renamed.values())
    where = []
    for table, count in renamed.items():
        one, many = _RENAMED_NOUNS.get(table) or _NOUNS.get(
            table, (table.replace("_", " ") + " record", table + " records")
        )
        where.append(f"{count} {one if count == 1 else many}")
    return f"in {total} {'place' if total == 1 else 'places'}: {and_words(where)}"


def _unlinked_words(table: str, count: int) -> str:
    one, many = _UNLINKED_NOUNS.get(table, _NOUNS.get(table, (table, table)))
    return f"{count} {one if count == 1 else many}"


def what_erasing_does(name: str) -> str:
    """What erasing ``name`` would do, in words, for the question before it."""
    return (
        f"Erasing removes {name}'s personal details from everywhere in the club's records: "
        "their contact details, access needs, emergency contacts, consent records, photo, "
        "one-to-one notes about them, skills, checks and free times. Wherever their name "
        "was typed (minutes, money, grants) it becomes “a former member”.\n\n"
        "Kept, with no name: the sessions they came to, their votes, their time on the "
        "committee, the hours they gave, and every amount of money and decision, so the "
        "club's records still add up.\n\n"
        "This cannot be undone. Older backups still hold their details until the app "
        "deletes them; you will be told when."
    )


def _mapped_class(table: Table) -> Any:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    return None


def _statement_target(table: Table) -> Any:
    """The mapped class when there is one, so the audit log notes the change."""
    return _mapped_class(table) or table


def _their_accounts(session: Session, person: Person) -> list[User]:
    name = " ".join(person.full_name.split()).casefold()
    users = session.scalars(select(User))
    return [
        u
        for u in users
        if u.person_id == person.id
        or (person.full_name != ERASED_NAME and " ".join(u.display_name.split()).casefold() == name)
    ]


def _check_accounts(person: Person, accounts: list[User]) -> None:
    in_use = [u for u in accounts if u.active]
    if in_use:
        raise ValidationError(
            "person",
            f"{person.full_name} can still sign in, as “{in_use[0].display_name}”. "
            "Stop that sign-in first (Settings, Who can sign in), then erase their details.",
        )


def _count(session: Session, table: Table, where: Any) -> int:
    return session.scalar(select(func.count()).select_from(table).where(where)) or 0


def _apply_person_columns(
    session: Session, person_id: int
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Delete or unlink by every column that holds their number; count what was
    deleted, unlinked and kept. Only statements with rows to change are run, so the
    audit log names only what changed."""
    tables = all_metadata().tables
    removed: dict[str, int] = {}
    unlinked: dict[str, int] = {}
    kept: dict[str, int] = {}
    for (table_name, column), (action, _why) in PERSON_COLUMNS.items():
        if table_name in ("people", "users") or action == KEEP:
            continue
        table = tables[table_name]
        where = table.c[column] == person_id
        count = _count(session, table, where)
        if not count:
            continue
        target = _statement_target(table)
        if action == DELETE:
            session.execute(
                delete(target).where(where).execution_options(synchronize_session=False)
            )
            removed[table_name] = removed.get(table_name, 0) + count
        else:
            session.execute(
                update(target)
                .where(where)
                .values({column: None})
                .execution_options(synchronize_session=False)
            )
            unlinked[table_name] = count
    for table_name in _KEPT_TABLES:
        table = tables[table_name]
        columns = [c for (t, c) in PERSON_COLUMNS if t == table_name]
        if count := _count(session, table, or_(*(table.c[c] == person_id for c in columns))):
            kept[table_name] = count
    # What is kept loses its words: the notes on their hours, their photo as a candidate.
    for table_name, column, blank in (
        ("hours_given", "note", ""),
        ("ballot_options", "photo", None),
    ):
        table = tables[table_name]
        where = (table.c.person_id == person_id) & (table.c[column].is_not(None))
        if blank is not None:
            where = where & (table.c[column] != blank)
        if _count(session, table, where):
            session.execute(
                update(_statement_target(table))
                .where(where)
                .values({column: blank})
                .execution_options(synchronize_session=False)
            )
    return removed, unlinked, kept


def _drafts_naming(session: Session, search: NameSearch) -> int:
    ids = [
        draft_id
        for draft_id, form_key, title, data in session.execute(
            select(Draft.id, Draft.form_key, Draft.title, Draft.data)
        )
        if search.mentions(form_key) or search.mentions(title) or search.mentions(data)
    ]
    if ids:
        session.execute(
            delete(Draft).where(Draft.id.in_(ids)).execution_options(synchronize_session=False)
        )
    return len(ids)


def _rename_accounts(session: Session, accounts: list[User]) -> int:
    for account in accounts:
        account.display_name = f"{ERASED_NAME} (account {account.id})"
        account.person_id = None
        account.password_hash = ""
    return len(accounts)


def _save_row(session: Session, table: Table, key: dict[str, Any], values: dict[str, str]) -> None:
    """Update one row; if a value must be unique and is taken, number it: "… (2)"."""
    where = [table.c[name] == value for name, value in key.items()]
    for attempt in range(1, 100):
        numbered = values if attempt == 1 else {c: f"{v} ({attempt})" for c, v in values.items()}
        try:
            with session.begin_nested():
                session.execute(update(table).where(*where).values(numbered))
            return
        except IntegrityError:
            continue
    raise ValidationError(
        "person", "Their name could not be replaced everywhere. Please ask for help."
    )


def _rename_mentions(
    session: Session, actor: Actor, search: NameSearch, person_id: int
) -> dict[str, int]:
    """Replace their name in every text of every table; returns records changed per table."""
    if search.pattern is None:
        return {}
    changed: dict[str, int] = {}
    for table in all_metadata().sorted_tables:
        if table.name in _NOT_REWRITTEN:
            continue
        texts = [c for c in table.columns if isinstance(c.type, String)]
        if not texts:
            continue
        keys = list(table.primary_key.columns)
        query = select(*keys, *texts)
        first_look = mention_filter(search, texts)
        if first_look is not None:
            query = query.where(first_look)
        if table.name == "people":
            query = query.where(table.c.id != person_id)  # their own row is blanked
        found = []
        for row in session.execute(query):
            values = row._mapping
            new = {
                c.name: search.replace(values[c.name])
                for c in texts
                if search.mentions(values[c.name])
            }
            if new:
                found.append(({c.name: values[c.name] for c in keys}, new))
        mapped = _mapped_class(table)
        area = AREA_OF_MODULE.get(mapped.__module__) if mapped is not None else None
        if table.name in NOT_LOGGED:
            area = None
        for key, new in found:
            _save_row(session, table, key, new)
            record_id = key.get("id")
            if area is not None:
                audit.note_action(
                    session,
                    actor,
                    area,
                    "changed",
                    table.name,
                    record_id if isinstance(record_id, int) else None,
                    "erasure.erase_person",
                )
        if found:
            changed[table.name] = len(found)
    return changed


def _blank(person: Person) -> None:
    person.full_name = ERASED_NAME
    person.known_as = ""
    person.phone = ""
    person.email = ""
    person.address = ""
    person.joined_on = None
    person.status = "left"
    person.status_on = None
    person.mobility = ""
    person.hearing = ""
    person.sight = ""
    person.diet = ""
    person.communication_tips = ""


# --------------------------------------------------------------------------- backups


def backups_gone_by(
    backups: Sequence[tuple[Path, datetime]], now: datetime, days: int = SIMULATED_DAYS
) -> date | None:
    """The day by which every backup taken up to ``now`` will have been deleted, if the
    app makes one backup a day from tomorrow and thins them out as usual
    (clubapp.db.backup.plan_rotation). None if there are none, or not within ``days``."""
    old = {path for path, taken_at in backups if taken_at <= now}
    if not old:
        return None
    current = list(backups)
    for day in range(1, days + 1):
        moment = now + timedelta(days=day)
        current.append((Path(backup.backup_file_name("daily", moment)), moment))
        gone = set(backup.plan_rotation(current, moment))
        current = [(path, taken_at) for path, taken_at in current if path not in gone]
        if not old.intersection(path for path, _t in current):
            return moment.date()
    return None


def _backups_dir(session: Session) -> Path | None:
    bind = session.get_bind()
    database = getattr(bind, "url", None) and bind.url.database  # type: ignore[union-attr]
    if not database or database == ":memory:":
        return None
    return paths.backups_dir_for(Path(database).resolve())


def _backup_words(count: int, gone_by: date | None) -> str:
    if count == 0:
        return (
            "No backup in the club's backups folder was made before now, so none holds "
            "their details."
        )
    held = (
        "1 backup in the club's backups folder was made before now and still holds "
        if count == 1
        else f"{count} backups in the club's backups folder were made before now and still hold "
    )
    when = (
        "The app deletes old backups as it makes new ones: if it is opened most days, "
        f"the last of them will have been deleted by {long_date(gone_by, weekday=False)}."
        if gone_by is not None
        else "The app keeps some backups for a long time: ask for help to delete these."
    )
    return (
        f"{held}their details. {when} Backups made from now on do not hold them. Copies "
        "saved anywhere else, such as on a memory stick, are not deleted by the app: "
        "delete them, or keep them locked away until you can."
    )


# --------------------------------------------------------------------------- the action


def _compact_after_commit(session: Session) -> None:
    from clubapp.db.database import compact_file

    bind = session.get_bind()
    try:
        compact_file(getattr(bind, "engine", bind))  # type: ignore[arg-type]
    except (sqlite3.Error, DBAPIError) as exc:
        # The details are already overwritten in place (secure_delete); the next
        # compaction or checkpoint tidies the rest.
        log.warning("could not compact the database after an erasure: %r", exc)


def _summary(
    name: str,
    removed: dict[str, int],
    unlinked: dict[str, int],
    renamed: dict[str, int],
    kept: dict[str, int],
) -> str:
    parts = [f"{name}'s details are erased. Their record is now called “{ERASED_NAME}”."]
    if removed:
        parts.append("Deleted: " + and_words(_count_words(t, n) for t, n in removed.items()) + ".")
    if unlinked:
        parts.append(
            "No longer linked to them: "
            + and_words(_unlinked_words(t, n) for t, n in unlinked.items())
            + "."
        )
    if renamed:
        parts.append(f"Their name was replaced by “a former member” {_renamed_words(renamed)}.")
    if kept:
        parts.append(
            "Kept, with no name, so the club's records still add up: "
            + and_words(_count_words(t, n) for t, n in kept.items())
            + ". Amounts of money and decisions are unchanged."
        )
    else:
        parts.append("Amounts of money and decisions are unchanged.")
    parts.append("The club's file was tidied so the deleted details cannot be read back.")
    return " ".join(parts)


@allowed("privacy.manage")
def erase_person(session: Session, actor: Actor, person_id: int) -> ErasureResult:
    """Erase the person's personal data everywhere (see the module notes). Refuses, with
    nothing changed, while they can still sign in, and a second time (ValidationError).
    ``words`` says what was done and when older backups will be gone."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"There is no person with the number {person_id}.")
    if erased_days(session, person_id):
        raise ValidationError("person", ALREADY_ERASED)
    name = person.full_name
    accounts = _their_accounts(session, person)
    _check_accounts(person, accounts)
    others = [
        n
        for row in session.execute(
            select(Person.full_name, Person.known_as).where(Person.id != person_id)
        )
        for n in row
        if n
    ]
    search = name_search(person.full_name, person.known_as, others)

    removed, unlinked, kept = _apply_person_columns(session, person_id)
    if drafts := _drafts_naming(session, search):
        removed["drafts"] = removed.get("drafts", 0) + drafts
    if _rename_accounts(session, accounts):
        removed["users"] = len(accounts)
    session.flush()
    renamed = _rename_mentions(session, actor, search, person_id)
    _blank(person)
    audit.note_action(
        session, actor, "privacy", "erased", "people", person_id, "erasure.erase_person"
    )
    session.flush()

    now = datetime.now()
    folder = _backups_dir(session)
    infos = backup.list_backups(folder) if folder is not None else []
    held = [(i.path, i.taken_at) for i in infos]
    old_count = sum(1 for _p, taken_at in held if taken_at <= now)
    gone_by = backups_gone_by(held, now)
    words = _summary(name, removed, unlinked, renamed, kept)
    if search.left_alone:
        words += " " + " ".join(search.left_alone) + " Check the minutes for it by hand."
    words += "\n\n" + _backup_words(old_count, gone_by)
    event.listen(session, "after_commit", _compact_after_commit, once=True)
    return ErasureResult(
        person_id=person_id,
        name=name,
        removed=tuple(removed.items()),
        renamed=tuple(renamed.items()),
        kept=tuple(kept.items()),
        old_backups=old_count,
        backups_gone_by=gone_by,
        words=words,
    )
