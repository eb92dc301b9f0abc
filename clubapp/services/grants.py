"""Small grants: funders, applications through the pipeline, awards, the instalments the
funder will pay and the reports it wants.

The pipeline: idea → preparing → submitted → awarded or declined (or withdrawn at any
point before a decision) → closed once an award's reports are all sent. Each change is
kept with the date it happened. Awarding needs the award's details (`save_award`), and
links the grant to a restricted fund in the books, made then if the club has none for it.

Every function takes the session and the actor, checks the role, and leaves committing
to the caller. Money is whole pence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, delete, func, or_, select
from sqlalchemy.orm import Session

from clubapp.models.accounts import Fund
from clubapp.models.attendance import ClubSession
from clubapp.models.grants import (
    FUNDER_KINDS,
    REPORT_KINDS,
    STATUSES,
    Funder,
    GrantActivity,
    GrantApplication,
    GrantInstalment,
    GrantReport,
    GrantSession,
    GrantStatusChange,
    GrantWriter,
)
from clubapp.models.members import Person
from clubapp.models.votes import Activity, ProgrammeEntry
from clubapp.services import fields
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.money import MAX_PENCE, pounds
from clubapp.services.permissions import Actor, allowed, internal

FUNDER_KIND_WORDS = {
    "trust": "Charitable trust",
    "lottery": "Lottery",
    "council": "Council",
    "company": "Company",
    "individual": "Individual",
}
STATUS_WORDS = {
    "idea": "Idea",
    "preparing": "Preparing",
    "submitted": "Submitted",
    "awarded": "Awarded",
    "declined": "Turned down",
    "withdrawn": "Withdrawn",
    "closed": "Closed",
}
REPORT_KIND_WORDS = {
    "progress": "Progress report",
    "financial": "Financial report",
    "final": "Final report",
}
# Where an application may go next. Going back a step puts a slip right; awarding goes
# through `save_award`, which asks for the award's details.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "idea": ("preparing", "submitted", "withdrawn"),
    "preparing": ("idea", "submitted", "withdrawn"),
    "submitted": ("preparing", "awarded", "declined", "withdrawn"),
    "awarded": ("closed",),
    "declined": ("submitted",),
    "withdrawn": ("idea", "preparing"),
    "closed": ("awarded",),
}
# The buttons that move an application on, in words.
MOVE_WORDS = {
    "idea": "Make it an idea again",
    "preparing": "Start preparing the bid",
    "submitted": "Mark as sent to the funder",
    "awarded": "Record the award",
    "declined": "Mark as turned down",
    "withdrawn": "Withdraw the application",
    "closed": "Close the grant",
}
#: A move that takes an application back a step, said as that: "Record the award" would
#: be wrong for a closed grant opened again.
BACK_WORDS = {
    ("submitted", "preparing"): "Back to preparing the bid",
    ("declined", "submitted"): "Back to waiting for the funder's decision",
    ("closed", "awarded"): "Open the grant again",
}


def move_button_words(status: str, now: str = "") -> str:
    """ "Mark as sent to the funder": the words of the button that moves an application
    that is ``now`` in one status to ``status``."""
    return BACK_WORDS.get((now, status), MOVE_WORDS[status])


# Where an application is, as the end of a sentence: "This application is still an idea."
STATE_WORDS = {
    "idea": "is still an idea",
    "preparing": "is being prepared",
    "submitted": "has been sent to the funder",
    "awarded": "has been awarded",
    "declined": "was turned down",
    "withdrawn": "was withdrawn",
    "closed": "is finished and closed",
}
# Before the funder decides: an application the club is still working on or waiting for.
OPEN_STATUSES = ("idea", "preparing", "submitted")
# The club has not yet sent it: a deadline passing in these is missed.
UNSENT_STATUSES = ("idea", "preparing")
AWARDED_STATUSES = ("awarded", "closed")
TITLE_MAX = 200
REFERENCE_MAX = 100


# ---------------------------------------------------------------- funders


@dataclass(frozen=True)
class FunderInput:
    name: str
    kind: str
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    notes: str = ""


@dataclass(frozen=True)
class FunderRow:
    funder_id: int
    name: str
    kind: str
    contact_name: str
    email: str
    phone: str
    website: str
    notes: str
    applications: int
    awarded_pence: int  # every award from this funder, ever

    @property
    def kind_words(self) -> str:
        return FUNDER_KIND_WORDS.get(self.kind, self.kind)


def _funder_rows(session: Session, funder_id: int | None = None) -> list[FunderRow]:
    counts = (
        select(
            GrantApplication.funder_id,
            func.count().label("n"),
            func.coalesce(
                func.sum(
                    case(
                        (
                            GrantApplication.status.in_(AWARDED_STATUSES),
                            GrantApplication.awarded_pence,
                        ),
                        else_=0,
                    )
                ),
                0,
            ).label("awarded"),
        )
        .group_by(GrantApplication.funder_id)
        .subquery()
    )
    query = (
        select(Funder, counts.c.n, counts.c.awarded)
        .outerjoin(counts, counts.c.funder_id == Funder.id)
        .order_by(func.lower(Funder.name))
    )
    if funder_id is not None:
        query = query.where(Funder.id == funder_id)
    return [
        FunderRow(
            f.id,
            f.name,
            f.kind,
            f.contact_name,
            f.email,
            f.phone,
            f.website,
            f.notes,
            n or 0,
            awarded or 0,
        )
        for f, n, awarded in session.execute(query)
    ]


@allowed("grants.see")
def list_funders(session: Session, actor: Actor) -> list[FunderRow]:
    return _funder_rows(session)


@allowed("grants.see")
def get_funder(session: Session, actor: Actor, funder_id: int) -> FunderRow:
    rows = _funder_rows(session, funder_id)
    if not rows:
        raise NotFound("This funder is not there any more.")
    return rows[0]


@allowed("grants.edit")
def save_funder(session: Session, actor: Actor, funder_id: int | None, data: FunderInput) -> int:
    funder = None
    if funder_id is not None:
        funder = session.get(Funder, funder_id)
        if funder is None:
            raise NotFound("This funder is not there any more.")
    name = " ".join(data.name.split())

    def check_name() -> None:
        fields.name(name, "name", "funder's name", required=True)
        # In every alphabet: SQLite's lower() folds only A to Z ("Über", "über").
        funders = session.execute(select(Funder.id, Funder.name))
        if fields.name_taken(funders, name, funder_id):
            raise ValidationError("name", f"There is already a funder called {name}.")

    def check_kind() -> None:
        if data.kind not in FUNDER_KINDS:
            raise ValidationError("kind", "Choose what kind of funder it is.")

    def check_website() -> None:
        fields.name(data.website, "website", "website")
        if len(data.website.strip()) > 300:
            raise ValidationError("website", "Keep the website under 300 characters.")

    errors = collect_errors(
        check_name,
        check_kind,
        lambda: fields.name(data.contact_name, "contact_name", "contact's name"),
        lambda: fields.email(data.email, "email"),
        lambda: fields.phone(data.phone, "phone"),
        check_website,
        lambda: fields.text(data.notes, "notes", "notes"),
    )
    if errors:
        raise ValidationError(errors)
    if funder is None:
        funder = Funder(name=name)
        session.add(funder)
    funder.name = name
    funder.kind = data.kind
    funder.contact_name = data.contact_name.strip()
    funder.email = data.email.strip()
    funder.phone = data.phone.strip()
    funder.website = data.website.strip()
    funder.notes = data.notes.strip()
    session.flush()
    return funder.id


@allowed("grants.edit")
def delete_funder(session: Session, actor: Actor, funder_id: int) -> None:
    """Only a funder with no applications: the history of applications is kept."""
    funder = session.get(Funder, funder_id)
    if funder is None:
        raise NotFound("This funder is not there any more.")
    if session.scalar(select(GrantApplication.id).where(GrantApplication.funder_id == funder_id)):
        raise ValidationError(
            "funder",
            f"The club has applied to {funder.name}, so it stays on the list with its history.",
        )
    session.delete(funder)
    session.flush()


# ---------------------------------------------------------------- applications


@dataclass(frozen=True)
class ApplicationInput:
    funder_id: int | None
    title: str
    purpose: str = ""
    pays_for: str = ""
    asked_pence: int | None = None
    opens_on: date | None = None
    deadline: date | None = None
    decision_expected: date | None = None
    writer_ids: Sequence[int] = ()
    session_names: Sequence[str] = ()
    activity_ids: Sequence[int] = ()
    notes: str = ""
    # A new application's first status: "idea" or "preparing".
    status: str = "idea"


@dataclass(frozen=True)
class ApplicationRow:
    application_id: int
    funder_id: int
    funder_name: str
    title: str
    status: str
    asked_pence: int | None
    awarded_pence: int | None
    deadline: date | None
    submitted_on: date | None
    decision_expected: date | None
    decided_on: date | None
    period_starts: date | None
    period_ends: date | None
    fund_id: int | None
    missed: bool  # the deadline passed before it was sent

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def over_asked_pence(self) -> int:
        """How much more was awarded than asked for (0 if not more)."""
        if self.awarded_pence is None or self.asked_pence is None:
            return 0
        return max(0, self.awarded_pence - self.asked_pence)


def is_missed(status: str, deadline: date | None, today: date) -> bool:
    """A deadline in the past while the bid is still an idea or being prepared is missed,
    not silently kept: it shows until the application is sent or withdrawn."""
    return deadline is not None and deadline < today and status in UNSENT_STATUSES


def _row(a: GrantApplication, funder_name: str, today: date) -> ApplicationRow:
    return ApplicationRow(
        a.id,
        a.funder_id,
        funder_name,
        a.title,
        a.status,
        a.asked_pence,
        a.awarded_pence,
        a.deadline,
        a.submitted_on,
        a.decision_expected,
        a.decided_on,
        a.period_starts,
        a.period_ends,
        a.fund_id,
        is_missed(a.status, a.deadline, today),
    )


@allowed("grants.see")
def list_applications(
    session: Session,
    actor: Actor,
    today: date,
    *,
    statuses: Sequence[str] | None = None,
    funder_id: int | None = None,
) -> list[ApplicationRow]:
    """Newest first (by deadline, or when it was added)."""
    query = (
        select(GrantApplication, Funder.name)
        .join(Funder, Funder.id == GrantApplication.funder_id)
        .order_by(
            func.coalesce(
                GrantApplication.decided_on,
                GrantApplication.submitted_on,
                GrantApplication.deadline,
                func.date(GrantApplication.created_at),
            ).desc(),
            GrantApplication.id.desc(),
        )
    )
    if statuses is not None:
        query = query.where(GrantApplication.status.in_(statuses))
    if funder_id is not None:
        query = query.where(GrantApplication.funder_id == funder_id)
    return [_row(a, name, today) for a, name in session.execute(query)]


def _application(session: Session, application_id: int) -> GrantApplication:
    application = session.get(GrantApplication, application_id)
    if application is None:
        raise NotFound("This grant application is not there any more.")
    return application


def _check_pence(value: int | None, field: str, words: str, *, positive: bool = False) -> None:
    if value is None:
        return
    if value < 0 or (positive and value == 0):
        raise ValidationError(field, f"Type the {words}, more than £0.")
    if value > MAX_PENCE:
        raise ValidationError(field, f"The {words} is too large.")


@allowed("grants.edit")
def save_application(
    session: Session, actor: Actor, application_id: int | None, data: ApplicationInput, today: date
) -> int:
    """Add an application (it starts as an idea, or as being prepared) or change one."""
    application = None if application_id is None else _application(session, application_id)
    title = " ".join(data.title.split())

    def check_funder() -> None:
        if data.funder_id is None or session.get(Funder, data.funder_id) is None:
            raise ValidationError("funder", "Choose the funder.")

    def check_title() -> None:
        fields.name(title, "title", "title", required=True)

    def check_people() -> None:
        ids = list(dict.fromkeys(data.writer_ids))
        found = session.scalar(select(func.count()).select_from(Person).where(Person.id.in_(ids)))
        if found != len(ids):
            raise ValidationError(
                "writers", "Someone chosen to write the bid is not there any more."
            )

    def check_activities() -> None:
        ids = list(dict.fromkeys(data.activity_ids))
        found = session.scalar(
            select(func.count()).select_from(Activity).where(Activity.id.in_(ids))
        )
        if found != len(ids):
            raise ValidationError("activities", "An activity chosen is not there any more.")

    def check_sessions() -> None:
        for name in data.session_names:
            fields.name(name, "sessions", "session's name", required=True)

    def check_dates() -> None:
        if data.opens_on and data.deadline and data.deadline < data.opens_on:
            raise ValidationError(
                "deadline", "The deadline is before the funder's round opens. Check both dates."
            )
        if data.deadline and data.decision_expected and data.decision_expected < data.deadline:
            raise ValidationError(
                "decision_expected",
                "The decision is expected before the deadline. Check both dates.",
            )

    def check_status() -> None:
        if application is None and data.status not in UNSENT_STATUSES:
            raise ValidationError(
                "status", "A new application starts as an idea or being prepared."
            )

    errors = collect_errors(
        check_funder,
        check_title,
        lambda: fields.text(data.purpose, "purpose", "purpose"),
        lambda: fields.text(data.pays_for, "pays_for", "words about what it pays for"),
        lambda: _check_pence(data.asked_pence, "asked", "amount asked for"),
        check_dates,
        check_people,
        check_activities,
        check_sessions,
        lambda: fields.text(data.notes, "notes", "notes"),
        check_status,
    )
    if errors:
        raise ValidationError(errors)
    assert data.funder_id is not None
    if application is None:
        application = GrantApplication(status=data.status, funder_id=data.funder_id, title=title)
        session.add(application)
        session.flush()
        session.add(
            GrantStatusChange(
                application_id=application.id,
                status=data.status,
                on=today,
                recorded_by=actor.name,
            )
        )
    application.funder_id = data.funder_id
    application.title = title
    application.purpose = data.purpose.strip()
    application.pays_for = data.pays_for.strip()
    application.asked_pence = data.asked_pence
    application.opens_on = data.opens_on
    application.deadline = data.deadline
    application.decision_expected = data.decision_expected
    application.notes = data.notes.strip()
    aid = application.id
    session.execute(delete(GrantWriter).where(GrantWriter.application_id == aid))
    session.execute(delete(GrantSession).where(GrantSession.application_id == aid))
    session.execute(delete(GrantActivity).where(GrantActivity.application_id == aid))
    session.add_all(
        GrantWriter(application_id=aid, person_id=pid) for pid in dict.fromkeys(data.writer_ids)
    )
    names: dict[str, str] = {}
    for typed in data.session_names:
        tidy = " ".join(typed.split())
        names.setdefault(tidy.casefold(), tidy)  # the first spelling, as the club's list has it
    session.add_all(GrantSession(application_id=aid, session_name=n) for n in names.values())
    session.add_all(
        GrantActivity(application_id=aid, activity_id=i) for i in dict.fromkeys(data.activity_ids)
    )
    session.flush()
    return aid


@allowed("grants.edit")
def delete_application(session: Session, actor: Actor, application_id: int) -> None:
    """Only before it is sent: what was sent to a funder is part of the club's history."""
    application = _application(session, application_id)
    # A withdrawn application keeps the day it was sent: the funder has it on file.
    was_sent = session.scalar(
        select(GrantStatusChange.id).where(
            GrantStatusChange.application_id == application_id,
            GrantStatusChange.status == "submitted",
        )
    )
    if application.status not in (*UNSENT_STATUSES, "withdrawn") or was_sent is not None:
        if application.status == "withdrawn":
            raise ValidationError(
                "status",
                "This application was sent to the funder before it was withdrawn, so it is "
                "kept with the club's history.",
            )
        raise ValidationError(
            "status",
            "This application was sent to the funder, so it is kept. Mark it withdrawn "
            "if the club is not going ahead.",
        )
    session.delete(application)
    session.flush()


@allowed("grants.edit")
def change_status(
    session: Session,
    actor: Actor,
    application_id: int,
    status: str,
    on: date,
    today: date,
    note: str = "",
) -> None:
    """Move an application on (or back a step), on the day it happened."""
    application = _application(session, application_id)
    if status not in STATUSES:
        raise ValidationError("status", "Choose where the application has got to.")
    now = application.status
    if status == now:
        raise ValidationError("status", f"Nothing to change: this application {STATE_WORDS[now]}.")
    if status not in NEXT_STATUSES[now]:
        choices = [f"“{MOVE_WORDS[s]}”" for s in NEXT_STATUSES[now]]
        can = choices[0] if len(choices) == 1 else f"{', '.join(choices[:-1])} or {choices[-1]}"
        raise ValidationError(
            "status",
            f"“{MOVE_WORDS[status]}” does not fit: this application {STATE_WORDS[now]}. "
            f"From here it can be {can}.",
        )
    if status == "awarded" and application.status == "submitted":
        raise ValidationError("status", "Record the award, with its amount and dates.")
    errors: dict[str, str] = {}
    if on > today:
        errors["on"] = "This date is in the future. Choose the day it happened."
    if status == "declined" and application.submitted_on and on < application.submitted_on:
        errors["on"] = "This is before the application was sent. Check the date."
    if status == "closed":
        due = session.scalar(
            select(func.count())
            .select_from(GrantReport)
            .where(GrantReport.application_id == application_id, GrantReport.status == "due")
        )
        if due:
            errors["status"] = (
                f"{due} of the funder's reports {'is' if due == 1 else 'are'} not marked as "
                "sent yet. Mark them sent, or remove any the funder no longer wants, first."
            )
    try:
        fields.name(note, "note", "note")
    except ValidationError as exc:
        errors.update(exc.errors)
    if len(note.strip()) > 300:
        errors["note"] = "Keep the note under 300 characters."
    if errors:
        raise ValidationError(errors)
    if status == "submitted":
        application.submitted_on = on
        application.decided_on = None
    elif status == "declined":
        application.decided_on = on
    elif status in UNSENT_STATUSES:
        application.submitted_on = None
    application.status = status
    session.add(
        GrantStatusChange(
            application_id=application_id,
            status=status,
            on=on,
            note=note.strip(),
            recorded_by=actor.name,
        )
    )
    session.flush()


# ---------------------------------------------------------------- the award


@dataclass(frozen=True)
class InstalmentInput:
    due_on: date
    amount_pence: int


@dataclass(frozen=True)
class ReportInput:
    due_on: date
    kind: str
    note: str = ""


@dataclass(frozen=True)
class AwardInput:
    awarded_pence: int
    decided_on: date
    period_starts: date | None = None
    period_ends: date | None = None
    funder_reference: str = ""
    conditions: str = ""
    # The restricted fund: one the books have, or a new one with this name.
    fund_id: int | None = None
    new_fund_name: str = ""
    # Only when the award is first recorded; later they are changed one by one.
    instalments: Sequence[InstalmentInput] = ()
    reports: Sequence[ReportInput] = ()


@allowed("grants.edit")
def save_award(
    session: Session, actor: Actor, application_id: int, data: AwardInput, today: date
) -> None:
    """Record the award of a submitted application (it becomes awarded), or change an
    award's details. Awarding more than was asked for is allowed: the grant's page says so."""
    application = _application(session, application_id)
    first_time = application.status == "submitted"
    if not first_time and application.status not in AWARDED_STATUSES:
        raise ValidationError(
            "status",
            "Only an application sent to the funder can be awarded. Mark it as sent first.",
        )
    errors: dict[str, str] = {}
    if not 0 < data.awarded_pence <= MAX_PENCE:
        errors["awarded"] = "Type the amount awarded, more than £0."
    if data.decided_on > today:
        errors["decided_on"] = "This date is in the future. Choose the day the funder decided."
    elif application.submitted_on and data.decided_on < application.submitted_on:
        errors["decided_on"] = "This is before the application was sent. Check the date."
    if data.period_starts and data.period_ends and data.period_ends < data.period_starts:
        errors["period_ends"] = "The grant's period ends before it starts. Check both dates."
    if len(data.funder_reference.strip()) > REFERENCE_MAX:
        errors["funder_reference"] = f"Keep the reference under {REFERENCE_MAX} characters."
    errors.update(
        collect_errors(
            lambda: fields.name(data.funder_reference, "funder_reference", "funder's reference"),
            lambda: fields.text(data.conditions, "conditions", "conditions"),
        )
    )
    errors.update(_check_fund_choice(session, application, data))
    received = _received_pence(session, application)
    moving = application.fund_id is not None and data.fund_id != application.fund_id
    if "fund" not in errors and moving and _matched_count(session, application):
        errors["fund"] = (
            "Payments of this grant are matched to receipts in its fund. Keep the fund, "
            "or unmatch the payments first and move the receipts in the books."
        )
    if "awarded" not in errors and data.awarded_pence < received:
        errors["awarded"] = (
            f"The club has already received {pounds(received)} of this grant, more than "
            f"{pounds(data.awarded_pence)}. Check the amount against the funder's letter."
        )
    for n, instalment in enumerate(data.instalments):
        if not 0 < instalment.amount_pence <= MAX_PENCE:
            errors.setdefault("instalments", f"Payment {n + 1} needs an amount more than £0.")
    for n, report in enumerate(data.reports):
        if report.kind not in REPORT_KINDS:
            errors.setdefault("reports", f"Choose what kind of report number {n + 1} is.")
        else:  # the same limit as a report saved on its own
            try:
                fields.name(report.note, "reports", f"note of report {n + 1}")
            except ValidationError as exc:
                errors.setdefault("reports", exc.errors["reports"])
    if errors:
        raise ValidationError(errors)
    fund_id = data.fund_id
    if fund_id is None:
        from clubapp.services import books

        purpose = f"{application.title}, a grant from {_funder_name(session, application)}."
        fund_id = books.save_fund(
            session,
            actor,
            None,
            books.FundInput(" ".join(data.new_fund_name.split()), "restricted", purpose[:2000]),
        )
    application.awarded_pence = data.awarded_pence
    application.decided_on = data.decided_on
    application.period_starts = data.period_starts
    application.period_ends = data.period_ends
    application.funder_reference = data.funder_reference.strip()
    application.conditions = data.conditions.strip()
    application.fund_id = fund_id
    if first_time:
        application.status = "awarded"
        session.add(
            GrantStatusChange(
                application_id=application_id,
                status="awarded",
                on=data.decided_on,
                note=f"Awarded {pounds(data.awarded_pence)}",
                recorded_by=actor.name,
            )
        )
        session.add_all(
            GrantInstalment(
                application_id=application_id, due_on=i.due_on, amount_pence=i.amount_pence
            )
            for i in data.instalments
        )
        session.add_all(
            GrantReport(
                application_id=application_id, due_on=r.due_on, kind=r.kind, note=r.note.strip()
            )
            for r in data.reports
        )
    session.flush()


def _received_pence(session: Session, application: GrantApplication) -> int:
    """What the receipts matched to the grant's payments put into its fund."""
    from clubapp.models.accounts import Split

    if application.fund_id is None:
        return 0
    matched = select(GrantInstalment.entry_id).where(
        GrantInstalment.application_id == application.id, GrantInstalment.entry_id.is_not(None)
    )
    return (
        session.scalar(
            select(func.coalesce(func.sum(Split.amount_pence), 0)).where(
                Split.entry_id.in_(matched), Split.fund_id == application.fund_id
            )
        )
        or 0
    )


def _matched_count(session: Session, application: GrantApplication) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(GrantInstalment)
            .where(
                GrantInstalment.application_id == application.id,
                GrantInstalment.entry_id.is_not(None),
            )
        )
        or 0
    )


def _funder_name(session: Session, application: GrantApplication) -> str:
    return session.scalar(select(Funder.name).where(Funder.id == application.funder_id)) or ""


def _check_fund_choice(
    session: Session, application: GrantApplication, data: AwardInput
) -> dict[str, str]:
    if data.fund_id is not None:
        fund = session.get(Fund, data.fund_id)
        if fund is None:
            return {"fund": "Choose the restricted fund again: that one is not there any more."}
        if fund.kind != "restricted":
            return {
                "fund": f"{fund.name} is not a restricted fund. A grant's money is "
                "restricted to what the funder gave it for: choose a restricted fund, or "
                "make a new one."
            }
        if fund.retired and fund.id != application.fund_id:
            return {"fund": f"{fund.name} is no longer used. Choose another, or make a new one."}
        return {}
    name = " ".join(data.new_fund_name.split())
    if not name:
        return {"fund": "Choose the restricted fund for this grant, or type a name for a new one."}
    if fields.name_taken(session.execute(select(Fund.id, Fund.name)), name):
        return {"fund": f"There is already a fund called {name}. Choose it from the list instead."}
    if len(name) > 100:
        return {"fund": "Keep the new fund's name under 100 characters."}
    # The books would refuse it under their own field's name, which the award form lacks.
    return collect_errors(lambda: fields.name(name, "fund", "new fund's name"))


@allowed("grants.see")
def suggested_fund_name(session: Session, actor: Actor, application_id: int) -> str:
    """A name for a new restricted fund: "Harmony Trust — music project"."""
    application = _application(session, application_id)
    words = f"{_funder_name(session, application)} — {application.title}"
    return words[:100]


# ---------------------------------------------------------------- instalments


def _awarded(session: Session, application_id: int) -> GrantApplication:
    application = _application(session, application_id)
    if application.status not in AWARDED_STATUSES:
        raise ValidationError(
            "status", "Record the award first: payments and reports belong to an award."
        )
    return application


@allowed("grants.edit")
def save_instalment(
    session: Session,
    actor: Actor,
    application_id: int,
    instalment_id: int | None,
    data: InstalmentInput,
) -> int:
    _awarded(session, application_id)
    if not 0 < data.amount_pence <= MAX_PENCE:
        raise ValidationError("amount", "Type the amount of the payment, more than £0.")
    if instalment_id is None:
        instalment = GrantInstalment(application_id=application_id)
        session.add(instalment)
    else:
        found = session.get(GrantInstalment, instalment_id)
        if found is None or found.application_id != application_id:
            raise NotFound("This payment is not there any more.")
        instalment = found
    instalment.due_on = data.due_on
    instalment.amount_pence = data.amount_pence
    session.flush()
    return instalment.id


@allowed("grants.edit")
def delete_instalment(session: Session, actor: Actor, instalment_id: int) -> None:
    """The receipt it was matched to stays in the books."""
    instalment = session.get(GrantInstalment, instalment_id)
    if instalment is None:
        raise NotFound("This payment is not there any more.")
    session.delete(instalment)
    session.flush()


# ---------------------------------------------------------------- the funder's reports


@allowed("grants.edit")
def save_report(
    session: Session,
    actor: Actor,
    application_id: int,
    report_id: int | None,
    data: ReportInput,
) -> int:
    _awarded(session, application_id)
    if data.kind not in REPORT_KINDS:
        raise ValidationError("kind", "Choose what kind of report the funder wants.")
    fields.name(data.note, "note", "note")
    if len(data.note.strip()) > 300:
        raise ValidationError("note", "Keep the note under 300 characters.")
    if report_id is None:
        report = GrantReport(application_id=application_id)
        session.add(report)
    else:
        found = session.get(GrantReport, report_id)
        if found is None or found.application_id != application_id:
            raise NotFound("This report is not there any more.")
        report = found
    report.due_on = data.due_on
    report.kind = data.kind
    report.note = data.note.strip()
    session.flush()
    return report.id


@allowed("grants.edit")
def mark_report(
    session: Session, actor: Actor, report_id: int, sent_on: date | None, today: date
) -> None:
    """Mark a report sent on a day, or (``sent_on=None``) still to do."""
    report = session.get(GrantReport, report_id)
    if report is None:
        raise NotFound("This report is not there any more.")
    if sent_on is not None and sent_on > today:
        raise ValidationError("sent_on", "This date is in the future. Choose the day it was sent.")
    decided = session.scalar(
        select(GrantApplication.decided_on).where(GrantApplication.id == report.application_id)
    )
    if sent_on is not None and decided is not None and sent_on < decided:
        raise ValidationError(
            "sent_on",
            f"This is before the grant was awarded on {long_date(decided, weekday=False)}. "
            "Choose the day the report was sent.",
        )
    report.status = "due" if sent_on is None else "sent"
    report.sent_on = sent_on
    session.flush()


@allowed("grants.edit")
def delete_report(session: Session, actor: Actor, report_id: int) -> None:
    report = session.get(GrantReport, report_id)
    if report is None:
        raise NotFound("This report is not there any more.")
    session.delete(report)
    session.flush()


# ---------------------------------------------------------------- one application


@dataclass(frozen=True)
class StatusStep:
    status: str
    on: date
    note: str
    recorded_by: str

    @property
    def words(self) -> str:
        note = f": {self.note}" if self.note else ""
        return f"{long_date(self.on, weekday=False)} — {STATUS_WORDS[self.status]}{note}"


@dataclass(frozen=True)
class InstalmentRow:
    instalment_id: int
    due_on: date
    amount_pence: int
    entry_id: int | None
    received_on: date | None  # the matched receipt's date
    received_pence: int | None  # the matched receipt's amount into the grant's fund


@dataclass(frozen=True)
class ReportRow:
    report_id: int
    due_on: date
    kind: str
    status: str
    sent_on: date | None
    note: str

    @property
    def kind_words(self) -> str:
        return REPORT_KIND_WORDS[self.kind]


@dataclass(frozen=True)
class ApplicationView:
    row: ApplicationRow
    funder_kind: str
    purpose: str
    pays_for: str
    opens_on: date | None
    funder_reference: str
    conditions: str
    fund_name: str
    notes: str
    writers: list[tuple[int, str]]  # (person id, name)
    session_names: list[str]
    activities: list[tuple[int, str]]
    history: list[StatusStep]
    instalments: list[InstalmentRow]
    reports: list[ReportRow]
    next_statuses: tuple[str, ...]

    @property
    def instalments_pence(self) -> int:
        return sum(i.amount_pence for i in self.instalments)

    @property
    def instalments_difference(self) -> int:
        """The award less what the instalments add up to (0 when they agree)."""
        if self.row.awarded_pence is None or not self.instalments:
            return 0
        return self.row.awarded_pence - self.instalments_pence


@allowed("grants.see")
def get_application(
    session: Session, actor: Actor, application_id: int, today: date
) -> ApplicationView:
    from clubapp.models.accounts import MoneyEntry, Split

    a = _application(session, application_id)
    funder = session.get(Funder, a.funder_id)
    assert funder is not None
    fund = session.get(Fund, a.fund_id) if a.fund_id else None
    writers = [
        (pid, name)
        for pid, name in session.execute(
            select(Person.id, Person.full_name)
            .join(GrantWriter, GrantWriter.person_id == Person.id)
            .where(GrantWriter.application_id == a.id)
            .order_by(Person.full_name)
        )
    ]
    session_names = list(
        session.scalars(
            select(GrantSession.session_name)
            .where(GrantSession.application_id == a.id)
            .order_by(func.lower(GrantSession.session_name))
        )
    )
    activities = [
        (aid, name)
        for aid, name in session.execute(
            select(Activity.id, Activity.name)
            .join(GrantActivity, GrantActivity.activity_id == Activity.id)
            .where(GrantActivity.application_id == a.id)
            .order_by(Activity.name)
        )
    ]
    history = [
        StatusStep(c.status, c.on, c.note, c.recorded_by)
        for c in session.scalars(
            select(GrantStatusChange)
            .where(GrantStatusChange.application_id == a.id)
            .order_by(GrantStatusChange.on, GrantStatusChange.id)
        )
    ]
    into_fund = (
        select(func.coalesce(func.sum(Split.amount_pence), 0))
        .where(Split.entry_id == MoneyEntry.id, Split.fund_id == (a.fund_id or 0))
        .correlate(MoneyEntry)
        .scalar_subquery()
    )
    instalments = [
        InstalmentRow(
            i.id, i.due_on, i.amount_pence, i.entry_id, on, None if i.entry_id is None else received
        )
        for i, on, received in session.execute(
            select(GrantInstalment, MoneyEntry.on, into_fund)
            .outerjoin(MoneyEntry, MoneyEntry.id == GrantInstalment.entry_id)
            .where(GrantInstalment.application_id == a.id)
            .order_by(GrantInstalment.due_on, GrantInstalment.id)
        )
    ]
    reports = [
        ReportRow(r.id, r.due_on, r.kind, r.status, r.sent_on, r.note)
        for r in session.scalars(
            select(GrantReport)
            .where(GrantReport.application_id == a.id)
            .order_by(GrantReport.due_on, GrantReport.id)
        )
    ]
    return ApplicationView(
        row=_row(a, funder.name, today),
        funder_kind=funder.kind,
        purpose=a.purpose,
        pays_for=a.pays_for,
        opens_on=a.opens_on,
        funder_reference=a.funder_reference,
        conditions=a.conditions,
        fund_name=fund.name if fund else "",
        notes=a.notes,
        writers=writers,
        session_names=session_names,
        activities=activities,
        history=history,
        instalments=instalments,
        reports=reports,
        next_statuses=NEXT_STATUSES[a.status],
    )


def instalments_words(view: ApplicationView) -> str:
    """Whether the payments expected add up to the award, in words."""
    if view.row.awarded_pence is None:
        return ""
    if not view.instalments:
        return "No payments are listed yet. Add the payments the funder said it would make."
    return payments_against_award(view.instalments_pence, view.row.awarded_pence)


def payments_against_award(total: int, awarded: int) -> str:
    """ "The payments add up to the award, £1,500.00." or the difference, in words."""
    difference = awarded - total
    if difference == 0:
        return f"The payments add up to the award, {pounds(total)}."
    less_more = "less" if difference > 0 else "more"
    return (
        f"The payments add up to {pounds(total)}: {pounds(abs(difference))} {less_more} than "
        f"the award of {pounds(awarded)}. Check them against the funder's letter."
    )


def over_asked_words(row: ApplicationRow) -> str:
    """Awarding more than was asked for is allowed, but worth a second look."""
    extra = row.over_asked_pence
    if not extra:
        return ""
    assert row.asked_pence is not None
    return (
        f"The award is {pounds(extra)} more than the {pounds(row.asked_pence)} asked for. "
        "Check the amount against the funder's letter."
    )


@allowed("grants.see")
def session_names(session: Session, actor: Actor) -> list[str]:
    """The names of the club's sessions, for choosing which a grant pays for."""
    from clubapp.models.attendance import ClubSession

    return list(session.scalars(select(ClubSession.name).distinct().order_by(ClubSession.name)))


@internal
def paid_for(session: Session, application_id: int) -> tuple[list[str], list[int]]:
    """The session names (lower case) and activity ids the grant pays for; neither: it
    pays for the club as a whole."""
    if session.get(GrantApplication, application_id) is None:
        raise NotFound("This grant is not there any more.")
    names = [
        n.lower()
        for n in session.scalars(
            select(GrantSession.session_name).where(GrantSession.application_id == application_id)
        )
    ]
    activity_ids = list(
        session.scalars(
            select(GrantActivity.activity_id).where(GrantActivity.application_id == application_id)
        )
    )
    return names, activity_ids


def is_paid_for(names: Sequence[str], activity_ids: Sequence[int]) -> ColumnElement[bool]:
    """A club session with one of these names (any case) or activities."""
    return or_(
        func.lower(ClubSession.name).in_(names),
        ClubSession.id.in_(
            select(ProgrammeEntry.session_id).where(ProgrammeEntry.activity_id.in_(activity_ids))
        ),
    )
