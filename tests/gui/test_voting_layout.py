"""Where things are on the voting screens: what a voter needs is on the screen without
scrolling, the tiles keep their pictures inside them, and only the screen scrolls.

Taps here land where the tile or button is seen, without scrolling anything into view
first (unlike `committee_helpers.click`), so a control below the visible area fails.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from clubapp.services import attendance, meetings, votes
from clubapp.services.meetings import MeetingInput
from clubapp.services.votes import BallotInput, OptionInput
from clubapp.ui import theme
from clubapp.ui.pages.votes import VotesPage
from clubapp.ui.voting.page import VotingPage
from clubapp.ui.voting.tiles import BORDER, RING, ChoiceTile, wrapped_lines
from tests.conftest import TODAY
from tests.gui.committee_helpers import LEFT, open_stack

FIVE = (
    ("Singing", "singing"),
    ("A quiz", "quiz"),
    ("Gardening in the raised beds", "gardening"),
    ("Tea and cake", "tea_and_cake"),
    ("A trip out", "outing"),
)


class Clock:
    """The flow's clock: taps count only once half a second has passed."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def later(self) -> None:
        self.now += 1.0


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.fixture
def meeting(db, coordinator, board) -> int:
    meeting_id = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    for key in ("ann", "bill", "cath"):
        db.run(meetings.set_attendance, coordinator, meeting_id, board[key], "present")
    return meeting_id


@pytest.fixture
def club_day(db, coordinator, person_factory) -> int:
    day = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    for name in ("Ivy Clarke", "Jo Hart"):
        db.run(attendance.set_present, coordinator, day, person_factory(name), True)
    return day


def activity(db, coordinator, club_day: int, count: int, *, pick_many: bool = False) -> int:
    return db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "What shall we do at the club next Wednesday afternoon?",
            tuple(OptionInput(words, picture=picture) for words, picture in FIVE[:count]),
            session_id=club_day,
            pick_many=pick_many,
        ),
    )


def election(db, coordinator, board, meeting: int, keys: tuple[str, ...], seats: int) -> int:
    names = {"gus": "Gus Guest", "joan": "Joan Ford", "dev": "Dev Evans", "peggy": "Peggy Holloway"}
    names["ann"] = "Ann Baker"
    return db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "election",
            "Who should be on the committee?",
            tuple(OptionInput(names[k], person_id=board[k]) for k in keys),
            meeting_id=meeting,
            seats=seats,
        ),
    )


def open_vote(qtbot, db, actor, ballot_id: int, size: tuple[int, int]):
    clock = Clock()
    _ctx, stack, page = open_stack(
        qtbot,
        db,
        actor,
        lambda ctx: VotingPage(ctx, ballot_id, clock=clock, speaker=lambda: None),
    )
    stack.resize(*size)
    settle()
    return stack, page.flow, clock


def in_view(widget: QWidget, area: QScrollArea) -> bool:
    """The whole of ``widget`` is inside the part of ``area`` on the screen."""
    viewport = area.viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


def tap_where_seen(qtbot, clock: Clock, widget: QWidget, area: QScrollArea) -> None:
    """Tap the middle of what can be seen of ``widget``; nothing is scrolled first."""
    settle()
    viewport = area.viewport()
    seen = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()) & viewport.rect()
    assert seen.height() >= 40 and seen.width() >= 40, f"{widget} is not on the screen"
    clock.later()
    qtbot.mouseClick(widget, LEFT, pos=widget.mapFrom(viewport, seen.center()))
    settle()


def first_vote(qtbot, stack, flow, clock):
    area = flow.who_screen.area
    tap_where_seen(qtbot, clock, flow.voter_tile(flow.voter_names()[0]), area)
    assert flow.stack.currentWidget() is flow.question_screen
    return flow.question_screen.area


# ------------------------------------------------------------ 1. one more than allowed


@pytest.mark.parametrize(
    ("size", "keys"),
    [((800, 800), ("gus", "joan", "dev")), ((1280, 720), ("gus", "joan", "dev", "peggy", "ann"))],
    ids=["800x800, 3 candidates", "1280x720, 5 candidates"],
)
def test_one_more_than_allowed_says_so_where_it_is_seen(
    themed_app, qtbot, db, coordinator, board, meeting, size, keys
):
    ballot = election(db, coordinator, board, meeting, keys, seats=2)
    stack, flow, clock = open_vote(qtbot, db, coordinator, ballot, size)
    area = first_vote(qtbot, stack, flow, clock)
    assert flow.question_help.text() == "Tap up to 2, then press “That's my choice”."
    # Nothing chosen yet: "That's my choice" is there, and says it cannot be pressed yet.
    assert in_view(flow.done_button, area) and not flow.done_button.isEnabled()
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Return)  # Enter with nothing chosen: nothing happens
    assert flow.stack.currentWidget() is flow.question_screen

    first, second, third = flow.tiles()[:3]
    tap_where_seen(qtbot, clock, first, area)
    tap_where_seen(qtbot, clock, second, area)
    assert flow.choose_note.text() == "You have chosen 2." and in_view(flow.choose_note, area)
    assert not flow.limit_note.isVisible()
    tops = [t.mapTo(flow, QPoint(0, 0)) for t in flow.tiles()]

    tap_where_seen(qtbot, clock, third, area)
    assert not third.isChecked() and first.isChecked() and second.isChecked()
    # Why nothing was chosen, as an error, above the choices, on the screen.
    note = flow.limit_note
    assert note.isVisible() and in_view(note, area)
    assert note.text() == "You can choose up to 2. To change, tap a ticked one first."
    assert note.property("role") == "error"
    assert note.font().pointSizeF() >= 28 * theme.current_scale() - 0.5
    assert not flow.choose_note.isVisible()
    assert note.mapTo(flow, QPoint(0, 0)).y() < third.mapTo(flow, QPoint(0, 0)).y()
    assert in_view(flow.done_button, area) and flow.done_button.isEnabled()
    assert in_view(flow.question_back, area)
    assert area.verticalScrollBar().value() == 0  # nothing had to scroll
    # The message took no room from the choices: nothing moved under the finger.
    assert [t.mapTo(flow, QPoint(0, 0)) for t in flow.tiles()] == tops

    # Taking one off puts the count back; Enter presses "That's my choice".
    tap_where_seen(qtbot, clock, first, area)
    assert flow.choose_note.isVisible() and flow.choose_note.text() == "You have chosen 1."
    assert not flow.limit_note.isVisible()
    tap_where_seen(qtbot, clock, third, area)
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Return)
    assert flow.stack.currentWidget() is flow.confirm_screen
    assert flow.confirmed_words() == [second.words, third.words]


def test_a_tapped_tile_does_not_take_the_keyboard(themed_app, qtbot, db, coordinator, club_day):
    """The yellow focus ring after a tap looked like "chosen": taps leave it off; Tab
    still reaches every tile."""
    ballot = activity(db, coordinator, club_day, 3, pick_many=True)
    stack, flow, clock = open_vote(qtbot, db, coordinator, ballot, (1280, 720))
    area = first_vote(qtbot, stack, flow, clock)
    tile = flow.tiles()[1]
    tap_where_seen(qtbot, clock, tile, area)
    assert tile.isChecked() and not tile.hasFocus()
    assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus


# ------------------------------------------------------------ 2. Go back, Escape, one row


@pytest.mark.parametrize(
    ("size", "count"), [((800, 800), 4), ((1280, 720), 5)], ids=["800x800, 4", "1280x720, 5"]
)
def test_go_back_is_on_the_screen_and_escape_does_the_same(
    themed_app, qtbot, db, coordinator, club_day, size, count
):
    ballot = activity(db, coordinator, club_day, count)
    stack, flow, clock = open_vote(qtbot, db, coordinator, ballot, size)
    area = first_vote(qtbot, stack, flow, clock)
    assert in_view(flow.question_back, area)
    assert (
        flow.question_back.mapTo(flow, QPoint(0, 0)).y()
        < flow.tiles()[0].mapTo(flow, QPoint(0, 0)).y()
    )
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Escape)
    assert flow.stack.currentWidget() is flow.who_screen
    area = first_vote(qtbot, stack, flow, clock)
    tap_where_seen(qtbot, clock, flow.question_back, area)
    assert flow.stack.currentWidget() is flow.who_screen


def test_five_choices_fit_one_row_at_100_percent(themed_app, qtbot, db, coordinator, club_day):
    ballot = activity(db, coordinator, club_day, 5, pick_many=True)
    stack, flow, clock = open_vote(qtbot, db, coordinator, ballot, (1280, 720))
    area = first_vote(qtbot, stack, flow, clock)
    tiles = flow.tiles()
    rects = [QRect(t.mapTo(area.viewport(), QPoint(0, 0)), t.size()) for t in tiles]
    assert len({r.top() for r in rects}) == 1, "the five choices are not in one row"
    assert all(area.viewport().rect().left() <= r.left() for r in rects)
    assert rects[-1].right() <= area.viewport().rect().right()
    mm = 25.4 / tiles[0].logicalDpiX()
    for tile, rect in zip(tiles, rects, strict=True):
        assert min(rect.width(), rect.height()) * mm >= 16, tile.words
        # As wide as 1.8 pictures, or the longest word: no wider.
        assert tile.width() <= max(tile.picture_px() * 1.8, 260) + 2 * (RING + BORDER)
    for a, b in pairwise(rects):
        # The painted tiles keep RING px inside their widgets on each side.
        assert (b.left() - a.right() - 1 + 2 * RING) * mm >= 4


def test_an_uncontested_election_shows_the_candidate_by_the_question(
    themed_app, qtbot, db, coordinator, board, meeting
):
    ballot = election(db, coordinator, board, meeting, ("gus", "joan"), seats=2)
    for size in ((800, 800), (1280, 720)):
        stack, flow, clock = open_vote(qtbot, db, coordinator, ballot, size)
        area = first_vote(qtbot, stack, flow, clock)
        face = flow.candidate_face
        assert face is not None and in_view(face, area)
        # Beside the question, smaller than a choice, and not one of them.
        assert (
            abs(
                face.mapTo(flow, QPoint(0, 0)).y()
                - flow.question_label.mapTo(flow, QPoint(0, 0)).y()
            )
            < face.height()
        )
        assert face.height() < flow.tiles()[0].height()
        assert face not in flow.choice_tiles.widgets()
        assert [t.words for t in flow.tiles()] == ["Yes", "No", "Not sure"]
        for tile in flow.tiles():
            assert in_view(tile, area), f"{tile.words} is off the screen at {size}"


# ------------------------------------------------------------ 3. one scroll bar


def test_only_the_voting_screen_scrolls_under_a_fixed_top_row(
    themed_app, qtbot, db, coordinator, club_day
):
    theme.apply_theme(QApplication.instance(), 2.0)
    ballot = activity(db, coordinator, club_day, 5, pick_many=True)
    stack, flow, clock = open_vote(qtbot, db, coordinator, ballot, (1280, 720))
    page = flow.parentWidget()
    assert stack.currentWidget() is page  # no scrolling frame around a kiosk page
    area = first_vote(qtbot, stack, flow, clock)
    frames = []
    parent = flow.question_label.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            frames.append(parent)
        parent = parent.parentWidget()
    assert frames == [area]
    assert area.verticalScrollBar().maximum() > 0  # 200 %: this screen does scroll
    shown = [a for a in stack.findChildren(QScrollArea) if a.isVisible()]
    assert shown == [area]

    where = flow.stop_button.mapTo(stack, QPoint(0, 0))
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    settle()
    assert flow.stop_button.mapTo(stack, QPoint(0, 0)) == where
    assert flow.top_row.mapTo(stack, QPoint(0, 0)).y() == 0
    assert not flow.stop_button.visibleRegion().isEmpty()

    # Other pages still scroll inside their frame.
    votes_page = VotesPage(stack.ctx)
    stack.push(votes_page)
    settle()
    assert isinstance(stack.currentWidget(), QScrollArea)
    assert stack.currentWidget().widget() is votes_page


# ------------------------------------------------------------ 5. the picture in its tile


def test_a_picture_stays_inside_its_tile_when_the_words_take_two_lines(
    themed_app, qtbot, db, coordinator, club_day
):
    ballot = activity(db, coordinator, club_day, 5, pick_many=True)
    stack, flow, clock = open_vote(qtbot, db, coordinator, ballot, (1280, 720))
    first_vote(qtbot, stack, flow, clock)
    tile = next(t for t in flow.tiles() if t.words == "Tea and cake")
    rects = tile.face_rects()
    text_width = rects.band.width() - 2 * tile._pad()
    assert len(wrapped_lines(tile.words, tile.words_font(), text_width)) == 2
    assert tile.height() >= tile.face_height(tile.width())
    check_picture_inside(tile)

    # Squeezed (a layout giving less than it asked for), the picture shrinks rather
    # than spill over the border or the words.
    alone = ChoiceTile(4, "Tea and cake", picture="tea_and_cake", checkable=True)
    qtbot.addWidget(alone)
    width = alone.sizeHint().width()
    alone.resize(width, alone.face_height(width) - 60)
    check_picture_inside(alone)


def check_picture_inside(tile: ChoiceTile) -> None:
    rects = tile.face_rects()
    assert QRect(0, 0, tile.width(), tile.height()).contains(rects.tile.toAlignedRect())
    assert rects.tile.contains(rects.picture_area)
    assert rects.picture_area.contains(rects.picture)
    assert rects.picture.bottom() <= rects.band.top()
    assert rects.picture.width() >= min(96, rects.picture_area.height() - 2 * tile._pad())

    # And as painted: nothing drawn in the focus ring's room above the tile, and the top
    # of the band (above its words) is its colour alone, with no picture over it.
    image = tile.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    ratio = image.devicePixelRatio()
    for y in range(int(RING * ratio) - 1):
        for x in range(image.width()):
            seen = image.pixelColor(x, y)
            assert seen.alpha() == 0 or seen == QColor("#FFFFFF"), (
                f"drawn above the tile at {x},{y}"
            )
    band = rects.band
    fill = tile.colour_of().name()
    for y in range(int((band.top() + 2) * ratio), int((band.top() + tile._pad() - 2) * ratio)):
        for x in range(int((band.left() + 16) * ratio), int((band.right() - 16) * ratio)):
            assert image.pixelColor(x, y).name() == fill, f"the picture is over the band at {x},{y}"


def test_the_confirm_button_fits_the_screen_at_200_percent(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """ "That's my answer, next question" is wider than 1280 px at 200 %: it takes two
    lines rather than run off the screen."""
    theme.apply_theme(QApplication.instance(), 2.0)
    ballot = election(db, coordinator, board, meeting, ("gus", "joan"), seats=2)
    stack, flow, clock = open_vote(qtbot, db, coordinator, ballot, (1280, 720))
    area = first_vote(qtbot, stack, flow, clock)
    area.ensureWidgetVisible(flow.tiles()[1])
    tap_where_seen(qtbot, clock, flow.tiles()[1], area)
    assert flow.stack.currentWidget() is flow.confirm_screen
    button = flow.confirm_button
    assert button.text() == "That's my answer,\nnext question"
    assert button.accessibleName() == "That's my answer,\nnext question"
    confirm_area = flow.confirm_screen.area
    assert confirm_area.horizontalScrollBar().maximum() == 0
    left = button.mapTo(confirm_area.viewport(), QPoint(0, 0)).x()
    assert left >= 0 and left + button.width() <= confirm_area.viewport().width()
    # At 100 % it is one line again.
    theme.apply_theme(QApplication.instance(), 1.0)
    stack.resize(1281, 720)
    settle()
    assert button.text() == "That's my answer, next question"
