"""The picture conversation screens through their real widgets: starting one, sorting by
tapping and by keys 1–3, moving a placed card, skipping, stopping half way (what was
sorted is kept and saved as notes of the right kinds and visibility), and leaving asks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from clubapp.services import conversation_topics, notes
from clubapp.services import conversations as conv
from clubapp.ui import theme
from clubapp.ui.conversation.page import KEEP_TITLE, ConversationPage
from clubapp.ui.conversation.start import CHOOSE_MEMBER, CHOOSE_TOPIC, ConversationStartPage
from clubapp.ui.pages.notes import NotesPage
from clubapp.ui.pages.person import PersonPage
from tests.conftest import TODAY
from tests.gui.committee_helpers import answer_next_question, click, open_stack

TOPIC = "Food and drink"


@pytest.fixture
def people(person_factory) -> dict[str, int]:
    return {
        "ann": person_factory("Ann Baker", known_as="Ann"),
        "jo": person_factory("Jo Hart", kinds=("volunteer",)),
        "sam": person_factory("Sam Taylor", kinds=("coordinator",)),
    }


def topic_id(db, coordinator, name: str = TOPIC) -> int:
    return next(
        t.topic_id for t in db.run(conversation_topics.list_topics, coordinator) if t.name == name
    )


def open_conversation(qtbot, db, coordinator, person_id: int):
    """The Notes room, then "Start a picture conversation" about ``person_id`` with the
    food topic chosen and Start pressed: the full-screen cards."""
    ctx, stack, room = open_stack(qtbot, db, coordinator, NotesPage)
    start = ConversationStartPage(ctx, person_id)
    stack.push(start)
    click(qtbot, start.topic.buttons[topic_id(db, coordinator)])
    click(qtbot, start.start_button)
    page = stack.current
    assert isinstance(page, ConversationPage)
    qtbot.waitUntil(lambda: page.isVisible())
    return ctx, stack, page


def words_in(page: ConversationPage, place: str) -> list[str]:
    return [small.card.word for small in page.sorting.placed_cards(place)]


def key(qtbot, page: ConversationPage, which: Qt.Key) -> None:
    qtbot.keyClick(page, which)


def test_the_notes_room_starts_a_conversation_and_the_start_page_asks_for_what_is_missing(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, room = open_stack(qtbot, db, coordinator, NotesPage)
    assert room.conversation_button is not None
    click(qtbot, room.conversation_button)
    start = stack.current
    assert isinstance(start, ConversationStartPage)
    # The helper is the signed-in coordinator's own record (Sam Taylor).
    assert start.helper.value() == people["sam"]
    assert start.on_date.value() == TODAY

    click(qtbot, start.start_button)
    assert start.form.field("person_id").error_text() == CHOOSE_MEMBER
    assert start.form.field("topic").error_text() == CHOOSE_TOPIC
    assert stack.current is start

    start.member.set_value(people["ann"])
    start.on_date.set_value(TODAY + timedelta(days=1))
    click(qtbot, start.topic.buttons[topic_id(db, coordinator)])
    click(qtbot, start.start_button)
    assert "future" in start.form.field("on_date").error_text()
    assert start.member.value() == people["ann"]  # nothing chosen is lost

    start.on_date.set_value(TODAY)
    click(qtbot, start.start_button)
    page = stack.current
    assert isinstance(page, ConversationPage) and page.kiosk
    assert page.state.person_id == people["ann"] and page.state.helped_by_id == people["sam"]
    assert page.sorting.counter_label.text() == f"Card 1 of {len(page.state.cards)}"


def test_a_persons_page_starts_a_conversation_with_them_chosen(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, room = open_stack(qtbot, db, coordinator, NotesPage)
    person = PersonPage(ctx, people["ann"])
    stack.push(person)
    click(qtbot, person.conversation_button)
    start = stack.current
    assert isinstance(start, ConversationStartPage)
    assert start.member.value() == people["ann"]


def test_only_roles_that_add_notes_see_the_button(qtbot, themed_app, db, actors, people):
    for role in ("volunteer", "committee"):
        *_, room = open_stack(qtbot, db, actors[role], NotesPage)
        assert room.conversation_button is not None, role
    *_, room = open_stack(qtbot, db, actors["treasurer"], NotesPage)
    assert room.conversation_button is None


def test_sorting_by_tapping_and_by_the_keys_1_to_3(qtbot, themed_app, db, coordinator, people):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    cards = [c.word for c in page.state.cards]
    sorting = page.sorting

    click(qtbot, sorting.tiles["like"])
    click(qtbot, sorting.tiles["dislike"])
    key(qtbot, page, Qt.Key.Key_1)
    key(qtbot, page, Qt.Key.Key_2)
    key(qtbot, page, Qt.Key.Key_3)

    assert words_in(page, "like") == [cards[0], cards[2]]
    assert words_in(page, "not_sure") == [cards[3]]
    assert words_in(page, "dislike") == [cards[1], cards[4]]
    assert sorting.card.words == cards[5]
    assert sorting.counter_label.text() == f"Card 6 of {len(cards)}"


def test_a_placed_card_tapped_comes_back_and_can_be_put_elsewhere(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    cards = [c.word for c in page.state.cards]
    key(qtbot, page, Qt.Key.Key_1)
    key(qtbot, page, Qt.Key.Key_3)

    click(qtbot, page.sorting.placed_cards("like")[0])
    assert page.sorting.card.words == cards[0]
    assert words_in(page, "like") == []  # it is in the member's hand again
    key(qtbot, page, Qt.Key.Key_2)

    assert words_in(page, "not_sure") == [cards[0]]
    assert words_in(page, "dislike") == [cards[1]]
    # Sorting carries on with the next card not yet sorted.
    assert page.sorting.card.words == cards[2]


def test_skipping_by_button_and_by_key_leaves_the_cards_out(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    cards = [c.word for c in page.state.cards]
    click(qtbot, page.sorting.skip_button)
    key(qtbot, page, Qt.Key.Key_S)
    key(qtbot, page, Qt.Key.Key_1)
    assert page.state.places == {
        page.state.cards[0].card_id: "skipped",
        page.state.cards[1].card_id: "skipped",
        page.state.cards[2].card_id: "like",
    }
    assert all(words_in(page, p) == [] for p in ("not_sure", "dislike"))
    assert words_in(page, "like") == [cards[2]]


def test_stopping_half_way_keeps_what_was_sorted_and_saves_private_notes(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    cards = [c.word for c in page.state.cards]
    for which in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_S, Qt.Key.Key_3):
        key(qtbot, page, which)
    click(qtbot, page.sorting.stop_button)

    summary = page.summary
    assert page.stack.currentWidget() is summary
    assert summary.more_button.text() == "Sort more cards"
    assert f"Skipped: {cards[2]}." in summary.left_out.text()
    first = page.state.cards[0].card_id
    qtbot.keyClicks(summary.lines[first].words, "Like my mum made")
    qtbot.keyClicks(summary.own_words, "Food matters to me")
    click(qtbot, summary.save_button)

    assert page.stack.currentWidget() is page.saved
    assert page.saved_label.text() == "Saved. 2 notes were added for Ann: likes, doesn't like."
    rows = db.run(notes.list_notes, coordinator, person_id=people["ann"])
    assert sorted(r.kind for r in rows) == ["dislikes", "likes"]
    assert {r.visibility for r in rows} == {"private"}
    assert not any(r.flagged for r in rows)
    likes = next(r for r in rows if r.kind == "likes")
    assert f"{cards[0]} (“Like my mum made”)" in likes.text and cards[1] in likes.text
    assert cards[4] not in likes.text  # never reached
    assert all(r.taken_by == "Sam Taylor" for r in rows)
    detail = db.run(conv.get_conversation, coordinator, page.state.saved_id)
    assert not detail.finished
    assert detail.own_words == "Food matters to me"
    assert [a.place for a in detail.answers] == ["like", "like", "skipped", "dislike"]

    # "Done" goes back past the start page to the Notes room, which says what was saved.
    room = stack._history[0]
    click(qtbot, page.done_button)
    assert stack.current is room
    assert "2 notes were added for Ann" in room.notice_label.text()


def test_a_committee_anonymous_conversation_sent_to_the_committee(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    for _ in page.state.cards:
        key(qtbot, page, Qt.Key.Key_2)
    # After the last card the summary shows by itself.
    summary = page.summary
    assert page.stack.currentWidget() is summary
    assert summary.more_button.text() == "Go back to the cards"
    assert not summary.flag.check.isEnabled()  # "only the coordinator" cannot be sent
    click(qtbot, summary.visibility.buttons["committee_anonymous"])
    click(qtbot, summary.flag.check)
    click(qtbot, summary.save_button)

    assert page.saved_label.text() == "Saved. 1 note was added for Ann: not sure."
    rows = db.run(notes.list_notes, coordinator, person_id=people["ann"])
    assert [(r.kind, r.visibility, r.flagged) for r in rows] == [
        ("not_sure", "committee_anonymous", True)
    ]
    assert "Ann" not in rows[0].summary
    assert db.run(conv.get_conversation, coordinator, page.state.saved_id).finished


def test_a_problem_is_shown_by_its_field_and_nothing_typed_is_lost(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    key(qtbot, page, Qt.Key.Key_1)
    click(qtbot, page.sorting.stop_button)
    summary = page.summary
    qtbot.keyClicks(summary.own_words, "Lovely soup")
    click(qtbot, summary.visibility.buttons["committee_named"])
    summary.named_agreed_on.set_value(TODAY + timedelta(days=3))
    click(qtbot, summary.save_button)

    assert "future" in summary.form.field("named_agreed_on").error_text()
    assert summary.errors_summary.isVisible()
    assert summary.own_words.text() == "Lovely soup"
    assert page.stack.currentWidget() is summary
    assert db.run(notes.list_notes, coordinator, person_id=people["ann"]) == []


def test_sort_more_cards_keeps_the_words_typed_on_the_summary(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    key(qtbot, page, Qt.Key.Key_1)
    click(qtbot, page.sorting.stop_button)
    first = page.state.cards[0].card_id
    qtbot.keyClicks(page.summary.lines[first].words, "Every day")
    qtbot.keyClicks(page.summary.own_words, "I like my food")
    click(qtbot, page.summary.more_button)

    assert page.stack.currentWidget() is page.sorting
    assert page.sorting.card.words == page.state.cards[1].word
    key(qtbot, page, Qt.Key.Key_3)
    click(qtbot, page.sorting.stop_button)
    assert page.summary.lines[first].words.text() == "Every day"
    assert page.summary.own_words.text() == "I like my food"
    assert page.state.cards[1].card_id in page.summary.lines


def test_leaving_with_sorted_cards_asks_first(qtbot, themed_app, db, coordinator, people):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    key(qtbot, page, Qt.Key.Key_1)
    click(qtbot, page.sorting.stop_button)

    asked = answer_next_question(confirm=False)
    click(qtbot, page.summary.leave_button)
    assert asked and "Ann has sorted 1 card" in asked[0]
    assert stack.current is page  # stayed, with the card still sorted
    assert page.state.sorted_count() == 1

    asked = answer_next_question(confirm=True)
    stack.back()
    assert asked
    assert isinstance(stack.current, ConversationStartPage)
    assert db.run(notes.list_notes, coordinator, person_id=people["ann"]) == []


def test_leaving_before_any_card_is_sorted_asks_nothing(qtbot, themed_app, db, coordinator, people):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    assert page.can_leave()
    assert KEEP_TITLE == "Keep what was sorted?"


def test_the_saved_conversation_prints_a_copy_for_the_member(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    key(qtbot, page, Qt.Key.Key_1)
    click(qtbot, page.sorting.stop_button)
    click(qtbot, page.summary.save_button)
    assert page.print_button.text() == "Print a copy for Ann to keep"
    click(qtbot, page.print_button)

    title, make_pdf, file_name = stack.pdfs.shown[-1]
    assert "Ann" in title and file_name.endswith(".pdf")
    assert make_pdf().startswith(b"%PDF")


# ---------------------------------------------------------------- fixes from review


def inside(widget, page: ConversationPage) -> bool:
    """``widget`` wholly in the window and in the part of the sorting screen on show."""
    window = page.window()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    viewport = page.sorting.area.viewport()
    shown = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
    return window.rect().contains(rect) and shown.contains(rect)


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_the_card_and_the_three_places_are_on_the_screen_after_every_tap(
    qtbot, themed_app, db, coordinator, people, scale
):
    theme.apply_theme(QApplication.instance(), scale)
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    assert (stack.width(), stack.height()) == (1280, 720)
    sorting = page.sorting
    taps = [sorting.tiles["like"], sorting.tiles["dislike"], sorting.skip_button]
    for turn in range(len(page.state.cards) - 1):
        QApplication.processEvents()
        seen = [sorting.card, *sorting.tiles.values()]
        assert [w for w in seen if not inside(w, page)] == [], f"after {turn} taps"
        # The card beside the places, not above them.
        assert sorting.card.mapTo(page, QPoint(0, 0)).y() < (
            sorting.tiles["like"].mapTo(page, QPoint(0, sorting.tiles["like"].height())).y()
        )
        assert sorting.card.face_rects().picture.width() >= 160
        assert sorting.card.words_font().pointSizeF() >= 28
        click(qtbot, taps[turn % len(taps)])


def test_a_volunteer_is_told_who_can_print_a_private_conversation(
    qtbot, themed_app, db, coordinator, actors, people
):
    volunteer = actors["volunteer"]
    ctx, stack, room = open_stack(qtbot, db, volunteer, NotesPage)
    start = ConversationStartPage(ctx, people["ann"])
    stack.push(start)
    click(qtbot, start.topic.buttons[topic_id(db, coordinator)])
    click(qtbot, start.start_button)
    page = stack.current
    key(qtbot, page, Qt.Key.Key_1)
    click(qtbot, page.sorting.stop_button)
    click(qtbot, page.summary.save_button)

    assert page.stack.currentWidget() is page.saved
    assert not page.print_button.isVisible()
    assert page.print_note.isVisible()
    assert page.print_note.text() == (
        "Only the coordinator can print a conversation kept private or without the name: "
        "ask them to print a copy for Ann."
    )


def test_a_volunteer_prints_a_named_conversation(
    qtbot, themed_app, db, coordinator, actors, people
):
    ctx, stack, room = open_stack(qtbot, db, actors["volunteer"], NotesPage)
    start = ConversationStartPage(ctx, people["ann"])
    stack.push(start)
    click(qtbot, start.topic.buttons[topic_id(db, coordinator)])
    click(qtbot, start.start_button)
    page = stack.current
    key(qtbot, page, Qt.Key.Key_1)
    click(qtbot, page.sorting.stop_button)
    click(qtbot, page.summary.visibility.buttons["committee_named"])
    click(qtbot, page.summary.save_button)

    assert not page.print_note.isVisible()
    click(qtbot, page.print_button)
    title, make_pdf, _ = stack.pdfs.shown[-1]
    assert title == "Picture conversation with Ann"
    assert make_pdf().startswith(b"%PDF")


def test_a_printout_that_cannot_be_made_keeps_the_names_capitals(qtbot, themed_app, monkeypatch):
    from clubapp.services.errors import NotFound
    from clubapp.ui.dialogs import pdf_preview

    told: list[str] = []
    monkeypatch.setattr(
        pdf_preview.messages, "tell", lambda parent, title, text: told.append(title)
    )

    def cannot() -> bytes:
        raise NotFound("It is not there.")

    assert (
        pdf_preview.show_pdf_preview(None, "Picture conversation with Ann", cannot, "x.pdf") is None
    )
    assert told == ["The picture conversation with Ann could not be made"]


def test_an_old_problem_goes_once_more_cards_are_sorted(qtbot, themed_app, db, coordinator, people):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    click(qtbot, page.sorting.stop_button)
    summary = page.summary
    click(qtbot, summary.save_button)
    assert "has not put any card in a place" in summary.form.field("placements").error_text()
    assert summary.errors_summary.isVisible()

    click(qtbot, summary.more_button)
    for which in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_1):
        key(qtbot, page, which)
    click(qtbot, page.sorting.stop_button)
    assert not summary.form.field("placements").has_error()
    assert not summary.errors_summary.isVisible()


def test_keep_what_was_sorted_counts_only_the_cards_put_in_a_place(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    for which in (Qt.Key.Key_1, Qt.Key.Key_S, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_1):
        key(qtbot, page, which)
    click(qtbot, page.sorting.stop_button)
    asked = answer_next_question(confirm=False)
    click(qtbot, page.summary.leave_button)
    assert asked and asked[0].startswith("Ann has sorted 4 cards (and skipped 1 card),")


def test_only_skipped_cards_leave_without_asking(qtbot, themed_app, db, coordinator, people):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    click(qtbot, page.sorting.skip_button)
    assert page.state.places  # one card skipped: nothing that could be saved
    assert page.can_leave()


def test_escape_on_the_cards_shows_the_summary_and_keeps_the_cards(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    key(qtbot, page, Qt.Key.Key_1)
    key(qtbot, page, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.summary
    assert stack.current is page
    assert page.state.sorted_count() == 1
    assert "Escape" in page.sorting.stop_button.accessibleDescription()


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_go_back_and_start_are_on_one_row_centred(
    qtbot, themed_app, db, coordinator, people, scale
):
    theme.apply_theme(QApplication.instance(), scale)
    ctx, stack, room = open_stack(qtbot, db, coordinator, NotesPage)
    start = ConversationStartPage(ctx, people["ann"])
    stack.push(start)
    QApplication.processEvents()
    back, go = start.cancel_button, start.start_button

    def middle(button) -> int:
        return button.mapTo(start, QPoint(0, 0)).y() + button.height() // 2

    assert abs(middle(back) - middle(go)) <= 1
    assert back.mapTo(start, QPoint(0, 0)).x() < go.mapTo(start, QPoint(0, 0)).x()


def test_a_hidden_character_in_a_cards_comment_is_named_plainly(
    qtbot, themed_app, db, coordinator, people
):
    ctx, stack, page = open_conversation(qtbot, db, coordinator, people["ann"])
    key(qtbot, page, Qt.Key.Key_1)
    click(qtbot, page.sorting.stop_button)
    card = page.state.cards[0]
    page.summary.lines[card.card_id].words.setText("Soup\x07")
    click(qtbot, page.summary.save_button)
    assert page.summary.form.field("placements").error_text() == (
        f"The comment on {card.word} has a hidden character in it. Retype it."
    )


def test_own_person_id_needs_exactly_one_person_of_the_users_name(db, coordinator, person_factory):
    from clubapp.services import members
    from clubapp.ui.own_record import own_person_id

    sam = person_factory("Sam Taylor", kinds=("coordinator",))
    assert own_person_id(coordinator, db.run(members.list_people, coordinator)) == sam
    person_factory("Sam Taylor")
    assert own_person_id(coordinator, db.run(members.list_people, coordinator)) is None
