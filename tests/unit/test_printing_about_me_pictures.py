"""About me's picture conversations on paper: compact, each topic kept whole on one page,
the faces as the screens draw them; and the shared face drawing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from clubapp.db.database import open_database
from clubapp.printing.conversations import compact_slots
from clubapp.printing.faces import face_drawing
from clubapp.services import committee_printouts, conversations
from clubapp.services.permissions import COMMAND_LINE
from tests.conftest import TODAY, copy_club


@pytest.fixture(scope="module")
def peggy_about_me(demo_club, tmp_path_factory):
    db = open_database(copy_club(demo_club, tmp_path_factory.mktemp("club") / "club.sqlite3"))
    try:
        query = text("SELECT id FROM people WHERE full_name = 'Margaret Holloway'")
        peggy = db.run(lambda s: s.execute(query).scalar_one())
        pdf = db.run(committee_printouts.about_me, COMMAND_LINE, peggy, TODAY)
        latest = [
            d
            for d in db.run(conversations.latest_per_topic, COMMAND_LINE, peggy)
            if d.visibility == "committee_named"
        ]
    finally:
        db.close()
    return pdf, latest


def test_peggys_pictures_are_compact_and_no_topic_splits(peggy_about_me):
    pdf, latest = peggy_about_me
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(latest) >= 3  # the demo gives her several topics, so this tests something
    # It was five pages, a topic to a page and a table split across two.
    assert len(pages) <= 3
    for detail in latest:
        on = [n for n, page in enumerate(pages) if f"{detail.topic_name}:" in page]
        assert len(on) == 1, (detail.topic_name, on)
        page = pages[on[0]]
        for answer in detail.answers:
            if answer.place != "skipped":
                assert answer.word in page, (detail.topic_name, answer.word)


def test_slots_go_to_the_fullest_place_and_leftovers_to_the_narrowest():
    assert compact_slots([6, 1, 3]) == [3, 1, 2]
    assert compact_slots([3, 3, 2]) == [2, 2, 2]
    assert compact_slots([0, 0, 1]) == [2, 2, 2]
    assert compact_slots([12, 0, 0]) == [4, 1, 1]
    for counts in ([6, 2, 4], [9, 9, 9], [1, 0, 0], [20, 1, 1]):
        shares = compact_slots(counts)
        assert sum(shares) == 6 and min(shares) >= 1


def test_the_printed_faces_differ_by_their_mouths_and_match_the_screens_colour():
    from reportlab.graphics.shapes import PolyLine

    mouths = {}
    for place in ("like", "not_sure", "dislike"):
        drawing = face_drawing(place, 100)
        face = drawing.contents[0]
        assert face.fillColor.hexval().upper() == "0XFFD54F"  # the screens' yellow
        (mouth,) = [s for s in drawing.contents if isinstance(s, PolyLine)]
        ys = mouth.points[1::2]
        mouths[place] = (ys[0], min(ys), max(ys))
    # A smile dips in the middle (its ends are highest); a frown rises in the middle.
    start, low, _high = mouths["like"]
    assert low < start
    start, _low, high = mouths["dislike"]
    assert high > start
    with pytest.raises(KeyError):
        face_drawing("skipped")


def test_the_committee_summarys_running_header_is_not_cut():
    from clubapp.printing.conversation_counts import topic_summary_pdf

    pdf = topic_summary_pdf(
        "Riverside Memory Club", "Activities at the club", "1 May 2026 to 31 October 2026",
        "5 members shared.", "Counts only.", [], TODAY,
    )  # fmt: skip
    page = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "…" not in page  # it was "…Activities at t…"
    assert page.count("Activities at the club") == 2  # the header, and the title
