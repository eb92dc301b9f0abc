"""The issue's role table, row by row, enforced by the real service functions (not only `can`)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from clubapp.services import attendance, members, members_transfer, printouts, users
from clubapp.services.errors import NotAllowed
from clubapp.services.members import ConsentData, EmergencyContactData, PersonInput
from tests.conftest import TODAY

ROLES = ("coordinator", "treasurer", "committee", "volunteer")

# The table, written once. True means the role may do or see it.
#   edit:      names, kinds, photos ... "see, edit"
#   attend:    take attendance
#   needs:     access needs, communication tips
#   contacts:  phone, email, address
#   emergency: emergency contacts
#   consent:   consent records and people's status
#   accounts:  user accounts, members import/export, planning sessions
COLUMNS = ("edit", "attend", "needs", "contacts", "emergency", "consent", "accounts")
Y, N = True, False
# fmt: off
_TABLE = {
    #               edit attend needs contacts emergency consent accounts
    "coordinator": (Y,   Y,     Y,    Y,       Y,        Y,      Y),
    "treasurer":   (N,   N,     N,    N,       N,        N,      N),
    "committee":   (N,   N,     Y,    N,       N,        N,      N),
    "volunteer":   (N,   Y,     Y,    N,       Y,        N,      N),
}
# fmt: on
ROLE_TABLE: dict[str, dict[str, bool]] = {
    role: dict(zip(COLUMNS, row, strict=True)) for role, row in _TABLE.items()
}

FULL = PersonInput(
    full_name="Margaret Hughes",
    known_as="Peggy",
    kinds=("member",),
    phone="07700 900123",
    email="peggy@example.org",
    address="12 River Street",
    mobility="Walking frame",
    hearing="Hearing aid",
    sight="Glasses",
    diet="No nuts",
    communication_tips="Speak slowly",
    emergency_contacts=(EmergencyContactData("Tom Hughes", "Son", "07700 900456"),),
    consents=(ConsentData("keep_details", "self", TODAY - timedelta(days=30)),),
)

CSV = b"Full name,Phone\r\nNew Person,07700 900999\r\n"


def count(db, table: str) -> int:
    with sqlite3.connect(db.path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def peggy(db, actors) -> int:
    return db.run(members.save_person, actors["coordinator"], FULL)


@pytest.fixture
def club_session(db, actors) -> int:
    return db.run(attendance.add_session, actors["coordinator"], "Wednesday Club", TODAY)


def test_the_table_covers_every_role_the_app_has():
    """The table in this test names exactly the roles a user account can have."""
    from clubapp.models.users import ROLES as APP_ROLES

    assert tuple(ROLE_TABLE) == ROLES == APP_ROLES


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_names_and_kinds(db, actors, peggy, role):
    """Every role can list people and read their names and kinds."""
    rows = db.run(members.list_people, actors[role])
    assert [(r.full_name, r.known_as, r.kinds) for r in rows] == [
        ("Margaret Hughes", "Peggy", ("member",))
    ]
    got = db.run(members.get_person, actors[role], peggy)
    assert (got.full_name, got.known_as, got.kinds) == ("Margaret Hughes", "Peggy", ("member",))


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_edits_people(db, actors, peggy, role):
    """save_person and set_photo work for the coordinator; other roles get NotAllowed and nothing changes."""
    allowed = ROLE_TABLE[role]["edit"]
    before = count(db, "people")
    changed = PersonInput(full_name="Changed Name", kinds=("carer",))
    if allowed:
        db.run(members.save_person, actors[role], changed, peggy)
        db.run(
            members.save_person, actors[role], PersonInput(full_name="New One", kinds=("member",))
        )
        assert count(db, "people") == before + 1
    else:
        with pytest.raises(NotAllowed):
            db.run(members.save_person, actors[role], changed, peggy)
        with pytest.raises(NotAllowed):
            db.run(
                members.save_person,
                actors[role],
                PersonInput(full_name="New One", kinds=("member",)),
            )
        with pytest.raises(NotAllowed):
            db.run(members.set_photo, actors[role], peggy, None, TODAY)
        assert count(db, "people") == before
        still = db.run(members.get_person, actors["coordinator"], peggy)
        assert still.full_name == FULL.full_name
    assert db.run(members.get_person, actors[role], peggy).can_edit is allowed


@pytest.mark.parametrize("role", ROLES)
def test_get_person_shows_each_role_only_its_sections(db, actors, peggy, role):
    """get_person blanks needs, contacts, emergency contacts, consent and status as the table says."""
    row = ROLE_TABLE[role]
    got = db.run(members.get_person, actors[role], peggy)

    needs = (got.mobility, got.hearing, got.sight, got.diet, got.communication_tips)
    expected_needs = (FULL.mobility, FULL.hearing, FULL.sight, FULL.diet, FULL.communication_tips)
    assert needs == (expected_needs if row["needs"] else ("",) * 5)

    contacts = (got.phone, got.email, got.address)
    assert contacts == ((FULL.phone, FULL.email, FULL.address) if row["contacts"] else ("", "", ""))

    assert [(c.name, c.phone) for c in got.emergency_contacts] == (
        [("Tom Hughes", "07700 900456")] if row["emergency"] else []
    )
    assert [c.what for c in got.consents] == (["keep_details"] if row["consent"] else [])
    assert got.status == ("active" if row["consent"] else "")

    expected_sections = {
        "needs": row["needs"],
        "contacts": row["contacts"],
        "emergency": row["emergency"],
        "consent": row["consent"],
        "status": row["consent"],
    }
    assert got.visible == {s for s, shown in expected_sections.items() if shown}


@pytest.mark.parametrize("role", ROLES)
def test_only_coordinator_and_volunteer_take_attendance(db, actors, peggy, club_session, role):
    """set_present works for the coordinator and volunteers; others get NotAllowed and nothing is marked."""
    if ROLE_TABLE[role]["attend"]:
        db.run(attendance.set_present, actors[role], club_session, peggy, True)
        assert count(db, "attendance") == 1
        db.run(attendance.set_present, actors[role], club_session, peggy, False)
        assert count(db, "attendance") == 0
    else:
        with pytest.raises(NotAllowed):
            db.run(attendance.set_present, actors[role], club_session, peggy, True)
        assert count(db, "attendance") == 0
    # Everyone may see the register and counts.
    assert [e.person_id for e in db.run(attendance.register, actors[role], club_session)] == [peggy]
    db.run(attendance.monthly_counts, actors[role], TODAY.replace(day=1), TODAY)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_manages_users(db, actors, role):
    """add_user, reset_password and list_users are for the coordinator alone."""
    before = count(db, "users")
    if ROLE_TABLE[role]["accounts"]:
        db.run(users.add_user, actors[role], "New User", "volunteer", "a long password")
        db.run(users.reset_password, actors[role], "Dev Patel", "another password")
        assert count(db, "users") == before + 1
        assert len(db.run(users.list_users, actors[role])) == before + 1
    else:
        with pytest.raises(NotAllowed):
            db.run(users.add_user, actors[role], "New User", "coordinator", "a long password")
        with pytest.raises(NotAllowed):
            db.run(users.reset_password, actors[role], "Sam Taylor", "another password")
        with pytest.raises(NotAllowed):
            db.run(users.list_users, actors[role])
        assert count(db, "users") == before
        # The coordinator's own password was not changed.
        result = db.run(users.sign_in, actors["coordinator"].user_id, "another password")
        assert result.actor is None


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_imports_and_exports_members(db, actors, peggy, role):
    """Import (preview and apply) and export of members are for the coordinator alone."""
    before = count(db, "people")
    if ROLE_TABLE[role]["accounts"]:
        assert db.run(members_transfer.plan_import, actors[role], CSV).ok
        db.run(members_transfer.apply_import, actors[role], CSV)
        assert count(db, "people") == before + 1
        assert b"Margaret Hughes" in db.run(members_transfer.export_members, actors[role])
    else:
        for fn in (members_transfer.plan_import, members_transfer.apply_import):
            with pytest.raises(NotAllowed):
                db.run(fn, actors[role], CSV)
        with pytest.raises(NotAllowed):
            db.run(members_transfer.export_members, actors[role])
        assert count(db, "people") == before


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_plans_sessions(db, actors, club_session, role):
    """add_series, add_session and cancel_session are for the coordinator alone."""
    start = date(2026, 11, 16)
    before = count(db, "club_sessions")
    if ROLE_TABLE[role]["accounts"]:
        db.run(attendance.add_series, actors[role], "Club", {2}, start, start + timedelta(days=6))
        db.run(attendance.add_session, actors[role], "Crafternoon", start)
        db.run(attendance.cancel_session, actors[role], club_session)
        assert count(db, "club_sessions") == before + 1
    else:
        with pytest.raises(NotAllowed):
            db.run(
                attendance.add_series, actors[role], "Club", {2}, start, start + timedelta(days=6)
            )
        with pytest.raises(NotAllowed):
            db.run(attendance.add_session, actors[role], "Crafternoon", start)
        with pytest.raises(NotAllowed):
            db.run(attendance.cancel_session, actors[role], club_session)
        assert count(db, "club_sessions") == before
        assert count(db, "session_series") == 0


@pytest.mark.parametrize("role", ["treasurer", "committee", "volunteer"])
def test_emergency_printout_is_for_the_coordinator_only(db, actors, peggy, role):
    """The printed emergency contacts list is the coordinator's (issue: "coordinator only")."""
    with pytest.raises(NotAllowed):
        db.run(printouts.emergency_contacts, actors[role], TODAY)
    assert db.run(printouts.emergency_contacts, actors["coordinator"], TODAY).startswith(b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_member_list_printout_shows_phones_only_to_the_coordinator(db, actors, peggy, role):
    """The member list PDF carries phone numbers only when the reader may see contact details."""
    from io import BytesIO

    from pypdf import PdfReader

    pdf = db.run(printouts.member_list, actors[role], TODAY)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Margaret Hughes" in text
    assert ("900123" in text) is ROLE_TABLE[role]["contacts"]
