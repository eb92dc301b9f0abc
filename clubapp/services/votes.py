"""Ballots: a committee decision (Yes / No / Not sure), an activity choice (2 to 5
pictures) or an election; who may vote, casting votes, counts entered from a show of
hands, closing, and the results in plain words.

Who may vote comes from attendance: the trustees marked present at a committee
meeting, everyone marked present at a members' meeting or AGM, the members who came
to a club session. One vote per person per ballot: checked here, and the database's
primary key on ``ballot_voters`` refuses a second one whatever happens.

A secret ballot keeps who voted (so nobody votes twice) and the counts, and nothing
that ties the two together: no time, no order, no per-vote row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.attendance import Attendance, ClubSession
from clubapp.models.committee import AgendaItem, Meeting, MeetingAttendee
from clubapp.models.members import Person, PersonKind
from clubapp.models.votes import (
    Activity,
    Ballot,
    BallotChoice,
    BallotCount,
    BallotOption,
    BallotVoter,
)
from clubapp.pictures import picture_names
from clubapp.services import committee, fields
from clubapp.services.dates import long_date
from clubapp.services.errors import NotAllowed, NotFound, ValidationError, collect_errors
from clubapp.services.fields import IMAGE_MAGIC, PHOTO_MAX_BYTES
from clubapp.services.permissions import Actor, allowed, can, internal, require

KIND_WORDS = {
    "decision": "A decision",
    "activity": "An activity choice",
    "election": "An election",
}
METHOD_WORDS = {
    "secret": "Pass the laptop: a secret vote",
    "named": "Named: each voter's name is kept with their vote",
    "hands": "Show of hands: the chair counts",
}
# A decision's three choices, in the order they are shown, with their pictures.
DECISION_CHOICES = (("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure"))
ANSWER_WORDS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}
MIN_OPTIONS, MAX_OPTIONS = 2, 5  # DESIGN §2.5: at most five choices on a screen
MAX_OPTION_WORDS = 60  # a few words, at 28 pt on a tile
NO_SUCH_BALLOT = "This vote is not there any more."

Answer = tuple[int, str]  # (option id, "chosen" / "yes" / "no" / "not_sure")


@dataclass(frozen=True)
class OptionInput:
    words: str
    picture: str | None = None  # a name from the picture library
    photo: bytes | None = None
    activity_id: int | None = None
    person_id: int | None = None  # a candidate in an election


@dataclass(frozen=True)
class BallotInput:
    kind: str
    question: str
    options: tuple[OptionInput, ...] = ()  # none for a decision: Yes / No / Not sure
    method: str = "secret"
    meeting_id: int | None = None
    item_id: int | None = None
    session_id: int | None = None
    pick_many: bool = False  # activity choices: "pick all you like"
    seats: int = 1  # elections: how many places there are


@dataclass(frozen=True)
class OptionRow:
    option_id: int
    position: int
    words: str
    picture: str | None
    has_photo: bool
    code: str | None
    activity_id: int | None
    person_id: int | None


@dataclass(frozen=True)
class BallotRow:
    ballot_id: int
    kind: str
    question: str
    method: str
    pick_many: bool
    seats: int
    each_in_turn: bool
    status: str
    meeting_id: int | None
    item_id: int | None
    session_id: int | None
    decision_id: int | None
    where_words: str  # "Committee meeting, 3 November 2026" / "Wednesday Club, 4 December 2026"
    options: tuple[OptionRow, ...] = field(default=())

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def method_words(self) -> str:
        return METHOD_WORDS[self.method]

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def most_choices(self) -> int:
        """How many options one voter may choose (each in turn: one answer each)."""
        if self.kind == "election" and not self.each_in_turn:
            return self.seats
        if self.pick_many:
            return len(self.options)
        return 1


@dataclass(frozen=True)
class VoterRow:
    person_id: int
    name: str
    voted: bool
    supported_by: str  # "" unless a named vote was supported


# ---------------------------------------------------------------- reading


def _name(person: Person | None) -> str:
    return "" if person is None else (person.known_as or person.full_name)


@internal
def find_ballot(session: Session, ballot_id: int) -> Ballot:
    ballot = session.get(Ballot, ballot_id)
    if ballot is None:
        raise NotFound(NO_SUCH_BALLOT)
    return ballot


def _options(session: Session, ballot_id: int) -> list[BallotOption]:
    return list(
        session.scalars(
            select(BallotOption)
            .where(BallotOption.ballot_id == ballot_id)
            .order_by(BallotOption.position)
        )
    )


def _where_words(session: Session, ballot: Ballot) -> str:
    if ballot.meeting_id is not None:
        meeting = session.get(Meeting, ballot.meeting_id)
        if meeting is not None:
            kind = {
                "committee": "Committee meeting",
                "agm": "Annual general meeting",
                "members": "Members' meeting",
            }[meeting.kind]
            return f"{kind}, {long_date(meeting.on_date, weekday=False)}"
    if ballot.session_id is not None:
        club_session = session.get(ClubSession, ballot.session_id)
        if club_session is not None:
            return f"{club_session.name}, {long_date(club_session.on_date, weekday=False)}"
    return ""


@internal
def ballot_row(session: Session, ballot: Ballot) -> BallotRow:
    # Whether an option has a photo, without reading the photo itself.
    rows = session.execute(
        select(BallotOption, BallotOption.photo.is_not(None))
        .where(BallotOption.ballot_id == ballot.id)
        .order_by(BallotOption.position)
    )
    options = tuple(
        OptionRow(
            o.id,
            o.position,
            o.words,
            o.picture,
            bool(has_photo),
            o.code,
            o.activity_id,
            o.person_id,
        )
        for o, has_photo in rows
    )
    return BallotRow(
        ballot_id=ballot.id,
        kind=ballot.kind,
        question=ballot.question,
        method=ballot.method,
        pick_many=ballot.pick_many,
        seats=ballot.seats,
        each_in_turn=ballot.each_in_turn,
        status=ballot.status,
        meeting_id=ballot.meeting_id,
        item_id=ballot.item_id,
        session_id=ballot.session_id,
        decision_id=ballot.decision_id,
        where_words=_where_words(session, ballot),
        options=options,
    )


def _at_committee(session: Session, ballot: Ballot) -> bool:
    if ballot.meeting_id is None:
        return False
    meeting = session.get(Meeting, ballot.meeting_id)
    return meeting is not None and meeting.kind == "committee"


@allowed("votes.see")
def require_sight(session: Session, actor: Actor, ballot: Ballot) -> None:
    """A committee meeting's votes are the committee's business, like its minutes."""
    if _at_committee(session, ballot):
        require(actor, "committee.see")


@allowed("votes.run")
def require_running(session: Session, actor: Actor, ballot: Ballot) -> None:
    """Volunteers run members' votes at sessions; the committee runs its own votes."""
    if ballot.meeting_id is not None:
        require(actor, "committee.run")


@allowed("votes.see")
def get_ballot(session: Session, actor: Actor, ballot_id: int) -> BallotRow:
    ballot = find_ballot(session, ballot_id)
    require_sight(session, actor, ballot)
    return ballot_row(session, ballot)


@allowed("votes.see")
def list_ballots(session: Session, actor: Actor) -> list[BallotRow]:
    """Every ballot the person may see, open ones first, then newest first."""
    ballots = session.scalars(select(Ballot).order_by(Ballot.created_at.desc(), Ballot.id.desc()))
    sees_committee = can(actor, "committee.see")
    rows = [
        ballot_row(session, b) for b in ballots if sees_committee or not _at_committee(session, b)
    ]
    return sorted(rows, key=lambda r: not r.is_open)


@allowed("votes.see")
def option_photo(session: Session, actor: Actor, option_id: int) -> bytes | None:
    option = session.get(BallotOption, option_id)
    if option is None:
        return None
    require_sight(session, actor, find_ballot(session, option.ballot_id))
    return option.photo


# ---------------------------------------------------------------- who may vote


@internal
def eligible_ids(session: Session, ballot: Ballot) -> set[int]:
    if ballot.meeting_id is not None:
        meeting = session.get(Meeting, ballot.meeting_id)
        if meeting is None:
            return set()
        present = set(
            session.scalars(
                select(MeetingAttendee.person_id).where(
                    MeetingAttendee.meeting_id == meeting.id,
                    MeetingAttendee.status == "present",
                )
            )
        )
        if meeting.kind == "committee":
            return present & committee.trustee_ids(session, meeting.on_date)
        # At an AGM or members' meeting the club's members vote (trustees are members
        # of the charity too); carers, volunteers and visitors do not.
        voting_kinds = select(PersonKind.person_id).where(
            PersonKind.kind.in_(("member", "trustee"))
        )
        voting = set(session.scalars(voting_kinds))
        return present & (voting | committee.trustee_ids(session, meeting.on_date))
    came = select(Attendance.person_id).where(Attendance.session_id == ballot.session_id)
    members = select(PersonKind.person_id).where(PersonKind.kind == "member")
    return set(
        session.scalars(select(Person.id).where(Person.id.in_(came), Person.id.in_(members)))
    )


@allowed("votes.see")
def voters(session: Session, actor: Actor, ballot_id: int) -> list[VoterRow]:
    """Everyone who may vote, by name, and whether they have voted yet."""
    ballot = find_ballot(session, ballot_id)
    require_sight(session, actor, ballot)
    eligible = eligible_ids(session, ballot)
    voted = {
        v.person_id: v.supported_by_id
        for v in session.scalars(select(BallotVoter).where(BallotVoter.ballot_id == ballot_id))
    }
    people = session.scalars(select(Person).where(Person.id.in_(eligible | set(voted))))
    rows = [
        VoterRow(
            p.id,
            _name(p),
            p.id in voted,
            _name(session.get(Person, voted[p.id])) if voted.get(p.id) else "",
        )
        for p in people
    ]
    return sorted(rows, key=lambda r: r.name.casefold())


@allowed("votes.see")
def people_present(session: Session, actor: Actor, ballot_id: int) -> list[VoterRow]:
    """Everyone marked present where the vote is taken (carers and volunteers too), for
    saying who helped a voter."""
    ballot = find_ballot(session, ballot_id)
    require_sight(session, actor, ballot)
    if ballot.meeting_id is not None:
        present = select(MeetingAttendee.person_id).where(
            MeetingAttendee.meeting_id == ballot.meeting_id,
            MeetingAttendee.status.in_(("present", "guest")),
        )
    else:
        present = select(Attendance.person_id).where(Attendance.session_id == ballot.session_id)
    people = session.scalars(select(Person).where(Person.id.in_(present)))
    rows = [VoterRow(p.id, _name(p), False, "") for p in people]
    return sorted(rows, key=lambda r: r.name.casefold())


@dataclass(frozen=True)
class NamedChoice:
    name: str
    chose: str  # "Yes", "Singing and Quiz", "Gus Guest: yes; Joan Ford: no"
    helped_by: str


@allowed("votes.see")
def named_choices(session: Session, actor: Actor, ballot_id: int) -> list[NamedChoice]:
    """Who chose what in a named (open) vote, once it is closed. Never for a secret one."""
    ballot = find_ballot(session, ballot_id)
    require_sight(session, actor, ballot)
    if ballot.method != "named":
        raise NotAllowed("Only a named vote keeps who chose what.")
    if ballot.status == "open":
        raise NotAllowed("The count is shown once the vote is closed, so nobody is swayed.")
    words = {o.id: o.words for o in _options(session, ballot_id)}
    chosen: dict[int, list[str]] = {}
    for choice in session.scalars(
        select(BallotChoice)
        .where(BallotChoice.ballot_id == ballot_id)
        .order_by(BallotChoice.option_id)
    ):
        said = words.get(choice.option_id, "")
        if ballot.each_in_turn:
            said = f"{said}: {ANSWER_WORDS[choice.answer].lower()}"
        chosen.setdefault(choice.person_id, []).append(said)
    rows = []
    for voter in session.scalars(select(BallotVoter).where(BallotVoter.ballot_id == ballot_id)):
        person = session.get(Person, voter.person_id)
        helper = session.get(Person, voter.supported_by_id) if voter.supported_by_id else None
        glue = "; " if ballot.each_in_turn else " and "
        rows.append(
            NamedChoice(_name(person), glue.join(chosen.get(voter.person_id, [])), _name(helper))
        )
    return sorted(rows, key=lambda r: r.name.casefold())


# ---------------------------------------------------------------- making a ballot


def _check(session: Session, data: BallotInput, today: date) -> dict[str, str]:
    def kind() -> None:
        if data.kind not in KIND_WORDS:
            raise ValidationError("kind", "Choose what the vote is about.")

    def question() -> None:
        if not data.question.strip():
            raise ValidationError("question", "Type the question, in a few plain words.")
        fields.text(data.question, "question", "question")

    def method() -> None:
        if data.method not in METHOD_WORDS:
            raise ValidationError("method", "Choose how people vote.")

    def where() -> None:
        if data.meeting_id is None and data.session_id is None:
            raise ValidationError(
                "where",
                "Choose the meeting or the club session: the people marked present there "
                "are the ones who vote.",
            )
        if data.meeting_id is not None:
            meeting = session.get(Meeting, data.meeting_id)
            if meeting is None:
                raise ValidationError("where", "Choose the meeting again.")
            if meeting.on_date > today:
                raise ValidationError(
                    "where",
                    "That meeting has not happened yet: people vote at the meeting itself. "
                    "Choose today's meeting, or one already held.",
                )
            if meeting.minutes_approved_on is not None:
                raise ValidationError(
                    "where",
                    "That meeting's minutes are approved, so nothing more can be decided "
                    "at it. Choose a meeting still to come, or today's.",
                )
        if data.session_id is not None:
            club_session = session.get(ClubSession, data.session_id)
            if club_session is None:
                raise ValidationError("where", "Choose the club session again.")
            if club_session.on_date > today:
                raise ValidationError(
                    "where",
                    "That session has not happened yet: the members who come vote. Choose "
                    "today's session; the question can be about a later one.",
                )
        if data.kind in ("decision", "election") and data.meeting_id is None:
            raise ValidationError(
                "where", "Decisions and elections are taken at a meeting: choose the meeting."
            )
        if data.item_id is not None:
            item = session.get(AgendaItem, data.item_id)
            if item is None or item.meeting_id != data.meeting_id:
                raise ValidationError("where", "Choose the agenda item again.")

    def options() -> None:
        if data.kind == "decision":
            return
        count = len(data.options)
        if data.kind == "activity" and not MIN_OPTIONS <= count <= MAX_OPTIONS:
            raise ValidationError(
                "options", f"Give between {MIN_OPTIONS} and {MAX_OPTIONS} choices (now {count})."
            )
        if data.kind == "election" and not 1 <= count <= MAX_OPTIONS:
            raise ValidationError(
                "options",
                f"Give between 1 and {MAX_OPTIONS} candidates (now {count}): more would not "
                "fit on one screen.",
            )
        for number, option in enumerate(data.options, start=1):
            words = option.words.strip()
            if not words:
                raise ValidationError("options", f"Choice {number} needs a few words.")
            if len(words) > MAX_OPTION_WORDS:
                raise ValidationError(
                    "options",
                    f"Choice {number} is {len(words)} letters long; keep it to "
                    f"{MAX_OPTION_WORDS} so it fits on its button.",
                )
            if option.picture is not None and option.picture not in picture_names():
                raise ValidationError("options", f"Choose the picture for choice {number} again.")
            if option.photo is not None and (
                len(option.photo) > PHOTO_MAX_BYTES or not option.photo.startswith(IMAGE_MAGIC)
            ):
                raise ValidationError(
                    "options",
                    f"The photo for choice {number} is not a JPEG or PNG photo under 5 MB. "
                    "Choose another.",
                )
            if data.kind == "activity" and option.picture is None and option.photo is None:
                raise ValidationError(
                    "options", f"Choice {number} ({words}) needs a picture or a photo."
                )
            if data.kind == "election" and (
                option.person_id is None or session.get(Person, option.person_id) is None
            ):
                raise ValidationError("options", f"Choose the person for candidate {number}.")
            if option.activity_id is not None and session.get(Activity, option.activity_id) is None:
                raise ValidationError("options", f"Choose the activity for choice {number} again.")
        if data.kind == "election":
            people = [o.person_id for o in data.options]
            if len(set(people)) != len(people):
                raise ValidationError("options", "The same person is a candidate twice.")
        seen = [o.words.strip().casefold() for o in data.options]
        if len(set(seen)) != len(seen):
            raise ValidationError("options", "Two choices have the same words: change one.")

    def seats() -> None:
        if data.kind == "election" and not 1 <= data.seats <= MAX_OPTIONS:
            raise ValidationError("seats", "Say how many places there are, from 1 to 5.")

    return collect_errors(kind, question, method, where, options, seats)


@allowed("votes.run")
def create_ballot(
    session: Session, actor: Actor, data: BallotInput, today: date | None = None
) -> int:
    """Open a new ballot. A decision gets Yes / No / Not sure; an election where there
    are no more candidates than places asks about each candidate in turn."""
    if data.kind in ("decision", "election") or data.meeting_id is not None:
        require(actor, "committee.run")
    errors = _check(session, data, today or date.today())
    if errors:
        raise ValidationError(errors)
    each_in_turn = data.kind == "election" and len(data.options) <= data.seats
    ballot = Ballot(
        kind=data.kind,
        question=" ".join(data.question.split()),
        method=data.method,
        pick_many=data.kind == "activity" and data.pick_many,
        seats=data.seats if data.kind == "election" else 1,
        each_in_turn=each_in_turn,
        meeting_id=data.meeting_id,
        item_id=data.item_id,
        session_id=data.session_id if data.meeting_id is None else None,
    )
    session.add(ballot)
    session.flush()
    if data.kind == "decision":
        for position, (code, words) in enumerate(DECISION_CHOICES):
            session.add(
                BallotOption(
                    ballot_id=ballot.id, position=position, words=words, picture=code, code=code
                )
            )
    else:
        for position, option in enumerate(data.options):
            session.add(
                BallotOption(
                    ballot_id=ballot.id,
                    position=position,
                    words=" ".join(option.words.split()),
                    picture=option.picture,
                    photo=option.photo,
                    activity_id=option.activity_id,
                    person_id=option.person_id,
                )
            )
    session.flush()
    # Every count exists from the start (see BallotCount), so a vote only updates.
    answers = tuple(ANSWER_WORDS) if each_in_turn else ("chosen",)
    for made in _options(session, ballot.id):
        for answer in answers:
            session.add(BallotCount(option_id=made.id, answer=answer, votes=0))
    session.flush()
    return ballot.id


# ---------------------------------------------------------------- voting


def _open_ballot(session: Session, ballot_id: int) -> Ballot:
    ballot = find_ballot(session, ballot_id)
    if ballot.status != "open":
        raise NotAllowed("This vote is closed: no more votes can be counted.")
    return ballot


def _still_taking_votes(session: Session, ballot: Ballot, today: date | None) -> None:
    """The meeting may have been moved, or its minutes approved, since the vote began."""
    if ballot.meeting_id is None:
        return
    meeting = session.get(Meeting, ballot.meeting_id)
    if meeting is None:
        raise NotFound(NO_SUCH_BALLOT)
    if meeting.minutes_approved_on is not None:
        raise NotAllowed("That meeting's minutes are approved: no more votes can be counted.")
    if meeting.on_date > (today or date.today()):
        raise NotAllowed("That meeting has not happened yet: people vote at the meeting itself.")


def _check_answers(ballot: Ballot, options: list[BallotOption], answers: Sequence[Answer]) -> None:
    ids = {o.id for o in options}
    if any(option_id not in ids for option_id, _ in answers):
        raise ValidationError("answers", "That choice is not on this vote. Choose again.")
    if len({option_id for option_id, _ in answers}) != len(answers):
        raise ValidationError("answers", "A choice was counted twice. Choose again.")
    if ballot.each_in_turn:
        if {option_id for option_id, _ in answers} != ids or any(
            answer not in ANSWER_WORDS for _, answer in answers
        ):
            raise ValidationError(
                "answers", "Answer yes, no or not sure for every candidate, one at a time."
            )
        return
    if any(answer != "chosen" for _, answer in answers):
        raise ValidationError("answers", "Choose again.")
    most = ballot.seats if ballot.kind == "election" else len(ids) if ballot.pick_many else 1
    if not 1 <= len(answers) <= most:
        if not answers:
            raise ValidationError("answers", "Choose something first.")
        raise ValidationError(
            "answers",
            "Choose one." if most == 1 else f"Choose up to {most}; you chose {len(answers)}.",
        )


def _add_votes(session: Session, option_id: int, answer: str, votes: int) -> None:
    count = session.get(BallotCount, (option_id, answer))
    if count is None:  # made with the ballot; never made here (see BallotCount)
        raise ValidationError("answers", "That answer is not on this vote. Choose again.")
    count.votes += votes


@allowed("votes.run")
def cast_vote(
    session: Session,
    actor: Actor,
    ballot_id: int,
    person_id: int,
    answers: Sequence[Answer],
    supported_by_id: int | None = None,
    *,
    today: date | None = None,
) -> None:
    """Count one person's vote. Refused when the vote is closed, when they are not
    among those present, or when they have voted already."""
    ballot = _open_ballot(session, ballot_id)
    require_running(session, actor, ballot)
    _still_taking_votes(session, ballot, today)
    if ballot.method == "hands":
        raise NotAllowed("This vote is by a show of hands: enter the counts instead.")
    voter = session.get(Person, person_id)
    if voter is None or person_id not in eligible_ids(session, ballot):
        raise NotAllowed(
            f"{_name(voter) or 'This person'} is not marked present, so cannot vote on this. "
            "Mark them present first."
        )
    if session.get(BallotVoter, (ballot_id, person_id)) is not None:
        raise NotAllowed(f"{_name(voter)} has voted already. Each person votes once.")
    if supported_by_id is not None:
        if ballot.method != "named":
            raise ValidationError(
                "supported_by_id", "Support is written down only in a named vote."
            )
        if supported_by_id == person_id or session.get(Person, supported_by_id) is None:
            raise ValidationError("supported_by_id", "Choose who helped, someone else.")
    _check_answers(ballot, _options(session, ballot_id), answers)
    session.add(
        BallotVoter(ballot_id=ballot_id, person_id=person_id, supported_by_id=supported_by_id)
    )
    for option_id, answer in answers:
        _add_votes(session, option_id, answer, 1)
        if ballot.method == "named":
            session.add(
                BallotChoice(
                    ballot_id=ballot_id, person_id=person_id, option_id=option_id, answer=answer
                )
            )
    session.flush()


@allowed("votes.run")
def set_hand_counts(
    session: Session,
    actor: Actor,
    ballot_id: int,
    counts: Mapping[Answer, int],
    *,
    today: date | None = None,
) -> None:
    """The counts of a show of hands, as the chair calls them (replacing earlier ones)."""
    ballot = _open_ballot(session, ballot_id)
    require_running(session, actor, ballot)
    _still_taking_votes(session, ballot, today)
    if ballot.method != "hands":
        raise NotAllowed("People vote one by one in this vote; the counts add up by themselves.")
    options = _options(session, ballot_id)
    ids = {o.id for o in options}
    allowed = ANSWER_WORDS if ballot.each_in_turn else {"chosen": ""}
    for (option_id, answer), votes in counts.items():
        if option_id not in ids or answer not in allowed:
            raise ValidationError("counts", "That count is not for this vote.")
        if votes < 0:
            raise ValidationError("counts", "A count cannot be less than 0.")
    present = len(eligible_ids(session, ballot))
    questions: dict[int, int] = {}
    for (option_id, _answer), votes in counts.items():
        key = option_id if ballot.each_in_turn else 0
        questions[key] = questions.get(key, 0) + votes
    per_person = ballot.seats if ballot.kind == "election" and not ballot.each_in_turn else 1
    if ballot.pick_many:
        per_person = len(options)
    single = max(counts.values(), default=0)
    if single > present:
        who = "person is" if present == 1 else "people are"
        raise ValidationError(
            "counts",
            f"That is {single} hands for one choice, but only {present} {who} marked "
            "present. Count again.",
        )
    most = max(questions.values(), default=0)
    if most > present * per_person:
        who = "person is" if present == 1 else "people are"
        raise ValidationError(
            "counts",
            f"That is {most} hands, but only {present} {who} marked present. Count again.",
        )
    for option in options:
        for answer in allowed:
            found = session.get(BallotCount, (option.id, answer))
            votes = counts.get((option.id, answer), 0)
            if found is None:
                session.add(BallotCount(option_id=option.id, answer=answer, votes=votes))
            else:
                found.votes = votes
    session.flush()


@allowed("votes.run")
def close_ballot(session: Session, actor: Actor, ballot_id: int) -> None:
    """No more votes: the results can be seen."""
    from clubapp.models.base import utcnow

    ballot = _open_ballot(session, ballot_id)
    require_running(session, actor, ballot)
    ballot.status = "closed"
    ballot.closed_at = utcnow()


@internal
def link_decision(session: Session, ballot_id: int, decision_id: int) -> None:
    """Called by the decisions service as it saves the decision a ballot took."""
    find_ballot(session, ballot_id).decision_id = decision_id
