"""The retention and consent review: what the club should look at to keep only the data
it may keep, each line saying why in plain words, with one-click actions.

Three kinds of line, most urgent first:

* ``withdrawn`` — a consent was withdrawn but something that needed it is still held:
  photos (action: remove them), health-related notes (remove them), or the person's
  details themselves when they withdrew consent to keeping them (erase them).
* ``leaver`` — someone left the club (or died) more than ``retention_years`` ago (a
  setting, 3 by default: UK GDPR sets no fixed period, the club decides and says so in
  its privacy notice). Actions: erase their details, or keep them another year. The
  year is remembered in the settings under ``keep_until:<person id>``, so no new table
  is needed; the line comes back when that day has passed.
* ``consent_due`` — a consent's review date has passed or comes within 30 days.
  Actions: "Reviewed: still agreed" (the next review a year on) or "Withdrawn today".

Each action is one service call, so one transaction. The retention period counts from
the day the status took effect (``Person.status_on``); someone marked as left without
that day is listed too, since the app cannot tell how long ago it was.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clubapp.models.audit import AuditEntry
from clubapp.models.club import Setting
from clubapp.models.members import ConsentRecord, Person, PersonPhoto
from clubapp.models.notes import Note
from clubapp.services import audit, club, erasure
from clubapp.services.dates import long_date
from clubapp.services.erasure import ErasureResult
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.permissions import Actor, allowed

#: A consent review this many days ahead is listed already.
SOON_DAYS = 30
KEEP_KEY = "keep_until:"
#: The statuses whose records count from the day they left.
GONE = ("left", "died")
#: Consents whose withdrawal leaves something to remove.
DEPENDING = ("photos", "health_notes", "keep_details")

# What each action is called on its button.
ACTION_WORDS = {
    "erase": "Erase their details",
    "keep": "Keep for another year",
    "still_agreed": "Reviewed: still agreed",
    "withdraw": "Withdrawn today",
    "remove_photos": "Remove their photos",
    "remove_health_notes": "Remove their health notes",
    "open": "Open their record",
}

# "consent to ..." for each consent.
CONSENT_TO = {
    "keep_details": "keeping their details",
    "health_notes": "keeping notes about their health",
    "photos": "photos",
    "share_phone": "sharing their phone number with other members",
    "about_me": "giving volunteers an About me page",
}

_TIER_WITHDRAWN, _TIER_OVERDUE, _TIER_SOON = 0, 1, 2


@dataclass(frozen=True)
class ReviewRow:
    kind: str  # "withdrawn", "leaver" or "consent_due"
    person_id: int
    name: str
    words: str  # why it is listed, in plain words
    actions: tuple[str, ...]  # keys of ACTION_WORDS, the first the usual one
    consent_id: int | None = None  # a consent_due line's consent
    what: str = ""  # the consent ("photos"), for consent lines
    since: date | None = None  # the day it became due (sorting; None: not known)
    tier: int = _TIER_OVERDUE

    @property
    def key(self) -> str:
        """Names the line among the others (for finding it again after a change)."""
        return f"{self.kind}:{self.person_id}:{self.consent_id or self.what}"


@dataclass(frozen=True)
class Review:
    rows: tuple[ReviewRow, ...]
    retention_years: int
    today: date


def years_after(day: date, years: int) -> date:
    """The same day ``years`` on; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _years_words(years: int) -> str:
    return f"{years} year" if years == 1 else f"{years} years"


@functools.lru_cache(maxsize=4096)
def _day(day: date) -> str:
    return long_date(day, weekday=False)


def _in_days(days: int) -> str:
    return "tomorrow" if days == 1 else f"in {days} days"


def _erased(session: Session) -> set[int]:
    """People already erased (their row may be kept, as "a former member")."""
    rows = session.scalars(
        select(AuditEntry.record_id).where(
            AuditEntry.what == "erased",
            AuditEntry.record_table == "people",
            AuditEntry.record_id.is_not(None),
        )
    )
    return {int(r) for r in rows if r is not None}


def _kept_until(session: Session) -> dict[int, date]:
    found: dict[int, date] = {}
    rows = session.execute(
        select(Setting.key, Setting.value).where(Setting.key.like(f"{KEEP_KEY}%"))
    )
    for key, value in rows:
        try:
            found[int(key[len(KEEP_KEY) :])] = date.fromisoformat(value)
        except ValueError:
            continue  # not a date: as if not kept
    return found


@dataclass(frozen=True)
class _Consent:
    given_on: date
    withdrawn_on: date | None


def _in_force(record: ConsentRecord | _Consent, day: date) -> bool:
    return record.given_on <= day and (record.withdrawn_on is None or record.withdrawn_on > day)


def _leavers(
    session: Session, today: date, years: int, erased: set[int], skip: set[int]
) -> list[ReviewRow]:
    kept = _kept_until(session)
    rows: list[ReviewRow] = []
    people = session.execute(
        select(Person.id, Person.full_name, Person.status, Person.status_on)
        .where(Person.status.in_(GONE))
        .order_by(Person.id)
    )
    for person_id, name, status, status_on in people:
        if person_id in erased or person_id in skip:
            continue
        until = kept.get(person_id)
        if until is not None and until > today:
            continue
        kept_words = (
            f" The club kept their details for another year, until {_day(until)}."
            if until is not None
            else ""
        )
        if status_on is None:
            words = (
                f"Marked as having {'died' if status == 'died' else 'left the club'}, but the "
                "day is not recorded, so the app cannot tell how long ago. Erase their "
                "details, keep them for another year, or open their record to add the day."
            )
            rows.append(
                ReviewRow("leaver", person_id, name, words + kept_words, ("erase", "keep", "open"))
            )
            continue
        due = years_after(status_on, years)
        if due >= today:
            continue
        did = "Died" if status == "died" else "Left the club"
        words = (
            f"{did} on {_day(status_on)}, more than {_years_words(years)} ago. The club "
            f"keeps people's details for {_years_words(years)} after they leave."
        )
        rows.append(
            ReviewRow("leaver", person_id, name, words + kept_words, ("erase", "keep"), since=due)
        )
    return rows


def _withdrawn(session: Session, today: date, erased: set[int]) -> list[ReviewRow]:
    # Rows, not objects: a large club has thousands of consents (a third of the time).
    withdrawn_any = select(ConsentRecord.person_id).where(
        ConsentRecord.withdrawn_on.is_not(None), ConsentRecord.withdrawn_on <= today
    )
    records = session.execute(
        select(
            ConsentRecord.person_id,
            ConsentRecord.what,
            ConsentRecord.given_on,
            ConsentRecord.withdrawn_on,
        )
        .where(ConsentRecord.what.in_(DEPENDING), ConsentRecord.person_id.in_(withdrawn_any))
        .order_by(ConsentRecord.id)
    )
    by_person: dict[tuple[int, str], list[_Consent]] = {}
    for person_id, what, given_on, withdrawn_on in records:
        by_person.setdefault((person_id, what), []).append(_Consent(given_on, withdrawn_on))
    photos = set(session.scalars(select(PersonPhoto.person_id)))
    health = dict(
        session.execute(
            select(Note.person_id, func.count())
            .where(Note.health_related.is_(True))
            .group_by(Note.person_id)
        ).all()
    )
    names = dict(
        session.execute(
            select(Person.id, Person.full_name).where(
                Person.id.in_({person_id for person_id, _ in by_person})
            )
        ).all()
    )
    rows: list[ReviewRow] = []
    for (person_id, what), own in sorted(by_person.items()):
        if person_id in erased or person_id not in names:
            continue
        if any(_in_force(r, today) for r in own):
            continue
        ended = [
            r.withdrawn_on for r in own if r.withdrawn_on is not None and r.withdrawn_on <= today
        ]
        if not ended:
            continue  # given for a day still to come
        withdrawn_on = max(ended)
        said = f"Withdrew their consent to {CONSENT_TO[what]} on {_day(withdrawn_on)}"
        if what == "photos" and person_id in photos:
            words = f"{said}, but the club still keeps a photo of them."
            actions: tuple[str, ...] = ("remove_photos",)
        elif what == "health_notes" and health.get(person_id):
            count = int(health[person_id])
            notes = "a note" if count == 1 else f"{count} notes"
            words = f"{said}, but the club still keeps {notes} about their health."
            actions = ("remove_health_notes",)
        elif what == "keep_details":
            words = (
                f"{said}, but their details are still kept. Erase them, or if they agreed "
                "again, record that on their page."
            )
            actions = ("erase", "open")
        else:
            continue
        rows.append(
            ReviewRow(
                "withdrawn",
                person_id,
                names[person_id],
                words,
                actions,
                what=what,
                since=withdrawn_on,
                tier=_TIER_WITHDRAWN,
            )
        )
    return rows


def _consents_due(session: Session, today: date, erased: set[int]) -> list[ReviewRow]:
    """For each consent of each person still in the club, the newest record in force, if
    its review is due by ``SOON_DAYS`` from today."""
    horizon = today + timedelta(days=SOON_DAYS)
    query = (
        select(
            ConsentRecord.id,
            ConsentRecord.person_id,
            ConsentRecord.what,
            ConsentRecord.review_on,
            Person.full_name,
        )
        .join(Person, Person.id == ConsentRecord.person_id)
        .where(
            Person.status.not_in(GONE),
            ConsentRecord.given_on <= today,
            ConsentRecord.withdrawn_on.is_(None) | (ConsentRecord.withdrawn_on > today),
        )
        .order_by(ConsentRecord.given_on, ConsentRecord.id)
    )
    newest: dict[tuple[int, str], tuple[int, date | None, str]] = {}
    for consent_id, person_id, what, review_on, name in session.execute(query):
        if person_id not in erased:
            newest[(person_id, what)] = (consent_id, review_on, name)  # later ones win
    rows: list[ReviewRow] = []
    for (person_id, what), (consent_id, review_on, name) in newest.items():
        if review_on is None or review_on > horizon:
            continue
        consent = f"Their consent to {CONSENT_TO[what]}"
        if review_on < today:
            words = f"{consent} was due for review on {_day(review_on)}."
            tier = _TIER_OVERDUE
        elif review_on == today:
            words = f"{consent} is due for review today."
            tier = _TIER_OVERDUE
        else:
            days = (review_on - today).days
            words = f"{consent} is due for review on {_day(review_on)}, {_in_days(days)}."
            tier = _TIER_SOON
        words += " Ask them (or whoever agreed for them) if they still agree."
        rows.append(
            ReviewRow(
                "consent_due",
                person_id,
                name,
                words,
                ("still_agreed", "withdraw"),
                consent_id=consent_id,
                what=what,
                since=review_on,
                tier=tier,
            )
        )
    return rows


@allowed("privacy.manage")
def review(session: Session, actor: Actor, today: date) -> Review:
    """Everything to look at, most urgent first: withdrawn consents with something still
    held, then what is overdue (leavers past the retention years, consent reviews due
    today or before), then consent reviews in the next 30 days; oldest first within each."""
    years = club.get_int(session, "retention_years")
    erased = _erased(session)
    withdrawn = _withdrawn(session, today, erased)
    # Someone who withdrew consent to keeping their details is listed once, for that.
    erase_asked = {r.person_id for r in withdrawn if r.what == "keep_details"}
    rows = [
        *withdrawn,
        *_leavers(session, today, years, erased, erase_asked),
        *_consents_due(session, today, erased),
    ]
    rows.sort(key=lambda r: (r.tier, r.since or today, r.name.casefold(), r.key))
    return Review(tuple(rows), years, today)


# ---------------------------------------------------------------- the actions


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("That person is no longer in the records.")
    return person


def _consent(session: Session, consent_id: int) -> ConsentRecord:
    record = session.get(ConsentRecord, consent_id)
    if record is None:
        raise NotFound("That consent is no longer in the records.")
    return record


@allowed("privacy.manage")
def keep_another_year(session: Session, actor: Actor, person_id: int, today: date) -> date:
    """Keep a leaver's details another year: they leave the list until then. Returns the
    day they come back to it."""
    _person(session, person_id)
    until = years_after(today, 1)
    key = f"{KEEP_KEY}{person_id}"
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=until.isoformat()))
    else:
        row.value = until.isoformat()
    audit.note_action(
        session, actor, "privacy", "changed", "people", person_id, "data_review.keep_another_year"
    )
    return until


@allowed("privacy.manage")
def erase_details(session: Session, actor: Actor, person_id: int) -> ErasureResult:
    """Erase a person's details (services.erasure.erase_person), and forget that they
    were kept another year. Returns erase_person's result (``.words`` says what was done)."""
    result = erasure.erase_person(session, actor, person_id)
    session.execute(delete(Setting).where(Setting.key == f"{KEEP_KEY}{person_id}"))
    return result


@allowed("privacy.manage")
def still_agreed(session: Session, actor: Actor, consent_id: int, today: date) -> date:
    """The person still agrees: the next review is a year from today. Returns that day."""
    record = _consent(session, consent_id)
    if not _in_force(record, today):
        raise ValidationError(
            "consent", "This consent was withdrawn. Record a new consent on their page instead."
        )
    record.review_on = years_after(today, 1)
    return record.review_on


@allowed("privacy.manage")
def withdraw_today(session: Session, actor: Actor, consent_id: int, today: date) -> str:
    """The person no longer agrees: the consent ends today. A photo of them goes with
    photo consent, as it does when the consent is withdrawn on their page. Returns what
    was done, in words."""
    record = _consent(session, consent_id)
    if not _in_force(record, today):
        raise ValidationError("consent", "This consent was already withdrawn.")
    record.withdrawn_on = today
    person = _person(session, record.person_id)
    words = f"{person.full_name}'s consent to {CONSENT_TO[record.what]} ended today."
    if record.what == "photos":
        session.flush()
        still = session.scalars(
            select(ConsentRecord).where(
                ConsentRecord.person_id == person.id, ConsentRecord.what == "photos"
            )
        )
        photo = session.get(PersonPhoto, person.id)
        if photo is not None and not any(_in_force(r, today) for r in still):
            session.delete(photo)
            words += " Their photo was removed."
    elif record.what == "health_notes":
        words += " Notes about their health are listed to remove."
    return words


def _refuse_if_agreed(session: Session, person_id: int, what: str, today: date, words: str) -> None:
    records = session.scalars(
        select(ConsentRecord).where(
            ConsentRecord.person_id == person_id, ConsentRecord.what == what
        )
    )
    if any(_in_force(r, today) for r in records):
        raise ValidationError("consent", words)


@allowed("privacy.manage")
def remove_photos(session: Session, actor: Actor, person_id: int, today: date) -> None:
    """Remove the photo of someone whose photo consent was withdrawn."""
    _person(session, person_id)
    _refuse_if_agreed(
        session,
        person_id,
        "photos",
        today,
        "They agree to photos now, so their photo is kept. Change it on their page.",
    )
    photo = session.get(PersonPhoto, person_id)
    if photo is not None:
        session.delete(photo)


@allowed("privacy.manage")
def remove_health_notes(session: Session, actor: Actor, person_id: int, today: date) -> int:
    """Delete the health-related notes about someone whose consent to them was
    withdrawn (an agenda item made from one keeps its own words). Returns how many."""
    _person(session, person_id)
    _refuse_if_agreed(
        session,
        person_id,
        "health_notes",
        today,
        "They agree to notes about their health now, so the notes are kept.",
    )
    notes = list(
        session.scalars(
            select(Note).where(Note.person_id == person_id, Note.health_related.is_(True))
        )
    )
    for note in notes:
        session.delete(note)
    return len(notes)
