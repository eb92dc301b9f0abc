"""The committee printouts (agenda, minutes, "You said, we did") and their pictures:
built from plain rows and read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import date, time

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.graphics import renderPDF
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from clubapp.printing.base import MARGIN, format_long_date
from clubapp.printing.committee import (
    EASY_STANDING_WORDS,
    ActionLine,
    AgendaLine,
    DecisionLine,
    MeetingHeader,
    MinutesCorrectionLine,
    MinutesDoc,
    MinutesItem,
    YouSaidLine,
    agenda_pdf,
    minutes_pdf,
    you_said_we_did_pdf,
)
from clubapp.printing.pictograms import PICTOGRAM_SIZE, PICTURES, pictogram
from tests.unit.test_printing_members import (
    all_text,
    font_names,
    page_texts,
    text_runs_outside_page,
)

CLUB = "Wednesday Club"
PRINTED_ON = date(2026, 11, 22)
MEETING_DAY = date(2026, 11, 18)  # a Wednesday
MARKUP = "<b>Bold</b> & co"
STANDING = ("apologies", "minutes", "matters_arising", "treasurer", "aob")


# --- helpers ---------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """One run of text as drawn: where it starts, its size and font, on which page."""

    text: str
    x: float
    size: float
    bold: bool
    page: int


def pieces(pdf: bytes) -> list[Piece]:
    found: list[Piece] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):

        def visit(text, cm, tm, font_dict, font_size, number=number):
            if not text.strip() or not font_dict:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            size = font_size * cm[0] * tm[0]
            bold = "Bold" in str(font_dict.get("/BaseFont", ""))
            found.append(Piece(text.strip(), x, size, bold, number))

        page.extract_text(visitor_text=visit)
    return found


def story_pieces(pdf: bytes, title: str) -> list[Piece]:
    """The drawn text without the page furniture (club name, title, footer)."""
    furniture = (CLUB, title)
    return [p for p in pieces(pdf) if p.text not in furniture and "Printed on" not in p.text]


FURNITURE_TITLES = ("Agenda", "Agenda (easy read)", "Minutes", "Minutes (easy read)")


def pages_without_story(pdf: bytes) -> list[int]:
    """The numbers of pages that carry nothing but the header and footer."""
    empty = []
    for number, text in enumerate(page_texts(pdf), start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        story = [
            line
            for line in lines
            if line != CLUB and line not in FURNITURE_TITLES and "Printed on" not in line
        ]
        if not story:
            empty.append(number)
    return empty


def piece_with(pdf: bytes, words: str) -> Piece:
    """The first drawn run of text that contains the words."""
    return next(p for p in pieces(pdf) if words in p.text)


def flat(text: str) -> str:
    """Text with every run of white space made one space (lines wrap in the PDF)."""
    return " ".join(text.split())


def operators(pdf: bytes) -> list[bytes]:
    """Every content-stream operator on every page, in order."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[bytes] = []
    for page in reader.pages:
        found += [op for _, op in ContentStream(page.get_contents(), reader).operations]
    return found


def header(**kw) -> MeetingHeader:
    fields = {
        "club_name": CLUB,
        "kind_words": "Committee meeting",
        "on_date": MEETING_DAY,
        "start_time": time(14, 30),
        "place": "The Community Room, Maple Court",
        "chair": "Margaret O'Neill",
    } | kw
    return MeetingHeader(**fields)


def agenda_line(number: int, title: str, **kw) -> AgendaLine:
    fields = {
        "details": "",
        "presenter": "",
        "planned_minutes": None,
        "standing_code": None,
        "from_members": (),
    } | kw
    return AgendaLine(number=number, title=title, **fields)


def usual_agenda() -> list[AgendaLine]:
    return [
        agenda_line(
            1,
            "Apologies for absence",
            presenter="Margaret O'Neill",
            planned_minutes=5,
            standing_code="apologies",
        ),
        agenda_line(
            2,
            "Minutes of the last meeting",
            details="Held on 14 October 2026.",
            planned_minutes=10,
            standing_code="minutes",
        ),
        agenda_line(3, "Matters arising", planned_minutes=10, standing_code="matters_arising"),
        agenda_line(
            4,
            "Treasurer's report",
            presenter="Dev Patel",
            planned_minutes=15,
            standing_code="treasurer",
        ),
        agenda_line(
            5,
            "Summer outing",
            details="Where to go next summer, and how to get there.",
            presenter="Ann Lee",
            planned_minutes=20,
            from_members=(
                "A member said they would love a trip to the seaside.",
                "A carer asked that the bus has a wheelchair lift.",
            ),
        ),
        agenda_line(6, "Any other business", planned_minutes=5, standing_code="aob"),
    ]


YES = DecisionLine(
    "Hire a minibus for the summer outing", "Ann Lee", "Dev Patel", 5, 1, 1, "Carried"
)
NO = DecisionLine(
    "Move the Tuesday session to the afternoon", "Bob Smith", "", 2, 4, 0, "Not carried"
)
CASTING = DecisionLine(
    "Buy a new urn", "Bob Smith", "Ann Lee", 3, 3, 0, "Carried on the chair's casting vote"
)
ACTIONS = (
    ActionLine("Book the minibus", "Ann Lee", date(2026, 12, 1), None),
    ActionLine("Ask three firms for prices", "Dev Patel", None, date(2026, 11, 25)),
)


def usual_minutes(**kw) -> MinutesDoc:
    fields = {
        "header": header(),
        "present": ("Margaret O'Neill", "Ann Lee", "Dev Patel", "Bob Smith", "Jean Brown"),
        "apologies": ("Tom Green",),
        "guests": ("Sue from the council",),
        "quorum_words": "Quorate: 5 trustees present, 3 needed.",
        "items": (
            MinutesItem(1, "Apologies for absence", "Apologies were received from Tom.", (), ()),
            MinutesItem(
                2, "Summer outing", "The committee talked about the seaside.", (YES, NO), ACTIONS
            ),
            MinutesItem(3, "Kitchen", "", (CASTING,), ()),
        ),
        "status_words": "Draft: to be approved at the next meeting.",
        "corrections": (
            MinutesCorrectionLine(date(2026, 12, 9), "Item 2: the minibus cost £180, not £160."),
        ),
    } | kw
    return MinutesDoc(**fields)


# --- pictures --------------------------------------------------------------


def picture_stream(code: str | None) -> bytes:
    """The PDF drawing operators of one picture on its own."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(30 * mm, 30 * mm), pageCompression=0)
    renderPDF.draw(pictogram(code), canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    return reader.pages[0].get_contents().get_data()


@pytest.mark.parametrize("code", list(PICTURES))
def test_each_picture_is_about_20_mm_and_drawn_with_shapes(code):
    """Every picture is a 20 mm square vector drawing with lines or filled shapes."""
    drawing = pictogram(code)
    assert drawing.width == drawing.height == PICTOGRAM_SIZE
    assert 18 * mm <= PICTOGRAM_SIZE <= 22 * mm
    stream = picture_stream(code)
    assert re.search(rb"\s(S|f|B|f\*|B\*)\s", stream), "the picture paints nothing"


def test_every_picture_is_different_and_unknown_codes_get_the_speech_bubble():
    """The pictures can be told apart; an item without a standing code has a bubble."""
    streams = {code: picture_stream(code) for code in PICTURES}
    assert len(set(streams.values())) == len(PICTURES)
    assert picture_stream("something_new") == streams[None]


@pytest.mark.parametrize("code", list(PICTURES))
def test_pictures_are_black_on_white(code):
    """Every colour a picture sets is pure black or pure white (high contrast)."""
    stream = picture_stream(code).decode("latin-1")
    colours = re.findall(r"((?:[\d.]+\s+){3})(rg|RG)\b", stream)
    colours += [
        (value + " " + value + " " + value, op)
        for value, op in re.findall(r"([\d.]+)\s+(g|G)\b", stream)
    ]
    assert colours
    for values, _ in colours:
        numbers = {float(v) for v in values.split()}
        assert numbers in ({0.0}, {1.0}), values


# --- agenda ----------------------------------------------------------------


def test_agenda_header_gives_the_meeting_in_words():
    """The top of the agenda names the club, the kind of meeting, the day in words,
    the time, the place and the chair."""
    first = flat(page_texts(agenda_pdf(header(), usual_agenda(), PRINTED_ON))[0])
    for words in (
        CLUB,
        "Agenda",
        "Committee meeting",
        "When: Wednesday 18 November 2026 at 2:30pm",
        "Where: The Community Room, Maple Court",
        "Chair: Margaret O'Neill",
    ):
        assert words in first


def test_agenda_header_leaves_out_what_is_not_known():
    """No time, place or chair: the date prints alone and no empty labels appear."""
    text = all_text(agenda_pdf(header(start_time=None, place="", chair=""), [], PRINTED_ON))
    assert "When: Wednesday 18 November 2026" in text
    assert " at " not in text
    assert "Where:" not in text and "Chair:" not in text
    assert "There is nothing on the agenda yet." in text


def test_agenda_lists_items_in_order_with_presenter_time_details_and_members_words():
    """Each item prints numbered, in order, with who leads it, its minutes, its
    details and what members said under "From members:"."""
    items = usual_agenda()
    text = flat(all_text(agenda_pdf(header(), items, PRINTED_ON)))
    positions = [text.index(f"{item.number}. {item.title}") for item in items]
    assert positions == sorted(positions)
    assert "Led by Margaret O'Neill · 5 minutes" in text
    assert "Led by Dev Patel · 15 minutes" in text
    assert "Held on 14 October 2026." in text
    said = text.index("From members:")
    assert positions[4] < said < positions[5]
    for words in items[4].from_members:
        assert said < text.index(words) < positions[5]


def test_agenda_total_planned_time_and_finish():
    """The end of the agenda adds up the planned minutes and says when it should end."""
    text = flat(all_text(agenda_pdf(header(), usual_agenda(), PRINTED_ON)))
    assert "Total planned time: 1 hour 5 minutes" in text  # 5+10+10+15+20+5 = 65
    assert "Planned to finish at about 3:35pm." in text


def test_agenda_total_says_how_many_items_have_no_time():
    """Items with no planned minutes are counted and said, and no finish time is guessed."""
    items = [*usual_agenda(), agenda_line(7, "Date of next meeting")]
    text = flat(all_text(agenda_pdf(header(), items, PRINTED_ON)))
    assert "Total planned time: 1 hour 5 minutes" in text
    assert "Not counting 1 item with no time planned." in text
    assert "Planned to finish" not in text
    untimed = [agenda_line(1, "Welcome"), agenda_line(2, "Chat")]
    text = flat(all_text(agenda_pdf(header(), untimed, PRINTED_ON)))
    assert "No times are planned for these items." in text


def test_agenda_is_large_print():
    """Every piece of text on the standard agenda is at least 14 pt."""
    sizes = {round(p.size, 1) for p in pieces(agenda_pdf(header(), usual_agenda(), PRINTED_ON))}
    assert min(sizes) >= 14


def test_easy_read_agenda_is_bigger_print():
    """In easy read the item words are at least 18 pt and item titles at least 24 pt,
    bigger than the same words on the standard agenda."""
    items = usual_agenda()
    easy = agenda_pdf(header(), items, PRINTED_ON, easy_read=True)
    standard = agenda_pdf(header(), items, PRINTED_ON)
    details = "Held on 14 October 2026."
    assert piece_with(easy, details).size >= 18
    assert piece_with(standard, details).size == 14
    assert piece_with(easy, "Summer outing").size >= 24
    assert min(p.size for p in story_pieces(easy, "Agenda (easy read)")) >= 18


def test_easy_read_agenda_has_standing_words_and_pictures():
    """Each standing item gets its plain words, and the pages carry the drawn pictures
    (curves of the circles and bubbles), which the standard agenda has none of."""
    items = usual_agenda()
    easy = agenda_pdf(header(), items, PRINTED_ON, easy_read=True)
    standard = agenda_pdf(header(), items, PRINTED_ON)
    text = flat(all_text(easy))
    for code in STANDING:
        assert EASY_STANDING_WORDS[code] in text
    assert "Who could not come today." in text
    assert "Margaret O'Neill will talk about this." in text
    assert "This takes about 15 minutes." in text
    assert "Members told us:" in text
    assert "The meeting takes about 1 hour 5 minutes." in text
    assert operators(easy).count(b"c") > 0
    assert operators(standard).count(b"c") == 0
    assert operators(easy).count(b"S") >= operators(standard).count(b"S") + len(items)


def test_easy_read_words_sit_beside_their_picture():
    """An item's title starts to the right of the picture column, not at the margin,
    while the meeting's own title starts at the margin."""
    easy = agenda_pdf(header(), usual_agenda(), PRINTED_ON, easy_read=True)
    title = piece_with(easy, "Apologies for absence")
    assert title.x >= MARGIN + PICTOGRAM_SIZE
    assert piece_with(easy, "Committee meeting").x == pytest.approx(MARGIN, abs=1)


def test_easy_read_agenda_speaks_plainly_about_the_meeting():
    """The easy-read heading says the day, time, place and who chairs in short lines."""
    text = flat(all_text(agenda_pdf(header(), usual_agenda(), PRINTED_ON, easy_read=True)))
    assert "This is the plan for the meeting." in text
    assert "Day: Wednesday 18 November 2026" in text
    assert "Time: 2:30pm" in text
    assert "The chair is Margaret O'Neill." in text
    assert "We will talk about 6 things." in text


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy read"])
def test_agenda_prints_user_text_literally(easy_read):
    """Markup-looking text and ampersands in titles, details, names and members' words
    print exactly as typed."""
    items = [
        agenda_line(
            1,
            MARKUP,
            details="<i>not italic</i> & <br/> stays",
            presenter="<u>Ann</u> & Bob",
            from_members=("a < b & c > d",),
        )
    ]
    text = flat(
        all_text(agenda_pdf(header(chair="<b>Chair</b>"), items, PRINTED_ON, easy_read=easy_read))
    )
    for words in (
        MARKUP,
        "<i>not italic</i> & <br/> stays",
        "<u>Ann</u> & Bob",
        "a < b & c > d",
        "<b>Chair</b>",
    ):
        assert words in text


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy read"])
def test_sixty_item_agenda_runs_over_several_pages(easy_read):
    """60 items with long details build, fill several pages in order, and stay inside
    the page; every footer counts the real number of pages."""
    items = [
        agenda_line(
            i,
            f"Item title {i:02d}",
            details="Some details about this item. " * (i % 7 + 1),
            presenter=f"Person {i}",
            planned_minutes=5,
            standing_code=STANDING[i % 6] if i % 6 < 5 else None,
            from_members=("A member said something about it.",) if i % 3 == 0 else (),
        )
        for i in range(1, 61)
    ]
    pdf = agenda_pdf(header(), items, PRINTED_ON, easy_read=easy_read)
    pages = page_texts(pdf)
    assert len(pages) > 3
    text = flat("\n".join(pages))
    positions = [text.index(f"{i}. Item title {i:02d}") for i in range(1, 61)]
    assert positions == sorted(positions)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert "5 hours" in text  # 60 × 5 minutes
    assert text_runs_outside_page(pdf) == []


def test_easy_read_agenda_keeps_each_item_on_one_page():
    """A short easy-read item is never split: its title and its last line share a page."""
    items = [
        agenda_line(
            i,
            f"Item title {i:02d}",
            details=f"Last line of item {i:02d}.",
            presenter="Ann",
            planned_minutes=10,
            standing_code=STANDING[i % 5],
        )
        for i in range(1, 25)
    ]
    pages = [flat(t) for t in page_texts(agenda_pdf(header(), items, PRINTED_ON, easy_read=True))]
    assert len(pages) > 2
    for i in range(1, 25):
        holding = [page for page in pages if f"Item title {i:02d}" in page]
        assert len(holding) == 1
        assert f"Last line of item {i:02d}." in holding[0]


def test_huge_texts_on_the_agenda_stay_inside_the_page():
    """A 10,000-character title, details and presenter neither crash nor run off the page."""
    long = "q" * 10_000
    items = [
        agenda_line(1, long, details=long, presenter=long, planned_minutes=5, from_members=(long,))
    ]
    for easy_read in (False, True):
        pdf = agenda_pdf(header(place=long, chair=long), items, PRINTED_ON, easy_read=easy_read)
        assert len(page_texts(pdf)) > 1
        assert text_runs_outside_page(pdf) == []
        assert pages_without_story(pdf) == []


# --- minutes ---------------------------------------------------------------


def test_minutes_show_status_attendance_and_quorum_first():
    """The first page gives the meeting, the draft status, who was present, who sent
    apologies, the guests and the quorum, before the first item."""
    first = flat(page_texts(minutes_pdf(usual_minutes(), PRINTED_ON))[0])
    for words in (
        "Minutes",
        "When: Wednesday 18 November 2026 at 2:30pm",
        "Draft: to be approved at the next meeting.",
        "Present: Margaret O'Neill, Ann Lee, Dev Patel, Bob Smith, Jean Brown",
        "Apologies: Tom Green",
        "Guests: Sue from the council",
        "Quorate: 5 trustees present, 3 needed.",
    ):
        assert words in first
    assert first.index("Quorate") < first.index("1. Apologies for absence")


def test_minutes_status_is_prominent():
    """The status line is in bold large print."""
    pdf = minutes_pdf(
        usual_minutes(status_words="Approved at the meeting on 12 May 2026."), PRINTED_ON
    )
    status = piece_with(pdf, "Approved at the meeting on 12 May 2026.")
    assert status.bold and status.size >= 18


def test_minutes_decisions_give_motion_people_votes_and_outcome():
    """Each decision prints its motion, proposer, seconder, the three counts and the
    outcome words in bold."""
    pdf = minutes_pdf(usual_minutes(), PRINTED_ON)
    text = flat(all_text(pdf))
    assert "Motion: Hire a minibus for the summer outing" in text
    assert "Proposed by: Ann Lee · Seconded by: Dev Patel" in text
    assert "For: 5 · Against: 1 · Abstain: 1" in text
    assert "For: 2 · Against: 4 · Abstain: 0" in text
    assert "Proposed by: Bob Smith" in text
    assert "Seconded by: Ann Lee" in text  # the casting-vote decision
    for outcome in ("Carried", "Not carried", "Carried on the chair's casting vote"):
        assert any(p.text == outcome and p.bold for p in pieces(pdf)), outcome
    assert text.index("Motion: Hire") < text.index("Motion: Move") < text.index("Motion: Buy")


def test_minutes_action_points_are_a_table():
    """Action points print under their item as What / Who / By when / Done, with dates
    in words, "No date" and "Not yet" where there is none."""
    text = flat(all_text(minutes_pdf(usual_minutes(), PRINTED_ON)))
    assert "Action points What Who By when Done" in text
    assert "Book the minibus Ann Lee 1 December 2026 Not yet" in text
    assert "Ask three firms for prices" in text and "No date" in text
    assert "25 November 2026" in text
    assert text.index("2. Summer outing") < text.index("Action points") < text.index("3. Kitchen")


def test_minutes_corrections_come_last_with_their_dates():
    """Corrections agreed later print at the end, each with its date in words; with none
    there is no such heading."""
    text = flat(all_text(minutes_pdf(usual_minutes(), PRINTED_ON)))
    heading = text.index("Corrections agreed later")
    assert heading > text.index("3. Kitchen")
    assert "Wednesday 9 December 2026: Item 2: the minibus cost £180, not £160." in text
    text = all_text(minutes_pdf(usual_minutes(corrections=()), PRINTED_ON))
    assert "Corrections agreed later" not in text


def test_minutes_say_plainly_when_lists_are_empty():
    """No one present, no apologies, no guests, no items: each is said in plain words."""
    doc = usual_minutes(present=(), apologies=(), guests=(), items=(), corrections=())
    text = flat(all_text(minutes_pdf(doc, PRINTED_ON)))
    assert "Nobody is recorded as present." in text
    assert "No apologies." in text
    assert "No guests." in text
    assert "No items were recorded." in text
    easy = flat(all_text(minutes_pdf(doc, PRINTED_ON, easy_read=True)))
    assert "No apologies." in easy
    assert "Nothing was written down." in easy


def test_minutes_item_without_discussion_prints_only_what_it_has():
    """An item with empty discussion prints its title and decisions, nothing invented."""
    doc = usual_minutes(items=(MinutesItem(1, "Kitchen", "", (CASTING,), ()),))
    text = flat(all_text(minutes_pdf(doc, PRINTED_ON)))
    assert "1. Kitchen Motion: Buy a new urn" in text
    assert "Action points" not in text


def test_easy_read_minutes_say_decisions_in_sentences():
    """Easy read says each decision as YES or NO (from the outcome words), the motion
    and how many said yes, no or were not sure."""
    pdf = minutes_pdf(usual_minutes(), PRINTED_ON, easy_read=True)
    text = flat(all_text(pdf))
    assert "We decided: YES. Hire a minibus for the summer outing." in text
    assert "5 people said yes, 1 said no, 1 was not sure." in text
    assert "We decided: NO. Move the Tuesday session to the afternoon." in text
    assert "2 people said yes, 4 said no, 0 were not sure." in text
    # "Carried on the chair's casting vote" starts with "Carried": a yes, and said why
    assert "We decided: YES. Buy a new urn." in text
    assert "Carried on the chair's casting vote." in text
    assert "Ann Lee suggested it. Dev Patel backed it." in text
    assert "Who came: Margaret O'Neill" in text
    assert "Sorry, could not come: Tom Green" in text
    assert "Draft: to be approved at the next meeting." in text


def test_easy_read_minutes_counts_in_words():
    """One vote reads "1 person"; a decision with no counted votes says so."""
    one = DecisionLine("Paint the hall", "", "", 1, 0, 1, "Carried")
    none = DecisionLine("Say thank you to Sue", "", "", 0, 0, 0, "Carried")
    doc = usual_minutes(items=(MinutesItem(1, "Hall", "", (one, none), ()),))
    text = flat(all_text(minutes_pdf(doc, PRINTED_ON, easy_read=True)))
    assert "1 person said yes, 0 said no, 1 was not sure." in text
    assert "The votes were not counted." in text


def test_easy_read_minutes_list_jobs_in_plain_words():
    """Action points become "Jobs to do:" with who, by when and whether done."""
    text = flat(all_text(minutes_pdf(usual_minutes(), PRINTED_ON, easy_read=True)))
    assert "Jobs to do:" in text
    assert "Book the minibus. Who: Ann Lee. By: 1 December 2026. Not done yet." in text
    assert "Ask three firms for prices. Who: Dev Patel. Done on 25 November 2026." in text


def test_easy_read_minutes_are_bigger_print_with_pictures():
    """Easy-read minutes: the discussion is at least 18 pt (14 pt in the standard
    minutes) and tick, cross and bubble pictures are drawn."""
    easy = minutes_pdf(usual_minutes(), PRINTED_ON, easy_read=True)
    standard = minutes_pdf(usual_minutes(), PRINTED_ON)
    words = "The committee talked about the seaside."
    assert piece_with(easy, words).size >= 18
    assert piece_with(standard, words).size == 14
    assert piece_with(easy, "We decided: YES.").size >= 18
    assert operators(easy).count(b"c") > operators(standard).count(b"c")


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy read"])
def test_minutes_print_user_text_literally(easy_read):
    """Markup-looking names, motions and discussion print as typed."""
    decision = DecisionLine(MARKUP, "<i>Ann</i>", "Bob & Co", 1, 0, 0, "Carried")
    doc = usual_minutes(
        present=("<b>Ann</b>",),
        items=(
            MinutesItem(
                1,
                "<title>",
                "x < y & z",
                (decision,),
                (ActionLine("<do it>", "A & B", None, None),),
            ),
        ),
        corrections=(MinutesCorrectionLine(date(2026, 12, 1), "<fixed> & done"),),
    )
    text = flat(all_text(minutes_pdf(doc, PRINTED_ON, easy_read=easy_read)))
    for words in (
        MARKUP,
        "<i>Ann</i>",
        "Bob & Co",
        "<b>Ann</b>",
        "<title>",
        "x < y & z",
        "<do it>",
        "A & B",
        "<fixed> & done",
    ):
        assert words in text


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy read"])
def test_forty_item_minutes_with_long_discussion(easy_read):
    """40 items with long discussions, decisions and actions build into many pages, in
    order, all inside the page."""
    discussion = "The committee talked this through at length and agreed a way on. " * 15
    items = tuple(
        MinutesItem(
            i,
            f"Minutes item {i:02d}",
            discussion,
            (replace(YES, motion=f"Motion number {i:02d}"),) if i % 2 else (),
            (ActionLine(f"Job number {i:02d}", "Ann Lee", date(2026, 12, 1), None),)
            if i % 3 == 0
            else (),
        )
        for i in range(1, 41)
    )
    pdf = minutes_pdf(usual_minutes(items=items), PRINTED_ON, easy_read=easy_read)
    pages = page_texts(pdf)
    assert len(pages) > 10
    text = flat("\n".join(pages))
    positions = [text.index(f"{i}. Minutes item {i:02d}") for i in range(1, 41)]
    assert positions == sorted(positions)
    assert text.count("Motion number") == 20
    assert text.count("Job number") == 13
    assert text_runs_outside_page(pdf) == []


def test_minutes_with_a_huge_motion_and_discussion_still_build():
    """10,000-character texts in a title, a decision box and a discussion split over
    pages instead of crashing, stay inside the page and leave no page empty."""
    long = "word " * 2_000
    decision = DecisionLine(long, long, long, 1, 2, 3, long)
    doc = usual_minutes(
        items=(MinutesItem(1, long, long, (decision,), (ActionLine(long, long, None, None),)),)
    )
    for easy_read in (False, True):
        pdf = minutes_pdf(doc, PRINTED_ON, easy_read=easy_read)
        assert len(page_texts(pdf)) > 3
        assert text_runs_outside_page(pdf) == []
        assert pages_without_story(pdf) == []


# --- you said, we did ------------------------------------------------------


def you_said_lines() -> list[YouSaidLine]:
    return [
        YouSaidLine(
            date(2026, 3, 3),
            "An idea",
            "A member",
            "Can we go to the seaside?",
            ("Carried: hire a minibus for the summer outing",),
            ("Done on 3 June 2026: minibus booked",),
        ),
        YouSaidLine(
            date(2026, 4, 9), "A worry", "Jean", "The hall is too cold on Tuesdays.", (), ()
        ),
        YouSaidLine(
            date(2026, 5, 1),
            "A need",
            "A member",
            "More chairs with arms, please.",
            ("Carried: buy six chairs with arms", "Carried: ask about the heating"),
            ("Done on 1 July 2026: chairs bought",),
        ),
    ]


def test_you_said_we_did_prints_each_block():
    """Title, the period in words, then for each line what was said (with its kind, date
    and who), what was decided and what happened."""
    pdf = you_said_we_did_pdf(
        CLUB, date(2026, 3, 1), date(2026, 6, 30), you_said_lines(), PRINTED_ON
    )
    text = flat(all_text(pdf))
    assert text.startswith(CLUB) or CLUB in text
    assert "You said, we did" in text
    assert "From 1 March 2026 to 30 June 2026" in text
    assert "You said (An idea, 3 March 2026, A member): Can we go to the seaside?" in text
    assert "We decided: Carried: hire a minibus for the summer outing." in text
    assert "What happened: Done on 3 June 2026: minibus booked." in text
    assert "You said (A worry, 9 April 2026, Jean): The hall is too cold on Tuesdays." in text
    assert "We decided: The committee has not decided yet." in text
    assert "What happened: Still to do." in text
    assert "Carried: buy six chairs with arms. • Carried: ask about the heating." in text


def test_you_said_we_did_thanks_for_praise_and_names_the_agenda():
    """Praise needs no decision: it says it was passed on, not "not decided yet". Things
    on an agenda but not yet decided say which meeting will talk about them."""
    lines = [
        YouSaidLine(
            date(2026, 5, 2),
            "Praise",
            "A member",
            "The singing was lovely.",
            (),
            (),
            agenda_on=date(2026, 6, 9),
            praise=True,
        ),
        YouSaidLine(
            date(2026, 5, 3),
            "A worry",
            "A member",
            "The path is slippery.",
            (),
            (),
            agenda_on=date(2026, 6, 9),
        ),
    ]
    text = flat(
        all_text(you_said_we_did_pdf(CLUB, date(2026, 5, 1), date(2026, 6, 30), lines, PRINTED_ON))
    )
    assert (
        "What we did: Thank you. We passed this on to the committee. "
        "It is on the agenda of the meeting on 9 June 2026." in text
    )
    assert text.count("not decided yet") == 1
    assert text.count("Still to do.") == 1
    assert (
        "We decided: The committee has not decided yet. "
        "It is on the agenda of the meeting on 9 June 2026." in text
    )


def test_you_said_we_did_is_large_print():
    """Every piece of the noticeboard's own text is at least 16 pt."""
    pdf = you_said_we_did_pdf(
        CLUB, date(2026, 3, 1), date(2026, 6, 30), you_said_lines(), PRINTED_ON
    )
    body = story_pieces(pdf, "You said, we did")
    assert body and min(p.size for p in body) >= 16
    assert piece_with(pdf, "seaside?").size >= 16


def test_you_said_we_did_keeps_each_block_on_one_page():
    """With 40 blocks over several pages, each block's first and last lines share a page."""
    lines = [
        YouSaidLine(
            date(2026, 3, 3),
            "An idea",
            "A member",
            f"Idea number {i:02d}.",
            (f"Carried: decision {i:02d}",),
            (f"Done: result {i:02d}",),
        )
        for i in range(40)
    ]
    pdf = you_said_we_did_pdf(CLUB, date(2026, 1, 1), date(2026, 12, 31), lines, PRINTED_ON)
    pages = [flat(t) for t in page_texts(pdf)]
    assert len(pages) > 3
    for i in range(40):
        holding = [page for page in pages if f"Idea number {i:02d}." in page]
        assert len(holding) == 1
        assert f"Done: result {i:02d}." in holding[0]


def test_you_said_we_did_literal_and_empty():
    """User text prints as typed; with no lines the sheet says nothing was raised."""
    line = YouSaidLine(date(2026, 3, 3), "<b>idea</b>", "A & B", MARKUP, ("x < y",), ("<ok>",))
    text = flat(
        all_text(you_said_we_did_pdf(CLUB, date(2026, 1, 1), date(2026, 2, 1), [line], PRINTED_ON))
    )
    for words in ("<b>idea</b>", "A & B", MARKUP, "x < y", "<ok>"):
        assert words in text
    empty = all_text(you_said_we_did_pdf(CLUB, date(2026, 1, 1), date(2026, 2, 1), [], PRINTED_ON))
    assert "Nothing was raised in this time." in empty


# --- all of them -----------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        lambda: agenda_pdf(header(), usual_agenda(), PRINTED_ON),
        lambda: agenda_pdf(header(), usual_agenda(), PRINTED_ON, easy_read=True),
        lambda: minutes_pdf(usual_minutes(), PRINTED_ON),
        lambda: minutes_pdf(usual_minutes(), PRINTED_ON, easy_read=True),
        lambda: you_said_we_did_pdf(
            CLUB, date(2026, 3, 1), date(2026, 6, 30), you_said_lines(), PRINTED_ON
        ),
    ],
    ids=["agenda", "easy agenda", "minutes", "easy minutes", "you said we did"],
)
def test_committee_printouts_embed_their_fonts_and_have_page_furniture(build):
    """Every font is embedded Atkinson Hyperlegible (the pictures' £ and ? too), and each
    page has the club name and "Printed on … · Page i of N"."""
    pdf = build()
    fonts = font_names(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("AtkinsonHyperlegible" in name for name, _ in fonts), fonts
    pages = page_texts(pdf)
    printed = f"Printed on {format_long_date(PRINTED_ON, weekday=False)}"
    for number, text in enumerate(pages, start=1):
        assert CLUB in text
        assert f"{printed} · Page {number} of {len(pages)}" in text
