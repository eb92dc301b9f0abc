"""How quickly the picture conversations' services answer on the large demo club.

    .venv/bin/python tests/bench/bench_conversations.py

Builds the large demo club (5,000 people; 1,000 of its members with two rounds of
conversations on two topics each, about 4,000 conversations and 40,000 cards sorted) in
a temporary folder, or reuses the one an earlier run built today from the same demo
code, and works on a copy of it. Then measures, each against a 100 ms target:
  - the committee's club-wide counts for the busiest topic, over the last year and over
    ten years;
  - "What matters to me"'s latest conversation per topic, and change over time, for a
    member of the crowd with two rounds and for Peggy (the roster's);
  - saving a conversation (one card per place, with their notes), as the screen's Save.
Prints medians and ranges, and each against its target; asserts nothing (figures, not
pass or fail).
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from large_demo import cached_demo  # beside this script
from timing import say, timed  # beside this script

TARGET_MS = 100


def main() -> None:
    from sqlalchemy import func, select

    from clubapp.db.database import open_database
    from clubapp.models.conversations import Conversation, ConversationAnswer
    from clubapp.models.members import Person
    from clubapp.services import conversation_counts, conversation_topics, conversations
    from clubapp.services.conversations import ConversationInput, Placement
    from clubapp.services.permissions import COMMAND_LINE as coordinator

    today = date.today()
    work = Path(tempfile.mkdtemp(prefix="clubapp-bench-")) / "large.sqlite3"
    shutil.copyfile(cached_demo(today), work)
    db = open_database(work)

    with db.transaction() as s:
        talks = s.scalar(select(func.count()).select_from(Conversation)) or 0
        sorted_cards = s.scalar(select(func.count()).select_from(ConversationAnswer)) or 0
        busiest, _ = s.execute(
            select(Conversation.topic_id, func.count())
            .group_by(Conversation.topic_id)
            .order_by(func.count().desc())
        ).first() or (None, 0)
        # A member of the crowd (added after the roster), with two rounds on two topics.
        crowd_member = s.scalar(select(func.max(Conversation.person_id)))
        peggy = s.scalar(select(Person.id).where(Person.full_name == "Margaret Holloway"))
        talkers = s.scalar(select(func.count(func.distinct(Conversation.person_id)))) or 0
    print(f"conversations: {talks:,} by {talkers:,} people, {sorted_cards:,} cards sorted")
    assert busiest is not None and crowd_member is not None and peggy is not None

    for what, start in (
        ("the last year", today - timedelta(days=365)),
        ("ten years", today - timedelta(days=3650)),
    ):
        times, counts = timed(
            lambda start=start: db.run(
                conversation_counts.topic_counts, coordinator, busiest, start, today
            )
        )
        assert isinstance(counts, conversation_counts.TopicCounts)
        say(
            f"club-wide counts for {counts.topic_name}, {what}",
            times,
            TARGET_MS,
            f"{counts.members.words} members, {len(counts.cards)} cards",
        )

    for who, pid in (("a crowd member", crowd_member), ("Peggy", peggy)):
        times, latest = timed(
            lambda pid=pid: db.run(conversations.latest_per_topic, coordinator, pid)
        )
        say(f"latest per topic, {who}", times, TARGET_MS, f"{len(latest):,} topics")  # type: ignore[arg-type]
        times, changes = timed(
            lambda pid=pid: db.run(conversations.changes_over_time, coordinator, pid)
        )
        say(f"change over time, {who}", times, TARGET_MS, f"{len(changes):,} cards sorted again")  # type: ignore[arg-type]

    topic = db.run(conversation_topics.get_topic, coordinator, busiest)
    cards = topic.cards_in_use
    places = ("like", "not_sure", "dislike", "skipped")

    def save() -> object:
        data = ConversationInput(
            person_id=crowd_member,
            topic_id=busiest,
            on_date=today,
            placements=tuple(
                Placement(card.card_id, places[n % len(places)], "Nice" if n == 0 else "")
                for n, card in enumerate(cards)
            ),
            visibility="committee_anonymous",
        )
        return db.run(conversations.save_conversation, coordinator, data, today)

    times, saved = timed(save)
    assert isinstance(saved, conversations.SavedConversation)
    say(
        "save a conversation",
        times,
        TARGET_MS,
        f"{len(cards)} cards, {len(saved.note_ids)} notes written each time",
    )
    db.close()
    shutil.rmtree(work.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
