"""The deadlines board: application deadlines, the funders' reports, payments expected and
grant periods ending, soonest first, each said in words ("Progress report to The Harmony
Trust: due in 5 days", "Overdue by 3 days"); and the same deadlines offered to the
committee as agenda items for the meeting before they fall due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from clubapp.models.accounts import Split
from clubapp.models.committee import Meeting
from clubapp.models.grants import (
    AgendaItemGrant,
    Funder,
    GrantApplication,
    GrantInstalment,
    GrantReport,
)
from clubapp.services.dates import long_date
from clubapp.services.errors import ValidationError
from clubapp.services.grants import REPORT_KIND_WORDS, UNSENT_STATUSES
from clubapp.services.money import pounds
from clubapp.services.permissions import Actor, allowed, require

BOARD_DAYS = 60  # how far ahead the board looks
SOON_DAYS = 14  # due this soon is shown as urgent
KIND_WORDS = {
    "deadline": "Application deadline",
    "report": "Report",
    "instalment": "Payment expected",
    "period_end": "Grant ends",
}


@dataclass(frozen=True)
class Deadline:
    thing: str  # deadline, report, instalment, period_end
    thing_id: int  # the application's id for a deadline or period end; else the row's
    application_id: int
    title: str  # "Progress report to The Harmony Trust for Music project"
    due_on: date
    days: int  # days from today: below 0 is overdue
    missed: bool  # an application deadline that passed before the bid was sent

    @property
    def key(self) -> tuple[str, int]:
        return (self.thing, self.thing_id)

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.thing]

    @property
    def urgency(self) -> str:
        """ "overdue" (or missed), "soon" (within two weeks) or "later"."""
        if self.days < 0:
            return "overdue"
        return "soon" if self.days <= SOON_DAYS else "later"

    @property
    def when_words(self) -> str:
        return when_words(self.days, missed=self.missed, ended=self.thing == "period_end")

    @property
    def words(self) -> str:
        return f"{self.title}: {self.when_words[0].lower()}{self.when_words[1:]}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def when_words(days: int, *, missed: bool = False, ended: bool = False) -> str:
    """ "Due in 5 days", "Due tomorrow", "Due today", "Overdue by 3 days", "Missed: the
    deadline was 3 days ago"."""
    if missed:
        return f"Missed: the deadline was {_days(-days)} ago"
    if ended:
        if days == 0:
            return "Ends today"
        return "Ends tomorrow" if days == 1 else f"Ends in {_days(days)}"
    if days < 0:
        return f"Overdue by {_days(-days)}"
    if days == 0:
        return "Due today"
    return "Due tomorrow" if days == 1 else f"Due in {_days(days)}"


def _all(session: Session, today: date, until: date) -> list[Deadline]:
    found: list[Deadline] = []

    def add(thing: str, thing_id: int, app_id: int, title: str, due: date, missed: bool) -> None:
        found.append(Deadline(thing, thing_id, app_id, title, due, (due - today).days, missed))

    for a, funder in session.execute(
        select(GrantApplication, Funder.name)
        .join(Funder, Funder.id == GrantApplication.funder_id)
        .where(
            GrantApplication.status.in_(UNSENT_STATUSES),
            GrantApplication.deadline.is_not(None),
            GrantApplication.deadline <= until,
        )
    ):
        assert a.deadline is not None
        add(
            "deadline",
            a.id,
            a.id,
            f"Application to {funder} for {a.title}",
            a.deadline,
            a.deadline < today,
        )
    for r, a, funder in session.execute(
        select(GrantReport, GrantApplication, Funder.name)
        .join(GrantApplication, GrantApplication.id == GrantReport.application_id)
        .join(Funder, Funder.id == GrantApplication.funder_id)
        .where(
            GrantReport.status == "due",
            GrantReport.due_on <= until,
            GrantApplication.status.in_(("awarded", "closed")),
        )
    ):
        add(
            "report",
            r.id,
            a.id,
            f"{REPORT_KIND_WORDS[r.kind]} to {funder} for {a.title}",
            r.due_on,
            False,
        )
    for i, a, funder in session.execute(
        select(GrantInstalment, GrantApplication, Funder.name)
        .join(GrantApplication, GrantApplication.id == GrantInstalment.application_id)
        .join(Funder, Funder.id == GrantApplication.funder_id)
        .where(
            or_(
                GrantInstalment.entry_id.is_(None),
                ~exists().where(
                    Split.entry_id == GrantInstalment.entry_id,
                    Split.fund_id == GrantApplication.fund_id,
                ),
            ),
            GrantInstalment.due_on <= until,
            # A closed grant is done: payments it never got are not chased.
            GrantApplication.status == "awarded",
        )
    ):
        add(
            "instalment",
            i.id,
            a.id,
            f"Payment of {pounds(i.amount_pence)} from {funder} for {a.title}",
            i.due_on,
            False,
        )
    for a, funder in session.execute(
        select(GrantApplication, Funder.name)
        .join(Funder, Funder.id == GrantApplication.funder_id)
        .where(
            GrantApplication.status == "awarded",
            GrantApplication.period_ends.is_not(None),
            GrantApplication.period_ends >= today,
            GrantApplication.period_ends <= until,
        )
    ):
        assert a.period_ends is not None
        add(
            "period_end", a.id, a.id, f"The grant from {funder} for {a.title}", a.period_ends, False
        )
    found.sort(key=lambda d: (d.due_on, d.thing, d.thing_id))
    return found


@allowed("grants.see")
def board(session: Session, actor: Actor, today: date, days: int = BOARD_DAYS) -> list[Deadline]:
    """Everything due from today to ``days`` ahead, and everything overdue or missed,
    soonest first."""
    if not 0 <= days <= 3660:
        raise ValidationError("days", "Choose how many days ahead to look: from 0 to 3,660.")
    return _all(session, today, today + timedelta(days=days))


@allowed("grants.see")
def next_few(session: Session, actor: Actor, today: date, count: int = 3) -> list[Deadline]:
    """The first few on the board, for the Home page."""
    return board(session, actor, today)[:count]


# ---------------------------------------------------------------- for the committee


@dataclass(frozen=True)
class MeetingOffers:
    """Grant deadlines for a meeting: due before the meeting after it (or within the
    board's 60 days when no later meeting is planned), not yet on an agenda."""

    until: date
    next_meeting: date | None
    deadlines: list[Deadline]

    @property
    def until_words(self) -> str:
        if self.next_meeting is not None:
            return f"before the next meeting on {long_date(self.next_meeting, weekday=False)}"
        return f"by {long_date(self.until, weekday=False)}"


def _on_agenda(session: Session) -> set[tuple[str, int, date]]:
    return {
        (thing, thing_id, due)
        for thing, thing_id, due in session.execute(
            select(AgendaItemGrant.thing, AgendaItemGrant.thing_id, AgendaItemGrant.due_on)
        )
    }


@allowed("committee.see")
def offers(session: Session, actor: Actor, today: date, after: date | None = None) -> MeetingOffers:
    """What to offer the committee at a meeting on ``after`` (by default the next
    meeting from today, or today when none is planned)."""
    require(actor, "grants.see")
    if after is None:
        after = (
            session.scalar(
                select(Meeting.on_date).where(Meeting.on_date >= today).order_by(Meeting.on_date)
            )
            or today
        )
    following = session.scalar(
        select(Meeting.on_date).where(Meeting.on_date > after).order_by(Meeting.on_date)
    )
    until = following or after + timedelta(days=BOARD_DAYS)
    taken = _on_agenda(session)
    found = [d for d in _all(session, today, until) if (d.thing, d.thing_id, d.due_on) not in taken]
    return MeetingOffers(until, following, found)


@allowed("committee.see")
def offers_for_meeting(
    session: Session, actor: Actor, meeting_id: int, today: date
) -> MeetingOffers:
    on = session.scalar(select(Meeting.on_date).where(Meeting.id == meeting_id))
    if on is None:
        raise ValidationError("meeting", "This meeting is not there any more.")
    if on < today:
        # A meeting already held takes no new business: the deadlines wait for the next.
        return MeetingOffers(on, None, [])
    return offers(session, actor, today, on)


@allowed("committee.run")
def add_to_agenda(
    session: Session,
    actor: Actor,
    meeting_id: int,
    keys: list[tuple[str, int]],
    today: date,
) -> list[int]:
    """One agenda item for each deadline chosen; they then leave the committee's offers."""
    from clubapp.services.agenda import add_proposal
    from clubapp.services.meetings import editable_meeting

    waiting = offers_for_meeting(session, actor, meeting_id, today).deadlines
    # Who may change the agenda, and whether it still can change, before what was chosen.
    editable_meeting(session, actor, meeting_id)
    if not keys:
        raise ValidationError("deadlines", "Choose at least one grant deadline.")
    offered = {d.key: d for d in waiting}
    missing = [key for key in keys if key not in offered]
    if missing:
        raise ValidationError(
            "deadlines", "One of these deadlines is no longer waiting for the committee."
        )
    item_ids = []
    for key in dict.fromkeys(keys):
        deadline = offered[key]
        # The date, not "due in 9 days": the words must still be true at the meeting.
        verb = "Ends" if deadline.thing == "period_end" else "Due"
        details = (
            f"{deadline.kind_words}. {verb} on {long_date(deadline.due_on)}."
            if not deadline.missed
            else f"{deadline.kind_words}. The deadline was {long_date(deadline.due_on)}: missed."
        )
        item_id = add_proposal(
            session, actor, meeting_id, deadline.title[:200], details, planned_minutes=5
        )
        session.add(
            AgendaItemGrant(
                item_id=item_id,
                thing=deadline.thing,
                thing_id=deadline.thing_id,
                due_on=deadline.due_on,
            )
        )
        item_ids.append(item_id)
    session.flush()
    return item_ids
