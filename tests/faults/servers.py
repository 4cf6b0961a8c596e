"""A throwaway PostgreSQL server with the sample data, for tests that stop and start it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from data_access import migrate, sample
from data_access.engine import make_engine
from tests.pg_server import PgServer, start_server

DATABASE = "monitor"
# A copy made before any app connects, so tests that write can clone it (CREATE DATABASE ...
# TEMPLATE needs a template nobody is connected to).
TEMPLATE = "seeded_template"


@contextmanager
def seeded_pg_server() -> Iterator[PgServer]:
    """Its own server (never the shared test server) with a seeded database `monitor`."""
    server = start_server()
    if server is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL is required (REQUIRE_POSTGRES=1) but initdb was not found")
        pytest.skip("PostgreSQL is not installed here")
    try:
        admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {DATABASE}")
        engine = make_engine(server.url(DATABASE))
        migrate.upgrade(engine)
        sample.seed(engine)
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {TEMPLATE} TEMPLATE {DATABASE}")
        admin.dispose()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.data_dir, ignore_errors=True)
