""" "What matters to me" lays a picture conversation's Likes, Not sure and Doesn't like side
by side in columns when there is room, and one under another when there is not (large
text, a narrow window), never scrolling sideways. Set U2_RENDER to a folder to keep
pictures of the panel at 100 % and 200 %."""

# ruff: noqa: F811 (pytest fixtures imported from another test module)
from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QApplication

from clubapp.ui import theme
from tests.gui.test_person_conversations import open_person, talked  # noqa: F401


def tops_and_lefts(view, page):
    titles = [view.titles[p] for p in ("like", "not_sure", "dislike")]
    points = [t.mapTo(page, t.rect().topLeft()) for t in titles]
    return [p.y() for p in points], [p.x() for p in points]


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_the_places_sit_side_by_side_when_there_is_room(
    open_person,
    talked,
    qtbot,
    themed_app,
    scale,  # noqa: F811
):
    theme.apply_theme(QApplication.instance(), scale)
    try:
        page, stack = open_person(talked["peggy"])
        panel = page.what_matters
        view = panel.places[0]
        qtbot.waitUntil(lambda: view.isVisible())
        wide = getattr(view, "side_by_side", None)
        tops, lefts = tops_and_lefts(view, page)
        if scale == 1.0:
            # 1280 px at 100 %: plenty of room, so three columns.
            assert wide is True
            assert len(set(tops)) == 1 and lefts == sorted(lefts) and len(set(lefts)) == 3
        else:
            assert wide is not None
        # Narrow the window: the places go one under another, nothing cut.
        stack.resize(520, 720)
        qtbot.waitUntil(lambda: getattr(view, "side_by_side", True) is False)
        tops, lefts = tops_and_lefts(view, page)
        assert tops == sorted(tops) and len(set(tops)) == 3 and len(set(lefts)) == 1
        assert view.width() <= panel.width()
        folder = os.environ.get("U2_RENDER")
        if folder:
            stack.resize(1280, 720)
            qtbot.waitUntil(lambda: view.isVisible())
            QApplication.processEvents()
            panel.grab().save(os.path.join(folder, f"what-matters-{int(scale * 100)}.png"))
    finally:
        theme.apply_theme(themed_app, 1.0)
