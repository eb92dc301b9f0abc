"""Fund statements, built from hand-made figures and read back with pypdf: the fund's
name, kind and purpose, every category, the transfers naming the other fund, the
right-hand column and the sentence that add up to the end, one fund to a page, and a
restricted fund's statement on one page with room to sign."""

from __future__ import annotations

import re
from datetime import date

from reportlab.pdfbase import pdfmetrics

from clubapp.printing.base import FONT, FONT_BOLD
from clubapp.printing.fund_statements import fund_statements_pdf
from clubapp.services.accounts_report import FundStatement
from clubapp.services.years import Year
from tests.unit.test_printing_cashbook import footers, overprinted, placed, row_of
from tests.unit.test_printing_members import font_names, page_texts

CLUB = "Riverside Club"
PRINTED_ON = date(2026, 11, 22)
YEAR = Year(date(2025, 4, 1), date(2026, 3, 31))


def grant(**kw) -> FundStatement:
    """A year of a grant, worked out by hand:
    £4,500.00 + £30,125.50 in - £27,389.99 out + £500.00 moved in = £7,735.51."""
    fields = {
        "fund_id": 2,
        "name": "Weekly club grant",
        "kind": "restricted",
        "purpose": "To run the Wednesday club: venue, coordinator's pay and transport.",
        "year": YEAR,
        "opening": 450000,
        "receipts": [("Grants", 3000000), ("Donations", 12550)],
        "payments": [
            ("Coordinator's pay", 1800000),
            ("Venue hire", 624000),
            ("Activity costs", 211111),
            ("Transport", 88888),
            ("Refreshments", 15000),
        ],
        "transfers_in": [("General fund", 50000)],
        "transfers_out": [],
        "closing": 773551,
    }
    return FundStatement(**(fields | kw))


def general(**kw) -> FundStatement:
    """£1,000.00 + £300.00 in - £45.00 out - (£100.00 + £50.00) moved out = £1,105.00."""
    fields = {
        "fund_id": 1,
        "name": "General fund",
        "kind": "general",
        "purpose": "The club's own money, for anything it does.",
        "year": YEAR,
        "opening": 100000,
        "receipts": [("Donations", 30000)],
        "payments": [("Insurance", 4500)],
        "transfers_in": [],
        "transfers_out": [("Weekly club grant", 10000), ("Minibus fund", 5000)],
        "closing": 110500,
    }
    return FundStatement(**(fields | kw))


def pdf_of(*statements: FundStatement) -> bytes:
    return fund_statements_pdf(CLUB, YEAR, statements, PRINTED_ON)


def flat_pages(pdf: bytes) -> list[str]:
    return [" ".join(text.split()) for text in page_texts(pdf)]


# ---------------------------------------------------------------- what it says


def test_the_fund_is_named_with_its_kind_purpose_and_year():
    """A funder sees which fund, what kind in words, what it is for, and the year."""
    text = flat_pages(pdf_of(grant()))[0]
    assert "Weekly club grant" in text
    assert "For the year 1 April 2025 to 31 March 2026" in text
    assert "Kind of fund: Restricted fund (a funder says what it is for)" in text
    assert (
        "What it is for: To run the Wednesday club: venue, coordinator's pay and transport." in text
    )


def test_a_fund_with_no_purpose_written_says_so():
    text = flat_pages(pdf_of(general(purpose="  ")))[0]
    assert "What it is for: Not written down." in text


def test_every_category_has_its_figure_and_each_side_its_total():
    """Each category beside its own figure; totals worked out by hand."""
    pdf = pdf_of(grant())
    assert row_of(pdf, "Grants") == ["Grants", "£30,000.00"]
    assert row_of(pdf, "Donations") == ["Donations", "£125.50"]
    assert row_of(pdf, "Activity costs") == ["Activity costs", "£2,111.11"]
    assert row_of(pdf, "Total money in") == ["Total money in", "+", "£30,125.50"]
    assert row_of(pdf, "Total money out") == ["Total money out", "−", "£27,389.99"]
    assert row_of(pdf, "Money in the fund at the start, 1 April 2025") == [
        "Money in the fund at the start, 1 April 2025",
        "£4,500.00",
    ]
    assert row_of(pdf, "Money in the fund at the end, 31 March 2026") == [
        "Money in the fund at the end, 31 March 2026",
        "=",
        "£7,735.51",
    ]


def test_the_sum_is_written_out_so_anyone_can_follow_it():
    """Start + in - out + moved in = end, in one sentence, agreeing with the books."""
    text = flat_pages(pdf_of(grant()))[0]
    assert (
        "The sum: £4,500.00 at the start + £30,125.50 came in − £27,389.99 went out "
        "+ £500.00 moved in from General fund = £7,735.51 at the end." in text
    )
    assert "do not add up" not in text


def test_a_category_names_the_line_of_the_accounts_it_is_added_into():
    """Where the books give each category's printed line and it has another name, the
    statement says where to find it in the accounts; where the names are the same, or
    no line is given, the category stands alone. The totals are the same either way."""
    lines = grant(
        receipts=[("Grants", 3000000, "Grants"), ("Gift Aid", 12550, "Donations and Gift Aid")],
        payments=[
            ("Coordinator's pay", 1800000, "Staff costs"),
            ("Venue hire", 624000, "Venue hire"),
            ("Activity costs", 211111),
            ("Transport", 88888, " transport "),
            ("Refreshments", 15000, ""),
        ],
    )
    pdf = pdf_of(lines)
    text = flat_pages(pdf)[0]
    assert "Coordinator's pay (in the accounts: Staff costs)" in text
    assert "Gift Aid (in the accounts: Donations and Gift Aid)" in text
    assert text.count("in the accounts:") == 2
    assert row_of(pdf, "Grants") == ["Grants", "£30,000.00"]
    assert row_of(pdf, "Transport") == ["Transport", "£888.88"]
    assert row_of(pdf, "Total money in") == ["Total money in", "+", "£30,125.50"]
    assert row_of(pdf, "Total money out") == ["Total money out", "−", "£27,389.99"]
    assert row_of(pdf, "Money in the fund at the end, 31 March 2026")[-1] == "£7,735.51"


def test_transfers_name_the_other_funds():
    """One transfer is one row naming the fund; several have a heading, a row each
    and a total."""
    pdf = pdf_of(grant(), general())
    assert row_of(pdf, "Moved in from General fund") == [
        "Moved in from General fund",
        "+",
        "£500.00",
    ]
    assert row_of(pdf, "To Weekly club grant") == ["To Weekly club grant", "£100.00"]
    assert row_of(pdf, "To Minibus fund") == ["To Minibus fund", "£50.00"]
    assert row_of(pdf, "Total moved out") == ["Total moved out", "−", "£150.00"]
    text = flat_pages(pdf)[1]
    assert "Moved out to other funds" in text
    assert (
        "£1,000.00 at the start + £300.00 came in − £45.00 went out − £150.00 moved out to "
        "other funds = £1,105.00 at the end." in text
    )


def test_figures_that_do_not_add_up_are_said_to():
    """A closing balance from the books that disagrees with the lines is flagged."""
    text = flat_pages(pdf_of(grant(closing=773500)))[0]
    assert (
        "These figures do not add up: the books give £7,735.00 at the end, -£0.51 different."
        in text
    )


def test_a_fund_with_nothing_in_or_out():
    """No categories: it says so, and the totals are £0.00."""
    quiet = general(receipts=[], payments=[], transfers_out=[], closing=100000)
    pdf = pdf_of(quiet)
    text = flat_pages(pdf)[0]
    assert "No money came in this year." in text
    assert "No money went out this year." in text
    assert row_of(pdf, "Total money in") == ["Total money in", "+", "£0.00"]
    assert "£1,000.00 at the start + £0.00 came in − £0.00 went out = £1,000.00 at the end." in text


def test_restricted_fund_says_what_is_left_or_how_far_it_is_overspent():
    assert (
        "£7,735.51 is left to spend on what the fund was given for."
        in flat_pages(pdf_of(grant()))[0]
    )
    # £0.00 + £1,000.00 in - £27,389.99 out = -£26,389.99
    over = grant(opening=0, receipts=[("Grants", 100000)], transfers_in=[], closing=-2638999)
    text = flat_pages(pdf_of(over))[0]
    assert "The fund has spent £26,389.99 more than it had." in text


# ---------------------------------------------------------------- pages


def test_each_fund_has_its_own_page():
    """Three funds, three pages, each with its own name and "Page n of 3"."""
    third = general(name="Minibus fund", kind="designated", transfers_out=[], closing=125500)
    pdf = pdf_of(general(), grant(), third)
    texts = flat_pages(pdf)
    assert len(texts) == 3
    assert footers(pdf) == [(1, 3), (2, 3), (3, 3)]
    assert "General fund" in texts[0] and "Weekly club grant" not in texts[0].split("To ")[0]
    assert texts[1].count("Kind of fund: Restricted fund") == 1
    assert "Minibus fund" in texts[2] and "Designated fund" in texts[2]
    assert all("Fund statements 2025-26" in text for text in texts)


def test_a_restricted_fund_statement_fits_one_page_with_room_to_sign():
    """A typical grant's statement goes to the funder as one signed page; a general
    fund has no signing lines."""
    pdf = pdf_of(grant())
    texts = flat_pages(pdf)
    assert len(texts) == 1
    assert "Fund statement 2025-26" in texts[0]
    assert "Signed for the trustees" in texts[0]
    assert row_of(pdf, "Signed") == ["Signed", "Date"]
    assert "Signed for the trustees" not in flat_pages(pdf_of(general()))[0]


def test_points_line_up_and_print_is_large():
    """Figures in each column have their points at one place; nothing under 14 pt."""
    pieces = placed(pdf_of(grant()))
    figures = [p for p in pieces if re.fullmatch(r"-?£[\d,]+\.\d\d", p.text)]
    points: dict[int, list[float]] = {}
    for p in figures:
        font = FONT_BOLD if p.bold else FONT
        point = p.x + pdfmetrics.stringWidth(p.text.split(".")[0], font, p.size)
        points.setdefault(round(point / 40), []).append(point)
    assert len(points) == 2  # the parts and the sum
    assert all(max(places) - min(places) < 0.05 for places in points.values()), points
    assert min(p.size for p in pieces) >= 14


def test_long_and_odd_text_prints_as_typed_without_overprinting():
    """Markup-looking names print literally; long names wrap inside the page."""
    odd = grant(
        name="<b>Bold</b> & the Really Quite Extraordinarily Long Named Community Grant " * 2,
        purpose="Anything & everything <i>at all</i> " * 8,
        receipts=[("A category whose name goes on and on and on without end " * 2, 100)],
        transfers_in=[("Another fund with an enormously long name for testing " * 2, 773451 - 100)],
        payments=[],
        opening=0,
    )
    pdf = pdf_of(odd)
    assert "<b>Bold</b> & the Really" in flat_pages(pdf)[0]
    assert "<i>at all</i>" in flat_pages(pdf)[0]
    assert overprinted(pdf) == []


def test_no_funds_and_fonts_embedded():
    """No statements still gives a page that says so; the fonts are embedded."""
    pdf = fund_statements_pdf(CLUB, YEAR, [], PRINTED_ON)
    assert "There are no funds to show." in flat_pages(pdf)[0]
    fonts = font_names(pdf_of(grant()))
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Atkinson" in name for name, _ in fonts)
