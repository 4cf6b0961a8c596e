"""Alembic environment: the engine comes from the caller (data_access.migrate)."""

from alembic import context

from data_access.schema import metadata

engine = context.config.attributes["engine"]
sqlite = engine.dialect.name == "sqlite"
with engine.connect() as connection:
    if sqlite:
        # A batch migration rebuilds a table (copy, drop, rename). With foreign keys on, SQLite's
        # DROP TABLE deletes the rows first and cascades to every child table. The pragma only
        # takes effect outside a transaction, so it is set before the migration's one begins.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        with connection.begin():
            context.configure(
                connection=connection,
                target_metadata=metadata,
                render_as_batch=sqlite,
            )
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"Migratie laat verweesde verwijzingen achter: {broken[:5]}")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
