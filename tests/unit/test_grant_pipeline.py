"""The pipeline of applications by status, and how the club did this financial year and
last (April to March with the fixed today, 18 November 2026): asked for in the year sent,
awarded or declined in the year decided, and the success rate in words."""

from __future__ import annotations

from datetime import date

import pytest

from clubapp.services import grant_pipeline, years
from clubapp.services.errors import NotAllowed
from clubapp.services.grant_pipeline import Pipeline, YearTotals
from tests.conftest import TODAY
from tests.unit.test_grants import add_application, add_funder, award, move


def pipeline(db, actor) -> Pipeline:
    return db.run(grant_pipeline.pipeline, actor, TODAY)


@pytest.fixture
def history(db, coordinator) -> dict[str, int]:
    """Eight applications across two financial years (2025-26 and 2026-27):

    A  £1,000 asked, sent 20 Mar 2026 (last year), awarded £1,200 on 10 May 2026 (this year)
    B  £2,000 asked, sent 1 Apr 2026, declined 1 Jun 2026
    C  £3,000 asked, sent 1 Jun 2026, awarded £3,000 on 1 Sep 2026, then closed
    D  £500 asked, sent 1 Apr 2025, withdrawn 1 May 2025
    E  £700 asked, sent 1 Oct 2025, declined 31 Mar 2026 (last year's last day)
    F  £900 asked, still an idea, its deadline (1 Nov 2026) missed
    G  nothing asked yet, sent 1 Oct 2026, waiting
    H  £400 asked, being prepared, deadline 1 Dec 2026 still to come
    """
    funder = add_funder(db, coordinator)

    def sent(title: str, asked: int | None, on: date) -> int:
        application_id = add_application(
            db, coordinator, funder, title, today=on, asked_pence=asked
        )
        move(db, coordinator, application_id, "submitted", on)
        return application_id

    made = {
        "A": sent("A", 100_000, date(2026, 3, 20)),
        "B": sent("B", 200_000, date(2026, 4, 1)),
        "C": sent("C", 300_000, date(2026, 6, 1)),
        "D": sent("D", 50_000, date(2025, 4, 1)),
        "E": sent("E", 70_000, date(2025, 10, 1)),
        "G": sent("G", None, date(2026, 10, 1)),
    }
    award(db, coordinator, made["A"], 120_000, date(2026, 5, 10))
    move(db, coordinator, made["B"], "declined", date(2026, 6, 1))
    award(db, coordinator, made["C"], 300_000, date(2026, 9, 1))
    move(db, coordinator, made["C"], "closed", date(2026, 11, 1))
    move(db, coordinator, made["D"], "withdrawn", date(2025, 5, 1))
    move(db, coordinator, made["E"], "declined", date(2026, 3, 31))
    made["F"] = add_application(
        db,
        coordinator,
        funder,
        "F",
        today=date(2026, 9, 1),
        asked_pence=90_000,
        deadline=date(2026, 11, 1),
    )
    made["H"] = add_application(
        db,
        coordinator,
        funder,
        "H",
        status="preparing",
        asked_pence=40_000,
        deadline=date(2026, 12, 1),
    )
    return made


def test_the_pipeline_counts_each_status_with_its_amounts_and_missed_deadlines(
    db, coordinator, history
):
    """Every status in the pipeline's order, even an empty one, with the amounts asked
    and awarded added up by hand."""
    got = pipeline(db, coordinator)
    assert [
        (s.status, s.status_words, s.count, s.asked_pence, s.awarded_pence, s.missed)
        for s in got.statuses
    ] == [
        ("idea", "Idea", 1, 90_000, 0, 1),
        ("preparing", "Preparing", 1, 40_000, 0, 0),
        ("submitted", "Submitted", 1, 0, 0, 0),
        ("awarded", "Awarded", 1, 100_000, 120_000, 0),
        ("declined", "Turned down", 2, 270_000, 0, 0),
        ("withdrawn", "Withdrawn", 1, 50_000, 0, 0),
        ("closed", "Closed", 1, 300_000, 300_000, 0),
    ]


def test_this_year_counts_what_was_sent_and_decided_in_it(db, coordinator, history):
    """2026-27: sent B, C, G (£2,000 + £3,000 + nothing); awarded A (decided in May,
    though sent last year) and C (closed since), £1,200 + £3,000; declined B."""
    this = pipeline(db, coordinator).this_year
    assert (this.year.starts, this.year.ends, this.year.name) == (
        date(2026, 4, 1),
        date(2027, 3, 31),
        "2026-27",
    )
    assert (this.sent, this.asked_pence) == (3, 500_000)
    assert (this.awarded, this.awarded_pence, this.declined, this.decided) == (2, 420_000, 1, 3)
    assert this.success_percent == 67
    assert this.success_words == "2 of 3 decided were awarded (67%)."


def test_last_year_counts_its_own_and_a_withdrawn_bid_is_not_decided(db, coordinator, history):
    """2025-26: sent A (20 March), D (1 April, the first day) and E, £1,000 + £500 + £700;
    only E decided (declined on 31 March, the last day); D was withdrawn."""
    last = pipeline(db, coordinator).last_year
    assert (last.year.starts, last.year.ends) == (date(2025, 4, 1), date(2026, 3, 31))
    assert (last.sent, last.asked_pence) == (3, 220_000)
    assert (last.awarded, last.awarded_pence, last.declined, last.decided) == (0, 0, 1, 1)
    assert last.success_percent == 0
    assert last.success_words == "0 of 1 decided was awarded (0%)."


def test_a_club_whose_year_is_the_calendar_year(db, actors, history):
    """With January as the first month: 2026 has A, B, C and G sent (£6,000), A and C
    awarded, B and E declined; 2025 has D and E sent and nothing decided."""
    db.run(years.set_start_month, actors["treasurer"], 1)
    got = pipeline(db, actors["coordinator"])
    this, last = got.this_year, got.last_year
    assert (this.year.name, this.sent, this.asked_pence) == ("2026", 4, 600_000)
    assert (this.awarded, this.awarded_pence, this.declined) == (2, 420_000, 2)
    assert this.success_words == "2 of 4 decided were awarded (50%)."
    assert (last.year.name, last.sent, last.asked_pence, last.decided) == ("2025", 2, 120_000, 0)
    assert last.success_percent is None
    assert last.success_words == "No funder decided in this year."


def test_with_no_applications_every_figure_is_nothing_and_said_so(db, actors):
    """An empty pipeline: every status at 0, and no decisions in words."""
    got = pipeline(db, actors["committee"])
    assert [(s.count, s.asked_pence, s.awarded_pence, s.missed) for s in got.statuses] == [
        (0, 0, 0, 0)
    ] * 7
    for year in (got.this_year, got.last_year):
        assert (year.sent, year.asked_pence, year.decided) == (0, 0, 0)
        assert year.success_percent is None
        assert year.success_words == "No funder decided in this year."


def test_a_bid_taken_back_to_preparing_is_no_longer_counted_as_sent(db, coordinator):
    """Sent by mistake and put back: nothing sent this year."""
    funder = add_funder(db, coordinator)
    application_id = add_application(db, coordinator, funder, asked_pence=10_000)
    move(db, coordinator, application_id, "submitted", date(2026, 10, 1))
    assert pipeline(db, coordinator).this_year.sent == 1
    move(db, coordinator, application_id, "preparing", date(2026, 10, 2))
    assert (
        pipeline(db, coordinator).this_year.sent,
        pipeline(db, coordinator).this_year.asked_pence,
    ) == (0, 0)


def test_a_decline_put_right_is_no_longer_a_decision(db, coordinator):
    """Marked declined by mistake, then back to sent: waiting again, not decided."""
    funder = add_funder(db, coordinator)
    application_id = add_application(db, coordinator, funder, asked_pence=10_000)
    move(db, coordinator, application_id, "submitted", date(2026, 10, 1))
    move(db, coordinator, application_id, "declined", date(2026, 10, 20))
    assert pipeline(db, coordinator).this_year.declined == 1
    move(db, coordinator, application_id, "submitted", date(2026, 10, 1))
    this = pipeline(db, coordinator).this_year
    assert (this.sent, this.declined, this.decided) == (1, 0, 0)


@pytest.mark.parametrize(
    ("awarded", "declined", "percent", "words"),
    [
        (2, 1, 67, "2 of 3 decided were awarded (67%)."),
        (1, 2, 33, "1 of 3 decided were awarded (33%)."),
        (1, 7, 13, "1 of 8 decided were awarded (13%)."),  # 12.5 rounds up
        (5, 1, 83, "5 of 6 decided were awarded (83%)."),
        (1, 1, 50, "1 of 2 decided were awarded (50%)."),
        (1, 0, 100, "1 of 1 decided was awarded (100%)."),
        (0, 0, None, "No funder decided in this year."),
    ],
)
def test_the_success_rate_is_to_the_nearest_whole_per_cent(awarded, declined, percent, words):
    """Awarded out of decided, a half rounding up, in words."""
    year = years.Year(date(2026, 4, 1), date(2027, 3, 31))
    totals = YearTotals(year, 0, 0, awarded, 0, declined)
    assert totals.success_percent == percent
    assert totals.success_words == words


def test_the_pipeline_is_for_those_who_see_grants(db, actors):
    """A volunteer is refused."""
    with pytest.raises(NotAllowed):
        pipeline(db, actors["volunteer"])
    assert pipeline(db, actors["treasurer"]).this_year.year.name == "2026-27"
