"""Every write raises the data version in its own transaction, so every replica sees it."""

from datetime import date

import pytest
import sqlalchemy as sa

from data_access import boundaries, editing, imports, sample, stats, versions
from data_access.editing import TargetForm
from data_access.schema import partnership
from domain.roles import ADMIN, User
from tests.builders import add_areas, add_programme
from tests.data_access.test_boundaries import collection, feature, write
from tests.data_access.test_imports import GOOD_ROWS, csv_bytes

ADMIN_USER = User("beheer", ADMIN)


@pytest.fixture
def importable(setup):
    """The import tests' programme and users (tests/data_access/conftest.py)."""
    return setup


@pytest.fixture
def ids(engine):
    with engine.begin() as conn:
        add_areas(conn)
        programme_id = add_programme(conn)
        partnership_id = conn.execute(sa.select(partnership.c.id)).scalar()
    return {"programme": programme_id, "partnership": partnership_id}


def raises_version(engine, write) -> bool:
    before = versions.current(engine)
    write()
    return versions.current(engine) > before


def test_a_migrated_database_starts_with_a_data_version(engine):
    assert versions.current(engine) >= 1


def test_an_import_and_its_undo_each_raise_the_version(engine, importable):
    result = None

    def do_import():
        nonlocal result
        result = imports.import_trajectories(
            engine, "t.csv", csv_bytes(GOOD_ROWS), ADMIN_USER, today=date(2026, 11, 1)
        )

    assert raises_version(engine, do_import)
    assert result.status == "ingelezen"
    assert raises_version(engine, lambda: imports.undo_import(engine, result.import_id, ADMIN_USER))


def test_reading_the_same_file_again_changes_nothing_not_even_the_version(engine, importable):
    content = csv_bytes(GOOD_ROWS)
    imports.import_trajectories(engine, "t.csv", content, ADMIN_USER, today=date(2026, 11, 1))
    assert not raises_version(
        engine,
        lambda: imports.import_trajectories(
            engine, "t.csv", content, ADMIN_USER, today=date(2026, 11, 1)
        ),
    )


def test_a_failed_write_leaves_the_version_as_it_was(engine, ids):
    before = versions.current(engine)
    with pytest.raises(editing.Invalid):
        editing.save_target(
            engine, ADMIN_USER,
            TargetForm(programme_id=ids["programme"], metric="geplaatst", value=-1,
                       period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), label="x"),
        )  # fmt: skip
    assert versions.current(engine) == before


def test_edit_forms_raise_the_version(engine, ids):
    form = TargetForm(programme_id=ids["programme"], metric="geplaatst", value=10,
                      period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                      label="doel")  # fmt: skip
    target_id = None

    def add():
        nonlocal target_id
        target_id = editing.save_target(engine, ADMIN_USER, form)

    assert raises_version(engine, add)
    assert raises_version(engine, lambda: editing.delete_target(engine, ADMIN_USER, target_id))
    assert raises_version(
        engine, lambda: editing.set_members(engine, ADMIN_USER, ids["partnership"], [])
    )


def test_boundaries_and_a_rebuild_of_the_counts_raise_the_version(engine, ids, tmp_path):
    path = write(tmp_path, collection(feature("GM0546")))
    assert raises_version(engine, lambda: boundaries.import_file(engine, path))

    def rebuild():
        with engine.begin() as conn:
            stats.rebuild(conn, 6)

    assert raises_version(engine, rebuild)


def test_seed_and_generate_raise_the_version(engine):
    assert raises_version(engine, lambda: sample.seed(engine))
    assert raises_version(engine, lambda: sample.generate(engine, trajectories=50, seed=3))
