"""A conversation's own page says who may see it and whether the member stopped early;
the coordinator changes who may see it there (the conversation and its notes together),
with a refusal shown by its field."""

# ruff: noqa: F811 (pytest fixtures imported from another test module)
from __future__ import annotations

from clubapp.services import conversations as conv
from clubapp.services import notes
from clubapp.services.notes import VISIBILITY_WORDS
from clubapp.ui.pages.person_conversations import ConversationPage
from tests.gui.committee_helpers import click
from tests.gui.test_person_conversations import (  # noqa: F401
    LEFT,
    hold,
    open_person,
    talked,
    topic_named,
)


def open_conversation(open_person, person: int, number: int, role: str = "coordinator"):  # noqa: F811
    _page, stack = open_person(person, role)
    page = ConversationPage(stack.ctx, number)
    stack.push(page)
    return page, stack


def test_the_page_says_who_may_see_it_and_the_coordinator_changes_it(
    open_person,
    talked,
    db,
    coordinator,
    qtbot,  # noqa: F811
):
    page, _stack = open_conversation(open_person, talked["peggy"], talked["private"])
    qtbot.waitUntil(lambda: page.who_label is not None)
    assert page.who_label.text() == f"Who may see it: {VISIBILITY_WORDS['private']}."
    assert page.visibility_box is not None and page.visibility_box.isVisible()
    assert not page.named_row.isVisible()

    click(qtbot, page.visibility.buttons["committee_named"])
    assert page.named_row.isVisible()
    click(qtbot, page.save_visibility_button)
    qtbot.waitUntil(
        lambda: page.who_label.text() == f"Who may see it: {VISIBILITY_WORDS['committee_named']}."
    )
    qtbot.waitUntil(lambda: page.saved_label is not None and page.saved_label.isVisible())
    assert VISIBILITY_WORDS["committee_named"] in page.saved_label.text()
    detail = db.run(conv.get_conversation, coordinator, talked["private"])
    assert detail.visibility == "committee_named"
    rows = db.run(notes.list_notes, coordinator, person_id=talked["peggy"])
    mine = [r for r in rows if r.conversation_id == talked["private"]]
    assert mine and all(r.visibility == "committee_named" for r in mine)


def test_a_refusal_shows_by_its_field(open_person, talked, qtbot):  # noqa: F811
    page, _stack = open_conversation(open_person, talked["peggy"], talked["private"])
    qtbot.waitUntil(lambda: page.visibility_box is not None)
    click(qtbot, page.visibility.buttons["committee_named"])
    # Named "agreed" after today: the service refuses, and says so by the date.
    later = page.ctx.today().replace(year=page.ctx.today().year + 1)
    page.named_agreed_on.set_value(later)
    click(qtbot, page.save_visibility_button)
    qtbot.waitUntil(lambda: page.named_row.has_error() or page.visibility_error.isVisible())
    assert page.named_row.has_error(), page.visibility_error.text()
    assert page.who_label.text() == f"Who may see it: {VISIBILITY_WORDS['private']}."


def test_stopping_early_is_said_and_others_get_no_control(
    open_person,
    db,
    coordinator,
    person_factory,
    qtbot,  # noqa: F811
):
    sam = person_factory("Sam Early")
    food = topic_named(db, coordinator, "Food and drink")
    number = hold(
        db, coordinator, sam, food, ["like"], on_date=page_day(),
        visibility="committee_named", finished=False,
    )  # fmt: skip
    page, _stack = open_conversation(open_person, sam, number, "volunteer")
    qtbot.waitUntil(lambda: page.who_label is not None)
    assert page.stopped_label is not None and page.stopped_label.isVisible()
    assert page.stopped_label.text() == "Sam Early stopped before the last card."
    assert page.visibility_box is None


def page_day():
    from tests.gui.test_person_conversations import OCTOBER

    return OCTOBER
