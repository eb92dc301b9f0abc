"""The deadlines board with the fixed today (Wednesday 18 November 2026): application
deadlines (missed ones too), the funders' reports, payments expected and grant periods
ending, soonest first and said in words; and the same deadlines offered to the committee
as agenda items for the meeting before they fall due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.services import agenda, grant_deadlines, grant_money, grants, meetings, minutes
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.grant_deadlines import Deadline, when_words
from clubapp.services.grants import ApplicationInput, InstalmentInput, ReportInput
from clubapp.services.meetings import MeetingInput
from tests.conftest import TODAY
from tests.unit.test_grants import (
    add_application,
    add_funder,
    application_in,
    award,
    book_receipt,
    errors_of,
    move,
    view,
)

OFFSETS = (61, 60, 5, 1, 0, -3)  # days from today, given out of order on purpose


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def board(db, actor, days: int = 60) -> list[Deadline]:
    return db.run(grant_deadlines.board, actor, TODAY, days)


@pytest.fixture
def funder(db, coordinator) -> int:
    return add_funder(db, coordinator, "The Harmony Trust")


def awarded_with(db, actor, funder: int, *, reports=(), instalments=(), **kw) -> int:
    application_id = application_in(db, actor, funder, "submitted", kw.pop("title", "Music"))
    award(db, actor, application_id, reports=reports, instalments=instalments, **kw)
    return application_id


# ---------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("days", "missed", "ended", "words"),
    [
        (5, False, False, "Due in 5 days"),
        (1, False, False, "Due tomorrow"),
        (0, False, False, "Due today"),
        (-1, False, False, "Overdue by 1 day"),
        (-3, False, False, "Overdue by 3 days"),
        (-1, True, False, "Missed: the deadline was 1 day ago"),
        (-3, True, False, "Missed: the deadline was 3 days ago"),
        (30, False, True, "Ends in 30 days"),
        (1, False, True, "Ends tomorrow"),
        (0, False, True, "Ends today"),
    ],
)
def test_when_a_deadline_falls_is_said_in_words(days, missed, ended, words):
    """Words as well as colour, one day or several."""
    assert when_words(days, missed=missed, ended=ended) == words


@pytest.mark.parametrize(
    ("days", "urgency"),
    [(-3, "overdue"), (-1, "overdue"), (0, "soon"), (14, "soon"), (15, "later")],
)
def test_urgency_is_overdue_soon_within_two_weeks_or_later(days, urgency):
    """The colour the board gives a deadline follows the days left."""
    deadline = Deadline("report", 1, 1, "Report", day(days), days, False)
    assert deadline.urgency == urgency


# ---------------------------------------------------------------- application deadlines


@pytest.mark.parametrize("status", ["idea", "preparing"])
def test_a_deadline_passed_before_the_bid_was_sent_is_missed_on_the_board(
    db, coordinator, funder, status
):
    """Three days past, still an idea or being prepared: missed, in the row and on the
    board, in words, and overdue in colour."""
    application_id = add_application(
        db, coordinator, funder, "Crafternoon", status=status, deadline=day(-3)
    )
    (row,) = db.run(grants.list_applications, coordinator, TODAY)
    assert row.missed
    (deadline,) = board(db, coordinator)
    assert (deadline.thing, deadline.thing_id, deadline.application_id) == (
        "deadline",
        application_id,
        application_id,
    )
    assert deadline.missed
    assert deadline.days == -3
    assert deadline.urgency == "overdue"
    assert deadline.when_words == "Missed: the deadline was 3 days ago"
    assert deadline.kind_words == "Application deadline"
    assert deadline.words == (
        "Application to The Harmony Trust for Crafternoon: missed: the deadline was 3 days ago"
    )


@pytest.mark.parametrize("status", ["submitted", "withdrawn"])
def test_a_missed_deadline_leaves_the_board_once_sent_or_withdrawn(db, coordinator, funder, status):
    """Sending it (late) or giving it up takes it off the board and ends "missed"."""
    application_id = add_application(db, coordinator, funder, deadline=day(-3))
    assert len(board(db, coordinator)) == 1
    move(db, coordinator, application_id, status, TODAY)
    assert board(db, coordinator) == []
    assert not view(db, coordinator, application_id).row.missed


def test_an_application_deadline_to_come_is_due_not_missed(db, coordinator, funder):
    """Due in 5 days; due today is not missed yet; one 61 days away is not shown."""
    soon = add_application(db, coordinator, funder, "Soon", deadline=day(5))
    today = add_application(db, coordinator, funder, "Today", status="preparing", deadline=TODAY)
    add_application(db, coordinator, funder, "Far", deadline=day(61))
    add_application(db, coordinator, funder, "No date")
    got = board(db, coordinator)
    assert [(d.thing_id, d.when_words, d.missed) for d in got] == [
        (today, "Due today", False),
        (soon, "Due in 5 days", False),
    ]


# ---------------------------------------------------------------- reports and payments


def test_the_funders_reports_are_on_the_board_for_60_days_soonest_first(db, coordinator, funder):
    """Reports due 3 days ago up to 60 days ahead, soonest first, in words; 61 days is off."""
    application_id = awarded_with(
        db,
        coordinator,
        funder,
        title="Music project",
        reports=[ReportInput(day(n), "progress") for n in OFFSETS],
    )
    got = board(db, coordinator)
    assert [(d.days, d.when_words) for d in got] == [
        (-3, "Overdue by 3 days"),
        (0, "Due today"),
        (1, "Due tomorrow"),
        (5, "Due in 5 days"),
        (60, "Due in 60 days"),
    ]
    assert [d.due_on for d in got] == [day(-3), TODAY, day(1), day(5), day(60)]
    assert [d.urgency for d in got] == ["overdue", "soon", "soon", "soon", "later"]
    assert {(d.thing, d.application_id, d.missed) for d in got} == {
        ("report", application_id, False)
    }
    assert got[3].title == "Progress report to The Harmony Trust for Music project"
    assert got[3].words == "Progress report to The Harmony Trust for Music project: due in 5 days"
    assert got[3].kind_words == "Report"


def test_the_payments_expected_are_on_the_board_for_60_days_soonest_first(db, coordinator, funder):
    """Payments due 3 days ago up to 60 days ahead, each with its amount; 61 days is off."""
    awarded_with(
        db,
        coordinator,
        funder,
        title="Music project",
        instalments=[InstalmentInput(day(n), 10_000 * (i + 1)) for i, n in enumerate(OFFSETS)],
    )
    got = board(db, coordinator)
    assert [(d.days, d.when_words, d.thing) for d in got] == [
        (-3, "Overdue by 3 days", "instalment"),
        (0, "Due today", "instalment"),
        (1, "Due tomorrow", "instalment"),
        (5, "Due in 5 days", "instalment"),
        (60, "Due in 60 days", "instalment"),
    ]
    # OFFSETS (61, 60, 5, 1, 0, -3) were given £100, £200, … £600 in that order.
    assert [d.title for d in got] == [
        f"Payment of £{pounds}.00 from The Harmony Trust for Music project"
        for pounds in (600, 500, 400, 300, 200)
    ]
    assert got[0].kind_words == "Payment expected"


def test_a_report_sent_leaves_the_board_and_comes_back_if_unmarked(db, coordinator, funder):
    """Marking it sent takes it off; marking it still to do puts it back."""
    application_id = awarded_with(db, coordinator, funder, reports=[ReportInput(day(5), "final")])
    (report,) = view(db, coordinator, application_id).reports
    db.run(grants.mark_report, coordinator, report.report_id, TODAY, TODAY)
    assert board(db, coordinator) == []
    db.run(grants.mark_report, coordinator, report.report_id, None, TODAY)
    assert [d.key for d in board(db, coordinator)] == [("report", report.report_id)]


def test_a_payment_matched_to_its_receipt_leaves_the_board(db, actors, funder):
    """Once the money is in the books and matched, nothing is waiting."""
    treasurer = actors["treasurer"]
    application_id = awarded_with(
        db,
        treasurer,
        funder,
        instalments=[InstalmentInput(day(-3), 50_000), InstalmentInput(day(20), 50_000)],
    )
    first, second = view(db, treasurer, application_id).instalments
    fund_id = view(db, treasurer, application_id).row.fund_id
    entry = book_receipt(db, treasurer, fund_id, day(-1), 50_000)
    db.run(grant_money.match, treasurer, first.instalment_id, entry)
    assert [d.key for d in board(db, treasurer)] == [("instalment", second.instalment_id)]


def test_a_grant_period_ending_within_60_days_is_on_the_board(db, coordinator, funder):
    """Ends today, tomorrow or in 30 days: shown in words; in 61 days, or ended
    yesterday: not shown. A closed grant's end is not shown either."""
    ends = {}
    for n in (61, 30, 1, 0, -1):
        ends[n] = awarded_with(
            db,
            coordinator,
            funder,
            title=f"Grant {n}",
            period_starts=date(2026, 1, 1),
            period_ends=day(n),
        )
    closed = awarded_with(
        db, coordinator, funder, title="Closed", period_starts=day(-100), period_ends=day(10)
    )
    move(db, coordinator, closed, "closed", TODAY)
    got = board(db, coordinator)
    assert [(d.thing, d.thing_id, d.when_words) for d in got] == [
        ("period_end", ends[0], "Ends today"),
        ("period_end", ends[1], "Ends tomorrow"),
        ("period_end", ends[30], "Ends in 30 days"),
    ]
    assert got[2].words == "The grant from The Harmony Trust for Grant 30: ends in 30 days"
    assert got[2].kind_words == "Grant ends"


def test_the_board_mixes_every_kind_soonest_first(db, coordinator, funder):
    """Deadlines, reports, payments and period ends in one list, by date."""
    missed = add_application(db, coordinator, funder, "Missed", deadline=day(-10))
    coming = add_application(db, coordinator, funder, "Coming", deadline=day(8))
    grant = awarded_with(
        db,
        coordinator,
        funder,
        title="Music",
        period_ends=day(40),
        reports=[ReportInput(day(2), "progress")],
        instalments=[InstalmentInput(day(-1), 100)],
    )
    got = board(db, coordinator)
    assert [(d.thing, d.application_id, d.days) for d in got] == [
        ("deadline", missed, -10),
        ("instalment", grant, -1),
        ("report", grant, 2),
        ("deadline", coming, 8),
        ("period_end", grant, 40),
    ]
    few = db.run(grant_deadlines.next_few, coordinator, TODAY)
    assert few == got[:3]
    assert len(db.run(grant_deadlines.next_few, coordinator, TODAY, 1)) == 1


def test_how_far_ahead_the_board_looks_is_from_0_to_3660_days(db, coordinator, funder):
    """0 days shows today and what is overdue; a year shows more; outside the range is
    refused in words."""
    awarded_with(
        db,
        coordinator,
        funder,
        reports=[ReportInput(day(n), "progress") for n in (-2, 0, 100, 3660, 3661)],
    )
    assert [d.days for d in board(db, coordinator, 0)] == [-2, 0]
    assert [d.days for d in board(db, coordinator, 365)] == [-2, 0, 100]
    assert [d.days for d in board(db, coordinator, 3660)] == [-2, 0, 100, 3660]
    for days in (-1, 3661):
        errors = errors_of(db, grant_deadlines.board, coordinator, TODAY, days)
        assert errors == {"days": "Choose how many days ahead to look: from 0 to 3,660."}


def test_the_board_is_for_those_who_see_grants(db, actors, funder):
    """The committee sees it; a volunteer does not."""
    add_application(db, actors["coordinator"], funder, deadline=day(4))
    assert len(board(db, actors["committee"])) == 1
    with pytest.raises(NotAllowed):
        board(db, actors["volunteer"])
    with pytest.raises(NotAllowed):
        db.run(grant_deadlines.next_few, actors["volunteer"], TODAY)


# ---------------------------------------------------------------- the committee's agenda


@pytest.fixture
def plan(db, coordinator, funder) -> dict[str, object]:
    """Two meetings ahead (25 November and 16 December) and grant deadlines around them."""
    next_meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", day(7)))
    later_meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", day(28)))
    missed = add_application(db, coordinator, funder, "Crafternoon", deadline=day(-3))
    grant = awarded_with(
        db,
        coordinator,
        funder,
        title="Music project",
        reports=[ReportInput(day(n), "progress") for n in (5, 28, 40)],
    )
    report_ids = {
        (r.due_on - TODAY).days: r.report_id for r in view(db, coordinator, grant).reports
    }
    return {
        "next": next_meeting,
        "later": later_meeting,
        "missed": missed,
        "grant": grant,
        "reports": report_ids,
    }


def offered(db, actor, meeting_id: int) -> grant_deadlines.MeetingOffers:
    return db.run(grant_deadlines.offers_for_meeting, actor, meeting_id, TODAY)


def test_a_meeting_is_offered_what_falls_due_before_the_meeting_after_it(db, coordinator, plan):
    """For the meeting on 25 November: everything up to the next one on 16 December,
    overdue and missed included, soonest first; the one due on 28 December waits."""
    reports = plan["reports"]
    got = offered(db, coordinator, plan["next"])
    assert (got.until, got.next_meeting) == (day(28), day(28))
    assert got.until_words == "before the next meeting on 16 December 2026"
    assert [d.key for d in got.deadlines] == [
        ("deadline", plan["missed"]),
        ("report", reports[5]),
        ("report", reports[28]),
    ]
    by_default = db.run(grant_deadlines.offers, coordinator, TODAY)
    assert by_default == got


def test_the_last_meeting_planned_is_offered_the_next_60_days(db, coordinator, plan):
    """With no meeting after it, the 16 December meeting looks 60 days past its date."""
    got = offered(db, coordinator, plan["later"])
    assert (got.until, got.next_meeting) == (day(28 + 60), None)
    assert got.until_words == "by 14 February 2027"
    assert [d.days for d in got.deadlines] == [-3, 5, 28, 40]
    nothing_planned = db.run(grant_deadlines.offers, coordinator, TODAY, day(100))
    assert nothing_planned.until == day(160)


def test_deadlines_put_on_the_agenda_become_items_and_leave_the_offers(db, actors, plan):
    """A committee member puts two deadlines on the next meeting's agenda: one proposal
    each, titled as on the board, before any other business; they are no longer offered,
    not even to the later meeting."""
    committee = actors["committee"]
    reports = plan["reports"]
    keys = [("report", reports[5]), ("deadline", plan["missed"])]
    item_ids = db.run(grant_deadlines.add_to_agenda, committee, plan["next"], keys, TODAY)
    assert len(item_ids) == 2

    detail = db.run(meetings.get_meeting, committee, plan["next"])
    items = {it.item_id: it for it in detail.items}
    assert [(items[i].title, items[i].details, items[i].source) for i in item_ids] == [
        (
            "Progress report to The Harmony Trust for Music project",
            "Report. Due on Monday 23 November 2026.",
            "proposal",
        ),
        (
            "Application to The Harmony Trust for Crafternoon",
            "Application deadline. The deadline was Sunday 15 November 2026: missed.",
            "proposal",
        ),
    ]
    assert detail.items[-1].title == "Any other business"
    assert [d.key for d in offered(db, committee, plan["next"]).deadlines] == [
        ("report", reports[28])
    ]
    assert ("report", reports[5]) not in [
        d.key for d in offered(db, committee, plan["later"]).deadlines
    ]

    # Taking the item off the agenda offers the deadline again.
    db.run(agenda.remove_item, committee, item_ids[0])
    assert ("report", reports[5]) in [d.key for d in offered(db, committee, plan["next"]).deadlines]


def test_a_deadline_moved_to_another_day_is_offered_again(db, coordinator, plan):
    """The agenda item was for the old date; the new date needs the committee again."""
    report_id = plan["reports"][5]
    db.run(grant_deadlines.add_to_agenda, coordinator, plan["next"], [("report", report_id)], TODAY)
    assert ("report", report_id) not in [
        d.key for d in offered(db, coordinator, plan["next"]).deadlines
    ]
    db.run(
        grants.save_report,
        coordinator,
        plan["grant"],
        report_id,
        ReportInput(day(6), "progress"),
    )
    assert ("report", report_id) in [
        d.key for d in offered(db, coordinator, plan["next"]).deadlines
    ]


def test_adding_to_an_agenda_refuses_what_is_not_waiting(db, coordinator, plan):
    """An unknown deadline, one already on an agenda, or none at all: refused in words,
    and nothing is added."""
    before = len(db.run(meetings.get_meeting, coordinator, plan["next"]).items)
    errors = errors_of(
        db, grant_deadlines.add_to_agenda, coordinator, plan["next"], [("report", 9999)], TODAY
    )
    assert errors == {"deadlines": "One of these deadlines is no longer waiting for the committee."}
    errors = errors_of(
        db, grant_deadlines.add_to_agenda, coordinator, plan["next"], [("fund", 1)], TODAY
    )
    assert errors == {"deadlines": "One of these deadlines is no longer waiting for the committee."}
    errors = errors_of(db, grant_deadlines.add_to_agenda, coordinator, plan["next"], [], TODAY)
    assert errors == {"deadlines": "Choose at least one grant deadline."}
    key = ("report", plan["reports"][5])
    db.run(grant_deadlines.add_to_agenda, coordinator, plan["next"], [key, key], TODAY)
    after = len(db.run(meetings.get_meeting, coordinator, plan["next"]).items)
    assert after == before + 1  # the same deadline twice makes one item
    errors = errors_of(db, grant_deadlines.add_to_agenda, coordinator, plan["later"], [key], TODAY)
    assert errors == {"deadlines": "One of these deadlines is no longer waiting for the committee."}
    errors = errors_of(db, grant_deadlines.offers_for_meeting, coordinator, 9999, TODAY)
    assert errors == {"meeting": "This meeting is not there any more."}


def test_a_meeting_whose_minutes_are_approved_takes_no_grant_items(db, coordinator, plan):
    """Its record is closed: refused with the approval date, whatever was chosen."""
    held = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", day(-35)))
    approving = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", day(-7)))
    db.run(minutes.approve_minutes, coordinator, held, approving, TODAY)
    before = len(db.run(meetings.get_meeting, coordinator, held).items)
    for keys in ([("report", plan["reports"][5])], []):
        errors = errors_of(db, grant_deadlines.add_to_agenda, coordinator, held, keys, TODAY)
        assert errors["meeting"].startswith(
            "The minutes of this meeting were approved on 11 November 2026, so its record "
            "cannot change."
        )
    assert len(db.run(meetings.get_meeting, coordinator, held).items) == before


def test_only_those_who_run_meetings_add_grant_items(db, actors, plan):
    """The treasurer sees the offers but cannot change an agenda; a volunteer sees
    neither."""
    key = ("report", plan["reports"][5])
    assert key in [d.key for d in offered(db, actors["treasurer"], plan["next"]).deadlines]
    for role in ("treasurer", "volunteer"):
        with pytest.raises(NotAllowed):
            db.run(grant_deadlines.add_to_agenda, actors[role], plan["next"], [key], TODAY)
    with pytest.raises(NotAllowed):
        offered(db, actors["volunteer"], plan["next"])
    assert key in [d.key for d in offered(db, actors["coordinator"], plan["next"]).deadlines]


def test_a_closed_grant_expects_no_payments(db, coordinator, funder):
    """Payments still unmatched when a grant is closed are not chased on the board."""
    application_id = awarded_with(
        db, coordinator, funder, instalments=[InstalmentInput(day(3), 100)]
    )
    move(db, coordinator, application_id, "closed", TODAY)
    assert board(db, coordinator) == []


def test_an_application_changed_to_a_later_deadline_moves_on_the_board(db, coordinator, funder):
    """The board reads the application as it is now."""
    application_id = add_application(db, coordinator, funder, deadline=day(-1))
    assert [d.when_words for d in board(db, coordinator)] == ["Missed: the deadline was 1 day ago"]
    db.run(
        grants.save_application,
        coordinator,
        application_id,
        ApplicationInput(funder, "Music project", deadline=day(12)),
        TODAY,
    )
    assert [d.when_words for d in board(db, coordinator)] == ["Due in 12 days"]


def test_a_reopened_grant_has_its_payments_chased_again(db, coordinator, funder):
    """A grant closed and opened again (back to awarded) has its payments chased again."""
    application_id = awarded_with(
        db, coordinator, funder, instalments=[InstalmentInput(day(3), 100)]
    )
    move(db, coordinator, application_id, "closed", TODAY)
    move(db, coordinator, application_id, "awarded", TODAY)
    assert [d.thing for d in board(db, coordinator)] == ["instalment"]


def test_a_meeting_already_held_takes_no_new_grant_deadlines(db, coordinator, plan):
    """A meeting held last week stays open until its minutes are approved, but the
    deadlines due now belong to the next meeting: none are offered, and adding is refused."""
    held = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", day(-7)))
    assert offered(db, coordinator, held).deadlines == []
    report = plan["reports"][5]
    with pytest.raises(ValidationError):
        db.run(grant_deadlines.add_to_agenda, coordinator, held, [("report", report)], TODAY)
    assert ("report", report) in [d.key for d in offered(db, coordinator, plan["next"]).deadlines]
