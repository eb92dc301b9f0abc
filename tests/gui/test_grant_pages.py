"""A grant's page and a funder's page, through their real widgets in the demo club's main
window: marking an application sent, a missed deadline said in words, the award's money,
recording a payment in the books and seeing it received, matching a payment to a receipt
and undoing it, matching them all at once, marking a report sent, a payment removed
leaving the payments short of the award, printing the grant statement, deleting an
application after a question that names it, what a committee member sees, and a funder's
history of applications.

The builders at the top make a funder, an application and an award through the services
(the forms themselves are driven in test_grant_forms.py, which imports them)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from clubapp.services import books, grant_money, grants
from clubapp.services.books import EntryInput, SplitInput
from clubapp.services.grants import (
    ApplicationInput,
    AwardInput,
    FunderInput,
    InstalmentInput,
    ReportInput,
)
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.funder import FunderPage
from clubapp.ui.pages.grant import GrantPage
from clubapp.ui.pages.grant_forms import (
    ApplicationFormPage,
    MarkSentPage,
    MatchPage,
    ReceivePage,
    StatusPage,
)
from tests.conftest import TODAY
from tests.gui.committee_helpers import Recorder, answer_next_question, click
from tests.gui.test_accessibility import sign_in

FUNDER = "Oakfield Village Trust"
TITLE = "Seaside day trips"
ASKED = 500_000  # £5,000.00
AWARDED = 300_000  # £3,000.00
SENT_ON = date(2026, 10, 1)
DECIDED_ON = date(2026, 11, 2)
PERIOD = (date(2026, 11, 1), date(2027, 10, 31))
# Two payments of £1,500.00: the first due eight days before TODAY (18 November 2026).
FIRST_DUE = date(2026, 11, 10)
SECOND_DUE = date(2027, 2, 10)


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """Forms here are left holding what a test typed. As the window closes after the test,
    FormPage would ask "Leave without saving?" and wait for an answer that never comes
    (that question is FormPage's own, tested with the committee's forms)."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)


# ---------------------------------------------------------------- builders


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def make_funder(ctx, name: str = FUNDER) -> int:
    return ctx.run(
        grants.save_funder,
        None,
        FunderInput(name, "trust", contact_name="Jo Lane", email="jo@oakfield.org.uk"),
    )


def make_application(
    ctx,
    funder_id: int,
    title: str = TITLE,
    *,
    status: str = "preparing",
    deadline: date | None = None,
    asked: int | None = ASKED,
) -> int:
    return ctx.run(
        grants.save_application,
        None,
        ApplicationInput(
            funder_id,
            title,
            purpose="Trips out for members and carers",
            pays_for="A minibus and the tea room bills",
            asked_pence=asked,
            deadline=deadline,
            status=status,
        ),
        ctx.today(),
    )


def make_submitted(ctx, funder_id: int | None = None, title: str = TITLE) -> int:
    funder_id = funder_id or make_funder(ctx)
    application_id = make_application(ctx, funder_id, title)
    ctx.run(grants.change_status, application_id, "submitted", SENT_ON, ctx.today())
    return application_id


def make_awarded(ctx) -> int:
    """Awarded £3,000.00 into a new restricted fund: two payments of £1,500.00, a
    progress report and a final report."""
    application_id = make_submitted(ctx)
    ctx.run(
        grants.save_award,
        application_id,
        AwardInput(
            AWARDED,
            DECIDED_ON,
            *PERIOD,
            funder_reference="OVT-77",
            new_fund_name="Oakfield outings fund",
            instalments=(
                InstalmentInput(FIRST_DUE, 150_000),
                InstalmentInput(SECOND_DUE, 150_000),
            ),
            reports=(
                ReportInput(date(2027, 2, 1), "progress"),
                ReportInput(date(2027, 11, 30), "final"),
            ),
        ),
        ctx.today(),
    )
    return application_id


def receipt_into_fund(ctx, application_id: int, on: date, pence: int) -> int:
    """Money from the funder recorded in the Accounts room, into the grant's fund."""
    view = ctx.read(grants.get_application, application_id, ctx.today())
    bank = ctx.read(books.list_accounts)[0].account_id
    category = ctx.read(grant_money.grants_category)
    return ctx.run(
        books.record_entry,
        EntryInput(
            on,
            "receipt",
            pence,
            bank,
            (SplitInput(category, view.row.fund_id, pence),),
            payee=FUNDER,
        ),
    )


def signed_in(window, qtbot, role: str = "treasurer"):
    sign_in(window, qtbot, role)
    return window.ctx


def open_grant(window, application_id: int) -> GrantPage:
    page = GrantPage(window.ctx, application_id)
    window.ctx.navigator.push(page)
    settle()
    return page


def showing(window):
    return window.ctx.navigator.current


def card_saying(cards, words: str):
    return next(c for c in cards.widgets() if words in c.words.text())


# ---------------------------------------------------------------- the pipeline


def test_marking_an_application_sent_keeps_the_day_and_the_note_in_its_history(window, qtbot):
    """ "Sent to the funder" opens a form for the day and a note; saving moves the
    application on and the history lists the change with its day."""
    ctx = signed_in(window, qtbot)
    application_id = make_application(ctx, make_funder(ctx))
    page = open_grant(window, application_id)
    assert page.status_label.text() == "Status: Preparing, on 18 November 2026."

    click(qtbot, page.move_buttons["submitted"])
    form = showing(window)
    assert isinstance(form, StatusPage)
    assert form.save_button.text() == "Mark as sent to the funder"
    form.on.line.selectAll()
    qtbot.keyClicks(form.on.line, "16/11/2026")
    qtbot.keyClicks(form.note, "Posted to Jo Lane")
    click(qtbot, form.save_button)

    assert showing(window) is page
    assert page.status_label.text() == "Status: Submitted, on 16 November 2026."
    page.show_section(page.history_button)
    assert "16 November 2026 — Submitted: Posted to Jo Lane" in page.history_label.text()
    row = ctx.read(grants.get_application, application_id, TODAY).row
    assert (row.status, row.submitted_on) == ("submitted", date(2026, 11, 16))
    # Sent: it can now be awarded, turned down, withdrawn, or put back to preparing.
    shown = {s for s, b in page.move_buttons.items() if b.isVisible()}
    assert shown == {"preparing", "awarded", "declined", "withdrawn"}


def test_a_deadline_passed_before_the_bid_was_sent_is_said_in_words(window, qtbot):
    """A bid still being prepared eight days after its deadline shows as missed."""
    ctx = signed_in(window, qtbot)
    application_id = make_application(ctx, make_funder(ctx), deadline=date(2026, 11, 10))
    page = open_grant(window, application_id)
    assert page.missed_label.isVisible()
    assert page.missed_label.text().startswith(
        "Missed: the deadline was 8 days ago (10 November 2026), and the bid has not been sent."
    )
    # Before the award, only the summary and the history have anything to show.
    assert not page.money_button.isVisible() and not page.payments_button.isVisible()


def test_awarded_opens_the_award_form_for_a_submitted_application(window, qtbot):
    """The "Awarded" move asks for the award's details rather than just changing status."""
    from clubapp.ui.pages.grant_forms import AwardFormPage

    ctx = signed_in(window, qtbot)
    page = open_grant(window, make_submitted(ctx))
    click(qtbot, page.move_buttons["awarded"])
    assert isinstance(showing(window), AwardFormPage)


# ---------------------------------------------------------------- the award's money


def test_the_money_part_shows_the_award_the_over_asked_flag_and_the_time_left(window, qtbot):
    """£3,000.00 awarded of £5,000.00 asked is not flagged; after changing the award to
    £5,250.00 the flag says £250.00 more than asked, and the payments £2,250.00 short."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    page = open_grant(window, application_id)
    click(qtbot, page.money_button)
    assert page.figures["Awarded"].text() == "£3,000.00"
    assert page.figures["Received"].text() == "£0.00"
    assert page.figures["Left to spend"].text() == "£3,000.00"
    assert not page.over_label.isVisible()
    # 18 November 2026 to 31 October 2027: 11 whole months.
    assert page.time_left_label.text() == (
        "11 months left: the grant's period ends on 31 October 2027."
    )
    assert page.difference_label.text() == "The payments add up to the award, £3,000.00."

    ctx.run(
        grants.save_award,
        application_id,
        AwardInput(525_000, DECIDED_ON, *PERIOD, fund_id=page.view.row.fund_id),
        TODAY,
        changed="grants",
    )
    settle()
    assert page.over_label.isVisible()
    assert page.over_label.text().startswith(
        "The award is £250.00 more than the £5,000.00 asked for."
    )
    # Two payments of £1,500.00 make £3,000.00: £2,250.00 less than £5,250.00.
    assert page.difference_label.text().startswith(
        "The payments add up to £3,000.00: £2,250.00 less than the award of £5,250.00."
    )


def test_recording_a_payment_in_the_books_shows_it_received(window, qtbot):
    """Record in the books makes a receipt into the grant's fund, under Grants, and the
    payment shows as received on that day; the money part counts it."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    page = open_grant(window, application_id)
    click(qtbot, page.payments_button)
    first = card_saying(page.payment_cards, "10 November 2026")
    assert first.words.text() == (
        "10 November 2026: £1,500.00. Overdue by 8 days: not received yet."
    )

    click(qtbot, first.buttons["record"])
    form = showing(window)
    assert isinstance(form, ReceivePage)
    assert form.category.currentText() == "Grants"
    click(qtbot, form.save_button)

    assert showing(window) is page
    first = card_saying(page.payment_cards, "10 November 2026")
    assert first.words.text() == "10 November 2026: £1,500.00. Received on 18 November 2026."
    assert not first.buttons["record"].isVisible()
    click(qtbot, page.money_button)
    assert page.figures["Received"].text() == "£1,500.00"
    assert page.figures["In hand"].text() == "£1,500.00"
    money = ctx.read(grant_money.grant_money, application_id, TODAY)
    assert [(line.on, line.pence, line.category) for line in money.received] == [
        (TODAY, 150_000, "Grants")
    ]


def test_a_payment_is_matched_to_a_receipt_already_in_the_books_and_unmatched(window, qtbot):
    """Match lists the receipts into the grant's fund; choosing one marks the payment
    received on the receipt's day; Unmatch puts it back to not received."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    receipt_into_fund(ctx, application_id, date(2026, 11, 12), 150_000)
    page = open_grant(window, application_id)
    click(qtbot, page.payments_button)

    click(qtbot, card_saying(page.payment_cards, "10 November 2026").buttons["match"])
    form = showing(window)
    assert isinstance(form, MatchPage)
    choice = form.choice_for("12 November 2026: £1,500.00 from Oakfield Village Trust")
    assert choice.isChecked()  # the likeliest: the same amount, the nearest date
    click(qtbot, form.save_button)
    first = card_saying(page.payment_cards, "10 November 2026")
    assert first.words.text() == "10 November 2026: £1,500.00. Received on 12 November 2026."
    assert first.buttons["match"].text() == "Change the match"

    click(qtbot, first.buttons["match"])
    form = showing(window)
    assert form.unmatch_button.isVisible()
    click(qtbot, form.unmatch_button)
    assert showing(window) is page
    first = card_saying(page.payment_cards, "10 November 2026")
    assert first.words.text().endswith("Overdue by 8 days: not received yet.")


def test_match_payments_to_the_books_matches_them_and_says_how_many(window, qtbot):
    """A receipt of the same amount a few days after a payment's date is matched by the
    one button; the other payment, with no receipt, is left."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    receipt_into_fund(ctx, application_id, date(2026, 11, 13), 150_000)
    page = open_grant(window, application_id)
    click(qtbot, page.payments_button)
    click(qtbot, page.auto_match_button)
    assert page.payments_notice.text() == "Matched 1 payment to receipts in the books."
    received = [
        i.received_on for i in ctx.read(grants.get_application, application_id, TODAY).instalments
    ]
    assert received == [date(2026, 11, 13), None]


def test_removing_a_payment_asks_and_leaves_the_payments_short_of_the_award(window, qtbot):
    """Removing one of two £1,500.00 payments (after saying yes) leaves £1,500.00 less
    than the award, said above the payments."""
    ctx = signed_in(window, qtbot)
    page = open_grant(window, make_awarded(ctx))
    click(qtbot, page.payments_button)
    asked = answer_next_question(confirm=True)
    click(qtbot, card_saying(page.payment_cards, "10 February 2027").buttons["remove"])
    assert asked == ["Remove the payment of £1,500.00 due on 10 February 2027?"]
    assert len(page.payment_cards.widgets()) == 1
    assert page.payments_label.text() == (
        "The payments add up to £1,500.00: £1,500.00 less than the award of £3,000.00. "
        "Check them against the funder's letter."
    )


def test_marking_a_report_sent_and_taking_it_back(window, qtbot):
    """Mark sent asks for the day; the report then says when it was sent, and the count
    above the reports goes up; Mark as not sent puts it back."""
    ctx = signed_in(window, qtbot)
    page = open_grant(window, make_awarded(ctx))
    click(qtbot, page.reports_button)
    assert page.reports_label.text() == "0 of 2 reports sent. The next is due on 1 February 2027."
    progress = card_saying(page.report_cards, "Progress report")
    assert progress.words.text() == "Progress report, due 1 February 2027. Due in 75 days."

    click(qtbot, progress.buttons["mark"])
    form = showing(window)
    assert isinstance(form, MarkSentPage)
    form.sent_on.line.selectAll()
    qtbot.keyClicks(form.sent_on.line, "17/11/2026")
    click(qtbot, form.save_button)
    progress = card_saying(page.report_cards, "Progress report")
    assert (
        progress.words.text() == "Progress report, due 1 February 2027. Sent on 17 November 2026."
    )
    assert page.reports_label.text() == "1 of 2 reports sent. The next is due on 30 November 2027."

    click(qtbot, progress.buttons["mark"])  # now "Mark as not sent"
    assert (
        card_saying(page.report_cards, "Progress report").words.text().endswith("Due in 75 days.")
    )


# ---------------------------------------------------------------- print, delete, who sees what


def test_print_grant_statement_shows_the_statement_for_the_dates_chosen(window, qtbot):
    """The From and To dates start at the grant's period up to today and go to the
    printout, which comes back as a PDF."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    page = open_grant(window, application_id)
    recorder = Recorder()
    ctx.navigator.show_pdf = recorder
    click(qtbot, page.money_button)
    assert (page.starts.value(), page.ends.value()) == (PERIOD[0], TODAY)
    click(qtbot, page.print_button)
    [(title, make_pdf, file_name)] = recorder.shown
    assert title == "Grant statement"
    assert file_name == f"grant-statement-{application_id}-2026-11-01-to-2026-11-18.pdf"
    assert make_pdf().startswith(b"%PDF")


def test_print_refuses_a_to_date_before_the_from_date(window, qtbot):
    """Dates the wrong way round: the statement's refusal shows beside the To date, on
    the page (no pop-up), and nothing is printed."""
    ctx = signed_in(window, qtbot)
    page = open_grant(window, make_awarded(ctx))
    recorder = Recorder()
    ctx.navigator.show_pdf = recorder
    click(qtbot, page.money_button)
    page.ends.line.selectAll()
    qtbot.keyClicks(page.ends.line, "01/10/2026")
    click(qtbot, page.print_button)
    assert page.ends_row.error_text() == "The end date is before the start date. Check both dates."
    assert page.ends_row.error_label.isVisible()
    assert page.ends.property("error") is True
    assert not page.print_problem.isVisible()
    assert recorder.shown == []


def test_delete_asks_first_naming_the_application_then_goes_back(window, qtbot):
    """An idea can be deleted; the question names it and its funder."""
    ctx = signed_in(window, qtbot)
    application_id = make_application(ctx, make_funder(ctx), status="idea")
    before = ctx.navigator.current
    page = open_grant(window, application_id)
    asked = answer_next_question(confirm=True)
    click(qtbot, page.delete_button)
    assert asked == [
        "Delete the application “Seaside day trips” to Oakfield Village Trust? It cannot "
        "be brought back."
    ]
    assert showing(window) is before
    assert all(
        a.application_id != application_id for a in ctx.read(grants.list_applications, TODAY)
    )


def test_an_application_sent_to_the_funder_offers_no_delete(window, qtbot):
    """What was sent to a funder is kept: no Delete button."""
    ctx = signed_in(window, qtbot)
    page = open_grant(window, make_submitted(ctx))
    assert page.change_button.isVisible()
    assert not page.delete_button.isVisible()


def test_a_committee_member_sees_the_grant_but_no_buttons_that_change_it(window, qtbot):
    """The committee follows the grants: every part and the printout, nothing to change."""
    application_id = make_awarded(signed_in(window, qtbot))
    window.sign_out()
    ctx = signed_in(window, qtbot, "committee")
    page = open_grant(window, application_id)
    assert page.status_label.text() == "Status: Awarded, on 2 November 2026."
    assert not any(b.isVisible() for b in page.move_buttons.values())
    for button in (page.change_button, page.award_button, page.delete_button):
        assert not button.isVisible()
    click(qtbot, page.payments_button)
    assert not page.payment_cards.widgets()[0].button_row.isVisible()
    assert not page.add_payment_button.isVisible()
    click(qtbot, page.reports_button)
    assert not page.report_cards.widgets()[0].button_row.isVisible()
    click(qtbot, page.money_button)
    assert page.figures["Awarded"].text() == "£3,000.00"
    assert page.print_button.isVisible()
    assert ctx.actor.role == "committee"


# ---------------------------------------------------------------- the funder


def test_a_funders_page_lists_its_applications_and_starts_a_new_one(window, qtbot):
    """The funder's contact details and each application to it; Open grant opens one;
    New application to this funder starts a form with the funder chosen; a funder the
    club has applied to cannot be deleted."""
    ctx = signed_in(window, qtbot)
    funder_id = make_funder(ctx)
    application_id = make_application(ctx, funder_id)
    page = FunderPage(ctx, funder_id)
    ctx.navigator.push(page)
    settle()
    assert page.heading() == FUNDER
    assert page.contact_label.text() == "Contact: Jo Lane\nEmail: jo@oakfield.org.uk"
    assert page.history_label.text() == "1 application from the club."
    assert page.applications_model.rowCount() == 1
    assert not page.delete_button.isVisible()

    page.applications_table.selectRow(0)
    click(qtbot, page.open_button)
    grant = showing(window)
    assert isinstance(grant, GrantPage) and grant.application_id == application_id
    ctx.navigator.back()

    click(qtbot, page.new_button)
    form = showing(window)
    assert isinstance(form, ApplicationFormPage)
    assert form.funder.value() == funder_id


def test_a_funder_with_no_applications_can_be_deleted_after_a_question(window, qtbot):
    """Delete funder names the funder in its question, and removes it."""
    ctx = signed_in(window, qtbot)
    funder_id = make_funder(ctx, "Brookside Parish Fund")
    page = FunderPage(ctx, funder_id)
    ctx.navigator.push(page)
    settle()
    assert page.history_label.text() == "The club has not applied to this funder yet."
    asked = answer_next_question(confirm=True)
    click(qtbot, page.delete_button)
    assert asked == [
        "Delete Brookside Parish Fund from the list of funders? The club has not applied to them."
    ]
    assert all(f.funder_id != funder_id for f in ctx.read(grants.list_funders))


# ---------------------------------------------------------------- after the tester


def spend_from_fund(ctx, application_id: int, on: date, pence: int) -> None:
    """A payment out of the grant's fund, recorded in the Accounts room."""
    view = ctx.read(grants.get_application, application_id, ctx.today())
    bank = ctx.read(books.list_accounts)[0].account_id
    category = next(c for c in ctx.read(books.list_categories) if not c.is_receipt)
    ctx.run(
        books.record_entry,
        EntryInput(
            on,
            "payment",
            pence,
            bank,
            (SplitInput(category.category_id, view.row.fund_id, pence),),
            payee="Seaside Coaches",
        ),
    )


def test_spending_beyond_the_award_and_the_money_in_is_said_in_words_as_a_warning(window, qtbot):
    """£3,500 spent of a £3,000 award with nothing received: Left to spend is -£500 and In
    hand -£3,500, both in red and both said in words."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    spend_from_fund(ctx, application_id, date(2026, 11, 15), 350_000)
    page = open_grant(window, application_id)
    click(qtbot, page.money_button)
    assert page.overspent_label.isVisible()
    assert page.overspent_label.property("role") == "error"
    assert page.overspent_label.text() == (
        "Spent £500.00 more than the award.\n"
        "The grant has spent £3,500.00 more than it has received so far."
    )
    for name in ("Left to spend", "In hand"):
        assert page.figures[name].property("role") == "error"
    assert page.figures["Awarded"].property("role") != "error"


def test_payments_short_of_the_award_are_a_warning_on_the_money_and_the_summary(window, qtbot):
    """With one of the two £1,500 payments removed, the £1,500 short is said in red on
    the Money part and on the Summary too."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    view = ctx.read(grants.get_application, application_id, TODAY)
    ctx.run(grants.delete_instalment, view.instalments[1].instalment_id)
    page = open_grant(window, application_id)
    short = "The payments add up to £1,500.00: £1,500.00 less than the award of £3,000.00."
    assert page.summary_warnings.isVisible()
    assert short in page.summary_warnings.text()
    assert page.summary_warnings.property("role") == "error"
    click(qtbot, page.money_button)
    assert short in page.difference_label.text()
    assert page.difference_label.property("role") == "error"


def test_an_award_above_the_amount_asked_is_flagged_on_the_summary(window, qtbot):
    """£5,000 asked, £6,000 awarded: the summary flags the £1,000 more, in red."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    ctx.run(
        grants.save_award,
        application_id,
        AwardInput(600_000, DECIDED_ON, *PERIOD, new_fund_name="Oakfield outings fund"),
        TODAY,
    )
    page = open_grant(window, application_id)
    assert page.summary_warnings.text().startswith(
        "The award is £1,000.00 more than the £5,000.00 asked for."
    )
    assert page.summary_warnings.property("role") == "error"
    click(qtbot, page.money_button)
    assert page.over_label.property("role") == "error"


def test_the_statement_dates_stop_at_today_and_a_future_date_is_refused_beside_it(window, qtbot):
    """The period runs to 31 October 2027, but To starts at today (18 November 2026); a
    To date next month is refused beside To, and nothing is printed."""
    ctx = signed_in(window, qtbot)
    page = open_grant(window, make_awarded(ctx))
    recorder = Recorder()
    ctx.navigator.show_pdf = recorder
    click(qtbot, page.money_button)
    assert (page.starts.value(), page.ends.value()) == (date(2026, 11, 1), TODAY)
    page.ends.line.selectAll()
    qtbot.keyClicks(page.ends.line, "01/12/2026")
    click(qtbot, page.print_button)
    assert page.ends_row.error_text() == "This is in the future. Choose a day up to today."
    assert recorder.shown == []


def test_a_grant_whose_period_has_not_started_says_when_it_can_be_printed(window, qtbot):
    """A period from 1 January 2027: the Print part says the statement can be printed
    from then, the button is off, and From and To are not after today."""
    ctx = signed_in(window, qtbot)
    application_id = make_submitted(ctx)
    ctx.run(
        grants.save_award,
        application_id,
        AwardInput(
            AWARDED,
            DECIDED_ON,
            date(2027, 1, 1),
            date(2027, 12, 31),
            new_fund_name="Oakfield outings fund",
        ),
        TODAY,
    )
    page = open_grant(window, application_id)
    click(qtbot, page.money_button)
    assert page.not_started_label.isVisible()
    assert page.not_started_label.text() == (
        "The statement can be printed once the grant's period has started, on 1 January 2027."
    )
    assert not page.print_button.isEnabled()
    assert page.starts.value() <= TODAY and page.ends.value() <= TODAY


def test_close_the_grant_shows_only_once_every_report_is_sent(window, qtbot):
    """Two reports due: no Close button, a line saying why. Both sent: Close the grant is
    the main button."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    page = open_grant(window, application_id)
    close = page.move_buttons["closed"]
    assert not close.isVisible()
    assert page.close_later_label.isVisible()
    assert page.close_later_label.text() == "Close the grant once every report is sent."
    for report in ctx.read(grants.get_application, application_id, TODAY).reports:
        ctx.run(grants.mark_report, report.report_id, date(2026, 11, 17), TODAY, changed="grants")
    page.refresh()
    assert close.isVisible()
    assert close.text() == "Close the grant"
    assert close.property("variant") == "primary"
    assert not page.close_later_label.isVisible()


def test_a_closed_grant_is_opened_again_in_those_words(window, qtbot):
    """From closed the only move back is said as what it does, not "Record the award"."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    for report in ctx.read(grants.get_application, application_id, TODAY).reports:
        ctx.run(grants.mark_report, report.report_id, date(2026, 11, 17), TODAY)
    ctx.run(grants.change_status, application_id, "closed", TODAY, TODAY)
    page = open_grant(window, application_id)
    shown = [b.text() for b in page.move_buttons.values() if b.isVisible()]
    assert shown == ["Open the grant again"]


def test_payments_and_reports_still_to_do_come_first_soonest_first(window, qtbot):
    """The first payment received goes below those still to come (February, then May);
    the progress report sent goes below the final report still due."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    ctx.run(grants.save_instalment, application_id, None, InstalmentInput(date(2027, 5, 10), 1))
    receipt_into_fund(ctx, application_id, FIRST_DUE, 150_000)
    assert ctx.run(grant_money.auto_match, application_id) == 1
    view = ctx.read(grants.get_application, application_id, TODAY)
    progress = next(r for r in view.reports if r.kind == "progress")
    ctx.run(grants.mark_report, progress.report_id, date(2026, 11, 17), TODAY)
    page = open_grant(window, application_id)
    payments = [c.words.text().split(":")[0] for c in page.payment_cards.widgets()]
    assert payments == ["10 February 2027", "10 May 2027", "10 November 2026"]
    reports = [c.words.text().split(",")[0] for c in page.report_cards.widgets()]
    assert reports == ["Final report", "Progress report"]


def test_a_report_cannot_be_marked_sent_before_the_grant_was_awarded(window, qtbot):
    """Awarded on 2 November 2026: a report sent on 1 November is refused beside the date,
    and stays due."""
    ctx = signed_in(window, qtbot)
    application_id = make_awarded(ctx)
    page = open_grant(window, application_id)
    click(qtbot, page.reports_button)
    card = page.report_cards.widgets()[0]
    click(qtbot, card.buttons["mark"])
    form = showing(window)
    assert isinstance(form, MarkSentPage)
    form.sent_on.line.selectAll()
    qtbot.keyClicks(form.sent_on.line, "01/11/2026")
    click(qtbot, form.save_button)
    assert showing(window) is form
    assert form.form.field("sent_on").error_text() == (
        "This is before the grant was awarded, on 2 November 2026. Choose the day the report "
        "was sent."
    )
    view = ctx.read(grants.get_application, application_id, TODAY)
    assert all(r.status == "due" for r in view.reports)
