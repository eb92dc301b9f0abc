"""Picture conversations, the services: starter topics, saving what was sorted as notes of
the right kinds and visibility, stopping half way, who sees what, and change over time."""

from __future__ import annotations

from datetime import date

import pytest

from clubapp.pictures import picture_names
from clubapp.services import conversation_topics, notes
from clubapp.services import conversations as conv
from clubapp.services.conversation_starters import STARTER_TOPICS
from clubapp.services.conversations import ConversationInput, Placement
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from tests.conftest import TODAY, add_person


def _topic(db, actor, name="Food and drink"):
    topic = next(t for t in db.run(conversation_topics.list_topics, actor) if t.name == name)
    return db.run(conversation_topics.get_topic, actor, topic.topic_id)


def _sort(topic, places, **kwargs) -> ConversationInput:
    """A conversation where the n-th card went to places[n] (None: never reached)."""
    placements = tuple(
        Placement(card.card_id, place, kwargs.pop(f"words_{i}", ""))
        for i, (card, place) in enumerate(zip(topic.cards_in_use, places, strict=False))
        if place is not None
    )
    return ConversationInput(
        person_id=kwargs.pop("person_id"),
        topic_id=topic.topic_id,
        on_date=kwargs.pop("on_date", TODAY),
        placements=placements,
        **kwargs,
    )


def test_a_new_club_has_the_starter_topics_with_8_to_12_library_cards_each(db, coordinator):
    topics = db.run(conversation_topics.list_topics, coordinator)
    assert [t.name for t in topics] == [s.name for s in STARTER_TOPICS]
    for row in topics:
        detail = db.run(conversation_topics.get_topic, coordinator, row.topic_id)
        assert 8 <= len(detail.cards_in_use) <= 12
        assert all(card.licence == conversation_topics.LIBRARY_LICENCE for card in detail.cards)
        assert {card.picture for card in detail.cards} <= set(picture_names())
    # Asking again adds nothing: they are all there.
    assert db.run(conversation_topics.restore_starter_topics, coordinator) == 0


def test_saving_makes_one_note_per_place_with_the_members_own_words(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    helper = add_person(db, coordinator, "Jo Helper", kinds=("volunteer",))
    topic = _topic(db, coordinator)
    words = [c.word for c in topic.cards_in_use]
    data = _sort(
        topic,
        ["like", "dislike", "like", "not_sure", "skipped"],
        person_id=ann,
        helped_by_id=helper,
        words_0="Reminds me of my mum",
        own_words="Food matters a lot to me",
    )

    saved = db.run(conv.save_conversation, coordinator, data, TODAY)

    rows = {r.note_id: r for r in db.run(notes.list_notes, coordinator, person_id=ann)}
    assert set(rows) == set(saved.note_ids)
    by_kind = {rows[i].kind: rows[i] for i in saved.note_ids}
    assert set(by_kind) == {"likes", "not_sure", "dislikes"}
    assert f"{words[0]} (“Reminds me of my mum”)" in by_kind["likes"].text
    assert words[2] in by_kind["likes"].text and words[1] not in by_kind["likes"].text
    assert words[3] in by_kind["not_sure"].text
    assert words[1] in by_kind["dislikes"].text
    assert words[4] not in " ".join(r.text for r in rows.values())  # skipped: no note
    assert "Food matters a lot to me" in by_kind["likes"].text
    assert all(r.taken_by == "Jo Helper" and r.on_date == TODAY for r in rows.values())
    assert all(r.visibility == "private" for r in rows.values())

    detail = db.run(conv.get_conversation, coordinator, saved.conversation_id)
    assert [a.place for a in detail.answers] == ["like", "dislike", "like", "not_sure", "skipped"]
    assert detail.helped_by == "Jo Helper" and detail.finished


def test_without_the_name_the_committee_reads_a_summary_that_never_names_her(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith", known_as="Annie")
    topic = _topic(db, coordinator)
    data = _sort(
        topic,
        ["like", "dislike"],
        person_id=ann,
        visibility="committee_anonymous",
        flagged=True,
        words_0="Annie always says this",
    )
    saved = db.run(conv.save_conversation, coordinator, data, TODAY)
    inbox = [i for i in db.run(notes.inbox, coordinator) if i.note_id in saved.note_ids]
    assert len(inbox) == 2
    for item in inbox:
        assert item.who == notes.ANONYMOUS
        assert "Annie" not in item.summary and "Ann" not in item.summary.split()


def test_stopping_half_way_keeps_what_was_sorted(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    topic = _topic(db, coordinator)
    data = _sort(topic, ["like", "not_sure"], person_id=ann, finished=False)
    saved = db.run(conv.save_conversation, coordinator, data, TODAY)
    detail = db.run(conv.get_conversation, coordinator, saved.conversation_id)
    assert not detail.finished
    assert [a.place for a in detail.answers] == ["like", "not_sure"]
    assert len(saved.note_ids) == 2


def test_nothing_sorted_is_not_saved_and_says_why(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    topic = _topic(db, coordinator)
    with pytest.raises(ValidationError) as caught:
        db.run(conv.save_conversation, coordinator, _sort(topic, ["skipped"], person_id=ann), TODAY)
    assert "nothing to save" in caught.value.errors["placements"]
    assert db.run(conv.conversations_of, coordinator, ann) == []


def test_a_card_from_another_topic_or_twice_is_refused(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    food = _topic(db, coordinator)
    outings = _topic(db, coordinator, "Outings")
    stray = Placement(outings.cards_in_use[0].card_id, "like")
    twice = Placement(food.cards_in_use[0].card_id, "dislike")
    for extra in (stray, twice):
        data = _sort(food, ["like"], person_id=ann)
        data = ConversationInput(ann, food.topic_id, TODAY, (*data.placements, extra))
        with pytest.raises(ValidationError) as caught:
            db.run(conv.save_conversation, coordinator, data, TODAY)
        assert "placements" in caught.value.errors


def test_named_needs_the_day_they_agreed(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    topic = _topic(db, coordinator)
    data = _sort(topic, ["like"], person_id=ann, visibility="committee_named")
    with pytest.raises(ValidationError) as caught:
        db.run(conv.save_conversation, coordinator, data, TODAY)
    assert "agreed" in caught.value.errors["named_agreed_on"]


def test_others_see_only_conversations_shared_with_the_name(db, actors):
    coordinator = actors["coordinator"]
    ann = add_person(db, coordinator, "Ann Smith")
    topic = _topic(db, coordinator)
    private = db.run(
        conv.save_conversation, coordinator, _sort(topic, ["like"], person_id=ann), TODAY
    )
    named = db.run(
        conv.save_conversation,
        coordinator,
        _sort(
            topic,
            ["dislike"],
            person_id=ann,
            visibility="committee_named",
            named_agreed_on=TODAY,
        ),
        TODAY,
    )
    for role in ("committee", "volunteer"):
        seen = db.run(conv.conversations_of, actors[role], ann)
        assert [d.conversation_id for d in seen] == [named.conversation_id]
        with pytest.raises(NotFound):
            db.run(conv.get_conversation, actors[role], private.conversation_id)
    with pytest.raises(NotAllowed):
        db.run(conv.conversations_of, actors["treasurer"], ann)
    assert len(db.run(conv.conversations_of, coordinator, ann)) == 2


def test_change_over_time_says_where_a_card_moved(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    topic = _topic(db, coordinator, "Activities at the club")
    first, second = topic.cards_in_use[0], topic.cards_in_use[1]
    may, october = date(2026, 5, 12), date(2026, 10, 6)
    db.run(
        conv.save_conversation,
        coordinator,
        _sort(topic, ["like", "like"], person_id=ann, on_date=may),
        TODAY,
    )
    db.run(
        conv.save_conversation,
        coordinator,
        _sort(topic, ["not_sure", "like"], person_id=ann, on_date=october),
        TODAY,
    )

    histories = db.run(conv.changes_over_time, coordinator, ann)

    assert [h.card_id for h in histories] == [first.card_id, second.card_id]
    moved, stayed = histories
    assert moved.changed and not stayed.changed
    assert moved.steps == ((may, "like"), (october, "not_sure"))
    assert moved.words == (
        f"Liked {first.word} in May 2026, then not sure about it in October 2026."
    )
    assert [
        h.card_id for h in db.run(conv.changes_over_time, coordinator, ann, only_changed=True)
    ] == [first.card_id]
    latest = db.run(conv.latest_per_topic, coordinator, ann)
    assert [d.on_date for d in latest] == [october]


def test_topics_and_cards_are_the_coordinators_to_change(db, actors):
    coordinator = actors["coordinator"]
    topic_id = db.run(
        conversation_topics.add_topic, coordinator, "The garden", "Let's talk about the garden."
    )
    card = db.run(
        conversation_topics.add_card,
        coordinator,
        topic_id,
        conversation_topics.CardInput("Roses", "gardening"),
    )
    photo = db.run(
        conversation_topics.add_card,
        coordinator,
        topic_id,
        conversation_topics.CardInput(
            "Our pond", photo=b"\xff\xd8\xff" + b"0" * 20, licence="Taken by Jo"
        ),
    )
    detail = db.run(conversation_topics.get_topic, coordinator, topic_id)
    assert [c.word for c in detail.cards] == ["Roses", "Our pond"]
    assert detail.cards[1].has_photo and detail.cards[1].picture is None
    db.run(conversation_topics.move_card, coordinator, photo, -1)
    assert [
        c.card_id for c in db.run(conversation_topics.get_topic, coordinator, topic_id).cards
    ] == [photo, card]
    with pytest.raises(ValidationError) as caught:
        db.run(
            conversation_topics.add_card,
            coordinator,
            topic_id,
            conversation_topics.CardInput("Pond", photo=b"\xff\xd8\xff1"),
        )
    assert "where the photo came from" in caught.value.errors["licence"]
    with pytest.raises(ValidationError):
        db.run(conversation_topics.add_topic, coordinator, "the GARDEN")
    for role in ("committee", "volunteer", "treasurer"):
        with pytest.raises(NotAllowed):
            db.run(conversation_topics.add_topic, actors[role], "Another")


def test_a_card_or_topic_that_was_used_is_put_away_not_deleted(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    topic = _topic(db, coordinator)
    used, unused = topic.cards_in_use[0], topic.cards_in_use[1]
    db.run(conv.save_conversation, coordinator, _sort(topic, ["like"], person_id=ann), TODAY)
    assert db.run(conversation_topics.remove_card, coordinator, used.card_id) is False
    assert db.run(conversation_topics.remove_card, coordinator, unused.card_id) is True
    after = db.run(conversation_topics.get_topic, coordinator, topic.topic_id)
    assert used.card_id in {c.card_id for c in after.cards if c.retired}
    assert unused.card_id not in {c.card_id for c in after.cards}
    with pytest.raises(ValidationError):
        db.run(conversation_topics.delete_topic, coordinator, topic.topic_id)
    # What Ann said about the put-away card is still hers.
    assert db.run(conv.conversations_of, coordinator, ann)[0].answers[0].card_id == used.card_id


def test_a_newer_conversation_on_the_topic_supersedes_the_older_notes(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    topic = _topic(db, coordinator, "Activities at the club")
    may, october = date(2026, 5, 12), date(2026, 10, 6)
    old = db.run(
        conv.save_conversation,
        coordinator,
        _sort(topic, ["like"], person_id=ann, on_date=may),
        TODAY,
    )
    new = db.run(
        conv.save_conversation,
        coordinator,
        _sort(topic, ["not_sure"], person_id=ann, on_date=october),
        TODAY,
    )
    rows = {r.note_id: r for r in db.run(notes.list_notes, coordinator, person_id=ann)}
    assert all(rows[i].superseded_on == october for i in old.note_ids)
    assert all(rows[i].superseded_on is None for i in new.note_ids)
    assert {rows[i].conversation_id for i in new.note_ids} == {new.conversation_id}
    # What matters shows conversations as pictures, not as these notes' words again.
    matters = db.run(notes.what_matters, coordinator, ann)
    assert not matters.likes and not matters.dislikes


def test_invisible_marks_are_refused_in_topics_cards_and_words(db, coordinator):
    """A zero-width space makes two names that look the same; a right-to-left override
    shows words backwards. Both are refused, with the fix."""
    with pytest.raises(ValidationError) as caught:
        db.run(conversation_topics.add_topic, coordinator, "Music\u200b time")
    assert "hidden character" in caught.value.errors["name"]
    topic_id = db.run(conversation_topics.add_topic, coordinator, "Music time")
    with pytest.raises(ValidationError) as caught:
        db.run(
            conversation_topics.add_card,
            coordinator,
            topic_id,
            conversation_topics.CardInput("Sing\u200bing", "singing"),
        )
    assert "hidden character" in caught.value.errors["word"]
    ann = add_person(db, coordinator, "Ann Smith")
    topic = _topic(db, coordinator)
    data = _sort(topic, ["like"], person_id=ann, own_words="good \u202ebut cold")
    with pytest.raises(ValidationError) as caught:
        db.run(conv.save_conversation, coordinator, data, TODAY)
    assert "hidden character" in caught.value.errors["own_words"]
