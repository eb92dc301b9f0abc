"""picture conversations: topics and their picture cards, each conversation and where
each card was put; and a new kind of note, "not sure"

Revision ID: 0008_conversations
Revises: 0007_audit_drafts
Create Date: 2026-12-05 09:20:42.964637
"""

import re

from alembic import op
import sqlalchemy as sa

OLD_KINDS = "kind IN ('likes', 'dislikes', 'need', 'idea', 'worry', 'praise')"
NEW_KINDS = "kind IN ('likes', 'not_sure', 'dislikes', 'need', 'idea', 'worry', 'praise')"
# Which conversation wrote a note: a column and its foreign key, in the table's own text.
COLUMN = "\tconversation_id INTEGER, \n"
COLUMN_AFTER = "\tupdated_at DATETIME NOT NULL, \n"
KEY = (
    ", \n\tCONSTRAINT fk_notes_conversation_id_conversations FOREIGN KEY(conversation_id) "
    "REFERENCES conversations (id) ON DELETE SET NULL"
)
INDEX = "CREATE INDEX ix_notes_conversation_id ON notes (conversation_id)"


def _upgraded(sql: str) -> str:
    if OLD_KINDS not in sql or COLUMN_AFTER not in sql or not sql.endswith("\n)"):
        raise RuntimeError("The notes table is not as this upgrade expects.")
    sql = sql.replace(OLD_KINDS, NEW_KINDS).replace(COLUMN_AFTER, COLUMN_AFTER + COLUMN)
    return sql[: -len("\n)")] + KEY + "\n)"


def _downgraded(sql: str) -> str:
    if NEW_KINDS not in sql or COLUMN not in sql or KEY not in sql:
        raise RuntimeError("The notes table is not as this downgrade expects.")
    return sql.replace(NEW_KINDS, OLD_KINDS).replace(COLUMN, "").replace(KEY, "")


def _rebuild_notes(change, indexes_after: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Rebuild the notes table with its text changed by ``change``, keeping every note.

    SQLite cannot change a check in place, so the table is rebuilt (as SQLite's own
    "other kinds of table schema changes" recipe). Dropping the old table deletes, by
    its foreign key's cascade, which agenda items each note is on: those links are
    kept aside and put back. Written out here, not by batch mode, so that the table's
    text stays exactly as it was but for what changes.
    """
    bind = op.get_bind()
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notes'"
    ).scalar_one()
    indexes = [
        row[0]
        for row in bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notes' "
            "AND sql IS NOT NULL AND name <> 'ix_notes_conversation_id'"
        )
    ]
    links = bind.exec_driver_sql("SELECT * FROM agenda_item_notes").fetchall()
    # After a rename SQLite keeps the name quoted: CREATE TABLE "notes" (...
    new_sql = re.sub(r'^CREATE TABLE "?notes"? \(', "CREATE TABLE notes_rebuilt (", change(sql))
    bind.exec_driver_sql(new_sql)
    kept = {row[1] for row in bind.exec_driver_sql("PRAGMA table_info(notes_rebuilt)")}
    columns = ", ".join(
        row[1] for row in bind.exec_driver_sql("PRAGMA table_info(notes)") if row[1] in kept
    )
    bind.exec_driver_sql(f"INSERT INTO notes_rebuilt ({columns}) SELECT {columns} FROM notes")
    bind.exec_driver_sql("DROP TABLE notes")
    bind.exec_driver_sql("ALTER TABLE notes_rebuilt RENAME TO notes")
    for index in indexes + indexes_after:
        bind.exec_driver_sql(index)
    if links:
        marks = ", ".join("?" for _ in links[0])
        bind.exec_driver_sql(
            f"INSERT INTO agenda_item_notes VALUES ({marks})", [tuple(row) for row in links]
        )


# The starter topics every new club gets (clubapp/services/conversation_starters.py
# as at this version), written out: a club upgraded from before picture conversations
# starts with them too.
STARTER_TOPICS = (
    (
        "Activities at the club",
        "Let's talk about the things we do at the club.",
        (
            ("Music", "music"),
            ("Singing", "singing"),
            ("Gardening", "gardening"),
            ("Painting", "painting"),
            ("Crafts", "crafts"),
            ("Quiz", "quiz"),
            ("Games", "games"),
            ("Dancing", "dancing"),
            ("Exercise", "exercise"),
            ("Talking about old times", "reminiscence"),
            ("Knitting", "knitting"),
            ("Reading", "reading"),
        ),
    ),
    (
        "Food and drink",
        "Let's talk about food and drink at the club.",
        (
            ("Tea and cake", "tea_and_cake"),
            ("Coffee", "coffee"),
            ("A glass of water", "water"),
            ("Sandwiches", "sandwich"),
            ("Soup", "soup"),
            ("Fruit", "fruit"),
            ("Biscuits", "biscuits"),
            ("Fish and chips", "fish_and_chips"),
            ("A roast dinner", "roast_dinner"),
            ("Ice cream", "ice_cream"),
        ),
    ),
    (
        "Getting to the club",
        "Let's talk about how you get to the club.",
        (
            ("Coming by car", "car"),
            ("The bus", "bus"),
            ("The club minibus", "outing"),
            ("A taxi", "taxi"),
            ("Walking here", "walking"),
            ("Using a wheelchair", "wheelchair"),
            ("The time we start", "clock"),
            ("Coming in bad weather", "umbrella"),
        ),
    ),
    (
        "How the club feels",
        "Let's talk about how it feels to be at the club.",
        (
            ("Chatting with people", "chat"),
            ("Friends at the club", "friends"),
            ("Help when I need it", "helping_hands"),
            ("A quiet corner", "armchair"),
            ("When it is noisy", "noise"),
            ("How warm the room is", "thermometer"),
            ("Finding the toilet", "toilet"),
            ("The music", "music"),
            ("The tea break", "tea_and_cake"),
        ),
    ),
    (
        "Outings",
        "Let's talk about trips out with the club.",
        (
            ("A coach trip", "outing"),
            ("The seaside", "seaside"),
            ("A park", "park"),
            ("A museum", "museum"),
            ("A garden centre", "gardening"),
            ("A café", "tea_and_cake"),
            ("The cinema", "film"),
            ("The theatre", "theatre"),
            ("Shopping", "shopping"),
            ("A farm with animals", "animals"),
            ("A boat trip", "boat"),
            ("A pub lunch", "fish_and_chips"),
        ),
    ),
)
LIBRARY_LICENCE = "Drawn for clubapp (MIT licence)"


def _add_starter_topics() -> None:
    """Only into a club that has none yet (an empty new file gets them when it is set up)."""
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT count(*) FROM club").scalar_one() == 0:
        return
    for position, (name, prompt, cards) in enumerate(STARTER_TOPICS, start=1):
        topic_id = bind.exec_driver_sql(
            "INSERT INTO conversation_topics (name, prompt, position, retired, created_at) "
            "VALUES (?, ?, ?, 0, CURRENT_TIMESTAMP)",
            (name, prompt, position),
        ).lastrowid
        bind.exec_driver_sql(
            "INSERT INTO conversation_cards (topic_id, word, picture, licence, position, retired) "
            "VALUES (?, ?, ?, ?, ?, 0)",
            [
                (topic_id, word, picture, LIBRARY_LICENCE, n)
                for n, (word, picture) in enumerate(cards, start=1)
            ],
        )


revision = "0008_conversations"
down_revision = "0007_audit_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table(
        "conversation_topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_topics")),
        sa.UniqueConstraint("name", name=op.f("uq_conversation_topics_name")),
    )
    op.create_table(
        "conversation_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=60), nullable=False),
        sa.Column("picture", sa.String(length=40), nullable=True),
        sa.Column("photo", sa.LargeBinary(), nullable=True),
        sa.Column("licence", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "picture IS NOT NULL OR photo IS NOT NULL",
            name=op.f("ck_conversation_cards_has_picture"),
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["conversation_topics.id"],
            name=op.f("fk_conversation_cards_topic_id_conversation_topics"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_cards")),
    )
    with op.batch_alter_table("conversation_cards", schema=None) as batch_op:
        batch_op.create_index(
            "ix_conversation_cards_topic_position", ["topic_id", "position"], unique=False
        )

    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("helped_by_id", sa.Integer(), nullable=True),
        sa.Column("visibility", sa.String(length=20), nullable=False),
        sa.Column("named_agreed_on", sa.Date(), nullable=True),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("own_words", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "visibility <> 'committee_named' OR named_agreed_on IS NOT NULL",
            name=op.f("ck_conversations_named_needs_agreement"),
        ),
        sa.CheckConstraint(
            "visibility IN ('private', 'committee_anonymous', 'committee_named')",
            name=op.f("ck_conversations_visibility"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_conversations_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["helped_by_id"],
            ["people.id"],
            name=op.f("fk_conversations_helped_by_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_conversations_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["conversation_topics.id"],
            name=op.f("fk_conversations_topic_id_conversation_topics"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_conversations_person_topic_date", ["person_id", "topic_id", "on_date"], unique=False
        )
        batch_op.create_index("ix_conversations_topic_date", ["topic_id", "on_date"], unique=False)

    op.create_table(
        "conversation_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=10), nullable=False),
        sa.Column("own_words", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "place IN ('like', 'not_sure', 'dislike', 'skipped')",
            name=op.f("ck_conversation_answers_place"),
        ),
        sa.ForeignKeyConstraint(
            ["card_id"],
            ["conversation_cards.id"],
            name=op.f("fk_conversation_answers_card_id_conversation_cards"),
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_answers_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_answers")),
        sa.UniqueConstraint("conversation_id", "card_id", name="one_answer_per_card"),
    )
    with op.batch_alter_table("conversation_answers", schema=None) as batch_op:
        batch_op.create_index("ix_conversation_answers_card", ["card_id"], unique=False)

    # ### end Alembic commands ###
    # The new kind, and which conversation wrote a note, after the conversations table.
    _rebuild_notes(_upgraded, [INDEX])
    _add_starter_topics()


def downgrade() -> None:
    # The old table has no "not sure": those notes become ideas, their words kept.
    op.execute(
        "UPDATE notes SET kind = 'idea', text = 'Not sure about: ' || text WHERE kind = 'not_sure'"
    )
    _rebuild_notes(_downgraded, [])
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table("conversation_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_answers_card")

    op.drop_table("conversation_answers")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_topic_date")
        batch_op.drop_index("ix_conversations_person_topic_date")

    op.drop_table("conversations")
    with op.batch_alter_table("conversation_cards", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_cards_topic_position")

    op.drop_table("conversation_cards")
    op.drop_table("conversation_topics")
    # ### end Alembic commands ###
