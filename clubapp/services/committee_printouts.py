"""Gather the rows for the committee's printouts and a member's About me page.

Everything a committee printout shows comes through services.meetings and
services.minutes, which never hand out a private note or a hidden name. The printing
package (and ReportLab) is imported only when a printout is made.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from clubapp.models.members import Person, PersonPhoto
from clubapp.services import club, meetings, notes
from clubapp.services import minutes as minutes_service
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.members import has_consent
from clubapp.services.permissions import Actor, allowed

if TYPE_CHECKING:
    from clubapp.printing.committee import MeetingHeader, MinutesDoc


def _header(session: Session, detail: meetings.MeetingDetail) -> MeetingHeader:
    from clubapp.printing.committee import MeetingHeader

    return MeetingHeader(
        club_name=club.club_name(session) or "",
        kind_words=detail.kind_words,
        on_date=detail.on_date,
        start_time=detail.start_time,
        place=detail.place,
        chair=detail.chair,
    )


def _action_words(action: meetings.ActionRow) -> str:
    words = action.what
    if action.who:
        words += f" ({action.who}"
        words += f", by {long_date(action.due_on, weekday=False)})" if action.due_on else ")"
    elif action.due_on:
        words += f" (by {long_date(action.due_on, weekday=False)})"
    return words


@allowed("committee.see")
def agenda(
    session: Session, actor: Actor, meeting_id: int, today: date, easy_read: bool = False
) -> bytes:
    from clubapp.printing.committee import AgendaLine, agenda_pdf

    detail = meetings.get_meeting(session, actor, meeting_id)
    lines = []
    for number, item in enumerate(detail.items, start=1):
        details = item.details
        if item.follows_up:
            still_open = "; ".join(_action_words(a) for a in item.follows_up)
            details = f"{details}\n{'Still to do: ' + still_open}".strip()
        lines.append(
            AgendaLine(
                number=number,
                title=item.title,
                details=details,
                presenter=item.presenter,
                planned_minutes=item.planned_minutes,
                standing_code=item.standing_code,
                from_members=item.from_members,
            )
        )
    return agenda_pdf(_header(session, detail), lines, today, easy_read=easy_read)


@allowed("committee.see")
def minutes_doc(session: Session, actor: Actor, meeting_id: int) -> MinutesDoc:
    """The printable minutes of a meeting, draft or approved."""
    from clubapp.printing.committee import (
        ActionLine,
        DecisionLine,
        MinutesCorrectionLine,
        MinutesDoc,
        MinutesItem,
    )

    detail = meetings.get_meeting(session, actor, meeting_id)

    def names(status: str) -> tuple[str, ...]:
        return tuple(a.name for a in detail.attendees if a.status == status)

    items = []
    for number, item in enumerate(detail.items, start=1):
        items.append(
            MinutesItem(
                number=number,
                title=item.title,
                discussion=item.discussion,
                decisions=tuple(
                    DecisionLine(
                        motion=d.motion,
                        proposer=d.proposer,
                        seconder=d.seconder,
                        votes_for=d.votes_for,
                        votes_against=d.votes_against,
                        abstentions=d.abstentions,
                        outcome_words=d.outcome_words,
                    )
                    for d in detail.decisions_for(item.item_id)
                ),
                actions=tuple(
                    ActionLine(a.what, a.who, a.due_on, a.done_on)
                    for a in detail.actions_for(item.item_id)
                ),
                reviewed=tuple(
                    ActionLine(a.what, a.who, a.due_on, a.done_on) for a in item.follows_up
                ),
            )
        )
    loose_decisions = [d for d in detail.decisions if d.item_id is None]
    loose_actions = [a for a in detail.actions if a.item_id is None]
    if loose_decisions or loose_actions:
        items.append(
            MinutesItem(
                number=len(items) + 1,
                title="Other decisions and action points",
                discussion="",
                decisions=tuple(
                    DecisionLine(
                        d.motion,
                        d.proposer,
                        d.seconder,
                        d.votes_for,
                        d.votes_against,
                        d.abstentions,
                        d.outcome_words,
                    )
                    for d in loose_decisions
                ),
                actions=tuple(
                    ActionLine(a.what, a.who, a.due_on, a.done_on) for a in loose_actions
                ),
            )
        )
    if detail.minutes_approved_on is None:
        status = "Draft: to be approved at the next meeting."
    else:
        status = (
            f"Approved at the meeting on {long_date(detail.minutes_approved_on, weekday=False)}."
        )
    return MinutesDoc(
        header=_header(session, detail),
        present=names("present"),
        apologies=names("apologies"),
        guests=names("guest"),
        quorum_words=detail.quorum.words,
        items=tuple(items),
        status_words=status,
        corrections=tuple(
            MinutesCorrectionLine(c.agreed_on, c.text)
            for c in minutes_service.corrections(session, actor, meeting_id)
        ),
    )


@allowed("committee.see")
def minutes(
    session: Session, actor: Actor, meeting_id: int, today: date, easy_read: bool = False
) -> bytes:
    from clubapp.printing.committee import minutes_pdf

    return minutes_pdf(minutes_doc(session, actor, meeting_id), today, easy_read=easy_read)


@allowed("committee.see")
def you_said_we_did(
    session: Session, actor: Actor, date_from: date, date_to: date, today: date
) -> bytes:
    from clubapp.printing.committee import YouSaidLine, you_said_we_did_pdf

    lines = [
        YouSaidLine(
            raised_on=y.raised_on,
            kind_words=y.kind_words,
            who=y.who,
            you_said=y.you_said,
            we_decided=y.we_decided,
            what_happened=y.what_happened,
            agenda_on=y.agenda_on,
            praise=y.kind == "praise",
        )
        for y in minutes_service.you_said_we_did(session, actor, date_from, date_to)
    ]
    return you_said_we_did_pdf(club.club_name(session) or "", date_from, date_to, lines, today)


ACCESS_WORDS = (
    ("mobility", "Getting about"),
    ("hearing", "Hearing"),
    ("sight", "Sight"),
    ("diet", "Food and drink"),
)


@allowed("about_me.print")
def about_me(session: Session, actor: Actor, person_id: int, today: date) -> bytes:
    """A one-page profile for volunteers, only with the person's consent to share it.

    It holds what the member agreed to share with their name: notes shared "with the
    name", their access needs and communication tips, and their photo if they agreed
    to photos.
    """
    from clubapp.printing.notes import AboutMe, about_me_pdf

    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("This person is not in the club's records any more.")
    name = person.known_as or person.full_name
    if not has_consent(session, person_id, "about_me", today):
        raise ValidationError(
            "about_me",
            f"{name} has not agreed to an About me page for volunteers. If they agree, "
            f"record it on {name}'s page under Consent, then print it.",
        )
    # Picture conversations print as their pictures, and only those shared with the
    # name, like the notes: the latest on each topic (an older one has been superseded).
    from clubapp.services import conversation_printouts, conversations

    pictured = [
        detail
        for detail in conversations.latest_per_topic(session, actor, person_id)
        if detail.visibility == "committee_named"
    ]
    shared = [
        row
        for row in notes.list_notes(session, actor, person_id=person_id, current_only=True)
        if row.visibility == "committee_named" and row.conversation_id is None
    ]

    def texts(kind: str) -> tuple[str, ...]:
        return tuple(row.text for row in shared if row.kind == kind)

    photo = None
    if has_consent(session, person_id, "photos", today):
        stored = session.get(PersonPhoto, person_id)
        photo = stored.image if stored is not None else None
    about = AboutMe(
        name=name,
        full_name=person.full_name,
        photo=photo,
        likes=texts("likes"),
        dislikes=texts("dislikes"),
        needs=texts("need"),
        communication_tips=person.communication_tips,
        access=tuple(
            (words, getattr(person, field))
            for field, words in ACCESS_WORDS
            if getattr(person, field).strip()
        ),
        conversations=tuple(conversation_printouts.printed_conversations(session, pictured)),
    )
    return about_me_pdf(club.club_name(session) or "", about, today)
