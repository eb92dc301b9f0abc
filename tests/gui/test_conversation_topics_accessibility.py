"""The picture conversation topics, a topic's cards and their forms meet DESIGN §2 at
100 % and 200 % text in a 1280×720 window; every card's picture is at least 96 px."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from clubapp.services import conversation_topics
from clubapp.services import conversations as conv
from clubapp.services.conversation_topics import CardInput
from clubapp.services.conversations import ConversationInput, Placement
from clubapp.ui import theme
from clubapp.ui.pages.conversation_card_form import CARD_PICTURE_PX, CardFormPage
from clubapp.ui.pages.conversation_topics import TopicFormPage, TopicPage, TopicsPage
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.notes import NotesPage
from clubapp.ui.widgets.pictures import photo_to_jpeg
from tests.conftest import TODAY
from tests.gui.a11y import audit
from tests.gui.committee_helpers import open_stack

SCALES = (1.0, 2.0)


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """Forms are left typed in (with their messages showing): leaving must not ask."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)


def look(root, scale: float, where: str) -> list[str]:
    for _ in range(5):
        QApplication.processEvents()
    return [f"{where} at {int(scale * 100)} %: {p}" for p in audit(root, scale)]


@pytest.fixture
def topics(db, coordinator, person_factory) -> dict[str, int]:
    """Food and drink talked about, with a photo card and a card put away; Outings put
    away; Getting to the club deleted (so the starter topics can be added again)."""
    listed = {r.name: r.topic_id for r in db.run(conversation_topics.list_topics, coordinator)}
    food = db.run(conversation_topics.get_topic, coordinator, listed["Food and drink"])
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    photo_card = db.run(
        conversation_topics.add_card,
        coordinator,
        food.topic_id,
        CardInput(
            "Vegetables from the allotment behind the church hall",
            photo=photo_to_jpeg(image),
            licence="Taken at the club by Jo Hart on the summer open day, with permission",
        ),
    )
    first = food.cards_in_use[0]
    member = person_factory("Margaret Holloway-Smythe")
    data = ConversationInput(member, food.topic_id, TODAY, (Placement(first.card_id, "like"),))
    db.run(conv.save_conversation, coordinator, data, TODAY)
    db.run(conversation_topics.remove_card, coordinator, first.card_id)  # used: put away
    db.run(conversation_topics.set_topic_retired, coordinator, listed["Outings"], True)
    db.run(conversation_topics.delete_topic, coordinator, listed["Getting to the club"])
    return {"food": food.topic_id, "photo_card": photo_card}


@pytest.mark.parametrize("scale", SCALES)
def test_the_topics_pages_and_forms_meet_the_rules(
    themed_app, qtbot, db, coordinator, topics, scale
):
    theme.apply_theme(QApplication.instance(), scale)
    ctx, stack, room = open_stack(qtbot, db, coordinator, NotesPage)
    assert room.topics_button is not None and room.topics_button.isVisible()
    problems = look(stack, scale, "Notes")

    def card_form_with_errors(ctx) -> CardFormPage:  # type: ignore[no-untyped-def]
        form = CardFormPage(ctx, topics["food"])
        form.word.setText("A word far too long for a picture card, it goes on and on and on")
        form.save()
        return form

    def topic_form_with_errors(ctx) -> TopicFormPage:  # type: ignore[no-untyped-def]
        form = TopicFormPage(ctx)
        form.name.setText("Food and drink")
        form.save()
        return form

    for name, make in (
        ("The topics", TopicsPage),
        ("A topic's cards", lambda c: TopicPage(c, topics["food"])),
        ("Add a topic, with a message", topic_form_with_errors),
        ("Change a topic", lambda c: TopicFormPage(c, topics["food"])),
        ("Add a card, with messages", card_form_with_errors),
        ("Change a photo card", lambda c: CardFormPage(c, topics["food"], topics["photo_card"])),
    ):
        page = make(ctx)
        stack.push(page)
        problems += look(stack, scale, name)
        if isinstance(page, TopicPage):
            assert page.pictures and page.retired_heading.isVisible()
            small = [p.accessibleName() for p in page.pictures.values() if p.width() < 96]
            problems += [f"{name}: {n} is under {CARD_PICTURE_PX} px" for n in small]
        if isinstance(page, FormPage) and "message" in name:
            assert page.errors_summary.isVisible()  # the messages are on screen
        stack.back()
    assert problems == []
