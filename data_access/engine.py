"""One engine per process, with the dialect settings both databases need."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from data_access.settings import DEFAULT_STATEMENT_TIMEOUT_MS

# Kept under its old name for callers that read the default.
STATEMENT_TIMEOUT_MS = DEFAULT_STATEMENT_TIMEOUT_MS
# SQLite calls the deadline check every this many virtual-machine steps: often enough to stop
# within milliseconds, rarely enough to cost nothing measurable.
SQLITE_PROGRESS_STEPS = 10_000
# PostgreSQL's SQLSTATE for "canceling statement due to statement timeout" (query_canceled).
PG_QUERY_CANCELED = "57014"
_DEADLINE = "statement_deadline"
_UNLIMITED = "statement_unlimited"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _install_sqlite_timeout(engine: sa.Engine, timeout_ms: int) -> None:
    """SQLite has no statement timeout: give each statement a deadline, checked by a progress
    handler that interrupts the statement (sqlite3.OperationalError "interrupted") once it passes.

    The deadline covers the execute call (where SQLite does a query's work up to the first row) and
    is cleared afterwards, so a later commit or rollback on the same connection is never cut off."""
    seconds = timeout_ms / 1000

    @sa.event.listens_for(engine, "connect")
    def _handler(dbapi_connection, record) -> None:
        info = record.info
        info[_DEADLINE] = None

        def past_deadline() -> int:
            deadline = info.get(_DEADLINE)
            return int(deadline is not None and time.monotonic() > deadline)

        dbapi_connection.set_progress_handler(past_deadline, SQLITE_PROGRESS_STEPS)

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _start(conn, _cursor, _statement, _parameters, _context, _executemany) -> None:
        if not conn.info.get(_UNLIMITED):
            conn.info[_DEADLINE] = time.monotonic() + seconds

    @sa.event.listens_for(engine, "after_cursor_execute")
    def _stop(conn, _cursor, _statement, _parameters, _context, _executemany) -> None:
        conn.info[_DEADLINE] = None

    @sa.event.listens_for(engine, "handle_error")
    def _clear(context) -> None:
        if context.connection is not None and not context.connection.invalidated:
            context.connection.info[_DEADLINE] = None


def make_engine(url: str, statement_timeout_ms: int | None = STATEMENT_TIMEOUT_MS) -> sa.Engine:
    """An engine for `url`; creates the folder of an SQLite file when it is missing.

    A statement running longer than `statement_timeout_ms` fails (see `is_timeout`); 0 or None
    lets statements run as long as they take."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        if statement_timeout_ms:
            _install_sqlite_timeout(engine, statement_timeout_ms)
        return engine
    connect_args: dict = {"connect_timeout": 5}
    if statement_timeout_ms:
        connect_args["options"] = f"-c statement_timeout={int(statement_timeout_ms)}"
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)


@contextmanager
def without_statement_timeout(conn: sa.Connection) -> Iterator[None]:
    """Lift the statement timeout for the statements run inside: for writes that recount many
    rows, not for page reads. On PostgreSQL until the transaction ends (SET LOCAL)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SET LOCAL statement_timeout = 0"))
        yield
        return
    conn.info[_UNLIMITED] = True
    try:
        yield
    finally:
        conn.info.pop(_UNLIMITED, None)


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"


def is_timeout(error: BaseException) -> bool:
    """True when a database error is a statement cut off by the statement timeout."""
    orig = getattr(error, "orig", error)
    if getattr(orig, "sqlstate", None) == PG_QUERY_CANCELED:
        return True
    return isinstance(orig, sqlite3.OperationalError) and str(orig) == "interrupted"
