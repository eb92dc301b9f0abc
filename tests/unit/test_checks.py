"""Checks with dates (DBS, time bank, insurance, certificates, references): their state
and warnings in words on a fixed day (TODAY, Wednesday 18 November 2026, with the 30-day
warning by default), the latest of a kind winning, who sees what, and the form's rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.models.members import Person
from clubapp.services import checks, club
from clubapp.services.checks import CheckInput
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from tests.conftest import TODAY, add_person


def add(db, actor, pid: int, kind: str = "dbs", expires: date | None = None, **kw) -> int:
    return db.run(checks.add_check, actor, pid, CheckInput(kind, expires_on=expires, **kw), TODAY)


def in_days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
def ann(db, coordinator) -> int:
    return add_person(db, coordinator, "Ann Abbott", kinds=("volunteer",))


def test_warning_boundary_at_29_30_and_31_days(db, coordinator, ann):
    """With 30 days' warning: 29 and 30 days left are due, 31 is still valid and not on
    the checks-due list."""
    ids = {
        n: add(db, coordinator, ann, kind, in_days(n))
        for n, kind in ((29, "dbs"), (30, "first_aid"), (31, "insurance"))
    }
    rows = {r.check_id: r for r in db.run(checks.person_checks, coordinator, ann, TODAY)}
    assert rows[ids[29]].state == "due"
    assert rows[ids[29]].when_words == "Runs out in 29 days"
    assert rows[ids[30]].state == "due"
    assert rows[ids[30]].when_words == "Runs out in 30 days"
    assert rows[ids[31]].state == "valid"
    assert rows[ids[31]].when_words == "Valid until 19 December 2026"
    due = db.run(checks.checks_due, coordinator, TODAY)
    assert [r.check_id for r in due] == [ids[29], ids[30]]


def test_the_words_near_the_day(db, coordinator, ann):
    """Tomorrow, today, yesterday, three days ago, and no renewal date, in words."""
    for n, kind in ((1, "dbs"), (0, "first_aid"), (-1, "insurance"), (-3, "time_bank")):
        add(db, coordinator, ann, kind, in_days(n))
    add(db, coordinator, ann, "references")
    words = {
        r.kind: (r.state, r.when_words, r.days_left)
        for r in db.run(checks.person_checks, coordinator, ann, TODAY)
    }
    assert words == {
        "dbs": ("due", "Runs out tomorrow", 1),
        "first_aid": ("due", "Runs out today", 0),
        "insurance": ("expired", "Ran out 1 day ago", -1),
        "time_bank": ("expired", "Ran out 3 days ago", -3),
        "references": ("valid", "No renewal date", None),
    }


def test_short_words_and_details(db, coordinator, ann):
    """ "DBS valid until March 2027" for a check well in date; the date itself when it is
    due or ran out; the DBS level, update service and issue day as details."""
    add(
        db,
        coordinator,
        ann,
        "dbs",
        date(2027, 3, 15),
        issued_on=date(2024, 3, 15),
        dbs_level="enhanced",
        update_service=True,
        certificate_number="001234567890",
    )
    add(db, coordinator, ann, "first_aid", date(2026, 10, 3))
    add(db, coordinator, ann, "insurance", date(2026, 12, 1))
    add(db, coordinator, ann, "references")
    rows = {r.kind: r for r in db.run(checks.person_checks, coordinator, ann, TODAY)}
    assert rows["dbs"].short_words == "DBS valid until March 2027"
    assert rows["dbs"].details == "Enhanced, on the update service, issued 15 March 2024"
    assert rows["dbs"].kind_words == "DBS check"
    assert rows["first_aid"].short_words == "First aid ran out on 3 October 2026"
    assert rows["first_aid"].details == ""
    assert rows["insurance"].short_words == "Insurance runs out on 1 December 2026"
    assert rows["references"].short_words == "References in place, no renewal date"


def test_the_warning_setting_changes_the_window(db, coordinator, ann):
    """With 45 days' warning, 31 days left is due; with 7, 29 days left is not."""
    add(db, coordinator, ann, "dbs", in_days(31))
    add(db, coordinator, ann, "first_aid", in_days(29))
    db.run(club.set_int_setting, coordinator, "check_warning_days", 45)
    assert {r.kind for r in db.run(checks.checks_due, coordinator, TODAY)} == {"dbs", "first_aid"}
    db.run(club.set_int_setting, coordinator, "check_warning_days", 7)
    assert db.run(checks.checks_due, coordinator, TODAY) == []
    row = db.run(checks.person_checks, coordinator, ann, TODAY)[0]
    assert row.when_words == "Valid until 17 December 2026"


def test_checks_due_lists_the_most_overdue_first_for_people_still_with_the_club(
    db, coordinator, ann
):
    """Overdue first, then soonest; a paused person's checks are listed (they may come
    back), and those of someone who left are not."""
    bob = add_person(db, coordinator, "Bob Brown")
    cath = add_person(db, coordinator, "Cath Cole")
    add(db, coordinator, ann, "dbs", in_days(10))
    add(db, coordinator, bob, "dbs", in_days(-20))
    add(db, coordinator, cath, "dbs", in_days(-5))
    add(db, coordinator, ann, "first_aid", in_days(2))
    with db.transaction() as s:
        row = s.get(Person, cath)
        row.status, row.status_on = "paused", TODAY
    due = db.run(checks.checks_due, coordinator, TODAY)
    assert [(r.person_name, r.kind) for r in due] == [
        ("Bob Brown", "dbs"),
        ("Cath Cole", "dbs"),
        ("Ann Abbott", "first_aid"),
        ("Ann Abbott", "dbs"),
    ]
    with db.transaction() as s:
        row = s.get(Person, bob)
        row.status, row.status_on = "left", TODAY
    assert "Bob Brown" not in {r.person_name for r in db.run(checks.checks_due, coordinator, TODAY)}


def test_the_latest_check_of_a_kind_wins(db, coordinator, ann):
    """A DBS that ran out is renewed: only the new one counts, on the list and for a
    need; a reference with no renewal date replaces an old dated one."""
    old = add(db, coordinator, ann, "dbs", in_days(-40), issued_on=date(2023, 10, 1))
    new = add(db, coordinator, ann, "dbs", in_days(3 * 365), issued_on=in_days(-10))
    add(db, coordinator, ann, "references", in_days(-2), issued_on=date(2025, 1, 1))
    add(db, coordinator, ann, "references", None, issued_on=in_days(-1))
    assert db.run(checks.checks_due, coordinator, TODAY) == []
    rows = db.run(checks.person_checks, coordinator, ann, TODAY)
    assert {r.check_id for r in rows} >= {old, new}
    with db.transaction() as s:
        assert checks.latest_expiries(s, ("dbs", "references"), [ann]) == {
            (ann, "dbs"): in_days(3 * 365),
            (ann, "references"): None,
        }


def test_an_old_check_with_no_date_does_not_hide_a_newer_one_that_ran_out(db, coordinator, ann):
    """The newest check is the one issued last: a DBS from 2019 entered without a renewal
    date does not make a 2023 DBS that ran out look in place."""
    add(db, coordinator, ann, "dbs", None, issued_on=date(2019, 5, 1))
    add(db, coordinator, ann, "dbs", in_days(-20), issued_on=date(2023, 5, 1))
    assert [r.kind for r in db.run(checks.checks_due, coordinator, TODAY)] == ["dbs"]
    with db.transaction() as s:
        assert checks.latest_expiries(s, ("dbs",)) == {(ann, "dbs"): in_days(-20)}


def test_a_renewal_still_due_is_the_one_listed(db, coordinator, ann):
    """Two dated checks of a kind, both within the window: the later one is listed."""
    add(db, coordinator, ann, "insurance", in_days(-1))
    later = add(db, coordinator, ann, "insurance", in_days(20))
    assert [r.check_id for r in db.run(checks.checks_due, coordinator, TODAY)] == [later]


def test_only_the_coordinator_sees_certificate_numbers(db, actors, ann):
    """The committee sees the check and its dates but a blank certificate number."""
    check_id = add(
        db, actors["coordinator"], ann, "dbs", in_days(5), certificate_number="0012 3456"
    )
    mine = db.run(checks.check, actors["coordinator"], check_id, TODAY)
    theirs = db.run(checks.check, actors["committee"], check_id, TODAY)
    assert mine.certificate_number == "0012 3456"
    assert theirs.certificate_number == ""
    assert theirs.expires_on == mine.expires_on
    assert db.run(checks.checks_due, actors["committee"], TODAY)[0].certificate_number == ""
    assert db.run(checks.person_checks, actors["committee"], ann, TODAY)[0].certificate_number == ""


@pytest.mark.parametrize("role", ["volunteer", "treasurer"])
def test_volunteers_and_the_treasurer_cannot_see_checks(db, actors, ann, role):
    """Checks are the coordinator's and the trustees' business."""
    check_id = add(db, actors["coordinator"], ann, "dbs", in_days(5))
    with pytest.raises(NotAllowed):
        db.run(checks.person_checks, actors[role], ann, TODAY)
    with pytest.raises(NotAllowed):
        db.run(checks.checks_due, actors[role], TODAY)
    with pytest.raises(NotAllowed):
        db.run(checks.check, actors[role], check_id, TODAY)


@pytest.mark.parametrize("role", ["committee", "volunteer", "treasurer"])
def test_only_the_coordinator_adds_changes_or_removes_checks(db, actors, ann, role):
    """Adding, changing and removing a check are the coordinator's."""
    check_id = add(db, actors["coordinator"], ann, "dbs", in_days(5))
    with pytest.raises(NotAllowed):
        add(db, actors[role], ann, "dbs", in_days(50))
    with pytest.raises(NotAllowed):
        db.run(checks.update_check, actors[role], check_id, CheckInput("dbs"), TODAY)
    with pytest.raises(NotAllowed):
        db.run(checks.remove_check, actors[role], check_id)


def test_every_mistake_on_the_form_is_said_at_once(db, coordinator, ann):
    """Issued after today, renewal before issue, a level on a non-DBS check and a long
    certificate number: four errors, each on its field."""
    data = CheckInput(
        "first_aid",
        issued_on=in_days(1),
        expires_on=in_days(0),
        dbs_level="enhanced",
        certificate_number="9" * 51,
    )
    with pytest.raises(ValidationError) as caught:
        db.run(checks.add_check, coordinator, ann, data, TODAY)
    assert set(caught.value.errors) == {
        "issued_on",
        "expires_on",
        "dbs_level",
        "certificate_number",
    }
    with pytest.raises(ValidationError) as caught:
        db.run(checks.add_check, coordinator, ann, CheckInput("passport"), TODAY)
    assert set(caught.value.errors) == {"kind"}


def test_update_and_remove(db, coordinator, ann):
    """A check is changed in place (the update service kept only for DBS) and removed;
    a removed check is not found."""
    check_id = add(db, coordinator, ann, "dbs", in_days(5), update_service=True)
    db.run(
        checks.update_check,
        coordinator,
        check_id,
        CheckInput("first_aid", expires_on=in_days(400), update_service=True, notes=" St John "),
        TODAY,
    )
    row = db.run(checks.check, coordinator, check_id, TODAY)
    assert (row.kind, row.update_service, row.notes, row.state) == (
        "first_aid",
        False,
        "St John",
        "valid",
    )
    db.run(checks.remove_check, coordinator, check_id)
    with pytest.raises(NotFound):
        db.run(checks.check, coordinator, check_id, TODAY)
    with pytest.raises(NotFound):
        db.run(checks.remove_check, coordinator, check_id)
    with pytest.raises(NotFound):
        add(db, coordinator, 9999, "dbs")
