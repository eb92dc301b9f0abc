"""Checks for the kinds of field people type, each with a plain-words fix."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from clubapp.services.errors import ValidationError

NAME_MAX = 200
TEXT_MAX = 2000
_PHONE_CHARS = re.compile(r"^[0-9 +()\-]*$")
# Characters nobody types on purpose: NUL and the other control characters (but tab and
# line breaks), and the halves of a broken character (lone surrogates), which cannot even
# be saved. Screens show them as nothing or a box, printouts and other programs cut text
# at a NUL, so a field holding one is refused rather than quietly changed.
# Also the invisible marks that change how text looks without showing themselves: a
# zero-width space (two names that look the same but are not), the marks that turn text
# right to left ("gooddloc") and the byte-order mark. Joiners that some scripts and
# emoji need (U+200C, U+200D) are allowed.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def has_hidden(value: str) -> bool:
    """Whether ``value`` holds a character nobody types on purpose (see _HIDDEN)."""
    return _HIDDEN.search(value) is not None


def name_key(value: str) -> str:
    """How two names compare for "there is already one called that": ignoring case in
    every alphabet ("Élan" and "élan") and how accents were typed. SQLite's lower()
    folds only A to Z, so the comparison is made here, not in the query. This is Unicode's
    canonical caseless match: NFD(casefold(NFD(name)))."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", value.strip()).casefold())


def name_taken(rows: Iterable[tuple[int, str]], value: str, own_id: int | None = None) -> bool:
    """Whether a row other than ``own_id`` already has the name ``value`` (by name_key)."""
    wanted = name_key(value)
    return any(row_id != own_id and name_key(name) == wanted for row_id, name in rows)


def _too_long(value: str, limit: int, field: str, words: str) -> None:
    if len(value) > limit:
        raise ValidationError(
            field,
            f"The {words} is {len(value):,} characters long; the most it can be is {limit:,}. "
            "Shorten it and try again.",
        )


def name(value: str, field: str, words: str, *, required: bool = False) -> None:
    if required and not value.strip():
        raise ValidationError(field, f"Type the {words}.")
    if has_hidden(value):
        raise ValidationError(field, f"The {words} has a hidden character in it. Retype it.")
    _too_long(value.strip(), NAME_MAX, field, words)


def text(value: str, field: str, words: str) -> None:
    if has_hidden(value):
        raise ValidationError(field, f"The {words} has a hidden character in it. Retype it.")
    _too_long(value.strip(), TEXT_MAX, field, words)


def phone(value: str, field: str) -> None:
    value = value.strip()
    if not value:
        return
    if not _PHONE_CHARS.match(value):
        raise ValidationError(
            field, "A phone number can have only digits, spaces, +, brackets and dashes."
        )
    if sum(ch.isdigit() for ch in value) < 6:
        raise ValidationError(field, "This phone number looks too short. Check the digits.")
    _too_long(value, 50, field, "phone number")


def email(value: str, field: str) -> None:
    value = value.strip()
    if not value:
        return
    if has_hidden(value):
        raise ValidationError(field, "The email address has a hidden character in it. Retype it.")
    local, at, domain = value.rpartition("@")
    if not at or not local or "." not in domain.strip(".") or any(ch.isspace() for ch in value):
        raise ValidationError(
            field, "This email address looks wrong. It should look like name@example.org."
        )
    _too_long(value, 254, field, "email address")


#: Photos people choose (of an activity, for a choice in a vote): JPEG or PNG, not huge.
PHOTO_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG
