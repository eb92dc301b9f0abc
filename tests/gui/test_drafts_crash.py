"""A real crash: the app in its own process types a note, keeps the draft, and is killed
with SIGKILL (no close handlers, no clean-up). The draft is in the database, and a new
window offers it back, word for word."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from clubapp.db.database import open_database
from clubapp.services import drafts
from clubapp.ui.main_window import MainWindow
from clubapp.ui.pages import note_editor as editor_module
from clubapp.ui.pages.note_editor import NoteEditorPage
from tests.conftest import COORDINATOR_PASSWORD, TODAY

REPO = Path(__file__).resolve().parents[2]
#: What the child types: emoji beyond the BMP, a new line, right-to-left words.
TYPED = "Ann misses the choir 🎶 a lot.\nShe said: שלום, and laughed 😄"
#: The whole run is bounded: start-up, typing, the two-second pause, the kill.
DEADLINE_S = 12

# The app as it runs, in a child process: sign in through the sign-in screen, open the
# note editor, type like a person, and say "KEPT" once the draft is in the database (the
# real two-second pause). Then it waits, typed and unsaved, to be killed.
CHILD = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path

import clubapp.ui  # the shiboken workaround, before any Qt call
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clubapp.app import make_application
from clubapp.db.database import open_database
from clubapp.services import drafts
from clubapp.ui.main_window import MainWindow
from clubapp.ui.pages.note_editor import NoteEditorPage

db_path, person_id, password, typed = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
app = make_application()
db = open_database(Path(db_path))
window = MainWindow(db)
window.resize(1280, 720)
window.show()
QTest.mouseClick(window.sign_in.tiles[0], Qt.MouseButton.LeftButton)
QTest.keyClicks(window.sign_in.password, password)
QTest.mouseClick(window.sign_in.sign_in_button, Qt.MouseButton.LeftButton)
assert window.ctx is not None, "not signed in"
editor = NoteEditorPage(window.ctx, person_id)
window.shell.go_to("Notes")
window.ctx.navigator.push(editor)
editor.text.setFocus()
for ch in typed:
    if ch == "\n":
        QTest.keyClick(editor.text, Qt.Key.Key_Return)
        continue
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(editor.text, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
key = f"note:new:person={person_id}"
said = []

def look():
    draft = window.ctx.read(drafts.draft_for, key)
    if draft is not None and draft.data.get("text") == typed and not said:
        said.append(True)
        print("KEPT", flush=True)

timer = QTimer()
timer.timeout.connect(look)
timer.start(50)
app.exec()
"""


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.strip())


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_note_typed_before_a_real_crash_is_offered_back(
    db_path, db, coordinator, person_factory, qtbot, themed_app, monkeypatch
):
    """SIGKILL after the draft is kept: it is in the database and the next window offers it."""
    person_id = person_factory("Ann Smith")
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(person_id), COORDINATOR_PASSWORD, TYPED],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=read_lines, args=(child.stdout, lines), daemon=True).start()
    try:
        said = lines.get(timeout=DEADLINE_S)
    except queue.Empty:
        child.kill()
        pytest.fail(f"the app never kept the draft: {child.communicate(timeout=5)[1][-2000:]}")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=5)
    assert said == "KEPT"
    assert child.returncode == -signal.SIGKILL

    # After the crash: the draft is in the database, exactly as typed.
    after = open_database(db_path)
    try:
        draft = after.run(drafts.draft_for, coordinator, f"note:new:person={person_id}")
        assert draft is not None
        assert draft.data["text"] == TYPED
        assert draft.title == "A note about Ann Smith"
        assert draft.person_id == person_id

        # The next start offers it, and carrying on fills the editor word for word.
        monkeypatch.setattr(editor_module, "ask_to_confirm", lambda *_a, **_k: True)
        window = MainWindow(after, today=lambda: TODAY)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        qtbot.waitExposed(window)
        qtbot.mouseClick(window.sign_in.tiles[0], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(window.sign_in.password, COORDINATOR_PASSWORD)
        qtbot.mouseClick(window.sign_in.sign_in_button, Qt.MouseButton.LeftButton)
        offer = window.drafts_offer
        assert offer is not None
        qtbot.waitUntil(offer.isVisible)
        (entry,) = offer.entries
        assert entry.label.text().startswith("A note about Ann Smith — ")
        qtbot.mouseClick(entry.carry_on_button, Qt.MouseButton.LeftButton)
        editor = window.shell.pages.current
        assert isinstance(editor, NoteEditorPage)
        assert editor.text.text() == TYPED
        window.close()
    finally:
        after.close()
