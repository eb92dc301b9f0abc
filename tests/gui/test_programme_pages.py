"""The Programme room, the club's activities and a vote's winner put on the programme,
through their real buttons."""

from __future__ import annotations

import io
from datetime import time, timedelta

import pytest
from PIL import Image as PILImage

from clubapp.services import attendance, programme, votes
from clubapp.services.programme import ActivityInput
from clubapp.services.votes import BallotInput, OptionInput
from clubapp.ui.pages.activity_form import ITS_PHOTO, ActivityFormPage
from clubapp.ui.pages.programme import (
    ActivitiesPage,
    ActivityPhotoLabel,
    ActivityPictureLabel,
    ChooseActivityPage,
    FromVotePage,
    ProgrammePage,
)
from clubapp.ui.pages.votes import BallotPage
from tests.conftest import TODAY
from tests.gui.committee_helpers import answer_next_question, choose_in_list, click, open_stack
from tests.gui.test_accessibility import sign_in

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)
NEXT_WEEK = TODAY + timedelta(days=7)
IN_TWO_WEEKS = TODAY + timedelta(days=14)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def club(db, coordinator, person_factory) -> dict[str, int]:
    """Three coming sessions, two present at today's, and three activities."""
    out = {
        "today": db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY, time(10, 30)),
        "next": db.run(
            attendance.add_session, coordinator, "Wednesday Club", NEXT_WEEK, time(10, 30)
        ),
        "later": db.run(
            attendance.add_session, coordinator, "Friday Club", IN_TWO_WEEKS, time(14, 0)
        ),
        "len": person_factory("Leonard Price", known_as="Len"),
        "ivy": person_factory("Ivy Clarke"),
        "jo": person_factory("Jo Hart"),
    }
    for key in ("ivy", "jo"):
        db.run(attendance.set_present, coordinator, out["today"], out[key], True)
    for name, picture, cost, leader in (
        ("Singing", "singing", 0, out["len"]),
        ("Quiz", "quiz", 150, None),
        ("Tea and cake", "tea_and_cake", 100, None),
    ):
        out[picture] = db.run(
            programme.add_activity,
            coordinator,
            ActivityInput(name, picture, f"{name} at the club.", cost, leader),
        )
    db.run(programme.add_to_programme, coordinator, out["today"], out["singing"])
    return out


def activity_vote(db, coordinator, club, *, tie: bool = False) -> int:
    """A closed choice between a trip out and singing at today's session."""
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "What shall we do next?",
            (OptionInput("Trip out", picture="outing"), OptionInput("Singing", picture="singing")),
            session_id=club["today"],
        ),
    )
    trip, singing = (o.option_id for o in db.run(votes.get_ballot, coordinator, ballot).options)
    db.run(votes.cast_vote, coordinator, ballot, club["ivy"], [(trip, "chosen")])
    db.run(votes.cast_vote, coordinator, ballot, club["jo"], [(singing if tie else trip, "chosen")])
    db.run(votes.close_ballot, coordinator, ballot)
    return ballot


def planned(db, actor, on) -> list[str]:
    [day] = [d for d in db.run(programme.programme, actor, on, on)]
    return [item.name for item in day.activities]


# ---------------------------------------------------------------- the room


@POPUP_WARNINGS
def test_add_an_activity_to_a_day_and_take_it_off(themed_app, qtbot, db, coordinator, club):
    _ctx, stack, room = open_stack(qtbot, db, coordinator, ProgrammePage)
    assert room.period_label.text() == ("From Wednesday 18 November to Tuesday 15 December 2026")
    assert [b.day.on_date for b in room.blocks] == [TODAY, NEXT_WEEK, IN_TWO_WEEKS]
    today = room.block_for(TODAY)
    assert today.activity_names() == ["Singing"]
    assert today.session_label.text() == "Wednesday Club at 10:30 am"
    assert today.lines[0].details_label.text() == "Led by Len. Free."
    assert isinstance(today.lines[0].findChild(ActivityPictureLabel), ActivityPictureLabel)
    block = room.block_for(NEXT_WEEK)
    assert block.nothing_label.isVisible()

    click(qtbot, block.add_button)
    chooser = stack.current
    assert isinstance(chooser, ChooseActivityPage)
    assert chooser.intro.text() == (
        "Which activity for Wednesday Club at 10:30 am on Wednesday 25 November 2026?"
    )
    assert [line.name for line in chooser.lines.values()] == ["Quiz", "Singing", "Tea and cake"]
    assert chooser.line_for("Quiz").details_label.text() == "Costs £1.50."
    click(qtbot, chooser.add_buttons[club["quiz"]])
    assert stack.current is room
    assert room.news_label.text() == "Quiz is on the programme for Wednesday 25 November 2026."
    block = room.block_for(NEXT_WEEK)
    assert block.activity_names() == ["Quiz"]
    assert planned(db, coordinator, NEXT_WEEK) == ["Quiz"]

    # Already on the day: no Add button for it, and it says so.
    click(qtbot, block.add_button)
    chooser = stack.current
    assert club["quiz"] not in chooser.add_buttons
    assert (
        chooser.line_for("Quiz")
        .details_label.text()
        .endswith("It is on the programme for this day already.")
    )
    click(qtbot, chooser.back_button)
    assert stack.current is room

    # Taking it off asks first, naming the activity and the day.
    [button] = room.block_for(NEXT_WEEK).take_off_buttons.values()
    asked = answer_next_question(confirm=False)
    click(qtbot, button)
    assert asked == [
        "Take Quiz off the programme for Wednesday Club on Wednesday 25 November 2026?"
    ]
    assert planned(db, coordinator, NEXT_WEEK) == ["Quiz"]
    answer_next_question(confirm=True)
    click(qtbot, button)
    assert planned(db, coordinator, NEXT_WEEK) == []
    assert room.block_for(NEXT_WEEK).activity_names() == []
    assert room.news_label.text() == "Quiz is taken off Wednesday 25 November 2026."


def test_move_by_four_weeks_and_say_when_there_are_no_sessions(
    themed_app, qtbot, db, coordinator, club
):
    _ctx, _stack, room = open_stack(qtbot, db, coordinator, ProgrammePage)
    assert not room.now_button.isVisible() and not room.empty_label.isVisible()
    click(qtbot, room.later_button)
    assert (room.start, room.end) == (TODAY + timedelta(days=28), TODAY + timedelta(days=55))
    assert room.blocks == []
    assert room.empty_label.isVisible()
    assert room.empty_label.text().startswith(
        "There are no club sessions in these four weeks (from Wednesday 16 December 2026 to "
        "Tuesday 12 January 2027)."
    )
    assert room.now_button.isVisible()
    click(qtbot, room.now_button)
    assert room.start == TODAY and len(room.blocks) == 3
    click(qtbot, room.earlier_button)
    assert room.start == TODAY - timedelta(days=28)


def test_print_the_programme_for_the_four_weeks_shown(themed_app, qtbot, db, coordinator, club):
    _ctx, stack, room = open_stack(qtbot, db, coordinator, ProgrammePage)
    click(qtbot, room.print_button)
    [(title, make_pdf, file_name)] = stack.pdfs.shown
    assert (title, file_name) == ("The programme", "programme-2026-11-18.pdf")
    assert make_pdf().startswith(b"%PDF")


# ---------------------------------------------------------------- the club's activities


@POPUP_WARNINGS
def test_add_change_retire_and_offer_again(themed_app, qtbot, db, coordinator, club):
    _ctx, stack, room = open_stack(qtbot, db, coordinator, ProgrammePage)
    click(qtbot, room.activities_button)
    page = stack.current
    assert isinstance(page, ActivitiesPage)
    assert page.offered_names() == ["Quiz", "Singing", "Tea and cake"]
    assert not page.retired_heading.isVisible()

    click(qtbot, page.add_button)
    form = stack.current
    assert isinstance(form, ActivityFormPage) and form.title == "Add an activity"
    choose_in_list(qtbot, form.picture, "Games")
    assert form.name.text() == "Games"  # the picture's words fill an empty name
    form.name.setText("Bingo")
    form.cost.setText("£2.50")
    choose_in_list(qtbot, form.leader, "Len")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert page.news_label.text() == "Bingo is added."
    line = page.line_for("Bingo")
    assert line.details_label.text() == "Led by Len. Costs £2.50."
    row = page.row_for("Bingo")
    assert (row.picture, row.cost_pence, row.leader_id) == ("games", 250, club["len"])

    click(qtbot, page.change_buttons[row.activity_id])
    form = stack.current
    assert form.title == "Change an activity"
    assert (form.name.text(), form.cost.text(), form.picture.value()) == ("Bingo", "£2.50", "games")
    assert form.leader.value() == club["len"]
    form.cost.setText("3")
    click(qtbot, form.save_button)
    assert page.line_for("Bingo").details_label.text() == "Led by Len. Costs £3."

    asked = answer_next_question(confirm=True)
    click(qtbot, page.retire_buttons[row.activity_id])
    assert asked and asked[0].startswith("Stop offering Bingo?")
    assert page.retired_names() == ["Bingo"]
    assert page.retired_heading.isVisible()
    assert "Bingo" not in page.offered_names()
    assert db.run(programme.get_activity, coordinator, row.activity_id).retired

    click(qtbot, page.offer_buttons[row.activity_id])
    assert page.retired_names() == [] and "Bingo" in page.offered_names()
    assert page.news_label.text() == "Bingo is offered again."


@POPUP_WARNINGS
def test_the_cost_and_the_picture_are_put_right_by_their_fields(
    themed_app, qtbot, db, coordinator, club
):
    _ctx, stack, page = open_stack(qtbot, db, coordinator, ActivitiesPage)
    click(qtbot, page.add_button)
    form = stack.current
    form.name.setText("Bingo")
    form.cost.setText("three pounds")
    click(qtbot, form.save_button)
    assert stack.current is form
    fields = form.form
    assert fields.field("cost_pence").error_text() == (
        "'three pounds' is not an amount of money. Write it in pounds and pence, like "
        "£3.50, or 0 if it is free."
    )
    assert (
        fields.field("picture").error_text() == "Choose a picture for the activity from the list."
    )
    assert not fields.field("name").has_error()
    assert form.errors_summary.text() == "2 things need fixing first. They are shown in red above."
    assert (form.name.text(), form.cost.text()) == ("Bingo", "three pounds")  # nothing lost

    form.cost.setText("£3.505")
    choose_in_list(qtbot, form.picture, "Games")
    click(qtbot, form.save_button)
    assert "more than two figures after the point" in fields.field("cost_pence").error_text()
    assert not fields.field("picture").has_error()
    form.cost.setText("£1,500")
    click(qtbot, form.save_button)
    assert fields.field("cost_pence").error_text() == (
        "£1,500 for one session is more than £1,000. Check the cost."
    )
    form.name.setText("Singing")
    form.cost.setText("50p")
    click(qtbot, form.save_button)
    assert fields.field("name").error_text() == "There is already an activity called Singing."
    assert not fields.field("cost_pence").has_error()
    assert "Bingo" not in [r.name for r in db.run(programme.list_activities, coordinator)]


def test_changing_an_activity_keeps_its_photo(themed_app, qtbot, db, coordinator, club):
    photo = png_bytes()
    made = db.run(
        programme.add_activity, coordinator, ActivityInput("Our allotment", None, photo=photo)
    )
    _ctx, stack, page = open_stack(qtbot, db, coordinator, ActivitiesPage)
    label = page.line_for("Our allotment").findChild(ActivityPhotoLabel)
    assert label is not None and not label.pixmap().isNull()
    click(qtbot, page.change_buttons[made])
    form = stack.current
    assert form.picture.currentText() == ITS_PHOTO and form.picture.value() is None
    form.name.setText("The allotment")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert db.run(programme.activity_photo, coordinator, made) == photo
    assert db.run(programme.get_activity, coordinator, made).name == "The allotment"


# ---------------------------------------------------------------- from a vote


def test_put_a_votes_winner_on_the_programme(themed_app, qtbot, db, coordinator, club):
    ballot = activity_vote(db, coordinator, club)
    _ctx, stack, page = open_stack(qtbot, db, coordinator, lambda ctx: BallotPage(ctx, ballot))
    assert page.print_button.isVisible() and not page.tie_label.isVisible()
    click(qtbot, page.programme_button)
    form = stack.current
    assert isinstance(form, FromVotePage)
    assert form.intro.text() == "Most people chose Trip out. Which club sessions should it be on?"
    assert form.save_button.text() == "Put Trip out on the programme"
    assert [c.text() for c in form.checks.values()] == [
        "Wednesday 18 November 2026",
        "Wednesday 25 November 2026",
        "Wednesday 2 December 2026",
    ]
    click(qtbot, form.save_button)  # nothing ticked
    assert stack.current is form
    assert form.form.field("session_ids").error_text() == (
        "Choose at least one club session for it."
    )
    click(qtbot, form.check_for(NEXT_WEEK))
    click(qtbot, form.check_for(IN_TWO_WEEKS))
    click(qtbot, form.save_button)
    assert stack.current is page
    assert page.news_label.isVisible()
    assert page.news_label.text() == "Added Trip out to 2 sessions."
    for on in (NEXT_WEEK, IN_TWO_WEEKS):
        [day] = db.run(programme.programme, coordinator, on, on)
        [item] = day.activities
        assert item.name == "Trip out"
        assert item.chosen_words == "Chosen by the members' vote on 18 November 2026"


def test_a_tie_says_to_choose_on_the_programme_page(themed_app, qtbot, db, coordinator, club):
    ballot = activity_vote(db, coordinator, club, tie=True)
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, lambda ctx: BallotPage(ctx, ballot))
    assert not page.programme_button.isVisible()
    assert page.tie_label.isVisible()
    assert page.tie_label.text() == (
        "The vote was a tie: choose the activity yourself on the Programme page."
    )


def test_print_the_result_of_a_closed_vote(themed_app, qtbot, db, coordinator, club):
    ballot = activity_vote(db, coordinator, club)
    _ctx, stack, page = open_stack(qtbot, db, coordinator, lambda ctx: BallotPage(ctx, ballot))
    click(qtbot, page.print_button)
    [(title, make_pdf, file_name)] = stack.pdfs.shown
    assert (title, file_name) == ("The result of the vote", f"vote-result-{ballot}.pdf")
    assert make_pdf().startswith(b"%PDF")


def test_an_open_vote_has_no_print_or_programme_button(themed_app, qtbot, db, coordinator, club):
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "Hands up?",
            (OptionInput("Quiz", picture="quiz"), OptionInput("Singing", picture="singing")),
            method="hands",
            session_id=club["today"],
        ),
    )
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, lambda ctx: BallotPage(ctx, ballot))
    assert page.results.isVisible()  # a show of hands shows its count while open
    assert not page.print_button.isVisible()
    assert not page.programme_button.isVisible() and not page.tie_label.isVisible()


# ---------------------------------------------------------------- who may change it


@pytest.mark.parametrize("role", ["treasurer", "committee", "volunteer"])
def test_roles_that_may_not_change_the_programme_see_no_changing_buttons(
    themed_app, qtbot, db, coordinator, actors, club, role
):
    ballot = activity_vote(db, coordinator, club)
    actor = actors[role]
    _ctx, stack, room = open_stack(qtbot, db, actor, ProgrammePage)
    assert room.read_only_note.isVisible()
    assert room.print_button.isVisible() and room.activities_button.isVisible()
    assert room.block_for(TODAY).activity_names() == ["Singing"]
    for block in room.blocks:
        assert not block.add_button.isVisible()
        assert block.take_off_buttons == {}
    click(qtbot, room.print_button)
    assert stack.pdfs.shown[-1][1]().startswith(b"%PDF")

    click(qtbot, room.activities_button)
    page = stack.current
    assert page.offered_names() == ["Quiz", "Singing", "Tea and cake"]
    assert not page.add_button.isVisible() and page.read_only_note.isVisible()
    assert page.change_buttons == {} and page.retire_buttons == {} and page.offer_buttons == {}

    ballot_page = BallotPage(stack.ctx, ballot)
    stack.push(ballot_page)
    assert ballot_page.print_button.isVisible()
    assert not ballot_page.programme_button.isVisible()
    assert not ballot_page.tie_label.isVisible()


def test_the_programme_is_a_room_on_the_rail(window, qtbot):
    sign_in(window, qtbot, "coordinator")
    rooms = list(window.shell.nav)
    assert rooms.index("Programme") == rooms.index("Votes") + 1
    window.shell.go_to("Programme")
    room = window.shell.room("Programme")
    assert isinstance(room, ProgrammePage)
    assert window.shell.heading.text() == "Programme"
    chosen = [
        b
        for b in room.blocks
        if any(
            line.details_label.text().endswith("Chosen by the members' vote on 13 November 2026.")
            for line in b.lines
        )
    ]
    assert chosen  # the demo's members chose a trip out
