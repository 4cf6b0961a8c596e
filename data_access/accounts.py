"""User accounts and roles, kept in the app's own database (not in the identity provider).

The embedded default signs users in with a local password, hashed with Argon2 (argon2-cffi).
A deployment with an OIDC provider signs in there; the account here gives the role.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from data_access import audit
from data_access.schema import ROLES, app_user, partnership, user_partnership
from domain.roles import User, require_admin
from domain.texts import t

MIN_PASSWORD_LENGTH = 12  # NCSC advice for passwords without a second factor
_hasher = PasswordHasher()


def _user(conn: sa.Connection, row) -> User:
    ids = conn.execute(
        sa.select(user_partnership.c.partnership_id).where(user_partnership.c.user_id == row.id)
    ).scalars()
    return User(row.username, row.role, frozenset(ids))


def _active_row(conn: sa.Connection, username: str):
    """The active account row with this name, compared without case; None when there is none."""
    return conn.execute(
        sa.select(app_user).where(
            sa.func.lower(app_user.c.username) == username.strip().lower(),
            app_user.c.is_active,
        )
    ).first()


def get_user(engine: sa.Engine, username: str) -> User | None:
    """The active account with this name (as typed, or as the identity provider's e-mail claim)."""
    with engine.connect() as conn:
        row = _active_row(conn, username)
        return _user(conn, row) if row else None


def verify_password(engine: sa.Engine, username: str, password: str) -> User | None:
    """The user when the password is right; None otherwise (unknown user or wrong password)."""
    with engine.connect() as conn:
        row = _active_row(conn, username)
        if row is None or not row.password_hash:
            _hasher.hash("timing-equaliser")  # do similar work for unknown names
            return None
        try:
            _hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return _user(conn, row)


def _check_new(username: str, password: str | None, role: str) -> None:
    if not username.strip():
        raise ValueError(t("fouten.gebruikersnaam"))
    if role not in ROLES:
        raise ValueError(t("fouten.rol_onbekend", rol=role))
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(t("fouten.wachtwoord_kort", tekens=MIN_PASSWORD_LENGTH))


def create_user(
    engine: sa.Engine,
    username: str,
    role: str,
    password: str | None,
    actor: User | None,
    bootstrap: bool = False,
) -> None:
    """Create an account. Only an admin may; `bootstrap` lets the CLI create the first admin."""
    if not bootstrap:
        require_admin(actor, t("wat.gebruikers_aanmaken"))
    _check_new(username, password, role)
    with engine.begin() as conn:
        exists = conn.execute(
            sa.select(app_user.c.id).where(sa.func.lower(app_user.c.username) == username.lower())
        ).first()
        if exists:
            raise ValueError(t("fouten.gebruiker_bestaat", naam=username))
        conn.execute(
            app_user.insert().values(
                username=username.strip(),
                role=role,
                password_hash=_hasher.hash(password) if password else None,
                created_at=datetime.now(UTC),
            )
        )
        who = actor.username if actor else "opdrachtregel"
        audit.record(conn, who, "aangemaakt", "gebruiker", username, None, {"rol": role})


def set_role(engine: sa.Engine, username: str, role: str, actor: User) -> None:
    require_admin(actor, t("wat.rollen_toekennen"))
    if role not in ROLES:
        raise ValueError(t("fouten.rol_onbekend", rol=role))
    with engine.begin() as conn:
        old = conn.execute(
            sa.select(app_user.c.role).where(app_user.c.username == username)
        ).scalar()
        if old is None:
            raise ValueError(t("fouten.gebruiker_onbekend", naam=username))
        conn.execute(app_user.update().where(app_user.c.username == username).values(role=role))
        audit.record(
            conn, actor.username, "gewijzigd", "gebruiker", username, {"rol": old}, {"rol": role}
        )


def assign_partnerships(
    engine: sa.Engine, username: str, partnership_ids: set[int], actor: User
) -> None:
    """Set the partnerships a coordinator works for (replacing the previous set)."""
    require_admin(actor, t("wat.coordinatoren_toewijzen"))
    with engine.begin() as conn:
        user_id = conn.execute(
            sa.select(app_user.c.id).where(app_user.c.username == username)
        ).scalar()
        if user_id is None:
            raise ValueError(t("fouten.gebruiker_onbekend", naam=username))
        old = set(
            conn.execute(
                sa.select(user_partnership.c.partnership_id).where(
                    user_partnership.c.user_id == user_id
                )
            ).scalars()
        )
        conn.execute(user_partnership.delete().where(user_partnership.c.user_id == user_id))
        if partnership_ids:
            conn.execute(
                user_partnership.insert(),
                [{"user_id": user_id, "partnership_id": p} for p in sorted(partnership_ids)],
            )
        audit.record(
            conn, actor.username, "toegewezen", "gebruiker", username,
            {"samenwerkingen": sorted(old)}, {"samenwerkingen": sorted(partnership_ids)},
        )  # fmt: skip


def users(engine: sa.Engine) -> pd.DataFrame:
    """Accounts with their partnerships. Columns: username, role, is_active, local (has a password),
    partnerships (names, comma-separated)."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(app_user.c.id, app_user.c.username, app_user.c.role, app_user.c.is_active,
                      app_user.c.password_hash.is_not(None).label("local"))
            .order_by(app_user.c.username)
        ).mappings().all()  # fmt: skip
        names = conn.execute(
            sa.select(user_partnership.c.user_id, partnership.c.name).join(
                partnership, partnership.c.id == user_partnership.c.partnership_id
            )
        ).all()
    by_user: dict[int, list[str]] = {}
    for user_id, name in names:
        by_user.setdefault(user_id, []).append(name)
    return pd.DataFrame(
        [
            {
                "username": r["username"],
                "role": r["role"],
                "is_active": bool(r["is_active"]),
                "local": bool(r["local"]),
                "partnerships": ", ".join(sorted(by_user.get(r["id"], []))),
            }
            for r in rows
        ],
        columns=["username", "role", "is_active", "local", "partnerships"],
    )


def count_admins(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(sa.func.count()).select_from(app_user).where(app_user.c.role == "admin")
        ).scalar_one()
