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


def test_widening_partnership_kinds_keeps_members_and_programmes(engine):
    """Migration 0006 rebuilds `partnership` on SQLite; with foreign keys on, dropping the old
    table would cascade-delete every member and programme. They must survive, on both dialects."""
    migrate.downgrade(engine, "0005")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO area (code, name, kind, lat, lon, current_code) "
            "VALUES ('GM0546', 'Leiden', 'gemeente', 52.16, 4.48, 'GM0546')"
        )
        conn.exec_driver_sql(
            "INSERT INTO partnership (id, code, name, kind, start_date) "
            "VALUES (1, 'P', 'Proef', 'convenant', '2020-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO partnership_member (partnership_id, area_code, role) "
            "VALUES (1, 'GM0546', 'lid')"
        )
        conn.exec_driver_sql(
            "INSERT INTO programme (code, name, partnership_id, start_date) "
            "VALUES ('PR', 'Programma', 1, '2020-01-01')"
        )
    migrate.upgrade(engine)
    with engine.begin() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM partnership_member").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM programme").scalar() == 1
        conn.exec_driver_sql(
            "INSERT INTO partnership (id, code, name, kind, start_date) "
            "VALUES (2, 'AM19', 'Arbeidsmarktregio Holland Rijnland', 'arbeidsmarktregio', '2012-06-28')"
        )
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:  # foreign keys are on again after the migration
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
