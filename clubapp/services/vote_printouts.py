"""Gather the rows for a vote's result sheet and the printed programme ("What's on").

The printing package (and ReportLab) is imported only when a printout is made.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.votes import Activity, Ballot, BallotOption
from clubapp.services import club, programme, vote_results
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.permissions import Actor, allowed

NO_SUCH_BALLOT = "There is no vote with that number."
MAX_PROGRAMME_DAYS = 366  # a printed programme covers a year at most


@allowed("votes.see")
def results(session: Session, actor: Actor, ballot_id: int, today: date) -> bytes:
    """The one-page result sheet of a closed vote. Who chose what is never printed."""
    from clubapp.printing.votes import ResultChoice, ResultSheet, results_pdf

    ballot = session.get(Ballot, ballot_id)
    if ballot is None:
        raise NotFound(NO_SUCH_BALLOT)
    # vote_results refuses an open secret or named vote itself; a show of hands shows
    # its counts while open, but a printed result is for a finished vote only.
    result = vote_results.results(session, actor, ballot_id)
    if ballot.status == "open":
        raise NotAllowed("Close the vote first; then print its result.")
    photos = dict(
        session.execute(
            select(BallotOption.id, BallotOption.photo).where(
                BallotOption.ballot_id == ballot_id, BallotOption.photo.is_not(None)
            )
        ).all()
    )
    sheet = ResultSheet(
        club_name=club.club_name(session) or "",
        question=result.ballot.question,
        where_words=result.ballot.where_words,
        method=result.ballot.method,
        each_in_turn=result.ballot.each_in_turn,
        headline=result.headline,
        details=result.details,
        choices=tuple(
            ResultChoice(
                words=line.words,
                picture=line.picture,
                photo=photos.get(line.option_id),
                votes=line.votes,
                no=line.no,
                not_sure=line.not_sure,
                winner=line.option_id in result.winners,
            )
            for line in result.lines
        ),
        voted=result.voted,
        eligible=result.eligible,
    )
    return results_pdf(sheet, today)


@allowed("programme.see")
def programme_pdf(
    session: Session, actor: Actor, date_from: date, date_to: date, today: date
) -> bytes:
    """What's on: the club sessions from ``date_from`` to ``date_to`` with their
    activities, for members to take home."""
    from clubapp.printing.programme import ProgrammeActivity, ProgrammeSession
    from clubapp.printing.programme import programme_pdf as make_pdf

    days = programme.programme(session, actor, date_from, date_to)
    if (date_to - date_from).days >= MAX_PROGRAMME_DAYS:
        raise ValidationError(
            "date_to", "Print the programme for a year at most. Choose an earlier end date."
        )
    wanted = {item.activity_id for day in days for item in day.activities if item.has_photo}
    photos: dict[int, bytes] = {}
    if wanted:
        photos = {
            activity_id: photo
            for activity_id, photo in session.execute(
                select(Activity.id, Activity.photo).where(Activity.id.in_(wanted))
            )
            if photo is not None
        }
    sessions = [
        ProgrammeSession(
            on_date=day.on_date,
            name=day.name,
            start_time=day.start_time,
            activities=tuple(
                ProgrammeActivity(
                    name=item.name,
                    picture=item.picture,
                    photo=photos.get(item.activity_id),
                    description=item.description,
                    leader=item.leader,
                    cost_words=item.cost_words if item.cost_pence else "",
                    chosen_words=item.chosen_words,
                    note=item.note,
                )
                for item in day.activities
            ),
        )
        for day in days
    ]
    return make_pdf(club.club_name(session) or "", date_from, date_to, sessions, today)
