"""People (clubapp.services.members): saving, reading back, validation, links, consent, status, photos."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date, timedelta

import pytest

from clubapp.services import fields, members
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.members import (
    ConsentData,
    EmergencyContactData,
    LinkData,
    PersonInput,
)
from tests.conftest import TODAY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def save(db, actor, data: PersonInput, person_id: int | None = None) -> int:
    return db.run(members.save_person, actor, data, person_id)


def errors_of(db, actor, data: PersonInput, person_id: int | None = None) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        save(db, actor, data, person_id)
    return caught.value.errors


def count_people(db) -> int:
    with sqlite3.connect(db.path) as conn:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]


# ---------------------------------------------------------------------------------------------
# Round trip


def test_every_field_round_trips(db, coordinator, person_factory):
    """Everything the form saves comes back from get_person exactly, for the coordinator."""
    carer_of = person_factory("Ann Other")
    data = PersonInput(
        full_name="Margaret Hughes",
        known_as="Peggy",
        kinds=("member", "resident"),
        phone="07700 900123",
        email="peggy@example.org",
        address="Flat 3, 12 River Street, Leeds",
        joined_on=date(2024, 3, 4),
        status="paused",
        status_on=date(2025, 1, 2),
        mobility="Uses a walking frame",
        hearing="Hearing aid, left ear",
        sight="Reading glasses",
        diet="No nuts (allergy)",
        communication_tips="Speak slowly and face her",
        emergency_contacts=(
            EmergencyContactData("Tom Hughes", "Son", "07700 900456", "Works nights"),
            EmergencyContactData("Jo Hughes", "Daughter", "0113 496 0000", ""),
        ),
        links=(LinkData("family_of", carer_of),),
        consents=(
            ConsentData("keep_details", "self", date(2024, 3, 4)),
            ConsentData(
                "photos",
                "attorney",
                date(2024, 3, 5),
                given_by_name="Tom Hughes",
                review_on=date(2025, 3, 5),
                withdrawn_on=date(2024, 6, 1),
            ),
        ),
    )
    person_id = save(db, coordinator, data)
    got = db.run(members.get_person, coordinator, person_id)

    for f in dataclasses.fields(PersonInput):
        if f.name in ("links", "consents"):
            continue
        assert getattr(got, f.name) == getattr(data, f.name), f.name
    assert [(ln.kind, ln.other_id) for ln in got.links] == [("family_of", carer_of)]
    assert got.links[0].other_name == "Ann Other"
    assert [dataclasses.replace(c, consent_id=None) for c in got.consents] == list(data.consents)
    assert all(c.consent_id for c in got.consents)
    assert got.person_id == person_id
    assert got.can_edit
    assert got.visible == set(members.SECTION_CAPABILITY)
    assert not got.has_photo


def test_editing_replaces_the_record(db, coordinator, person_factory):
    """Saving with a person_id changes that person, not a new one, and drops removed parts."""
    person_id = person_factory(
        "Bill Brown",
        phone="07700 900111",
        emergency_contacts=(EmergencyContactData("Sue Brown", "Wife", "07700 900222"),),
    )
    before = count_people(db)
    save(db, coordinator, PersonInput(full_name="William Brown", kinds=("carer",)), person_id)
    got = db.run(members.get_person, coordinator, person_id)
    assert count_people(db) == before
    assert (got.full_name, got.kinds, got.phone, got.emergency_contacts) == (
        "William Brown",
        ("carer",),
        "",
        (),
    )


def test_kinds_come_back_in_display_order_without_repeats(db, coordinator):
    """Kinds ticked in any order, even twice, are kept once each and shown Member first."""
    data = PersonInput(full_name="Ann Lee", kinds=("volunteer", "carer", "member", "carer"))
    person_id = save(db, coordinator, data)
    expected = tuple(k for k in members.KIND_CODES if k in data.kinds)
    assert db.run(members.get_person, coordinator, person_id).kinds == expected
    assert db.run(members.list_people, coordinator)[0].kinds == expected


def test_names_have_their_spaces_tidied(db, coordinator):
    """Leading, trailing and doubled spaces in names are removed when saved."""
    person_id = save(db, coordinator, PersonInput(full_name="  Ann   Lee ", kinds=("member",)))
    assert db.run(members.get_person, coordinator, person_id).full_name == "Ann Lee"


# ---------------------------------------------------------------------------------------------
# Validation


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"full_name": ""}, "full_name", "full name"),
        ({"full_name": "   "}, "full_name", "full name"),
        ({"kinds": ()}, "kinds", "at least one kind"),
        ({"kinds": ("wizard",)}, "kinds", "wizard"),
        ({"email": "peggy.example.org"}, "email", "name@example.org"),
        ({"email": "peggy@localhost"}, "email", "name@example.org"),
        ({"phone": "call me maybe"}, "phone", "digits"),
        ({"phone": "123"}, "phone", "too short"),
        ({"status": "gone"}, "status", "Active, Paused, Left or Died"),
    ],
)
def test_bad_input_is_refused_naming_the_field(db, coordinator, changes, field, words):
    """Each kind of bad input is refused, with a message on the right field saying what to do."""
    before = count_people(db)
    data = dataclasses.replace(PersonInput(full_name="Ann Lee", kinds=("member",)), **changes)
    errors = errors_of(db, coordinator, data)
    assert field in errors
    assert words.casefold() in errors[field].casefold()
    assert count_people(db) == before


def test_several_problems_are_reported_together(db, coordinator):
    """A form with several mistakes gets one message per wrong field, all at once."""
    errors = errors_of(db, coordinator, PersonInput(full_name="", kinds=(), email="nope"))
    assert {"full_name", "kinds", "email"} <= set(errors)


def test_a_10000_character_address_is_refused_naming_the_limit(db, coordinator):
    """A 10,000-character address is refused with a message giving the length and the limit."""
    errors = errors_of(
        db, coordinator, PersonInput(full_name="Ann Lee", kinds=("member",), address="x" * 10_000)
    )
    assert f"{fields.TEXT_MAX:,}" in errors["address"]
    assert "10,000" in errors["address"]


def test_a_201_character_name_is_refused_but_200_is_kept(db, coordinator):
    """The name limit is exact: one character over is refused, the limit itself is saved."""
    errors = errors_of(
        db, coordinator, PersonInput(full_name="a" * (fields.NAME_MAX + 1), kinds=("member",))
    )
    assert str(fields.NAME_MAX) in errors["full_name"]
    person_id = save(
        db, coordinator, PersonInput(full_name="a" * fields.NAME_MAX, kinds=("member",))
    )
    assert db.run(members.get_person, coordinator, person_id).full_name == "a" * fields.NAME_MAX


@pytest.mark.parametrize("field", ["full_name", "known_as", "address", "communication_tips"])
def test_a_nul_character_is_refused(db, coordinator, field):
    """A hidden NUL character in a name or text field is refused rather than stored."""
    data = PersonInput(full_name="Ann Lee", kinds=("member",))
    data = dataclasses.replace(data, **{field: getattr(data, field) + "Ann\x00Lee"})
    errors = errors_of(db, coordinator, data)
    assert "hidden character" in errors[field]


def test_emergency_contact_needs_a_name_and_phone(db, coordinator):
    """An emergency contact without a name, or without a phone, is refused by its number."""
    data = PersonInput(
        full_name="Ann Lee",
        kinds=("member",),
        emergency_contacts=(
            EmergencyContactData("", phone="07700 900123"),
            EmergencyContactData("Bob Lee"),
        ),
    )
    errors = errors_of(db, coordinator, data)
    assert "name" in errors["emergency_1"]
    assert "phone" in errors["emergency_2"]


def test_sql_looking_text_is_stored_literally(db, coordinator, db_path):
    """A name that looks like SQL is just a name: stored as typed, and the table survives."""
    nasty = "Robert'); DROP TABLE people;--"
    person_id = save(
        db, coordinator, PersonInput(full_name=nasty, known_as=nasty, kinds=("member",))
    )
    got = db.run(members.get_person, coordinator, person_id)
    assert (got.full_name, got.known_as) == (nasty, nasty)
    with sqlite3.connect(db_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        stored = conn.execute("SELECT full_name FROM people WHERE id = ?", (person_id,)).fetchone()
    assert "people" in tables
    assert stored == (nasty,)
    assert [r.full_name for r in db.run(members.list_people, coordinator)] == [nasty]


@pytest.mark.parametrize(
    ("full_name", "known_as", "needle"),
    [
        ("Zoë O'Brien", "", "zoë o'b"),
        ("Zoë O'Brien", "", "O'BRIEN"),
        ("李小龍", "", "小龍"),
        ("李小龍", "Bruce", "bru"),
        ("Margaret Hughes", "Peggy", "PEG"),
        ("Margaret Hughes", "Peggy", "garet hu"),
    ],
)
def test_unicode_names_round_trip_and_are_found(db, coordinator, full_name, known_as, needle):
    """Names in any script come back unchanged and are found by any part, in any case."""
    other = save(db, coordinator, PersonInput(full_name="Someone Else", kinds=("carer",)))
    person_id = save(
        db, coordinator, PersonInput(full_name=full_name, known_as=known_as, kinds=("member",))
    )
    got = db.run(members.get_person, coordinator, person_id)
    assert (got.full_name, got.known_as) == (full_name, known_as)
    rows = db.run(members.list_people, coordinator)
    found = [r.person_id for r in rows if members.matches_search(r, needle)]
    assert found == [person_id]
    assert other not in found


def test_blank_search_matches_everyone(db, coordinator, person_factory):
    """An empty or all-space search shows the whole list."""
    person_factory("Ann Lee")
    person_factory("Bob Lee")
    rows = db.run(members.list_people, coordinator)
    assert all(members.matches_search(r, "   ") for r in rows)
    assert not any(members.matches_search(r, "zzz") for r in rows)


def test_list_is_sorted_by_the_name_people_use_and_filtered_by_kind(
    db, coordinator, person_factory
):
    """The list sorts by known-as (else full name) ignoring case, and filters by kind."""
    a = person_factory("Zed Adams", known_as="alf")
    b = person_factory("Bea Carter", kinds=("carer",))
    c = person_factory("Cy Dunn", kinds=("carer", "volunteer"))
    rows = db.run(members.list_people, coordinator)
    assert [r.person_id for r in rows] == [a, b, c]
    carers = db.run(members.list_people, coordinator, kind="carer")
    assert [r.person_id for r in carers] == [b, c]
    assert carers[1].kinds == ("carer", "volunteer")


# ---------------------------------------------------------------------------------------------
# Links


def test_carer_link_shows_on_both_people(db, coordinator, person_factory):
    """ "Carer of" is kept on the carer and shown on the other person as linked_from."""
    member = person_factory("Ann Lee")
    carer = person_factory("Bob Lee", kinds=("carer",), links=(LinkData("carer_of", member),))
    carer_view = db.run(members.get_person, coordinator, carer)
    member_view = db.run(members.get_person, coordinator, member)
    assert [(ln.kind, ln.other_id, ln.other_name) for ln in carer_view.links] == [
        ("carer_of", member, "Ann Lee")
    ]
    assert member_view.links == ()
    assert [(ln.kind, ln.other_id, ln.other_name) for ln in member_view.linked_from] == [
        ("carer_of", carer, "Bob Lee")
    ]
    assert members.LINK_INVERSE_WORDS["carer_of"] == "Cared for by"


def test_a_person_cannot_be_linked_to_themselves(db, coordinator, person_factory):
    """Editing a person to link them to themselves is refused and the old links stay."""
    person_id = person_factory("Ann Lee")
    data = PersonInput(
        full_name="Ann Lee", kinds=("member",), links=(LinkData("carer_of", person_id),)
    )
    errors = errors_of(db, coordinator, data, person_id)
    assert "themselves" in errors["link_1"]
    assert db.run(members.get_person, coordinator, person_id).links == ()


def test_links_to_missing_people_or_twice_are_refused(db, coordinator, person_factory):
    """A link to someone not in the records, or the same link twice, is refused."""
    other = person_factory("Ann Lee")
    data = PersonInput(
        full_name="Bob Lee",
        kinds=("carer",),
        links=(
            LinkData("carer_of", other),
            LinkData("carer_of", other),
            LinkData("carer_of", 9999),
        ),
    )
    errors = errors_of(db, coordinator, data)
    assert "twice" in errors["link_2"]
    assert "no longer" in errors["link_3"]


# ---------------------------------------------------------------------------------------------
# Consent


@pytest.mark.parametrize(
    ("consent", "words"),
    [
        (ConsentData("photos", "attorney", TODAY), "name of the attorney"),
        (
            ConsentData("photos", "carer", TODAY, given_by_name="  "),
            "name of the attorney or carer",
        ),
        (
            ConsentData("photos", "self", TODAY, review_on=TODAY - timedelta(days=1)),
            "review date is before",
        ),
        (
            ConsentData("photos", "self", TODAY, withdrawn_on=TODAY - timedelta(days=1)),
            "withdrawn date is before",
        ),
        (ConsentData("selling_data", "self", TODAY), "what the consent is for"),
        (ConsentData("photos", "neighbour", TODAY), "who gave"),
    ],
)
def test_bad_consent_is_refused(db, coordinator, consent, words):
    """Consent records must say who gave them (with a name for others) and have dates in order."""
    errors = errors_of(
        db, coordinator, PersonInput(full_name="Ann Lee", kinds=("member",), consents=(consent,))
    )
    assert words in errors["consent_1"]


def test_consent_given_by_an_attorney_with_a_name_is_kept(db, coordinator):
    """An attorney's consent with their name, and a review date after it, is saved."""
    consent = ConsentData(
        "health_notes", "attorney", TODAY, "Tom Lee", review_on=TODAY + timedelta(days=365)
    )
    person_id = save(
        db, coordinator, PersonInput(full_name="Ann Lee", kinds=("member",), consents=(consent,))
    )
    (got,) = db.run(members.get_person, coordinator, person_id).consents
    assert dataclasses.replace(got, consent_id=None) == consent


def test_editing_a_consent_keeps_its_record(db, coordinator):
    """Withdrawing a consent on the form updates the same record rather than adding another."""
    consent = ConsentData("photos", "self", TODAY)
    person_id = save(
        db, coordinator, PersonInput(full_name="Ann Lee", kinds=("member",), consents=(consent,))
    )
    (first,) = db.run(members.get_person, coordinator, person_id).consents
    withdrawn = dataclasses.replace(first, withdrawn_on=TODAY + timedelta(days=3))
    save(
        db,
        coordinator,
        PersonInput(full_name="Ann Lee", kinds=("member",), consents=(withdrawn,)),
        person_id,
    )
    (second,) = db.run(members.get_person, coordinator, person_id).consents
    assert second.consent_id == first.consent_id
    assert second.withdrawn_on == TODAY + timedelta(days=3)


# ---------------------------------------------------------------------------------------------
# Status: never deleted, hidden from other roles


@pytest.mark.parametrize("status", ["left", "died"])
def test_former_members_are_kept_but_shown_only_to_the_coordinator(db, actors, status):
    """A person who left or died stays in the records; only the coordinator sees them."""
    coordinator = actors["coordinator"]
    stays = save(db, coordinator, PersonInput(full_name="Ann Lee", kinds=("member",)))
    person_id = save(db, coordinator, PersonInput(full_name="Bob Lee", kinds=("member",)))
    save(
        db,
        coordinator,
        PersonInput(full_name="Bob Lee", kinds=("member",), status=status, status_on=TODAY),
        person_id,
    )
    assert count_people(db) == 2

    listed = db.run(members.list_people, coordinator)
    assert {r.person_id: r.status for r in listed} == {stays: "active", person_id: status}
    assert [r.person_id for r in db.run(members.list_people, coordinator, status=status)] == [
        person_id
    ]
    got = db.run(members.get_person, coordinator, person_id)
    assert (got.status, got.status_on) == (status, TODAY)

    for role in ("treasurer", "committee", "volunteer"):
        rows = db.run(members.list_people, actors[role])
        assert [r.person_id for r in rows] == [stays], role
        assert rows[0].status == ""
        with pytest.raises(NotFound):
            db.run(members.get_person, actors[role], person_id)


def test_status_date_is_dropped_when_active(db, coordinator):
    """An active person has no status date, even if the form sent one."""
    person_id = save(
        db, coordinator, PersonInput(full_name="Ann Lee", kinds=("member",), status_on=TODAY)
    )
    assert db.run(members.get_person, coordinator, person_id).status_on is None


def test_status_date_before_joining_is_refused(db, coordinator):
    """A leaving date before the joining date is refused."""
    data = PersonInput(
        full_name="Ann Lee",
        kinds=("member",),
        joined_on=TODAY,
        status="left",
        status_on=TODAY - timedelta(days=1),
    )
    assert "before the date they joined" in errors_of(db, coordinator, data)["status_on"]


def test_missing_person_is_not_found(db, coordinator):
    """Asking for a person who is not there says so instead of crashing."""
    with pytest.raises(NotFound):
        db.run(members.get_person, coordinator, 12345)


# ---------------------------------------------------------------------------------------------
# Photos


def test_photo_refused_without_consent(db, coordinator, person_factory):
    """A photo cannot be stored for someone with no photo consent."""
    person_id = person_factory("Ann Lee", consents=(ConsentData("keep_details", "self", TODAY),))
    with pytest.raises(ValidationError) as caught:
        db.run(members.set_photo, coordinator, person_id, PNG, TODAY)
    assert "consent" in caught.value.errors["photo"]
    assert db.run(members.photos, coordinator) == {}


def test_photo_accepted_with_consent_and_refused_after_withdrawal(db, coordinator, person_factory):
    """With photo consent in force a photo is kept; once it is withdrawn, a new one is refused
    and the stored one is no longer shown."""
    consent = ConsentData("photos", "self", TODAY - timedelta(days=10))
    person_id = person_factory("Ann Lee", consents=(consent,))
    db.run(members.set_photo, coordinator, person_id, PNG, TODAY)
    assert db.run(members.photos, coordinator) == {person_id: PNG}
    assert db.run(members.get_person, coordinator, person_id).has_photo

    (record,) = db.run(members.get_person, coordinator, person_id).consents
    save(
        db,
        coordinator,
        PersonInput(
            full_name="Ann Lee",
            kinds=("member",),
            consents=(dataclasses.replace(record, withdrawn_on=TODAY),),
        ),
        person_id,
    )
    other = PNG + b"new"
    with pytest.raises(ValidationError):
        db.run(members.set_photo, coordinator, person_id, other, TODAY)
    assert db.run(members.photos, coordinator, None, TODAY) == {}
    assert not db.run(members.get_person, coordinator, person_id).has_photo
    with sqlite3.connect(db.path) as conn:  # deleted, not only hidden
        assert conn.execute("SELECT count(*) FROM person_photos").fetchone()[0] == 0


def test_photo_must_be_an_image(db, coordinator, person_factory):
    """A file that is not a PNG or JPEG is refused even with consent."""
    person_id = person_factory("Ann Lee", consents=(ConsentData("photos", "self", TODAY),))
    with pytest.raises(ValidationError) as caught:
        db.run(members.set_photo, coordinator, person_id, b"GIF89a....", TODAY)
    assert "JPEG or PNG" in caught.value.errors["photo"]


def test_photo_can_be_removed(db, coordinator, person_factory):
    """Passing no image removes the stored photo."""
    person_id = person_factory("Ann Lee", consents=(ConsentData("photos", "self", TODAY),))
    db.run(members.set_photo, coordinator, person_id, PNG, TODAY)
    db.run(members.set_photo, coordinator, person_id, None, TODAY)
    assert db.run(members.photos, coordinator) == {}
