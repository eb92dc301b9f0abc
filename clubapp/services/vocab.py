"""The words people see for the codes the database stores (kinds of person, status).

Pure Python: no Qt, no SQL. Other modules import `KINDS` and `STATUSES` for the display
words and `kind_from_text` / `status_from_text` to read what people type or paste.
"""

from __future__ import annotations

import re

# code -> display word, in the order they are shown.
KINDS: dict[str, str] = {
    "member": "Member living with dementia",
    "carer": "Carer",
    "family": "Family",
    "resident": "Resident",
    "volunteer": "Volunteer",
    "trustee": "Trustee",
    "coordinator": "Coordinator",
    "supporter": "Supporter",
}

# code -> display word, in the order they are shown. A blank status means "active".
STATUSES: dict[str, str] = {
    "active": "Active",
    "paused": "Paused",
    "left": "Left",
    "died": "Died",
}

DEFAULT_STATUS = "active"

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_words(text: str) -> str:
    """Casefold, turn punctuation into spaces and collapse runs of spaces."""
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


_KIND_VARIANTS: dict[str, tuple[str, ...]] = {
    "member": (
        "member living with dementia",
        "members living with dementia",
        "person living with dementia",
        "people living with dementia",
        "living with dementia",
        "club member",
        "pwd",
        "plwd",
    ),
    "carer": (
        "carers",
        "care giver",
        "caregiver",
        "caregivers",
        "family carer",
        "unpaid carer",
    ),
    "family": ("family member", "family members", "relative", "relatives"),
    "resident": ("residents", "care home resident"),
    "volunteer": ("volunteers",),
    "trustee": ("trustees",),
    "coordinator": ("coordinators", "co ordinator", "co ordinators", "club coordinator"),
    "supporter": ("supporters", "friend of the club", "friends of the club"),
}

_STATUS_VARIANTS: dict[str, tuple[str, ...]] = {
    "active": ("current", "active member"),
    "paused": ("pause", "on hold", "on a break", "taking a break"),
    "left": ("has left", "former", "former member", "leaver"),
    "died": ("deceased", "dead", "passed away", "has died"),
}


def _lookup(variants: dict[str, tuple[str, ...]], words: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, word in words.items():
        table[normalise_words(code)] = code
        table[normalise_words(word)] = code
        for variant in variants.get(code, ()):
            table[normalise_words(variant)] = code
    return table


_KIND_LOOKUP = _lookup(_KIND_VARIANTS, KINDS)
_STATUS_LOOKUP = _lookup(_STATUS_VARIANTS, STATUSES)


def _from_text(text: str, table: dict[str, str]) -> str | None:
    key = normalise_words(text)
    if not key:
        return None
    if key in table:
        return table[key]
    # A plural the list does not spell out ("Supporters", "Family members").
    if key.endswith("s") and key[:-1] in table:
        return table[key[:-1]]
    return None


def kind_from_text(text: str) -> str | None:
    """The kind code for a code, display word or common variant; None if not recognised.

    Case and punctuation do not matter: "Carers", "family member", "PWD" and
    "Member living with dementia" are all understood. Blank text gives None.
    """
    return _from_text(text, _KIND_LOOKUP)


def status_from_text(text: str) -> str | None:
    """The status code for a code, display word or common variant; None if not recognised.

    Blank text gives None (the caller decides that blank means "active").
    """
    return _from_text(text, _STATUS_LOOKUP)


def kind_word(code: str) -> str:
    """The display word for a kind code (the code itself if it is not known)."""
    return KINDS.get(code, code)


def status_word(code: str) -> str:
    """The display word for a status code (the code itself if it is not known)."""
    return STATUSES.get(code, code)
