"""The starter topics every club gets: five things to talk about, 8 to 12 picture cards
each, every picture from the club's own library (resources/pictures, drawn for clubapp,
MIT licence). The coordinator can change, add or put away any of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StarterTopic:
    name: str
    prompt: str
    # (word on the card, picture name in the library)
    cards: tuple[tuple[str, str], ...]


STARTER_TOPICS: tuple[StarterTopic, ...] = (
    StarterTopic(
        "Activities at the club",
        "Let's talk about the things we do at the club.",
        (
            ("Music", "music"),
            ("Singing", "singing"),
            ("Gardening", "gardening"),
            ("Painting", "painting"),
            ("Crafts", "crafts"),
            ("Quiz", "quiz"),
            ("Games", "games"),
            ("Dancing", "dancing"),
            ("Exercise", "exercise"),
            ("Talking about old times", "reminiscence"),
            ("Knitting", "knitting"),
            ("Reading", "reading"),
        ),
    ),
    StarterTopic(
        "Food and drink",
        "Let's talk about food and drink at the club.",
        (
            ("Tea and cake", "tea_and_cake"),
            ("Coffee", "coffee"),
            ("A glass of water", "water"),
            ("Sandwiches", "sandwich"),
            ("Soup", "soup"),
            ("Fruit", "fruit"),
            ("Biscuits", "biscuits"),
            ("Fish and chips", "fish_and_chips"),
            ("A roast dinner", "roast_dinner"),
            ("Ice cream", "ice_cream"),
        ),
    ),
    StarterTopic(
        "Getting to the club",
        "Let's talk about how you get to the club.",
        (
            ("Coming by car", "car"),
            ("The bus", "bus"),
            ("The club minibus", "outing"),
            ("A taxi", "taxi"),
            ("Walking here", "walking"),
            ("Using a wheelchair", "wheelchair"),
            ("The time we start", "clock"),
            ("Coming in bad weather", "umbrella"),
        ),
    ),
    StarterTopic(
        "How the club feels",
        "Let's talk about how it feels to be at the club.",
        (
            ("Chatting with people", "chat"),
            ("Friends at the club", "friends"),
            ("Help when I need it", "helping_hands"),
            ("A quiet corner", "armchair"),
            ("When it is noisy", "noise"),
            ("How warm the room is", "thermometer"),
            ("Finding the toilet", "toilet"),
            ("The music", "music"),
            ("The tea break", "tea_and_cake"),
        ),
    ),
    StarterTopic(
        "Outings",
        "Let's talk about trips out with the club.",
        (
            ("A coach trip", "outing"),
            ("The seaside", "seaside"),
            ("A park", "park"),
            ("A museum", "museum"),
            ("A garden centre", "gardening"),
            ("A café", "tea_and_cake"),
            ("The cinema", "film"),
            ("The theatre", "theatre"),
            ("Shopping", "shopping"),
            ("A farm with animals", "animals"),
            ("A boat trip", "boat"),
            ("A pub lunch", "fish_and_chips"),
        ),
    ),
)
