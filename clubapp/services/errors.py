"""Errors a service raises for the user to act on; the UI shows them next to the field."""

from __future__ import annotations

from collections.abc import Callable


class ValidationError(Exception):
    """One or more fields are wrong. `errors` maps a field name to a plain-words fix."""

    def __init__(self, errors: dict[str, str] | str, message: str | None = None) -> None:
        if isinstance(errors, str):
            errors = {errors: message or ""}
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))

    @property
    def first(self) -> tuple[str, str]:
        return next(iter(self.errors.items()))


class NotAllowed(Exception):
    """The signed-in person's role may not do this. The message says so in plain words."""


class NotFound(Exception):
    """The thing asked for is not there any more (perhaps changed on another screen)."""


def collect_errors(*checks: Callable[[], object]) -> dict[str, str]:
    """Run every check and gather all their problems, so a form shows them all at once."""
    errors: dict[str, str] = {}
    for check in checks:
        try:
            check()
        except ValidationError as exc:
            errors.update(exc.errors)
    return errors
