"""The demo club's votes and programme, added to `clubapp.demo` as an extra step.

The club's activities, each with a picture; past ballots of every kind with results
(members choosing activities at a session, a secret committee decision written into
the minutes, a show of hands, a named vote where a carer helped, an AGM election for
two places and a candidate said yes to on her own); and the programme for the coming
month, the activities the members chose among it.
"""

from __future__ import annotations

import itertools
from datetime import time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from clubapp.models.attendance import ClubSession
from clubapp.models.committee import Meeting
from clubapp.services import meetings, programme, vote_results, votes
from clubapp.services.decisions import DecisionInput, record_decision
from clubapp.services.meetings import MeetingInput
from clubapp.services.programme import ActivityInput
from clubapp.services.votes import BallotInput, OptionInput

if TYPE_CHECKING:
    from clubapp.demo import DemoContext

# (name, picture, what happens, cost per session in pence, who leads it)
ACTIVITIES = (
    ("Singing", "singing", "Old favourites round the piano, words on big sheets.", 0, "leonard"),
    ("Quiz", "quiz", "A gentle quiz in teams; nobody is put on the spot.", 0, "rhiannon"),
    ("Gardening", "gardening", "Potting and planting in the raised beds.", 150, "aga"),
    ("Tea and cake", "tea_and_cake", "Cake made by members and volunteers.", 100, "fatima"),
    ("Trip out", "outing", "A minibus trip to the seaside or the park.", 500, "sam"),
    ("Memories", "reminiscence", "Old photos of the town and the stories behind them.", 0, "grace"),
    ("Crafts", "crafts", "Cards, collage and making things to take home.", 100, "aga"),
    ("Dancing", "dancing", "Seated and standing dances to the old tunes.", 0, "leonard"),
    ("Film afternoon", "film", "A classic film with a break for tea.", 0, "sam"),
    ("Knitting", "knitting", "Knitting and natter; needles and wool provided.", 0, "rhiannon"),
)


def add_votes_and_programme(ctx: DemoContext) -> None:
    activity = _activities(ctx)
    _activity_choices(ctx, activity)
    _committee_votes(ctx)
    _agm(ctx)
    _programme(ctx, activity)
    ctx.session.flush()


def _ballot(ctx: DemoContext, data: BallotInput) -> int:
    return votes.create_ballot(ctx.session, ctx.actor, data, ctx.today)


def _activities(ctx: DemoContext) -> dict[str, int]:
    ids = {}
    for name, picture, words, cost, leader in ACTIVITIES:
        ids[picture] = programme.add_activity(
            ctx.session,
            ctx.actor,
            ActivityInput(name, picture, words, cost, ctx.ids.get(leader)),
        )
    return ids


def _recent_sessions(ctx: DemoContext, count: int) -> list[ClubSession]:
    query = (
        select(ClubSession)
        .where(ClubSession.on_date < ctx.today, ClubSession.cancelled.is_(False))
        .order_by(ClubSession.on_date.desc())
        .limit(count)
    )
    return list(ctx.session.scalars(query))


def _vote_all(ctx: DemoContext, ballot_id: int, choose) -> None:  # type: ignore[no-untyped-def]
    for voter in votes.voters(ctx.session, ctx.actor, ballot_id):
        answers = choose(voter.person_id)
        if answers:
            votes.cast_vote(
                ctx.session, ctx.actor, ballot_id, voter.person_id, answers, today=ctx.today
            )


def _activity_choices(ctx: DemoContext, activity: dict[str, int]) -> None:
    """Two past choices at sessions: one picked outright, one "pick all you like"."""
    rng = ctx.rng
    sessions = _recent_sessions(ctx, 6)
    if len(sessions) < 4:
        return
    asks = (
        (
            sessions[0],
            "What shall we do at the club next month?",
            ("tea_and_cake", "outing", "reminiscence", "dancing"),
            False,
            (0.2, 0.45, 0.25, 0.1),
        ),
        (
            sessions[3],
            "Which of these would you enjoy?",
            ("singing", "gardening", "film", "knitting", "crafts"),
            True,
            (0.7, 0.5, 0.4, 0.2, 0.3),
        ),
    )
    for club_day, question, pictures, many, liking in asks:
        names = {picture: name for name, picture, *_ in ACTIVITIES}
        ballot_id = _ballot(
            ctx,
            BallotInput(
                "activity",
                question,
                tuple(OptionInput(names[p], picture=p, activity_id=activity[p]) for p in pictures),
                session_id=club_day.id,
                pick_many=many,
            ),
        )
        options = [o.option_id for o in votes.get_ballot(ctx.session, ctx.actor, ballot_id).options]
        turns = itertools.cycle((1, 1, 2, 0, 1, 3, 1, 2))

        def choose(_pid: int, options=options, many=many, liking=liking, turns=turns):  # type: ignore[no-untyped-def]
            if many:
                picked = [o for o, like in zip(options, liking, strict=True) if rng.random() < like]
                return [(o, "chosen") for o in picked or options[:1]]
            # Most go for the second choice, so the demo always has a clear winner.
            return [(options[next(turns)], "chosen")]

        _vote_all(ctx, ballot_id, choose)
        votes.close_ballot(ctx.session, ctx.actor, ballot_id)


def _committee_votes(ctx: DemoContext) -> None:
    """At the last meeting (minutes still a draft): a secret vote written into the record,
    and a show of hands."""
    last = ctx.session.scalars(
        select(Meeting)
        .where(Meeting.kind == "committee", Meeting.on_date < ctx.today)
        .order_by(Meeting.on_date.desc())
    ).first()
    if last is None or last.minutes_approved_on is not None:
        return
    detail = meetings.get_meeting(ctx.session, ctx.actor, last.id)
    aob = next(i for i in detail.items if i.standing_code == "aob")
    secret = _ballot(
        ctx,
        BallotInput(
            "decision",
            "Buy a new urn for the kitchen, up to £60",
            meeting_id=last.id,
            item_id=aob.item_id,
        ),
    )
    yes, no, unsure = (
        o.option_id for o in votes.get_ballot(ctx.session, ctx.actor, secret).options
    )
    said = iter([no, unsure])
    _vote_all(ctx, secret, lambda _pid: [(next(said, yes), "chosen")])
    votes.close_ballot(ctx.session, ctx.actor, secret)
    result = vote_results.results(ctx.session, ctx.actor, secret)
    record_decision(
        ctx.session,
        ctx.actor,
        last.id,
        DecisionInput(
            "Buy a new urn for the kitchen, up to £60",
            result.votes_for,
            result.votes_against,
            result.abstentions,
            aob.item_id,
            ballot_id=secret,
        ),
    )
    hands = _ballot(
        ctx,
        BallotInput(
            "decision",
            "Hold the summer party in the garden",
            method="hands",
            meeting_id=last.id,
        ),
    )
    options = votes.get_ballot(ctx.session, ctx.actor, hands).options
    present = len(votes.voters(ctx.session, ctx.actor, hands))
    votes.set_hand_counts(
        ctx.session,
        ctx.actor,
        hands,
        {(options[0].option_id, "chosen"): present - 1, (options[2].option_id, "chosen"): 1},
        today=ctx.today,
    )
    votes.close_ballot(ctx.session, ctx.actor, hands)


def _agm(ctx: DemoContext) -> None:
    """The annual general meeting two months ago: members elect two trustees from three
    candidates in secret; then, standing alone, Zoë is asked about in a named vote, and
    Grace helps Kwame to vote."""
    on = ctx.today - timedelta(days=60)
    agm = meetings.add_meeting(
        ctx.session,
        ctx.actor,
        MeetingInput("agm", on, time(14, 0), "The hall, Riverside Court", ctx.ids["ruth"]),
    )
    came = [
        pid
        for key, pid in ctx.ids.items()
        if key in ("peggy", "kwame", "siobhan", "harry", "amrit", "dot", "stan", "irene")
        or key in ("ruth", "grace", "zoe", "pat")
    ]
    for pid in came:
        meetings.set_attendance(ctx.session, ctx.actor, agm, pid, "present")
    candidates = [ctx.ids[k] for k in ("fatima", "harry", "liwei") if k in ctx.ids]
    names = {pid: _known(ctx, pid) for pid in candidates}
    election = _ballot(
        ctx,
        BallotInput(
            "election",
            "Who should join the committee? Choose up to two.",
            tuple(OptionInput(names[pid], person_id=pid) for pid in candidates),
            meeting_id=agm,
            seats=2,
        ),
    )
    options = [o.option_id for o in votes.get_ballot(ctx.session, ctx.actor, election).options]
    rng = ctx.rng
    _vote_all(
        ctx,
        election,
        lambda _pid: [
            (o, "chosen") for o in sorted(set(rng.choices(options, weights=(5, 4, 2), k=2)))
        ],
    )
    votes.close_ballot(ctx.session, ctx.actor, election)
    alone = _ballot(
        ctx,
        BallotInput(
            "election",
            "Should Zoë help the treasurer for the coming year?",
            (OptionInput(_known(ctx, ctx.ids["zoe"]), person_id=ctx.ids["zoe"]),),
            method="named",
            meeting_id=agm,
        ),
    )
    option = votes.get_ballot(ctx.session, ctx.actor, alone).options[0].option_id
    for pid in came:
        helper = ctx.ids["grace"] if pid == ctx.ids.get("kwame") else None
        answer = "not_sure" if rng.random() < 0.15 else "yes"
        votes.cast_vote(
            ctx.session, ctx.actor, alone, pid, [(option, answer)], helper, today=ctx.today
        )
    votes.close_ballot(ctx.session, ctx.actor, alone)


def _known(ctx: DemoContext, pid: int) -> str:
    from clubapp.models.members import Person

    person = ctx.session.get(Person, pid)
    assert person is not None
    return person.known_as or person.full_name


def _programme(ctx: DemoContext, activity: dict[str, int]) -> None:
    """The next four weeks of sessions, each with an activity or two; the members' choice
    from their last vote is on the first Wednesday and Friday."""
    coming = list(
        ctx.session.scalars(
            select(ClubSession)
            .where(
                ClubSession.on_date >= ctx.today,
                ClubSession.on_date <= ctx.today + timedelta(days=28),
                ClubSession.cancelled.is_(False),
            )
            .order_by(ClubSession.on_date)
        )
    )
    if not coming:
        return
    chosen = [
        b
        for b in votes.list_ballots(ctx.session, ctx.actor)
        if b.kind == "activity" and not b.pick_many and not b.is_open
    ]
    first = coming[:2]
    voted_in: set[int] = set()
    if chosen:
        result = vote_results.results(ctx.session, ctx.actor, chosen[0].ballot_id)
        if result.winners:
            programme.from_vote(ctx.session, ctx.actor, chosen[0].ballot_id, [s.id for s in first])
            voted_in = {s.id for s in first}
    rotation = ["singing", "quiz", "gardening", "reminiscence", "crafts", "dancing", "film"]
    for number, club_day in enumerate(coming):
        if club_day.id in voted_in:
            continue
        pick = rotation[number % len(rotation)]
        programme.add_to_programme(ctx.session, ctx.actor, club_day.id, activity[pick])
        if club_day.name.startswith("Crafternoon"):
            continue
        if number % 3 == 0:
            programme.add_to_programme(
                ctx.session, ctx.actor, club_day.id, activity["tea_and_cake"]
            )
