"""Gather the figures for the grants' printouts and make the PDFs: a grant's statement
for its funder, and the grants summary for the committee's meeting.

The app's preview and the command line both come here. The printing package (and
ReportLab) is imported only when a printout is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from clubapp.models.grants import GrantApplication
from clubapp.services import (
    club,
    grant_deadlines,
    grant_delivery,
    grant_money,
    grant_pipeline,
    grants,
)
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.permissions import Actor, allowed


@dataclass(frozen=True)
class CurrentAward:
    """One awarded grant's money so far, for the committee's summary."""

    application_id: int
    funder_name: str
    title: str
    awarded_pence: int
    received_pence: int  # the funder's payments received (matched receipts)
    spent_pence: int  # spent from the start of the grant's period up to today
    left_to_spend_pence: int
    period_ends: date | None
    time_left_words: str


def _club_name(session: Session) -> str:
    return club.club_name(session) or ""


def _dates_asked(
    application: GrantApplication, today: date, starts: date | None, ends: date | None
) -> None:
    """Refuse dates that leave nothing of the grant's period to report on."""
    period_starts, period_ends = grant_money.period_of(application, today)
    within = (
        f"The grant's period is {long_date(period_starts, weekday=False)} to "
        f"{long_date(period_ends, weekday=False)}: choose dates within it."
    )
    if starts is not None and ends is not None and ends < starts:
        raise ValidationError("ends", "The end date is before the start date. Check both dates.")
    if starts is not None and starts > period_ends:
        raise ValidationError("starts", f"This is after the grant's period ends. {within}")
    if period_starts > today:
        raise ValidationError(
            "status",
            f"The grant's period starts on {long_date(period_starts, weekday=False)}: there "
            "is nothing for a statement until then.",
        )
    if starts is not None and starts > today:
        raise ValidationError("starts", "This is in the future. Choose a day up to today.")
    if ends is not None and ends > today:
        raise ValidationError("ends", "This is in the future. Choose a day up to today.")
    if ends is not None and ends < period_starts:
        raise ValidationError("ends", f"This is before the grant's period starts. {within}")


@allowed("grants.see")
def grant_statement(
    session: Session,
    actor: Actor,
    application_id: int,
    today: date,
    starts: date | None = None,
    ends: date | None = None,
) -> bytes:
    """The grant's statement for its funder: by default its whole period up to today;
    ``starts`` and ``ends`` narrow it (a funder's quarterly report)."""
    application = session.get(GrantApplication, application_id)
    if application is None:
        raise NotFound("This grant is not there any more.")
    if application.status not in grants.AWARDED_STATUSES or application.fund_id is None:
        raise ValidationError(
            "status",
            f"{application.title} {grants.STATE_WORDS[application.status]}: only an awarded "
            "grant has a statement.",
        )
    _dates_asked(application, today, starts, ends)
    from clubapp.printing.grants import grant_statement_pdf

    view = grants.get_application(session, actor, application_id, today)
    money = grant_money.grant_money(session, actor, application_id, today, starts, ends)
    delivered = grant_delivery.delivery(
        session, actor, application_id, money.starts, money.ends, today
    )
    return grant_statement_pdf(_club_name(session), view, money, delivered, today)


@allowed("grants.see")
def current_awards(session: Session, actor: Actor, today: date) -> list[CurrentAward]:
    """Every grant awarded and not yet closed, with its money so far, by when it ends."""
    rows = grants.list_applications(session, actor, today, statuses=("awarded",))
    found = []
    for row in rows:
        assert row.awarded_pence is not None  # an awarded grant has its amount
        money = grant_money.grant_money(session, actor, row.application_id, today)
        found.append(
            CurrentAward(
                row.application_id,
                row.funder_name,
                row.title,
                row.awarded_pence,
                money.received_pence,
                money.spent_before_pence + money.spent_pence,
                money.left_to_spend_pence,
                row.period_ends,
                grant_money.time_left_words(row.period_starts, row.period_ends, today),
            )
        )
    return sorted(found, key=lambda a: (a.period_ends or date.max, a.title.casefold()))


@allowed("grants.see")
def grants_summary(session: Session, actor: Actor, today: date) -> bytes:
    """The deadlines board, the pipeline, this year and last, and the current awards."""
    from clubapp.printing.grants import grants_summary_pdf

    return grants_summary_pdf(
        _club_name(session),
        grant_deadlines.board(session, actor, today),
        grant_pipeline.pipeline(session, actor, today),
        current_awards(session, actor, today),
        today,
    )
