"""All models, imported together so the metadata is complete for Alembic and tests."""

from clubapp.models import attendance, club, committee, members, notes, users
from clubapp.models.base import Base

__all__ = ["Base", "attendance", "club", "committee", "members", "notes", "users"]
