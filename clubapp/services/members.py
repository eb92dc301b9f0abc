"""People: list, look up, add and change, with each role seeing only what it may."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from clubapp.models.audit import AuditEntry
from clubapp.models.members import (
    CONSENT_CODES,
    CONSENT_GIVERS,
    KIND_CODES,
    LINK_CODES,
    STATUS_CODES,
    ConsentRecord,
    EmergencyContact,
    Person,
    PersonKind,
    PersonLink,
    PersonPhoto,
)
from clubapp.services import fields
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.permissions import Actor, allowed, can, internal
from clubapp.services.vocab import KINDS as KIND_WORDS

LINK_WORDS = {"carer_of": "Carer of", "family_of": "Family of", "attorney_for": "Attorney for"}
# How a link reads from the other person's page.
LINK_INVERSE_WORDS = {
    "carer_of": "Cared for by",
    "family_of": "Family of",
    "attorney_for": "Has as attorney",
}
CONSENT_WORDS = {
    "keep_details": "Keeping their details",
    "health_notes": "Keeping health-related notes",
    "photos": "Photos",
    "share_phone": "Sharing their phone number with other members",
    "about_me": "Giving volunteers an About me page (likes, needs, how to talk with them)",
}
GIVER_WORDS = {
    "self": "The person",
    "attorney": "Their attorney",
    "carer": "A carer on their behalf",
}

PHOTO_MAX_BYTES = 5 * 1024 * 1024
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")

# Sections of a person's record that not every role may see.
SECTION_CAPABILITY = {
    "contacts": "contacts.see",
    "emergency": "emergency.see",
    "needs": "needs.see",
    "consent": "consent.see",
    "status": "status.see",
}


@dataclass(frozen=True)
class PersonRow:
    """A line in the members list."""

    person_id: int
    full_name: str
    known_as: str
    kinds: tuple[str, ...]
    status: str  # "" when the reader's role may not see people's status
    erased: bool = False  # their details were erased (services.erasure); status "left"

    @property
    def display_name(self) -> str:
        return self.known_as or self.full_name

    @property
    def kinds_words(self) -> str:
        return ", ".join(KIND_WORDS[k] for k in self.kinds)


@dataclass(frozen=True)
class EmergencyContactData:
    name: str
    relationship: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class LinkData:
    kind: str
    other_id: int
    other_name: str = ""


@dataclass(frozen=True)
class ConsentData:
    what: str
    given_by: str
    given_on: date
    given_by_name: str = ""
    review_on: date | None = None
    withdrawn_on: date | None = None
    consent_id: int | None = None

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None

    def in_force_on(self, day: date) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


@dataclass(frozen=True)
class PersonInput:
    """Everything the member form saves, in one go."""

    full_name: str
    known_as: str = ""
    kinds: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    address: str = ""
    joined_on: date | None = None
    status: str = "active"
    status_on: date | None = None
    mobility: str = ""
    hearing: str = ""
    sight: str = ""
    diet: str = ""
    communication_tips: str = ""
    emergency_contacts: tuple[EmergencyContactData, ...] = ()
    links: tuple[LinkData, ...] = ()
    consents: tuple[ConsentData, ...] = ()


@dataclass(frozen=True)
class PersonDetail(PersonInput):
    person_id: int = 0
    has_photo: bool = False
    # Links made from the other person's record ("Cared for by Ann").
    linked_from: tuple[LinkData, ...] = ()
    # The sections the reader may see; the fields of the others are left blank.
    visible: frozenset[str] = field(default_factory=frozenset)
    can_edit: bool = False
    # The day their details were erased (services.erasure), or None.
    erased_on: date | None = None

    @property
    def display_name(self) -> str:
        return self.known_as or self.full_name


_KIND_ORDER = {k: i for i, k in enumerate(KIND_CODES)}


def sorted_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Kind codes in the order the app shows them (Member first), whatever order they came in."""
    return tuple(sorted(kinds, key=lambda k: _KIND_ORDER.get(k, len(_KIND_ORDER))))


def _visible_sections(actor: Actor) -> frozenset[str]:
    return frozenset(s for s, cap in SECTION_CAPABILITY.items() if can(actor, cap))


@internal
def erased_days(session: Session, person_id: int | None = None) -> dict[int, date]:
    """The people whose details were erased (services.erasure), with the day (local
    time) it was done, from the audit log's "erased" entries; one person's if given."""
    query = select(AuditEntry.record_id, AuditEntry.at).where(
        AuditEntry.what == "erased",
        AuditEntry.record_table == "people",
        AuditEntry.record_id.is_not(None),
    )
    if person_id is not None:
        query = query.where(AuditEntry.record_id == person_id)
    days: dict[int, date] = {}
    for record_id, at in session.execute(query.order_by(AuditEntry.at)):
        if record_id is not None and record_id not in days:
            days[record_id] = _local_day(at)
    return days


def _local_day(moment: datetime) -> date:
    """The local day of a moment stored in UTC without a time zone."""
    return moment.replace(tzinfo=timezone.utc).astimezone().date()


@allowed("people.see")
def list_people(
    session: Session,
    actor: Actor,
    *,
    kind: str | None = None,
    status: str | None = None,
) -> list[PersonRow]:
    """Everyone the reader may see, sorted by name. Only the coordinator sees former members."""
    see_status = can(actor, "status.see")
    query = select(Person.id, Person.full_name, Person.known_as, Person.status)
    if not see_status:
        query = query.where(Person.status == "active")
    elif status:
        query = query.where(Person.status == status)
    if kind:
        query = query.where(
            Person.id.in_(select(PersonKind.person_id).where(PersonKind.kind == kind))
        )
    # Only people who left can have been erased; others never see them.
    erased = erased_days(session) if see_status else {}
    kinds: dict[int, list[str]] = {}
    kind_query = select(PersonKind.person_id, PersonKind.kind)
    for pid, k in session.execute(kind_query):
        kinds.setdefault(pid, []).append(k)
    rows = [
        PersonRow(
            pid,
            full,
            known,
            sorted_kinds(kinds.get(pid, ())),
            st if see_status else "",
            pid in erased,
        )
        for pid, full, known, st in session.execute(query)
    ]
    rows.sort(key=lambda r: (r.display_name.casefold(), r.full_name.casefold(), r.person_id))
    return rows


def matches_search(row: PersonRow, text: str) -> bool:
    """Any part of the full name or "known as", ignoring case and accents' case."""
    needle = text.strip().casefold()
    return not needle or needle in row.full_name.casefold() or needle in row.known_as.casefold()


def _load(session: Session, person_id: int) -> Person:
    person = session.get(
        Person,
        person_id,
        options=[
            selectinload(Person.kinds),
            selectinload(Person.emergency_contacts),
            selectinload(Person.consents),
        ],
    )
    if person is None:
        raise NotFound("That person is not in the club's records any more.")
    return person


@allowed("people.see")
def get_person(session: Session, actor: Actor, person_id: int) -> PersonDetail:
    person = _load(session, person_id)
    visible = _visible_sections(actor)
    if person.status != "active" and "status" not in visible:
        raise NotFound("That person is not in the club's records any more.")
    names = dict(session.execute(select(Person.id, Person.full_name)).all())
    out_links = session.scalars(select(PersonLink).where(PersonLink.person_id == person_id))
    in_links = session.scalars(select(PersonLink).where(PersonLink.other_id == person_id))
    show = visible.__contains__
    return PersonDetail(
        person_id=person.id,
        full_name=person.full_name,
        known_as=person.known_as,
        kinds=sorted_kinds(k.kind for k in person.kinds),
        phone=person.phone if show("contacts") else "",
        email=person.email if show("contacts") else "",
        address=person.address if show("contacts") else "",
        joined_on=person.joined_on,
        status=person.status if show("status") else "",
        status_on=person.status_on if show("status") else None,
        mobility=person.mobility if show("needs") else "",
        hearing=person.hearing if show("needs") else "",
        sight=person.sight if show("needs") else "",
        diet=person.diet if show("needs") else "",
        communication_tips=person.communication_tips if show("needs") else "",
        emergency_contacts=tuple(
            EmergencyContactData(c.name, c.relationship, c.phone, c.notes)
            for c in person.emergency_contacts
        )
        if show("emergency")
        else (),
        links=tuple(LinkData(ln.kind, ln.other_id, names.get(ln.other_id, "")) for ln in out_links),
        linked_from=tuple(
            LinkData(ln.kind, ln.person_id, names.get(ln.person_id, "")) for ln in in_links
        ),
        consents=tuple(
            ConsentData(
                c.what, c.given_by, c.given_on, c.given_by_name, c.review_on, c.withdrawn_on, c.id
            )
            for c in person.consents
        )
        if show("consent")
        else (),
        has_photo=session.get(PersonPhoto, person_id) is not None
        and has_consent(session, person_id, "photos", date.today()),
        visible=visible,
        can_edit=can(actor, "people.edit"),
        erased_on=erased_days(session, person_id).get(person_id),
    )


@internal
def validate_input(session: Session, data: PersonInput, person_id: int | None) -> dict[str, str]:
    """Every problem with the form, by field name (empty when it can be saved)."""
    errors: dict[str, str] = {}

    def check(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        try:
            fn()
        except ValidationError as exc:
            errors.update(exc.errors)

    check("full_name", lambda: fields.name(data.full_name, "full_name", "full name", required=True))
    check("known_as", lambda: fields.name(data.known_as, "known_as", "known-as name"))
    check("phone", lambda: fields.phone(data.phone, "phone"))
    check("email", lambda: fields.email(data.email, "email"))
    for attr, words in (
        ("address", "address"),
        ("mobility", "mobility needs"),
        ("hearing", "hearing needs"),
        ("sight", "sight needs"),
        ("diet", "diet and allergies"),
        ("communication_tips", "communication tips"),
    ):
        check(attr, lambda a=attr, w=words: fields.text(getattr(data, a), a, w))
    if not data.kinds:
        errors["kinds"] = "Tick at least one kind, for example Member or Carer."
    elif unknown := [k for k in data.kinds if k not in KIND_CODES]:
        errors["kinds"] = f"{', '.join(unknown)} is not a kind of person the club records."
    if data.status not in STATUS_CODES:
        errors["status"] = "Choose Active, Paused, Left or Died."
    if data.joined_on and data.status_on and data.status_on < data.joined_on:
        errors["status_on"] = "This date is before the date they joined. Check both dates."
    for i, contact in enumerate(data.emergency_contacts, start=1):
        if not contact.name.strip():
            errors[f"emergency_{i}"] = f"Emergency contact {i} needs a name."
        elif not contact.phone.strip():
            errors[f"emergency_{i}"] = f"Emergency contact {i} needs a phone number."
        else:
            check(f"emergency_{i}", lambda c=contact, n=i: fields.phone(c.phone, f"emergency_{n}"))
            check(
                f"emergency_{i}",
                lambda c=contact, n=i: fields.text(c.notes, f"emergency_{n}", "notes"),
            )
            check(
                f"emergency_{i}",
                lambda c=contact, n=i: fields.name(c.name, f"emergency_{n}", "contact's name"),
            )
    seen_links = set()
    for i, link in enumerate(data.links, start=1):
        key = (link.kind, link.other_id)
        if link.kind not in LINK_CODES:
            errors[f"link_{i}"] = "Choose carer of, family of or attorney for."
        elif person_id is not None and link.other_id == person_id:
            errors[f"link_{i}"] = "A person cannot be linked to themselves. Choose someone else."
        elif session.get(Person, link.other_id) is None:
            errors[f"link_{i}"] = "That person is no longer in the records. Choose someone else."
        elif key in seen_links:
            errors[f"link_{i}"] = "This link is listed twice. Remove one."
        seen_links.add(key)
    for i, consent in enumerate(data.consents, start=1):
        name = f"consent_{i}"
        if consent.what not in CONSENT_CODES:
            errors[name] = "Choose what the consent is for."
        elif consent.given_by not in CONSENT_GIVERS:
            errors[name] = "Choose who gave the consent."
        elif consent.given_by != "self" and not consent.given_by_name.strip():
            errors[name] = "Write the name of the attorney or carer who gave the consent."
        elif consent.review_on and consent.review_on < consent.given_on:
            errors[name] = "The review date is before the date consent was given."
        elif consent.withdrawn_on and consent.withdrawn_on < consent.given_on:
            errors[name] = "The withdrawn date is before the date consent was given."
    return errors


@allowed("people.edit")
def save_person(
    session: Session, actor: Actor, data: PersonInput, person_id: int | None = None
) -> int:
    """Add a person, or replace a person's record with what the form shows."""
    errors = validate_input(session, data, person_id)
    if errors:
        raise ValidationError(errors)
    person = Person() if person_id is None else _load(session, person_id)
    person.full_name = " ".join(data.full_name.split())
    person.known_as = " ".join(data.known_as.split())
    person.phone = data.phone.strip()
    person.email = data.email.strip()
    person.address = data.address.strip()
    person.joined_on = data.joined_on
    person.status = data.status
    person.status_on = data.status_on if data.status != "active" else None
    person.mobility = data.mobility.strip()
    person.hearing = data.hearing.strip()
    person.sight = data.sight.strip()
    person.diet = data.diet.strip()
    person.communication_tips = data.communication_tips.strip()
    person.kinds = [PersonKind(kind=k) for k in dict.fromkeys(data.kinds)]
    person.emergency_contacts = [
        EmergencyContact(
            position=i,
            name=c.name.strip(),
            relationship=c.relationship.strip(),
            phone=c.phone.strip(),
            notes=c.notes.strip(),
        )
        for i, c in enumerate(data.emergency_contacts)
    ]
    existing = {c.id: c for c in person.consents}
    consents = []
    for c in data.consents:
        record = existing.get(c.consent_id) if c.consent_id else None
        record = record or ConsentRecord()
        record.what, record.given_by, record.given_by_name = (
            c.what,
            c.given_by,
            c.given_by_name.strip(),
        )
        record.given_on, record.review_on, record.withdrawn_on = (
            c.given_on,
            c.review_on,
            c.withdrawn_on,
        )
        consents.append(record)
    person.consents = consents
    if person_id is None:
        session.add(person)
    session.flush()
    # Consent to photos withdrawn: the photo itself goes, not only out of sight.
    photo = session.get(PersonPhoto, person.id)
    if photo is not None and not has_consent(session, person.id, "photos", date.today()):
        session.delete(photo)
    session.execute(delete(PersonLink).where(PersonLink.person_id == person.id))
    for link in data.links:
        session.add(PersonLink(person_id=person.id, other_id=link.other_id, kind=link.kind))
    session.flush()
    return person.id


@internal
def has_consent(session: Session, person_id: int, what: str, on: date) -> bool:
    records = session.scalars(
        select(ConsentRecord).where(
            ConsentRecord.person_id == person_id, ConsentRecord.what == what
        )
    )
    return any(
        r.given_on <= on and (r.withdrawn_on is None or r.withdrawn_on > on) for r in records
    )


@allowed("people.edit")
def set_photo(
    session: Session, actor: Actor, person_id: int, image: bytes | None, today: date
) -> None:
    """Store a photo (PNG or JPEG, already scaled by the caller) or remove it."""
    _load(session, person_id)
    current = session.get(PersonPhoto, person_id)
    if image is None:
        if current is not None:
            session.delete(current)
        return
    if not has_consent(session, person_id, "photos", today):
        raise ValidationError(
            "photo",
            "There is no consent for photos of this person. Record their photo consent "
            "in the Consent part of the form first, then add the photo.",
        )
    if len(image) > PHOTO_MAX_BYTES:
        raise ValidationError("photo", "This photo is too large. Choose one under 5 MB.")
    if not image.startswith(_IMAGE_MAGIC):
        raise ValidationError(
            "photo", "This file is not a photo clubapp can read. Choose a JPEG or PNG."
        )
    if current is None:
        session.add(PersonPhoto(person_id=person_id, image=image))
    else:
        current.image = image


def _photo_consent_in_force(on: date):  # type: ignore[no-untyped-def]
    """People whose consent to photos is in force on a day (a subquery of person ids)."""
    return select(ConsentRecord.person_id).where(
        ConsentRecord.what == "photos",
        ConsentRecord.given_on <= on,
        (ConsentRecord.withdrawn_on.is_(None)) | (ConsentRecord.withdrawn_on > on),
    )


@allowed("people.see")
def photos(
    session: Session, actor: Actor, person_ids: list[int] | None = None, today: date | None = None
) -> dict[int, bytes]:
    """Photos for tiles and the member page (everyone who may see people may see photos).

    Only while the person's photo consent is in force: once it is withdrawn the photo is
    no longer shown anywhere, even before the coordinator removes it.
    """
    query = select(PersonPhoto.person_id, PersonPhoto.image).where(
        PersonPhoto.person_id.in_(_photo_consent_in_force(today or date.today()))
    )
    if person_ids is not None:
        query = query.where(PersonPhoto.person_id.in_(person_ids))
    return {pid: image for pid, image in session.execute(query)}
