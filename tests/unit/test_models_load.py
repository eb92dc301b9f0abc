"""Start-up maps only some domains' models, so each domain must load on its own."""

from __future__ import annotations

import json
import os
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


# CHECK for each domain in a process of its own, as if started afresh: one interpreter
# imports what CHECK's first two lines import (nothing of the app), then forks a child for
# each domain that runs CHECK, its output and exit code kept apart. Starting Python and
# SQLAlchemy once rather than once a domain saves about half a second a domain.
FORK_EACH = """
import json, os, sys, traceback
import importlib
from sqlalchemy.orm import configure_mappers
check, folder, domains = sys.argv[1], sys.argv[2], sys.argv[3:]
found = {}
for domain in domains:
    out, err = os.path.join(folder, domain + ".out"), os.path.join(folder, domain + ".err")
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
            os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
            sys.argv = ["-c", domain]
            exec(check, {"__name__": "__main__"})
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    with open(out) as o, open(err) as e:
        found[domain] = (os.waitstatus_to_exitcode(status), o.read(), e.read())
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict[str, tuple[int, str, str]]:
    """For each domain: CHECK's exit code, output and errors, each in a process of its own."""
    if not hasattr(os, "fork"):  # one new interpreter each
        found = {}
        for domain in DOMAINS:
            result = subprocess.run(
                [sys.executable, "-c", CHECK, domain], capture_output=True, text=True, check=False
            )
            found[domain] = (result.returncode, result.stdout, result.stderr)
        return found
    folder = tmp_path_factory.mktemp("models-load")
    result = subprocess.run(
        [sys.executable, "-c", FORK_EACH, CHECK, str(folder), *DOMAINS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {domain: tuple(got) for domain, got in json.loads(result.stdout).items()}


def test_every_domain_is_found():
    assert {"members", "users", "notes", "committee"} <= set(DOMAINS)


@pytest.mark.parametrize("domain", DOMAINS)
def test_a_domain_loads_alone_with_every_table_it_points_at(domain, loaded):
    returncode, stdout, stderr = loaded[domain]
    assert returncode == 0, stderr
    assert int(stdout) >= 1


def test_all_metadata_holds_every_domain():
    tables = set(clubapp.models.all_metadata().tables)
    assert {"people", "users", "notes", "meetings", "club_sessions", "settings"} <= tables
