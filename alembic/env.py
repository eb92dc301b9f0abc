"""Alembic environment: migrations run on the app's own engine settings, in batch mode."""

from alembic import context

from clubapp.db.engine import make_engine
from clubapp.models import all_metadata

config = context.config
target_metadata = all_metadata()


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url").removeprefix("sqlite:///"))
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        # SQLite changes tables inside a transaction, but Alembic assumes it cannot and
        # commits after each revision. Told otherwise, it runs every pending revision in
        # one transaction: an upgrade that fails or is stopped half way leaves the file
        # at the version it was (tests/unit/test_faults_migration.py).
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("clubapp migrations run online only.")
run_migrations()
