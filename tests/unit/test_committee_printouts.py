"""Committee printouts never show a private note or the name behind an anonymous one."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from clubapp.services import agenda, committee, committee_printouts, decisions, meetings, notes
from clubapp.services.committee import TermInput
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.members import ConsentData
from clubapp.services.notes import NoteInput
from tests.conftest import TODAY

SECRET = "Zanzibar"  # a word only the private note holds


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def traced(db, coordinator, person_factory):
    """A member's private note, and her anonymous idea taken to a decision."""
    peggy = person_factory("Margaret Hughes", known_as="Peggy")
    trustees = [person_factory(f"Trustee {n}", kinds=("trustee",)) for n in "ABC"]
    for pid in trustees:
        db.run(committee.add_term, coordinator, TermInput(pid, "trustee", date(2026, 1, 1)))
    db.run(
        notes.add_note,
        coordinator,
        NoteInput(peggy, TODAY, "worry", f"Peggy is worried about money; mentions {SECRET}."),
        TODAY,
    )
    idea = db.run(
        notes.add_note,
        coordinator,
        NoteInput(
            peggy,
            TODAY - timedelta(days=3),
            "idea",
            "Peggy would love a trip to the seaside.",
            summary="A trip to the seaside.",
            visibility="committee_anonymous",
            flagged=True,
        ),
        TODAY,
    )
    meeting_id = db.run(
        meetings.add_meeting, coordinator, meetings.MeetingInput("committee", TODAY)
    )
    item = db.run(agenda.add_from_inbox, coordinator, meeting_id, [idea])
    for pid in trustees:
        db.run(meetings.set_attendance, coordinator, meeting_id, pid, "present")
    db.run(
        decisions.record_decision,
        coordinator,
        meeting_id,
        decisions.DecisionInput("Hire a minibus for the seaside", 3, 0, 0, item),
    )
    return peggy, meeting_id


def test_no_committee_printout_names_her_or_shows_the_private_note(db, coordinator, traced):
    _, meeting_id = traced
    printouts = [
        db.run(committee_printouts.agenda, coordinator, meeting_id, TODAY),
        db.run(committee_printouts.agenda, coordinator, meeting_id, TODAY, True),
        db.run(committee_printouts.minutes, coordinator, meeting_id, TODAY),
        db.run(committee_printouts.minutes, coordinator, meeting_id, TODAY, True),
        db.run(
            committee_printouts.you_said_we_did,
            coordinator,
            TODAY - timedelta(days=30),
            TODAY,
            TODAY,
        ),
    ]
    for pdf in printouts:
        words = text_of(pdf)
        assert "seaside" in words.lower()
        for hidden in ("Peggy", "Margaret", "Hughes", SECRET, "money"):
            assert hidden not in words


def test_the_members_export_holds_no_notes(db, coordinator, traced):
    from clubapp.services import members_transfer

    exported = db.run(members_transfer.export_members, coordinator)
    assert SECRET not in str(exported) and "seaside" not in str(exported)


def test_about_me_needs_the_members_consent_and_the_coordinator(db, actors, person_factory):
    ivy = person_factory("Ivy Clarke", communication_tips="Speak slowly.")
    with pytest.raises(ValidationError) as caught:
        db.run(committee_printouts.about_me, actors["coordinator"], ivy, TODAY)
    assert "has not agreed to an About me page" in caught.value.errors["about_me"]
    agreed = person_factory(
        "Rose Lane",
        communication_tips="Face her when you speak.",
        mobility="Uses a stick.",
        consents=(ConsentData("about_me", "self", date(2026, 1, 1)),),
    )
    db.run(
        notes.add_note,
        actors["coordinator"],
        NoteInput(agreed, TODAY, "likes", "Loves the old songs.", visibility="committee_named",
                  named_agreed_on=TODAY),
        TODAY,
    )  # fmt: skip
    db.run(
        notes.add_note,
        actors["coordinator"],
        NoteInput(agreed, TODAY, "dislikes", f"Private: {SECRET}."),
        TODAY,
    )
    words = text_of(db.run(committee_printouts.about_me, actors["coordinator"], agreed, TODAY))
    assert "Loves the old songs." in words and "Face her when you speak." in words
    assert "Uses a stick." in words and SECRET not in words
    with pytest.raises(NotAllowed):
        db.run(committee_printouts.about_me, actors["volunteer"], agreed, TODAY)
