"""The Volunteers room through its real widgets: switching parts, the needs list and its
filter, who can do what with its skill filter and contact details only for the
coordinator, checks in words and colour on a fixed day, hours for a period with their
worth, the rota moving month by month, the skills list changed by the coordinator,
opening needs and people, the printouts, Home's checks and needs, and who sees what.

The data is made here through the services (:func:`make_volunteers`), on a club without
the demo's, so every figure below can be worked out from its docstring.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from clubapp.db.database import Database
from clubapp.services import checks, needs, skills, volunteer_hours
from clubapp.services.checks import CheckInput
from clubapp.services.needs import NeedInput
from clubapp.services.permissions import Actor
from clubapp.services.skills import SkillChoice
from clubapp.services.volunteer_hours import HoursInput
from clubapp.ui import theme
from clubapp.ui.pages.home import HomePage
from clubapp.ui.pages.person_skills import PersonSkillsPage
from clubapp.ui.pages.volunteers import TitleFirstDelegate, VolunteersPage, checks_summary
from clubapp.ui.tablemodels.volunteers import (
    STATE_ROLE,
    ChecksModel,
    DirectoryModel,
    HoursLogModel,
    MonthHoursModel,
    NeedsModel,
    PersonHoursModel,
    RotaModel,
    SkillsModel,
)
from clubapp.ui.widgets.tables import CELL_PADDING_PX, wrapped_lines
from tests.conftest import TODAY, add_person
from tests.gui.committee_helpers import (
    LEFT,
    answer_next_question,
    choose_in_list,
    click,
    open_stack,
)

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """Pages opened here may be left holding what a test typed. As the window closes
    after the test, they would ask "Leave without saving?" and wait for an answer that
    never comes (that question is the forms' own, tested with them)."""
    from clubapp.ui.pages.form_page import FormPage

    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)
    monkeypatch.setattr(PersonSkillsPage, "can_leave", lambda self: True)


def make_volunteers(db: Database, actor: Actor) -> dict[str, int]:
    """Five people, three checks to renew, five needs and three entries of hours, seen
    from TODAY (Wednesday 18 November 2026, checks warned 30 days ahead):

    - Ann Archer (member): can do cooking, learning gardening; free Monday mornings.
      Food hygiene certificate ran out 10 November 2026 (8 days ago).
    - Bob Baker (volunteer, 0161 496 0101, bob.baker@example.org): can teach music
      making, can do driving, would like to learn cooking; free Wednesday afternoons and
      Saturday mornings. Enhanced DBS runs out 1 December 2026 (in 13 days).
    - Cath Cole (carer): can do bookkeeping, but would rather not at the club. Insurance
      runs out 10 December 2026 (in 22 days); first aid valid until June 2027.
    - Dev Dale (volunteer): only free times, Friday evenings.
    - Eve Evans (member): nothing said, so not in the directory.

    Needs: "Past stall" on 10 November 2026, still open (its day passed); "Weekly
    singing helper" every Wednesday afternoon from 1 November 2026, 1 wanted, Bob agreed
    (filled); "Drive to the garden centre" on 25 November 2026 afternoon, 2 wanted, Bob
    agreed; "Check the accounts" any time before 15 December 2026, nobody yet; "Old
    raffle" on 1 November 2026, done.

    Hours: Bob 2 hours on 4 November and 2½ hours on 11 November for the weekly singing;
    Ann 1 hour on 20 October 2026, "Baking for the fair".
    """

    def run(fn, *args):
        return db.run(fn, actor, *args)

    people = {
        "ann": add_person(db, actor, "Ann Archer"),
        "bob": add_person(
            db,
            actor,
            "Bob Baker",
            kinds=("volunteer",),
            phone="0161 496 0101",
            email="bob.baker@example.org",
        ),
        "cath": add_person(db, actor, "Cath Cole", kinds=("carer",)),
        "dev": add_person(db, actor, "Dev Dale", kinds=("volunteer",)),
        "eve": add_person(db, actor, "Eve Evans"),
    }
    skill = {row.name: row.skill_id for row in run(skills.skills)}
    run(
        skills.save_skills,
        people["ann"],
        [SkillChoice(skill["Cooking"], "can_do"), SkillChoice(skill["Gardening"], "learning")],
    )
    run(skills.save_free_times, people["ann"], {(0, "morning")})
    run(
        skills.save_skills,
        people["bob"],
        [
            SkillChoice(skill["Music making"], "can_teach"),
            SkillChoice(skill["Driving"], "can_do"),
            SkillChoice(skill["Cooking"], "wants_to_learn"),
        ],
    )
    run(skills.save_free_times, people["bob"], {(2, "afternoon"), (5, "morning")})
    run(
        skills.save_skills,
        people["cath"],
        [SkillChoice(skill["Bookkeeping"], "can_do", happy_to_use=False)],
    )
    run(skills.save_free_times, people["dev"], {(4, "evening")})

    ids = dict(people)
    ids["ann_food"] = run(
        checks.add_check,
        people["ann"],
        CheckInput("food_hygiene", date(2023, 11, 10), date(2026, 11, 10)),
        TODAY,
    )
    ids["bob_dbs"] = run(
        checks.add_check,
        people["bob"],
        CheckInput(
            "dbs",
            date(2023, 12, 1),
            date(2026, 12, 1),
            dbs_level="enhanced",
            certificate_number="001234567890",
            update_service=True,
        ),
        TODAY,
    )
    ids["cath_insurance"] = run(
        checks.add_check,
        people["cath"],
        CheckInput("insurance", date(2025, 12, 10), date(2026, 12, 10)),
        TODAY,
    )
    run(
        checks.add_check,
        people["cath"],
        CheckInput("first_aid", date(2024, 6, 1), date(2027, 6, 1)),
        TODAY,
    )

    ids["past"] = run(
        needs.add_need,
        NeedInput("Past stall", "job", "date", on_date=date(2026, 11, 10)),
    )
    ids["weekly"] = run(
        needs.add_need,
        NeedInput(
            "Weekly singing helper",
            "session",
            "weekly",
            weekday=2,
            part="afternoon",
            starts_on=date(2026, 11, 1),
            must_skills=(skill["Singing"],),
        ),
    )
    run(needs.answer, ids["weekly"], people["bob"], "agreed", TODAY)
    ids["drive"] = run(
        needs.add_need,
        NeedInput(
            "Drive to the garden centre",
            "job",
            "date",
            on_date=date(2026, 11, 25),
            part="afternoon",
            people_wanted=2,
            must_skills=(skill["Driving"],),
        ),
    )
    run(needs.answer, ids["drive"], people["bob"], "agreed", TODAY)
    ids["accounts"] = run(
        needs.add_need,
        NeedInput("Check the accounts", "accounts", "before", by_date=date(2026, 12, 15)),
    )
    ids["raffle"] = run(
        needs.add_need,
        NeedInput("Old raffle", "job", "date", on_date=date(2026, 11, 1)),
    )
    run(needs.set_status, ids["raffle"], "done")

    ids["bob_4"] = run(
        volunteer_hours.log_hours,
        HoursInput(people["bob"], date(2026, 11, 4), 120, need_id=ids["weekly"]),
        TODAY,
    )
    ids["bob_11"] = run(
        volunteer_hours.log_hours,
        HoursInput(people["bob"], date(2026, 11, 11), 150, need_id=ids["weekly"]),
        TODAY,
    )
    ids["ann_20"] = run(
        volunteer_hours.log_hours,
        HoursInput(people["ann"], date(2026, 10, 20), 60, note="Baking for the fair"),
        TODAY,
    )
    ids.update({f"skill:{name}": sid for name, sid in skill.items()})
    return ids


@pytest.fixture
def vol(db, coordinator) -> dict[str, int]:
    return make_volunteers(db, coordinator)


def room(qtbot, db, actor):
    return open_stack(qtbot, db, actor, VolunteersPage)


def cells(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def click_row(qtbot, page: VolunteersPage, table, row: int) -> None:
    """Bring a row into view and click it, as a person would."""
    index = table.model().index(row, 0)
    page.scroll_area.ensureWidgetVisible(table)
    rect = table.visualRect(index)
    page.scroll_area.ensureVisible(
        table.x() + rect.center().x(), table.mapTo(page.scroll_area.widget(), rect.center()).y()
    )
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(index).center())


# ---------------------------------------------------------------- the parts


def test_the_parts_switch_by_clicking(themed_app, qtbot, db, coordinator, vol):
    """The room opens on Needs; each button shows its own part and only that one."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    assert page.section_shown() == "needs"
    assert [b.text() for b in page.section_buttons.values()] == [
        "Needs",
        "Who can do what",
        "Checks",
        "Hours",
        "Rota",
        "Skills list",
    ]
    for key, button in page.section_buttons.items():
        click(qtbot, button)
        assert page.section_shown() == key
        assert button.isChecked()
        assert [k for k, w in page.sections.items() if w.isVisible()] == [key]


def test_the_needs_list_soonest_first_and_the_done_ones(themed_app, qtbot, db, coordinator, vol):
    """Needs still to do, soonest first, with the passed one saying so; the second filter
    lists the done one."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    model = page.needs_model
    assert [t.split("\n")[0] for t in cells(model, 0)] == [
        "Past stall",
        "Weekly singing helper",  # its next Wednesday is today
        "Drive to the garden centre",
        "Check the accounts",
    ]
    drive = model.row_of(vol["drive"])
    # The title, and under it what the need is for, plainly a second thing.
    assert model.index(drive, 0).data() == "Drive to the garden centre\nFor: A one-off job"
    assert model.index(drive, 1).data() == "Wednesday 25 November 2026, afternoon"
    assert model.index(drive, 2).data() == "1 of 2 people found\nLooking for people"
    weekly = model.row_of(vol["weekly"])
    assert model.index(weekly, 0).data() == "Weekly singing helper\nFor: A club session"
    assert model.index(weekly, 2).data() == "1 of 1 person found\nHas enough people"
    past = model.row_of(vol["past"])
    assert model.index(past, 1).data() == (
        "Tuesday 10 November 2026\nThe day has passed: mark it done"
    )
    assert page.needs_count_label.text() == "4 needs still to do, soonest first."
    # The title is drawn bold and what it is for is not: each row is tall enough for both.
    assert isinstance(page.needs_table.itemDelegateForColumn(0), TitleFirstDelegate)
    assert isinstance(page.rota_table.itemDelegateForColumn(1), TitleFirstDelegate)
    assert_rows_fit_bold_titles(page.needs_table, 0)
    click(qtbot, page.need_filters[1])
    assert cells(model, 0) == ["Old raffle\nFor: A one-off job"]
    assert model.index(0, 2).data() == "1 person wanted, nobody yet\nDone"
    assert page.needs_count_label.text() == "1 need done or cancelled."
    click(qtbot, page.need_filters[0])
    assert model.rowCount() == 4


def assert_rows_fit_bold_titles(table, column: int) -> None:
    """Every row is as tall as its title wrapped in bold and its other lines, at the
    column's width."""
    bold = QFont(table.font())
    bold.setBold(True)
    spacing = QFontMetrics(table.font()).lineSpacing()
    width = table.columnWidth(column) - theme.scaled_px(CELL_PADDING_PX, theme.current_scale())
    model = table.model()
    for row in range(model.rowCount()):
        first, _, rest = model.index(row, column).data().partition("\n")
        lines = wrapped_lines(bold, first, width) + wrapped_lines(table.font(), rest, width)
        assert table.rowHeight(row) >= lines * spacing, (row, first)


def test_bold_titles_fit_their_rows_at_200_percent(themed_app, qtbot, db, coordinator, vol):
    """At 200 % the needs' bold titles wrap onto more lines, and the rows grow to hold
    them (the needs list and the rota)."""
    theme.apply_theme(themed_app, 2.0)
    _ctx, _stack, page = room(qtbot, db, coordinator)
    for _ in range(5):
        QApplication.processEvents()
    assert_rows_fit_bold_titles(page.needs_table, 0)
    click(qtbot, page.section_buttons["rota"])
    for _ in range(5):
        QApplication.processEvents()
    assert_rows_fit_bold_titles(page.rota_table, 1)


def test_no_needs_says_how_to_add_one(themed_app, qtbot, db, coordinator):
    """With no needs the list is hidden and the sentence says to press Add a need."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    assert not page.needs_table.isVisible()
    assert page.needs_count_label.text() == "No needs still to do. Press Add a need to add one."
    assert page.add_need_button.isVisible()


# ---------------------------------------------------------------- who can do what


@POPUP_WARNINGS
def test_who_can_do_what_and_the_skill_filter(themed_app, qtbot, db, coordinator, vol):
    """Everyone who said anything, by name, with skills one to a line; choosing Cooking
    in the list leaves Ann (can do) and not Bob (would only like to learn)."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["people"])
    model = page.directory_model
    assert [t.split("\n")[0] for t in cells(model, 0)] == [
        "Ann Archer",
        "Bob Baker",
        "Cath Cole",
        "Dev Dale",
    ]
    bob = model.row_of(vol["bob"])
    assert model.index(bob, 1).data() == (
        "Can teach music making\nCan do driving\nWould like to learn cooking"
    )
    assert model.index(bob, 2).data() == "Free on Wednesday afternoons and Saturday mornings."
    cath = model.row_of(vol["cath"])
    assert model.index(cath, 1).data() == "Can do bookkeeping (would rather not at the club)"
    dev = model.row_of(vol["dev"])
    assert model.index(dev, 1).data() == "None given yet"
    assert page.directory_count_label.text() == "4 people, by name."

    choose_in_list(qtbot, page.skill_filter, "Cooking")
    assert [t.split("\n")[0] for t in cells(model, 0)] == ["Ann Archer"]
    assert page.directory_count_label.text() == "1 person can do or is learning cooking."
    choose_in_list(qtbot, page.skill_filter, "Photography")
    assert model.rowCount() == 0
    assert not page.directory_table.isVisible()
    assert page.directory_count_label.text() == "Nobody has said they can do photography yet."
    choose_in_list(qtbot, page.skill_filter, "Everyone")
    assert model.rowCount() == 4


def test_contact_details_only_for_the_coordinator(themed_app, qtbot, db, actors, vol):
    """The coordinator sees Bob's phone and email under his name; the committee sees his
    name alone, and a line saying contacts are for the coordinator."""
    _ctx, _stack, page = room(qtbot, db, actors["coordinator"])
    click(qtbot, page.section_buttons["people"])
    model = page.directory_model
    bob = model.row_of(vol["bob"])
    assert model.index(bob, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Bob Baker\n0161 496 0101\nbob.baker@example.org"
    )
    # Shown with spaces a line never breaks at: the number never wraps in the middle.
    assert model.index(bob, 0).data().split("\n")[1] == "0161\u00a0496\u00a00101"

    _ctx, _stack, page = room(qtbot, db, actors["committee"])
    click(qtbot, page.section_buttons["people"])
    model = page.directory_model
    assert model.index(model.row_of(vol["bob"]), 0).data() == "Bob Baker"
    texts = [w.text() for w in page.sections["people"].findChildren(type(page.problem_label))]
    assert "Phone numbers and email addresses are for the coordinator only." in texts


# ---------------------------------------------------------------- checks


def test_checks_due_in_words_and_colour(themed_app, qtbot, db, coordinator, vol):
    """The sentence counts one ran out and two running out within 30 days; the lines,
    the one that ran out first, say it in words, with a red line and a yellow one."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["checks"])
    assert page.checks_label.text() == "1 check ran out and 2 run out in the next 30 days."
    model = page.checks_model
    assert cells(model, 0) == ["Ann Archer", "Bob Baker", "Cath Cole"]
    assert cells(model, 1) == [
        "Food hygiene certificate\nIssued 10 November 2023",
        "DBS check\nEnhanced, on the update service, issued 1 December 2023",
        "Insurance\nIssued 10 December 2025",
    ]
    assert cells(model, 2) == [
        "Ran out 8 days ago\n10 November 2026",
        "Runs out in 13 days\n1 December 2026",
        "Runs out in 22 days\n10 December 2026",
    ]
    assert [model.index(r, 0).data(STATE_ROLE) for r in range(3)] == ["expired", "due", "due"]
    expired = model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole).color().name().upper()
    due = model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole).color().name().upper()
    assert expired == theme.COLOURS.error_background.upper()
    assert due == theme.COLOURS.focus_soft.upper()
    words = model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole).color().name().upper()
    assert words == theme.COLOURS.danger.upper()
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_checks_sentence_in_each_case():
    """Ran out only, running out only, one of each, and none at all."""
    from clubapp.services.checks import CheckRow

    def row(days: int) -> CheckRow:
        ends = date.fromordinal(TODAY.toordinal() + days)
        return CheckRow(1, 1, "A", "dbs", None, ends, "", "", False, "", TODAY, 30)

    assert checks_summary([row(-1), row(-2)], 30) == "2 checks ran out."
    assert checks_summary([row(3)], 30) == "1 check runs out in the next 30 days."
    assert checks_summary([row(-3), row(4)], 14) == (
        "1 check ran out and 1 runs out in the next 14 days."
    )
    assert checks_summary([], 1) == "No checks have run out, and none run out in the next 1 day."


def test_no_checks_part_without_checks_see(themed_app, qtbot, db, actors, vol):
    """A volunteer and the treasurer have no Checks button; show_section("checks") keeps
    the room where it was."""
    for role in ("volunteer", "treasurer"):
        _ctx, _stack, page = room(qtbot, db, actors[role])
        assert "checks" not in page.section_buttons
        assert "checks" not in page.sections
        page.show_section("checks")
        assert page.section_shown() == "needs"


def test_the_setting_changes_the_warning_days(themed_app, qtbot, db, coordinator, vol):
    """With checks warned 10 days ahead, only Ann's (ran out) is left, and the sentence
    says so; the room follows the settings change."""
    from clubapp.services import club
    from clubapp.ui.context import SETTINGS

    ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["checks"])
    ctx.run(club.set_int_setting, "check_warning_days", 10, changed=SETTINGS)
    assert cells(page.checks_model, 0) == ["Ann Archer"]
    assert page.checks_label.text() == "1 check ran out."


# ---------------------------------------------------------------- hours


def test_hours_for_each_period_with_their_worth(themed_app, qtbot, db, coordinator, vol):
    """This month: Bob's 4½ hours, worth £57.20 at £12.71; last month: Ann's hour; the
    financial year both, 5½ hours worth £69.91."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["hours"])
    assert page.period_buttons["this_month"].isChecked()
    assert page.period_label.text() == "This month: 1 November 2026 to 30 November 2026"
    assert page.totals_label.text() == "4½ hours given by 1 person."
    assert page.value_label.text() == "Worth £57.20 at the club's rate of £12.71 an hour."
    assert cells(page.person_hours_model, 0) == ["Bob Baker"]
    assert cells(page.person_hours_model, 1) == ["4½ hours"]
    assert cells(page.person_hours_model, 2) == ["2 times"]
    assert cells(page.month_hours_model, 0) == ["November 2026"]
    assert cells(page.hours_model, 0) == ["Bob Baker", "Bob Baker"]
    assert cells(page.hours_model, 1) == ["11 November 2026\n2½ hours", "4 November 2026\n2 hours"]
    assert cells(page.hours_model, 2) == ["Weekly singing helper", "Weekly singing helper"]

    click(qtbot, page.period_buttons["last_month"])
    assert page.period_label.text() == "Last month: 1 October 2026 to 31 October 2026"
    assert page.totals_label.text() == "1 hour given by 1 person."
    assert cells(page.hours_model, 2) == ["Baking for the fair"]
    assert cells(page.person_hours_model, 2) == ["Once"]

    click(qtbot, page.period_buttons["this_year"])
    assert page.period_label.text() == (
        "This financial year, 2026-27: 1 April 2026 to 31 March 2027"
    )
    assert page.totals_label.text() == "5½ hours given by 2 people."
    assert page.value_label.text() == "Worth £69.91 at the club's rate of £12.71 an hour."
    assert cells(page.month_hours_model, 0) == ["October 2026", "November 2026"]
    assert cells(page.month_hours_model, 2) == ["1 person", "1 person"]

    click(qtbot, page.period_buttons["last_year"])
    assert page.totals_label.text() == "No hours were logged in this time."
    assert not page.hours_table.isVisible()
    assert not page.value_label.isVisible()


def test_removing_hours_asks_first_naming_them(themed_app, qtbot, db, coordinator, vol):
    """Remove these hours waits for a choice, asks in words naming whose hours, and
    once agreed the totals go down."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["hours"])
    assert not page.remove_hours_button.isEnabled()
    click_row(qtbot, page, page.hours_table, page.hours_model.row_of(vol["bob_4"]))
    assert page.selected_hours_id() == vol["bob_4"]
    asked = answer_next_question(confirm=False)
    click(qtbot, page.remove_hours_button)
    assert asked == [
        "Remove Bob Baker's 2 hours on Wednesday 4 November 2026 for Weekly singing "
        "helper? They will no longer count in the totals."
    ]
    assert page.hours_model.rowCount() == 2
    asked = answer_next_question(confirm=True)
    click(qtbot, page.remove_hours_button)
    assert len(asked) == 1
    assert cells(page.hours_model, 1) == ["11 November 2026\n2½ hours"]
    assert page.totals_label.text() == "2½ hours given by 1 person."


def test_a_volunteer_removing_old_hours_is_told_why_not(
    themed_app, qtbot, db, actors, vol, monkeypatch
):
    """Two days after Bob's hours were logged, a volunteer's Remove these hours still asks
    first; the service's refusal then shows plainly beside the button, and the hours
    stay. Choosing other hours takes the words away."""
    from datetime import timedelta

    from clubapp.models.base import utcnow

    later = utcnow() + timedelta(days=2)
    monkeypatch.setattr(volunteer_hours, "utcnow", lambda: later)
    _ctx, _stack, page = room(qtbot, db, actors["volunteer"])
    click(qtbot, page.section_buttons["hours"])
    click_row(qtbot, page, page.hours_table, page.hours_model.row_of(vol["bob_4"]))
    asked = answer_next_question(confirm=True)
    click(qtbot, page.remove_hours_button)
    assert asked[0].startswith("Remove Bob Baker's 2 hours on Wednesday 4 November 2026")
    assert page.remove_hours_error.isVisible()
    assert page.remove_hours_error.text() == (
        "Hours logged more than a day ago can be removed only by the coordinator: they "
        "may be in a report to a funder already."
    )
    assert page.hours_model.rowCount() == 2
    assert page.remove_hours_note.text().startswith("To take off hours logged by mistake")
    click_row(qtbot, page, page.hours_table, page.hours_model.row_of(vol["bob_11"]))
    assert not page.remove_hours_error.isVisible()


def test_who_may_log_and_remove_hours(themed_app, qtbot, db, actors, vol):
    """A volunteer may log and remove hours; the treasurer and the committee only see them."""
    for role, may in (("volunteer", True), ("treasurer", False), ("committee", False)):
        _ctx, _stack, page = room(qtbot, db, actors[role])
        click(qtbot, page.section_buttons["hours"])
        assert page.log_hours_button.isVisible() is may, role
        assert page.remove_hours_button.isVisible() is may, role
        assert page.hours_model.rowCount() == 2


# ---------------------------------------------------------------- the rota


def test_the_rota_moves_month_by_month(themed_app, qtbot, db, coordinator, vol):
    """November has the weekly singing each Wednesday, the passed stall, the raffle and
    the drive; Next month shows December with the accounts by the 15th; Previous month
    twice shows October, empty."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["rota"])
    assert page.month_label.text() == "November 2026"
    assert page.previous_month_button.text() == "Previous month: October 2026"
    assert page.next_month_button.text() == "Next month: December 2026"
    model = page.rota_model
    assert cells(model, 0) == [
        "Sunday 1 November 2026",
        "Wednesday 4 November 2026, afternoon",
        "Tuesday 10 November 2026",
        "Wednesday 11 November 2026, afternoon",
        "Wednesday 18 November 2026, afternoon",
        "Wednesday 25 November 2026, afternoon",
        "Wednesday 25 November 2026, afternoon",
    ]
    drive = [r for r in range(model.rowCount()) if model.index(r, 1).data().startswith("Drive")]
    assert [model.index(r, 2).data() for r in drive] == ["Bob Baker\n1 more person wanted"]
    weekly = [r for r in range(model.rowCount()) if model.index(r, 1).data().startswith("Weekly")]
    assert {model.index(r, 2).data() for r in weekly} == {"Bob Baker"}
    assert page.rota_label.text() == (
        "7 things on the rota in November 2026, by day; 2 still want more people."
    )

    click(qtbot, page.next_month_button)
    assert page.rota_month() == (2026, 12)
    assert page.month_label.text() == "December 2026"
    assert "By Tuesday 15 December 2026" in cells(model, 0)
    accounts = cells(model, 0).index("By Tuesday 15 December 2026")
    assert model.index(accounts, 1).data() == "Check the accounts\nFor: The accounts"
    assert model.index(accounts, 2).data() == "Nobody yet\n1 more person wanted"

    click(qtbot, page.previous_month_button)
    click(qtbot, page.previous_month_button)
    assert page.month_label.text() == "October 2026"
    assert model.rowCount() == 0
    assert not page.rota_table.isVisible()
    assert page.rota_label.text() == "Nothing is on the rota for October 2026."


def test_the_rota_crosses_the_year(themed_app, qtbot, db, coordinator):
    """Next month from December is January of the next year, and back again."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["rota"])
    click(qtbot, page.next_month_button)
    click(qtbot, page.next_month_button)
    assert page.month_label.text() == "January 2027"
    assert page.next_month_button.text() == "Next month: February 2027"
    click(qtbot, page.previous_month_button)
    assert page.month_label.text() == "December 2026"


# ---------------------------------------------------------------- the skills list


def test_the_skills_list_with_its_counts(themed_app, qtbot, db, coordinator, vol):
    """The 17 seeded skills by name, with how many can do, are learning and are asked for."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["skills"])
    model = page.skills_model
    assert page.skills_count_label.text() == "17 skills on the club's list, by name."
    row = {name: r for r, name in enumerate(cells(model, 0))}
    # Ann can do cooking; Bob would like to learn it.
    assert model.index(row["Cooking"], 1).data() == (
        "1 person can do it\n1 person learning it or would like to"
    )
    assert model.index(row["Cooking"], 2).data() == "No needs ask for it"
    # Cath would rather not use bookkeeping at the club: not counted as able.
    assert model.index(row["Bookkeeping"], 1).data() == "Nobody can do it\nNobody learning it"
    assert model.index(row["Driving"], 2).data() == "1 need asks for it"


def test_adding_renaming_and_removing_a_skill(themed_app, qtbot, db, coordinator, vol):
    """The coordinator types a skill and adds it; chosen, it is renamed; removing it
    asks, naming it, and it goes. A skill people have is refused, saying why."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["skills"])
    assert not page.rename_button.isEnabled()
    assert not page.remove_skill_button.isEnabled()
    assert page.change_skill_note.isVisible()

    # A name already on the list is refused next to the box, and the words are kept.
    qtbot.keyClicks(page.new_skill_box, "cooking")
    click(qtbot, page.add_skill_button)
    assert page.add_skill_error.isVisible()
    assert page.add_skill_error.text() == "There is already a skill called cooking."
    assert page.new_skill_box.text() == "cooking"
    page.new_skill_box.clear()

    qtbot.keyClicks(page.new_skill_box, "knitting")
    click(qtbot, page.add_skill_button)
    assert not page.add_skill_error.isVisible()
    assert page.new_skill_box.text() == ""
    model = page.skills_model
    assert "Knitting" in cells(model, 0)
    assert page.skills_count_label.text() == "18 skills on the club's list, by name."
    # The new skill is chosen, ready to rename or remove.
    assert model.row_at(model.row_of(page.selected_skill_id())).name == "Knitting"
    assert page.rename_button.isEnabled()
    assert not page.change_skill_note.isVisible()
    assert page.rename_box.text() == "Knitting"
    assert page.rename_field.label.text() == "New name for Knitting"

    page.rename_box.clear()
    qtbot.keyClicks(page.rename_box, "Knitting and crochet")
    click(qtbot, page.rename_button)
    assert "Knitting and crochet" in cells(model, 0)
    assert "Knitting" not in cells(model, 0)
    assert page.remove_skill_button.text() == "Remove Knitting and crochet"

    asked = answer_next_question(confirm=True)
    click(qtbot, page.remove_skill_button)
    assert asked == ["Remove Knitting and crochet from the club's list of skills?"]
    assert "Knitting and crochet" not in cells(model, 0)
    assert page.skills_count_label.text() == "17 skills on the club's list, by name."

    # Cooking: Ann can do it and Bob would like to learn it.
    click_row(qtbot, page, page.skills_table, cells(model, 0).index("Cooking"))
    answer_next_question(confirm=True)
    click(qtbot, page.remove_skill_button)
    assert page.skill_error.isVisible()
    assert page.skill_error.text() == (
        "Cooking cannot be removed: 2 people have it. Rename it instead."
    )
    assert "Cooking" in cells(model, 0)


def test_adding_a_skill_keeps_a_new_name_being_typed(themed_app, qtbot, db, coordinator, vol):
    """Halfway through renaming Cooking, the coordinator adds Knitting: the new name typed
    for Cooking stays in its box with Cooking still chosen, and can then be saved."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["skills"])
    model = page.skills_model
    click_row(qtbot, page, page.skills_table, cells(model, 0).index("Cooking"))
    page.rename_box.clear()
    qtbot.keyClicks(page.rename_box, "Cooking and baking")
    qtbot.keyClicks(page.new_skill_box, "Knitting")
    click(qtbot, page.add_skill_button)
    assert "Knitting" in cells(model, 0)
    assert page.rename_box.text() == "Cooking and baking"
    assert model.row_at(model.row_of(page.selected_skill_id())).name == "Cooking"
    assert page.rename_field.label.text() == "New name for Cooking"
    click(qtbot, page.rename_button)
    assert "Cooking and baking" in cells(model, 0)
    assert page.rename_box.text() == "Cooking and baking"


def test_a_new_skill_reaches_the_filter(themed_app, qtbot, db, coordinator, vol):
    """A skill added in the skills list is a choice in Who can do what's filter."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["people"])
    click(qtbot, page.section_buttons["skills"])
    qtbot.keyClicks(page.new_skill_box, "Knitting")
    click(qtbot, page.add_skill_button)
    click(qtbot, page.section_buttons["people"])
    filter_words = [page.skill_filter.itemText(i) for i in range(page.skill_filter.count())]
    assert filter_words[0] == "Everyone"
    assert "Knitting" in filter_words


def test_no_changes_without_volunteers_edit(themed_app, qtbot, db, actors, vol):
    """The committee sees the room but no Add a need, no adding, renaming or removing
    skills, and a note saying only the coordinator changes them."""
    _ctx, _stack, page = room(qtbot, db, actors["committee"])
    assert page.read_only_note.isVisible()
    assert not page.add_need_button.isVisible()
    click(qtbot, page.section_buttons["skills"])
    assert not page.add_row.isVisible()
    assert not page.change_box.isVisible()
    assert page.skills_table.selectionMode() == page.skills_table.SelectionMode.NoSelection
    assert page.skills_model.rowCount() == 17


# ---------------------------------------------------------------- models


@pytest.mark.parametrize(
    "section,model_name",
    [
        ("needs", "needs_model"),
        ("people", "directory_model"),
        ("checks", "checks_model"),
        ("hours", "hours_model"),
        ("hours", "person_hours_model"),
        ("hours", "month_hours_model"),
        ("rota", "rota_model"),
        ("skills", "skills_model"),
    ],
)
def test_the_table_models_pass_the_model_tester(
    themed_app, qtbot, qtmodeltester, db, coordinator, vol, section, model_name
):
    """Each list's model, filled from the services, is a well-behaved Qt model."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    page.show_section(section)
    page.show_period("this_year")
    model = getattr(page, model_name)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_the_model_classes_start_empty(qtmodeltester):
    """An empty model of each kind is well-behaved too."""
    for cls in (
        NeedsModel,
        DirectoryModel,
        ChecksModel,
        HoursLogModel,
        PersonHoursModel,
        MonthHoursModel,
        RotaModel,
        SkillsModel,
    ):
        qtmodeltester.check(cls())


# ---------------------------------------------------------------- Home


def home(qtbot, db, actor):
    went: list[str] = []
    _ctx, _stack, page = open_stack(qtbot, db, actor, lambda ctx: HomePage(ctx, went.append))
    return page, went


def test_home_shows_the_checks_to_renew(themed_app, qtbot, db, coordinator, vol):
    """Home says the three checks in words, the one that ran out first and in red; its
    button goes to the Volunteers room."""
    page, went = home(qtbot, db, coordinator)
    part = page.checks_part
    assert part.isVisible()
    assert part.heading.text() == "Checks to renew"
    assert [line.words() for line in part.lines] == [
        "Ann Archer's food hygiene certificate: ran out 8 days ago",
        "Bob Baker's DBS check: runs out in 13 days",
        "Cath Cole's insurance: runs out in 22 days",
    ]
    assert [line.property("urgency") for line in part.lines] == ["overdue", "soon", "soon"]
    colour = part.lines[0].words_label.palette().color(part.lines[0].words_label.foregroundRole())
    assert colour.name().upper() == theme.COLOURS.danger.upper()
    click(qtbot, part.button)
    assert went == ["Volunteers"]


def test_home_shows_the_needs_looking_for_people(themed_app, qtbot, db, coordinator, vol):
    """Home lists the open needs still ahead (not the passed one, not the filled one)."""
    page, went = home(qtbot, db, coordinator)
    part = page.needs_part
    assert part.isVisible()
    assert part.heading.text() == "Needs looking for people"
    assert [line.words() for line in part.lines] == [
        "Drive to the garden centre, Wednesday 25 November 2026, afternoon: 1 of 2 people found",
        "Check the accounts, any time before Tuesday 15 December 2026: 1 person wanted, nobody yet",
    ]
    click(qtbot, part.button)
    assert went == ["Volunteers"]


def test_home_says_how_many_more_checks_and_needs(themed_app, qtbot, db, coordinator, vol):
    """Five checks to renew and five needs ahead: Home shows three of each, and beside
    each See all button how many more there are."""
    for key, kind in (("dev", "dbs"), ("eve", "first_aid")):
        db.run(
            checks.add_check,
            coordinator,
            vol[key],
            CheckInput(kind, date(2023, 11, 1), date(2026, 11, 1)),
            TODAY,
        )
    for day in (26, 27, 28):
        db.run(
            needs.add_need,
            coordinator,
            NeedInput(f"Stall {day}", "job", "date", on_date=date(2026, 11, day)),
        )
    page, _went = home(qtbot, db, coordinator)
    assert len(page.checks_part.lines) == 3
    assert page.checks_part.more_label.isVisible()
    assert page.checks_part.more_label.text() == "and 2 more checks to renew"
    assert len(page.needs_part.lines) == 3
    assert page.needs_part.more_label.text() == "and 2 more needs looking for people"
    # Beside the button, on its line.
    button, more = page.needs_part.button, page.needs_part.more_label
    assert more.geometry().left() > button.geometry().right()
    assert more.geometry().top() < button.geometry().bottom()


def test_home_says_nothing_more_with_three_or_fewer(themed_app, qtbot, db, coordinator, vol):
    """Three checks and two needs: all are shown, and no words about more."""
    page, _went = home(qtbot, db, coordinator)
    assert not page.checks_part.more_label.isVisible()
    assert not page.needs_part.more_label.isVisible()


def test_home_without_checks_or_needs_shows_neither(themed_app, qtbot, db, coordinator):
    """Nothing to renew and nothing needed: no headings, no buttons."""
    page, _went = home(qtbot, db, coordinator)
    assert not page.checks_part.isVisible()
    assert not page.needs_part.isVisible()


def test_home_checks_only_for_checks_see(themed_app, qtbot, db, actors, vol):
    """A volunteer's Home has the needs but no checks; the committee's has both."""
    page, _went = home(qtbot, db, actors["volunteer"])
    assert not page.checks_part.isVisible()
    assert page.needs_part.isVisible()
    page, _went = home(qtbot, db, actors["committee"])
    assert page.checks_part.isVisible()


def test_home_follows_a_renewed_check(themed_app, qtbot, db, coordinator, vol):
    """Ann's renewed certificate leaves Home's list when the change is announced."""
    from clubapp.ui.context import VOLUNTEERS

    ctx, _stack, page = open_stack(qtbot, db, coordinator, lambda c: HomePage(c, lambda _r: None))
    ctx.run(
        checks.add_check,
        vol["ann"],
        CheckInput("food_hygiene", date(2026, 11, 17), date(2029, 11, 17)),
        TODAY,
        changed=VOLUNTEERS,
    )
    assert [line.words() for line in page.checks_part.lines] == [
        "Bob Baker's DBS check: runs out in 13 days",
        "Cath Cole's insurance: runs out in 22 days",
    ]


# ---------------------------------------------------------------- in the window


def test_the_rail_has_a_volunteers_room_for_every_role(window, qtbot):
    """Every role has Volunteers on the rail, after Programme when there is one, and
    only the coordinator and the committee have its Checks part."""
    from tests.gui.test_accessibility import sign_in

    for role, sees_checks in (
        ("coordinator", True),
        ("treasurer", False),
        ("committee", True),
        ("volunteer", False),
    ):
        sign_in(window, qtbot, role)
        rooms = list(window.shell.nav)
        assert "Volunteers" in rooms, role
        if "Programme" in rooms:
            assert rooms.index("Volunteers") == rooms.index("Programme") + 1, rooms
        window.shell.go_to("Volunteers")
        page = window.shell.rooms["Volunteers"]
        assert isinstance(page, VolunteersPage)
        assert window.shell.heading.text() == "Volunteers"
        assert ("checks" in page.section_buttons) is sees_checks, role
        window.sign_out()


def test_home_see_all_checks_opens_the_checks_part(window, qtbot):
    """In the real window: See all checks goes to the Volunteers room's Checks part,
    even when the room last showed another part."""
    from clubapp.ui.context import VOLUNTEERS
    from tests.gui.test_accessibility import sign_in

    sign_in(window, qtbot, "coordinator")
    make_volunteers(window.ctx.db, window.ctx.actor)
    window.ctx.changed.emit(VOLUNTEERS)
    shell = window.shell
    shell.go_to("Volunteers")
    page = shell.rooms["Volunteers"]
    page.show_section("rota")
    shell.go_to("Home")
    home_page = shell.rooms["Home"]
    click(qtbot, home_page.checks_part.button)
    assert shell.pages.current is page
    assert page.section_shown() == "checks"
    assert shell.nav["Volunteers"].isChecked()
    shell.go_to("Home")
    click(qtbot, home_page.needs_part.button)
    assert page.section_shown() == "needs"


# ---------------------------------------------------------------- opening and printing


def test_opening_a_need_by_button_and_by_double_click(themed_app, qtbot, db, coordinator, vol):
    """Open the need waits for a choice, then opens the chosen need; a double click on
    another row opens that one; the rota's Open the need opens its need too."""
    from clubapp.ui.pages.need import NeedPage

    _ctx, stack, page = room(qtbot, db, coordinator)
    assert not page.open_need_button.isEnabled()
    assert page.open_need_note.isVisible()
    click_row(qtbot, page, page.needs_table, page.needs_model.row_of(vol["drive"]))
    assert page.open_need_button.isEnabled()
    assert not page.open_need_note.isVisible()
    click(qtbot, page.open_need_button)
    assert isinstance(stack.current, NeedPage)
    assert stack.current.need_id == vol["drive"]
    stack.back()

    table = page.needs_table
    row = page.needs_model.row_of(vol["accounts"])
    click_row(qtbot, page, table, row)
    rect = table.visualRect(page.needs_model.index(row, 0))
    qtbot.mouseDClick(table.viewport(), LEFT, pos=rect.center())
    assert isinstance(stack.current, NeedPage)
    assert stack.current.need_id == vol["accounts"]
    stack.back()

    # By keyboard: the chosen row opens with Enter.
    row = page.needs_model.row_of(vol["weekly"])
    table.setFocus()
    table.setCurrentIndex(page.needs_model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert isinstance(stack.current, NeedPage)
    assert stack.current.need_id == vol["weekly"]
    stack.back()

    click(qtbot, page.section_buttons["rota"])
    rota_row = next(
        r for r, line in enumerate(page.rota_model.rows()) if line.need_id == vol["past"]
    )
    click_row(qtbot, page, page.rota_table, rota_row)
    click(qtbot, page.open_rota_button)
    assert isinstance(stack.current, NeedPage)
    assert stack.current.need_id == vol["past"]


@POPUP_WARNINGS
def test_a_new_need_is_listed_and_opened_once_saved(themed_app, qtbot, db, coordinator):
    """Add a need opens the form; with a title typed and saved, the need is chosen in
    the room's list and its page opens to find people."""
    from clubapp.ui.pages.need import NeedPage
    from clubapp.ui.pages.need_form import NeedFormPage

    _ctx, stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.add_need_button)
    form = stack.current
    assert isinstance(form, NeedFormPage)
    qtbot.keyClicks(form.title_box, "Help with the teas")
    click(qtbot, form.save_button)
    assert isinstance(stack.current, NeedPage)
    [row] = page.needs_model.rows()
    assert row.title == "Help with the teas"
    assert stack.current.need_id == row.need_id
    assert page.selected_need_id() == row.need_id
    assert page.needs_count_label.text() == "1 need still to do, soonest first."


def test_log_hours_opens_the_hours_form(themed_app, qtbot, db, actors, vol):
    """A volunteer's Log hours opens the form for logging hours."""
    from clubapp.ui.pages.hours_form import HoursFormPage

    _ctx, stack, page = room(qtbot, db, actors["volunteer"])
    click(qtbot, page.section_buttons["hours"])
    click(qtbot, page.log_hours_button)
    assert isinstance(stack.current, HoursFormPage)


def test_opening_a_person_and_a_persons_checks(themed_app, qtbot, db, coordinator, vol):
    """From Who can do what, Open the person's skills opens Bob's skills and time; from
    Checks, Open the person's checks opens Cath's, at her checks."""
    _ctx, stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["people"])
    assert not page.open_person_button.isEnabled()
    click_row(qtbot, page, page.directory_table, page.directory_model.row_of(vol["bob"]))
    click(qtbot, page.open_person_button)
    assert isinstance(stack.current, PersonSkillsPage)
    assert stack.current.person_id == vol["bob"]
    stack.back()

    click(qtbot, page.section_buttons["checks"])
    click_row(qtbot, page, page.checks_table, page.checks_model.row_of(vol["cath_insurance"]))
    click(qtbot, page.open_check_button)
    person_page = stack.current
    assert isinstance(person_page, PersonSkillsPage)
    assert person_page.person_id == vol["cath"]
    assert person_page.section_shown() == person_page.checks_button.text()


def test_the_three_printouts(themed_app, qtbot, db, coordinator, vol):
    """The skills directory, the checks due and the month's rota each hand the preview
    a PDF named for the day or the month."""
    _ctx, stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.section_buttons["people"])
    click(qtbot, page.print_directory_button)
    click(qtbot, page.section_buttons["checks"])
    click(qtbot, page.print_checks_button)
    click(qtbot, page.section_buttons["rota"])
    click(qtbot, page.next_month_button)
    click(qtbot, page.print_rota_button)
    shown = stack.pdfs.shown
    assert [(title, name) for title, _make, name in shown] == [
        ("Skills directory", "skills-directory-2026-11-18.pdf"),
        ("Checks due", "checks-due-2026-11-18.pdf"),
        ("Rota for December 2026", "rota-2026-12.pdf"),
    ]
    for _title, make_pdf, _name in shown:
        assert make_pdf().startswith(b"%PDF")
