"""A statement that runs too long is cut off by the statement timeout (a setting), fails fast with
a clean error, and the page says in Dutch that it took too long, not that the database is down."""

from __future__ import annotations

import time

import pandas as pd
import pytest
import sqlalchemy as sa

from components.shell.i18n import t
from data_access import queries
from data_access.engine import is_timeout, make_engine
from data_access.settings import DEFAULT_STATEMENT_TIMEOUT_MS, load_settings
from tests.pages.apptest import open_page

# Short enough to keep the tests quick, long enough for every ordinary sample-data query.
SMALL_TIMEOUT_MS = 300
# Each slow statement would run for minutes without the cut-off.
SLOW = {
    "postgresql": "SELECT pg_sleep(120)",
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000)"
    " SELECT count(*) FROM c",
}
# Generous against a loaded 2-core machine, yet far below the slow statement's own run time.
FAST_ENOUGH_S = 5


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, sqlite_seeded, tmp_path):
    if request.param == "sqlite":
        path = tmp_path / "monitor.sqlite"
        path.write_bytes(sqlite_seeded.read_bytes())
        return f"sqlite:///{path}"
    return request.getfixturevalue("own_pg").url("monitor")


def dialect(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def test_statement_timeout_is_a_setting_with_15_seconds_by_default():
    assert DEFAULT_STATEMENT_TIMEOUT_MS == 15_000
    assert load_settings({}).statement_timeout_ms == 15_000
    assert load_settings({"STATEMENT_TIMEOUT_MS": "250"}).statement_timeout_ms == 250
    assert load_settings({"STATEMENT_TIMEOUT_MS": "0"}).statement_timeout_ms == 0


def test_a_slow_statement_is_cut_off_quickly_with_a_clean_error(url):
    engine = make_engine(url, SMALL_TIMEOUT_MS)
    started = time.perf_counter()
    with pytest.raises(sa.exc.OperationalError) as caught:
        with engine.connect() as conn:
            conn.exec_driver_sql(SLOW[dialect(url)]).all()
    assert time.perf_counter() - started < FAST_ENOUGH_S
    assert is_timeout(caught.value)
    # The connection is fine afterwards: the next statement runs.
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT 1")).scalar() == 1
    engine.dispose()


def test_ordinary_queries_and_commits_are_not_cut_off(url):
    engine = make_engine(url, SMALL_TIMEOUT_MS)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE probe (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO probe VALUES (1)")
        # Slow work in Python between statements does not count against the statement's time.
        time.sleep(SMALL_TIMEOUT_MS / 1000 * 2)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM probe").scalar() == 1
        assert conn.execute(sa.text("SELECT count(*) FROM trajectory")).scalar() > 0
    engine.dispose()


def test_other_database_errors_are_not_taken_for_a_timeout(url):
    engine = make_engine(url, SMALL_TIMEOUT_MS)
    with pytest.raises(sa.exc.SQLAlchemyError) as caught:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT * FROM no_such_table")
    assert not is_timeout(caught.value)
    engine.dispose()


def test_without_timeout_a_statement_runs_as_long_as_it_takes(url):
    engine = make_engine(url, 0)
    with engine.connect() as conn:
        slowish = (
            "SELECT pg_sleep(0.5)"
            if dialect(url) == "postgresql"
            else SLOW["sqlite"].replace("10000000000", "2000000")
        )
        conn.exec_driver_sql(slowish).all()
    engine.dispose()


def test_a_page_with_a_slow_query_says_it_took_too_long(url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("STATEMENT_TIMEOUT_MS", str(SMALL_TIMEOUT_MS))
    slow = SLOW[dialect(url)]

    # The partnerships query (sidebar and Overzicht) turns into a statement that never ends.
    def never_ending(engine: sa.Engine) -> pd.DataFrame:
        with engine.connect() as conn:
            return pd.DataFrame(conn.execute(sa.text(slow)).all())

    monkeypatch.setattr(queries, "partnerships", never_ending)
    started = time.perf_counter()
    at = open_page()
    assert time.perf_counter() - started < FAST_ENOUGH_S * 2
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert [w.value for w in at.warning] == [t("fout.te_traag")]
    assert t("fout.te_traag") != t("fout.database")
