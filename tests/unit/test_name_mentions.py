"""Finding a person's name in free text and replacing it with "a former member"."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from clubapp.services.name_mentions import ERASED_NAME, REPLACEMENT, name_search

PEGGY = name_search("Margaret Holloway", "Peggy", ["Arthur Holloway", "Dorothy Evans"])
ZOE = name_search("Zoë O'Brien", "", [])


def test_the_full_name_the_known_as_and_both_together_are_found():
    assert PEGGY.names == ("Margaret Holloway", "Peggy Holloway", "Peggy")
    for text in ("Margaret Holloway came", "peggy  holloway came", "Thanks to Peggy."):
        assert PEGGY.mentions(text), text


def test_part_of_a_word_or_a_small_letter_word_is_not_a_name():
    """One-word names are matched with their capital: "the peggy" and "Peggyanne" are not."""
    for text in ("the peggy", "Peggyanne", "Holloway Road", "Arthur Holloway", "Peggy-Sue"):
        assert not PEGGY.mentions(text), text


def test_a_longer_name_that_contains_theirs_is_someone_else():
    ann = name_search("Ann Smith", "", [])
    assert not ann.mentions("Ann Smith-Jones came")
    assert not name_search("Brien Jones", "Brien", []).mentions("Zoë O'Brien")
    assert ann.replace("Ann Smith's hat") == f"{ERASED_NAME}'s hat"


def test_replacing_starts_a_sentence_with_a_capital():
    assert PEGGY.replace("Peggy said so. Then peggy holloway left; we thanked Peggy's son.") == (
        "A former member said so. Then a former member left; we thanked a former member's son."
    )
    assert PEGGY.replace("MARGARET HOLLOWAY") == ERASED_NAME


def test_both_apostrophes_and_letters_with_marks():
    assert ZOE.replace("Zoë O’Brien and ZOË O'BRIEN") == f"{ERASED_NAME} and {REPLACEMENT}"


def test_a_shared_or_month_name_is_not_searched_alone_and_said_so():
    shared = name_search("Margaret Holloway", "Peggy", ["Peggy Smith"])
    assert "Peggy" not in shared.names and "Peggy Holloway" in shared.names
    assert "someone else in the club" in shared.left_alone[0]
    month = name_search("May Jones", "May", [])
    assert month.names == ("May Jones",)
    assert "month or a day" in month.left_alone[0]
    assert month.replace("On 3 May May Jones came") == f"On 3 May {REPLACEMENT} came"


def test_an_erased_person_has_no_name_to_search():
    search = name_search(ERASED_NAME, "", [])
    assert search.pattern is None and not search.mentions("A former member came")


def _ascii_lower(text: str) -> str:
    return text.translate(str.maketrans(string.ascii_uppercase, string.ascii_lowercase))


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
spellings = st.sampled_from(
    [
        "Margaret Holloway",
        "PEGGY HOLLOWAY",
        "peggy\nholloway",
        "Peggy",
        "PEGGY",
        "margaret  HOLLOWAY",
    ]
)


@given(before=texts, name=spellings, after=texts)
def test_after_replacing_no_mention_is_left(before, name, after):
    """Whatever surrounds the name, once replaced nothing in the text is their name."""
    text = f"{before} {name} {after}"
    assert PEGGY.mentions(text)
    assert not PEGGY.mentions(PEGGY.replace(text))


@given(text=st.one_of(texts, st.builds(lambda a, n, b: f"{a} {n} {b}", texts, spellings, texts)))
def test_the_quick_first_look_never_misses_a_mention(text):
    """The SQL first look (LIKE, A to Z in any case) finds every text that mentions them."""
    if PEGGY.mentions(text):
        assert any(_ascii_lower(a) in _ascii_lower(text) for a in PEGGY.anchors)
