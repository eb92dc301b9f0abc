"""The demo club's books, added to `clubapp.demo` as an extra step.

Small club: two full financial years before the current one, and the current year up to
today. A restricted grant of £30,000 a year for the weekly club paid in quarterly
instalments; a council grant for transport and a trust grant for music; a designated
fund for the minibus that the trustees add to each April; standing orders, one-off
donations and Gift Aid; session fees counted into the cash box each week and paid in at
the bank each month; the coordinator's pay, the hall's bill shared between the grant and
the general fund, activities, refreshments, rides, volunteers' expenses by cheque,
insurance and the independent examiner; the general fund topping up the transport fund
when the council's grant runs out. The bank account is reconciled to the end of each
month; the first year is closed; the second is ready for the treasurer to close; and a
few lines imported from this month's bank statement wait to be sorted.

Large club (for benchmarks): ten full years of about 5,000 entries each, the same kinds
of line in greater numbers, every year but the last closed.

Entries, splits and reconciliations are written with bulk inserts, not with
`books.record_entry`: the services take about a millisecond an entry, and the small
demo is built by many GUI tests. Every entry is made to keep the services' rules (the
tests check each one against them); reconciliations are real rows that the ticked lines
point to; and years are closed by `years.close_year` itself, which checks the books and
carries each balance forward.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from clubapp.demo import CLOSED_DAYS, FRIDAY, SUNDAY, WEDNESDAY
from clubapp.models.accounts import (
    AssetLine,
    Category,
    FinancialYear,
    Fund,
    MoneyAccount,
    MoneyEntry,
    Reconciliation,
    Split,
)
from clubapp.models.members import Person, PersonKind
from clubapp.models.users import User
from clubapp.services import bank_import, books, years
from clubapp.services.books import AccountInput, FundInput
from clubapp.services.dates import MONTH_WORDS, WEEKDAY_WORDS
from clubapp.services.permissions import Actor

if TYPE_CHECKING:
    from clubapp.demo import DemoContext


@dataclass(frozen=True)
class BooksScale:
    """How much happens. Counts are a month's unless they say otherwise; a fraction is
    the chance of one more."""

    years: int  # full financial years before the current one
    grant_share: int  # the weekly club's grant, in £30,000s a year
    donors: int  # standing orders, at most
    gifts: float  # one-off donations
    purchases: float  # shopping by card
    claims: float  # volunteers' expense claims, paid by cheque
    routes: int  # door-to-door transport invoices
    takings_per_week: int  # session fees counted into the cash box: a week's, or each day's
    cash_shops_per_week: float  # shopping paid from the cash box
    kept_every_year: bool = False  # equipment bought to keep: each year, or once


SMALL_BOOKS = BooksScale(
    years=2,
    grant_share=1,
    donors=3,
    gifts=1.5,
    purchases=3,
    claims=0.7,
    routes=1,
    takings_per_week=1,
    cash_shops_per_week=1.5,
)
LARGE_BOOKS = BooksScale(
    years=10,
    grant_share=3,
    donors=140,
    gifts=60,
    purchases=200,
    claims=40,
    routes=12,
    takings_per_week=2,
    cash_shops_per_week=3,
    kept_every_year=True,
)

BANK, CASH = "bank", "cash"
# The funds the demo adds beside the general fund: (key, name, kind, purpose).
FUNDS = (
    (
        "lottery",
        "National Lottery Awards for All — weekly club",
        "restricted",
        "The weekly club: the coordinator's pay, the hall, activities and volunteers' "
        "expenses, as the grant agreement says.",
    ),
    (
        "transport",
        "Council transport grant",
        "restricted",
        "Door-to-door rides to the club for members who cannot get there alone.",
    ),
    ("music", "Harmony Trust music grant", "restricted", "A pianist for the singing afternoons."),
    (
        "minibus",
        "Minibus replacement",
        "designated",
        "Set aside by the trustees towards replacing the club's accessible minibus.",
    ),
)
TREASURER = "Pat Green"
CASH_FLOAT = 6_000  # left in the cash box for change when the takings are paid in
GIFT_AID_PERCENT = 25
MILEAGE_PENCE = 45  # a mile: what HMRC allows for volunteers' cars
SATURDAY = 5
HALL_GRANT_PENCE = 3_000  # a session's hire, paid by the grant as its budget says

# fmt: off
# Once a year: (month, day, money in?, category, fund, pence in the books' first year,
# yearly rise in %, who from or to, what, reference). A grant grows with the club.
YEARLY = (
    (5, 14, True, "Grants", "transport", 240_000, 3, "Riverside Borough Council",
     "Community transport grant for the year", ""),
    (9, 10, True, "Grants", "music", 150_000, 0, "The Harmony Trust",
     "Music sessions grant for the year", ""),
    (6, 3, False, "Insurance", "general", 43_620, 3, "Community Insurance Services",
     "Public liability, trustees' and minibus insurance for the year", "Direct debit"),
    (10, 9, False, "Training", "lottery", 15_000, 0, "Riverside Dementia Action Alliance",
     "Dementia awareness training for new volunteers", "Invoice 2291"),
    (2, 6, False, "Publicity", "general", 8_500, 3, "Riverside Print Shop",
     "Leaflets about the club for surgeries and the library", "Invoice 5530"),
)
# Shopping by card: (category, fund, who to, what, least and most in pence).
PURCHASES = (
    ("Activity costs", "lottery", "Riverside Craft Supplies", "Card, glue and paints for crafts", 1_800, 6_500),
    ("Activity costs", "lottery", "Mill Street Garden Centre", "Seeds, compost and bulbs for the raised beds", 1_500, 4_800),
    ("Activity costs", "lottery", "Riverside Museum", "Entry for the museum visit", 3_000, 9_000),
    ("Activity costs", "general", "Bookworm Books", "Large-print puzzle books", 1_200, 3_600),
    ("Refreshments", "general", "Mill Street Stores", "Tea, coffee, milk and biscuits", 1_500, 4_200),
    ("Refreshments", "general", "Riverside Bakery", "Cakes for the birthday tea", 1_800, 3_900),
    ("Equipment", "general", "Riverside Hardware", "Tablecloths and a new kettle", 2_000, 6_000),
    ("Equipment", "lottery", "Memory Lane Games", "Reminiscence cards and jigsaws with big pieces", 2_500, 7_500),
    ("Publicity", "general", "Riverside Print Shop", "Posters for the noticeboards", 1_500, 4_500),
    ("Other payments", "general", "Post Office", "Stamps for the newsletter", 800, 2_600),
)
GIVERS = (
    "St Mary's Church", "Riverside Rotary Club", "Riverside Women's Institute",
    "Riverside Court coffee morning", "Mill Street Stores community fund", "Riverside Lions Club",
)
GIFTS = (1_000, 2_000, 2_500, 5_000, 5_000, 10_000, 15_000, 25_000)
STANDING_ORDERS = (500, 1_000, 1_500, 2_000, 2_500)
# Equipment kept for the club's own use, bought in January: (what, pence).
KEPT = (
    ("Hearing loop for the hall", 38_600),
    ("Portable ramp for the side door", 29_500),
    ("Laptop for the coordinator", 54_900),
    ("Folding tables with room for wheelchairs", 46_800),
    ("Keyboard for the singing afternoons", 31_200),
)
# Lines from this month's bank statement, imported and waiting for a category and a
# fund: (money in?, pence, the bank's words).
WAITING = (
    (True, 15_000, "BANK GIRO CREDIT ST MARYS CHURCH"),
    (False, 3_275, "CARD PAYMENT RIVERSIDE CRAFT SUPP"),
    (True, 5_000, "FASTER PAYMENT FROM R ELLIS"),
    (False, 1_840, "CARD PAYMENT MILL STREET STORES"),
)
# fmt: on

Parts = list[tuple[str, str, int]]  # (category, fund key, pence)


@dataclass
class _Line:
    on: date
    kind: str
    amount: int
    account: str | None = None
    parts: Parts = field(default_factory=list)
    payee: str = ""
    description: str = ""
    reference: str = ""
    clears: date | None = None  # the day it reaches the bank statement, if later
    to_account: str | None = None
    from_fund: str | None = None
    to_fund: str | None = None
    imported: bool = False  # from the bank's statement file, waiting to be sorted


@dataclass(frozen=True)
class _Who:
    person_id: int
    name: str
    kind: str  # coordinator, volunteer, supporter; member for those who died
    joined: date
    left: date  # date.max while still with the club

    def here_on(self, day: date) -> bool:
        return self.joined <= day < self.left


@dataclass(frozen=True)
class _YearEnd:
    gift_aid_due: int  # Gift Aid on donations not yet claimed
    paye_due: int  # the last quarter's PAYE, paid in April


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _months(starts: date, ends: date) -> Iterator[date]:
    day = starts.replace(day=1)
    while day <= ends:
        yield day
        day = _month_end(day) + timedelta(days=1)


def _working_day(day: date) -> date:
    """A Saturday or Sunday moves to the Friday before, or to the Monday after when
    that Friday is in the month before."""
    if day.weekday() < 5:
        return day
    friday = day - timedelta(days=day.weekday() - 4)
    return friday if friday.month == day.month else day + timedelta(days=7 - day.weekday())


def _on(first: date, day_of_month: int) -> date:
    """The working day nearest a day of the month (the 31st is the last day)."""
    return _working_day(first.replace(day=min(day_of_month, _month_end(first).day)))


def _weekdays(first: date, weekday: int) -> list[date]:
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    out = []
    while day.month == first.month:
        out.append(day)
        day += timedelta(days=7)
    return out


def _month_words(day: date) -> str:
    return f"{MONTH_WORDS[day.month - 1]} {day.year}"


def _day_words(day: date) -> str:
    return f"{day.day} {MONTH_WORDS[day.month - 1]}"


def _rise(pence: int, years_on: int, percent: int) -> int:
    """A yearly rise of ``percent``, to the penny, in whole-number arithmetic."""
    for _ in range(years_on):
        pence += pence * percent // 100
    return pence


# --------------------------------------------------------------------------------------
# The plan: what happened, in date order, with the balances it leaves
# --------------------------------------------------------------------------------------


class _Plan:
    """The books month by month. Each month's lines are put in date order before they
    are made, so a line that depends on a balance sees that day's: no restricted fund
    is spent below £0 (the general fund pays, or tops the fund up) and nothing is paid
    from an empty cash box."""

    def __init__(
        self,
        scale: BooksScale,
        rng: random.Random,
        today: date,
        first_year: years.Year,
        opening: dict[str, int],
        people: list[_Who],
    ) -> None:
        self.scale, self.rng, self.today, self.first_year = scale, rng, today, first_year
        self.funds = {key: pence for key, pence in opening.items() if key not in (BANK, CASH)}
        self.accounts = {BANK: opening[BANK], CASH: opening[CASH]}
        self.lines: list[_Line] = []
        self.year_ends: dict[date, _YearEnd] = {}
        self.kept: list[tuple[date, str, int]] = []  # equipment bought to keep
        self.gift_aided = 0  # donations since the last Gift Aid claim
        self.claimed = 0  # Gift Aid claimed, not yet received
        self.cheque = 100_100
        self.people: dict[str, list[_Who]] = {}
        self.deaths: dict[date, list[_Who]] = {}  # by the first of the month of the gift
        for who in people:
            self.people.setdefault(who.kind, []).append(who)
            if who.kind == "member":
                gift_on = _working_day(who.left + timedelta(days=21))
                self.deaths.setdefault(gift_on.replace(day=1), []).append(who)
        self.todo: list[tuple[date, int, Callable[[], None]]] = []

    def run(self) -> None:
        for first in _months(self.first_year.starts, self.today):
            self.todo = []
            self._month(first)
            for _day, _n, make in sorted(self.todo, key=lambda t: (t[0], t[1])):
                make()

    def at(self, day: date, fn: Callable[..., None], *args: Any) -> None:
        """Put a line (or a step such as a Gift Aid claim) on a day of this month."""
        if day <= self.today:
            self.todo.append((day, len(self.todo), partial(fn, day, *args)))

    def count(self, rate: float) -> int:
        whole = int(rate)
        return whole + (1 if self.rng.random() < rate - whole else 0)

    def any_day(self, first: date) -> date:
        return _working_day(first + timedelta(days=self.rng.randrange(_month_end(first).day)))

    def year_index(self, day: date) -> int:
        """0 in the books' first year, 1 in the next, and so on."""
        starts = self.first_year.starts
        n = day.year - starts.year
        return n if (day.month, day.day) >= (starts.month, starts.day) else n - 1

    # ---------------------------------------------------------------- the month

    def _month(self, first: date) -> None:
        n, month, scale = self.year_index(first), first.month, self.scale
        here = {
            kind: [who for who in self.people.get(kind, []) if who.here_on(first)]
            for kind in ("coordinator", "volunteer", "supporter")
        }
        self.at(_working_day(first), self.bank_the_cash)
        if month in (4, 7, 10, 1):
            part = (4, 7, 10, 1).index(month) + 1
            pence = 750_000 * scale.grant_share
            self.at(
                _on(first, 8),
                self.take,
                [("Grants", "lottery", pence)],
                "The National Lottery Community Fund",
                f"Weekly club grant: instalment {part} of 4",
                "Grant 20241187",
            )
        for when, day, money_in, category, fund, pence, rise, who, what, ref in YEARLY:
            if when == month:
                pence = _rise(pence, n, rise) * (scale.routes if fund == "transport" else 1)
                make = self.take if money_in else self.pay
                self.at(_on(first, day), make, [(category, fund, pence)], who, what, ref)
        self._donations(first, here["supporter"] or here["volunteer"])
        if month in (4, 10):
            self.at(first.replace(day=5), self.claim_gift_aid)
            self.at(_on(first, 24), self.gift_aid_paid)
        if month in (3, 6, 9, 12):
            self.at(_on(first, 31), self.interest)
        self._staff(first, n, here["coordinator"])
        self._hall(first)
        self.at(
            _on(first, 16),
            self.pay,
            [("Activity costs", "music", 12_000)],
            "Ellen Marsh",
            f"Pianist for the singing afternoons, {_month_words(first)}",
            "Invoice",
        )
        for route in range(scale.routes):
            where = f", route {route + 1}" if scale.routes > 1 else ""
            self.at(
                _on(first, 19),
                self.pay,
                [("Transport", "transport", _rise(self.rng.randint(140, 220) * 100, n, 3))],
                "Riverside Community Transport",
                f"Door-to-door rides to the club, {_month_words(first)}{where}",
                "Direct debit",
            )
        for _ in range(self.count(scale.purchases)):
            category, fund, who, what, low, high = self.rng.choice(PURCHASES)
            pence = self.rng.randint(low, high)
            self.at(self.any_day(first), self.pay, [(category, fund, pence)], who, what, "Card")
        for _ in range(self.count(scale.claims)):
            if here["volunteer"]:
                who = self.rng.choice(here["volunteer"]).name
                miles = self.rng.randint(12, 140)
                self.at(self.any_day(first), self.claim, who, miles, _month_words(first))
        self._cash_box(first)
        self._special(first, n)
        if month == self.first_year.ends.month:
            self.at(_month_end(first), self.year_end, n)

    # ---------------------------------------------------------------- lines

    def _add(self, line: _Line) -> None:
        sign = {"receipt": 1, "payment": -1}.get(line.kind, 0)
        if sign:
            assert line.account
            self.accounts[line.account] += sign * line.amount
            for _category, fund, pence in line.parts:
                self.funds[fund] += sign * pence
        elif line.kind == "account_transfer":
            assert line.account and line.to_account
            self.accounts[line.account] -= line.amount
            self.accounts[line.to_account] += line.amount
        else:
            assert line.from_fund and line.to_fund
            self.funds[line.from_fund] -= line.amount
            self.funds[line.to_fund] += line.amount
        self.lines.append(line)

    def take(
        self, on: date, parts: Parts, who: str, what: str, ref: str = "", account: str = BANK
    ) -> None:
        total = sum(pence for _c, _f, pence in parts)
        self._add(_Line(on, "receipt", total, account, parts, who, what, ref))

    def pay(
        self,
        on: date,
        parts: Parts,
        who: str,
        what: str,
        ref: str = "",
        account: str = BANK,
        clears: date | None = None,
    ) -> None:
        total = sum(pence for _c, _f, pence in parts)
        if account == CASH and self.accounts[CASH] < total:
            account, ref = BANK, "Card"  # not enough in the cash box
        shares: dict[tuple[str, str], int] = {}
        for category, fund, pence in parts:
            if fund == "transport" and self.funds[fund] < pence:
                self.top_up(on, "transport", pence - self.funds[fund])
            elif fund != "general" and self.funds[fund] < pence:
                fund = "general"  # the grant has run out: the club pays from its own money
            shares[(category, fund)] = shares.get((category, fund), 0) + pence
        parts = [(category, fund, pence) for (category, fund), pence in shares.items()]
        self._add(_Line(on, "payment", total, account, parts, who, what, ref, clears))

    def top_up(self, on: date, fund: str, short: int) -> None:
        pence = -(-short // 10_000) * 10_000  # up to the next £100
        self.move_fund(
            on,
            "general",
            fund,
            pence,
            "The trustees agreed the general fund pays "
            "for rides until the council's next grant comes in.",
        )

    def move_fund(self, on: date, source: str, target: str, pence: int, why: str) -> None:
        self._add(
            _Line(on, "fund_transfer", pence, from_fund=source, to_fund=target, description=why)
        )

    def by_cheque(self, on: date) -> tuple[str, date]:
        """The next cheque's number, and the day it reaches the bank: a few days later,
        but in the same month at the year end, so that a year's last statement has
        all its lines."""
        self.cheque += 1
        clears = on + timedelta(days=self.rng.randint(2, 6))
        if on.month == self.first_year.ends.month and clears.month != on.month:
            clears = on
        return f"Cheque {self.cheque}", clears

    # ---------------------------------------------------------------- money in

    def _donations(self, first: date, givers: list[_Who]) -> None:
        for donor in self.people.get("supporter", [])[: self.scale.donors]:
            if donor.here_on(first):
                pence = STANDING_ORDERS[donor.person_id % len(STANDING_ORDERS)]
                day = _on(first, 1 + donor.person_id % 27)
                self.at(day, self.donation, BANK, pence, donor.name, "Standing order", True)
        for _ in range(self.count(self.scale.gifts)):
            if self.rng.random() < 0.6 or not givers:
                giver, gift_aided = self.rng.choice(GIVERS), False
            else:
                giver, gift_aided = self.rng.choice(givers).name, self.rng.random() < 0.7
            account = CASH if self.rng.random() < 0.25 else BANK
            pence = self.rng.choice(GIFTS)
            self.at(self.any_day(first), self.donation, account, pence, giver, "", gift_aided)
        for who in self.deaths.get(first, []):
            pence = self.rng.randint(85, 320) * 100
            self.at(
                _working_day(who.left + timedelta(days=21)),
                self.donation,
                BANK,
                pence,
                f"Family and friends of {who.name}",
                "",
                False,
                f"In memory of {who.name}",
            )

    def donation(
        self,
        on: date,
        account: str,
        pence: int,
        giver: str,
        ref: str,
        gift_aided: bool,
        words: str = "",
    ) -> None:
        if gift_aided:
            self.gift_aided += pence
        what = words or ("Donation, with a Gift Aid declaration" if gift_aided else "Donation")
        self.take(on, [("Donations", "general", pence)], giver, what, ref, account)

    def claim_gift_aid(self, _on: date) -> None:
        self.claimed += self.gift_aided * GIFT_AID_PERCENT // 100
        self.gift_aided = 0

    def gift_aid_paid(self, on: date) -> None:
        if self.claimed:
            self.take(
                on,
                [("Gift Aid", "general", self.claimed)],
                "HM Revenue & Customs",
                "Gift Aid on donations",
                "Charities repayment",
            )
            self.claimed = 0

    def interest(self, on: date) -> None:
        pence = max(1, self.accounts[BANK] * 5 // 4000)  # 0.5% a year, paid each quarter
        self.take(on, [("Interest", "general", pence)], "Bank interest", "Interest for the quarter")

    def bank_the_cash(self, on: date) -> None:
        pence = self.accounts[CASH] - CASH_FLOAT
        if pence > 0:
            self._add(
                _Line(
                    on,
                    "account_transfer",
                    pence,
                    CASH,
                    to_account=BANK,
                    reference=f"Paying-in slip {on:%y%m}",
                    description="Session fees and cash from the cash box paid in at the bank",
                )
            )

    def _cash_box(self, first: date) -> None:
        """Session fees at £2 a head, counted into the cash box each week (or each club
        day, in a big club), and milk and biscuits bought from it."""
        rng, fees = self.rng, "Membership and session fees"
        for friday in _weekdays(first, FRIDAY):
            wednesday = friday - timedelta(days=FRIDAY - WEDNESDAY)
            if self.scale.takings_per_week == 1 and (friday.month, friday.day) not in CLOSED_DAYS:
                what = f"Session fees, week of {_day_words(wednesday)}"
                pence = 200 * rng.randint(34, 58)
                self.at(friday, self.take, [(fees, "general", pence)], "", what, "", CASH)
            shopping_days = (max(wednesday, first), friday)  # on the way to the club
            for k in range(self.count(self.scale.cash_shops_per_week)):
                pence = rng.randint(900, 3_200)
                what = "Milk, tea, fruit and biscuits"
                parts = [("Refreshments", "general", pence)]
                self.at(
                    shopping_days[k % 2], self.pay, parts, "Mill Street Stores", what, "Cash", CASH
                )
        if self.scale.takings_per_week > 1:
            for day in sorted((*_weekdays(first, WEDNESDAY), *_weekdays(first, FRIDAY))):
                if (day.month, day.day) not in CLOSED_DAYS:
                    what = f"Session fees, {WEEKDAY_WORDS[day.weekday()]} {_day_words(day)}"
                    pence = 200 * rng.randint(17, 29)
                    self.at(day, self.take, [(fees, "general", pence)], "", what, "", CASH)

    # ---------------------------------------------------------------- money out

    def _staff(self, first: date, n: int, coordinators: list[_Who]) -> None:
        who = coordinators[0] if coordinators else self.latest("coordinator", first)
        if who is not None:
            self.at(
                _on(first, 28),
                self.pay,
                [("Coordinator's pay", "lottery", _rise(165_000, n, 4))],
                who.name,
                "Coordinator's pay, after tax",
                f"Pay {_month_words(first)}",
            )
        if first.month in (1, 4, 7, 10):
            quarter = f"{_day_words(first.replace(day=5))} {first.year}"
            self.at(
                _on(first, 22),
                self.pay,
                [("Coordinator's pay", "lottery", self.paye(n))],
                "HM Revenue & Customs",
                f"PAYE and National Insurance for the quarter to {quarter}",
                "123/RA45678",
            )

    def latest(self, kind: str, day: date) -> _Who | None:
        before = [who for who in self.people.get(kind, []) if who.joined <= day]
        return before[-1] if before else None

    @staticmethod
    def paye(n: int) -> int:
        return _rise(85_000, n, 4)

    def _hall(self, first: date) -> None:
        """Last month's hall bill, shared: the grant pays for each session what its
        budget says, the general fund the rest."""
        before = (first - timedelta(days=1)).replace(day=1)
        if before < self.first_year.starts:
            return
        days = (*_weekdays(before, WEDNESDAY), *_weekdays(before, FRIDAY))
        days += tuple(_weekdays(before, SUNDAY)[:1])  # the Crafternoon
        sessions = sum((d.month, d.day) not in CLOSED_DAYS for d in days)
        total = sessions * _rise(3_800, self.year_index(before), 3)
        grant = sessions * HALL_GRANT_PENCE
        parts = [("Venue hire", "lottery", grant), ("Venue hire", "general", total - grant)]
        self.at(
            _on(first, 12),
            self.pay,
            parts,
            "Riverside Court Community Hall",
            f"Hall hire for {_month_words(before)}: {sessions} sessions",
            f"Invoice RC{before:%y%m}",
        )

    def claim(self, on: date, who: str, miles: int, when: str) -> None:
        ref, clears = self.by_cheque(on)
        what = f"Mileage, {miles} miles driving members to the club, {when}"
        parts = [("Volunteer expenses", "lottery", miles * MILEAGE_PENCE)]
        self.pay(on, parts, who, what, ref, BANK, clears)

    def examiner(self, on: date, pence: int) -> None:
        ref, clears = self.by_cheque(on)
        self.pay(
            on,
            [("Independent examination", "general", pence)],
            "Anita Shah, independent examiner",
            "Independent examination of last year's accounts",
            ref,
            BANK,
            clears,
        )

    def _special(self, first: date, n: int) -> None:
        """The year's events: money set aside for the minibus, the seaside trip, the
        summer fair, the examiner, Christmas, equipment to keep."""
        month, rng = first.month, self.rng
        if month == 4:
            self.at(
                _on(first, 15),
                self.move_fund,
                "general",
                "minibus",
                100_000 * self.scale.grant_share,
                "The trustees set aside money towards replacing the minibus.",
            )
        if month == 6:
            trip = _weekdays(first, WEDNESDAY)[-1]  # the last club day in June
            pence = 500 * rng.randint(18, 30)
            self.at(
                trip - timedelta(days=14),
                self.take,
                [("Activity income", "general", pence)],
                "",
                "Members' share of the seaside trip, £5 each",
                "",
                CASH,
            )
            parts = [
                ("Transport", "transport", _rise(42_000, n, 3)),
                ("Activity costs", "general", _rise(18_600, n, 3)),
            ]
            self.at(
                trip,
                self.pay,
                parts,
                "Coastline Day Trips",
                "Seaside trip: the coach, and fish and chips",
                f"Invoice CDT-{4410 + n}",
            )
        if month == 7:
            pence = rng.randint(380, 560) * 100
            self.at(
                _weekdays(first, SATURDAY)[1],
                self.take,
                [("Fundraising", "general", pence)],
                "",
                "Summer fair: stalls, tombola and raffle",
                "",
                CASH,
            )
        if month == 9:
            self.at(_on(first, 20), self.examiner, _rise(24_000, n, 2))
        if month == 12:
            pence = rng.randint(180, 310) * 100
            self.at(
                _on(first, 12),
                self.take,
                [("Fundraising", "general", pence)],
                "",
                "Christmas raffle",
                "",
                CASH,
            )
            parts = [
                ("Activity costs", "lottery", 40_000),
                ("Activity costs", "general", rng.randint(180, 260) * 100),
            ]
            self.at(
                _on(first, 17),
                self.pay,
                parts,
                "The Riverside Arms",
                "Christmas lunch for members, carers and volunteers",
                "Invoice 8812",
            )
        if month == 1 and (self.scale.kept_every_year or n == self.scale.years - 1):
            what, pence = KEPT[n % len(KEPT)]
            self.at(_on(first, 20), self.keep, what, pence)

    def keep(self, on: date, what: str, pence: int) -> None:
        parts = [("Equipment to keep or investments bought", "general", pence)]
        self.pay(on, parts, "Riverside Hardware", what, "Card")
        self.kept.append((on, what, pence))

    def year_end(self, on: date, n: int) -> None:
        due = self.gift_aided * GIFT_AID_PERCENT // 100
        self.year_ends[on] = _YearEnd(due, self.paye(n + 1))


# --------------------------------------------------------------------------------------
# Writing it into the books
# --------------------------------------------------------------------------------------


def add_books(ctx: DemoContext) -> None:
    """The demo club's books; the large demo's when the demo is large."""
    write_books(ctx, LARGE_BOOKS if ctx.size == "large" else SMALL_BOOKS)


def write_books(ctx: DemoContext, scale: BooksScale) -> None:
    session = ctx.session
    actor = _treasurer(ctx)
    current = years.year_of(session, ctx.today)
    first_year = current
    for _ in range(scale.years):
        first_year = first_year.previous()
    fund_ids, account_ids, opening = _set_up(ctx, actor, scale)
    plan = _Plan(scale, ctx.rng, ctx.today, first_year, opening, _people(ctx))
    plan.run()
    _waiting_to_sort(ctx, plan)
    statements = _statements(ctx, plan, opening[BANK])
    _insert(ctx, actor, plan, fund_ids, account_ids, statements)
    _statement_of_assets(ctx, plan, current)
    year = first_year
    while year.next().starts < current.starts:  # every full year but the last
        years.close_year(session, actor, year, ctx.today)
        closed = _stamp(min(year.ends + timedelta(days=190), ctx.today))  # after the AGM
        session.execute(
            update(FinancialYear)
            .where(FinancialYear.starts == year.starts)
            .values(closed_at=closed)
        )
        year = year.next()
    session.flush()


def _treasurer(ctx: DemoContext) -> Actor:
    user_id = ctx.session.scalar(select(User.id).where(User.display_name == TREASURER))
    return Actor(user_id, TREASURER, "treasurer") if user_id else ctx.actor


def _stamp(day: date, at: time = time(19, 30)) -> datetime:
    return datetime.combine(day, at)


def _set_up(
    ctx: DemoContext, actor: Actor, scale: BooksScale
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """The funds and the accounts, with opening balances that agree: what the funds
    hold is what the accounts hold."""
    session = ctx.session
    share = scale.grant_share
    opening = {
        BANK: 1_684_215 * share,
        CASH: 8_740,
        "lottery": 412_000 * share,
        "transport": 23_500,
        "music": 18_000,
        "minibus": 500_000 * share,
    }
    held = sum(opening[key] for key, *_rest in FUNDS)
    opening["general"] = opening[BANK] + opening[CASH] - held
    general = session.scalars(select(Fund).where(Fund.kind == "general").order_by(Fund.id)).first()
    assert general is not None, "the first migration makes the general fund"
    data = FundInput(general.name, "general", general.purpose, opening["general"])
    fund_ids = {"general": books.save_fund(session, actor, general.id, data)}
    for key, name, kind, purpose in FUNDS:
        data = FundInput(name, kind, purpose, opening[key])
        fund_ids[key] = books.save_fund(session, actor, None, data)
    account_ids = {}
    for key, kind in ((BANK, "current"), (CASH, "cash")):
        account = session.scalars(
            select(MoneyAccount).where(MoneyAccount.kind == kind).order_by(MoneyAccount.id)
        ).first()
        assert account is not None, "the first migration makes the bank account and cash box"
        same = AccountInput(account.name, kind, opening[key])
        account_ids[key] = books.save_account(session, actor, account.id, same)
    return fund_ids, account_ids, opening


def _people(ctx: DemoContext) -> list[_Who]:
    """Who is paid, who claims expenses, who gives, and in whose memory gifts come."""
    rows = ctx.session.execute(
        select(
            Person.id,
            Person.full_name,
            PersonKind.kind,
            Person.joined_on,
            Person.status,
            Person.status_on,
        )
        .join(PersonKind, PersonKind.person_id == Person.id)
        .where(PersonKind.kind.in_(("coordinator", "volunteer", "supporter", "member")))
        .order_by(Person.joined_on, Person.id)
    )
    out = []
    for pid, name, kind, joined, status, status_on in rows:
        if kind == "member" and (status != "died" or status_on is None):
            continue
        left = status_on if status != "active" and status_on else date.max
        out.append(_Who(pid, name, kind, joined or date.min, left))
    return out


def _last_statement(today: date) -> date:
    return today.replace(day=1) - timedelta(days=1)


def _waiting_to_sort(ctx: DemoContext, plan: _Plan) -> None:
    """This month's bank lines, imported after the last statement; some still to sort."""
    after = _last_statement(ctx.today)
    days = (ctx.today - after).days
    for n, (money_in, pence, words) in enumerate(WAITING):
        on = after + timedelta(days=1 + n * days // len(WAITING))
        plan.accounts[BANK] += pence if money_in else -pence
        kind = "receipt" if money_in else "payment"
        plan.lines.append(_Line(on, kind, pence, BANK, description=words, imported=True))


def _statements(ctx: DemoContext, plan: _Plan, opening: int) -> list[tuple[date, int, list[int]]]:
    """A bank statement at the end of each month up to the last before today: its date,
    its closing balance and the lines on it (by their place in the plan). A line is on
    the statement of the month it reaches the bank, a cheque a few days after it is
    written."""
    waiting = sorted(
        (line.clears or line.on, n)
        for n, line in enumerate(plan.lines)
        if BANK in (line.account, line.to_account)
    )
    balance, upto, out = opening, 0, []
    for first in _months(plan.first_year.starts, _last_statement(ctx.today)):
        ends = _month_end(first)
        ticked = []
        while upto < len(waiting) and waiting[upto][0] <= ends:
            line = plan.lines[waiting[upto][1]]
            into = line.kind == "receipt" or line.to_account == BANK
            balance += line.amount if into else -line.amount
            ticked.append(waiting[upto][1])
            upto += 1
        out.append((ends, balance, ticked))
    return out


def _insert(
    ctx: DemoContext,
    actor: Actor,
    plan: _Plan,
    fund_ids: dict[str, int],
    account_ids: dict[str, int],
    statements: list[tuple[date, int, list[int]]],
) -> None:
    session = ctx.session
    categories = dict(session.execute(select(Category.name, Category.id)).all())
    first_statement = (session.scalar(select(func.max(Reconciliation.id))) or 0) + 1
    ticked_by: dict[int, int] = {}
    reconciliations = []
    for n, (ends, closing, ticked) in enumerate(statements):
        done_at = _stamp(min(ends + timedelta(days=6), ctx.today), time(10, 0))
        reconciliations.append(
            {
                "id": first_statement + n,
                "account_id": account_ids[BANK],
                "statement_date": ends,
                "closing_pence": closing,
                "status": "done",
                "done_at": done_at,
            }
        )
        ticked_by.update(dict.fromkeys(ticked, first_statement + n))
    if reconciliations:
        session.execute(insert(Reconciliation), reconciliations)
    first_entry = (session.scalar(select(func.max(MoneyEntry.id))) or 0) + 1
    imported_at = _stamp(ctx.today, time(9, 15))
    entries: list[dict[str, Any]] = []
    splits: list[dict[str, Any]] = []
    for n, line in enumerate(plan.lines):
        entry_id = first_entry + n
        key = None
        if line.imported:  # as the import makes it, so the same statement again skips it
            signed = line.amount if line.kind == "receipt" else -line.amount
            key = bank_import.import_key(account_ids[BANK], line.on, signed, line.description, 1)
        entries.append(
            {
                "id": entry_id,
                "on": line.on,
                "kind": line.kind,
                "amount_pence": line.amount,
                "account_id": account_ids.get(line.account or ""),
                "to_account_id": account_ids.get(line.to_account or ""),
                "from_fund_id": fund_ids.get(line.from_fund or ""),
                "to_fund_id": fund_ids.get(line.to_fund or ""),
                "payee": line.payee,
                "reference": line.reference,
                "description": line.description,
                "to_sort": line.imported,
                "import_key": key,
                # The bank's side of the line: a transfer from the cash box is ticked on
                # its receiving side.
                "reconciliation_id": ticked_by.get(n) if line.account == BANK else None,
                "to_reconciliation_id": ticked_by.get(n) if line.to_account == BANK else None,
                "created_at": imported_at if line.imported else _stamp(line.on),
                "created_by": actor.name,
            }
        )
        splits.extend(
            {
                "entry_id": entry_id,
                "category_id": categories[category],
                "fund_id": fund_ids[fund],
                "amount_pence": pence,
                "note": "",
            }
            for category, fund, pence in line.parts
        )
    # One statement for all the rows: without render_nulls they would go in runs that
    # share the same empty columns, hundreds of statements.
    session.execute(insert(MoneyEntry).execution_options(render_nulls=True), entries)
    session.execute(insert(Split), splits)


def _statement_of_assets(ctx: DemoContext, plan: _Plan, current: years.Year) -> None:
    """What the treasurer types in for each full year's statement of assets and
    liabilities: the club's minibus and equipment, Gift Aid due, PAYE owed."""
    year = plan.first_year
    while year.starts < current.starts:
        rows = [("own_use", "Accessible minibus, bought in 2016 (cost)", 2_450_000)]
        rows += [
            ("own_use", f"{what}, bought in {on.year} (cost)", pence)
            for on, what, pence in plan.kept
            if on <= year.ends
        ]
        end = plan.year_ends.get(year.ends)
        if end is not None and end.gift_aid_due:
            rows.append(
                ("monetary", "Gift Aid due on donations, not yet claimed", end.gift_aid_due)
            )
        if end is not None:
            owed = "PAYE and National Insurance for January to March, paid in April"
            rows.append(("liability", owed, end.paye_due))
        ctx.session.add_all(
            AssetLine(year_starts=year.starts, section=section, description=words, amount_pence=p)
            for section, words, p in rows
        )
        year = year.next()
