"""A page that is one small form: fields, then "Go back" and a button that says what it saves.

Subclasses add fields to ``self.form`` (a FormPanel) and write :meth:`FormPage.submit`,
which calls one service through ``ctx.run``. A ValidationError shows each message under
its field and keeps everything typed; a message for a field the form lacks shows at the
top. After saving, the page goes back to the one below it and calls ``after_save``.
Leaving with changes that are not saved asks first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

from clubapp.db.errors import KnownError
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.ui.context import AppContext
from clubapp.ui.drafts import DraftKeeper
from clubapp.ui.pages.base import Page
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.dates import bad_dates
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow, FormPanel
from clubapp.ui.widgets.messages import ask_to_confirm, busy_cursor

UNSAVED_QUESTION = "You have changes that are not saved. Leave without saving?"


def scroll_into_view(area: QScrollArea, *widgets: QWidget) -> None:
    """Scroll ``area`` so each of ``widgets`` is in view, the last one surely. Widgets
    just shown have no place yet, so the layouts are settled first."""
    content = area.widget()
    if content is None:
        return
    # A message just shown asks for a new layout by a posted event; handle it now, so the
    # content has its new height and each widget its place before scrolling.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    if (layout := content.layout()) is not None:
        layout.activate()
    for widget in widgets:
        area.ensureWidgetVisible(widget, 0, 12)


class _Form(FormPanel):
    """The form's fields. It asks for little height, so the page fits the window and the
    form scrolls (with the buttons always in view), rather than the whole page scrolling."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(hint.width(), min(hint.height(), 120))


class FormPage(Page):
    """One form on a page of its own. Set ``save_text`` ("Save this decision")."""

    save_text = "Save"
    cancel_text = "Go back"

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, save_text: str = ""
    ) -> None:
        super().__init__(ctx, parent)
        self.save_text = save_text or self.save_text
        self._baseline: Any = None
        self._leaving_ok = False
        # Keeps a draft while typing, for pages that name one (see `draft_key`).
        self.drafts = DraftKeeper(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.hide()
        self.form: FormPanel = _Form(self)
        self.form.errors_changed.connect(self._count_errors)
        self.errors_summary = QLabel(self)
        self.errors_summary.setProperty("role", "error")
        self.errors_summary.setWordWrap(True)
        self.errors_summary.hide()
        self.cancel_button = BigButton(self.cancel_text, self, variant="secondary")
        self.save_button = BigButton(self.save_text, self)
        # A row that wraps, so long button words never make the page wider than the window.
        buttons = flow_row(self.cancel_button, self.save_button, spacing=24)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.errors_summary)
        layout.addWidget(buttons)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self.save)

    # ------------------------------------------------------------ for subclasses

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def values(self) -> Any:
        """What the form shows now, to tell whether anything changed."""
        return None

    def mark_unchanged(self) -> None:
        """Call once the form is filled: changes are measured from here."""
        self._baseline = self.values()
        self.drafts.start(self.form)

    def submit(self) -> None:
        """Run the service. Raise its ValidationError (or NotAllowed…) to show the problem."""
        raise NotImplementedError

    def after_save(self) -> None:
        """Runs once the page has gone back, for example to open what was made."""

    # ------------------------------------------------------------ drafts (optional)
    # A page that implements `draft_key` and `draft_values` (and `restore_draft`, with an
    # opener in clubapp.ui.dialogs.drafts_offer) keeps a draft of what is typed, silently,
    # about two seconds after each change and whenever it hides; saving or leaving
    # without saving removes it. See clubapp.ui.drafts.

    def draft_key(self) -> str | None:
        """Which form this is, e.g. "need:edit:4"; None (the default) keeps no draft."""
        return None

    def draft_title(self) -> str:
        """What the list of drafts says, in plain words ("A new need: Driver")."""
        return self.heading()

    def draft_values(self) -> dict[str, Any] | None:
        """The form's values as JSON takes them (None: nothing to keep)."""
        return None

    def draft_person_id(self) -> int | None:
        """The person the draft is about, if any (erasure removes their drafts)."""
        return None

    def restore_draft(self, data: dict[str, Any]) -> None:
        """Fill the form with the values of a draft kept earlier."""

    # ------------------------------------------------------------ saving

    def has_unsaved_changes(self) -> bool:
        return self._baseline is not None and self.values() != self._baseline

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; nothing typed is cleared. The form scrolls to
        the first message, whole, above the line that counts them."""
        self.form.show_errors(errors)
        self._count_errors()
        self.show_first_error()
        # Once the count line has taken its room from the form, look again.
        QTimer.singleShot(0, self, self.show_first_error)

    def rows_with_errors(self) -> list[FieldRow]:
        """Every field showing a message, the form's own and any inside a field (a
        payment's amount in a list of payments), from the top."""
        content = self.form.widget()
        if content is None:
            return []
        rows = [
            row
            for row in content.findChildren(FieldRow)
            if row.has_error() and row.isVisibleTo(content)
        ]
        return sorted(rows, key=lambda row: row.mapTo(content, row.rect().topLeft()).y())

    def show_first_error(self) -> None:
        """Scroll the form so the first message is in view: its field and label if there
        is room, and the message itself in any case."""
        if not self.form.form_error.isHidden():
            scroll_into_view(self.form, self.form.form_error)
            return
        rows = self.rows_with_errors()
        if rows:
            scroll_into_view(self.form, rows[0], rows[0].error_label)

    def _count_errors(self) -> None:
        # Counted from the form, so the line follows as each field is put right.
        count = len(self.rows_with_errors()) + (not self.form.form_error.isHidden())
        self.errors_summary.setText(
            "One thing needs fixing first. It is shown in red above."
            if count == 1
            else f"{count} things need fixing first. They are shown in red above."
        )
        self.errors_summary.setVisible(count > 0)

    def clear_errors(self) -> None:
        self.form.clear_errors()
        for row in self.rows_with_errors():
            row.clear_error()
        self.errors_summary.hide()

    def save(self) -> bool:
        self.clear_errors()
        if problems := bad_dates(self.form.fields()):
            self.show_errors(problems)
            return False
        try:
            # Saving can wait up to ten seconds for another program using the file.
            with busy_cursor():
                self.submit()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except (NotAllowed, NotFound, KnownError) as exc:
            self.show_errors({"": str(exc)})
            return False
        self._leaving_ok = True
        self.drafts.forget()
        self.ctx.navigator.back()
        self.after_save()
        return True

    def cancel(self) -> None:
        self.ctx.navigator.back()

    def can_leave(self) -> bool:
        if self._leaving_ok or not self.has_unsaved_changes():
            return True
        leave = ask_to_confirm(
            self,
            "Changes not saved",
            UNSAVED_QUESTION,
            "Leave without saving",
            "Stay and keep my changes",
            danger=True,
        )
        if leave:
            self._leaving_ok = True
            self.drafts.forget()
        return leave
