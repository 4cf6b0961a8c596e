"""Shared fixtures: every database test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import itertools
import os
import shutil

import pytest
import sqlalchemy as sa

from data_access import migrate
from data_access.engine import make_engine
from tests.pg_server import start_server

DIALECTS = ["sqlite", "postgresql"]
_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the session; required when REQUIRE_POSTGRES=1 (the test command)."""
    server = start_server()
    if server is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL is required (REQUIRE_POSTGRES=1) but initdb was not found")
        pytest.skip("PostgreSQL is not installed here")
    yield server
    server.stop()
    shutil.rmtree(server.data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_server):
    admin = sa.create_engine(pg_server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE template_monitor")
    admin.dispose()
    engine = make_engine(pg_server.url("template_monitor"))
    migrate.upgrade(engine)
    engine.dispose()
    return "template_monitor"


def _fresh_url(dialect: str, request, tmp_path) -> str:
    if dialect == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        target = tmp_path / f"db{next(_counter)}.sqlite"
        shutil.copy(template, target)
        return f"sqlite:///{target}"
    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")
    name = f"test_{os.getpid()}_{next(_counter)}"
    admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE {template}')
    admin.dispose()
    return server.url(name)


@pytest.fixture(params=DIALECTS)
def db_url(request, tmp_path) -> str:
    """The URL of a fresh, migrated, empty database (one per test)."""
    return _fresh_url(request.param, request, tmp_path)


@pytest.fixture
def engine(db_url):
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session", params=DIALECTS)
def sample_engine(request, tmp_path_factory):
    """A database seeded with the sample data, shared by the session: read, never write."""
    from data_access import sample

    tmp = tmp_path_factory.mktemp(f"sample_{request.param}")
    url = _fresh_url(request.param, request, tmp)
    eng = make_engine(url)
    sample.seed(eng)
    yield eng
    eng.dispose()
