"""A person's skills and time through the real widgets: levels chosen with big buttons and
saved, one Tab stop a skill with the arrow keys between its levels, each skill seen whole
at 200 % text, the week grid by mouse and keyboard (its buttons saying their part, fitting
at 200 %), dates away added and removed (a wrong order, past dates and an overlap refused
beside the field, nothing typed lost, the boxes blank after adding), checks added and
changed through their form (the renewal date asked for, the check in view and "Saved"
after), what each role sees (the committee sees checks but never a certificate number; a
volunteer sees no checks), hours given this financial year, the way in from a person's
record, and the question before leaving with changes not saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from clubapp.services import checks, skills, volunteer_hours
from clubapp.services.checks import CheckInput
from clubapp.services.skills import SkillChoice
from clubapp.services.volunteer_hours import HoursInput
from clubapp.ui import theme
from clubapp.ui.context import VOLUNTEERS
from clubapp.ui.main_window import MainWindow
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.person import PersonPage
from clubapp.ui.pages.person_skills import (
    BESIDE,
    TWO_LINES,
    CheckFormPage,
    HoursModel,
    OfferSummary,
    PersonSkillsPage,
    offer_words,
)
from tests.conftest import COORDINATOR_PASSWORD, TODAY
from tests.gui.committee_helpers import answer_next_question, click, open_stack, settle

ASKS_BEFORE_LEAVING = PersonSkillsPage.can_leave


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """Pages here are left holding what a test changed. As the window closes after the
    test, they would ask "Leave without saving?" and wait for an answer that never comes
    (the question itself is tested below, through ASKS_BEFORE_LEAVING)."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)
    monkeypatch.setattr(PersonSkillsPage, "can_leave", lambda self: True)


@pytest.fixture
def peggy(person_factory) -> int:
    return person_factory("Margaret Holloway", known_as="Peggy", kinds=("member",))


def skill_id(db, coordinator, name: str) -> int:
    return next(s.skill_id for s in db.run(skills.skills, coordinator) if s.name == name)


def open_page(qtbot, db, actor, person_id: int) -> tuple[PersonSkillsPage, object]:
    """The person's skills page on a real page stack, 1280×720."""
    ctx, stack, room = open_stack(qtbot, db, actor, lambda ctx: PersonPage(ctx, person_id))
    page = PersonSkillsPage(ctx, person_id)
    ctx.navigator.push(page)
    settle(qtbot)
    return page, stack


def editor(page: PersonSkillsPage, name: str):
    return next(e for e in page.skill_editors if e.name == name)


def type_date(qtbot, edit, text: str) -> None:
    """Type over what a date box holds, as a person would."""
    edit.line.setFocus()
    edit.line.selectAll()
    qtbot.keyClicks(edit.line, text)


@pytest.fixture
def big_text(db, coordinator, qtbot, themed_app):
    """The real main window, 1280×720, signed in as the coordinator, text at 200 %."""
    win = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    tile = next(t for t in win.sign_in.tiles if t.name() == "Sam Taylor")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(win.sign_in.password, COORDINATOR_PASSWORD)
    qtbot.keyClick(win.sign_in.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.shell is not None)
    theme.apply_theme(themed_app, 2.0)
    yield win
    theme.apply_theme(themed_app, 1.0)


def open_in_window(win, person_id: int) -> PersonSkillsPage:
    page = PersonSkillsPage(win.ctx, person_id)
    win.ctx.navigator.push(page)
    for _ in range(5):
        QApplication.processEvents()
    return page


def seen_whole(page: PersonSkillsPage, widget: QWidget) -> bool:
    """The widget is all inside the part of the page that scrolls, none of it hidden."""
    viewport = page.scroll_area.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def scroll_to(page: PersonSkillsPage, widget: QWidget) -> None:
    """Scroll so the widget's top is at the top of the part that scrolls (or as near)."""
    for _ in range(3):
        QApplication.processEvents()
    bar = page.scroll_area.verticalScrollBar()
    body = page.scroll_area.widget()
    bar.setValue(min(bar.maximum(), widget.mapTo(body, QPoint(0, 0)).y()))
    for _ in range(3):
        QApplication.processEvents()


def words_on(widget) -> str:
    return "\n".join(
        label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)
    )


# ---------------------------------------------------------------- skills


def test_levels_chosen_with_big_buttons_are_saved(qtbot, db, coordinator, peggy):
    """Pressing a level for three skills and Save skills gives the service those levels,
    with "Happy to use it at the club" taken off one of them."""
    page, _stack = open_page(qtbot, db, coordinator, peggy)
    assert page.heading() == "Skills & time"
    assert page.name_label.text() == "Margaret Holloway" and page.name_label.isVisible()
    assert len(page.skill_editors) == 17
    music, singing, cooking = (editor(page, n) for n in ("Music making", "Singing", "Cooking"))
    assert not music.happy.isVisible()  # nothing given yet: nothing to be happy to use
    assert music.heading.text() == "Music making: Not given"  # capitals as the levels have
    click(qtbot, music.buttons["can_teach"])
    click(qtbot, singing.buttons["wants_to_learn"])
    click(qtbot, cooking.buttons["can_do"])
    assert cooking.happy.isVisible() and cooking.happy.isChecked()
    click(qtbot, cooking.happy)
    assert music.heading.text() == "Music making: Can teach others, happy to use it at the club"
    assert cooking.heading.text() == "Cooking: Can do, would rather not at the club"
    assert page.has_unsaved_changes()

    click(qtbot, page.save_skills_button)
    offer = db.run(skills.offer, coordinator, peggy, TODAY)
    assert [s.words for s in offer.skills] == [
        "Can teach music making",
        "Can do cooking (would rather not at the club)",
    ]
    assert [s.name for s in offer.to_learn] == ["Singing"]
    assert not page.has_unsaved_changes()
    assert page.saved_note.text() == "Saved Peggy's skills."
    # Not given again takes a skill off.
    click(qtbot, editor(page, "Singing").buttons[""])
    click(qtbot, page.save_skills_button)
    assert db.run(skills.offer, coordinator, peggy, TODAY).to_learn == ()


def test_at_200_percent_each_skill_is_seen_whole(big_text, db, coordinator, peggy):
    """At 200 % text in a 1280×720 window, the heading is short and on one line, the
    person's name is the first thing on the page, and each skill's name, its five level
    buttons and its "Happy to use it at the club" tick are seen together (the longest
    heading, a long name with a level and "would rather not", as well)."""
    db.run(
        skills.save_skills,
        coordinator,
        peggy,
        [
            SkillChoice(skill_id(db, coordinator, "Languages spoken"), "can_teach", False),
            SkillChoice(skill_id(db, coordinator, "Cooking"), "can_do"),
        ],
    )
    page = open_in_window(big_text, peggy)
    heading = big_text.shell.heading
    assert heading.text() == "Skills & time"
    assert heading.height() < 2 * QFontMetrics(heading.font()).height()  # one line
    assert page.name_label.text() == "Margaret Holloway"
    assert seen_whole(page, page.name_label)
    assert page.name_label.font().bold()
    assert page.name_label.font().pointSizeF() > page.skills_button.font().pointSizeF()
    for skill in page.skill_editors:
        skill.happy.setVisible(True)  # as if each were held: the tallest a skill gets
    for skill in page.skill_editors:
        scroll_to(page, skill)
        parts = [skill.heading, *skill.buttons.values(), skill.happy]
        unseen = [w.text() for w in parts if not seen_whole(page, w)]
        assert not unseen, f"{skill.heading.text()}: {unseen} not in view"


def test_unsaved_levels_survive_a_refresh(qtbot, db, coordinator, peggy):
    """A change saved elsewhere reloads the page, but levels pressed and not yet saved stay."""
    page, _stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, editor(page, "Gardening").buttons["learning"])
    page.ctx.run(
        skills.add_time_away, peggy, TODAY, TODAY + timedelta(days=2), "", changed=VOLUNTEERS
    )
    assert len(page.away_lines) == 1  # the page did reload
    assert editor(page, "Gardening").level() == "learning"
    assert page.skills_changed()


def test_a_skill_taken_off_the_list_meanwhile_keeps_the_other_choices(
    qtbot, db, coordinator, peggy
):
    """Saving after a chosen skill left the club's list says so; the list is shown as it is
    now with the other choices kept, and saving again works."""
    knitting = db.run(skills.add_skill, coordinator, "Knitting")
    page, _stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, editor(page, "Knitting").buttons["can_teach"])
    click(qtbot, editor(page, "Cooking").buttons["can_do"])
    db.run(skills.remove_skill, coordinator, knitting)
    click(qtbot, page.save_skills_button)
    assert "not on the club's list any more" in page.save_problem.text()
    assert "Knitting" not in [e.name for e in page.skill_editors]
    assert editor(page, "Cooking").level() == "can_do"
    click(qtbot, page.save_skills_button)
    assert [s.name for s in db.run(skills.offer, coordinator, peggy, TODAY).skills] == ["Cooking"]


def test_a_skills_levels_are_one_tab_stop_moved_by_arrow_keys(qtbot, db, coordinator, peggy):
    """Each skill is one Tab stop, its chosen level (17 for 17 skills, not 85); Right and
    Left choose the next or previous level; Tab goes on to the happy tick or the next
    skill, and Shift+Tab comes back to the level chosen."""
    page, stack = open_page(qtbot, db, coordinator, peggy)
    stops = [
        b
        for e in page.skill_editors
        for b in e.buttons.values()
        if b.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert stops == [e.buttons[""] for e in page.skill_editors]
    first, second = page.skill_editors[:2]
    stack.activateWindow()
    first.buttons[""].setFocus()
    qtbot.keyClick(first.buttons[""], Qt.Key.Key_Left)  # the first level: nowhere to go
    assert first.level() == "" and first.buttons[""].hasFocus()
    for level in ("wants_to_learn", "learning", "can_do"):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
        assert first.level() == level and first.buttons[level].hasFocus()
    assert first.heading.text() == f"{first.name}: Can do, happy to use it at the club"
    assert [lv for lv, b in first.buttons.items() if b.focusPolicy() & Qt.FocusPolicy.TabFocus] == [
        "can_do"
    ]
    assert page.skills_changed()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert first.happy.hasFocus()
    qtbot.keyClick(first.happy, Qt.Key.Key_Tab)
    assert second.buttons[""].hasFocus()  # the next skill, at its chosen level
    qtbot.keyClick(second.buttons[""], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert first.happy.hasFocus()
    qtbot.keyClick(first.happy, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert first.buttons["can_do"].hasFocus()
    qtbot.keyClick(first.buttons["can_do"], Qt.Key.Key_Left)
    assert first.level() == "learning" and not first.happy.isVisible()
    qtbot.keyClick(first.buttons["learning"], Qt.Key.Key_Tab)
    assert second.buttons[""].hasFocus()  # no tick for a level not held


# ---------------------------------------------------------------- free times


def test_the_week_grid_by_mouse_and_keyboard(qtbot, db, coordinator, peggy):
    """Presses mark parts of days free ("Free" in words, not only colour), the arrow keys
    move and Space presses, and Save free times gives the service the parts chosen."""
    page, stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.free_button)
    grid = page.grid
    monday = grid.buttons[(0, "morning")]
    assert monday.text() == "Morning: not free"
    click(qtbot, monday)
    assert monday.text() == "Morning: free"
    assert monday.accessibleName() == "Monday, Morning: free"
    assert page.free_words.text() == "Free on Monday mornings. (Not saved yet.)"

    stack.activateWindow()
    monday.setFocus()
    qtbot.keyClick(monday, Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    wednesday = grid.buttons[(2, "afternoon")]
    assert wednesday.hasFocus()
    qtbot.keyClick(wednesday, Qt.Key.Key_Space)
    assert wednesday.isChecked() and wednesday.text() == "Afternoon: free"

    click(qtbot, page.save_free_button)
    offer = db.run(skills.offer, coordinator, peggy, TODAY)
    assert offer.free == {(0, "morning"), (2, "afternoon")}
    assert page.free_words.text() == "Free on Monday mornings and Wednesday afternoons."
    assert page.saved_note.text() == "Saved Peggy's free times."
    assert not page.has_unsaved_changes()


def test_the_week_at_200_percent_says_each_part_and_fits(big_text, db, coordinator, peggy):
    """At 200 % each day's name goes above its buttons and their words take two lines
    ("Afternoon:" over "not free"): nothing cut, nothing wider than the page, big
    targets; at 100 % the week is a grid again, each button on one line."""
    db.run(skills.save_free_times, coordinator, peggy, {(2, "afternoon")})
    page = open_in_window(big_text, peggy)
    page.show_part("free")
    for _ in range(5):
        QApplication.processEvents()
    grid = page.grid
    assert grid.arrangement == TWO_LINES
    assert page.scroll_area.widget().width() <= page.scroll_area.viewport().width()
    wednesday = grid.buttons[(2, "afternoon")]
    assert wednesday.text() == "Afternoon:\nfree"
    assert wednesday.accessibleName() == "Wednesday, Afternoon: free"
    for (_weekday, part), button in grid.buttons.items():
        fm = QFontMetrics(button.font())
        widest = max(fm.horizontalAdvance(line) for line in button.text().split("\n"))
        assert widest < button.width(), f"{button.accessibleName()} is cut"
        assert fm.height() * 2 <= button.height()
        assert button.width() >= 44 and button.height() >= 44
        assert part.capitalize() in button.text()
        assert grid.width() >= button.geometry().right()
    # The day's name is just above its own buttons.
    monday = grid.day_labels[0]
    assert monday.geometry().bottom() < grid.buttons[(0, "morning")].geometry().top()
    assert grid.buttons[(0, "evening")].geometry().bottom() < grid.day_labels[1].geometry().top()

    theme.apply_theme(QApplication.instance(), 1.0)
    for _ in range(5):
        QApplication.processEvents()
    assert grid.arrangement == BESIDE
    assert wednesday.text() == "Afternoon: free"
    assert grid.day_labels[2].geometry().center().y() == wednesday.geometry().center().y()


# ---------------------------------------------------------------- dates away


def test_dates_away_in_the_wrong_order_are_refused_and_kept(qtbot, db, coordinator, peggy):
    """A last day before the first is refused under the last day, with every word typed
    kept; put right, the dates are listed; Remove asks first, naming them, then takes
    them off."""
    page, _stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.away_button)
    assert page.away_empty.isVisible()
    type_date(qtbot, page.away_from, "30/11/2026")
    type_date(qtbot, page.away_to, "23/11/2026")
    qtbot.keyClicks(page.away_note, "On holiday")
    click(qtbot, page.add_away_button)
    assert "before the first" in page.away_rows["ends_on"].error_text()
    assert page.away_to.value() == date(2026, 11, 23)
    assert page.away_from.value() == date(2026, 11, 30)
    assert page.away_note.text() == "On holiday"
    assert db.run(skills.offer, coordinator, peggy, TODAY).away == ()

    type_date(qtbot, page.away_to, "4/12/2026")
    click(qtbot, page.add_away_button)
    assert not page.away_rows["ends_on"].has_error()
    away = db.run(skills.offer, coordinator, peggy, TODAY).away
    assert [(a.starts_on, a.ends_on, a.note) for a in away] == [
        (date(2026, 11, 30), date(2026, 12, 4), "On holiday")
    ]
    assert [line.words_label.text() for line in page.away_lines] == [away[0].words]
    assert page.away_past_note.isVisible()
    assert "have passed are not shown" in page.away_past_note.text()
    # The boxes are blank again, so pressing Add a second time adds nothing twice.
    assert (page.away_from.text(), page.away_to.text(), page.away_note.text()) == ("", "", "")
    click(qtbot, page.add_away_button)
    assert "blank" in page.away_rows["starts_on"].error_text()
    assert len(db.run(skills.offer, coordinator, peggy, TODAY).away) == 1

    asked = answer_next_question(confirm=True)
    click(qtbot, page.away_lines[0].remove_button)
    assert asked and away[0].words in asked[0]
    assert db.run(skills.offer, coordinator, peggy, TODAY).away == ()
    assert page.away_lines == [] and page.away_empty.isVisible()


def test_past_and_overlapping_dates_away_are_refused_beside_the_fields(
    qtbot, db, coordinator, peggy
):
    """Dates all before today are refused under the last day; dates overlapping ones
    already recorded are refused under the first day, naming those; what was typed stays."""
    db.run(skills.add_time_away, coordinator, peggy, date(2026, 12, 1), date(2026, 12, 4))
    page, _stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.away_button)
    assert not page.away_empty.isVisible() and page.away_past_note.isVisible()
    type_date(qtbot, page.away_from, "2/11/2026")
    type_date(qtbot, page.away_to, "6/11/2026")
    qtbot.keyClicks(page.away_note, "Visiting family")
    click(qtbot, page.add_away_button)
    assert "in the past" in page.away_rows["ends_on"].error_text()
    assert not page.away_rows["starts_on"].has_error()
    assert page.away_note.text() == "Visiting family"

    type_date(qtbot, page.away_from, "3/12/2026")
    type_date(qtbot, page.away_to, "10/12/2026")
    click(qtbot, page.add_away_button)
    said = page.away_rows["starts_on"].error_text()
    assert "already down as away" in said and "1 December 2026" in said
    assert not page.away_rows["ends_on"].has_error()
    assert page.away_from.value() == date(2026, 12, 3)
    assert page.away_note.text() == "Visiting family"
    assert len(db.run(skills.offer, coordinator, peggy, TODAY).away) == 1


def test_a_date_that_is_not_a_date_is_named_beside_its_box(qtbot, db, coordinator, peggy):
    """ "31/11/2026" is refused under First day away before anything is saved."""
    page, _stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.away_button)
    type_date(qtbot, page.away_from, "31/11/2026")
    click(qtbot, page.add_away_button)
    assert "November has 30 days" in page.away_rows["starts_on"].error_text()
    assert page.away_from.line.text() == "31/11/2026"
    assert db.run(skills.offer, coordinator, peggy, TODAY).away == ()


# ---------------------------------------------------------------- checks


def test_add_a_dbs_check_through_its_form(qtbot, db, coordinator, peggy):
    """Add a check opens the form; an issue date after today is refused beside it; put
    right and saved, the check is listed with its level, renewal words and number."""
    page, stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.checks_button)
    assert page.checks_empty.isVisible()
    click(qtbot, page.add_check_button)
    form = stack.current
    assert isinstance(form, CheckFormPage)
    form.kind.setFocus()
    qtbot.keyClicks(form.kind, "F")
    assert form.kind.value() == "first_aid"
    assert not form.level_row.isVisible()  # a level is for DBS checks only
    qtbot.keyClick(form.kind, Qt.Key.Key_Home)  # the first, a DBS check
    assert form.kind.value() == "dbs"
    assert form.level_row.isVisible() and form.update_row.isVisible()
    form.dbs_level.setFocus()
    qtbot.keyClicks(form.dbs_level, "E")
    assert form.dbs_level.value() == "enhanced"
    click(qtbot, form.update_service)
    click(qtbot, form.issued_on.check)
    type_date(qtbot, form.issued_on.edit, "1/12/2026")  # after today
    assert form.expires_on.check.isChecked()  # asked for from the start
    type_date(qtbot, form.expires_on.edit, "30/11/2026")
    qtbot.keyClicks(form.certificate_number, "001234567890")
    click(qtbot, form.save_button)
    assert "after today" in form.form.field("issued_on").error_text()
    assert stack.current is form
    assert form.certificate_number.text() == "001234567890"

    type_date(qtbot, form.issued_on.edit, "2/3/2024")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert page.section_shown() == "Checks"
    assert page.checks_done.isVisible()
    assert page.checks_done.text() == "Saved: DBS runs out on 30 November 2026."
    [row] = db.run(checks.person_checks, coordinator, peggy, TODAY)
    assert (row.kind, row.dbs_level, row.update_service) == ("dbs", "enhanced", True)
    assert (row.issued_on, row.expires_on) == (date(2024, 3, 2), date(2026, 11, 30))
    [line] = page.check_lines
    words = line.words()
    assert "DBS check: Runs out in 12 days" in words
    assert "Enhanced, on the update service" in words
    assert "Certificate number: 001234567890" in words
    assert line.property("urgency") == "soon"


def test_change_and_remove_a_check(qtbot, db, coordinator, peggy):
    """Change opens the form filled in; a new renewal date is saved. Remove asks, naming
    the check, then takes it off the list."""
    db.run(
        checks.add_check,
        coordinator,
        peggy,
        CheckInput("first_aid", expires_on=TODAY - timedelta(days=3)),
        TODAY,
    )
    page, stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.checks_button)
    [line] = page.check_lines
    assert line.kind_label.text() == "First aid certificate: Ran out 3 days ago"
    assert line.property("urgency") == "overdue"
    click(qtbot, line.change_button)
    form = stack.current
    assert isinstance(form, CheckFormPage) and form.expires_on.check.isChecked()
    assert not form.has_unsaved_changes()
    type_date(qtbot, form.expires_on.edit, "18/11/2029")
    click(qtbot, form.save_button)
    assert stack.current is page
    [line] = page.check_lines
    assert line.kind_label.text() == "First aid certificate: Valid until 18 November 2029"
    assert page.checks_done.text() == "Saved: First aid valid until November 2029."

    asked = answer_next_question(confirm=True)
    click(qtbot, line.remove_button)
    assert asked and "First aid valid until November 2029" in asked[0]
    assert db.run(checks.person_checks, coordinator, peggy, TODAY) == []
    assert page.check_lines == [] and page.checks_empty.isVisible()


def test_the_renewal_date_is_asked_for_except_for_references(qtbot, db, coordinator, peggy):
    """A new check's renewal tick starts on and follows the kind chosen (off for
    references) until it is pressed; the service's refusal of the renewal date shows
    beside that box, and nothing is saved until it is put right."""
    page, stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.checks_button)
    click(qtbot, page.add_check_button)
    form = stack.current
    assert form.kind.value() == "dbs" and form.expires_on.check.isChecked()
    assert form.expires_on.edit.isEnabled()
    form.kind.setFocus()
    for keys, kind, asked in (
        ([Qt.Key.Key_End], "references", False),
        ([Qt.Key.Key_Up, Qt.Key.Key_Up], "first_aid", True),
    ):
        for key in keys:
            qtbot.keyClick(form.kind, key)
        assert form.kind.value() == kind
        assert form.expires_on.check.isChecked() is asked
    click(qtbot, form.expires_on.check)  # pressed: the kind no longer changes it
    form.kind.setFocus()
    qtbot.keyClick(form.kind, Qt.Key.Key_Up)
    assert form.kind.value() == "insurance" and not form.expires_on.check.isChecked()

    click(qtbot, form.expires_on.check)
    click(qtbot, form.issued_on.check)
    type_date(qtbot, form.issued_on.edit, "3/1/2026")
    type_date(qtbot, form.expires_on.edit, "1/3/2025")  # before the day it was issued
    click(qtbot, form.save_button)
    assert stack.current is form
    assert "before the day it was issued" in form.form.field("expires_on").error_text()
    assert not form.form.field("kind").has_error()
    assert form.expires_on.edit.value() == date(2025, 3, 1)  # what was typed is kept
    assert db.run(checks.person_checks, coordinator, peggy, TODAY) == []

    type_date(qtbot, form.expires_on.edit, "1/3/2027")
    click(qtbot, form.save_button)
    assert stack.current is page
    [row] = db.run(checks.person_checks, coordinator, peggy, TODAY)
    assert (row.kind, row.expires_on) == ("insurance", date(2027, 3, 1))


def test_references_are_saved_with_no_renewal_date(qtbot, db, coordinator, peggy):
    """References need no renewal date: the tick starts off and they save as they are."""
    page, stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.checks_button)
    click(qtbot, page.add_check_button)
    form = stack.current
    form.kind.setFocus()
    qtbot.keyClick(form.kind, Qt.Key.Key_End)
    assert form.kind.value() == "references" and not form.expires_on.check.isChecked()
    click(qtbot, form.save_button)
    assert stack.current is page
    [row] = db.run(checks.person_checks, coordinator, peggy, TODAY)
    assert (row.kind, row.expires_on) == ("references", None)
    assert page.checks_done.text() == "Saved: References in place, no renewal date."


def test_a_changed_check_is_in_view_after_saving(qtbot, db, coordinator, peggy):
    """After a change that moves a check to the end of a long list, the Checks part shows
    it in view, says Saved, and its Change button has the keyboard."""
    for kind, days in (
        ("dbs", 40),
        ("time_bank", 50),
        ("insurance", 60),
        ("first_aid", 70),
        ("food_hygiene", 80),
    ):
        db.run(
            checks.add_check,
            coordinator,
            peggy,
            CheckInput(kind, expires_on=TODAY + timedelta(days=days)),
            TODAY,
        )
    page, stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.checks_button)
    first = page.check_lines[0]
    assert first.row.kind == "dbs"
    click(qtbot, first.change_button)
    form = stack.current
    type_date(qtbot, form.expires_on.edit, "18/11/2029")
    click(qtbot, form.save_button)
    assert stack.current is page and page.section_shown() == "Checks"
    settle(qtbot)
    last = page.check_lines[-1]
    assert last.row.kind == "dbs"  # latest renewal date: listed last
    viewport = page.scroll_area.viewport()
    top_left = last.mapTo(viewport, last.rect().topLeft())
    assert viewport.rect().contains(top_left)
    assert viewport.rect().contains(last.mapTo(viewport, last.rect().bottomRight()))
    assert page.scroll_area.verticalScrollBar().value() > 0
    assert last.change_button.hasFocus()
    assert page.checks_done.text() == "Saved: DBS valid until November 2029."


def test_the_committee_sees_checks_but_never_a_certificate_number(
    qtbot, db, coordinator, actors, peggy
):
    """A committee member reads skills, free times and checks in words: no number, no
    buttons that change anything."""
    db.run(
        skills.save_skills,
        coordinator,
        peggy,
        [SkillChoice(skill_id(db, coordinator, "Music making"), "can_teach")],
    )
    db.run(skills.save_free_times, coordinator, peggy, {(2, "afternoon")})
    db.run(
        checks.add_check,
        coordinator,
        peggy,
        CheckInput("dbs", date(2024, 3, 2), date(2027, 3, 2), "enhanced", "001234567890"),
        TODAY,
    )
    page, _stack = open_page(qtbot, db, actors["committee"], peggy)
    assert page.skill_editors == [] and page.grid is None
    assert not page.bar.isVisible()
    assert page.skills_words.text() == "Can teach music making."
    assert page.read_only_note.isVisible()
    click(qtbot, page.free_button)
    assert page.free_words.text() == "Free on Wednesday afternoons."
    click(qtbot, page.checks_button)
    [line] = page.check_lines
    assert "DBS check: Valid until 2 March 2027" in line.words()
    assert "001234567890" not in words_on(page)
    assert "Certificate number" not in words_on(page)
    assert line.change_button is None and line.remove_button is None
    assert not hasattr(page, "add_check_button")


def test_a_volunteer_sees_no_checks_part(qtbot, db, coordinator, actors, peggy):
    """A volunteer has no Checks button and no checks anywhere on the page."""
    db.run(checks.add_check, coordinator, peggy, CheckInput("dbs", None, date(2027, 3, 2)), TODAY)
    page, _stack = open_page(qtbot, db, actors["volunteer"], peggy)
    assert page.checks_button not in page.sections
    assert not page.checks_button.isVisible()
    for button in page.sections:
        click(qtbot, button)
        assert "DBS" not in words_on(page)
    assert page.check_lines == []


# ---------------------------------------------------------------- hours given


def test_hours_given_this_financial_year(qtbot, db, coordinator, peggy):
    """The person's hours since the financial year began (1 April), as the Volunteers
    room counts them, are listed newest first with their total."""
    for day, minutes, note in (
        (date(2026, 3, 31), 60, "Last financial year"),
        (date(2026, 4, 1), 90, "Garden"),
        (date(2026, 11, 16), 60, "Tea and chat"),
    ):
        db.run(
            volunteer_hours.log_hours,
            coordinator,
            HoursInput(peggy, day, minutes, note=note),
            TODAY,
        )
    page, _stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.hours_button)
    assert page.hours_label.text() == ("2½ hours given this financial year (from 1 April 2026).")
    model = page.hours_model
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == [
        "Tea and chat",
        "Garden",
    ]
    assert model.index(1, 0).data() == "1 April 2026"
    assert model.index(1, 1).data() == "1½ hours"


def test_log_hours_opens_the_hours_form_for_this_person(qtbot, db, coordinator, peggy):
    """Log hours given opens the hours form with the person already chosen; a volunteer
    may log hours too, the committee may not."""
    from clubapp.ui.pages.hours_form import HoursFormPage

    page, stack = open_page(qtbot, db, coordinator, peggy)
    click(qtbot, page.hours_button)
    click(qtbot, page.log_hours_button)
    form = stack.current
    assert isinstance(form, HoursFormPage)
    assert form.person.value() == peggy


def test_the_committee_cannot_log_hours_here(qtbot, db, actors, peggy):
    """The committee sees the hours given, without a button to log more."""
    page, _stack = open_page(qtbot, db, actors["committee"], peggy)
    click(qtbot, page.hours_button)
    assert page.log_hours_button is None
    assert page.hours_label.text() == (
        "No hours are logged this financial year (from 1 April 2026)."
    )


def test_hours_model_passes_qt_model_tester(qtmodeltester, db, coordinator, peggy):
    """The hours list model keeps Qt's model rules."""
    db.run(volunteer_hours.log_hours, coordinator, HoursInput(peggy, TODAY, 120), TODAY)
    model = HoursModel()
    model.set_rows(db.run(volunteer_hours.hours_log, coordinator, date(2026, 1, 1), TODAY))
    qtmodeltester.check(model)


# ---------------------------------------------------------------- the way in, and leaving


@pytest.mark.parametrize("role", ["coordinator", "committee"])
def test_a_persons_record_opens_their_skills_page(qtbot, db, coordinator, actors, peggy, role):
    """The record (the coordinator's form and the committee's plain view) says in a line
    what the person offers; its button opens the skills page for that person."""
    db.run(
        skills.save_skills,
        coordinator,
        peggy,
        [
            SkillChoice(skill_id(db, coordinator, "Music making"), "can_teach"),
            SkillChoice(skill_id(db, coordinator, "Cooking"), "can_do"),
        ],
    )
    db.run(skills.save_free_times, coordinator, peggy, {(2, "afternoon")})
    ctx, stack, record = open_stack(qtbot, db, actors[role], lambda ctx: PersonPage(ctx, peggy))
    [summary] = record.findChildren(OfferSummary)
    assert summary.words_label.text() == (
        "Can teach music making, can do cooking. Free on Wednesday afternoons."
    )
    assert summary.open_button.text() == "Skills, free times and checks"
    click(qtbot, summary.open_button)
    page = stack.current
    assert isinstance(page, PersonSkillsPage) and page.person_id == peggy
    assert page.heading() == "Skills & time"
    assert page.name_label.text() == "Margaret Holloway"


def test_the_summary_follows_a_save_on_the_skills_page(qtbot, db, coordinator, peggy):
    """Back on the record after saving free times, its line says the new free times."""
    ctx, stack, record = open_stack(qtbot, db, coordinator, lambda ctx: PersonPage(ctx, peggy))
    [summary] = record.findChildren(OfferSummary)
    assert summary.words_label.text() == "No skills or free times given yet."
    click(qtbot, summary.open_button)
    page = stack.current
    click(qtbot, page.free_button)
    click(qtbot, page.grid.buttons[(4, "evening")])
    click(qtbot, page.save_free_button)
    ctx.navigator.back()
    assert stack.current is record
    assert summary.words_label.text() == "Free on Friday evenings."


def test_leaving_with_changes_not_saved_asks_first(qtbot, db, coordinator, peggy):
    """Leaving with a level pressed and not saved asks, naming what is not saved; "Stay"
    keeps the page and the change; nothing changed, nothing is asked."""
    page, _stack = open_page(qtbot, db, coordinator, peggy)
    assert ASKS_BEFORE_LEAVING(page)  # nothing changed
    click(qtbot, editor(page, "Driving").buttons["can_do"])
    asked = answer_next_question(confirm=False)
    assert not ASKS_BEFORE_LEAVING(page)
    assert asked == ["The changes to Peggy's skills are not saved. Leave without saving?"]
    assert editor(page, "Driving").level() == "can_do"
    asked = answer_next_question(confirm=True)
    assert ASKS_BEFORE_LEAVING(page)


def test_offer_words_name_three_skills_at_most():
    """The record's line names three skills, then says how many more."""
    rows = tuple(
        skills.PersonSkillRow(i, name, "can_do", True)
        for i, name in enumerate(["Cooking", "Driving", "Gardening", "Singing", "IT help"])
    )
    offer = skills.Offer(1, rows, (), frozenset(), ())
    assert (
        offer_words(offer) == "Can do cooking, can do driving, can do gardening and 2 more skills."
    )
