"""Decisions with their counts and outcome, and the action points that follow them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from clubapp.models.committee import ActionPoint, AgendaItem, Decision, Meeting
from clubapp.models.members import Person
from clubapp.services import club, committee, fields
from clubapp.services.errors import NotAllowed, NotFound, ValidationError, collect_errors
from clubapp.services.meetings import (
    bring_back_to_later_meetings,
    editable_meeting,
    meeting_quorum,
    present_ids,
)
from clubapp.services.permissions import Actor, allowed


@dataclass(frozen=True)
class Outcome:
    carried: bool
    words: str


def outcome(
    votes_for: int,
    votes_against: int,
    abstentions: int,
    *,
    chair_has_casting_vote: bool,
    casting: str | None = None,
) -> Outcome:
    """The result of a vote by the usual rule: more for than against carries it.

    Abstentions do not count either way. On a tie the chair's casting vote (``"for"``
    or ``"against"``) decides when the constitution gives one; without one, a tied
    motion is not carried.
    """
    errors = {}
    for name, value in (
        ("votes_for", votes_for),
        ("votes_against", votes_against),
        ("abstentions", abstentions),
    ):
        if value < 0:
            errors[name] = "A count cannot be less than 0."
    if errors:
        raise ValidationError(errors)
    if votes_for + votes_against + abstentions == 0:
        raise ValidationError(
            "votes_for", "Enter how many said yes, how many said no and how many were not sure."
        )
    if votes_for == votes_against == 0:
        # Everyone was not sure: no tie to break, and nothing agreed.
        if casting is not None:
            raise ValidationError(
                "casting", "Nobody voted for or against, so there is no tie to break."
            )
        return Outcome(False, "Not carried: nobody voted for or against")
    if votes_for != votes_against:
        if casting is not None:
            raise ValidationError(
                "casting", "The votes are not tied, so the chair has no casting vote to use."
            )
        carried = votes_for > votes_against
        return Outcome(carried, "Carried" if carried else "Not carried")
    if not chair_has_casting_vote:
        if casting is not None:
            raise ValidationError(
                "casting", "The club's constitution gives the chair no casting vote."
            )
        return Outcome(False, "Not carried: the votes were tied")
    if casting not in ("for", "against"):
        raise ValidationError(
            "casting",
            "The votes are tied. The chair has a casting vote: choose how the chair votes.",
        )
    carried = casting == "for"
    return Outcome(
        carried,
        "Carried on the chair's casting vote"
        if carried
        else "Not carried on the chair's casting vote",
    )


@dataclass(frozen=True)
class DecisionInput:
    motion: str
    votes_for: int
    votes_against: int
    abstentions: int
    item_id: int | None = None
    proposer_id: int | None = None
    seconder_id: int | None = None
    casting: str | None = None
    ballot_id: int | None = None  # the vote the counts came from, if there was one


@allowed("committee.run")
def record_decision(session: Session, actor: Actor, meeting_id: int, data: DecisionInput) -> int:
    """Save a decision; refused when the meeting is not quorate or the counts cannot be."""
    meeting = editable_meeting(session, actor, meeting_id)

    def motion() -> None:
        if not data.motion.strip():
            raise ValidationError("motion", "Type the motion: what the meeting is deciding.")
        fields.text(data.motion, "motion", "motion")

    def people() -> None:
        for field, pid in (("proposer_id", data.proposer_id), ("seconder_id", data.seconder_id)):
            if pid is not None and session.get(Person, pid) is None:
                raise ValidationError(field, "Choose the person again.")
        if data.proposer_id is not None and data.proposer_id == data.seconder_id:
            raise ValidationError(
                "seconder_id", "The seconder must be someone other than the proposer."
            )

    def item() -> None:
        if data.item_id is not None:
            found = session.get(AgendaItem, data.item_id)
            if found is None or found.meeting_id != meeting_id:
                raise ValidationError("item_id", "Choose the agenda item again.")

    def ballot() -> None:
        if data.ballot_id is None:
            return
        from clubapp.services.vote_results import ballot_for_decision

        try:
            voted = ballot_for_decision(session, actor, data.ballot_id)
        except (NotAllowed, NotFound) as exc:
            raise ValidationError("ballot_id", str(exc)) from exc
        if voted.ballot.meeting_id != meeting_id:
            raise ValidationError("ballot_id", "That vote was taken at another meeting.")
        if (voted.votes_for, voted.votes_against, voted.abstentions) != (
            data.votes_for,
            data.votes_against,
            data.abstentions,
        ):
            raise ValidationError(
                "votes_for",
                f"The vote counted {voted.votes_for} for, {voted.votes_against} against and "
                f"{voted.abstentions} not sure: the decision keeps those counts.",
            )

    errors = collect_errors(motion, people, item, ballot)
    quorum = meeting_quorum(session, meeting_id)
    if not quorum.quorate:
        errors["meeting"] = quorum.words + " Mark who is present first."
    votes = data.votes_for + data.votes_against + data.abstentions
    allowed = quorum.present if quorum.counts_trustees else len(present_ids(session, meeting_id))
    if quorum.quorate and votes > allowed:
        who = "trustees" if quorum.counts_trustees else "people"
        errors.setdefault(
            "votes_for",
            f"That is {votes} votes, but only {allowed} {who} are marked present. "
            "Check the counts.",
        )
    try:
        result = outcome(
            data.votes_for,
            data.votes_against,
            data.abstentions,
            chair_has_casting_vote=bool(club.get_int(session, "chair_casting_vote")),
            casting=data.casting,
        )
    except ValidationError as exc:
        for field, message in exc.errors.items():
            errors.setdefault(field, message)
        result = None
    if errors or result is None:
        raise ValidationError(errors)
    decision = Decision(
        meeting_id=meeting.id,
        item_id=data.item_id,
        motion=data.motion.strip(),
        proposer_id=data.proposer_id,
        seconder_id=data.seconder_id,
        votes_for=data.votes_for,
        votes_against=data.votes_against,
        abstentions=data.abstentions,
        casting=data.casting,
        carried=result.carried,
    )
    session.add(decision)
    committee.fix_quorum(session, meeting, present_ids(session, meeting_id))
    session.flush()
    if data.ballot_id is not None:
        from clubapp.services.votes import link_decision

        link_decision(session, data.ballot_id, decision.id)
    return decision.id


@allowed("committee.run")
def set_what_happened(session: Session, actor: Actor, decision_id: int, text: str) -> None:
    """What came of a decision, for "you said, we did". Allowed after the minutes are approved:
    it is not part of them."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("This decision is not there any more.")
    fields.text(text, "what_happened", "what happened")
    decision.what_happened = text.strip()


# ---------------------------------------------------------------- action points


@dataclass(frozen=True)
class ActionInput:
    what: str
    who_id: int | None = None
    due_on: date | None = None
    item_id: int | None = None
    decision_id: int | None = None


@allowed("committee.run")
def add_action(session: Session, actor: Actor, meeting_id: int, data: ActionInput) -> int:
    meeting = editable_meeting(session, actor, meeting_id)

    def what() -> None:
        if not data.what.strip():
            raise ValidationError("what", "Type what needs doing.")
        fields.text(data.what, "what", "action point")

    def who() -> None:
        if data.who_id is not None and session.get(Person, data.who_id) is None:
            raise ValidationError("who_id", "Choose who will do it again.")

    def when() -> None:
        if data.due_on is not None and data.due_on < meeting.on_date:
            raise ValidationError("due_on", "The date is before the meeting. Check it.")

    def links() -> None:
        if data.item_id is not None:
            found = session.get(AgendaItem, data.item_id)
            if found is None or found.meeting_id != meeting_id:
                raise ValidationError("item_id", "Choose the agenda item again.")
        if data.decision_id is not None:
            decision = session.get(Decision, data.decision_id)
            if decision is None or decision.meeting_id != meeting_id:
                raise ValidationError("decision_id", "Choose the decision again.")

    errors = collect_errors(what, who, when, links)
    if errors:
        raise ValidationError(errors)
    action = ActionPoint(
        meeting_id=meeting_id,
        item_id=data.item_id,
        decision_id=data.decision_id,
        what=data.what.strip(),
        who_id=data.who_id,
        due_on=data.due_on,
    )
    session.add(action)
    session.flush()
    bring_back_to_later_meetings(session, meeting.on_date)
    return action.id


@allowed("committee.run")
def set_action_done(session: Session, actor: Actor, action_id: int, done_on: date | None) -> None:
    """Mark an action point done on a day (or not done). Allowed after the minutes are
    approved: the minutes record what was agreed, this records what happened next."""
    action = session.get(ActionPoint, action_id)
    if action is None:
        raise NotFound("This action point is not there any more.")
    action.done_on = done_on
    if done_on is None:  # not done after all: it comes back at the meetings still to come
        session.flush()
        raised_at = session.get(Meeting, action.meeting_id)
        if raised_at is not None:
            bring_back_to_later_meetings(session, raised_at.on_date)
