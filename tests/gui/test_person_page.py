"""One person's record: editing, errors beside their fields, photos, and what each role sees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from clubapp.services import members, permissions
from clubapp.services.members import ConsentData, EmergencyContactData, LinkData
from clubapp.ui.context import AppContext
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages import person as person_module
from clubapp.ui.pages.members import MembersPage
from clubapp.ui.pages.person import PersonPage
from tests.conftest import TODAY

LEFT = Qt.MouseButton.LeftButton


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person would; QTest cannot type letters such as ë, so send those as keys."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )


def replace_text(qtbot, widget, text: str) -> None:
    """Select everything in a box and type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


@pytest.fixture
def open_person(qtbot, themed_app, db, actors):
    """Open the members list for a role, then a person's page on top of it."""

    def open_for(person_id: int | None, role: str = "coordinator"):
        ctx = AppContext(db, actors[role], today=lambda: TODAY)
        stack = PageStack(ctx)
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


@pytest.fixture
def peggy(person_factory, db, coordinator):
    """A member with every section filled in, and her husband who cares for her."""
    arthur = person_factory("Arthur Holloway", kinds=("carer",), phone="07700 900104")
    peggy_id = person_factory(
        "Margaret Holloway",
        known_as="Peggy",
        kinds=("member",),
        phone="07700 900101",
        email="peggy@example.org",
        address="1 River Walk",
        mobility="Uses a walking frame",
        hearing="Hearing aid in the left ear",
        communication_tips="Give her time to answer.",
        emergency_contacts=(EmergencyContactData("Arthur Holloway", "Husband", "07700 900104"),),
        consents=(ConsentData("keep_details", "self", TODAY),),
    )
    db.run(
        members.save_person,
        coordinator,
        members.PersonInput(
            full_name="Arthur Holloway",
            kinds=("carer",),
            phone="07700 900104",
            links=(LinkData("carer_of", peggy_id),),
        ),
        arthur,
    )
    return {"peggy": peggy_id, "arthur": arthur}


def page_text(page: PersonPage) -> str:
    """Every visible word on the page."""
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def test_edit_known_as_and_a_need_is_saved(qtbot, open_person, peggy):
    """Change the known-as name and a need, save, and the record has the new values."""
    page, stack, members_page = open_person(peggy["peggy"])
    assert page.heading() == "Margaret Holloway"
    assert page.known_as.text() == "Peggy"
    replace_text(qtbot, page.known_as, "Peg")
    replace_text(qtbot, page.sight, "Needs large print")
    assert page.has_unsaved_changes()
    qtbot.mouseClick(page.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is members_page)
    assert members_page.notice() == "Saved Margaret Holloway."
    assert members_page.selected_person_id() == peggy["peggy"]
    detail = members_page.ctx.read(members.get_person, peggy["peggy"])
    assert (detail.known_as, detail.sight) == ("Peg", "Needs large print")
    # Nothing else was lost on the way.
    assert detail.mobility == "Uses a walking frame"
    assert detail.emergency_contacts[0].name == "Arthur Holloway"
    assert len(detail.consents) == 1


def test_bad_email_shows_message_beside_the_field_and_keeps_typing(qtbot, open_person, coordinator):
    """A wrong email gets its message under the Email box; everything typed stays; nothing saved."""
    page, stack, _members = open_person(None)
    stack.activateWindow()
    type_text(qtbot, page.full_name, "Zoë O'Brien")
    qtbot.mouseClick(page.kind_boxes["volunteer"], LEFT)
    qtbot.keyClicks(page.phone, "07700 900123")
    qtbot.keyClicks(page.email, "zoe@")
    qtbot.keyClicks(page.diet, "No nuts")
    qtbot.mouseClick(page.save_button, LEFT)

    email_row = page.form.field("email")
    assert email_row.has_error()
    assert "email" in email_row.error_text().lower()
    assert page.email.property("error") is True
    assert not page.form.field("phone").has_error()
    qtbot.waitUntil(lambda: page.email.hasFocus())
    assert stack.current is page
    assert page.full_name.text() == "Zoë O'Brien"
    assert page.phone.text() == "07700 900123"
    assert page.email.text() == "zoe@"
    assert page.diet.text() == "No nuts"
    assert page.kind_boxes["volunteer"].isChecked()
    assert page.errors_summary.text().startswith("One thing needs fixing")
    assert page.ctx.read(members.list_people) == []

    # Fixing it and saving works, and the message goes.
    qtbot.keyClicks(page.email, "example.org")
    qtbot.mouseClick(page.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is not page)
    assert [r.full_name for r in stack.current.ctx.read(members.list_people)] == ["Zoë O'Brien"]


def test_missing_name_and_kind_are_both_shown(qtbot, open_person, coordinator):
    """Saving an empty form shows every problem at once, the first one gets the keyboard."""
    page, stack, _members = open_person(None)
    stack.activateWindow()
    qtbot.mouseClick(page.save_button, LEFT)
    assert page.form.field("full_name").has_error()
    assert page.form.field("kinds").has_error()
    qtbot.waitUntil(lambda: page.full_name.hasFocus())
    assert page.errors_summary.text().startswith("2 things need fixing")


def test_emergency_contact_errors_sit_beside_that_contact(qtbot, open_person, coordinator):
    """A second contact without a phone number gets the message on the second contact."""
    page, _stack, _members = open_person(None)
    qtbot.keyClicks(page.full_name, "Ann Smith")
    qtbot.mouseClick(page.kind_boxes["member"], LEFT)
    qtbot.mouseClick(page.emergency.add_button, LEFT)
    qtbot.mouseClick(page.emergency.add_button, LEFT)
    first, second = page.emergency.entries()
    qtbot.keyClicks(first.name, "Bob Smith")
    qtbot.keyClicks(first.phone, "07700 900111")
    qtbot.keyClicks(second.name, "Cath Smith")
    qtbot.mouseClick(page.save_button, LEFT)
    rows = dict(page.emergency.named_rows())
    assert not rows["emergency_1"].has_error()
    assert rows["emergency_2"].error_text() == "Emergency contact 2 needs a phone number."
    assert second.name.text() == "Cath Smith"
    # Removing the unfinished contact lets the person be saved.
    qtbot.mouseClick(second.remove_button, LEFT)
    assert len(page.emergency.entries()) == 1
    assert page.save()


def test_link_to_another_person_and_see_it_from_their_side(
    qtbot, open_person, peggy, person_factory
):
    """A link made here shows on the other person's page as "Cared for by …"."""
    rita = person_factory("Rita Kaur", kinds=("member",))
    page, stack, _members = open_person(peggy["arthur"])
    assert len(page.links.entries()) == 1
    qtbot.mouseClick(page.links.add_button, LEFT)
    entry = page.links.entries()[1]
    entry.other.setCurrentIndex(entry.other.findData(rita))
    qtbot.mouseClick(page.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is not page)
    other, _stack, _m = open_person(rita)
    assert "Cared for by Arthur Holloway" in other.linked_from_label.text()


def test_link_without_a_person_says_choose_one(qtbot, open_person, peggy):
    """A new link with nobody chosen asks for a person, beside that link."""
    page, _stack, _members = open_person(peggy["peggy"])
    qtbot.mouseClick(page.links.add_button, LEFT)
    qtbot.mouseClick(page.save_button, LEFT)
    rows = dict(page.links.named_rows())
    assert rows["link_1"].error_text().startswith("Choose the person this link is to")


def test_consent_with_a_review_date(qtbot, open_person, peggy):
    """Adding a consent record with a review date saves both dates."""
    page, stack, _members = open_person(peggy["peggy"])
    qtbot.mouseClick(page.consents.add_button, LEFT)
    entry = page.consents.entries()[-1]
    entry.what.setCurrentIndex(entry.what.findData("photos"))
    entry.given_by.setCurrentIndex(entry.given_by.findData("attorney"))
    qtbot.waitUntil(entry.name_box.isVisible)
    qtbot.keyClicks(entry.given_by_name, "Arthur Holloway")
    qtbot.mouseClick(entry.review.check, LEFT)
    assert entry.review.edit.isEnabled()
    assert entry.review.edit.displayFormat() == "dd/MM/yyyy"
    assert entry.review.edit.calendarPopup()
    entry.review.edit.setDate(entry.review.edit.date().addYears(1))
    qtbot.mouseClick(page.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is not page)
    detail = stack.current.ctx.read(members.get_person, peggy["peggy"])
    photo = next(c for c in detail.consents if c.what == "photos")
    assert photo.given_by_name == "Arthur Holloway"
    assert photo.review_on == TODAY.replace(year=TODAY.year + 1)


def test_photo_needs_consent_then_is_saved_small(
    qtbot, open_person, peggy, tmp_path, db, coordinator
):
    """Without photo consent the service's message shows by the photo; with it, a JPEG is saved."""
    picture = QImage(1600, 1200, QImage.Format.Format_RGB32)
    picture.fill(QColor("darkgreen"))
    path = tmp_path / "peggy.png"
    assert picture.save(str(path))
    page, _stack, _members = open_person(peggy["peggy"])
    assert not page.set_photo_from_file(path)
    assert "no consent for photos" in page.form.field("photo").error_text()

    detail = db.run(members.get_person, coordinator, peggy["peggy"])
    consents = (*detail.consents, ConsentData("photos", "self", TODAY))
    db.run(members.save_person, coordinator, _input(detail, consents=consents), peggy["peggy"])
    assert page.set_photo_from_file(path)
    assert not page.form.field("photo").has_error()
    stored = db.run(members.photos, coordinator, [peggy["peggy"]])[peggy["peggy"]]
    image = QImage.fromData(stored)
    assert stored.startswith(b"\xff\xd8\xff")
    assert (image.width(), image.height()) == (512, 384)
    assert page.photo_box.remove_button.isEnabled()


def test_remove_photo_asks_first(qtbot, open_person, peggy, tmp_path, db, coordinator, monkeypatch):
    """Remove photo asks; "Go back" keeps the photo, confirming removes it."""
    detail = db.run(members.get_person, coordinator, peggy["peggy"])
    consents = (*detail.consents, ConsentData("photos", "self", TODAY))
    db.run(members.save_person, coordinator, _input(detail, consents=consents), peggy["peggy"])
    page, _stack, _members = open_person(peggy["peggy"])
    picture = QImage(100, 100, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    picture.save(str(tmp_path / "p.png"))
    assert page.set_photo_from_file(tmp_path / "p.png")
    answers = []
    monkeypatch.setattr(person_module, "ask_to_confirm", lambda *a, **k: answers.append(a) or False)
    qtbot.mouseClick(page.photo_box.remove_button, LEFT)
    assert "Remove the photo of Margaret Holloway?" in answers[0][2]
    assert db.run(members.photos, coordinator, [peggy["peggy"]])
    monkeypatch.setattr(person_module, "ask_to_confirm", lambda *a, **k: True)
    qtbot.mouseClick(page.photo_box.remove_button, LEFT)
    assert db.run(members.photos, coordinator, [peggy["peggy"]]) == {}


def test_unreadable_photo_file_is_explained(open_person, peggy, tmp_path):
    """A file that is not a picture gets a plain message by the photo."""
    bad = tmp_path / "notes.png"
    bad.write_text("not a picture")
    page, _stack, _members = open_person(peggy["peggy"])
    assert not page.set_photo_from_file(bad)
    assert "not a photo clubapp can read" in page.form.field("photo").error_text()


def test_cancel_with_changes_asks_and_can_stay(qtbot, open_person, peggy, monkeypatch):
    """Cancel with unsaved changes asks; staying keeps what was typed, leaving goes back."""
    page, stack, members_page = open_person(peggy["peggy"])
    questions = []

    def stay(parent, title, question, confirm, cancel, danger=False):
        questions.append((question, confirm, cancel))
        return False

    monkeypatch.setattr(person_module, "ask_to_confirm", stay)
    qtbot.keyClicks(page.hearing, " and right")
    qtbot.mouseClick(page.cancel_button, LEFT)
    assert questions == [
        (
            "You have changes that are not saved. Leave without saving?",
            "Leave without saving",
            "Stay and keep my changes",
        )
    ]
    assert stack.current is page
    assert page.hearing.text() == "Hearing aid in the left ear and right"
    monkeypatch.setattr(person_module, "ask_to_confirm", lambda *a, **k: True)
    qtbot.mouseClick(page.cancel_button, LEFT)
    assert stack.current is members_page


def test_cancel_without_changes_just_goes_back(qtbot, open_person, peggy, monkeypatch):
    """With nothing changed, Cancel goes straight back without asking."""
    page, stack, members_page = open_person(peggy["peggy"])
    monkeypatch.setattr(person_module, "ask_to_confirm", lambda *a, **k: pytest.fail("asked"))
    qtbot.mouseClick(page.cancel_button, LEFT)
    assert stack.current is members_page


def test_volunteer_sees_emergency_contacts_but_not_contact_details_or_consent(open_person, peggy):
    """A volunteer's read-only view has emergency contacts and needs, no phone, email or consent."""
    page, _stack, _members = open_person(peggy["peggy"], "volunteer")
    assert page.form is None
    assert set(page.section_keys()) == {"name", "emergency", "links", "needs", "communication"}
    text = page_text(page)
    assert "07700 900104" in text  # the emergency contact's number
    assert "07700 900101" not in text and "peggy@example.org" not in text
    assert "Consent" not in text and "Keeping their details" not in text
    assert "Uses a walking frame" in text


def test_read_only_consent_section_says_who_gave_each_consent(
    open_person, peggy, db, coordinator, monkeypatch
):
    """Where a role may see consent but not edit, each record reads as a plain sentence."""
    detail = db.run(members.get_person, coordinator, peggy["peggy"])
    consents = (
        *detail.consents,
        ConsentData("photos", "attorney", TODAY, given_by_name="Jane Smith"),
        ConsentData("share_phone", "carer", TODAY, given_by_name="Bob Jones", withdrawn_on=TODAY),
    )
    db.run(members.save_person, coordinator, _input(detail, consents=consents), peggy["peggy"])
    monkeypatch.setitem(
        permissions.CAPABILITIES, "consent.see", frozenset({"coordinator", "committee"})
    )
    page, _stack, _members = open_person(peggy["peggy"], "committee")
    assert page.form is None
    assert "consent" in page.section_keys()
    text = page_text(page)
    day = person_module.day_words(TODAY)
    assert "Keeping their details" in text and f"Given by the person on {day}." in text
    assert "Photos" in text and f"Given by their attorney (Jane Smith) on {day}." in text
    assert "Sharing their phone number with other members" in text
    assert f"Given by a carer on their behalf (Bob Jones) on {day}. Withdrawn on {day}." in text


def test_treasurer_sees_no_needs(open_person, peggy):
    """A treasurer sees names and kinds, but no needs, contacts or emergency contacts."""
    page, _stack, _members = open_person(peggy["peggy"], "treasurer")
    assert set(page.section_keys()) == {"name", "links"}
    text = page_text(page)
    assert "Peggy" in text
    assert "walking frame" not in text and "Give her time" not in text
    assert "07700" not in text


def test_committee_sees_needs_but_no_contacts(open_person, peggy):
    """A committee member sees access needs and tips, but no phone, email or emergency contacts."""
    page, _stack, _members = open_person(peggy["peggy"], "committee")
    assert set(page.section_keys()) == {"name", "links", "needs", "communication"}
    text = page_text(page)
    assert "Uses a walking frame" in text and "Give her time to answer." in text
    assert "07700" not in text and "peggy@example.org" not in text


def _input(detail, **changes) -> members.PersonInput:
    fields = {name: getattr(detail, name) for name in members.PersonInput.__dataclass_fields__}
    fields.update(changes)
    return members.PersonInput(**fields)


def test_an_erased_persons_page_offers_nothing_about_them(qtbot, open_person, db, coordinator):
    """After erasure the page has no form, no fields and no buttons that act on them (no
    note, no erasing, no "Save person"): one plain line says when and what is kept."""
    from datetime import date

    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    from clubapp.services.dates import long_date
    from clubapp.services.erasure import erase_person
    from clubapp.ui.pages.person_privacy import PrivacyPart

    person_id = db.run(
        members.save_person,
        coordinator,
        members.PersonInput(full_name="Harold Jenkins", kinds=("member",)),
        None,
    )
    db.run(erase_person, coordinator, person_id)
    page, _stack, _members = open_person(person_id)
    assert page.form is None and page.findChild(PrivacyPart) is None
    assert page.what_matters is None
    assert [b.text() for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page)] == []
    assert [e for e in page.findChildren(QLineEdit) if e.isVisibleTo(page)] == []
    assert page.section_keys() == ["erased"]
    text = page_text(page)
    day = long_date(date.today(), weekday=False)
    assert f"This person's details were erased on {day}." in text
    assert "amounts, decisions, attendance counts" in text
    assert "Harold" not in text and "Add a note" not in text
    assert "nothing to change" in page.help_text
