"""The demo club's small grants: six funders, twelve applications across the pipeline,
tied to the books' funds and receipts, and a deadlines board with something on it of
every kind, on the tests' day and on others."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from clubapp import demo_accounts
from clubapp.db.database import Database, open_database
from clubapp.models.accounts import Fund, MoneyEntry
from clubapp.models.grants import GrantStatusChange
from clubapp.models.users import User
from clubapp.services import grant_deadlines, grant_money, grants
from clubapp.services.grants import ApplicationView
from clubapp.services.permissions import Actor
from tests.conftest import TODAY, copy_club

LOTTERY = "The National Lottery Community Fund"
BOOKS_FUNDS = {name for _key, name, *_rest in demo_accounts.FUNDS}


@pytest.fixture(scope="module")
def small(demo_club, tmp_path_factory):
    """This module's copy of the small demo on TODAY (built once per run, tests/conftest.py)."""
    db = open_database(copy_club(demo_club, tmp_path_factory.mktemp("grants") / "demo.sqlite3"))
    yield db
    db.close()


def _sam(db: Database) -> Actor:
    with db.transaction() as s:
        user_id = s.scalar(select(User.id).where(User.display_name == "Sam Taylor"))
    assert user_id is not None
    return Actor(user_id, "Sam Taylor", "coordinator")


def _views(db: Database, today: date) -> list[ApplicationView]:
    actor = _sam(db)
    with db.transaction() as s:
        return [
            grants.get_application(s, actor, row.application_id, today)
            for row in grants.list_applications(s, actor, today)
        ]


def _one(views: list[ApplicationView], title: str) -> ApplicationView:
    found = [v for v in views if v.row.title == title]
    assert len(found) == 1, title
    return found[0]


def _check_rules(db: Database, today: date) -> list[ApplicationView]:
    """What must hold on any day: the pipeline's shape, each award's payments adding up,
    every payment due by today matched to its receipt, closed grants with every report
    sent, dated histories, one missed deadline, and the new restricted fund."""
    actor = _sam(db)
    views = _views(db, today)
    with db.transaction() as s:
        funders = grants.list_funders(s, actor)
        entries = {
            e.id: e for e in s.scalars(select(MoneyEntry).where(MoneyEntry.kind == "receipt"))
        }
        funds = {f.id: f for f in s.scalars(select(Fund))}
        history = s.execute(select(GrantStatusChange.application_id, GrantStatusChange.on)).all()
    assert len(funders) == 6
    assert {f.kind for f in funders} == {"trust", "lottery", "council", "company", "individual"}
    assert all(f.applications >= 1 for f in funders)
    assert len(views) == 12
    assert Counter(v.row.status for v in views) == {
        "idea": 1,
        "preparing": 2,
        "submitted": 1,
        "awarded": 4,
        "declined": 1,
        "withdrawn": 1,
        "closed": 2,
    }
    assert all(on <= today for _app, on in history)
    assert [v.row.title for v in views if v.row.missed] == ["Chairs with arms and new tablecloths"]
    for view in views:
        row = view.row
        if row.status not in ("awarded", "closed"):
            assert not view.instalments and not view.reports, row.title
            continue
        assert row.fund_id is not None and funds[row.fund_id].kind == "restricted", row.title
        assert view.instalments and view.instalments_difference == 0, row.title
        for instalment in view.instalments:
            if instalment.due_on > today:
                continue
            # A payment due by today came in: the receipt in the grant's fund, from the
            # funder, of the same amount, on or before the day it was due.
            assert instalment.entry_id is not None, (row.title, instalment.due_on)
            receipt = entries[instalment.entry_id]
            assert receipt.payee == row.funder_name, row.title
            assert receipt.amount_pence == instalment.amount_pence == instalment.received_pence
            assert instalment.due_on - timedelta(days=7) <= receipt.on <= instalment.due_on
        for report in view.reports:
            assert (report.status == "sent") == (report.due_on < today), (row.title, report)
            assert report.sent_on is None or report.sent_on <= today
        if row.status == "closed":
            assert row.period_ends is not None and row.period_ends < today
    crafts = _one(views, "Crafternoon materials")
    assert crafts.row.fund_id is not None
    assert funds[crafts.row.fund_id].kind == "restricted"
    assert funds[crafts.row.fund_id].name not in BOOKS_FUNDS  # made by the award
    assert crafts.session_names == ["Crafternoon"]
    return views


def test_six_funders_and_twelve_applications_through_the_whole_pipeline(small):
    """Every status is there, every award's payments add up to it, every payment due by
    today is matched to its receipt in the books, and closed grants have sent every report."""
    _check_rules(small, TODAY)


def test_the_lottery_grant_covers_the_books_three_years_with_quarterly_payments(small):
    """£30,000 a year for three years from 1 April 2024, in twelve payments of £7,500:
    the eleven due by 18 November 2026 matched to the books' receipts, January's to come."""
    views = _views(small, TODAY)
    lottery = _one(views, "The weekly club, three years")
    row = lottery.row
    assert row.funder_name == LOTTERY
    assert row.awarded_pence == 3 * 3_000_000  # £90,000
    assert (row.period_starts, row.period_ends) == (date(2024, 4, 1), date(2027, 3, 31))
    assert lottery.fund_name == "National Lottery Awards for All — weekly club"
    assert [i.amount_pence for i in lottery.instalments] == [750_000] * 12
    assert sum(i.amount_pence for i in lottery.instalments) == row.awarded_pence
    matched = [i for i in lottery.instalments if i.entry_id is not None]
    assert len(matched) == 11
    assert [i.due_on for i in lottery.instalments if i.entry_id is None] == [date(2027, 1, 8)]
    assert sorted(lottery.session_names) == ["Friday Club", "Wednesday Club"]
    actor = _sam(small)
    with small.transaction() as s:
        money = grant_money.grant_money(s, actor, row.application_id, TODAY)
    assert money.received_pence == 11 * 750_000  # £82,500 received so far


def test_the_lottery_wants_a_report_every_quarter_and_the_next_is_weeks_away(small):
    """Progress reports each quarter (the last quarter's is in the final report), the
    accounts each year, a final report; those due before today sent, the next in December."""
    lottery = _one(_views(small, TODAY), "The weekly club, three years")
    kinds = Counter(r.kind for r in lottery.reports)
    assert kinds == {"progress": 11, "financial": 2, "final": 1}
    due = [r for r in lottery.reports if r.status == "due"]
    assert [(r.kind, r.due_on) for r in due] == [
        ("progress", date(2026, 12, 15)),
        ("final", date(2027, 6, 30)),
    ]
    assert all(
        r.sent_on is not None and r.sent_on < r.due_on for r in lottery.reports if r not in due
    )


def test_the_renewal_the_crafternoon_and_the_music_project(small):
    """The renewal is being prepared for a deadline six weeks away; the Crafternoon's award
    is a little more than was asked (flagged) and not paid yet; the music project pays
    for singing; bid writers are the coordinator, trustees and a carer."""
    views = _views(small, TODAY)
    renewal = _one(views, "The weekly club, the next three years")
    assert renewal.row.status == "preparing"
    assert renewal.row.deadline == TODAY + timedelta(days=42)
    crafts = _one(views, "Crafternoon materials")
    assert crafts.row.status == "awarded"
    assert crafts.row.over_asked_pence == 200_000 - 195_000
    assert grants.over_asked_words(crafts.row)
    assert [(i.due_on, i.entry_id) for i in crafts.instalments] == [
        (TODAY + timedelta(days=9), None)
    ]
    music = _one(views, "Music project, 2026 to 2027")
    assert music.row.status == "awarded"
    assert "Singing" in [name for _id, name in music.activities]
    assert [r.kind for r in music.reports if r.status == "due"] == ["progress", "final"]
    assert _one(views, "Music project, 2025 to 2026").row.status == "closed"
    assert _one(views, "Door-to-door transport, 2025-26").row.status == "closed"
    assert _one(views, "Door-to-door transport, 2026-27").row.status == "awarded"
    writers = {name for v in views for _pid, name in v.writers}
    # Sam the coordinator, Pat and Ruth (trustees), Abena (a carer).
    assert {"Sam Taylor", "Pat Green", "Ruth Ellis", "Abena Mensah"} <= writers


def test_the_board_shows_a_missed_deadline_a_report_due_and_a_payment_expected(small):
    """On 18 November 2026 the board has the deadline missed four days ago, the Lottery's
    progress report due on 15 December and the Crafternoon's payment due in nine days."""
    actor = _sam(small)
    with small.transaction() as s:
        board = grant_deadlines.board(s, actor, TODAY)
        offers = grant_deadlines.offers(s, actor, TODAY)
    by_kind = {d.thing: d for d in reversed(board)}  # the soonest of each kind
    assert by_kind["deadline"].missed
    assert by_kind["deadline"].when_words == "Missed: the deadline was 4 days ago"
    assert by_kind["report"].due_on == date(2026, 12, 15)
    assert by_kind["report"].title.startswith(f"Progress report to {LOTTERY}")
    assert by_kind["instalment"].due_on == TODAY + timedelta(days=9)
    assert by_kind["instalment"].when_words == "Due in 9 days"
    # The committee's next meeting (1 December) is offered all of them.
    assert {d.key for d in board} <= {d.key for d in offers.deadlines}


@pytest.mark.slow
@pytest.mark.parametrize("today", [date(2026, 4, 2), date(2025, 9, 5)])
def test_the_grants_keep_their_rules_on_other_days(demo_on, tmp_path, today):
    """On the second day of a financial year (the Lottery's April payment not yet in) and
    just before the music grant's September payment, the same twelve keep every rule.
    (The demo on each day is built once per run, and shared with test_demo_accounts.)"""
    db = open_database(copy_club(demo_on(today), tmp_path / "demo.sqlite3"))
    try:
        views = _check_rules(db, today)
        with db.transaction() as s:
            board = grant_deadlines.board(s, _sam(db), today)
    finally:
        db.close()
    lottery = _one(views, "The weekly club, three years")
    starts = date(today.year - 2 if today.month >= 4 else today.year - 3, 4, 1)
    assert lottery.row.period_starts == starts
    kinds = {d.thing for d in board}
    assert {"deadline", "instalment"} <= kinds
    assert any(d.missed for d in board)
