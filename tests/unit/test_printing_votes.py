"""The vote result sheet and the printed programme ("What's on"): built from plain rows
and from the database, read back with pypdf (words, sizes, pages, drawing operators)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, time

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from clubapp.printing.base import MARGIN
from clubapp.printing.programme import (
    ProgrammeActivity,
    ProgrammeSession,
    page_groups,
    period_words,
    programme_pdf,
)
from clubapp.printing.votes import HOW_WORDS, ResultChoice, ResultSheet, results_pdf
from clubapp.services import attendance, programme, vote_printouts, votes
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.programme import ActivityInput
from clubapp.services.votes import BallotInput, OptionInput
from tests.conftest import TODAY
from tests.unit.test_printing_committee import flat, operators, pieces
from tests.unit.test_printing_members import (
    all_text,
    font_names,
    page_texts,
    text_runs_outside_page,
)

CLUB = "Riverside Club"
PRINTED_ON = date(2026, 11, 22)
BAR_HEIGHT = 9 * mm
FURNITURE = (CLUB, "Vote result", "What's on")


def story_pieces(pdf: bytes):
    """The drawn text without the page furniture (club name, title, footer)."""
    return [p for p in pieces(pdf) if p.text not in FURNITURE and "Printed on" not in p.text]


def bar_widths(pdf: bytes) -> tuple[list[float], list[float]]:
    """(the outline widths, the filled widths) of the vote bars: rectangles 9 mm high,
    outlined and filled (the whole) or only filled (the votes), in drawing order."""
    reader = PdfReader(io.BytesIO(pdf))
    outlines, fills = [], []
    for page in reader.pages:
        ops = ContentStream(page.get_contents(), reader).operations
        for (args, op), (_, paint) in zip(ops, ops[1:], strict=False):
            if op == b"re" and abs(float(args[3]) - BAR_HEIGHT) < 0.01:
                (outlines if paint in (b"B", b"B*") else fills).append(float(args[2]))
    return outlines, fills


def image_count(pdf: bytes) -> int:
    return operators(pdf).count(b"Do")


# ---------------------------------------------------------------- the result sheet


def choice(words: str, picture: str | None, votes: int, **kw) -> ResultChoice:
    return ResultChoice(words=words, picture=picture, photo=None, votes=votes, **kw)


def sheet(**kw) -> ResultSheet:
    fields = {
        "club_name": CLUB,
        "question": "What shall we do next Wednesday?",
        "where_words": "Wednesday Club, 18 November 2026",
        "method": "secret",
        "each_in_turn": False,
        "headline": "Most people chose: Crafternoon.",
        "details": (),
        "choices": (
            choice("Singing", "singing", 2),
            choice("A quiz", "quiz", 1),
            choice("Crafternoon", "crafts", 4, winner=True),
        ),
        "voted": 7,
        "eligible": 9,
    } | kw
    return ResultSheet(**fields)


def test_the_result_sheet_says_the_question_where_the_result_and_each_count():
    pdf = results_pdf(sheet(), PRINTED_ON)
    text = flat(all_text(pdf))
    assert len(page_texts(pdf)) == 1
    for words in (
        CLUB,
        "What shall we do next Wednesday?",
        "Where and when: Wednesday Club, 18 November 2026",
        "Most people chose: Crafternoon.",
        "Singing 2 votes",
        "A quiz 1 vote",
        "Crafternoon 4 votes",
        "7 of 9 people voted.",
        HOW_WORDS["secret"],
    ):
        assert words in text, words
    assert text.index("Most people chose") < text.index("Singing")


def test_the_result_sheet_is_large_print_with_a_big_bold_headline():
    """Every piece of the sheet's own text is at least 16 pt; the headline is bold and
    the biggest text on the page."""
    pdf = results_pdf(sheet(), PRINTED_ON)
    story = story_pieces(pdf)
    assert min(p.size for p in story) >= 16
    headline = next(p for p in story if "Most people chose" in p.text)
    assert headline.bold and headline.size >= 28
    assert headline.size == max(p.size for p in story)
    assert all(embedded for _, embedded in font_names(pdf))


def test_the_bars_are_drawn_to_scale():
    """Each bar's outline stands for everyone who voted; its black part for the votes."""
    pdf = results_pdf(sheet(), PRINTED_ON)
    outlines, fills = bar_widths(pdf)
    assert len(outlines) == 3 and len(set(outlines)) == 1
    whole = outlines[0]
    assert fills == pytest.approx([whole * 2 / 7, whole * 1 / 7, whole * 4 / 7])
    # Nobody chose it: the outline only.
    nothing = sheet(choices=(choice("Singing", "singing", 0), choice("Quiz", "quiz", 7)))
    outlines, fills = bar_widths(results_pdf(nothing, PRINTED_ON))
    assert len(outlines) == 2 and fills == pytest.approx([outlines[1]])


def test_each_choice_has_its_picture_drawn():
    """The library pictures are drawn as vector shapes; a sheet without pictures draws
    far fewer curves."""
    with_pictures = operators(results_pdf(sheet(), PRINTED_ON))
    bare = sheet(choices=tuple(replace(c, picture=None) for c in sheet().choices))
    without = operators(results_pdf(bare, PRINTED_ON))
    assert with_pictures.count(b"c") > without.count(b"c") + 30


def test_a_choice_with_a_photo_prints_the_photo():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    photo = replace(sheet().choices[0], picture=None, photo=buffer.getvalue())
    pdf = results_pdf(sheet(choices=(photo, *sheet().choices[1:])), PRINTED_ON)
    assert image_count(pdf) == 1
    broken = replace(photo, photo=b"\x89PNG\r\n\x1a\nbroken", picture="singing")
    results_pdf(sheet(choices=(broken,)), PRINTED_ON)  # falls back to the picture


@pytest.mark.parametrize("method", ["secret", "named", "hands"])
def test_the_sheet_says_how_people_voted(method):
    text = flat(all_text(results_pdf(sheet(method=method), PRINTED_ON)))
    assert HOW_WORDS[method] in text
    if method == "named":
        assert "does not say who chose what" in text


def test_an_election_of_each_candidate_in_turn_shows_yes_no_and_not_sure():
    election = sheet(
        question="Who should join the committee?",
        each_in_turn=True,
        headline="Elected: Ann Baker.",
        details=("Ann Baker: elected (3 yes, 1 no, 0 not sure).",),
        choices=(choice("Ann Baker", None, 3, no=1, not_sure=0, winner=True),),
        voted=4,
        eligible=4,
    )
    pdf = results_pdf(election, PRINTED_ON)
    text = flat(all_text(pdf))
    assert "Ann Baker 3 yes 1 no, 0 not sure" in text
    # No pictures at all: no empty picture column, the names start at the left.
    assert next(p for p in pieces(pdf) if p.text == "Ann Baker").x < MARGIN + 5 * mm
    assert "Ann Baker: elected (3 yes, 1 no, 0 not sure)." in text
    assert "4 of 4 people voted." in text


def test_the_fullest_result_still_fits_one_page_and_stays_on_it():
    """A long question, five choices of the longest words allowed, a tie, details:
    still one page, still at least 16 pt, nothing beyond the page's edges."""
    longest = "A trip out to the seaside with fish and chips for everyone!"  # 59 letters
    full = sheet(
        question="Which of these shall we do on the first Wednesday afternoon of next "
        "month, when the minibus is free and the volunteers can come to help?",
        headline="A tie: Crafternoon and A trip out to the seaside have 3 votes each.",
        details=(
            "Choose one of them together, or vote again between them.",
            "Two people did not vote.",
        ),
        choices=tuple(
            choice(f"{n} {longest}", picture, 3)
            for n, picture in enumerate(("outing", "crafts", "music", "quiz", "baking"))
        ),
        voted=12,
        eligible=15,
    )
    pdf = results_pdf(full, PRINTED_ON)
    assert len(page_texts(pdf)) == 1
    assert text_runs_outside_page(pdf) == []
    assert min(p.size for p in story_pieces(pdf)) >= 16
    text = flat(all_text(pdf))
    assert "12 of 15 people voted." in text and "Two people did not vote." in text
    assert full.question in text  # nothing had to be cut
    for n in range(5):
        assert f"{n} {longest}" in text


def test_absurdly_long_texts_are_cut_short_rather_than_run_to_a_second_page():
    huge = "word " * 400
    full = sheet(
        question=huge,
        headline=huge,
        details=(huge,) * 8,
        choices=tuple(choice(huge, "quiz", n) for n in range(5)),
    )
    pdf = results_pdf(full, PRINTED_ON)
    assert len(page_texts(pdf)) == 1
    assert text_runs_outside_page(pdf) == []
    assert "7 of 9 people voted." in flat(all_text(pdf))


def test_a_huge_question_is_cut_short_rather_than_run_to_a_second_page():
    pdf = results_pdf(sheet(question="word " * 2000), PRINTED_ON)
    assert len(page_texts(pdf)) == 1
    assert "Most people chose: Crafternoon." in flat(all_text(pdf))


def test_turnout_words():
    one = flat(all_text(results_pdf(sheet(voted=1, eligible=1), PRINTED_ON)))
    assert "1 of 1 person voted." in one
    more = flat(all_text(results_pdf(sheet(voted=5, eligible=3), PRINTED_ON)))
    assert "5 people voted." in more


# ---------------------------------------------------------------- the programme

DEC_1, DEC_31 = date(2026, 12, 1), date(2026, 12, 31)


def activity(name: str, picture: str | None = "singing", **kw) -> ProgrammeActivity:
    fields = {"photo": None, "description": "", "leader": "", "cost_words": ""} | kw
    return ProgrammeActivity(name=name, picture=picture, **fields)


def day(on: date, name: str, *activities: ProgrammeActivity, at: time | None = None):
    return ProgrammeSession(on, name, at, tuple(activities))


def december() -> list[ProgrammeSession]:
    """Sessions in the first two weeks of December and one in the fourth."""
    return [
        day(
            date(2026, 12, 2),
            "Wednesday Club",
            activity(
                "Crafternoon",
                "crafts",
                description="Paper flowers.",
                leader="Rosa",
                cost_words="£2",
                chosen_words="Chosen by the members' vote on 18 November 2026",
            ),
            activity("Tea and cake", "tea_and_cake"),
            at=time(13, 30),
        ),
        day(date(2026, 12, 4), "Friday Club", activity("Singing"), at=time(10, 0)),
        day(date(2026, 12, 9), "Wednesday Club"),
        day(date(2026, 12, 11), "Friday Club", activity("Museum trip", "museum")),
        day(date(2026, 12, 23), "Christmas Party", activity("Quiz", "quiz")),
    ]


def test_period_words():
    assert period_words(DEC_1, DEC_31) == "1 to 31 December 2026"
    assert period_words(date(2026, 11, 30), date(2026, 12, 6)) == "30 November to 6 December 2026"
    assert period_words(date(2026, 12, 29), date(2027, 1, 4)) == (
        "29 December 2026 to 4 January 2027"
    )
    assert period_words(DEC_1, date(2026, 12, 6), weekday=True) == (
        "Tuesday 1 to Sunday 6 December 2026"
    )


def test_up_to_five_weeks_go_a_week_to_a_page_longer_a_month():
    weekly = page_groups(DEC_1, date(2027, 1, 4))  # 35 days
    assert all(g.weekly for g in weekly)
    assert [(g.start, g.end) for g in weekly][:2] == [
        (DEC_1, date(2026, 12, 6)),
        (date(2026, 12, 7), date(2026, 12, 13)),
    ]
    assert weekly[-1].end == date(2027, 1, 4)
    monthly = page_groups(DEC_1, date(2027, 1, 5))  # 36 days
    assert [(g.heading, g.start, g.end, g.weekly) for g in monthly] == [
        ("December 2026", DEC_1, DEC_31, False),
        ("January 2027", date(2027, 1, 1), date(2027, 1, 5), False),
    ]


def test_a_month_of_sessions_prints_a_week_to_a_page_with_each_activity_on_its_day():
    pdf = programme_pdf(CLUB, DEC_1, DEC_31, december(), PRINTED_ON)
    pages = [flat(text) for text in page_texts(pdf)]
    assert len(pages) == 3  # the weeks with sessions; the others are one line each
    first, second, third = pages
    assert "What's on" in first and "1 to 31 December 2026" in first
    assert "Tuesday 1 to Sunday 6 December 2026" in first
    assert "Monday 7 to Sunday 13 December 2026" in second
    assert "Monday 21 to Sunday 27 December 2026" in third
    # Each day on its week's page, each activity after its day and before the next.
    order = {
        0: ["Wednesday 2 December", "Crafternoon", "Tea and cake", "Friday 4 December", "Singing"],
        1: ["Wednesday 9 December", "still to be planned", "Friday 11 December", "Museum trip"],
        2: ["Wednesday 23 December", "Christmas Party", "Quiz"],
    }
    for page, words in order.items():
        where = [pages[page].index(w) for w in words]
        assert where == sorted(where), (page, words)
    assert "Museum trip" not in first and "Crafternoon" not in second
    assert "There is no club this week (14 to 20 December 2026)." in second
    assert "There is no club this week (28 to 31 December 2026)." in third
    assert "Wednesday Club at 1:30pm" in first and "Friday Club at 10:00am" in first
    assert "Paper flowers. Led by Rosa Cost: £2" in first
    assert "Chosen by the members' vote on 18 November 2026." in first


def test_a_longer_period_prints_a_month_to_a_page():
    """Each month with sessions starts a page; a month without any is one line."""
    sessions = [
        day(date(2026, 12, 2), "Wednesday Club", activity("Crafternoon", "crafts")),
        day(date(2026, 12, 16), "Wednesday Club", activity("Museum trip", "museum")),
        day(date(2026, 12, 23), "Christmas Party", activity("Quiz", "quiz")),
        day(date(2027, 2, 3), "Wednesday Club", activity("Walking", "walking")),
    ]
    pdf = programme_pdf(CLUB, DEC_1, date(2027, 2, 28), sessions, PRINTED_ON)
    pages = [flat(text) for text in page_texts(pdf)]
    assert len(pages) == 2
    assert "1 December 2026 to 28 February 2027" in pages[0]
    for words in ("December 2026", "Crafternoon", "Museum trip", "Quiz"):
        assert words in pages[0]
    assert "There is no club this month (1 to 31 January 2027)." in pages[0]
    assert "February 2027" in pages[1] and "Wednesday 3 February" in pages[1]
    assert "Walking" in pages[1] and "Crafternoon" not in pages[1]


def test_a_full_month_runs_on_but_never_splits_a_day():
    """A month too full for one page runs on to the next; each day stays whole on one
    page, and the next month still starts a page of its own."""
    busy = [
        day(
            date(2026, 12, d),
            "Club",
            *(activity(f"Thing {d}-{n}", "games", description="Fun.") for n in range(3)),
        )
        for d in (1, 3, 8, 10, 15, 17)
    ]
    sessions = [*busy, day(date(2027, 2, 3), "Wednesday Club", activity("Walking"))]
    pdf = programme_pdf(CLUB, DEC_1, date(2027, 2, 28), sessions, PRINTED_ON)
    pages = [flat(text) for text in page_texts(pdf)]
    assert len(pages) >= 3
    for d in (1, 3, 8, 10, 15, 17):
        holding = [page for page in pages if f"Thing {d}-0" in page]
        assert len(holding) == 1
        assert all(f"Thing {d}-{n}" in holding[0] for n in (1, 2))
        heading = period_words(date(2026, 12, d), date(2026, 12, d), weekday=True)
        assert heading.removesuffix(" 2026") in holding[0]  # "Tuesday 1 December"
    assert pages[-1].startswith("February 2027") and "Walking" in pages[-1]
    assert all("Walking" not in page for page in pages[:-1])


def test_the_programme_is_large_print_and_stays_on_the_page():
    long = "x" * 300
    sessions = [
        *december(),
        day(
            date(2026, 12, 16),
            long,
            activity(long, description=long * 3, leader=long, cost_words="£1,000"),
        ),
    ]
    pdf = programme_pdf(CLUB, DEC_1, DEC_31, sessions, PRINTED_ON)
    assert min(p.size for p in story_pieces(pdf)) >= 16
    assert text_runs_outside_page(pdf) == []
    assert all(embedded for _, embedded in font_names(pdf))


def test_each_activity_has_its_picture_drawn():
    """The picture library's shapes are drawn for every activity (curves and fills);
    the same programme without pictures draws almost none."""
    sessions = december()
    with_pictures = operators(programme_pdf(CLUB, DEC_1, DEC_31, sessions, PRINTED_ON))
    bare = [
        replace(d, activities=tuple(replace(a, picture=None) for a in d.activities))
        for d in sessions
    ]
    without = operators(programme_pdf(CLUB, DEC_1, DEC_31, bare, PRINTED_ON))
    assert without.count(b"c") < 5
    assert with_pictures.count(b"c") > 6 * 10  # six activities, each a drawing


def test_a_period_with_no_sessions_says_so():
    pdf = programme_pdf(CLUB, DEC_1, DEC_31, [], PRINTED_ON)
    assert len(page_texts(pdf)) == 1
    text = flat(all_text(pdf))
    assert "What's on" in text and "There are no club sessions in this time." in text


# ---------------------------------------------------------------- from the database


@pytest.fixture
def club(db, coordinator, person_factory):
    """A session today with three members present, and a closed activity vote."""
    today = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY, time(13, 30))
    people = [person_factory(n) for n in ("Ivy Clarke", "Jo Hart", "Ken Ito", "Lou Marsh")]
    for person in people[:3]:
        db.run(attendance.set_present, coordinator, today, person, True)

    def ballot(method: str = "secret", close: bool = True) -> int:
        ballot_id = db.run(
            votes.create_ballot,
            coordinator,
            BallotInput(
                "activity",
                "What shall we do next Wednesday?",
                (
                    OptionInput("Singing", picture="singing"),
                    OptionInput("Crafternoon", picture="crafts"),
                ),
                method=method,
                session_id=today,
            ),
        )
        singing, crafts = [
            o.option_id for o in db.run(votes.get_ballot, coordinator, ballot_id).options
        ]
        if method == "hands":
            db.run(
                votes.set_hand_counts,
                coordinator,
                ballot_id,
                {(singing, "chosen"): 1, (crafts, "chosen"): 2},
            )
        else:
            for person, option in zip(people, (crafts, crafts, singing), strict=False):
                db.run(votes.cast_vote, coordinator, ballot_id, person, [(option, "chosen")])
        if close:
            db.run(votes.close_ballot, coordinator, ballot_id)
        return ballot_id

    return ballot


def test_the_result_sheet_from_the_database(db, coordinator, club):
    pdf = db.run(vote_printouts.results, coordinator, club(), TODAY)
    text = flat(all_text(pdf))
    assert len(page_texts(pdf)) == 1
    assert "Riverside Club" in text
    assert "Most people chose: Crafternoon." in text
    assert "Singing 1 vote" in text and "Crafternoon 2 votes" in text
    assert "3 of 3 people voted." in text
    assert "Wednesday Club, 18 November 2026" in text


def test_a_named_vote_never_prints_who_chose_what(db, coordinator, club):
    text = flat(all_text(db.run(vote_printouts.results, coordinator, club("named"), TODAY)))
    assert "Crafternoon 2 votes" in text
    for name in ("Ivy", "Jo Hart", "Ken"):
        assert name not in text


def test_only_a_closed_vote_prints_its_result(db, coordinator, club):
    with pytest.raises(NotAllowed, match="once the vote is closed"):  # vote_results says so
        db.run(vote_printouts.results, coordinator, club(close=False), TODAY)
    with pytest.raises(NotAllowed, match="Close the vote first"):
        db.run(vote_printouts.results, coordinator, club("hands", close=False), TODAY)
    hands = flat(all_text(db.run(vote_printouts.results, coordinator, club("hands"), TODAY)))
    assert HOW_WORDS["hands"] in hands
    with pytest.raises(NotFound, match="There is no vote with that number."):
        db.run(vote_printouts.results, coordinator, 999, TODAY)


def test_the_programme_from_the_database(db, coordinator, club):
    friday = db.run(attendance.add_session, coordinator, "Friday Club", date(2026, 11, 20))
    quiz = db.run(
        programme.add_activity,
        coordinator,
        ActivityInput("Quiz", "quiz", description="Pens ready.", cost_pence=150),
    )
    tea = db.run(programme.add_activity, coordinator, ActivityInput("Tea", "tea_and_cake"))
    db.run(programme.add_to_programme, coordinator, friday, quiz)
    db.run(programme.add_to_programme, coordinator, friday, tea)
    db.run(programme.from_vote, coordinator, club(), [friday])
    pdf = db.run(
        vote_printouts.programme_pdf, coordinator, date(2026, 11, 16), date(2026, 11, 22), TODAY
    )
    text = flat(all_text(pdf))
    assert len(page_texts(pdf)) == 1
    assert "Friday 20 November" in text and "Wednesday 18 November" in text
    assert "Quiz Pens ready. Cost: £1.50" in text
    assert "Tea Crafternoon" in text  # free: no cost line
    assert "Crafternoon Chosen by the members' vote on 18 November 2026." in text
    with pytest.raises(ValidationError, match="a year at most"):
        db.run(vote_printouts.programme_pdf, coordinator, date(2026, 1, 1), date(2027, 1, 2), TODAY)
