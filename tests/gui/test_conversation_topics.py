"""The coordinator's picture conversation topics and cards, through their real buttons:
adding a topic and its cards (a library picture, a photo and the rule that a photo says
where it came from), reordering, taking cards out, putting topics away, the starter
topics, and the Notes room's button for the coordinator only."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from clubapp.services import conversation_topics
from clubapp.services import conversations as conv
from clubapp.services.conversation_starters import STARTER_TOPICS
from clubapp.services.conversation_topics import LIBRARY_LICENCE, CardInput
from clubapp.services.conversations import ConversationInput, Placement
from clubapp.ui.context import AppContext
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages.conversation_card_form import CardFormPage
from clubapp.ui.pages.conversation_topics import TopicFormPage, TopicPage, TopicsPage
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.notes import NotesPage
from tests.conftest import TODAY
from tests.gui.committee_helpers import answer_next_question, choose_in_list, click, open_stack

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """A test may end with a form typed in: closing the window must not ask and wait."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)


def topic_named(db, actor, name: str) -> conversation_topics.TopicDetail:
    row = next(
        r
        for r in db.run(conversation_topics.list_topics, actor, include_retired=True)
        if r.name == name
    )
    return db.run(conversation_topics.get_topic, actor, row.topic_id)


def talk_about(
    db,
    actor,
    person_id: int,
    topic: conversation_topics.TopicDetail,
    *cards: conversation_topics.CardRow,
) -> None:
    """A conversation in which the member liked ``cards``."""
    placements = tuple(Placement(c.card_id, "like") for c in cards)
    data = ConversationInput(person_id, topic.topic_id, TODAY, placements)
    db.run(conv.save_conversation, actor, data, TODAY)


def png_file(tmp_path, colour: str = "darkgreen"):
    image = QImage(60, 40, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path = tmp_path / "allotment.png"
    assert image.save(str(path), "PNG")
    return path


# ---------------------------------------------------------------- the way in


@pytest.mark.parametrize(
    ("role", "offered"),
    [("coordinator", True), ("volunteer", False), ("committee", False)],
)
def test_only_the_coordinator_has_the_topics_button_in_the_notes_room(
    themed_app, qtbot, db, actors, role, offered
):
    ctx = AppContext(db, actors[role], today=lambda: TODAY)
    stack = PageStack(ctx)
    qtbot.addWidget(stack)
    stack.resize(1280, 720)
    room = NotesPage(ctx)
    stack.register_room(room)
    stack.open_room(room)
    stack.show()
    qtbot.waitExposed(stack)
    assert (room.topics_button is not None) is offered
    if not offered:
        texts = [b.text() for b in room.findChildren(type(room.open_button))]
        assert "Topics for picture conversations" not in texts
        return
    assert room.topics_button is not None
    assert room.topics_button.text() == "Topics for picture conversations"
    click(qtbot, room.topics_button)
    page = stack.current
    assert isinstance(page, TopicsPage)
    assert page.heading() == "Picture conversation topics"
    # The starter topics every new club gets are listed, with their cards counted.
    assert page.in_use_names() == [s.name for s in STARTER_TOPICS]
    food = page.row_for("Food and drink")
    starter = next(s for s in STARTER_TOPICS if s.name == "Food and drink")
    assert page.lines[food.topic_id].detail_labels[0].text() == (
        f"{len(starter.cards)} cards. Nobody has talked about it yet."
    )
    assert not page.starters_button.isVisible()


# ---------------------------------------------------------------- topics


@POPUP_WARNINGS
def test_add_a_topic_then_a_card_with_a_library_picture(themed_app, qtbot, db, coordinator):
    _ctx, stack, page = open_stack(qtbot, db, coordinator, TopicsPage)
    click(qtbot, page.add_button)
    form = stack.current
    assert isinstance(form, TopicFormPage) and form.title == "Add a topic"
    # A name the club has already is refused by its field, and nothing typed is lost.
    qtbot.keyClicks(form.name, "food AND drink")
    qtbot.keyClicks(form.prompt, "Let's talk about the garden.")
    click(qtbot, form.save_button)
    assert stack.current is form
    assert form.form.field("name").error_text() == "There is already a topic called that."
    assert form.prompt.text() == "Let's talk about the garden."
    form.name.clear()
    qtbot.keyClicks(form.name, "The garden")
    click(qtbot, form.save_button)

    # A new topic has no cards: its page opens straight away.
    topic_page = stack.current
    assert isinstance(topic_page, TopicPage)
    assert topic_page.heading() == "Cards: The garden"
    assert topic_page.intro.text() == "The words to start with: Let's talk about the garden."
    assert topic_page.empty_label.isVisible()
    assert page.news_label.text() == "The garden is added."

    click(qtbot, topic_page.add_button)
    card_form = stack.current
    assert isinstance(card_form, CardFormPage)
    assert card_form.title == "Add a card to The garden"
    assert card_form.licence.text() == ""
    choose_in_list(qtbot, card_form.chooser.combo, "Gardening")
    # The picture's words fill the empty word, and the library's licence is filled in.
    assert card_form.word.text() == "Gardening"
    assert card_form.licence.text() == LIBRARY_LICENCE
    assert card_form.chooser.preview.picture_name() == "gardening"
    click(qtbot, card_form.save_button)

    assert stack.current is topic_page
    assert topic_page.news_label.text() == "Gardening is added."
    assert topic_page.words_in_order() == ["Gardening"]
    row = topic_page.card_for("Gardening")
    assert (row.picture, row.has_photo, row.licence) == ("gardening", False, LIBRARY_LICENCE)
    picture = topic_page.pictures[row.card_id]
    assert picture.isVisible() and picture.picture_name() == "gardening"
    assert picture.width() >= 96 and not picture.pixmap().isNull()
    where = topic_page.lines[row.card_id].detail_labels[1]
    assert where.text() == f"Picture: {LIBRARY_LICENCE}"
    assert where.font().pointSizeF() >= 14 - 0.5
    assert topic_named(db, coordinator, "The garden").cards_in_use[0].word == "Gardening"


@POPUP_WARNINGS
def test_a_photo_card_must_say_where_the_photo_came_from(
    themed_app, qtbot, db, coordinator, tmp_path, monkeypatch
):
    topic = topic_named(db, coordinator, "Outings")
    _ctx, stack, page = open_stack(qtbot, db, coordinator, lambda c: TopicPage(c, topic.topic_id))
    before = len(page.words_in_order())
    click(qtbot, page.add_button)
    form = stack.current
    choose_in_list(qtbot, form.chooser.combo, "Park")
    assert form.licence.text() == LIBRARY_LICENCE
    form.word.clear()
    qtbot.keyClicks(form.word, "Our allotment")

    # A file that is not a photo is refused by the picture, and nothing else changes.
    not_photo = tmp_path / "notes.png"
    not_photo.write_text("not a picture")
    picked = [str(not_photo)]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kw: (picked[0], ""))
    )
    click(qtbot, form.chooser.photo_button)
    assert form.form.field("picture").error_text().startswith("This file is not a photo")
    assert form.chooser.photo is None and form.chooser.picture() == "park"

    picked[0] = str(png_file(tmp_path))
    click(qtbot, form.chooser.photo_button)
    assert form.chooser.photo is not None
    assert form.chooser.preview.shows_photo()
    assert form.chooser.photo_note.text() == "The photo allotment.png is used for this card."
    # The library's words are not true of a photo: they go, and saving asks for them.
    assert form.licence.text() == ""
    click(qtbot, form.save_button)
    assert stack.current is form
    assert form.form.field("licence").error_text().startswith("Say where the photo came from")
    assert form.word.text() == "Our allotment"  # nothing typed is lost
    assert len(topic_named(db, coordinator, "Outings").cards_in_use) == before

    qtbot.keyClicks(form.licence, "Taken at the club by Jo, with permission")
    click(qtbot, form.save_button)
    assert stack.current is page
    row = page.card_for("Our allotment")
    assert (row.picture, row.has_photo) == (None, True)
    assert row.licence == "Taken at the club by Jo, with permission"
    assert page.words_in_order()[-1] == "Our allotment"
    shown = page.pictures[row.card_id]
    assert shown.shows_photo() and not shown.pixmap().isNull()
    assert shown.accessibleName() == "Photo: Our allotment"
    photo = db.run(conversation_topics.card_photo, coordinator, row.card_id)
    assert photo is not None and photo.startswith(b"\xff\xd8\xff")  # kept as a JPEG

    # Changing only its word keeps the photo and where it came from.
    click(qtbot, page.change_buttons[row.card_id])
    form = stack.current
    assert form.title == "Change a card"
    assert form.chooser.combo.currentText() == "Its own photo"
    assert form.licence.text() == "Taken at the club by Jo, with permission"
    form.word.clear()
    qtbot.keyClicks(form.word, "The allotment")
    click(qtbot, form.save_button)
    assert page.news_label.text() == "The allotment is saved."
    assert db.run(conversation_topics.card_photo, coordinator, row.card_id) == photo
    assert page.card_for("The allotment").licence == row.licence


def test_move_cards_earlier_and_later(themed_app, qtbot, db, coordinator):
    topic = topic_named(db, coordinator, "Food and drink")
    words = [c.word for c in topic.cards_in_use]
    _ctx, stack, page = open_stack(qtbot, db, coordinator, lambda c: TopicPage(c, topic.topic_id))
    stack.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is stack)
    assert page.words_in_order() == words
    first, second, last = topic.cards_in_use[0], topic.cards_in_use[1], topic.cards_in_use[-1]
    # The first cannot go earlier, the last cannot go later.
    assert not page.earlier_buttons[first.card_id].isEnabled()
    assert not page.later_buttons[last.card_id].isEnabled()

    click(qtbot, page.later_buttons[first.card_id])
    assert page.words_in_order()[:2] == [second.word, first.word]
    assert page.news_label.text() == f"{first.word} is moved later."
    # The list is drawn again; the keyboard stays on the card that moved.
    assert QApplication.focusWidget() is page.later_buttons[first.card_id]
    click(qtbot, page.earlier_buttons[last.card_id])
    expected = [second.word, first.word, *words[2:-1]]
    expected.insert(len(expected) - 1, last.word)
    assert page.words_in_order() == expected
    assert [c.word for c in topic_named(db, coordinator, "Food and drink").cards_in_use] == (
        expected
    )
    line = page.lines[first.card_id]
    assert line.detail_labels[0].text() == f"Card 2 of {len(words)}."


@POPUP_WARNINGS
def test_take_out_deletes_an_unused_card_but_puts_a_used_one_away(
    themed_app, qtbot, db, coordinator, person_factory
):
    topic = topic_named(db, coordinator, "Food and drink")
    used, unused = topic.cards_in_use[0], topic.cards_in_use[1]
    talk_about(db, coordinator, person_factory("Ann Smith"), topic, used)
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, lambda c: TopicPage(c, topic.topic_id))
    assert not page.retired_heading.isVisible()

    asked = answer_next_question(confirm=False)
    click(qtbot, page.take_out_buttons[unused.card_id])
    assert asked and asked[0].startswith(f"Take {unused.word} out of Food and drink?")
    assert unused.word in page.words_in_order()  # going back changes nothing

    answer_next_question(confirm=True)
    click(qtbot, page.take_out_buttons[unused.card_id])
    assert page.news_label.text() == f"{unused.word} is deleted: nobody had sorted it yet."
    after = topic_named(db, coordinator, "Food and drink")
    assert unused.card_id not in {c.card_id for c in after.cards}

    answer_next_question(confirm=True)
    click(qtbot, page.take_out_buttons[used.card_id])
    assert page.news_label.text().startswith(f"{used.word} is put away: members have sorted it")
    assert used.word not in page.words_in_order()
    assert page.retired_words() == [used.word]
    assert page.retired_heading.isVisible()
    assert [
        c.retired
        for c in topic_named(db, coordinator, "Food and drink").cards
        if c.card_id == used.card_id
    ] == [True]

    click(qtbot, page.back_buttons[used.card_id])
    assert page.news_label.text() == f"{used.word} is back, as the last card."
    assert page.words_in_order()[-1] == used.word and page.retired_words() == []


@POPUP_WARNINGS
def test_a_used_topic_is_put_away_and_an_unused_one_deleted_after_asking(
    themed_app, qtbot, db, coordinator, person_factory
):
    food = topic_named(db, coordinator, "Food and drink")
    talk_about(db, coordinator, person_factory("Ann Smith"), food, food.cards_in_use[0])
    _ctx, stack, page = open_stack(qtbot, db, coordinator, TopicsPage)
    row = page.row_for("Food and drink")
    assert row.used and row.topic_id not in page.delete_buttons  # never deleted
    assert (
        page.lines[row.topic_id].detail_labels[0].text().endswith("Members have talked about it.")
    )

    click(qtbot, page.retire_buttons[row.topic_id])
    assert page.news_label.text().startswith("Food and drink is put away")
    assert page.retired_names() == ["Food and drink"]
    assert "Food and drink" not in [
        r.name for r in db.run(conversation_topics.list_topics, coordinator)
    ]
    assert page.retired_heading.isVisible()
    click(qtbot, page.back_buttons[row.topic_id])
    assert page.news_label.text() == "Food and drink is offered again."
    assert page.retired_names() == []

    outings = page.row_for("Outings")
    asked = answer_next_question(confirm=False)
    click(qtbot, page.delete_buttons[outings.topic_id])
    assert asked == [
        f"Delete the topic Outings and its {outings.card_count} cards? Nobody has talked "
        "about it yet. This cannot be undone."
    ]
    assert "Outings" in page.in_use_names()
    answer_next_question(confirm=True)
    click(qtbot, page.delete_buttons[outings.topic_id])
    assert page.news_label.text() == "Outings is deleted."
    assert "Outings" not in page.in_use_names()
    assert "Outings" not in [
        r.name for r in db.run(conversation_topics.list_topics, coordinator, True)
    ]

    # Changing a topic's name and its words to start with.
    click(qtbot, page.change_buttons[row.topic_id])
    form = stack.current
    assert (form.name.text(), form.title) == ("Food and drink", "Change a topic")
    form.name.clear()
    qtbot.keyClicks(form.name, "Food and drinks")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert page.news_label.text() == "Food and drinks is saved."
    assert (
        db.run(conversation_topics.get_topic, coordinator, row.topic_id).name == "Food and drinks"
    )


def test_add_the_starter_topics_says_how_many_were_added(themed_app, qtbot, db, coordinator):
    for name in ("Outings", "Getting to the club"):
        db.run(
            conversation_topics.delete_topic,
            coordinator,
            topic_named(db, coordinator, name).topic_id,
        )
    db.run(
        conversation_topics.add_card,
        coordinator,
        topic_named(db, coordinator, "Food and drink").topic_id,
        CardInput("Cheese", picture="sandwich"),
    )
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, TopicsPage)
    assert page.starters_button.isVisible()
    assert page.starters_note.text() == (
        "The club does not have these starter topics now: Getting to the club, Outings."
    )
    click(qtbot, page.starters_button)
    assert page.news_label.text() == "Added 2 starter topics, with their cards."
    assert not page.starters_button.isVisible() and not page.starters_note.isVisible()
    names = [r.name for r in db.run(conversation_topics.list_topics, coordinator)]
    assert sorted(names) == sorted(s.name for s in STARTER_TOPICS)
    outings = next(s for s in STARTER_TOPICS if s.name == "Outings")
    assert page.row_for("Outings").card_count == len(outings.cards)
