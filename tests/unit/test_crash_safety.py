"""Crash safety, proved: a writer doing real user actions is killed (SIGKILL) 80 times
at random moments, and after every kill the database is whole, every rule of the books
and the votes holds, and the last action reported saved is there (tests/crash/).

The other tests here break a copy of the club on purpose, to show that each check the
harness makes does fail when it should. A failure of the big test prints the seed:
``CRASH_SEED=<seed>`` replays it.
"""

from __future__ import annotations

import shutil
import sqlite3
from typing import Any

import pytest

from clubapp.services import users
from tests.crash.harness import (
    CrashCheckFailed,
    CrashHarness,
    broken_rules,
    damage,
    make_club,
    reading,
    seed_from_environment,
)

# 80 kills, each followed by every check, as with 200 (which took some 20 s): about 50
# land mid-action (before the commit, and during it both kept and lost), a dozen while
# the database opens, a dozen between actions and a few while the log is folded in, so
# a run hits every kind of moment (the rare fold now and then not); a new seed each run
# adds more over time. The 1,000-kill run is tests/bench/bench_crash.py.
KILLS = 80


@pytest.fixture(scope="module")
def demo_club(tmp_path_factory):
    """The small demo club, built once for the module (with quick password hashing)."""
    from argon2 import PasswordHasher, profiles

    path = tmp_path_factory.mktemp("crash") / "demo.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))
        make_club(path)
    return path


@pytest.fixture
def club(demo_club, tmp_path):
    path = tmp_path / "club.sqlite3"
    shutil.copyfile(demo_club, path)
    return path


def test_the_club_survives_being_killed_80_times(club):
    seed = seed_from_environment()
    print(f"crash harness seed {seed} (replay with CRASH_SEED={seed})")
    figures = CrashHarness(club, seed).run(KILLS)
    print("\n".join(figures.lines()))
    assert figures.kills == KILLS
    assert not figures.qt_in_writer, "the writer was forked from a process holding Qt"
    assert figures.actions > 0
    # The kills landed on the work itself, not only between actions.
    assert figures.killed_mid_action >= KILLS // 10, figures.lines()
    # Every kill was followed by a full check, each of them passed (a failure raises).
    assert len(figures.per_kill) == KILLS


# ---------------------------------------------------------------- the checks can fail


def change(path, *statements: str) -> None:
    """Break the database behind the app's back (no foreign keys, as a bad tool would)."""
    conn = sqlite3.connect(path)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def problems_in(path) -> list[str]:
    with reading(path) as (conn, session):
        return damage(conn) + broken_rules(conn, session)


def a_receipt(path) -> tuple[int, int]:
    """A demo receipt with exactly one part, in the open year: (entry id, amount)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT e.id, e.amount_pence FROM money_entries e JOIN money_splits s"
            " ON s.entry_id = e.id WHERE e.kind = 'receipt'"
            ' AND e."on" > (SELECT MAX(ends) FROM financial_years)'
            " GROUP BY e.id HAVING COUNT(*) = 1 ORDER BY e.id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()


def test_the_demo_club_keeps_every_rule(club):
    assert problems_in(club) == []


def test_a_payment_or_receipt_without_its_parts_is_found(club):
    entry_id, _amount = a_receipt(club)
    change(club, f"DELETE FROM money_splits WHERE entry_id = {entry_id}")
    found = problems_in(club)
    assert any(f"entry {entry_id}" in p and "without its parts" in p for p in found), found


def test_parts_that_do_not_add_up_are_found(club):
    entry_id, amount = a_receipt(club)
    change(
        club, f"UPDATE money_splits SET amount_pence = amount_pence + 1 WHERE entry_id = {entry_id}"
    )
    found = problems_in(club)
    expected = f"its parts add up to {amount + 1}p, its amount is {amount}p"
    assert any(f"entry {entry_id}" in p and expected in p for p in found), found


def test_a_part_without_its_entry_is_found(club):
    entry_id, _amount = a_receipt(club)
    change(club, f"DELETE FROM money_entries WHERE id = {entry_id}")  # foreign keys are off
    found = problems_in(club)
    assert any(f"belongs to entry {entry_id}, which is not there" in p for p in found), found
    assert any("money_splits row" in p for p in found), found  # foreign_key_check too


def test_accounts_and_funds_that_disagree_are_found(club):
    entry_id, _amount = a_receipt(club)
    # Counted as still to sort, and in its fund as well: counted twice.
    change(club, f"UPDATE money_entries SET to_sort = 1 WHERE id = {entry_id}")
    found = problems_in(club)
    assert any("still to sort: they do not agree" in p for p in found), found


def test_a_balance_the_books_work_out_wrongly_is_found(club, monkeypatch):
    from clubapp.services import books

    right = books.fund_balances

    def wrong(session, day, *, before=False):
        return {fund: pence + 1 for fund, pence in right(session, day, before=before).items()}

    monkeypatch.setattr(books, "fund_balances", wrong)
    found = problems_in(club)
    assert any(p.startswith("fund balances: the books say") for p in found), found


def test_secret_counts_that_do_not_match_the_voters_are_found(club):
    conn = sqlite3.connect(club)
    try:
        ballot_id, option_id = conn.execute(
            "SELECT b.id, o.id FROM ballots b JOIN ballot_options o ON o.ballot_id = b.id"
            " WHERE b.method = 'secret' AND b.kind = 'activity' AND NOT b.pick_many"
            " ORDER BY b.id, o.id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    change(club, f"UPDATE ballot_counts SET votes = votes + 1 WHERE option_id = {option_id}")
    found = problems_in(club)
    assert any(f"ballot {ballot_id} (secret): the counts add up to" in p for p in found), found


def test_the_database_itself_refuses_a_second_vote(club):
    conn = sqlite3.connect(club)
    try:
        ballot_id, person_id = conn.execute(
            "SELECT ballot_id, person_id FROM ballot_voters LIMIT 1"
        ).fetchone()
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(f"INSERT INTO ballot_voters VALUES ({ballot_id}, {person_id}, NULL)")
    finally:
        conn.close()


def test_a_damaged_file_is_found(club):
    conn = sqlite3.connect(club)
    try:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'money_entries'"
        ).fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    with club.open("r+b") as fh:  # the first page of the money entries, overwritten
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)
    with reading(club) as (conn, _session):
        found = damage(conn)
    assert found and found[0].startswith("integrity_check"), found


# ---------------------------------------------------------------- the writer's account


ENTRY: dict[str, Any] = {
    "do": "entry",
    "ref": "crash 0-1",
    "kind": "receipt",
    "amount": 1500,
    "account": 1,
    "to_account": None,
    "from_fund": None,
    "to_fund": None,
    "description": "",
    "splits": [[1, 1, 1000, ""], [2, 1, 500, "part 2"]],
    "to_sort": False,
}


def said(*messages: dict[str, Any]) -> list[dict[str, Any]]:
    return list(messages)


def save_entry(path, action: dict[str, Any]) -> None:
    """Save an entry as the writer would have: through the service, in one transaction."""
    from datetime import date

    from clubapp.db.database import open_database
    from clubapp.services import books
    from clubapp.services.permissions import COMMAND_LINE

    db = open_database(path)
    try:
        db.run(
            books.record_entry,
            COMMAND_LINE,
            books.EntryInput(
                on=date(2026, 5, 13),
                kind=action["kind"],
                amount_pence=action["amount"],
                account_id=action["account"],
                splits=tuple(books.SplitInput(*split) for split in action["splits"]),
                reference=action["ref"],
            ),
        )
    finally:
        db.close()


def test_an_action_reported_saved_must_be_there(club):
    harness = CrashHarness(club, seed=1)
    messages = said(
        {"t": "ready", "qt": False},
        {"t": "start", "n": 1},
        {"t": "commit", "n": 1, "a": ENTRY},
        {"t": "done", "n": 1},
    )
    with pytest.raises(CrashCheckFailed) as failed:
        harness.check(0, messages)
    text = str(failed.value)
    assert "the last action reported saved is missing" in text
    assert "missing ('entry', 'crash 0-1')" in text
    assert "CRASH_SEED=1" in text


def test_an_action_reported_saved_passes_when_it_is_there(club):
    harness = CrashHarness(club, seed=1)
    save_entry(club, ENTRY)
    harness.check(
        0,
        said({"t": "start", "n": 1}, {"t": "commit", "n": 1, "a": ENTRY}, {"t": "done", "n": 1}),
    )
    assert harness.figures.actions == 1


def test_something_never_reported_must_not_be_there(club):
    harness = CrashHarness(club, seed=1)
    save_entry(club, ENTRY)
    with pytest.raises(CrashCheckFailed) as failed:
        harness.check(0, said({"t": "ready", "qt": False}))
    assert "not reported, yet there: ('entry', 'crash 0-1')" in str(failed.value)


def test_an_action_killed_while_committing_may_be_there_whole_or_not_at_all(club, tmp_path):
    lost = CrashHarness(club, seed=1)
    committing = said({"t": "start", "n": 1}, {"t": "commit", "n": 1, "a": ENTRY})
    lost.check(0, committing)
    assert (lost.figures.committing_lost, lost.figures.committing_kept) == (1, 0)

    kept = CrashHarness(club, seed=1)
    save_entry(club, ENTRY)
    kept.check(0, committing)
    assert (kept.figures.committing_lost, kept.figures.committing_kept) == (0, 1)


def test_half_an_action_is_found(club):
    harness = CrashHarness(club, seed=1)
    save_entry(club, {**ENTRY, "amount": 1000, "splits": ENTRY["splits"][:1]})  # one part of two
    with pytest.raises(CrashCheckFailed) as failed:
        harness.check(0, said({"t": "start", "n": 1}, {"t": "commit", "n": 1, "a": ENTRY}))
    assert "what the writer did is not what the database holds" in str(failed.value)


def test_a_change_to_what_the_writer_never_touches_is_found(club):
    harness = CrashHarness(club, seed=1)
    entry_id, _amount = a_receipt(club)
    change(
        club,
        f"UPDATE money_entries SET amount_pence = amount_pence + 5 WHERE id = {entry_id}",
        f"UPDATE money_splits SET amount_pence = amount_pence + 5 WHERE entry_id = {entry_id}",
    )
    with pytest.raises(CrashCheckFailed) as failed:
        harness.check(0, said({"t": "ready", "qt": False}))
    assert "other money entries changed" in str(failed.value)


def test_a_writer_that_fails_fails_the_harness(club, tmp_path):
    # Seed 2: the first life waits for the writer to open the file (seed 1 killed it
    # within 30 ms of its start, which on a busy machine came before it could fail).
    harness = CrashHarness(club, seed=2)
    harness.start()
    stranger = tmp_path / "stranger.sqlite3"
    stranger.write_bytes(b"not a database at all")
    harness.path = stranger
    with pytest.raises(CrashCheckFailed) as failed:
        harness.run(1)
    text = str(failed.value)
    assert "After kill 1" in text and "the writer failed" in text
    assert "NotAClubDatabase" in text
