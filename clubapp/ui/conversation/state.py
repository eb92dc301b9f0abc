"""One picture conversation while it is held: which cards are left, where each one was
put, and what was said. Plain Python (no Qt), shared by the sorting and summary screens.

A card is shown in the topic's order. Putting it in a place (or skipping it) shows the
next card not yet answered. A card already placed can be brought back: it is shown
again, and its old place is kept until it is put somewhere new, so stopping then loses
nothing. Cards never reached have no answer at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from clubapp.services.conversation_topics import CardRow, TopicDetail
from clubapp.services.conversations import SORTED_PLACES, ConversationInput, Placement

SKIPPED = "skipped"


@dataclass
class ConversationState:
    person_id: int
    person_name: str
    topic: TopicDetail
    on_date: date
    helped_by_id: int | None = None
    # card id -> place ("like", "not_sure", "dislike" or "skipped")
    places: dict[int, str] = field(default_factory=dict)
    # The cards in the order they were first shown (the order they are saved in).
    shown: list[int] = field(default_factory=list)
    # A placed card brought back to be placed again: (its id, its old place).
    moving: tuple[int, str] | None = None
    # What the summary screen holds, kept here so nothing typed is lost between screens.
    card_words: dict[int, str] = field(default_factory=dict)
    own_words: str = ""
    visibility: str = "private"
    named_agreed_on: date | None = None
    flagged: bool = False
    saved_id: int | None = None  # the conversation, once saved

    def __post_init__(self) -> None:
        self._mark_shown()

    # ------------------------------------------------------------ the cards

    @property
    def cards(self) -> tuple[CardRow, ...]:
        return self.topic.cards_in_use

    def card(self, card_id: int) -> CardRow:
        return next(c for c in self.cards if c.card_id == card_id)

    def current(self) -> CardRow | None:
        """The card on show: one being moved, else the first card not answered yet."""
        if self.moving is not None:
            return self.card(self.moving[0])
        return next((c for c in self.cards if c.card_id not in self.places), None)

    def number_of(self, card: CardRow) -> int:
        """The card's place in the topic, counting from 1 ("Card 3 of 10")."""
        return [c.card_id for c in self.cards].index(card.card_id) + 1

    def counter_words(self) -> str:
        card = self.current()
        if card is None:
            return "All the cards are sorted"
        return f"Card {self.number_of(card)} of {len(self.cards)}"

    def placed(self, place: str) -> list[CardRow]:
        """The cards in ``place``, in the order they were first shown."""
        return [
            self.card(i)
            for i in self.shown
            if self.places.get(i) == place and (self.moving is None or self.moving[0] != i)
        ]

    def not_reached(self) -> list[CardRow]:
        return [c for c in self.cards if c.card_id not in self.places]

    def sorted_count(self) -> int:
        """How many cards are in one of the three places."""
        return sum(1 for place in self.places.values() if place in SORTED_PLACES)

    def finished(self) -> bool:
        return self.moving is None and not self.not_reached()

    # ------------------------------------------------------------ changes

    def put(self, place: str) -> CardRow | None:
        """Put the card on show in ``place`` (a sorted place or "skipped"); returns it."""
        card = self.current()
        if card is None:
            return None
        self.places[card.card_id] = place
        self.moving = None
        self._mark_shown()
        return card

    def bring_back(self, card_id: int) -> None:
        """Show a placed card again, to be put somewhere else (or back where it was)."""
        if card_id not in self.places:
            return
        self.stop_moving()
        self.moving = (card_id, self.places[card_id])

    def stop_moving(self) -> None:
        """A card brought back and not placed again stays where it was."""
        self.moving = None
        self._mark_shown()

    def _mark_shown(self) -> None:
        card = self.current()
        if card is not None and card.card_id not in self.shown:
            self.shown.append(card.card_id)

    # ------------------------------------------------------------ saving

    def as_input(self) -> ConversationInput:
        placements = tuple(
            Placement(i, self.places[i], self.card_words.get(i, ""))
            for i in self.shown
            if i in self.places
        )
        return ConversationInput(
            person_id=self.person_id,
            topic_id=self.topic.topic_id,
            on_date=self.on_date,
            placements=placements,
            finished=not self.not_reached(),
            helped_by_id=self.helped_by_id,
            visibility=self.visibility,
            named_agreed_on=self.named_agreed_on if self.visibility == "committee_named" else None,
            own_words=self.own_words,
            flagged=self.flagged and self.visibility != "private",
        )
