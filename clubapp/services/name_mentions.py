"""A person's name in free text: finding it (what the club holds about them) and putting
"a former member" in its place (erasing them).

What counts as their name: the full name, the name they are known by followed by their
surname ("Peggy Holloway"), and the known-as name on its own ("Peggy") unless someone
else in the club has that name too, or it is also a month or a day ("May"). Spaces and
line breaks between the words do not matter, nor capitals in names of two words or more;
a name of one word is matched as it is written with a capital, so "Rose said" is found
and "the rose garden" is not. Both kinds of apostrophe match ("O'Brien", "O’Brien").

No SQL, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from clubapp.services.dates import MONTH_WORDS, WEEKDAY_WORDS

ERASED_NAME = "A former member"
"""The full name an erased person's record keeps, so their attendance, votes and
committee records still add up."""
REPLACEMENT = "a former member"
"""What replaces their name in minutes, money descriptions and other free text."""

# A one-word name that is also a common word with a capital is not searched on its own.
_NOT_ALONE = frozenset(word.casefold() for word in (*MONTH_WORDS, *WEEKDAY_WORDS))
_SENTENCE_END = (".", "!", "?", ":", "\n")
_PLAIN_LETTERS = re.compile("[A-Za-z]+")


def _word_pattern(word: str) -> str:
    return "".join("['’]" if ch in "'’" else re.escape(ch) for ch in word)


def _phrase(words: list[str]) -> str:
    return r"\s+".join(_word_pattern(w) for w in words)


def _name_words(name: str) -> list[str]:
    return name.split()


@dataclass(frozen=True)
class NameSearch:
    """How to find one person's name in text. ``names`` are what is searched, longest
    first; ``left_alone`` says in words which names were not searched on their own."""

    names: tuple[str, ...]
    left_alone: tuple[str, ...]
    pattern: re.Pattern[str] | None
    # Plain letters every mention contains (one per name), for a quick first look in the
    # database (SQL LIKE ignores the case of A to Z); empty: look at every text.
    anchors: tuple[str, ...] = ()

    def mentions(self, text: object) -> bool:
        return (
            self.pattern is not None and isinstance(text, str) and bool(self.pattern.search(text))
        )

    def replace(self, text: str) -> str:
        """The text with each mention of the name replaced by "a former member" ("A former
        member" at the start of a sentence)."""
        if self.pattern is None:
            return text

        def put(match: re.Match[str]) -> str:
            before = text[: match.start()].rstrip(" \t")
            if not before or before.endswith(_SENTENCE_END):
                return ERASED_NAME
            return REPLACEMENT

        return self.pattern.sub(put, text)


def name_search(full_name: str, known_as: str, others: Iterable[str] = ()) -> NameSearch:
    """The search for a person called ``full_name`` (known as ``known_as``); ``others``
    are the full and known-as names of everyone else in the club, so a first name they
    share is not taken for this person's."""
    words = _name_words(full_name)
    known = _name_words(known_as)
    if not words or full_name.strip().casefold() == ERASED_NAME.casefold():
        return NameSearch((), (), None)
    phrases: dict[str, str] = {}  # shown name -> pattern (case-insensitive)
    single: dict[str, str] = {}  # one-word names, matched with their capital
    left_alone: list[str] = []

    def add(name_words: list[str]) -> None:
        shown = " ".join(name_words)
        if len(name_words) > 1:
            phrases.setdefault(shown, f"(?i:{_phrase(name_words)})")
            return
        word = name_words[0]
        if word.casefold() in _NOT_ALONE:
            left_alone.append(
                f"“{word}” on its own was not searched for, because it is also a month or a day."
            )
            return
        other_words = {w.casefold() for name in others for w in _name_words(name)}
        if word.casefold() in other_words:
            left_alone.append(
                f"“{word}” on its own was not searched for, because someone else in the club "
                "has that name too."
            )
            return
        forms = dict.fromkeys((word, word[:1].upper() + word[1:], word.upper()))
        single[shown] = "|".join(_word_pattern(f) for f in forms)

    add(words)
    if known and known != words:
        if len(known) == 1 and len(words) > 1:
            add([*known, words[-1]])  # "Peggy Holloway"
        add(known)
    names = sorted([*phrases, *single], key=len, reverse=True)
    alternatives = [phrases.get(n) or single[n] for n in names]
    # Not inside a longer name: "Ann Smith" is not in "Ann Smith-Jones" nor "Brien" in
    # "O'Brien"; "Ann Smith's" is hers.
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    return NameSearch(tuple(names), tuple(left_alone), pattern, _anchors(names))


def _anchors(names: list[str]) -> tuple[str, ...]:
    """The longest run of plain letters (A to Z) in each name: every mention of the name
    holds it, in any case. None at all if a name has no run of two letters or more."""
    anchors = []
    for name in names:
        runs = _PLAIN_LETTERS.findall(name)
        longest = max(runs, key=len, default="")
        if len(longest) < 2:
            return ()
        anchors.append(longest)
    return tuple(dict.fromkeys(anchors))
