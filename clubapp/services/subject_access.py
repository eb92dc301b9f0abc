"""Everything the club holds about one person: a subject access request (UK GDPR).

Found by following every link in the database to the person, not by a list of screens:
`RULES` says, for every table the app has, how its rows relate to a person —

- *about them directly*: a column holds their number (``people.id``, ``person_id``,
  ``chair_id``…); ``owner`` is the column that says whose record a row is;
- *about them through a parent row*: ``agenda_item_notes`` rows belong to a note about them;
- *not about anyone*, with the reason.

Every text column of every table is also searched for their name (`name_mentions`):
those records are "mentioned by name". A record that belongs to someone else (another
person's note) shows only the words that mention them, never the rest of it.

A test checks that every table has a rule and every column pointing at a person is
covered, so a new table without a rule fails.

`everything_about` gathers it all as plain values; `to_json` writes the file for a
computer; `clubapp.printing.subject_access` prints it in large print.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Column, Date, DateTime, String, Table, or_, select, tuple_
from sqlalchemy.orm import Session

from clubapp.models import all_metadata
from clubapp.models.members import Person
from clubapp.services import (
    audit,
    checks,
    club,
    committee,
    meetings,
    needs,
    notes,
    permissions,
    skills,
    votes,
)
from clubapp.services.conversations import PLACE_WORDS
from clubapp.services.dates import WEEKDAY_WORDS, long_date
from clubapp.services.errors import NotFound
from clubapp.services.members import CONSENT_WORDS, GIVER_WORDS, LINK_WORDS
from clubapp.services.money import pounds
from clubapp.services.name_mentions import NameSearch, name_search
from clubapp.services.permissions import Actor, allowed
from clubapp.services.vocab import KINDS as KIND_WORDS
from clubapp.services.vocab import STATUSES as STATUS_WORDS

# --------------------------------------------------------------------------- the rules

SECTIONS: dict[str, str] = {
    "details": "Their details",
    "consent": "Consent",
    "notes": "One-to-one notes",
    "attendance": "Attendance",
    "votes": "Votes they took part in",
    "money": "Money",
    "volunteering": "Volunteering",
    "committee": "Committee",
    "grants": "Grants",
    "activities": "Activities and the programme",
    "account": "Sign-in account",
    "drafts": "Forms being typed (drafts)",
    "club": "The club's own records",
    "audit": "Audit log entries about their record",
}


@dataclass(frozen=True)
class Rule:
    """How one table's rows relate to a person."""

    section: str
    words: str  # what a row is, in plain words, e.g. "Consent record"
    people: tuple[str, ...] = ()  # columns holding a person's number
    owner: str | None = None  # the column saying whose record the row is
    parent: tuple[str, str] | None = None  # (column, table): belongs to a row of that table
    reason: str = ""  # not about anyone: why
    hidden: tuple[str, ...] = ()  # never shown (a password's scrambled form)

    @property
    def about_someone(self) -> bool:
        return bool(self.people or self.parent)


def _about(section: str, words: str, *people: str, owner: str | None = None, **kw: Any) -> Rule:
    return Rule(section, words, tuple(people), owner, **kw)


def _not_about(section: str, words: str, reason: str) -> Rule:
    return Rule(section, words, reason=reason)


RULES: dict[str, Rule] = {
    # their own record
    "people": _about("details", "Person's record", "id", owner="id"),
    "person_kinds": _about("details", "Kind of person", "person_id", owner="person_id"),
    "person_photos": _about("details", "Photo", "person_id", owner="person_id"),
    "emergency_contacts": _about("details", "Emergency contact", "person_id", owner="person_id"),
    "person_links": _about(
        "details", "Link to another person", "person_id", "other_id", owner="person_id"
    ),
    "consent_records": _about("consent", "Consent record", "person_id", owner="person_id"),
    "notes": _about("notes", "One-to-one note", "person_id", "taken_by_id", owner="person_id"),
    "agenda_item_notes": Rule(
        "notes", "Note raised at a committee meeting", parent=("note_id", "notes")
    ),
    "conversations": _about(
        "notes", "Picture conversation", "person_id", "helped_by_id", owner="person_id"
    ),
    "conversation_answers": Rule(
        "notes",
        "Card sorted in a picture conversation",
        parent=("conversation_id", "conversations"),
    ),
    "conversation_topics": _not_about(
        "notes", "Picture conversation topic", "A topic to talk about, no one's."
    ),
    "conversation_cards": _not_about(
        "notes", "Picture card", "A card's picture and word; who sorted it is listed apart."
    ),
    "attendance": _about("attendance", "Came to a session", "person_id", owner="person_id"),
    # votes
    "ballot_voters": _about("votes", "Voted", "person_id", "supported_by_id", owner="person_id"),
    "ballot_choices": _about(
        "votes", "Their choice in an open vote", "person_id", owner="person_id"
    ),
    "ballot_options": _about("votes", "Stood as a candidate", "person_id"),
    "ballot_counts": _not_about(
        "votes",
        "Count of a vote",
        "Only how many votes each choice has: never tied to a voter, so a secret vote "
        "stays secret.",
    ),
    "ballots": _not_about(
        "votes", "Vote", "The question put to a vote; who voted is in the voters list."
    ),
    # volunteering
    "person_skills": _about("volunteering", "Skill", "person_id", owner="person_id"),
    "availability": _about("volunteering", "Free time", "person_id", owner="person_id"),
    "time_away": _about("volunteering", "Time away", "person_id", owner="person_id"),
    "person_checks": _about(
        "volunteering", "Check (DBS, first aid…)", "person_id", owner="person_id"
    ),
    "need_people": _about("volunteering", "Asked to help", "person_id", owner="person_id"),
    "hours_given": _about("volunteering", "Hours given", "person_id", owner="person_id"),
    "needs": _not_about(
        "volunteering", "Job the club needs doing", "A job; who was asked is listed apart."
    ),
    "need_skills": _not_about("volunteering", "Skill a job needs", "A job's needs, no one's."),
    "need_checks": _not_about("volunteering", "Check a job needs", "A job's needs, no one's."),
    "skills": _not_about(
        "volunteering", "Skill", "The names of skills; who has them is listed apart."
    ),
    # committee
    "committee_terms": _about("committee", "Time on the committee", "person_id", owner="person_id"),
    "meeting_attendees": _about(
        "committee", "At a committee meeting", "person_id", owner="person_id"
    ),
    "meetings": _about("committee", "Meeting they chaired", "chair_id"),
    "agenda_items": _about("committee", "Agenda item", "presenter_id"),
    "decisions": _about("committee", "Decision", "proposer_id", "seconder_id"),
    "action_points": _about("committee", "Action point", "who_id"),
    "minutes_corrections": _not_about(
        "committee", "Correction to minutes", "Words agreed by the committee."
    ),
    "agenda_item_actions": _not_about(
        "committee", "Action followed up", "Links an agenda item to an action point."
    ),
    "agenda_item_grants": _not_about(
        "committee", "Grant deadline on an agenda", "Links an agenda item to a grant."
    ),
    # grants
    "grant_writers": _about("grants", "Writing a grant bid", "person_id", owner="person_id"),
    "grant_applications": _not_about(
        "grants", "Grant application", "The club's bid; who wrote it is listed apart."
    ),
    "grant_status_changes": _not_about("grants", "Step of a grant", "A bid's progress."),
    "grant_reports": _not_about("grants", "Report to a funder", "A report the club owes."),
    "grant_sessions": _not_about("grants", "Session a grant pays for", "Names of club sessions."),
    "grant_activities": _not_about(
        "grants", "Activity a grant pays for", "Links a grant to an activity."
    ),
    "grant_instalments": _not_about("grants", "Grant payment", "Money a funder promised the club."),
    "funders": _not_about(
        "grants", "Funder", "Organisations that give grants (searched for their name)."
    ),
    # activities and sessions
    "activities": _about("activities", "Activity they lead", "leader_id"),
    "programme": _not_about("activities", "Planned activity", "What a session will do."),
    "club_sessions": _not_about("attendance", "Club session", "Dates of sessions."),
    "session_series": _not_about("attendance", "Repeating session", "Names and weekdays."),
    # money: no person's number anywhere; a payee is a name typed in, found as a mention
    "money_entries": _not_about(
        "money", "Money in or out", "Payees are names typed in: searched for their name."
    ),
    "money_splits": _not_about("money", "Part of a payment", "Searched for their name."),
    "funds": _not_about("money", "Fund", "The club's funds."),
    "money_accounts": _not_about("money", "Money account", "The club's bank and cash."),
    "money_categories": _not_about("money", "Money heading", "Headings of the accounts."),
    "reconciliations": _not_about("money", "Bank statement", "Statements ticked off."),
    "financial_years": _not_about("money", "Closed year", "The club's financial years."),
    "year_balances": _not_about("money", "Year-end balance", "Balances of funds and accounts."),
    "asset_lines": _not_about("money", "Asset or debt", "The club's assets and debts."),
    # sign-in and the app's own records
    "users": _about("account", "Sign-in account", "person_id", hidden=("password_hash",)),
    "drafts": _about("drafts", "Form being typed", "person_id", owner="person_id"),
    "club": _not_about("club", "The club", "The club's name."),
    "settings": _not_about("club", "Setting", "The club's settings (searched for their name)."),
    "audit_log": _not_about(
        "audit",
        "Audit log entry",
        "Names records by table and number and lists which fields changed, never names "
        "or values: the entries about their records are listed.",
    ),
}

# How a column that holds their number relates them to the row, in words.
ROLE_WORDS = {
    ("people", "id"): "Their record",
    ("person_links", "other_id"): "Someone else's link to them",
    ("notes", "taken_by_id"): "A note they took about someone",
    ("conversations", "helped_by_id"): "They helped someone in a picture conversation",
    ("ballot_voters", "supported_by_id"): "They helped someone vote",
    ("ballot_options", "person_id"): "They stood as a candidate",
    ("meetings", "chair_id"): "They chaired the meeting",
    ("agenda_items", "presenter_id"): "They presented the item",
    ("decisions", "proposer_id"): "They proposed it",
    ("decisions", "seconder_id"): "They seconded it",
    ("action_points", "who_id"): "The action was theirs",
    ("activities", "leader_id"): "They lead the activity",
    ("users", "person_id"): "Their sign-in account",
}
# When the app saved a record: in the file for a computer, not in the printout.
BOOKKEEPING = frozenset({"created_at", "updated_at"})
MENTIONED = "Mentioned by name"
MENTIONED_ELSEWHERE = "Mentioned by name in someone else's record (only those words are shown)"
THROUGH = "Belongs to their record"

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class FieldValue:
    """One column of a record: its name, its words, its value (plain: text, a whole
    number, pence as a whole number, a date, yes or no, a picture as base64 text) and
    how the printout shows it ("" when not worth printing)."""

    column: str
    words: str
    value: str | int | float | bool | date | datetime | None
    shown: str


@dataclass(frozen=True)
class Record:
    table: str
    record_id: int | str
    how: str
    fields: tuple[FieldValue, ...]


@dataclass(frozen=True)
class Group:
    """The records of one table within a section."""

    table: str
    words: str
    records: tuple[Record, ...]


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    groups: tuple[Group, ...]

    @property
    def count(self) -> int:
        return sum(len(g.records) for g in self.groups)


@dataclass(frozen=True)
class SubjectAccess:
    person_id: int
    full_name: str
    known_as: str
    club_name: str
    made_at: datetime  # UTC
    names_searched: tuple[str, ...]
    names_left_alone: tuple[str, ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def display_name(self) -> str:
        return self.known_as or self.full_name

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(g.table for s in self.sections for g in s.groups)


# --------------------------------------------------------------------------- words


_COLUMN_WORDS = {
    "id": "Record number",
    "on": "Date",
    "on_date": "Date",
    "amount_pence": "Amount",
    "payee": "Who from or to",
    "person_id": "Person",
    "other_id": "Other person",
    "taken_by_id": "Who had the conversation",
    "created_by": "Saved by",
    "marked_by": "Marked by",
    "marked_at": "Marked at",
    "supported_by_id": "Helped by",
    "who_id": "Whose action",
    "what": "What",
    "given_by": "Given by",
    "given_by_name": "Name of who gave it",
    "known_as": "Known as",
    "user_id": "Signed in as",
    "record_table": "Kind of record",
    "record_id": "Record number",
    "at": "When",
}
_CODE_WORDS: dict[tuple[str, str], dict[str, str]] = {
    ("consent_records", "what"): CONSENT_WORDS,
    ("consent_records", "given_by"): GIVER_WORDS,
    ("person_kinds", "kind"): KIND_WORDS,
    ("person_links", "kind"): LINK_WORDS,
    ("people", "status"): STATUS_WORDS,
    ("notes", "kind"): notes.KIND_WORDS,
    ("notes", "visibility"): notes.VISIBILITY_WORDS,
    ("conversations", "visibility"): notes.VISIBILITY_WORDS,
    ("conversation_answers", "place"): PLACE_WORDS,
    ("person_skills", "level"): skills.LEVEL_WORDS,
    ("availability", "part"): skills.PART_WORDS,
    ("person_checks", "kind"): checks.CHECK_WORDS,
    ("person_checks", "dbs_level"): checks.DBS_LEVEL_WORDS,
    ("need_people", "answer"): needs.ANSWER_WORDS,
    ("committee_terms", "position"): committee.POSITION_WORDS,
    ("committee_terms", "joined_how"): committee.JOINED_WORDS,
    ("meeting_attendees", "status"): meetings.STATUS_WORDS,
    ("meetings", "kind"): meetings.KIND_WORDS,
    ("ballot_choices", "answer"): votes.ANSWER_WORDS,
    ("users", "role"): permissions.ROLE_WORDS,
    ("audit_log", "role"): permissions.ROLE_WORDS,
    ("audit_log", "area"): audit.AREA_WORDS,
    ("audit_log", "what"): audit.WHAT_WORDS,
}
# Numbers that only put records in order on a screen: in the file, not in the printout.
_ORDER_ONLY = frozenset(
    {
        ("emergency_contacts", "position"),
        ("ballot_options", "position"),
        ("agenda_items", "position"),
        ("conversation_answers", "position"),
    }
)
# Columns of someone else's record shown besides their own part: a link between two
# people says as much about one as about the other (who it is, and what kind of link).
_ALSO_SHOWN = {"person_links": frozenset({"person_id", "kind"})}
_MEETING_WORDS = {
    "committee": "Committee meeting",
    "agm": "Annual general meeting",
    "members": "Members' meeting",
}


def column_words(column: str) -> str:
    """ "full_name" -> "Full name"; "session_id" -> "Session"."""
    if column in _COLUMN_WORDS:
        return _COLUMN_WORDS[column]
    words = column.removesuffix("_id").removesuffix("_pence").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _day(value: date) -> str:
    return long_date(value, weekday=False)


def _moment(value: datetime) -> str:
    local = value.replace(tzinfo=timezone.utc).astimezone()
    hour = local.hour % 12 or 12
    return f"{_day(local.date())}, {hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"


# What a number pointing at another table is shown as: the columns to read, and words.
def _label_meeting(kind: str, on: date) -> str:
    return f"{_MEETING_WORDS.get(kind, 'Meeting')} on {_day(on)}"


_LABELS: dict[str, tuple[tuple[str, ...], Any]] = {
    "club_sessions": (("name", "on_date"), lambda name, on: f"{name} on {_day(on)}"),
    "meetings": (("kind", "on_date"), _label_meeting),
    "ballots": (("question",), _short),
    "ballot_options": (("words",), _short),
    "skills": (("name",), str),
    "needs": (("title",), _short),
    "activities": (("name",), str),
    "agenda_items": (("title",), _short),
    "decisions": (("motion",), _short),
    "action_points": (("what",), _short),
    "grant_applications": (("title",), _short),
    "funders": (("name",), str),
    "funds": (("name",), str),
    "money_accounts": (("name",), str),
    "money_categories": (("name",), str),
    "notes": (("on_date",), lambda on: f"The note of {_day(on)}"),
    "conversations": (("on_date",), lambda on: f"The picture conversation of {_day(on)}"),
    "conversation_topics": (("name",), str),
    "conversation_cards": (("word",), str),
    "users": (("display_name",), str),
    "session_series": (("name",), str),
    "financial_years": (("starts",), lambda on: f"The year from {_day(on)}"),
    "reconciliations": (("statement_date",), lambda on: f"The statement of {_day(on)}"),
    "money_entries": (("on", "amount_pence"), lambda on, p: f"{pounds(p)} on {_day(on)}"),
}
# Numbers that point at a table without a foreign key.
_LOOSE_REFERENCES = {("audit_log", "user_id"): "users"}


# --------------------------------------------------------------------------- gathering


def _target(table: Table, column: Column[Any]) -> str | None:
    for fk in column.foreign_keys:
        return fk.column.table.name
    return _LOOSE_REFERENCES.get((table.name, column.name))


def _is_text(column: Column[Any]) -> bool:
    return isinstance(column.type, String)


def _is_date(column: Column[Any]) -> bool:
    return isinstance(column.type, (Date, DateTime))


def _text_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if _is_text(c)]


def mention_filter(search: NameSearch, columns: Iterable[Column[Any]]) -> Any:
    """A first look in SQL for rows that may mention the name (each still checked with
    ``search``), or None when every row must be looked at."""
    if not search.anchors:
        return None
    return or_(*(c.like(f"%{anchor}%") for c in columns for anchor in search.anchors))


def _key_of(table: Table, row: Any) -> tuple[Any, ...]:
    return tuple(row._mapping[c.name] for c in table.primary_key.columns)


def _natural(key: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    """Numbers in number order (2 before 10), then anything else as text."""
    return tuple((0, v) if isinstance(v, int) else (1, str(v)) for v in key)


def _record_id(table: Table, key: tuple[Any, ...]) -> int | str:
    columns = list(table.primary_key.columns)
    if len(columns) == 1:
        return key[0]
    return ", ".join(f"{c.name}={v}" for c, v in zip(columns, key, strict=True))


class _Gatherer:
    def __init__(self, session: Session, person_id: int, search: NameSearch) -> None:
        self.session = session
        self.person_id = person_id
        self.search = search
        self.metadata = all_metadata()
        # (table, key) -> (how, only these columns or None for all)
        self.found: dict[str, dict[tuple[Any, ...], tuple[str, set[str] | None]]] = {}

    def table(self, name: str) -> Table:
        return self.metadata.tables[name]

    def add(self, table: str, key: tuple[Any, ...], how: str, only: set[str] | None) -> None:
        rows = self.found.setdefault(table, {})
        if key in rows:
            before_how, before_only = rows[key]
            if before_only is None or only is None:
                rows[key] = (before_how if before_only is None else how, None)
            else:
                rows[key] = (before_how, before_only | only)
            return
        rows[key] = (how, only)

    def direct(self) -> None:
        for name, rule in RULES.items():
            if not rule.people:
                continue
            table = self.table(name)
            for column in rule.people:
                how = ROLE_WORDS.get((name, column), "About them")
                query = select(*table.primary_key.columns).where(table.c[column] == self.person_id)
                if rule.owner is not None and column != rule.owner:
                    # Someone else's record that names them (a note they took about
                    # another member): its number, their part and its dates, no more.
                    query = query.add_columns(table.c[rule.owner])
                for row in self.session.execute(query):
                    only: set[str] | None = None
                    owner = rule.owner
                    elsewhere = owner is not None and column != owner
                    if elsewhere and row._mapping[str(owner)] != self.person_id:
                        only = {
                            c.name
                            for c in table.columns
                            if c.primary_key or c.name == column or _is_date(c)
                        } | _ALSO_SHOWN.get(name, frozenset())
                    self.add(name, _key_of(table, row), how, only)

    def through(self) -> None:
        for name, rule in RULES.items():
            if rule.parent is None:
                continue
            column, parent_name = rule.parent
            parent_rule = RULES[parent_name]
            if parent_rule.owner is None:
                continue
            table, parent = self.table(name), self.table(parent_name)
            parent_ids = select(parent.c.id).where(parent.c[parent_rule.owner] == self.person_id)
            query = select(*table.primary_key.columns).where(table.c[column].in_(parent_ids))
            for row in self.session.execute(query):
                self.add(name, _key_of(table, row), THROUGH, None)

    def mentions(self) -> None:
        if self.search.pattern is None:
            return
        for name, rule in RULES.items():
            if name == "audit_log":
                continue  # it holds no names (clubapp.db.audit_trail)
            table = self.table(name)
            texts = _text_columns(table)
            if not texts:
                continue
            keys = list(table.primary_key.columns)
            owner = [table.c[rule.owner]] if rule.owner else []
            query = select(*keys, *owner, *texts)
            first_look = mention_filter(self.search, texts)
            if first_look is not None:
                query = query.where(first_look)
            for row in self.session.execute(query):
                values = row._mapping
                matched = {c.name for c in texts if self.search.mentions(values[c.name])}
                if not matched:
                    continue
                key = tuple(values[c.name] for c in keys)
                theirs = rule.owner is None or values[rule.owner] == self.person_id
                if theirs:
                    self.add(name, key, MENTIONED, None)
                else:
                    shown = matched | {c.name for c in keys}
                    self.add(name, key, MENTIONED_ELSEWHERE, shown)

    def audit_entries(self, account_ids: set[int]) -> None:
        table = self.table("audit_log")
        targets: dict[str, set[int]] = {"people": {self.person_id}}
        for name, rows in self.found.items():
            table_keys = list(self.table(name).primary_key.columns)
            if len(table_keys) != 1 or table_keys[0].name != "id":
                continue
            for key, (how, _only) in rows.items():
                if how not in (MENTIONED, MENTIONED_ELSEWHERE):
                    targets.setdefault(name, set()).add(key[0])
        for name, ids in targets.items():
            query = select(table.c.id).where(
                table.c.record_table == name, table.c.record_id.in_(sorted(ids))
            )
            for (entry_id,) in self.session.execute(query):
                self.add("audit_log", (entry_id,), "About their record", None)
        if account_ids:
            query = select(table.c.id).where(table.c.user_id.in_(sorted(account_ids)))
            for (entry_id,) in self.session.execute(query):
                self.add("audit_log", (entry_id,), "Something they did while signed in", None)

    # ------------------------------------------------------------------ records

    def rows(self, name: str) -> list[Any]:
        table = self.table(name)
        keys = list(self.found.get(name, {}))
        if not keys:
            return []
        columns = list(table.primary_key.columns)
        out: list[Any] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            if len(columns) == 1:
                condition = columns[0].in_([k[0] for k in chunk])
            else:
                condition = tuple_(*columns).in_(chunk)
            out.extend(self.session.execute(select(table).where(condition)))
        out.sort(key=lambda row: _natural(_key_of(table, row)))
        return out

    def labels(self, wanted: dict[str, set[Any]]) -> dict[tuple[str, Any], str]:
        out: dict[tuple[str, Any], str] = {}
        for target, ids in wanted.items():
            spec = _LABELS.get(target)
            if spec is None or not ids:
                continue
            columns, words = spec
            table = self.table(target)
            query = select(table.c.id, *(table.c[c] for c in columns)).where(
                table.c.id.in_(sorted(ids))
            )
            for row in self.session.execute(query):
                values = list(row)[1:]
                out[(target, row[0])] = "" if None in values else words(*values)
        return out

    def records(self, name: str) -> list[Record]:
        table = self.table(name)
        rule = RULES[name]
        rows = self.rows(name)
        wanted: dict[str, set[Any]] = {}
        for column in table.columns:
            target = _target(table, column)
            if target and target != "people":
                wanted.setdefault(target, set()).update(
                    r._mapping[column.name] for r in rows if r._mapping[column.name] is not None
                )
        labels = self.labels(wanted)
        people = self.people_names(table, rows)
        out = []
        for row in rows:
            key = _key_of(table, row)
            how, only = self.found[name][key]
            fields = [
                self.field_value(table, rule, column, row._mapping[column.name], labels, people)
                for column in table.columns
                if column.name not in rule.hidden and (only is None or column.name in only)
            ]
            if name == "users":
                fields.append(FieldValue("password", "Password", None, "Kept scrambled"))
            out.append(Record(name, _record_id(table, key), how, tuple(fields)))
        return out

    def people_names(self, table: Table, rows: list[Any]) -> dict[int, str]:
        """The names of the other people these rows point at (who had the conversation,
        who made the link), for the printout."""
        ids = {
            row._mapping[column.name]
            for column in table.columns
            if _target(table, column) == "people"
            for row in rows
        } - {None, self.person_id}
        if not ids:
            return {}
        query = select(Person.id, Person.full_name).where(Person.id.in_(sorted(ids)))
        return {person_id: name for person_id, name in self.session.execute(query)}

    def field_value(
        self,
        table: Table,
        rule: Rule,
        column: Column[Any],
        value: Any,
        labels: dict[tuple[str, Any], str],
        people: dict[int, str] | None = None,
    ) -> FieldValue:
        name = column.name
        words = column_words(name)
        target = _target(table, column)
        if value is None or value == "":
            return FieldValue(name, words, value, "")
        if isinstance(value, bytes):
            kilobytes = max(1, round(len(value) / 1024))
            return FieldValue(
                name, words, base64.b64encode(value).decode("ascii"), f"A picture ({kilobytes} KB)"
            )
        if target == "people":
            if value == self.person_id:
                return FieldValue(name, words, value, "" if name == rule.owner else "Them")
            other = (people or {}).get(value)
            return FieldValue(name, words, value, other or f"Another person (number {value})")
        if target is not None:
            return FieldValue(name, words, value, labels.get((target, value)) or f"Number {value}")
        if (
            (name == "id" and table.name == "people")
            or name in BOOKKEEPING
            or (table.name, name) in _ORDER_ONLY
        ):
            return FieldValue(name, words, value, "")
        if isinstance(value, bool):
            return FieldValue(name, words, value, "Yes" if value else "No")
        if isinstance(value, datetime):
            return FieldValue(name, words, value, _moment(value))
        if isinstance(value, date):
            return FieldValue(name, words, value, _day(value))
        if name.endswith("_pence") and isinstance(value, int):
            return FieldValue(name, words, value, pounds(value))
        if (table.name, name) == ("availability", "weekday") and 0 <= value < 7:
            return FieldValue(name, words, value, WEEKDAY_WORDS[value])
        if table.name == "audit_log" and name == "action":
            return FieldValue(name, words, value, audit.action_words(value))
        if table.name == "audit_log" and name == "record_table":
            kept = RULES.get(str(value))
            thing = audit.TABLE_WORDS.get(str(value)) or (kept.words.lower() if kept else "")
            return FieldValue(name, words, value, thing or str(value))
        if table.name == "audit_log" and name == "fields":
            changed = [column_words(f.strip()).lower() for f in str(value).split(",")]
            return FieldValue(name, words, value, ", ".join(changed))
        codes = _CODE_WORDS.get((table.name, name))
        if codes is not None:
            return FieldValue(name, words, value, codes.get(str(value), str(value)))
        return FieldValue(name, words, value, str(value))


def _account_ids(session: Session, person_id: int) -> set[int]:
    users = all_metadata().tables["users"]
    return set(session.scalars(select(users.c.id).where(users.c.person_id == person_id)))


def _others_names(session: Session, person_id: int) -> list[str]:
    rows = session.execute(select(Person.full_name, Person.known_as).where(Person.id != person_id))
    return [n for row in rows for n in row if n]


@allowed("privacy.manage")
def everything_about(session: Session, actor: Actor, person_id: int) -> SubjectAccess:
    """Everything the club holds about the person, found by following every link to
    them and searching every text for their name. Noted in the audit log as exported."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("That person is not in the club's records any more.")
    search = name_search(person.full_name, person.known_as, _others_names(session, person_id))
    gatherer = _Gatherer(session, person_id, search)
    gatherer.direct()
    gatherer.through()
    gatherer.mentions()
    gatherer.audit_entries(_account_ids(session, person_id))
    groups: dict[str, list[Group]] = {key: [] for key in SECTIONS}
    for name in sorted(gatherer.found, key=lambda n: (list(RULES).index(n), n)):
        records = gatherer.records(name)
        if records:
            rule = RULES[name]
            groups[rule.section].append(Group(name, rule.words, tuple(records)))
    audit.note_action(
        session,
        actor,
        "privacy",
        "exported",
        "people",
        person_id,
        "subject_access.everything_about",
    )
    return SubjectAccess(
        person_id=person.id,
        full_name=person.full_name,
        known_as=person.known_as,
        club_name=club.club_name(session) or "",
        made_at=datetime.now(timezone.utc).replace(tzinfo=None),
        names_searched=search.names,
        names_left_alone=search.left_alone,
        sections=tuple(
            Section(key, heading, tuple(groups[key])) for key, heading in SECTIONS.items()
        ),
    )


# --------------------------------------------------------------------------- the file


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.replace(tzinfo=timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_json(result: SubjectAccess) -> bytes:
    """The machine-readable copy: every record with its table, number, columns and values
    (dates as ISO 8601, times in UTC, money in whole pence, pictures as base64)."""
    document = {
        "about": {
            "person_id": result.person_id,
            "full_name": result.full_name,
            "known_as": result.known_as,
        },
        "club": result.club_name,
        "made_at": _plain(result.made_at),
        "names_searched_for": list(result.names_searched),
        "names_not_searched_on_their_own": list(result.names_left_alone),
        "money_is_in": "pence",
        "sections": [
            {
                "key": section.key,
                "heading": section.heading,
                "records": [
                    {
                        "table": record.table,
                        "id": record.record_id,
                        "how": record.how,
                        "values": {f.column: _plain(f.value) for f in record.fields},
                    }
                    for group in section.groups
                    for record in group.records
                ],
            }
            for section in result.sections
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def file_stem(result: SubjectAccess) -> str:
    """ "everything-about-zoë-o-brien-2026-11-18": for the PDF and JSON file names."""
    return file_stem_for(result.full_name, result.made_at)


def file_stem_for(full_name: str, day: date) -> str:
    """The same, before the request is made (a file dialog's suggested name)."""
    words = re.sub(r"[\W_]+", "-", full_name.casefold()).strip("-") or "person"
    return f"everything-about-{words}-{day:%Y-%m-%d}"


def all_records(result: SubjectAccess) -> Iterable[Record]:
    for section in result.sections:
        for group in section.groups:
            yield from group.records
