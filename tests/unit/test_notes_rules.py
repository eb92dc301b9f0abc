"""A note that reached the committee stays with it, and approved minutes never change."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clubapp.services import agenda, meetings, minutes, notes
from clubapp.services.errors import ValidationError
from clubapp.services.meetings import MeetingInput
from clubapp.services.notes import NoteInput
from tests.conftest import TODAY


@pytest.fixture
def on_agenda(db, coordinator, person_factory) -> tuple[int, int, int]:
    """(person, note, meeting): an anonymous note sent to the committee and put on an agenda."""
    peggy = person_factory("Margaret Hughes", known_as="Peggy")
    note = db.run(
        notes.add_note,
        coordinator,
        NoteInput(
            peggy,
            TODAY - timedelta(days=3),
            "idea",
            "Peggy would like a quiz with bigger print.",
            summary="A quiz with bigger print.",
            visibility="committee_anonymous",
            flagged=True,
        ),
        TODAY,
    )
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    db.run(agenda.add_from_inbox, coordinator, meeting, [note])
    return peggy, note, meeting


def edit(db, coordinator, person, note, **changes) -> None:
    fields = dict(
        on_date=TODAY - timedelta(days=3),
        kind="idea",
        text="Peggy would like a quiz with bigger print.",
        summary="A quiz with larger print.",
        visibility="committee_anonymous",
        flagged=True,
    )
    fields.update(changes)
    db.run(notes.update_note, coordinator, note, NoteInput(person, **fields), TODAY)


def test_a_note_on_an_agenda_stays_with_the_committee_when_unticked(db, coordinator, on_agenda):
    person, note, _meeting = on_agenda
    edit(db, coordinator, person, note, flagged=False)
    assert db.run(notes.get_note, coordinator, note).flagged
    said = db.run(minutes.you_said_we_did, coordinator, TODAY - timedelta(days=30), TODAY)
    assert [line.you_said for line in said] == ["A quiz with larger print."]


def test_a_note_in_approved_minutes_cannot_change_but_can_be_marked_no_longer_true(
    db, coordinator, on_agenda
):
    person, note, meeting = on_agenda
    later_day = TODAY + timedelta(days=28)
    later = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", later_day))
    db.run(minutes.approve_minutes, coordinator, meeting, later, later_day)
    with pytest.raises(ValidationError) as caught:
        edit(db, coordinator, person, note, summary="Something else entirely.")
    assert caught.value.errors["text"].startswith(
        "This note is part of the approved minutes of the meeting on 18 November 2026"
    )
    assert db.run(notes.get_note, coordinator, note).summary == "A quiz with bigger print."
    db.run(notes.set_superseded, coordinator, note, True, later_day)
    assert db.run(notes.get_note, coordinator, note).superseded_on == later_day
