"""The coordinator's part of a person's page: everything we hold about them (the PDF and
the JSON file) and erasing their details, driven by clicking the real buttons."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from clubapp.services import members
from clubapp.services.members import EmergencyContactData
from clubapp.services.name_mentions import ERASED_NAME
from clubapp.ui.context import AppContext
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages import person_privacy
from clubapp.ui.pages.members import MembersPage
from clubapp.ui.pages.person import PersonPage
from clubapp.ui.pages.person_privacy import PrivacyPart
from clubapp.ui.theme import PRIMARY_TARGET_PX
from tests.conftest import TODAY

LEFT = Qt.MouseButton.LeftButton
NAME = "Zqxcanary Wobblethorpe"
KNOWN = "Zqxie"  # buttons and titles use the name they go by; questions the full name


@pytest.fixture
def person(db, coordinator, person_factory) -> int:
    return person_factory(
        NAME,
        known_as=KNOWN,
        phone="07700 900999",
        emergency_contacts=(
            EmergencyContactData("Zqxcontact Wobblethorpe", "Son", "07700 900998"),
        ),
    )


@pytest.fixture
def open_person(qtbot, themed_app, db, actors):
    """The members list for a role with a person's page on top; PDFs are recorded."""

    def open_for(person_id: int, role: str = "coordinator"):
        ctx = AppContext(db, actors[role], today=lambda: TODAY)
        stack = PageStack(ctx)
        stack.pdfs = []
        stack.show_pdf = lambda title, make, name: stack.pdfs.append((title, make, name))
        qtbot.addWidget(stack)
        stack.resize(1280, 720)
        members_page = MembersPage(ctx)
        stack.open_room(members_page)
        stack.show()
        qtbot.waitExposed(stack)
        page = PersonPage(ctx, person_id)
        stack.push(page)
        return page, stack, members_page

    return open_for


def part_of(page: PersonPage) -> PrivacyPart:
    part = page.findChild(PrivacyPart)
    assert part is not None
    assert page.form is not None
    page.form.ensureWidgetVisible(part)
    return part


def count_audit(db, what: str) -> int:
    with sqlite3.connect(db.path) as conn:
        return conn.execute(
            "SELECT count(*) FROM audit_log WHERE area = 'privacy' AND what = ?", (what,)
        ).fetchone()[0]


def full_name(db, person_id: int) -> str:
    with sqlite3.connect(db.path) as conn:
        return conn.execute("SELECT full_name FROM people WHERE id = ?", (person_id,)).fetchone()[0]


def test_the_part_is_for_the_coordinator_only(open_person, person):
    """The coordinator sees the box with three big buttons naming the person; a
    volunteer's view of the person has no such part."""
    page, _stack, _list = open_person(person)
    part = part_of(page)
    assert part.show_button.text() == f"Everything we hold about {KNOWN}"
    assert part.erase_button.text() == f"Erase {KNOWN}'s details"
    for button in (part.show_button, part.json_button, part.erase_button):
        assert button.isVisible()
        assert button.height() >= min(44, PRIMARY_TARGET_PX)
        assert button.accessibleName() == button.text()
    volunteer_page, _s, _l = open_person(person, "volunteer")
    assert volunteer_page.findChild(PrivacyPart) is None


def test_everything_we_hold_shows_the_pdf(qtbot, open_person, person, db):
    """Clicking the button shows the large-print PDF in the preview, named after the
    person, and notes the request in the audit log."""
    page, stack, _list = open_person(person)
    qtbot.mouseClick(part_of(page).show_button, LEFT)
    assert len(stack.pdfs) == 1
    title, make, file_name = stack.pdfs[0]
    assert title == f"Everything we hold about {NAME}"
    assert file_name.startswith("everything-about-zqxcanary-wobblethorpe") and file_name.endswith(
        ".pdf"
    )
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(make())).pages)
    assert "07700 900999" in text and "Zqxcontact Wobblethorpe" in text
    assert count_audit(db, "exported") == 1


def test_save_the_json_file(qtbot, open_person, person, db, tmp_path, monkeypatch):
    """The JSON button asks where to save, writes the file and says where it went."""
    page, _stack, _list = open_person(person)
    target = tmp_path / "out" / "peggy"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    part = part_of(page)
    qtbot.mouseClick(part.json_button, LEFT)
    saved = target.with_suffix(".json")
    document = json.loads(saved.read_bytes())
    assert document["about"]["full_name"] == NAME
    assert part.notice.isVisible() and saved.name in part.notice.text()
    assert count_audit(db, "exported") == 1


def test_cancelling_the_file_dialog_saves_and_notes_nothing(
    qtbot, open_person, person, db, tmp_path, monkeypatch
):
    page, _stack, _list = open_person(person)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    qtbot.mouseClick(part_of(page).json_button, LEFT)
    assert count_audit(db, "exported") == 0
    assert list(tmp_path.glob("*.json")) == []


def test_going_back_at_either_question_erases_nothing(qtbot, open_person, person, db, monkeypatch):
    """Each question names the person; "Go back" at the first or the second keeps them."""
    page, stack, _list = open_person(person)
    for answers in ([False], [True, False]):
        asked: list[tuple] = []

        def answer(
            parent, title, question, confirm, cancel, danger=False, answers=answers, asked=asked
        ):
            asked.append((title, question, confirm, cancel, danger))
            return answers[len(asked) - 1]

        monkeypatch.setattr(person_privacy, "ask_to_confirm", answer)
        qtbot.mouseClick(part_of(page).erase_button, LEFT)
        assert len(asked) == len(answers)
        assert asked[0][0] == f"Erase {KNOWN}'s details"
        assert asked[0][1].startswith(f"Erasing removes {NAME}'s personal details")
        assert "a former member" in asked[0][1] and "cannot be undone" in asked[0][1]
        assert all(a[4] for a in asked)  # the danger colour, the safe button the default
        assert full_name(db, person) == NAME
        assert stack.current is page


def test_erasing_after_two_yeses(qtbot, open_person, person, db, monkeypatch):
    """Yes twice: the details are erased, the words say what was done and when older
    backups go, the page goes back to the list, and nothing typed is kept as a draft."""
    page, stack, members_page = open_person(person)
    page.phone.setText("07700 911111")  # typed, not saved: about the erased person too
    told = []
    monkeypatch.setattr(person_privacy, "ask_to_confirm", lambda *a, **k: True)
    monkeypatch.setattr(person_privacy, "tell", lambda parent, title, words: told.append(words))
    qtbot.mouseClick(part_of(page).erase_button, LEFT)
    assert full_name(db, person) == ERASED_NAME
    assert len(told) == 1
    assert told[0].startswith(f"{NAME}'s details are erased.")
    assert "backup" in told[0]
    assert stack.current is members_page
    qtbot.waitUntil(lambda: NAME not in members_page.visible_names())
    with sqlite3.connect(db.path) as conn:
        drafts = conn.execute("SELECT title || data FROM drafts").fetchall()
    assert not any("Zqx" in row[0] or "911111" in row[0] for row in drafts)
    assert count_audit(db, "erased") == 1


def test_an_account_in_use_is_said_and_nothing_erased(
    qtbot, open_person, person, db, coordinator, monkeypatch
):
    """Someone who can still sign in is not erased; the message says what to do first."""
    from clubapp.services import users

    db.run(users.add_user, coordinator, NAME, "volunteer", "long enough password")
    page, stack, _list = open_person(person)
    told = []
    monkeypatch.setattr(person_privacy, "ask_to_confirm", lambda *a, **k: True)
    monkeypatch.setattr(person_privacy, "tell", lambda parent, title, words: told.append(words))
    qtbot.mouseClick(part_of(page).erase_button, LEFT)
    assert len(told) == 1 and "Stop that sign-in first" in told[0]
    assert full_name(db, person) == NAME
    assert stack.current is page
    assert db.run(members.get_person, coordinator, person).phone == "07700 900999"


def test_the_json_file_name_matches_the_pdfs(qtbot, open_person, person, db, monkeypatch):
    """The file dialog suggests "everything-about-<name>-<day>.json", as the PDF is named."""
    page, stack, _list = open_person(person)
    suggested: list[str] = []

    def dialog(parent, caption, path, filters):
        suggested.append(path)
        return ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    part = part_of(page)
    qtbot.mouseClick(part.json_button, LEFT)
    qtbot.mouseClick(part.show_button, LEFT)
    pdf_name = stack.pdfs[0][2]
    assert len(suggested) == 1
    json_name = suggested[0].replace("\\", "/").rsplit("/", 1)[-1]
    assert json_name == f"everything-about-zqxcanary-wobblethorpe-{TODAY:%Y-%m-%d}.json"
    assert pdf_name.removesuffix(".pdf").rsplit("-", 3)[0] == json_name.rsplit("-", 3)[0]
