"""What a grant delivered in a period, as funders ask in their reports: the club sessions
it paid for that were held, and how many came.

A grant pays for the sessions it names ("Crafternoon"), and for any session whose
programme includes an activity it names; a grant that names neither pays for the club
as a whole, so every session counts. Cancelled sessions and days still to come do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from clubapp.models.attendance import Attendance, ClubSession
from clubapp.services.grants import is_paid_for, paid_for
from clubapp.services.permissions import Actor, allowed
from clubapp.services.volunteer_hours import GrantHours, grant_hours


@dataclass(frozen=True)
class Delivery:
    starts: date
    ends: date
    sessions: int  # held
    attendances: int  # people present, added up over the sessions
    people: int  # different people who came at least once
    by_name: list[tuple[str, int, int]]  # (session name, held, attendances)
    # The first day the app has attendance for, when that is after ``starts``: the club
    # kept its registers elsewhere before, so earlier sessions are not counted here.
    records_from: date | None = None
    # Volunteer time given to what the grant pays for, with its value at the club's rate.
    volunteers: GrantHours | None = None

    @property
    def average(self) -> int:
        """People at a session, on average, to the nearest whole person."""
        if not self.sessions:
            return 0
        return (2 * self.attendances + self.sessions) // (2 * self.sessions)


@allowed("grants.see")
def delivery(
    session: Session, actor: Actor, application_id: int, starts: date, ends: date, today: date
) -> Delivery:
    names, activity_ids = paid_for(session, application_id)
    ends = min(ends, today)
    held = select(ClubSession.id).where(
        ClubSession.cancelled.is_(False),
        ClubSession.on_date >= starts,
        ClubSession.on_date <= ends,
    )
    if names or activity_ids:
        held = held.where(is_paid_for(names, activity_ids))
    held_ids = held.subquery()
    came = (
        select(Attendance.session_id, func.count().label("n"))
        .where(Attendance.session_id.in_(select(held_ids.c.id)))
        .group_by(Attendance.session_id)
        .subquery()
    )
    by_name = [
        (name, count, total or 0)
        for name, count, total in session.execute(
            # "Crafternoon" and "crafternoon" are one session to a funder, as they are to
            # the grant's list of names.
            select(func.min(ClubSession.name), func.count(), func.sum(came.c.n))
            .outerjoin(came, came.c.session_id == ClubSession.id)
            .where(ClubSession.id.in_(select(held_ids.c.id)))
            .group_by(func.lower(ClubSession.name))
            .order_by(func.count().desc(), func.lower(ClubSession.name))
        )
    ]
    people = session.scalar(
        select(func.count(distinct(Attendance.person_id))).where(
            Attendance.session_id.in_(select(held_ids.c.id))
        )
    )
    first_record = session.scalar(
        select(func.min(ClubSession.on_date)).join(
            Attendance, Attendance.session_id == ClubSession.id
        )
    )
    return Delivery(
        starts,
        ends,
        sum(count for _name, count, _total in by_name),
        sum(total for _name, _count, total in by_name),
        people or 0,
        by_name,
        first_record if first_record is not None and first_record > starts else None,
        grant_hours(session, actor, application_id, starts, ends),
    )
