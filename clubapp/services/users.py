"""Who may sign in: accounts, passwords (argon2id) and the wait after too many wrong tries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clubapp.models.base import utcnow
from clubapp.models.users import ROLES, User
from clubapp.services import club, fields
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.permissions import ANY_ROLE, ROLE_WORDS, Actor, allowed, before_sign_in

PASSWORD_MIN = 8
PASSWORD_MAX = 1000
MAX_WRONG_TRIES = 10
WAIT_AFTER_TOO_MANY = timedelta(minutes=5)

if TYPE_CHECKING:
    from argon2 import PasswordHasher

# argon2id with the library's recommended parameters (RFC 9106 low-memory profile),
# made on first use: nobody needs it before they type a password.
_hasher: PasswordHasher | None = None


def hasher() -> PasswordHasher:
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher

        _hasher = PasswordHasher()
    return _hasher


@dataclass(frozen=True)
class UserTile:
    user_id: int
    name: str
    role: str
    role_word: str


@dataclass(frozen=True)
class SignInResult:
    actor: Actor | None
    message: str  # empty when signed in; otherwise what to do, in plain words
    text_scale: int = 100


def check_password_rules(password: str, field: str = "password") -> None:
    if len(password) < PASSWORD_MIN:
        raise ValidationError(
            field,
            f"The password needs at least {PASSWORD_MIN} characters; this one has "
            f"{len(password)}. A few words strung together work well.",
        )
    if len(password) > PASSWORD_MAX:
        raise ValidationError(field, f"Keep the password under {PASSWORD_MAX} characters.")


def _check_name(session: Session, name: str, exclude_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("name", "Type the name people will tap to sign in.")
    if len(name) > 200:
        raise ValidationError("name", "Keep the name under 200 characters.")
    if fields.has_hidden(name):
        raise ValidationError("name", "The name has a hidden character in it. Retype it.")
    # In every alphabet: SQLite's lower() folds only A to Z ("Élodie", "élodie").
    if fields.name_taken(session.execute(select(User.id, User.display_name)), name, exclude_id):
        raise ValidationError(
            "name", f"Someone called {name} can already sign in. Add a surname or initial."
        )
    return name


def _check_role(role: str) -> None:
    if role not in ROLES:
        words = ", ".join(ROLE_WORDS[r] for r in ROLES)
        raise ValidationError("role", f"Choose one of these roles: {words}.")


@before_sign_in
def has_users(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(User)) or 0) > 0


@before_sign_in
def set_up_club(session: Session, club_name: str, coordinator_name: str, password: str) -> Actor:
    """First run: name the club and create the first coordinator, in one go."""
    errors = collect_errors(
        lambda: club.create_club(session, club_name),
        lambda: _check_name(session, coordinator_name),
        lambda: check_password_rules(password),
    )
    if errors:
        raise ValidationError(errors)
    user = User(
        display_name=_check_name(session, coordinator_name),
        role="coordinator",
        password_hash=hasher().hash(password),
    )
    session.add(user)
    session.flush()
    # Every new club starts with things to talk about in picture conversations.
    from clubapp.services.conversation_topics import add_starter_topics

    add_starter_topics(session)
    return Actor(user.id, user.display_name, user.role)


@allowed("users.manage")
def add_user(session: Session, actor: Actor, name: str, role: str, password: str) -> int:
    errors = collect_errors(
        lambda: _check_name(session, name),
        lambda: _check_role(role),
        lambda: check_password_rules(password),
    )
    if errors:
        raise ValidationError(errors)
    user = User(
        display_name=_check_name(session, name), role=role, password_hash=hasher().hash(password)
    )
    session.add(user)
    session.flush()
    return user.id


def _find(session: Session, name_or_id: str | int) -> User:
    if isinstance(name_or_id, int):
        user = session.get(User, name_or_id)
    else:
        user = session.scalar(
            select(User).where(
                func.lower(User.display_name) == " ".join(name_or_id.split()).lower()
            )
        )
    if user is None:
        raise NotFound(f"Nobody called {name_or_id} can sign in.")
    return user


@allowed("users.manage")
def reset_password(session: Session, actor: Actor, name_or_id: str | int, password: str) -> None:
    """A coordinator (or the laptop's owner at the command line) sets a new password."""
    check_password_rules(password)
    user = _find(session, name_or_id)
    user.password_hash = hasher().hash(password)
    user.failed_attempts = 0
    user.locked_until = None


@before_sign_in
def sign_in_tiles(session: Session) -> list[UserTile]:
    users = session.scalars(select(User).where(User.active).order_by(User.display_name))
    return [UserTile(u.id, u.display_name, u.role, ROLE_WORDS[u.role]) for u in users]


def _wait_words(remaining: timedelta) -> str:
    minutes = max(1, -(-int(remaining.total_seconds()) // 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


@before_sign_in
def sign_in(
    session: Session, user_id: int, password: str, now: datetime | None = None
) -> SignInResult:
    """Check a password. Wrong tries are counted (the caller commits them too)."""
    now = now or utcnow()
    user = session.get(User, user_id)
    if user is None or not user.active:
        return SignInResult(None, "That person can no longer sign in. Ask the coordinator.")
    if user.locked_until is not None and user.locked_until > now:
        wait = _wait_words(user.locked_until - now)
        return SignInResult(
            None, f"There were too many wrong passwords. Please wait {wait}, then try again."
        )
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_WRONG_TRIES:
            user.failed_attempts = 0
            user.locked_until = now + WAIT_AFTER_TOO_MANY
            return SignInResult(
                None,
                "That password is not right, and there have been too many wrong tries. "
                f"Please wait {_wait_words(WAIT_AFTER_TOO_MANY)}, then try again.",
            )
        left = MAX_WRONG_TRIES - user.failed_attempts
        return SignInResult(
            None,
            "That password is not right. Check the Caps Lock key and try again "
            f"({left} {'try' if left == 1 else 'tries'} left before a short wait).",
        )
    if hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hasher().hash(password)
    user.failed_attempts = 0
    user.locked_until = None
    user.last_sign_in_at = now
    return SignInResult(Actor(user.id, user.display_name, user.role), "", user.text_scale)


@allowed(ANY_ROLE)
def check_password(session: Session, actor: Actor, password: str) -> bool:
    """Unlocking the screen: the same person types their password again."""
    if actor.user_id is None:
        return False
    result = sign_in(session, actor.user_id, password)
    return result.actor is not None


@allowed(ANY_ROLE)
def set_text_scale(session: Session, actor: Actor, percent: int) -> None:
    if not 100 <= percent <= 200:
        raise ValidationError("text_scale", "The text size must be between 100 % and 200 %.")
    if actor.user_id is not None:
        user = session.get(User, actor.user_id)
        if user is not None:
            user.text_scale = percent
    club.set_int(session, "last_text_scale", percent)


@dataclass(frozen=True)
class UserRow:
    user_id: int
    name: str
    role: str
    role_word: str
    active: bool
    last_sign_in_at: datetime | None


@allowed("users.manage")
def list_users(session: Session, actor: Actor) -> list[UserRow]:
    users = session.scalars(select(User).order_by(User.display_name))
    return [
        UserRow(u.id, u.display_name, u.role, ROLE_WORDS[u.role], u.active, u.last_sign_in_at)
        for u in users
    ]


def _active_coordinators(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(User).where(User.role == "coordinator", User.active)
        )
        or 0
    )


@allowed("users.manage")
def change_user(
    session: Session,
    actor: Actor,
    user_id: int,
    *,
    role: str | None = None,
    active: bool | None = None,
) -> None:
    """Change someone's role, or stop (or restart) them signing in. Accounts are never deleted,
    so the record of who did what keeps its names."""
    user = _find(session, user_id)
    if role is not None:
        _check_role(role)
    becomes_non_coordinator = (role is not None and role != "coordinator") or active is False
    is_active_coordinator = user.role == "coordinator" and user.active
    if is_active_coordinator and becomes_non_coordinator and _active_coordinators(session) <= 1:
        raise ValidationError(
            "role",
            f"{user.display_name} is the only coordinator. Make someone else a coordinator "
            "first, so somebody can always look after the club's records.",
        )
    if role is not None:
        user.role = role
    if active is not None:
        user.active = active
        if active:
            user.failed_attempts = 0
            user.locked_until = None
