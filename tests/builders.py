"""Small builders for test data: a few areas, one partnership, one programme, hand-made trajectories."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from data_access import stats
from data_access.schema import (
    area,
    organisation,
    partnership,
    partnership_member,
    programme,
    trajectory,
)

AREAS = [
    # code, name, province, lat, lon, successor
    ("GM0575", "Noordwijk", "Zuid-Holland", 52.24, 4.44, None),
    ("GM0576", "Noordwijkerhout", "Zuid-Holland", 52.26, 4.49, "GM0575"),
    ("GM0546", "Leiden", "Zuid-Holland", 52.16, 4.49, None),
    ("GM9001", "Bonaire", None, 12.15, -68.27, None),
]


def add_areas(conn: sa.Connection) -> None:
    for code, name, province, lat, lon, successor in AREAS:
        conn.execute(
            area.insert().values(
                code=code,
                name=name,
                kind="openbaar_lichaam" if code.startswith("GM9") else "gemeente",
                province=province,
                lat=lat,
                lon=lon,
                valid_to=date(2018, 12, 31) if successor else None,
                successor_code=successor,
                current_code=successor or code,
            )
        )


def add_programme(conn: sa.Connection, code: str = "TEST") -> int:
    pid = conn.execute(
        partnership.insert().values(
            code=f"p-{code}",
            name=f"Samenwerking {code}",
            kind="gezamenlijke_inkoop",
            start_date=date(2021, 12, 1),
        )  # fmt: skip
    ).inserted_primary_key[0]
    for member in ("GM0575", "GM0576", "GM0546"):
        conn.execute(
            partnership_member.insert().values(
                partnership_id=pid, area_code=member, role="deelnemer"
            )
        )
    return conn.execute(
        programme.insert().values(
            code=code, name=f"Programma {code}", partnership_id=pid, start_date=date(2021, 12, 1)
        )
    ).inserted_primary_key[0]


def add_provider(conn: sa.Connection, name: str) -> int:
    return conn.execute(
        organisation.insert().values(name=name, kind="reintegratiebedrijf", is_fictional=True)
    ).inserted_primary_key[0]


def add_trajectories(conn: sa.Connection, programme_id: int, rows: list[dict]) -> None:
    """Insert trajectories; each row gives at least area_code and registered_on."""
    for i, row in enumerate(rows):
        conn.execute(
            trajectory.insert().values(
                source_key=row.get("source_key", f"T{i:05d}"),
                programme_id=programme_id,
                is_fictional=True,
                **{k: v for k, v in row.items() if k != "source_key"},
            )
        )
    # Like every writer in data_access: the aggregates follow (when they are built).
    stats.refresh(conn, [programme_id])


def d(text: str) -> date:
    return date.fromisoformat(text)


def add_account(
    db_url: str, username: str, role: str, password: str | None, partnership_code: str = ""
) -> None:
    """An account in the app's own database (as a beheerder would make it on Beheer), with the
    partnership of that code when given (a coordinator's)."""
    from data_access import accounts
    from data_access.engine import make_engine
    from domain.roles import ADMIN, User

    engine = make_engine(db_url)
    try:
        admin = User("beheer", ADMIN)
        accounts.create_user(engine, username, role, password, admin)
        if partnership_code:
            with engine.connect() as conn:
                found = conn.execute(
                    sa.select(partnership.c.id).where(partnership.c.code == partnership_code)
                ).scalar_one()
            accounts.assign_partnerships(engine, username, {found}, admin)
    finally:
        engine.dispose()
