"""The cash book for the independent examiner, built from hand-made figures and read
back with pypdf: every line, its running balance on its own row, the totals and the sum,
points lined up, a new page for each account, headings on every page, nothing printed
over anything else, 14 pt type with names wrapped rather than cut, columns sized to the
book's words, and a 5,000-line year."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfbase import pdfmetrics

from clubapp.printing.base import FONT, FONT_BOLD, register_fonts
from clubapp.printing.cashbook import (
    LEADING,
    SIZE,
    SplitPart,
    cashbook_pdf,
    short_date,
    text_width,
    wrap,
)
from clubapp.services.books import CashBook, EntryLine
from clubapp.services.years import Year
from tests.unit.test_printing_members import font_names, page_texts

CLUB = "Riverside Club"
PRINTED_ON = date(2026, 11, 22)
YEAR = Year(date(2025, 4, 1), date(2026, 3, 31))
HEADINGS = (
    "Date",
    "Reference",
    "Who",
    "Details",
    "What for",
    "Fund",
    "Money",
    "in £",
    "out £",
    "Balance",
    "Ticked",
)


# ---------------------------------------------------------------- reading the PDF back


@dataclass(frozen=True)
class Placed:
    """One run of text as drawn: page, where its baseline starts, size, words."""

    page: int
    x: float
    y: float
    size: float
    bold: bool
    text: str

    @property
    def width(self) -> float:
        return pdfmetrics.stringWidth(self.text, FONT_BOLD if self.bold else FONT, self.size)


def placed(pdf: bytes) -> list[Placed]:
    """Every run of text. pypdf gives a run that follows another in the same line of a
    paragraph (bold words, then plain) the line's start; it is moved to where it is."""
    return read_back(pdf)[1]


def read_back(pdf: bytes) -> tuple[list[str], list[Placed]]:
    """Each page's text (as `page_texts` gives it) and every run of text (as `placed`
    gives them), from one reading of the PDF: reading a long one takes seconds."""
    register_fonts()
    texts: list[str] = []
    found: list[Placed] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        line_start: tuple[float, float] | None = None

        def visit(text, cm, tm, font_dict, font_size, number=number):
            nonlocal line_start
            if not text.strip() or not font_dict:
                return
            bold = "Bold" in str(font_dict.get("/BaseFont", ""))
            size = font_size * tm[0] * cm[0]
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            if found and found[-1].page == number and line_start == (x, y):
                x = found[-1].x + found[-1].width  # a run following on in the same line
            else:
                line_start = (x, y)
            found.append(Placed(number, x, y, size, bold, text.strip()))

        texts.append(page.extract_text(visitor_text=visit))
    return texts, found


def row_of(pdf: bytes | list[Placed], words: str) -> list[str]:
    """Every piece of text on the same baseline as the first piece that is ``words``
    (or, failing that, starts with them), left to right. ``pdf`` may be its runs of
    text, already read."""
    pieces = placed(pdf) if isinstance(pdf, bytes) else pdf
    anchor = next(
        (p for p in pieces if p.text == words),
        next(p for p in pieces if p.text.startswith(words)),
    )
    same = [p for p in pieces if p.page == anchor.page and abs(p.y - anchor.y) < 0.1]
    return [p.text for p in sorted(same, key=lambda p: p.x)]


def row_words(pdf: bytes, words: str) -> list[str]:
    """The words of the first two lines of the row whose first line has ``words``, read
    column by column, top to bottom in each: the same whether the fund is printed under
    what the line was for or in a column of its own."""
    pieces = placed(pdf)
    anchor = next(p for p in pieces if p.text == words)
    lines = [
        p
        for p in pieces
        if p.page == anchor.page and min(abs(anchor.y - p.y), abs(anchor.y - LEADING - p.y)) < 0.1
    ]
    return [p.text for p in sorted(lines, key=lambda p: (round(p.x), -p.y))]


def overprinted(pdf: bytes) -> list[tuple[str, str]]:
    """Pairs of text runs whose boxes overlap on a page, and runs off the page."""
    reader = PdfReader(io.BytesIO(pdf))
    bad: list[tuple[str, str]] = []
    pieces = placed(pdf)
    for number, page in enumerate(reader.pages, start=1):
        width = float(page.mediabox.width)
        boxes = [
            (p.x, p.y - 0.22 * p.size, p.x + p.width, p.y + 0.78 * p.size, p.text)
            for p in pieces
            if p.page == number
        ]
        for left, _, right, _, text in boxes:
            if left < 0 or right > width:
                bad.append((text, "off the page"))
        for n, (l1, b1, r1, t1, text1) in enumerate(boxes):
            for l2, b2, r2, t2, text2 in boxes[n + 1 :]:
                if l1 < r2 - 0.1 and l2 < r1 - 0.1 and b1 < t2 - 0.1 and b2 < t1 - 0.1:
                    bad.append((text1, text2))
    return bad


def ticks(pdf: bytes) -> int:
    """How many ticks are drawn: the only lines drawn 1.8 pt thick."""
    reader = PdfReader(io.BytesIO(pdf))
    count = 0
    for page in reader.pages:
        for args, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"w" and abs(float(args[0]) - 1.8) < 0.001:
                count += 1
    return count


def footers(pdf: bytes | list[str]) -> list[tuple[int, int]]:
    """(page, of pages) from each page's footer; ``pdf`` may be its pages' texts."""
    return [
        (int(m[1]), int(m[2]))
        for text in (page_texts(pdf) if isinstance(pdf, bytes) else pdf)
        for m in [re.search(r"Page (\d+) of (\d+)", text)]
        if m
    ]


# ---------------------------------------------------------------- figures


def line(
    entry_id: int,
    on: date,
    signed: int,
    balance: int,
    payee: str,
    *,
    kind: str = "",
    reference: str = "",
    description: str = "",
    what: str = "Venue hire",
    fund: str = "General fund",
    reconciled: bool = False,
    to_sort: bool = False,
) -> EntryLine:
    return EntryLine(
        entry_id=entry_id,
        on=on,
        kind=kind or ("receipt" if signed > 0 else "payment"),
        amount_pence=abs(signed),
        signed_pence=signed,
        payee=payee,
        reference=reference,
        description=description,
        what=what,
        fund=fund,
        to_sort=to_sort,
        reconciled=reconciled,
        balance_pence=balance,
    )


def small_book() -> CashBook:
    """£100.00 at the start; +£250.00, -£40.50, -£20.00 (to the cash box), -£10.00:
    £350.00, £309.50, £289.50, £279.50 after each, by hand."""
    lines = [
        line(
            1,
            date(2025, 4, 3),
            25000,
            35000,
            "Lottery Community Fund",
            reference="GR-1",
            what="Grants",
            fund="Club grant",
            reconciled=True,
        ),
        line(
            2,
            date(2025, 5, 9),
            -4050,
            30950,
            "Riverside Hall",
            reference="CHQ 100101",
            description="Hall hire for May",
            what="Split in 2 parts",
            fund="2 funds",
            reconciled=True,
        ),
        line(
            3,
            date(2025, 6, 1),
            -2000,
            28950,
            "Float for the cash box",
            kind="account_transfer",
            what="From Bank current account to Cash box",
            fund="",
        ),
        line(4, date(2026, 3, 31), -1000, 27950, "CARD 4411 TESCO", what="To sort", to_sort=True),
    ]
    return CashBook(1, "Bank current account", YEAR.starts, YEAR.ends, 10000, lines, 27950)


def small_pdf(**kw) -> bytes:
    return cashbook_pdf(CLUB, YEAR, [small_book()], PRINTED_ON, **kw)


# ---------------------------------------------------------------- every line, in order


def test_every_transaction_is_on_its_own_row_with_its_running_balance():
    """Each row reads across: the date over the reference, who over the bank's details,
    what for and the fund, the money and the balance after it."""
    pdf = small_pdf()
    assert row_words(pdf, "Lottery Community Fund") == [
        "3 Apr 25",
        "GR-1",
        "Lottery Community Fund",
        "Grants",
        "Club grant",
        "250.00",
        "350.00",
    ]
    assert row_words(pdf, "Riverside Hall") == [
        "9 May 25",
        "CHQ 100101",
        "Riverside Hall",
        "Hall hire for May",
        "Split in 2 parts",
        "2 funds",
        "40.50",
        "309.50",
    ]
    assert row_of(pdf, "CARD 4411 TESCO")[-2:] == ["10.00", "279.50"]


def test_dates_are_short_and_never_month_first():
    """ "3 Apr 25": the day, the month's first three letters, the year's last two."""
    assert short_date(date(2025, 4, 3)) == "3 Apr 25"
    assert short_date(date(2026, 12, 31)) == "31 Dec 26"
    assert short_date(date(2100, 1, 9)) == "9 Jan 00"


def test_money_in_and_money_out_are_in_their_own_columns():
    """A receipt's figure sits under "Money in £", a payment's under "Money out £": each
    ends at or just before its heading's right edge, past the column to its left."""
    pieces = placed(small_pdf())
    heading_in = next(p for p in pieces if p.text == "in £")
    heading_out = next(p for p in pieces if p.text == "out £")
    received = next(p for p in pieces if p.text == "250.00")
    paid = next(p for p in pieces if p.text == "40.50")
    in_edge = heading_in.x + heading_in.width
    out_edge = heading_out.x + heading_out.width
    assert in_edge - 30 < received.x + received.width <= in_edge + 0.1
    assert in_edge < paid.x and out_edge - 30 < paid.x + paid.width <= out_edge + 0.1


def test_lines_print_in_the_order_given_between_the_balances():
    """Balance at the start first, the lines in date order, the balance at the end last."""
    text = page_texts(small_pdf())[0]
    order = [
        "Balance at the start",
        "Lottery Community Fund",
        "Riverside Hall",
        "Float for the cash box",
        "CARD 4411 TESCO",
        "Total money in and out",
        "Balance at the end",
    ]
    positions = [text.index(words) for words in order]
    assert positions == sorted(positions)


def test_start_end_totals_and_the_sum_that_proves_them():
    """In £250.00; out £40.50 + £20.00 + £10.00 = £70.50; £100.00 + 250.00 - 70.50 = 279.50."""
    pdf = small_pdf()
    assert row_of(pdf, "Balance at the start") == ["1 Apr 25", "Balance at the start", "100.00"]
    assert row_of(pdf, "Total money in and out") == ["Total money in and out", "250.00", "70.50"]
    assert row_of(pdf, "Balance at the end") == ["31 Mar 26", "Balance at the end", "279.50"]
    text = " ".join(page_texts(pdf)[-1].split())
    assert (
        "Balance at the start £100.00, plus money in £250.00, less money out £70.50, "
        "gives the balance at the end: £279.50." in text
    )
    assert "do not add up" not in text


def test_figures_that_do_not_add_up_are_said_to():
    """A closing balance that disagrees with the lines is printed with a warning."""
    book = small_book()
    wrong = CashBook(1, book.account, book.starts, book.ends, 10000, book.lines, 28000)
    text = " ".join(page_texts(cashbook_pdf(CLUB, YEAR, [wrong], PRINTED_ON))[-1].split())
    assert (
        "These figures do not add up: the books give £280.00 at the end, £0.50 different." in text
    )


def test_points_line_up_in_every_money_column():
    """The font's digits differ in width, yet every point in a column is at one place,
    bold totals included."""
    pieces = placed(small_pdf())
    figures = [p for p in pieces if re.fullmatch(r"-?[\d,]+\.\d\d", p.text)]
    points: dict[int, list[float]] = {}
    for p in figures:
        font = FONT_BOLD if p.bold else FONT
        point = p.x + pdfmetrics.stringWidth(p.text.split(".")[0], font, p.size)
        column = round(point / 40)  # the columns are over 60 pt apart
        points.setdefault(column, []).append(point)
    assert len(points) == 3  # in, out, balance
    assert all(max(places) - min(places) < 0.05 for places in points.values()), points


def test_reconciled_lines_are_ticked_and_counted():
    """Two of the four lines are reconciled: two ticks drawn, and the count in words."""
    pdf = small_pdf()
    assert ticks(pdf) == 2
    text = " ".join(page_texts(pdf)[-1].split())
    assert "2 of 4 lines ticked as checked against a bank statement." in text
    assert "1 line is still waiting to be sorted into a category and a fund" in text


def test_a_cash_box_says_nothing_of_bank_statements():
    from dataclasses import replace

    pdf = cashbook_pdf(CLUB, YEAR, [replace(small_book(), kind="cash")], PRINTED_ON)
    text = " ".join(page_texts(pdf)[-1].split())
    assert "bank statement" not in text
    assert "1 line is still waiting to be sorted into a category and a fund" in text


def test_a_split_entry_lists_its_parts_when_they_are_given():
    """Without parts the line says only "Split in 2 parts"; with them, each part is a row
    under it: how much, what for, which fund."""
    assert "Part:" not in " ".join(page_texts(small_pdf()))
    parts = {
        2: [
            SplitPart("Venue hire", "General fund", 2025),
            SplitPart("Activity costs", "Club grant", 2025),
        ]
    }
    pdf = small_pdf(parts=parts)
    assert row_words(pdf, "Part: £20.25") == ["Part: £20.25", "Venue hire", "General fund"]
    text = " ".join(page_texts(pdf)[0].split())
    assert "Part: £20.25 Venue hire General fund" in text
    assert "Part: £20.25 Activity costs Club grant" in text
    first = text.index("Riverside Hall")
    assert first < text.index("Part: £20.25 Venue hire") < text.index("Float for the cash box")


# ---------------------------------------------------------------- pages


def many(count: int, opening: int, first_id: int = 1) -> tuple[list[EntryLine], int]:
    """``count`` lines alternating +£12.34 and -£5.67, with balances worked out here."""
    lines = []
    balance = opening
    for n in range(count):
        signed = 1234 if n % 2 == 0 else -567
        balance += signed
        lines.append(
            line(
                first_id + n,
                YEAR.starts + timedelta(days=n % 365),
                signed,
                balance,
                f"Payee {first_id + n}",
                reference=f"R{n}",
                reconciled=n % 3 == 0,
            )
        )
    return lines, balance


def test_each_account_starts_a_new_page_and_every_page_has_the_headings():
    """Sixty bank lines run over pages; the cash box starts on a page of its own; the
    column headings and "Page n of N" are on every page with lines."""
    bank_lines, bank_end = many(60, 0)
    cash_lines, cash_end = many(3, 5000, first_id=100)
    books = [
        CashBook(1, "Bank current account", YEAR.starts, YEAR.ends, 0, bank_lines, bank_end),
        CashBook(2, "Cash box", YEAR.starts, YEAR.ends, 5000, cash_lines, cash_end),
    ]
    pdf = cashbook_pdf(CLUB, YEAR, books, PRINTED_ON)
    texts = page_texts(pdf)
    assert len(texts) >= 3
    assert footers(pdf) == [(n, len(texts)) for n in range(1, len(texts) + 1)]
    cash_first = next(n for n, text in enumerate(texts) if "Payee 100" in text)
    assert (
        "Cash box" in texts[cash_first]
        and "All the money in and out, 1 April 2025" in texts[cash_first]
    )
    assert not re.search(r"Payee (\d|\d\d)\b", texts[cash_first])
    assert "Balance at the end" in texts[cash_first - 1]  # the bank's book ended before
    for number, text in enumerate(texts):
        title = "Cash box" if number >= cash_first else "Bank current account"
        assert f"Cash book 2025-26: {title}" in text
        if "Payee" in text:
            assert all(heading in text for heading in HEADINGS), number


def test_long_text_wraps_or_is_cut_short_and_never_prints_over_anything():
    """Very long words in every column, and a huge figure, stay inside their place."""
    long_line = line(
        1,
        date(2025, 4, 1),
        9_999_999_999,
        9_999_999_999,
        "The Very Long Name Of A Supplier Who Writes Everything Out In Full Ltd " * 3,
        reference="INV-2025-0000000000000000000000000000000000000000000000000001",
        description="Supercalifragilisticexpialidocious " * 10,
        what="A category with a really quite remarkably long name indeed " * 2,
        fund="The Fund With The Longest Name In The Whole Wide World " * 2,
    )
    book = CashBook(1, "Bank " * 60, YEAR.starts, YEAR.ends, 0, [long_line], 9_999_999_999)
    pdf = cashbook_pdf("A Club " * 30, YEAR, [book], PRINTED_ON)
    assert overprinted(pdf) == []
    text = page_texts(pdf)[0]
    assert "…" in text
    assert "99,999,999.99" in text


def test_the_small_book_prints_nothing_over_anything():
    """The usual page, parts and all, has no text over other text."""
    parts = {
        2: [
            SplitPart("Venue hire", "General fund", 2025),
            SplitPart("Venue hire", "Weekly club grant", 2025),
        ]
    }
    assert overprinted(small_pdf(parts=parts)) == []


def test_text_prints_exactly_as_typed():
    """Markup-looking words, accents, line breaks and control characters come out as
    text, never as formatting or a crash."""
    book = small_book()
    odd = line(9, date(2025, 7, 1), 100, 28050, "<b>Bob</b> & Zoë", description="two\nlines\x07")
    strange = CashBook(1, "<i>Bank</i>", YEAR.starts, YEAR.ends, 10000, [*book.lines, odd], 28050)
    text = " ".join(page_texts(cashbook_pdf(CLUB, YEAR, [strange], PRINTED_ON)))
    assert "<b>Bob</b> & Zoë" in text
    assert "<i>Bank</i>" in text
    assert "two lines" in text


def test_an_account_with_nothing_in_the_year_and_no_accounts_at_all():
    """An empty account still shows its balances; no accounts at all gives one page."""
    quiet = CashBook(2, "Savings account", YEAR.starts, YEAR.ends, 123456, [], 123456)
    text = " ".join(page_texts(cashbook_pdf(CLUB, YEAR, [quiet], PRINTED_ON))[0].split())
    assert "Nothing went in or out of this account in these dates." in text
    assert "Balance at the start 1,234.56" in text
    assert "Balance at the end 1,234.56" in text
    assert "ticked" not in text
    empty = cashbook_pdf(CLUB, YEAR, [], PRINTED_ON)
    assert len(page_texts(empty)) == 1
    assert "There are no money accounts to show." in page_texts(empty)[0]
    assert "All the money in and out, 1 April 2025 to 31 March 2026" in page_texts(empty)[0]


def test_names_the_font_lacks_print_in_a_fallback_font_or_as_a_question_mark():
    """Greek (and anything else) never crashes the cash book or prints over anything."""
    greek = line(1, date(2025, 4, 2), 500, 10500, "Αθηνά Παπαδοπούλου 山田")
    book = CashBook(1, "Bank", YEAR.starts, YEAR.ends, 10000, [greek], 10500)
    pdf = cashbook_pdf(CLUB, YEAR, [book], PRINTED_ON)
    text = page_texts(pdf)[0]
    assert "Αθηνά" in text or "?????" in text
    assert all(embedded for _, embedded in font_names(pdf))
    assert overprinted(pdf) == []


def test_an_overdrawn_balance_prints_with_a_minus():
    """Below nothing is "-12.50", its point lined up with the rest."""
    lines = [line(1, date(2025, 4, 2), -2250, -1250, "Overdrawn")]
    book = CashBook(1, "Bank", YEAR.starts, YEAR.ends, 1000, lines, -1250)
    pdf = cashbook_pdf(CLUB, YEAR, [book], PRINTED_ON)
    assert row_of(pdf, "Overdrawn")[-2:] == ["22.50", "-12.50"]
    assert "gives the balance at the end: -£12.50." in " ".join(page_texts(pdf)[-1].split())


def test_fonts_are_embedded_and_landscape():
    """Only the bundled fonts, embedded; the pages are A4 landscape."""
    pdf = small_pdf()
    fonts = font_names(pdf)
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("Atkinson" in name for name, _ in fonts)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width)) == 842 and round(float(page.mediabox.height)) == 595


def test_a_year_of_5000_lines_prints_every_balance_in_order():
    """5,000 lines: every running balance is there in order, the last is the start plus
    the lines, the pages are counted in every footer, and headings are on every page."""
    lines, end = many(5000, 100000)
    assert end == 100000 + 2500 * 1234 - 2500 * 567  # worked out: £16,675.00 + £1,000.00
    book = CashBook(1, "Bank current account", YEAR.starts, YEAR.ends, 100000, lines, end)
    pdf = cashbook_pdf(CLUB, YEAR, [book], PRINTED_ON)
    texts, pieces = read_back(pdf)  # the same texts and runs, the PDF read once not thrice
    assert footers(texts) == [(n, len(texts)) for n in range(1, len(texts) + 1)]
    assert 5000 / 30 < len(texts) < 5000 / 10
    whole = "\n".join(texts)
    position = 0
    for entry in lines:
        position = whole.index(
            f"{entry.balance_pence // 100:,}.{entry.balance_pence % 100:02d}", position
        )
    assert row_of(pieces, "Balance at the end") == [
        "31 Mar 26",
        "Balance at the end",
        "17,675.00",
    ]
    assert all("Details" in text for text in texts if "Payee" in text)


# ---------------------------------------------------------------- large print, no room wasted


def typical(count: int, fund: str = "General fund") -> CashBook:
    """``count`` payments of £1.00 with a short reference, payee, details and category:
    each fits its column on one line, so each row is two lines (the fund and the details
    under the rest)."""
    lines = [
        line(
            n + 1,
            YEAR.starts + timedelta(days=n % 365),
            -100,
            100_000 - 100 * (n + 1),
            "Hall",
            reference="R1",
            description="Hire",
            fund=fund,
        )
        for n in range(count)
    ]
    return CashBook(1, "Bank", YEAR.starts, YEAR.ends, 100_000, lines, 100_000 - 100 * count)


def test_the_table_is_in_14_pt_type():
    """Every word and figure of the table, parts too, is at least 14 pt."""
    parts = {2: [SplitPart("Venue hire", "General fund", 2025), SplitPart("Hire", "Club", 2025)]}
    pieces = placed(small_pdf(parts=parts))
    assert SIZE >= 14
    assert pieces and min(p.size for p in pieces) >= 14


def test_a_hundred_two_line_rows_take_ten_pages():
    """Rows of two 14 pt lines are 37 pt, as is the column headings' row, in 456 pt of
    page: 9 rows fit under the account's heading (48 pt) and its balance at the start
    (21 pt) on the first page, 11 on each page after, so 100 lines take 10 pages."""
    pdf = cashbook_pdf(CLUB, YEAR, [typical(100)], PRINTED_ON)
    assert len(page_texts(pdf)) == 10


def width_of_who(pdf: bytes) -> float:
    """The room from the "Who" heading to the "What for" heading."""
    pieces = placed(pdf)
    return next(p.x for p in pieces if p.text == "What for") - next(
        p.x for p in pieces if p.text == "Who"
    )


def test_the_fund_column_grows_to_keep_a_book_s_fund_names_on_one_line():
    """A book whose fund is "General fund" leaves the room to the details; one whose
    fund has a grant's longer name gets a wider column, and the name fits on one line."""
    grant = "Harmony Trust music grant for 2025"
    short = cashbook_pdf(CLUB, YEAR, [typical(20)], PRINTED_ON)
    long = cashbook_pdf(CLUB, YEAR, [typical(20, fund=grant)], PRINTED_ON)
    assert width_of_who(long) < width_of_who(short)
    assert row_words(long, "Hall")[:5] == ["1 Apr 25", "R1", "Hall", "Hire", "Venue hire"]
    assert grant in row_words(long, "Hall")
    assert "…" not in " ".join(page_texts(long))


def test_a_fund_name_too_long_for_one_line_wraps_onto_two_not_cut_short():
    """The tester's "National Lottery Award…": the whole name prints, over two lines."""
    lottery = "National Lottery Awards for All — weekly club"
    pdf = cashbook_pdf(CLUB, YEAR, [typical(20, fund=lottery)], PRINTED_ON)
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert "…" not in text and lottery in text
    words = row_words(pdf, "Hall")
    assert lottery not in words
    assert any(lottery.startswith(w) and w != lottery for w in words)
    assert overprinted(pdf) == []


# ---------------------------------------------------------------- wrapping


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("abcdefghij ABC-,.£0123456789 WWWlll")), max_size=120
    ),
    width=st.floats(min_value=30, max_value=300),
    most=st.integers(min_value=1, max_value=5),
)
def test_wrapped_lines_fit_and_lose_nothing_unless_they_say_so(text, width, most):
    """Every line fits its width, there are never too many, and unless the last ends
    with "…" every character is still there, in order."""
    register_fonts()
    lines = wrap(text, FONT, 12, width, most)
    assert len(lines) <= most
    assert all(text_width(piece, FONT, 12) <= width for piece in lines)
    if not (lines and lines[-1].endswith("…")):
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
