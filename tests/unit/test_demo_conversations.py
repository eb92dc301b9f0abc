"""The demo club's picture conversations: twenty people in two rounds (one about six
months ago, one recent), some preferences that changed, every kind of sharing, some
stopped half way, skipped cards and own words, helped by volunteers or the coordinator;
the committee's counts with real numbers and "fewer than 3"; every conversation in the
person's time with the club, on the tests' day and on another; and the large demo's
crowd written in bulk as the services would write it."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from clubapp import demo_conversations
from clubapp.db.database import Database, open_database
from clubapp.demo import DemoContext, build_demo
from clubapp.models.conversations import Conversation, ConversationAnswer
from clubapp.models.members import Person, PersonKind
from clubapp.models.notes import Note
from clubapp.services import conversation_counts as cc
from clubapp.services import conversation_topics
from clubapp.services import conversations as conv
from clubapp.services.notes import names_in
from clubapp.services.permissions import COMMAND_LINE as coordinator
from tests.conftest import TODAY, add_person

ANOTHER_DAY = date(2027, 3, 3)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("conversations") / "demo.sqlite3")
    build_demo(db, today=TODAY)
    yield db
    db.close()


def _conversations(db: Database) -> list[Conversation]:
    with db.transaction() as s:
        rows = list(s.scalars(select(Conversation).order_by(Conversation.id)))
        s.expunge_all()
    return rows


def _named(db: Database, full_name: str) -> int:
    with db.transaction() as s:
        pid = s.scalar(select(Person.id).where(Person.full_name == full_name))
    assert pid is not None, full_name
    return pid


def test_twenty_people_talked_in_two_rounds(small):
    talks = _conversations(small)
    people = {c.person_id for c in talks}
    assert len(people) == 20
    ages = sorted((TODAY - c.on_date).days for c in talks)
    # Two rounds with a gap of months between them: the spring and the last weeks.
    gaps = [later - earlier for earlier, later in zip(ages, ages[1:], strict=False)]
    widest = max(gaps)
    split = ages[gaps.index(widest)]
    assert widest >= 100
    recent = [c for c in talks if (TODAY - c.on_date).days <= split]
    spring = [c for c in talks if (TODAY - c.on_date).days > split]
    assert all(150 <= (TODAY - c.on_date).days <= 240 for c in spring)
    assert all(14 <= (TODAY - c.on_date).days <= 60 for c in recent)
    both = {c.person_id for c in spring} & {c.person_id for c in recent}
    assert len(both) >= 15
    # At the club: Wednesdays and Fridays.
    assert {c.on_date.weekday() for c in talks} <= {2, 4}
    # Several topics in each round.
    assert len({c.topic_id for c in spring}) >= 3 and len({c.topic_id for c in recent}) >= 3


def test_some_preferences_changed_between_the_rounds(small):
    people = {c.person_id for c in _conversations(small)}
    changed = {pid: small.run(conv.changes_over_time, coordinator, pid, True) for pid in people}
    movers = {pid for pid, histories in changed.items() if histories}
    assert len(movers) >= 5
    for histories in changed.values():
        for history in histories:
            assert history.changed and len(history.steps) == 2
            assert (history.steps[1][0] - history.steps[0][0]).days >= 100
    # Most of what people sorted twice stayed where it was.
    every = [
        h for pid in people for h in small.run(conv.changes_over_time, coordinator, pid, False)
    ]
    assert sum(not h.changed for h in every) > 3 * sum(h.changed for h in every)
    # Peggy liked gardening in the spring and is not sure now.
    peggy = changed[_named(small, "Margaret Holloway")]
    gardening = next(h for h in peggy if h.word == "Gardening")
    assert [place for _, place in gardening.steps] == ["like", "not_sure"]


def test_the_committee_sees_real_numbers_and_fewer_than_3(small):
    year = TODAY - timedelta(days=365)
    counts = [
        small.run(cc.topic_counts, coordinator, t.topic_id, year, TODAY)
        for t in small.run(conversation_topics.list_topics, coordinator)
    ]
    cells = [card.of(place) for c in counts for card in c.cards for place in conv.SORTED_PLACES]
    assert any(cell.shown is not None and cell.shown >= 3 for cell in cells)
    assert any(cell.small for cell in cells)
    assert any(cell.shown == 0 for cell in cells)
    assert sum(1 for c in counts if (c.members.shown or 0) >= 10) >= 2
    # One topic (outings) had too few people sharing for any card to be shown.
    assert any(c.too_few and c.cards == () for c in counts)
    # Most like the tea and cake.
    food = next(c for c in counts if c.topic_name == "Food and drink")
    tea = next(card for card in food.cards if card.word == "Tea and cake")
    assert tea.like.shown is not None and tea.like.shown >= 5


def test_sharing_helpers_stopping_skipping_and_own_words(small):
    talks = _conversations(small)
    by_visibility = Counter(c.visibility for c in talks)
    assert by_visibility["committee_anonymous"] > len(talks) / 2
    assert by_visibility["committee_named"] >= 5
    assert 1 <= by_visibility["private"] <= 6
    assert all(
        c.named_agreed_on is not None and c.named_agreed_on <= TODAY
        for c in talks
        if c.visibility == "committee_named"
    )
    assert 1 <= sum(not c.finished for c in talks) <= 5
    assert sum(bool(c.own_words) for c in talks) >= 3
    with small.transaction() as s:
        answers = list(s.scalars(select(ConversationAnswer)))
        kinds = {
            pid: {
                k for (k,) in s.execute(select(PersonKind.kind).where(PersonKind.person_id == pid))
            }
            for pid in {c.helped_by_id for c in talks}
            if pid is not None
        }
        notes = list(s.scalars(select(Note).where(Note.conversation_id.is_not(None))))
        people = {p.id: p for p in s.scalars(select(Person))}
        s.expunge_all()
    assert sum(a.place == "skipped" for a in answers) >= 3
    assert sum(bool(a.own_words) for a in answers) >= 10
    # Helpers are volunteers or the coordinator, and nobody helped themselves.
    assert all(c.helped_by_id is not None and c.helped_by_id != c.person_id for c in talks)
    assert all(ks & {"volunteer", "coordinator"} for ks in kinds.values())
    # Every conversation wrote its notes; the committee's summaries name nobody.
    assert {n.conversation_id for n in notes} == {c.id for c in talks}
    for note in notes:
        if note.visibility == "committee_anonymous":
            assert note.summary and names_in(note.summary, people[note.person_id]) is None
    # The spring's notes are superseded where the same topic came up again.
    again = {
        (c.person_id, c.topic_id)
        for c in talks
        if sum((o.person_id, o.topic_id) == (c.person_id, c.topic_id) for o in talks) > 1
    }
    assert again
    assert any(n.superseded_on is not None for n in notes)


@pytest.mark.parametrize("day", [TODAY, ANOTHER_DAY])
def test_every_conversation_is_in_the_persons_time_with_the_club(small, tmp_path, day):
    if day == TODAY:
        db = small
    else:
        db = open_database(tmp_path / "another.sqlite3")
        build_demo(db, today=day)
    with db.transaction() as s:
        rows = s.execute(
            select(
                Conversation.on_date,
                Person.joined_on,
                Person.status,
                Person.status_on,
            ).join(Person, Person.id == Conversation.person_id)
        ).all()
    assert len(rows) >= 40
    for on_date, joined, status, status_on in rows:
        assert joined is None or joined <= on_date
        assert on_date < day
        if status != "active":
            assert status_on is not None and on_date <= status_on
    if db is not small:
        db.close()


def test_the_large_demos_crowd_is_written_as_the_services_write_it(db, coordinator):
    """Two rounds on two topics each for the crowd's members, with answers and notes,
    which the services read as they read conversations saved one by one."""
    old = TODAY - timedelta(days=900)
    members = [add_person(db, coordinator, f"Crowd Member {n}", joined_on=old) for n in range(12)]
    with db.transaction() as s:
        ctx = DemoContext(s, coordinator, random.Random(5), TODAY, "large", old)
        demo_conversations._crowd(ctx, demo_conversations._topics(ctx))
    talks = _conversations(db)
    assert Counter(c.person_id for c in talks) == {pid: 4 for pid in members}
    assert all(len({c.topic_id for c in talks if c.person_id == pid}) == 2 for pid in members)
    with db.transaction() as s:
        notes = list(s.scalars(select(Note)))
        s.expunge_all()
    assert {n.conversation_id for n in notes} == {c.id for c in talks}
    latest = {}
    for c in sorted(talks, key=lambda c: c.on_date):
        latest[c.person_id, c.topic_id] = c.id
    for note in notes:
        newest = latest[note.person_id, _topic_of(talks, note.conversation_id)]
        assert (note.superseded_on is None) == (note.conversation_id == newest)
    first = members[0]
    shown = db.run(conv.latest_per_topic, coordinator, first)
    assert {d.conversation_id for d in shown} <= {c.id for c in talks if c.person_id == first}
    assert len(shown) == 2
    # Twelve members on two topics each: the committee's counts add up to the shared ones.
    shared: dict[int, set[int]] = {c.person_id: set() for c in talks}
    for c in talks:
        if c.visibility != "private":
            shared[c.person_id].add(c.topic_id)
    for topic in db.run(conversation_topics.list_topics, coordinator):
        counts = db.run(cc.topic_counts, coordinator, topic.topic_id, old, TODAY)
        expected = sum(topic.topic_id in topics for topics in shared.values())
        assert counts.members.shown == (None if 0 < expected < 3 else expected)


def _topic_of(talks: list[Conversation], conversation_id: int | None) -> int:
    return next(c.topic_id for c in talks if c.id == conversation_id)
