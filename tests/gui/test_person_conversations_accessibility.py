"""A member's picture conversations on their page, and a conversation's own page, meet
DESIGN §2 at 100 % and 200 % text in a 1280×720 window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.ui import theme
from clubapp.ui.pages.person_conversations import ConversationPage
from clubapp.ui.widgets.conversation_cards import CARD_PX, CardTile
from tests.gui.a11y import audit
from tests.gui.test_person_conversations import open_person, section_of, talked  # noqa: F401

SCALES = (1.0, 2.0)


def look(root, scale: float, where: str) -> list[str]:
    for _ in range(5):
        QApplication.processEvents()
    return [f"{where} at {int(scale * 100)} %: {p}" for p in audit(root, scale)]


@pytest.mark.parametrize("scale", SCALES)
def test_the_conversations_meet_the_rules(open_person, talked, qtbot, scale):  # noqa: F811
    theme.apply_theme(QApplication.instance(), scale)
    page, stack = open_person(talked["peggy"])
    problems = look(stack, scale, "Person")
    tiles = page.what_matters.findChildren(CardTile)
    assert tiles and all(t.findChildren(type(t.word_label))[0].width() >= CARD_PX for t in tiles)
    section = section_of(page)
    qtbot.mouseClick(section.open_buttons[-1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(stack.current, ConversationPage))
    problems += look(stack, scale, "Conversation")
    assert problems == []
