"""DESIGN §2 on a person's skills and time page (each of its parts, from top to end), a
check's form, the line on a person's record that opens the page, and the volunteer
settings, in the real main window at 1280×720, at text scale 100 % and 200 %: sizes,
names, fonts, clipping, Tab order, nothing scrolling sideways; and the questions asked
before removing dates away or a check."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.services import checks, members, skills, volunteer_hours
from clubapp.services.checks import CheckInput
from clubapp.services.skills import SkillChoice
from clubapp.services.volunteer_hours import HoursInput
from clubapp.ui import theme
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.person import PersonPage
from clubapp.ui.pages.person_skills import CheckFormPage, OfferSummary, PersonSkillsPage
from tests.conftest import TODAY
from tests.gui.a11y import focus_chain
from tests.gui.test_accessibility import check
from tests.gui.test_committee_accessibility import check_question, leave
from tests.gui.test_grant_pages import signed_in
from tests.gui.test_grant_pages_accessibility import look_at, scroll_through, sideways

SCALES = (1.0, 2.0)


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """The pages are left holding what a check changed; as the window closes they would
    ask "Leave without saving?" and wait for an answer that never comes."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)
    monkeypatch.setattr(PersonSkillsPage, "can_leave", lambda self: True)


def someone_without_links(ctx) -> int:
    """A demo person linked to nobody (a link's entry is a part of the record of its own)."""
    for row in ctx.read(members.list_people):
        detail = ctx.read(members.get_person, row.person_id)
        if not detail.links and not detail.linked_from:
            return row.person_id
    raise AssertionError("every demo person is linked to someone")


def give_offer(ctx, person_id: int) -> None:
    """Skills, free times, dates away, three checks (ran out, soon, in date) and hours."""
    club = {s.name: s.skill_id for s in ctx.read(skills.skills)}
    ctx.run(
        skills.save_skills,
        person_id,
        [
            SkillChoice(club["Music making"], "can_teach"),
            SkillChoice(club["Cooking"], "can_do", False),
            SkillChoice(club["Singing"], "learning"),
            SkillChoice(club["Languages spoken"], "wants_to_learn"),
        ],
    )
    ctx.run(skills.save_free_times, person_id, {(0, "morning"), (2, "afternoon"), (2, "evening")})
    ctx.run(
        skills.add_time_away,
        person_id,
        TODAY + timedelta(days=5),
        TODAY + timedelta(days=12),
        "Visiting family in Manchester for the christening",
    )
    for data in (
        CheckInput("first_aid", date(2023, 11, 1), TODAY - timedelta(days=3)),
        CheckInput(
            "dbs",
            date(2024, 3, 2),
            TODAY + timedelta(days=12),
            "enhanced_barred",
            "001234567890",
            True,
            "Seen by Sam at the office; copy kept in the locked drawer.",
        ),
        CheckInput("insurance", date(2026, 1, 3), date(2027, 3, 1)),
    ):
        ctx.run(checks.add_check, person_id, data, TODAY)
    for days, minutes in ((2, 150), (30, 60), (200, 45)):
        ctx.run(
            volunteer_hours.log_hours,
            HoursInput(person_id, TODAY - timedelta(days=days), minutes, note="Tea and chat"),
            TODAY,
        )


def one_stop_a_skill(window, page: PersonSkillsPage, problems: list[str]) -> list[str]:
    """A skill's five level buttons are one Tab stop, the level chosen, as a group of
    radio buttons is (the arrow keys move between them; test_person_skills tests that).
    The audit's "cannot be reached with the Tab key" is dropped for the levels not chosen
    once this holds for every skill: the chosen level, and only it, is in the Tab order."""
    reached = {id(w) for w in focus_chain(window)}
    found = [p for p in problems if not ("LevelButton(" in p and "reached with the Tab" in p)]
    for skill in page.skill_editors:
        stops = [
            level
            for level, button in skill.buttons.items()
            if button.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        if stops != [skill.level()]:
            found.append(f"{skill.name}: the Tab stops are {stops}, not the level chosen")
        if skill.isVisible() and id(skill.buttons[skill.level()]) not in reached:
            found.append(f"{skill.name}: the level chosen is not in the Tab order")
    return found


def through_the_parts(window, page: PersonSkillsPage, scale: float, name: str) -> list[str]:
    """Each part of the page at its top, its middle and its end."""
    problems: list[str] = []
    bar = page.scroll_area.verticalScrollBar()
    for button in page.sections:
        page.show_section(button)
        for _ in range(5):
            QApplication.processEvents()
        for where, value in (("top", 0), ("middle", bar.maximum() // 2), ("end", bar.maximum())):
            bar.setValue(value)
            problems += one_stop_a_skill(
                window, page, look_at(window, page, scale, f"{name}: {button.text()} ({where})")
            )
        # The parts never scroll sideways: anything wider than the window is cut off.
        body, room = page.scroll_area.widget(), page.scroll_area.viewport().width()
        if body is not None and body.width() > room:
            problems.append(
                f"{name}: {button.text()} at {int(scale * 100)} % is {body.width()} px wide, "
                f"cut off at {room} px"
            )
    return problems


@pytest.mark.parametrize("scale", SCALES)
def test_the_coordinators_skills_page_and_check_form_meet_the_rules(window, qtbot, scale):
    """Every part of a person's skills page and the check form, as the coordinator sees them, meet the interface rules."""
    ctx = signed_in(window, qtbot, "coordinator")
    person_id = someone_without_links(ctx)
    give_offer(ctx, person_id)
    theme.apply_theme(QApplication.instance(), scale)
    nav = ctx.navigator
    problems: list[str] = []

    record = PersonPage(ctx, person_id)
    nav.push(record)
    [summary] = record.findChildren(OfferSummary)
    assert record.form is not None
    record.form.ensureWidgetVisible(summary)
    problems += look_at(window, record, scale, "A person's record, its skills and time")

    page = PersonSkillsPage(ctx, person_id)
    nav.push(page)
    problems += through_the_parts(window, page, scale, "Skills and time")
    # With a level changed and a part of the week pressed, and a refused date away.
    page.skill_editors[0].buttons["can_do"].click()
    page.show_section(page.away_button)
    page.away_from.set_value(TODAY + timedelta(days=9))
    page.add_away()
    problems += one_stop_a_skill(
        window, page, look_at(window, page, scale, "Skills and time: a refused date away")
    )
    # Dates overlapping those recorded: the service's refusal, naming them, by the field.
    page.away_to.set_value(TODAY + timedelta(days=20))
    page.add_away()
    assert page.away_rows["starts_on"].has_error()
    problems += one_stop_a_skill(
        window, page, look_at(window, page, scale, "Skills and time: overlapping dates away")
    )
    # Back from a check's form: the Checks part, "Saved", the check in view.
    page.check_saved(page.check_lines[-1].row.check_id)
    problems += one_stop_a_skill(
        window, page, look_at(window, page, scale, "Skills and time: a check just saved")
    )
    problems += check_question(
        lambda: page.remove_away(page.away_lines[0].row), scale, "Removing dates away"
    )
    page.show_section(page.checks_button)
    problems += check_question(
        lambda: page.remove_check(page.check_lines[0].row), scale, "Removing a check"
    )

    for form, name in (
        (CheckFormPage(ctx, person_id, None), "Adding a check"),
        (CheckFormPage(ctx, person_id, page.check_lines[1].row.check_id), "Changing a DBS check"),
    ):
        nav.push(form)
        problems += scroll_through(window, form, scale, name)
        form.issued_on.check.setChecked(True)
        form.issued_on.edit.set_value(TODAY + timedelta(days=3))
        form.save()  # refused: issued after today
        problems += scroll_through(window, form, scale, f"{name}, refused")
        leave(form)
    leave(page)
    leave(record)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("role", ["committee", "volunteer"])
def test_other_roles_views_meet_the_rules(window, qtbot, scale, role):
    """The committee's and a volunteer's read-only skills page meets the interface rules."""
    ctx = signed_in(window, qtbot, "coordinator")
    person_id = someone_without_links(ctx)
    give_offer(ctx, person_id)
    window.sign_out()
    ctx = signed_in(window, qtbot, role)
    theme.apply_theme(QApplication.instance(), scale)
    record = PersonPage(ctx, person_id)
    ctx.navigator.push(record)
    [summary] = record.findChildren(OfferSummary)
    assert record.record is not None
    record.record.ensureWidgetVisible(summary)
    problems = look_at(window, record, scale, f"{role}: a person's record")
    page = PersonSkillsPage(ctx, person_id)
    ctx.navigator.push(page)
    problems += through_the_parts(window, page, scale, f"{role}: skills and time")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
def test_the_volunteer_settings_meet_the_rules(window, qtbot, scale):
    """The settings page with the two volunteer settings meets the interface rules."""
    signed_in(window, qtbot, "coordinator")
    theme.apply_theme(QApplication.instance(), scale)
    window.shell.go_to("Settings")
    frame = window.shell.pages.currentWidget()
    settings = frame.widget()
    settings.hour_value.setText("twelve")
    settings.save_hour_value()
    settings.check_days.setText("0")
    settings.save_check_days()
    problems: list[str] = []
    for row in (settings.check_days_row, settings.hour_value_row):
        frame.ensureWidgetVisible(row)
        problems += check(window, scale, f"Settings: {row.label_text()}")
        problems += sideways(settings, f"Settings at {int(scale * 100)} %")
    assert not problems, "\n".join(problems)
