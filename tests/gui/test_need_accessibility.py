"""DESIGN §2 on a need's page (with people on it, one of them who cannot go yet, a ranked
list and people who cannot be asked yet; and once done), the need form (new, filled in,
every week at a club session, and refused), and the hours form (and refused), in the real
main window at 1280×720, at text scale 100 % and 200 %: sizes, names, fonts, clipping,
Tab order, nothing scrolling sideways, and the questions asked before taking someone off,
cancelling and removing a need. Also what the committee and a volunteer see."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from clubapp.services import needs, skills
from clubapp.ui import theme
from clubapp.ui.pages.hours_form import HoursFormPage
from clubapp.ui.pages.need import NeedPage
from clubapp.ui.pages.need_form import NeedFormPage
from tests.gui.test_committee_accessibility import check_question, leave
from tests.gui.test_grant_pages import signed_in
from tests.gui.test_grant_pages_accessibility import look_at, scroll_through
from tests.gui.test_need_pages import (
    CHRISTMAS,
    add_check,
    cook,
    leaving_asks_nothing,  # noqa: F401 (an autouse fixture)
)

SCALES = (1.0, 2.0)


def make_need(ctx) -> int:
    """A need for three cooks with a DBS: three cooks in date (one agreed, one asked), one
    whose DBS ran out and one with none; the demo's people may add more. Ed was asked
    before the need wanted checks, so his card says he cannot go yet."""
    db, actor = ctx.db, ctx.actor
    ids = {s.name: s.skill_id for s in ctx.read(skills.skills)}
    cooks = [cook(db, actor, f"{name} Cook") for name in ("Ann", "Bill", "Cath", "Dora", "Ed")]
    for person_id in cooks[:3]:
        add_check(db, actor, person_id, "dbs", date(2027, 3, 31))
        add_check(db, actor, person_id, "food_hygiene", date(2026, 12, 31))
    add_check(db, actor, cooks[3], "dbs", date(2026, 10, 1))
    data = needs.NeedInput(
        "Cook the Christmas lunch for the whole club and the residents",
        "job",
        "date",
        on_date=CHRISTMAS,
        part="afternoon",
        people_wanted=3,
        must_skills=(ids["Cooking"],),
        nice_skills=(ids["Meal planning"],),
        notes="Lunch for 40 people at the church hall. The oven takes an hour to warm.",
    )
    need_id = ctx.run(needs.add_need, data)
    ctx.run(needs.answer, need_id, cooks[4], "asked", ctx.today())
    ctx.run(needs.update_need, need_id, replace(data, checks=("dbs", "food_hygiene")))
    ctx.run(needs.answer, need_id, cooks[0], "agreed", ctx.today())
    ctx.run(needs.answer, need_id, cooks[1], "asked", ctx.today())
    return need_id


def scroll_page(window, page, scale: float, where: str) -> list[str]:
    """Check a need's page at its top, its middle and its end."""
    problems: list[str] = []
    bar = page.scroll_area.verticalScrollBar()
    for part, value in (("top", 0), ("middle", bar.maximum() // 2), ("end", bar.maximum())):
        bar.setValue(value)
        problems += look_at(window, page, scale, f"{where} ({part})")
    return problems


@pytest.mark.parametrize("scale", SCALES)
def test_the_need_pages_and_forms_meet_the_rules(window, qtbot, scale):
    """The need page (top to bottom), its questions and the need and hours forms, new and refused, meet the interface rules."""
    ctx = signed_in(window, qtbot, "coordinator")
    need_id = make_need(ctx)
    theme.apply_theme(QApplication.instance(), scale)
    nav = ctx.navigator
    problems: list[str] = []

    page = NeedPage(ctx, need_id)
    nav.push(page)
    problems += scroll_page(window, page, scale, "A need")
    if page.more_button.isVisible():
        page.show_more()
        problems += scroll_page(window, page, scale, "A need, 10 more shown")
    ed = next(c for c in page.people_cards.widgets() if c.person_name == "Ed Cook")
    assert ed.blocked_label.isVisible()
    problems += check_question(
        lambda: page.take_off(ed.person_id), scale, "The question before taking someone off"
    )
    problems += check_question(page.cancel, scale, "The question before cancelling a need")
    problems += check_question(page.remove, scale, "The question before removing a need")
    page.set_status("done")
    problems += scroll_page(window, page, scale, "A need, done")
    page.set_status("open")

    change = NeedFormPage(ctx, need_id)
    nav.push(change)
    problems += scroll_through(window, change, scale, "Changing a need")
    click_weekly = change.when.buttons["weekly"]
    click_weekly.setChecked(True)
    change.purpose.buttons["session"].setChecked(True)
    problems += scroll_through(window, change, scale, "Changing a need to every week")
    leave(change)

    new = NeedFormPage(ctx, None)
    nav.push(new)
    problems += scroll_through(window, new, scale, "A new need")
    new.on_date.line.setText("31/02/2027")
    new.save()  # refused: no title, a day that is not a date
    problems += scroll_through(window, new, scale, "A new need, refused")
    leave(new)

    hours = HoursFormPage(ctx, need_id=need_id)
    nav.push(hours)
    problems += scroll_through(window, hours, scale, "Logging hours")
    hours.hours.setText("two")
    hours.save()  # refused: nobody chosen, hours that are not hours
    problems += scroll_through(window, hours, scale, "Logging hours, refused")
    leave(hours)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("role", ["committee", "volunteer"])
def test_what_the_committee_and_a_volunteer_see_meets_the_rules(window, qtbot, scale, role):
    """A need's page as the committee and a volunteer see it meets the interface rules."""
    need_id = make_need(signed_in(window, qtbot, "coordinator"))
    window.sign_out()
    ctx = signed_in(window, qtbot, role)
    theme.apply_theme(QApplication.instance(), scale)
    page = NeedPage(ctx, need_id)
    ctx.navigator.push(page)
    problems = scroll_page(window, page, scale, f"{role.capitalize()}: a need")
    if role == "volunteer":
        hours = HoursFormPage(ctx, need_id=need_id)
        ctx.navigator.push(hours)
        problems += scroll_through(window, hours, scale, "Volunteer: logging hours")
        leave(hours)
    assert not problems, "\n".join(problems)
