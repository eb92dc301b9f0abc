"""A need's page, the need form and the hours form, through their real widgets in a page
stack on a small club built here: creating a need with every field (a weekly one helping
at a club session each week), bad input refused beside each field at once with
everything typed kept, changing a need, asking and agreeing from the ranked list until
the need is filled, saying no, taking someone off (asked first), an expired DBS listed
apart with why and said on the card of someone already on the need, ten at a time,
marking done (no list of who could help then), cancelling and removing (hours kept),
logging hours (a bad value refused first, a need done already, a person's full name
typed), and what a volunteer and a committee member see."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.services import attendance, checks, needs, skills, volunteer_hours
from clubapp.services.checks import CheckInput
from clubapp.services.needs import NeedInput
from clubapp.services.skills import SkillChoice
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.hours_form import HoursFormPage
from clubapp.ui.pages.need import PAGE_SIZE, NeedPage, PersonCard
from clubapp.ui.pages.need_form import NeedFormPage
from tests.conftest import TODAY, add_person
from tests.gui.committee_helpers import answer_next_question, choose_in_list, click, open_stack
from tests.gui.test_committee_pages import pick_person

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)
CHRISTMAS = date(2026, 12, 16)  # a Wednesday


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """Forms here are left holding what a test typed. As the window closes after the test,
    FormPage would ask "Leave without saving?" and wait for an answer that never comes
    (that question is FormPage's own, tested with the committee's forms)."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)


class Room(Page):
    """Stands in for the Volunteers room: the page the stack goes back to."""

    title = "Volunteers"


# ---------------------------------------------------------------- builders


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def skill_ids(db, actor) -> dict[str, int]:
    return {s.name: s.skill_id for s in db.run(skills.skills, actor)}


def cook(db, actor, name: str, level: str = "can_do", free: str | None = "afternoon") -> int:
    """Someone who can cook, free on Wednesdays (afternoons unless said)."""
    person_id = add_person(db, actor, name, kinds=("volunteer",))
    ids = skill_ids(db, actor)
    db.run(skills.save_skills, actor, person_id, [SkillChoice(ids["Cooking"], level)])
    if free:
        db.run(skills.save_free_times, actor, person_id, {(2, free)})
    return person_id


def add_check(db, actor, person_id: int, kind: str, expires: date) -> int:
    return db.run(
        checks.add_check, actor, person_id, CheckInput(kind, date(2024, 1, 1), expires), TODAY
    )


def need_input(db, actor, *, people: int = 2, checks_needed: tuple[str, ...] = ()) -> NeedInput:
    ids = skill_ids(db, actor)
    return NeedInput(
        "Cook the Christmas lunch",
        "job",
        "date",
        on_date=CHRISTMAS,
        part="afternoon",
        people_wanted=people,
        must_skills=(ids["Cooking"],),
        checks=checks_needed,
    )


def make_need(db, actor, *, people: int = 2, checks_needed: tuple[str, ...] = ()) -> int:
    return db.run(
        needs.add_need, actor, need_input(db, actor, people=people, checks_needed=checks_needed)
    )


def stack_for(qtbot, db, actor):
    ctx, stack, room = open_stack(qtbot, db, actor, Room)
    return ctx, stack


def push(ctx, page):
    ctx.navigator.push(page)
    settle()
    return page


def card_of(column, name: str) -> PersonCard:
    return next(c for c in column.widgets() if c.person_name == name)


def names_in(column) -> list[str]:
    return [c.person_name for c in column.widgets()]


# ---------------------------------------------------------------- the need form


@POPUP_WARNINGS
def test_a_need_is_created_through_the_form_with_every_field(qtbot, db, coordinator):
    """Title, a club session it helps at every week (chosen by the session's name, which
    puts the need on its day of the week), a part of the day between two dates, three
    people, a must-have and a nice-to-have skill, two checks and notes: all saved as chosen."""
    db.run(attendance.add_session, coordinator, "Crafternoon", date(2026, 12, 6))
    db.run(attendance.add_session, coordinator, "Wednesday Club", date(2026, 11, 11))
    ctx, stack = stack_for(qtbot, db, coordinator)
    saved: list[int] = []
    form = push(ctx, NeedFormPage(ctx, None, saved=saved.append))
    assert not form.form.field("session_id").isVisible()

    qtbot.keyClicks(form.title_box, "Teas at Crafternoon")
    click(qtbot, form.purpose.buttons["session"])
    assert form.form.field("session_id").isVisible()
    assert not form.form.field("activity_id").isVisible()
    choose_in_list(qtbot, form.session, "Crafternoon — Sunday 6 December 2026")
    # Choosing a session puts the need on its day.
    assert form.when.value() == "date"
    assert form.on_date.value() == date(2026, 12, 6)

    click(qtbot, form.when.buttons["weekly"])
    assert not form.form.field("on_date").isVisible()
    # Every week: a session on one day is no longer the choice; the session's name is.
    assert not form.form.field("session_id").isVisible()
    assert form.form.field("session_name").isVisible()
    offered = [form.session_name.itemText(i) for i in range(form.session_name.count())]
    assert offered == ["No particular session", "Crafternoon", "Wednesday Club"]
    choose_in_list(qtbot, form.weekday, "Monday")
    choose_in_list(qtbot, form.session_name, "Crafternoon")
    assert form.weekday.value() == 6  # Crafternoon is on Sundays
    choose_in_list(qtbot, form.part, "Afternoon")
    click(qtbot, form.starts_on.check)
    form.starts_on.edit.line.selectAll()
    qtbot.keyClicks(form.starts_on.edit.line, "06/12/2026")
    click(qtbot, form.ends_on.check)
    form.ends_on.edit.line.selectAll()
    qtbot.keyClicks(form.ends_on.edit.line, "28/02/2027")
    click(qtbot, form.people.plus_button)
    click(qtbot, form.people.plus_button)
    choose_in_list(qtbot, form.skills.cell_for("Cooking").choice, "Must have")
    choose_in_list(qtbot, form.skills.cell_for("Meal planning").choice, "Nice to have")
    assert form.skills.chosen_label.text() == "Must have: Cooking. Nice to have: Meal planning."
    click(qtbot, form.checks.check_for("Food hygiene certificate"))
    click(qtbot, form.checks.check_for("DBS check"))
    qtbot.keyClicks(form.notes, "Cups are in the cupboard by the sink.")
    click(qtbot, form.save_button)

    assert ctx.navigator.current is not form
    view = ctx.read(needs.need, saved[0])
    ids = skill_ids(db, coordinator)
    assert (view.title, view.purpose, view.session_id, view.session_name) == (
        "Teas at Crafternoon",
        "session",
        None,
        "Crafternoon",
    )
    assert view.for_words == "Crafternoon, every week"
    assert (view.when_kind, view.weekday, view.part) == ("weekly", 6, "afternoon")
    assert (view.starts_on, view.ends_on, view.on_date) == (
        date(2026, 12, 6),
        date(2027, 2, 28),
        None,
    )
    assert view.people_wanted == 3
    assert view.must_skills == ((ids["Cooking"], "Cooking"),)
    assert view.nice_skills == ((ids["Meal planning"], "Meal planning"),)
    assert view.checks == ("dbs", "food_hygiene")
    assert view.notes == "Cups are in the cupboard by the sink."


def test_a_new_need_opens_its_page_once_saved(qtbot, db, coordinator):
    """Without a caller waiting for it, a new need's own page opens after saving."""
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, NeedFormPage(ctx, None))
    qtbot.keyClicks(form.title_box, "Sort the song books")
    click(qtbot, form.when.buttons["before"])
    form.by_date.line.selectAll()
    qtbot.keyClicks(form.by_date.line, "18/12/2026")
    click(qtbot, form.save_button)
    page = ctx.navigator.current
    assert isinstance(page, NeedPage)
    assert page.heading() == "A need"
    assert page.title_label.text() == "Sort the song books"
    assert page.facts.words["When"].text() == "Any time before Friday 18 December 2026"
    assert page.facts.words["What it is for"].text() == "A one-off job"


def test_bad_input_is_shown_beside_each_field_at_once_and_kept(qtbot, db, coordinator):
    """No title, a day that is not a date and no number of people: three messages at once,
    each under its field, and what was typed is still there."""
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, NeedFormPage(ctx, None))
    form.on_date.line.selectAll()
    qtbot.keyClicks(form.on_date.line, "31/02/2027")
    form.people.box.selectAll()
    qtbot.keyClick(form.people.box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(form.notes, "Ask Ann first")
    click(qtbot, form.save_button)

    assert ctx.navigator.current is form
    assert form.form.field("title").error_text() == "Type the need's title."
    assert form.form.field("on_date").error_text() == (
        "'31/02/2027' is not a date: February 2027 has 28 days."
    )
    assert form.form.field("people_wanted").error_text().startswith("Type how many people")
    assert form.errors_summary.text().startswith("3 things need fixing first")
    assert form.on_date.text() == "31/02/2027"
    assert form.notes.text() == "Ask Ann first"

    qtbot.keyClicks(form.title_box, "Teas")
    form.on_date.line.selectAll()
    qtbot.keyClicks(form.on_date.line, "28/02/2027")
    qtbot.keyClicks(form.people.box, "2")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is not form
    saved = ctx.read(needs.needs, TODAY)
    assert [(n.title, n.on_date, n.people_wanted) for n in saved] == [
        ("Teas", date(2027, 2, 28), 2)
    ]


def test_a_weekly_need_whose_last_week_is_before_its_first_is_refused_beside_until(
    qtbot, db, coordinator
):
    """The service's refusal shows under Until, and both dates stay as typed."""
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, NeedFormPage(ctx, None))
    qtbot.keyClicks(form.title_box, "Garden club")
    click(qtbot, form.when.buttons["weekly"])
    click(qtbot, form.starts_on.check)
    form.starts_on.edit.line.selectAll()
    qtbot.keyClicks(form.starts_on.edit.line, "01/03/2027")
    click(qtbot, form.ends_on.check)
    form.ends_on.edit.line.selectAll()
    qtbot.keyClicks(form.ends_on.edit.line, "01/02/2027")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is form
    assert form.form.field("ends_on").error_text().startswith("The last week is before the first")
    assert form.starts_on.edit.text() == "01/03/2027"
    assert form.ends_on.edit.text() == "01/02/2027"


def test_changing_a_need_shows_what_it_holds_and_saves_the_change(qtbot, db, coordinator):
    """The form opens filled in from the need; changing its title, when and checks saves."""
    need_id = make_need(db, coordinator, checks_needed=("dbs",))
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    click(qtbot, page.change_button)
    form = ctx.navigator.current
    assert isinstance(form, NeedFormPage)
    assert form.title_box.text() == "Cook the Christmas lunch"
    assert form.on_date.value() == CHRISTMAS
    assert form.part.value() == "afternoon"
    assert form.people.value() == 2
    assert form.skills.cell_for("Cooking").choice.value() == "must"
    assert form.checks.value() == ["dbs"]

    form.title_box.selectAll()
    qtbot.keyClicks(form.title_box, "Cook the New Year lunch")
    click(qtbot, form.when.buttons["before"])
    form.by_date.line.selectAll()
    qtbot.keyClicks(form.by_date.line, "30/12/2026")
    click(qtbot, form.checks.check_for("DBS check"))
    click(qtbot, form.checks.check_for("Food hygiene certificate"))
    click(qtbot, form.save_button)

    assert ctx.navigator.current is page
    view = ctx.read(needs.need, need_id)
    assert (view.title, view.when_kind, view.by_date, view.on_date, view.part) == (
        "Cook the New Year lunch",
        "before",
        date(2026, 12, 30),
        None,
        None,
    )
    assert view.checks == ("food_hygiene",)
    assert page.title_label.text() == "Cook the New Year lunch"
    assert page.facts.words["Checks needed"].text() == "Food hygiene certificate."


@POPUP_WARNINGS
def test_a_weekly_need_shows_its_session_name_when_changed(qtbot, db, coordinator):
    """A weekly need saved for "Wednesday Club" opens in the form with that name chosen
    (and no dated session offered); made a one-day need, it takes a dated session instead."""
    club = db.run(attendance.add_session, coordinator, "Wednesday Club", date(2026, 11, 25))
    need_id = db.run(
        needs.add_need,
        coordinator,
        NeedInput(
            "Teas",
            "session",
            "weekly",
            weekday=2,
            part="afternoon",
            session_name="Wednesday Club",
        ),
    )
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, NeedFormPage(ctx, need_id))
    assert form.form.field("session_name").isVisible()
    assert form.session_name.currentText() == "Wednesday Club"
    assert not form.form.field("session_id").isVisible()

    click(qtbot, form.when.buttons["date"])
    assert not form.form.field("session_name").isVisible()
    assert form.form.field("session_id").isVisible()
    choose_in_list(qtbot, form.session, "Wednesday Club — Wednesday 25 November 2026")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is not form
    view = ctx.read(needs.need, need_id)
    assert (view.when_kind, view.on_date, view.session_id, view.session_name) == (
        "date",
        date(2026, 11, 25),
        club,
        None,
    )


@POPUP_WARNINGS
def test_an_older_weekly_need_with_a_dated_session_keeps_it_by_name(qtbot, db, coordinator):
    """A weekly need saved with only a dated session opens with that session's name
    chosen, and saving keeps what it is for, by name."""
    club = db.run(attendance.add_session, coordinator, "Wednesday Club", date(2026, 11, 25))
    need_id = db.run(
        needs.add_need,
        coordinator,
        NeedInput("Teas", "session", "weekly", weekday=2, session_id=club),
    )
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, NeedFormPage(ctx, need_id))
    assert form.session_name.currentText() == "Wednesday Club"
    click(qtbot, form.save_button)
    assert ctx.navigator.current is not form
    assert ctx.read(needs.need, need_id).session_name == "Wednesday Club"


def test_wanting_fewer_people_than_agreed_is_refused_beside_the_number(qtbot, db, coordinator):
    """Two people agreed: asking for one is refused under How many people are wanted,
    with the service's words, and the number typed stays."""
    ann = cook(db, coordinator, "Ann Baker")
    bill = cook(db, coordinator, "Bill Cole")
    need_id = make_need(db, coordinator, people=2)
    db.run(needs.answer, coordinator, need_id, ann, "agreed", TODAY)
    db.run(needs.answer, coordinator, need_id, bill, "agreed", TODAY)
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, NeedFormPage(ctx, need_id))
    click(qtbot, form.people.minus_button)
    click(qtbot, form.save_button)
    assert ctx.navigator.current is form
    assert form.form.field("people_wanted").error_text() == (
        "2 people have agreed already. Want at least 2, or take someone off the need first."
    )
    assert form.people.value() == 1
    assert ctx.read(needs.need, need_id).people_wanted == 2


# ---------------------------------------------------------------- the need's page


def test_the_page_says_what_when_for_and_who_in_words(qtbot, db, coordinator):
    """The heading says "A need" and the title leads the page; the facts in words, the
    status with the people found, and each person's answer."""
    ann = cook(db, coordinator, "Ann Baker")
    add_check(db, coordinator, ann, "dbs", date(2027, 3, 31))
    add_check(db, coordinator, ann, "food_hygiene", date(2027, 3, 31))
    need_id = make_need(db, coordinator, checks_needed=("dbs", "food_hygiene"))
    db.run(needs.answer, coordinator, need_id, ann, "agreed", TODAY)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    assert page.heading() == "A need"
    assert stack.current is page
    assert page.title_label.text() == "Cook the Christmas lunch"
    assert page.title_label.isVisible()
    assert page.title_label.wordWrap()
    assert page.status_label.text() == "Looking for people: 1 of 2 people found."
    assert page.facts.words["When"].text() == "Wednesday 16 December 2026, afternoon"
    assert page.facts.words["Skills"].text() == "Must have: Cooking."
    assert page.facts.words["Checks needed"].text() == ("DBS check and Food hygiene certificate.")
    assert not page.facts.words["Notes"].isVisible()
    card = card_of(page.people_cards, "Ann Baker")
    assert card.words.text() == "Agreed (asked on 18 November 2026)."
    assert not card.blocked_label.isVisible()  # her checks are in date
    assert not card.buttons["Agreed"].isVisible()
    assert card.buttons["Said no"].isVisible()


def test_asking_and_agreeing_from_the_ranked_list_fills_the_need(qtbot, db, coordinator):
    """Ask moves a person onto the need as asked; Agreed there, and Agreed straight from
    the list, fill the need; the list says why each person is suggested."""
    for name in ("Ann Baker", "Bill Cole", "Cath Dunn"):
        cook(db, coordinator, name, level="can_teach" if name == "Bill Cole" else "can_do")
    need_id = make_need(db, coordinator, people=2)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    assert page.considered_label.text() == "3 people considered: 3 could be asked."
    assert names_in(page.ranked_cards)[0] == "Bill Cole"  # can teach: first
    bill = card_of(page.ranked_cards, "Bill Cole")
    assert bill.name_label.text() == "1. Bill Cole"
    assert bill.words.text().startswith("Can teach cooking, free on Wednesday afternoons")
    assert bill.words.wordWrap()

    click(qtbot, card_of(page.ranked_cards, "Bill Cole").buttons["Ask"])
    assert "Bill Cole" not in names_in(page.ranked_cards)
    asked = card_of(page.people_cards, "Bill Cole")
    assert asked.words.text() == "Asked on 18 November 2026, no answer yet."
    assert page.status_label.text() == "Looking for people: 2 people wanted, nobody yet."

    click(qtbot, card_of(page.ranked_cards, "Ann Baker").buttons["Agreed"])
    assert card_of(page.people_cards, "Ann Baker").words.text().startswith("Agreed")
    click(qtbot, card_of(page.people_cards, "Bill Cole").buttons["Agreed"])

    assert page.status_label.text() == "Has enough people: 2 of 2 people found."
    assert ctx.read(needs.need, need_id).status == "filled"
    assert page.people_label.text() == "2 agreed."
    # Filled: the one left can still be asked, but not marked as agreed.
    cath = card_of(page.ranked_cards, "Cath Dunn")
    assert cath.buttons["Ask"].isVisible()
    assert not cath.buttons["Agreed"].isVisible()
    assert page.closed_label.isVisible()


def test_agreeing_beyond_the_people_wanted_is_refused_on_the_persons_card(qtbot, db, coordinator):
    """A need for one person, already found: Agreed for someone else who was asked says
    why not on that person's card, and nothing changes."""
    ann = cook(db, coordinator, "Ann Baker")
    bill = cook(db, coordinator, "Bill Cole")
    need_id = make_need(db, coordinator, people=1)
    db.run(needs.answer, coordinator, need_id, ann, "agreed", TODAY)
    db.run(needs.answer, coordinator, need_id, bill, "asked", TODAY)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    click(qtbot, card_of(page.people_cards, "Bill Cole").buttons["Agreed"])
    card = card_of(page.people_cards, "Bill Cole")
    assert card.problem_label.text() == (
        "This need already has the 1 person it wants. Change how many are wanted first."
    )
    assert card.words.text() == "Asked on 18 November 2026, no answer yet."


def test_after_asking_the_keyboard_goes_to_the_next_person(qtbot, db, coordinator):
    """Ask takes the person off the list; the keyboard is on the Ask of who is there now."""
    for name in ("Ann Baker", "Bill Cole", "Cath Dunn"):
        cook(db, coordinator, name)
    need_id = make_need(db, coordinator)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    stack.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is stack)
    first, second = names_in(page.ranked_cards)[:2]
    click(qtbot, card_of(page.ranked_cards, first).buttons["Ask"])
    assert names_in(page.ranked_cards)[0] == second
    assert QApplication.focusWidget() is card_of(page.ranked_cards, second).buttons["Ask"]


def test_saying_no_keeps_the_person_on_the_need_and_back_in_the_list_with_why(
    qtbot, db, coordinator
):
    """Said no is recorded on the need; the list offers them again, saying they said no;
    Take off this need asks first, naming her, her answer and the need, then forgets
    they were asked."""
    cook(db, coordinator, "Ann Baker")
    need_id = make_need(db, coordinator)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    click(qtbot, card_of(page.ranked_cards, "Ann Baker").buttons["Ask"])
    click(qtbot, card_of(page.people_cards, "Ann Baker").buttons["Said no"])
    card = card_of(page.people_cards, "Ann Baker")
    assert card.words.text() == "Said no (asked on 18 November 2026)."
    assert page.people_label.text() == "0 agreed and 1 said no."
    again = card_of(page.ranked_cards, "Ann Baker")
    assert "said no to this on 18 November 2026" in again.words.text()

    asked = answer_next_question(confirm=True)
    click(qtbot, card_of(page.people_cards, "Ann Baker").buttons["Take off this need"])
    assert asked == [
        "Ann Baker said no. Take Ann Baker off the need “Cook the Christmas lunch”? It "
        "will be forgotten that they were asked."
    ]
    assert names_in(page.people_cards) == []
    assert page.people_label.text() == "Nobody has been asked yet."


def test_taking_someone_off_asks_first_and_no_keeps_them(qtbot, db, coordinator):
    """Take off this need asks, naming the person, that they agreed, and the need; No
    keeps them on it, agreed."""
    ann = cook(db, coordinator, "Ann Baker")
    need_id = make_need(db, coordinator)
    db.run(needs.answer, coordinator, need_id, ann, "agreed", TODAY)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    asked = answer_next_question(confirm=False)
    click(qtbot, card_of(page.people_cards, "Ann Baker").buttons["Take off this need"])
    assert asked == [
        "Ann Baker agreed to help. Take Ann Baker off the need “Cook the Christmas "
        "lunch”? It will be forgotten that they were asked."
    ]
    assert names_in(page.people_cards) == ["Ann Baker"]
    assert [(p.name, p.answer) for p in ctx.read(needs.need, need_id).people] == [
        ("Ann Baker", "agreed")
    ]
    assert page.people_label.text() == "1 agreed."


def test_someone_on_the_need_whose_check_ran_out_says_so_and_cannot_agree(qtbot, db, coordinator):
    """Asked before the need wanted a DBS, Bill's DBS has run out: his card says he
    cannot go yet, in the error style, and Agreed is refused on his card with the
    service's words; Ann's DBS is in date, so her card says nothing of it."""
    ann = cook(db, coordinator, "Ann Baker")
    bill = cook(db, coordinator, "Bill Cole")
    add_check(db, coordinator, ann, "dbs", date(2027, 3, 31))
    add_check(db, coordinator, bill, "dbs", date(2026, 10, 1))
    need_id = make_need(db, coordinator)
    db.run(needs.answer, coordinator, need_id, ann, "agreed", TODAY)
    db.run(needs.answer, coordinator, need_id, bill, "asked", TODAY)
    db.run(
        needs.update_need,
        coordinator,
        need_id,
        need_input(db, coordinator, checks_needed=("dbs",)),
    )
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    card = card_of(page.people_cards, "Bill Cole")
    assert card.blocked_label.isVisible()
    assert card.blocked_label.text() == "Cannot go yet: DBS ran out on 1 October 2026."
    assert card.blocked_label.property("role") == "error"
    assert not card_of(page.people_cards, "Ann Baker").blocked_label.isVisible()

    click(qtbot, card.buttons["Agreed"])
    card = card_of(page.people_cards, "Bill Cole")
    assert card.problem_label.isVisible()
    assert card.problem_label.text() == (
        "Bill Cole cannot be asked yet: DBS ran out on 1 October 2026. Record the new "
        "check on their skills and time page first."
    )
    assert card.words.text() == "Asked on 18 November 2026, no answer yet."


def test_the_committee_sees_why_someone_cannot_go_but_a_volunteer_does_not(
    qtbot, db, coordinator, actors
):
    """Those who see checks (the committee) read why a person on the need cannot go; a
    volunteer, who may not see checks, reads nothing about them."""
    bill = cook(db, coordinator, "Bill Cole")
    add_check(db, coordinator, bill, "dbs", date(2026, 10, 1))
    need_id = make_need(db, coordinator)
    db.run(needs.answer, coordinator, need_id, bill, "asked", TODAY)
    db.run(
        needs.update_need,
        coordinator,
        need_id,
        need_input(db, coordinator, checks_needed=("dbs",)),
    )
    ctx, stack = stack_for(qtbot, db, actors["committee"])
    page = push(ctx, NeedPage(ctx, need_id))
    card = card_of(page.people_cards, "Bill Cole")
    assert card.blocked_label.text() == "Cannot go yet: DBS ran out on 1 October 2026."
    assert card.blocked_label.isVisible()

    ctx, stack = stack_for(qtbot, db, actors["volunteer"])
    page = push(ctx, NeedPage(ctx, need_id))
    assert not card_of(page.people_cards, "Bill Cole").blocked_label.isVisible()


def test_a_person_whose_dbs_ran_out_is_listed_apart_with_why(qtbot, db, coordinator):
    """A DBS that ran out, and one never recorded, put people under "Cannot be asked yet"
    with why, and no Ask button; a DBS in date keeps a person in the ranked list."""
    ann = cook(db, coordinator, "Ann Baker")
    bill = cook(db, coordinator, "Bill Cole")
    cook(db, coordinator, "Cath Dunn")
    add_check(db, coordinator, ann, "dbs", date(2027, 3, 31))
    add_check(db, coordinator, bill, "dbs", date(2026, 10, 1))
    need_id = make_need(db, coordinator, checks_needed=("dbs",))
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))

    assert names_in(page.ranked_cards) == ["Ann Baker"]
    assert "DBS valid until March 2027" in card_of(page.ranked_cards, "Ann Baker").words.text()
    assert page.apart_section.isVisible()
    assert page.considered_label.text() == (
        "3 people considered: 1 could be asked, 2 cannot be asked yet because of a check."
    )
    bill_card = card_of(page.apart_cards, "Bill Cole")
    assert bill_card.why.text() == "Why: DBS ran out on 1 October 2026."
    assert bill_card.words.text().startswith("Otherwise: Can do cooking")
    assert not bill_card.buttons  # nobody is asked without the check
    cath_card = card_of(page.apart_cards, "Cath Dunn")
    assert cath_card.why.text() == "Why: No DBS check on record."


def test_a_long_list_shows_ten_at_a_time(qtbot, db, coordinator):
    """25 people who could help: 10 shown, then 20, then all 25, and the button goes."""
    for n in range(25):
        cook(db, coordinator, f"Cook {n:02d}")
    need_id = make_need(db, coordinator)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    assert len(page.ranked_cards.widgets()) == PAGE_SIZE
    assert page.more_button.text() == "Show 10 more (15 not shown yet)"
    click(qtbot, page.more_button)
    assert len(page.ranked_cards.widgets()) == 20
    assert page.more_button.text() == "Show 5 more (5 not shown yet)"
    click(qtbot, page.more_button)
    assert len(page.ranked_cards.widgets()) == 25
    assert not page.more_button.isVisible()
    assert card_of(page.ranked_cards, names_in(page.ranked_cards)[-1]).name_label.text()[:3] == (
        "25."
    )


def test_marking_done_cancelling_and_opening_again(qtbot, db, coordinator):
    """Mark as done shows a sentence instead of who could help; Open it again brings it
    back; Cancel asks in plain words first, and Go back keeps the need as it was."""
    cook(db, coordinator, "Ann Baker")
    need_id = make_need(db, coordinator)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    click(qtbot, page.done_button)
    assert page.status_label.text() == "Done."
    assert page.closed_label.isVisible()
    assert page.closed_label.text() == "This need is done: open it again to find people."
    assert not page.considered_label.isVisible()
    assert not page.match_help.isVisible()
    assert not page.ranked_cards.widgets()
    assert not page.done_button.isVisible()
    click(qtbot, page.reopen_button)
    assert page.status_label.text() == "Looking for people: 2 people wanted, nobody yet."
    assert names_in(page.ranked_cards) == ["Ann Baker"]

    asked = answer_next_question(confirm=False)
    click(qtbot, page.cancel_button)
    assert "Cook the Christmas lunch" in asked[0]
    assert ctx.read(needs.need, need_id).status == "open"
    asked = answer_next_question(confirm=True)
    click(qtbot, page.cancel_button)
    assert ctx.read(needs.need, need_id).status == "cancelled"
    assert page.status_label.text() == "Cancelled."
    assert page.closed_label.text() == "This need is cancelled: open it again to find people."


def test_a_need_done_asks_nobody_and_takes_no_answers(qtbot, db, coordinator, monkeypatch):
    """A need done: who could help is not worked out at all, the people on it keep their
    answer with no Agreed or Said no to press, and Take off this need is still there."""
    from clubapp.services import matching

    ann = cook(db, coordinator, "Ann Baker")
    cook(db, coordinator, "Bill Cole")
    need_id = make_need(db, coordinator)
    db.run(needs.answer, coordinator, need_id, ann, "asked", TODAY)
    db.run(needs.set_status, coordinator, need_id, "done")

    def no_match(*_args, **_kwargs):
        raise AssertionError("a need done is not matched")

    monkeypatch.setattr(matching, "match", no_match)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    assert page.closed_label.text() == "This need is done: open it again to find people."
    assert not page.ranked_cards.widgets()
    assert not page.apart_section.isVisible()
    card = card_of(page.people_cards, "Ann Baker")
    assert not card.buttons["Agreed"].isVisible()
    assert not card.buttons["Said no"].isVisible()
    assert card.buttons["Take off this need"].isVisible()


def test_a_need_done_and_the_committee_read_it_plainly(qtbot, db, coordinator, actors):
    """The committee, who cannot open a need again, read that nobody is being asked."""
    need_id = make_need(db, coordinator)
    db.run(needs.set_status, coordinator, need_id, "done")
    ctx, stack = stack_for(qtbot, db, actors["committee"])
    page = push(ctx, NeedPage(ctx, need_id))
    assert page.closed_label.text() == "This need is done, so nobody is being asked for it."


def test_removing_a_need_asks_first_and_keeps_its_hours(qtbot, db, coordinator):
    """Remove this need names the need, goes back once removed, and the hours logged for
    it stay in the log."""
    ann = cook(db, coordinator, "Ann Baker")
    need_id = make_need(db, coordinator)
    db.run(
        volunteer_hours.log_hours,
        coordinator,
        volunteer_hours.HoursInput(ann, TODAY, 90, need_id=need_id),
        TODAY,
    )
    ctx, stack = stack_for(qtbot, db, coordinator)
    room = ctx.navigator.current
    page = push(ctx, NeedPage(ctx, need_id))
    asked = answer_next_question(confirm=True)
    click(qtbot, page.remove_button)
    assert "Remove the need “Cook the Christmas lunch”" in asked[0]
    assert "Hours already logged for it are kept" in asked[0]
    assert ctx.navigator.current is room
    assert ctx.read(needs.needs, TODAY) == []
    log = ctx.read(volunteer_hours.hours_log, TODAY, TODAY)
    assert [(row.person_id, row.minutes) for row in log] == [(ann, 90)]


# ---------------------------------------------------------------- hours


@POPUP_WARNINGS
def test_hours_are_logged_for_a_need_after_a_bad_value_is_put_right(qtbot, db, coordinator):
    """From the need's page: the need is chosen already; "two" is refused under the hours
    and kept; "2:30" is said back as 2½ hours and saved against the need."""
    ann = cook(db, coordinator, "Ann Baker")
    need_id = make_need(db, coordinator)
    ctx, stack = stack_for(qtbot, db, coordinator)
    page = push(ctx, NeedPage(ctx, need_id))
    click(qtbot, page.hours_button)
    form = ctx.navigator.current
    assert isinstance(form, HoursFormPage)
    assert form.for_what.value() == "need"
    assert form.need.value() == need_id
    assert form.on_date.value() == TODAY

    qtbot.keyClicks(form.hours, "two")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is form
    assert form.form.field("hours").error_text() == (
        "'two' is not a number of hours. Type it like 2 or 2.5."
    )
    assert form.form.field("person").error_text().startswith("Choose who gave the time")
    assert form.hours.text() == "two"

    pick_person(qtbot, form.person, "Ann", "Ann Baker")
    form.hours.selectAll()
    qtbot.keyClicks(form.hours, "2:30")
    assert form.form.field("hours").help_label.text() == "That is 2½ hours."
    qtbot.keyClicks(form.note, "Peeled the sprouts")
    click(qtbot, form.save_button)

    assert ctx.navigator.current is page
    log = ctx.read(volunteer_hours.hours_log, TODAY, TODAY)
    assert [(r.person_id, r.minutes, r.need_id, r.note) for r in log] == [
        (ann, 150, need_id, "Peeled the sprouts")
    ]


@POPUP_WARNINGS
def test_hours_for_a_club_session_on_an_earlier_day(qtbot, db, coordinator):
    """A person chosen already, a session from the recent ones, a day typed: saved so; a
    day after today is refused beside the day."""
    ann = cook(db, coordinator, "Ann Baker")
    session_id = db.run(attendance.add_session, coordinator, "Music", date(2026, 11, 11))
    ctx, stack = stack_for(qtbot, db, coordinator)
    saved: list[int] = []
    form = push(ctx, HoursFormPage(ctx, person_id=ann, saved=saved.append))
    assert form.person.value() == ann
    assert form.for_what.value() == ""
    assert not form.form.field("session").isVisible()
    click(qtbot, form.for_what.buttons["session"])
    assert form.form.field("session").isVisible()
    choose_in_list(qtbot, form.session, "Music — Wednesday 11 November 2026")
    form.on_date.line.selectAll()
    qtbot.keyClicks(form.on_date.line, "19/11/2026")
    qtbot.keyClicks(form.hours, "3")
    click(qtbot, form.save_button)
    assert form.form.field("on_date").error_text().startswith("Hours can be logged only once")

    form.on_date.line.selectAll()
    qtbot.keyClicks(form.on_date.line, "11/11/2026")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is not form
    log = ctx.read(volunteer_hours.hours_log, date(2026, 11, 1), TODAY)
    assert [(r.hours_id, r.minutes, r.session_id, r.on_date) for r in log] == [
        (saved[0], 180, session_id, date(2026, 11, 11))
    ]


@POPUP_WARNINGS
def test_hours_are_logged_for_a_need_done_already(qtbot, db, coordinator):
    """Hours come in after a need is done: the list of needs offers it, saying it is done,
    and the hours are saved against it."""
    ann = cook(db, coordinator, "Ann Baker")
    done_id = db.run(
        needs.add_need,
        coordinator,
        NeedInput("Old raffle", "job", "date", on_date=date(2026, 11, 1)),
    )
    db.run(needs.set_status, coordinator, done_id, "done")
    open_id = make_need(db, coordinator)
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, HoursFormPage(ctx, person_id=ann))
    offered = [form.need.itemText(i) for i in range(form.need.count())]
    assert "Old raffle, 1 November 2026 (done)" in offered
    assert "Cook the Christmas lunch, 16 December 2026" in offered
    assert form.for_what.buttons["need"].isEnabled()
    click(qtbot, form.for_what.buttons["need"])
    choose_in_list(qtbot, form.need, "Old raffle, 1 November 2026 (done)")
    qtbot.keyClicks(form.hours, "2")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is not form
    log = ctx.read(volunteer_hours.hours_log, TODAY, TODAY)
    assert [(r.person_id, r.need_id) for r in log] == [(ann, done_id)]
    assert open_id != done_id


@POPUP_WARNINGS
@pytest.mark.parametrize("typed", ["Leonard Fox", "  leonard   fox ", "LEN"])
def test_typing_a_persons_full_or_known_as_name_chooses_them(qtbot, db, coordinator, typed):
    """The list shows "Len (Leonard Fox)"; typing "Leonard Fox" (any case, spaces
    trimmed) or "Len" alone chooses him, and the box then shows him as the list does."""
    len_id = add_person(db, coordinator, "Leonard Fox", known_as="Len", kinds=("volunteer",))
    add_person(db, coordinator, "Leonora Fox", kinds=("volunteer",))
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, HoursFormPage(ctx))
    qtbot.keyClicks(form.person.lineEdit(), typed)
    assert form.person.value() == len_id
    assert not form.person.is_unknown()
    qtbot.keyClicks(form.hours, "1")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is not form
    log = ctx.read(volunteer_hours.hours_log, TODAY, TODAY)
    assert [r.person_id for r in log] == [len_id]


@POPUP_WARNINGS
def test_words_naming_two_people_choose_nobody(qtbot, db, coordinator):
    """Two people known as Len: "Len" names neither, and saving asks to choose from the
    list; part of a name chooses nobody either."""
    add_person(db, coordinator, "Leonard Fox", known_as="Len", kinds=("volunteer",))
    add_person(db, coordinator, "Leonard Gray", known_as="Len", kinds=("volunteer",))
    ctx, stack = stack_for(qtbot, db, coordinator)
    form = push(ctx, HoursFormPage(ctx))
    qtbot.keyClicks(form.person.lineEdit(), "Len")
    assert form.person.value() is None
    assert form.person.is_unknown()
    form.person.lineEdit().clear()
    qtbot.keyClicks(form.person.lineEdit(), "Leonard")
    assert form.person.value() is None
    qtbot.keyClicks(form.hours, "1")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is form
    assert form.form.field("person").error_text().startswith("Those words do not name one person")


# ---------------------------------------------------------------- roles


def test_a_volunteer_sees_no_ranked_list_and_no_buttons_that_change_the_need(
    qtbot, db, coordinator, actors
):
    """A volunteer reads the need and may log hours, but sees no list of who could help
    and no buttons that ask people or change the need."""
    ann = cook(db, coordinator, "Ann Baker")
    need_id = make_need(db, coordinator)
    db.run(needs.answer, coordinator, need_id, ann, "asked", TODAY)
    ctx, stack = stack_for(qtbot, db, actors["volunteer"])
    page = push(ctx, NeedPage(ctx, need_id))
    assert page.status_label.text() == "Looking for people: 2 people wanted, nobody yet."
    assert not page.match_section.isVisible()
    assert not page.apart_section.isVisible()
    for button in (
        page.change_button,
        page.done_button,
        page.cancel_button,
        page.reopen_button,
        page.remove_button,
    ):
        assert not button.isVisible()
    assert page.hours_button.isVisible()
    assert not card_of(page.people_cards, "Ann Baker").buttons


@POPUP_WARNINGS
def test_a_volunteer_logs_their_own_hours_with_their_name_chosen(qtbot, db, coordinator, actors):
    """A volunteer signed in as Dev Patel finds Dev Patel chosen, types the hours, saves."""
    dev = add_person(db, coordinator, "Dev Patel", kinds=("volunteer",))
    ctx, stack = stack_for(qtbot, db, actors["volunteer"])
    form = push(ctx, HoursFormPage(ctx))
    assert form.person.value() == dev
    qtbot.keyClicks(form.hours, "1.5")
    click(qtbot, form.save_button)
    assert ctx.navigator.current is not form
    log = ctx.read(volunteer_hours.hours_log, TODAY, TODAY)
    assert [(r.person_id, r.minutes) for r in log] == [(dev, 90)]


def test_a_committee_member_sees_who_could_help_but_cannot_ask(qtbot, db, coordinator, actors):
    """The committee sees the ranked list and the people apart, without Ask or Agreed, and
    cannot change the need or log hours: no row of buttons, nor a gap where it would be."""
    ann = cook(db, coordinator, "Ann Baker")
    bill = cook(db, coordinator, "Bill Cole")
    add_check(db, coordinator, ann, "dbs", date(2027, 3, 31))
    add_check(db, coordinator, bill, "dbs", date(2026, 10, 1))
    need_id = make_need(db, coordinator, checks_needed=("dbs",))
    ctx, stack = stack_for(qtbot, db, actors["committee"])
    page = push(ctx, NeedPage(ctx, need_id))
    assert page.match_section.isVisible()
    assert names_in(page.ranked_cards) == ["Ann Baker"]
    assert names_in(page.apart_cards) == ["Bill Cole"]
    cards = page.ranked_cards.widgets() + page.apart_cards.widgets()
    assert all(not card.buttons for card in cards)
    assert not page.change_button.isVisible()
    assert not page.hours_button.isVisible()
    assert not page.actions_row.isVisible()
    gap = page.facts.mapTo(page, page.facts.rect().topLeft()).y() - (
        page.status_label.mapTo(page, page.status_label.rect().bottomLeft()).y()
    )
    assert gap < 2 * page.content.layout().spacing(), gap
