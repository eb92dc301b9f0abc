"""The Committee room and a meeting's page, driven by clicks on the real widgets: who serves,
the make-up, the inbox, planning a meeting, who came and the quorum, the agenda builder,
approving minutes, the club's rules, printouts, and what each role may do."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from clubapp.services import club, committee, decisions, meetings, minutes
from clubapp.services.decisions import ActionInput, DecisionInput
from clubapp.ui.pages.agenda_forms import (
    CorrectionPage,
    InboxPickPage,
    ItemFormPage,
    WhatHappenedPage,
)
from clubapp.ui.pages.committee import CommitteePage, last_twelve_months
from clubapp.ui.pages.committee_forms import EndTermPage, MeetingFormPage, TermFormPage
from clubapp.ui.pages.committee_words import (
    duration_words,
    makeup_words,
    quorum_rule_words,
    total_time_words,
)
from clubapp.ui.pages.constitution import ConstitutionPage
from clubapp.ui.pages.meeting import MeetingPage
from tests.conftest import TODAY
from tests.gui.committee_helpers import (
    LEFT,
    STANDING_TITLES,
    add_meeting,
    answer_next_question,
    choose_in_list,
    click,
    flag_note,
    open_stack,
)

#: Offscreen, the list that opens under a name box cannot take the keyboard.
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


@pytest.fixture
def meeting(db, coordinator, board) -> int:
    return add_meeting(db, coordinator, TODAY, board["ann"])


def open_meeting(qtbot, db, actor, meeting_id):
    return open_stack(qtbot, db, actor, lambda ctx: MeetingPage(ctx, meeting_id))


def click_row(qtbot, table: QAbstractItemView, row: int) -> None:
    """Click the first cell of a row, as a person choosing it would."""
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())


def pick_person(qtbot, choice, typed: str, words: str) -> None:
    """Type part of a name, then click the person in the list that opens under the box."""
    edit = choice.lineEdit()
    edit.setFocus()
    qtbot.keyClicks(edit, typed)
    popup = choice.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    offered = [model.index(r, 0).data() for r in range(model.rowCount())]
    index = model.index(offered.index(words), 0)
    popup.scrollTo(index)
    qtbot.mouseClick(popup.viewport(), LEFT, pos=popup.visualRect(index).center())
    qtbot.waitUntil(lambda: not popup.isVisible())


def all_label_text(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


# ---------------------------------------------------------------- words


def test_words_for_time_make_up_and_quorum():
    """Durations, the make-up and the quorum rule read as plain sentences."""
    assert duration_words(45) == "45 minutes"
    assert duration_words(60) == "1 hour"
    assert duration_words(65) == "1 hour 5 minutes"
    line = committee.MakeupLine("members", "People living with dementia", 2, 3)
    assert makeup_words(line) == "People living with dementia: 2 of 3 seats. 1 seat still to fill."
    assert quorum_rule_words(3, 2, 3, 5) == (
        "A committee meeting needs at least 3 trustees present, or 2 in every 3 trustees "
        "serving, whichever is more. With 5 trustees serving now, that is 4 trustees."
    )
    assert total_time_words((), None) == "The agenda is empty."
    assert last_twelve_months(TODAY) == (date(2025, 11, 19), TODAY)


# ---------------------------------------------------------------- the room


def test_the_room_shows_who_serves_make_up_inbox_and_meetings(
    themed_app, qtbot, db, coordinator, board
):
    """Who serves with their terms ("Ends soon" in words), the make-up in words, the
    inbox with "A member" for someone not named, and meetings newest first."""
    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    later = add_meeting(db, coordinator, TODAY)
    db.run(minutes.approve_minutes, coordinator, earlier, later, TODAY)
    flag_note(db, coordinator, board["peggy"], "More singing, please.")
    flag_note(db, coordinator, board["bill"], "A trip to the seaside.", named=True)
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, CommitteePage)

    assert page.section_shown() == "Meetings"
    assert [r.meeting_id for r in page.meetings()] == [later, earlier]
    words = [page.meetings_model.index(r, 2).data() for r in range(2)]
    assert words == ["Draft minutes", "Minutes approved on 18 November 2026"]

    click(qtbot, page.serving_button)
    assert page.serving_section.isVisible() and not page.meetings_section.isVisible()
    names = [page.terms_model.index(r, 0).data() for r in range(page.terms_model.rowCount())]
    assert names[0] == "Ann Baker"  # the chair comes first
    assert set(names) == {"Ann Baker", "Bill Cole", "Cath Dunn", "Dev Evans", "Joan Ford"}
    joan = page.terms_model.row_of(
        next(t.term_id for t in page.terms_model.rows() if t.name == "Joan Ford")
    )
    assert page.terms_model.index(joan, 2).data() == "2 January 2027. Ends soon"
    assert page.ending_soon_label.text() == (
        "Joan Ford (2 January 2027): term ends within the next three months."
    )
    makeup = [label.text() for label in page.makeup_labels]
    assert makeup[0] == "People living with dementia: 2 of 3 seats. 1 seat still to fill."
    assert makeup[2] == "Volunteers: 1 of 1 seat. The aim is met."
    assert page.makeup_labels[0].property("makeup") == "short"
    assert "at least 3 trustees present" in page.rules_label.text()

    click(qtbot, page.inbox_button)
    assert page.inbox_button.text() == "Members' inbox (2)"
    who = {page.inbox_model.index(r, 2).data() for r in range(2)}
    assert who == {"A member", "Bill Cole"}
    assert "Peggy" not in all_label_text(page)
    assert page.inbox_count_label.text() == "2 notes are waiting for a meeting."
    assert not page.inbox_all_button.isVisible()  # a short inbox is listed whole


def test_plan_a_meeting_opens_it_with_the_standing_items(themed_app, qtbot, db, coordinator, board):
    """Plan a meeting through the form: its page opens with the usual items on the agenda."""
    _ctx, stack, page = open_stack(qtbot, db, coordinator, CommitteePage)
    click(qtbot, page.plan_button)
    form = stack.current
    assert isinstance(form, MeetingFormPage)
    assert form.chair.value() == board["ann"]  # the chair serving now
    form.on_date.set_value(TODAY + timedelta(days=14))
    assert form.date_row.help_label.text() == (
        "The club's rules ask for 7 days' notice: send out the agenda by 25 November 2026."
    )
    qtbot.keyClicks(form.place, "The church hall")
    click(qtbot, form.save_button)

    meeting_page = stack.current
    assert isinstance(meeting_page, MeetingPage)
    assert meeting_page.agenda_titles() == STANDING_TITLES
    assert meeting_page.section_shown() == "The agenda"
    assert meeting_page.title == "Meeting, 2 December 2026"
    assert "at The church hall. Chair: Ann Baker." in meeting_page.details_label.text()
    rows = db.run(meetings.list_meetings, coordinator)
    assert [(r.on_date, r.place) for r in rows] == [(TODAY + timedelta(days=14), "The church hall")]
    stack.back()
    assert stack.current is page
    assert page.selected_meeting_id() == rows[0].meeting_id


def test_a_too_long_place_is_explained_by_the_place_and_kept(
    themed_app, qtbot, db, coordinator, board
):
    """A service refusal shows under its field; what was typed stays; nothing is saved."""
    _ctx, stack, page = open_stack(qtbot, db, coordinator, CommitteePage)
    click(qtbot, page.plan_button)
    form = stack.current
    form.place.setText("x" * 201)
    click(qtbot, form.save_button)
    assert "the most it can be is 200" in form.form.field("place").error_text()
    assert form.place.text() == "x" * 201
    assert stack.current is form
    assert db.run(meetings.list_meetings, coordinator) == []


def test_change_a_meetings_details(themed_app, qtbot, db, coordinator, meeting):
    """Change the details through the form; the page shows the new place."""
    _ctx, stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.edit_button)
    form = stack.current
    assert isinstance(form, MeetingFormPage) and form.place.text() == "The church hall"
    form.place.clear()
    qtbot.keyClicks(form.place, "The library")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert "at The library." in page.details_label.text()


# ---------------------------------------------------------------- who came


def test_marking_three_trustees_present_makes_the_meeting_quorate(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """Each press is saved at once and the quorum sentence changes straight away."""
    _ctx, _stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.who_button)
    quorum = page.who.quorum_label
    assert quorum.text().startswith("Not quorate: 0 trustees present, 3 needed.")
    click(qtbot, page.who.card_for("Ann Baker").buttons["present"])
    click(qtbot, page.who.card_for("Bill Cole").buttons["present"])
    assert quorum.text() == (
        "Not quorate: 2 trustees present, 3 needed. The meeting cannot take decisions."
    )
    assert quorum.property("quorum") == "no"
    click(qtbot, page.who.card_for("Cath Dunn").buttons["apologies"])
    click(qtbot, page.who.card_for("Dev Evans").buttons["present"])
    assert quorum.text() == "Quorate: 3 trustees present, 3 needed."
    assert quorum.property("quorum") == "yes"
    statuses = {
        a.name: a.status for a in db.run(meetings.get_meeting, coordinator, meeting).attendees
    }
    assert statuses == {
        "Ann Baker": "present",
        "Bill Cole": "present",
        "Dev Evans": "present",
        "Cath Dunn": "apologies",
    }
    # A slip of the hand is undone with one more press.
    click(qtbot, page.who.card_for("Dev Evans").buttons[None])
    assert quorum.text().startswith("Not quorate: 2 trustees present")
    assert page.who.card_for("Dev Evans").buttons[None].isChecked()


@POPUP_WARNINGS
def test_a_guest_is_listed_but_does_not_count_for_the_quorum(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """Add a guest by typing part of their name: they get a card saying Guest; only
    trustees count for the quorum."""
    _ctx, _stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.who_button)
    click(qtbot, page.who.add_guest_button)
    assert "Choose who came" in page.who.guest_row.error_text()
    qtbot.keyClicks(page.who.guest_combo.lineEdit(), "gu")  # part of a name is not enough
    click(qtbot, page.who.add_guest_button)
    assert "do not name one person" in page.who.guest_row.error_text()
    page.who.guest_combo.lineEdit().clear()
    pick_person(qtbot, page.who.guest_combo, "gus", "Gus Guest")
    assert page.who.guest_combo.value() == board["gus"]
    click(qtbot, page.who.add_guest_button)
    qtbot.waitUntil(lambda: "Gus Guest" in [c.name() for c in page.who.cards.values()])
    card = page.who.card_for("Gus Guest")
    assert card.role_label.text() == "Guest"
    assert card.buttons["present"].isChecked()
    assert page.who.quorum_label.text().startswith("Not quorate: 0 trustees present")
    attendees = db.run(meetings.get_meeting, coordinator, meeting).attendees
    assert [(a.name, a.status) for a in attendees] == [("Gus Guest", "guest")]
    # The box is empty again, and no longer offers someone who already has a card.
    assert page.who.guest_combo.currentText() == ""
    assert page.who.guest_combo.findData(board["gus"]) < 0


# ---------------------------------------------------------------- the agenda


def test_add_a_proposal_then_move_it_up(themed_app, qtbot, db, coordinator, board, meeting):
    """A proposal goes before Any other business; Move up moves it, and the planned
    time adds it in."""
    _ctx, stack, page = open_meeting(qtbot, db, coordinator, meeting)
    assert page.total_label.text() == "Planned time: 37 minutes."
    click(qtbot, page.add_proposal_button)
    form = stack.current
    assert isinstance(form, ItemFormPage)
    click(qtbot, form.save_button)
    assert form.form.field("title").error_text() == "Type the item's title."
    qtbot.keyClicks(form.item_title, "Buy a piano")
    qtbot.keyClicks(form.details, "The old one is out of tune.")
    form.presenter.choose(board["dev"])
    form.minutes.choose(15)
    click(qtbot, form.save_button)

    assert stack.current is page
    assert page.agenda_titles() == [*STANDING_TITLES[:4], "Buy a piano", "Any other business"]
    card = page.card_titled("Buy a piano")
    assert card.meta_label.text() == "Presented by Dev Evans. 15 minutes planned."
    assert card.details_label.text() == "The old one is out of tune."
    assert page.total_label.text() == "Planned time: 52 minutes."

    click(qtbot, card.up_button)
    assert page.agenda_titles()[3:5] == ["Buy a piano", "Treasurer's report"]
    assert page.card_titled("Buy a piano") is card  # the same card, so the focus stays
    assert card.title() == "4. Buy a piano"
    items = db.run(meetings.get_meeting, coordinator, meeting).items
    assert [i.title for i in items][3] == "Buy a piano"
    first = page.card_titled("Apologies")
    assert not first.up_button.isEnabled() and first.down_button.isEnabled()


def test_edit_an_item_and_remove_one(themed_app, qtbot, db, coordinator, meeting):
    """Edit item changes the planned time; Remove asks, in words naming the item, first."""
    _ctx, stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.card_titled("Treasurer's report").edit_button)
    form = stack.current
    assert form.item_title.text() == "Treasurer's report"
    form.minutes.choose(20)
    click(qtbot, form.save_button)
    assert page.card_titled("Treasurer's report").meta_label.text() == "20 minutes planned."

    asked = answer_next_question(confirm=False)
    click(qtbot, page.card_titled("Matters arising").remove_button)
    assert asked == ["Take “Matters arising” off the agenda?"]
    assert "Matters arising" in page.agenda_titles()
    answer_next_question(confirm=True)
    click(qtbot, page.card_titled("Matters arising").remove_button)
    assert "Matters arising" not in page.agenda_titles()
    assert len(db.run(meetings.get_meeting, coordinator, meeting).items) == 4


def test_an_inbox_note_goes_onto_the_agenda_and_leaves_the_inbox(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """Take a note from the inbox: the item shows "A member: …", never the hidden name,
    and the note is no longer in the committee's inbox."""
    anonymous = flag_note(db, coordinator, board["peggy"], "More singing, please.")
    flag_note(db, coordinator, board["bill"], "A trip to the seaside.", named=True)
    _ctx, stack, room = open_stack(qtbot, db, coordinator, CommitteePage)
    click_row(qtbot, room.meetings_table, 0)
    click(qtbot, room.open_button)
    page = stack.current
    assert isinstance(page, MeetingPage)
    assert page.inbox_note.text() == "2 notes are waiting in the members' inbox."
    click(qtbot, page.add_inbox_button)
    pick = stack.current
    assert isinstance(pick, InboxPickPage)
    click(qtbot, pick.save_button)
    assert pick.form.field("note_ids").error_text() == "Choose at least one note from the inbox."
    assert pick.ticked_label.text() == "No notes ticked yet."
    note = pick.index_of(anonymous)
    assert note.data().endswith("A member: More singing, please.")
    qtbot.mouseClick(
        pick.notes_list.viewport(), LEFT, pos=pick.notes_list.check_rect(note).center()
    )
    assert pick.is_ticked(anonymous)
    assert pick.ticked_label.text() == "1 note ticked."
    assert pick.form.field("note_ids").error_text() == ""  # ticking one puts it right
    click(qtbot, pick.save_button)

    assert stack.current is page
    assert "More singing, please." in page.agenda_titles()
    card = page.card_titled("More singing, please.")
    assert card.members_label.text() == "What members said:\nA member: More singing, please."
    assert "Peggy" not in all_label_text(page)
    assert page.inbox_note.text() == "1 note is waiting in the members' inbox."
    stack.back()
    click(qtbot, room.inbox_button)
    assert [r.who for r in room.inbox_model.rows()] == ["Bill Cole"]


# ---------------------------------------------------------------- decisions and actions


def test_mark_an_action_done_and_say_what_happened(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """Mark done records today; Say what happened is saved with the decision."""
    for key in ("ann", "bill", "cath"):
        db.run(meetings.set_attendance, coordinator, meeting, board[key], "present")
    db.run(decisions.record_decision, coordinator, meeting, DecisionInput("Buy a piano", 3, 0, 0))
    db.run(decisions.add_action, coordinator, meeting, ActionInput("Find a piano", board["dev"]))
    _ctx, stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.decisions_button)
    line = page.action_lines.widgets()[0]
    assert line.words.text() == "Find a piano. Dev Evans. Not done yet."
    click(qtbot, line.done_button)
    assert line.words.text() == "Find a piano. Dev Evans. Done on 18 November 2026."
    assert line.done_button.text() == "Mark as not done"
    assert db.run(meetings.get_meeting, coordinator, meeting).actions[0].done_on == TODAY

    decision_line = page.decision_lines.widgets()[0]
    assert decision_line.words.text().endswith("Yes 3, no 0, not sure 0. Carried.")
    click(qtbot, decision_line.happened_button)
    form = stack.current
    assert isinstance(form, WhatHappenedPage)
    qtbot.keyClicks(form.happened, "The piano came on Friday.")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert "What happened: The piano came on Friday." in decision_line.words.text()


# ---------------------------------------------------------------- minutes


def test_approving_minutes_asks_first_then_locks_the_record(
    themed_app, qtbot, db, coordinator, board
):
    """Approve at a later meeting, after a plain question; then the controls that would
    change the record go, a sentence says why, and a correction can be added."""
    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    later = add_meeting(db, coordinator, TODAY)
    _ctx, stack, page = open_meeting(qtbot, db, coordinator, earlier)
    click(qtbot, page.minutes_button)
    assert page.minutes_status_label.text().startswith("These are draft minutes.")
    assert page.approve_at.value() == later
    assert not page.correction_button.isVisible()

    asked = answer_next_question(confirm=False)
    click(qtbot, page.approve_button)
    assert "locked" in asked[0] and "corrections" in asked[0]
    assert db.run(meetings.get_meeting, coordinator, earlier).locked is False

    answer_next_question(confirm=True)
    click(qtbot, page.approve_button)
    assert db.run(meetings.get_meeting, coordinator, earlier).locked
    assert page.lock_label.isVisible()
    assert "approved on 18 November 2026" in page.lock_label.text()
    assert page.start_button.isHidden() and page.edit_button.isHidden()
    assert page.approve_box.isHidden()
    click(qtbot, page.agenda_button)
    assert page.agenda_changes.isHidden()
    assert all(card.buttons.isHidden() for card in page.agenda_cards.widgets())
    click(qtbot, page.who_button)
    assert all(all(b.isHidden() for b in card.buttons.values()) for card in page.who.cards.values())
    assert page.who.card_for("Ann Baker").status_label.text() == "Not here"
    assert page.who.guest_flow.isHidden()

    click(qtbot, page.minutes_button)
    click(qtbot, page.correction_button)
    form = stack.current
    assert isinstance(form, CorrectionPage)
    qtbot.keyClicks(form.correction_text, "Cath Dunn sent apologies; she was not absent.")
    form.at_meeting.choose(later)
    click(qtbot, form.save_button)
    assert stack.current is page
    assert "she was not absent" in page.corrections_label.text()


def test_approving_needs_a_later_meeting(themed_app, qtbot, db, coordinator, meeting):
    """With no later meeting, the page says to plan one first."""
    _ctx, _stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.minutes_button)
    assert page.approve_box.isHidden()
    assert page.approve_note.text() == (
        "Minutes are approved at a later meeting, once it has taken place. Plan the next "
        "meeting, then approve these minutes there, on the day."
    )


# ---------------------------------------------------------------- terms and rules


@POPUP_WARNINGS
def test_add_someone_to_the_committee_and_end_a_term(themed_app, qtbot, db, coordinator, board):
    """Add a term through the form (errors by the field), then end another."""
    _ctx, stack, page = open_stack(qtbot, db, coordinator, CommitteePage)
    click(qtbot, page.serving_button)
    click(qtbot, page.add_term_button)
    form = stack.current
    assert isinstance(form, TermFormPage)
    click(qtbot, form.save_button)
    assert form.form.field("person_id").error_text() == "Choose who is serving."
    assert form.errors_summary.text().startswith("One thing needs fixing first.")
    choose_in_list(qtbot, form.person, "Gus Guest")
    assert not form.form.field("person_id").has_error()
    assert form.errors_summary.isHidden()
    form.position.choose("secretary")
    click(qtbot, form.save_button)
    assert stack.current is form
    assert (
        form.form.field("position")
        .error_text()
        .startswith("Cath Dunn is secretary until 31 January 2028. End that term first")
    )
    form.position.choose("co_opted")
    click(qtbot, form.save_button)
    assert stack.current is page
    serving = {t.name: t.position_words for t in page.terms_model.rows()}
    assert serving["Gus Guest"] == "Co-opted trustee"

    assert not page.end_term_button.isEnabled()
    joan_row = next(i for i, t in enumerate(page.terms_model.rows()) if t.name == "Joan Ford")
    click_row(qtbot, page.terms_table, joan_row)
    assert page.end_term_note.text() == "Chosen: Joan Ford, Trustee."
    click(qtbot, page.end_term_button)
    end = stack.current
    assert isinstance(end, EndTermPage)
    assert end.save_button.text() == "End Joan Ford's term"
    end.ends_on.set_value(TODAY - timedelta(days=1))
    click(qtbot, end.save_button)
    assert stack.current is page
    assert "Joan Ford" not in {t.name for t in page.terms_model.rows()}


def test_the_coordinator_sets_the_club_rules(themed_app, qtbot, db, coordinator, board):
    """Quorum (number and share), casting vote, notice and make-up, saved together."""
    _ctx, stack, page = open_stack(qtbot, db, coordinator, CommitteePage)
    click(qtbot, page.serving_button)
    click(qtbot, page.rules_button)
    rules = stack.current
    assert isinstance(rules, ConstitutionPage)
    click(qtbot, rules.steppers["quorum_number"].plus_button)
    assert not rules.form.field("quorum_share_top").isVisible()
    click(qtbot, rules.share_check)
    assert rules.form.field("quorum_share_top").isVisible()
    assert rules.quorum_words.text() == (
        "A committee meeting needs at least 4 trustees present, or 2 in every 3 trustees "
        "serving, whichever is more. With 5 trustees serving now, that is 4 trustees."
    )
    click(qtbot, rules.steppers["quorum_share_top"].plus_button)
    click(qtbot, rules.steppers["quorum_share_top"].plus_button)
    click(qtbot, rules.save_button)
    assert "more than all of them" in rules.form.field("quorum_share_top").error_text()
    click(qtbot, rules.steppers["quorum_share_top"].minus_button)
    click(qtbot, rules.steppers["quorum_share_top"].minus_button)
    click(qtbot, rules.casting_check)
    click(qtbot, rules.save_button)

    assert stack.current is page
    get = lambda key: db.run(club.get_int, key)  # noqa: E731
    assert (get("quorum_number"), get("quorum_share_top"), get("quorum_share_bottom")) == (4, 2, 3)
    assert get("chair_casting_vote") == 0
    assert "The chair has no casting vote" in page.rules_label.text()
    assert "or 2 in every 3 trustees serving" in page.rules_label.text()


# ---------------------------------------------------------------- roles


def test_a_treasurer_sees_the_committee_but_cannot_change_it(
    themed_app, qtbot, db, actors, board, meeting
):
    """The treasurer sees everything, with no button that would change it."""
    _ctx, stack, page = open_stack(qtbot, db, actors["treasurer"], CommitteePage)
    assert page.read_only_note.isVisible()
    assert page.plan_button.isHidden()
    click(qtbot, page.serving_button)
    assert page.add_term_button.isHidden() and page.end_term_button.isHidden()
    assert page.rules_button.isHidden()
    click(qtbot, page.meetings_button)
    click_row(qtbot, page.meetings_table, 0)
    click(qtbot, page.open_button)
    meeting_page = stack.current
    assert isinstance(meeting_page, MeetingPage)
    assert meeting_page.lock_label.text().startswith("You can see this meeting.")
    assert meeting_page.start_button.isHidden() and meeting_page.edit_button.isHidden()
    assert meeting_page.agenda_changes.isHidden()
    assert meeting_page.print_agenda_button.isVisible()
    click(qtbot, meeting_page.who_button)
    card = meeting_page.who.card_for("Ann Baker")
    assert all(b.isHidden() for b in card.buttons.values())
    assert card.status_label.text() == "Not here"
    click(qtbot, meeting_page.minutes_button)
    assert meeting_page.approve_box.isHidden() and meeting_page.approve_note.isHidden()


def test_a_volunteer_has_no_committee_page(themed_app, qtbot, db, actors, board, meeting):
    """The service refuses, and the page says so in words and shows nothing else."""
    _ctx, _stack, page = open_stack(qtbot, db, actors["volunteer"], CommitteePage)
    assert page.problem_label.isVisible()
    assert page.problem_label.text() == (
        "Only the coordinator and the committee can see the committee's business."
    )
    assert page.content.isHidden()


# ---------------------------------------------------------------- printouts (last: the lead
# is writing committee_printouts alongside)


def test_you_said_we_did_asks_for_a_period_that_makes_sense(
    themed_app, qtbot, db, coordinator, board
):
    """A period ending before it starts is explained by "To"; a good one is printed."""
    _ctx, stack, page = open_stack(qtbot, db, coordinator, CommitteePage)
    click(qtbot, page.said_button)
    assert (page.said_from.value(), page.said_to.value()) == (date(2025, 11, 19), TODAY)
    page.said_to.set_value(date(2025, 1, 1))
    click(qtbot, page.print_said_button)
    assert "before its start" in page.said_to_row.error_text()
    assert stack.pdfs.shown == []
    page.said_to.set_value(TODAY)
    click(qtbot, page.print_said_button)
    assert not page.said_to_row.has_error()
    title, make_pdf, file_name = stack.pdfs.shown[0]
    assert title == "You said, we did"
    assert file_name == "you-said-we-did-2025-11-19-to-2026-11-18.pdf"
    assert make_pdf().startswith(b"%PDF")


def test_print_the_agenda_and_the_minutes(themed_app, qtbot, db, coordinator, meeting):
    """Four printouts, each made by the committee printouts and shown in the preview."""
    _ctx, stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.print_agenda_button)
    click(qtbot, page.print_easy_agenda_button)
    click(qtbot, page.minutes_button)
    click(qtbot, page.print_minutes_button)
    click(qtbot, page.print_easy_minutes_button)
    shown = stack.pdfs.shown
    assert [(t, f) for t, _make, f in shown] == [
        ("Agenda", "agenda-2026-11-18.pdf"),
        ("Easy-read agenda", "agenda-easy-read-2026-11-18.pdf"),
        ("Minutes", "minutes-2026-11-18.pdf"),
        ("Easy-read minutes", "minutes-easy-read-2026-11-18.pdf"),
    ]
    for _title, make_pdf, _file in shown:
        assert make_pdf().startswith(b"%PDF")


def test_page_keeps_its_part_after_a_refresh(themed_app, qtbot, db, coordinator, meeting):
    """A change elsewhere reloads the page but leaves it on the part being looked at."""
    ctx, _stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.decisions_button)
    ctx.changed.emit("committee")
    QApplication.processEvents()
    assert page.section_shown() == "Decisions and actions"
    assert page.decisions_button.isChecked() and not page.agenda_button.isChecked()
