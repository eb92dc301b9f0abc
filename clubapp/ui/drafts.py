"""Keep a draft of a half-typed form, so a crash, a flat battery or the screen locking
never loses it (DESIGN 2.7: drafts survive auto-lock and crashes).

A page that wants this offers five small hooks and owns a :class:`DraftKeeper`:

- ``draft_key()``: which form this is, e.g. ``"note:new:person=12"`` (None: keep nothing).
  The part before the first colon names the page that can open it again
  (see ``clubapp.ui.dialogs.drafts_offer``);
- ``draft_title()``: what the offer says, e.g. "A note about Ann Smith";
- ``draft_values()``: the form's values as a JSON-ready dict;
- ``draft_person_id()``: who the draft is about (so erasure and access requests find it);
- ``restore_draft(data)``: fill the form with values kept earlier.

Once the form is filled the page calls ``keeper.start(form)``. From then on every change
in the form restarts a single-shot timer; about two seconds after the last one, the
values go through ``drafts.save_draft`` if they differ from what was loaded and from what
was kept last. They are also kept at once when the page hides: another page on top, the
screen locking, the window closing. Keeping a draft is silent: if it cannot be kept (a
full disk, a read-only or locked file) a warning goes to the log and typing goes on.

Saving the form removes the draft in the same transaction (:meth:`DraftKeeper.run_and_forget`),
or right after (:meth:`DraftKeeper.forget`); so does choosing "Leave without saving".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from clubapp.db.errors import KnownError
from clubapp.services import drafts
from clubapp.services.drafts import DraftRow
from clubapp.services.permissions import Actor
from clubapp.ui.context import AppContext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger("clubapp.drafts")

T = TypeVar("T")

#: How long after the last change the draft is kept.
KEEP_AFTER_MS = 2000
#: The line a page shows when it was filled from a draft.
KEPT_WORDS = "This was kept from before. Check it and save it."
#: Marks a widget whose changes the keeper already hears about.
_WATCHED = "clubappDraftWatched"
#: When clubapp started: drafts kept before then were left by an earlier run (a crash,
#: a flat battery), and fill their form again when it opens.
STARTED_AT = datetime.now(timezone.utc).replace(tzinfo=None)  # UTC, as drafts keep it


class DraftForm(Protocol):
    """What a page offers its keeper."""

    ctx: AppContext

    def draft_key(self) -> str | None: ...

    def draft_title(self) -> str: ...

    def draft_values(self) -> dict[str, Any] | None: ...

    def draft_person_id(self) -> int | None: ...

    def restore_draft(self, data: dict[str, Any]) -> None: ...


def _keep(
    session: Session,
    actor: Actor,
    key: str,
    title: str,
    data: dict[str, Any],
    person_id: int | None,
    forget: tuple[str, ...],
) -> None:
    """Keep one draft, and throw away the ones it replaces, in one transaction."""
    drafts.save_draft(session, actor, key, title, data, person_id)
    for old in forget:
        drafts.discard_draft(session, actor, old)


def _forget(session: Session, actor: Actor, keys: tuple[str, ...]) -> None:
    for key in keys:
        drafts.discard_draft(session, actor, key)


def _and_forget(
    session: Session,
    actor: Actor,
    keys: tuple[str, ...],
    fn: Callable[..., T],
    *args: Any,
    **kwargs: Any,
) -> T:
    """Run the form's own service, then remove its drafts, in the same transaction."""
    result = fn(session, actor, *args, **kwargs)
    _forget(session, actor, keys)
    return result


def _change_signals(widget: QWidget) -> list[Any]:
    """The signals that say the widget's value may have changed."""
    if isinstance(widget, QLineEdit):
        return [widget.textChanged]
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        return [widget.currentIndexChanged]
    if isinstance(widget, QAbstractButton):
        # Ticks and choices, and buttons that add or remove a part of the form.
        return [widget.toggled, widget.clicked]
    return []


class DraftKeeper(QObject):
    """Keeps drafts of one page's form; see the module's notes."""

    def __init__(self, page: QWidget, delay_ms: int | None = None) -> None:
        super().__init__(page)
        self.page = page
        self._form: DraftForm = page  # type: ignore[assignment]
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(KEEP_AFTER_MS if delay_ms is None else delay_ms)
        self.timer.timeout.connect(self.keep_now)
        self.active = False
        self._root: QWidget | None = None
        self._loaded: dict[str, Any] | None = None  # the values the form was filled with
        self._kept: dict[str, Any] | None = None  # the values kept last (None: no draft)
        self._pending: DraftRow | None = None  # a draft to fill the form with
        self._pending_words = ""
        self._replaces: str | None = None  # the key of the draft the form was filled from
        self._failing = False
        self.kept_label: QLabel | None = None

    # ------------------------------------------------------------ starting

    def carry_on(self, draft: DraftRow, words: str = "") -> None:
        """Fill the form with ``draft`` once it is loaded (call before the page shows);
        the page says it was kept from before, and ``words`` if there is more to say."""
        self._pending = draft
        self._pending_words = words

    def start(self, root: QWidget) -> None:
        """The form (``root``) is filled: keep a draft of every change from here on.

        Fills it with the draft given to :meth:`carry_on`; or, the first time, with a
        draft of this very form left by an earlier run of clubapp (the person chose
        "Decide later", then came back to it): typing afresh would replace it unseen.
        """
        key = self._form.draft_key()
        if key is None:
            return
        if self._root is None and self._pending is None:
            self._pending = self._kept_earlier(key)
        self._root = root
        self._watch(root)
        # Qt keeps one copy of a filter per object, so starting again is harmless.
        self.page.installEventFilter(self)
        self._loaded = self._form.draft_values()
        self._kept = None
        self.active = True
        draft, self._pending = self._pending, None
        if draft is not None:
            self._form.restore_draft(draft.data)
            self._replaces = draft.form_key
            self._kept = self._form.draft_values()  # what is in the draft already
            self._show_kept_line(self._pending_words)

    def _kept_earlier(self, key: str) -> DraftRow | None:
        try:
            draft = self._form.ctx.read(drafts.draft_for, key)
        except KnownError as exc:
            self._log_failure(key, exc)
            return None
        return draft if draft is not None and draft.saved_at < STARTED_AT else None

    def _watch(self, root: QWidget) -> None:
        for widget in [root, *root.findChildren(QWidget)]:
            if widget.property(_WATCHED):
                continue
            signals = _change_signals(widget)
            for signal in signals:
                signal.connect(self.changed)
            if signals:
                widget.setProperty(_WATCHED, True)

    def _show_kept_line(self, words: str) -> None:
        layout = self.page.layout()
        if self.kept_label is None and isinstance(layout, QBoxLayout):
            self.kept_label = QLabel(f"{KEPT_WORDS} {words}".strip(), self.page)
            self.kept_label.setProperty("role", "label")
            self.kept_label.setWordWrap(True)
            layout.insertWidget(0, self.kept_label)

    # ------------------------------------------------------------ keeping

    def changed(self) -> None:
        """Something in the form changed: keep it once the typing pauses."""
        if self.active:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        # Hidden: another page on top, the screen locked or the window closing.
        if watched is self.page and event.type() == QEvent.Type.Hide and self.active:
            self.keep_now()
        return False

    def _keys(self) -> tuple[str, ...]:
        key = self._form.draft_key()
        return tuple(k for k in dict.fromkeys((key, self._replaces)) if k)

    def keep_now(self) -> bool:
        """Keep the form's values now if they changed; True if the draft is up to date."""
        self.timer.stop()
        if not self.active:
            return False
        if self._root is not None:
            self._watch(self._root)  # parts added since (another contact, a link)
        key = self._form.draft_key()
        values = self._form.draft_values()
        if key is None or values is None or values == self._kept:
            return True
        if values == self._loaded and self._kept is None:
            return True  # as it was loaded, and nothing kept from this page
        ctx = self._form.ctx
        if getattr(ctx.db, "read_only", None) is not None:
            return False  # nothing can be saved; the banner says why
        try:
            if values == self._loaded:  # back as it was: nothing to keep
                ctx.run(_forget, self._keys())
            else:
                title = self._form.draft_title()
                person_id = self._form.draft_person_id()
                replaced = tuple(k for k in self._keys() if k != key)
                ctx.run(_keep, key, title, values, person_id, replaced)
        except (KnownError, SQLAlchemyError) as exc:
            self._log_failure(key, exc)
            return False
        self._failing = False
        self._replaces = None
        self._kept = None if values == self._loaded else values
        return True

    def _log_failure(self, key: str, exc: Exception) -> None:
        # Never the values, nor a database message that could quote them.
        why = str(exc) if isinstance(exc, KnownError) else type(exc).__name__
        if not self._failing:
            log.warning("could not keep a draft of %s: %s", key.split(":", 1)[0], why)
        self._failing = True

    # ------------------------------------------------------------ ending

    def stop(self) -> None:
        """Keep nothing more (the draft, if any, stays)."""
        self.timer.stop()
        self.active = False

    def forget(self) -> None:
        """Saved, or thrown away on purpose: remove the draft, and keep no more."""
        keys = self._keys()
        self.stop()
        self._kept = None
        self._replaces = None
        if not keys or getattr(self._form.ctx.db, "read_only", None) is not None:
            return
        try:
            self._form.ctx.run(_forget, keys)
        except (KnownError, SQLAlchemyError) as exc:
            self._log_failure(keys[0], exc)

    def run_and_forget(
        self, fn: Callable[..., T], *args: Any, changed: str | None = None, **kwargs: Any
    ) -> T:
        """Run the form's service through ``ctx.run`` and remove the draft in the same
        transaction. Errors propagate, with nothing saved and the draft kept."""
        keys = self._keys()
        result = self._form.ctx.run(_and_forget, keys, fn, *args, changed=changed, **kwargs)
        self.stop()
        self._kept = None
        self._replaces = None
        return result
