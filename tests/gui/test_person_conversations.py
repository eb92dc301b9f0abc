"""A member's picture conversations on their page: the list, newest first, each opening
its own page with the three places side by side; what has changed, in words with the
pictures; only for roles that may see shared notes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from clubapp.services import conversation_topics
from clubapp.services import conversations as conv
from clubapp.services.conversations import ConversationInput, Placement
from clubapp.ui.context import AppContext
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages.members import MembersPage
from clubapp.ui.pages.person import PersonPage
from clubapp.ui.pages.person_conversations import ConversationPage, ConversationsSection
from tests.conftest import TODAY

LEFT = Qt.MouseButton.LeftButton
MAY, OCTOBER = date(2026, 5, 12), date(2026, 10, 6)


def hold(db, actor, person: int, topic, places, **kwargs) -> int:
    said = kwargs.pop("said", {})
    placements = tuple(
        Placement(card.card_id, place, said.get(i, ""))
        for i, (card, place) in enumerate(zip(topic.cards_in_use, places, strict=False))
    )
    if kwargs.get("visibility") == "committee_named":
        kwargs.setdefault("named_agreed_on", kwargs["on_date"])
    data = ConversationInput(person, topic.topic_id, placements=placements, **kwargs)
    return db.run(conv.save_conversation, actor, data, TODAY).conversation_id


def topic_named(db, actor, name: str):
    row = next(t for t in db.run(conversation_topics.list_topics, actor) if t.name == name)
    return db.run(conversation_topics.get_topic, actor, row.topic_id)


@pytest.fixture
def talked(db, coordinator, person_factory) -> dict:
    """Peggy sorted Activities in May and again in October (Gardening moved from liked
    to not sure), and Food and drink privately in October."""
    peggy = person_factory("Margaret Holloway", known_as="Peggy")
    jo = person_factory("Jo Hart", kinds=("volunteer",))
    activities = topic_named(db, coordinator, "Activities at the club")
    food = topic_named(db, coordinator, "Food and drink")
    first = hold(
        db, coordinator, peggy, activities, ["like", "like", "dislike"], on_date=MAY,
        helped_by_id=jo, visibility="committee_named",
    )  # fmt: skip
    second = hold(
        db, coordinator, peggy, activities, ["not_sure", "like", "dislike", "skipped"],
        on_date=OCTOBER, helped_by_id=jo, visibility="committee_named",
        said={1: "Especially the old songs"}, own_words="I like being busy.",
    )  # fmt: skip
    private = hold(db, coordinator, peggy, food, ["like"], on_date=OCTOBER)
    return {
        "peggy": peggy,
        "activities": activities,
        "food": food,
        "first": first,
        "second": second,
        "private": private,
    }


@pytest.fixture
def open_person(qtbot, themed_app, db, actors):
    def open_for(person_id: int, role: str = "coordinator") -> tuple[PersonPage, PageStack]:
        ctx = AppContext(db, actors[role], today=lambda: TODAY)
        stack = PageStack(ctx)
        qtbot.addWidget(stack)
        stack.resize(1280, 720)
        members_page = MembersPage(ctx)
        stack.register_room(members_page)
        stack.open_room(members_page)
        stack.show()
        qtbot.waitExposed(stack)
        page = PersonPage(ctx, person_id)
        stack.push(page)
        qtbot.waitUntil(lambda: page.what_matters is not None and page.what_matters.isVisible())
        return page, stack

    return open_for


def section_of(page: PersonPage) -> ConversationsSection:
    assert page.what_matters is not None
    found = page.what_matters.findChildren(ConversationsSection)
    assert len(found) == 1
    return found[0]


def test_the_conversations_are_listed_newest_first_with_their_numbers(open_person, talked):
    page, _stack = open_person(talked["peggy"])
    section = section_of(page)
    texts = [b.text() for b in section.open_buttons]
    assert [t.split(":")[0] for t in texts] == [
        f"Conversation {talked['private']}",
        f"Conversation {talked['second']}",
        f"Conversation {talked['first']}",
    ] or [t.split(":")[0] for t in texts] == [
        f"Conversation {talked['second']}",
        f"Conversation {talked['private']}",
        f"Conversation {talked['first']}",
    ]  # two on the same day: either order
    assert section.open_lines[-1].startswith("Activities at the club, 12 May 2026, with Jo Hart.")
    gardening = talked["activities"].cards_in_use[0].word
    assert section.change_lines == [
        f"Activities at the club: Liked {gardening} in May 2026, "
        f"then not sure about it in October 2026."
    ]


def test_a_volunteer_sees_only_what_was_shared_with_the_name(open_person, talked):
    page, _stack = open_person(talked["peggy"], "volunteer")
    section = section_of(page)
    numbers = [b.text().split(":")[0] for b in section.open_buttons]
    assert f"Conversation {talked['private']}" not in numbers
    assert len(numbers) == 2


def test_the_treasurer_sees_no_conversations(open_person, talked, qtbot, themed_app, db, actors):
    ctx = AppContext(db, actors["treasurer"], today=lambda: TODAY)
    page = PersonPage(ctx, talked["peggy"])
    qtbot.addWidget(page)
    page.refresh_now()
    assert not page.findChildren(ConversationsSection)


def test_opening_a_conversation_shows_the_three_places_side_by_side(
    open_person, talked, qtbot, monkeypatch
):
    page, stack = open_person(talked["peggy"])
    section = section_of(page)
    button = next(b for b in section.open_buttons if b.text() == f"Conversation {talked['second']}")
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: isinstance(stack.current, ConversationPage))
    opened = stack.current
    assert opened.heading() == f"Conversation {talked['second']}"
    qtbot.waitUntil(lambda: opened.places is not None)
    cards = talked["activities"].cards_in_use
    assert opened.places.words_in("like") == [cards[1].word]
    assert opened.places.words_in("not_sure") == [cards[0].word]
    assert opened.places.words_in("dislike") == [cards[2].word]
    # side by side: the three places start at the same height, left to right
    groups = [opened.places.titles[p] for p in ("like", "not_sure", "dislike")]
    tops = {g.mapTo(opened, g.rect().topLeft()).y() for g in groups}
    lefts = [g.mapTo(opened, g.rect().topLeft()).x() for g in groups]
    assert len(tops) == 1 and lefts == sorted(lefts) and len(set(lefts)) == 3
    shown = [t for tile in opened.places.tiles["like"] for t in tile.texts()]
    assert "“Especially the old songs”" in shown
    # Print for Peggy makes the member's copy and shows it.
    made = {}
    monkeypatch.setattr(
        stack, "show_pdf", lambda title, make, name: made.update(pdf=make(), name=name)
    )
    assert opened.print_button is not None and opened.print_button.text() == "Print for Peggy"
    qtbot.mouseClick(opened.print_button, LEFT)
    qtbot.waitUntil(lambda: "pdf" in made)
    assert made["pdf"].startswith(b"%PDF")
    assert str(talked["second"]) in made["name"]
