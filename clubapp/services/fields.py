"""Checks for the kinds of field people type, each with a plain-words fix."""

from __future__ import annotations

import re

from clubapp.services.errors import ValidationError

NAME_MAX = 200
TEXT_MAX = 2000
_PHONE_CHARS = re.compile(r"^[0-9 +()\-]*$")


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
    if "\x00" in value:
        raise ValidationError(field, f"The {words} has a hidden character in it. Retype it.")
    _too_long(value.strip(), NAME_MAX, field, words)


def text(value: str, field: str, words: str) -> None:
    if "\x00" in value:
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
    local, at, domain = value.rpartition("@")
    if not at or not local or "." not in domain.strip(".") or " " in value:
        raise ValidationError(
            field, "This email address looks wrong. It should look like name@example.org."
        )
    _too_long(value, 254, field, "email address")


#: Photos people choose (of an activity, for a choice in a vote): JPEG or PNG, not huge.
PHOTO_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG
