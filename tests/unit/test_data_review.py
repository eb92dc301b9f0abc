"""The retention and consent review: who left more than the retention years ago, which
consents are due for review, which withdrawn consents still have something held; each
line in words, most urgent first; and the one-click actions, each one transaction.

Every date here is worked out by hand from TODAY, Wednesday 18 November 2026."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from clubapp.models.audit import AuditEntry
from clubapp.models.club import Setting
from clubapp.models.members import ConsentRecord, Person, PersonPhoto
from clubapp.models.notes import Note
from clubapp.services import audit, club, data_review, members, notes
from clubapp.services.data_review import years_after
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.members import ConsentData
from clubapp.services.notes import NoteInput
from tests.conftest import TODAY, add_person

PNG = b"\x89PNG\r\n\x1a\n" + b"picture" * 4


def review(db, actor, today: date = TODAY) -> data_review.Review:
    return db.run(data_review.review, actor, today)


def lines(db, actor, today: date = TODAY) -> list[tuple[str, int]]:
    return [(r.kind, r.person_id) for r in review(db, actor, today).rows]


def consent_id(db, person_id: int, what: str) -> int:
    with db.transaction() as s:
        return s.scalars(
            select(ConsentRecord.id).where(
                ConsentRecord.person_id == person_id, ConsentRecord.what == what
            )
        ).one()


def withdraw_directly(db, person_id: int, what: str, on: date) -> None:
    """Withdrawn as an older version of the app, or an import, left it: the record says
    withdrawn while what it covered is still held."""
    with db.transaction() as s:
        record = s.get(ConsentRecord, consent_id(db, person_id, what))
        record.withdrawn_on = on


# ---------------------------------------------------------------- dates


def test_years_after_keeps_the_day_and_moves_29_february_to_the_28th():
    assert years_after(date(2023, 11, 18), 3) == date(2026, 11, 18)
    assert years_after(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert years_after(date(2024, 2, 29), 4) == date(2028, 2, 29)


# ---------------------------------------------------------------- leavers


def test_only_people_who_left_more_than_the_retention_years_ago_are_listed(db, coordinator):
    """3 years by default: left on 17 November 2023 is 3 years and a day (listed); left
    on 18 November 2023 is exactly 3 years (not yet); died in 2020 (listed); active
    (never); left with no day recorded (listed, with a way to add the day)."""
    ann = add_person(db, coordinator, "Ann Smith", status="left", status_on=date(2023, 11, 17))
    add_person(db, coordinator, "Bill Jones", status="left", status_on=date(2023, 11, 18))
    cath = add_person(db, coordinator, "Cath Brown", status="died", status_on=date(2020, 1, 1))
    add_person(db, coordinator, "Dan Green")
    eve = add_person(db, coordinator, "Eve White", status="left")
    rows = review(db, coordinator).rows
    # Oldest due first (Cath's 3 years ran out on 1 January 2023, Ann's on 17 November
    # 2026); the one whose day is not known after them.
    assert [(r.kind, r.person_id) for r in rows] == [
        ("leaver", cath),
        ("leaver", ann),
        ("leaver", eve),
    ]
    cath_row, ann_row, eve_row = rows
    assert ann_row.words.startswith("Left the club on 17 November 2023, more than 3 years ago.")
    assert cath_row.words.startswith("Died on 1 January 2020")
    assert "day is not recorded" in eve_row.words
    assert ann_row.actions == ("erase", "keep")
    assert eve_row.actions == ("erase", "keep", "open")
    # The next day Bill's 3 years are over too.
    assert ("leaver", ann) in lines(db, coordinator, date(2026, 11, 19))
    assert len(lines(db, coordinator, date(2026, 11, 19))) == 4


def test_the_retention_years_setting_moves_the_line(db, coordinator):
    """At 5 years, Ann (left 17 November 2023) is not due until 17 November 2028."""
    ann = add_person(db, coordinator, "Ann Smith", status="left", status_on=date(2023, 11, 17))
    db.run(club.set_int_setting, coordinator, "retention_years", 5)
    assert review(db, coordinator).retention_years == 5
    assert lines(db, coordinator) == []
    assert lines(db, coordinator, date(2028, 11, 17)) == []
    assert lines(db, coordinator, date(2028, 11, 18)) == [("leaver", ann)]
    with pytest.raises(ValidationError):
        db.run(club.set_int_setting, coordinator, "retention_years", 21)


def test_keep_for_another_year_hides_the_line_for_a_year_and_is_logged(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith", status="left", status_on=date(2023, 11, 17))
    until = db.run(data_review.keep_another_year, coordinator, ann, TODAY)
    assert until == date(2027, 11, 18)
    assert lines(db, coordinator) == []
    assert lines(db, coordinator, date(2027, 11, 17)) == []
    back = review(db, coordinator, date(2027, 11, 18)).rows
    assert [(r.kind, r.person_id) for r in back] == [("leaver", ann)]
    assert "another year, until 18 November 2027" in back[0].words
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.area, entry.record_table, entry.record_id) == ("privacy", "people", ann)
        assert entry.action == "data_review.keep_another_year"


def test_someone_already_erased_is_not_listed_again(db, coordinator):
    """Erasure may keep a row for "a former member": its "erased" entry in the audit log
    keeps it off the list."""
    ann = add_person(db, coordinator, "Ann Smith", status="left", status_on=date(2020, 3, 1))
    assert lines(db, coordinator) == [("leaver", ann)]
    db.run(audit.note_action, coordinator, "privacy", "erased", "people", ann, "erasure.test")
    assert lines(db, coordinator) == []


# ---------------------------------------------------------------- consents due


def test_consents_due_in_the_next_30_days_or_overdue_are_listed(db, coordinator):
    """Review on 10 November (overdue), 18 December (30 days on: listed), 19 December
    (31 days: not yet); a withdrawn consent and someone who left are not asked."""
    given = date(2025, 11, 1)
    ann = add_person(
        db,
        coordinator,
        "Ann Smith",
        consents=(
            ConsentData("photos", "self", given, review_on=date(2026, 11, 10)),
            ConsentData("share_phone", "self", given, review_on=date(2026, 12, 19)),
        ),
    )
    bill = add_person(
        db,
        coordinator,
        "Bill Jones",
        consents=(
            ConsentData("about_me", "self", given, review_on=date(2026, 12, 18)),
            ConsentData(
                "share_phone",
                "self",
                given,
                review_on=date(2026, 11, 1),
                withdrawn_on=date(2026, 6, 1),
            ),
        ),
    )
    add_person(
        db,
        coordinator,
        "Cath Brown",
        status="left",
        status_on=date(2026, 10, 1),
        consents=(ConsentData("photos", "self", given, review_on=date(2026, 11, 1)),),
    )
    rows = review(db, coordinator).rows
    assert [(r.kind, r.person_id, r.what) for r in rows] == [
        ("consent_due", ann, "photos"),
        ("consent_due", bill, "about_me"),
    ]
    assert rows[0].words.startswith(
        "Their consent to photos was due for review on 10 November 2026."
    )
    assert "due for review on 18 December 2026, in 30 days." in rows[1].words
    assert rows[0].actions == ("still_agreed", "withdraw")
    # On 19 November Ann's phone consent comes within the 30 days.
    later = review(db, coordinator, date(2026, 11, 19)).rows
    phone = [r for r in later if r.what == "share_phone"]
    assert len(phone) == 1 and "on 19 December 2026, in 30 days." in phone[0].words


def test_reviewed_still_agreed_sets_the_next_review_a_year_on(db, coordinator):
    ann = add_person(
        db,
        coordinator,
        "Ann Smith",
        consents=(ConsentData("photos", "self", date(2025, 11, 1), review_on=date(2026, 11, 1)),),
    )
    consent = consent_id(db, ann, "photos")
    assert db.run(data_review.still_agreed, coordinator, consent, TODAY) == date(2027, 11, 18)
    assert lines(db, coordinator) == []
    assert lines(db, coordinator, date(2027, 10, 19)) == [("consent_due", ann)]
    assert lines(db, coordinator, date(2027, 10, 18)) == []


def test_withdrawn_today_ends_the_consent_and_removes_the_photo(db, coordinator):
    ann = add_person(
        db,
        coordinator,
        "Ann Smith",
        consents=(ConsentData("photos", "self", date(2025, 11, 1), review_on=date(2026, 11, 1)),),
    )
    db.run(members.set_photo, coordinator, ann, PNG, TODAY)
    consent = consent_id(db, ann, "photos")
    words = db.run(data_review.withdraw_today, coordinator, consent, TODAY)
    assert "Ann Smith's consent to photos ended today" in words
    assert "photo was removed" in words
    with db.transaction() as s:
        assert s.get(ConsentRecord, consent).withdrawn_on == TODAY
        assert s.get(PersonPhoto, ann) is None
    assert lines(db, coordinator) == []
    with pytest.raises(ValidationError):
        db.run(data_review.withdraw_today, coordinator, consent, TODAY)
    with pytest.raises(ValidationError):
        db.run(data_review.still_agreed, coordinator, consent, TODAY)


# ---------------------------------------------------------------- withdrawn, still held


def test_a_withdrawn_photo_consent_with_a_photo_held_comes_first(db, coordinator):
    """Withdrawn on 1 November with the photo still kept: listed before an overdue
    leaver; removing the photos takes the line away and is logged against the person."""
    ann = add_person(
        db,
        coordinator,
        "Ann Smith",
        consents=(ConsentData("photos", "self", date(2025, 11, 1)),),
    )
    bill = add_person(db, coordinator, "Bill Jones", status="left", status_on=date(2019, 1, 1))
    db.run(members.set_photo, coordinator, ann, PNG, TODAY)
    withdraw_directly(db, ann, "photos", date(2026, 11, 1))
    rows = review(db, coordinator).rows
    assert [(r.kind, r.person_id) for r in rows] == [("withdrawn", ann), ("leaver", bill)]
    assert rows[0].words == (
        "Withdrew their consent to photos on 1 November 2026, but the club still keeps a "
        "photo of them."
    )
    assert rows[0].actions == ("remove_photos",)
    db.run(data_review.remove_photos, coordinator, ann, TODAY)
    assert lines(db, coordinator) == [("leaver", bill)]
    with db.transaction() as s:
        assert s.get(PersonPhoto, ann) is None
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.what, entry.record_table, entry.record_id) == ("changed", "people", ann)
        assert entry.action == "data_review.remove_photos"


def test_photos_are_kept_while_consent_is_in_force(db, coordinator):
    ann = add_person(
        db, coordinator, "Ann Smith", consents=(ConsentData("photos", "self", date(2025, 1, 1)),)
    )
    db.run(members.set_photo, coordinator, ann, PNG, TODAY)
    assert lines(db, coordinator) == []
    with pytest.raises(ValidationError):
        db.run(data_review.remove_photos, coordinator, ann, TODAY)
    with db.transaction() as s:
        assert s.get(PersonPhoto, ann) is not None


def test_health_notes_after_their_consent_was_withdrawn_can_be_removed(db, coordinator):
    """Two health notes and one other: the line counts two; removing takes the two."""
    ann = add_person(
        db,
        coordinator,
        "Ann Smith",
        consents=(ConsentData("health_notes", "self", date(2025, 1, 1)),),
    )
    for text, health in (("Knee is painful", True), ("New tablets", True), ("Likes jazz", False)):
        data = NoteInput(ann, date(2026, 10, 1), "need", text, health_related=health)
        db.run(notes.add_note, coordinator, data, TODAY)
    withdraw_directly(db, ann, "health_notes", date(2026, 11, 2))
    rows = review(db, coordinator).rows
    assert [(r.kind, r.what) for r in rows] == [("withdrawn", "health_notes")]
    assert "still keeps 2 notes about their health" in rows[0].words
    assert db.run(data_review.remove_health_notes, coordinator, ann, TODAY) == 2
    with db.transaction() as s:
        left = s.scalars(select(Note.text).where(Note.person_id == ann)).all()
    assert left == ["Likes jazz"]
    assert lines(db, coordinator) == []


def test_consent_to_keeping_details_withdrawn_offers_erasing_once(db, coordinator):
    """A leaver who also withdrew consent to keeping their details is listed once, for
    the withdrawal."""
    ann = add_person(
        db,
        coordinator,
        "Ann Smith",
        status="left",
        status_on=date(2020, 5, 1),
        consents=(
            ConsentData("keep_details", "self", date(2019, 1, 1), withdrawn_on=date(2020, 5, 1)),
        ),
    )
    rows = review(db, coordinator).rows
    assert [(r.kind, r.person_id, r.what) for r in rows] == [("withdrawn", ann, "keep_details")]
    assert rows[0].actions == ("erase", "open")
    assert "their details are still kept" in rows[0].words


# ---------------------------------------------------------------- who may


@pytest.mark.parametrize("role", ["treasurer", "committee", "volunteer"])
def test_only_the_coordinator_reviews_or_acts(db, actors, role):
    ann = add_person(
        db, actors["coordinator"], "Ann Smith", status="left", status_on=date(2020, 1, 1)
    )
    actor = actors[role]
    with pytest.raises(NotAllowed):
        db.run(data_review.review, actor, TODAY)
    with pytest.raises(NotAllowed):
        db.run(data_review.keep_another_year, actor, ann, TODAY)
    with pytest.raises(NotAllowed):
        db.run(data_review.remove_photos, actor, ann, TODAY)
    with db.transaction() as s:
        assert s.get(Setting, f"keep_until:{ann}") is None


def test_erasing_a_leaver_takes_them_off_the_list_and_forgets_the_extra_year(db, coordinator):
    """Kept a year, back on the list a year later, then erased: the line goes for good,
    and the setting that kept them goes too."""
    ann = add_person(db, coordinator, "Ann Smith", status="left", status_on=date(2019, 6, 1))
    db.run(data_review.keep_another_year, coordinator, ann, TODAY)
    later = date(2027, 11, 18)
    assert lines(db, coordinator, later) == [("leaver", ann)]
    result = db.run(data_review.erase_details, coordinator, ann)
    assert "Ann Smith" in result.words
    assert lines(db, coordinator, later) == []
    assert lines(db, coordinator, date(2040, 1, 1)) == []
    with db.transaction() as s:
        assert s.get(Setting, f"keep_until:{ann}") is None
        names = s.scalars(select(Person.full_name)).all()
    assert "Ann Smith" not in names
