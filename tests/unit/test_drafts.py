"""The drafts service: each person's half-typed forms, kept while they type, given back
after a crash, gone once saved, thrown away or once the person they are about is gone."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text

from clubapp.models.drafts import Draft
from clubapp.models.members import Person
from clubapp.models.users import User
from clubapp.services import drafts
from clubapp.services.permissions import COMMAND_LINE
from tests.conftest import add_person


def test_each_person_sees_only_their_own_drafts(db, actors):
    """Two people typing the same form keep two drafts; neither sees the other's."""
    coordinator, volunteer = actors["coordinator"], actors["volunteer"]
    db.run(drafts.save_draft, coordinator, "note:new", "A note", {"text": "from Sam"})
    db.run(drafts.save_draft, volunteer, "note:new", "A note", {"text": "from Dev"})

    mine = db.run(drafts.my_drafts, coordinator)
    theirs = db.run(drafts.my_drafts, volunteer)
    assert [d.data["text"] for d in mine] == ["from Sam"]
    assert [d.data["text"] for d in theirs] == ["from Dev"]
    assert db.run(drafts.my_drafts, actors["treasurer"]) == []
    assert db.run(drafts.draft_for, actors["committee"], "note:new") is None


def test_the_command_line_keeps_its_own_drafts_apart(db, actors):
    """Drafts kept at the command line (no user) are not anyone's who signs in."""
    db.run(drafts.save_draft, COMMAND_LINE, "person:new", "A new person", {"full_name": "X"})
    assert db.run(drafts.my_drafts, actors["coordinator"]) == []
    assert [d.form_key for d in db.run(drafts.my_drafts, COMMAND_LINE)] == ["person:new"]


def test_keeping_a_form_again_replaces_its_draft(db, coordinator, person_factory):
    """One draft per person and form: the newest values, title and person win."""
    ann, bob = person_factory("Ann Smith"), person_factory("Bob Baker")
    db.run(drafts.save_draft, coordinator, "note:new", "A note about Ann Smith", {"t": 1}, ann)
    first = db.run(drafts.draft_for, coordinator, "note:new")
    db.run(drafts.save_draft, coordinator, "note:new", "A note about Bob Baker", {"t": 2}, bob)

    rows = db.run(drafts.my_drafts, coordinator)
    assert len(rows) == 1
    (row,) = rows
    assert (row.title, row.data, row.person_id) == ("A note about Bob Baker", {"t": 2}, bob)
    assert row.draft_id == first.draft_id
    assert row.saved_at >= first.saved_at


def test_drafts_come_newest_first(db, coordinator):
    """The offer lists what was typed last at the top."""
    for key in ("person:new", "note:new", "note:edit:3"):
        db.run(drafts.save_draft, coordinator, key, key, {})
    db.run(drafts.save_draft, coordinator, "person:new", "again", {})  # typed in again last
    keys = [d.form_key for d in db.run(drafts.my_drafts, coordinator)]
    assert keys == ["person:new", "note:edit:3", "note:new"]


def test_discarding_removes_only_that_persons_draft_of_that_form(db, actors):
    """Throwing away (or saving) one form leaves every other draft alone."""
    coordinator, volunteer = actors["coordinator"], actors["volunteer"]
    for actor in (coordinator, volunteer):
        db.run(drafts.save_draft, actor, "note:new", "A note", {})
        db.run(drafts.save_draft, actor, "person:new", "A new person", {})

    db.run(drafts.discard_draft, coordinator, "note:new")
    db.run(drafts.discard_draft, coordinator, "no:such:form")  # nothing there: no error

    assert [d.form_key for d in db.run(drafts.my_drafts, coordinator)] == ["person:new"]
    assert {d.form_key for d in db.run(drafts.my_drafts, volunteer)} == {"note:new", "person:new"}


def test_removing_a_person_removes_the_drafts_about_them(db, actors):
    """Erasure deletes a person's row; the drafts about them go with it (for every user)."""
    ann = add_person(db, actors["coordinator"], "Ann Canary-Smith")
    bob = add_person(db, actors["coordinator"], "Bob Baker")
    for actor in (actors["coordinator"], actors["volunteer"]):
        db.run(drafts.save_draft, actor, "note:new", "About Ann", {"text": "Ann said"}, ann)
        db.run(drafts.save_draft, actor, "person:edit:2", "About Bob", {"x": 1}, bob)

    with db.transaction() as session:
        session.execute(delete(Person).where(Person.id == ann))

    for actor in (actors["coordinator"], actors["volunteer"]):
        assert [d.person_id for d in db.run(drafts.my_drafts, actor)] == [bob]
    with db.transaction() as session:
        kept = session.scalars(select(Draft.data)).all()
    assert not any("Ann said" in data for data in kept)


def test_removing_a_user_removes_their_drafts(db, actors):
    """A user taken off the laptop leaves no half-typed notes behind."""
    db.run(drafts.save_draft, actors["volunteer"], "note:new", "A note", {"text": "x"})
    db.run(drafts.save_draft, actors["coordinator"], "note:new", "A note", {"text": "y"})
    with db.transaction() as session:
        session.execute(delete(User).where(User.id == actors["volunteer"].user_id))
        count = session.scalar(select(text("count(*)")).select_from(Draft))
    assert count == 1


def test_every_role_may_keep_drafts(db, actors):
    """Anyone who can type in a form may keep its draft."""
    for role, actor in actors.items():
        db.run(drafts.save_draft, actor, f"{role}:form", role, {"role": role})
        assert db.run(drafts.draft_for, actor, f"{role}:form").data == {"role": role}


def test_a_damaged_draft_comes_back_empty_rather_than_failing(db, coordinator):
    """Data that is not a JSON object (a damaged row) gives an empty dict, not an error."""
    db.run(drafts.save_draft, coordinator, "note:new", "A note", {"text": "x"})
    db.run(drafts.save_draft, coordinator, "person:new", "A person", {"full_name": "y"})
    with db.transaction() as session:
        session.execute(text("UPDATE drafts SET data = '{not json' WHERE form_key = 'note:new'"))
        session.execute(text("UPDATE drafts SET data = '[1, 2]' WHERE form_key = 'person:new'"))
    rows = {d.form_key: d.data for d in db.run(drafts.my_drafts, coordinator)}
    assert rows == {"note:new": {}, "person:new": {}}


def test_a_draft_beyond_any_form_is_not_kept(db, coordinator):
    """Megabytes of text are refused quietly: the older draft stays as it was."""
    db.run(drafts.save_draft, coordinator, "note:new", "A note", {"text": "short"})
    huge = {"text": "x" * (drafts.MAX_DRAFT_CHARS + 1)}
    db.run(drafts.save_draft, coordinator, "note:new", "A note", huge)
    assert db.run(drafts.draft_for, coordinator, "note:new").data == {"text": "short"}


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    typed=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
    title=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
)
def test_what_is_typed_comes_back_exactly(db, coordinator, typed, title):
    """Emoji, right-to-left text, NUL characters and new lines all round-trip unchanged."""
    data = {"text": typed, "lines": [typed, "🙂\nשלום"], "tick": True, "n": None}
    db.run(drafts.save_draft, coordinator, "note:new", title, data)
    row = db.run(drafts.draft_for, coordinator, "note:new")
    assert row.data == data
    assert row.title == title
    assert json.loads(json.dumps(row.data)) == data
