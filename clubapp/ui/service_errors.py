"""The errors a service raises that a person can act on: shown in plain words."""

from __future__ import annotations

from clubapp.db.errors import KnownError
from clubapp.services.errors import NotAllowed, NotFound, ValidationError

SERVICE_ERRORS = (NotAllowed, NotFound, ValidationError, KnownError)
