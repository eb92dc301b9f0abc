"""One-to-one notes: who may see them, consent for health notes, What matters to me, the inbox."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.services import notes
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.members import ConsentData
from clubapp.services.notes import NoteInput
from tests.conftest import TODAY

HEALTH_CONSENT = (ConsentData("health_notes", "self", date(2026, 1, 5)),)


@pytest.fixture
def margaret(person_factory) -> int:
    return person_factory("Margaret Hughes", known_as="Peggy", consents=HEALTH_CONSENT)


@pytest.fixture
def add(db, coordinator):
    def make(person_id: int, actor=None, **kwargs) -> int:
        kwargs.setdefault("on_date", TODAY)
        kwargs.setdefault("kind", "idea")
        kwargs.setdefault("text", "We could sing more songs from the fifties.")
        return db.run(notes.add_note, actor or coordinator, NoteInput(person_id, **kwargs), TODAY)

    return make


def test_a_private_note_is_seen_by_the_coordinator_only(db, actors, margaret, add):
    note_id = add(margaret, visibility="private", text="Worried about money at home.")
    assert [r.note_id for r in db.run(notes.list_notes, actors["coordinator"])] == [note_id]
    for role in ("committee", "volunteer"):
        assert db.run(notes.list_notes, actors[role]) == []
        matters = db.run(notes.what_matters, actors[role], margaret)
        assert matters.likes == () and matters.needs == ()
    with pytest.raises(NotAllowed):
        db.run(notes.list_notes, actors["treasurer"])


def test_a_named_note_is_shared_and_an_anonymous_one_never_shows_the_name(
    db, actors, margaret, add
):
    add(
        margaret,
        kind="likes",
        text="Loves the garden.",
        visibility="committee_named",
        named_agreed_on=TODAY,
    )
    anonymous = add(
        margaret,
        kind="worry",
        text="Peggy says the hall is too cold.",
        summary="The hall is too cold in the mornings.",
        visibility="committee_anonymous",
        flagged=True,
    )
    for role in ("committee", "volunteer"):
        seen = db.run(notes.list_notes, actors[role])
        assert [r.text for r in seen] == ["Loves the garden."]
    inbox = db.run(notes.inbox, actors["committee"])
    assert [(i.note_id, i.who, i.summary) for i in inbox] == [
        (anonymous, "A member", "The hall is too cold in the mornings.")
    ]
    assert "Peggy" not in repr(inbox) and "Margaret" not in repr(inbox)


def test_an_anonymous_summary_that_names_the_member_is_refused(db, coordinator, margaret, add):
    with pytest.raises(ValidationError) as caught:
        add(
            margaret,
            summary="peggy finds the hall too cold",
            visibility="committee_anonymous",
            flagged=True,
        )
    assert "take the name out" in caught.value.errors["summary"]
    with pytest.raises(ValidationError) as caught:
        add(margaret, visibility="committee_anonymous", flagged=True)
    assert "summary" in caught.value.errors


def test_named_needs_the_day_the_member_agreed(db, margaret, add):
    with pytest.raises(ValidationError) as caught:
        add(margaret, visibility="committee_named")
    assert "agreed to be named" in caught.value.errors["named_agreed_on"]


def test_a_private_note_cannot_be_sent_to_the_committee(db, margaret, add):
    with pytest.raises(ValidationError) as caught:
        add(margaret, visibility="private", flagged=True)
    assert "cannot go to the committee" in caught.value.errors["flagged"]


def test_a_health_note_without_consent_is_refused_with_how_to_fix_it(db, person_factory, add):
    no_consent = person_factory("Arthur Jones")
    with pytest.raises(ValidationError) as caught:
        add(no_consent, kind="need", text="Needs his insulin at 12.", health_related=True)
    message = caught.value.errors["health_related"]
    assert "Arthur Jones has no consent recorded for keeping notes about their health" in message
    assert "under Consent, press “Add a consent record”" in message
    assert add(no_consent, kind="need", text="Likes a lift home.", health_related=False) > 0


def test_a_health_note_with_consent_is_kept(db, coordinator, margaret, add):
    note_id = add(
        margaret, kind="need", text="Hearing aid needs a new battery.", health_related=True
    )
    assert db.run(notes.get_note, coordinator, note_id).health_related


def test_a_note_cannot_be_dated_in_the_future(db, margaret, add):
    with pytest.raises(ValidationError) as caught:
        add(margaret, on_date=TODAY + timedelta(days=1))
    assert "future" in caught.value.errors["on_date"]


def test_what_matters_shows_current_likes_dislikes_needs_and_tips(
    db, coordinator, person_factory, add
):
    pid = person_factory(
        "Ivy Clarke", communication_tips="Speak slowly, face her.", consents=HEALTH_CONSENT
    )
    old = add(pid, kind="likes", text="Likes bingo.")
    add(pid, kind="likes", text="Likes painting.")
    add(pid, kind="dislikes", text="Doesn't like loud music.")
    add(pid, kind="need", text="Needs a chair with arms.", health_related=True)
    add(pid, kind="idea", text="An outing to the seaside.")
    db.run(notes.set_superseded, coordinator, old, True, TODAY)
    matters = db.run(notes.what_matters, coordinator, pid)
    assert [m.text for m in matters.likes] == ["Likes painting."]
    assert [m.text for m in matters.dislikes] == ["Doesn't like loud music."]
    assert [m.text for m in matters.needs] == ["Needs a chair with arms."]
    assert matters.communication_tips == "Speak slowly, face her."
    db.run(notes.set_superseded, coordinator, old, False, TODAY)
    assert len(db.run(notes.what_matters, coordinator, pid).likes) == 2


def test_only_the_writer_or_the_coordinator_may_change_a_note(db, actors, margaret, add):
    volunteer_note = add(margaret, actors["volunteer"], kind="praise", text="Loved the quiz.")
    db.run(notes.set_superseded, actors["volunteer"], volunteer_note, True, TODAY)
    db.run(notes.set_superseded, actors["coordinator"], volunteer_note, False, TODAY)
    with pytest.raises(NotAllowed):
        db.run(notes.set_superseded, actors["committee"], volunteer_note, True, TODAY)
    with pytest.raises(NotAllowed):
        add(margaret, actors["treasurer"])


def test_the_inbox_holds_flagged_notes_until_they_are_on_an_agenda(db, coordinator, margaret, add):
    from clubapp.services import agenda, meetings

    first = add(margaret, summary="More singing.", visibility="committee_anonymous", flagged=True)
    add(margaret, summary="Not flagged.", visibility="committee_anonymous", flagged=False)
    assert [i.note_id for i in db.run(notes.inbox, coordinator)] == [first]
    assert db.run(notes.inbox_count, coordinator) == 1
    meeting_id = db.run(
        meetings.add_meeting, coordinator, meetings.MeetingInput("committee", TODAY)
    )
    item_id = db.run(agenda.add_from_inbox, coordinator, meeting_id, [first])
    assert db.run(notes.inbox, coordinator) == []
    assert db.run(notes.inbox_count, coordinator) == 0
    with pytest.raises(ValidationError) as caught:
        db.run(
            notes.update_note,
            coordinator,
            first,
            NoteInput(margaret, TODAY, "idea", "We could sing.", visibility="private"),
            TODAY,
        )
    assert "cannot be made private" in caught.value.errors["visibility"]
    db.run(agenda.remove_item, coordinator, item_id)
    assert [i.note_id for i in db.run(notes.inbox, coordinator)] == [first]
    assert db.run(notes.inbox_count, coordinator) == 1


def test_notes_since_a_day_and_the_count_before_it_keep_to_what_a_role_may_see(
    db, actors, margaret, add
):
    """The Notes page reads the last year and counts the rest, as each role may see them."""
    year_ago = TODAY - timedelta(days=365)
    add(margaret, text="Recent, private.", on_date=TODAY)
    add(margaret, text="Old, private.", on_date=year_ago - timedelta(days=1))
    named = dict(visibility="committee_named", named_agreed_on=date(2020, 1, 1))
    add(margaret, text="Old, named.", on_date=date(2020, 3, 4), **named)
    add(margaret, text="Recent, named.", on_date=year_ago, **named)
    coordinator, committee = actors["coordinator"], actors["committee"]

    recent = db.run(notes.list_notes, coordinator, since=year_ago)
    assert [r.text for r in recent] == ["Recent, private.", "Recent, named."]
    assert db.run(notes.count_before, coordinator, year_ago) == 2
    shared = db.run(notes.list_notes, committee, since=year_ago)
    assert [r.text for r in shared] == ["Recent, named."]
    assert db.run(notes.count_before, committee, year_ago) == 1
    with pytest.raises(NotAllowed):
        db.run(notes.count_before, actors["treasurer"], year_ago)


def test_the_same_words_noted_twice_matter_once_the_newest_kept(db, coordinator, margaret, add):
    add(margaret, kind="need", text="Needs the large-print song sheets.", on_date=date(2026, 1, 5))
    newest = add(
        margaret, kind="need", text="needs the  large-print song sheets.", on_date=date(2026, 6, 1)
    )
    add(margaret, kind="likes", text="Needs the large-print song sheets.")  # another kind
    matters = db.run(notes.what_matters, coordinator, margaret)
    assert [line.note_id for line in matters.needs] == [newest]
    assert len(matters.likes) == 1
