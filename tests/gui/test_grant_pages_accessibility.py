"""DESIGN §2 on a grant's page (each of its parts, before and after the award), a funder's
page and every grant form, in the real main window at 1280×720, at text scale 100 % and
200 %: sizes, names, fonts, clipping, Tab order, nothing scrolling sideways, and the
question asked before deleting an application."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from clubapp.services import grants
from clubapp.ui import theme
from clubapp.ui.pages.funder import FunderPage
from clubapp.ui.pages.grant import GrantPage
from clubapp.ui.pages.grant_forms import (
    ApplicationFormPage,
    AwardFormPage,
    FunderFormPage,
    InstalmentPage,
    MarkSentPage,
    MatchPage,
    ReceivePage,
    ReportPage,
    StatusPage,
)
from tests.conftest import TODAY
from tests.gui.test_accessibility import check
from tests.gui.test_committee_accessibility import check_question, check_sections, leave
from tests.gui.test_grant_pages import (
    make_application,
    make_awarded,
    make_funder,
    make_submitted,
    receipt_into_fund,
    signed_in,
)

SCALES = (1.0, 2.0)


def sideways(page: QWidget, where: str) -> list[str]:
    """A form or page part that scrolls sideways hides words off to the right."""
    return [
        f"{where}: {type(area).__name__} scrolls sideways"
        for area in page.findChildren(QScrollArea)
        if area.isVisible() and area.horizontalScrollBar().isVisible()
    ]


def look_at(window, page, scale: float, where: str) -> list[str]:
    return check(window, scale, where) + sideways(page, f"{where} at {int(scale * 100)} %")


def scroll_through(window, form, scale: float, where: str) -> list[str]:
    """Check a long form at its top, its middle and its end."""
    problems: list[str] = []
    bar = form.form.verticalScrollBar()
    for part, value in (("top", 0), ("middle", bar.maximum() // 2), ("end", bar.maximum())):
        bar.setValue(value)
        problems += look_at(window, form, scale, f"{where} ({part})")
    return problems


@pytest.mark.parametrize("scale", SCALES)
def test_the_grant_pages_and_forms_meet_the_rules(window, qtbot, scale):
    ctx = signed_in(window, qtbot)
    awarded = make_awarded(ctx)
    receipt_into_fund(ctx, awarded, date(2026, 11, 12), 150_000)
    submitted = make_submitted(
        ctx, make_funder(ctx, "Brookside Parish Fund"), "Chair-based exercise"
    )
    early = make_application(
        ctx, make_funder(ctx, "Mill Street Stores"), "Song books", deadline=date(2026, 11, 10)
    )
    theme.apply_theme(QApplication.instance(), scale)
    nav = ctx.navigator
    problems: list[str] = []

    grant = GrantPage(ctx, awarded)
    nav.push(grant)
    problems += check_sections(window, grant, scale, "An awarded grant")
    problems += sideways(grant, f"An awarded grant at {int(scale * 100)} %")
    view = ctx.read(grants.get_application, awarded, TODAY)
    for form, name in (
        (AwardFormPage(ctx, awarded), "Changing an award"),
        (InstalmentPage(ctx, view, view.instalments[0]), "Changing a payment"),
        (ReportPage(ctx, view, None), "Adding a report"),
        (MarkSentPage(ctx, view, view.reports[0]), "Marking a report sent"),
        (ReceivePage(ctx, view, view.instalments[0]), "Recording a payment in the books"),
        (MatchPage(ctx, view, view.instalments[0]), "Matching a payment"),
        (StatusPage(ctx, awarded, "closed"), "Closing a grant"),
    ):
        nav.push(form)
        problems += scroll_through(window, form, scale, name)
        leave(form)

    funder = FunderPage(ctx, view.row.funder_id)
    nav.push(funder)
    problems += look_at(window, funder, scale, "A funder")
    change_funder = FunderFormPage(ctx, view.row.funder_id)
    nav.push(change_funder)
    problems += scroll_through(window, change_funder, scale, "Changing a funder")
    leave(change_funder)
    leave(funder)

    waiting = GrantPage(ctx, submitted)
    nav.push(waiting)
    problems += check_sections(window, waiting, scale, "An application sent to the funder")
    award = AwardFormPage(ctx, submitted)
    nav.push(award)
    award.awarded.setText("6,500")  # more than asked: the flag shows
    award.payments.split()
    award.reports.fill()
    problems += scroll_through(window, award, scale, "Recording an award, filled in")
    leave(award)

    missed = GrantPage(ctx, early)
    nav.push(missed)
    problems += look_at(window, missed, scale, "An application whose deadline was missed")
    problems += check_question(missed.delete, scale, "The question before deleting")

    new = ApplicationFormPage(ctx, None)
    nav.push(new)
    problems += scroll_through(window, new, scale, "A new application")
    new.asked.setText("12.3.4")
    new.save()  # refused: no funder, no title, a bad amount
    problems += scroll_through(window, new, scale, "A new application, refused")
    new_funder = FunderFormPage(ctx, None)
    nav.push(new_funder)
    problems += scroll_through(window, new_funder, scale, "A new funder")
    leave(new_funder)
    leave(new)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
def test_a_committee_members_view_of_a_grant_meets_the_rules(window, qtbot, scale):
    application_id = make_awarded(signed_in(window, qtbot))
    window.sign_out()
    ctx = signed_in(window, qtbot, "committee")
    theme.apply_theme(QApplication.instance(), scale)
    grant = GrantPage(ctx, application_id)
    ctx.navigator.push(grant)
    problems = check_sections(window, grant, scale, "Committee: an awarded grant")
    assert not problems, "\n".join(problems)
