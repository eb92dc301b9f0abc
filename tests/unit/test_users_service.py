"""Accounts and sign-in (clubapp.services.users): first run, passwords, the wait, names, text size."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from clubapp.services import club, users
from clubapp.services.errors import NotFound, ValidationError
from tests.conftest import COORDINATOR_PASSWORD

NOW = datetime(2026, 11, 18, 10, 0, 0)


def stored_hashes(db) -> list[str]:
    with sqlite3.connect(db.path) as conn:
        return [r[0] for r in conn.execute("SELECT password_hash FROM users")]


def sign_in(db, user_id: int, password: str, now: datetime = NOW) -> users.SignInResult:
    return db.run(users.sign_in, user_id, password, now)


def test_set_up_club_creates_the_club_and_a_coordinator(db):
    """First run names the club and makes a coordinator who can then sign in."""
    assert not db.run(users.has_users)
    actor = db.run(users.set_up_club, "Riverside Club", "  Sam   Taylor ", "long enough")
    assert (actor.name, actor.role) == ("Sam Taylor", "coordinator")
    assert db.run(club.club_name) == "Riverside Club"
    assert db.run(users.has_users)
    tiles = db.run(users.sign_in_tiles)
    assert [(t.user_id, t.name, t.role) for t in tiles] == [
        (actor.user_id, "Sam Taylor", "coordinator")
    ]
    assert sign_in(db, actor.user_id, "long enough").actor == actor


def test_set_up_club_reports_every_problem_and_saves_nothing(db):
    """A blank club name, blank coordinator name and short password are all reported; nothing is kept."""
    with pytest.raises(ValidationError) as caught:
        db.run(users.set_up_club, " ", "", "short")
    assert {"club_name", "name", "password"} <= set(caught.value.errors)
    assert db.run(club.club_name) is None
    assert not db.run(users.has_users)


def test_set_up_club_only_once(db, coordinator):
    """A database that already has a club cannot be set up again."""
    with pytest.raises(ValidationError) as caught:
        db.run(users.set_up_club, "Other Club", "Someone Else", "long enough")
    assert "club_name" in caught.value.errors
    assert db.run(club.club_name) == "Riverside Club"


@pytest.mark.parametrize("length", [0, 1, 7])
def test_short_passwords_are_refused_naming_eight(db, coordinator, length):
    """A password under 8 characters is refused with a message that says 8 and how long it was."""
    with pytest.raises(ValidationError) as caught:
        db.run(users.add_user, coordinator, "Ann Lee", "volunteer", "x" * length)
    message = caught.value.errors["password"]
    assert str(users.PASSWORD_MIN) in message and users.PASSWORD_MIN == 8
    assert f"has {length}" in message


@pytest.mark.parametrize(
    "password",
    [
        "abcdefgh",  # exactly 8, all lower case, no digits: no complexity rules
        "11111111",
        "correct horse battery staple",  # a pasted phrase with spaces
        "  leading and trailing spaces  ",
        "Zoë's wee café ☕ 李小龍",
        "x" * 500,
    ],
)
def test_acceptable_passwords_work(db, coordinator, password):
    """Any password of 8 or more characters is accepted as typed and then signs in."""
    user_id = db.run(users.add_user, coordinator, "Ann Lee", "volunteer", password)
    assert sign_in(db, user_id, password).actor is not None
    assert sign_in(db, user_id, password.strip() + "!").actor is None


def test_sign_in_right_and_wrong(db, actors):
    """The right password signs in as that person with their role; a wrong one does not."""
    volunteer = actors["volunteer"]
    good = sign_in(db, volunteer.user_id, "volunteer password")
    assert good.actor == volunteer and good.message == ""
    bad = sign_in(db, volunteer.user_id, "Volunteer password")
    assert bad.actor is None
    assert "not right" in bad.message and "9 tries left" in bad.message


def test_sign_in_for_an_unknown_user_is_refused(db, coordinator):
    """A user id that does not exist gives a message, not a crash."""
    result = sign_in(db, 9999, COORDINATOR_PASSWORD)
    assert result.actor is None and result.message


def test_ten_wrong_tries_make_a_five_minute_wait(db, coordinator):
    """After 10 wrong passwords even the right one is refused for 5 minutes, said in words."""
    uid = coordinator.user_id
    for i in range(users.MAX_WRONG_TRIES - 1):
        result = sign_in(db, uid, f"wrong password {i}", NOW + timedelta(seconds=i))
        assert result.actor is None and "5 minutes" not in result.message
    tenth = sign_in(db, uid, "wrong again!", NOW + timedelta(seconds=10))
    assert tenth.actor is None
    assert "5 minutes" in tenth.message

    during = sign_in(db, uid, COORDINATOR_PASSWORD, NOW + timedelta(seconds=11))
    assert during.actor is None
    assert "5 minutes" in during.message

    # The wait ends at NOW + 10 s + 5 min; 40 seconds before that it says "1 minute".
    nearly = sign_in(db, uid, COORDINATOR_PASSWORD, NOW + timedelta(minutes=4, seconds=30))
    assert nearly.actor is None
    assert "1 minute" in nearly.message

    after = sign_in(db, uid, COORDINATOR_PASSWORD, NOW + timedelta(seconds=10, minutes=5))
    assert after.actor == coordinator


def test_nine_wrong_tries_then_right_resets_the_count(db, coordinator):
    """A right password before the tenth wrong one starts the count again."""
    uid = coordinator.user_id
    for _ in range(users.MAX_WRONG_TRIES - 1):
        sign_in(db, uid, "wrong password")
    assert sign_in(db, uid, COORDINATOR_PASSWORD).actor == coordinator
    for _ in range(users.MAX_WRONG_TRIES - 1):
        sign_in(db, uid, "wrong password")
    assert sign_in(db, uid, COORDINATOR_PASSWORD).actor == coordinator


def test_hashes_are_argon2id_and_never_the_password(db, actors):
    """Every stored password is an argon2id hash and no password appears in the database."""
    hashes = stored_hashes(db)
    assert len(hashes) == 4
    assert all(h.startswith("$argon2id$") for h in hashes)
    raw = db.path.read_bytes()
    for password in (COORDINATOR_PASSWORD, "treasurer password", "volunteer password"):
        assert password not in hashes
        assert password.encode() not in raw


def test_the_real_hasher_is_argon2id():
    """The production hasher (not the fast test one) uses argon2id."""
    from argon2 import PasswordHasher, Type

    hasher = PasswordHasher()
    assert hasher.type is Type.ID


def test_the_same_password_gets_different_hashes(db, coordinator):
    """Two users with the same password get different (salted) hashes."""
    db.run(users.add_user, coordinator, "Ann Lee", "volunteer", COORDINATOR_PASSWORD)
    assert len(set(stored_hashes(db))) == 2


@pytest.mark.parametrize("name", ["sam taylor", "SAM TAYLOR", "  Sam  Taylor "])
def test_duplicate_display_names_are_refused_ignoring_case(db, coordinator, name):
    """A second user with the same name in another case or spacing is refused."""
    with pytest.raises(ValidationError) as caught:
        db.run(users.add_user, coordinator, name, "volunteer", "long enough")
    assert "already" in caught.value.errors["name"]
    assert len(stored_hashes(db)) == 1


def test_unknown_role_is_refused(db, coordinator):
    """A role outside the four is refused with the list of roles."""
    with pytest.raises(ValidationError) as caught:
        db.run(users.add_user, coordinator, "Ann Lee", "admin", "long enough")
    assert "Coordinator" in caught.value.errors["role"]


def test_reset_password_clears_the_wait(db, coordinator, actors):
    """Resetting a password lets the person straight in with the new one, even during a wait."""
    vol = actors["volunteer"]
    for _ in range(users.MAX_WRONG_TRIES):
        sign_in(db, vol.user_id, "wrong password")
    assert sign_in(db, vol.user_id, "volunteer password").actor is None
    db.run(users.reset_password, coordinator, "dev patel", "a brand new one")
    assert sign_in(db, vol.user_id, "a brand new one").actor == vol
    assert sign_in(db, vol.user_id, "volunteer password").actor is None


def test_reset_password_checks_the_rules_and_the_name(db, coordinator):
    """A short new password or an unknown name is refused."""
    with pytest.raises(ValidationError):
        db.run(users.reset_password, coordinator, "Sam Taylor", "short")
    with pytest.raises(NotFound):
        db.run(users.reset_password, coordinator, "Nobody Here", "long enough")
    assert sign_in(db, coordinator.user_id, COORDINATOR_PASSWORD).actor == coordinator


@pytest.mark.parametrize("percent", [100, 150, 200])
def test_text_scale_is_saved_per_user(db, actors, percent):
    """Each user's text size comes back when they sign in; other users keep theirs."""
    db.run(users.set_text_scale, actors["volunteer"], percent)
    assert sign_in(db, actors["volunteer"].user_id, "volunteer password").text_scale == percent
    assert sign_in(db, actors["treasurer"].user_id, "treasurer password").text_scale == 100
    assert db.run(club.get_int, "last_text_scale") == percent


@pytest.mark.parametrize("percent", [99, 201, 0, -150])
def test_text_scale_outside_100_to_200_is_refused(db, actors, percent):
    """Text sizes below 100 % or above 200 % are refused and the saved size stays."""
    db.run(users.set_text_scale, actors["volunteer"], 150)
    with pytest.raises(ValidationError):
        db.run(users.set_text_scale, actors["volunteer"], percent)
    assert sign_in(db, actors["volunteer"].user_id, "volunteer password").text_scale == 150


def test_check_password_for_unlocking(db, coordinator):
    """Unlocking asks the same person for their password again."""
    assert db.run(users.check_password, coordinator, COORDINATOR_PASSWORD)
    assert not db.run(users.check_password, coordinator, "wrong password")


def test_the_wait_also_works_with_the_real_clock(db, coordinator):
    """Without a `now`, ten wrong tries still lock the account (stored and current times compare)."""
    for _ in range(users.MAX_WRONG_TRIES):
        db.run(users.sign_in, coordinator.user_id, "wrong password")
    result = db.run(users.sign_in, coordinator.user_id, COORDINATOR_PASSWORD)
    assert result.actor is None and "5 minutes" in result.message
