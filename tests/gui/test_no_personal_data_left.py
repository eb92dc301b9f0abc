"""Logs and temporary files hold no personal data beyond what was saved on purpose (issue 8,
data protection, last point).

A person whose name, notes, needs, emergency contact and a payment's payee carry a canary
goes through everything that can leave a file behind: their page, a note typed (its draft
is kept in the database, on purpose) and a draft that cannot be kept on a full disk, the
real preview of every printout that holds them, Print… with no printer, a save window
cancelled, PDFs, a spreadsheet and a JSON file saved on purpose, an import and a failed
import, a failed and a good backup, the lock file, and a crash whose error carries the
name. Then every file in the data folder (but the database and its backups), the
temporary folder, the home folder (Qt's caches and settings) and the working folder is
read, as bytes in UTF-8 and UTF-16, inside PDFs and compressed files too, for the canary.
"""

from __future__ import annotations

import gzip
import io
import logging
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDir, QStandardPaths, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from clubapp import app
from clubapp.db.instance_lock import InstanceLock
from clubapp.services import books, drafts, members, notes
from clubapp.services.books import EntryInput, SplitInput
from clubapp.services.members import ConsentData, EmergencyContactData, PersonInput
from clubapp.services.notes import NoteInput
from clubapp.ui import drafts as keeper_module
from clubapp.ui.context import AppContext
from clubapp.ui.dialogs import pdf_preview
from clubapp.ui.dialogs.members_import import MembersImportDialog
from clubapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages import note_editor as editor_module
from clubapp.ui.pages import person as person_module
from clubapp.ui.pages.accounts_printouts import PrintedAccountsPage
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.members import MembersPage
from clubapp.ui.pages.note_editor import NoteEditorPage
from clubapp.ui.pages.person import PersonPage
from clubapp.ui.pages.person_privacy import PrivacyPart
from clubapp.ui.widgets import messages
from tests.conftest import TODAY
from tests.unit.fault_helpers import SmallDisk

LEFT = Qt.MouseButton.LeftButton
NAME = "Zorblatt Quennimore"
SENTENCE = "Vexmorrow hums the plinkety song to the geese every Thursday"
CONTACT = "Ysolde Quennimore"
#: Each word alone is unique enough: a file holding any of them holds the canary.
CANARY = ("Zorblatt", "Quennimore", "Vexmorrow", "plinkety", "Ysolde")
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
PAID_ON = date(2026, 10, 5)


# --------------------------------------------------------------------------- the scan


def _readable_texts(data: bytes) -> list[bytes]:
    """The file as stored, and what it holds inside: a PDF's text and details, a zip's or
    gzip's members (a canary in a compressed stream is still there). A file that says it
    is one of these but cannot be read fails the scan rather than being passed over."""
    texts = [data]
    if data.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(data))
        texts.append(" ".join(page.extract_text() or "" for page in reader.pages).encode())
        texts.append(repr(reader.metadata).encode())
    elif data.startswith(b"\x1f\x8b"):
        texts.append(gzip.decompress(data))
    elif zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            texts.extend(archive.read(member) for member in archive.namelist())
    return texts


def canary_in(path: Path) -> list[str]:
    """Where ``path`` holds the canary: in its name, or in its bytes in any encoding."""
    found = [f"{word} in the name" for word in CANARY if word.lower() in path.name.lower()]
    lowered = [t.lower() for t in _readable_texts(path.read_bytes())]
    for word in CANARY:
        for encoding in ENCODINGS:
            needle = word.lower().encode(encoding)
            if any(needle in t for t in lowered):
                found.append(f"{word} ({encoding})")
    return found


def scan(
    folder: Path, skip: frozenset[Path] | set[Path] = frozenset()
) -> tuple[list[Path], dict[str, list[str]]]:
    """Every file under ``folder`` but those in ``skip``, and where the canary was found."""
    scanned: list[Path] = []
    leaks: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path in skip:
            continue
        scanned.append(path)
        hits = canary_in(path)
        if hits:
            leaks[str(path)] = hits
    return scanned, leaks


@dataclass
class Places:
    """The private folders of the run: the club's data, temporary files, the home folder
    (where Qt keeps its caches and settings), the working folder, and the person's own
    files (what they chose to save, and the spreadsheets they import)."""

    root: Path
    data: Path
    temp: Path
    home: Path
    cwd: Path
    mine: Path


@pytest.fixture
def places(tmp_path, monkeypatch) -> Places:
    here = Places(
        tmp_path,
        tmp_path / "data",
        tmp_path / "tmp",
        tmp_path / "home",
        tmp_path / "cwd",
        tmp_path / "mine",
    )
    for folder in (here.data, here.temp, here.home, here.cwd, here.mine):
        folder.mkdir()
    monkeypatch.setenv("CLUBAPP_DATA_DIR", str(here.data))
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(here.temp))
    monkeypatch.setattr(tempfile, "tempdir", str(here.temp))
    monkeypatch.setenv("HOME", str(here.home))
    for name, inside in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(here.home / inside))
    monkeypatch.chdir(here.cwd)  # where a print to a file would land
    QStandardPaths.setTestModeEnabled(True)
    yield here
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture
def db_path(template_db, places) -> Path:
    """The club's database in the private data folder, as the app keeps it."""
    path = places.data / "club.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """Pages are left with forms typed: "Leave without saving?" must not wait."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)
    monkeypatch.setattr(PersonPage, "can_leave", lambda self: True)
    monkeypatch.setattr(editor_module, "ask_to_confirm", lambda *_a, **_k: True)
    monkeypatch.setattr(person_module, "ask_to_confirm", lambda *_a, **_k: True)


@pytest.fixture(autouse=True)
def quick_drafts(monkeypatch):
    """Drafts kept a moment after the last key rather than two seconds (same code path)."""
    monkeypatch.setattr(keeper_module, "KEEP_AFTER_MS", 100)


@pytest.fixture
def app_log(places):
    """The app's own log (warnings), as ``run_app`` starts it; taken off again after."""
    logger = logging.getLogger("clubapp")
    before = list(logger.handlers)
    app._log_to_file()
    added = [h for h in logger.handlers if h not in before]
    assert added, "the app's log was not started"
    yield places.data / "logs" / "clubapp.log"
    for handler in added:
        logger.removeHandler(handler)
        handler.close()


# --------------------------------------------------------------------------- the club


def the_canary_person(db, coordinator) -> int:
    """Their name, needs, tips and emergency contact carry the canary; a note about
    them too, shared with their name so that their About me page holds it."""
    person_id = db.run(
        members.save_person,
        coordinator,
        PersonInput(
            full_name=NAME,
            known_as="Zorblatt",
            kinds=("member",),
            phone="07700 900417",
            mobility=f"Walks with a stick. {SENTENCE}.",
            diet=f"No nuts. {SENTENCE}.",
            communication_tips=f"Speak slowly. {SENTENCE}.",
            emergency_contacts=(
                EmergencyContactData(CONTACT, "Daughter", "07700 900418", SENTENCE),
            ),
            consents=(
                ConsentData("keep_details", "self", TODAY),
                ConsentData("health_notes", "self", TODAY),
                ConsentData("about_me", "self", TODAY),
            ),
        ),
    )
    db.run(
        notes.add_note,
        coordinator,
        NoteInput(
            person_id,
            TODAY,
            "need",
            SENTENCE,
            visibility="committee_named",
            named_agreed_on=TODAY,
            health_related=True,
        ),
        TODAY,
    )
    return person_id


def pay_the_canary(db, treasurer) -> None:
    """A payment to them, so the cash book names them."""
    account = db.run(books.list_accounts, treasurer)[0].account_id
    fund = next(f.fund_id for f in db.run(books.list_funds, treasurer) if f.kind == "general")
    category = next(
        c.category_id for c in db.run(books.list_categories, treasurer) if c.section == "payments"
    )
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            on=PAID_ON,
            kind="payment",
            amount_pence=12_50,
            account_id=account,
            splits=(SplitInput(category, fund, 12_50),),
            payee=NAME,
            description=f"Taxi for {NAME}",
        ),
    )


def open_stack(qtbot, db, actor) -> tuple[AppContext, PageStack]:
    """A page stack as the window has it: printouts open in the real preview."""
    ctx = AppContext(db, actor, today=lambda: TODAY)
    stack = PageStack(ctx)
    qtbot.addWidget(stack)
    stack.resize(1280, 720)
    stack.show()
    qtbot.waitExposed(stack)
    return ctx, stack


def pdf_words(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def previews(stack: PageStack) -> list[PdfPreviewDialog]:
    return [d for d in stack.findChildren(PdfPreviewDialog) if d.isVisible()]


def look_at_preview(qtbot, stack: PageStack, button) -> PdfPreviewDialog:
    """Click a print button; the real preview opens with the canary in it, is shown
    larger and smaller, and Print… finds no printer."""
    before = previews(stack)
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: len(previews(stack)) == len(before) + 1)
    dialog = next(d for d in previews(stack) if d not in before)
    qtbot.waitUntil(lambda: dialog.page_count() > 0)
    assert NAME.split()[1] in pdf_words(dialog.pdf), dialog.windowTitle()
    qtbot.mouseClick(dialog.larger_button, LEFT)
    dialog.grab()  # the pages drawn, as on the screen
    qtbot.mouseClick(dialog.smaller_button, LEFT)
    dialog.grab()
    qtbot.mouseClick(dialog.print_button, LEFT)
    assert dialog.message().startswith("No printer is set up")
    return dialog


def close(qtbot, dialog: PdfPreviewDialog) -> None:
    qtbot.mouseClick(dialog.close_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def save_here(monkeypatch, target: Path) -> None:
    """The save window answers with ``target``, as if the person chose it."""
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )


def cancel_the_save_window(qtbot, dialog: PdfPreviewDialog) -> None:
    """Save PDF… opens the real save window; the person cancels it."""
    cancelled = []

    def cancel_when_shown() -> None:
        window = QApplication.activeModalWidget()
        if isinstance(window, QFileDialog) and not cancelled:
            cancelled.append(window.windowTitle())
            window.reject()

    timer = QTimer()
    timer.timeout.connect(cancel_when_shown)
    timer.start(20)
    try:
        assert dialog.choose_and_save() is False
    finally:
        timer.stop()
    assert cancelled == ["Save the PDF"]


def type_into(qtbot, widget, words: str) -> None:
    """Type like a person, key by key."""
    widget.setFocus()
    qtbot.keyClicks(widget, words)


# --------------------------------------------------------------------------- the test


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_nothing_personal_is_left_in_logs_or_temporary_files(
    qtbot, themed_app, db, actors, places, app_log, monkeypatch
):
    """Everything that writes files is driven with the canary person; afterwards the
    canary is only in the database, its backups and the files saved on purpose."""
    assert Path(tempfile.gettempdir()) == places.temp
    assert Path(QDir.tempPath()) == places.temp
    coordinator, treasurer = actors["coordinator"], actors["treasurer"]
    person_id = the_canary_person(db, coordinator)
    pay_the_canary(db, treasurer)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "tell", lambda _p, title, words: told.append((title, words)))
    monkeypatch.setattr(pdf_preview.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    lock = InstanceLock(db.path)
    app.take_lock(lock, db.path)
    database = {db.path, *(db.path.with_name(db.path.name + end) for end in ("-wal", "-shm"))}

    # ---- the person's page, About me (saved on purpose), everything we hold
    ctx, stack = open_stack(qtbot, db, coordinator)
    stack.open_room(MembersPage(ctx))
    page = PersonPage(ctx, person_id)
    stack.push(page)
    assert page.what_matters is not None and page.what_matters.print_button is not None
    about = look_at_preview(qtbot, stack, page.what_matters.print_button)
    cancel_the_save_window(qtbot, about)
    with monkeypatch.context() as patch:
        save_here(patch, places.mine / "about-me.pdf")
        qtbot.mouseClick(about.save_button, LEFT)
    assert about.message().startswith("Saved.")
    close(qtbot, about)
    privacy = page.findChild(PrivacyPart)
    assert privacy is not None
    close(qtbot, look_at_preview(qtbot, stack, privacy.show_button))
    with monkeypatch.context() as patch:
        save_here(patch, places.mine / "everything.json")
        qtbot.mouseClick(privacy.json_button, LEFT)
    assert (places.mine / "everything.json").is_file()

    # ---- a note typed: its draft is kept; on a full disk it cannot be, and says so
    editor = NoteEditorPage(ctx, person_id)
    stack.push(editor)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    qtbot.mouseClick(editor.kind.buttons["idea"], LEFT)
    type_into(qtbot, editor.text, SENTENCE)
    key = editor.draft_key()
    assert key is not None
    qtbot.waitUntil(lambda: ctx.read(drafts.draft_for, key) is not None)
    assert ctx.read(drafts.draft_for, key).data["text"] == SENTENCE  # in the database
    disk = SmallDisk(db)
    try:
        disk.fill()
        QApplication.clipboard().setText(f" {SENTENCE}." * 400)
        editor.text.setFocus()
        qtbot.keyClick(editor.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: app_log.is_file() and "keep a draft" in app_log.read_text())
    finally:
        disk.make_room()
        disk.remove()
    # As if the app stopped here (a crash, a flat battery), with a printout on the screen
    # and a note half typed: nothing it would leave behind holds the canary.
    while_open = look_at_preview(qtbot, stack, page.what_matters.print_button)
    mid_run, leaks = scan(places.root, database | set(places.mine.iterdir()))
    assert leaks == {}
    close(qtbot, while_open)
    stack.back()
    stack.back()

    # ---- the members list: two printouts, an export, an import and a failed import
    members_page = stack.current
    assert isinstance(members_page, MembersPage)
    close(qtbot, look_at_preview(qtbot, stack, members_page.print_button))
    assert members_page.print_emergency_button is not None
    emergency = look_at_preview(qtbot, stack, members_page.print_emergency_button)
    assert CONTACT in pdf_words(emergency.pdf)
    cancel_the_save_window(qtbot, emergency)
    close(qtbot, emergency)
    with monkeypatch.context() as patch:
        save_here(patch, places.mine / "members.csv")
        qtbot.mouseClick(members_page.export_button, LEFT)
    assert "members.csv" in members_page.notice()
    heading = "Full name,Known as,Kinds,Phone\n"
    good = places.mine / "new-people.csv"
    good.write_text(heading + "Quennimore Junior,Zorby,Member,07700 900419\n", encoding="utf-8")
    bad = places.mine / "bad-people.csv"  # UTF-16, as some spreadsheets save it
    bad.write_text(heading + f"{NAME} Senior,Vexmorrow,Member,not a phone\n", encoding="utf-16")
    qtbot.mouseClick(members_page.import_button, LEFT)
    importer = members_page.import_dialog
    assert isinstance(importer, MembersImportDialog)
    qtbot.waitUntil(importer.isVisible)
    for chosen in (bad, good):
        with monkeypatch.context() as patch:
            patch.setattr(
                QFileDialog, "getOpenFileName", staticmethod(lambda *a, c=chosen, **k: (str(c), ""))
            )
            qtbot.mouseClick(importer.choose_button, LEFT)
        if chosen is bad:
            assert any(line.startswith("Line 2, Phone") for line in importer.problem_lines())
            assert not importer.import_button.isEnabled()
    with qtbot.waitSignal(importer.imported):
        qtbot.mouseClick(importer.import_button, LEFT)
    importer.reject()
    assert any(p.full_name == "Quennimore Junior" for p in ctx.read(members.list_people))

    # ---- the cash book, for the treasurer
    money_ctx, money_stack = open_stack(qtbot, db, treasurer)
    printed = PrintedAccountsPage(money_ctx)
    money_stack.open_room(printed)
    year = next(y for y in printed.years if y.starts <= PAID_ON <= y.ends)
    printed.year_choice.choose(year.name)
    assert printed.cashbook_button is not None
    cash_book = look_at_preview(qtbot, money_stack, printed.cashbook_button)
    assert cash_book.save_to(places.mine / "not-there" / "cash-book.pdf") is False  # fails
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # "Print to file", on purpose
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(places.mine / "printed.pdf"))
    assert cash_book.print_to(printer) is True
    close(qtbot, cash_book)

    # ---- backups: one that fails (a file where the folder should be), then good ones
    blocker = db.backups_dir
    blocker.write_text("not a folder")
    app._backup_in_background(db.path, "daily").join()
    assert "automatic daily backup failed" in app_log.read_text()
    blocker.unlink()
    app._backup_in_background(db.path, "daily").join()
    app.close_backup(db)
    backups = sorted(db.backups_dir.iterdir())
    assert len(backups) == 2 and all(p.suffix == ".sqlite3" for p in backups), backups

    # ---- a crash: a bug whose errors carry the name (and the values a statement held)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    app.install_crash_handler()

    def copy_person(session, _actor, name: str = NAME) -> None:
        session.execute(
            text("INSERT INTO people (id, full_name, known_as) VALUES (:id, :name, :known)"),
            {"id": person_id, "name": name, "known": SENTENCE},
        )

    try:
        try:
            ctx.run(copy_person)
        except IntegrityError as exc:
            raise RuntimeError(f"could not copy {NAME}: {SENTENCE}") from exc
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert [title for title, _ in told] == ["Something went wrong"]
    crash_logs = list((places.data / "logs").glob("crash-*.log"))
    assert len(crash_logs) == 1
    report = crash_logs[0].read_text(encoding="utf-8")
    assert "IntegrityError" in report and "RuntimeError" in report and "copy_person" in report
    assert str(crash_logs[0]) in told[0][1]

    stack.close()
    money_stack.close()
    lock.release()
    for handler in logging.getLogger("clubapp").handlers:
        handler.flush()

    # ---- the scan
    saved = ("about-me.pdf", "everything.json", "members.csv", "new-people.csv", "printed.pdf")
    on_purpose = {places.mine / name for name in saved} | {bad}
    # What was saved on purpose is whole, with nothing beside it (no temporary file).
    assert set(places.mine.iterdir()) == on_purpose
    # The scan does find the canary where it is on purpose: in the database (or its
    # write-ahead log), a backup, a PDF (compressed), a spreadsheet and a UTF-16 file.
    assert any(canary_in(path) for path in database if path.exists())
    assert canary_in(backups[-1])
    assert canary_in(places.mine / "about-me.pdf")
    assert canary_in(places.mine / "members.csv")
    assert any("utf-16" in hit for hit in canary_in(bad))

    backups_made = set(db.backups_dir.iterdir())
    scanned, leaks = scan(places.root, database | on_purpose | backups_made)
    names = {p.name for p in scanned}
    assert {"clubapp.log", crash_logs[0].name, "club.sqlite3.lock"} <= names
    assert leaks == {}


def test_the_scan_finds_the_canary_however_it_is_stored(tmp_path):
    """The scan is not blind: it finds the canary in UTF-8 and UTF-16 text, in any case,
    in a file's name, in gzip and zip files, and in a compressed PDF whose bytes do not
    show it; a file without it gives nothing."""
    from reportlab.pdfgen import canvas

    files = {
        "plain.txt": f"note: {SENTENCE}".encode(),
        "wide.txt": NAME.upper().encode("utf-16"),
        "wide-be.txt": NAME.encode("utf-16-be"),
        "packed.gz": gzip.compress(SENTENCE.encode()),
        "clean.txt": b"Nothing about anybody here.",
        f"about-{NAME.split()[0].lower()}.tmp": b"",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sheet.xml", f"<c>{CONTACT}</c>")
    files["book.xlsx"] = out.getvalue()
    page = io.BytesIO()
    pdf = canvas.Canvas(page, pageCompression=1)
    pdf.drawString(72, 720, NAME)
    pdf.save()
    files["printout.pdf"] = page.getvalue()
    assert NAME.encode() not in files["printout.pdf"]  # only its text shows it
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)

    scanned, leaks = scan(tmp_path)

    assert len(scanned) == len(files)
    assert set(leaks) == {str(tmp_path / name) for name in files if name != "clean.txt"}
    assert any("utf-16" in hit for hit in leaks[str(tmp_path / "wide.txt")])
    assert any("utf-16-be" in hit for hit in leaks[str(tmp_path / "wide-be.txt")])
    assert [h for h in leaks[str(tmp_path / "about-zorblatt.tmp")] if "name" in h]


def test_a_crash_report_says_where_but_not_what(tmp_path, monkeypatch):
    """The crash log keeps each error's kind and where it happened (file, function and
    line, through the whole chain), never its message nor any value: a check's words or
    a database error can quote a name, a note or what a statement carried."""
    import sqlite3

    monkeypatch.setenv("CLUBAPP_DATA_DIR", str(tmp_path))

    def check_person(full_name: str) -> None:
        private_words = SENTENCE  # a local holding personal data
        raise ValueError(f"{full_name} is already here: {private_words}")

    def save_person() -> None:
        try:
            check_person(NAME)
        except ValueError as exc:
            raise KeyError(NAME) from exc

    def tidy_up() -> None:
        try:
            save_person()
        except KeyError:
            sqlite3.connect(":memory:").execute("SELECT * FROM people WHERE name = ?", (NAME,))

    try:
        tidy_up()
    except sqlite3.OperationalError as exc:
        crash = exc

    where = app._write_crash_log(crash, crash.__traceback__)

    assert where is not None and where.parent == tmp_path / "logs"
    report = where.read_text(encoding="utf-8")
    assert not [word for word in CANARY if word.lower() in report.lower()], report
    kinds = [
        line.split(" [")[0]
        for line in report.splitlines()
        if line.endswith("[its message is left out: it may name people]")
    ]
    # In the order Python prints them: the first error first; SQLite's own code kept.
    assert kinds == ["ValueError", "KeyError", "sqlite3.OperationalError (SQLITE_ERROR)"]
    for function in ("check_person", "save_person", "tidy_up"):
        assert f", in {function}\n" in report
    assert "The above exception was the direct cause" in report
    assert "During handling of the above exception" in report
