"""Small grants: funders, applications through the pipeline with the date of each change,
and awards linked to a restricted fund in the books, through the real services on a
migrated database with the fixed today (Wednesday 18 November 2026).

The helpers at the top are shared by the other grant test modules."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import func, select

from clubapp.models.accounts import Fund
from clubapp.services import books, grants, programme
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.grants import (
    NEXT_STATUSES,
    STATUSES,
    ApplicationInput,
    AwardInput,
    FunderInput,
    InstalmentInput,
    ReportInput,
)
from tests.conftest import TODAY, add_person

SENT_ON = date(2026, 9, 1)
DECIDED_ON = date(2026, 10, 1)
STARTED_ON = date(2026, 8, 1)  # the day the applications below were typed in


# ---------------------------------------------------------------- helpers for every grant test


def errors_of(db, fn, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        db.run(fn, *args)
    return caught.value.errors


def add_funder(db, actor, name: str = "The Harmony Trust", kind: str = "trust", **kw) -> int:
    return db.run(grants.save_funder, actor, None, FunderInput(name, kind, **kw))


def add_application(
    db, actor, funder_id: int, title: str = "Music project", *, today: date = STARTED_ON, **kw
) -> int:
    return db.run(
        grants.save_application, actor, None, ApplicationInput(funder_id, title, **kw), today
    )


def move(db, actor, application_id: int, status: str, on: date, note: str = "") -> None:
    db.run(grants.change_status, actor, application_id, status, on, TODAY, note)


def award(
    db, actor, application_id: int, pence: int = 1_200_000, on: date = DECIDED_ON, **kw
) -> None:
    if kw.get("fund_id") is None:
        kw.setdefault("new_fund_name", f"Grant fund {application_id}")
    db.run(grants.save_award, actor, application_id, AwardInput(pence, on, **kw), TODAY)


def view(db, actor, application_id: int, today: date = TODAY) -> grants.ApplicationView:
    return db.run(grants.get_application, actor, application_id, today)


def application_in(db, actor, funder_id: int, status: str, title: str = "Music project") -> int:
    """An application walked to ``status`` through the real pipeline, all before today."""
    first = "preparing" if status == "preparing" else "idea"
    application_id = add_application(db, actor, funder_id, title, status=first)
    if status in ("submitted", "awarded", "declined", "closed"):
        move(db, actor, application_id, "submitted", SENT_ON)
    if status in ("awarded", "closed"):
        award(db, actor, application_id)
    if status == "declined":
        move(db, actor, application_id, "declined", DECIDED_ON)
    if status == "withdrawn":
        move(db, actor, application_id, "withdrawn", SENT_ON)
    if status == "closed":
        move(db, actor, application_id, "closed", date(2026, 11, 1))
    assert view(db, actor, application_id).row.status == status
    return application_id


def book_receipt(
    db, actor, fund_id: int, on: date, pence: int, *, category: str = "Grants", payee: str = ""
) -> int:
    """Money in, recorded in the books as the treasurer would: into the bank, one fund."""
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, actor)}
    categories = {c.name: c.category_id for c in db.run(books.list_categories, actor)}
    return db.run(
        books.record_entry,
        actor,
        books.EntryInput(
            on=on,
            kind="receipt",
            amount_pence=pence,
            account_id=accounts["Bank current account"],
            splits=(books.SplitInput(categories[category], fund_id, pence),),
            payee=payee,
        ),
    )


@pytest.fixture
def coordinator_funder(db, coordinator) -> int:
    return add_funder(db, coordinator)


# ---------------------------------------------------------------- funders


def test_a_funder_is_saved_tidied_and_listed_with_its_applications_and_awards(db, actors):
    """Names are tidied of extra spaces; the list counts each funder's applications and
    adds up what it awarded (declined ones award nothing), in name order."""
    treasurer = actors["treasurer"]
    lottery = add_funder(
        db,
        treasurer,
        "  National   Lottery  Community Fund ",
        "lottery",
        contact_name=" Jo Bloggs ",
        email=" grants@lottery.example.org ",
        phone="020 7211 1888",
        website="https://www.lottery.example.org",
    )
    harmony = add_funder(db, treasurer, "the Harmony Trust", "trust")
    add_funder(db, treasurer, "Acme Ltd", "company")
    application_in(db, treasurer, harmony, "awarded", "Music project")  # £12,000
    application_in(db, treasurer, harmony, "declined", "Choir")
    application_in(db, treasurer, lottery, "idea", "Weekly club")

    rows = db.run(grants.list_funders, treasurer)
    assert [(r.name, r.applications, r.awarded_pence) for r in rows] == [
        ("Acme Ltd", 0, 0),
        ("National Lottery Community Fund", 1, 0),
        ("the Harmony Trust", 2, 1_200_000),
    ]
    got = db.run(grants.get_funder, treasurer, lottery)
    assert (got.kind_words, got.contact_name, got.email) == (
        "Lottery",
        "Jo Bloggs",
        "grants@lottery.example.org",
    )


def test_a_funder_name_used_already_is_refused_whatever_the_capitals(db, coordinator):
    """Two funders cannot share a name, even typed in other capitals; a funder may keep its
    own name when it is saved again with different capitals."""
    harmony = add_funder(db, coordinator, "The Harmony Trust")
    errors = errors_of(
        db, grants.save_funder, coordinator, None, FunderInput("the  HARMONY trust", "trust")
    )
    assert errors == {"name": "There is already a funder called the HARMONY trust."}
    db.run(grants.save_funder, coordinator, harmony, FunderInput("THE HARMONY TRUST", "trust"))
    assert db.run(grants.get_funder, coordinator, harmony).name == "THE HARMONY TRUST"


def test_a_funder_with_a_bad_email_phone_and_kind_gets_every_fix_at_once(db, coordinator):
    """All the problems are named together, each next to its field, in plain words."""
    errors = errors_of(
        db,
        grants.save_funder,
        coordinator,
        None,
        FunderInput("  ", "bank", email="grants at lottery", phone="0800 CALL US"),
    )
    assert errors == {
        "name": "Type the funder's name.",
        "kind": "Choose what kind of funder it is.",
        "email": "This email address looks wrong. It should look like name@example.org.",
        "phone": "A phone number can have only digits, spaces, +, brackets and dashes.",
    }
    assert db.run(grants.list_funders, coordinator) == []


def test_a_funder_the_club_applied_to_stays_and_one_never_used_can_go(db, coordinator):
    """The history of applications is kept: deleting a funder with one is refused."""
    used = add_funder(db, coordinator, "The Harmony Trust")
    unused = add_funder(db, coordinator, "Acme Ltd", "company")
    add_application(db, coordinator, used)
    errors = errors_of(db, grants.delete_funder, coordinator, used)
    assert errors["funder"] == (
        "The club has applied to The Harmony Trust, so it stays on the list with its history."
    )
    db.run(grants.delete_funder, coordinator, unused)
    assert [r.name for r in db.run(grants.list_funders, coordinator)] == ["The Harmony Trust"]
    with pytest.raises(NotFound):
        db.run(grants.get_funder, coordinator, unused)


# ---------------------------------------------------------------- applications


def test_a_new_application_starts_as_an_idea_or_being_prepared_and_nothing_else(
    db, coordinator, coordinator_funder
):
    """Sending, awarding and the rest come later, through the pipeline."""
    for status in ("submitted", "awarded", "declined", "withdrawn", "closed"):
        errors = errors_of(
            db,
            grants.save_application,
            coordinator,
            None,
            ApplicationInput(coordinator_funder, "Music project", status=status),
            TODAY,
        )
        assert errors == {"status": "A new application starts as an idea or being prepared."}
    preparing = add_application(db, coordinator, coordinator_funder, status="preparing")
    idea = add_application(db, coordinator, coordinator_funder, "Crafternoon")
    assert view(db, coordinator, preparing).row.status == "preparing"
    assert [(s.status, s.on) for s in view(db, coordinator, preparing).history] == [
        ("preparing", STARTED_ON)
    ]
    assert view(db, coordinator, idea).row.status == "idea"


def test_an_application_keeps_who_writes_it_its_sessions_and_activities(
    db, coordinator, coordinator_funder
):
    """Writers, session names (one per name whatever the capitals) and programme
    activities are kept, and replaced when the application is saved again."""
    ann = add_person(db, coordinator, "Ann Baker")
    bill = add_person(db, coordinator, "Bill Cole")
    singing = db.run(
        programme.add_activity, coordinator, programme.ActivityInput("Singing", "singing")
    )
    application_id = add_application(
        db,
        coordinator,
        coordinator_funder,
        "  Music   project ",
        asked_pence=1_000_000,
        writer_ids=(bill, ann, bill),
        session_names=("Crafternoon", " crafternoon ", "Wednesday  Club"),
        activity_ids=(singing,),
        purpose="Live music at the club.",
    )
    got = view(db, coordinator, application_id)
    assert got.row.title == "Music project"
    assert got.row.asked_pence == 1_000_000
    assert got.writers == [(ann, "Ann Baker"), (bill, "Bill Cole")]
    assert got.session_names == ["Crafternoon", "Wednesday Club"]
    assert got.activities == [(singing, "Singing")]
    assert got.purpose == "Live music at the club."

    db.run(
        grants.save_application,
        coordinator,
        application_id,
        ApplicationInput(coordinator_funder, "Music project", writer_ids=(ann,)),
        TODAY,
    )
    got = view(db, coordinator, application_id)
    assert (got.writers, got.session_names, got.activities) == ([(ann, "Ann Baker")], [], [])
    assert got.row.status == "idea"
    assert len(got.history) == 1  # saving again is not a change of status


def test_an_application_with_mistakes_gets_every_fix_at_once(db, coordinator):
    """No funder, no title, a negative amount, dates out of order, a writer and an
    activity that are not there: each named next to its field."""
    errors = errors_of(
        db,
        grants.save_application,
        coordinator,
        None,
        ApplicationInput(
            None,
            "   ",
            asked_pence=-100,
            opens_on=date(2026, 12, 1),
            deadline=date(2026, 11, 30),
            writer_ids=(9999,),
            activity_ids=(9999,),
        ),
        TODAY,
    )
    assert errors == {
        "funder": "Choose the funder.",
        "title": "Type the title.",
        "asked": "Type the amount asked for, more than £0.",
        "deadline": "The deadline is before the funder's round opens. Check both dates.",
        "writers": "Someone chosen to write the bid is not there any more.",
        "activities": "An activity chosen is not there any more.",
    }
    funder = add_funder(db, coordinator)
    errors = errors_of(
        db,
        grants.save_application,
        coordinator,
        None,
        ApplicationInput(
            funder, "Music", deadline=date(2026, 12, 1), decision_expected=date(2026, 11, 1)
        ),
        TODAY,
    )
    assert errors == {
        "decision_expected": "The decision is expected before the deadline. Check both dates."
    }


def test_the_list_of_applications_filters_by_status_and_funder(db, coordinator):
    """The room's lists: only the statuses asked for, or only one funder's."""
    harmony = add_funder(db, coordinator, "The Harmony Trust")
    lottery = add_funder(db, coordinator, "The Lottery", "lottery")
    music = application_in(db, coordinator, harmony, "submitted", "Music project")
    crafts = application_in(db, coordinator, harmony, "idea", "Crafternoon")
    club = application_in(db, coordinator, lottery, "preparing", "Weekly club")

    def ids(**kw) -> set[int]:
        return {
            r.application_id for r in db.run(grants.list_applications, coordinator, TODAY, **kw)
        }

    assert ids() == {music, crafts, club}
    assert ids(statuses=("idea", "preparing")) == {crafts, club}
    assert ids(funder_id=harmony) == {music, crafts}
    assert ids(funder_id=lottery, statuses=("submitted",)) == set()


def test_the_list_of_applications_puts_the_latest_date_first(db, coordinator):
    """Each application by its latest date (decided, else sent, else the deadline)."""
    funder = add_funder(db, coordinator)
    decided = application_in(db, coordinator, funder, "declined", "Decided 1 Oct")
    sent = application_in(db, coordinator, funder, "submitted", "Sent 1 Sep")
    later = add_application(db, coordinator, funder, "Deadline 1 Dec", deadline=date(2026, 12, 1))
    earlier = add_application(db, coordinator, funder, "Deadline 1 Aug", deadline=date(2026, 8, 1))
    rows = db.run(grants.list_applications, coordinator, TODAY)
    assert [r.application_id for r in rows] == [later, decided, sent, earlier]


# ---------------------------------------------------------------- the pipeline

ALLOWED = [
    (now, to)
    for now, nexts in NEXT_STATUSES.items()
    for to in nexts
    if (now, to) != ("submitted", "awarded")  # that one goes through save_award
]
REFUSED = [(now, to) for now, to in product(STATUSES, STATUSES) if to not in NEXT_STATUSES[now]]


@pytest.mark.parametrize(("now", "to"), ALLOWED)
def test_every_move_the_pipeline_allows_is_made_and_dated(db, coordinator, now, to):
    """Each allowed move changes the status and adds a dated, signed step to the history."""
    funder = add_funder(db, coordinator)
    application_id = application_in(db, coordinator, funder, now)
    before = len(view(db, coordinator, application_id).history)
    move(db, coordinator, application_id, to, TODAY, "Told by phone")
    got = view(db, coordinator, application_id)
    assert got.row.status == to
    assert got.next_statuses == NEXT_STATUSES[to]
    assert len(got.history) == before + 1
    last = got.history[-1]
    assert (last.status, last.on, last.note, last.recorded_by) == (
        to,
        TODAY,
        "Told by phone",
        "Sam Taylor",
    )


@pytest.mark.parametrize(("now", "to"), REFUSED)
def test_every_other_move_is_refused_in_plain_words(db, coordinator, now, to):
    """A move the pipeline does not allow is refused with words naming where the
    application is and where it can go; nothing changes."""
    funder = add_funder(db, coordinator)
    application_id = application_in(db, coordinator, funder, now)
    before = view(db, coordinator, application_id)
    errors = errors_of(db, grants.change_status, coordinator, application_id, to, TODAY, TODAY)
    message = errors["status"]
    if to == now:
        assert message == f"Nothing to change: this application {grants.STATE_WORDS[now]}."
    else:
        assert message.startswith(f"“{grants.MOVE_WORDS[to]}” does not fit: this application ")
        assert grants.STATE_WORDS[now] in message
        for allowed in NEXT_STATUSES[now]:
            assert f"“{grants.MOVE_WORDS[allowed]}”" in message
    after = view(db, coordinator, application_id)
    assert (after.row.status, len(after.history)) == (now, len(before.history))


def test_the_refusal_reads_as_a_sentence(db, coordinator, coordinator_funder):
    """The words a person sees for an idea marked as awarded."""
    idea = add_application(db, coordinator, coordinator_funder)
    errors = errors_of(db, grants.change_status, coordinator, idea, "closed", TODAY, TODAY)
    assert errors["status"] == (
        "“Close the grant” does not fit: this application is still an idea. From here "
        "it can be “Start preparing the bid”, “Mark as sent to the funder” or “Withdraw "
        "the application”."
    )


def test_awarding_a_sent_application_needs_the_award_form(db, coordinator, coordinator_funder):
    """Marking a submitted application awarded without the award's details is refused,
    and pointed at the award; an unknown status is refused too."""
    sent = application_in(db, coordinator, coordinator_funder, "submitted")
    errors = errors_of(db, grants.change_status, coordinator, sent, "awarded", TODAY, TODAY)
    assert errors == {"status": "Record the award, with its amount and dates."}
    errors = errors_of(db, grants.change_status, coordinator, sent, "lost", TODAY, TODAY)
    assert errors == {"status": "Choose where the application has got to."}
    assert view(db, coordinator, sent).row.status == "submitted"


@pytest.mark.parametrize("status", ["idea", "preparing", "declined", "withdrawn"])
def test_only_a_sent_application_can_be_awarded(db, coordinator, coordinator_funder, status):
    """save_award refuses an application that is not with the funder (or awarded)."""
    application_id = application_in(db, coordinator, coordinator_funder, status)
    errors = errors_of(
        db,
        grants.save_award,
        coordinator,
        application_id,
        AwardInput(100_000, TODAY, new_fund_name="Music"),
        TODAY,
    )
    assert errors == {
        "status": "Only an application sent to the funder can be awarded. Mark it as sent first."
    }
    assert view(db, coordinator, application_id).row.status == status


def test_the_history_keeps_each_change_with_its_date_in_order(db, coordinator, coordinator_funder):
    """From idea to closed, each step with the day it happened, earliest first, and the
    dates the pipeline needs on the row."""
    application_id = add_application(
        db, coordinator, coordinator_funder, today=date(2026, 3, 2), asked_pence=500_000
    )
    move(db, coordinator, application_id, "preparing", date(2026, 3, 10))
    move(db, coordinator, application_id, "submitted", date(2026, 4, 1), "Sent online")
    row = view(db, coordinator, application_id).row
    assert (row.submitted_on, row.decided_on) == (date(2026, 4, 1), None)
    award(db, coordinator, application_id, 450_000, date(2026, 6, 15))
    move(db, coordinator, application_id, "closed", date(2026, 11, 2))

    got = view(db, coordinator, application_id)
    assert [(s.status, s.on) for s in got.history] == [
        ("idea", date(2026, 3, 2)),
        ("preparing", date(2026, 3, 10)),
        ("submitted", date(2026, 4, 1)),
        ("awarded", date(2026, 6, 15)),
        ("closed", date(2026, 11, 2)),
    ]
    assert got.history[2].words == "1 April 2026 — Submitted: Sent online"
    assert got.history[3].words == "15 June 2026 — Awarded: Awarded £4,500.00"
    assert (got.row.submitted_on, got.row.decided_on) == (date(2026, 4, 1), date(2026, 6, 15))


def test_going_back_a_step_puts_the_dates_right(db, coordinator, coordinator_funder):
    """Back to preparing forgets the day it was sent; a decline records the day decided,
    and a decline put right (sent again) forgets it."""
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    move(db, coordinator, application_id, "preparing", date(2026, 9, 2))
    assert view(db, coordinator, application_id).row.submitted_on is None
    move(db, coordinator, application_id, "submitted", date(2026, 9, 3))
    move(db, coordinator, application_id, "declined", date(2026, 10, 5))
    row = view(db, coordinator, application_id).row
    assert (row.submitted_on, row.decided_on) == (date(2026, 9, 3), date(2026, 10, 5))
    move(db, coordinator, application_id, "submitted", date(2026, 10, 6))
    row = view(db, coordinator, application_id).row
    assert (row.status, row.submitted_on, row.decided_on) == (
        "submitted",
        date(2026, 10, 6),
        None,
    )


def test_a_change_dated_in_the_future_or_before_sending_is_refused(
    db, coordinator, coordinator_funder
):
    """Changes happen on a day that has come; a decision cannot come before sending."""
    application_id = add_application(db, coordinator, coordinator_funder)
    tomorrow = TODAY + timedelta(days=1)
    errors = errors_of(
        db, grants.change_status, coordinator, application_id, "submitted", tomorrow, TODAY
    )
    assert errors == {"on": "This date is in the future. Choose the day it happened."}
    move(db, coordinator, application_id, "submitted", SENT_ON)
    errors = errors_of(
        db,
        grants.change_status,
        coordinator,
        application_id,
        "declined",
        SENT_ON - timedelta(days=1),
        TODAY,
    )
    assert errors == {"on": "This is before the application was sent. Check the date."}
    errors = errors_of(
        db,
        grants.save_award,
        coordinator,
        application_id,
        AwardInput(100_000, tomorrow, new_fund_name="Music"),
        TODAY,
    )
    assert errors == {
        "decided_on": "This date is in the future. Choose the day the funder decided."
    }
    errors = errors_of(
        db,
        grants.save_award,
        coordinator,
        application_id,
        AwardInput(100_000, SENT_ON - timedelta(days=1), new_fund_name="Music"),
        TODAY,
    )
    assert errors == {"decided_on": "This is before the application was sent. Check the date."}
    row = view(db, coordinator, application_id).row
    assert (row.status, row.decided_on) == ("submitted", None)


def test_a_grant_cannot_close_while_a_report_is_still_due(db, coordinator, coordinator_funder):
    """Closing waits for the funder's reports: the refusal counts them; once all are sent
    it closes."""
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    award(
        db,
        coordinator,
        application_id,
        reports=(
            ReportInput(date(2026, 10, 31), "progress"),
            ReportInput(date(2026, 11, 15), "final", "With photos"),
        ),
    )
    reports = view(db, coordinator, application_id).reports
    assert [(r.kind_words, r.status, r.note) for r in reports] == [
        ("Progress report", "due", ""),
        ("Final report", "due", "With photos"),
    ]
    errors = errors_of(
        db, grants.change_status, coordinator, application_id, "closed", TODAY, TODAY
    )
    assert errors["status"] == (
        "2 of the funder's reports are not marked as sent yet. Mark them sent, or remove any "
        "the funder no longer wants, first."
    )
    db.run(grants.mark_report, coordinator, reports[0].report_id, date(2026, 10, 30), TODAY)
    errors = errors_of(
        db, grants.change_status, coordinator, application_id, "closed", TODAY, TODAY
    )
    assert errors["status"].startswith("1 of the funder's reports is not marked as sent yet.")
    errors = errors_of(
        db, grants.mark_report, coordinator, reports[1].report_id, TODAY + timedelta(1), TODAY
    )
    assert errors == {"sent_on": "This date is in the future. Choose the day it was sent."}
    db.run(grants.mark_report, coordinator, reports[1].report_id, TODAY, TODAY)
    move(db, coordinator, application_id, "closed", TODAY)
    got = view(db, coordinator, application_id)
    assert got.row.status == "closed"
    assert [(r.status, r.sent_on) for r in got.reports] == [
        ("sent", date(2026, 10, 30)),
        ("sent", TODAY),
    ]


def test_a_report_marked_sent_by_mistake_can_be_due_again(db, coordinator, coordinator_funder):
    """mark_report with no date puts it back as still to do."""
    application_id = application_in(db, coordinator, coordinator_funder, "awarded")
    report_id = db.run(
        grants.save_report, coordinator, application_id, None, ReportInput(TODAY, "financial")
    )
    db.run(grants.mark_report, coordinator, report_id, TODAY, TODAY)
    db.run(grants.mark_report, coordinator, report_id, None, TODAY)
    (report,) = view(db, coordinator, application_id).reports
    assert (report.status, report.sent_on) == ("due", None)


@pytest.mark.parametrize("status", ["idea", "preparing", "withdrawn"])
def test_an_application_never_sent_can_be_deleted(db, coordinator, coordinator_funder, status):
    """Ideas, bids being prepared and ones withdrawn before sending can go."""
    application_id = application_in(db, coordinator, coordinator_funder, status)
    db.run(grants.delete_application, coordinator, application_id)
    with pytest.raises(NotFound):
        view(db, coordinator, application_id)


@pytest.mark.parametrize("status", ["submitted", "awarded", "declined", "closed"])
def test_an_application_sent_to_the_funder_is_kept(db, coordinator, coordinator_funder, status):
    """What went to a funder is the club's history: deleting it is refused."""
    application_id = application_in(db, coordinator, coordinator_funder, status)
    errors = errors_of(db, grants.delete_application, coordinator, application_id)
    assert errors["status"] == (
        "This application was sent to the funder, so it is kept. Mark it withdrawn if the "
        "club is not going ahead."
    )
    assert view(db, coordinator, application_id).row.status == status


def test_an_application_withdrawn_after_sending_is_kept(db, coordinator, coordinator_funder):
    """Withdrawing a sent application does not make it deletable: the funder had it."""
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    move(db, coordinator, application_id, "withdrawn", TODAY)
    errors = errors_of(db, grants.delete_application, coordinator, application_id)
    assert errors["status"] == (
        "This application was sent to the funder before it was withdrawn, so it is kept "
        "with the club's history."
    )
    assert view(db, coordinator, application_id).row.submitted_on == SENT_ON


@pytest.mark.parametrize(
    ("status", "deadline", "missed"),
    [
        ("idea", TODAY - timedelta(days=1), True),
        ("preparing", TODAY - timedelta(days=3), True),
        ("preparing", TODAY, False),
        ("preparing", None, False),
        ("submitted", TODAY - timedelta(days=3), False),
        ("withdrawn", TODAY - timedelta(days=3), False),
    ],
)
def test_a_deadline_passed_before_sending_shows_as_missed(
    db, coordinator, coordinator_funder, status, deadline, missed
):
    """Missed only while still an idea or being prepared, and only after the day itself."""
    application_id = application_in(db, coordinator, coordinator_funder, status)
    data = ApplicationInput(coordinator_funder, "Music project", deadline=deadline)
    db.run(grants.save_application, coordinator, application_id, data, TODAY)
    (row,) = db.run(grants.list_applications, coordinator, TODAY)
    assert row.missed is missed
    assert view(db, coordinator, application_id).row.missed is missed


# ---------------------------------------------------------------- who may do what


def test_the_committee_follows_grants_but_cannot_change_them(db, actors, coordinator_funder):
    """Committee members see funders and applications; every change is refused."""
    coordinator, committee = actors["coordinator"], actors["committee"]
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    assert [r.name for r in db.run(grants.list_funders, committee)] == ["The Harmony Trust"]
    assert len(db.run(grants.list_applications, committee, TODAY)) == 1
    assert view(db, committee, application_id).row.title == "Music project"
    refused = [
        (grants.save_funder, (None, FunderInput("Acme", "company"))),
        (grants.delete_funder, (coordinator_funder,)),
        (grants.save_application, (None, ApplicationInput(coordinator_funder, "X"), TODAY)),
        (grants.change_status, (application_id, "withdrawn", TODAY, TODAY)),
        (grants.save_award, (application_id, AwardInput(100, TODAY, new_fund_name="X"), TODAY)),
        (grants.delete_application, (application_id,)),
    ]
    for fn, args in refused:
        with pytest.raises(NotAllowed):
            db.run(fn, committee, *args)
    assert view(db, coordinator, application_id).row.status == "submitted"


def test_a_volunteer_does_not_see_grants(db, actors, coordinator_funder):
    """Grants are for the coordinator, the treasurer and the committee."""
    volunteer = actors["volunteer"]
    for fn, args in [
        (grants.list_funders, ()),
        (grants.get_funder, (coordinator_funder,)),
        (grants.list_applications, (TODAY,)),
        (grants.session_names, ()),
    ]:
        with pytest.raises(NotAllowed):
            db.run(fn, volunteer, *args)


def test_the_treasurer_runs_grants_as_the_coordinator_does(db, actors):
    """The treasurer adds funders and applications and records the award."""
    treasurer = actors["treasurer"]
    funder = add_funder(db, treasurer)
    application_id = application_in(db, treasurer, funder, "awarded")
    assert view(db, treasurer, application_id).history[-1].recorded_by == "Pat Green"


# ---------------------------------------------------------------- the award and its fund


def test_an_award_makes_a_new_restricted_fund_with_the_name_typed(
    db, coordinator, coordinator_funder
):
    """The grant becomes awarded with its details, linked to a new restricted fund named as
    typed (spaces tidied), whose purpose names the grant and the funder."""
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    assert db.run(grants.suggested_fund_name, coordinator, application_id) == (
        "The Harmony Trust — Music project"
    )
    award(
        db,
        coordinator,
        application_id,
        1_200_000,
        new_fund_name="  Harmony   music ",
        period_starts=date(2026, 10, 1),
        period_ends=date(2027, 9, 30),
        funder_reference=" HT-2026-17 ",
        conditions="Credit the Trust on posters.",
        instalments=(
            InstalmentInput(date(2026, 10, 15), 600_000),
            InstalmentInput(date(2027, 4, 15), 600_000),
        ),
    )
    got = view(db, coordinator, application_id)
    assert got.row.status == "awarded"
    assert (got.row.awarded_pence, got.row.decided_on) == (1_200_000, DECIDED_ON)
    assert (got.row.period_starts, got.row.period_ends) == (date(2026, 10, 1), date(2027, 9, 30))
    assert (got.funder_reference, got.conditions) == ("HT-2026-17", "Credit the Trust on posters.")
    assert got.fund_name == "Harmony music"
    fund = next(f for f in db.run(books.list_funds, coordinator) if f.name == "Harmony music")
    assert fund.fund_id == got.row.fund_id
    assert fund.kind == "restricted"
    assert fund.purpose == "Music project, a grant from The Harmony Trust."
    assert [(i.due_on, i.amount_pence, i.entry_id) for i in got.instalments] == [
        (date(2026, 10, 15), 600_000, None),
        (date(2027, 4, 15), 600_000, None),
    ]


def test_an_award_can_use_a_restricted_fund_the_books_have(db, actors, coordinator_funder):
    """Choosing an existing restricted fund links it; no new fund is made."""
    treasurer = actors["treasurer"]
    music = db.run(books.save_fund, treasurer, None, books.FundInput("Music", "restricted"))
    application_id = application_in(db, treasurer, coordinator_funder, "submitted")
    funds_before = len(db.run(books.list_funds, treasurer))
    award(db, treasurer, application_id, fund_id=music)
    assert view(db, treasurer, application_id).row.fund_id == music
    assert len(db.run(books.list_funds, treasurer)) == funds_before


def test_an_award_refuses_a_fund_that_is_not_restricted(db, actors, coordinator_funder):
    """The general fund (and a designated one) cannot hold a grant's money."""
    treasurer = actors["treasurer"]
    general = db.run(books.list_funds, treasurer)[0]
    assert general.kind == "general"
    application_id = application_in(db, treasurer, coordinator_funder, "submitted")
    errors = errors_of(
        db,
        grants.save_award,
        treasurer,
        application_id,
        AwardInput(100_000, TODAY, fund_id=general.fund_id),
        TODAY,
    )
    assert errors == {
        "fund": "General fund is not a restricted fund. A grant's money is restricted to what "
        "the funder gave it for: choose a restricted fund, or make a new one."
    }
    assert view(db, treasurer, application_id).row.status == "submitted"


def test_an_award_refuses_a_new_fund_name_the_books_use_already(db, actors, coordinator_funder):
    """A new fund's name must be new, whatever the capitals; a blank one asks for a fund."""
    treasurer = actors["treasurer"]
    application_id = application_in(db, treasurer, coordinator_funder, "submitted")
    errors = errors_of(
        db,
        grants.save_award,
        treasurer,
        application_id,
        AwardInput(100_000, TODAY, new_fund_name="general  FUND"),
        TODAY,
    )
    assert errors == {
        "fund": "There is already a fund called general FUND. Choose it from the list instead."
    }
    errors = errors_of(
        db, grants.save_award, treasurer, application_id, AwardInput(100_000, TODAY), TODAY
    )
    assert errors == {
        "fund": "Choose the restricted fund for this grant, or type a name for a new one."
    }
    errors = errors_of(
        db,
        grants.save_award,
        treasurer,
        application_id,
        AwardInput(100_000, TODAY, new_fund_name="Music\x00"),
        TODAY,
    )
    assert errors == {"fund": "The new fund's name has a hidden character in it. Retype it."}
    errors = errors_of(
        db,
        grants.save_award,
        treasurer,
        application_id,
        AwardInput(100_000, TODAY, fund_id=9999),
        TODAY,
    )
    assert errors == {"fund": "Choose the restricted fund again: that one is not there any more."}
    assert [f.name for f in db.run(books.list_funds, treasurer)] == ["General fund"]


def test_an_award_refuses_a_retired_fund_but_keeps_its_own(db, actors):
    """A fund no longer used takes no new grant; a grant already in it may still have its
    award changed."""
    treasurer = actors["treasurer"]
    funder = add_funder(db, treasurer)
    old_grant = application_in(db, treasurer, funder, "awarded", "Old project")
    old_fund = view(db, treasurer, old_grant).row.fund_id
    assert old_fund is not None
    db.run(
        books.save_fund,
        treasurer,
        old_fund,
        books.FundInput(f"Grant fund {old_grant}", "restricted", retired=True),
    )
    new_grant = application_in(db, treasurer, funder, "submitted", "New project")
    errors = errors_of(
        db,
        grants.save_award,
        treasurer,
        new_grant,
        AwardInput(100_000, TODAY, fund_id=old_fund),
        TODAY,
    )
    assert errors == {
        "fund": f"Grant fund {old_grant} is no longer used. Choose another, or make a new one."
    }
    award(db, treasurer, old_grant, 1_300_000, fund_id=old_fund)
    assert view(db, treasurer, old_grant).row.awarded_pence == 1_300_000


def test_an_award_with_mistakes_gets_every_fix_at_once(db, coordinator, coordinator_funder):
    """Amount, period, payments and reports are checked together."""
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    errors = errors_of(
        db,
        grants.save_award,
        coordinator,
        application_id,
        AwardInput(
            0,
            TODAY,
            period_starts=date(2027, 1, 1),
            period_ends=date(2026, 12, 31),
            new_fund_name="Music",
            instalments=(InstalmentInput(TODAY, 100), InstalmentInput(TODAY, 0)),
            reports=(ReportInput(TODAY, "final"), ReportInput(TODAY, "annual")),
        ),
        TODAY,
    )
    assert errors == {
        "awarded": "Type the amount awarded, more than £0.",
        "period_ends": "The grant's period ends before it starts. Check both dates.",
        "instalments": "Payment 2 needs an amount more than £0.",
        "reports": "Choose what kind of report number 2 is.",
    }
    assert [f.name for f in db.run(books.list_funds, coordinator)] == ["General fund"]


def test_a_report_note_too_long_is_refused_with_the_award(db, coordinator, coordinator_funder):
    """A report's note typed with the award keeps to the same limit as one saved alone."""
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    errors = errors_of(
        db,
        grants.save_award,
        coordinator,
        application_id,
        AwardInput(
            100_000,
            TODAY,
            new_fund_name="Music",
            reports=(ReportInput(TODAY, "final", "x" * 301),),
        ),
        TODAY,
    )
    assert errors == {
        "reports": "The note of report 1 is 301 characters long; the most it can be is 200. "
        "Shorten it and try again."
    }
    errors = errors_of(
        db,
        grants.save_report,
        coordinator,
        application_in(db, coordinator, coordinator_funder, "awarded", "Other"),
        None,
        ReportInput(TODAY, "final", "x" * 301),
    )
    assert errors == {
        "note": "The note is 301 characters long; the most it can be is 200. "
        "Shorten it and try again."
    }


def test_changing_an_award_keeps_its_status_history_payments_and_fund(
    db, coordinator, coordinator_funder
):
    """Saving the award again changes its details only: payments and reports are changed
    one by one, and no new step joins the history."""
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    award(db, coordinator, application_id, 100_000, instalments=(InstalmentInput(TODAY, 100_000),))
    before = view(db, coordinator, application_id)
    award(
        db,
        coordinator,
        application_id,
        150_000,
        fund_id=before.row.fund_id,
        instalments=(InstalmentInput(TODAY, 1),),
    )
    after = view(db, coordinator, application_id)
    assert after.row.awarded_pence == 150_000
    assert after.row.fund_id == before.row.fund_id
    assert [i.amount_pence for i in after.instalments] == [100_000]
    assert len(after.history) == len(before.history)


def test_awarding_more_than_asked_is_allowed_and_said_by_how_much(
    db, coordinator, coordinator_funder
):
    """£1,500 awarded on £1,000 asked: saved, flagged with the difference."""
    application_id = add_application(db, coordinator, coordinator_funder, asked_pence=100_000)
    move(db, coordinator, application_id, "submitted", SENT_ON)
    award(db, coordinator, application_id, 150_000)
    row = view(db, coordinator, application_id).row
    assert row.over_asked_pence == 50_000
    assert grants.over_asked_words(row) == (
        "The award is £500.00 more than the £1,000.00 asked for. "
        "Check the amount against the funder's letter."
    )


@pytest.mark.parametrize(("asked", "awarded"), [(100_000, 100_000), (100_000, 80_000), (None, 1)])
def test_an_award_not_above_the_amount_asked_is_not_flagged(
    db, coordinator, coordinator_funder, asked, awarded
):
    """The same, less, or nothing asked: no words."""
    application_id = add_application(db, coordinator, coordinator_funder, asked_pence=asked)
    move(db, coordinator, application_id, "submitted", SENT_ON)
    award(db, coordinator, application_id, awarded)
    row = view(db, coordinator, application_id).row
    assert (row.over_asked_pence, grants.over_asked_words(row)) == (0, "")


@pytest.mark.parametrize(
    ("payments", "words"),
    [
        (
            (400_000, 400_000, 400_000),
            "The payments add up to the award, £12,000.00.",
        ),
        (
            (400_000, 400_000),
            "The payments add up to £8,000.00: £4,000.00 less than the award of £12,000.00. "
            "Check them against the funder's letter.",
        ),
        (
            (600_000, 600_050),
            "The payments add up to £12,000.50: £0.50 more than the award of £12,000.00. "
            "Check them against the funder's letter.",
        ),
        ((), "No payments are listed yet. Add the payments the funder said it would make."),
    ],
)
def test_the_payments_expected_are_checked_against_the_award(
    db, coordinator, coordinator_funder, payments, words
):
    """instalments_words says whether the payments add up to £12,000, or by how much not."""
    application_id = application_in(db, coordinator, coordinator_funder, "submitted")
    award(
        db,
        coordinator,
        application_id,
        1_200_000,
        instalments=tuple(
            InstalmentInput(date(2026, 10 + n, 1), pence) for n, pence in enumerate(payments)
        ),
    )
    got = view(db, coordinator, application_id)
    assert got.instalments_difference == (1_200_000 - sum(payments) if payments else 0)
    assert grants.instalments_words(got) == words


def test_payments_and_reports_are_added_changed_and_removed_one_by_one(
    db, coordinator, coordinator_funder
):
    """After the award, a payment or report is added, changed, removed; before an award
    they are refused, and a payment needs an amount."""
    sent = application_in(db, coordinator, coordinator_funder, "submitted")
    errors = errors_of(
        db, grants.save_instalment, coordinator, sent, None, InstalmentInput(TODAY, 100)
    )
    assert errors == {"status": "Record the award first: payments and reports belong to an award."}
    award(db, coordinator, sent, 100_000)
    payment = db.run(
        grants.save_instalment, coordinator, sent, None, InstalmentInput(TODAY, 60_000)
    )
    db.run(grants.save_instalment, coordinator, sent, payment, InstalmentInput(TODAY, 100_000))
    errors = errors_of(
        db, grants.save_instalment, coordinator, sent, payment, InstalmentInput(TODAY, 0)
    )
    assert errors == {"amount": "Type the amount of the payment, more than £0."}
    report = db.run(grants.save_report, coordinator, sent, None, ReportInput(TODAY, "progress"))
    db.run(grants.save_report, coordinator, sent, report, ReportInput(TODAY, "final", "End"))
    got = view(db, coordinator, sent)
    assert [i.amount_pence for i in got.instalments] == [100_000]
    assert grants.instalments_words(got) == "The payments add up to the award, £1,000.00."
    assert [(r.kind, r.note) for r in got.reports] == [("final", "End")]
    db.run(grants.delete_instalment, coordinator, payment)
    db.run(grants.delete_report, coordinator, report)
    got = view(db, coordinator, sent)
    assert (got.instalments, got.reports) == ([], [])


def test_the_session_names_to_choose_from_are_the_clubs(db, coordinator):
    """Each name once, in order."""
    from clubapp.services import attendance

    for name, day in [("Wednesday Club", 4), ("Crafternoon", 5), ("Wednesday Club", 11)]:
        db.run(attendance.add_session, coordinator, name, date(2026, 11, day))
    assert db.run(grants.session_names, coordinator) == ["Crafternoon", "Wednesday Club"]


def test_a_fund_made_by_an_award_is_one_row_in_the_books(db, coordinator, coordinator_funder):
    """Awarding makes exactly one fund, restricted."""
    application_id = application_in(db, coordinator, coordinator_funder, "awarded")
    with db.transaction() as session:
        kinds = session.execute(select(Fund.kind, func.count()).group_by(Fund.kind)).all()
    assert sorted(kinds) == [("general", 1), ("restricted", 1)]
    assert view(db, coordinator, application_id).fund_name == f"Grant fund {application_id}"


def test_an_application_once_sent_is_kept_even_if_taken_back_to_an_idea(
    db, coordinator, coordinator_funder
):
    """Sent, withdrawn, then an idea again: the funder still has it on file, so it stays."""
    application_id = add_application(db, coordinator, coordinator_funder, "Minibus")
    move(db, coordinator, application_id, "submitted", date(2026, 10, 1))
    move(db, coordinator, application_id, "withdrawn", date(2026, 10, 5))
    move(db, coordinator, application_id, "idea", date(2026, 10, 6))
    assert set(errors_of(db, grants.delete_application, coordinator, application_id)) == {"status"}


def test_a_report_cannot_be_sent_before_the_grant_was_awarded(db, coordinator, coordinator_funder):
    """Marking a report sent on a day before the award is a slip: refused, saying when."""
    application_id = application_in(db, coordinator, coordinator_funder, "awarded")
    decided = view(db, coordinator, application_id).row.decided_on
    report_id = db.run(
        grants.save_report,
        coordinator,
        application_id,
        None,
        grants.ReportInput(date(2026, 12, 1), "progress"),
    )
    errors = errors_of(
        db, grants.mark_report, coordinator, report_id, decided - timedelta(days=1), TODAY
    )
    assert errors["sent_on"].startswith("This is before the grant was awarded on ")
