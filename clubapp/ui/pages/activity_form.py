"""Add one of the club's activities, or change one: its name, its picture, what happens,
what it costs for each session and who leads it. A photo the activity has (one members
chose in a vote, say) is kept when it is changed."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLineEdit, QWidget

from clubapp.services import programme
from clubapp.services.errors import ValidationError
from clubapp.services.programme import ActivityInput
from clubapp.ui.context import COMMITTEE, AppContext
from clubapp.ui.pages.ballot_form import PictureCombo
from clubapp.ui.pages.committee_forms import everyone
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.widgets.choosers import PersonCombo
from clubapp.ui.widgets.inputs import TextBox
from clubapp.ui.widgets.pictures import photo_pixmap

#: The start of the service's words when there is neither a picture nor a photo.
NO_PICTURE = "Choose a picture for the activity, or add a photo"
#: The picture box's first choice for a new activity: none yet.
CHOOSE_PICTURE = "Choose a picture"
#: The picture box's choice that keeps the activity's own photo instead.
ITS_PHOTO = "Its own photo"
#: A cost the service always refuses: sent when the typed cost could not be read, so
#: the other fields are checked too and nothing is saved.
UNREADABLE_COST = -1


def money_text(pence: int) -> str:
    """ "£3.50", "£3", "0" for free: what the cost box shows for a saved cost."""
    if pence <= 0:
        return "0"
    pounds, rest = divmod(pence, 100)
    return f"£{pounds}" if not rest else f"£{pounds}.{rest:02d}"


class ActivityFormPage(FormPage):
    """Add an activity (``activity_id=None``) or change one. ``saved`` is told what
    happened ("Singing is saved."). Public: ``name``, ``picture``, ``description``,
    ``cost``, ``leader``, ``new_id``."""

    help_text = (
        "Type the activity's name as members know it, and choose a picture that shows "
        "it: the picture is shown beside its name on screen and on the printed "
        "programme. Say in a sentence what happens. Type what it costs each person for "
        "one session, like £3.50, or 0 if it is free. Choose who leads it, if someone does."
    )
    domains = (COMMITTEE,)

    def __init__(
        self,
        ctx: AppContext,
        activity_id: int | None = None,
        *,
        saved: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        existing = ctx.read(programme.get_activity, activity_id) if activity_id else None
        super().__init__(
            ctx, parent, save_text="Save the changes" if existing else "Save this activity"
        )
        self.title = "Change an activity" if existing else "Add an activity"
        self.activity_id = activity_id
        self._saved = saved
        self.new_id: int | None = None
        self.photo: bytes | None = None
        if existing is not None and existing.has_photo:
            self.photo = ctx.read(programme.activity_photo, existing.activity_id)

        self.name = QLineEdit()
        self.name.setMaxLength(programme.NAME_MAX + 20)  # room to be told it is too long
        self.form.add_field("name", "The activity's name", self.name, "As members know it.")

        self.picture = PictureCombo()
        if existing is None:
            # Nothing chosen until a person chooses: never a picture by accident.
            self.picture.insertItem(0, CHOOSE_PICTURE, None)
        elif self.photo is not None:
            icon = QIcon()
            with contextlib.suppress(ValueError):  # a photo Qt cannot read: words only
                icon = QIcon(photo_pixmap(self.photo, 40))
            self.picture.insertItem(0, icon, ITS_PHOTO, None)
        self.form.add_field(
            "picture",
            "Its picture",
            self.picture,
            "Shown beside its name on screen and on the printed programme.",
        )

        self.description = TextBox(3)
        self.form.add_field(
            "description",
            "What happens",
            self.description,
            "A sentence or two. You may leave it empty.",
        )

        self.cost = QLineEdit()
        self.cost.setPlaceholderText("Like £3.50")
        self.form.add_field(
            "cost_pence",
            "What it costs each person, for one session",
            self.cost,
            "In pounds and pence, like £3.50. Type 0 if it is free.",
        )

        self.leader = PersonCombo("Nobody named")
        self.leader.set_people(everyone(ctx))
        self.form.add_field("leader_id", "Who leads it", self.leader)

        if existing is not None:
            self.name.setText(existing.name)
            self.picture.choose(existing.picture)
            self.description.setPlainText(existing.description)
            self.cost.setText(money_text(existing.cost_pence))
            self.leader.choose_person(existing.leader_id, existing.leader)
        else:
            self.picture.setCurrentIndex(0)
            self.cost.setText("0")
            # Choosing a picture fills in an empty name with the picture's own words.
            self.picture.activated.connect(self._name_from_picture)
        self.mark_unchanged()

    def _name_from_picture(self, *_args: object) -> None:
        if not self.name.text().strip() and self.picture.value() is not None:
            self.name.setText(self.picture.currentText())

    def values(self) -> tuple[str, str | None, str, str, int | None]:
        return (
            self.name.text(),
            self.picture.value(),
            self.description.text(),
            self.cost.text(),
            self.leader.value(),
        )

    def _input(self, cost_pence: int) -> ActivityInput:
        name, picture, description, _cost, leader = self.values()
        return ActivityInput(name, picture, description, cost_pence, leader, self.photo)

    def show_errors(self, errors: dict[str, str]) -> None:
        # This form has no way to add a photo: ask for a picture only.
        if self.photo is None and errors.get("picture", "").startswith(NO_PICTURE):
            errors["picture"] = "Choose a picture for the activity from the list."
        # The photo has no box of its own here: its problems show by the picture.
        if "photo" in errors:
            photo = errors.pop("photo")
            errors["picture"] = f"{errors['picture']} {photo}" if "picture" in errors else photo
        super().show_errors(errors)

    def submit(self) -> None:
        try:
            cost = programme.parse_pence(self.cost.text())
        except ValidationError as exc:
            # Check everything else too, with a cost the service always refuses (so
            # nothing is saved), then say what is wrong with the cost as typed.
            try:
                self._save(UNREADABLE_COST)
            except ValidationError as others:
                raise ValidationError({**others.errors, **exc.errors}) from None
            raise  # pragma: no cover - the service refuses a cost below £0
        self._save(cost)

    def _save(self, cost_pence: int) -> None:
        data = self._input(cost_pence)
        if self.activity_id is None:
            self.new_id = self.ctx.run(programme.add_activity, data, changed=COMMITTEE)
        else:
            self.ctx.run(programme.update_activity, self.activity_id, data, changed=COMMITTEE)

    def after_save(self) -> None:
        if self._saved is not None:
            name = " ".join(self.name.text().split())
            self._saved(f"{name} is saved." if self.activity_id else f"{name} is added.")
