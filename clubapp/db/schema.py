"""The schema version this build of the app expects, known without importing Alembic.

A test checks HEAD against Alembic's script directory, so this cannot drift.
"""

HEAD = "0008_conversations"
