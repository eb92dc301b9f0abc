"""The grants' forms, through their real widgets in the demo club's main window: adding a
funder by keyboard, creating an application (its funder added on the way), recording an
award with a new restricted fund and quarterly payments and reports, the flag for an
award above what was asked, the sentence when the payments do not add up, odd pence on
the last payment, and bad input shown beside its field with everything typed kept."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.services import books, grants, members
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.grant import GrantPage
from clubapp.ui.pages.grant_forms import (
    ApplicationFormPage,
    AwardFormPage,
    FunderFormPage,
    InstalmentPage,
    ReportPage,
    StatusPage,
    equal_payments,
    months_on,
    quarterly_reports,
)
from tests.conftest import TODAY
from tests.gui.committee_helpers import choose_in_list, click
from tests.gui.test_committee_pages import pick_person
from tests.gui.test_grant_pages import (
    ASKED,
    FUNDER,
    TITLE,
    leaving_asks_nothing,  # noqa: F401 (an autouse fixture)
    make_awarded,
    make_funder,
    make_submitted,
    settle,
    showing,
    signed_in,
)

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)
RETURN = Qt.Key.Key_Return


def push(window, page):
    window.ctx.navigator.push(page)
    settle()
    return page


def wait_active(qtbot, window) -> None:
    """The offscreen window takes the keyboard a moment after it shows."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def retype(qtbot, box, text: str) -> None:
    """Select what a box holds and type over it, as a person does."""
    box.setFocus(Qt.FocusReason.OtherFocusReason)
    box.selectAll()
    qtbot.keyClicks(box, text)


def applications(ctx) -> list[grants.ApplicationRow]:
    return ctx.read(grants.list_applications, TODAY)


# ---------------------------------------------------------------- sums and dates


def test_equal_payments_put_the_odd_pence_on_the_last():
    """£1,000.01 in three: £333.33, £333.33 and £333.35, three months apart."""
    assert equal_payments(100_001, 3, date(2027, 1, 31), 3) == [
        (date(2027, 1, 31), 33_333),
        (date(2027, 4, 30), 33_333),
        (date(2027, 7, 31), 33_335),
    ]


def test_months_on_keeps_the_day_or_takes_the_months_last():
    """31 January and one month is 28 February; 29 February 2028 and a year is 28 February."""
    assert months_on(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert months_on(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert months_on(date(2026, 11, 18), 14) == date(2028, 1, 18)


def test_quarterly_reports_run_through_the_period_then_a_final_report():
    """A year from 1 April: progress on 1 July, 1 October and 1 January; final on 30 April."""
    assert quarterly_reports(date(2027, 4, 1), date(2028, 3, 31)) == [
        (date(2027, 7, 1), "progress"),
        (date(2027, 10, 1), "progress"),
        (date(2028, 1, 1), "progress"),
        (date(2028, 4, 30), "final"),
    ]


# ---------------------------------------------------------------- a funder


@POPUP_WARNINGS
def test_a_funder_is_added_by_keyboard_with_enter_moving_on(window, qtbot):
    """Typing the name, Enter, choosing the kind, Enter, and so on: every box is saved."""
    ctx = signed_in(window, qtbot)
    saved: list[int] = []
    before = showing(window)
    form = push(window, FunderFormPage(ctx, None, saved=saved.append))
    wait_active(qtbot, window)
    form.name.setFocus()
    qtbot.keyClicks(form.name, FUNDER)
    qtbot.keyClick(form.name, RETURN)
    assert QApplication.focusWidget() is form.kind
    choose_in_list(qtbot, form.kind, "Council")
    form.kind.setFocus()
    qtbot.keyClick(form.kind, RETURN)
    assert QApplication.focusWidget() is form.contact_name
    qtbot.keyClicks(form.contact_name, "Jo Lane")
    qtbot.keyClick(form.contact_name, RETURN)
    qtbot.keyClicks(form.email, "jo@oakfield.org.uk")
    qtbot.keyClick(form.email, RETURN)
    qtbot.keyClicks(form.phone, "01632 960123")
    qtbot.keyClick(form.phone, RETURN)
    qtbot.keyClicks(form.website, "www.oakfield.org.uk")
    qtbot.keyClick(form.website, RETURN)
    assert QApplication.focusWidget() is form.notes
    qtbot.keyClicks(form.notes, "Opens each spring.")
    click(qtbot, form.save_button)

    assert showing(window) is before
    row = ctx.read(grants.get_funder, saved[0])
    assert (row.name, row.kind, row.contact_name, row.email, row.phone, row.website) == (
        FUNDER,
        "council",
        "Jo Lane",
        "jo@oakfield.org.uk",
        "01632 960123",
        "www.oakfield.org.uk",
    )
    assert row.notes == "Opens each spring."


def test_a_funder_with_a_name_already_listed_is_refused_beside_the_name(window, qtbot):
    """A second funder of the same name is refused under the name, which stays typed."""
    ctx = signed_in(window, qtbot)
    make_funder(ctx)
    form = push(window, FunderFormPage(ctx, None))
    qtbot.keyClicks(form.name, FUNDER.upper())
    click(qtbot, form.save_button)
    assert showing(window) is form
    assert (
        form.form.field("name").error_text()
        == f"There is already a funder called {FUNDER.upper()}."
    )
    assert form.name.text() == FUNDER.upper()


# ---------------------------------------------------------------- an application


@POPUP_WARNINGS
def test_an_application_is_created_through_the_form_with_its_funder_added_on_the_way(window, qtbot):
    """Add a funder from the form, come back with it chosen, fill in the application and
    save: the application is saved as typed and its page opens."""
    ctx = signed_in(window, qtbot)
    form = push(window, ApplicationFormPage(ctx, None))
    assert form.funder.value() is None  # nothing chosen for the person

    click(qtbot, form.add_funder_button)
    funder_form = showing(window)
    assert isinstance(funder_form, FunderFormPage)
    qtbot.keyClicks(funder_form.name, FUNDER)
    click(qtbot, funder_form.save_button)
    assert showing(window) is form
    funder_id = next(f.funder_id for f in ctx.read(grants.list_funders) if f.name == FUNDER)
    assert form.funder.value() == funder_id

    qtbot.keyClicks(form.title_box, TITLE)
    qtbot.keyClicks(form.purpose, "Trips out for members and carers")
    qtbot.keyClicks(form.pays_for, "A minibus and the tea room bills")
    qtbot.keyClicks(form.asked, "5,000")
    session_name = ctx.read(grants.session_names)[0]
    assert form.sessions.none_label.isVisible()  # nothing ticked: the whole club
    click(qtbot, form.sessions.check_for(session_name))
    assert not form.sessions.none_label.isVisible()
    person = ctx.read(members.list_people)[0]
    form.form.ensureWidgetVisible(form.writers)
    pick_person(qtbot, form.writers.finder, person.display_name[:4], person.display_name)
    click(qtbot, form.writers.add_button)
    assert [c.name() for c in form.writers.chosen] == [person.display_name]
    click(qtbot, form.deadline.check)
    retype(qtbot, form.deadline.edit.line, "15/01/2027")
    click(qtbot, form.starts_as.buttons["preparing"])
    click(qtbot, form.save_button)

    page = showing(window)
    assert isinstance(page, GrantPage)
    assert page.heading() == TITLE
    view = ctx.read(grants.get_application, page.application_id, TODAY)
    assert (view.row.funder_id, view.row.title, view.row.status) == (funder_id, TITLE, "preparing")
    assert view.row.asked_pence == ASKED
    assert view.row.deadline == date(2027, 1, 15)
    assert view.session_names == [session_name]
    assert view.writers == [(person.person_id, person.full_name)]
    assert view.pays_for == "A minibus and the tea room bills"


def test_bad_input_in_an_application_is_shown_beside_each_field_and_kept(window, qtbot):
    """A blank title and an amount that is not an amount are each named under their own
    box; the words typed stay; nothing is saved."""
    ctx = signed_in(window, qtbot)
    funder_id = make_funder(ctx)
    before = len(applications(ctx))
    form = push(window, ApplicationFormPage(ctx, None, funder_id=funder_id))
    qtbot.keyClicks(form.purpose, "Trips out")
    qtbot.keyClicks(form.asked, "12.3.4")
    click(qtbot, form.save_button)

    assert showing(window) is form
    assert form.form.field("asked").error_text().startswith("'12.3.4' is not an amount of money.")
    assert form.asked.text() == "12.3.4"
    assert form.purpose.text() == "Trips out"
    assert len(applications(ctx)) == before

    retype(qtbot, form.asked, "5000")
    click(qtbot, form.save_button)
    assert form.form.field("title").error_text() != ""
    assert "title" in form.form.field("title").error_text().lower()
    assert form.asked.text() == "5000"
    assert form.errors_summary.text() == "One thing needs fixing first. It is shown in red above."
    assert len(applications(ctx)) == before


@POPUP_WARNINGS
def test_a_name_typed_for_a_bid_writer_that_names_nobody_is_refused_not_dropped(window, qtbot):
    """Words left in the writers' box that name no one are said beside it, and kept."""
    ctx = signed_in(window, qtbot)
    form = push(window, ApplicationFormPage(ctx, None, funder_id=make_funder(ctx)))
    qtbot.keyClicks(form.title_box, TITLE)
    qtbot.keyClicks(form.writers.finder.lineEdit(), "Nobody Ofthatname")
    click(qtbot, form.save_button)
    assert showing(window) is form
    assert (
        form.form.field("writers")
        .error_text()
        .startswith("“Nobody Ofthatname” does not name one person.")
    )
    assert form.writers.finder.currentText() == "Nobody Ofthatname"


def test_changing_an_application_shows_what_it_holds_and_saves_the_change(window, qtbot):
    """The form opens filled in; a new title is saved and the grant page shows it."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    page = push(window, GrantPage(ctx, application_id))
    click(qtbot, page.change_button)
    form = showing(window)
    assert form.title_box.text() == TITLE
    assert form.asked.text() == "5,000.00"
    assert form.form.fields().get("status") is None  # only a new one "starts as"
    retype(qtbot, form.title_box, "Outings to the seaside")
    click(qtbot, form.save_button)
    assert showing(window) is page
    assert page.heading() == "Outings to the seaside"


# ---------------------------------------------------------------- the award


def test_the_award_is_recorded_with_a_new_restricted_fund_and_quarterly_payments(window, qtbot):
    """£6,000.00 awarded in four quarterly payments from the period's start, with a
    progress report each quarter and a final report: a new restricted fund is made under
    the suggested name, the four payments of £1,500.00 add up to the award, and the
    application is awarded."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    page = push(window, GrantPage(ctx, application_id))
    click(qtbot, page.move_buttons["awarded"])
    form = showing(window)
    assert isinstance(form, AwardFormPage)
    assert form.fund.new_radio.isChecked()
    assert form.fund.new_name.text() == f"{FUNDER} — {TITLE}"

    qtbot.keyClicks(form.awarded, "6,000")
    # The period starts today and runs a year; the payments start with it.
    assert form.period_starts.value() == TODAY
    assert form.period_ends.value() == date(2027, 11, 17)
    assert form.payments.first.value() == TODAY
    assert form.payments.count.value() == 4 and form.payments.every.value() == 3
    click(qtbot, form.payments.split_button)
    assert [(r.due_on.value(), r.amount.text()) for r in form.payments.rows] == [
        (date(2026, 11, 18), "1,500.00"),
        (date(2027, 2, 18), "1,500.00"),
        (date(2027, 5, 18), "1,500.00"),
        (date(2027, 8, 18), "1,500.00"),
    ]
    assert form.payments.total_label.text() == "The payments add up to the award, £6,000.00."
    click(qtbot, form.reports.fill_button)
    assert [(r.due_on.value(), r.kind.value()) for r in form.reports.rows] == [
        (date(2027, 2, 18), "progress"),
        (date(2027, 5, 18), "progress"),
        (date(2027, 8, 18), "progress"),
        (date(2027, 12, 17), "final"),
    ]
    click(qtbot, form.save_button)

    assert showing(window) is page
    funds = {f.name: f for f in ctx.read(books.list_funds)}
    fund = funds[f"{FUNDER} — {TITLE}"]
    assert fund.kind == "restricted"
    view = ctx.read(grants.get_application, application_id, TODAY)
    assert view.row.status == "awarded"
    assert view.row.awarded_pence == 600_000
    assert view.row.fund_id == fund.fund_id
    assert [i.amount_pence for i in view.instalments] == [150_000] * 4
    assert view.instalments_difference == 0
    assert [r.kind for r in view.reports] == ["progress", "progress", "progress", "final"]
    assert page.status_label.text() == "Status: Awarded, on 18 November 2026."
    click(qtbot, page.history_button)
    assert "18 November 2026 — Awarded £6,000.00 (recorded by Pat Green)" in (
        page.history_label.text().split("\n")
    )


def test_an_award_above_the_amount_asked_is_flagged_beside_it_and_allowed(window, qtbot):
    """£5,000.00 was asked; typing £5,500 says £500.00 more at once, and saving is allowed;
    the grant's money part says so too."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    form = push(window, AwardFormPage(ctx, application_id))
    assert not form.over_label.isVisible()
    qtbot.keyClicks(form.awarded, "5,500")
    assert form.over_label.isVisible()
    assert form.over_label.text() == (
        "The award is £500.00 more than the £5,000.00 asked for. Check the amount against "
        "the funder's letter. Awarding more than was asked for is allowed."
    )
    click(qtbot, form.save_button)
    assert showing(window) is not form
    page = push(window, GrantPage(ctx, application_id))
    click(qtbot, page.money_button)
    assert page.over_label.text().startswith("The award is £500.00 more than the £5,000.00")


def test_payments_that_do_not_add_up_say_by_how_much(window, qtbot):
    """Four payments of £1,500.00 with one changed to £1,400 come to £5,900.00: £100.00
    less than £6,000.00. Saving is allowed; the grant page says the same."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    form = push(window, AwardFormPage(ctx, application_id))
    qtbot.keyClicks(form.awarded, "6000")
    click(qtbot, form.payments.split_button)
    retype(qtbot, form.payments.rows[2].amount, "1,400")
    assert form.payments.total_label.text() == (
        "The payments add up to £5,900.00: £100.00 less than the award of £6,000.00. "
        "Check them against the funder's letter."
    )
    click(qtbot, form.payments.rows[3].remove_button)
    assert form.payments.total_label.text().startswith(
        "The payments add up to £4,400.00: £1,600.00 less than"
    )
    click(qtbot, form.save_button)
    view = ctx.read(grants.get_application, application_id, TODAY)
    assert view.instalments_difference == 160_000
    assert grants.instalments_words(view).startswith("The payments add up to £4,400.00")


def test_splitting_an_award_with_odd_pence_puts_them_on_the_last_payment(window, qtbot):
    """£1,000.01 in three monthly payments: £333.33, £333.33, £333.35."""
    ctx = signed_in(window, qtbot)
    form = push(window, AwardFormPage(ctx, make_submitted(ctx)))
    qtbot.keyClicks(form.awarded, "1000.01")
    form.payments.count.set_value(3)
    choose_every = form.payments.every
    choose_every.choose(1)
    click(qtbot, form.payments.split_button)
    assert [(r.due_on.value(), r.amount.text()) for r in form.payments.rows] == [
        (date(2026, 11, 18), "333.33"),
        (date(2026, 12, 18), "333.33"),
        (date(2027, 1, 18), "333.35"),
    ]
    assert form.payments.total_label.text() == "The payments add up to the award, £1,000.01."


def test_split_before_the_award_is_typed_says_what_to_do_first(window, qtbot):
    """The split helper needs the amount: it says so and makes no rows."""
    ctx = signed_in(window, qtbot)
    form = push(window, AwardFormPage(ctx, make_submitted(ctx)))
    click(qtbot, form.payments.split_button)
    assert form.payments.split_problem.text() == (
        "Type the amount awarded first, then fill in the payments."
    )
    assert form.payments.rows == []


def test_a_grant_period_ending_before_it_starts_is_refused_beside_the_end(window, qtbot):
    """An end date before the start is named under the end date; the dates and amount
    typed stay, and the application is still waiting for the funder."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    form = push(window, AwardFormPage(ctx, application_id))
    qtbot.keyClicks(form.awarded, "3,000")
    retype(qtbot, form.period_starts.edit.line, "01/12/2026")
    retype(qtbot, form.period_ends.edit.line, "30/11/2026")
    click(qtbot, form.save_button)
    assert showing(window) is form
    assert form.form.field("period_ends").error_text() == (
        "The grant's period ends before it starts. Check both dates."
    )
    # What was typed stays: the date, shown in words once the box was left.
    assert form.period_ends.edit.value() == date(2026, 11, 30)
    assert form.period_ends.edit.text() == "Monday 30 November 2026"
    assert form.awarded.text() == "3,000"
    assert ctx.read(grants.get_application, application_id, TODAY).row.status == "submitted"


def test_a_payment_amount_that_is_not_an_amount_names_the_payment(window, qtbot):
    """A payment row with words for its amount: its own Amount box is outlined in red
    with the message in its card, and what was typed stays."""
    ctx = signed_in(window, qtbot)
    form = push(window, AwardFormPage(ctx, make_submitted(ctx)))
    qtbot.keyClicks(form.awarded, "3,000")
    click(qtbot, form.payments.add_button)
    click(qtbot, form.payments.add_button)
    qtbot.keyClicks(form.payments.rows[0].amount, "1500")
    qtbot.keyClicks(form.payments.rows[1].amount, "lots")
    assert form.payments.total_label.text() == (
        "Type the amount of payment 2 to see whether they add up."
    )
    click(qtbot, form.save_button)
    bad = form.payments.rows[1]
    assert bad.amount_box.error_text().startswith("'lots' is not an amount of money.")
    assert bad.amount.property("error") is True
    assert bad.amount_box.error_label.parentWidget() is bad  # in the card, under its boxes
    assert not form.payments.rows[0].amount_box.has_error()
    assert form.form.field("instalments").error_text() == ""
    assert form.payments.rows[1].amount.text() == "lots"


def test_changing_an_award_keeps_its_fund_and_leaves_out_the_payment_lists(window, qtbot):
    """Change the award opens the same form filled in, with the grant's fund chosen and
    no payments or reports lists (those are changed one by one)."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    page = push(window, GrantPage(ctx, application_id))
    click(qtbot, page.award_button)
    form = showing(window)
    assert isinstance(form, AwardFormPage)
    assert form.save_button.text() == "Save the award"
    assert form.awarded.text() == "3,000.00"
    assert form.fund.existing_radio.isChecked()
    assert form.fund.fund.currentText() == "Oakfield outings fund"
    assert "instalments" not in form.form.fields()
    retype(qtbot, form.funder_reference, "OVT-78")
    click(qtbot, form.save_button)
    assert showing(window) is page
    view = ctx.read(grants.get_application, application_id, TODAY)
    assert view.funder_reference == "OVT-78"
    assert len(view.instalments) == 2


# ---------------------------------------------------------------- the small forms


def test_a_status_change_dated_in_the_future_is_refused_beside_the_date(window, qtbot):
    """Turned down "tomorrow" cannot have happened yet: said under the date, kept."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    form = push(window, StatusPage(ctx, application_id, "declined"))
    assert form.save_button.text() == "Mark as turned down"
    retype(qtbot, form.on.line, "19/11/2026")
    click(qtbot, form.save_button)
    assert form.form.field("on").error_text() == (
        "This date is in the future. Choose the day it happened."
    )
    assert form.on.value() == date(2026, 11, 19)
    assert ctx.read(grants.get_application, application_id, TODAY).row.status == "submitted"


def test_a_payment_is_added_and_a_bad_amount_refused_first(window, qtbot):
    """Add a payment: words for the amount are refused beside it; an amount is saved."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    view = ctx.read(grants.get_application, application_id, TODAY)
    form = push(window, InstalmentPage(ctx, view))
    retype(qtbot, form.due_on.line, "10/05/2027")
    qtbot.keyClicks(form.amount, "a lot")
    click(qtbot, form.save_button)
    assert form.form.field("amount").error_text().startswith("'a lot' is not an amount of money.")
    retype(qtbot, form.amount, "250")
    click(qtbot, form.save_button)
    assert showing(window) is not form
    view = ctx.read(grants.get_application, application_id, TODAY)
    assert [(i.due_on, i.amount_pence) for i in view.instalments][-1] == (date(2027, 5, 10), 25_000)


@POPUP_WARNINGS
def test_a_financial_report_is_added_with_a_note(window, qtbot):
    """Add a report: its day, kind and note are saved."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    view = ctx.read(grants.get_application, application_id, TODAY)
    form = push(window, ReportPage(ctx, view))
    retype(qtbot, form.due_on.line, "31/03/2027")
    choose_in_list(qtbot, form.kind, "Financial report")
    qtbot.keyClicks(form.note, "With the bank statements")
    click(qtbot, form.save_button)
    reports = ctx.read(grants.get_application, application_id, TODAY).reports
    assert [(r.due_on, r.kind, r.note) for r in reports if r.kind == "financial"] == [
        (date(2027, 3, 31), "financial", "With the bank statements")
    ]


def test_enter_moves_through_a_short_form_and_saves_from_its_last_box(window, qtbot):
    """Withdrawn: a day typed then Enter goes to the note; Enter in the note saves."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    before = showing(window)
    form = push(window, StatusPage(ctx, application_id, "withdrawn"))
    wait_active(qtbot, window)
    retype(qtbot, form.on.line, "17/11/2026")
    qtbot.keyClick(form.on.line, RETURN)
    assert QApplication.focusWidget() is form.note
    qtbot.keyClicks(form.note, "The funder closed the round early")
    qtbot.keyClick(form.note, RETURN)
    assert showing(window) is before
    view = ctx.read(grants.get_application, application_id, TODAY)
    assert view.row.status == "withdrawn"
    assert "17 November 2026 — Withdrawn: The funder closed the round early" in [
        step.words for step in view.history
    ]


# ---------------------------------------------------------------- every problem at once


def message_in_view(form: FormPage, row) -> bool:
    """The row's message lies wholly inside the part of the form that shows."""
    viewport = form.form.viewport()
    message = row.error_label
    top = message.mapTo(viewport, message.rect().topLeft()).y()
    return message.isVisible() and top >= 0 and top + message.height() <= viewport.height()


def test_a_bad_amount_asked_is_shown_with_every_other_problem(window, qtbot):
    """No funder, no title and "12.3.4" asked for: all three messages at once, nothing
    saved, and the count line says three."""
    ctx = signed_in(window, qtbot)
    before = len(applications(ctx))
    form = push(window, ApplicationFormPage(ctx, None))
    qtbot.keyClicks(form.asked, "12.3.4")
    click(qtbot, form.save_button)
    assert showing(window) is form
    errors = {name: row.error_text() for name, row in form.form.fields().items()}
    assert errors["funder"] == "Choose the funder."
    assert errors["title"] != ""
    assert "12.3.4" in errors["asked"]
    assert form.errors_summary.text().startswith("3 things need fixing first.")
    assert len(applications(ctx)) == before
    assert form.asked.text() == "12.3.4"


def test_a_bad_payment_is_shown_with_the_periods_problem(window, qtbot):
    """A payment of "lots" and a period that ends before it starts: both messages at
    once, the payment's beside its own box, and nothing is saved."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    form = push(window, AwardFormPage(ctx, application_id))
    qtbot.keyClicks(form.awarded, "3,000")
    form.period_starts.set_value(date(2026, 11, 1), TODAY)
    form.period_ends.set_value(date(2026, 10, 1), TODAY)
    click(qtbot, form.payments.add_button)
    qtbot.keyClicks(form.payments.rows[0].amount, "lots")
    click(qtbot, form.save_button)
    assert showing(window) is form
    assert form.form.field("period_ends").error_text() == (
        "The grant's period ends before it starts. Check both dates."
    )
    assert form.payments.rows[0].amount_box.has_error()
    assert form.errors_summary.text().startswith("2 things need fixing first.")
    assert ctx.read(grants.get_application, application_id, TODAY).row.status == "submitted"
    # Putting the payment right takes its message away and the count follows.
    retype(qtbot, form.payments.rows[0].amount, "3,000")
    assert not form.payments.rows[0].amount_box.has_error()
    assert form.errors_summary.text().startswith("One thing needs fixing first.")


def test_after_a_failed_save_the_first_message_is_in_view_above_the_count_line(window, qtbot):
    """A bad payment far down the award form: the form scrolls so that payment's message
    shows whole, not hidden behind the line counting the problems."""
    ctx = signed_in(window, qtbot)
    form = push(window, AwardFormPage(ctx, make_submitted(ctx)))
    qtbot.keyClicks(form.awarded, "3,000")
    click(qtbot, form.payments.split_button)
    retype(qtbot, form.payments.rows[3].amount, "lots")
    form.form.verticalScrollBar().setValue(0)
    click(qtbot, form.save_button)
    bad = form.payments.rows[3].amount_box
    assert bad.has_error()
    qtbot.waitUntil(lambda: message_in_view(form, bad))
    assert form.errors_summary.isVisible()


def test_a_first_field_message_is_in_view_at_200_percent(window, qtbot, themed_app):
    """At 200 % text, a bad amount awarded (the first field) shows its message whole."""
    from clubapp.ui import theme

    ctx = signed_in(window, qtbot)
    theme.apply_theme(themed_app, 2.0)
    form = push(window, AwardFormPage(ctx, make_submitted(ctx)))
    qtbot.keyClicks(form.awarded, "12.3.4")
    form.form.verticalScrollBar().setValue(form.form.verticalScrollBar().maximum())
    click(qtbot, form.save_button)
    row = form.form.field("awarded")
    qtbot.waitUntil(lambda: message_in_view(form, row))


def test_the_award_form_at_200_percent_scrolls_its_intro_with_the_fields(window, qtbot, themed_app):
    """At 200 % the words about the grant scroll with the fields, so the fields have the
    page's height between the heading and the buttons, not a strip under the words; and
    Fill in equal payments brings the new payments into view."""
    from clubapp.ui import theme

    ctx = signed_in(window, qtbot)
    theme.apply_theme(themed_app, 2.0)
    form = push(window, AwardFormPage(ctx, make_submitted(ctx)))
    assert form.about.parentWidget() is form.form.widget()
    assert form.about.text().startswith(TITLE)
    assert form.form.height() > form.height() * 0.6
    retype(qtbot, form.awarded, "3,000")
    form.form.verticalScrollBar().setValue(0)
    form.form.ensureWidgetVisible(form.payments.split_button)
    click(qtbot, form.payments.split_button)
    first = form.payments.rows[0]
    viewport = form.form.viewport()

    def first_in_view() -> bool:
        top = first.mapTo(viewport, first.rect().topLeft()).y()
        return 0 <= top < viewport.height()

    qtbot.waitUntil(first_in_view)
