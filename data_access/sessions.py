"""Local sign-in sessions, stored server-side so that every replica knows them.

The browser holds a random token (inside a signed cookie, see components/shell/sessions.py); this table
keeps only its SHA-256. Signing out deletes the row; a disabled account's rows no longer sign
anyone in. Both take effect on every replica at the next page run.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from data_access.accounts import _active_row, _user
from data_access.schema import app_session, app_user
from domain.roles import User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(engine: sa.Engine, username: str, hours: int, now: datetime | None = None) -> str:
    """A new session for this active account; returns its token (shown to nobody but the
    browser). Sessions that have expired are removed on the way."""
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        row = _active_row(conn, username)
        if row is None:
            raise ValueError(f"no active account {username!r}")
        conn.execute(app_session.delete().where(app_session.c.expires_at < now))
        conn.execute(
            app_session.insert().values(
                token_hash=_hash(token),
                user_id=row.id,
                created_at=now,
                expires_at=now + timedelta(hours=hours),
            )
        )
    return token


def claim(engine: sa.Engine, token: str) -> bool:
    """Mark that the browser received its cookie for this session; True only the first time, so
    the hand-over link cannot be used twice."""
    with engine.begin() as conn:
        done = conn.execute(
            app_session.update()
            .where(app_session.c.token_hash == _hash(token), app_session.c.claimed.is_(False))
            .values(claimed=True)
        )
    return done.rowcount == 1


def user_for(engine: sa.Engine, token: str, now: datetime | None = None) -> User | None:
    """The user of a live session: known token, not expired, account still active; else None."""
    now = now or datetime.now(UTC)
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(app_user)
            .join(app_session, app_session.c.user_id == app_user.c.id)
            .where(
                app_session.c.token_hash == _hash(token),
                app_session.c.expires_at > now,
                app_user.c.is_active,
            )
        ).first()
        return _user(conn, row) if row else None


def revoke(engine: sa.Engine, token: str) -> None:
    """End this session (sign-out), on every replica at once."""
    with engine.begin() as conn:
        conn.execute(app_session.delete().where(app_session.c.token_hash == _hash(token)))


def revoke_user(engine: sa.Engine, username: str) -> int:
    """End every session of this account (for example when it is disabled); returns how many."""
    with engine.begin() as conn:
        user_id = conn.execute(
            sa.select(app_user.c.id).where(
                sa.func.lower(app_user.c.username) == username.strip().lower()
            )
        ).scalar()
        if user_id is None:
            return 0
        return conn.execute(app_session.delete().where(app_session.c.user_id == user_id)).rowcount
