"""`clubapp print topic-summary --topic NAME [--from DATE] [--to DATE] -o FILE.pdf`: the
committee's counts for one topic from the command line; the topic found whatever its
case; an unknown topic named with the list of topics; the last 12 months by default;
one plain line and exit code 1 for what is wrong."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.unit.built_clubs import club_file, text_of
from tests.unit.counts_helpers import Shared, expected_words, share_conversations
from tests.unit.test_cli import one_line, run


@pytest.fixture
def club(db_path) -> tuple[Path, Shared]:
    """Five members shared conversations a month before the real today; closed so the
    command has the database."""
    shared = club_file(db_path, lambda db, actor, today: share_conversations(db, actor, today))
    assert shared is not None
    return db_path, shared


def test_the_summary_is_written_for_a_topic_named_in_any_case(club, tmp_path, capsys):
    path, shared = club
    out = tmp_path / "summary.pdf"
    code, stdout, err = run(
        capsys, "--db", str(path), "print", "topic-summary",
        "--topic", f"  {shared.topic_name.upper()} ", "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert f"Wrote {out}" in stdout
    text = text_of(out)
    assert f"What members told us in pictures: {shared.topic_name}" in text
    assert "5 members shared" in text
    index, place = next((k for k, n in shared.tallies.items() if 0 < n < 3))
    assert shared.words[index] in text and expected_words(1) in text
    for secret in shared.names:
        assert secret not in text
    # The last twelve months up to today, by default, as whole months: to this month's end.
    today = date.today()
    month_end = date(today.year + today.month // 12, today.month % 12 + 1, 1) - timedelta(days=1)
    assert f"to {month_end.day} {month_end:%B %Y}" in text


def test_dates_choose_the_time(club, tmp_path, capsys):
    path, shared = club
    out = tmp_path / "summary.pdf"
    # Counts are for whole months: the month before the conversations' month.
    before = shared.on_date.replace(day=1) - timedelta(days=1)
    code, _out, err = run(
        capsys, "--db", str(path), "print", "topic-summary", "--topic", shared.topic_name,
        "--from", "1/1/2001", "--to", before.strftime("%d/%m/%Y"), "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    text = text_of(out)
    assert "No member shared" in text and "1 January 2001" in text
    assert shared.words[0] not in text


def test_an_unknown_topic_lists_the_topics(club, tmp_path, capsys):
    path, shared = club
    out = tmp_path / "summary.pdf"
    code, _out, err = run(
        capsys, "--db", str(path), "print", "topic-summary", "--topic", "Knitting circles",
        "-o", str(out),
    )  # fmt: skip
    assert code == 1
    assert one_line(err)
    assert "There is no topic called Knitting circles. The topics are: " in err
    assert shared.topic_name in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ((), "needs --topic NAME"),
        (("--from", "31/02/2026"), "--from:"),
        (("--from", "1/6/2026", "--to", "1/5/2026"), "is before --from"),
    ],
)
def test_what_is_wrong_is_said_in_one_line(club, tmp_path, capsys, options, words):
    path, shared = club
    topic = () if not options else ("--topic", shared.topic_name)
    out = tmp_path / "summary.pdf"
    code, _out, err = run(
        capsys, "--db", str(path), "print", "topic-summary", *topic, *options, "-o", str(out)
    )
    assert code == 1
    assert one_line(err) and words in err, err
    assert not out.exists()
