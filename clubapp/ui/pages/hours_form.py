"""Log hours a person gave the club: who, the day, how long ("2", "2.5", "1½" or "2:30"),
what it was for (one of the club's needs, a club session, or neither) and a note.

A page of its own, so nothing typed is lost when the laptop locks. It saves through one
service call; every problem is shown under its field at once and everything typed stays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from clubapp.services import attendance, members, needs, volunteer_hours
from clubapp.services.dates import WEEKDAY_WORDS, long_date
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.members import PersonRow
from clubapp.services.needs import NeedView
from clubapp.services.volunteer_hours import HoursInput, hours_words
from clubapp.ui.context import VOLUNTEERS, AppContext
from clubapp.ui.own_record import own_person_id
from clubapp.ui.pages.accounts_setup import KindChoice
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.grant_forms import service_errors
from clubapp.ui.pages.note_editor import person_words
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit, bad_dates
from clubapp.ui.widgets.inputs import PersonChoice, fold

HELP_TEXT = (
    "Type part of the person's name and choose them from the list, or type their whole "
    "name or the name they are known by. Choose the day they gave the time (today, or "
    "an earlier day), and type how long: 2 for two hours, 2.5 or 2:30 for two and a "
    "half. Say what it was for: one of the club's needs (those done lately too), a club "
    "session, or neither. The note is for anything worth remembering."
)
#: How far back the list of sessions goes, and of needs already done.
SESSION_DAYS_BACK = 92
FOR_WORDS = {"need": "One of the club's needs", "session": "A club session", "": "Neither"}
CHOOSE_PERSON = "Choose who gave the time: type part of their name, then choose them from the list."
UNKNOWN_PERSON = (
    "Those words do not name one person. Type part of the name, then choose them from the list."
)


def need_choice_words(view: NeedView) -> str:
    """ "Cook the Christmas lunch, 16 December 2026": short, so the list shows it whole;
    a need done already says so ("Old raffle, 1 November 2026 (done)")."""
    words = view.title
    if view.when_kind == "date" and view.on_date is not None:
        words = f"{view.title}, {long_date(view.on_date, weekday=False)}"
    elif view.when_kind == "weekly" and view.weekday is not None:
        words = f"{view.title}, every {WEEKDAY_WORDS[view.weekday]}"
    elif view.when_kind == "before" and view.by_date is not None:
        words = f"{view.title}, by {long_date(view.by_date, weekday=False)}"
    return f"{words} (done)" if view.status == "done" else words


def recently_done(view: NeedView, since: date) -> bool:
    """A need done whose day was not long ago: hours are often logged after it is done."""
    day = view.last_day
    return view.status == "done" and (day is None or day >= since)


class HoursPersonChoice(PersonChoice):
    """The person chooser, which also chooses someone when their whole full name or their
    known-as name is typed, in any case: the list shows "Len (Leonard Fox)", and
    "Leonard Fox" or "len" typed alone names him as surely. Only one person may answer to
    the words; otherwise nobody is chosen, as in :class:`PersonChoice`."""

    def __init__(self, parent: QWidget | None = None, *, chars: int = 28) -> None:
        super().__init__(parent, chars=chars)
        self._names: dict[int, frozenset[str]] = {}

    def set_names(self, people: Iterable[tuple[int, Sequence[str]]]) -> None:
        """The names each person answers to, as (person id, names)."""
        for person_id, names in people:
            self._names[person_id] = frozenset(fold(n) for n in names if fold(n))

    def _match(self) -> int:
        row = super()._match()
        if row >= 0:
            return row
        typed = fold(self.currentText())
        if not typed:
            return -1
        rows = [
            i
            for i in range(self.count())
            if typed in self._names.get(int(self.itemData(i)), frozenset())
        ]
        return rows[0] if len(rows) == 1 else -1


def person_names(person: PersonRow) -> tuple[str, ...]:
    return tuple(n for n in (person.full_name, person.known_as) if n)


class HoursFormPage(FormPage):
    """Log hours given, perhaps by a chosen person (``person_id``) or for a chosen need
    (``need_id``). Once saved and gone back, ``saved(hours_id)`` is called.

    Public parts, for tests: ``person`` (HoursPersonChoice), ``on_date``, ``hours``, ``for_what``
    (KindChoice: "need", "session", ""), ``need``, ``session`` (ChoiceCombos), ``note``,
    ``hours_words_label``."""

    help_text = HELP_TEXT

    def __init__(
        self,
        ctx: AppContext,
        person_id: int | None = None,
        need_id: int | None = None,
        saved: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(ctx, save_text="Save these hours")
        self.title = "Log hours"  # one line at 200 %, as the Volunteers room's button says
        self._saved = saved
        self._saved_id: int | None = None
        today = ctx.today()
        self._load_choices(need_id)

        self.person = HoursPersonChoice(chars=24)
        self.on_date = DateEdit(today, display_format=IN_WORDS)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText("For example 2 or 2.5")
        self.for_what = KindChoice(self._for_words())
        self.need = ChoiceCombo(chars=30)
        self.session = ChoiceCombo(chars=30)
        self.note = QLineEdit()

        form = self.form
        form.add_field("person", "Who gave the time", self.person)
        form.add_field("on_date", "The day", self.on_date)
        hours_row = form.add_field(
            "hours",
            "How long, in hours",
            self.hours,
            "2 for two hours; 2.5 or 2:30 for two and a half; 0.75 for three quarters of an hour.",
        )
        form.add_field("for", "What it was for", self.for_what)
        form.add_field("need", "Which need", self.need)
        form.add_field("session", "Which session", self.session)
        form.add_field("note", "Note (you can leave this blank)", self.note)
        self.hours_words_label = hours_row.help_label
        self._hours_help = hours_row.help_label.text()

        self._fill_choices()
        self._choose_person(person_id)
        if need_id is not None and self.need.findData(need_id) >= 0:
            self.for_what.set_value("need")
            self.need.choose(need_id)
        else:
            self.for_what.set_value("")
        for button in self.for_what.buttons.values():
            button.toggled.connect(self._show_parts)
        self.hours.textChanged.connect(self._say_hours)
        self._show_parts()
        self.mark_unchanged()

    # ------------------------------------------------------------ filling

    def _load_choices(self, need_id: int | None) -> None:
        """The people, the needs still to do and those done lately (and ``need_id``
        whatever it is now) and the recent sessions, as (words, id)."""
        today = self.ctx.today()
        since = today - timedelta(days=SESSION_DAYS_BACK)
        self._people = self.ctx.read(members.list_people)
        found = self.ctx.read(needs.needs, today, statuses=("open", "filled", "done"))
        chosen = [n for n in found if n.status != "done" or recently_done(n, since)]
        self._needs = [(need_choice_words(n), n.need_id) for n in chosen]
        if need_id is not None and all(nid != need_id for _w, nid in self._needs):
            try:
                kept = self.ctx.read(needs.need, need_id)
            except (NotAllowed, NotFound):
                pass
            else:
                self._needs.insert(0, (need_choice_words(kept), kept.need_id))
        recent = self.ctx.read(
            attendance.list_sessions, today - timedelta(days=SESSION_DAYS_BACK), today
        )
        self._sessions = [(row.title, row.session_id) for row in reversed(recent)]

    def _for_words(self) -> dict[str, str]:
        """What the hours were for; a kind with nothing to choose says why."""
        words = dict(FOR_WORDS)
        if not self._needs:
            words["need"] += " (none now or lately)"
        if not self._sessions:
            words["session"] += " (none in the last three months)"
        return words

    def _fill_choices(self) -> None:
        active = [p for p in self._people if p.status in ("", "active")]
        self.person.set_people([(p.person_id, person_words(p)) for p in active])
        self.person.set_names((p.person_id, person_names(p)) for p in self._people)
        self.need.set_choices(self._needs)
        self.session.set_choices(self._sessions)
        self.for_what.buttons["need"].setEnabled(bool(self._needs))
        self.for_what.buttons["session"].setEnabled(bool(self._sessions))

    def _choose_person(self, person_id: int | None) -> None:
        if person_id is None and self.ctx.actor.role == "volunteer":
            person_id = self._own_person_id()
        if person_id is None:
            return
        if not self.person.set_value(person_id):
            found = next((p for p in self._people if p.person_id == person_id), None)
            if found is not None:
                self.person.add_person(person_id, person_words(found))
                self.person.set_value(person_id)

    def _own_person_id(self) -> int | None:
        """A volunteer logs their own hours most often: the one person of their name."""
        return own_person_id(self.ctx.actor, self._people)

    def _show_parts(self, *_args: object) -> None:
        chosen = self.for_what.value()
        self.form.field("need").setVisible(chosen == "need")
        self.form.field("session").setVisible(chosen == "session")

    def _say_hours(self, text: str) -> None:
        """Say the hours in words as they are typed ("2½ hours"), so a slip shows."""
        help_label = self.form.field("hours").help_label
        try:
            minutes = volunteer_hours.parse_hours(text)
        except ValidationError:
            help_label.setText(self._hours_help)
            return
        help_label.setText(f"That is {hours_words(minutes)}.")

    # ------------------------------------------------------------ saving

    def values(self) -> tuple[Any, ...]:
        return (
            self.person.currentText(),
            self.on_date.text(),
            self.hours.text(),
            self.for_what.value(),
            self.need.value(),
            self.session.value(),
            self.note.text(),
        )

    def hours_input(self) -> tuple[HoursInput, dict[str, str]]:
        """What the form holds, and what only the form can tell is wrong (no person
        chosen, hours that are not hours); stand-ins take those values' places so the
        service still checks the rest."""
        problems: dict[str, str] = {}
        person_id = self.person.value()
        if person_id is None:
            problems["person"] = UNKNOWN_PERSON if self.person.is_unknown() else CHOOSE_PERSON
        try:
            minutes = volunteer_hours.parse_hours(self.hours.text(), "hours")
        except ValidationError as exc:
            problems.update(exc.errors)
            minutes = 60
        chosen = self.for_what.value()
        data = HoursInput(
            person_id=person_id or 0,
            on_date=self.on_date.value(),
            minutes=minutes,
            need_id=self.need.value() if chosen == "need" else None,
            session_id=self.session.value() if chosen == "session" else None,
            note=self.note.text(),
        )
        return data, problems

    def _checked(self, data: HoursInput) -> dict[str, str]:
        return service_errors(self.ctx, volunteer_hours.log_hours, data, self.ctx.today())

    def save(self) -> bool:
        """Save; a date that is not a date is shown together with every other problem."""
        dates = bad_dates(self.form.fields())
        if not dates:
            return super().save()
        self.clear_errors()
        data, problems = self.hours_input()
        self.show_errors({**self._checked(data), **problems, **dates})
        return False

    def submit(self) -> None:
        data, problems = self.hours_input()
        if problems:
            raise ValidationError({**self._checked(data), **problems})
        self._saved_id = self.ctx.run(
            volunteer_hours.log_hours, data, self.ctx.today(), changed=VOLUNTEERS
        )

    def after_save(self) -> None:
        if self._saved is not None and self._saved_id is not None:
            self._saved(self._saved_id)
