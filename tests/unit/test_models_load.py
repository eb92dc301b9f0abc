"""Start-up maps only some domains' models, so each domain must load on its own."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import clubapp.models

DOMAINS = sorted(m.name for m in pkgutil.iter_modules(clubapp.models.__path__) if m.name != "base")

# Imports one domain alone, then asks every foreign key of every mapped table for the
# column it points at: a table missing from the metadata raises here, as it would when
# the first row is saved.
CHECK = """
import sys, importlib
from sqlalchemy.orm import configure_mappers
importlib.import_module("clubapp.models." + sys.argv[1])
from clubapp.models.base import Base
configure_mappers()
for table in Base.metadata.tables.values():
    for fk in table.foreign_keys:
        fk.column
print(len(Base.metadata.tables))
"""


def test_every_domain_is_found():
    assert {"members", "users", "notes", "committee"} <= set(DOMAINS)


@pytest.mark.parametrize("domain", DOMAINS)
def test_a_domain_loads_alone_with_every_table_it_points_at(domain):
    result = subprocess.run(
        [sys.executable, "-c", CHECK, domain], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 1


def test_all_metadata_holds_every_domain():
    tables = set(clubapp.models.all_metadata().tables)
    assert {"people", "users", "notes", "meetings", "club_sessions", "settings"} <= tables
