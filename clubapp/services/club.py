"""The club's name and settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.club import Club, Setting
from clubapp.services.errors import ValidationError
from clubapp.services.fields import has_hidden
from clubapp.services.permissions import Actor, allowed, before_sign_in, internal, require

NAME_MAX = 200


@dataclass(frozen=True)
class SettingSpec:
    default: int
    low: int
    high: int
    words: str  # what the setting is, for error messages


INT_SETTINGS: dict[str, SettingSpec] = {
    "idle_lock_minutes": SettingSpec(5, 1, 60, "The time before the laptop locks itself"),
    # Text size on the sign-in screen, before anyone has signed in: the last one used.
    "last_text_scale": SettingSpec(100, 100, 200, "The text size"),
    # The constitution: a committee meeting is quorate with at least quorum_number
    # trustees present and, when quorum_share_top is not 0, at least that share
    # (top in every bottom) of the trustees serving, whichever is more.
    "quorum_number": SettingSpec(3, 1, 50, "The number of trustees for a quorum"),
    "quorum_share_top": SettingSpec(0, 0, 20, "The share of trustees for a quorum"),
    "quorum_share_bottom": SettingSpec(3, 1, 20, "The share of trustees for a quorum"),
    # Members' meetings and AGMs: how many people must be present (0: no quorum).
    "members_meeting_quorum": SettingSpec(0, 0, 500, "The quorum for members' meetings"),
    "chair_casting_vote": SettingSpec(1, 0, 1, "Whether the chair has a casting vote"),
    "meeting_notice_days": SettingSpec(7, 0, 90, "The days of notice for a meeting"),
    # The committee's make-up the club aims for: seats held by each kind of person.
    "committee_target_members": SettingSpec(3, 0, 30, "The seats for people living with dementia"),
    "committee_target_carers": SettingSpec(2, 0, 30, "The seats for carers"),
    "committee_target_volunteers": SettingSpec(1, 0, 30, "The seats for volunteers"),
    "committee_target_outside": SettingSpec(1, 0, 30, "The seats for outside people"),
    # The treasurer's books: the month the financial year starts (April, as most charities).
    "year_start_month": SettingSpec(4, 1, 12, "The month the financial year starts"),
    # Volunteers: how many days before a check runs out it is said on Home and the
    # volunteers page, and what an hour of volunteer time is worth (pence), as funders
    # ask; the National Living Wage from April 2026, £12.71.
    "check_warning_days": SettingSpec(30, 1, 180, "The days of warning before a check runs out"),
    "volunteer_hour_pence": SettingSpec(1271, 0, 100_000, "The value of an hour of volunteer time"),
    # Keeping data safe: the details of someone who left are offered for erasing this
    # many years after they left. UK GDPR sets no fixed period: the club decides, and says
    # it in its privacy notice (services.privacy_notice). Money records are kept 6 years
    # by law, but after erasure they name only "a former member", so they do not hold
    # anyone's details that long.
    "retention_years": SettingSpec(3, 1, 20, "The years details are kept after someone leaves"),
}


@before_sign_in
def club_name(session: Session) -> str | None:
    return session.scalar(select(Club.name).limit(1))


@internal
def create_club(session: Session, name: str) -> None:
    name = name.strip()
    if not name:
        raise ValidationError("club_name", "Type the club's name, for example Riverside Club.")
    if len(name) > NAME_MAX:
        raise ValidationError(
            "club_name", f"The club's name is {len(name)} characters; keep it under {NAME_MAX}."
        )
    if club_name(session) is not None:
        raise ValidationError("club_name", "This database already belongs to a club.")
    session.add(Club(name=name))


@allowed("settings.edit")
def rename_club(session: Session, actor: Actor, name: str) -> None:
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise ValidationError("club_name", "Type the club's name (up to 200 characters).")
    club = session.scalars(select(Club).limit(1)).first()
    if club is None:  # accounts made with `clubapp users add` before the welcome screen
        session.add(Club(name=name))
    else:
        club.name = name


@before_sign_in
def get_int(session: Session, key: str) -> int:
    spec = INT_SETTINGS[key]
    raw = session.get(Setting, key)
    if raw is None:
        return spec.default
    try:
        value = int(raw.value)
    except ValueError:
        return spec.default
    return min(max(value, spec.low), spec.high)


@allowed("settings.edit")
def set_int_setting(session: Session, actor: Actor, key: str, value: int) -> None:
    """The same, with the actor first, as the UI's `AppContext.run` calls services."""
    set_int(session, key, value, actor)


@before_sign_in
def set_int(session: Session, key: str, value: int, actor: Actor | None = None) -> None:
    """Save a whole-number setting. Club-wide settings need the coordinator."""
    spec = INT_SETTINGS[key]
    if key == "year_start_month":
        # Kept with the books' own rules: it cannot change once a year is closed.
        raise ValueError("change the financial year's start with years.set_start_month")
    if key != "last_text_scale":
        if actor is None:
            raise ValueError("changing this setting needs an actor")
        require(actor, "settings.edit")
    if not spec.low <= value <= spec.high:
        raise ValidationError(key, f"{spec.words} must be between {spec.low} and {spec.high}.")
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=str(value)))
    else:
        row.value = str(value)


# ---------------------------------------------------------------- text settings


@internal
def get_text(session: Session, key: str) -> str | None:
    """A setting saved as text (the privacy notice), or None if it was never saved: the
    module that owns the setting knows its default."""
    row = session.get(Setting, key)
    return None if row is None else row.value


@allowed("settings.edit")
def set_text(
    session: Session, actor: Actor, key: str, value: str, *, limit: int, words: str
) -> None:
    """Save a club-wide text setting as typed (lines and spaces kept), up to ``limit``
    characters; ``words`` names it in messages ("The privacy notice")."""
    if has_hidden(value):
        raise ValidationError(key, f"{words} has a hidden character in it. Retype that part.")
    if len(value) > limit:
        raise ValidationError(
            key, f"{words} is {len(value):,} characters long. Keep it under {limit:,}."
        )
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
