"""The data version: one number in the database that every write raises.

Each app process keeps caches of figures (components/shell/data.py). Several processes, on one machine
or many, share one database; a write through any of them, or from the command line, raises this
number in the write's own transaction, and every process clears its caches once it sees the
number move (it looks at most once a second).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from data_access.schema import data_version

ROW_ID = 1


def bump(conn: sa.Connection) -> None:
    """Raise the data version inside the caller's transaction: it moves if and only if the
    write commits. Concurrent writers queue on the one row until each commits."""
    now = datetime.now(UTC)
    done = conn.execute(
        data_version.update()
        .where(data_version.c.id == ROW_ID)
        .values(version=data_version.c.version + 1, changed_at=now)
    )
    if done.rowcount == 0:
        conn.execute(data_version.insert().values(id=ROW_ID, version=1, changed_at=now))


def current(engine: sa.Engine) -> int:
    """The data version now; 0 when nothing has been written since the table was made."""
    with engine.connect() as conn:
        value = conn.execute(
            sa.select(data_version.c.version).where(data_version.c.id == ROW_ID)
        ).scalar()
    return int(value or 0)
