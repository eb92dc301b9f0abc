"""Subject access: every table has a rule, every link to a person is followed, and the
JSON and the printout hold everything the club keeps about them (and nothing secret)."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, select

from clubapp.models import all_metadata
from clubapp.models.audit import AuditEntry
from clubapp.printing.subject_access import subject_access_pdf
from clubapp.services import subject_access
from clubapp.services.errors import NotAllowed, NotFound
from clubapp.services.subject_access import RULES, SECTIONS, everything_about, to_json
from tests.conftest import TODAY
from tests.unit.privacy_helpers import FULL_NAME, KNOWN_AS, build_canary_person


def person_columns(metadata: MetaData) -> list[tuple[str, str]]:
    """Every (table, column) holding a number from people.id."""
    return [
        (table.name, column.name)
        for table in metadata.sorted_tables
        for column in table.columns
        for fk in column.foreign_keys
        if fk.column.table.name == "people" and fk.column.name == "id"
    ]


def missing_rules(metadata: MetaData, rules: dict[str, subject_access.Rule]) -> list[str]:
    """What the rules leave out: tables, columns pointing at a person, and rows that
    belong to a person's record through a parent row."""
    problems = [f"{name}: no rule" for name in metadata.tables if name not in rules]
    for table, column in person_columns(metadata):
        rule = rules.get(table)
        if rule is None or column not in rule.people:
            problems.append(f"{table}.{column} points at a person but its rule leaves it out")
    owned = {name for name, rule in rules.items() if rule.owner and name != "people"}
    for table in metadata.sorted_tables:
        rule = rules.get(table.name)
        for column in table.columns:
            for fk in column.foreign_keys:
                parent = fk.column.table.name
                # A note a conversation wrote is the same member's own record, found by
                # its own person column, not through the conversation.
                if (table.name, column.name) == ("notes", "conversation_id"):
                    continue
                if parent in owned and (rule is None or rule.parent != (column.name, parent)):
                    problems.append(
                        f"{table.name}.{column.name}: rows belong to a {parent} row, "
                        "which is someone's record: give it a parent rule"
                    )
    return problems


def test_every_table_has_a_rule_and_every_link_to_a_person_is_covered():
    """No table is missed: each has a rule, each column pointing at people.id is one of
    its rule's person columns, and rows of a person's record's children are followed."""
    assert missing_rules(all_metadata(), RULES) == []


def test_a_new_table_without_a_rule_would_fail():
    """The check above catches a new table pointing at a person, and a new child of a
    note, when nobody writes a rule for them."""
    metadata = MetaData()
    for table in all_metadata().sorted_tables:
        table.to_metadata(metadata)
    Table(
        "new_things",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("person_id", ForeignKey("people.id")),
    )
    Table(
        "note_replies",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("note_id", ForeignKey("notes.id")),
    )
    problems = missing_rules(metadata, RULES)
    assert any(p.startswith("new_things: no rule") for p in problems)
    assert any(p.startswith("new_things.person_id") for p in problems)
    assert any(p.startswith("note_replies.note_id") for p in problems)


def test_rules_are_well_formed():
    """Each rule names a known section and plain words; a rule about someone has no
    'not about anyone' reason and the other way round; owners and parents exist."""
    metadata = all_metadata()
    for name, rule in RULES.items():
        assert rule.section in SECTIONS, name
        assert rule.words, name
        assert bool(rule.reason) != rule.about_someone, name
        table = metadata.tables[name]
        for column in (*rule.people, *rule.hidden):
            assert column in table.c, f"{name}.{column}"
        if rule.owner:
            assert rule.owner in rule.people, name
        if rule.parent:
            column, parent = rule.parent
            assert any(fk.column.table.name == parent for fk in table.c[column].foreign_keys)
            assert RULES[parent].owner, f"{name}: its parent {parent} is nobody's record"


@pytest.fixture
def built(db, coordinator):
    return build_canary_person(db)


def records_by_table(document: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for section in document["sections"]:
        for record in section["records"]:
            out.setdefault(record["table"], []).append(record)
    return out


def test_the_json_holds_a_record_from_every_place_they_are(db, coordinator, built):
    """A person with something in every table linked to them (and named in minutes,
    money, grants): every one of those records is in the JSON, by table and number."""
    # The builder must cover every column that can hold a person's number, so a new
    # table linked to people makes this test fail until it has a row here too.
    covered = {table for table, _column in person_columns(all_metadata())}
    assert covered <= set(built.expected)

    result = db.run(everything_about, coordinator, built.person_id)
    document = json.loads(to_json(result))
    found = records_by_table(document)
    for table, ids in built.expected.items():
        assert table in found, f"nothing from {table}"
        if ids is not None:
            assert ids <= {r["id"] for r in found[table]}, table
    assert document["about"] == {
        "person_id": built.person_id,
        "full_name": FULL_NAME,
        "known_as": KNOWN_AS,
    }


def test_values_are_plain_dates_iso_and_money_in_pence(db, coordinator, built):
    """The payment to them: its amount a whole number of pence, its date ISO 8601."""
    result = db.run(everything_about, coordinator, built.person_id)
    found = records_by_table(json.loads(to_json(result)))
    payment = next(r for r in found["money_entries"] if r["id"] == built.payment_id)
    assert payment["how"] == subject_access.MENTIONED
    assert payment["values"]["amount_pence"] == 4_250
    assert payment["values"]["on"] == "2026-10-07"
    assert date.fromisoformat(payment["values"]["on"]).year == 2026
    me = next(r for r in found["people"] if r["id"] == built.person_id)
    assert me["values"]["joined_on"] == "2024-03-01"
    assert me["values"]["phone"] == "07700 900999"


def test_secret_votes_show_only_that_they_voted(db, coordinator, built):
    """In a secret ballot: that they voted, never what; in a named ballot: their choice."""
    result = db.run(everything_about, coordinator, built.person_id)
    found = records_by_table(json.loads(to_json(result)))
    voted = {r["values"]["ballot_id"] for r in found["ballot_voters"]}
    assert built.secret_ballot_id in voted
    choices = found["ballot_choices"]
    assert {c["values"]["ballot_id"] for c in choices} == {built.named_ballot_id}
    assert choices[0]["values"]["option_id"] == built.named_option_id
    assert "ballot_counts" not in found


def test_someone_elses_records_show_only_what_concerns_them(db, coordinator, built):
    """A note they took about another member shows its date, not its words; another
    member's note naming them shows only the words that name them."""
    result = db.run(everything_about, coordinator, built.person_id)
    notes = {r["id"]: r for r in records_by_table(json.loads(to_json(result)))["notes"]}
    taken = next(r for r in notes.values() if r["values"].get("taken_by_id") == built.person_id)
    assert "text" not in taken["values"]
    assert taken["values"]["on_date"] == "2026-10-07"
    mention = next(r for r in notes.values() if r["how"] == subject_access.MENTIONED_ELSEWHERE)
    assert set(mention["values"]) == {"id", "text"}
    assert KNOWN_AS in mention["values"]["text"]
    other = next(
        r
        for r in records_by_table(json.loads(to_json(result)))["people"]
        if r["id"] == built.other_id
    )
    assert set(other["values"]) == {"id", "communication_tips"}


def test_a_password_is_never_in_the_file(db, coordinator, built):
    """Their sign-in account is listed, without its scrambled password."""
    result = db.run(everything_about, coordinator, built.person_id)
    account = records_by_table(json.loads(to_json(result)))["users"][0]
    assert "password_hash" not in account["values"]
    assert account["values"]["display_name"] == "Zqxie W"


def test_the_request_is_noted_in_the_audit_log(db, coordinator, built):
    """Each access request is an "exported" entry in the privacy area, about them."""
    db.run(everything_about, coordinator, built.person_id)
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.area, entry.what, entry.record_table, entry.record_id) == (
        "privacy",
        "exported",
        "people",
        built.person_id,
    )
    assert entry.user_id == coordinator.user_id


def test_audit_entries_about_their_record_are_included(db, coordinator, built, person_factory):
    """Changes to their record noted by the audit log are listed under it."""
    from clubapp.services import members

    pid = person_factory("Ann Smith", phone="07700 900111")
    detail = db.run(members.get_person, coordinator, pid)
    db.run(
        members.save_person,
        coordinator,
        members.PersonInput(full_name=detail.full_name, kinds=detail.kinds, phone="07700 900222"),
        pid,
    )
    result = db.run(everything_about, coordinator, pid)
    audit_section = next(s for s in result.sections if s.key == "audit")
    records = [r for g in audit_section.groups for r in g.records]
    whats = [next(f.value for f in r.fields if f.column == "what") for r in records]
    assert "added" in whats and "changed" in whats


@pytest.mark.parametrize("role", ["treasurer", "committee", "volunteer"])
def test_only_the_coordinator_may_ask(db, actors, built, role):
    with pytest.raises(NotAllowed):
        db.run(everything_about, actors[role], built.person_id)


def test_a_person_not_there_is_said_plainly(db, coordinator):
    with pytest.raises(NotFound):
        db.run(everything_about, coordinator, 999_999)


def test_the_printout_has_every_section_in_large_print(db, coordinator, built):
    """The PDF names each section in plain words, says when a section holds nothing, and
    shows their details and the money paid to them."""
    result = db.run(everything_about, coordinator, built.person_id)
    pdf = subject_access_pdf(result, TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    words = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(words.split())
    for heading in SECTIONS.values():
        assert heading in flat, heading
    assert f"Everything we hold about {FULL_NAME}" in flat
    assert "07700 900999" in flat
    assert "£42.50" in flat
    sizes = set()

    def visitor(text, cm, tm, font, size):  # noqa: ARG001
        if text.strip():
            sizes.add(round(size * tm[0], 1) if tm[0] else size)

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
    assert sizes and min(sizes) >= 14, sizes


def test_someone_with_nothing_shows_empty_sections(db, coordinator, person_factory):
    """A new person: their details, and every other section says nothing is held."""
    pid = person_factory("Bob Stone")
    result = db.run(everything_about, coordinator, pid)
    assert result.tables >= {"people", "person_kinds"}
    empty = [s.heading for s in result.sections if not s.groups]
    assert "Money" in empty and "One-to-one notes" in empty
    flat = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(subject_access_pdf(result, TODAY))).pages
    )
    assert flat.count("The club holds nothing of this kind about them.") == len(empty)


def test_the_printout_shows_words_not_codes_at_the_privacy_notices_size(
    db, coordinator, built, person_factory
):
    """What the tester found on a rich person's printout: codes ("committee_named",
    "co_opted", "Answer: yes"), order numbers ("Position: 0"), audit entries as
    "Action: members.save_person", other people as numbers; and text smaller than the
    privacy notice. The PDF shows words at 16 pt or more; the JSON keeps the codes."""
    from clubapp.models.committee import Term
    from clubapp.models.members import EmergencyContact
    from clubapp.models.notes import Note
    from clubapp.models.volunteers import PersonSkill, Skill
    from clubapp.models.votes import BallotChoice
    from clubapp.services import members
    from tests.unit.test_privacy_notice import sizes_in_the_story

    pid = built.person_id
    with db.transaction() as s:
        skill = Skill(name="Zither tuning")
        s.add(skill)
        s.flush()
        s.add_all(
            [
                EmergencyContact(person_id=pid, position=1, name="Second Contact"),
                Term(
                    person_id=pid,
                    position="vice_chair",
                    joined_how="co_opted",
                    starts_on=date(2026, 1, 1),
                ),
                Note(
                    person_id=pid,
                    on_date=date(2026, 10, 8),
                    taken_by_id=built.helper_id,
                    kind="likes",
                    text="Likes singing",
                    visibility="committee_named",
                    named_agreed_on=date(2026, 10, 8),
                ),
                PersonSkill(person_id=pid, skill_id=skill.id, level="wants_to_learn"),
            ]
        )
        choice = s.scalars(select(BallotChoice).where(BallotChoice.person_id == pid)).one()
        choice.answer = "yes"
    detail = db.run(members.get_person, coordinator, pid)
    db.run(
        members.save_person,
        coordinator,
        members.PersonInput(full_name=detail.full_name, kinds=detail.kinds, phone="07700 900111"),
        pid,
    )
    result = db.run(everything_about, coordinator, pid)
    pdf = subject_access_pdf(result, TODAY)
    flat = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )

    codes = ["committee_named", "vice_chair", "co_opted", "wants_to_learn", "members.save_person"]
    document = to_json(result).decode("utf-8")
    for code in codes:
        assert code in document, f"the file for a computer keeps {code}"
        assert code not in flat, code
    for raw in (
        "Position: 0",
        "Position: 1",
        "Answer: yes",
        "Visibility: committee",
        "Visibility: private",
        "Area: people",
        "Role: coordinator",
        "Action: members",
        "Kind of record: ",
        "Another person (number",
        "Other person: Them",
    ):
        assert raw not in flat, raw
    # No other code either (a setting mentioning them is shown under its own name).
    underscored = set(re.findall(r"\b[a-z]+_[a-z_]+\b", flat)) - {"test_privacy_contact"}
    assert not underscored, underscored
    # The words the screens use instead, and the helper's name.
    assert "The committee and volunteers, with the name" in flat
    assert "Would like to learn" in flat
    assert "Harold Price" in flat
    # The audit log: one line per entry, saying who and what in words.
    audit_section = next(s for s in result.sections if s.key == "audit")
    entries = sum(len(g.records) for g in audit_section.groups)
    assert entries >= 2
    assert flat.count("Their details changed") >= 1
    assert flat.count(" — ") >= 2 * entries

    sizes = sizes_in_the_story(pdf)
    assert len(sizes) > 50
    small = [(text, size) for text, size in sizes if size < 16 - 0.01]
    assert not small, small[:10]
