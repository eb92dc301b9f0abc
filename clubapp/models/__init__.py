"""The models, one module per domain.

Importing a module maps its tables. Nothing here imports them all: start-up maps only
the domains its first screens use (each domain's models cost about 10 ms to map).
`all_metadata()` maps every domain, for Alembic, the schema check and the tests.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from clubapp.models.base import Base

if TYPE_CHECKING:
    from sqlalchemy import MetaData

__all__ = ["Base", "all_metadata"]


def all_metadata() -> MetaData:
    """The metadata of every table the app has, every domain module imported first."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return Base.metadata
