"""One engine per process, with the dialect settings both databases need."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

# A query that runs longer than this is cut off rather than hanging a page (PostgreSQL).
STATEMENT_TIMEOUT_MS = 15_000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> sa.Engine:
    """An engine for `url`; creates the folder of an SQLite file when it is missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args = {
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        "connect_timeout": 5,
    }
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"
