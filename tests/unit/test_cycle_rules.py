"""Rules a tester found missing over a whole monthly cycle: open action points come back
at a meeting planned weeks ahead, an item stops naming a member who asked not to be
named, a rule change leaves past meetings' quorum alone, "not carried" is said plainly,
and everyone "not sure" is not a tie."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.services import agenda, club, committee, decisions, meetings, minutes, notes
from clubapp.services.committee import TermInput
from clubapp.services.decisions import ActionInput, DecisionInput, outcome
from clubapp.services.errors import ValidationError
from clubapp.services.meetings import MeetingInput
from clubapp.services.notes import NoteInput
from tests.conftest import TODAY


@pytest.fixture
def trustees(db, coordinator, person_factory) -> list[int]:
    people = [
        person_factory(name, kinds=("trustee",))
        for name in ("Ann Baker", "Bill Cole", "Cath Dunn", "Dev Evans")
    ]
    for pid in people:
        db.run(committee.add_term, coordinator, TermInput(pid, "trustee", date(2026, 1, 1)))
    return people


def held_meeting(db, coordinator, trustees, on: date) -> int:
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", on))
    for pid in trustees:
        db.run(meetings.set_attendance, coordinator, meeting, pid, "present")
    return meeting


def arising(db, coordinator, meeting_id: int) -> list[str]:
    detail = db.run(meetings.get_meeting, coordinator, meeting_id)
    item = next(i for i in detail.items if i.standing_code == "matters_arising")
    return [a.what for a in item.follows_up]


def test_an_action_from_today_comes_back_at_a_meeting_planned_before_it(db, coordinator, trustees):
    later = db.run(
        meetings.add_meeting, coordinator, MeetingInput("committee", TODAY + timedelta(days=28))
    )
    meeting = held_meeting(db, coordinator, trustees, TODAY)
    assert arising(db, coordinator, later) == []
    urn = db.run(decisions.add_action, coordinator, meeting, ActionInput("Buy the urn"))
    assert arising(db, coordinator, later) == ["Buy the urn"]
    # Done, then found not done after all: it stays listed once, not twice.
    db.run(decisions.set_action_done, coordinator, urn, TODAY)
    db.run(decisions.set_action_done, coordinator, urn, None)
    assert arising(db, coordinator, later) == ["Buy the urn"]
    # The meeting it was raised at does not review it.
    assert arising(db, coordinator, meeting) == []


def test_moving_a_meeting_later_brings_back_what_became_due(db, coordinator, trustees):
    early = held_meeting(db, coordinator, trustees, TODAY - timedelta(days=10))
    db.run(decisions.add_action, coordinator, early, ActionInput("Ring the hall"))
    moved = db.run(
        meetings.add_meeting, coordinator, MeetingInput("committee", TODAY - timedelta(days=20))
    )
    assert arising(db, coordinator, moved) == []
    db.run(
        meetings.update_meeting,
        coordinator,
        moved,
        MeetingInput("committee", TODAY + timedelta(days=5)),
    )
    assert arising(db, coordinator, moved) == ["Ring the hall"]


@pytest.fixture
def stan(db, coordinator, person_factory) -> tuple[int, int, int]:
    """(person, note, meeting): Stan's named idea, put on an agenda under his words."""
    pid = person_factory("Stanley Price", known_as="Stan")
    note = db.run(
        notes.add_note,
        coordinator,
        NoteInput(
            pid,
            TODAY - timedelta(days=2),
            "idea",
            "Stan says we should have a darts night.",
            visibility="committee_named",
            named_agreed_on=TODAY - timedelta(days=2),
            flagged=True,
        ),
        TODAY,
    )
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    db.run(agenda.add_from_inbox, coordinator, meeting, [note])
    return pid, note, meeting


def unname(db, coordinator, pid: int, note: int) -> None:
    db.run(
        notes.update_note,
        coordinator,
        note,
        NoteInput(
            pid,
            TODAY - timedelta(days=2),
            "idea",
            "Stan says we should have a darts night.",
            summary="A darts night at the club.",
            visibility="committee_anonymous",
            flagged=True,
        ),
        TODAY,
    )


def titles(db, coordinator, meeting: int) -> list[str]:
    return [i.title for i in db.run(meetings.get_meeting, coordinator, meeting).items]


def test_not_naming_a_member_any_more_takes_the_name_off_the_agenda(db, coordinator, stan):
    pid, note, meeting = stan
    assert "Stan says we should have a darts night." in titles(db, coordinator, meeting)
    unname(db, coordinator, pid, note)
    shown = titles(db, coordinator, meeting)
    assert "A darts night at the club." in shown
    assert not any("Stan" in title for title in shown)


def test_details_that_name_the_member_must_be_changed_first(db, coordinator, stan):
    pid, note, meeting = stan
    item = next(i for i in db.run(meetings.get_meeting, coordinator, meeting).items if i.note_ids)
    db.run(
        agenda.update_item, coordinator, item.item_id, item.title, "Ask Stan about dates.", None, 10
    )
    with pytest.raises(ValidationError) as caught:
        unname(db, coordinator, pid, note)
    assert caught.value.errors["visibility"].startswith(
        "The agenda item “Stan says we should have a darts night.” has details that name Stan."
    )
    assert db.run(notes.list_notes, coordinator)[0].visibility == "committee_named"


def test_an_item_from_an_unnamed_note_cannot_be_given_the_name(db, coordinator, stan):
    pid, note, meeting = stan
    unname(db, coordinator, pid, note)
    item = next(i for i in db.run(meetings.get_meeting, coordinator, meeting).items if i.note_ids)
    with pytest.raises(ValidationError) as caught:
        db.run(agenda.update_item, coordinator, item.item_id, "Darts for Stanley", "", None, 10)
    assert caught.value.errors["title"].startswith("This names Stanley")


def test_a_change_of_quorum_rule_leaves_a_meeting_that_decided_alone(db, coordinator, trustees):
    meeting = held_meeting(db, coordinator, trustees[:3], TODAY - timedelta(days=7))
    db.run(decisions.record_decision, coordinator, meeting, DecisionInput("Buy a kettle", 3, 0, 0))
    before = db.run(meetings.get_meeting, coordinator, meeting).quorum
    assert before.quorate and before.needed == 3
    # Now every trustee must be there: 4 of the 4.
    db.run(club.set_int, "quorum_share_top", 1, coordinator)
    db.run(club.set_int, "quorum_share_bottom", 1, coordinator)
    assert db.run(meetings.get_meeting, coordinator, meeting).quorum == before
    # A meeting that has decided nothing yet follows the new rule.
    fresh = held_meeting(db, coordinator, trustees[:3], TODAY)
    assert db.run(meetings.meeting_quorum, fresh).needed == 4


def test_not_carried_says_nothing_is_still_to_do(db, coordinator, trustees, person_factory):
    member = person_factory("Ivy Clarke")
    note = db.run(
        notes.add_note,
        coordinator,
        NoteInput(
            member,
            TODAY - timedelta(days=5),
            "idea",
            "A coach trip to Whitby.",
            summary="A coach trip to Whitby.",
            visibility="committee_anonymous",
            flagged=True,
        ),
        TODAY,
    )
    meeting = held_meeting(db, coordinator, trustees, TODAY)
    item = db.run(agenda.add_from_inbox, coordinator, meeting, [note])
    db.run(
        decisions.record_decision,
        coordinator,
        meeting,
        DecisionInput("Plan a coach trip to Whitby", 1, 3, 0, item),
    )
    [line] = db.run(minutes.you_said_we_did, coordinator, TODAY - timedelta(days=30), TODAY)
    assert line.what_happened == ("Nothing: the committee decided not to do this",)


def test_everyone_not_sure_is_not_a_tie():
    result = outcome(0, 0, 3, chair_has_casting_vote=True)
    assert (result.carried, result.words) == (False, "Not carried: nobody voted for or against")
    with pytest.raises(ValidationError) as caught:
        outcome(0, 0, 3, chair_has_casting_vote=True, casting="for")
    assert "no tie" in caught.value.errors["casting"]
