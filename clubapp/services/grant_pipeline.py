"""The pipeline of applications by status, and how the club did this year and last: the
amounts asked for and awarded, and the success rate.

Years are the club's financial years (the accounts' year, April to March by default).
An application counts as asked for in the year it was sent to the funder, and as
awarded or declined in the year the funder decided; withdrawn ones are not decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clubapp.models.grants import STATUSES, GrantApplication
from clubapp.services import years
from clubapp.services.grants import AWARDED_STATUSES, STATUS_WORDS, UNSENT_STATUSES
from clubapp.services.permissions import Actor, allowed


@dataclass(frozen=True)
class StatusTotal:
    status: str
    count: int
    asked_pence: int
    awarded_pence: int
    missed: int  # deadline passed while still an idea or being prepared

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class YearTotals:
    year: years.Year
    sent: int
    asked_pence: int  # asked for in applications sent in the year
    awarded: int
    awarded_pence: int  # awarded by funders deciding in the year
    declined: int

    @property
    def decided(self) -> int:
        return self.awarded + self.declined

    @property
    def success_percent(self) -> int | None:
        """Awarded out of decided, to the nearest whole per cent; None if none decided."""
        if not self.decided:
            return None
        return (200 * self.awarded + self.decided) // (2 * self.decided)

    @property
    def success_words(self) -> str:
        if not self.decided:
            return "No funder decided in this year."
        return (
            f"{self.awarded} of {self.decided} decided "
            f"{'was' if self.decided == 1 else 'were'} awarded ({self.success_percent}%)."
        )


@dataclass(frozen=True)
class Pipeline:
    statuses: list[StatusTotal]  # every status, in the pipeline's order
    this_year: YearTotals
    last_year: YearTotals


def _year_totals(session: Session, year: years.Year) -> YearTotals:
    sent, asked = session.execute(
        select(func.count(), func.coalesce(func.sum(GrantApplication.asked_pence), 0)).where(
            GrantApplication.submitted_on.between(year.starts, year.ends)
        )
    ).one()
    decided = GrantApplication.decided_on.between(year.starts, year.ends)
    awarded, awarded_pence = session.execute(
        select(func.count(), func.coalesce(func.sum(GrantApplication.awarded_pence), 0)).where(
            decided, GrantApplication.status.in_(AWARDED_STATUSES)
        )
    ).one()
    declined = session.scalar(
        select(func.count())
        .select_from(GrantApplication)
        .where(decided, GrantApplication.status == "declined")
    )
    return YearTotals(year, sent, asked or 0, awarded, awarded_pence or 0, declined or 0)


@allowed("grants.see")
def pipeline(session: Session, actor: Actor, today: date) -> Pipeline:
    rows: dict[str, tuple[int, int, int]] = {
        status: (count, asked or 0, awarded or 0)
        for status, count, asked, awarded in session.execute(
            select(
                GrantApplication.status,
                func.count(),
                func.coalesce(func.sum(GrantApplication.asked_pence), 0),
                func.coalesce(func.sum(GrantApplication.awarded_pence), 0),
            ).group_by(GrantApplication.status)
        )
    }
    missed = dict(
        session.execute(
            select(GrantApplication.status, func.count())
            .where(
                GrantApplication.status.in_(UNSENT_STATUSES),
                GrantApplication.deadline < today,
            )
            .group_by(GrantApplication.status)
        ).all()
    )
    statuses = [
        StatusTotal(status, *rows.get(status, (0, 0, 0)), missed.get(status, 0))
        for status in STATUSES
    ]
    this_year = years.year_of(session, today)
    return Pipeline(
        statuses,
        _year_totals(session, this_year),
        _year_totals(session, this_year.previous()),
    )
