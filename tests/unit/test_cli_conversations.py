"""`clubapp print conversation --id ID -o FILE.pdf`: the member's copy of one picture
conversation; plain words and exit code 1 when there is no such conversation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from clubapp import cli
from clubapp.db.database import open_database
from clubapp.services import conversation_topics, members, users
from clubapp.services import conversations as conv
from clubapp.services.conversations import ConversationInput, Placement
from tests.conftest import COORDINATOR_PASSWORD, TODAY


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture
def club(db_path) -> dict:
    """A club where Ivy sorted the Outings cards; closed so the command has it alone."""
    db = open_database(db_path)
    try:
        actor = db.run(users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD)
        ivy = db.run(
            members.save_person,
            actor,
            members.PersonInput(full_name="Ivy Clarke", kinds=("member",)),
        )
        row = next(t for t in db.run(conversation_topics.list_topics, actor) if t.name == "Outings")
        topic = db.run(conversation_topics.get_topic, actor, row.topic_id)
        first, second = topic.cards_in_use[:2]
        saved = db.run(
            conv.save_conversation,
            actor,
            ConversationInput(
                ivy,
                topic.topic_id,
                date(2026, 10, 6),
                (Placement(first.card_id, "like"), Placement(second.card_id, "dislike")),
            ),
            TODAY,
        )
    finally:
        db.close()
    return {
        "path": str(db_path),
        "id": saved.conversation_id,
        "liked": first.word,
        "disliked": second.word,
    }


def test_print_conversation_writes_the_members_copy(club, tmp_path, capsys):
    out_file = tmp_path / "ivy.pdf"
    code, out, err = run(
        capsys, "--db", club["path"], "print", "conversation", "--id", str(club["id"]),
        "-o", str(out_file),
    )  # fmt: skip
    assert code == 0, err
    assert str(out_file) in out
    words = text_of(out_file)
    assert "What Ivy Clarke told us about Outings" in words
    assert club["liked"] in words and club["disliked"] in words


def test_no_such_conversation_says_so_and_where_to_find_the_numbers(club, tmp_path, capsys):
    out_file = tmp_path / "none.pdf"
    missing = club["id"] + 40
    code, _, err = run(
        capsys, "--db", club["path"], "print", "conversation", "--id", str(missing),
        "-o", str(out_file),
    )  # fmt: skip
    assert code != 0
    assert f"There is no picture conversation number {missing}" in err.replace("there", "There")
    assert "Picture conversations" in err  # where the numbers are shown
    assert not out_file.exists()


def test_the_number_is_needed(club, tmp_path, capsys):
    code, _, err = run(
        capsys, "--db", club["path"], "print", "conversation", "-o", str(tmp_path / "x.pdf")
    )
    assert code != 0 and "needs --id ID" in err
    with pytest.raises(SystemExit) as stopped:
        run(
            capsys, "--db", club["path"], "print", "conversation", "--id", "twelve",
            "-o", str(tmp_path / "x.pdf"),
        )  # fmt: skip
    assert stopped.value.code != 0
    assert "'twelve' is not a number" in capsys.readouterr().err
