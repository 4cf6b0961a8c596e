"""A sample database on which real data has arrived, as a coordinator's imports leave it: the
Bonaire–Leiden programme delivered as a whole (each sample row again, now real), and 30 new real
trajectories for Kop van Noord-Holland beside its invented ones. Used by the data_access and page
tests of what is invented and what is real (domain.origin)."""

from __future__ import annotations

import sqlalchemy as sa

from data_access import imports
from data_access.schema import programme, trajectory
from domain.roles import User

ADMIN = User("beheer", "admin")
REAL = "BON-LEI"  # wholly real after the import
MIXED = "KNH-WSP"  # real and invented
NEW_ROWS = 30


def programme_id(engine: sa.Engine, code: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(programme.c.id).where(programme.c.code == code)).scalar())


def rows_of(engine: sa.Engine, code: str) -> list[dict]:
    columns = [trajectory.c.source_key, *(trajectory.c[c] for c in imports.VALUE_COLUMNS)]
    with engine.connect() as conn:
        stmt = (
            sa.select(*columns)
            .where(trajectory.c.programme_id == programme_id(engine, code))
            .order_by(trajectory.c.id)
        )
        return [dict(r) for r in conn.execute(stmt).mappings()]


def deliver_real(engine: sa.Engine) -> tuple[imports.ImportResult, imports.ImportResult]:
    """The two imports: Bonaire's rows again (now real), and new real rows for Kop van
    Noord-Holland."""
    whole = imports.write_rows(engine, rows_of(engine, REAL), programme_id(engine, REAL),
                               "bonaire_echt.csv", "a" * 64, ADMIN)  # fmt: skip
    new = [
        r | {"source_key": f"ECHT-{i:04d}"} for i, r in enumerate(rows_of(engine, MIXED)[:NEW_ROWS])
    ]
    added = imports.write_rows(engine, new, programme_id(engine, MIXED), "knh_echt.csv",
                               "b" * 64, ADMIN)  # fmt: skip
    return whole, added
