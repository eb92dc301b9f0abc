"""The declarative base shared by every model, with constraint names Alembic can rely on."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Timestamps are stored in UTC without tzinfo (SQLite has no time zones)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def in_codes(column: str, values: tuple[str, ...]) -> str:
    """A CHECK constraint's SQL that keeps a column to a fixed list of codes."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"
