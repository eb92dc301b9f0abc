"""The Votes room and every voting screen meet DESIGN §2 at 100 % and 200 % text in a
1280×720 window; the voting choices measured in millimetres from the screen's dpi."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from clubapp.services import attendance, meetings, programme, votes
from clubapp.services.meetings import MeetingInput
from clubapp.services.programme import ActivityInput
from clubapp.services.votes import BallotInput, OptionInput
from clubapp.ui import theme
from clubapp.ui.pages.activity_form import ActivityFormPage
from clubapp.ui.pages.ballot_form import BallotFormPage
from clubapp.ui.pages.programme import (
    ActivitiesPage,
    ChooseActivityPage,
    FromVotePage,
    ProgrammePage,
)
from clubapp.ui.pages.votes import BallotPage, HandsPage, VotesPage
from clubapp.ui.voting.page import VotingPage
from clubapp.ui.voting.tiles import MIN_PICTURE_PX, ChoiceTile
from tests.conftest import TODAY
from tests.gui.a11y import audit
from tests.gui.committee_helpers import open_stack

SCALES = (1.0, 2.0)


class _Silent:
    def say(self, text: str) -> None:
        self.last = text


MIN_TILE_MM = 16.0
VOTER_PT = 28.0
MIN_GAP_MM = 4.0


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def look(root, scale: float, where: str) -> list[str]:
    settle()
    return [f"{where} at {int(scale * 100)} %: {p}" for p in audit(root, scale)]


def mm(px: float, widget) -> float:
    return px / widget.logicalDpiX() * 25.4


def tile_problems(tiles: list[ChoiceTile], scale: float, where: str) -> list[str]:
    """Each choice ≥ 16 mm both ways, ≥ 4 mm apart, words ≥ 28 pt, pictures ≥ 96 px."""
    problems = []
    rects = []
    for tile in tiles:
        rect = QRect(tile.mapTo(tile.window(), QPoint(0, 0)), tile.size())
        rects.append(rect)
        if min(mm(rect.width(), tile), mm(rect.height(), tile)) < MIN_TILE_MM:
            problems.append(f"{where}: {tile.words} is {rect.width()}×{rect.height()} px")
        if min(f.pointSizeF() for f in tile.voter_fonts()) < 28 * scale - 0.5:
            problems.append(f"{where}: {tile.words} words are under 28 pt")
        if tile.picture_px() < MIN_PICTURE_PX:
            problems.append(f"{where}: {tile.words} picture is under {MIN_PICTURE_PX} px")
    # The tiles draw inside an 8 px margin: the gap people see is the layout's gap plus
    # both margins.
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            if a.intersects(b):
                problems.append(f"{where}: two choices overlap")
                continue
            dx = max(b.left() - a.right(), a.left() - b.right(), 0)
            dy = max(b.top() - a.bottom(), a.top() - b.bottom(), 0)
            if max(dx, dy) + 16 < MIN_GAP_MM / 25.4 * tiles[0].logicalDpiX():
                problems.append(f"{where}: two choices are closer than {MIN_GAP_MM:g} mm")
    return problems


def voter_text_problems(flow, scale: float, where: str) -> list[str]:
    """Every word a voter reads on the screen shown, in a label or on a button, is at
    least 28 pt × the text size. Tiles that paint their words say in which fonts
    (``voter_fonts``); the coordinator's top row (where, Stop voting) is not checked."""
    settle()
    least = VOTER_PT * scale - 0.5
    screen = flow.stack.currentWidget()
    problems = []
    for widget in screen.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisible():
            continue
        if not widget.text().strip():
            continue
        fonts = widget.voter_fonts() if hasattr(widget, "voter_fonts") else [widget.font()]
        size = min(f.pointSizeF() for f in fonts)
        if size < least:
            problems.append(
                f"{where} at {int(scale * 100)} %: {type(widget).__name__}"
                f"({widget.text()[:30]!r}) is {size:g} pt, under {VOTER_PT * scale:g}"
            )
    assert not flow.top_row.isAncestorOf(screen)
    return problems


@pytest.fixture
def ballots(db, coordinator, board, person_factory) -> dict[str, int]:
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    for key in ("ann", "bill", "cath"):
        db.run(meetings.set_attendance, coordinator, meeting, board[key], "present")
    club_day = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    for name in ("Margaret Holloway-Smythe", "Jo Hart"):
        db.run(attendance.set_present, coordinator, club_day, person_factory(name), True)
    out = {
        "decision": db.run(
            votes.create_ballot,
            coordinator,
            BallotInput("decision", "Shall we buy a new urn for the kitchen?", meeting_id=meeting),
        ),
        "hands": db.run(
            votes.create_ballot,
            coordinator,
            BallotInput("decision", "Move to the library?", method="hands", meeting_id=meeting),
        ),
        "activity": db.run(
            votes.create_ballot,
            coordinator,
            BallotInput(
                "activity",
                "What shall we do at the club next Wednesday afternoon?",
                (
                    OptionInput("Singing", picture="singing"),
                    OptionInput("A quiz", picture="quiz"),
                    OptionInput("Gardening in the raised beds", picture="gardening"),
                    OptionInput("Tea and cake", picture="tea_and_cake"),
                    OptionInput("A trip out", picture="outing"),
                ),
                session_id=club_day,
                pick_many=True,
            ),
        ),
        "election": db.run(
            votes.create_ballot,
            coordinator,
            BallotInput(
                "election",
                "Who should be the next treasurer?",
                (
                    OptionInput("Gus Guest", person_id=board["gus"]),
                    OptionInput("Joan Ford", person_id=board["joan"]),
                ),
                meeting_id=meeting,
            ),
        ),
        "each_in_turn": db.run(
            votes.create_ballot,
            coordinator,
            BallotInput(
                "election",
                "Who should join the committee?",
                (OptionInput("Gus Guest", person_id=board["gus"]),),
                meeting_id=meeting,
            ),
        ),
    }
    return out


@pytest.mark.parametrize("scale", SCALES)
def test_the_votes_room_and_forms_meet_the_rules(
    themed_app, qtbot, db, coordinator, ballots, scale
):
    theme.apply_theme(QApplication.instance(), scale)
    ctx, stack, room = open_stack(qtbot, db, coordinator, VotesPage)
    problems = look(stack, scale, "Votes")
    decision = ballots["decision"]
    db.run(votes.close_ballot, coordinator, decision)
    for name, make in (
        ("Start a vote", lambda: BallotFormPage(ctx)),
        ("Start an election", lambda: BallotFormPage(ctx, kind="election")),
        ("A closed vote", lambda: BallotPage(ctx, decision)),
        ("An open vote", lambda: BallotPage(ctx, ballots["activity"])),
        ("Count the hands", lambda: HandsPage(ctx, ballots["hands"])),
    ):
        page = make()
        stack.push(page)
        problems += look(stack, scale, name)
        stack.back()
    assert problems == []


@pytest.fixture
def programme_pages(db, coordinator, ballots, person_factory) -> dict[str, int]:
    """Sessions in the coming weeks with activities on them, a retired activity, and a
    closed activity vote that most people chose one thing in."""
    club_day = db.run(votes.get_ballot, coordinator, ballots["activity"]).session_id
    leader = person_factory("Bartholomew Featherstonehaugh-Smith")
    days = [club_day] + [
        db.run(attendance.add_session, coordinator, name, on, time(10, 30))
        for name, on in (
            ("Wednesday Club", TODAY + timedelta(days=7)),
            ("Friday afternoon at the Riverside Court community centre", TODAY + timedelta(9)),
        )
    ]
    made = {}
    for name, picture, cost in (
        ("Gardening in the raised beds behind the church hall", "gardening", 150),
        ("Singing", "singing", 0),
        ("Tea and cake", "tea_and_cake", 100),
        ("Knitting", "knitting", 0),
    ):
        made[picture] = db.run(
            programme.add_activity,
            coordinator,
            ActivityInput(name, picture, f"{name}, with everything provided.", cost, leader),
        )
    db.run(programme.retire_activity, coordinator, made["knitting"])
    for day in days:
        for picture in ("gardening", "tea_and_cake"):
            db.run(programme.add_to_programme, coordinator, day, made[picture])
    chosen = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "What shall we do next month?",
            (OptionInput("A trip out", picture="outing"), OptionInput("Singing", "singing")),
            session_id=club_day,
        ),
    )
    trip = db.run(votes.get_ballot, coordinator, chosen).options[0].option_id
    for voter in db.run(votes.voters, coordinator, chosen):
        db.run(votes.cast_vote, coordinator, chosen, voter.person_id, [(trip, "chosen")])
    db.run(votes.close_ballot, coordinator, chosen)
    return {"ballot": chosen, "session": days[1], "gardening": made["gardening"]}


@pytest.mark.parametrize("scale", SCALES)
def test_the_programme_pages_meet_the_rules(
    themed_app, qtbot, db, coordinator, actors, programme_pages, scale
):
    theme.apply_theme(QApplication.instance(), scale)
    ctx, stack, room = open_stack(qtbot, db, coordinator, ProgrammePage)
    problems = look(stack, scale, "Programme")
    assert room.blocks and room.blocks[0].take_off_buttons

    def with_errors(ctx) -> ActivityFormPage:  # type: ignore[no-untyped-def]
        form = ActivityFormPage(ctx)
        form.name.setText("Gardening in the raised beds behind the church hall")
        form.cost.setText("three pounds fifty")
        form.save()
        return form

    day = room.block_for(TODAY + timedelta(days=7)).day
    for name, make in (
        ("The club's activities", lambda: ActivitiesPage(ctx)),
        ("Add an activity", lambda: ActivityFormPage(ctx)),
        ("An activity with errors", lambda: with_errors(ctx)),
        ("Change an activity", lambda: ActivityFormPage(ctx, programme_pages["gardening"])),
        ("Choose an activity for a day", lambda: ChooseActivityPage(ctx, day)),
        ("A closed activity vote", lambda: BallotPage(ctx, programme_pages["ballot"])),
        ("Put it on the programme", lambda: FromVotePage(ctx, programme_pages["ballot"])),
    ):
        page = make()
        stack.push(page)
        problems += look(stack, scale, name)
        if isinstance(page, ActivityFormPage):
            page._leaving_ok = True  # leave without being asked about the changes
        stack.back()
    room.later_button.click()
    problems += look(stack, scale, "Programme with no sessions")
    _ctx, read_stack, _room = open_stack(qtbot, db, actors["volunteer"], ProgrammePage)
    problems += look(read_stack, scale, "Programme for a volunteer")
    read_stack.push(ActivitiesPage(read_stack.ctx))
    problems += look(read_stack, scale, "The club's activities for a volunteer")
    assert problems == []


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("kind", ["decision", "activity", "election", "each_in_turn"])
def test_every_voting_screen_meets_the_rules(
    themed_app, qtbot, db, coordinator, ballots, scale, kind
):
    theme.apply_theme(QApplication.instance(), scale)
    ticks = iter(range(1, 10**6))
    _ctx, stack, page = open_stack(
        qtbot,
        db,
        coordinator,
        # With a voice, so the Read it aloud buttons are checked too.
        lambda ctx: VotingPage(
            ctx, ballots[kind], clock=lambda: float(next(ticks)), speaker=lambda: _Silent()
        ),
    )
    flow = page.flow

    def both(where: str) -> list[str]:
        return look(stack, scale, where) + voter_text_problems(flow, scale, where)

    problems = both("Who is voting")
    flow.voter_tile(flow.voter_names()[0]).click()
    problems += both("The question")
    problems += tile_problems(flow.tiles(), scale, f"The {kind} choices")
    flow.tiles()[0].click()
    if kind == "activity":
        flow.tiles()[2].click()
        problems += both("Two ticked")
        flow.done_button.click()
    problems += both("You chose")
    flow.confirm_button.click()
    problems += both("Thank you")
    assert flow.stack.currentWidget() is flow.thanks_screen
    flow.next_button.click()
    problems += both("The next person")
    assert problems == []


@pytest.mark.parametrize("scale", SCALES)
def test_the_named_vote_limit_and_not_counted_screens_meet_the_rules(
    themed_app, qtbot, db, coordinator, board, ballots, scale
):
    """The screens the test above does not reach: someone helped, the limit of an
    election for two places, and a vote that could not be counted."""
    theme.apply_theme(QApplication.instance(), scale)
    meeting = db.run(votes.get_ballot, coordinator, ballots["decision"]).meeting_id
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "election",
            "Who should be on the committee?",
            tuple(
                OptionInput(name, person_id=board[key])
                for key, name in (("gus", "Gus Guest"), ("joan", "Joan Ford"), ("dev", "Dev Evans"))
            ),
            method="named",
            meeting_id=meeting,
            seats=2,
        ),
    )
    ticks = iter(range(1, 10**6))
    _ctx, stack, page = open_stack(
        qtbot,
        db,
        coordinator,
        lambda ctx: VotingPage(ctx, ballot, clock=lambda: float(next(ticks)), speaker=lambda: None),
    )
    flow = page.flow

    def both(where: str) -> list[str]:
        return look(stack, scale, where) + voter_text_problems(flow, scale, where)

    voter = next(v for v in db.run(votes.voters, coordinator, ballot) if v.name == "Ann Baker")
    flow.voter_tile("Ann Baker").click()
    problems = both("Did someone help")
    assert flow.helped_help.isVisible()
    flow.helped_button.click()
    problems += both("Who is helping")
    flow.helper_tile("Bill Cole").click()
    for tile in flow.tiles():
        tile.click()
    assert flow.limit_note.isVisible()
    problems += both("One more than allowed")
    flow.tiles()[2].click()  # take one off
    flow.done_button.click()
    # Meanwhile Ann votes on another screen.
    options = db.run(votes.get_ballot, coordinator, ballot).options
    db.run(
        votes.cast_vote, coordinator, ballot, voter.person_id, [(options[0].option_id, "chosen")]
    )
    flow.confirm_button.click()
    assert flow.stack.currentWidget() is flow.refused_screen
    problems += both("Not counted")
    assert problems == []


@pytest.mark.parametrize("scale", SCALES)
def test_the_stop_voting_password_question_meets_the_rules(
    themed_app, qtbot, db, coordinator, ballots, scale
):
    """It is for the coordinator: 14 pt and big buttons, like every other dialog."""
    theme.apply_theme(QApplication.instance(), scale)
    _ctx, _stack, page = open_stack(
        qtbot,
        db,
        coordinator,
        lambda ctx: VotingPage(ctx, ballots["decision"], speaker=lambda: None),
    )
    flow = page.flow
    problems: list[str] = []

    def check() -> None:
        dialog = flow.stop_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, check)
            return
        try:
            problems.extend(look(dialog, scale, "Stop voting"))
            dialog.password.setText("not the password")
            dialog.confirm_button.click()
            assert dialog.field.error_text().startswith("That password is not right.")
            problems.extend(look(dialog, scale, "Stop voting, wrong password"))
        finally:
            dialog.cancel_button.click()

    QTimer.singleShot(0, check)
    with qtbot.assertNotEmitted(flow.stopped):
        flow.stop_button.click()
    assert problems == []
