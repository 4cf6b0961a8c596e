"""The audit trail: every change made through the app or CLI, with old and new values."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa

from data_access.schema import audit_log


def _json(values: dict | None) -> str | None:
    if values is None:
        return None
    return json.dumps(
        {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()},
        ensure_ascii=False,
        sort_keys=True,
    )


def record(
    conn: sa.Connection,
    username: str,
    action: str,
    entity: str,
    entity_id: object,
    old: dict | None = None,
    new: dict | None = None,
) -> None:
    """Write one audit entry inside the caller's transaction, so it stands or falls with the change."""
    conn.execute(
        audit_log.insert().values(
            at=datetime.now(UTC),
            username=username,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            old_values=_json(old),
            new_values=_json(new),
        )
    )


def entries(engine: sa.Engine, limit: int = 500) -> pd.DataFrame:
    """The newest audit entries. Columns: at, username, action, entity, entity_id, old_values,
    new_values."""
    a = audit_log.c
    stmt = (
        sa.select(a.at, a.username, a.action, a.entity, a.entity_id, a.old_values, a.new_values)
        .order_by(a.at.desc(), a.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))
