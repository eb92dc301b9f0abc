"""The voting screens as a page of the main window: full screen, no rail, no top bar,
and auto-lock waits (see Page.kiosk)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from clubapp.ui.context import AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.voting.flow import VotingFlow
from clubapp.ui.voting.speech import Speaker, system_speaker


class VotingPage(Page):
    kiosk = True
    help_text = (
        "The voting screens. Each person taps their name, then their choice, then says "
        "that is their vote. Stop voting (top right) asks for your password, then leaves "
        "these screens; the vote stays open until you close it."
    )

    def __init__(
        self,
        ctx: AppContext,
        ballot_id: int,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
        speaker: Callable[[], Speaker | None] = system_speaker,
    ) -> None:
        super().__init__(ctx, parent)
        self.title = "Voting"
        self.flow = VotingFlow(ctx, ballot_id, clock=clock, parent=self, speaker=speaker)
        self.flow.stopped.connect(self._leave)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.flow)

    def _leave(self) -> None:
        self.ctx.navigator.back()
