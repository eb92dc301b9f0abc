"""Big imports in both import windows: they run in the background with a progress bar,
the window cannot be closed meanwhile, "Stop the import" leaves the database exactly as
it was and says so, and an import left to run shows its progress and finishes.

The import runs on its own thread. To press Stop while it is surely still running, the
test holds the import at its first saved batch (a gate around the real service) until
the window shows the progress; everything on the screen is the real window, pressed
with the mouse.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from clubapp.services import bank_import, books, members, members_transfer
from clubapp.services.progress import STOPPED_WORDS
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.dialogs import bank_import as bank_dialog
from clubapp.ui.dialogs import members_import as members_dialog
from clubapp.ui.dialogs.bank_import import BankImportDialog
from clubapp.ui.dialogs.members_import import MembersImportDialog
from clubapp.ui.import_run import STOP_WORDS
from tests.conftest import TODAY
from tests.gui.a11y import audit

LEFT = Qt.MouseButton.LeftButton
ROWS = 3_000  # enough to run in the background (from 1,000), quick to check


def dump(db) -> list[str]:
    """Everything in the database file, read by a separate connection."""
    with sqlite3.connect(db.path) as conn:
        return list(conn.iterdump())


class Gate:
    """Wraps a service run in the background so that its thread waits, once it has done
    its first rows, until `open` is called: the window is then surely in the middle."""

    def __init__(self, monkeypatch, module, name: str) -> None:
        self.reached = threading.Event()
        self._open = threading.Event()
        real = getattr(module, name)

        def held(session, actor, *args, progress, **kwargs):
            def report(done: int, total: int) -> bool | None:
                go_on = progress(done, total)
                if done > 0 and not self._open.is_set():
                    self.reached.set()
                    self._open.wait(60)
                    return progress(done, total)  # Stop pressed meanwhile: False
                return go_on

            return real(session, actor, *args, progress=report, **kwargs)

        monkeypatch.setattr(module, name, held)

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def gate(monkeypatch):
    """``gate(module, name)``; every gate is opened when the test ends, however it ends,
    so no thread is left waiting behind a closed window."""
    made: list[Gate] = []

    def make(module, name: str = "apply_import") -> Gate:
        made.append(Gate(monkeypatch, module, name))
        return made[-1]

    yield make
    for each in made:
        each.open()


def finish(dialog) -> None:
    """Stop whatever still runs in the background (after a failed test), and wait for it."""
    run = dialog.runner.run
    if run is not None:
        run.stop()
        run.wait(60_000)


@pytest.fixture
def parent(qtbot, themed_app) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_for_progress(qtbot, dialog, gate: Gate, words: str = "Importing ") -> None:
    """Until the run is held mid-way and the window says how far it has got. The held
    report comes after one of none done; both are queued to the window, so the wait is
    for the bar to have moved, not only for the words."""
    qtbot.waitUntil(gate.reached.is_set, timeout=60_000)
    qtbot.waitUntil(
        lambda: dialog.progress.label.text().startswith(words) and dialog.progress.bar.value() > 0,
        timeout=60_000,
    )


def audit_at_both_sizes(app, dialog) -> None:
    """The bar, its words and Stop keep to the design rules, at 100 % and 200 % text."""
    problems = []
    for scale in (1.0, 2.0):
        theme.apply_theme(app, scale)
        QApplication.processEvents()
        problems += audit(dialog, scale)
    theme.apply_theme(app, 1.0)
    assert not problems, "\n".join(problems)
    assert dialog.progress.stop_button.height() >= 60


def assert_cannot_be_closed(qtbot, dialog) -> None:
    """Close is off, and Escape or the window's own close leave it open."""
    assert not dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()


# ---------------------------------------------------------------------------------------------
# People


def people_file(tmp_path, count: int = ROWS):
    lines = ["Full name,Kinds,Phone"]
    lines += [f"Person {i:05d},Carer,07700 {i:06d}" for i in range(count)]
    path = tmp_path / "people.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.fixture
def people_dialog(qtbot, parent, db, coordinator) -> MembersImportDialog:
    ctx = AppContext(db, coordinator, today=lambda: TODAY)
    window = MembersImportDialog(ctx, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.open()
    qtbot.waitExposed(window)
    yield window
    finish(window)


def test_stopping_a_big_people_import_leaves_the_database_as_it_was(
    qtbot, themed_app, people_dialog, tmp_path, gate
):
    """Import 3,000 people, press "Stop the import" while it runs: the window says
    nothing was imported, the database is exactly as before, and Import works again."""
    dialog = people_dialog
    plan = dialog.load_file(people_file(tmp_path))
    assert plan is not None and len(plan.new) == ROWS >= members_dialog.BACKGROUND_FROM
    before = dump(dialog.ctx.db)
    held = gate(members_transfer)

    qtbot.mouseClick(dialog.import_button, LEFT)
    wait_for_progress(qtbot, dialog, held)
    assert dialog.progress.isVisible()
    assert dialog.progress.label.text().endswith(f" of {ROWS:,} people…")
    assert 0 < dialog.progress.bar.value() < dialog.progress.bar.maximum()
    assert dialog.progress.stop_button.text() == STOP_WORDS
    assert not dialog.import_button.isEnabled()
    assert_cannot_be_closed(qtbot, dialog)
    audit_at_both_sizes(themed_app, dialog)

    qtbot.mouseClick(dialog.progress.stop_button, LEFT)
    held.open()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)

    assert dialog.result_label.isVisible()
    assert dialog.result_label.text() == STOPPED_WORDS == "Stopped. Nothing was imported."
    assert not dialog.progress.isVisible()
    assert dump(dialog.ctx.db) == before
    assert dialog.ctx.read(members.list_people) == []
    assert dialog.import_button.isEnabled() and dialog.close_button.isEnabled()


def test_a_big_people_import_shows_progress_and_finishes(qtbot, people_dialog, tmp_path, gate):
    """Left to run, the window shows "Importing … of 3,000 people…" and then says
    they were added; the list of people hears of it."""
    dialog = people_dialog
    dialog.load_file(people_file(tmp_path))
    held = gate(members_transfer)
    changed: list[str] = []
    dialog.ctx.changed.connect(changed.append)

    qtbot.mouseClick(dialog.import_button, LEFT)
    wait_for_progress(qtbot, dialog, held)
    shown = dialog.progress.label.text()
    assert shown.startswith("Importing ") and shown.endswith(f" of {ROWS:,} people…")
    assert_cannot_be_closed(qtbot, dialog)
    with qtbot.waitSignal(dialog.imported, timeout=60_000) as added:
        held.open()

    assert added.args == [ROWS]
    assert not dialog.running and not dialog.progress.isVisible()
    assert dialog.result_label.text() == f"Done: {ROWS:,} people added to the club's records."
    assert len(dialog.ctx.read(members.list_people)) == ROWS
    assert changed == ["people"]
    assert not dialog.import_button.isEnabled()  # no second import by a double click
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()


def test_a_big_people_file_is_checked_in_the_background(qtbot, people_dialog, tmp_path, gate):
    """A file of some 20,000 rows is checked off the screen's thread, with the bar
    moving; then the preview shows, and Import offers them all."""
    dialog = people_dialog
    path = people_file(tmp_path, 20_000)
    assert path.stat().st_size >= members_dialog.BACKGROUND_BYTES
    held = gate(members_transfer, "plan_import")
    assert dialog.load_file(path) is None  # not yet: it is being checked
    wait_for_progress(qtbot, dialog, held, "Checking every row of the file…")
    assert 0 < dialog.progress.bar.value() < dialog.progress.bar.maximum()
    assert_cannot_be_closed(qtbot, dialog)
    held.open()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=60_000)
    assert not dialog.running and not dialog.progress.isVisible()
    assert dialog.summary_label.text() == "20,000 new people to add."
    assert dialog.import_button.text() == "Import 20,000 people"
    assert dialog.import_button.isEnabled() and dialog.close_button.isEnabled()


# ---------------------------------------------------------------------------------------------
# Bank statements


def statement_file(tmp_path, count: int = ROWS):
    """A Barclays statement of ``count`` lines, one a day from 1 April 2026."""
    lines = ["Number,Date,Account,Amount,Subcategory,Memo"]
    start = date(2026, 4, 1)
    lines += [
        f" ,{(start + timedelta(days=i % 200)).strftime('%d/%m/%Y')},20-32-06 13152170,"
        f"-{i // 100 + 1}.{i % 100:02d},PAYMENT,SHOP {i}"
        for i in range(count)
    ]
    path = tmp_path / "statement.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def bank_dialog_window(qtbot, parent, db, actors) -> BankImportDialog:
    ctx = AppContext(db, actors["treasurer"], today=lambda: TODAY)
    window = BankImportDialog(ctx, parent)
    qtbot.addWidget(window)
    window.open()
    qtbot.waitExposed(window)
    yield window
    finish(window)


def books_lines(ctx) -> int:
    return len(ctx.read(books.cash_book, 1, date(2026, 1, 1), date(2027, 12, 31)).lines)


def test_stopping_a_big_statement_import_leaves_the_books_as_they_were(
    qtbot, themed_app, bank_dialog_window, tmp_path, gate
):
    dialog = bank_dialog_window
    plan = dialog.load_file(statement_file(tmp_path))
    assert plan is not None and plan.ok and len(plan.new) == ROWS
    assert ROWS >= bank_dialog.BACKGROUND_FROM
    before = dump(dialog.ctx.db)
    held = gate(bank_import)

    qtbot.mouseClick(dialog.import_button, LEFT)
    wait_for_progress(qtbot, dialog, held)
    assert dialog.progress.label.text().endswith(f" of {ROWS:,} lines…")
    assert 0 < dialog.progress.bar.value() < dialog.progress.bar.maximum()
    assert not dialog.scroll_area.isEnabled()  # no new choices while it runs
    assert_cannot_be_closed(qtbot, dialog)
    audit_at_both_sizes(themed_app, dialog)

    qtbot.mouseClick(dialog.progress.stop_button, LEFT)
    assert dialog.progress.stop_button.text() == "Stopping…"
    held.open()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)

    assert dialog.result_label.text() == "Stopped. Nothing was imported."
    assert dump(dialog.ctx.db) == before
    assert books_lines(dialog.ctx) == 0
    assert dialog.imported_count == 0
    assert dialog.import_button.isEnabled() and dialog.scroll_area.isEnabled()


def test_a_big_statement_import_shows_progress_and_finishes(
    qtbot, bank_dialog_window, tmp_path, gate
):
    dialog = bank_dialog_window
    dialog.load_file(statement_file(tmp_path))
    held = gate(bank_import)
    changed: list[str] = []
    dialog.ctx.changed.connect(changed.append)

    qtbot.mouseClick(dialog.import_button, LEFT)
    wait_for_progress(qtbot, dialog, held)
    assert dialog.progress.bar.value() > 0
    held.open()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)

    assert dialog.result_label.text().startswith(f"Done: {ROWS:,} lines added to the books.")
    assert dialog.imported_count == ROWS
    assert books_lines(dialog.ctx) == ROWS
    assert changed == ["accounts"]
    assert not dialog.progress.isVisible()
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()


def test_stopping_the_check_of_a_big_statement_says_so(qtbot, bank_dialog_window, tmp_path, gate):
    """A statement of 10,000 lines is checked in the background; stopped, the window
    says the file was not all checked, offers no import, and saves nothing."""
    dialog = bank_dialog_window
    before = dump(dialog.ctx.db)
    held = gate(bank_import, "plan_import")
    assert dialog.load_file(statement_file(tmp_path, bank_dialog.BACKGROUND_PREVIEW_FROM)) is None
    wait_for_progress(qtbot, dialog, held, "Checking every row of the file…")
    assert_cannot_be_closed(qtbot, dialog)
    qtbot.mouseClick(dialog.progress.stop_button, LEFT)
    held.open()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.file_error.isVisible()
    assert dialog.file_error.text() == bank_dialog.STOPPED_CHECKING
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    assert dump(dialog.ctx.db) == before
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()
