"""Writing many rows at once: COPY on PostgreSQL, executemany on SQLite, values always bound.

SQLAlchemy's executemany prepares every row's parameters in Python, which costs more than the
database's own work at hundreds of thousands of rows. Here the statement is built once by
SQLAlchemy (so identifiers come from the schema, never from data) and the rows go to the driver
as plain tuples, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pandas as pd
import sqlalchemy as sa

CHUNK = 20_000
# SQLite page cache while bulk inserting, in KiB (PRAGMA cache_size takes negative KiB).
SQLITE_CACHE_KIB = 256 * 1024


def insert_frame(
    conn: sa.Connection,
    table: sa.Table,
    frame: pd.DataFrame,
    written: Callable[[int], None] = lambda _n: None,
) -> None:
    """Insert every row of `frame` (its column names are `table`'s) in the open transaction."""
    if frame.empty:
        return
    columns = list(frame.columns)
    if conn.dialect.name == "postgresql":
        _copy(conn, table, frame, columns, written)
        return
    stmt = table.insert().compile(dialect=conn.dialect, column_keys=columns)
    order = list(stmt.positiontup)
    values = [_sqlite_values(frame[c], table.c[c].type) for c in order]
    cursor = conn.connection.driver_connection.cursor()
    try:
        for start in range(0, len(frame), CHUNK):
            rows = zip(*(v[start : start + CHUNK] for v in values), strict=True)
            with _as_sqlalchemy_errors(conn, str(stmt)):
                cursor.executemany(str(stmt), rows)
            written(min(start + CHUNK, len(frame)))
    finally:
        cursor.close()


@contextmanager
def _as_sqlalchemy_errors(conn: sa.Connection, statement: str) -> Iterator[None]:
    """The driver's errors as SQLAlchemy's (IntegrityError and so on), as callers expect."""
    dbapi_error = conn.dialect.loaded_dbapi.Error
    try:
        yield
    except dbapi_error as exc:
        raise sa.exc.DBAPIError.instance(statement, None, exc, dbapi_error) from exc


@contextmanager
def large_cache(conn: sa.Connection) -> Iterator[None]:
    """On SQLite, a larger page cache for one large write: the indexes' pages stay in memory
    (the default cache is 2 MB). Restored afterwards, so pooled connections stay small."""
    if conn.dialect.name != "sqlite":
        yield
        return
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


def _sqlite_values(column: pd.Series, kind: sa.types.TypeEngine) -> list:
    """The column as the values SQLite stores: dates as ISO text (as SQLAlchemy's Date does)."""
    values = column.to_numpy(dtype=object)
    if isinstance(kind, sa.Date):
        return [v.isoformat() if isinstance(v, date) else None for v in values]
    if isinstance(kind, sa.Boolean):
        return [None if v is None else int(bool(v)) for v in values]
    return values.tolist()


def _copy(conn, table: sa.Table, frame: pd.DataFrame, columns: list[str], written) -> None:
    # The table and column names come from the schema; the rows travel as COPY data.
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    sql = f"COPY {quote(table.name)} ({names}) FROM STDIN"
    values = [frame[c].to_numpy(dtype=object).tolist() for c in columns]
    cursor = conn.connection.driver_connection.cursor()
    try:
        for start in range(0, len(frame), CHUNK):
            with _as_sqlalchemy_errors(conn, sql), cursor.copy(sql) as copy:
                for row in zip(*(v[start : start + CHUNK] for v in values), strict=True):
                    copy.write_row(row)
            written(min(start + CHUNK, len(frame)))
    finally:
        cursor.close()
