"""The migrations and the schema module describe the same database, on both dialects."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from data_access import migrate
from data_access.schema import metadata


def test_migrated_database_matches_schema_module(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_database_is_at_the_newest_revision(engine):
    assert migrate.current_revision(engine) == migrate.head_revision(engine)


def test_downgrade_to_base_and_up_again(engine):
    migrate.downgrade(engine, "base")
    assert "trajectory" not in sa.inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert "trajectory" in sa.inspect(engine).get_table_names()


def test_schema_has_no_column_for_personal_data():
    forbidden = ("bsn", "naam", "name_person", "address", "adres", "birth", "geboorte", "email")
    for table in metadata.tables.values():
        if table.name in ("area", "organisation", "partnership", "programme"):
            continue  # names of places, organisations and programmes, not of people
        for column in table.columns:
            assert not any(word in column.name.lower() for word in forbidden), (
                f"{table.name}.{column.name}"
            )
    trajectory = metadata.tables["trajectory"]
    assert {c.name for c in trajectory.columns}.isdisjoint({"name", "bsn", "birth_date", "address"})
