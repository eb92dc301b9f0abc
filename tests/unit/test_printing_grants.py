"""The grants' printouts, from a grant built through the services as the coordinator and
treasurer would (an award with three payments, two received; spending from its fund
under two categories; music sessions with attendance), read back from the PDF with
pypdf: every figure of the statement worked out by hand here, a narrower time with the
right money brought forward, the volunteer time given to what the grant pays for and its
worth at the club's rate, and the committee's summary with the deadlines' words and
the success rate. Fonts embedded; nothing printed over anything else."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

import pytest

from clubapp.db.database import Database
from clubapp.printing import grants as grant_printing
from clubapp.services import (
    attendance,
    books,
    club,
    grant_money,
    grant_printouts,
    grants,
    members,
    needs,
    volunteer_hours,
)
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.permissions import Actor
from tests.conftest import TODAY, add_person
from tests.unit.built_clubs import on
from tests.unit.test_printing_cashbook import overprinted, placed, row_of
from tests.unit.test_printing_members import font_names, page_texts


@dataclass
class Built:
    """The ids of what :func:`build_grants` made."""

    music: int = 0  # the Harmony Trust's music project: awarded, with money and sessions
    tea: int = 0  # the council's tea and talk: awarded, nothing spent yet
    crafternoon: int = 0  # still being prepared, its deadline missed
    minibus: int = 0  # turned down
    sessions: dict[str, int] = field(default_factory=dict)


# The spending from the music project's fund (on TODAY's calendar), by category.
VENUE = [
    ((2026, 4, 15), "St Mark's Hall", "Hall hire, April", 120_00),
    ((2026, 7, 15), "St Mark's Hall", "Hall hire, July", 120_00),
    ((2026, 10, 15), "St Mark's Hall", "Hall hire, October", 135_50),
]
ACTIVITY = [
    ((2026, 5, 2), "Music Makers Ltd", "Percussion instruments", 349_99),
    ((2026, 9, 20), "Sam's Songbooks", "Large-print songbooks", 86_40),
]


def build_grants(db: Database, actor: Actor, today: date = TODAY) -> Built:
    """The club's grants, built through the services."""
    built = Built()

    def d(year: int, month: int, day: int) -> date:
        return on(today, year, month, day)

    def funder(name: str, kind: str) -> int:
        return db.run(grants.save_funder, actor, None, grants.FunderInput(name, kind))

    def application(funder_id: int, title: str, asked: int, **kw) -> int:
        data = grants.ApplicationInput(funder_id, title, asked_pence=asked, **kw)
        return db.run(grants.save_application, actor, None, data, today)

    def send(application_id: int, sent: date) -> None:
        db.run(grants.change_status, actor, application_id, "submitted", sent, today)

    harmony = funder("The Harmony Trust", "trust")
    council = funder("Riverside Council", "council")
    places = funder("Go Places Fund", "lottery")

    built.music = application(harmony, "Music project", 6000_00, session_names=["Music group"])
    send(built.music, d(2026, 2, 10))
    db.run(
        grants.save_award,
        actor,
        built.music,
        grants.AwardInput(
            awarded_pence=5400_00,
            decided_on=d(2026, 3, 20),
            period_starts=d(2026, 4, 1),
            period_ends=d(2027, 3, 31),
            funder_reference="HT-2026-041",
            new_fund_name="Harmony Trust — Music project",
            instalments=[
                grants.InstalmentInput(d(2026, 4, 1), 1800_00),
                grants.InstalmentInput(d(2026, 9, 1), 1800_00),
                grants.InstalmentInput(d(2027, 1, 5), 1800_00),
            ],
            reports=[
                grants.ReportInput(d(2026, 10, 31), "progress"),
                grants.ReportInput(d(2026, 11, 30), "progress"),
                grants.ReportInput(d(2027, 4, 30), "final"),
            ],
        ),
        today,
    )
    view = db.run(grants.get_application, actor, built.music, today)
    db.run(grants.mark_report, actor, view.reports[0].report_id, d(2026, 10, 28), today)
    bank = next(a.account_id for a in db.run(books.list_accounts, actor) if a.kind == "current")
    grants_category = db.run(grant_money.grants_category, actor)
    for instalment, received in zip(view.instalments, (d(2026, 4, 3), d(2026, 9, 4)), strict=False):
        db.run(
            grant_money.receive,
            actor,
            instalment.instalment_id,
            received,
            bank,
            grants_category,
        )
    categories = {c.name: c.category_id for c in db.run(books.list_categories, actor)}
    fund = view.row.fund_id
    assert fund is not None
    general = next(f.fund_id for f in db.run(books.list_funds, actor) if f.kind == "general")

    def pay(day: date, category: str, fund_id: int, payee: str, what: str, pence: int) -> None:
        data = books.EntryInput(
            day,
            "payment",
            pence,
            bank,
            [books.SplitInput(categories[category], fund_id, pence)],
            payee=payee,
            description=what,
        )
        db.run(books.record_entry, actor, data)

    for category, lines in (("Venue hire", VENUE), ("Activity costs", ACTIVITY)):
        for when, payee, what, pence in lines:
            pay(d(*when), category, fund, payee, what, pence)
    # The club's own money, not the grant's: it must not show on the statement.
    pay(d(2026, 6, 1), "Venue hire", general, "St Mark's Hall", "Coffee morning", 50_00)

    built.tea = application(council, "Tea and talk", 800_00)
    send(built.tea, d(2026, 4, 10))
    db.run(
        grants.save_award,
        actor,
        built.tea,
        grants.AwardInput(
            awarded_pence=800_00,
            decided_on=d(2026, 6, 1),
            period_starts=d(2026, 6, 1),
            period_ends=d(2026, 12, 31),
            new_fund_name="Council — Tea and talk",
        ),
        today,
    )
    built.crafternoon = application(
        council, "Crafternoon kit", 500_00, deadline=d(2026, 11, 10), status="preparing"
    )
    built.minibus = application(places, "Minibus", 20000_00)
    send(built.minibus, d(2026, 5, 1))
    db.run(grants.change_status, actor, built.minibus, "declined", d(2026, 7, 1), today)

    people = {name: add_person(db, actor, name) for name in ("Ann", "Bob", "Cy", "Dee", "Eve")}

    def club_session(name: str, day: date, present: list[str]) -> int:
        session_id = db.run(attendance.add_session, actor, name, day, time(14, 0))
        for person in present:
            db.run(attendance.set_present, actor, session_id, people[person], True)
        return session_id

    s = built.sessions
    s["music may"] = club_session("Music group", d(2026, 5, 6), ["Ann", "Bob", "Cy"])
    s["music aug"] = club_session("Music group", d(2026, 8, 5), ["Ann", "Dee"])
    s["music dec"] = club_session("Music group", d(2026, 12, 2), [])
    s["wednesday"] = club_session("Wednesday Club", d(2026, 5, 6), ["Ann", "Bob", "Dee", "Eve"])
    return built


@pytest.fixture
def built(db, coordinator) -> Built:
    return build_grants(db, coordinator)


def statement(db, actor, application_id: int, starts=None, ends=None) -> bytes:
    return db.run(
        grant_printouts.grant_statement, actor, application_id, TODAY, starts=starts, ends=ends
    )


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def money_row(pdf: bytes, words: str) -> list[str]:
    return row_of(pdf, words)


def rows_led_by(pdf: bytes, words: str) -> list[list[str]]:
    """Every row (the text on one baseline, left to right) whose first piece is
    ``words``: a heading and a row of a table may start with the same word."""
    pieces = placed(pdf)
    rows = []
    for anchor in pieces:
        if anchor.text != words:
            continue
        same = [p for p in pieces if p.page == anchor.page and abs(p.y - anchor.y) < 0.1]
        row = [p.text for p in sorted(same, key=lambda p: p.x)]
        if row[0] == words:
            rows.append(row)
    return rows


# ---------------------------------------------------------------- the statement


def test_the_statement_names_the_club_funder_grant_award_and_dates(db, coordinator, built):
    """What a funder checks first: who, which grant, their reference, the award, the
    grant's period and the time this statement covers (the period up to today)."""
    text = flat(statement(db, coordinator, built.music))
    assert "Club: Riverside Club" in text
    assert "Funder: The Harmony Trust" in text
    assert "Grant: Music project" in text
    assert "Funder's reference: HT-2026-041" in text
    assert "Amount awarded: £5,400.00" in text
    assert "Grant period: 1 April 2026 to 31 March 2027" in text
    assert "This statement covers: 1 April 2026 to 18 November 2026" in text
    assert "Printed on 18 November 2026" in text


def test_the_statements_money_adds_up_worked_out_by_hand(db, coordinator, built):
    """Received £1,800 + £1,800; venue hire £120 + £120 + £135.50 = £375.50; activity
    costs £349.99 + £86.40 = £436.39; spent £811.89; £0 + £3,600 − £811.89 = £2,788.11;
    of the £5,400 award, £4,588.11 is left. The club's own £50 hall hire is not in it."""
    pdf = statement(db, coordinator, built.music)
    assert money_row(pdf, "Brought forward at the start, 1 April 2026") == [
        "Brought forward at the start, 1 April 2026",
        "£0.00",
    ]
    assert money_row(pdf, "Received from the funder") == [
        "Received from the funder",
        "+",
        "£3,600.00",
    ]
    assert money_row(pdf, "Spent") == ["Spent", "−", "£811.89"]
    assert money_row(pdf, "Balance at the end, 18 November 2026") == [
        "Balance at the end, 18 November 2026",
        "=",
        "£2,788.11",
    ]
    assert money_row(pdf, "Amount awarded") == ["Amount awarded", "£5,400.00"]
    assert money_row(pdf, "Left to spend of the award") == [
        "Left to spend of the award",
        "=",
        "£4,588.11",
    ]
    assert money_row(pdf, "Total for Venue hire") == ["Total for Venue hire", "£375.50"]
    assert money_row(pdf, "Total for Activity costs") == ["Total for Activity costs", "£436.39"]
    assert money_row(pdf, "Total spent") == ["Total spent", "£811.89"]
    assert money_row(pdf, "Total received") == ["Total received", "£3,600.00"]
    text = flat(pdf)
    assert "Coffee morning" not in text and "£50.00" not in text
    assert "Other money paid in" not in text  # none came in


def test_each_payment_and_each_spending_line_has_its_date(db, coordinator, built):
    """Each payment received with its date, and each line of spending with its date,
    who it was paid to, what for and the amount, under its category."""
    pdf = statement(db, coordinator, built.music)
    first = money_row(pdf, "3 Apr 2026")
    assert first[0] == "3 Apr 2026" and first[-1] == "£1,800.00"
    assert money_row(pdf, "4 Sep 2026")[-1] == "£1,800.00"
    assert money_row(pdf, "2 May 2026") == [
        "2 May 2026",
        "Music Makers Ltd",
        "Percussion instruments",
        "£349.99",
    ]
    assert money_row(pdf, "15 Oct 2026") == [
        "15 Oct 2026",
        "St Mark's Hall",
        "Hall hire, October",
        "£135.50",
    ]
    text = flat(pdf)
    assert "Music project: payment 1 of 3" in text
    assert "Still to come from the funder: £1,800.00 due on 5 January 2027." in text
    # categories largest first: activity costs (£436.39) before venue hire (£375.50)
    assert text.index("Total for Activity costs") < text.index("Total for Venue hire")


def test_the_money_columns_points_line_up(db, coordinator, built):
    """Every amount in a column has its point at the same place, bold totals too."""
    pdf = statement(db, coordinator, built.music)
    pieces = [p for p in placed(pdf) if re.fullmatch(r"-?£[\d,]+\.\d\d", p.text)]
    assert len(pieces) >= 12
    points = set()
    for piece in pieces:
        font = grant_printing.FONT_BOLD if piece.bold else grant_printing.FONT
        before = piece.text.rpartition(".")[0]
        points.add(round(piece.x + grant_printing.text_width(before, font, piece.size), 1))
    # the sums, the payments table and the spending tables: one column each at most
    assert len(points) <= 3, points


def test_what_the_grant_delivered_counts_only_its_held_sessions(db, coordinator, built):
    """The grant pays for the music group: two held (May: 3, August: 2); the cancelled
    one still to come does not count, nor the Wednesday club. 5 attendances,
    4 different people (Ann came twice), 2.5 a session rounds to 3. No volunteer hours."""
    text = flat(statement(db, coordinator, built.music))
    assert "The grant pays for these sessions: Music group." in text
    assert "Sessions held: 2" in text
    assert "Attendances (each person at each session, added up): 5" in text
    assert "Different people who came: 4" in text
    assert "People at a session, on average: 3" in text
    assert "Wednesday Club" not in text
    assert (
        "Volunteer time No volunteer hours were logged for what the grant pays for from "
        "1 April 2026 to 18 November 2026." in text
    )
    assert "Hours given" not in text


def test_the_reports_due_and_sent_are_listed(db, coordinator, built):
    """The first progress report sent, the second due in 12 days, the final one due."""
    pdf = statement(db, coordinator, built.music)
    assert money_row(pdf, "31 Oct 2026") == [
        "31 Oct 2026",
        "Progress report",
        "Sent on 28 October 2026",
    ]
    assert money_row(pdf, "30 Nov 2026") == [
        "30 Nov 2026",
        "Progress report",
        "Not yet: due in 12 days",
    ]
    assert "Final report" in flat(pdf)


def test_a_narrower_time_brings_the_money_before_it_forward(db, coordinator, built):
    """July to September: £1,800 came in and £120 + £349.99 went out before July, so
    £1,330.01 is brought forward; then £1,800 in, £120 + £86.40 = £206.40 out, £2,923.61
    at the end; £5,400 − £469.99 − £206.40 = £4,723.61 left. One music session (2 came)."""
    pdf = statement(db, coordinator, built.music, date(2026, 7, 1), date(2026, 9, 30))
    assert money_row(pdf, "Brought forward at the start, 1 July 2026")[-1] == "£1,330.01"
    assert money_row(pdf, "Received from the funder")[-1] == "£1,800.00"
    assert money_row(pdf, "Spent") == ["Spent", "−", "£206.40"]
    assert money_row(pdf, "Balance at the end, 30 September 2026")[-1] == "£2,923.61"
    assert money_row(pdf, "Spent in the grant's period up to 30 September 2026")[-1] == "£676.39"
    assert money_row(pdf, "Left to spend of the award")[-1] == "£4,723.61"
    text = flat(pdf)
    assert "This statement covers: 1 July 2026 to 30 September 2026" in text
    assert (
        "Sessions held: 1" in text
        and "Attendances (each person at each session, added up): 2" in text
    )
    assert "Percussion instruments" not in text  # spent in May, before this time


def test_a_grant_with_nothing_yet_says_so_in_words(db, coordinator, built):
    """The tea and talk grant: nothing received or spent, no reports asked for, and it
    pays for the whole club, so every session held in its time counts: from 1 June only
    August's music group (Ann and Dee) was held."""
    text = flat(statement(db, coordinator, built.tea))
    assert "No money from the funder came in during this time." in text
    assert "Nothing was spent from the grant in this time." in text
    assert "The funder has not asked for any reports." in text
    assert "Funder's reference: None given" in text
    assert "The grant pays for the club as a whole, so every session counts." in text
    assert "Sessions held: 1" in text and "Different people who came: 2" in text


def test_the_statement_embeds_its_fonts_and_prints_nothing_over_anything(db, coordinator, built):
    """Every font the PDF uses is embedded, and no text overlaps or runs off a page."""
    pdf = statement(db, coordinator, built.music)
    fonts = font_names(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)
    assert overprinted(pdf) == []


def test_bad_requests_are_refused_in_plain_words(db, coordinator, built):
    """An unknown grant, one not awarded, dates the wrong way round, after today or
    outside the grant's period."""
    with pytest.raises(NotFound):
        statement(db, coordinator, 999)
    with pytest.raises(
        ValidationError, match="Crafternoon kit is being prepared: only an awarded grant"
    ):
        statement(db, coordinator, built.crafternoon)
    with pytest.raises(ValidationError, match="end date is before the start date"):
        statement(db, coordinator, built.music, date(2026, 9, 1), date(2026, 8, 1))
    with pytest.raises(ValidationError, match="after the grant's period ends"):
        statement(db, coordinator, built.tea, date(2027, 1, 1), None)
    with pytest.raises(ValidationError, match="This is in the future"):
        statement(db, coordinator, built.tea, date(2026, 12, 1), None)
    with pytest.raises(ValidationError, match="This is in the future") as caught:
        statement(db, coordinator, built.music, None, date(2026, 12, 31))
    assert set(caught.value.errors) == {"ends"}
    with pytest.raises(ValidationError, match="before the grant's period starts"):
        statement(db, coordinator, built.music, None, date(2026, 3, 1))


def test_the_volunteer_cannot_print_a_grant(db, actors, built):
    """Grants are for the coordinator, the treasurer and the committee."""
    from clubapp.services.errors import NotAllowed

    with pytest.raises(NotAllowed):
        statement(db, actors["volunteer"], built.music)
    assert statement(db, actors["committee"], built.music).startswith(b"%PDF")


# ---------------------------------------------------------------- the summary


def summary(db, actor) -> bytes:
    return db.run(grant_printouts.grants_summary, actor, TODAY)


def test_the_summary_shows_the_deadlines_with_their_words(db, coordinator, built):
    """Soonest first: the missed Crafternoon deadline (8 days ago), the report due in 12
    days, the tea and talk grant ending in 43 days, the payment due in 48 days."""
    pdf = summary(db, coordinator)
    text = flat(pdf)
    expected = [
        "Missed: the deadline was 8 days ago",
        "Due in 12 days",
        "Ends in 43 days",
        "Due in 48 days",
    ]
    positions = [text.index(words) for words in expected]
    assert positions == sorted(positions)
    missed = row_of(pdf, "10 Nov 2026")
    assert missed[:2] == ["10 Nov 2026", "Missed: the deadline"]
    assert all(p.bold for p in placed(pdf) if p.text in missed)  # overdue: in bold
    assert not any(p.bold for p in placed(pdf) if p.text == "Due in 12 days")
    assert "Application to Riverside Council for Crafternoon kit" in text
    assert "Progress report to The Harmony Trust for Music project" in text
    assert "Payment of £1,800.00 from The Harmony Trust for Music project" in text


def test_the_summary_shows_the_pipeline_and_the_success_rate(db, coordinator, built):
    """This year (2026-27): the minibus (£20,000) and tea and talk (£800) sent; tea and
    talk awarded, the minibus turned down: 1 of 2, 50%. Last year: the music project
    sent (£6,000) and awarded £5,400: 1 of 1, 100%."""
    pdf = summary(db, coordinator)
    text = flat(pdf)
    assert row_of(pdf, "Applications sent") == ["Applications sent", "2", "1"]
    assert ["Asked for", "£20,800.00", "£6,000.00"] in rows_led_by(pdf, "Asked for")
    assert ["Awarded", "1", "1"] in rows_led_by(pdf, "Awarded")
    assert row_of(pdf, "Amount awarded") == ["Amount awarded", "£800.00", "£5,400.00"]
    assert ["Turned down", "1", "0"] in rows_led_by(pdf, "Turned down")
    assert row_of(pdf, "Success rate") == ["Success rate", "50%", "100%"]
    assert "This year: 1 of 2 decided were awarded (50%)." in text
    assert "Last year: 1 of 1 decided was awarded (100%)." in text
    # by status: two awarded (£6,800 asked, £6,200 awarded), one being prepared, late
    assert ["Awarded", "2", "£6,800.00", "£6,200.00"] in rows_led_by(pdf, "Awarded")
    assert row_of(pdf, "Preparing (1 missed its deadline)") == [
        "Preparing (1 missed its deadline)",
        "1",
        "£500.00",
    ]
    assert ["Turned down", "1", "£20,000.00"] in rows_led_by(pdf, "Turned down")


def test_the_summary_shows_each_current_award_and_time_left(db, coordinator, built):
    """Tea and talk (ends first): £800 awarded, nothing in or out; the music project:
    £3,600 received, £811.89 spent, £4,588.11 left; all: £6,200, £3,600, £811.89,
    £5,388.11."""
    pdf = summary(db, coordinator)
    text = flat(pdf)
    tea = ["Tea and talk", "£800.00", "£0.00", "£0.00", "£800.00"]
    assert tea in rows_led_by(pdf, "Tea and talk")
    music = ["Music project", "£5,400.00", "£3,600.00", "£811.89", "£4,588.11"]
    assert music in rows_led_by(pdf, "Music project")
    assert row_of(pdf, "All current awards") == [
        "All current awards",
        "£6,200.00",
        "£3,600.00",
        "£811.89",
        "£5,388.11",
    ]
    assert "6 weeks left: the grant's period ends on 31 December 2026." in text
    assert "4 months left: the grant's period ends on 31 March 2027." in text
    awards = text[text.index("Current awards") :]
    assert awards.index("Tea and talk") < awards.index("Music project")


def test_the_summary_embeds_its_fonts_and_prints_nothing_over_anything(db, coordinator, built):
    """The summary's fonts are all embedded; no text overlaps or runs off a page."""
    pdf = summary(db, coordinator)
    fonts = font_names(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert overprinted(pdf) == []


def test_an_empty_summary_says_so(db, coordinator):
    """A club with no grants yet: each part says there is nothing, not a blank table."""
    text = flat(summary(db, coordinator))
    assert "Nothing is due in the next 60 days, and nothing is overdue." in text
    assert "There are no current awards." in text
    assert "No funder decided in this year." in text


def test_spending_more_than_the_grant_had_is_said_in_words(db, coordinator, built):
    """£900 spent from the tea and talk grant's £800, none of it received yet: £900 more
    than it had, and £100 more than the award."""
    view = db.run(grants.get_application, coordinator, built.tea, TODAY)
    assert view.row.fund_id is not None
    bank = next(a.account_id for a in db.run(books.list_accounts, coordinator))
    venue = next(
        c.category_id for c in db.run(books.list_categories, coordinator) if c.name == "Venue hire"
    )
    data = books.EntryInput(
        date(2026, 7, 1),
        "payment",
        900_00,
        bank,
        [books.SplitInput(venue, view.row.fund_id, 900_00)],
        payee="St Mark's Hall",
    )
    db.run(books.record_entry, coordinator, data)
    pdf = statement(db, coordinator, built.tea)
    assert money_row(pdf, "Left to spend of the award")[-1] == "-£100.00"
    text = flat(pdf)
    assert "The grant has spent £900.00 more than it had." in text
    assert "The grant has spent £100.00 more than the award." in text


def test_a_grant_whose_period_has_not_started_has_no_statement_yet(db, coordinator, built):
    """An award whose period starts next month: nothing to report until then."""
    db.run(
        grants.save_award,
        coordinator,
        built.tea,
        grants.AwardInput(
            awarded_pence=800_00,
            decided_on=date(2026, 6, 1),
            period_starts=date(2026, 12, 1),
            period_ends=date(2027, 5, 31),
            fund_id=db.run(grants.get_application, coordinator, built.tea, TODAY).row.fund_id,
        ),
        TODAY,
    )
    with pytest.raises(ValidationError, match="The grant's period starts on 1 December 2026"):
        statement(db, coordinator, built.tea)


# ---------------------------------------------------------------- volunteer time


def log_volunteer_hours(db, actor, built: Built) -> None:
    """Hours given, on TODAY's calendar:

    Ann  2½ hours  6 May, at May's music group              music
    Dee  3 hours   6 May, at the Wednesday Club             neither (May is before tea's June)
    Ann  1 hour    5 August, at August's music group        music, tea
    Bob  1 hour    5 August, at August's music group        music, tea
    Cy   45 min    10 October, for a need tied to the music grant   music, tea
    Eve  2 hours   20 March, planning (before either period)        neither
    """
    people = {p.full_name: p.person_id for p in db.run(members.list_people, actor)}
    need = db.run(
        needs.add_need,
        actor,
        needs.NeedInput(
            "Help with the music report",
            "grant",
            "before",
            by_date=date(2026, 10, 31),
            application_id=built.music,
        ),
    )
    s = built.sessions
    for name, day, minutes, session_id, need_id, note in (
        ("Ann", date(2026, 5, 6), 150, s["music may"], None, ""),
        ("Dee", date(2026, 5, 6), 180, s["wednesday"], None, ""),
        ("Ann", date(2026, 8, 5), 60, s["music aug"], None, ""),
        ("Bob", date(2026, 8, 5), 60, s["music aug"], None, ""),
        ("Cy", date(2026, 10, 10), 45, None, need, ""),
        ("Eve", date(2026, 3, 20), 120, None, None, "Planning"),
    ):
        data = volunteer_hours.HoursInput(
            people[name], day, minutes, need_id=need_id, session_id=session_id, note=note
        )
        db.run(volunteer_hours.log_hours, actor, data, TODAY)


def test_the_statement_gives_the_volunteer_time_and_its_worth(db, coordinator, built):
    """The music grant: Ann 2½ + 1, Bob 1, Cy ¾ (a need tied to the grant) = 5¼ hours by
    3 people; not Dee's Wednesday Club nor Eve's planning. 5.25 × £12.71 = £66.7275,
    £66.73 to the penny."""
    log_volunteer_hours(db, coordinator, built)
    pdf = statement(db, coordinator, built.music)
    text = flat(pdf)
    assert "Volunteer time" in text
    assert "Hours given: 5 hours 15 minutes" in text
    assert "Different people who gave time: 3" in text
    assert "Worth: £66.73 at £12.71 an hour (the club's rate)" in text
    assert "for the sessions and activities the grant pays for" in text
    assert "No volunteer hours" not in text
    # after the sessions, before the reports
    assert (
        text.index("Sessions held: 2")
        < text.index("Volunteer time")
        < text.index("Reports for the funder")
    )
    assert overprinted(pdf) == []


def test_a_narrower_time_counts_only_its_volunteer_hours(db, coordinator, built):
    """July to September: August's music group only, Ann 1 + Bob 1 = 2 hours by 2
    people, 2 × £12.71 = £25.42."""
    log_volunteer_hours(db, coordinator, built)
    text = flat(statement(db, coordinator, built.music, date(2026, 7, 1), date(2026, 9, 30)))
    assert "Hours given: 2 hours" in text
    assert "Different people who gave time: 2" in text
    assert "Worth: £25.42 at £12.71 an hour" in text


def test_a_grant_for_the_whole_club_counts_every_hour_in_its_time(db, coordinator, built):
    """Tea and talk pays for the whole club, from 1 June: Ann 1, Bob 1 and Cy ¾ = 2¾
    hours by 3 people; 2.75 × £12.71 = £34.9525, £34.95."""
    log_volunteer_hours(db, coordinator, built)
    text = flat(statement(db, coordinator, built.tea))
    assert "Every hour volunteers logged counts, as the grant pays for the club as a whole." in (
        text
    )
    assert "Hours given: 2 hours 45 minutes" in text
    assert "Different people who gave time: 3" in text
    assert "Worth: £34.95 at £12.71 an hour (the club's rate)" in text


def test_with_no_hourly_rate_the_worth_is_left_out(db, coordinator, built):
    """A club that sets its rate to nothing: the hours and people, no pounds for them."""
    log_volunteer_hours(db, coordinator, built)
    db.run(club.set_int_setting, coordinator, "volunteer_hour_pence", 0)
    text = flat(statement(db, coordinator, built.music))
    assert "Hours given: 5 hours 15 minutes" in text
    assert "Different people who gave time: 3" in text
    assert "Worth" not in text and "an hour" not in text


def test_the_volunteer_time_words_worked_out_by_hand():
    """The facts straight from the figures: 90 minutes at £12.71 is £19.065, £19.07 (half
    up); at a rate of nothing there is no worth."""
    hours = volunteer_hours.GrantHours(TODAY, TODAY, 90, 1, 1271, False)
    assert grant_printing.volunteer_words(hours) == [
        ("Hours given", "1½ hours"),
        ("Different people who gave time", "1"),
        ("Worth", "£19.07 at £12.71 an hour (the club's rate)"),
    ]
    free = volunteer_hours.GrantHours(TODAY, TODAY, 90, 1, 0, False)
    assert [label for label, _ in grant_printing.volunteer_words(free)] == [
        "Hours given",
        "Different people who gave time",
    ]
