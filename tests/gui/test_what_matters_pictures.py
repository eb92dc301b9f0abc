"""“What matters to me” shows the latest picture conversation on each topic as pictures:
the day and who helped, then Likes, Not sure and Doesn't like with each card's picture,
word and own words; a private one marked for the coordinator only, and hidden from others."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from clubapp.ui.widgets.conversation_cards import CARD_PX
from clubapp.ui.widgets.what_matters import NOTHING_YET, PICTURES_PRIVATE
from tests.gui.test_person_conversations import open_person, talked  # noqa: F401


def topic_lines(panel) -> list[str]:
    return [
        label.text() for label in panel.pictures.findChildren(QLabel)
        if label.objectName() == "what-matters-topic"
    ]  # fmt: skip


def test_the_latest_conversation_per_topic_shows_as_pictures(open_person, talked):  # noqa: F811
    page, _stack = open_person(talked["peggy"])
    panel = page.what_matters
    lines = topic_lines(panel)
    assert lines[0] == "Activities at the club: 6 October 2026, with Jo Hart"  # the newer one
    assert lines[1].endswith(PICTURES_PRIVATE) and lines[1].startswith("Food and drink")
    activities = panel.places[0]
    cards = talked["activities"].cards_in_use
    assert activities.words_in("like") == [cards[1].word]
    assert activities.words_in("not_sure") == [cards[0].word]
    assert activities.words_in("dislike") == [cards[2].word]
    assert [activities.titles[p].text() for p in ("like", "not_sure", "dislike")] == [
        "Likes", "Not sure", "Doesn't like",
    ]  # fmt: skip
    said = [t for tile in activities.tiles["like"] for t in tile.texts()]
    assert "“Especially the old songs”" in said
    pictures = [
        label for label in activities.findChildren(QLabel)
        if label.accessibleName().startswith("Picture: ")
    ]  # fmt: skip
    assert len(pictures) == 3 and all(p.width() >= CARD_PX and not p.pixmap().isNull()
                                      for p in pictures)  # fmt: skip
    shown = [label for label in panel.body.findChildren(QLabel) if label.text() == NOTHING_YET]
    assert all(label.isHidden() for label in shown)


def test_a_volunteer_does_not_see_the_private_conversation(open_person, talked):  # noqa: F811
    page, _stack = open_person(talked["peggy"], "volunteer")
    lines = topic_lines(page.what_matters)
    assert lines == ["Activities at the club: 6 October 2026, with Jo Hart"]
