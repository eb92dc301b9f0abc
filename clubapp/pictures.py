"""The activity pictures: their names, their words and where their files are.

Pictures for activities (music, gardening, a trip out, ...) and for decisions (yes, no,
not sure) are shipped as small SVG files in ``resources/pictures``, drawn for this
project. The screen draws them with Qt (:mod:`clubapp.ui.widgets.pictures`) and the
printouts with ReportLab (:mod:`clubapp.printing.pictures`); this module is shared by
both and imports neither, so it costs nothing at start-up.

A picture is a reminder, never the only way to say something: always show its words
(:func:`picture_words`) beside it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from clubapp.paths import resources_dir

__all__ = [
    "PICTURE_WORDS",
    "picture_names",
    "picture_path",
    "picture_words",
    "pictures_dir",
]

# Plain words for each picture: what is shown beside (or under) it, and its accessible
# name on screen. Every shipped picture has an entry, and every entry has a picture.
PICTURE_WORDS: dict[str, str] = {
    "music": "Music",
    "singing": "Singing",
    "gardening": "Gardening",
    "painting": "Painting",
    "crafts": "Crafts",
    "cooking": "Cooking",
    "baking": "Baking",
    "outing": "Trip out",
    "museum": "Museum",
    "film": "Film",
    "exercise": "Exercise",
    "dancing": "Dancing",
    "quiz": "Quiz",
    "games": "Games",
    "reminiscence": "Memories",
    "walking": "Walking",
    "tea_and_cake": "Tea and cake",
    "knitting": "Knitting",
    "reading": "Reading",
    "chat": "Chat",
    "yes": "Yes",
    "no": "No",
    "not_sure": "Not sure",
    # For picture conversations (food and drink, getting here, how the club feels, outings)
    "coffee": "Coffee",
    "water": "Water",
    "sandwich": "Sandwiches",
    "soup": "Soup",
    "fruit": "Fruit",
    "biscuits": "Biscuits",
    "fish_and_chips": "Fish and chips",
    "roast_dinner": "Roast dinner",
    "ice_cream": "Ice cream",
    "car": "Car",
    "bus": "Bus",
    "taxi": "Taxi",
    "wheelchair": "Wheelchair",
    "clock": "Time",
    "umbrella": "Rain",
    "friends": "Friends",
    "helping_hands": "Help",
    "armchair": "Armchair",
    "noise": "Noise",
    "thermometer": "Warm",
    "toilet": "Toilet",
    "seaside": "Seaside",
    "park": "Park",
    "theatre": "Theatre",
    "shopping": "Shopping",
    "animals": "Animals",
    "boat": "Boat",
}


def pictures_dir() -> Path:
    """The folder of picture files (in the repository or the installed package)."""
    return resources_dir() / "pictures"


@functools.cache
def _names() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in pictures_dir().glob("*.svg")))


def picture_names() -> list[str]:
    """The names of the shipped pictures, sorted (``["baking", "chat", ...]``)."""
    return list(_names())


def picture_path(name: str) -> Path:
    """The SVG file of the picture ``name``; KeyError if there is no such picture."""
    if name not in _names():
        raise KeyError(f"There is no picture called {name!r}.")
    return pictures_dir() / f"{name}.svg"


def picture_words(name: str) -> str:
    """The plain words for a picture ("Tea and cake"); KeyError for an unknown name."""
    if name not in _names():
        raise KeyError(f"There is no picture called {name!r}.")
    return PICTURE_WORDS.get(name) or name.replace("_", " ").capitalize()
