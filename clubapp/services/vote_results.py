"""The result of a ballot in numbers and plain words: "Most people chose: Crafternoon",
"Agreed: 5 for, 1 against, 1 not sure", who was elected, and ties said plainly."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.votes import BallotCount, BallotOption, BallotVoter
from clubapp.services.errors import NotAllowed
from clubapp.services.permissions import Actor, allowed
from clubapp.services.votes import (
    Answer,
    BallotRow,
    ballot_row,
    eligible_ids,
    find_ballot,
    require_sight,
)
from clubapp.services.words import and_words


@dataclass(frozen=True)
class ResultLine:
    option_id: int
    words: str
    picture: str | None
    code: str | None
    votes: int  # "chosen", or yes for each-in-turn
    no: int = 0
    not_sure: int = 0


@dataclass(frozen=True)
class BallotResult:
    ballot: BallotRow
    lines: tuple[ResultLine, ...]
    voted: int  # people who voted (a show of hands: the most hands counted on a question)
    eligible: int
    headline: str  # "Most people chose: Crafternoon" / "Agreed: 5 for, 1 against, 1 not sure"
    details: tuple[str, ...]  # one line per candidate, ties, who did not vote
    winners: tuple[int, ...]  # option ids chosen (empty on a tie nobody broke)
    # decisions: the counts for the committee's record
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0


def _counts(session: Session, ballot_id: int) -> dict[Answer, int]:
    rows = session.execute(
        select(BallotCount.option_id, BallotCount.answer, BallotCount.votes)
        .join(BallotOption, BallotOption.id == BallotCount.option_id)
        .where(BallotOption.ballot_id == ballot_id)
    )
    return {(option_id, answer): votes for option_id, answer, votes in rows}


def _votes(n: int) -> str:
    return f"{n} vote" if n == 1 else f"{n} votes"


@allowed("votes.see")
def results(session: Session, actor: Actor, ballot_id: int) -> BallotResult:
    """The result in numbers and plain words. Only once the vote is closed (a show of
    hands is counted openly, so its counts show at once)."""
    ballot = find_ballot(session, ballot_id)
    require_sight(session, actor, ballot)
    if ballot.status == "open" and ballot.method != "hands":
        raise NotAllowed("The count is shown once the vote is closed, so nobody is swayed.")
    row = ballot_row(session, ballot)
    counts = _counts(session, ballot_id)
    eligible = len(eligible_ids(session, ballot))
    if ballot.method == "hands":
        per_question: dict[int, int] = {}
        for (option_id, _answer), votes in counts.items():
            key = option_id if ballot.each_in_turn else 0
            per_question[key] = per_question.get(key, 0) + votes
        voted = max(per_question.values(), default=0)
        if ballot.pick_many or (ballot.kind == "election" and not ballot.each_in_turn):
            voted = min(voted, eligible)
    else:
        voted = len(
            list(
                session.scalars(
                    select(BallotVoter.person_id).where(BallotVoter.ballot_id == ballot_id)
                )
            )
        )
    lines = tuple(
        ResultLine(
            o.option_id,
            o.words,
            o.picture,
            o.code,
            counts.get((o.option_id, "yes" if ballot.each_in_turn else "chosen"), 0),
            counts.get((o.option_id, "no"), 0),
            counts.get((o.option_id, "not_sure"), 0),
        )
        for o in row.options
    )
    base = BallotResult(row, lines, voted, eligible, headline="", details=(), winners=())
    if voted == 0:
        return replace(base, headline="Nobody voted.")
    if ballot.kind == "decision":
        return _decision_result(base, lines)
    if ballot.each_in_turn:
        return _each_in_turn_result(base, lines)
    return _choice_result(
        base, lines, ballot.seats if ballot.kind == "election" else 1, ballot.kind
    )


def _decision_result(base: BallotResult, lines: tuple[ResultLine, ...]) -> BallotResult:
    by_code = {line.code: line.votes for line in lines}
    yes, no, unsure = by_code.get("yes", 0), by_code.get("no", 0), by_code.get("not_sure", 0)
    counts = f"{yes} for, {no} against, {unsure} not sure"
    winners: tuple[int, ...] = ()
    if yes > no:
        headline, winners = f"Agreed: {counts}.", (lines[0].option_id,)
    elif no > yes:
        headline, winners = f"Not agreed: {counts}.", (lines[1].option_id,)
    elif yes == 0:
        # Everyone was not sure: no tie to break (as decisions.outcome says).
        headline = f"Not agreed: nobody voted for or against ({unsure} not sure)."
    else:
        headline = f"A tie: {counts}."
    details = (
        (
            "The same number said yes and no. The chair's casting vote, where the rules "
            "give one, decides when the decision is written down.",
        )
        if yes == no > 0
        else ()
    )
    return replace(
        base,
        headline=headline,
        details=details,
        winners=winners,
        votes_for=yes,
        votes_against=no,
        abstentions=unsure,
    )


def _each_in_turn_result(base: BallotResult, lines: tuple[ResultLine, ...]) -> BallotResult:
    details, winners = [], []
    for line in lines:
        said = f"{line.votes} yes, {line.no} no, {line.not_sure} not sure"
        if line.votes > line.no:
            winners.append(line.option_id)
            details.append(f"{line.words}: elected ({said}).")
        else:
            details.append(f"{line.words}: not elected ({said}).")
    elected = [line.words for line in lines if line.option_id in winners]
    headline = f"Elected: {and_words(elected)}." if elected else "Nobody was elected."
    return replace(base, headline=headline, details=tuple(details), winners=tuple(winners))


def _choice_result(
    base: BallotResult, lines: tuple[ResultLine, ...], places: int, kind: str
) -> BallotResult:
    ranked = sorted(lines, key=lambda line: -line.votes)
    if places >= len(ranked):
        chosen = [line for line in ranked if line.votes > 0]
        tied: list[ResultLine] = []
    else:
        cut = ranked[places - 1].votes
        above = [line for line in ranked if line.votes > cut]
        at_cut = [line for line in ranked if line.votes == cut]
        if len(above) + len(at_cut) <= places:
            chosen, tied = above + at_cut, []
        else:
            chosen, tied = above, at_cut
    details: list[str] = []
    if kind == "election":
        headline = f"Elected: {and_words(line.words for line in chosen)}." if chosen else ""
        if tied:
            left = places - len(chosen)
            place_words = "the last place" if left == 1 else f"the last {left} places"
            details.append(
                f"A tie for {place_words}: {and_words(line.words for line in tied)} have "
                f"{_votes(tied[0].votes)} each. Vote again between them."
            )
            headline = headline or "A tie: nobody is elected yet."
    else:
        if tied:
            headline = f"A tie: {and_words(line.words for line in tied)} have {_votes(tied[0].votes)} each."
            details.append(
                "Choose one of them together on the Programme page, or start a new vote "
                "between them."
            )
        else:
            headline = f"Most people chose: {chosen[0].words}."
    return replace(
        base,
        headline=headline,
        details=tuple(details),
        winners=tuple(line.option_id for line in chosen),
    )


@allowed("votes.see")
def ballot_for_decision(session: Session, actor: Actor, ballot_id: int) -> BallotResult:
    """A closed decision ballot, not yet written into the committee's record."""
    result = results(session, actor, ballot_id)
    ballot = result.ballot
    if ballot.kind != "decision":
        raise NotAllowed("Only a vote on a decision goes into the committee's record.")
    if ballot.is_open:
        raise NotAllowed("Close the vote first; then write down the decision.")
    if ballot.decision_id is not None:
        raise NotAllowed("This vote's decision is written down already.")
    return result
