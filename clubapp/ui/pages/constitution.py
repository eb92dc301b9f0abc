"""The club's rules for meetings, from its constitution (coordinator only, settings.edit):
the quorum, the chair's casting vote, the notice for meetings and the committee's make-up.

Every number has big − and + buttons. A sentence under the quorum says the rule in
words as it will be saved. All the rules are saved together, in one transaction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from clubapp.services import club, committee
from clubapp.services.committee import MAKEUP_GROUPS
from clubapp.services.permissions import Actor
from clubapp.ui.context import SETTINGS, AppContext
from clubapp.ui.pages.committee_words import quorum_rule_words
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.widgets.inputs import BigCheck
from clubapp.ui.widgets.steppers import NumberStepper

SPECS = club.INT_SETTINGS


def save_settings(session: Any, actor: Actor, values: dict[str, int]) -> None:
    """Save several whole-number settings at once (one user action, one transaction)."""
    for key, value in values.items():
        club.set_int_setting(session, actor, key, value)


def read_settings(session: Any) -> dict[str, int]:
    """Every whole-number setting, read in one transaction."""
    return {key: club.get_int(session, key) for key in SPECS}


def _stepper(key: str, name: str) -> NumberStepper:
    spec = SPECS[key]
    return NumberStepper(name, spec.low, spec.high, spec.default)


class ConstitutionPage(FormPage):
    """Public: one NumberStepper per setting in ``steppers`` (by setting name), the
    ``share_check`` ("also a share of the trustees"), the ``casting_check`` and the
    ``quorum_words`` label."""

    title = "The club's rules for meetings"
    save_text = "Save the rules"
    help_text = (
        "Set these from the club's constitution. The quorum is how many trustees must be "
        "present for a committee meeting to take decisions: a number, and if the "
        "constitution says so, a share of the trustees serving, whichever is more. The "
        "make-up is how many seats the club aims to have for each kind of person."
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.set_intro("These rules come from the club's constitution.")
        self.steppers: dict[str, NumberStepper] = {}

        def number(key: str, words: str, help_text: str = "") -> NumberStepper:
            stepper = _stepper(key, words)
            self.steppers[key] = stepper
            self.form.add_field(key, words, stepper, help_text)
            stepper.changed.connect(self._show_quorum)
            return stepper

        self._heading("Quorum for committee meetings")
        number("quorum_number", "At least this many trustees")
        self.share_check = BigCheck("Also a share of the trustees")
        self.form.add_field(
            "share",
            "A share of the trustees serving",
            self.share_check,
            "Tick this if the constitution also asks for a share of the trustees serving, "
            "whichever is more.",
        )
        self.share_check.setAccessibleName(f"{self.share_check.text()} serving")
        number("quorum_share_top", "How many")
        number("quorum_share_bottom", "In every", "For example 2 in every 3 trustees serving.")
        self.quorum_words = QLabel()
        self.quorum_words.setProperty("role", "label")
        self.quorum_words.setWordWrap(True)
        self.form.add_widget(self.quorum_words)
        self.share_check.toggled.connect(self._share_toggled)

        self._heading("Members' meetings and annual general meetings")
        number(
            "members_meeting_quorum",
            "People needed for a quorum",
            "Leave it at 0 if these meetings have no quorum.",
        )

        self._heading("Votes and notice")
        self.casting_check = BigCheck("The chair has a casting vote")
        self.form.add_field("chair_casting_vote", "When the votes are tied", self.casting_check)
        self.casting_check.setAccessibleName(f"{self.casting_check.text()} when the votes are tied")
        number("meeting_notice_days", "Days of notice for a meeting")

        self._heading("The committee's make-up: seats the club aims for")
        for words, key in MAKEUP_GROUPS.values():
            number(key, words)

        saved = ctx.db.run(read_settings)
        for key, stepper in self.steppers.items():
            stepper.set_value(saved[key])
        top = saved["quorum_share_top"]
        self.share_check.setChecked(top > 0)
        if top == 0:
            self.steppers["quorum_share_top"].set_value(2)
        self._share_toggled(top > 0)
        self.casting_check.setChecked(bool(saved["chair_casting_vote"]))
        self._serving = len(
            {t.person_id for t in ctx.read(committee.terms, serving_on=ctx.today())}
        )
        self._show_quorum()
        self.mark_unchanged()

    def _heading(self, text: str) -> None:
        label = QLabel(text)
        label.setProperty("role", "subheading")
        label.setWordWrap(True)
        self.form.add_widget(label)

    def _share_toggled(self, on: bool) -> None:
        for key in ("quorum_share_top", "quorum_share_bottom"):
            self.form.field(key).setVisible(on)
        self._show_quorum()

    def _show_quorum(self, *_args: object) -> None:
        values = self.values()
        self.quorum_words.setText(
            quorum_rule_words(
                values["quorum_number"],
                values["quorum_share_top"],
                values["quorum_share_bottom"],
                getattr(self, "_serving", None),
            )
        )

    def values(self) -> dict[str, int]:
        out = {key: stepper.value() for key, stepper in self.steppers.items()}
        if not self.share_check.isChecked():
            out["quorum_share_top"] = 0
        out["chair_casting_vote"] = int(self.casting_check.isChecked())
        return out

    def submit(self) -> None:
        values = self.values()
        top, bottom = values["quorum_share_top"], values["quorum_share_bottom"]
        if top > bottom:
            from clubapp.services.errors import ValidationError

            raise ValidationError(
                "quorum_share_top",
                f"{top} in every {bottom} is more than all of them. Choose a smaller number.",
            )
        self.ctx.run(save_settings, values, changed=SETTINGS)
