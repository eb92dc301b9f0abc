"""Property tests (Hypothesis) for every parser people type into: money, dates, financial
years, hours, the cost of an activity, and the field checks (names, free text, phone,
email).

For each one: whatever is typed, nothing crashes; a refusal is the parser's one kind of
error, names the field and says in plain words what to do; and what is accepted reads
back exactly (what the app writes, the parser reads as the same value).

Bugs these found are kept as ``@example``s, so they stay tested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clubapp.models.club import Setting
from clubapp.services import fields, years
from clubapp.services.dates import MONTH_WORDS, format_date, long_date, parse_date
from clubapp.services.errors import ValidationError
from clubapp.services.money import (
    MAX_PENCE,
    accounts_figure,
    parse_amount,
    parse_balance,
    parse_signed,
    pounds,
    round_to_pound,
)
from clubapp.services.programme import parse_pence, pence_words
from clubapp.services.volunteer_hours import hours_words, parse_hours
from clubapp.ui.widgets.dates import read_date

FAST = settings(max_examples=300, deadline=None)

# Pieces people paste that break careless code: NUL and other control characters, the
# halves of a broken character, invisible marks, right-to-left text and its override,
# combining accents, emoji joined into one picture, other scripts' and wide figures.
AWKWARD = [
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\x85",
    "\ud800",
    "\udfff",
    "\u200b",
    "\u200d",
    "\u200f",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\u00a0",
    "e\u0301",
    "\u0301",
    "👩‍👩‍👧",
    "🇬🇧",
    "مرحبا",
    "שלום",
    "١٢",
    "١٢٫٥",
    "１２．５０",
    "²",
    "½",
    "£",
    "−",
    "-",
    "+",
    "(",
    ")",
    ",",
    ".",
    ":",
    "/",
    "CR",
    "DR",
    "e5",
    "NaN",
    "inf",
    "_",
    " ",
    "\t",
    "\n",
    "hours",
    "minutes",
    "April",
]
awkward_text = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(AWKWARD),
        st.text("0123456789", min_size=1, max_size=6),
    ),
    max_size=16,
).map("".join)

HUGE = "9" * 100_000
LONG_TEXT = "Zoë " * 25_000  # 100,000 characters

# What no message shown to a person may hold, unless they typed it themselves.
NOT_FOR_PEOPLE = (
    "None",
    "Traceback",
    "Error",
    "Exception",
    "object at 0x",
    "Decimal(",
    "int(",
    "invalid literal",
    "\\x",
    "\\u",
    "errno",
)
_HIDDEN_CATEGORIES = ("Cc", "Cs")
# Invisible marks that change how text reads: a zero-width space, word joiner and
# byte-order mark; the embeddings, overrides and isolates that turn text around.
_INVISIBLE = {"ZERO WIDTH SPACE", "WORD JOINER", "ZERO WIDTH NO-BREAK SPACE"}
_TURNING = ("LEFT-TO-RIGHT ", "RIGHT-TO-LEFT ", "FIRST STRONG ISOLATE", "POP DIRECTIONAL")


def _hidden_char(c: str) -> bool:
    if c in "\t\n\r":
        return False
    if unicodedata.category(c) in _HIDDEN_CATEGORIES:
        return True
    name = unicodedata.name(c, "")
    turning = name.startswith(_TURNING) and not name.endswith(" MARK")
    return unicodedata.category(c) == "Cf" and (name in _INVISIBLE or turning)


def hidden(text: str) -> bool:
    """A character nobody types on purpose: control characters but tab and line breaks,
    lone surrogates, and the invisible marks that change how text reads (but not the
    joiners and the left-to-right and right-to-left marks that some languages need).
    Written here from Unicode's names and categories, apart from the app's."""
    return any(_hidden_char(c) for c in text)


def assert_plain(message: str, typed: str = "") -> None:
    """A message for people: words, ending like a sentence, no code, no hidden characters."""
    assert message.strip(), "a refusal without words"
    assert message == message.strip()
    assert message[-1] in ".?", message
    assert len(message.split()) >= 3, message
    assert not hidden(message), repr(message)
    assert len(message) < 400, message[:100]
    for bad in NOT_FOR_PEOPLE:
        assert bad not in message or bad in typed, message


def refusal(call: Callable[[], object], field: str, typed: str) -> str | None:
    """None if ``call`` accepted, else its one message (checked: plain, naming ``field``)."""
    try:
        call()
    except ValidationError as exc:
        assert list(exc.errors) == [field], exc.errors
        message = exc.errors[field]
        assert_plain(message, typed)
        return message
    return None


def refused(parse: Callable[[str], object], typed: str, field: str) -> str:
    message = refusal(lambda: parse(typed), field, typed)
    assert message is not None, f"{typed!r} was accepted"
    return message


# ---------------------------------------------------------------- money


@FAST
@given(st.integers(min_value=-MAX_PENCE, max_value=MAX_PENCE))
def test_every_amount_the_app_writes_reads_back_exactly(pence):
    """pounds() with and without "£", the accounts' figure with its brackets, and
    parse_amount for the positive ones: each reads back as the same pence."""
    assert parse_signed(pounds(pence)) == pence
    assert parse_signed(pounds(pence, symbol=False)) == pence
    assert parse_balance(pounds(pence)) == pence
    if pence > 0:
        assert parse_amount(pounds(pence)) == pence
        assert parse_amount(pounds(pence, symbol=False)) == pence
    if pence:
        assert parse_signed(accounts_figure(pence)) == pence


@FAST
# Up to the largest amount whose rounding the books still hold.
@given(st.integers(min_value=-(MAX_PENCE - 99), max_value=MAX_PENCE - 99))
@example(150)  # printed "1" (cut down, not rounded) although the docstring says 1,235
@example(-250)
@example(49)
def test_an_accounts_figure_to_the_nearest_pound_is_the_rounded_amount(pence):
    """The nearest-pound figure reads back as the amount rounded as people round money."""
    figure = accounts_figure(pence, nearest_pound=True)
    if pence:
        assert parse_signed(figure) == round_to_pound(pence)
    else:
        assert figure == "-"


@st.composite
def money_as_typed(draw) -> tuple[str, int]:
    """Money written any way the parser promises to read it, with its value in pence."""
    whole = draw(st.integers(min_value=0, max_value=MAX_PENCE // 100))
    pence = draw(st.integers(min_value=0, max_value=99))
    if whole * 100 + pence > MAX_PENCE:
        pence = 0
    figures = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if pence % 10 == 0 and draw(st.booleans()):
        text = f"{figures}.{pence // 10}"
    elif pence == 0 and draw(st.booleans()):
        text = figures
    else:
        text = f"{figures}.{pence:02d}"
    if whole == 0 and text.startswith("0.") and draw(st.booleans()):
        text = text[1:]  # ".50"
    if draw(st.booleans()):
        text = "£" + text
    value = whole * 100 + pence
    sign = draw(st.sampled_from(["", "-", "−", "+", "()", "CR", "DR", " DR"]))
    if sign in ("-", "−"):
        text, value = (sign + text, -value)
    elif sign == "+":
        text = "+" + text
    elif sign == "()":
        text, value = (f"({text})", -value)
    elif sign:
        text, value = (text + sign, -value if "DR" in sign else value)
    if draw(st.booleans()):
        text = f"  {text} "
    return text, value


@FAST
@given(money_as_typed())
@example(("£1,234.5", 123_450))
@example(("-0", 0))
@example(("(0.01)", -1))
def test_money_written_as_people_write_it_reads_as_its_value(typed_and_value):
    typed, value = typed_and_value
    assert parse_signed(typed) == value


@FAST
@given(st.integers(min_value=0, max_value=MAX_PENCE), st.sampled_from(["ar", "fa", "wide"]))
@example(1200, "ar")  # "١٢" was refused while hours and dates read the same figures
@example(1250, "wide")  # "１２．５０" likewise
def test_figures_from_other_scripts_are_read_as_the_same_figures(pence, script):
    zero = {"ar": "٠", "fa": "۰", "wide": "０"}[script]
    text = pounds(pence, symbol=False).translate(
        {ord(str(n)): chr(ord(zero) + n) for n in range(10)}
    )
    if script == "wide":
        text = text.replace(".", "．").replace(",", "，")
    assert parse_signed(text) == pence


@FAST
@given(awkward_text)
@example("1e5")
@example("NaN")
@example("Infinity")
@example("-0")
@example("١٢")
@example("１２")
@example("²")
@example("1\x00")  # refused, but the message quoted the NUL back to the screen
@example("\x00")
@example("1\ud800")
@example(HUGE)
@example("9" * 14 + ".99")
@example("1,234,5678")
@example("1.234,50")
@example("12.345")
@example("£-(3)")
@example("CR")
@example("()")
@example(LONG_TEXT)
def test_any_text_is_an_amount_or_a_plain_refusal_naming_the_field(typed):
    for parse in (parse_signed, parse_amount, parse_balance):
        try:
            pence = parse(typed, "paid_in", "amount paid in")
        except ValidationError as exc:
            assert list(exc.errors) == ["paid_in"], exc.errors
            assert_plain(exc.errors["paid_in"], typed)
            continue
        assert isinstance(pence, int)
        assert -MAX_PENCE <= pence <= MAX_PENCE
        assert parse_signed(pounds(pence)) == pence
        assert not hidden(typed)
        if parse is parse_amount:
            assert pence > 0
            assert parse_signed(typed) == pence


def test_the_awkward_amounts_the_brief_names():
    """Thousands with one figure of pence read; a scientific number, NaN, a huge number
    and NUL are refused in plain words; -0 is nothing, which a form refuses."""
    assert parse_amount("£1,234.5") == 123_450
    assert parse_signed("-0") == 0
    assert "is £0" in refused(parse_amount, "-0", "amount")
    assert "not an amount of money" in refused(parse_signed, "1e5", "amount")
    assert "not an amount of money" in refused(parse_signed, "NaN", "amount")
    assert "too large" in refused(parse_signed, HUGE, "amount")
    assert "hidden character" in refused(parse_signed, "12\x00.50", "amount")
    assert parse_signed("١٢") == 1200
    assert parse_amount("１２．５０") == 1250


# ---------------------------------------------------------------- activity costs


@FAST
@given(st.integers(min_value=0, max_value=100_000_000))
def test_an_activity_cost_in_words_reads_back(pence):
    """pence_words ("Free", "50p", "£3.50", "£1,200") reads back as the same pence."""
    assert parse_pence(pence_words(pence)) == pence
    assert parse_pence(f"{pence // 100}.{pence % 100:02d}") == pence


@FAST
@given(awkward_text)
@example(HUGE)
@example("1e5")
@example("\x00")
@example("NaN")
@example("٣.٥٠")
def test_any_cost_is_pence_or_a_plain_refusal(typed):
    try:
        pence = parse_pence(typed, "cost", "cost")
    except ValidationError as exc:
        assert list(exc.errors) == ["cost"]
        assert_plain(exc.errors["cost"], typed)
        return
    assert isinstance(pence, int) and pence >= 0
    assert parse_pence(pence_words(pence)) == pence


# ---------------------------------------------------------------- dates


real_dates = st.dates(min_value=date(1000, 1, 1))
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@FAST
@given(st.dates())
def test_every_date_written_day_first_or_iso_reads_back(day):
    assert parse_date(format_date(day)) == day
    assert parse_date(day.isoformat()) == day


@FAST
@given(real_dates)
def test_every_date_in_words_reads_back(day):
    """long_date without the weekday through parse_date; with the weekday ("Wednesday
    3 December 2025", as screens show it) through the date box's read_date. Years before
    1000 are written with fewer than four figures and are not read: no club date is."""
    assert parse_date(long_date(day, weekday=False)) == day
    assert read_date(long_date(day)) == day
    month = MONTH_WORDS[day.month - 1]
    assert parse_date(f"{day.day} {month[:3]} {day.year}") == day
    assert parse_date(f"{month} {day.day}, {day.year}") == day


@FAST
@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)))
def test_two_figure_years_mean_1970_to_2069(day):
    assert parse_date(day.strftime("%d/%m/%y")) == day


@FAST
@given(real_dates, st.integers(min_value=1, max_value=6))
def test_a_date_with_the_wrong_weekday_is_refused_saying_which_day_it_is(day, days_off):
    wrong = WEEKDAYS[(day.weekday() + days_off) % 7]
    with pytest.raises(ValueError) as caught:
        read_date(f"{wrong} {long_date(day, weekday=False)}")
    assert f"is a {WEEKDAYS[day.weekday()]}, not a {wrong}" in str(caught.value)


@FAST
@given(awkward_text)
@example("31/02/2025")
@example("0000-01-01")
@example("13/13/2025")
@example("3\x00/4/2025")  # refused, but the message quoted the NUL back to the screen
@example("Wednesday 3\x00/4/2025")
@example("\ud800")
@example("٠٣/٠٤/٢٠٢٥")
@example(HUGE)
@example("1 " + "a" * 100_000)
@example(LONG_TEXT)
def test_any_text_is_a_date_or_a_plain_refusal(typed):
    """parse_date raises ValueError, and so does the date box's read_date (which also
    reads a weekday in front) with the message shown by the field."""
    for read in (parse_date, read_date):
        try:
            day = read(typed)
        except ValueError as exc:
            assert type(exc) is ValueError
            assert_plain(str(exc), typed)
            continue
        assert isinstance(day, date)
        assert not hidden(typed)
        assert parse_date(format_date(day)) == day


# ---------------------------------------------------------------- financial years


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1901, max_value=2199),
    awkward_text,
)
@example(4, 2025, "²⁰²⁵")  # isdigit let superscript figures through to int(): a crash
@example(4, 2025, "2025\x00")
@example(4, 2025, HUGE)
@example(1, 2025, "2025/26")
def test_financial_years_read_back_and_anything_else_is_refused_plainly(db, month, start, typed):
    """Whatever month the year starts in: the year's number and its name ("2025-26") read
    back as the year; any other text is that year or a refusal naming the year field."""
    with db.sessions() as session:  # never committed
        session.merge(Setting(key=years.YEAR_MONTH_KEY, value=str(month)))
        session.flush()
        year = years.year_named(session, start)
        assert years.parse_year(session, str(start)) == year
        assert years.parse_year(session, year.name) == year
        assert years.parse_year(session, f"{start}/{year.ends.year}") == year
        try:
            found = years.parse_year(session, typed)
        except ValidationError as exc:
            assert list(exc.errors) == ["year"]
            assert_plain(exc.errors["year"], typed)
        else:
            assert years.parse_year(session, found.name) == found
            assert not hidden(typed)


# ---------------------------------------------------------------- hours given


@FAST
@given(st.integers(min_value=1, max_value=24 * 60))
@example(80)  # "1 hour 20 minutes" was refused, though the form says it back in those words
@example(45)  # "45 minutes" likewise
def test_hours_in_words_read_back_as_the_same_minutes(minutes):
    assert parse_hours(hours_words(minutes)) == minutes
    assert parse_hours(f"{minutes // 60}:{minutes % 60:02d}") == minutes
    if minutes % 15 == 0:
        assert parse_hours(str(minutes / 60)) == minutes


@FAST
@given(awkward_text)
@example("1e1")  # read as 10 hours
@example("1_5")  # read as 15 hours
@example("2_4")
@example("1E-1")
@example("1" + " " * 100_000 + "2")  # took minutes: the form froze on a paste
@example(HUGE)
@example("\x00")
@example("sNaN")
@example("½½")
@example("١٫٥")
def test_any_text_is_hours_or_a_plain_refusal(typed):
    try:
        minutes = parse_hours(typed, "hours_given")
    except ValidationError as exc:
        assert list(exc.errors) == ["hours_given"]
        assert_plain(exc.errors["hours_given"], typed)
        return
    assert 1 <= minutes <= 24 * 60
    assert not hidden(typed)
    assert not re.search(r"[eE_]\d", typed), "a scientific number or an underscore was read"
    assert parse_hours(hours_words(minutes)) == minutes


def test_the_hours_the_brief_names():
    assert "not a number of hours" in refused(parse_hours, "1e1", "hours")
    assert "not a number of hours" in refused(parse_hours, "1_5", "hours")
    assert "hidden character" in refused(parse_hours, "2\x00", "hours")
    assert parse_hours("١.٥") == 90  # Arabic-Indic figures, as Decimal reads them
    assert parse_hours("1h 20m") == 80


# ---------------------------------------------------------------- the field checks


@st.composite
def field_text(draw) -> str:
    """Mostly awkward text; sometimes long enough to pass a limit."""
    text = draw(awkward_text)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        text = text + draw(st.sampled_from(["x", "ש", "🎵", "e\u0301"])) * draw(
            st.integers(min_value=190, max_value=2010)
        )
    return text


@FAST
@given(field_text(), st.booleans())
@example("Zoë O'Brien", True)
@example("مريم", True)
@example("   ", True)
@example("Ann\x00", False)
@example("Ann\x01", False)  # a control character was saved, invisible on screen
@example("Ann\ud800", False)  # a broken character crashed the save (it cannot be encoded)
@example("x" * 201, False)
@example(LONG_TEXT, False)
def test_a_name_is_refused_only_when_blank_too_long_or_hidden(value, required):
    message = refusal(
        lambda: fields.name(value, "known_as", "known-as name", required=required),
        "known_as",
        value,
    )
    wrong = (
        hidden(value) or len(value.strip()) > fields.NAME_MAX or (required and not value.strip())
    )
    assert (message is not None) == wrong, (value[:50], message)


@FAST
@given(field_text())
@example("She likes 🎵 and 👩‍👩‍👧 visits.\nNext line.\tTabbed.")
@example("\u202eright to left override")
@example("x" * 2001)
@example(LONG_TEXT)
@example("text\x0bwith a vertical tab")
def test_free_text_is_refused_only_when_too_long_or_hidden(value):
    message = refusal(lambda: fields.text(value, "notes", "notes"), "notes", value)
    assert (message is not None) == (hidden(value) or len(value.strip()) > fields.TEXT_MAX)
    if message and not hidden(value):
        assert f"{fields.TEXT_MAX:,}" in message


@FAST
@given(awkward_text)
@example("+44 (0)20 7946 0958")
@example("１２３４５６７")
@example("123456\x00")
@example(HUGE)
def test_a_phone_number_is_figures_and_signs_or_a_plain_refusal(value):
    message = refusal(lambda: fields.phone(value, "phone"), "phone", value)
    if message is None:
        kept = value.strip()
        assert re.fullmatch(r"[0-9 +()\-]*", kept)
        assert not kept or (sum(c.isdigit() for c in kept) >= 6 and len(kept) <= 50)


@FAST
@given(
    st.text(st.characters(categories=("L", "N")), min_size=1, max_size=30),
    st.sampled_from(["example.org", "mail.co.uk", "пример.рф"]),
)
@example("zoë", "example.org")
@example("مريم", "example.org")
def test_an_email_address_in_any_alphabet_is_accepted(local, domain):
    typed = f" {local}@{domain} "
    assert refusal(lambda: fields.email(typed, "email"), "email", typed) is None


@FAST
@given(awkward_text)
@example("a\x00@example.org")  # the NUL was saved
@example("a\tb@example.org")  # so was a tab in the middle
@example("ann@example.org\u2028x")
@example(HUGE + "@example.org")
def test_an_email_address_is_refused_plainly_when_it_cannot_be_one(value):
    message = refusal(lambda: fields.email(value, "email"), "email", value)
    if message is None:
        kept = value.strip()
        assert not kept or ("@" in kept and not any(c.isspace() for c in kept) and not hidden(kept))


def caseless(name: str) -> str:
    """Unicode's canonical caseless match (section 3.13): NFD(casefold(NFD(name)))."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", name.strip()).casefold())


@FAST
@given(
    st.lists(st.tuples(st.integers(1, 5), awkward_text), max_size=6),
    awkward_text,
    st.none() | st.integers(1, 5),
)
@example([(1, "Élan")], "élan", None)  # SQLite's lower() folds A-Z only: the save crashed
@example([(1, "ÜBER TRUST")], "über trust", None)
@example([(1, "Cafe\u0301")], "Café", None)
@example([(1, "Straße")], "STRASSE", None)
@example([(1, "Music")], "Music", 1)
def test_a_name_clash_ignores_case_and_accents_typing_in_every_alphabet(rows, typed, own_id):
    expected = any(i != own_id and caseless(n) == caseless(typed) for i, n in rows)
    assert fields.name_taken(rows, typed, own_id) == expected


def test_the_clashes_that_crashed_are_found():
    assert fields.name_taken([(1, "Élan")], "élan")
    assert fields.name_taken([(1, "ÜBER TRUST")], " über trust ")
    assert fields.name_taken([(1, "Cafe\u0301")], "Café")
    assert not fields.name_taken([(1, "Élan")], "élan", own_id=1)
    assert not fields.name_taken([(1, "Élan")], "Elan")
