"""The "Keeping data safe" room through its real widgets: the review's big buttons (keep
for a year takes the line away; erasing asks first, naming the person), the audit log
filtered by area, by person and by days, 200 at a time, and the privacy notice printed
from the room and from Settings, and changed in Settings."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from sqlalchemy import insert, select

from clubapp.models.audit import AuditEntry
from clubapp.models.members import ConsentRecord, Person, PersonPhoto
from clubapp.services import audit, members, notes, privacy_notice
from clubapp.services.audit import AuditFilter, AuditRow
from clubapp.services.members import ConsentData
from clubapp.services.notes import NoteInput
from clubapp.ui.pages.data_safety import DataSafetyPage
from clubapp.ui.pages.person import PersonPage
from clubapp.ui.tablemodels.audit import AREA_ROLE, AuditModel, when_words
from tests.conftest import TODAY, add_person
from tests.gui.committee_helpers import answer_next_question, click, open_stack, settle
from tests.gui.test_accessibility import sign_in

PNG = b"\x89PNG\r\n\x1a\n" + b"picture" * 4


@pytest.fixture(autouse=True)
def _theme(themed_app):
    yield


def open_room(qtbot, db, actor) -> tuple:
    return open_stack(qtbot, db, actor, lambda ctx: DataSafetyPage(ctx))


def choose(qtbot, combo: QComboBox, words: str) -> None:
    """Choose ``words`` in a drop-down with the keyboard, as a person can."""
    combo.setFocus()
    start = combo.currentIndex()
    key = Qt.Key.Key_Down if combo.findText(words) > start else Qt.Key.Key_Up
    for _ in range(combo.count()):
        if combo.currentText() == words:
            return
        qtbot.keyClick(combo, key)
    assert combo.currentText() == words


# ---------------------------------------------------------------- the review


def test_keep_for_another_year_takes_the_line_away(qtbot, db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith", status="left", status_on=date(2020, 3, 1))
    _ctx, _stack, page = open_room(qtbot, db, coordinator)
    card = page.card_for(ann, "leaver")
    assert card is not None
    assert "Left the club on 1 March 2020, more than 3 years ago" in card.words_label.text()
    assert page.review_summary_label.text() == "1 thing to review, most urgent first."
    click(qtbot, card.buttons["keep"])
    qtbot.waitUntil(lambda: page.card_for(ann) is None)
    assert "come back to this list on 18 November 2027" in page.review_note.text()
    assert page.review_summary_label.text() == "Nothing to review now."
    assert "Nobody left the club more than 3 years ago" in page.review_words_label.text()


def test_erasing_asks_first_naming_the_person(qtbot, db, coordinator):
    """Going back changes nothing; saying yes erases Ann and her line goes."""
    ann = add_person(db, coordinator, "Ann Smith", status="left", status_on=date(2020, 3, 1))
    _ctx, _stack, page = open_room(qtbot, db, coordinator)
    asked = answer_next_question(confirm=False)
    click(qtbot, page.card_for(ann).buttons["erase"])
    assert asked and asked[0].startswith("Erase Ann Smith's details?")
    assert page.card_for(ann) is not None
    with db.transaction() as s:
        assert s.get(Person, ann).full_name == "Ann Smith"

    asked = answer_next_question(confirm=True)
    click(qtbot, page.card_for(ann).buttons["erase"])
    qtbot.waitUntil(lambda: page.card_for(ann) is None)
    assert asked
    with db.transaction() as s:
        assert s.get(Person, ann).full_name != "Ann Smith"
    assert page.review_note.text().startswith("Ann Smith's details are erased.")


def test_a_consent_review_and_a_withdrawn_photo_consent(qtbot, db, coordinator):
    """Reviewed: still agreed sets the next review a year on; Remove their photos asks,
    then deletes the photo; both lines go."""
    bill = add_person(
        db,
        coordinator,
        "Bill Jones",
        consents=(ConsentData("about_me", "self", date(2025, 11, 1), review_on=date(2026, 11, 1)),),
    )
    cath = add_person(
        db,
        coordinator,
        "Cath Brown",
        consents=(ConsentData("photos", "self", date(2025, 1, 1)),),
    )
    db.run(members.set_photo, coordinator, cath, PNG, TODAY)
    with db.transaction() as s:
        record = s.scalars(select(ConsentRecord).where(ConsentRecord.person_id == cath)).one()
        record.withdrawn_on = date(2026, 11, 1)
    _ctx, _stack, page = open_room(qtbot, db, coordinator)
    # The withdrawn consent with the photo still kept comes first.
    assert [c.row.person_id for c in page.cards] == [cath, bill]

    click(qtbot, page.card_for(bill).buttons["still_agreed"])
    qtbot.waitUntil(lambda: page.card_for(bill) is None)
    assert "The next review is on 18 November 2027" in page.review_note.text()
    with db.transaction() as s:
        review_on = s.scalars(
            select(ConsentRecord.review_on).where(ConsentRecord.person_id == bill)
        ).one()
    assert review_on == date(2027, 11, 18)

    asked = answer_next_question(confirm=True)
    click(qtbot, page.card_for(cath).buttons["remove_photos"])
    qtbot.waitUntil(lambda: page.card_for(cath) is None)
    assert asked and "Cath Brown's photo" in asked[0]
    with db.transaction() as s:
        assert s.get(PersonPhoto, cath) is None


def test_open_their_record_when_the_day_they_left_is_missing(qtbot, db, coordinator):
    eve = add_person(db, coordinator, "Eve White", status="left")
    _ctx, stack, page = open_room(qtbot, db, coordinator)
    click(qtbot, page.card_for(eve).buttons["open"])
    qtbot.waitUntil(lambda: isinstance(stack.current, PersonPage))
    assert stack.current.person_id == eve


def test_a_long_review_shows_20_lines_at_a_time(qtbot, db, coordinator):
    for i in range(23):
        add_person(db, coordinator, f"Leaver {i:02d}", status="left", status_on=date(2020, 1, 1))
    _ctx, _stack, page = open_room(qtbot, db, coordinator)
    assert page.review_summary_label.text() == "23 things to review, most urgent first."
    assert len(page.cards) == 20
    assert page.more_review_button.text() == "Show 3 more (3 not shown)"
    click(qtbot, page.more_review_button)
    assert len(page.cards) == 23
    assert not page.more_review_button.isVisible()


# ---------------------------------------------------------------- who changed what


@pytest.fixture
def logged(db, actors) -> dict[str, int]:
    """Ann added by the coordinator; a note about her by Dev Patel, a volunteer."""
    ann = add_person(db, actors["coordinator"], "Ann Smith")
    data = NoteInput(ann, TODAY, "idea", "A trip to the seaside")
    db.run(notes.add_note, actors["volunteer"], data, TODAY)
    return {"ann": ann, "dev": actors["volunteer"].user_id}


def areas_shown(page: DataSafetyPage) -> set[str]:
    model = page.audit_model
    return {model.index(r, 0).data(AREA_ROLE) for r in range(model.rowCount())}


def test_the_audit_log_filters_by_area_and_by_person(qtbot, db, actors, logged):
    coordinator = actors["coordinator"]
    _ctx, _stack, page = open_room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["audit"])
    assert page.section_shown() == "audit"
    everything = page.audit_model.rowCount()
    assert everything == db.run(audit.audit_count, coordinator)
    assert {"people", "notes", "users"} <= areas_shown(page)
    assert page.audit_table.isVisible()

    choose(qtbot, page.area_filter, "One-to-one notes")
    qtbot.waitUntil(lambda: areas_shown(page) == {"notes"})
    assert page.audit_model.rowCount() == len(
        db.run(audit.audit_entries, coordinator, AuditFilter(area="notes"))
    )

    choose(qtbot, page.area_filter, "Every area")
    choose(qtbot, page.who_filter, "Dev Patel")
    qtbot.waitUntil(lambda: page.audit_model.rowCount() < everything)
    rows = page.audit_model.rows()
    assert rows and {r.who for r in rows} == {"Dev Patel"}
    assert "notes" in {r.area for r in rows}
    cell = page.audit_model.index(0, 0).data()
    assert cell.split("\n")[1:] == ["Dev Patel", "Volunteer"]


def test_the_audit_log_filters_by_days(qtbot, db, actors, logged):
    """From tomorrow: nothing matches, in words; up to a day before the from day: the
    mistake is named; boxes cleared: everything again."""
    coordinator = actors["coordinator"]
    _ctx, _stack, page = open_room(qtbot, db, coordinator)
    page.show_section("audit")
    everything = page.audit_model.rowCount()
    tomorrow = datetime.now().date() + timedelta(days=1)
    page.from_filter.edit.set_value(tomorrow)
    click(qtbot, page.from_filter.check)
    qtbot.waitUntil(lambda: page.audit_model.rowCount() == 0)
    assert page.audit_count_label.text().startswith("No changes match.")
    assert not page.audit_table.isVisible()

    page.to_filter.edit.set_value(tomorrow - timedelta(days=2))
    click(qtbot, page.to_filter.check)
    qtbot.waitUntil(page.audit_error.isVisible)
    assert "on or after the first day" in page.audit_error.text()

    click(qtbot, page.to_filter.check)
    click(qtbot, page.from_filter.check)
    qtbot.waitUntil(lambda: page.audit_model.rowCount() == everything)
    assert not page.audit_error.isVisible()


def test_show_older_changes_adds_the_next_200(qtbot, db, coordinator):
    """450 entries: 200, then 400, then all 450 and the button goes."""
    with db.transaction() as s:
        s.execute(
            insert(AuditEntry),
            [
                {
                    "user_id": coordinator.user_id,
                    "role": "coordinator",
                    "area": "people",
                    "what": "changed",
                    "action": "members.save_person",
                    "record_table": "people",
                    "record_id": i,
                    "fields": "phone",
                }
                for i in range(1, 451)
            ],
        )
    total = db.run(audit.audit_count, coordinator)
    assert total >= 450
    _ctx, _stack, page = open_room(qtbot, db, coordinator)
    page.show_section("audit")
    assert page.audit_model.rowCount() == 200
    assert "newest 200 changes" in page.audit_count_label.text()
    click(qtbot, page.older_button)
    qtbot.waitUntil(lambda: page.audit_model.rowCount() == 400)
    click(qtbot, page.older_button)
    qtbot.waitUntil(lambda: page.audit_model.rowCount() == total)
    assert not page.older_button.isVisible()
    ids = [r.entry_id for r in page.audit_model.rows()]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == total


def test_the_audit_model_passes_the_model_tester(qtmodeltester, db, coordinator, person_factory):
    person_factory("Ann Smith")
    rows = db.run(audit.audit_entries, coordinator)
    assert len(rows) > 2
    model = AuditModel()
    model.set_rows(rows[:2])
    model.add_rows(rows[2:])
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows)
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == rows[0].entry_id


def test_times_are_shown_in_local_time_as_people_read_them():
    """Stored in UTC: 09:14 UTC on 5 December is 09:14 in London (winter), 08:14 UTC on
    4 July is 09:14 there (summer time)."""
    london = ZoneInfo("Europe/London")
    assert when_words(datetime(2026, 12, 5, 9, 14), london) == "Sat 5 Dec 2026, 09:14"
    assert when_words(datetime(2026, 7, 4, 8, 14), london) == "Sat 4 Jul 2026, 09:14"
    row = AuditRow(
        1,
        datetime(2026, 12, 5, 9, 14),
        "Sam Taylor",
        "Coordinator",
        "people",
        "People",
        "changed",
        "Save person",
        "people",
        3,
        "Ann Smith (person 3)",
        "full_name, phone",
    )
    model = AuditModel(zone=london)
    model.set_rows([row])
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells == [
        "Sat 5 Dec 2026, 09:14\nSam Taylor\nCoordinator",
        "People: changed\nSave person\nAnn Smith (person 3)\nFields: full name, phone",
    ]


# ---------------------------------------------------------------- the privacy notice


def test_the_notice_is_shown_and_printed_from_the_room(qtbot, db, coordinator):
    ctx, stack, page = open_room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["notice"])
    shown = page.notice_words()
    assert shown.startswith("Your information and Riverside Club\nWho we are\n")
    assert "for 3 years after you leave" in shown
    click(qtbot, page.print_notice_button)
    assert len(stack.pdfs.shown) == 1
    title, make_pdf, file_name = stack.pdfs.shown[0]
    assert (title, file_name) == ("Privacy notice", "privacy-notice-2026-11-18.pdf")
    from tests.unit.test_printing_members import all_text

    assert "Your information and Riverside Club" in " ".join(all_text(make_pdf()).split())


def test_the_notice_is_changed_and_printed_in_settings(qtbot, db, coordinator):
    """Typed and saved; a blank one refused beside the box, with what was typed kept;
    the standard wording put back; printed from Settings too."""
    from clubapp.ui.pages.settings import SettingsPage

    _ctx, stack, settings = open_stack(qtbot, db, coordinator, lambda ctx: SettingsPage(ctx))
    assert settings.notice_box.text() == privacy_notice.DEFAULT_NOTICE
    settings.notice_box.clear()
    click(qtbot, settings.save_notice_button)
    assert settings.notice_row.has_error()
    assert "empty" in settings.notice_row.error_text()
    qtbot.keyClicks(settings.notice_box, "About [club name]")
    click(qtbot, settings.save_notice_button)
    assert not settings.notice_row.has_error()
    assert db.run(privacy_notice.notice_text, coordinator) == "About Riverside Club\n"
    assert settings.notice_note.text() == "Saved the privacy notice."

    settings.retention_years.clear()
    qtbot.keyClicks(settings.retention_years, "25")
    click(qtbot, settings.save_retention_button)
    assert "from 1 to 20" in settings.retention_row.error_text()
    settings.retention_years.clear()
    qtbot.keyClicks(settings.retention_years, "6")
    click(qtbot, settings.save_retention_button)
    assert (
        settings.retention_note.text()
        == "Saved: details are kept for 6 years after someone leaves."
    )

    qtbot.keyClicks(settings.notice_box, " and more")
    asked = answer_next_question(confirm=False)
    click(qtbot, settings.standard_notice_button)
    assert asked and "What you typed and did not save will be lost" in asked[0]
    assert " and more" in settings.notice_box.text()
    asked = answer_next_question(confirm=True)
    click(qtbot, settings.standard_notice_button)
    assert asked
    assert settings.notice_box.text() == privacy_notice.DEFAULT_NOTICE
    click(qtbot, settings.save_notice_button)
    assert "for 6 years after you leave" in db.run(privacy_notice.notice_text, coordinator)
    click(qtbot, settings.print_notice_button)
    assert [shown[0] for shown in stack.pdfs.shown] == ["Privacy notice"]


# ---------------------------------------------------------------- the rail


def test_only_the_coordinator_has_the_room_and_it_leads_to_settings(window, qtbot):
    for role in ("treasurer", "committee", "volunteer"):
        sign_in(window, qtbot, role)
        assert "Keeping data safe" not in window.shell.nav, role
        window.sign_out()
    sign_in(window, qtbot, "coordinator")
    shell = window.shell
    button = shell.nav["Keeping data safe"]
    assert button.accessibleName() == "Keeping data safe"
    click(qtbot, button)
    page = shell.rooms["Keeping data safe"]
    assert shell.heading.text() == "Keeping data safe"
    page.show_section("notice")
    settle(qtbot)
    click(qtbot, page.change_notice_button)
    qtbot.waitUntil(lambda: shell.pages.current is shell.rooms.get("Settings"))
    settings = shell.rooms["Settings"]
    settle(qtbot)
    assert not settings.notice_box.visibleRegion().isEmpty()
    assert shell.nav["Settings"].isChecked()
