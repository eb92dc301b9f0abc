"""The form for one of the club's needs: its title, what it is for (perhaps a session, an
activity or a grant bid from a list), when (one day, every week, or any time before a
day), how many people, the skills it needs (must have or nice to have), the checks it
needs, and notes.

A page of its own, so nothing typed is lost when the laptop locks. It saves through one
service call; every refusal is shown under its field at once, a date that is not a date
among them, and everything typed stays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from clubapp.services import attendance, grants, needs, programme, skills
from clubapp.services.checks import CHECK_WORDS
from clubapp.services.dates import WEEKDAY_WORDS
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.needs import PEOPLE_MAX, PURPOSE_WORDS, WHEN_WORDS, NeedInput, NeedView
from clubapp.services.skills import PART_WORDS
from clubapp.services.words import and_words
from clubapp.ui.context import VOLUNTEERS, AppContext
from clubapp.ui.pages.accounts_setup import KindChoice
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.grant_forms import TickList, service_errors
from clubapp.ui.widgets.choosers import ChoiceCombo, OptionalDate
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit, bad_dates
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.inputs import TextBox
from clubapp.ui.widgets.steppers import NumberStepper

HELP_TEXT = (
    "Give the need a short title and say what it is for. For a club session, an activity "
    "or a grant bid you can choose which one from the list: for a need every week, the "
    "club session it helps at each week. Say when: on one day, every week, or any time "
    "before a day. Say how many people are wanted, which skills are a "
    "must and which are nice to have, and tick the checks a person must have in date, "
    "such as a DBS check for one-to-one visits."
)
#: How far ahead the list of sessions goes.
SESSION_DAYS_AHEAD = 183
#: A skill's place in a need: its choice's words.
NEED_LEVEL_WORDS = {"": "Not needed", "nice": "Nice to have", "must": "Must have"}
ANY_PART = "Any time of day"
#: What the link list offers first: no particular one.
NO_LINK = {
    "session": "No particular session",
    "session_name": "No particular session",
    "activity": "No particular activity",
    "grant": "No particular grant bid",
}
#: The field under which each kind of link is chosen.
LINK_FIELDS = {"session": "session_id", "activity": "activity_id", "grant": "application_id"}
PEOPLE_PROBLEM = f"Type how many people are wanted, as a number from 1 to {PEOPLE_MAX}."


def skills_chosen_words(must: Sequence[str], nice: Sequence[str]) -> str:
    """ "Must have: cooking. Nice to have: meal planning and singing." or "No skills chosen"."""
    parts = []
    if must:
        parts.append(f"Must have: {and_words(must)}.")
    if nice:
        parts.append(f"Nice to have: {and_words(nice)}.")
    return " ".join(parts) or "No skills chosen: anyone who offered to help can be asked."


class SkillCell(QWidget):
    """One skill's name, and whether the need wants it."""

    def __init__(self, skill_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.skill_id = skill_id
        self.name = name
        self.name_label = label(name, "label", self)
        self.choice = ChoiceCombo(self, chars=13)
        self.choice.set_choices((words, code) for code, words in NEED_LEVEL_WORDS.items())
        self.choice.setAccessibleName(name)
        self.choice.setAccessibleDescription("Not needed, nice to have, or must have")
        self.name_label.setBuddy(self.choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.name_label)
        layout.addWidget(self.choice)
        layout.addStretch(1)


class SkillNeeds(QWidget):
    """Each skill on the club's list with "Not needed / Nice to have / Must have", in a grid
    whose columns follow the width (fewer at a large text size), and a line saying what is
    chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = FlowBox(self, spacing=16, uniform=True)
        self.cells: list[SkillCell] = []
        self.chosen_label = label(role="help", parent=self)
        self.chosen_label.setAccessibleName("Skills chosen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.chosen_label)
        layout.addWidget(self.grid)

    def set_skills(self, rows: Sequence[tuple[int, str]]) -> None:
        for cell in self.cells:
            self.grid.remove_widget(cell)
            cell.deleteLater()
        self.cells = []
        for skill_id, name in rows:
            cell = SkillCell(skill_id, name)
            cell.choice.currentIndexChanged.connect(self.show_chosen)
            self.grid.add_widget(cell)
            self.cells.append(cell)
        self.show_chosen()

    def cell_for(self, name: str) -> SkillCell:
        return next(c for c in self.cells if c.name == name)

    def value(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(must-have skill ids, nice-to-have skill ids)."""
        must = tuple(c.skill_id for c in self.cells if c.choice.value() == "must")
        nice = tuple(c.skill_id for c in self.cells if c.choice.value() == "nice")
        return must, nice

    def set_value(self, must: Sequence[int], nice: Sequence[int]) -> None:
        for cell in self.cells:
            cell.choice.choose(
                "must" if cell.skill_id in must else "nice" if cell.skill_id in nice else ""
            )
        self.show_chosen()

    def show_chosen(self, *_args: object) -> None:
        must = [c.name for c in self.cells if c.choice.value() == "must"]
        nice = [c.name for c in self.cells if c.choice.value() == "nice"]
        self.chosen_label.setText(skills_chosen_words(must, nice))


class NeedFormPage(FormPage):
    """Add a need (``need_id=None``) or change one. Once saved and gone back,
    ``saved(need_id)`` is called; without it a new need's page opens.

    Public parts, for tests: ``title_box``, ``purpose`` (KindChoice), ``session``,
    ``activity``, ``grant`` (ChoiceCombos), ``when`` (KindChoice), ``on_date``,
    ``weekday``, ``part``, ``starts_on``, ``ends_on`` (OptionalDates), ``by_date``,
    ``people`` (NumberStepper), ``skills`` (SkillNeeds), ``checks`` (TickList), ``notes``;
    ``session_name`` (ChoiceCombo: the club's session names, for a need every week)."""

    help_text = HELP_TEXT

    def __init__(
        self,
        ctx: AppContext,
        need_id: int | None,
        saved: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(ctx, save_text="Save this need")
        self.need_id = need_id
        self._saved = saved
        self._saved_id: int | None = None
        self.title = "Add a need" if need_id is None else "Change a need"
        today = ctx.today()
        view: NeedView | None = None
        if need_id is not None:
            try:
                view = ctx.read(needs.need, need_id)
            except (NotAllowed, NotFound) as exc:
                self.form.show_errors({"": f"{exc} Press Go back to return."})
                self.save_button.hide()

        self.title_box = QLineEdit()
        self.title_box.setPlaceholderText("For example Help with the teas")
        self.purpose = KindChoice(PURPOSE_WORDS)
        self.purpose.set_value("job")
        self.session = ChoiceCombo(chars=30)
        self.session_name = ChoiceCombo(chars=24)
        self.activity = ChoiceCombo(chars=24)
        self.grant = ChoiceCombo(chars=24)
        self.when = KindChoice(WHEN_WORDS)
        self.when.set_value("date")
        self.on_date = DateEdit(today + timedelta(days=7), display_format=IN_WORDS)
        self.weekday = ChoiceCombo(chars=10)
        self.weekday.set_choices((words, n) for n, words in enumerate(WEEKDAY_WORDS))
        self.weekday.choose(today.weekday())
        self.part = ChoiceCombo(chars=15)
        for combo in (self.weekday, self.part):
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.part.set_choices([(ANY_PART, None), *((w, p) for p, w in PART_WORDS.items())])
        self.starts_on = OptionalDate("It starts on a day", "The first week", today)
        self.ends_on = OptionalDate("It stops after a day", "The last week", today)
        self.by_date = DateEdit(today + timedelta(days=14), display_format=IN_WORDS)
        self.people = NumberStepper("How many people", 1, PEOPLE_MAX, 1)
        self.skills = SkillNeeds()
        self.checks = TickList("Nothing ticked: no checks are needed.")
        self.checks.set_choices([(words, kind) for kind, words in CHECK_WORDS.items()])
        self.notes = TextBox(3)

        form = self.form
        form.add_field("title", "Title", self.title_box, "A few words the club knows it by.")
        form.add_field("purpose", "What it is for", self.purpose)
        form.add_field("session_id", "Which session (you can leave this)", self.session)
        form.add_field(
            "session_name",
            "Which session each week (you can leave this)",
            self.session_name,
            "The club session it helps at, every week.",
        )
        form.add_field("activity_id", "Which activity (you can leave this)", self.activity)
        form.add_field("application_id", "Which grant bid (you can leave this)", self.grant)
        form.add_field("when_kind", "When", self.when)
        form.add_field("on_date", "The day", self.on_date)
        form.add_field("weekday", "The day of the week", self.weekday)
        form.add_field("part", "Part of the day", self.part)
        form.add_field("starts_on", "From (you can leave this)", self.starts_on)
        form.add_field("ends_on", "Until (you can leave this)", self.ends_on)
        form.add_field("by_date", "Done by", self.by_date, "The day it must be done by.")
        form.add_field(
            "people_wanted",
            "How many people are wanted",
            self.people,
            "Press + or −, or type the number.",
        )
        form.add_field(
            "skills",
            "Skills needed",
            self.skills,
            "For each skill choose Must have, Nice to have, or leave it as Not needed. "
            "Only people with every must-have skill are suggested.",
        )
        form.add_field(
            "checks",
            "Checks needed",
            self.checks,
            "Tick each check a person must have in date, for example a DBS check for "
            "one-to-one visits or food hygiene for cooking.",
        )
        form.add_field("notes", "Notes (you can leave this blank)", self.notes)

        self._fill_choices(view)
        if view is not None:
            self._fill(view)
        for button in (*self.purpose.buttons.values(), *self.when.buttons.values()):
            button.toggled.connect(self._show_parts)
        self.session.activated.connect(self._session_chosen)
        self.session_name.activated.connect(self._session_name_chosen)
        self._show_parts()
        self.mark_unchanged()

    # ------------------------------------------------------------ filling

    def _fill_choices(self, view: NeedView | None) -> None:
        today = self.ctx.today()
        upcoming = self.ctx.read(
            attendance.list_sessions, today, today + timedelta(days=SESSION_DAYS_AHEAD)
        )
        sessions = [(row.title, row.session_id) for row in upcoming]
        self._session_days = {row.session_id: row.on_date for row in upcoming}
        kept_session = view.session_id if view is not None else None
        if kept_session is not None and all(sid != kept_session for _w, sid in sessions):
            try:
                row = self.ctx.read(attendance.get_session, kept_session)
            except (NotAllowed, NotFound):
                pass
            else:
                sessions.insert(0, (row.title, row.session_id))
        self.session.set_choices([(NO_LINK["session"], None), *sessions])

        # A weekly need helps at a session every week: the club's session names.
        names = list(self.ctx.read(needs.session_names, today))
        kept_name = view.session_name if view is not None else None
        if kept_name and all(n.casefold() != kept_name.casefold() for n in names):
            names.append(kept_name)
        self.session_name.set_choices(
            [(NO_LINK["session_name"], None), *((name, name) for name in names)]
        )
        # The day of the week each name's next session falls on, to put the need on it.
        self._name_weekdays: dict[str, int] = {}
        for row in upcoming:
            self._name_weekdays.setdefault(row.name.casefold(), row.on_date.weekday())

        activities = [(a.name, a.activity_id) for a in self.ctx.read(programme.list_activities)]
        kept_activity = view.activity_id if view is not None else None
        if kept_activity is not None and all(aid != kept_activity for _w, aid in activities):
            try:
                kept = self.ctx.read(programme.get_activity, kept_activity)
            except (NotAllowed, NotFound):
                pass
            else:
                activities.append((kept.name, kept.activity_id))
        self.activity.set_choices([(NO_LINK["activity"], None), *activities])

        bids: list[tuple[str, int]] = []
        if self.ctx.can("grants.see"):
            bids = [
                (f"{a.title} ({a.funder_name})", a.application_id)
                for a in self.ctx.read(grants.list_applications, today)
            ]
        self.grant.set_choices([(NO_LINK["grant"], None), *bids])
        rows = self.ctx.read(skills.skills)
        self.skills.set_skills([(s.skill_id, s.name) for s in rows])

    def _fill(self, view: NeedView) -> None:
        today = self.ctx.today()
        self.title_box.setText(view.title)
        self.purpose.set_value(view.purpose)
        self.session.choose(view.session_id)
        if view.session_name:
            self._choose_session_name(view.session_name)
        elif view.when_kind == "weekly" and view.session_id is not None:
            # Saved before weekly needs had a session's name: the name of its dated
            # session carries on, so saving keeps what it is for.
            try:
                dated = self.ctx.read(attendance.get_session, view.session_id)
            except (NotAllowed, NotFound):
                pass
            else:
                self._choose_session_name(dated.name)
        self.activity.choose(view.activity_id)
        self.grant.choose(view.application_id)
        self.when.set_value(view.when_kind)
        if view.on_date is not None:
            self.on_date.set_value(view.on_date)
        if view.weekday is not None:
            self.weekday.choose(view.weekday)
        self.part.choose(view.part)
        self.starts_on.set_value(view.starts_on, today)
        self.ends_on.set_value(view.ends_on, view.starts_on or today)
        if view.by_date is not None:
            self.by_date.set_value(view.by_date)
        self.people.set_value(view.people_wanted)
        self.skills.set_value([s for s, _n in view.must_skills], [s for s, _n in view.nice_skills])
        self.checks.set_value(view.checks)
        self.notes.setText(view.notes)

    def _choose_session_name(self, name: str) -> None:
        """Choose a session name whatever its case (the list spells it as the club does)."""
        for index in range(self.session_name.count()):
            data = self.session_name.itemData(index)
            if data is not None and data.casefold() == name.casefold():
                self.session_name.setCurrentIndex(index)
                return

    def _show_parts(self, *_args: object) -> None:
        """Only the link for what the need is for, and only the boxes for the kind of when:
        a need on one day (or before one) links to a session on a day; a need every week
        to the name of the club's session that week."""
        purpose = self.purpose.value()
        when = self.when.value()
        for kind, name in LINK_FIELDS.items():
            shown = purpose == kind and (kind != "grant" or self.grant.count() > 1)
            if kind == "session":
                shown = shown and when != "weekly"
            self.form.field(name).setVisible(shown)
        self.form.field("session_name").setVisible(purpose == "session" and when == "weekly")
        for name, kinds in (
            ("on_date", ("date",)),
            ("weekday", ("weekly",)),
            ("part", ("date", "weekly")),
            ("starts_on", ("weekly",)),
            ("ends_on", ("weekly",)),
            ("by_date", ("before",)),
        ):
            self.form.field(name).setVisible(when in kinds)

    def _session_chosen(self, *_args: object) -> None:
        """A session chosen from the list: the need is on that session's day."""
        day = self._session_days.get(self.session.value())
        if day is not None:
            self.when.set_value("date")
            self.on_date.set_value(day)

    def _session_name_chosen(self, *_args: object) -> None:
        """A session every week chosen: the need is on that session's day of the week."""
        name = self.session_name.value()
        weekday = self._name_weekdays.get(name.casefold()) if name else None
        if weekday is not None:
            self.weekday.choose(weekday)

    # ------------------------------------------------------------ saving

    def values(self) -> tuple[Any, ...]:
        return (
            self.title_box.text(),
            self.purpose.value(),
            self.session.value(),
            self.session_name.value(),
            self.activity.value(),
            self.grant.value(),
            self.when.value(),
            self.on_date.text(),
            self.weekday.value(),
            self.part.value(),
            self.starts_on.value(),
            self.starts_on.edit.text(),
            self.ends_on.value(),
            self.ends_on.edit.text(),
            self.by_date.text(),
            self.people.box.text(),
            self.skills.value(),
            tuple(self.checks.value()),
            self.notes.text(),
        )

    def _people_typed(self) -> tuple[int, dict[str, str]]:
        """The number typed (not quietly changed to one allowed), or a message."""
        text = self.people.box.text().strip()
        if not text.isdigit():
            return 1, {"people_wanted": PEOPLE_PROBLEM}
        return int(text), {}

    def need_input(self) -> tuple[NeedInput, dict[str, str]]:
        """What the form holds, and the problems only the form can see (a number of
        people that is not a number); a stand-in takes that value's place so the service
        still checks everything else."""
        people, problems = self._people_typed()
        purpose = self.purpose.value()
        when = self.when.value()
        weekly_session = purpose == "session" and when == "weekly"
        must, nice = self.skills.value()
        data = NeedInput(
            title=self.title_box.text(),
            purpose=purpose,
            when_kind=when,
            on_date=self.on_date.value(),
            weekday=self.weekday.value(),
            part=self.part.value(),
            starts_on=self.starts_on.value(),
            ends_on=self.ends_on.value(),
            by_date=self.by_date.value(),
            people_wanted=people,
            session_id=self.session.value()
            if purpose == "session" and not weekly_session
            else None,
            session_name=self.session_name.value() if weekly_session else None,
            activity_id=self.activity.value() if purpose == "activity" else None,
            application_id=self.grant.value() if purpose == "grant" else None,
            must_skills=must,
            nice_skills=nice,
            checks=tuple(self.checks.value()),
            notes=self.notes.text(),
        )
        return data, problems

    def _checked(self, data: NeedInput) -> dict[str, str]:
        if self.need_id is None:
            return service_errors(self.ctx, needs.add_need, data)
        return service_errors(self.ctx, needs.update_need, self.need_id, data)

    def save(self) -> bool:
        """Save; a date that is not a date is shown together with every other problem."""
        dates = bad_dates(self.form.fields())
        if not dates:
            return super().save()
        self.clear_errors()
        data, problems = self.need_input()
        self.show_errors({**self._checked(data), **problems, **dates})
        return False

    def submit(self) -> None:
        data, problems = self.need_input()
        if problems:
            raise ValidationError({**self._checked(data), **problems})
        if self.need_id is None:
            self._saved_id = self.ctx.run(needs.add_need, data, changed=VOLUNTEERS)
        else:
            self.ctx.run(needs.update_need, self.need_id, data, changed=VOLUNTEERS)
            self._saved_id = self.need_id

    def after_save(self) -> None:
        if self._saved_id is None:
            return
        if self._saved is not None:
            self._saved(self._saved_id)
        elif self.need_id is None:
            from clubapp.ui.pages.need import NeedPage

            self.ctx.navigator.push(NeedPage(self.ctx, self._saved_id))
