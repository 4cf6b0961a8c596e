"""Shared fixtures: every database test runs on SQLite and on a real PostgreSQL server.

Expensive things are built once and copied (tests/README.md says which and why):
- the migrated and the seeded SQLite files, once per run for all xdist workers (a file lock in the
  folder the workers share); each test gets its own copy of the file;
- a stopped PostgreSQL data directory with a migrated and a seeded template database, once per
  run; each worker's server is a copy of it, and so is the server of every test that stops and
  starts one of its own (faults, replicas); each test gets `CREATE DATABASE ... TEMPLATE` of one
  of the templates.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from data_access import migrate
from data_access.engine import make_engine
from tests.databases import (
    RUN_DIR,
    built_once,
    closed_sqlite,
    create_database,
    sqlite_copy,
)
from tests.pg_server import EMPTY_TEMPLATE, SEEDED_TEMPLATE, init_data_dir, start_copy

DIALECTS = ["sqlite", "postgresql"]
_counter = itertools.count()


# --- built once per run, shared by the workers ---------------------------------------------------

# The folder for this run (tests.databases.RUN_DIR) is made by the controlling process and
# inherited by the xdist workers through the environment. It lies outside pytest's own temporary
# folders, which only root may enter, because a PostgreSQL server (user postgres) keeps files in it.
_OWN_RUN_DIR = pytest.StashKey[str]()


def pytest_configure(config):
    if RUN_DIR not in os.environ:  # the controller, or a run without xdist
        folder = tempfile.mkdtemp(prefix="monitor-tests-")
        os.chmod(folder, 0o755)
        os.environ[RUN_DIR] = config.stash[_OWN_RUN_DIR] = folder


def pytest_unconfigure(config):
    folder = config.stash.get(_OWN_RUN_DIR, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(RUN_DIR, None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Make `--dist loadgroup` keep each xdist_group on one worker again.

    pytest-xdist 3.8 marks a grouped test by writing 'nodeid@group' to the item's `_nodeid`.
    pytest 9.2 reads an item's id from `_id` instead. So the suffix was lost, and every group was
    spread over both workers: each worker built the module's server, app or audit itself (the
    disclosure audit's 92 s setup ran twice at once, measured 06-12-2026). This runs after
    xdist's hook and carries the grouped id over. tests/config/test_xdist_groups.py checks it."""
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import coerce_node_id

    for item in items:
        grouped = item.__dict__.get("_nodeid")
        if grouped and grouped != item.nodeid:
            item._id = coerce_node_id(grouped)


@pytest.fixture(scope="session")
def sqlite_template() -> Path:
    """A migrated, empty SQLite file (never opened by tests: they copy it)."""
    return built_once(
        "migrated.sqlite",
        lambda path: closed_sqlite(path, migrate.upgrade),
    )


@pytest.fixture(scope="session")
def sqlite_seeded(sqlite_template) -> Path:
    """A migrated SQLite file with the sample data (never opened by tests: they copy it)."""
    from data_access import sample

    def build(path: Path) -> None:
        shutil.copy(sqlite_template, path)
        closed_sqlite(path, sample.seed)

    return built_once("seeded.sqlite", build)


@pytest.fixture(scope="session")
def pg_seeded_data_dir() -> Path:
    """The run's stopped PostgreSQL data directory (tests/pg_server.init_data_dir): a seeded
    database `monitor`, its copy `seeded_template` and the migrated `template_monitor`. Every
    PostgreSQL server of the tests is started from a copy of it."""
    from tests.pg_server import find_pg_bin

    if find_pg_bin() is None:
        _no_postgres()
    return built_once("pg-seeded", init_data_dir)


# --- Streamlit's caches ------------------------------------------------------------------------

PAGE_TESTS = Path(__file__).parent / "pages"


@pytest.fixture(autouse=True)
def _page_caches(request):
    """Page tests may keep Streamlit's caches warm between them (tests/pages/apptest.py), except
    those that patch code, which start and end with empty caches; every other test starts
    without what page tests left."""
    from tests.pages import apptest

    page_test = PAGE_TESTS in request.node.path.parents
    cold = "monkeypatch" in request.fixturenames
    if page_test and not cold:
        apptest.start_warm()
        yield
    else:
        apptest.start_cold(clear=page_test)
        yield
        if page_test:
            apptest.clear_caches()


# --- PostgreSQL, one server per worker ----------------------------------------------------------


def _no_postgres():
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail("PostgreSQL is required (REQUIRE_POSTGRES=1) but initdb was not found")
    pytest.skip("PostgreSQL is not installed here")


@pytest.fixture(scope="session")
def pg_server(pg_seeded_data_dir):
    """This worker's PostgreSQL server, started from a copy of the run's seeded data directory,
    with a migrated template (pg_template) and a seeded one (pg_seeded); required when
    REQUIRE_POSTGRES=1 (the test command)."""
    server = start_copy(pg_seeded_data_dir)
    yield server
    server.stop()
    shutil.rmtree(server.data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_template(pg_server) -> str:
    """A migrated, empty template database on this worker's server."""
    return EMPTY_TEMPLATE


@pytest.fixture(scope="session")
def pg_seeded(pg_server) -> str:
    """A template database with the sample data on this worker's server."""
    return SEEDED_TEMPLATE


# --- a fresh database per test ------------------------------------------------------------------


def _fresh_url(dialect: str, request, tmp_path, seeded: bool = False) -> str:
    if dialect == "sqlite":
        source = request.getfixturevalue("sqlite_seeded" if seeded else "sqlite_template")
        return sqlite_copy(source, tmp_path, f"db{next(_counter)}.sqlite")
    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_seeded" if seeded else "pg_template")
    name = f"test_{os.getpid()}_{next(_counter)}"
    create_database(server, name, template)
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


@pytest.fixture(params=DIALECTS)
def seeded_db_url(request, tmp_path) -> str:
    """The URL of a fresh database with the sample data, this test's own (it may write)."""
    return _fresh_url(request.param, request, tmp_path, seeded=True)


@pytest.fixture
def seeded_engine(seeded_db_url):
    eng = make_engine(seeded_db_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session", params=DIALECTS)
def sample_engine(request, tmp_path_factory):
    """A database with the sample data, shared by the worker's session: read, never write."""
    tmp = tmp_path_factory.mktemp(f"sample_{request.param}")
    eng = make_engine(_fresh_url(request.param, request, tmp, seeded=True))
    yield eng
    eng.dispose()
