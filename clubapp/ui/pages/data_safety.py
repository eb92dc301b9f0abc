"""The "Keeping data safe" room (the coordinator only): what to review to keep only the
data the club may keep, who changed what, and the club's privacy notice.

* To review: people who left more than the retention years ago, consents due for review,
  and withdrawn consents whose photos or notes are still kept, most urgent first, each
  with why in words and big buttons that act in one step (services.data_review).
  Erasing and removing ask first, naming the person.
* Who changed what: the audit log, newest first, filtered by area, person and days,
  200 at a time with "Show older changes" (services.audit).
* Privacy notice: the notice as people read it, to print in large print; it is changed
  in Settings.

Each part is read from its service when first shown, and again after a change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import audit, data_review, privacy_notice
from clubapp.services.audit import AREA_WORDS, PAGE_SIZE, AuditFilter, AuditRow
from clubapp.services.data_review import ACTION_WORDS, Review, ReviewRow
from clubapp.services.dates import long_date
from clubapp.services.errors import ValidationError
from clubapp.services.privacy_notice import Block
from clubapp.ui.context import (
    ACCOUNTS,
    ATTENDANCE,
    COMMITTEE,
    GRANTS,
    NOTES,
    PEOPLE,
    SETTINGS,
    USERS,
    VOLUNTEERS,
    AppContext,
)
from clubapp.ui.pages.base import Page, PartsShownOneAtATime, hidden_part, scrolling_body
from clubapp.ui.pages.committee import label, words_table
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.audit import AuditModel
from clubapp.ui.tablemodels.grants import count_words
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.choosers import ChoiceCombo, OptionalDate
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.inputs import Labelled
from clubapp.ui.widgets.messages import ask_to_confirm

HELP_TEXT = (
    "This room helps the club keep only the information it may keep, and shows who "
    "changed what. To review lists people who left long ago, consents to check with "
    "people, and things still kept after someone withdrew their consent. Each line says "
    "why it is there, with buttons to deal with it. Erasing someone's details asks you "
    "first. Who changed what lists every change to people, notes, money, votes and "
    "sign-ins, newest first; choose an area, a person or days to see fewer. Privacy "
    "notice shows what the club tells people about their information, to print. Change "
    "it, and the years details are kept, in Settings."
)

#: The parts of the room: the key used by show_section, and the words on its button.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("review", "To review"),
    ("audit", "Who changed what"),
    ("notice", "Privacy notice"),
)
#: Review lines shown at first, and added by "Show more".
REVIEW_PAGE = 20
#: Every kind of change erasing someone can touch: their pages all read again.
ERASED_DOMAINS = (PEOPLE, NOTES, ATTENDANCE, COMMITTEE, ACCOUNTS, GRANTS, VOLUNTEERS)

_DANGER = {"erase", "remove_photos", "remove_health_notes"}
_PRIMARY = {"keep", "still_agreed"}


def review_summary(review: Review) -> str:
    n = len(review.rows)
    if not n:
        return "Nothing to review now."
    return f"{count_words(n, 'thing', 'things')} to review, most urgent first."


def empty_review_words(years: int) -> str:
    span = f"{years} year" if years == 1 else f"{years} years"
    return (
        f"Nobody left the club more than {span} ago, no consent is due for review in "
        f"the next {data_review.SOON_DAYS} days, and nothing is kept that a withdrawn "
        "consent covered."
    )


def audit_count_words(shown: int, more: bool, filtered: bool) -> str:
    if not shown:
        if filtered:
            return "No changes match. Choose Every area and Everyone, and no days, to see them all."
        return "No changes are recorded yet."
    if more:
        return (
            f"The newest {shown:,} changes, newest first. Press Show older changes, under "
            "the list, to see more."
        )
    return f"{count_words(shown, 'change', 'changes')}, newest first."


class ReviewCard(QFrame):
    """One line to review: the person's name, why it is listed, and its buttons."""

    def __init__(
        self, row: ReviewRow, act: Callable[[ReviewRow, str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.row = row
        self.name_label = label(row.name, "label", self)
        self.words_label = label(row.words, parent=self)
        self.buttons: dict[str, BigButton] = {}
        for action in row.actions:
            variant = (
                "danger" if action in _DANGER else "primary" if action in _PRIMARY else "secondary"
            )
            button = BigButton(ACTION_WORDS[action], variant=variant)
            button.setAccessibleName(f"{ACTION_WORDS[action]}: {row.name}")
            button.clicked.connect(lambda _=False, a=action: act(self.row, a))
            self.buttons[action] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.name_label)
        layout.addWidget(self.words_label)
        layout.addWidget(flow_row(*self.buttons.values()))


class DataSafetyPage(PartsShownOneAtATime, Page):
    """The room, one part at a time; :meth:`show_section` takes "review", "audit" or
    "notice".

    To review: ``review_summary_label``, ``review_words_label``, ``review_note`` (what the
    last action did), ``review_error``, ``cards`` (a ReviewCard per line shown, with
    ``buttons`` by action), ``more_review_button``. Who changed what: ``area_filter``,
    ``who_filter``, ``from_filter`` and ``to_filter`` (OptionalDate), ``audit_error``,
    ``audit_count_label``, ``audit_table``/``audit_model``, ``older_button``. Privacy
    notice: ``notice_box`` (a label per piece), ``print_notice_button``,
    ``change_notice_button``.
    """

    title = "Keeping data safe"
    help_text = HELP_TEXT
    # The audit log grows with every change; the review reads people, notes and settings.
    domains = (PEOPLE, NOTES, SETTINGS, USERS, ATTENDANCE, COMMITTEE, ACCOUNTS, VOLUNTEERS)

    def __init__(
        self,
        ctx: AppContext,
        go_to: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._go_to = go_to
        self._shown = "review"
        self._stale_sections: set[str] = set()
        self._review_rows: tuple[ReviewRow, ...] = ()
        self._review_limit = REVIEW_PAGE
        self._audit_page = 0
        self.cards: list[ReviewCard] = []

        body = scrolling_body(self)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, content = body.scroll_area, body.column

        self.section_buttons: dict[str, SwitchButton] = {}
        self._switches = QButtonGroup(self)
        for key, words in SECTIONS:
            button = SwitchButton(words)
            self._switches.addButton(button)
            self.section_buttons[key] = button
            button.clicked.connect(lambda _=False, k=key: self.show_section(k))
        content.addWidget(flow_row(*self.section_buttons.values()))

        self.sections: dict[str, QWidget] = {}

        def section(key: str) -> QVBoxLayout:
            self.sections[key], column = hidden_part(content)
            return column

        self._build_review(section("review"))
        self._build_audit(section("audit"))
        self._build_notice(section("notice"))
        self._loaders: dict[str, Callable[[], None]] = {
            "review": self._load_review,
            "audit": self._load_audit,
            "notice": self._load_notice,
        }
        self.show_section("review")

    # ------------------------------------------------------------ building the parts

    def _build_review(self, column: QVBoxLayout) -> None:
        self.review_summary_label = label(role="subheading")
        column.addWidget(self.review_summary_label)
        self.review_words_label = label(role="help")
        column.addWidget(self.review_words_label)
        self.review_note = label(role="label")
        self.review_note.hide()
        column.addWidget(self.review_note)
        self.review_error = label(role="error")
        self.review_error.hide()
        column.addWidget(self.review_error)
        self._cards_box = QWidget()
        self._cards_column = QVBoxLayout(self._cards_box)
        self._cards_column.setContentsMargins(0, 0, 0, 0)
        self._cards_column.setSpacing(16)
        column.addWidget(self._cards_box)
        self.more_review_button = BigButton("Show more", variant="secondary")
        self.more_review_button.clicked.connect(self.show_more_review)
        column.addWidget(flow_row(self.more_review_button))

    def _build_audit(self, column: QVBoxLayout) -> None:
        column.addWidget(
            label(
                "Every change to people, notes, money, votes and who can sign in: when, "
                "who, what was done and to which record. It never shows what was written, "
                "only which parts changed. Nobody can change or delete this record.",
                "help",
            )
        )
        self.area_filter = ChoiceCombo(chars=16)
        self.area_filter.set_choices(
            [("Every area", None), *((words, code) for code, words in AREA_WORDS.items())]
        )
        self.who_filter = ChoiceCombo(chars=16)
        self.who_filter.set_choices([("Everyone", None)])
        today = self.ctx.today()
        self.from_filter = OptionalDate("Only from a day", "From this day", today)
        self.to_filter = OptionalDate("Only up to a day", "Up to this day", today)
        column.addWidget(
            flow_row(
                Labelled("Area", self.area_filter),
                Labelled("Who did it", self.who_filter),
                align=Qt.AlignmentFlag.AlignTop,
            )
        )
        column.addWidget(
            flow_row(self.from_filter, self.to_filter, align=Qt.AlignmentFlag.AlignTop)
        )
        for combo in (self.area_filter, self.who_filter):
            combo.currentIndexChanged.connect(self._filter_changed)
        for chooser in (self.from_filter, self.to_filter):
            chooser.check.toggled.connect(self._filter_changed)
            chooser.edit.dateChanged.connect(self._filter_changed)
            chooser.edit.editingFinished.connect(self._check_dates)
        self.audit_error = label(role="error")
        self.audit_error.hide()
        column.addWidget(self.audit_error)
        self.audit_count_label = label(role="label")
        column.addWidget(self.audit_count_label)
        self.audit_model = AuditModel(self)
        self.audit_table = words_table(self.audit_model, "Who changed what, newest first")
        self.audit_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        column.addWidget(self.audit_table)
        self.older_button = BigButton("Show older changes", variant="secondary")
        self.older_button.clicked.connect(self.show_older)
        column.addWidget(flow_row(self.older_button))

    def _build_notice(self, column: QVBoxLayout) -> None:
        column.addWidget(
            label(
                "What the club tells people about the information it keeps, and their "
                "rights. Give a copy to each new member and carer, and put one on the wall.",
                "help",
            )
        )
        self.print_notice_button = BigButton("Print the privacy notice")
        self.print_notice_button.clicked.connect(self.print_notice)
        self.change_notice_button = BigButton("Change it in Settings", variant="secondary")
        self.change_notice_button.clicked.connect(self.change_notice)
        self.change_notice_button.setVisible(
            self._go_to is not None and self.ctx.can("settings.edit")
        )
        column.addWidget(flow_row(self.print_notice_button, self.change_notice_button))
        self.notice_box = QFrame()
        self.notice_box.setProperty("card", True)
        self._notice_column = QVBoxLayout(self.notice_box)
        self._notice_column.setContentsMargins(16, 12, 16, 16)
        self._notice_column.setSpacing(8)
        column.addWidget(self.notice_box)

    # ------------------------------------------------------------ which part shows

    # ------------------------------------------------------------ to review

    def _load_review(self) -> None:
        review = self.ctx.read(data_review.review, self.ctx.today())
        self._review_rows = review.rows
        self.review_summary_label.setText(review_summary(review))
        years = review.retention_years
        span = f"{years} year" if years == 1 else f"{years} years"
        if review.rows:
            self.review_words_label.setText(
                f"People who left the club more than {span} ago, consents due for review "
                f"in the next {data_review.SOON_DAYS} days, and things still kept after a "
                "consent was withdrawn. The number of years is set in Settings."
            )
        else:
            self.review_words_label.setText(empty_review_words(years))
        self._show_cards()

    def _show_cards(self) -> None:
        for card in self.cards:
            self._cards_column.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = [ReviewCard(row, self.act) for row in self._review_rows[: self._review_limit]]
        for card in self.cards:
            self._cards_column.addWidget(card)
            card.show()  # now, not when Qt gets round to it: its buttons are there at once
        self._cards_box.setVisible(bool(self.cards))
        left = len(self._review_rows) - len(self.cards)
        self.more_review_button.setText(f"Show {min(REVIEW_PAGE, left)} more ({left} not shown)")
        self.more_review_button.setVisible(left > 0)

    def show_more_review(self) -> None:
        self._review_limit += REVIEW_PAGE
        self._show_cards()

    def card_for(self, person_id: int, kind: str | None = None) -> ReviewCard | None:
        """The card shown for a person (and kind of line), if any."""
        return next(
            (
                c
                for c in self.cards
                if c.row.person_id == person_id and (kind is None or c.row.kind == kind)
            ),
            None,
        )

    def _say(self, text: str) -> None:
        self.review_error.hide()
        self.review_note.setText(text)
        self.review_note.setVisible(bool(text))

    def show_notice(self, text: str) -> None:
        """What the page pushed from here (a person's record) did: "Saved Ann Smith."."""
        self._say(text)

    def act(self, row: ReviewRow, action: str) -> None:
        """Do what the button ``action`` of ``row``'s card says."""
        handlers: dict[str, Callable[[ReviewRow], str | None]] = {
            "erase": self._erase,
            "keep": self._keep,
            "still_agreed": self._still_agreed,
            "withdraw": self._withdraw,
            "remove_photos": self._remove_photos,
            "remove_health_notes": self._remove_health_notes,
            "open": self._open,
        }
        self.review_error.hide()
        try:
            said = handlers[action](row)
        except ValidationError as exc:
            self._show_error(" ".join(exc.errors.values()))
            return
        except SERVICE_ERRORS as exc:
            self._show_error(str(exc))
            return
        if said:
            self._say(said)

    def _show_error(self, text: str) -> None:
        self.review_note.hide()
        self.review_error.setText(text)
        self.review_error.show()

    def _erase(self, row: ReviewRow) -> str | None:
        name = row.name
        if not ask_to_confirm(
            self,
            "Erase their details",
            f"Erase {name}'s details? Their name, contact details, notes, consents and "
            "photo are removed for good. The accounts and minutes keep their amounts and "
            "decisions, under \u201ca former member\u201d. This cannot be undone.",
            f"Yes, erase {name}'s details",
            danger=True,
        ):
            return None
        # The file is compacted once the change is saved (services.erasure), so the
        # deleted details cannot be read back from it.
        result = self.ctx.run(data_review.erase_details, row.person_id)
        for domain in ERASED_DOMAINS:
            self.ctx.changed.emit(domain)
        return result.words

    def _keep(self, row: ReviewRow) -> str:
        until = self.ctx.run(
            data_review.keep_another_year, row.person_id, self.ctx.today(), changed=SETTINGS
        )
        return (
            f"{row.name}'s details are kept for another year. They come back to this list "
            f"on {long_date(until, weekday=False)}."
        )

    def _still_agreed(self, row: ReviewRow) -> str:
        assert row.consent_id is not None
        next_review = self.ctx.run(
            data_review.still_agreed, row.consent_id, self.ctx.today(), changed=PEOPLE
        )
        return (
            f"{row.name} still agrees to {data_review.CONSENT_TO[row.what]}. The next review "
            f"is on {long_date(next_review, weekday=False)}."
        )

    def _withdraw(self, row: ReviewRow) -> str | None:
        assert row.consent_id is not None
        if row.what == "photos" and not ask_to_confirm(
            self,
            "Consent to photos withdrawn",
            f"{row.name} no longer agrees to photos? Their consent ends today, and any "
            "photo of them the club keeps is removed.",
            "Yes, they no longer agree",
            danger=True,
        ):
            return None
        return self.ctx.run(
            data_review.withdraw_today, row.consent_id, self.ctx.today(), changed=PEOPLE
        )

    def _remove_photos(self, row: ReviewRow) -> str | None:
        if not ask_to_confirm(
            self,
            "Remove their photos",
            f"Remove {row.name}'s photo? They withdrew their consent to photos. The photo is "
            "deleted for good.",
            f"Yes, remove {row.name}'s photo",
            danger=True,
        ):
            return None
        self.ctx.run(data_review.remove_photos, row.person_id, self.ctx.today(), changed=PEOPLE)
        return f"{row.name}'s photo was removed."

    def _remove_health_notes(self, row: ReviewRow) -> str | None:
        if not ask_to_confirm(
            self,
            "Remove their health notes",
            f"Remove the notes about {row.name}'s health? They withdrew their consent to "
            "them. The notes are deleted for good; their other notes stay.",
            "Yes, remove the health notes",
            danger=True,
        ):
            return None
        count = self.ctx.run(
            data_review.remove_health_notes, row.person_id, self.ctx.today(), changed=NOTES
        )
        notes = "1 note" if count == 1 else f"{count} notes"
        return f"Removed {notes} about {row.name}'s health."

    def _open(self, row: ReviewRow) -> None:
        from clubapp.ui.pages.person import PersonPage

        self.ctx.navigator.push(PersonPage(self.ctx, row.person_id))
        return None

    # ------------------------------------------------------------ who changed what

    def audit_filter(self) -> AuditFilter:
        return AuditFilter(
            area=self.area_filter.value(),
            user_id=self.who_filter.value(),
            from_day=self.from_filter.value(),
            to_day=self.to_filter.value(),
        )

    def _load_audit(self) -> None:
        users = self.ctx.read(audit.audit_users)
        self.who_filter.blockSignals(True)
        self.who_filter.set_choices([("Everyone", None), *((name, uid) for uid, name in users)])
        self.who_filter.blockSignals(False)
        self._audit_page = 0
        self._show_audit(self._read_audit(0), replace=True)

    def _read_audit(self, page: int) -> list[AuditRow] | None:
        self.audit_error.hide()
        try:
            return self.ctx.read(audit.audit_entries, self.audit_filter(), page=page)
        except ValidationError as exc:
            self.audit_error.setText(" ".join(exc.errors.values()))
            self.audit_error.show()
            return None

    def _show_audit(self, rows: list[AuditRow] | None, *, replace: bool) -> None:
        if rows is None:
            return
        if replace:
            self.audit_model.set_rows(rows)
        else:
            self.audit_model.add_rows(rows)
            self.audit_table.fit_rows()
        more = len(rows) == PAGE_SIZE
        shown = self.audit_model.rowCount()
        flt = self.audit_filter()
        self.audit_count_label.setText(audit_count_words(shown, more, flt != AuditFilter()))
        self.audit_table.setVisible(shown > 0)
        self.older_button.setVisible(more)

    def _filter_changed(self, *_args: object) -> None:
        try:
            self._audit_page = 0
            self._show_audit(self._read_audit(0), replace=True)
        except SERVICE_ERRORS as exc:
            self.audit_error.setText(str(exc))
            self.audit_error.show()

    def _check_dates(self) -> None:
        for chooser in (self.from_filter, self.to_filter):
            if chooser.check.isChecked() and not chooser.edit.is_valid():
                self.audit_error.setText(chooser.edit.error_text())
                self.audit_error.show()
                return

    def show_older(self) -> None:
        """The next 200 changes, older, under those shown."""
        self._audit_page += 1
        try:
            self._show_audit(self._read_audit(self._audit_page), replace=False)
        except SERVICE_ERRORS as exc:
            self.audit_error.setText(str(exc))
            self.audit_error.show()

    # ------------------------------------------------------------ the privacy notice

    def _load_notice(self) -> None:
        text = self.ctx.read(privacy_notice.notice_text)
        while self._notice_column.count():
            item = self._notice_column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for piece in privacy_notice.blocks(text):
            widget = self._notice_label(piece)
            self._notice_column.addWidget(widget)
            widget.show()

    @staticmethod
    def _notice_label(piece: Block) -> QWidget:
        if piece.kind in ("title", "heading"):
            return label(piece.text, "subheading")
        if piece.kind != "item":
            return label(piece.text)
        # A list item: its lines start under its first word, not under the bullet.
        item = QWidget()
        row = QHBoxLayout(item)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(label("\u2022"), 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label(piece.text), 1)
        return item

    def notice_words(self) -> str:
        """The notice as shown, one piece a line."""
        box = self.notice_box
        return "\n".join(
            w.text()
            for w in box.findChildren(QLabel)
            if w.text() != "\u2022" and w.isVisibleTo(box)
        )

    def print_notice(self) -> None:
        ctx = self.ctx
        today = ctx.today()
        ctx.navigator.show_pdf(
            "Privacy notice",
            lambda: ctx.read(privacy_notice.notice_pdf, today),
            f"privacy-notice-{today.isoformat()}.pdf",
        )

    def change_notice(self) -> None:
        """Go to Settings, at the privacy notice."""
        if self._go_to is None:
            return
        self._go_to("Settings")
        current = getattr(self.ctx.navigator, "current", None)
        show = getattr(current, "show_privacy_notice", None)
        if callable(show):
            show()
