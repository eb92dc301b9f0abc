"""The committee: terms and make-up, quorum, the agenda, decisions and their outcome, minutes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.services import (
    agenda,
    club,
    committee,
    committee_printouts,
    decisions,
    meetings,
    minutes,
    notes,
)
from clubapp.services.committee import TermInput
from clubapp.services.decisions import ActionInput, DecisionInput, outcome
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.meetings import MeetingInput
from tests.conftest import TODAY


@pytest.fixture
def board(db, coordinator, person_factory) -> dict[str, int]:
    """Five trustees serving since January: two members, a carer, a volunteer, an outsider."""
    people = {
        "ann": person_factory("Ann Baker", kinds=("member", "trustee")),
        "bill": person_factory("Bill Cole", kinds=("member", "trustee")),
        "cath": person_factory("Cath Dunn", kinds=("carer", "trustee")),
        "dev": person_factory("Dev Evans", kinds=("volunteer", "trustee")),
        "eve": person_factory("Eve Ford", kinds=("supporter", "trustee")),
    }
    positions = {"ann": "chair", "bill": "trustee", "cath": "secretary", "dev": "treasurer"}
    for key, pid in people.items():
        db.run(
            committee.add_term,
            coordinator,
            TermInput(pid, positions.get(key, "trustee"), date(2026, 1, 1), date(2027, 1, 31)),
        )
    return people


@pytest.fixture
def meeting(db, coordinator, board) -> int:
    return db.run(
        meetings.add_meeting,
        coordinator,
        MeetingInput("committee", TODAY, place="The church hall", chair_id=board["ann"]),
    )


def mark(db, actor, meeting_id, people, status="present"):
    for pid in people:
        db.run(meetings.set_attendance, actor, meeting_id, pid, status)


def test_committee_view_shows_who_serves_terms_ending_and_make_up(db, coordinator, board):
    db.run(club.set_int, "committee_target_members", 3, coordinator)
    view = db.run(committee.committee_view, coordinator, TODAY)
    assert {r.name for r in view.serving} == {
        "Ann Baker",
        "Bill Cole",
        "Cath Dunn",
        "Dev Evans",
        "Eve Ford",
    }
    assert view.serving[0].position_words == "Chair"
    assert len(view.ending_soon) == 5  # all end on 31 January 2027, within 90 days
    makeup = {m.group: (m.seats, m.target) for m in view.makeup}
    assert makeup == {"members": (2, 3), "carers": (1, 2), "volunteers": (1, 1), "outside": (1, 1)}
    later = db.run(committee.committee_view, coordinator, date(2027, 2, 1))
    assert later.serving == ()


def test_only_the_coordinator_changes_terms_and_volunteers_see_no_committee(db, actors, board):
    with pytest.raises(NotAllowed):
        db.run(
            committee.add_term,
            actors["committee"],
            TermInput(board["ann"], "trustee", TODAY),
        )
    with pytest.raises(NotAllowed):
        db.run(committee.committee_view, actors["volunteer"], TODAY)
    with pytest.raises(NotAllowed):
        db.run(minutes.corrections, actors["volunteer"], 1)
    assert db.run(committee.committee_view, actors["treasurer"], TODAY).serving


def test_a_term_cannot_end_before_it_starts(db, coordinator, board):
    with pytest.raises(ValidationError) as caught:
        db.run(
            committee.add_term,
            coordinator,
            TermInput(board["ann"], "trustee", TODAY, TODAY - timedelta(days=1)),
        )
    assert "ends before it starts" in caught.value.errors["ends_on"]


def test_quorum_counts_trustees_present_by_number_and_share(
    db, coordinator, board, meeting, person_factory
):
    guest = person_factory("Gus Guest", kinds=("supporter",))
    mark(db, coordinator, meeting, [board["ann"], board["bill"], guest])
    q = db.run(meetings.meeting_quorum, meeting)
    assert (q.present, q.needed, q.quorate) == (2, 3, False)
    assert (
        q.words == "Not quorate: 2 trustees present, 3 needed. The meeting cannot take decisions."
    )
    mark(db, coordinator, meeting, [board["cath"]])
    assert db.run(meetings.meeting_quorum, meeting).quorate
    # "Two in every three trustees, or 3, whichever is more": 5 serving need 4.
    db.run(club.set_int, "quorum_share_top", 2, coordinator)
    db.run(club.set_int, "quorum_share_bottom", 3, coordinator)
    q = db.run(meetings.meeting_quorum, meeting)
    assert (q.present, q.needed, q.quorate) == (3, 4, False)


@pytest.mark.parametrize(
    "counts, casting_rule, casting, carried, words",
    [
        ((4, 1, 0), True, None, True, "Carried"),
        ((1, 4, 2), True, None, False, "Not carried"),
        ((2, 2, 1), True, "for", True, "Carried on the chair's casting vote"),
        ((2, 2, 1), True, "against", False, "Not carried on the chair's casting vote"),
        ((2, 2, 0), False, None, False, "Not carried: the votes were tied"),
        ((0, 0, 3), False, None, False, "Not carried: nobody voted for or against"),
    ],
)
def test_the_outcome_follows_the_counts_and_the_casting_vote_rule(
    counts, casting_rule, casting, carried, words
):
    result = outcome(*counts, chair_has_casting_vote=casting_rule, casting=casting)
    assert (result.carried, result.words) == (carried, words)


@pytest.mark.parametrize(
    "counts, casting_rule, casting, field",
    [
        ((2, 2, 0), True, None, "casting"),  # a tie needs the chair's casting vote
        ((3, 2, 0), True, "for", "casting"),  # no casting vote without a tie
        ((2, 2, 0), False, "for", "casting"),  # the constitution gives none
        ((0, 0, 0), True, None, "votes_for"),  # nobody voted
        ((-1, 2, 0), True, None, "votes_for"),
    ],
)
def test_impossible_outcomes_are_refused(counts, casting_rule, casting, field):
    with pytest.raises(ValidationError) as caught:
        outcome(*counts, chair_has_casting_vote=casting_rule, casting=casting)
    assert field in caught.value.errors


def test_a_meeting_that_is_not_quorate_cannot_decide(db, coordinator, board, meeting):
    mark(db, coordinator, meeting, [board["ann"], board["bill"]])
    with pytest.raises(ValidationError) as caught:
        db.run(
            decisions.record_decision,
            coordinator,
            meeting,
            DecisionInput("Buy a new kettle", 2, 0, 0),
        )
    assert "Not quorate" in caught.value.errors["meeting"]


def test_more_votes_than_trustees_present_is_refused(db, coordinator, board, meeting):
    mark(db, coordinator, meeting, [board["ann"], board["bill"], board["cath"]])
    with pytest.raises(ValidationError) as caught:
        db.run(
            decisions.record_decision,
            coordinator,
            meeting,
            DecisionInput("Buy a new kettle", 3, 1, 0),
        )
    assert "only 3 trustees are marked present" in caught.value.errors["votes_for"]


def test_standing_items_open_actions_and_inbox_items_build_the_agenda(
    db, coordinator, board, person_factory
):
    earlier = db.run(
        meetings.add_meeting, coordinator, MeetingInput("committee", TODAY - timedelta(days=30))
    )
    done = db.run(decisions.add_action, coordinator, earlier, ActionInput("Fix the ramp"))
    still_open = db.run(
        decisions.add_action, coordinator, earlier, ActionInput("Book the minibus", board["dev"])
    )
    db.run(decisions.set_action_done, coordinator, done, TODAY - timedelta(days=2))
    member = person_factory("Ivy Clarke", known_as="Ivy")
    note_id = db.run(
        notes.add_note,
        coordinator,
        notes.NoteInput(
            member,
            TODAY,
            "idea",
            "Ivy would love a trip to the seaside.",
            summary="A trip to the seaside in the summer.",
            visibility="committee_anonymous",
            flagged=True,
        ),
        TODAY,
    )
    meeting_id = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    seaside = db.run(agenda.add_from_inbox, coordinator, meeting_id, [note_id])
    kettle = db.run(
        agenda.add_proposal, coordinator, meeting_id, "A new kettle", "", board["cath"], 5
    )
    detail = db.run(meetings.get_meeting, coordinator, meeting_id)
    assert [i.title for i in detail.items] == [
        "Apologies",
        "Minutes of the last meeting",
        "Matters arising",
        "Treasurer's report",
        "A trip to the seaside in the summer.",
        "A new kettle",
        "Any other business",
    ]
    arising = detail.items[2]
    assert [a.action_id for a in arising.follows_up] == [still_open]
    assert arising.follows_up[0].who == "Dev Evans"
    printed = db.run(committee_printouts.minutes_doc, coordinator, meeting_id).items[2]
    assert [a.who for a in printed.reviewed] == ["Dev Evans"]
    seaside_item = next(i for i in detail.items if i.item_id == seaside)
    assert seaside_item.from_members == ("A member: A trip to the seaside in the summer.",)
    assert "Ivy" not in repr(detail)
    db.run(agenda.move_item, coordinator, kettle, -10)
    detail = db.run(meetings.get_meeting, coordinator, meeting_id)
    assert detail.items[0].title == "A new kettle"
    assert [i.position for i in detail.items] == list(range(7))


def test_note_to_decision_to_you_said_we_did(db, coordinator, board, person_factory):
    member = person_factory("Ivy Clarke")
    note_id = db.run(
        notes.add_note,
        coordinator,
        notes.NoteInput(
            member,
            TODAY - timedelta(days=10),
            "idea",
            "Ivy wants a seaside trip.",
            summary="A seaside trip.",
            visibility="committee_anonymous",
            flagged=True,
        ),
        TODAY,
    )
    meeting_id = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    item = db.run(agenda.add_from_inbox, coordinator, meeting_id, [note_id])
    mark(db, coordinator, meeting_id, [board["ann"], board["bill"], board["cath"], board["dev"]])
    decision = db.run(
        decisions.record_decision,
        coordinator,
        meeting_id,
        DecisionInput(
            "Hire a minibus for a seaside trip in June", 3, 0, 1, item, board["ann"], board["bill"]
        ),
    )
    action = db.run(
        decisions.add_action,
        coordinator,
        meeting_id,
        ActionInput("Book the minibus", board["dev"], TODAY + timedelta(days=14), item, decision),
    )
    said = db.run(minutes.you_said_we_did, coordinator, TODAY - timedelta(days=30), TODAY)
    assert len(said) == 1
    line = said[0]
    assert (line.who, line.you_said) == ("A member", "A seaside trip.")
    assert line.we_decided == ("Carried: Hire a minibus for a seaside trip in June",)
    assert line.what_happened == ("Being done: Book the minibus",)
    assert line.agenda_on == TODAY
    db.run(decisions.set_action_done, coordinator, action, TODAY + timedelta(days=3))
    line = db.run(minutes.you_said_we_did, coordinator, TODAY - timedelta(days=30), TODAY)[0]
    assert line.what_happened == ("Done on 21 November 2026: Book the minibus",)
    assert "Ivy" not in repr(line)


def test_approved_minutes_lock_the_meeting_and_corrections_are_new_records(
    db, coordinator, board, meeting
):
    mark(db, coordinator, meeting, [board["ann"], board["bill"], board["cath"]])
    item = db.run(meetings.get_meeting, coordinator, meeting).items[0].item_id
    db.run(agenda.set_discussion, coordinator, item, "Apologies from Dev.")
    later = db.run(
        meetings.add_meeting, coordinator, MeetingInput("committee", TODAY + timedelta(days=28))
    )
    held = TODAY + timedelta(days=28)
    with pytest.raises(ValidationError):
        db.run(minutes.approve_minutes, coordinator, later, meeting, held)  # backwards
    with pytest.raises(ValidationError) as caught:  # the later meeting is still to come
        db.run(minutes.approve_minutes, coordinator, meeting, later, held - timedelta(days=1))
    assert "has not taken place yet" in caught.value.errors["at_meeting_id"]
    db.run(minutes.approve_minutes, coordinator, meeting, later, held)
    detail = db.run(meetings.get_meeting, coordinator, meeting)
    assert detail.locked and detail.minutes_approved_on == TODAY + timedelta(days=28)
    for change in (
        lambda: db.run(agenda.set_discussion, coordinator, item, "Changed."),
        lambda: db.run(meetings.set_attendance, coordinator, meeting, board["dev"], "present"),
        lambda: db.run(agenda.add_proposal, coordinator, meeting, "Late item"),
        lambda: db.run(
            decisions.record_decision, coordinator, meeting, DecisionInput("Late", 3, 0, 0)
        ),
    ):
        with pytest.raises(ValidationError) as caught:
            change()
        assert "cannot change" in str(caught.value)
    assert db.run(meetings.get_meeting, coordinator, meeting).items[0].discussion == (
        "Apologies from Dev."
    )
    db.run(
        minutes.add_correction,
        coordinator,
        meeting,
        "Dev's apologies were sent by text, not email.",
        later,
        TODAY + timedelta(days=28),
    )
    assert [c.text for c in db.run(minutes.corrections, coordinator, meeting)] == [
        "Dev's apologies were sent by text, not email."
    ]
