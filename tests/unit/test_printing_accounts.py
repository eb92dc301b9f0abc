"""The printed accounts (CC16): the receipts and payments account and the statement of
assets and liabilities, printed from books kept through the services and read back
from the PDF with pypdf. Every expected figure is worked out here from the entries the
test made, never copied from the printout or from the report service."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from sqlalchemy import event

from clubapp.printing.accounts import FIGURE_SIZE, PAGE_SIZE, accounts_pdf, figure_width
from clubapp.printing.base import FONT, FONT_BOLD, format_long_date
from clubapp.services import (
    accounts_printouts,
    accounts_report,
    asset_lines,
    books,
    reconcile,
    years,
)
from clubapp.services.accounts_report import (
    AssetsStatement,
    FundCash,
    ReceiptsAndPayments,
    Row,
)
from clubapp.services.books import AccountInput, CategoryInput, EntryInput, FundInput, SplitInput
from clubapp.services.errors import NotAllowed, NotFound
from clubapp.services.money import round_to_pound
from tests.unit.test_printing_members import font_names, page_texts

PRINTED_ON = date(2026, 11, 22)
COLUMNS = ("unrestricted", "restricted", "endowment")
LONG_LINE = "Costs of the monthly Sunday Crafternoon, with materials, tea and cake for all who come"
GRANT = "Lottery grant for the weekly club"


# ---------------------------------------------------------------- the books


@dataclass(frozen=True)
class Move:
    """One entry as the test made it."""

    on: date
    kind: str
    parts: tuple[tuple[str, str, int], ...] = ()  # (category, fund, pence)
    account: str = "Bank current account"
    amount: int = 0  # transfers
    to_account: str = ""
    from_fund: str = ""
    to_fund: str = ""


@dataclass
class Books:
    funds: dict[str, int]  # name -> id
    columns: dict[str, str]  # fund name -> printed column
    fund_openings: dict[str, int]
    accounts: dict[str, int]
    account_openings: dict[str, int]
    categories: dict[str, books.CategoryRow]
    moves: list[Move] = field(default_factory=list)


FUNDS = (
    ("General fund", "general", 500_00),
    ("Minibus fund", "designated", 0),
    (GRANT, "restricted", 1_000_00),
    ("Arts small grant", "restricted", 0),
    ("Legacy", "endowment", 0),
)

# Two years: 2024-25 ("last year") and 2025-26 ("this year"), with splits, transfers
# between funds and between accounts, an endowment, asset sales and purchases.
MOVES = (
    Move(date(2024, 5, 1), "receipt", (("Donations", "General fund", 200_00),)),
    Move(date(2024, 6, 1), "payment", (("Insurance", "General fund", 150_00),)),
    Move(date(2024, 7, 1), "receipt", (("Grants", GRANT, 25_000_00),)),
    Move(date(2024, 8, 1), "payment", (("Coordinator's pay", GRANT, 12_000_00),)),
    Move(date(2024, 9, 1), "fund_transfer", amount=50_00, from_fund="General fund",
         to_fund="Minibus fund"),
    Move(date(2025, 4, 10), "receipt", (("Grants", GRANT, 30_000_00),)),
    Move(date(2025, 4, 20), "receipt", (("Grants", "Arts small grant", 2_500_00),)),
    Move(date(2025, 5, 1), "receipt", (("Donations", "General fund", 300_50),)),
    Move(date(2025, 5, 2), "receipt", (("Gift Aid", "General fund", 75_13),)),
    Move(
        date(2025, 5, 3),
        "receipt",
        (("Membership and session fees", "General fund", 120_40), ("Donations", "Minibus fund", 30_35)),
    ),
    Move(
        date(2025, 6, 1),
        "payment",
        (("Venue hire", "General fund", 40_00), ("Venue hire", GRANT, 80_00)),
    ),
    Move(date(2025, 7, 1), "payment", (("Coordinator's pay", GRANT, 14_400_00),)),
    Move(date(2025, 8, 1), "receipt", (("Donations", "Legacy", 2_000_00),)),
    Move(
        date(2025, 9, 1),
        "payment",
        (("Equipment to keep or investments bought", "General fund", 999_99),),
    ),
    Move(
        date(2025, 9, 15),
        "receipt",
        (("Sale of equipment or investments", "General fund", 120_00),),
    ),
    Move(date(2025, 10, 1), "fund_transfer", amount=100_00, from_fund="General fund",
         to_fund=GRANT),
    Move(date(2025, 10, 2), "fund_transfer", amount=25_00, from_fund="Minibus fund",
         to_fund="General fund"),
    Move(date(2025, 11, 1), "payment", (("Crafternoon", "Arts small grant", 1_234_56),)),
    Move(date(2025, 12, 1), "account_transfer", amount=200_00, to_account="Cash box"),
    Move(date(2026, 1, 10), "payment", (("Refreshments", "General fund", 45_67),),
         account="Cash box"),
    Move(date(2026, 2, 1), "receipt", (("Interest", "General fund", 3_49),)),
)  # fmt: skip


def make_books(db, actor) -> Books:
    """Keep the books above through the services, as the treasurer would."""
    funds = {f.name: f.fund_id for f in db.run(books.list_funds, actor)}
    for name, kind, opening in FUNDS:
        funds[name] = db.run(
            books.save_fund, actor, funds.get(name), FundInput(name, kind, opening_pence=opening)
        )
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, actor)}
    account_openings = {"Bank current account": 1_500_00, "Cash box": 0}
    for name, opening in account_openings.items():
        kind = "cash" if name == "Cash box" else "current"
        db.run(
            books.save_account,
            actor,
            accounts[name],
            AccountInput(name, kind, opening_pence=opening),
        )
    db.run(
        books.save_category,
        actor,
        None,
        CategoryInput("Crafternoon", "payments", LONG_LINE),
    )
    categories = {c.name: c for c in db.run(books.list_categories, actor)}
    kept = Books(
        funds=funds,
        columns={name: books.FUND_COLUMNS[kind] for name, kind, _ in (*FUNDS,)},
        fund_openings={name: opening for name, _, opening in FUNDS},
        accounts=accounts,
        account_openings=account_openings,
        categories=categories,
    )
    for move in MOVES:
        record(db, actor, kept, move)
    return kept


def record(db, actor, kept: Books, move: Move, import_key: str | None = None) -> int:
    splits = tuple(
        SplitInput(kept.categories[c].category_id, kept.funds[f], p) for c, f, p in move.parts
    )
    data = EntryInput(
        move.on,
        move.kind,
        move.amount or sum(p for _, _, p in move.parts),
        kept.accounts[move.account] if move.kind != "fund_transfer" else None,
        splits,
        to_account_id=kept.accounts.get(move.to_account),
        from_fund_id=kept.funds.get(move.from_fund),
        to_fund_id=kept.funds.get(move.to_fund),
    )
    entry_id = db.run(books.record_entry, actor, data, import_key=import_key)
    kept.moves.append(move)
    return entry_id


# ---------------------------------------------------------------- worked out here


def in_year(on: date, year: years.Year) -> bool:
    return year.starts <= on <= year.ends


def line_figures(kept: Books, year: years.Year) -> dict[tuple[str, str], dict[str, int]]:
    """(section, printed line) -> column -> pence, money out as a positive figure."""
    out: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for move in kept.moves:
        if not in_year(move.on, year):
            continue
        for category, fund, pence in move.parts:
            row = kept.categories[category]
            out[(row.section, row.line)][kept.columns[fund]] += pence
    return out


def fund_balance(kept: Books, fund: str, day: date) -> int:
    """A fund's balance at the end of ``day``."""
    balance = kept.fund_openings[fund]
    for move in kept.moves:
        if move.on > day:
            continue
        for _, f, pence in move.parts:
            if f == fund:
                balance += pence if move.kind == "receipt" else -pence
        balance += move.amount * ((move.to_fund == fund) - (move.from_fund == fund))
    return balance


def account_balance(kept: Books, account: str, day: date) -> int:
    balance = kept.account_openings[account]
    for move in kept.moves:
        if move.on > day:
            continue
        total = move.amount or sum(p for _, _, p in move.parts)
        if move.kind == "receipt" and move.account == account:
            balance += total
        elif move.kind == "payment" and move.account == account:
            balance -= total
        elif move.kind == "account_transfer":
            balance += total * ((move.to_account == account) - (move.account == account))
    return balance


def transfers_by_column(kept: Books, year: years.Year) -> dict[str, int]:
    out = dict.fromkeys(COLUMNS, 0)
    for move in kept.moves:
        if move.kind == "fund_transfer" and in_year(move.on, year):
            out[kept.columns[move.to_fund]] += move.amount
            out[kept.columns[move.from_fund]] -= move.amount
    return out


def cash_by_column(kept: Books, day: date, rounded: bool = False) -> dict[str, int]:
    out = dict.fromkeys(COLUMNS, 0)
    for fund in kept.fund_openings:
        balance = fund_balance(kept, fund, day)
        out[kept.columns[fund]] += round_to_pound(balance) if rounded else balance
    return out


def with_totals(by_column: dict[str, int], last_year: int) -> tuple[int, ...]:
    values = [by_column[c] for c in COLUMNS]
    return (*values, sum(values), last_year)


# ---------------------------------------------------------------- reading the PDF


FIGURE = re.compile(r"^\(?\d{1,3}(,\d{3})*(\.\d\d)?\)?$|^-$")
CODE = re.compile(r"^[AB]\d$")


@dataclass(frozen=True)
class Piece:
    page: int
    x: float
    y: float
    text: str
    bold: bool
    size: float


@dataclass(frozen=True)
class Printed:
    """One printed row: its code, its words left to right, its figures left to right."""

    page: int
    code: str
    words: tuple[str, ...]
    figures: tuple[int, ...]
    figure_pieces: tuple[Piece, ...]
    word_pieces: tuple[Piece, ...]

    @property
    def label(self) -> str:
        return self.words[0] if self.words else ""


def pieces(pdf: bytes) -> list[Piece]:
    found: list[Piece] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):

        def visit(text, cm, tm, font_dict, font_size, number=number):
            if not text.strip() or not font_dict:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            bold = "Bold" in str(font_dict.get("/BaseFont", ""))
            size = font_size * cm[0] * tm[0]
            found.append(Piece(number, x, y, text.strip(), bold, size))

        page.extract_text(visitor_text=visit)
    return found


def amount(text: str) -> int:
    """A printed figure in pence: "1,234.50", "(12.00)" is -1200, "-" is 0, "1,235"."""
    if text == "-":
        return 0
    negative = text.startswith("(")
    digits = text.strip("()").replace(",", "")
    whole, _, part = digits.partition(".")
    pence = int(whole) * 100 + int(part or 0)
    return -pence if negative else pence


def printed_rows(pdf: bytes) -> list[Printed]:
    """The rows that carry figures, in the order printed."""
    lines: dict[tuple[int, int], list[Piece]] = defaultdict(list)
    for piece in pieces(pdf):
        lines[(piece.page, round(piece.y))].append(piece)
    rows = []
    for (page, _), found in sorted(lines.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        found.sort(key=lambda p: p.x)
        figures = tuple(p for p in found if FIGURE.match(p.text))
        if not figures:
            continue
        codes = [p.text for p in found if CODE.match(p.text)]
        words = tuple(p for p in found if p not in figures and not CODE.match(p.text))
        rows.append(
            Printed(
                page,
                codes[0] if codes else "",
                tuple(p.text for p in words),
                tuple(amount(p.text) for p in figures),
                figures,
                words,
            )
        )
    return rows


def section_a(rows: list[Printed]) -> list[Printed]:
    """Section A's rows: five figures, or four in the books' first year (no last year)."""
    return [r for r in rows if len(r.figures) in (4, 5)]


def section_b(rows: list[Printed]) -> list[Printed]:
    return [r for r in rows if len(r.figures) == 3]


def row_named(rows: list[Printed], label: str, nth: int = 0) -> Printed:
    """The nth row with these words (a wrapped label shows its first line on the row)."""
    found = [r for r in rows if r.label and (label == r.label or label.startswith(r.label + " "))]
    assert len(found) > nth, (label, [r.label for r in rows])
    return found[nth]


def slot(ch: str) -> float:
    """The space the printout gives a character of a figure: the widest digit for every
    digit, the same in bold and regular type, each glyph centred in its space."""
    chars = "0123456789" if ch.isdigit() else ch
    return max(pdfmetrics.stringWidth(c, f, FIGURE_SIZE) for c in chars for f in (FONT, FONT_BOLD))


def decimal_point_x(piece: Piece) -> float:
    """Where the middle of a printed figure's decimal point is on the page."""
    font = FONT_BOLD if piece.bold else FONT
    first = piece.text[0]
    left = piece.x - (slot(first) - pdfmetrics.stringWidth(first, font, FIGURE_SIZE)) / 2
    before = piece.text.index(".")
    return round(left + sum(slot(c) for c in piece.text[:before]) + slot(".") / 2, 1)


def full_text(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def kept(db, treasurer) -> Books:
    return make_books(db, treasurer)


@pytest.fixture
def year(db) -> years.Year:
    with db.transaction() as s:
        return years.year_named(s, 2025)


def print_accounts(db, actor, year, nearest_pound=False) -> bytes:
    return db.run(accounts_printouts.accounts_pdf, actor, year, nearest_pound, today=PRINTED_ON)


def close_last_year(db, treasurer, kept: Books, year: years.Year) -> None:
    """Reconcile the bank up to the end of 2024-25, then close that year."""
    last = year.previous()
    bank = kept.accounts["Bank current account"]
    balance = account_balance(kept, "Bank current account", last.ends)
    rec = db.run(reconcile.start, treasurer, bank, last.ends, balance)
    for line in db.run(reconcile.view, treasurer, rec).lines:
        db.run(reconcile.tick, treasurer, rec, line.entry_id, True)
    db.run(reconcile.finish, treasurer, rec)
    db.run(years.close_year, treasurer, last, date(2026, 11, 18))


# ---------------------------------------------------------------- section A


def test_each_line_prints_in_its_column_with_last_year_from_the_books(db, treasurer, kept, year):
    """Every receipts and payments line shows this year's money by column, its total and
    last year's total, as worked out from the entries; payments are in brackets."""
    rows = section_a(printed_rows(print_accounts(db, treasurer, year)))
    this, last = line_figures(kept, year), line_figures(kept, year.previous())
    for section, line in {*this, *last}:
        sign = -1 if section in ("payments", "asset_purchases") else 1
        by_column = {c: sign * this[(section, line)][c] for c in COLUMNS}
        expected = with_totals(by_column, sign * sum(last[(section, line)].values()))
        assert row_named(rows, line).figures == expected, line
    # Spot checks written out by hand, so the arithmetic above is itself checked.
    assert row_named(rows, "Grants").figures == (
        0, 32_500_00, 0, 32_500_00, 25_000_00
    )  # fmt: skip
    assert row_named(rows, "Donations and Gift Aid").figures == (
        300_50 + 75_13 + 30_35, 0, 2_000_00, 2_405_98, 200_00
    )  # fmt: skip
    assert row_named(rows, "Venue hire").figures == (-40_00, -80_00, 0, -120_00, 0)
    assert row_named(rows, "Insurance").figures == (0, 0, 0, 0, -150_00)


def test_totals_net_transfers_and_cash_funds_add_up(db, treasurer, kept, year):
    """Sub totals, totals, the net, transfers between funds and the cash funds at both
    year ends are the books' figures, column by column and for last year."""
    rows = section_a(printed_rows(print_accounts(db, treasurer, year)))
    this, last = line_figures(kept, year), line_figures(kept, year.previous())

    def part_total(figures, sections, sign):
        by_column = {
            c: sign * sum(v[c] for k, v in figures.items() if k[0] in sections) for c in COLUMNS
        }
        return by_column

    def expect(sections, sign):
        by_column = part_total(this, sections, sign)
        return with_totals(by_column, sum(part_total(last, sections, sign).values()))

    assert row_named(rows, "Sub total", 0).figures == expect({"receipts"}, 1)
    assert row_named(rows, "Total receipts").figures == expect({"receipts", "asset_sales"}, 1)
    assert row_named(rows, "Sub total", 1).figures == expect({"payments"}, -1)
    assert row_named(rows, "Total payments").figures == expect({"payments", "asset_purchases"}, -1)
    received = expect({"receipts", "asset_sales"}, 1)
    paid = expect({"payments", "asset_purchases"}, -1)
    assert row_named(rows, "Net of receipts/(payments)").figures == tuple(
        r + p for r, p in zip(received, paid, strict=True)
    )
    transfers = transfers_by_column(kept, year)
    assert transfers == {"unrestricted": -100_00, "restricted": 100_00, "endowment": 0}
    assert row_named(rows, "Transfers between funds").figures == with_totals(transfers, 0)
    last_end, before = year.previous().ends, year.previous().starts
    from datetime import timedelta

    opening = cash_by_column(kept, last_end)
    assert row_named(rows, "Cash funds last year end").figures == with_totals(
        opening, sum(cash_by_column(kept, before - timedelta(days=1)).values())
    )
    closing = cash_by_column(kept, year.ends)
    assert row_named(rows, "Cash funds this year end").figures == with_totals(
        closing, sum(opening.values())
    )
    # The funds hold what the money accounts hold (nothing is left to sort).
    assert sum(closing.values()) == sum(
        account_balance(kept, a, year.ends) for a in kept.account_openings
    )


def test_a_part_with_no_lines_shows_a_dash_and_the_order_is_cc16s(db, treasurer, kept, year):
    """The books' first year had no asset sales or purchases: A2 and A4 print "-" in every
    column (and nothing under last year, before the books); the rows come in the form's
    order."""
    pdf = print_accounts(db, treasurer, year.previous())
    rows = section_a(printed_rows(pdf))
    codes = [(r.code, r.label) for r in rows if r.code]
    assert codes == [
        ("A2", "Asset and investment sales"),
        ("A4", "Asset and investment purchases"),
        ("A5", "Transfers between funds"),
        ("A6", "Cash funds last year end"),
    ]
    assert row_named(rows, "Asset and investment sales").figures == (0,) * 4
    text = full_text(pdf)
    order = [
        "A1 Receipts",
        "Sub total",
        "A2 Asset and investment sales",
        "Total receipts",
        "A3 Payments",
        "Sub total",
        "A4 Asset and investment purchases",
        "Total payments",
        "Net of receipts/(payments)",
        "A5 Transfers between funds",
        "A6 Cash funds last year end",
        "Cash funds this year end",
    ]
    at = 0
    for words in order:
        at = text.index(words, at) + len(words)
    for heading in ("Unrestricted funds", "Restricted funds", "Endowment funds", "Total funds"):
        assert heading in text


def test_the_title_and_the_year_in_words(db, treasurer, kept, year):
    """The club's name, the year in words and last year's dates are on the first page."""
    first = " ".join(page_texts(print_accounts(db, treasurer, year))[0].split())
    assert "Riverside Club" in first
    assert "Receipts and payments accounts for the year 1 April 2025 to 31 March 2026" in first
    assert "1 April 2024 to 31 March 2025" in first
    assert "Figures are in pounds and pence." in first


# ---------------------------------------------------------------- to the nearest pound


def test_to_the_nearest_pound_every_printed_total_adds_up(db, treasurer, kept, year):
    """In whole pounds, each row's columns add up to its total, each part's lines to its
    sub total, and last year end plus the net and transfers to this year end, exactly as
    printed; each fund's balance is its exact balance rounded."""
    pdf = print_accounts(db, treasurer, year, nearest_pound=True)
    assert "Figures are to the nearest pound." in full_text(pdf)
    rows = section_a(printed_rows(pdf))
    assert rows and all(p.text == "-" or "." not in p.text for r in rows for p in r.figure_pieces)
    for row in rows:
        assert sum(row.figures[:3]) == row.figures[3], row.label
    receipts_sub = row_named(rows, "Sub total", 0)
    payments_sub = row_named(rows, "Sub total", 1)
    index = rows.index
    receipt_lines = rows[: index(receipts_sub)]
    payment_lines = rows[index(row_named(rows, "Total receipts")) + 1 : index(payments_sub)]
    sales = rows[index(receipts_sub) + 1 : index(row_named(rows, "Total receipts"))]
    purchases = rows[index(payments_sub) + 1 : index(row_named(rows, "Total payments"))]
    assert receipt_lines and payment_lines and sales and purchases
    for n in range(5):

        def column(selected, n=n):
            return sum(r.figures[n] for r in selected)

        assert column(receipt_lines) == receipts_sub.figures[n]
        assert column(payment_lines) == payments_sub.figures[n]
        assert (
            receipts_sub.figures[n] + column(sales) == row_named(rows, "Total receipts").figures[n]
        )
        assert (
            payments_sub.figures[n] + column(purchases)
            == row_named(rows, "Total payments").figures[n]
        )
        net = row_named(rows, "Net of receipts/(payments)").figures[n]
        assert net == (
            row_named(rows, "Total receipts").figures[n]
            + row_named(rows, "Total payments").figures[n]
        )
        assert (
            row_named(rows, "Cash funds last year end").figures[n]
            + net
            + row_named(rows, "Transfers between funds").figures[n]
            == row_named(rows, "Cash funds this year end").figures[n]
        )
    closing = cash_by_column(kept, year.ends, rounded=True)
    assert row_named(rows, "Cash funds this year end").figures[:3] == tuple(
        closing[c] for c in COLUMNS
    )
    # No line moved by more than the rounding of a pound or two.
    exact = line_figures(kept, year)
    grants = row_named(rows, "Grants").figures
    assert grants[1] == exact[("receipts", "Grants")]["restricted"]
    gifts = row_named(rows, "Donations and Gift Aid").figures
    assert (
        abs(gifts[0] - sum(exact[("receipts", "Donations and Gift Aid")].values()) + 2_000_00) < 200
    )


# ---------------------------------------------------------------- section B


def test_statement_of_assets_agrees_with_the_account_and_lists_every_fund(
    db, treasurer, kept, year
):
    """B1 shows each fund's cash in its column, and its totals are A6's "this year end";
    the money accounts holding it are named with their balances."""
    pdf = print_accounts(db, treasurer, year)
    rows = printed_rows(pdf)
    a6 = row_named(section_a(rows), "Cash funds this year end")
    b_rows = section_b(rows)
    for fund, column in kept.columns.items():
        balance = fund_balance(kept, fund, year.ends)
        row = next(r for r in b_rows if r.words[1:2] and fund.startswith(r.words[1]))
        assert row.label == "Cash"
        assert row.figures == tuple(balance if c == column else 0 for c in COLUMNS), fund
    total = row_named(
        b_rows, "Total cash funds (agrees with cash funds this year end, in section A)"
    )
    assert total.figures == a6.figures[:3]
    assert total.figures == tuple(cash_by_column(kept, year.ends)[c] for c in COLUMNS)
    text = full_text(pdf)
    bank = account_balance(kept, "Bank current account", year.ends)
    cash = account_balance(kept, "Cash box", year.ends)
    assert cash == 200_00 - 45_67
    assert f"Bank current account £{bank // 100:,}.{bank % 100:02d}" in text
    assert "Cash box £154.33" in text
    assert "Section B: Statement of assets and liabilities at 31 March 2026" in text
    assert "Section B" not in page_texts(pdf)[0]  # it starts on a page of its own


def test_the_lines_the_treasurer_typed_print_with_their_fund(db, treasurer, kept, year):
    """Other monetary assets, investments, assets kept for the club's use and liabilities
    print with details, the fund they belong to and the amount in that fund's column."""
    typed = [
        ("monetary", "Grant instalment due from the Arts small grant funder", 500_00, "Arts small grant", ""),
        ("investment", "Charity deposit fund shares", 2_000_00, "Legacy", "Value at 31 March 2026"),
        ("own_use", "Minibus", 18_000_00, "Minibus fund", ""),
        ("own_use", "Sound system <b>& speakers</b>", 750_25, None, ""),
        ("liability", "Venue bill for March", 120_00, None, "Due in April"),
    ]  # fmt: skip
    for section, words, pence, fund, note in typed:
        db.run(
            asset_lines.save_line,
            treasurer,
            year,
            None,
            asset_lines.AssetLineInput(section, words, pence, kept.funds.get(fund), note),
        )
    pdf = print_accounts(db, treasurer, year)
    b_rows = section_b(printed_rows(pdf))
    for _, words, pence, fund, _ in typed:
        row = next(r for r in b_rows if words.startswith(r.label))
        column = kept.columns[fund] if fund else "unrestricted"
        assert row.figures == tuple(pence if c == column else 0 for c in COLUMNS), words
        if fund:
            assert fund.startswith(row.words[1])
    own_use = row_named(b_rows, "Total")
    assert own_use.figures == (18_000_00 + 750_25, 0, 0)
    text = full_text(pdf)
    for code, words in (
        ("B2", "Other monetary assets"),
        ("B3", "Investment assets"),
        ("B4", "Assets retained for the charity's own use"),
        ("B5", "Liabilities"),
    ):
        assert f"{code} {words}" in text
    assert "Due in April" in text and "Value at 31 March 2026" in text
    # A line in no fund is the club's own money, in the words B1 would use for it too.
    assert text.count("Unrestricted (the club's own money)") == 2
    assert "general money" not in text
    assert "Signed by one or two trustees on behalf of all the trustees" in text
    for words in ("Signature", "Printed name", "Date of approval"):
        assert words in text


def test_section_b_parts_with_nothing_typed_show_a_dash(db, treasurer, kept, year):
    """With no lines typed, B2 to B5 each print "-" in every column."""
    b_rows = section_b(printed_rows(print_accounts(db, treasurer, year)))
    for code in ("B2", "B3", "B4", "B5"):
        row = next(r for r in b_rows if r.code == code)
        assert row.figures == (0, 0, 0)


# ---------------------------------------------------------------- page breaks


def made_up_row(label: str, n: int) -> Row:
    return Row(label, 100_00 * n, 12_34 * n, 0, 90_00 * n)


def made_up_sum(label: str, rows: list[Row]) -> Row:
    return Row(
        label,
        sum(r.unrestricted for r in rows),
        sum(r.restricted for r in rows),
        sum(r.endowment for r in rows),
        sum(r.last_year for r in rows),
    )


def made_up_accounts(
    receipts: int,
    payments: int,
    purchases: int,
    *,
    final: bool = True,
    nearest: bool = False,
    long_every: int = 5,
    long_words: str = LONG_LINE,
) -> bytes:
    """Section A and B for a club with so many receipt, payment and asset purchase lines
    (every ``long_every``th, if any, with ``long_words`` after its name, which wrap onto
    more lines), printed straight from the figures."""
    year = years.Year(date(2025, 4, 1), date(2026, 3, 31))

    def lines(kind: str, count: int) -> list[Row]:
        return [
            made_up_row(
                f"{kind} line {n} {long_words}"
                if long_every and n % long_every == 0
                else f"{kind} line {n}",
                n,
            )
            for n in range(1, count + 1)
        ]

    received, paid, bought = lines("Receipt", receipts), lines("Payment", payments), []
    bought = lines("Purchase", purchases)
    receipts_sub = made_up_sum("Sub total", received)
    payments_sub = made_up_sum("Sub total", paid)
    total_in = made_up_sum("Total receipts", [receipts_sub])
    total_out = made_up_sum("Total payments", [payments_sub, *bought])
    net = Row(
        "Net",
        total_in.unrestricted - total_out.unrestricted,
        total_in.restricted - total_out.restricted,
        0,
        total_in.last_year - total_out.last_year,
    )
    start = Row("Cash funds last year end", 5_000_00, 1_000_00, 0, 4_000_00)
    end = made_up_sum("Cash funds this year end", [start, net])
    account = ReceiptsAndPayments(
        year=year,
        nearest_pound=nearest,
        final=final,
        receipts=received,
        receipts_subtotal=receipts_sub,
        asset_sales=[],
        total_receipts=total_in,
        payments=paid,
        payments_subtotal=payments_sub,
        asset_purchases=bought,
        total_payments=total_out,
        net=net,
        transfers=Row("Transfers", 0, 0, 0, 0),
        cash_last_year_end=start,
        cash_this_year_end=end,
        fund_cash=[],
        lines_to_sort=0,
        to_sort_pence=0,
    )
    statement = AssetsStatement(
        year=year,
        nearest_pound=nearest,
        cash=Row("Cash", end.unrestricted, end.restricted, 0, 0),
        fund_cash=[
            FundCash(1, "General fund", "general", "unrestricted", end.unrestricted),
            FundCash(2, GRANT, "restricted", "restricted", end.restricted),
        ],
        held_in=[("Bank current account", end.total)],
        monetary=[],
        investments=[],
        own_use=[],
        liabilities=[],
    )
    return accounts_pdf("Riverside Club", account, statement, PRINTED_ON)


def section_a_pages(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, code, the words' first line) of each row of section A, in order: the rows
    with five figures, and the headings of its parts (their code and no figures)."""
    lines: dict[tuple[int, int], list[Piece]] = defaultdict(list)
    for piece in pieces(pdf):
        lines[(piece.page, round(piece.y))].append(piece)
    found = []
    for (page, _), row in sorted(lines.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        row.sort(key=lambda p: p.x)
        codes = [p.text for p in row if CODE.match(p.text)]
        figures = [p for p in row if FIGURE.match(p.text)]
        if len(figures) == 5 or (codes and codes[0].startswith("A")):
            words = [p.text for p in row if p not in figures and not CODE.match(p.text)]
            found.append((page, codes[0] if codes else "", words[0] if words else ""))
    return found


SHAPES = [(8, 12, 1), (1, 1, 0), (3, 20, 0), (12, 3, 4), (20, 25, 2), (5, 5, 0), (9, 14, 3)]


@pytest.mark.parametrize("nearest", [False, True])
@pytest.mark.parametrize("final", [True, False])
@pytest.mark.parametrize(("receipts", "payments", "purchases"), SHAPES)
def test_page_breaks_never_leave_a_heading_or_total_alone_nor_part_the_closing_block(
    receipts, payments, purchases, final, nearest
):
    """Whatever the number of lines: a part's heading shares its page with its first
    three lines (all of them when it has four or fewer); a total is never the first row
    of a page; total payments, the net, A5, A6 and this year's cash are on one page."""
    rows = section_a_pages(
        made_up_accounts(receipts, payments, purchases, final=final, nearest=nearest)
    )
    labels = [label for _, _, label in rows]
    assert labels.count("Sub total") == 2
    for code, count in (("A1", receipts), ("A3", payments)):
        first = next(n for n, (_, c, _) in enumerate(rows) if c == code)
        kept = count if count <= 4 else 3
        assert {page for page, _, _ in rows[first : first + 1 + kept]} == {rows[first][0]}, code
    for n, (page, _, label) in enumerate(rows):
        if label in ("Sub total", "Total receipts", "Total payments"):
            assert rows[n - 1][0] == page, (label, n)
    closing = rows[labels.index("Total payments") :]
    assert [label for _, _, label in closing] == [
        "Total payments",
        "Net of receipts/(payments)",
        "Transfers between funds",
        "Cash funds last year end",
        "Cash funds this year end",
    ]
    assert len({page for page, _, _ in closing}) == 1


def test_parts_too_tall_to_keep_on_one_page_still_print_every_line():
    """Four receipts and four assets bought, each with words running to about nine
    lines: neither short part fits a page whole, so it breaks inside, and every line
    and total still prints, once."""
    pdf = made_up_accounts(4, 2, 4, long_every=1, long_words=LONG_LINE * 4)
    rows = section_a_pages(pdf)
    labels = [label for _, _, label in rows]
    for kind, count in (("Receipt", 4), ("Payment", 2), ("Purchase", 4)):
        for n in range(1, count + 1):
            assert sum(label.startswith(f"{kind} line {n} ") for label in labels) == 1
    assert labels[-1] == "Cash funds this year end"
    assert len({page for page, _, _ in rows}) > 2


def test_a_small_club_s_section_a_takes_three_pages_that_read_well():
    """Eight receipt lines, twelve payment lines and one asset bought: 32 rows of about
    21 pt, with the title above, do not fit two landscape pages of 431 pt, so section A
    takes three: the receipts, the payments, then the asset bought and the closing
    block. Section B starts on the page after."""
    pdf = made_up_accounts(8, 12, 1, long_every=0)
    rows = section_a_pages(pdf)
    pages = {page: [label for p, _, label in rows if p == page] for page, _, _ in rows}
    assert sorted(pages) == [1, 2, 3]
    assert pages[1][0] == "Receipts" and pages[1][-1] == "Total receipts"
    assert pages[2][0] == "Payments" and pages[2][-1] == "Sub total"
    assert pages[3][0] == "Asset and investment purchases"
    assert pages[3][-1] == "Cash funds this year end"
    assert "Section B" in page_texts(pdf)[3]


# ---------------------------------------------------------------- warnings


def test_an_open_year_is_a_draft_and_a_closed_year_is_not(db, treasurer, kept, year):
    """An open year says it is a draft on its first page and in every page's title; once
    closed, the year prints without the warning."""
    pdf = print_accounts(db, treasurer, year)
    pages = page_texts(pdf)
    assert "Draft: this year is not closed" in " ".join(pages[0].split())
    assert all("(draft)" in page for page in pages)
    close_last_year(db, treasurer, kept, year)
    closed = page_texts(print_accounts(db, treasurer, year.previous()))
    assert not any("Draft" in page or "draft" in page for page in closed)


def test_lines_still_to_sort_are_named_and_explain_the_difference(db, treasurer, kept, year):
    """Bank lines still to sort are counted in a warning, and B1 says why the money
    accounts hold more than the funds."""
    for n, pence in enumerate((10_00, 2_50)):
        record(
            db,
            treasurer,
            kept,
            Move(date(2026, 3, 1 + n), "receipt", amount=pence),
            import_key=f"bank line {n}",
        )
    text = full_text(print_accounts(db, treasurer, year))
    assert "2 bank lines are still to sort" in text
    assert "£12.50 more than the cash funds above" in text
    assert "bank lines still to sort come to £12.50" in text


# ---------------------------------------------------------------- the page itself


def test_fonts_are_embedded_and_every_page_has_its_furniture(db, treasurer, kept, year):
    """Every font is the bundled one, embedded; each page names the club and says when it
    was printed and which page it is."""
    pdf = print_accounts(db, treasurer, year)
    fonts = font_names(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("AtkinsonHyperlegible" in name for name, _ in fonts), fonts
    pages = page_texts(pdf)
    printed = f"Printed on {format_long_date(PRINTED_ON, weekday=False)}"
    for number, text in enumerate(pages, start=1):
        assert "Riverside Club" in text
        assert f"{printed} · Page {number} of {len(pages)}" in text


def test_figures_are_large_and_line_up_and_words_never_run_into_them(db, treasurer, kept, year):
    """Figures and words are 14 pt, large print; in each column every figure ends at the
    same place (so the decimal points line up); a long line's words wrap before the
    figures; nothing runs off the page."""
    pdf = print_accounts(db, treasurer, year)
    rows = printed_rows(pdf)
    sizes = [p.size for r in rows for p in (*r.figure_pieces, *r.word_pieces)]
    assert FIGURE_SIZE == 14 and sizes and min(sizes) >= 14
    for group in (section_a(rows), section_b(rows)):
        for n in range(len(group[0].figures)):
            points = {
                decimal_point_x(r.figure_pieces[n]) for r in group if r.figure_pieces[n].text != "-"
            }
            assert len(points) == 1, (n, points)
    width = float(PAGE_SIZE[0])
    for row in rows:
        first_figure = row.figure_pieces[0].x
        for piece in row.word_pieces:
            font = FONT_BOLD if piece.bold else FONT
            end = piece.x + pdfmetrics.stringWidth(piece.text, font, piece.size)
            assert end < first_figure, (piece.text, end, first_figure)
    for piece in pieces(pdf):
        font = FONT_BOLD if piece.bold else FONT
        end = piece.x + pdfmetrics.stringWidth(piece.text, font, piece.size)
        assert piece.x >= 0 and end <= width, piece.text
    # The long line is all there, wrapped over more than one line.
    assert LONG_LINE in full_text(pdf)
    first_words = row_named(section_a(rows), LONG_LINE).label
    assert first_words != LONG_LINE and LONG_LINE.startswith(first_words)


def test_a_huge_figure_still_fits_its_column(db, treasurer, kept, year):
    """Even a figure near the books' limit fits inside its column and the page."""
    db.run(
        books.save_fund,
        treasurer,
        kept.funds["Legacy"],
        FundInput("Legacy", "endowment", opening_pence=9_876_543_210),
    )
    pdf = print_accounts(db, treasurer, year)
    rows = section_a(printed_rows(pdf))
    last_year_end = row_named(rows, "Cash funds last year end")
    assert last_year_end.figures[2] == 9_876_543_210
    width = float(PAGE_SIZE[0])
    for row in rows:
        pieces_in_order = row.figure_pieces
        for left, right in zip(pieces_in_order, pieces_in_order[1:], strict=False):
            assert left.x + figure_width(left.text) < right.x
        last = pieces_in_order[-1]
        assert last.x + figure_width(last.text) < width


# ---------------------------------------------------------------- who may print


def test_the_committee_may_print_the_accounts_but_not_the_cash_book(db, actors, kept, year):
    """The committee sees the printed accounts; only the treasurer and the coordinator
    see the cash book; a volunteer sees neither."""
    assert print_accounts(db, actors["committee"], year).startswith(b"%PDF")
    with pytest.raises(NotAllowed):
        db.run(accounts_printouts.cashbook_pdf, actors["committee"], year, today=PRINTED_ON)
    for make in (
        accounts_printouts.accounts_pdf,
        accounts_printouts.fund_statements_pdf,
        accounts_printouts.money_summary_pdf,
        accounts_printouts.cashbook_pdf,
    ):
        with pytest.raises(NotAllowed):
            db.run(make, actors["volunteer"], year, today=PRINTED_ON)


# ---------------------------------------------------------------- the other printouts


def test_the_cash_book_shows_every_account_in_use_and_the_parts_of_a_split(
    db, treasurer, kept, year
):
    """The cash book of every account has the bank and the cash box but not an empty
    retired account, and lists the parts of a split entry (its line says only "Split")."""
    db.run(
        books.save_account,
        treasurer,
        None,
        AccountInput("Old savings account", "savings", retired=True),
    )
    pdf = db.run(accounts_printouts.cashbook_pdf, treasurer, year, today=PRINTED_ON)
    text = full_text(pdf)
    assert "Bank current account" in text and "Cash box" in text
    assert "Old savings account" not in text
    # 3 May 2025: session fees to the general fund and a donation to the minibus fund.
    assert "Membership and session fees" in text and "Minibus fund" in text
    one = db.run(
        accounts_printouts.cashbook_pdf,
        treasurer,
        year,
        kept.accounts["Cash box"],
        today=PRINTED_ON,
    )
    assert "Refreshments" in full_text(one)
    assert "Membership and session fees" not in full_text(one)


def test_fund_statements_for_every_fund_or_one(db, treasurer, kept, year):
    """Fund statements come for every fund with money in the year, or for the one asked."""
    every = full_text(
        db.run(accounts_printouts.fund_statements_pdf, treasurer, year, today=PRINTED_ON)
    )
    for name, _, _ in FUNDS:
        assert name in every
    one = full_text(
        db.run(
            accounts_printouts.fund_statements_pdf,
            treasurer,
            year,
            kept.funds["Legacy"],
            today=PRINTED_ON,
        )
    )
    assert "Legacy" in one and GRANT not in one


def expected_statement(kept: Books, fund: str, year: years.Year) -> dict[str, object]:
    """One fund's year worked out from the moves: balances, money in and out by
    category in the categories' order, and money moved in from and out to each fund."""
    receipts: dict[str, int] = defaultdict(int)
    payments: dict[str, int] = defaultdict(int)
    moved_in: dict[str, int] = defaultdict(int)
    moved_out: dict[str, int] = defaultdict(int)
    for move in kept.moves:
        if not in_year(move.on, year):
            continue
        for category, part_fund, pence in move.parts:
            if part_fund == fund:
                (receipts if move.kind == "receipt" else payments)[category] += pence
        if move.to_fund == fund:
            moved_in[move.from_fund] += move.amount
        if move.from_fund == fund:
            moved_out[move.to_fund] += move.amount

    def in_order(by_category: dict[str, int]) -> list[tuple[str, int]]:
        def position(name: str) -> tuple[int, str]:
            return (kept.categories[name].position, name)

        return [(name, by_category[name]) for name in sorted(by_category, key=position)]

    def by_fund_id(by_fund: dict[str, int]) -> list[tuple[str, int]]:
        return [(name, by_fund[name]) for name in sorted(by_fund, key=kept.funds.__getitem__)]

    return {
        "opening": fund_balance(kept, fund, year.starts - timedelta(days=1)),
        "receipts": in_order(receipts),
        "payments": in_order(payments),
        "transfers_in": by_fund_id(moved_in),
        "transfers_out": by_fund_id(moved_out),
        "closing": fund_balance(kept, fund, year.ends),
    }


def test_each_fund_statement_has_the_funds_figures_for_the_year(db, treasurer, kept, year):
    """Every fund with money in the year, general first and endowments last, each with
    its own figures; a fund with no money at all is left out unless asked for."""
    empty = db.run(books.save_fund, treasurer, None, FundInput("Unused fund", "designated"))
    statements = db.run(accounts_report.fund_statements, treasurer, year)
    assert [s.name for s in statements] == [
        "General fund",
        "Minibus fund",
        "Arts small grant",
        GRANT,
        "Legacy",
    ]
    for statement in statements:
        expected = expected_statement(kept, statement.name, year)
        found = {name: getattr(statement, name) for name in expected}
        for side in ("receipts", "payments"):
            # Each category with its money, and, where the books give it, the line of
            # the printed accounts it is added into: the category's own.
            items = found[side]
            found[side] = [(item[0], item[1]) for item in items]
            for item in items:
                assert item[2:] in ((), (kept.categories[item[0]].line,)), item
        assert found == expected, statement.name
        assert statement.year == year
    general = statements[0]
    assert general.transfers_in == [("Minibus fund", 25_00)]
    assert general.transfers_out == [(GRANT, 100_00)]

    (alone,) = db.run(accounts_report.fund_statements, treasurer, year, empty)
    assert (alone.name, alone.kind, alone.opening, alone.closing) == (
        "Unused fund",
        "designated",
        0,
        0,
    )
    assert alone.receipts == alone.payments == alone.transfers_in == alone.transfers_out == []
    with pytest.raises(NotFound):
        db.run(accounts_report.fund_statements, treasurer, year, empty + 100)


def test_fund_statements_take_the_same_queries_for_five_funds_or_fifteen(db, treasurer, kept, year):
    """The funds' balances, categories and transfers are read once for all the funds,
    not once for each (ten years of books made one fund at a time slow)."""

    def queries() -> int:
        count = 0

        def counted(*_args):
            nonlocal count
            count += 1

        event.listen(db.engine, "before_cursor_execute", counted)
        try:
            db.run(accounts_printouts.fund_statements_pdf, treasurer, year, today=PRINTED_ON)
        finally:
            event.remove(db.engine, "before_cursor_execute", counted)
        return count

    five = queries()
    for n in range(10):
        name = f"Extra fund {n}"
        kept.funds[name] = db.run(books.save_fund, treasurer, None, FundInput(name, "restricted"))
        kept.columns[name] = "restricted"
        kept.fund_openings[name] = 0
        record(db, treasurer, kept, Move(date(2025, 6, 2), "receipt", (("Grants", name, 1_00),)))
        record(
            db,
            treasurer,
            kept,
            Move(date(2025, 6, 3), "fund_transfer", amount=50, from_fund=name, to_fund=GRANT),
        )
    assert len(db.run(accounts_report.fund_statements, treasurer, year)) == 15
    assert queries() == five


def test_the_first_years_accounts_leave_the_last_year_column_empty(db, actors):
    """The books' first year: no last year in them, so its column is empty and says why."""
    from datetime import date as _date

    treasurer = actors["treasurer"]
    funds = {f.name: f.fund_id for f in db.run(books.list_funds, treasurer)}
    bank = next(a.account_id for a in db.run(books.list_accounts, treasurer))
    donations = next(
        c.category_id for c in db.run(books.list_categories, treasurer) if c.name == "Donations"
    )
    db.run(
        books.record_entry,
        treasurer,
        books.EntryInput(
            _date(2025, 5, 1),
            "receipt",
            123_45,
            bank,
            (books.SplitInput(donations, funds["General fund"], 123_45),),
        ),
    )
    with db.transaction() as s:
        year = years.year_named(s, 2025)
    pdf = db.run(accounts_printouts.accounts_pdf, treasurer, year, today=_date(2026, 11, 18))
    assert "so the last year column is empty" in full_text(pdf)
    row = row_named(printed_rows(pdf), "Donations and Gift Aid")
    # unrestricted, restricted, endowment, total; the last year column holds nothing
    assert row.figures == (123_45, 0, 0, 123_45)
