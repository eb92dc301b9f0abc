"""The demo club's small grants, added to `clubapp.demo` as the last extra step.

Six funders and twelve applications across the pipeline, tied to the books that
`clubapp.demo_accounts` wrote:

- the weekly club's main grant from the Lottery, £30,000 a year for three years (the
  books' years), paid in the quarterly instalments the books received, with a progress
  report each quarter, a financial report each year and a final report; and its renewal,
  being prepared, due in about six weeks;
- the council's transport grant, last year's closed with its report sent and this year's
  awarded; the Harmony Trust's music project, the same; both in the funds the books have;
- a small grant for the monthly Crafternoon, awarded a few days ago (a little more than
  was asked) into a new restricted fund, its payment still to come;
- one turned down, one waiting for a decision, one withdrawn, one idea from a friend of
  the club, and one whose deadline passed while it was still being prepared.

Everything goes through the grants services, so every rule is kept: each status change
is dated, the instalments add up to each award, and the receipts are matched by
`grant_money.auto_match`. Dates follow `ctx.today` and the books' years, so the demo
is right on any day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from clubapp import demo_accounts
from clubapp.demo_accounts import FUNDS, YEARLY, _rise
from clubapp.models.accounts import Fund
from clubapp.models.attendance import ClubSession
from clubapp.models.grants import GrantReport
from clubapp.models.votes import Activity, ProgrammeEntry
from clubapp.services import grant_money, grants, years
from clubapp.services.grants import (
    ApplicationInput,
    AwardInput,
    FunderInput,
    InstalmentInput,
    ReportInput,
)

if TYPE_CHECKING:
    from clubapp.demo import DemoContext

# (key, the funder). Phone numbers are in Ofcom's drama range; addresses at example.org.
FUNDERS = (
    (
        "lottery",
        FunderInput(
            "The National Lottery Community Fund",
            "lottery",
            contact_name="Priya Shah, funding officer",
            email="priya.shah@example.org",
            phone="0161 496 0910",
            website="https://lottery.example.org",
            notes="Funds the weekly club. Wants a short progress report each quarter before "
            "it pays the next instalment.",
        ),
    ),
    (
        "council",
        FunderInput(
            "Riverside Borough Council",
            "council",
            contact_name="Community grants team",
            email="community.grants@example.org",
            phone="0161 496 0920",
            website="https://council.example.org/grants",
            notes="The community transport grant every year, paid in May. Ward councillors "
            "have a small community chest too.",
        ),
    ),
    (
        "harmony",
        FunderInput(
            "The Harmony Trust",
            "trust",
            contact_name="Margaret Lowe, grants secretary",
            email="grants@harmony.example.org",
            phone="0161 496 0930",
            notes="Music in the community. Its trustees decide in August and pay in September.",
        ),
    ),
    (
        "foundation",
        FunderInput(
            "Riverside Community Foundation",
            "trust",
            contact_name="Tom Okoro, grants officer",
            email="tom.okoro@example.org",
            phone="0161 496 0940",
            website="https://foundation.example.org",
            notes="Small grants of up to £3,000 for local groups, in three rounds a year.",
        ),
    ),
    (
        "greenway",
        FunderInput(
            "Greenway Supermarkets community fund",
            "company",
            contact_name="The community champion at the Mill Street store",
            phone="0161 496 0950",
            notes="Shoppers vote for one group a store each round.",
        ),
    ),
    (
        "hartley",
        FunderInput(
            "Eileen Hartley",
            "individual",
            phone="07700 900950",
            notes="A friend of the club. Her husband Don loved the singing afternoons; she "
            "would like to give something in his memory.",
        ),
    ),
)
# The books' quarterly Lottery instalments come in these months, on about the 8th; the
# funder asks for a progress report by the 15th of the month before each one.
LOTTERY_MONTHS = (4, 7, 10, 1)
LOTTERY_DAY = 8
PROGRESS_MONTHS = (6, 9, 12, 3)
PROGRESS_DAY = 15
LOTTERY_QUARTER_PENCE = 750_000  # as the books receive it, for each £30,000 a year
MUSIC_MONTH = 9  # the Harmony Trust's year starts in September
SENT_DAYS_EARLY = 4  # the club sends its reports a few days before they are due


def _fund_name(key: str) -> str:
    """The name of one of the books' funds (see `demo_accounts.FUNDS`)."""
    return next(name for k, name, *_ in FUNDS if k == key)


def _yearly(fund: str) -> tuple[int, int, int, int]:
    """(month, day, pence in the books' first year, yearly rise in %) of the grant the
    books receive once a year into ``fund``."""
    for month, day, _in, _category, key, pence, rise, *_rest in YEARLY:
        if key == fund:
            return month, day, pence, rise
    raise AssertionError(f"the books have no yearly grant into {fund}")


def _year_later(day: date, years_on: int = 1) -> date:
    try:
        return day.replace(year=day.year + years_on)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years_on, day=28)


@dataclass
class _Bids:
    """Makes applications through the services, on the days they happened."""

    ctx: DemoContext
    funders: dict[str, int]
    activities: dict[str, int]

    def person_ids(self, keys: Sequence[str]) -> tuple[int, ...]:
        return tuple(self.ctx.ids[key] for key in keys if key in self.ctx.ids)

    def apply(
        self,
        funder: str,
        title: str,
        started: date,
        *,
        status: str = "preparing",
        writers: Sequence[str] = ("sam",),
        sessions: Sequence[str] = (),
        activities: Sequence[str] = (),
        **fields: object,
    ) -> int:
        """A new application, as if typed in on ``started`` (its first status's date)."""
        data = ApplicationInput(
            funder_id=self.funders[funder],
            title=title,
            writer_ids=self.person_ids(writers),
            session_names=sessions,
            activity_ids=tuple(self.activities[a] for a in activities if a in self.activities),
            status=status,
            **fields,  # type: ignore[arg-type]
        )
        return grants.save_application(self.ctx.session, self.ctx.actor, None, data, started)

    def move(self, application_id: int, status: str, on: date, note: str = "") -> None:
        ctx = self.ctx
        grants.change_status(
            ctx.session, ctx.actor, application_id, status, on, ctx.today, note=note
        )

    def award(self, application_id: int, data: AwardInput) -> None:
        """Record the award, match the payments already received, and mark sent the
        reports whose day has passed."""
        ctx = self.ctx
        grants.save_award(ctx.session, ctx.actor, application_id, data, ctx.today)
        grant_money.auto_match(ctx.session, ctx.actor, application_id)
        past = ctx.session.execute(
            select(GrantReport.id, GrantReport.due_on).where(
                GrantReport.application_id == application_id, GrantReport.due_on < ctx.today
            )
        ).all()
        for report_id, due_on in past:
            sent = due_on - timedelta(days=SENT_DAYS_EARLY)
            grants.mark_report(ctx.session, ctx.actor, report_id, sent, ctx.today)


def add_grants(ctx: DemoContext) -> None:
    """The six funders and twelve applications; the large demo has the same twelve, for
    its larger grants."""
    session, actor = ctx.session, ctx.actor
    funders = {key: grants.save_funder(session, actor, None, data) for key, data in FUNDERS}
    activities = {name: aid for name, aid in session.execute(select(Activity.name, Activity.id))}
    bids = _Bids(ctx, funders, activities)
    funds = {name: fid for name, fid in session.execute(select(Fund.name, Fund.id))}
    current = years.year_of(session, ctx.today)
    first = years.first_year(session, ctx.today)
    _lottery(bids, funds[_fund_name("lottery")], current)
    _transport(bids, funds[_fund_name("transport")], current, first)
    _music(bids, funds[_fund_name("music")], first)
    _singing_afternoons(ctx, activities.get("Singing"))
    _crafternoon(bids)
    _the_rest(bids)
    session.flush()


def _scale(ctx: DemoContext) -> demo_accounts.BooksScale:
    # Read when the demo is built: a test may swap the small books for others.
    return demo_accounts.LARGE_BOOKS if ctx.size == "large" else demo_accounts.SMALL_BOOKS


def _lottery(bids: _Bids, fund_id: int, current: years.Year) -> None:
    """Three years of the weekly club (the books' last three), and the renewal."""
    today = bids.ctx.today
    quarter = LOTTERY_QUARTER_PENCE * _scale(bids.ctx).grant_share
    starts = current.previous().previous().starts
    ends = current.ends
    submitted = starts - timedelta(days=200)
    app = bids.apply(
        "lottery",
        "The weekly club, three years",
        submitted - timedelta(days=75),
        purpose="Keep the Wednesday and Friday clubs running: the coordinator's pay, the "
        "hall, activities and volunteers' expenses.",
        pays_for="The coordinator for 20 hours a week, the hall twice a week, activities, "
        "training and volunteers' travel.",
        asked_pence=12 * quarter,
        opens_on=submitted - timedelta(days=90),
        deadline=submitted + timedelta(days=5),
        decision_expected=starts - timedelta(days=45),
        writers=("sam", "pat"),
        sessions=("Wednesday Club", "Friday Club"),
    )
    bids.move(app, "submitted", submitted)
    instalments = []
    progress = []
    day = starts
    while day <= ends:
        if day.month in LOTTERY_MONTHS:
            instalments.append(InstalmentInput(day.replace(day=LOTTERY_DAY), quarter))
        # The last quarter's progress goes in the final report.
        if day.month in PROGRESS_MONTHS and (day.year, day.month) != (ends.year, ends.month):
            progress.append(ReportInput(day.replace(day=PROGRESS_DAY), "progress"))
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    financial = []
    year = current.previous().previous()
    while year.ends < ends:
        financial.append(
            ReportInput(year.ends + timedelta(days=61), "financial", "The year's accounts")
        )
        year = year.next()
    final = ReportInput(ends + timedelta(days=91), "final", "With the last year's accounts")
    bids.award(
        app,
        AwardInput(
            12 * quarter,
            starts - timedelta(days=47),
            starts,
            ends,
            funder_reference="Grant 20241187",
            conditions="Spend it on the weekly club as the budget says. A short progress "
            "report each quarter before the next payment, the accounts each year, and a "
            "final report. Say on leaflets that the Lottery funds the club.",
            fund_id=fund_id,
            instalments=instalments,
            reports=[*progress, *financial, final],
        ),
    )
    bids.apply(
        "lottery",
        "The weekly club, the next three years",
        today - timedelta(days=45),
        purpose="Keep the weekly club going once the present grant ends, and add a third "
        "morning for people on the waiting list.",
        asked_pence=12 * quarter * 16 // 15,  # £32,000 a year for each £30,000 now
        opens_on=today - timedelta(days=60),
        deadline=today + timedelta(days=42),
        decision_expected=today + timedelta(days=126),
        writers=("sam", "pat", "abena"),
        sessions=("Wednesday Club", "Friday Club"),
        notes="Pat is doing the budget; Abena is writing the part about what carers say.",
    )


def _transport(bids: _Bids, fund_id: int, current: years.Year, first: years.Year) -> None:
    """The council's transport grant: last year's closed, this year's awarded."""
    today = bids.ctx.today
    month, day, pence, rise = _yearly("transport")
    routes = _scale(bids.ctx).routes
    for year in (current.previous(), current):
        amount = _rise(pence, year.starts.year - first.starts.year, rise) * routes
        deadline = year.starts - timedelta(days=110)
        app = bids.apply(
            "council",
            f"Door-to-door transport, {year.name}",
            deadline - timedelta(days=40),
            purpose="Rides to the club for members who cannot get there alone.",
            pays_for="Door-to-door rides on club days and the seaside trip's coach.",
            asked_pence=amount,
            opens_on=deadline - timedelta(days=45),
            deadline=deadline,
            decision_expected=year.starts - timedelta(days=21),
            writers=("sam", "ruth"),
        )
        bids.move(app, "submitted", deadline - timedelta(days=5))
        bids.award(
            app,
            AwardInput(
                amount,
                year.starts - timedelta(days=20),
                year.starts,
                year.ends,
                funder_reference=f"CT-{year.starts.year}-031",
                conditions="Rides for members who cannot travel alone. A monitoring report "
                "at the end of the year: rides given, and what they cost.",
                fund_id=fund_id,
                instalments=[InstalmentInput(year.starts.replace(month=month, day=day), amount)],
                reports=[ReportInput(year.ends, "final", "Rides given and what they cost")],
            ),
        )
        if year.ends < today:
            bids.move(app, "closed", min(year.ends + timedelta(days=10), today))


def _music(bids: _Bids, fund_id: int, first: years.Year) -> None:
    """The Harmony Trust's music project, a year from each September: last year's closed,
    this year's awarded with its reports to come."""
    today = bids.ctx.today
    _month, day, pence, rise = _yearly("music")
    this_year = date(today.year if today.month >= MUSIC_MONTH else today.year - 1, MUSIC_MONTH, 1)
    for starts in (_year_later(this_year, -1), this_year):
        ends = _year_later(starts) - timedelta(days=1)
        amount = _rise(pence, max(0, starts.year - first.starts.year), rise)
        app = bids.apply(
            "harmony",
            f"Music project, {starts.year} to {ends.year}",
            date(starts.year, 3, 20),
            purpose="A pianist for the singing afternoons, and music for the dancing.",
            pays_for="A pianist twice a month, song sheets in large print, and tuning.",
            asked_pence=amount,
            opens_on=date(starts.year, 3, 1),
            deadline=date(starts.year, 4, 30),
            decision_expected=date(starts.year, 8, 15),
            writers=("sam", "grace"),
            activities=("Singing", "Dancing"),
        )
        bids.move(app, "submitted", date(starts.year, 4, 24))
        bids.award(
            app,
            AwardInput(
                amount,
                date(starts.year, 8, 12),
                starts,
                ends,
                funder_reference=f"HT/{starts.year}/17",
                conditions="For live music at the club. A short report after the first "
                "term, and a final report by the end of July.",
                fund_id=fund_id,
                instalments=[InstalmentInput(starts.replace(day=day), amount)],
                reports=[
                    ReportInput(date(ends.year, 1, 31), "progress", "After the first term"),
                    ReportInput(date(ends.year, 7, 31), "final"),
                ],
            ),
        )
        if ends < today:
            bids.move(app, "closed", min(ends + timedelta(days=3), today))


def _singing_afternoons(ctx: DemoContext, singing: int | None) -> None:
    """The pianist the music grant pays for plays at the first and third Friday Club of
    each month: on the programme of the past year's sessions, so a grant statement can
    say what the grant delivered."""
    if singing is None:
        return
    since = ctx.today - timedelta(days=366)
    fridays = ctx.session.execute(
        select(ClubSession.id, ClubSession.on_date).where(
            ClubSession.name == "Friday Club",
            ClubSession.cancelled.is_(False),
            ClubSession.on_date >= since,
            ClubSession.on_date < ctx.today,
        )
    )
    rows = [
        {"session_id": session_id, "activity_id": singing, "note": "With the pianist"}
        for session_id, on in fridays
        if (on.day - 1) // 7 in (0, 2)
    ]
    if rows:
        ctx.session.execute(insert(ProgrammeEntry), rows)


def _crafternoon(bids: _Bids) -> None:
    """A small grant for the monthly Crafternoon, awarded twelve days ago into a new
    restricted fund; a little more than was asked, and not paid yet."""
    ctx = bids.ctx
    today = ctx.today
    submitted = today - timedelta(days=55)
    app = bids.apply(
        "foundation",
        "Crafternoon materials",
        today - timedelta(days=80),
        purpose="Materials for the monthly Crafternoon on the first Sunday: card, paint, "
        "wool and tools with big handles.",
        pays_for="Craft materials, wool and easy-grip tools for a year of Crafternoons.",
        asked_pence=195_000,
        opens_on=today - timedelta(days=90),
        deadline=submitted + timedelta(days=3),
        decision_expected=today - timedelta(days=14),
        writers=("sam", "abena"),
        sessions=("Crafternoon",),
        activities=("Crafts", "Knitting"),
    )
    bids.move(app, "submitted", submitted)
    starts = (today.replace(day=28) + timedelta(days=4)).replace(day=1)  # next month
    ends = _year_later(starts) - timedelta(days=1)
    name = grants.suggested_fund_name(ctx.session, ctx.actor, app)
    bids.award(
        app,
        AwardInput(
            200_000,
            today - timedelta(days=12),
            starts,
            ends,
            funder_reference="RCF-SG-0412",
            conditions="The foundation rounded the award up to £2,000. A final report with "
            "photos (with permission) when the year ends.",
            new_fund_name=name,
            instalments=[InstalmentInput(today + timedelta(days=9), 200_000)],
            reports=[ReportInput(ends + timedelta(days=30), "final", "With photos")],
        ),
    )


def _the_rest(bids: _Bids) -> None:
    """Turned down, waiting, withdrawn, an idea, and a deadline missed."""
    today = bids.ctx.today
    declined = bids.apply(
        "greenway",
        "Raised beds for the garden",
        today - timedelta(days=150),
        purpose="Two raised beds at wheelchair height, so everyone can garden.",
        asked_pence=150_000,
        opens_on=today - timedelta(days=160),
        deadline=today - timedelta(days=100),
        decision_expected=today - timedelta(days=60),
        writers=("sam", "fatima"),
        activities=("Gardening",),
    )
    bids.move(declined, "submitted", today - timedelta(days=104))
    bids.move(
        declined,
        "declined",
        today - timedelta(days=58),
        "Shoppers chose the youth football club. We can try again next round.",
    )

    waiting = bids.apply(
        "foundation",
        "Memory walks by the river",
        today - timedelta(days=50),
        purpose="Short, gentle walks by the river with a volunteer, and tea after.",
        asked_pence=300_000,
        opens_on=today - timedelta(days=60),
        deadline=today - timedelta(days=20),
        decision_expected=today + timedelta(days=30),
        writers=("sam", "fatima"),
    )
    bids.move(waiting, "submitted", today - timedelta(days=22))

    withdrawn = bids.apply(
        "council",
        "A new accessible minibus",
        today - timedelta(days=240),
        purpose="Replace the club's old minibus.",
        asked_pence=2_500_000,
        opens_on=today - timedelta(days=250),
        deadline=today - timedelta(days=170),
        writers=("sam", "ruth", "pat"),
    )
    bids.move(
        withdrawn,
        "withdrawn",
        today - timedelta(days=200),
        "The trustees chose to wait until the minibus fund is larger.",
    )

    bids.apply(
        "hartley",
        "Large-print song books",
        today - timedelta(days=20),
        status="idea",
        purpose="Song books in large print for the singing afternoons, in Don's memory.",
        writers=("sam",),
        activities=("Singing",),
        notes="Mrs Hartley asked what the club might need. Talk to her at the next coffee morning.",
    )

    bids.apply(
        "council",
        "Chairs with arms and new tablecloths",
        today - timedelta(days=40),
        purpose="Six chairs with arms, cushions and wipe-clean tablecloths for the hall.",
        asked_pence=50_000,
        opens_on=today - timedelta(days=60),
        deadline=today - timedelta(days=4),
        writers=("ruth",),
        notes="From the ward councillors' community chest.",
    )
