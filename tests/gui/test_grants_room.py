"""The Grants room through its real widgets: the deadlines board's lines in words and
colour on a fixed day, a missed deadline, the pipeline's figures and the year's totals
worked out by hand, filtering the list by clicking, opening a grant and a funder, the
summary printout, Home's next three deadlines, and who sees what.

The grants are made here through the services, on a club without the demo's grants, so
every figure below can be worked out from :func:`make_grants`.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from clubapp.db.database import Database
from clubapp.services import grants
from clubapp.services.grants import (
    ApplicationInput,
    AwardInput,
    FunderInput,
    InstalmentInput,
    ReportInput,
)
from clubapp.services.permissions import Actor
from clubapp.ui.pages.grants import DeadlineLine, GrantsPage
from clubapp.ui.pages.home import HomePage
from clubapp.ui.tablemodels.grants import ApplicationsModel, FundersModel, PipelineModel
from tests.conftest import TODAY
from tests.gui.committee_helpers import LEFT, choose_in_list, click, open_stack

# Not the demo's funders, so the same grants can be added to the demo club too.
LOTTERY = "Kingfisher Community Lottery"
RIVERSIDE = "Riverbank Charitable Trust"
HARMONY = "The Melody Trust"
COUNCIL = "Westshire County Council"
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


def make_grants(db: Database, actor: Actor) -> dict[str, int]:
    """Four funders and seven applications, seen from TODAY (Wednesday 18 November 2026;
    the financial year runs from April, so this year is 2026-27):

    - Weekly club (Lottery): asked £30,000, sent 20 February 2026, awarded £30,000 on
      10 May 2026; a progress report due 23 November 2026 (in 5 days), a payment of
      £7,500 due 1 December 2026 (in 13 days), a financial report and a payment after
      the board's 60 days.
    - Music project (Harmony): £2,500, still being prepared; its deadline was
      15 November 2026, 3 days ago: missed.
    - Crafternoon (Riverside): asked £800, sent 1 September 2026, awarded £1,000 (£200
      more than asked) on 1 October 2026; its final report was due 10 November 2026
      (8 days overdue); the grant ends 31 December 2026 (in 43 days).
    - Garden project (Council): an idea, no amount yet, deadline 8 January 2027 (51 days).
    - Minibus (Council): asked £12,000, sent 1 October 2026, waiting for the decision.
    - Day trips (Riverside): asked £1,500, sent 1 June 2025, turned down 1 September 2025.
    - Tea dance (Harmony): asked £500, an idea withdrawn; its deadline 1 August 2026.
    """

    def run(fn, *args):
        return db.run(fn, actor, *args)

    ids = {
        "lottery": run(grants.save_funder, None, FunderInput(LOTTERY, "lottery")),
        "riverside": run(
            grants.save_funder,
            None,
            FunderInput(
                RIVERSIDE,
                "trust",
                contact_name="Maggie Shaw",
                email="grants@riverbank.example.org",
                phone="0161 496 0123",
            ),
        ),
        "harmony": run(grants.save_funder, None, FunderInput(HARMONY, "trust")),
        "council": run(grants.save_funder, None, FunderInput(COUNCIL, "council")),
    }

    def apply(key: str, funder: str, title: str, asked: int | None, **more) -> int:
        data = ApplicationInput(ids[funder], title, asked_pence=asked, **more)
        ids[key] = run(grants.save_application, None, data, TODAY)
        return ids[key]

    def move(key: str, status: str, on: date) -> None:
        run(grants.change_status, ids[key], status, on, TODAY)

    apply("weekly", "lottery", "Weekly club", 3_000_000, deadline=date(2026, 3, 1))
    move("weekly", "submitted", date(2026, 2, 20))
    run(
        grants.save_award,
        ids["weekly"],
        AwardInput(
            3_000_000,
            date(2026, 5, 10),
            date(2026, 6, 1),
            date(2027, 5, 31),
            new_fund_name="Weekly club grant from Kingfisher",
            instalments=(
                InstalmentInput(date(2026, 12, 1), 750_000),
                InstalmentInput(date(2027, 3, 1), 750_000),
            ),
            reports=(
                ReportInput(date(2026, 11, 23), "progress"),
                ReportInput(date(2027, 2, 28), "financial"),
            ),
        ),
        TODAY,
    )
    apply("music", "harmony", "Music project", 250_000, deadline=date(2026, 11, 15))
    move("music", "preparing", date(2026, 10, 1))
    apply("craft", "riverside", "Crafternoon", 80_000, deadline=date(2026, 8, 31))
    move("craft", "submitted", date(2026, 9, 1))
    run(
        grants.save_award,
        ids["craft"],
        AwardInput(
            100_000,
            date(2026, 10, 1),
            date(2026, 10, 1),
            date(2026, 12, 31),
            new_fund_name="Crafternoon grant from Riverbank",
            reports=(ReportInput(date(2026, 11, 10), "final"),),
        ),
        TODAY,
    )
    apply("garden", "council", "Garden project", None, deadline=date(2027, 1, 8))
    apply(
        "minibus",
        "council",
        "Minibus",
        1_200_000,
        deadline=date(2026, 9, 30),
        decision_expected=date(2027, 1, 15),
    )
    move("minibus", "submitted", date(2026, 10, 1))
    apply("trips", "riverside", "Day trips", 150_000, deadline=date(2025, 6, 1))
    move("trips", "submitted", date(2025, 6, 1))
    move("trips", "declined", date(2025, 9, 1))
    apply("tea", "harmony", "Tea dance", 50_000, deadline=date(2026, 8, 1))
    move("tea", "withdrawn", date(2026, 7, 1))
    return ids


@pytest.fixture
def coordinator_grants(db, coordinator) -> dict[str, int]:
    return make_grants(db, coordinator)


def room(qtbot, db, actor):
    return open_stack(qtbot, db, actor, GrantsPage)


def cells(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


# ---------------------------------------------------------------- the deadlines board


def test_the_board_lists_what_is_due_soonest_first_in_words_and_colour(
    themed_app, qtbot, db, coordinator, coordinator_grants
):
    """The six deadlines within 60 days, soonest first: the overdue report and the missed
    deadline first, in red and saying so, then two due within two weeks, then two later."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    assert page.section_shown() == "Deadlines"
    lines = page.deadline_lines
    assert [(line.when_label.text(), line.what_label.text()) for line in lines] == [
        (
            "Overdue by 8 days (Tuesday 10 November 2026)",
            f"Final report to {RIVERSIDE} for Crafternoon",
        ),
        (
            "Missed: the deadline was 3 days ago (Sunday 15 November 2026)",
            f"Application to {HARMONY} for Music project",
        ),
        (
            "Due in 5 days (Monday 23 November 2026)",
            f"Progress report to {LOTTERY} for Weekly club",
        ),
        (
            "Due in 13 days (Tuesday 1 December 2026)",
            f"Payment of £7,500.00 from {LOTTERY} for Weekly club",
        ),
        (
            "Ends in 43 days (Thursday 31 December 2026)",
            f"The grant from {RIVERSIDE} for Crafternoon",
        ),
        (
            "Due in 51 days (Friday 8 January 2027)",
            f"Application to {COUNCIL} for Garden project",
        ),
    ]
    assert [line.property("urgency") for line in lines] == [
        "overdue",
        "overdue",
        "soon",
        "soon",
        "later",
        "later",
    ]
    assert page.board_label.text() == (
        "6 things are due in the next 60 days: 2 overdue or missed and 2 due within 14 days."
    )
    # The overdue line's words are painted in the danger colour, not only its bar.
    overdue_colour = lines[0].when_label.palette().color(lines[0].when_label.foregroundRole())
    later_colour = lines[5].when_label.palette().color(lines[5].when_label.foregroundRole())
    assert overdue_colour.name().upper() == "#A30000"
    assert later_colour.name().upper() == "#111111"


def test_nothing_due_is_said_in_a_sentence(themed_app, qtbot, db, coordinator):
    """With no grants at all, the board says nothing is due and lists no lines."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    assert page.deadline_lines == []
    assert page.board_label.text() == (
        "Nothing is due in the next 60 days, and nothing is overdue."
    )
    assert not page.board_box.isVisible()


def test_open_grant_on_a_deadline_opens_that_grant(
    themed_app, qtbot, db, coordinator, coordinator_grants
):
    """Pressing Open grant beside the progress report opens the weekly club's grant page."""
    from clubapp.ui.pages.grant import GrantPage

    _ctx, stack, page = room(qtbot, db, coordinator)
    report = page.deadline_lines[2]
    assert report.open_button is not None
    assert report.open_button.accessibleName() == (
        f"Open grant: Progress report to {LOTTERY} for Weekly club"
    )
    click(qtbot, report.open_button)
    assert isinstance(stack.current, GrantPage)
    assert stack.current.application_id == coordinator_grants["weekly"]


# ---------------------------------------------------------------- applications


def test_the_pipeline_and_the_years_are_worked_out(
    themed_app, qtbot, db, coordinator, coordinator_grants
):
    """Counts and totals by status, the missed deadline in words, and this year and last:
    asked for, awarded and the success rate (figures in make_grants' docstring)."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.applications_button)
    model = page.pipeline_model
    assert cells(model, 0) == [
        "Idea\n1 application",
        "Preparing\n1 application\n1 deadline missed",
        "Submitted\n1 application",
        "Awarded\n2 applications",
        "Turned down\n1 application",
        "Withdrawn\n1 application",
        "Closed\n0 applications",
    ]
    # Awarded: £30,000 + £800 asked, £30,000 + £1,000 awarded.
    assert cells(model, 1) == [
        "No amount yet",  # nothing asked for yet: not "£0.00"
        "£2,500.00",
        "£12,000.00",
        "£30,800.00",
        "£1,500.00",
        "£500.00",
        "No amount yet",  # no closed applications
    ]
    assert cells(model, 2) == [
        "£0.00",
        "£0.00",
        "£0.00",
        "£31,000.00",
        "£0.00",
        "£0.00",
        "£0.00",
    ]
    assert page.missed_label.text().startswith(
        f"Deadline missed: Application to {HARMONY} for Music project. It was still an idea "
        "or being prepared."
    )
    this_year, this_lines, last_year, last_lines = (w.text() for w in page.year_labels)
    assert this_year == "This year, 2026-27 (1 April 2026 to 31 March 2027)"
    # Sent this year: Crafternoon £800 and the minibus £12,000; decided this year: the
    # weekly club and Crafternoon, both awarded.
    assert this_lines.split("\n") == [
        "Sent to funders: 2 applications, asking for £12,800.00 in all.",
        "Awarded: 2 grants, £31,000.00 in all.",
        "Success rate: 2 of 2 decided were awarded (100%).",
    ]
    assert last_year == "Last year, 2025-26 (1 April 2025 to 31 March 2026)"
    # Sent last year: the weekly club £30,000 and day trips £1,500; day trips declined.
    assert last_lines.split("\n") == [
        "Sent to funders: 2 applications, asking for £31,500.00 in all.",
        "No grants were awarded.",
        "Success rate: 0 of 1 decided was awarded (0%).",
    ]


def test_the_list_says_a_missed_deadline_and_an_award_above_the_ask(
    themed_app, qtbot, db, coordinator, coordinator_grants
):
    """The music project says its deadline was missed; Crafternoon says it was awarded
    £200 more than asked for."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.applications_button)
    model = page.applications_model
    music = model.row_of(coordinator_grants["music"])
    craft = model.row_of(coordinator_grants["craft"])
    assert model.index(music, 0).data() == f"Music project\nFunder: {HARMONY}"
    assert model.index(music, 1).data() == "Preparing — deadline missed\nAsked for £2,500.00"
    assert model.index(music, 2).data() == "Deadline 15 November 2026"
    assert model.index(craft, 1).data() == (
        "Awarded\nAsked for £800.00\nAwarded £1,000.00\n£200.00 more than asked for"
    )
    garden = model.row_of(coordinator_grants["garden"])
    assert model.index(garden, 1).data() == "Idea\nNo amount yet"
    assert model.index(craft, 2).data() == (
        "Deadline 31 August 2026\nSent 1 September 2026\nDecided 1 October 2026\n"
        "Grant ends 31 December 2026"
    )
    assert page.count_label.text() == "7 applications, newest first."


def test_filtering_the_list_by_clicking(themed_app, qtbot, db, coordinator, coordinator_grants):
    """Each filter button lists only its applications, and says how many of the seven."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.applications_button)
    buttons = {b.text(): b for b in page.filter_buttons}
    titles = lambda: sorted(t.split("\n")[0] for t in cells(page.applications_model, 0))  # noqa: E731

    click(qtbot, buttons["Still open"])
    assert titles() == ["Garden project", "Minibus", "Music project"]
    assert page.count_label.text() == "3 of the 7 applications are still open."
    click(qtbot, buttons["Awarded"])
    assert titles() == ["Crafternoon", "Weekly club"]
    assert page.count_label.text() == "2 of the 7 applications were awarded."
    click(qtbot, buttons["Turned down or withdrawn"])
    assert titles() == ["Day trips", "Tea dance"]
    click(qtbot, buttons["All"])
    assert len(titles()) == 7
    assert buttons["All"].isChecked()


def test_a_filter_with_none_says_so(themed_app, qtbot, db, coordinator):
    """One idea and nothing awarded: the Awarded filter says none of the one application."""
    funder = db.run(grants.save_funder, coordinator, None, FunderInput(HARMONY, "trust"))
    db.run(grants.save_application, coordinator, None, ApplicationInput(funder, "Choir"), TODAY)
    _ctx, _stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.applications_button)
    click(qtbot, next(b for b in page.filter_buttons if b.text() == "Awarded"))
    assert page.applications_model.rowCount() == 0
    assert not page.applications_table.isVisible()
    assert page.count_label.text() == "None of the 1 application was awarded."


def test_choosing_an_application_and_pressing_open_grant(
    themed_app, qtbot, db, coordinator, coordinator_grants
):
    """Open grant waits for a choice; clicking the minibus row then Open grant opens it."""
    from clubapp.ui.pages.grant import GrantPage

    _ctx, stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.applications_button)
    assert not page.open_grant_button.isEnabled()
    table = page.applications_table
    row = page.applications_model.row_of(coordinator_grants["minibus"])
    table.scrollTo(page.applications_model.index(row, 0))
    page.scroll_area.ensureWidgetVisible(table)
    rect = table.visualRect(page.applications_model.index(row, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    assert page.selected_application_id() == coordinator_grants["minibus"]
    click(qtbot, page.open_grant_button)
    assert isinstance(stack.current, GrantPage)
    assert stack.current.application_id == coordinator_grants["minibus"]


@POPUP_WARNINGS
def test_a_new_application_is_listed_and_opened_once_saved(themed_app, qtbot, db, coordinator):
    """New application opens the form; filled in and saved, the new application is
    chosen in the room's list and its grant page opens."""
    from clubapp.ui.pages.grant import GrantPage
    from clubapp.ui.pages.grant_forms import ApplicationFormPage

    db.run(grants.save_funder, coordinator, None, FunderInput(HARMONY, "trust"))
    _ctx, stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.applications_button)
    assert page.count_label.text() == "No applications yet. Press New application to add the first."
    click(qtbot, page.new_button)
    form = stack.current
    assert isinstance(form, ApplicationFormPage)
    choose_in_list(qtbot, form.funder, HARMONY)
    qtbot.keyClicks(form.title_box, "Choir")
    click(qtbot, form.save_button)
    assert isinstance(stack.current, GrantPage)
    [row] = page.applications_model.rows()
    assert (row.title, row.funder_name, row.status) == ("Choir", HARMONY, "idea")
    assert stack.current.application_id == row.application_id
    assert page.selected_application_id() == row.application_id
    assert page.count_label.text() == "1 application, newest first."


# ---------------------------------------------------------------- funders and printing


def test_the_funders_list_and_opening_one(themed_app, qtbot, db, coordinator, coordinator_grants):
    """Funders by name with their kind, contact and what the club had from them; Open
    funder opens the one chosen, and so does a double click."""
    from clubapp.ui.pages.funder import FunderPage

    _ctx, stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.funders_button)
    model = page.funders_model
    assert cells(model, 0) == [
        f"{LOTTERY}\nLottery",
        f"{RIVERSIDE}\nCharitable trust",
        f"{HARMONY}\nCharitable trust",
        f"{COUNCIL}\nCouncil",
    ]
    assert cells(model, 1)[1] == "Maggie Shaw\n0161 496 0123"
    assert cells(model, 1)[0] == "Nobody named"
    assert cells(model, 2) == [
        "1 application\n£30,000.00 awarded",
        "2 applications\n£1,000.00 awarded",
        "2 applications\nNothing awarded",
        "2 applications\nNothing awarded",
    ]
    assert page.funders_label.text() == "4 funders, by name."
    assert not page.open_funder_button.isEnabled()
    page.funders_table.selectRow(1)
    click(qtbot, page.open_funder_button)
    assert isinstance(stack.current, FunderPage)
    assert stack.current.funder_id == coordinator_grants["riverside"]
    stack.back()
    # A double click on a row opens that funder too: a press and release, then a second
    # press as a double click.
    table = page.funders_table
    rect = table.visualRect(page.funders_model.index(3, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), LEFT, pos=rect.center())
    assert isinstance(stack.current, FunderPage)
    assert stack.current.funder_id == coordinator_grants["council"]


def test_printing_the_grants_summary(themed_app, qtbot, db, coordinator, coordinator_grants):
    """Print the grants summary hands the preview a PDF named for the day."""
    _ctx, stack, page = room(qtbot, db, coordinator)
    click(qtbot, page.print_button)
    click(qtbot, page.print_summary_button)
    [(title, make_pdf, file_name)] = stack.pdfs.shown
    assert (title, file_name) == ("Grants summary", "grants-summary-2026-11-18.pdf")
    assert make_pdf().startswith(b"%PDF")


# ---------------------------------------------------------------- Home


def home(qtbot, db, actor):
    went: list[str] = []
    _ctx, stack, page = open_stack(qtbot, db, actor, lambda ctx: HomePage(ctx, went.append))
    return page, went


def test_home_shows_the_next_three_deadlines(
    themed_app, qtbot, db, coordinator, coordinator_grants
):
    """Home lists the overdue report, the missed deadline and the progress report, and
    its button goes to the Grants room."""
    page, went = home(qtbot, db, coordinator)
    assert page.grants_box.isVisible()
    assert page.grants_heading.text() == "Grant deadlines"
    assert [line.words() for line in page.deadline_lines] == [
        "Overdue by 8 days (Tuesday 10 November 2026): "
        f"Final report to {RIVERSIDE} for Crafternoon",
        "Missed: the deadline was 3 days ago (Sunday 15 November 2026): "
        f"Application to {HARMONY} for Music project",
        f"Due in 5 days (Monday 23 November 2026): Progress report to {LOTTERY} for Weekly club",
    ]
    assert [line.property("urgency") for line in page.deadline_lines] == [
        "overdue",
        "overdue",
        "soon",
    ]
    assert all(line.open_button is None for line in page.deadline_lines)
    click(qtbot, page.all_deadlines_button)
    assert went == ["Grants"]


def test_home_has_no_grants_part_when_nothing_is_due(themed_app, qtbot, db, coordinator):
    """No deadlines: no heading, no button."""
    page, _went = home(qtbot, db, coordinator)
    assert not page.grants_box.isVisible()
    assert page.deadline_lines == []


def test_home_follows_a_change_to_the_grants(themed_app, qtbot, db, coordinator):
    """A report marked sent elsewhere leaves Home's list when Home shows again."""
    ids = make_grants(db, coordinator)
    page, _went = home(qtbot, db, coordinator)
    first = page.deadline_lines[0].what_label.text()
    assert first == f"Final report to {RIVERSIDE} for Crafternoon"
    view = db.run(grants.get_application, coordinator, ids["craft"], TODAY)
    page.ctx.run(grants.mark_report, view.reports[0].report_id, TODAY, TODAY, changed="grants")
    assert page.deadline_lines[0].what_label.text() == (
        f"Application to {HARMONY} for Music project"
    )


def test_home_has_no_grants_part_for_a_volunteer(themed_app, qtbot, db, actors, coordinator):
    """A volunteer may not see grants: Home asks for none and shows none."""
    make_grants(db, coordinator)
    page, _went = home(qtbot, db, actors["volunteer"])
    assert not page.shows_grants
    assert not page.grants_box.isVisible()


# ---------------------------------------------------------------- who sees what


def test_the_committee_sees_grants_but_cannot_add(themed_app, qtbot, db, actors, coordinator):
    """A committee member sees the board, the list and the funders, may open and print,
    but has no New application or Add a funder button."""
    make_grants(db, coordinator)
    _ctx, _stack, page = room(qtbot, db, actors["committee"])
    assert len(page.deadline_lines) == 6
    assert page.read_only_note.isVisible()
    click(qtbot, page.applications_button)
    assert not page.new_button.isVisible()
    assert page.applications_model.rowCount() == 7
    click(qtbot, page.funders_button)
    assert not page.add_funder_button.isVisible()
    assert page.open_funder_button.isVisible()


def test_a_volunteer_is_refused_in_words(themed_app, qtbot, db, actors):
    """Even if the room were built for a volunteer, it shows the refusal and nothing else."""
    _ctx, _stack, page = room(qtbot, db, actors["volunteer"])
    assert page.problem_label.isVisible()
    assert page.problem_label.text()
    assert not page.content.isVisible()


def test_who_has_a_grants_room(window, qtbot):
    """The coordinator, treasurer and committee have a Grants room after Volunteers and
    before Accounts; a volunteer has none."""
    from tests.gui.test_accessibility import sign_in

    for role, has_room in (
        ("coordinator", True),
        ("treasurer", True),
        ("committee", True),
        ("volunteer", False),
    ):
        sign_in(window, qtbot, role)
        rooms = list(window.shell.nav)
        assert ("Grants" in rooms) is has_room, role
        if has_room:
            assert rooms.index("Grants") == rooms.index("Accounts") - 1, rooms
            if "Volunteers" in rooms:
                assert rooms.index("Grants") == rooms.index("Volunteers") + 1, rooms
        window.sign_out()


def test_the_rail_room_shows_the_board_and_home_leads_to_it(window, qtbot):
    """In the real window: Home's button goes to the Grants room's deadlines, even when
    the room last showed another part."""
    from tests.gui.test_accessibility import sign_in

    sign_in(window, qtbot, "coordinator")
    make_grants(window.ctx.db, window.ctx.actor)
    window.ctx.changed.emit("grants")
    shell = window.shell
    click(qtbot, shell.nav["Grants"])
    page = shell.rooms["Grants"]
    assert isinstance(page, GrantsPage)
    click(qtbot, page.funders_button)
    click(qtbot, shell.nav["Home"])
    home_page = shell.rooms["Home"]
    assert home_page.grants_box.isVisible()
    click(qtbot, home_page.all_deadlines_button)
    assert shell.pages.current is page
    assert page.section_shown() == "Deadlines"
    assert shell.heading.text() == "Grants"


# ---------------------------------------------------------------- the models


@pytest.mark.parametrize("which", ["pipeline", "applications", "funders"])
def test_the_table_models_keep_qts_rules(qtmodeltester, db, coordinator, coordinator_grants, which):
    """Each of the room's models passes Qt's model tester with the rows filled in."""
    from clubapp.services import grant_pipeline

    if which == "pipeline":
        model = PipelineModel()
        model.set_rows(db.run(grant_pipeline.pipeline, coordinator, TODAY).statuses)
    elif which == "applications":
        model = ApplicationsModel()
        model.set_rows(db.run(grants.list_applications, coordinator, TODAY))
    else:
        model = FundersModel()
        model.set_rows(db.run(grants.list_funders, coordinator))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) is not None


def test_a_deadline_line_is_named_for_screen_readers(
    themed_app, qtbot, db, coordinator, coordinator_grants
):
    """Each line carries its whole sentence as its accessible name."""
    _ctx, _stack, page = room(qtbot, db, coordinator)
    line: DeadlineLine = page.deadline_lines[1]
    assert line.accessibleName() == (
        f"Application to {HARMONY} for Music project: missed: the deadline was 3 days ago"
    )


def test_the_committee_heading_says_what_the_grant_deadlines_listed_are(
    themed_app, qtbot, db, actors
):
    """No meeting planned: the heading says the deadlines are those due in the next 60
    days, to 17 January 2027 (18 November 2026 and 60 days)."""
    from datetime import timedelta

    from clubapp.services.grants import ApplicationInput, FunderInput
    from clubapp.ui.pages.committee import CommitteePage

    treasurer = actors["treasurer"]
    funder = db.run(grants.save_funder, treasurer, None, FunderInput("Oakfield Trust", "trust"))
    db.run(
        grants.save_application,
        treasurer,
        None,
        ApplicationInput(funder, "A bench for the garden", deadline=TODAY + timedelta(days=10)),
        TODAY,
    )
    _ctx, _stack, room = open_stack(qtbot, db, treasurer, CommitteePage)
    click(qtbot, room.inbox_button)
    assert room.grant_offers_heading.text() == (
        "Grant deadlines for the committee to look at: due by 17 January 2027 (within 60 days)"
    )
