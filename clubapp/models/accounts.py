"""The treasurer's books: funds, money accounts, categories, entries with their splits,
bank reconciliations, financial years and the year-end statement of assets.

Money is whole pence (``*_pence``), always positive; an entry's kind says which way it
goes. A receipt or payment is divided between funds and categories by its splits, which
add up to the entry's amount (an imported line waiting to be sorted has none yet).
A transfer between money accounts moves no fund's money; a transfer between funds moves
no account's money. So the sum over funds equals the sum over accounts once nothing is
left to sort.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubapp.models.base import Base, in_codes, utcnow

# general and designated funds are unrestricted: they share the printed column.
FUND_KINDS = ("general", "designated", "restricted", "endowment")
ACCOUNT_KINDS = ("current", "savings", "cash")
# Where a category's money appears in the receipts and payments account (CC16).
SECTIONS = ("receipts", "asset_sales", "payments", "asset_purchases")
ENTRY_KINDS = ("receipt", "payment", "account_transfer", "fund_transfer")
STATEMENT_SECTIONS = ("monetary", "investment", "own_use", "liability")


class Fund(Base):
    __tablename__ = "funds"
    __table_args__ = (CheckConstraint(in_codes("kind", FUND_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    purpose: Mapped[str] = mapped_column(Text, default="")
    # The balance on the day the books start (may be below 0: a fund can be overspent).
    opening_pence: Mapped[int] = mapped_column(default=0)
    retired: Mapped[bool] = mapped_column(default=False)


class MoneyAccount(Base):
    __tablename__ = "money_accounts"
    __table_args__ = (CheckConstraint(in_codes("kind", ACCOUNT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    opening_pence: Mapped[int] = mapped_column(default=0)
    retired: Mapped[bool] = mapped_column(default=False)


class Category(Base):
    __tablename__ = "money_categories"
    __table_args__ = (
        CheckConstraint(in_codes("section", SECTIONS), name="section"),
        UniqueConstraint("section", "name", name="uq_money_categories_section_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    section: Mapped[str] = mapped_column(String(16))
    # The line it is added into on the printed accounts; several categories may share one.
    line: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)
    retired: Mapped[bool] = mapped_column(default=False)

    @property
    def is_receipt(self) -> bool:
        return self.section in ("receipts", "asset_sales")


class Reconciliation(Base):
    """A bank statement the treasurer ticked lines against. Open until the difference is 0."""

    __tablename__ = "reconciliations"
    __table_args__ = (CheckConstraint(in_codes("status", ("open", "done")), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("money_accounts.id"), index=True)
    statement_date: Mapped[date]
    # The statement's closing balance (may be below 0: an overdrawn account).
    closing_pence: Mapped[int]
    status: Mapped[str] = mapped_column(String(8), default="open")
    done_at: Mapped[datetime | None] = mapped_column(default=None)


class MoneyEntry(Base):
    """One line in the cash book: a receipt, a payment or a transfer."""

    __tablename__ = "money_entries"
    __table_args__ = (
        CheckConstraint(in_codes("kind", ENTRY_KINDS), name="kind"),
        CheckConstraint("amount_pence > 0", name="amount"),
        CheckConstraint(
            "(kind = 'fund_transfer' AND account_id IS NULL AND to_account_id IS NULL"
            " AND from_fund_id IS NOT NULL AND to_fund_id IS NOT NULL"
            " AND from_fund_id != to_fund_id)"
            " OR (kind = 'account_transfer' AND account_id IS NOT NULL"
            " AND to_account_id IS NOT NULL AND account_id != to_account_id"
            " AND from_fund_id IS NULL AND to_fund_id IS NULL)"
            " OR (kind IN ('receipt', 'payment') AND account_id IS NOT NULL"
            " AND to_account_id IS NULL AND from_fund_id IS NULL AND to_fund_id IS NULL)",
            name="shape",
        ),
        Index("ix_money_entries_account_on", "account_id", "on", "id"),
        Index("ix_money_entries_to_account_on", "to_account_id", "on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_pence: Mapped[int]
    # receipts and payments: the account the money went into or out of;
    # account transfers: the account it left.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("money_accounts.id"), default=None)
    to_account_id: Mapped[int | None] = mapped_column(ForeignKey("money_accounts.id"), default=None)
    from_fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id"), default=None)
    to_fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id"), default=None)
    payee: Mapped[str] = mapped_column(String(200), default="")  # who from / who to
    reference: Mapped[str] = mapped_column(String(60), default="")  # cheque or receipt number
    description: Mapped[str] = mapped_column(Text, default="")
    # Imported from a bank statement and not yet divided between categories and funds.
    to_sort: Mapped[bool] = mapped_column(default=False, index=True)
    # What identifies a bank line, so importing the same statement twice skips it.
    import_key: Mapped[str | None] = mapped_column(String(200), default=None, index=True)
    # Ticked against a bank statement: the account's side (account_id), and for a
    # transfer between accounts also the receiving side (to_account_id), each on its
    # own account's statement.
    reconciliation_id: Mapped[int | None] = mapped_column(
        ForeignKey("reconciliations.id", ondelete="SET NULL"), default=None, index=True
    )
    to_reconciliation_id: Mapped[int | None] = mapped_column(
        ForeignKey("reconciliations.id", ondelete="SET NULL"), default=None, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200), default="")

    splits: Mapped[list[Split]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="Split.id"
    )


class Split(Base):
    """The part of a receipt or payment that belongs to one category and one fund."""

    __tablename__ = "money_splits"
    __table_args__ = (CheckConstraint("amount_pence > 0", name="amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("money_entries.id", ondelete="CASCADE"), index=True
    )
    category_id: Mapped[int] = mapped_column(ForeignKey("money_categories.id"), index=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("funds.id"), index=True)
    amount_pence: Mapped[int]
    note: Mapped[str] = mapped_column(String(200), default="")

    entry: Mapped[MoneyEntry] = relationship(back_populates="splits")


class FinancialYear(Base):
    """A closed year: its entries are locked and its closing balances carried forward."""

    __tablename__ = "financial_years"

    id: Mapped[int] = mapped_column(primary_key=True)
    starts: Mapped[date] = mapped_column(unique=True)
    ends: Mapped[date]
    closed_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_by: Mapped[str] = mapped_column(String(200), default="")


class YearBalance(Base):
    """A fund's or an account's balance at the end of a closed year, as carried forward."""

    __tablename__ = "year_balances"
    __table_args__ = (
        CheckConstraint("(fund_id IS NULL) != (account_id IS NULL)", name="one_of_fund_or_account"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(
        ForeignKey("financial_years.id", ondelete="CASCADE"), index=True
    )
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id"), default=None)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("money_accounts.id"), default=None)
    closing_pence: Mapped[int]


class AssetLine(Base):
    """A line of the statement of assets and liabilities the treasurer types in: a debt
    owed to the club, an investment, equipment kept for the club's use, or a liability."""

    __tablename__ = "asset_lines"
    __table_args__ = (CheckConstraint(in_codes("section", STATEMENT_SECTIONS), name="section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_starts: Mapped[date] = mapped_column(index=True)  # the financial year it belongs to
    section: Mapped[str] = mapped_column(String(12))
    description: Mapped[str] = mapped_column(String(200))
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id"), default=None)
    # The amount, or for own-use assets the cost or value.
    amount_pence: Mapped[int]
    note: Mapped[str] = mapped_column(String(200), default="")
