"""Gather the rows for each members printout and hand them to `clubapp.printing`.

The printing package (and ReportLab) is imported only when a printout is made.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.members import EmergencyContact, Person
from clubapp.services import attendance, club, members
from clubapp.services.permissions import Actor, allowed, can
from clubapp.services.vocab import STATUSES

MEMBER_LIST = "members"
SIGN_IN = "sign-in"
EMERGENCY = "emergency"
TITLES = {
    MEMBER_LIST: "Member list",
    SIGN_IN: "Sign-in sheet",
    EMERGENCY: "Emergency contacts",
}


def _sentences(*parts: str) -> str:
    """Join notes people typed as sentences, without doubling their full stops."""
    kept = [part.strip() for part in parts if part.strip()]
    return " ".join(part if part[-1] in ".!?" else f"{part}." for part in kept)


@allowed("people.see")
def member_list(session: Session, actor: Actor, today: date) -> bytes:
    from clubapp.printing.members import MemberListLine, member_list_pdf

    rows = members.list_people(session, actor)
    show_phone = can(actor, "contacts.see")
    phones = dict(session.execute(select(Person.id, Person.phone)).all()) if show_phone else {}
    lines = [
        MemberListLine(
            full_name=r.full_name,
            known_as=r.known_as,
            kinds=tuple(members.KIND_WORDS[k] for k in r.kinds),
            status=STATUSES.get(r.status, "Active"),
            phone=phones.get(r.person_id, "") if show_phone else None,
        )
        for r in rows
    ]
    return member_list_pdf(club.club_name(session) or "", lines, today)


@allowed("attendance.see")
def sign_in_sheet(session: Session, actor: Actor, session_id: int, today: date) -> bytes:
    from clubapp.printing.members import SignInLine, sign_in_sheet_pdf

    info = attendance.get_session(session, actor, session_id)
    entries = attendance.register(session, actor, session_id)
    lines = [SignInLine(name=e.name, full_name=e.full_name) for e in entries]
    return sign_in_sheet_pdf(club.club_name(session) or "", info.name, info.on_date, lines, today)


@allowed("emergency.print")
def emergency_contacts(session: Session, actor: Actor, today: date) -> bytes:
    """Active people's emergency contacts, with the needs a first-aider should know."""
    from clubapp.printing.members import EmergencyLine, emergency_contacts_pdf

    see_needs = can(actor, "needs.see")
    people = {p.id: p for p in session.scalars(select(Person).where(Person.status == "active"))}
    contacts = session.scalars(
        select(EmergencyContact)
        .where(EmergencyContact.person_id.in_(people))
        .order_by(EmergencyContact.person_id, EmergencyContact.position)
    )
    lines = []
    for c in contacts:
        p = people[c.person_id]
        name = p.full_name if not p.known_as else f"{p.known_as} ({p.full_name})"
        notes = ""
        if see_needs:
            notes = _sentences(p.mobility, p.hearing, p.sight, p.diet)
        lines.append(EmergencyLine(name, c.name, c.relationship, c.phone, notes))
    lines.sort(key=lambda ln: ln.person_name.casefold())
    return emergency_contacts_pdf(club.club_name(session) or "", lines, today)
