"""A person with something in every place the club can hold about someone, each carrying
a canary: a made-up name found nowhere else, so a test can look for its bytes.

Used by the subject access and erasure tests. `build_canary_person` adds rows straight
through the models (every table, including ones no screen fills yet) and returns what it
made, so the tests know which records to expect.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from clubapp.models.accounts import Category, Fund, MoneyAccount, MoneyEntry, Split
from clubapp.models.attendance import Attendance, ClubSession
from clubapp.models.club import Setting
from clubapp.models.committee import (
    ActionPoint,
    AgendaItem,
    AgendaItemNote,
    Decision,
    Meeting,
    MeetingAttendee,
    MinutesCorrection,
    Term,
)
from clubapp.models.conversations import (
    Conversation,
    ConversationAnswer,
    ConversationCard,
    ConversationTopic,
)
from clubapp.models.drafts import Draft
from clubapp.models.grants import Funder, GrantApplication, GrantReport, GrantWriter
from clubapp.models.members import (
    ConsentRecord,
    EmergencyContact,
    Person,
    PersonKind,
    PersonLink,
    PersonPhoto,
)
from clubapp.models.notes import Note
from clubapp.models.users import User
from clubapp.models.volunteers import (
    Availability,
    HoursGiven,
    Need,
    NeedPerson,
    PersonCheck,
    PersonSkill,
    Skill,
    TimeAway,
)
from clubapp.models.votes import (
    Activity,
    Ballot,
    BallotChoice,
    BallotCount,
    BallotOption,
    BallotVoter,
)

FULL_NAME = "Zqxcanary Wobblethorpe"
KNOWN_AS = "Zqxie"
CONTACT = "Zqxcontact Wobblethorpe"
ATTORNEY = "Zqxattorney Wobblethorpe"
# Every canary word. Their details hold all of them; what is kept mentions them by name.
NEEDLES = ("Zqxcanary", "Wobblethorpe", "Zqxie", "Zqxcontact", "Zqxattorney")
DAY = date(2026, 10, 7)
PAYMENT_PENCE = 4_250
SPLIT_PENCE = (3_000, 1_250)


def canary_hits(data: bytes) -> list[str]:
    """The canary words found in ``data``, as UTF-8 or UTF-16 (either byte order), in
    the case they were written in, in small letters or in capitals."""
    hits = []
    for needle in NEEDLES:
        for form in {needle, needle.lower(), needle.upper()}:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if form.encode(encoding) in data:
                    hits.append(f"{form} ({encoding})")
    return hits


def file_bytes(path: Path) -> bytes:
    """The database file and whatever lies beside it (-wal, -shm, -journal)."""
    out = b""
    for candidate in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
        if candidate.exists():
            out += candidate.read_bytes()
    return out


@dataclass
class Built:
    person_id: int
    other_id: int
    helper_id: int
    meeting_id: int
    secret_ballot_id: int
    named_ballot_id: int
    named_option_id: int
    payment_id: int
    account_id: int
    # table -> record numbers (tables with an "id") or None (link tables) made for them
    expected: dict[str, set[int] | None] = field(default_factory=dict)


def build_canary_person(db) -> Built:
    """The canary person and everything around them, in one transaction."""
    with db.transaction() as s:
        person = Person(
            full_name=FULL_NAME,
            known_as=KNOWN_AS,
            phone="07700 900999",
            email="zqxie@example.org",
            address="1 Zqxcanary Lane",
            joined_on=date(2024, 3, 1),
            mobility="Zqxie uses a stick",
            communication_tips="Zqxie likes to be asked twice",
        )
        other = Person(
            full_name="Dorothy Evans",
            known_as="Dot",
            communication_tips=f"Sits with {FULL_NAME} at lunch",
        )
        helper = Person(full_name="Harold Price")
        s.add_all([person, other, helper])
        s.flush()
        pid, oid, hid = person.id, other.id, helper.id
        s.add_all(
            [
                PersonKind(person_id=pid, kind="member"),
                PersonKind(person_id=pid, kind="volunteer"),
                PersonKind(person_id=oid, kind="member"),
                PersonPhoto(person_id=pid, image=b"\xff\xd8\xff" + b"Zqxcanary photo" * 20),
                EmergencyContact(
                    person_id=pid, name=CONTACT, relationship="Son", phone="07700 900998"
                ),
                # They are someone else's emergency contact: a mention by name.
                EmergencyContact(person_id=oid, name=FULL_NAME, phone="07700 900999"),
                PersonLink(person_id=oid, other_id=pid, kind="family_of"),
                ConsentRecord(
                    person_id=pid,
                    what="keep_details",
                    given_by="attorney",
                    given_by_name=ATTORNEY,
                    given_on=date(2025, 1, 1),
                ),
            ]
        )
        note_about = Note(
            person_id=pid,
            on_date=DAY,
            kind="worry",
            text="Zqxie worries about the stairs",
            summary="A member worries about the stairs",
            visibility="committee_anonymous",
            flagged=True,
        )
        note_taken = Note(
            person_id=oid, on_date=DAY, taken_by_id=pid, kind="likes", text="Dot enjoys music"
        )
        note_mention = Note(
            person_id=oid, on_date=DAY, kind="likes", text=f"Had lunch with {KNOWN_AS} again."
        )
        s.add_all([note_about, note_taken, note_mention])
        topic = ConversationTopic(name="Zqx canary topic")
        s.add(topic)
        s.flush()
        card = ConversationCard(topic_id=topic.id, word="Soup", picture="soup")
        talk_about = Conversation(
            person_id=pid,
            topic_id=topic.id,
            on_date=DAY,
            own_words="Zqxcanary soup like my mother made",
        )
        talk_helped = Conversation(person_id=oid, topic_id=topic.id, on_date=DAY, helped_by_id=pid)
        s.add_all([card, talk_about, talk_helped])
        s.flush()
        s.add(
            ConversationAnswer(
                conversation_id=talk_about.id,
                card_id=card.id,
                place="like",
                own_words="Zqxcanary leek and potato",
            )
        )
        meeting = Meeting(on_date=DAY, place="Hall", chair_id=pid)
        s.add(meeting)
        s.flush()
        item = AgendaItem(
            meeting_id=meeting.id,
            title=f"{KNOWN_AS}'s idea for a garden",
            presenter_id=pid,
            discussion=f"{FULL_NAME} spoke about raised beds.",
        )
        s.add(item)
        s.flush()
        decision = Decision(
            meeting_id=meeting.id,
            item_id=item.id,
            motion=f"To thank {FULL_NAME} for the garden plan",
            proposer_id=pid,
            seconder_id=oid,
            votes_for=4,
            votes_against=1,
            abstentions=0,
            carried=True,
        )
        s.add(decision)
        s.flush()
        action = ActionPoint(
            meeting_id=meeting.id,
            decision_id=decision.id,
            what=f"{KNOWN_AS} to buy seeds",
            who_id=pid,
        )
        correction = MinutesCorrection(
            meeting_id=meeting.id, agreed_on=DAY, text=f"{KNOWN_AS} was present, not absent."
        )
        term = Term(person_id=pid, position="trustee", starts_on=date(2025, 9, 1))
        session = ClubSession(name="Wednesday Club", on_date=DAY, start_time=time(10))
        activity = Activity(
            name="Test garden club", description=f"Led by {KNOWN_AS}", leader_id=pid
        )
        s.add_all(
            [
                AgendaItemNote(item_id=item.id, note_id=note_about.id),
                MeetingAttendee(meeting_id=meeting.id, person_id=pid, status="present"),
                MeetingAttendee(meeting_id=meeting.id, person_id=oid, status="present"),
                action,
                correction,
                term,
                session,
                activity,
            ]
        )
        s.flush()
        s.add_all(
            [
                Attendance(session_id=session.id, person_id=pid),
                Attendance(session_id=session.id, person_id=oid),
            ]
        )
        # A secret ballot they voted in, a named one with their choice, an election
        # they stood in with their photo, and someone they helped to vote.
        secret = Ballot(kind="decision", question="Open on Saturdays?", meeting_id=meeting.id)
        named = Ballot(
            kind="decision", question="Buy a greenhouse?", method="named", meeting_id=meeting.id
        )
        election = Ballot(
            kind="election", question="Who should be treasurer?", meeting_id=meeting.id
        )
        s.add_all([secret, named, election])
        s.flush()
        secret_yes = BallotOption(ballot_id=secret.id, position=0, words="Yes", code="yes")
        named_yes = BallotOption(ballot_id=named.id, position=0, words="Yes", code="yes")
        candidate = BallotOption(
            ballot_id=election.id,
            position=0,
            words=FULL_NAME,
            person_id=pid,
            photo=b"\x89PNG\r\n\x1a\n" + b"Zqxcanary face" * 20,
        )
        s.add_all([secret_yes, named_yes, candidate])
        s.flush()
        s.add_all(
            [
                BallotCount(option_id=secret_yes.id, answer="chosen", votes=1),
                BallotCount(option_id=named_yes.id, answer="chosen", votes=1),
                BallotCount(option_id=candidate.id, answer="chosen", votes=2),
                BallotVoter(ballot_id=secret.id, person_id=pid),
                BallotVoter(ballot_id=named.id, person_id=pid),
                BallotVoter(ballot_id=election.id, person_id=pid),
                BallotVoter(ballot_id=election.id, person_id=oid, supported_by_id=pid),
                BallotChoice(ballot_id=named.id, person_id=pid, option_id=named_yes.id),
            ]
        )
        # Volunteering.
        skill = Skill(name="Hedge laying")
        need = Need(
            title="Dig the beds",
            purpose="job",
            when_kind="before",
            by_date=DAY,
            notes=f"Ask {KNOWN_AS} first",
        )
        s.add_all([skill, need])
        s.flush()
        s.add_all(
            [
                PersonSkill(person_id=pid, skill_id=skill.id, level="can_teach"),
                Availability(person_id=pid, weekday=2, part="morning"),
                TimeAway(person_id=pid, starts_on=DAY, ends_on=DAY, note="Zqxie visiting family"),
                PersonCheck(
                    person_id=pid,
                    kind="dbs",
                    dbs_level="enhanced",
                    certificate_number="001234567890",
                    notes="Zqxcanary DBS seen",
                ),
                NeedPerson(need_id=need.id, person_id=pid, asked_on=DAY),
                HoursGiven(person_id=pid, on_date=DAY, minutes=90, note="Zqxie ran the quiz"),
            ]
        )
        # Grants.
        funder = Funder(name="Riverside Trust", kind="trust", contact_name=FULL_NAME)
        s.add(funder)
        s.flush()
        application = GrantApplication(
            funder_id=funder.id, title="Garden grant", notes=f"{KNOWN_AS} drafted the budget"
        )
        s.add(application)
        s.flush()
        s.add_all(
            [
                GrantWriter(application_id=application.id, person_id=pid),
                GrantReport(
                    application_id=application.id,
                    due_on=DAY,
                    kind="progress",
                    note=f"Ask {FULL_NAME} for photos",
                ),
            ]
        )
        # Money: a payment to them, split in two, and a receipt from someone else.
        account = MoneyAccount(name="Test bank account", kind="current")
        fund = Fund(name="Test general fund", kind="general")
        category = Category(name="Test expenses", section="payments", line="Expenses")
        s.add_all([account, fund, category])
        s.flush()
        payment = MoneyEntry(
            on=DAY,
            kind="payment",
            amount_pence=PAYMENT_PENCE,
            account_id=account.id,
            payee=FULL_NAME,
            description=f"Expenses for {KNOWN_AS}",
        )
        receipt = MoneyEntry(
            on=DAY, kind="receipt", amount_pence=10_000, account_id=account.id, payee="Bingo night"
        )
        s.add_all([payment, receipt])
        s.flush()
        s.add_all(
            [
                Split(
                    entry_id=payment.id,
                    category_id=category.id,
                    fund_id=fund.id,
                    amount_pence=SPLIT_PENCE[0],
                    note=f"{KNOWN_AS}'s taxi",
                ),
                Split(
                    entry_id=payment.id,
                    category_id=category.id,
                    fund_id=fund.id,
                    amount_pence=SPLIT_PENCE[1],
                ),
            ]
        )
        # The app's own records: a switched-off sign-in account, drafts, a setting.
        account_user = User(
            display_name="Zqxie W", role="volunteer", password_hash="x", person_id=pid, active=False
        )
        s.add_all(
            [
                account_user,
                Draft(
                    form_key=f"note:new:person={pid}",
                    person_id=pid,
                    title=f"A note about {KNOWN_AS}",
                    data='{"text": "Zqxie half-typed"}',
                ),
                Draft(
                    form_key="minutes:edit:1",
                    title="Minutes",
                    data=f'{{"text": "{FULL_NAME} came late"}}',
                ),
                Setting(key="test_privacy_contact", value=f"Ask {FULL_NAME}"),
            ]
        )
        s.flush()
        built = Built(
            person_id=pid,
            other_id=oid,
            helper_id=hid,
            meeting_id=meeting.id,
            secret_ballot_id=secret.id,
            named_ballot_id=named.id,
            named_option_id=named_yes.id,
            payment_id=payment.id,
            account_id=account.id,
        )
        built.expected = {
            "people": {pid, oid},
            "person_kinds": None,
            "person_photos": None,
            "emergency_contacts": None,
            "person_links": None,
            "consent_records": None,
            "notes": {note_about.id, note_taken.id, note_mention.id},
            "agenda_item_notes": None,
            "conversations": {talk_about.id, talk_helped.id},
            "conversation_answers": None,
            "meetings": {meeting.id},
            "meeting_attendees": None,
            "agenda_items": {item.id},
            "decisions": {decision.id},
            "action_points": {action.id},
            "minutes_corrections": {correction.id},
            "committee_terms": {term.id},
            "attendance": None,
            "activities": {activity.id},
            "ballot_voters": None,
            "ballot_choices": None,
            "ballot_options": {candidate.id},
            "person_skills": None,
            "availability": None,
            "time_away": None,
            "person_checks": None,
            "need_people": None,
            "hours_given": None,
            "needs": {need.id},
            "funders": {funder.id},
            "grant_applications": {application.id},
            "grant_writers": None,
            "grant_reports": None,
            "money_entries": {payment.id},
            "money_splits": None,
            "users": {account_user.id},
            "drafts": None,
            "settings": None,
        }
    return built


def money_and_decisions(path: Path) -> dict[str, object]:
    """What erasure must leave as it was: every amount, every count, every decision."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return {
            "entries": conn.execute(
                'SELECT id, kind, amount_pence, account_id, "on" FROM money_entries ORDER BY id'
            ).fetchall(),
            "splits": conn.execute(
                "SELECT id, entry_id, fund_id, category_id, amount_pence FROM money_splits"
                " ORDER BY id"
            ).fetchall(),
            "decisions": conn.execute(
                "SELECT id, meeting_id, proposer_id, seconder_id, votes_for, votes_against,"
                " abstentions, casting, carried FROM decisions ORDER BY id"
            ).fetchall(),
            "attendance": conn.execute(
                "SELECT session_id, count(*) FROM attendance GROUP BY session_id"
            ).fetchall(),
            "voters": conn.execute(
                "SELECT ballot_id, count(*) FROM ballot_voters GROUP BY ballot_id"
            ).fetchall(),
            "counts": conn.execute(
                "SELECT option_id, answer, votes FROM ballot_counts ORDER BY 1, 2"
            ).fetchall(),
            "hours": conn.execute("SELECT sum(minutes) FROM hours_given").fetchone(),
            "terms": conn.execute("SELECT count(*) FROM committee_terms").fetchone(),
        }
