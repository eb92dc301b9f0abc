"""The "About me" page: built from a plain row and read back with pypdf."""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from clubapp.printing.notes import AboutMe, about_me_pdf
from tests.unit.test_printing_committee import flat, pieces
from tests.unit.test_printing_members import (
    all_text,
    font_names,
    page_texts,
    text_runs_outside_page,
)

CLUB = "Wednesday Club"
PRINTED_ON = date(2026, 11, 22)
HEADINGS = (
    "I like",
    "I don't like",
    "What helps me",
    "How to talk with me",
    "Getting about and other needs",
)


def tiny_png(width: int = 30, height: int = 40) -> bytes:
    """A valid RGB PNG made by hand (no image library): a red picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\xc8\x1e\x1e" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def peggy(**kw) -> AboutMe:
    fields = {
        "name": "Peggy",
        "full_name": "Margaret Anne O'Neill",
        "photo": None,
        "likes": ("Music from the 1960s", "Gardening", "A cup of tea with milk, no sugar"),
        "dislikes": ("Loud noises", "Being rushed"),
        "needs": ("Needs her glasses to read", "Sit near the door"),
        "communication_tips": "Speak slowly and face me. Give me time to answer.",
        "access": (("Getting about", "Uses a walking frame"), ("Food and drink", "No nuts")),
    } | kw
    return AboutMe(**fields)


def pages(about: AboutMe) -> list[str]:
    return page_texts(about_me_pdf(CLUB, about, PRINTED_ON))


def image_placements(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """(width, height, x, y) of every image painted on the first page, from the
    transformation in force when it is painted."""
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    saved: list[list[float]] = []
    found = []
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"q":
            saved.append(matrix)
        elif op == b"Q":
            matrix = saved.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            m = matrix
            matrix = [
                a * m[0] + b * m[2],
                a * m[1] + b * m[3],
                c * m[0] + d * m[2],
                c * m[1] + d * m[3],
                e * m[0] + f * m[2] + m[4],
                e * m[1] + f * m[3] + m[5],
            ]
        elif op == b"Do":
            found.append((matrix[0], matrix[3], matrix[4], matrix[5]))
    return found


# --- what it says ----------------------------------------------------------


def test_about_me_prints_name_and_every_section():
    """The name people use, the full name, each heading and every entry appear in order."""
    about = peggy()
    text = flat(all_text(about_me_pdf(CLUB, about, PRINTED_ON)))
    assert "About me" in text
    assert text.index("Peggy") < text.index("Margaret Anne O'Neill")
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    for entry in (*about.likes, *about.dislikes, *about.needs, about.communication_tips):
        assert entry in text
    assert "Getting about: Uses a walking frame" in text
    assert "Food and drink: No nuts" in text
    assert "more" not in text  # nothing was cut


def test_about_me_name_is_big_and_short_profile_prints_at_18_pt():
    """The name is the biggest text; a short profile prints its entries at 18 pt."""
    pdf = about_me_pdf(CLUB, peggy(), PRINTED_ON)
    drawn = pieces(pdf)
    name = next(p for p in drawn if p.text == "Peggy")
    assert name.bold and name.size >= 28
    assert name.size == max(p.size for p in drawn)
    assert next(p for p in drawn if "Gardening" in p.text).size == 18


def test_about_me_leaves_out_empty_sections():
    """Sections with nothing in them are left out, and no empty heading is printed."""
    about = peggy(dislikes=(), communication_tips="  ", access=(("Getting about", " "),))
    text = all_text(about_me_pdf(CLUB, about, PRINTED_ON))
    assert "I like" in text and "What helps me" in text
    assert "I don't like" not in text
    assert "How to talk with me" not in text
    assert "Getting about and other needs" not in text


def test_about_me_with_nothing_written_says_so():
    """A profile with only a name prints one page that says nothing is written yet."""
    about = AboutMe("Sam", "Sam", None, (), (), (), "", ())
    texts = pages(about)
    assert len(texts) == 1
    assert "Nothing has been written here yet." in texts[0]
    assert texts[0].count("Sam") == 1  # the same name and full name print once


def test_about_me_prints_user_text_literally():
    """Markup-looking names, entries and tips print exactly as typed."""
    about = peggy(
        name="<b>Peg</b> & co",
        likes=("<i>tea</i> & cake",),
        communication_tips="Say <hello> & wait",
        access=(("<Food>", "No nuts & no <b>seeds</b>"),),
    )
    text = flat(all_text(about_me_pdf(CLUB, about, PRINTED_ON)))
    for words in (
        "<b>Peg</b> & co",
        "<i>tea</i> & cake",
        "Say <hello> & wait",
        "<Food>: No nuts & no <b>seeds</b>",
    ):
        assert words in text


# --- the photo -------------------------------------------------------------


def test_about_me_photo_is_drawn_top_left_within_40_mm():
    """A PNG photo is placed as an image at the top left, scaled to fit 40 mm, its
    shape kept."""
    pdf = about_me_pdf(CLUB, peggy(photo=tiny_png(30, 40)), PRINTED_ON)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 1
    ((width, height, x, y),) = image_placements(pdf)
    assert height == pytest.approx(40 * mm, abs=0.5)
    assert width == pytest.approx(40 * mm * 30 / 40, abs=0.5)
    assert x < 20 * mm and y > 200 * mm  # near the left margin, high on the page
    name = next(p for p in pieces(pdf) if p.text == "Peggy")
    assert name.x > x + width  # the name sits beside the photo


def test_about_me_without_photo_has_no_image():
    """No photo, no image on the page, and the name starts at the margin."""
    pdf = about_me_pdf(CLUB, peggy(), PRINTED_ON)
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 0
    assert next(p for p in pieces(pdf) if p.text == "Peggy").x < 20 * mm


def test_about_me_with_a_damaged_photo_still_prints():
    """Bytes that are not a picture leave the photo out instead of failing."""
    pdf = about_me_pdf(CLUB, peggy(photo=b"\x89PNG not really"), PRINTED_ON)
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 0
    assert "Peggy" in all_text(pdf)


# --- always one page -------------------------------------------------------


def test_about_me_with_40_likes_and_long_tips_is_one_page_and_says_and_n_more():
    """40 likes and a long tips text: one page, nothing below 14 pt, the likes cut with
    "and N more" where N is exactly the number left out."""
    likes = tuple(f"Like number {i:02d}" for i in range(40))
    tips = "Speak slowly and face me, and give me time to answer. " * 40
    about = peggy(likes=likes, communication_tips=tips, photo=tiny_png())
    pdf = about_me_pdf(CLUB, about, PRINTED_ON)
    texts = page_texts(pdf)
    assert len(texts) == 1
    text = flat(texts[0])
    shown = [like for like in likes if like in text]
    assert 1 <= len(shown) < 40
    assert shown == list(likes[: len(shown)])  # the first ones, in order
    match = re.search(r"and (\d+) more", text)
    assert match and int(match.group(1)) == 40 - len(shown)
    assert "…" in text  # the tips were cut short, visibly
    assert "Speak slowly and face me" in text
    assert min(p.size for p in pieces(pdf)) >= 14
    for heading in HEADINGS:
        assert heading in text
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1


def test_about_me_shrinks_before_it_cuts():
    """A profile a little too long for 18 pt is printed smaller, with nothing cut."""
    likes = tuple(f"Like number {i:02d}" for i in range(14))
    pdf = about_me_pdf(CLUB, peggy(likes=likes), PRINTED_ON)
    text = flat(all_text(pdf))
    assert len(page_texts(pdf)) == 1
    assert all(like in text for like in likes)
    assert "more" not in text
    size = next(p for p in pieces(pdf) if "Like number 00" in p.text).size
    assert 14 <= size < 18


def test_about_me_with_everything_huge_is_still_one_page_inside_it():
    """10,000-character name, entries and tips on every list: one page, all inside it."""
    long = "q" * 10_000
    about = AboutMe(
        long, long, tiny_png(), (long,) * 30, (long,) * 30, (long,) * 30, long,
        ((long, long),) * 30,
    )  # fmt: skip
    pdf = about_me_pdf(CLUB, about, PRINTED_ON)
    texts = page_texts(pdf)
    assert len(texts) == 1
    cut = [int(n) for n in re.findall(r"and (\d+) more", texts[0])]
    assert len(cut) == 4 and all(1 <= n <= 29 for n in cut)  # every list kept an entry
    assert text_runs_outside_page(pdf) == []
    assert min(p.size for p in pieces(pdf)) >= 14


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.tuples(*[st.integers(0, 60)] * 4),
    entry_words=st.integers(1, 40),
    tips_words=st.integers(0, 600),
    name_words=st.integers(1, 30),
)
def test_about_me_is_always_exactly_one_page(counts, entry_words, tips_words, name_words):
    """Whatever the amount written, the page is exactly one page and never under 14 pt."""
    entry = " ".join(["word"] * entry_words)
    likes, dislikes, needs, access = counts
    about = AboutMe(
        " ".join(["Name"] * name_words),
        "Full Name",
        None,
        (entry,) * likes,
        (entry,) * dislikes,
        (entry,) * needs,
        " ".join(["tip"] * tips_words),
        (("Getting about", entry),) * access,
    )
    pdf = about_me_pdf(CLUB, about, PRINTED_ON)
    assert len(page_texts(pdf)) == 1
    assert min(p.size for p in pieces(pdf)) >= 14


# --- fonts and furniture ---------------------------------------------------


def test_about_me_fonts_are_embedded_and_page_has_furniture():
    """Every font is embedded Atkinson Hyperlegible; the page names the club and says
    "Page 1 of 1"."""
    pdf = about_me_pdf(CLUB, replace(peggy(), photo=tiny_png()), PRINTED_ON)
    fonts = font_names(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("AtkinsonHyperlegible" in name for name, _ in fonts)
    text = all_text(pdf)
    assert CLUB in text
    assert "Printed on 22 November 2026 · Page 1 of 1" in text
