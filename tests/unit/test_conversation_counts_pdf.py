"""The committee's topic summary printout: each card's counts in words, "fewer than 3" for
1 or 2, the members line and the rule; and no member's name, known-as name or own words
anywhere in it, whoever shared with their name."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader

from clubapp.printing.conversation_counts import CardLine, face_drawing, topic_summary_pdf
from clubapp.services import conversation_counts as counts
from clubapp.services import conversation_topics
from clubapp.services.conversation_topics import CardInput
from clubapp.services.errors import NotAllowed, ValidationError
from tests.conftest import TODAY
from tests.unit.counts_helpers import expected_row, share_conversations
from tests.unit.test_printing_members import all_text, font_names


def _flat(pdf: bytes) -> str:
    return " ".join(all_text(pdf).split())


def _year(today=TODAY):
    return today - timedelta(days=364), today


def test_the_summary_prints_each_cards_counts_in_words_and_no_member(db, coordinator, actors):
    shared = share_conversations(db, coordinator, TODAY)
    start, end = _year()

    pdf = db.run(counts.topic_summary_pdf, actors["committee"], shared.topic_id, start, end, TODAY)

    text = _flat(pdf)
    assert f"What members told us in pictures: {shared.topic_name}" in text
    assert "5 members shared a picture conversation" in text
    assert "Counts only, no names, for whole months." in text
    assert "Like" in text and "Not sure" in text and "Don't like" in text
    # Each card's line reads its word, then its three counts in order.
    for index, word in enumerate(shared.words):
        cells = expected_row(
            *(shared.tallies.get((index, place), 0) for place in ("like", "not_sure", "dislike"))
        )
        assert f"{word} {' '.join(cells)}" in text, (word, cells)
    # The data has both kinds of small count, a plain number and none.
    small = [n for n in shared.tallies.values() if 0 < n < 3]
    assert small and "fewer than 3" in text
    assert any(n >= 3 for n in shared.tallies.values())
    for secret in shared.names:
        assert secret.lower() not in text.lower(), secret
    # The raw small numbers never appear as counts: outside the rule's words, the dates
    # and the page numbers, a "1" or "2" would be a count.
    rule = " ".join(counts.RULE_WORDS.split())
    table = re.sub(r"Page \d+ of \d+", "", text.replace(rule, ""))
    table = re.sub(r"\d+ [A-Z][a-z]+ \d{4}", "", table)
    assert not {"1", "2"} & set(table.split()), table


def test_the_summary_is_a4_with_the_fonts_embedded(db, coordinator):
    shared = share_conversations(db, coordinator, TODAY)
    pdf = db.run(counts.topic_summary_pdf, coordinator, shared.topic_id, *_year(), TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert font_names(pdf) and all(embedded for _name, embedded in font_names(pdf))


def test_too_few_members_print_no_counts(db, coordinator):
    shared = share_conversations(db, coordinator, TODAY, members=2, private=False)
    pdf = db.run(counts.topic_summary_pdf, coordinator, shared.topic_id, *_year(), TODAY)
    text = _flat(pdf)
    assert "Fewer than 3 members shared" in text
    assert "too few to count" in text
    for word in shared.words:
        assert word not in text
    for secret in shared.names:
        assert secret.lower() not in text.lower()


def test_a_card_with_a_photo_prints_its_photo(db, coordinator):
    from clubapp.pictures import picture_path  # noqa: F401 (the library is there)

    shared = share_conversations(db, coordinator, TODAY)
    # A tiny PNG, as a card's own photo.
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944"
        "4154789c63f8cfc000000301010018dd8db00000000049454e44ae426082"
    )
    topic = db.run(conversation_topics.get_topic, coordinator, shared.topic_id)
    first = topic.cards_in_use[0]
    db.run(
        conversation_topics.update_card,
        coordinator,
        first.card_id,
        CardInput(word=first.word, photo=png, licence="Taken at the club"),
    )
    pdf = db.run(counts.topic_summary_pdf, coordinator, shared.topic_id, *_year(), TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1


def test_only_the_committee_may_print_it_and_the_dates_are_checked(db, coordinator, actors):
    shared = share_conversations(db, coordinator, TODAY)
    with pytest.raises(NotAllowed):
        db.run(counts.topic_summary_pdf, actors["volunteer"], shared.topic_id, *_year(), TODAY)
    with pytest.raises(ValidationError):
        db.run(
            counts.topic_summary_pdf,
            coordinator,
            shared.topic_id,
            TODAY,
            TODAY - timedelta(1),
            TODAY,
        )


def test_the_printing_lines_up_the_three_columns_under_their_faces():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = [
        CardLine("Tea", "tea_and_cake", None, "12", "fewer than 3", "none"),
        CardLine("A very long card word that wraps over two lines", "soup", None, "4", "3", "5"),
    ]
    pdf = topic_summary_pdf(
        "Club", "Food", "1 May to 2 May", "7 members shared", counts.RULE_WORDS, lines, TODAY
    )
    reader = PdfReader(io.BytesIO(pdf))
    centres: dict[str, float] = {}

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        words = text.strip()
        if words and font is not None:
            name = font["/BaseFont"].split("+")[-1].removesuffix("-Regular")
            width = stringWidth(words, name, size)
            centres.setdefault(words, cm[4] + tm[4] + width / 2)

    reader.pages[0].extract_text(visitor_text=visit)
    # Each count sits centred under its column's heading, whatever its length, on one line.
    columns = [("Like", "12", "4"), ("Not sure", "fewer than 3", "3"), ("Don't like", "none", "5")]
    for heading, first, second in columns:
        assert abs(centres[heading] - centres[first]) < 1, (heading, centres)
        assert abs(centres[heading] - centres[second]) < 1, (heading, centres)
    assert centres["Like"] < centres["Not sure"] < centres["Don't like"]
    for place in ("like", "not_sure", "dislike"):
        assert face_drawing(place).width > 0
    with pytest.raises(KeyError):
        face_drawing("skipped")
