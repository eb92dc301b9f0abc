"""Members to and from a spreadsheet: preview, then take every row or none; export."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clubapp.models.members import Person
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
from clubapp.services.permissions import Actor, require


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
        parts = [f"{len(self.new)} new {'person' if len(self.new) == 1 else 'people'} to add"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the club (will not be added again)")
        if self.problems:
            rows = {p.line for p in self.problems}
            parts.append(f"{len(rows)} {'row has' if len(rows) == 1 else 'rows have'} problems")
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


def plan_import(session: Session, actor: Actor, data: bytes) -> ImportPlan:
    """Read the file and compare it with the people already recorded. Changes nothing.

    Raises `CsvFileError` when the whole file cannot be read.
    """
    require(actor, "members.import")
    parsed: ParsedMembersCsv = parse_members_csv(data)
    problems = list(parsed.problems)
    existing = session.execute(
        select(Person.id, Person.full_name, Person.phone, Person.email)
    ).all()
    by_name: dict[str, list[tuple[int, str, str, str]]] = {}
    for pid, full, phone, email in existing:
        by_name.setdefault(name_key(full), []).append((pid, full, phone, email))
    new: list[MemberImportRow] = []
    duplicates: list[Duplicate] = []
    for row in parsed.rows:
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
    problems.sort(key=lambda p: p.line)
    return ImportPlan(tuple(new), tuple(duplicates), tuple(problems), parsed.ignored_columns)


def apply_import(session: Session, actor: Actor, data: bytes) -> ImportPlan:
    """Add every new person from the file, or nobody if any row has a problem."""
    plan = plan_import(session, actor, data)
    if plan.ok:
        for row in plan.new:
            members.save_person(session, actor, _input_for(row))
    return plan


def export_members(session: Session, actor: Actor) -> bytes:
    require(actor, "members.export")
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
