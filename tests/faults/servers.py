"""A throwaway PostgreSQL server with the sample data, for tests that stop and start it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.pg_server import SEEDED_DATABASE, SEEDED_TEMPLATE, PgServer, start_copy

DATABASE = SEEDED_DATABASE
# A copy made before any app connects, so tests that write can clone it (CREATE DATABASE ...
# TEMPLATE needs a template nobody is connected to).
TEMPLATE = SEEDED_TEMPLATE


@contextmanager
def seeded_pg_server(seeded_data_dir: Path) -> Iterator[PgServer]:
    """Its own server (never the shared test server), started from a copy of the stopped, seeded
    server of the run (the fixture pg_seeded_data_dir), with a seeded database `monitor`."""
    server = start_copy(seeded_data_dir)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.data_dir, ignore_errors=True)
