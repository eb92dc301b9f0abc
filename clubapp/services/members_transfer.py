"""Members to and from a spreadsheet: preview, then take every row or none; export."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from clubapp.models.members import EmergencyContact, Person, PersonKind
from clubapp.services import members
from clubapp.services.members_csv import (
    MemberExportRow,
    MemberImportRow,
    ParsedMembersCsv,
    RowProblem,
    duplicate_key_matches,
    name_key,
    parse_members_csv,
    write_members_csv,
)
from clubapp.services.permissions import Actor, allowed
from clubapp.services.progress import Progress, Ticker, part

#: New people written to the database in batches of this many.
BATCH = 500


@dataclass(frozen=True)
class Duplicate:
    line: int
    name: str
    existing_person_id: int
    existing_name: str


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do. Nothing is saved unless `problems` is empty."""

    new: tuple[MemberImportRow, ...]
    duplicates: tuple[Duplicate, ...]
    problems: tuple[RowProblem, ...]
    ignored_columns: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        parts = [f"{len(self.new):,} new {'person' if len(self.new) == 1 else 'people'} to add"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates):,} already in the club (will not be added again)")
        if self.problems:
            rows = {p.line for p in self.problems}
            parts.append(f"{len(rows):,} {'row has' if len(rows) == 1 else 'rows have'} problems")
        return "; ".join(parts) + "."


def _input_for(row: MemberImportRow) -> members.PersonInput:
    contacts: tuple[members.EmergencyContactData, ...] = ()
    if row.emergency_name or row.emergency_phone:
        contacts = (
            members.EmergencyContactData(name=row.emergency_name, phone=row.emergency_phone),
        )
    return members.PersonInput(
        full_name=row.full_name,
        known_as=row.known_as,
        kinds=row.kinds or ("member",),
        phone=row.phone,
        email=row.email,
        address=row.address,
        joined_on=row.joined_on,
        status=row.status,
        emergency_contacts=contacts,
    )


_FIELD_COLUMNS = {
    "full_name": "Full name",
    "known_as": "Known as",
    "kinds": "Kinds",
    "phone": "Phone",
    "email": "Email",
    "address": "Address",
    "status": "Status",
    "status_on": "Status",
}


@allowed("members.import")
def plan_import(
    session: Session, actor: Actor, data: bytes, progress: Progress | None = None
) -> ImportPlan:
    """Read the file and compare it with the people already recorded. Changes nothing.

    Raises `CsvFileError` when the whole file cannot be read. ``progress(done, total)``
    hears how far the checking has gone, reading then comparing (see services.progress);
    when it returns False, ImportStopped is raised.
    """
    parsed: ParsedMembersCsv = parse_members_csv(data, part(progress, 0, 2))
    ticker = Ticker(part(progress, 1, 2), len(parsed.rows))
    problems = list(parsed.problems)
    existing = session.execute(
        select(Person.id, Person.full_name, Person.phone, Person.email)
    ).all()
    by_name: dict[str, list[tuple[int, str, str, str]]] = {}
    for pid, full, phone, email in existing:
        by_name.setdefault(name_key(full), []).append((pid, full, phone, email))
    new: list[MemberImportRow] = []
    duplicates: list[Duplicate] = []
    for done, row in enumerate(parsed.rows):
        ticker.at(done)
        match = next(
            (
                e
                for e in by_name.get(name_key(row.full_name), ())
                if duplicate_key_matches(row.full_name, row.phone, row.email, e[1], e[2], e[3])
            ),
            None,
        )
        if match is not None:
            duplicates.append(Duplicate(row.line, row.full_name, match[0], match[1]))
            continue
        # The same rules as the member form, so nothing imported could not have been typed.
        errors = members.validate_input(session, _input_for(row), None)
        for field_name, message in errors.items():
            column = _FIELD_COLUMNS.get(field_name, "Emergency contact")
            problems.append(RowProblem(row.line, column, message))
        if not errors:
            new.append(row)
    ticker.at(len(parsed.rows))
    problems.sort(key=lambda p: p.line)
    return ImportPlan(tuple(new), tuple(duplicates), tuple(problems), parsed.ignored_columns)


@allowed("members.import")
def apply_import(
    session: Session,
    actor: Actor,
    data: bytes,
    progress: Progress | None = None,
    checking: Progress | None = None,
) -> ImportPlan:
    """Add every new person from the file, or nobody if any row has a problem.

    The file is checked again first (the records may have changed since the preview):
    ``checking(done, total)`` hears how far that has gone, then ``progress(people added,
    people to add)`` how far the adding has. When either returns False, ImportStopped is
    raised, and the caller's transaction must be rolled back: nobody is kept.
    """
    plan = plan_import(session, actor, data, checking)
    if plan.ok:
        _add_people(session, [_input_for(row) for row in plan.new], progress)
    return plan


def _add_people(
    session: Session, people: list[members.PersonInput], progress: Progress | None
) -> None:
    """Save new people, checked already, as the member form saves them
    (`members.save_person`), a batch at a time in three statements: one by one,
    100,000 people took over two minutes.

    Each is numbered as the database would number it, after the highest number yet
    (the transaction holds the write lock, so no one else adds anyone meanwhile), so
    their kinds and contacts go in without asking for each number back.
    """
    ticker = Ticker(progress, len(people))
    ticker.at(0)
    for start in range(0, len(people), BATCH):
        batch = people[start : start + BATCH]
        first = (session.scalar(select(func.max(Person.id))) or 0) + 1
        ids = range(first, first + len(batch))
        session.execute(
            insert(Person),
            [{"id": n, **_person_row(data)} for n, data in zip(ids, batch, strict=True)],
        )
        kinds = [
            {"person_id": person_id, "kind": kind}
            for person_id, data in zip(ids, batch, strict=True)
            for kind in dict.fromkeys(data.kinds)
        ]
        contacts = [
            {
                "person_id": person_id,
                "position": i,
                "name": c.name.strip(),
                "relationship": c.relationship.strip(),
                "phone": c.phone.strip(),
                "notes": c.notes.strip(),
            }
            for person_id, data in zip(ids, batch, strict=True)
            for i, c in enumerate(data.emergency_contacts)
        ]
        if kinds:
            session.execute(insert(PersonKind), kinds)
        if contacts:
            session.execute(insert(EmergencyContact), contacts)
        ticker.at(start + len(batch))


def _person_row(data: members.PersonInput) -> dict[str, object]:
    """A new person's record from what was read, made as `members.save_person` makes it
    (a test checks the two give the same record)."""
    return {
        "full_name": " ".join(data.full_name.split()),
        "known_as": " ".join(data.known_as.split()),
        "phone": data.phone.strip(),
        "email": data.email.strip(),
        "address": data.address.strip(),
        "joined_on": data.joined_on,
        "status": data.status,
        "status_on": data.status_on if data.status != "active" else None,
        "mobility": data.mobility.strip(),
        "hearing": data.hearing.strip(),
        "sight": data.sight.strip(),
        "diet": data.diet.strip(),
        "communication_tips": data.communication_tips.strip(),
    }


@allowed("members.export")
def export_members(session: Session, actor: Actor) -> bytes:
    people = session.scalars(
        select(Person)
        .options(selectinload(Person.kinds), selectinload(Person.emergency_contacts))
        .order_by(Person.full_name, Person.id)
    )
    rows = []
    for p in people:
        first = p.emergency_contacts[0] if p.emergency_contacts else None
        rows.append(
            MemberExportRow(
                full_name=p.full_name,
                known_as=p.known_as,
                kinds=members.sorted_kinds(k.kind for k in p.kinds),
                phone=p.phone,
                email=p.email,
                address=p.address,
                joined_on=p.joined_on,
                emergency_name=first.name if first else "",
                emergency_phone=first.phone if first else "",
                status=p.status,
            )
        )
    return write_members_csv(rows)
