"""The committee's club-wide counts of picture conversations, worked out by hand: each
member counted once (their newest shared conversation in the period), private ones left
out, the period's first and last days included, 1 and 2 given as "fewer than 3", 0 as
"none", too few members giving no card rows at all, put-away cards only when sorted in
the period, other topics kept apart; the agenda item carries the counts and no names;
and who may see or use them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.services import conversation_counts as cc
from clubapp.services import conversation_topics, meetings
from clubapp.services import conversations as conv
from clubapp.services.conversations import ConversationInput, Placement
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.meetings import MeetingInput
from tests.conftest import TODAY, add_person

START, END = date(2026, 5, 1), date(2026, 10, 31)

# Names and words nobody could mistake for anything else on the committee's view.
PEOPLE = {
    "a": ("Philomena Quartermaine", "Philly"),
    "b": ("Bartholomew Fairweather", "Barty"),
    "c": ("Ottoline Grisewood", ""),
    "d": ("Cuthbert Ravenscroft", "Cuddy"),
    "e": ("Wilhelmina Thistlethwaite", ""),
    "f": ("Percival Umfreville", ""),
    "g": ("Ignatius Blenkinsop", "Iggy"),
    "h": ("Araminta Fotheringay", ""),
}
OWN_WORDS = "Marmalade reminds me of Aunt Hepzibah"
TOPIC_WORDS = "Zanzibar pudding on Sundays"


def _topic(db, actor, name):
    row = next(t for t in db.run(conversation_topics.list_topics, actor) if t.name == name)
    return db.run(conversation_topics.get_topic, actor, row.topic_id)


def _talk(db, actor, person, topic, on, places, visibility="committee_anonymous"):
    """A conversation in which card n of the topic went to places[n] (None: not reached)."""
    cards = topic.cards_in_use
    placements = tuple(
        Placement(cards[n].card_id, place, OWN_WORDS if n == 0 else "")
        for n, place in enumerate(places)
        if place is not None
    )
    return db.run(
        conv.save_conversation,
        actor,
        ConversationInput(
            person_id=person,
            topic_id=topic.topic_id,
            on_date=on,
            placements=placements,
            visibility=visibility,
            named_agreed_on=on if visibility == "committee_named" else None,
            own_words=TOPIC_WORDS,
        ),
        TODAY,
    )


@pytest.fixture
def club(db, actors):
    """Food and drink, talked about by eight members (worked out in the tests below):

    a: 10 May (card 0 dislike), then 1 Sep (0 like, 1 like, 2 not sure) - only 1 Sep counts
    b: 1 May, the first day (0 like, 1 like, 2 dislike)
    c: 31 Oct, the last day (0 like, 1 not sure, 2 dislike, 3 skipped)
    d: 15 Jun (0 like, 1 dislike, 2 dislike), then 5 Nov after the period (0 dislike)
    e: 1 Jul, private (0, 1 and 2 dislike) - not counted
    f: 30 Apr, the day before (0 dislike, 7 like) - not counted
    g: 1 Aug, with the name (0 like, 2 not sure, 9 like)
    h: only Activities at the club, in the period
    Then card 7 and card 9 are put away (both were sorted, so neither is deleted).
    """
    co = actors["coordinator"]
    ids = {key: add_person(db, co, full, known_as=known) for key, (full, known) in PEOPLE.items()}
    food = _topic(db, co, "Food and drink")
    activities = _topic(db, co, "Activities at the club")
    like, unsure, dislike, skip = "like", "not_sure", "dislike", "skipped"
    _talk(db, co, ids["a"], food, date(2026, 5, 10), [dislike])
    _talk(db, co, ids["a"], food, date(2026, 9, 1), [like, like, unsure])
    _talk(db, co, ids["b"], food, START, [like, like, dislike])
    _talk(db, co, ids["c"], food, END, [like, unsure, dislike, skip])
    _talk(db, co, ids["d"], food, date(2026, 6, 15), [like, dislike, dislike])
    _talk(db, co, ids["d"], food, date(2026, 11, 5), [dislike])
    _talk(db, co, ids["e"], food, date(2026, 7, 1), [dislike] * 3, visibility="private")
    f_places: list[str | None] = [dislike, *[None] * 6, like]
    _talk(db, co, ids["f"], food, START - timedelta(days=1), f_places)
    g_places: list[str | None] = [like, None, unsure, *[None] * 6, like]
    _talk(db, co, ids["g"], food, date(2026, 8, 1), g_places, visibility="committee_named")
    _talk(db, co, ids["h"], activities, date(2026, 7, 7), [like, like, like, like])
    cards = food.cards_in_use
    for put_away in (cards[7], cards[9]):
        assert (
            db.run(conversation_topics.remove_card, co, put_away.card_id) is False
        )  # used: put away
    return ids, food, activities


def _words(counts: cc.TopicCounts) -> dict[str, tuple[str, str, str]]:
    return {c.word: (c.like.words, c.not_sure.words, c.dislike.words) for c in counts.cards}


def test_each_member_counts_once_and_small_numbers_are_fewer_than_3(db, actors, club):
    _, food, _ = club
    counts = db.run(cc.topic_counts, actors["committee"], food.topic_id, START, END)
    word = {n: food.cards_in_use[n].word for n in range(len(food.cards_in_use))}

    # a, b, c, d and g: e was private, f the day before, h talked about something else.
    assert counts.members.shown == 5 and counts.members.words == "5"
    assert not counts.too_few
    assert counts.members_words.startswith("5 members shared")
    got = _words(counts)
    # Card 0: a's newest (like, not her older dislike), b, c, d's in the period, g.
    assert got[word[0]] == ("5", "none", "none")
    # Card 1: like a and b (2); not sure c (1); dislike d (1).
    assert got[word[1]] == ("fewer than 3", "fewer than 3", "fewer than 3")
    # Card 2: not sure a and g (2); dislike b, c and d (3). Beside the 2, the 0 is held
    # back too (it is fewer than 3), or 5 members - 3 - 0 would give the 2 away.
    assert got[word[2]] == ("fewer than 3", "fewer than 3", "3")
    # Card 3: c skipped it, which counts nowhere.
    assert got[word[3]] == ("none", "none", "none")
    first = counts.cards[0]
    assert first.like.shown == 5 and first.not_sure.shown == 0 and not first.like.small
    assert counts.cards[1].like.small and counts.cards[1].like.shown is None
    assert first.words == "Like: 5. Not sure: none. Don't like: none."
    # Put away: card 9 (g liked it in the period) stays, last; card 7 (only f, the day
    # before) goes. The other topic's cards are not mixed in.
    nine, seven = food.cards_in_use[9].card_id, food.cards_in_use[7].card_id
    shown_ids = [c.card_id for c in counts.cards]
    in_use = [c.card_id for c in food.cards_in_use if c.card_id not in (seven, nine)]
    assert shown_ids == [*in_use, nine]
    assert seven not in shown_ids
    assert counts.cards[-1].like.words == "fewer than 3"
    assert {c.card_id for c in counts.cards} <= {c.card_id for c in food.cards}


def test_the_periods_first_and_last_days_count(db, actors, club):
    _, food, _ = club
    committee = actors["committee"]
    word = food.cards_in_use[2].word
    # Only the first day: counts are for whole months, so all May: b and a, too few.
    first_day = db.run(cc.topic_counts, committee, food.topic_id, START, START)
    assert (first_day.start, first_day.end) == (START, date(2026, 5, 31))
    assert first_day.members.words == "fewer than 3" and first_day.members.small
    # From the last day to today (October and November): c (31 Oct) and d (5 Nov).
    late = db.run(cc.topic_counts, committee, food.topic_id, END, TODAY)
    assert late.members.words == "fewer than 3"
    # 1 May to 30 June: b, a's 10 May (her only one then) and d: three members.
    spring = db.run(cc.topic_counts, committee, food.topic_id, START, date(2026, 6, 30))
    assert spring.members.shown == 3 and spring.members.words == "3"
    got = _words(spring)
    # Card 0: like b and d (2), dislike a (1), and the 0 beside them; card 2: dislike b
    # and d (2), and the two 0s beside it.
    assert got[food.cards_in_use[0].word] == ("fewer than 3",) * 3
    assert got[word] == ("fewer than 3",) * 3


def test_a_period_counts_as_its_whole_months(db, actors, club):
    """A day earlier or later must not change the counts: that would show what the one
    or two people talked to that day said."""
    _, food, _ = club
    committee = actors["committee"]
    whole = db.run(cc.topic_counts, committee, food.topic_id, START, END)
    for start, end in (
        (date(2026, 5, 2), END),
        (START, date(2026, 10, 30)),
        (date(2026, 5, 20), date(2026, 10, 3)),
    ):
        part = db.run(cc.topic_counts, committee, food.topic_id, start, end)
        assert (part.start, part.end) == (START, END)
        assert part == whole


def test_a_1_or_2_is_never_held_back_alone(db):
    """Every row of three counts up to 12: when one is 1 or 2, at least two are held
    back, so the two numbers shown and the members line cannot give it by subtraction."""
    rows = [(a, b, c) for a in range(13) for b in range(13) for c in range(13)]
    for row in rows:
        cells = cc.card_row(*row)
        held = [cell for cell in cells if cell.shown is None]
        if any(0 < n < 3 for n in row):
            assert len(held) >= 2, row
        else:
            assert not held and [cell.shown for cell in cells] == list(row)
        for cell, n in zip(cells, row, strict=True):
            # The words are always true of the number behind them.
            if cell.at_least_3:
                assert n >= 3 and cell.words == "3 or more"
            elif cell.shown is None:
                assert n < 3 and cell.words == "fewer than 3"
    # The reviewer's case: 6 members, 5 liked it, 1 not sure. "6 - 5 - 0" no longer works.
    assert [c.words for c in cc.card_row(5, 1, 0)] == ["5", "fewer than 3", "fewer than 3"]
    # One 1 or 2 and no 0: the smallest other is held back as "3 or more".
    assert [c.words for c in cc.card_row(3, 4, 1)] == ["3 or more", "4", "fewer than 3"]
    assert [c.words for c in cc.card_row(5, 0, 0)] == ["5", "none", "none"]


def test_fewer_than_3_members_give_no_card_rows_and_none_says_none(db, actors, club):
    _, food, _ = club
    committee = actors["committee"]
    # May: b (1 May) and a (10 May).
    may = db.run(cc.topic_counts, committee, food.topic_id, START, date(2026, 5, 31))
    assert may.members.small and may.too_few
    assert may.cards == ()
    assert may.members_words.startswith("Fewer than 3 members")
    assert "fewer than 3" in cc.counts_text(may) and "Like:" not in cc.counts_text(may)
    # A year before anyone talked: nobody.
    nobody = db.run(cc.topic_counts, committee, food.topic_id, date(2025, 1, 1), date(2025, 12, 31))
    assert nobody.members.shown == 0 and nobody.members.words == "none"
    assert nobody.too_few and nobody.cards == ()
    assert nobody.members_words.startswith("No member")


def test_another_topic_is_counted_on_its_own(db, actors, club):
    _, food, activities = club
    counts = db.run(cc.topic_counts, actors["coordinator"], activities.topic_id, START, END)
    # Only h talked about activities: the food conversations are not counted here.
    assert counts.members.small and counts.cards == ()
    assert counts.topic_name == "Activities at the club"
    food_cards = {c.card_id for c in food.cards}
    counted = db.run(cc.topic_counts, actors["coordinator"], food.topic_id, START, END)
    assert {c.card_id for c in counted.cards} <= food_cards


def test_the_agenda_item_carries_the_counts_and_no_names(db, actors, club):
    _, food, _ = club
    committee = actors["committee"]
    meeting = db.run(
        meetings.add_meeting, committee, MeetingInput("committee", TODAY + timedelta(days=14))
    )
    counts = db.run(cc.topic_counts, committee, food.topic_id, START, END)

    item_id = db.run(cc.add_to_agenda, committee, meeting, food.topic_id, START, END)

    item = next(
        i for i in db.run(meetings.get_meeting, committee, meeting).items if i.item_id == item_id
    )
    assert "Food and drink" in item.title
    first = food.cards_in_use[0].word
    assert f"{first}: Like: 5. Not sure: none. Don't like: none." in item.details
    assert "5 members shared" in item.details
    assert "fewer than 3" in item.details
    assert counts.period_words in item.details
    everything = " ".join([item.title, item.details, *item.from_members, repr(counts)])
    for full, known in PEOPLE.values():
        for name in (*full.split(), known):
            if name:
                assert name not in everything, name
    assert "Hepzibah" not in everything and "Zanzibar" not in everything
    # The raw small numbers are not there to read either.
    assert "shown=1" not in repr(counts) and "shown=2" not in repr(counts)
    assert item.note_ids == ()


def test_who_may_see_and_use_the_counts(db, actors, club):
    _, food, _ = club
    for role in ("coordinator", "treasurer", "committee"):
        assert db.run(cc.topic_counts, actors[role], food.topic_id, START, END).members.shown == 5
    with pytest.raises(NotAllowed):
        db.run(cc.topic_counts, actors["volunteer"], food.topic_id, START, END)
    meeting = db.run(
        meetings.add_meeting,
        actors["coordinator"],
        MeetingInput("committee", TODAY + timedelta(days=7)),
    )
    for role in ("volunteer", "treasurer"):
        with pytest.raises(NotAllowed):
            db.run(cc.add_to_agenda, actors[role], meeting, food.topic_id, START, END)


def test_a_period_that_ends_before_it_starts_or_a_missing_topic_is_refused(db, actors, club):
    _, food, _ = club
    with pytest.raises(ValidationError) as refused:
        db.run(cc.topic_counts, actors["committee"], food.topic_id, END, START)
    assert "end" in refused.value.errors
    with pytest.raises(NotFound):
        db.run(cc.topic_counts, actors["committee"], 9999, START, END)


def test_the_same_counts_are_not_put_on_an_agenda_twice(db, actors, club):
    _, food, _ = club
    committee = actors["committee"]
    meeting = db.run(
        meetings.add_meeting, committee, MeetingInput("committee", TODAY + timedelta(days=14))
    )
    db.run(cc.add_to_agenda, committee, meeting, food.topic_id, START, END)
    with pytest.raises(ValidationError) as refused:
        db.run(cc.add_to_agenda, committee, meeting, food.topic_id, START, END)
    assert "already on that meeting's agenda" in refused.value.errors["meeting"]
    # Another period is other counts, and may go on too.
    db.run(cc.add_to_agenda, committee, meeting, food.topic_id, START, date(2026, 8, 31))
