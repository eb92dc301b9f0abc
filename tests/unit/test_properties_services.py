"""Property tests (Hypothesis) for what people type into the services, through a real
migrated database: a person (added and changed), a one-to-one note, a payment's payee,
reference and description, a need, a skill, a grant application, a sign-in name, and
the names the database keeps unique (skills, funders, funds, money accounts, categories,
users).

The text is awkward on purpose: emoji, right-to-left Arabic and Hebrew, combining
accents, NUL and other control characters, broken characters, 100,000 characters.
Whatever is typed: nothing crashes; a refusal is a ValidationError naming the field with
a plain-words fix; and what is accepted reads back exactly as each service promises to
keep it (a person's names with their spacing tidied, other text without spaces at the
ends, a skill with a capital first letter).

NUL and the other control characters (but tab and line breaks), and lone surrogates, are
refused ("has a hidden character in it. Retype it."), never stripped: they cannot be
seen, printouts and other programs cut text at a NUL, and a lone surrogate cannot be
saved at all. (Services that tidy the spacing before checking, such as a skill's name,
first turn the control characters that count as spaces, like U+0085, into a space.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from clubapp.services import books, grants, members, needs, notes, skills, users
from clubapp.services.books import EntryInput, SplitInput
from clubapp.services.errors import ValidationError
from clubapp.services.grants import ApplicationInput, FunderInput
from clubapp.services.members import EmergencyContactData, PersonInput
from clubapp.services.needs import NeedInput
from clubapp.services.notes import NoteInput
from tests.conftest import TODAY, add_person
from tests.unit.test_properties_parsers import AWKWARD, assert_plain, caseless, hidden

DB_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

LONG = "Zoë 🎵 " * 16_667  # 100,002 characters


@st.composite
def typed_text(draw) -> str:
    """What might land in a field: mostly awkward pieces, sometimes enough to reach a limit."""
    pieces = draw(
        st.lists(
            st.one_of(st.characters(), st.sampled_from(AWKWARD), st.sampled_from(WORDS)),
            max_size=12,
        )
    )
    text = "".join(pieces)
    if draw(st.integers(min_value=0, max_value=7)) == 0:
        text += draw(st.sampled_from(["a", "ש", "🎵", "e\u0301", " "])) * draw(
            st.integers(min_value=50, max_value=2010)
        )
    return text


WORDS = [
    "Ann ",
    "Zoë O'Brien",
    "Mary-Jane",
    "مريم الحسن",
    "שרה כהן",
    "Nguyễn",
    "Łukasz",
    "👩‍👩‍👧",
    "🎵🌻",
    "Cafe\u0301",
    "\u202eevil",
    " ",
    "  ",
]

# Examples every service property carries: the inputs the brief names, each on its own.
EMOJI = "Ann 👩‍👩‍👧 likes 🎵 and 🌻 🇬🇧"
ARABIC = "مريم تحب الموسيقى"
HEBREW = "שרה אוהבת לשיר"
COMBINING = "Zoe\u0308 Cafe\u0301 a\u0300\u0301\u0302"
NUL = "Ann\x00Bell"
CONTROL = "Ann\x07\x1bBell"
BROKEN = "Ann \ud800 Bell"  # a lone surrogate: crashed every save (cannot be encoded)

BRIEF = (EMOJI, ARABIC, HEBREW, COMBINING, NUL, CONTROL, BROKEN, LONG, "   ")


def brief_examples(*wheres: str, **fixed: object):  # type: ignore[no-untyped-def]
    """Each of the brief's awkward texts as an example, in each of the fields ``wheres``."""

    def add(test):  # type: ignore[no-untyped-def]
        for value in BRIEF:
            for where in wheres or (None,):
                where_arg = {} if where is None else {"where": where}
                test = example(typed=value, **where_arg, **fixed)(test)
        return test

    return add


@dataclass(frozen=True)
class Promise:
    """What a service promises for one text field."""

    field: str  # the key of its ValidationError
    limit: int  # the most characters it keeps
    collapse: bool = False  # spaces inside tidied to one ("Ann   Bell" -> "Ann Bell")
    required: bool = False
    tidied_first: bool = False  # the service tidies the spacing before checking

    def kept(self, typed: str) -> str:
        return " ".join(typed.split()) if self.collapse else typed.strip()

    def accepts(self, typed: str) -> bool:
        checked = self.kept(typed) if self.tidied_first else typed
        return not (
            hidden(checked)
            or len(checked.strip()) > self.limit
            or (self.required and not self.kept(typed))
        )


def outcome(call: Callable[[], object], promise: Promise, typed: str) -> object | None:
    """Run the service: None if refused (checked: the field, in plain words), else its result.
    A refusal must be exactly what the promise says: nothing more is refused, nothing less."""
    try:
        result = call()
    except ValidationError as exc:
        assert list(exc.errors) == [promise.field], exc.errors
        assert_plain(exc.errors[promise.field], typed)
        assert not promise.accepts(typed), (typed[:60], exc.errors)
        event(f"{promise.field}: refused")
        return None
    assert promise.accepts(typed), f"{typed[:60]!r} was saved"
    event(f"{promise.field}: saved")
    return result


# ---------------------------------------------------------------- people

PERSON_TEXT = {
    "full_name": Promise("full_name", 200, collapse=True, required=True),
    "known_as": Promise("known_as", 200, collapse=True),
    "address": Promise("address", 2000),
    "mobility": Promise("mobility", 2000),
    "communication_tips": Promise("communication_tips", 2000),
    "diet": Promise("diet", 2000),
}


@DB_SETTINGS
@given(typed=typed_text(), where=st.sampled_from(sorted(PERSON_TEXT)), change=st.booleans())
@brief_examples("full_name", "known_as", "address", change=False)
@brief_examples("full_name", "communication_tips", change=True)
def test_a_person_added_or_changed_keeps_exactly_what_was_typed(
    db, coordinator, typed, where, change
):
    promise = PERSON_TEXT[where]
    values = {"full_name": "Ann Bell", where: typed}
    person_id = add_person(db, coordinator, "Someone Else") if change else None
    saved = outcome(
        lambda: db.run(
            members.save_person,
            coordinator,
            PersonInput(kinds=("member",), **values),
            person_id,
        ),
        promise,
        typed,
    )
    if saved is None:
        return
    back = db.run(members.get_person, coordinator, saved)
    assert getattr(back, where) == promise.kept(typed)
    if change:
        assert saved == person_id


@DB_SETTINGS
@given(phone=typed_text(), email=typed_text())
@example(phone="+44 (0)20 7946 0958", email="zoë@example.org")
@example(phone="07700 900123", email="مريم@example.org")
@example(phone="07700\x00900123", email="ann\x00@example.org")  # the NUL e-mail was saved
@example(phone="", email="ann\t@example.org")  # and one with a tab in it
@example(phone=LONG, email=LONG)
def test_a_phone_number_and_email_are_kept_or_refused_on_their_own_field(
    db, coordinator, phone, email
):
    try:
        person_id = db.run(
            members.save_person,
            coordinator,
            PersonInput("Ann Bell", kinds=("member",), phone=phone, email=email),
        )
    except ValidationError as exc:
        assert exc.errors and set(exc.errors) <= {"phone", "email"}, exc.errors
        for field, message in exc.errors.items():
            assert_plain(message, phone if field == "phone" else email)
        return
    back = db.run(members.get_person, coordinator, person_id)
    assert (back.phone, back.email) == (phone.strip(), email.strip())
    assert not hidden(back.phone + back.email)
    assert not any(c.isspace() for c in back.email)


@DB_SETTINGS
@given(typed=typed_text())
@brief_examples()
def test_an_emergency_contacts_name_is_kept_or_refused_on_its_line(db, coordinator, typed):
    promise = Promise("emergency_1", 200, required=True)
    contact = EmergencyContactData(typed, "Daughter", "07700 900123")
    saved = outcome(
        lambda: db.run(
            members.save_person,
            coordinator,
            PersonInput("Ann Bell", kinds=("member",), emergency_contacts=(contact,)),
        ),
        promise,
        typed,
    )
    if saved is not None:
        back = db.run(members.get_person, coordinator, saved)
        assert back.emergency_contacts[0].name == typed.strip()


# ---------------------------------------------------------------- notes


@pytest.fixture
def ann(db, coordinator) -> int:
    return add_person(db, coordinator, "Ann Bell")


NOTE_TEXT = {"text": Promise("text", 2000, required=True), "summary": Promise("summary", 2000)}


@DB_SETTINGS
@given(typed=typed_text(), where=st.sampled_from(sorted(NOTE_TEXT)))
@brief_examples("text", "summary")
def test_a_one_to_one_note_keeps_exactly_what_was_typed(db, coordinator, ann, typed, where):
    values = {"text": "She would like more singing.", where: typed}
    data = NoteInput(ann, TODAY, "likes", **values)
    note_id = outcome(
        lambda: db.run(notes.add_note, coordinator, data, TODAY), NOTE_TEXT[where], typed
    )
    if note_id is not None:
        back = db.run(notes.get_note, coordinator, note_id)
        assert getattr(back, where) == NOTE_TEXT[where].kept(typed)


# ---------------------------------------------------------------- the cash book


@pytest.fixture
def books_ids(db, actors):
    treasurer = actors["treasurer"]
    account = db.run(books.list_accounts, treasurer)[0].account_id
    fund = db.run(books.list_funds, treasurer)[0].fund_id
    category = next(c.category_id for c in db.run(books.list_categories, treasurer) if c.is_receipt)
    return treasurer, account, fund, category


ENTRY_TEXT = {
    "payee": Promise("payee", books.PAYEE_MAX),
    "reference": Promise("reference", books.REFERENCE_MAX),
    "description": Promise("description", 2000),
}


@DB_SETTINGS
@given(typed=typed_text(), where=st.sampled_from(sorted(ENTRY_TEXT)))
@brief_examples("payee", "reference", "description")
def test_a_payment_keeps_exactly_the_payee_reference_and_description_typed(
    db, books_ids, typed, where
):
    treasurer, account, fund, category = books_ids
    data = EntryInput(
        on=date(2026, 11, 2),
        kind="receipt",
        amount_pence=1250,
        account_id=account,
        splits=(SplitInput(category, fund, 1250),),
        **{where: typed},
    )
    entry_id = outcome(
        lambda: db.run(books.record_entry, treasurer, data), ENTRY_TEXT[where], typed
    )
    if entry_id is not None:
        back = db.run(books.get_entry, treasurer, entry_id)
        assert getattr(back.data, where) == ENTRY_TEXT[where].kept(typed)


# ---------------------------------------------------------------- volunteers


NEED_TEXT = {
    "title": Promise("title", 200, collapse=True, required=True),
    "notes": Promise("notes", 2000),
}


@DB_SETTINGS
@given(typed=typed_text(), where=st.sampled_from(sorted(NEED_TEXT)))
@brief_examples("title", "notes")
def test_a_need_keeps_exactly_the_title_and_notes_typed(db, coordinator, typed, where):
    values = {"title": "Help with the garden", where: typed}
    data = NeedInput(purpose="job", when_kind="before", by_date=TODAY, **values)
    need_id = outcome(lambda: db.run(needs.add_need, coordinator, data), NEED_TEXT[where], typed)
    if need_id is not None:
        back = db.run(needs.need, coordinator, need_id)
        assert getattr(back, where) == NEED_TEXT[where].kept(typed)


SKILL = Promise("name", skills.SKILL_NAME_MAX, collapse=True, required=True, tidied_first=True)


@DB_SETTINGS
@given(typed=typed_text())
@brief_examples()
@example(typed="élan")
@example(typed="Élan")  # after "élan" this one crashed: SQLite's lower() folds only A to Z
@example(typed="ıa")
@example(typed="Ia")  # the dotless ı capitalises to I: the same as this name once saved
@example(typed="straße")
@example(typed="STRASSE")
def test_a_skill_is_saved_with_a_capital_or_refused_never_twice(db, coordinator, typed):
    before = {caseless(s.name) for s in db.run(skills.skills, coordinator)}
    tidy = SKILL.kept(typed)
    capital = tidy[:1].upper() + tidy[1:]
    try:
        skill_id = db.run(skills.add_skill, coordinator, typed)
    except ValidationError as exc:
        assert list(exc.errors) == ["name"], exc.errors
        assert_plain(exc.errors["name"], typed)
        assert not SKILL.accepts(typed) or caseless(capital) in before
        return
    assert SKILL.accepts(typed) and caseless(capital) not in before
    names = {s.skill_id: s.name for s in db.run(skills.skills, coordinator)}
    assert names[skill_id] == capital


# ---------------------------------------------------------------- grants


@pytest.fixture
def funder(db, coordinator) -> int:
    return db.run(grants.save_funder, coordinator, None, FunderInput("Harmony Trust", "trust"))


APPLICATION_TEXT = {
    "title": Promise("title", 200, collapse=True, required=True, tidied_first=True),
    "purpose": Promise("purpose", 2000),
    "pays_for": Promise("pays_for", 2000),
    "notes": Promise("notes", 2000),
}


@DB_SETTINGS
@given(typed=typed_text(), where=st.sampled_from(sorted(APPLICATION_TEXT)))
@brief_examples("title", "purpose", "notes")
def test_a_grant_application_keeps_exactly_the_title_and_words_typed(
    db, coordinator, funder, typed, where
):
    values = {"title": "Music for everyone", where: typed}
    data = ApplicationInput(funder, **values)
    application_id = outcome(
        lambda: db.run(grants.save_application, coordinator, None, data, TODAY),
        APPLICATION_TEXT[where],
        typed,
    )
    if application_id is not None:
        back = db.run(grants.get_application, coordinator, application_id, TODAY)
        kept = back.row.title if where == "title" else getattr(back, where)
        assert kept == APPLICATION_TEXT[where].kept(typed)


# ---------------------------------------------------------------- unique names


def _funder(db, actor, name):  # type: ignore[no-untyped-def]
    return db.run(grants.save_funder, actor, None, FunderInput(name, "trust"))


def _fund(db, actor, name):  # type: ignore[no-untyped-def]
    return db.run(books.save_fund, actor, None, books.FundInput(name, "restricted"))


def _account(db, actor, name):  # type: ignore[no-untyped-def]
    return db.run(books.save_account, actor, None, books.AccountInput(name, "current"))


def _category(db, actor, name):  # type: ignore[no-untyped-def]
    return db.run(books.save_category, actor, None, books.CategoryInput(name, "receipts"))


def _user(db, actor, name):  # type: ignore[no-untyped-def]
    return db.run(users.add_user, actor, name, "volunteer", "a good long password")


UNIQUE = {
    "funder": _funder,
    "fund": _fund,
    "account": _account,
    "category": _category,
    "user": _user,
}


@DB_SETTINGS
@given(
    first=st.sampled_from(WORDS[:7] + ["Élan", "Über Trust", "İstanbul", "Straße", "ǅemal"]),
    how=st.sampled_from(["upper", "lower", "casefold", "title", "same", "decomposed"]),
    what=st.sampled_from(sorted(UNIQUE)),
)
@example(first="Über Trust", how="lower", what="funder")  # the second save crashed
@example(first="Élan", how="same", what="fund")  # so did the very same name, twice
@example(first="Élan", how="lower", what="account")
@example(first="Élan", how="lower", what="category")
@example(first="Élan", how="lower", what="user")  # users.py: the same crash, fixed there too
def test_a_name_kept_unique_is_refused_the_second_time_in_any_case(db, actors, first, how, what):
    """The second save of the same name, in another case or typed with separate accents,
    is refused on the name field; the database's own unique rule is never reached."""
    import unicodedata

    treasurer = actors["coordinator" if what in ("funder", "user") else "treasurer"]
    save = UNIQUE[what]
    second = {
        "upper": first.upper(),
        "lower": first.lower(),
        "casefold": first.casefold(),
        "title": first.title(),
        "same": first,
        "decomposed": unicodedata.normalize("NFD", first),
    }[how]
    try:
        save(db, treasurer, first)
    except ValidationError as exc:  # already there from an earlier example
        assert list(exc.errors) == ["name"] and "already" in exc.errors["name"]
    with pytest.raises(ValidationError) as caught:
        save(db, treasurer, second)
    assert list(caught.value.errors) == ["name"]
    assert "already" in caught.value.errors["name"]
    assert_plain(caught.value.errors["name"], second)


@DB_SETTINGS
@given(typed=typed_text())
@brief_examples()
def test_a_sign_in_name_is_kept_tidied_or_refused_plainly(db, coordinator, typed):
    """A user's name: spacing tidied, up to 200 characters; NUL, control characters and
    broken characters refused (a broken one crashed the save), and a name already used."""
    promise = Promise("name", 200, collapse=True, required=True, tidied_first=True)
    before = {caseless(u.name) for u in db.run(users.list_users, coordinator)}
    try:
        user_id = _user(db, coordinator, typed)
    except ValidationError as exc:
        assert list(exc.errors) == ["name"], exc.errors
        assert_plain(exc.errors["name"], typed)
        assert not promise.accepts(typed) or caseless(promise.kept(typed)) in before
        return
    assert promise.accepts(typed) and caseless(promise.kept(typed)) not in before
    names = {u.user_id: u.name for u in db.run(users.list_users, coordinator)}
    assert names[user_id] == promise.kept(typed)
