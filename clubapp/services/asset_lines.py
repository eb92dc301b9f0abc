"""The lines of the statement of assets and liabilities the treasurer types in for a
year: money owed to the club, investments, things kept for the club's own use, and what
the club owes. Cash comes from the books; these do not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.accounts import STATEMENT_SECTIONS, AssetLine, Fund
from clubapp.services import fields, years
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.money import MAX_PENCE
from clubapp.services.permissions import Actor, allowed
from clubapp.services.years import Year

SECTION_WORDS = {
    "monetary": "Other money owed to the club (for example a grant instalment due)",
    "investment": "Investments",
    "own_use": "Things kept for the club's own use (cost or value)",
    "liability": "What the club owes (for example a bill not yet paid)",
}
TEXT_MAX = 200


@dataclass(frozen=True)
class AssetLineInput:
    section: str
    description: str
    amount_pence: int
    fund_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class AssetLineRow:
    line_id: int
    section: str
    description: str
    amount_pence: int
    fund_id: int | None
    note: str


@allowed("accounts.print")
def list_lines(session: Session, actor: Actor, year: Year) -> list[AssetLineRow]:
    rows = session.scalars(
        select(AssetLine).where(AssetLine.year_starts == year.starts).order_by(AssetLine.id)
    )
    return [
        AssetLineRow(r.id, r.section, r.description, r.amount_pence, r.fund_id, r.note)
        for r in rows
    ]


@allowed("accounts.keep")
def save_line(
    session: Session, actor: Actor, year: Year, line_id: int | None, data: AssetLineInput
) -> int:
    """Add (line_id None) or change a line of ``year``'s statement."""
    line = None
    if line_id is not None:
        line = session.get(AssetLine, line_id)
        if line is None:
            raise NotFound("This line is not there any more.")
    _check_open(session, year.starts)
    description = data.description.strip()
    errors = collect_errors(
        lambda: fields.name(description, "description", "description", required=True),
        lambda: fields.name(data.note, "note", "note"),
    )
    if data.section not in STATEMENT_SECTIONS:
        errors["section"] = "Choose what kind of line it is."
    if not 0 < data.amount_pence <= MAX_PENCE:
        errors["amount"] = "Type the amount, more than £0."
    if data.fund_id is not None and session.get(Fund, data.fund_id) is None:
        errors["fund"] = "Choose the fund again: that one is not there any more."
    for name, text in (("description", description), ("note", data.note.strip())):
        if len(text) > TEXT_MAX:
            errors.setdefault(name, f"Keep it under {TEXT_MAX} characters.")
    if errors:
        raise ValidationError(errors)
    if line is None:
        line = AssetLine(year_starts=year.starts)
        session.add(line)
    line.section = data.section
    line.description = description
    line.amount_pence = data.amount_pence
    line.fund_id = data.fund_id
    line.note = data.note.strip()
    session.flush()
    return line.id


@allowed("accounts.keep")
def delete_line(session: Session, actor: Actor, line_id: int) -> None:
    line = session.get(AssetLine, line_id)
    if line is None:
        raise NotFound("This line is not there any more.")
    _check_open(session, line.year_starts)
    session.delete(line)


def _check_open(session: Session, year_starts: date) -> None:
    """A closed year's statement is part of its accounts: it no longer changes."""
    until = years.locked_until(session)
    if until is not None and year_starts <= until:
        raise ValidationError(
            "description",
            "This year is closed, so its statement of assets and liabilities cannot change.",
        )
