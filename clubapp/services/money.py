"""Money as the treasurer types it and as the accounts print it, always in whole pence.

`parse_amount` reads a positive amount for a form; `parse_signed` reads a bank
statement's or a spreadsheet's amount, where "-12.00" and "(12.00)" are payments.
Both refuse what could be a mistake rather than guess: three figures after the point,
"1e3", "NaN", or the continental "1.234,50".
"""

from __future__ import annotations

import re
import unicodedata

from clubapp.services.errors import ValidationError
from clubapp.services.fields import has_hidden

# Up to £99,999,999.99: far beyond a small club, small enough to catch a slip of the keys.
MAX_PENCE = 9_999_999_999
HOW_TO_WRITE = "Write it in pounds and pence, like 12.50 or £1,234.50."

# Thousands separated by commas in threes (or not at all), then at most two figures of pence.
_NUMBER = re.compile(r"(?P<pounds>[1-9]\d{0,2}(?:,\d{3})+|\d+)?(?:\.(?P<pence>\d{0,2}))?", re.ASCII)
# More figures than any amount the books can hold (and Python's int() refuses thousands).
_MOST_FIGURES = 14
# The wide forms of the signs an amount uses, as East Asian keyboards type them.
_WIDE = {"．": ".", "，": ",", "￡": "£", "－": "-", "＋": "+", "（": "(", "）": ")"}


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 20 else text[:17] + "..."


def parse_signed(text: str, field: str = "amount", words: str = "amount") -> int:
    """Whole pence, negative for money going out: "£1,234.50", "1234.5", "-12.00",
    "(12.00)", "−£3" (a typographic minus), "12 CR"/"12 DR" as banks print them."""
    raw = str(text)
    cleaned = "".join(raw.split()).replace("\u2212", "-")
    if has_hidden(raw):
        raise ValidationError(field, f"The {words} has a hidden character in it. Retype it.")
    if not cleaned:
        raise ValidationError(field, f"The {words} is blank. {HOW_TO_WRITE}")
    if not cleaned.isascii():
        # Figures from another script ("١٢") or a wide keyboard ("１２．５０") are the same
        # figures: read them as 0-9, as dates and hours already are.
        cleaned = "".join(
            str(unicodedata.decimal(ch)) if ch.isdecimal() else _WIDE.get(ch, ch) for ch in cleaned
        )
    negative = False
    upper = cleaned.upper()
    if upper.endswith(("CR", "DR")):
        negative = upper.endswith("DR")
        cleaned = cleaned[:-2]
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    elif cleaned.startswith("£(") and cleaned.endswith(")"):  # "£(12.00)"
        negative, cleaned = True, cleaned[2:-1]
    # One sign at most, before or after the pound sign: "-£3", "£-3", "+3".
    signed = negative
    if cleaned[:1] in ("-", "+") and not signed:
        negative, signed, cleaned = cleaned[0] == "-", True, cleaned[1:]
    if cleaned.startswith("£"):
        cleaned = cleaned[1:]
    if cleaned[:1] in ("-", "+") and not signed:
        negative, cleaned = cleaned[0] == "-", cleaned[1:]
    if sum(ch.isdigit() for ch in cleaned) > _MOST_FIGURES:
        raise ValidationError(field, f"The {words} is too large for the club's books.")
    match = _NUMBER.fullmatch(cleaned)
    if not cleaned or match is None or not (match["pounds"] or match["pence"]):
        if re.fullmatch(r"\d+\.\d{3,}", cleaned):
            raise ValidationError(
                field, f"'{_shown(raw)}' has more than two figures after the point. {HOW_TO_WRITE}"
            )
        if re.fullmatch(r"[\d.]+,\d{1,2}", cleaned):
            raise ValidationError(
                field,
                f"'{_shown(raw)}' uses a comma for the pence. {HOW_TO_WRITE}",
            )
        raise ValidationError(field, f"'{_shown(raw)}' is not an amount of money. {HOW_TO_WRITE}")
    pounds = int((match["pounds"] or "0").replace(",", ""))
    pence = int((match["pence"] or "").ljust(2, "0"))
    total = pounds * 100 + pence
    if total > MAX_PENCE:
        raise ValidationError(field, f"The {words} is too large for the club's books.")
    return -total if negative else total


def parse_amount(text: str, field: str = "amount", words: str = "amount") -> int:
    """A positive amount of money, as typed into a form: the form says which way it goes,
    so a sign, brackets or a bank's CR/DR are refused rather than read one way or the other."""
    cleaned = "".join(str(text).split()).upper()
    if cleaned.endswith(("CR", "DR")) or cleaned.startswith(("(", "£(")):
        raise ValidationError(
            field,
            f"Type the {words} as a plain amount, like 12.50: "
            "choose Money in or Money out to say which way it went.",
        )
    pence = parse_signed(text, field, words)
    if pence < 0:
        raise ValidationError(
            field, f"Type the {words} without a minus: choose 'money out' for a payment."
        )
    if pence == 0:
        raise ValidationError(field, f"The {words} is £0. {HOW_TO_WRITE}")
    return pence


def parse_balance(text: str, field: str = "balance", words: str = "balance") -> int:
    """A balance, which may be below 0 (an overdrawn account or an overspent fund)."""
    if not str(text).strip() and not has_hidden(str(text)):
        return 0
    return parse_signed(text, field, words)


def pounds(pence: int, *, symbol: bool = True) -> str:
    """Pounds and pence for screens and printouts: "£1,234.50", "-£12.00"."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{'£' if symbol else ''}{whole:,}.{part:02d}"


def accounts_figure(pence: int, *, nearest_pound: bool = False) -> str:
    """A figure as the printed accounts show it: "1,234.50", payments in brackets
    "(12.00)", nothing as "-". To the nearest pound, "1,235"."""
    if pence == 0:
        return "-"
    # Rounded, not cut down: 1,234.50 is 1,235 (the printouts pass rounded amounts anyway).
    whole, part = divmod(abs(round_to_pound(pence) if nearest_pound else pence), 100)
    text = f"{whole:,}" if nearest_pound else f"{whole:,}.{part:02d}"
    return f"({text})" if pence < 0 else text


def round_to_pound(pence: int) -> int:
    """Half a pound and above rounds away from zero, as people round money."""
    whole, part = divmod(abs(pence), 100)
    rounded = (whole + (1 if part >= 50 else 0)) * 100
    return -rounded if pence < 0 else rounded
