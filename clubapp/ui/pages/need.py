"""One of the club's needs: what, when, what for, the skills and checks it asks for, how
many people and who is on it; and for the coordinator and the committee, who could help,
best first, each with the reasons in words, and apart from them the people who cannot be
asked yet because a check is missing or ran out, with why.

The coordinator asks people from the list ("Ask"), records their answer ("Agreed",
"Said no"), takes someone off the need, changes it, marks it done, cancels or removes it,
and logs hours given for it. Every press is one service call; the page then reloads from
the services. Long lists show ten at a time ("Show 10 more"), so a club of thousands
opens as quickly as a small one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import matching, needs
from clubapp.services.dates import long_date
from clubapp.services.matching import Candidate, MatchList
from clubapp.services.needs import NeedPersonRow, NeedView
from clubapp.services.words import and_words
from clubapp.ui.context import PEOPLE, VOLUNTEERS, AppContext
from clubapp.ui.pages.base import Page, scrolling_body
from clubapp.ui.pages.committee import label
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.keyed import KeyedColumn
from clubapp.ui.widgets.messages import ask_to_confirm

HELP_TEXT = (
    "This is one of the club's needs: what it is, when, and how many people it wants. "
    "The people on it are those asked, with their answer: press Agreed or Said no when "
    "they answer, or Take off this need if they were asked by mistake (it asks first). "
    "If someone's check is missing or runs out before the need is over, their card "
    "says so. Who could help lists people best first, each with the reasons in words: "
    "their skills, when they are free, their checks, and how lately they were asked, "
    "so the same few are not always asked. Press Ask when you ask someone, or Agreed if "
    "they have already said yes. People whose check is missing or ran out are listed "
    "apart, with why. Change this need, Mark as done, Cancel this need and Remove this "
    "need are at the top."
)
#: How many people each list shows at first, and how many more each press shows.
PAGE_SIZE = 10
#: The heading at the top, always: a need's title can be long, and at 200 % it would
#: fill the top of the window. The title leads the page instead, large and bold.
HEADING = "A need"
APART_HEADING = "Cannot be asked yet: a check is missing or ran out"


def plural(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def for_words(view: NeedView) -> str:
    """ "A club session: Crafternoon on Sunday 6 December 2026", or just "A one-off job"."""
    if view.for_words == view.purpose_words:
        return view.purpose_words
    return f"{view.purpose_words}: {view.for_words}"


def skills_words(view: NeedView) -> str:
    must = [name for _sid, name in view.must_skills]
    nice = [name for _sid, name in view.nice_skills]
    parts = []
    if must:
        parts.append(f"Must have: {and_words(must)}.")
    if nice:
        parts.append(f"Nice to have: {and_words(nice)}.")
    return "\n".join(parts) or "No particular skills."


def checks_words(view: NeedView) -> str:
    return f"{and_words(list(view.check_words))}." if view.checks else "None."


def status_words(view: NeedView) -> str:
    """ "Looking for people: 1 of 2 people found." """
    if view.status in ("open", "filled"):
        return f"{view.status_words}: {view.people_words}."
    return f"{view.status_words}."


def answer_words(row: NeedPersonRow) -> str:
    """ "Agreed (asked on 18 November 2026)." """
    asked = long_date(row.asked_on, weekday=False)
    if row.answer == "asked":
        return f"Asked on {asked}, no answer yet."
    return f"{row.answer_words} (asked on {asked})."


def take_off_question(row: NeedPersonRow, title: str) -> str:
    """ "Ann Baker agreed to help. Take Ann Baker off the need “Teas”? ..." """
    name = row.name
    if row.answer == "agreed":
        said = f"{name} agreed to help."
    elif row.answer == "declined":
        said = f"{name} said no."
    else:
        asked = long_date(row.asked_on, weekday=False)
        said = f"{name} was asked on {asked} and has not answered yet."
    return f"{said} Take {name} off the need “{title}”? It will be forgotten that they were asked."


def blocked_words(why: str) -> str:
    """ "Cannot go yet: DBS ran out on 1 October 2026." """
    return f"Cannot go yet: {why[:1].upper()}{why[1:]}."


def closed_words(view: NeedView, editable: bool) -> str:
    """What shows instead of who could help, for a need done or cancelled."""
    status = view.status_words.lower()
    if editable:
        return f"This need is {status}: open it again to find people."
    return f"This need is {status}, so nobody is being asked for it."


def people_summary(view: NeedView) -> str:
    if not view.people:
        return "Nobody has been asked yet."
    counts = {answer: sum(p.answer == answer for p in view.people) for answer in needs.ANSWERS}
    parts = [f"{counts['agreed']} agreed"]
    if counts["asked"]:
        parts.append(f"{counts['asked']} asked, no answer yet")
    if counts["declined"]:
        parts.append(f"{counts['declined']} said no")
    return f"{and_words(parts)}."


def considered_words(found: MatchList) -> str:
    """ "24 people were considered: 20 could be asked, 4 cannot be asked yet." """
    if not found.considered:
        return (
            "Nobody could be considered: nobody holds every must-have skill, or nobody "
            "has offered to help yet."
        )
    could = len(found.ranked)
    apart = len(found.missing_checks)
    words = f"{plural(found.considered, 'person', 'people')} considered: {could} could be asked"
    if apart:
        words += f", {apart} cannot be asked yet because of a check"
    return words + "."


def more_words(shown: int, total: int) -> str:
    left = total - shown
    return f"Show {min(PAGE_SIZE, left)} more ({left} not shown yet)"


# ---------------------------------------------------------------- parts


class PersonCard(QFrame):
    """A person: their name, words about them, a line for a problem, and buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.person_id = 0
        self.person_name = ""
        self.name_label = label(role="label", parent=self)
        self.words = label(parent=self)
        self.why = label(parent=self)
        self.why.hide()
        self.blocked_label = label(role="error", parent=self)
        self.blocked_label.hide()
        self.problem_label = label(role="error", parent=self)
        self.problem_label.hide()
        self.buttons: dict[str, BigButton] = {}
        self.button_row = flow_row()
        self.button_row.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(self.name_label)
        layout.addWidget(self.why)
        layout.addWidget(self.words)
        layout.addWidget(self.blocked_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.button_row)

    def show_person(self, person_id: int, name: str, heading: str, words: str) -> None:
        self.person_id = person_id
        self.person_name = name
        self.name_label.setText(heading)
        self.words.setText(words)
        self.words.setVisible(bool(words))
        for key, button in self.buttons.items():
            button.setAccessibleName(f"{key}: {name}")

    def show_why(self, text: str) -> None:
        self.why.setText(text)
        self.why.setVisible(bool(text))

    def button(
        self, key: str, action: Callable[[int], object], variant: str = "secondary"
    ) -> BigButton:
        """The button saying ``key`` (made the first time), which calls ``action(person_id)``."""
        found = self.buttons.get(key)
        if found is None:
            found = self.buttons[key] = BigButton(key, variant=variant)
            found.clicked.connect(lambda _=False: action(self.person_id))
            self.button_row.add_widget(found)
            self.button_row.show()
        found.setAccessibleName(f"{key}: {self.person_name}")
        return found

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def show_blocked(self, text: str) -> None:
        """Why a person on the need cannot go (a check missing or running out too soon)."""
        self.blocked_label.setText(text)
        self.blocked_label.setVisible(bool(text))


class _Facts(QWidget):
    """Short facts: a bold name on the left, its words beside it, wrapping."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        self.names: dict[str, QLabel] = {}
        self.words: dict[str, QLabel] = {}
        for row, name in enumerate(names):
            heading = label(name, "label", self)
            words = label(parent=self)
            words.setAccessibleName(name)
            heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(words, row, 1)
            self.names[name] = heading
            self.words[name] = words
        grid.setColumnStretch(1, 1)

    def set_fact(self, name: str, text: str) -> None:
        self.words[name].setText(text)
        self.words[name].setVisible(bool(text))
        self.names[name].setVisible(bool(text))


def section(spacing: int = 12) -> tuple[QWidget, QVBoxLayout]:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return widget, layout


# ---------------------------------------------------------------- the page


class NeedPage(Page):
    """One need, under the heading "A need"; its title leads the page. Public parts, for
    tests: ``title_label``, ``status_label``, ``facts`` (``facts.words`` by name), the
    action buttons (``change_button``, ``hours_button``, ``done_button``,
    ``cancel_button``, ``reopen_button``, ``remove_button``) in ``actions_row``,
    ``actions_problem``; ``people_cards`` (KeyedColumn of PersonCards, by person id, each
    saying on ``blocked_label`` why they cannot go, for those who see checks),
    ``people_label``; ``match_section`` with ``match_help``, ``considered_label``,
    ``closed_label``, ``ranked_cards``, ``more_button``, ``apart_section`` with
    ``apart_cards``, ``more_apart_button``; ``match`` (the last MatchList)."""

    help_text = HELP_TEXT
    domains = (VOLUNTEERS, PEOPLE)

    def __init__(self, ctx: AppContext, need_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.need_id = need_id
        self.title = HEADING
        self.view: NeedView | None = None
        self.match: MatchList | None = None
        self.blocked: dict[int, str] = {}
        self.editable = ctx.can("volunteers.edit")
        self.can_match = ctx.can("volunteers.match")
        self.can_log = ctx.can("hours.log")
        self.sees_checks = ctx.can("checks.see")
        self._ranked_shown = PAGE_SIZE
        self._apart_shown = PAGE_SIZE

        body = scrolling_body(self, spacing=20)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, content = body.scroll_area, body.column

        # --- at the top: the need's title, where it is, and what can be done
        self.title_label = label(role="subheading")
        self.title_label.setAccessibleName("The need")
        content.addWidget(self.title_label)
        self.status_label = label(role="label")
        self.status_label.setAccessibleName("Where the need is")
        self.change_button = BigButton("Change this need")
        self.hours_button = BigButton("Log hours for this need", variant="secondary")
        self.done_button = BigButton("Mark as done", variant="secondary")
        self.cancel_button = BigButton("Cancel this need", variant="secondary")
        self.reopen_button = BigButton("Open it again", variant="secondary")
        self.remove_button = BigButton("Remove this need", variant="danger")
        self.actions_problem = label(role="error")
        self.actions_problem.hide()
        content.addWidget(self.status_label)
        self.actions_row = flow_row(
            self.change_button,
            self.hours_button,
            self.done_button,
            self.cancel_button,
            self.reopen_button,
            self.remove_button,
        )
        content.addWidget(self.actions_row)
        content.addWidget(self.actions_problem)

        self.facts = _Facts(("What it is for", "When", "Skills", "Checks needed", "Notes"))
        content.addWidget(self.facts)

        # --- the people on it
        people, people_layout = section()
        people_layout.addWidget(label("The people on this need", "subheading"))
        self.people_label = label()
        self.people_cards: KeyedColumn[PersonCard] = KeyedColumn(PersonCard, spacing=12)
        people_layout.addWidget(self.people_label)
        people_layout.addWidget(self.people_cards)
        content.addWidget(people)

        # --- who could help
        self.match_section, match = section()
        match.addWidget(label("Who could help", "subheading"))
        self.match_help = label(
            "Best first. The reasons say why: skills, free times, checks, and how "
            "lately each person was asked or helped, so the same few are not always "
            "asked.",
            "help",
        )
        match.addWidget(self.match_help)
        self.considered_label = label(role="label")
        self.closed_label = label()
        self.closed_label.hide()
        self.ranked_cards: KeyedColumn[PersonCard] = KeyedColumn(PersonCard, spacing=12)
        self.nobody_label = label("Nobody else to suggest.")
        self.nobody_label.hide()
        self.more_button = BigButton("Show 10 more", variant="secondary")
        match.addWidget(self.considered_label)
        match.addWidget(self.closed_label)
        match.addWidget(self.ranked_cards)
        match.addWidget(self.nobody_label)
        match.addWidget(flow_row(self.more_button))
        content.addWidget(self.match_section)

        self.apart_section, apart = section()
        apart.addWidget(label(APART_HEADING, "subheading"))
        apart.addWidget(
            label(
                "They would otherwise be suggested. Once the check is recorded in date "
                "on their page, they move up to Who could help.",
                "help",
            )
        )
        self.apart_cards: KeyedColumn[PersonCard] = KeyedColumn(PersonCard, spacing=12)
        self.more_apart_button = BigButton("Show 10 more", variant="secondary")
        apart.addWidget(self.apart_cards)
        apart.addWidget(flow_row(self.more_apart_button))
        content.addWidget(self.apart_section)

        self.change_button.clicked.connect(self.change)
        self.hours_button.clicked.connect(self.log_hours)
        self.done_button.clicked.connect(lambda: self.set_status("done"))
        self.cancel_button.clicked.connect(self.cancel)
        self.reopen_button.clicked.connect(lambda: self.set_status("open"))
        self.remove_button.clicked.connect(self.remove)
        self.more_button.clicked.connect(self.show_more)
        self.more_apart_button.clicked.connect(self.show_more_apart)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        try:
            view = self.ctx.read(needs.need, self.need_id)
        except SERVICE_ERRORS as exc:
            self.view = None
            self.problem_label.setText(f"{exc} Press Back to return to the list.")
            self.problem_label.show()
            self.content.hide()
            return
        self.problem_label.hide()
        self.content.show()
        self.view = view
        self.title_label.setText(view.title)
        self.status_label.setText(status_words(view))
        self._show_buttons(view)
        self.facts.set_fact("What it is for", for_words(view))
        self.facts.set_fact("When", view.when_words)
        self.facts.set_fact("Skills", skills_words(view))
        self.facts.set_fact("Checks needed", checks_words(view))
        self.facts.set_fact("Notes", view.notes)
        self.blocked = self._blocked(view)
        self._show_people(view)
        self._show_match(view)

    def _show_buttons(self, view: NeedView) -> None:
        live = view.status in ("open", "filled")
        self.change_button.setVisible(self.editable)
        self.hours_button.setVisible(self.can_log)
        self.done_button.setVisible(self.editable and live)
        self.cancel_button.setVisible(self.editable and live)
        self.reopen_button.setVisible(self.editable and not live)
        self.remove_button.setVisible(self.editable)
        self.remove_button.setAccessibleName(f"Remove this need: {view.title}")
        self.actions_problem.hide()
        # No buttons (the committee): no empty row where they would be.
        buttons = (
            self.change_button,
            self.hours_button,
            self.done_button,
            self.cancel_button,
            self.reopen_button,
            self.remove_button,
        )
        self.actions_row.setVisible(any(not b.isHidden() for b in buttons))

    def _blocked(self, view: NeedView) -> dict[int, str]:
        """Why each person on the need cannot go, for those who see checks."""
        if not self.sees_checks or not view.checks or not view.people:
            return {}
        try:
            return self.ctx.read(matching.blocked_on_need, self.need_id, self.ctx.today())
        except SERVICE_ERRORS:
            return {}

    def _show_people(self, view: NeedView) -> None:
        live = view.status in ("open", "filled")
        self.people_label.setText(people_summary(view))
        cards = self.people_cards.sync([p.person_id for p in view.people])
        for card, row in zip(cards, view.people, strict=True):
            card.show_person(row.person_id, row.name, row.name, answer_words(row))
            why = self.blocked.get(row.person_id, "")
            card.show_blocked(blocked_words(why) if why and row.answer != "declined" else "")
            card.show_problem("")
            if not self.editable:
                continue
            agreed = card.button("Agreed", lambda pid: self.answer(pid, "agreed", True))
            declined = card.button("Said no", lambda pid: self.answer(pid, "declined", True))
            card.button("Take off this need", self.take_off)
            # A need done or cancelled takes no answers: open it again first.
            agreed.setVisible(live and row.answer != "agreed")
            declined.setVisible(live and row.answer != "declined")

    def _no_match(self, words: str) -> None:
        """A sentence instead of who could help."""
        self.match = None
        self.match_help.hide()
        self.considered_label.hide()
        self.closed_label.setText(words)
        self.closed_label.show()
        self.ranked_cards.sync([])
        self.nobody_label.hide()
        self.more_button.hide()
        self.apart_section.hide()

    def _show_match(self, view: NeedView) -> None:
        live = view.status in ("open", "filled")
        self.match_section.setVisible(self.can_match)
        if not self.can_match:
            self.apart_section.hide()
            self.match = None
            return
        if not live:
            self._no_match(closed_words(view, self.editable))
            return
        try:
            found = self.ctx.read(matching.match, self.need_id, self.ctx.today())
        except SERVICE_ERRORS as exc:
            self._no_match(str(exc))
            return
        self.match = found
        self.match_help.show()
        self.considered_label.setText(considered_words(found))
        self.considered_label.show()
        self.closed_label.setText(
            "It has enough people now. To have more agree, change how many are wanted."
        )
        self.closed_label.setVisible(view.status == "filled")
        self._show_ranked()
        self._show_apart()

    def _show_ranked(self) -> None:
        found = self.match
        if found is None:
            return
        view = found.need
        shown = list(found.ranked[: self._ranked_shown])
        cards = self.ranked_cards.sync([c.person_id for c in shown])
        for number, (card, candidate) in enumerate(zip(cards, shown, strict=True), start=1):
            card.show_person(
                candidate.person_id,
                candidate.name,
                f"{number}. {candidate.name}",
                candidate.reason_words,
            )
            card.show_problem("")
            if not self.editable:
                continue
            card.button("Ask", lambda pid: self.answer(pid, "asked"), "primary")
            agreed = card.button("Agreed", lambda pid: self.answer(pid, "agreed"))
            agreed.setVisible(view.still_wanted > 0)
        self.nobody_label.setVisible(not found.ranked and found.considered > 0)
        more = len(found.ranked) > len(shown)
        self.more_button.setVisible(more)
        if more:
            self.more_button.setText(more_words(len(shown), len(found.ranked)))

    def _show_apart(self) -> None:
        found = self.match
        if found is None:
            return
        apart: Sequence[Candidate] = found.missing_checks
        self.apart_section.setVisible(bool(apart))
        shown = list(apart[: self._apart_shown])
        cards = self.apart_cards.sync([c.person_id for c in shown])
        for card, candidate in zip(cards, shown, strict=True):
            card.show_person(candidate.person_id, candidate.name, candidate.name, "")
            card.show_why(f"Why: {candidate.blocked_words}")
            reasons = candidate.reason_words
            card.words.setText(f"Otherwise: {reasons}" if reasons else "")
            card.words.setVisible(bool(reasons))
        more = len(apart) > len(shown)
        self.more_apart_button.setVisible(more)
        if more:
            self.more_apart_button.setText(more_words(len(shown), len(apart)))

    def show_more(self) -> None:
        self._ranked_shown += PAGE_SIZE
        self._show_ranked()

    def show_more_apart(self) -> None:
        self._apart_shown += PAGE_SIZE
        self._show_apart()

    # ------------------------------------------------------------ actions

    def _card(
        self, person_id: int, first: KeyedColumn[PersonCard] | None = None
    ) -> PersonCard | None:
        """The person's card, in ``first`` if they have one there (someone who said no is
        on the need and in the list again)."""
        columns = [self.ranked_cards, self.people_cards]
        if first is not None:
            columns.remove(first)
            columns.insert(0, first)
        for column in columns:
            for card in column.widgets():
                if card.person_id == person_id:
                    return card
        return None

    def answer(self, person_id: int, said: str, on_need: bool = False) -> bool:
        """Record that the person was asked, agreed or said no; a refusal shows on the card
        pressed (``on_need``: the card among the people on the need)."""
        card = self._card(person_id, self.people_cards if on_need else self.ranked_cards)
        ranked = self.ranked_cards.widgets()
        place = ranked.index(card) if card in ranked else None
        try:
            self.ctx.run(
                needs.answer, self.need_id, person_id, said, self.ctx.today(), changed=VOLUNTEERS
            )
        except SERVICE_ERRORS as exc:
            if card is not None:
                card.show_problem(str(exc))
            return False
        if place is not None:
            self._focus_ranked(place)
        return True

    def _focus_ranked(self, place: int) -> None:
        """The person asked has left the list: the keyboard goes to whoever is in their
        place now, so asking several in a row needs no hunting."""
        cards = self.ranked_cards.widgets()
        if not cards:
            return
        button = cards[min(place, len(cards) - 1)].buttons.get("Ask")
        if button is not None:
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def take_off(self, person_id: int) -> bool:
        """Take a person off the need, once asked: naming them, their answer and the need."""
        card = self._card(person_id, self.people_cards)
        view = self.view
        row = next((p for p in view.people if p.person_id == person_id), None) if view else None
        if view is None or row is None:
            return False
        if not ask_to_confirm(
            self,
            "Take someone off this need",
            take_off_question(row, view.title),
            f"Yes, take {row.name} off",
            f"No, keep {row.name} on it",
        ):
            return False
        try:
            self.ctx.run(needs.forget_asking, self.need_id, person_id, changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            if card is not None:
                card.show_problem(str(exc))
            return False
        return True

    def _problem(self, exc: Exception) -> None:
        self.actions_problem.setText(str(exc))
        self.actions_problem.show()

    def set_status(self, status: str) -> bool:
        try:
            self.ctx.run(needs.set_status, self.need_id, status, changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self._problem(exc)
            return False
        return True

    def cancel(self) -> bool:
        view = self.view
        if view is None:
            return False
        if not ask_to_confirm(
            self,
            "Cancel this need",
            f"Cancel the need “{view.title}”? Nobody will be asked for it. It stays in "
            "the records, and you can open it again later.",
            "Yes, cancel this need",
            "No, keep it",
        ):
            return False
        return self.set_status("cancelled")

    def remove(self) -> bool:
        view = self.view
        if view is None:
            return False
        if not ask_to_confirm(
            self,
            "Remove this need",
            f"Remove the need “{view.title}” for good? Who was asked for it is forgotten. "
            "Hours already logged for it are kept.",
            "Yes, remove this need",
            danger=True,
        ):
            return False
        try:
            self.ctx.run(needs.remove_need, self.need_id, changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self._problem(exc)
            return False
        self.ctx.navigator.back()
        return True

    def change(self) -> None:
        from clubapp.ui.pages.need_form import NeedFormPage

        self.ctx.navigator.push(NeedFormPage(self.ctx, self.need_id))

    def log_hours(self) -> None:
        from clubapp.ui.pages.hours_form import HoursFormPage

        self.ctx.navigator.push(HoursFormPage(self.ctx, need_id=self.need_id))
