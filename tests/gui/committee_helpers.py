"""What the committee's GUI tests share: a committee of five, a real page stack, and
answering the questions the pages ask."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from clubapp.services import committee, meetings, notes
from clubapp.services.committee import TermInput
from clubapp.services.meetings import MeetingInput
from clubapp.services.notes import NoteInput
from clubapp.ui.context import AppContext
from clubapp.ui.page_stack import PageStack
from clubapp.ui.widgets.messages import ConfirmDialog
from tests.conftest import TODAY

LEFT = Qt.MouseButton.LeftButton
STANDING_TITLES = [
    "Apologies",
    "Minutes of the last meeting",
    "Matters arising",
    "Treasurer's report",
    "Any other business",
]


def make_board(db, coordinator, person_factory) -> dict[str, int]:
    """Five trustees serving from January: two members living with dementia, a carer, a
    volunteer and an outsider; Joan's term ends within three months. And a guest."""
    people = {
        "ann": person_factory("Ann Baker", kinds=("member", "trustee")),
        "bill": person_factory("Bill Cole", kinds=("member", "trustee")),
        "cath": person_factory("Cath Dunn", kinds=("carer", "trustee")),
        "dev": person_factory("Dev Evans", kinds=("volunteer", "trustee")),
        "joan": person_factory("Joan Ford", kinds=("supporter", "trustee")),
        "gus": person_factory("Gus Guest", kinds=("supporter",)),
        "peggy": person_factory("Peggy Holloway", kinds=("member",)),
    }
    positions = {"ann": "chair", "cath": "secretary", "dev": "treasurer"}
    for key in ("ann", "bill", "cath", "dev", "joan"):
        ends = TODAY + timedelta(days=45) if key == "joan" else date(2028, 1, 31)
        db.run(
            committee.add_term,
            coordinator,
            TermInput(people[key], positions.get(key, "trustee"), date(2026, 1, 1), ends),
        )
    return people


def add_meeting(db, coordinator, on: date = TODAY, chair: int | None = None) -> int:
    return db.run(
        meetings.add_meeting,
        coordinator,
        MeetingInput("committee", on, place="The church hall", chair_id=chair),
    )


def flag_note(db, coordinator, person_id: int, summary: str, *, named: bool = False) -> int:
    """A note sent to the committee: anonymous unless ``named``."""
    return db.run(
        notes.add_note,
        coordinator,
        NoteInput(
            person_id,
            TODAY - timedelta(days=3),
            "idea",
            f"In her words: {summary}",
            visibility="committee_named" if named else "committee_anonymous",
            summary=summary,
            named_agreed_on=TODAY - timedelta(days=3) if named else None,
            flagged=True,
        ),
        TODAY,
    )


class Recorder:
    """Stands in for the PDF preview: keeps what would have been shown."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, Callable[[], bytes], str]] = []

    def __call__(self, title: str, make_pdf: Callable[[], bytes], file_name: str) -> None:
        self.shown.append((title, make_pdf, file_name))


def open_stack(qtbot, db, actor, first_page: Callable[[AppContext], QWidget]):
    """A real page stack in a 1280×720 window, with ``first_page(ctx)`` as its room.

    The stack's ``show_pdf`` is replaced by a Recorder (``stack.pdfs``)."""
    ctx = AppContext(db, actor, today=lambda: TODAY)
    stack = PageStack(ctx)
    recorder = Recorder()
    stack.show_pdf = recorder  # type: ignore[method-assign]
    stack.pdfs = recorder  # type: ignore[attr-defined]
    qtbot.addWidget(stack)
    stack.resize(1280, 720)
    room = first_page(ctx)
    stack.open_room(room)
    stack.show()
    qtbot.waitExposed(stack)
    return ctx, stack, room


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()


def click(qtbot, button: QWidget) -> None:
    """Bring a button into view and click it, as a person would."""
    assert button.isVisible(), f"{button} is not on the screen"
    assert button.isEnabled(), f"{button} cannot be pressed"
    parent = button.parentWidget()
    while parent is not None:
        ensure = getattr(parent, "ensureWidgetVisible", None)
        if ensure is not None:
            ensure(button)
        parent = parent.parentWidget()
    qtbot.mouseClick(button, LEFT)


def answer_next_question(confirm: bool = True) -> list[str]:
    """Press a button in the next question the page asks; returns [its question]."""
    asked: list[str] = []

    def answer() -> None:
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, ConfirmDialog) and w.isVisible()
            ),
            None,
        )
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        asked.append(dialog.message.text())
        (dialog.confirm_button if confirm else dialog.cancel_button).click()

    QTimer.singleShot(0, answer)
    return asked


def choose_in_list(qtbot, combo: QComboBox, words: str) -> None:
    """Open a drop-down with the mouse and click one of its choices."""
    click(qtbot, combo)  # opens the list, as with a real mouse
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    model = combo.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == words)
    index = model.index(row, 0)
    view.scrollTo(index)
    choice = view.visualRect(index).center()
    # The pointer moves to the choice and clicks, as a person's does. The open list
    # ignores a release as quick as a double click unless the pointer has moved well
    # away from where the list was opened (Qt's QComboBox); when it ignored this one,
    # the click comes again once that time is over (waiting it out every time took
    # every choice half a second).
    qtbot.mouseMove(view.viewport(), choice)
    qtbot.mouseClick(view.viewport(), LEFT, pos=choice)
    if view.isVisible():
        qtbot.wait(QApplication.doubleClickInterval() + 50)
        qtbot.mouseClick(view.viewport(), LEFT, pos=choice)
    qtbot.waitUntil(lambda: not view.isVisible())
