"""Picture conversations: a member sorts a topic's picture cards into "I like this",
"Not sure" and "I don't like this", and what they sorted becomes one-to-one notes.

Who sees what follows the notes' rules (clubapp.services.notes): a conversation chosen
"only the coordinator" is the coordinator's; one shared "with the name" may be seen with
the name by the committee and volunteers; one shared "without the name" reaches the
committee only inside the club-wide counts (clubapp.services.conversation_counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from clubapp.models.committee import AgendaItemNote
from clubapp.models.conversations import (
    PLACES,
    Conversation,
    ConversationAnswer,
    ConversationCard,
    ConversationTopic,
)
from clubapp.models.members import Person
from clubapp.models.notes import Note
from clubapp.services import fields
from clubapp.services.conversation_topics import topic_or_refusal
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.notes import NoteInput, add_note, check_visibility
from clubapp.services.permissions import Actor, allowed, can
from clubapp.services.words import and_words

# The three places a card can be put, in the order they are shown, with their words.
SORTED_PLACES = ("like", "not_sure", "dislike")
PLACE_WORDS = {
    "like": "I like this",
    "not_sure": "Not sure",
    "dislike": "I don't like this",
    "skipped": "Skipped",
}
# How a place reads in a sentence about someone: "liked gardening in May".
PLACE_PAST = {"like": "liked", "not_sure": "not sure about", "dislike": "did not like"}
NOTE_KIND_OF_PLACE = {"like": "likes", "not_sure": "not_sure", "dislike": "dislikes"}
assert set(PLACE_WORDS) == set(PLACES)

# ---------------------------------------------------------------- holding a conversation


@dataclass(frozen=True)
class Placement:
    card_id: int
    place: str  # one of PLACES
    own_words: str = ""


@dataclass(frozen=True)
class ConversationInput:
    person_id: int
    topic_id: int
    on_date: date
    placements: tuple[Placement, ...]  # in the order the cards were shown
    finished: bool = True  # False: the member stopped before the last card
    helped_by_id: int | None = None
    visibility: str = "private"
    named_agreed_on: date | None = None
    own_words: str = ""
    flagged: bool = False  # send the notes to the committee's inbox


@dataclass(frozen=True)
class SavedConversation:
    conversation_id: int
    note_ids: tuple[int, ...]


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("This person is not in the club's records any more.")
    return person


def _name(person: Person) -> str:
    return person.known_as or person.full_name


def _check_conversation(
    session: Session, data: ConversationInput, today: date, name: str
) -> dict[str, str]:
    cards = {
        card.id: card
        for card in session.scalars(
            select(ConversationCard).where(ConversationCard.topic_id == data.topic_id)
        )
    }

    def when() -> None:
        if data.on_date > today:
            raise ValidationError(
                "on_date", "The date is in the future. Use the day the conversation happened."
            )

    def placements() -> None:
        seen: set[int] = set()
        for placement in data.placements:
            if placement.card_id not in cards or placement.card_id in seen:
                raise ValidationError(
                    "placements", "A card does not belong to this topic. Start again."
                )
            if placement.place not in PLACES:
                raise ValidationError("placements", "A card was put in an unknown place.")
            seen.add(placement.card_id)
            fields.text(
                placement.own_words, "placements", f"comment on {cards[placement.card_id].word}"
            )
        if not any(p.place in SORTED_PLACES for p in data.placements):
            raise ValidationError(
                "placements",
                f"{name} has not put any card in a place yet, so there is nothing to save.",
            )

    def helper() -> None:
        if data.helped_by_id is not None and session.get(Person, data.helped_by_id) is None:
            raise ValidationError("helped_by_id", "Choose who helped again.")

    def visibility() -> None:
        check_visibility(
            data.visibility,
            data.flagged,
            data.named_agreed_on,
            today,
            name,
            "A conversation",
        )

    def own_words() -> None:
        fields.text(data.own_words, "own_words", "comment on the topic")

    return collect_errors(when, placements, helper, visibility, own_words)


def _summary(topic_name: str, place: str, cards: str) -> str:
    """What the committee reads when the member is not to be named: the cards only,
    never their own words (which may name them or others)."""
    return (
        f"A member, in a picture conversation about {topic_name.lower()}, "
        f"{PLACE_PAST[place]}: {cards}."
    )


def _card_phrase(word: str, own_words: str) -> str:
    said = " ".join(own_words.split())
    return f"{word} (“{said}”)" if said else word


# How widely each choice of who may see it is shared: a conversation supersedes another's
# notes only if everyone who could read those can read it too, so that the date of a
# private talk never shows on notes the committee reads.
_REACH = {"private": 0, "committee_anonymous": 1, "committee_named": 2}


def _supersede(session: Session, conversation: Conversation, new_notes: Sequence[Note]) -> None:
    """Only the member's newest conversation on a topic says what they think now: mark
    the notes of the others superseded (they stay in the record). A conversation saved
    late, for a day before another on the topic, is superseded by that one."""
    others = list(
        session.scalars(
            select(Conversation).where(
                Conversation.person_id == conversation.person_id,
                Conversation.topic_id == conversation.topic_id,
                Conversation.id != conversation.id,
            )
        )
    )
    reach = _REACH[conversation.visibility]
    earlier = [
        c.id for c in others if c.on_date <= conversation.on_date and reach >= _REACH[c.visibility]
    ]
    for note in session.scalars(
        select(Note).where(Note.conversation_id.in_(earlier), Note.superseded_on.is_(None))
    ):
        note.superseded_on = conversation.on_date
    later = [
        c.on_date
        for c in others
        if c.on_date > conversation.on_date and _REACH[c.visibility] >= reach
    ]
    if later:
        for note in new_notes:
            note.superseded_on = min(later)


@allowed("notes.add")
def save_conversation(
    session: Session, actor: Actor, data: ConversationInput, today: date
) -> SavedConversation:
    """Keep what the member sorted, and write one note for each place they used: what
    they like, are not sure about and do not like, with their own words."""
    person = _person(session, data.person_id)
    topic = topic_or_refusal(session, data.topic_id)
    name = _name(person)
    errors = _check_conversation(session, data, today, name)
    if errors:
        raise ValidationError(errors)
    conversation = Conversation(
        person_id=person.id,
        topic_id=topic.id,
        on_date=data.on_date,
        helped_by_id=data.helped_by_id,
        visibility=data.visibility,
        named_agreed_on=data.named_agreed_on if data.visibility == "committee_named" else None,
        finished=data.finished,
        own_words=data.own_words.strip(),
        created_by=actor.user_id,
    )
    session.add(conversation)
    session.flush()
    words = {
        card.id: card.word
        for card in session.scalars(
            select(ConversationCard).where(ConversationCard.topic_id == topic.id)
        )
    }
    for position, placement in enumerate(data.placements, start=1):
        session.add(
            ConversationAnswer(
                conversation_id=conversation.id,
                card_id=placement.card_id,
                place=placement.place,
                own_words=placement.own_words.strip(),
                position=position,
            )
        )
    note_ids: list[int] = []
    written_notes: list[Note] = []
    for place in SORTED_PLACES:
        here = [p for p in data.placements if p.place == place]
        if not here:
            continue
        cards = and_words(_card_phrase(words[p.card_id], p.own_words) for p in here)
        plain = and_words(words[p.card_id] for p in here)
        about = f"In a picture conversation about {topic.name.lower()}"
        text = f"{about}, {PLACE_PAST[place]}: {cards}."
        if data.own_words.strip() and not note_ids:  # said once, in the first note
            text += f"\nAbout the topic: “{' '.join(data.own_words.split())}”"
        summary = _summary(topic.name, place, plain)
        note_id = add_note(
            session,
            actor,
            NoteInput(
                person_id=person.id,
                on_date=data.on_date,
                kind=NOTE_KIND_OF_PLACE[place],
                text=text,
                summary=summary if data.visibility == "committee_anonymous" else "",
                visibility=data.visibility,
                taken_by_id=data.helped_by_id,
                named_agreed_on=conversation.named_agreed_on,
                flagged=data.flagged,
            ),
            today,
        )
        written = session.get(Note, note_id)
        assert written is not None
        written.conversation_id = conversation.id
        written_notes.append(written)
        note_ids.append(note_id)
    _supersede(session, conversation, written_notes)
    session.flush()
    return SavedConversation(conversation.id, tuple(note_ids))


@allowed("notes.see_all")
def set_conversation_visibility(
    session: Session,
    actor: Actor,
    conversation_id: int,
    visibility: str,
    named_agreed_on: date | None,
    today: date,
) -> None:
    """Change who may see a conversation, and its notes with it (a member who no longer
    wants to be named, or who now agrees to be)."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFound("This picture conversation is not in the club's records any more.")
    person = _person(session, conversation.person_id)
    notes = list(session.scalars(select(Note).where(Note.conversation_id == conversation.id)))
    check_visibility(visibility, False, named_agreed_on, today, _name(person), "A conversation")
    if visibility == "private" and any(
        session.scalar(select(exists().where(AgendaItemNote.note_id == n.id))) for n in notes
    ):
        raise ValidationError(
            "visibility",
            "A note from this conversation is already on a committee agenda, so it cannot "
            "be made private.",
        )
    topic = topic_or_refusal(session, conversation.topic_id)
    words: dict[str, list[str]] = {}
    for answer, card in session.execute(
        select(ConversationAnswer, ConversationCard)
        .join(ConversationCard, ConversationCard.id == ConversationAnswer.card_id)
        .where(ConversationAnswer.conversation_id == conversation.id)
        .order_by(ConversationAnswer.position)
    ):
        words.setdefault(answer.place, []).append(card.word)
    place_of_kind = {kind: place for place, kind in NOTE_KIND_OF_PLACE.items()}
    named_on = named_agreed_on if visibility == "committee_named" else None
    conversation.visibility = visibility
    conversation.named_agreed_on = named_on
    for note in notes:
        note.visibility = visibility
        note.named_agreed_on = named_on
        if visibility == "private":
            note.flagged = False
        place = place_of_kind.get(note.kind)
        if visibility == "committee_anonymous" and place is not None:
            note.summary = _summary(topic.name, place, and_words(words.get(place, ())))


# ---------------------------------------------------------------- reading them back


@dataclass(frozen=True)
class AnswerRow:
    card_id: int
    word: str
    picture: str | None
    has_photo: bool
    place: str
    own_words: str


@dataclass(frozen=True)
class ConversationDetail:
    conversation_id: int
    person_id: int
    person_name: str
    topic_id: int
    topic_name: str
    on_date: date
    helped_by: str  # "" when not recorded
    visibility: str
    finished: bool
    own_words: str
    answers: tuple[AnswerRow, ...]  # in the order the cards were shown

    def placed(self, place: str) -> tuple[AnswerRow, ...]:
        return tuple(a for a in self.answers if a.place == place)

    @property
    def when_words(self) -> str:
        return long_date(self.on_date, weekday=False)


def _may_see(actor: Actor, visibility: str) -> bool:
    return can(actor, "notes.see_all") or (
        can(actor, "notes.see_shared") and visibility == "committee_named"
    )


def _visible_where(actor: Actor) -> list:  # type: ignore[type-arg]
    if can(actor, "notes.see_all"):
        return []
    return [Conversation.visibility == "committee_named"]


def _details(session: Session, conversations: Sequence[Conversation]) -> list[ConversationDetail]:
    if not conversations:
        return []
    ids = [c.id for c in conversations]
    has_photo = ConversationCard.photo.is_not(None)
    answers: dict[int, list[AnswerRow]] = {i: [] for i in ids}
    for answer, card, photo in session.execute(
        select(ConversationAnswer, ConversationCard, has_photo)
        .join(ConversationCard, ConversationCard.id == ConversationAnswer.card_id)
        .where(ConversationAnswer.conversation_id.in_(ids))
        .order_by(ConversationAnswer.conversation_id, ConversationAnswer.position)
    ):
        answers[answer.conversation_id].append(
            AnswerRow(card.id, card.word, card.picture, bool(photo), answer.place, answer.own_words)
        )
    people = {
        p.id: p
        for p in session.scalars(
            select(Person).where(
                Person.id.in_(
                    {c.person_id for c in conversations}
                    | {c.helped_by_id for c in conversations if c.helped_by_id}
                )
            )
        )
    }
    topics = {
        t.id: t
        for t in session.scalars(
            select(ConversationTopic).where(
                ConversationTopic.id.in_({c.topic_id for c in conversations})
            )
        )
    }
    return [
        ConversationDetail(
            conversation_id=c.id,
            person_id=c.person_id,
            person_name=_name(people[c.person_id]),
            topic_id=c.topic_id,
            topic_name=topics[c.topic_id].name,
            on_date=c.on_date,
            helped_by=_name(people[c.helped_by_id]) if c.helped_by_id in people else "",
            visibility=c.visibility,
            finished=c.finished,
            own_words=c.own_words,
            answers=tuple(answers[c.id]),
        )
        for c in conversations
    ]


@allowed("notes.see_shared")
def get_conversation(session: Session, actor: Actor, conversation_id: int) -> ConversationDetail:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or not _may_see(actor, conversation.visibility):
        raise NotFound("This picture conversation is not in the club's records any more.")
    return _details(session, [conversation])[0]


@allowed("notes.see_shared")
def conversations_of(
    session: Session, actor: Actor, person_id: int, topic_id: int | None = None
) -> list[ConversationDetail]:
    """A member's conversations the actor may see, newest first."""
    where = [Conversation.person_id == person_id, *_visible_where(actor)]
    if topic_id is not None:
        where.append(Conversation.topic_id == topic_id)
    rows = session.scalars(
        select(Conversation)
        .where(*where)
        .order_by(Conversation.on_date.desc(), Conversation.id.desc())
    ).all()
    return _details(session, rows)


@allowed("notes.see_shared")
def latest_per_topic(session: Session, actor: Actor, person_id: int) -> list[ConversationDetail]:
    """The newest conversation on each topic, for "What matters to me" and About me,
    in the topics' order. A topic whose newest conversation the actor may not see is
    left out, rather than showing them an older one as if it were still true."""
    newest_ids = []
    seen: set[int] = set()
    for conversation_id, topic_id, visibility in session.execute(
        select(Conversation.id, Conversation.topic_id, Conversation.visibility)
        .where(Conversation.person_id == person_id)
        .order_by(Conversation.on_date.desc(), Conversation.id.desc())
    ):
        if topic_id in seen:
            continue
        seen.add(topic_id)
        if _may_see(actor, visibility):
            newest_ids.append(conversation_id)
    rows = session.scalars(select(Conversation).where(Conversation.id.in_(newest_ids))).all()
    order = {
        t_id: i
        for i, t_id in enumerate(
            session.scalars(
                select(ConversationTopic.id).order_by(
                    ConversationTopic.position, ConversationTopic.id
                )
            )
        )
    }
    return sorted(_details(session, rows), key=lambda d: order.get(d.topic_id, 0))


@dataclass(frozen=True)
class CardHistory:
    """Where one member put one card, conversation by conversation, oldest first."""

    topic_name: str
    card_id: int
    word: str
    picture: str | None
    has_photo: bool
    steps: tuple[tuple[date, str], ...]  # (day, place), skipped cards left out

    @property
    def changed(self) -> bool:
        return len({place for _, place in self.steps}) > 1

    @property
    def words(self) -> str:
        """ "Liked Gardening in May 2026, then not sure about it in October and November
        2026." The same answer again and again is said once, with all its months."""
        runs: list[tuple[str, list[date]]] = []
        for day, place in self.steps:
            if runs and runs[-1][0] == place:
                runs[-1][1].append(day)
            else:
                runs.append((place, [day]))
        parts = []
        for i, (place, days) in enumerate(runs):
            months = list(dict.fromkeys((d.year, d.month) for d in days))
            if len({year for year, _ in months}) == 1:
                names = [f"{date(y, m, 1):%B}" for y, m in months]
                when = f"{and_words(names)} {months[0][0]}"
            else:
                when = and_words(f"{date(y, m, 1):%B %Y}" for y, m in months)
            what = self.word if i == 0 else "it"
            parts.append(f"{PLACE_PAST[place]} {what} in {when}")
        text = ", then ".join(parts)
        return text[:1].upper() + text[1:] + "."


@allowed("notes.see_shared")
def changes_over_time(
    session: Session, actor: Actor, person_id: int, only_changed: bool = False
) -> list[CardHistory]:
    """For each card a member sorted more than once: where they put it each time.
    Cards that moved come first; ``only_changed`` leaves out the others."""
    details = sorted(
        conversations_of(session, actor, person_id), key=lambda d: (d.on_date, d.conversation_id)
    )
    steps: dict[int, list[tuple[date, str]]] = {}
    about: dict[int, tuple[str, AnswerRow]] = {}
    for detail in details:
        for answer in detail.answers:
            if answer.place not in SORTED_PLACES:
                continue
            steps.setdefault(answer.card_id, []).append((detail.on_date, answer.place))
            about[answer.card_id] = (detail.topic_name, answer)
    histories = [
        CardHistory(
            topic_name=about[card_id][0],
            card_id=card_id,
            word=about[card_id][1].word,
            picture=about[card_id][1].picture,
            has_photo=about[card_id][1].has_photo,
            steps=tuple(card_steps),
        )
        for card_id, card_steps in steps.items()
        if len(card_steps) > 1
    ]
    if only_changed:
        histories = [h for h in histories if h.changed]
    return sorted(histories, key=lambda h: (not h.changed, h.topic_name, h.word))


def place_words(place: str) -> str:
    return PLACE_WORDS[place]


def summary_words(detail: ConversationDetail) -> str:
    """One line for lists: "Liked 5, not sure about 2, did not like 1."""
    counts = [
        f"{PLACE_PAST[place]} {len(detail.placed(place))}"
        for place in SORTED_PLACES
        if detail.placed(place)
    ]
    text = ", ".join(counts) or "nothing sorted"
    return text[:1].upper() + text[1:] + "."
