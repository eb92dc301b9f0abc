"""Small pieces of plain English shared by screens, printouts and the command line."""

from __future__ import annotations

from collections.abc import Iterable


def and_words(items: Iterable[str]) -> str:
    """ "Ann", "Ann and Bill", "Ann, Bill and Cath"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
