"""The tester's findings on meetings, below the screens: why an agenda item stays, which
meeting's minutes are read, the words for a meeting number never used, and the minutes
printout (long items run over the page; matters arising list what was reviewed)."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from clubapp.printing.committee import (
    ActionLine,
    DecisionLine,
    MeetingHeader,
    MinutesDoc,
    MinutesItem,
    minutes_pdf,
)
from clubapp.services import agenda, committee, decisions, meetings
from clubapp.services.committee import TermInput
from clubapp.services.decisions import DecisionInput
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.meetings import MeetingInput
from tests.conftest import TODAY


@pytest.fixture
def trustees(db, coordinator, person_factory) -> list[int]:
    people = [person_factory(name, kinds=("trustee",)) for name in ("Ann", "Bill", "Cath")]
    for pid in people:
        db.run(
            committee.add_term,
            coordinator,
            TermInput(pid, "trustee", date(2026, 1, 1), date(2028, 1, 31)),
        )
    return people


def add(db, coordinator, on: date, kind: str = "committee") -> int:
    return db.run(meetings.add_meeting, coordinator, MeetingInput(kind, on))


def item_id(db, coordinator, meeting_id: int, title: str) -> int:
    detail = db.run(meetings.get_meeting, coordinator, meeting_id)
    return next(i.item_id for i in detail.items if i.title == title)


# ---------------------------------------------------------------- the service


def test_meetings_after_a_day_are_listed_with_their_counts(db, coordinator, trustees):
    """The page asks only for the meetings after its own (to approve its minutes at)."""
    earlier = add(db, coordinator, TODAY - timedelta(days=60))
    this = add(db, coordinator, TODAY - timedelta(days=30))
    later = add(db, coordinator, TODAY)
    for pid in trustees:
        db.run(meetings.set_attendance, coordinator, later, pid, "present")
    db.run(
        decisions.record_decision,
        coordinator,
        later,
        DecisionInput(
            "Buy a kettle", 3, 0, 0, item_id(db, coordinator, later, "Any other business")
        ),
    )
    every = db.run(meetings.list_meetings, coordinator)
    assert [m.meeting_id for m in every] == [later, this, earlier]
    after = db.run(meetings.list_meetings, coordinator, after=TODAY - timedelta(days=30))
    assert [m.meeting_id for m in after] == [later]
    assert (after[0].items, after[0].decisions) == (every[0].items, 1)
    assert after[0].items == len(db.run(meetings.get_meeting, coordinator, later).items)


def test_why_an_item_stays_follows_the_rule_remove_item_uses(db, coordinator, trustees):
    """An item with a decision under it stays, and says why before anyone asks; an item
    without one can go, and remove_item agrees in both cases."""
    meeting = add(db, coordinator, TODAY)
    for pid in trustees:
        db.run(meetings.set_attendance, coordinator, meeting, pid, "present")
    aob = item_id(db, coordinator, meeting, "Any other business")
    arising = item_id(db, coordinator, meeting, "Matters arising")
    db.run(
        decisions.record_decision,
        coordinator,
        meeting,
        DecisionInput("Buy a kettle", 3, 0, 0, item_id=aob),
    )
    assert db.run(meetings.why_item_stays, coordinator, aob) == (
        "A decision was recorded under it, and the minutes must show where."
    )
    with pytest.raises(ValidationError):
        db.run(agenda.remove_item, coordinator, aob)
    assert db.run(meetings.why_item_stays, coordinator, arising) == ""
    db.run(agenda.remove_item, coordinator, arising)
    assert db.run(meetings.why_item_stays, coordinator, arising) == (
        "This agenda item is not there any more."
    )


def test_a_meeting_knows_the_last_one_of_its_kind(db, coordinator):
    """Minutes of the last meeting: the meeting of the same kind just before this one."""
    first = add(db, coordinator, TODAY - timedelta(days=56))
    second = add(db, coordinator, TODAY - timedelta(days=28))
    add(db, coordinator, TODAY - timedelta(days=7), kind="agm")  # another kind
    third = add(db, coordinator, TODAY)
    assert db.run(meetings.get_meeting, coordinator, first).previous is None
    before = db.run(meetings.get_meeting, coordinator, third).previous
    assert before is not None
    assert (before.meeting_id, before.on_date, before.minutes_approved_on) == (
        second,
        TODAY - timedelta(days=28),
        None,
    )


def test_a_meeting_number_never_used_is_not_there_any_more(db, coordinator):
    """get_meeting says plainly that there is no such meeting."""
    with pytest.raises(NotFound) as caught:
        db.run(meetings.get_meeting, coordinator, 999)
    assert str(caught.value) == "There is no meeting with that number."


# ---------------------------------------------------------------- the minutes printout

HEADER = MeetingHeader("Wednesday Club", "Committee meeting", TODAY, None, "The hall", "Ann")


def doc(*items: MinutesItem) -> MinutesDoc:
    return MinutesDoc(
        header=HEADER,
        present=("Ann", "Bill", "Cath"),
        apologies=(),
        guests=(),
        quorum_words="Quorate: 3 trustees present, 3 needed.",
        items=items,
        status_words="Draft: to be approved at the next meeting.",
        corrections=(),
    )


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_long_item_starts_on_the_first_page_and_runs_over(db):
    """An item of about a page of discussion no longer jumps to page 2, leaving half of
    page 1 empty: its heading and first words are on page 1, its last words on page 2."""
    short = MinutesItem(1, "Apologies", "None were received.", (), ())
    words = " ".join(f"Sentence {n:03d} about the garden." for n in range(160))
    long = MinutesItem(2, "The garden", words, (), ())
    texts = pages(minutes_pdf(doc(short, long), TODAY))
    assert len(texts) >= 2
    assert "2. The garden" in texts[0]
    assert "Sentence 000" in texts[0]
    assert "Sentence 159" in texts[-1] and "Sentence 159" not in texts[0]


def test_a_heading_never_ends_a_page_alone():
    """Whatever comes before it, an item's heading has its first lines on the same page."""
    for filler_sentences in range(20, 200, 9):
        filler = " ".join("Words to fill the page." for _ in range(filler_sentences))
        words = " ".join(f"Line {n:03d} of the long item." for n in range(120))
        texts = pages(
            minutes_pdf(
                doc(
                    MinutesItem(1, "Filler", filler, (), ()),
                    MinutesItem(2, "Long item", words, (), ()),
                ),
                TODAY,
            )
        )
        holding = next(t for t in texts if "2. Long item" in t)
        assert "Line 000" in holding, filler_sentences


def test_a_short_item_is_still_kept_on_one_page():
    """Short items are kept whole: title and last words on the same page."""
    items = [
        MinutesItem(
            n, f"Item title {n:02d}", f"A few words about item {n:02d}. End {n:02d}.", (), ()
        )
        for n in range(1, 41)
    ]
    texts = pages(minutes_pdf(doc(*items), TODAY))
    for n in range(1, 41):
        holding = [t for t in texts if f"Item title {n:02d}" in t]
        assert len(holding) == 1 and f"End {n:02d}." in holding[0]


def test_matters_arising_list_the_action_points_reviewed(db):
    """The action points looked at under Matters arising are printed, done or not."""
    reviewed = (
        ActionLine("Book the minibus", "Ann", TODAY - timedelta(days=7), TODAY - timedelta(days=2)),
        ActionLine("Mend the gate", "Bill", None, None),
    )
    decision = DecisionLine("Buy a kettle", "Ann", "Bill", 3, 0, 0, "Carried")
    item = MinutesItem(1, "Matters arising", "", (decision,), (), reviewed=reviewed)
    for easy_read in (False, True):
        text = " ".join(pages(minutes_pdf(doc(item), TODAY, easy_read=easy_read)))
        assert "Book the minibus" in text and "Mend the gate" in text
        heading = "Jobs from earlier meetings" if easy_read else "Action points from earlier"
        assert heading in text
        assert "Not yet" in text or "Not done yet" in text
    plain = MinutesItem(1, "Matters arising", "Nothing.", (), ())
    assert "earlier meetings" not in " ".join(pages(minutes_pdf(doc(plain), TODAY)))
