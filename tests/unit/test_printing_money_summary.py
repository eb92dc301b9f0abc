"""Where our money went, the easy-read page for members: built from hand-made figures and
read back with pypdf: one page, large print, plain sentences, every bar labelled with
its amount and drawn to one scale, at most six kinds a side."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from clubapp.printing.base import FURNITURE_SIZE, MARGIN, PAGE_SIZE
from clubapp.printing.money_summary import OTHER, grouped, money_summary_pdf, whole_pounds
from clubapp.services.accounts_report import MoneySummary
from clubapp.services.years import Year
from tests.unit.test_printing_cashbook import overprinted, placed, row_of
from tests.unit.test_printing_members import font_names, page_texts

CLUB = "Riverside Club"
PRINTED_ON = date(2026, 11, 22)
YEAR = Year(date(2025, 4, 1), date(2026, 3, 31))

MONEY_IN = [("Grants", 3000000), ("Donations and Gift Aid", 560000), ("Fundraising", 563000)]
MONEY_OUT = [("Staff costs", 1800000), ("Venue hire", 1500000), ("Transport", 590000)]


def summary(**kw) -> MoneySummary:
    """£30,000 + £5,600 + £5,630 = £41,230 in; £18,000 + £15,000 + £5,900 = £38,900 out;
    £12,000 at the start, so £12,000 + £41,230 - £38,900 = £14,330 at the end."""
    fields = {
        "year": YEAR,
        "money_in": MONEY_IN,
        "money_out": MONEY_OUT,
        "total_in": 4123000,
        "total_out": 3890000,
        "cash_start": 1200000,
        "cash_end": 1433000,
    }
    return MoneySummary(**(fields | kw))


def pdf_of(figures: MoneySummary, club: str = CLUB) -> bytes:
    return money_summary_pdf(club, figures, PRINTED_ON)


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def story(pdf: bytes):
    """The text between the page's header and footer."""
    top = PAGE_SIZE[1] - MARGIN - FURNITURE_SIZE
    return [p for p in placed(pdf) if MARGIN + 1 < p.y < top - 1]


def bars(pdf: bytes) -> list[float]:
    """The widths of the filled bars, top to bottom: rectangles filled and not outlined,
    taller than a table rule."""
    reader = PdfReader(io.BytesIO(pdf))
    widths: list[float] = []
    for page in reader.pages:
        ops = ContentStream(page.get_contents(), reader).operations
        for (args, op), (_, paint) in zip(ops, ops[1:], strict=False):
            if op == b"re" and paint in (b"f", b"f*") and float(args[3]) > 10:
                widths.append(float(args[2]))
    return widths


# ---------------------------------------------------------------- words


def test_the_year_in_short_plain_sentences():
    """What came in, what we spent, the difference, the start and the end."""
    text = flat(pdf_of(summary()))
    for sentence in (
        "Where our money went",
        "From 1 April 2025 to 31 March 2026.",
        "We had £41,230 come in.",
        "We spent £38,900.",
        "£2,330 more came in than we spent.",
        "At the start of the year we had £12,000.",
        "At the end of the year we had £14,330.",
    ):
        assert sentence in text


def test_it_says_the_figures_are_rounded_to_the_nearest_pound():
    """The bank's £25,562.60 is "£25,563" here, more than the statement says: the page
    says near the top, before any figure, that every figure is rounded."""
    figures = summary(cash_end=2556260)
    text = flat(pdf_of(figures))
    assert "At the end of the year we had £25,563." in text
    assert (
        "From 1 April 2025 to 31 March 2026. We have rounded each figure to the nearest pound."
        in text
    )
    assert text.index("We have rounded") < text.index("£")
    assert len(page_texts(pdf_of(figures))) == 1


def test_spending_more_than_came_in_and_owing_money_are_said_plainly():
    figures = summary(total_in=3890000, total_out=4123000, cash_start=-50000, cash_end=-2383000)
    text = flat(pdf_of(figures))
    assert "We spent £2,330 more than came in." in text
    assert "At the start of the year we owed £500." in text
    assert "At the end of the year we owed £23,830." in text


def test_a_year_with_nothing_in_or_out():
    figures = summary(money_in=[], money_out=[], total_in=0, total_out=0, cash_end=1200000)
    pdf = pdf_of(figures)
    text = flat(pdf)
    assert "No money came in." in text
    assert "We did not spend any money." in text
    assert bars(pdf) == []


def test_whole_pounds_as_people_say_them():
    assert whole_pounds(4123000) == "£41,230"
    assert whole_pounds(4123050) == "£41,231"  # half a pound rounds up
    assert whole_pounds(-50000) == "-£500"
    assert whole_pounds(0) == "£0"


# ---------------------------------------------------------------- the picture


def test_every_bar_has_its_kind_and_amount_beside_it():
    pdf = pdf_of(summary())
    assert row_of(pdf, "Grants") == ["Grants", "£30,000"]
    assert row_of(pdf, "Donations and Gift Aid") == ["Donations and Gift Aid", "£5,600"]
    assert row_of(pdf, "Staff costs") == ["Staff costs", "£18,000"]
    assert row_of(pdf, "Transport") == ["Transport", "£5,900"]
    text = flat(pdf)
    assert text.index("Money that came in") < text.index("Grants") < text.index("Money we spent")
    assert text.index("Money we spent") < text.index("Staff costs")


def test_bars_are_drawn_to_one_scale_for_both_sides():
    """The largest amount (£30,000) fills the width; the others are in proportion, money
    out on the same scale as money in."""
    widths = bars(pdf_of(summary()))
    amounts = [3000000, 563000, 560000, 1800000, 1500000, 590000]  # largest first, each side
    assert len(widths) == len(amounts)
    full = widths[0]
    for width, pence in zip(widths, amounts, strict=True):
        assert width == pytest.approx(full * pence / 3000000, abs=0.01)


def test_more_than_six_kinds_keep_the_five_largest_and_put_the_rest_together():
    """Seven kinds and an "Other payments": the five largest, then "Other things" with
    the other three added up: £300 + £200 + £90 = £590."""
    kinds = [
        ("Staff costs", 1800000),
        ("Venue hire", 624000),
        ("Activity costs", 211100),
        ("Insurance", 60000),
        ("Transport", 40000),
        ("Refreshments", 30000),
        ("Training", 20000),
        ("Other payments", 9000),
    ]
    assert grouped(kinds) == [
        ("Staff costs", 1800000),
        ("Venue hire", 624000),
        ("Activity costs", 211100),
        ("Insurance", 60000),
        ("Transport", 40000),
        (OTHER, 59000),
    ]
    pdf = pdf_of(summary(money_out=kinds))
    assert row_of(pdf, "Other things") == ["Other things", "£590"]
    assert "Refreshments" not in flat(pdf)
    assert len(bars(pdf)) == 3 + 6


def test_a_few_kinds_are_kept_as_they_are_with_other_last():
    kinds = [("Other receipts", 50000), ("Grants", 100000), ("Interest", 1000)]
    assert grouped(kinds) == [("Grants", 100000), ("Interest", 1000), (OTHER, 50000)]
    assert grouped([]) == []


# ---------------------------------------------------------------- one page, large print


def test_one_page_in_large_print_with_bigger_headings():
    pdf = pdf_of(summary())
    assert len(page_texts(pdf)) == 1
    pieces = story(pdf)
    assert min(p.size for p in pieces) >= 18
    body = next(p for p in pieces if p.text.startswith("We spent")).size
    heading = next(p for p in pieces if p.text == "Money we spent").size
    title = next(p for p in pieces if p.text == "Where our money went").size
    assert body < heading < title


def test_the_fullest_year_still_fits_one_page_in_large_print():
    """Six long-named kinds a side, huge amounts, a long club name: still one page,
    nothing under 18 pt, nothing printed over anything."""
    long_in = [
        (f"Membership and session fees from the {n} clubs we run in the town", 9_000_000_00 - n)
        for n in range(6)
    ]
    long_out = [
        (f"Equipment to keep or investments bought for activity group {n}", 8_000_000_00 - n)
        for n in range(6)
    ]
    figures = summary(
        money_in=long_in,
        money_out=long_out,
        total_in=sum(p for _, p in long_in),
        total_out=sum(p for _, p in long_out),
        cash_start=-9_999_999_99,
        cash_end=9_999_999_99,
    )
    pdf = pdf_of(figures, club="The Riverside Memory and Friendship Club " * 4)
    assert len(page_texts(pdf)) == 1
    assert min(p.size for p in story(pdf)) >= 18
    assert overprinted(pdf) == []
    assert len(bars(pdf)) == 12


def test_the_usual_page_prints_nothing_over_anything_and_embeds_its_fonts():
    pdf = pdf_of(summary())
    assert overprinted(pdf) == []
    fonts = font_names(pdf)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Atkinson" in name for name, _ in fonts)


def test_names_print_as_typed():
    figures = summary(money_in=[("<b>Cake</b> & tea sales", 4123000)])
    assert "<b>Cake</b> & tea sales" in flat(pdf_of(figures))
