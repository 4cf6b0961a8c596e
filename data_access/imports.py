"""Importing a trajectory file: checked first, then written in one transaction, logged, undoable.

All rows or none are written. Re-importing the same file changes nothing; a corrected file updates
rows by their key (programme + traject_id). A file holding personal data leaves no trace at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import sqlalchemy as sa

from data_access import stats, versions
from data_access.schema import (
    area,
    import_change,
    import_log,
    organisation,
    programme,
    programme_provider,
    trajectory,
)
from domain.roles import User, require_write
from domain.texts import t
from domain.upload import (
    Problem,
    Reference,
    UploadRefused,
    check_rows,
    personal_data_problems,
    read_table,
)

# The trajectory columns an import sets; the key columns (programme, source_key) identify a row.
VALUE_COLUMNS = (
    "area_code",
    "provider_id",
    "registered_on",
    "intake_on",
    "diagnosis_on",
    "started_on",
    "placed_on",
    "placement_type",
    "lasting_on",
    "dropout_on",
    "dropout_reason",
)
CHUNK = 5_000


@dataclass
class ImportResult:
    status: str  # ingelezen, ongewijzigd, geweigerd
    import_id: int | None = None
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    refused: int = 0
    problems: list[Problem] = field(default_factory=list)


def load_reference(conn: sa.Connection) -> Reference:
    """Codes and names the checks need, read once per import."""
    areas = conn.execute(sa.select(area.c.code, area.c.name)).all()
    by_name: dict[str, list[str]] = {}
    for code, name in areas:
        by_name.setdefault(name.lower(), []).append(code)
    unique_names = {name: codes[0] for name, codes in by_name.items() if len(codes) == 1}
    codes = frozenset(conn.execute(sa.select(programme.c.code)).scalars())
    providers: dict[str, dict[str, int]] = {}
    stmt = (
        sa.select(programme.c.code, organisation.c.name, organisation.c.id)
        .join(programme_provider, programme_provider.c.programme_id == programme.c.id)
        .join(organisation, organisation.c.id == programme_provider.c.organisation_id)
    )
    for code, name, org_id in conn.execute(stmt):
        providers.setdefault(code, {})[name.lower()] = org_id
    return Reference(frozenset(c for c, _ in areas), unique_names, codes, providers)


def programme_partnerships(conn: sa.Connection, programme_id: int) -> set[int]:
    """The partnerships a programme belongs to: its own, or those of the programmes inside it."""
    stmt = sa.select(programme.c.partnership_id).where(
        sa.or_(programme.c.id == programme_id, programme.c.parent_id == programme_id),
        programme.c.partnership_id.is_not(None),
    )
    return set(conn.execute(stmt).scalars())


def import_trajectories(
    engine: sa.Engine,
    file_name: str,
    content: bytes,
    user: User,
    programme_code: str | None = None,
    today: date | None = None,
) -> ImportResult:
    """Check `content` and, when every row is right, write it in one transaction."""
    today = today or date.today()
    try:
        table = read_table(file_name, content)
    except UploadRefused as refused:
        return ImportResult("geweigerd", problems=refused.problems)
    personal = personal_data_problems(file_name, table)
    if personal:
        # Nothing of this file is stored or logged: not its name, not its hash, not a value.
        return ImportResult("geweigerd", refused=len(table.rows), problems=personal)

    with engine.connect() as conn:
        checked = check_rows(file_name, table, load_reference(conn), programme_code, today)
        codes = _programme_codes(table)
        if not checked.problems and len(codes) > 1:
            checked.problems.append(
                Problem(
                    None, "programma", "een bestand hoort bij één programma; splits het bestand."
                )
            )
        code = programme_code or (codes.pop() if len(codes) == 1 else None)
        programme_id = (
            conn.execute(sa.select(programme.c.id).where(programme.c.code == code)).scalar()
            if code
            else None
        )
        if programme_id is not None:
            require_write(
                user, programme_partnerships(conn, programme_id), t("wat.trajecten_inlezen")
            )

    digest = hashlib.sha256(content).hexdigest()
    if checked.problems:
        bad_rows = len({p.row for p in checked.problems if p.row is not None})
        result = ImportResult(
            "geweigerd", refused=bad_rows or len(table.rows), problems=checked.problems
        )
        if programme_id is not None:
            with engine.begin() as conn:
                result.import_id = _log(conn, file_name, digest, programme_id, user, result, None)
                versions.bump(conn)  # the import log on the page shows the refusal
        return result

    rows = [{k: v for k, v in row.items() if k != "programme_code"} for row in checked.rows]
    return write_rows(engine, rows, programme_id, file_name, digest, user)


def _programme_codes(table) -> set[str]:
    if "programma" not in table.columns:
        return set()
    i = table.columns.index("programma")
    return {row[i] for row in table.rows if row[i]}


def write_rows(
    engine: sa.Engine,
    rows: list[dict],
    programme_id: int,
    file_name: str,
    digest: str,
    user: User,
) -> ImportResult:
    """Insert new rows and update changed ones, all in one transaction, with an undo record."""
    with engine.begin() as conn:
        existing = _existing(conn, programme_id, [r["source_key"] for r in rows])
        new_rows, changed, unchanged = [], [], 0
        for row in rows:
            old = existing.get(row["source_key"])
            if old is None:
                new_rows.append(row)
            elif any(old[c] != row[c] for c in VALUE_COLUMNS):
                changed.append((old, row))
            else:
                unchanged += 1
        result = ImportResult(
            "ingelezen", new=len(new_rows), changed=len(changed), unchanged=unchanged
        )
        if not new_rows and not changed:
            result.status = "ongewijzigd"
            return result  # a re-import of the same file changes nothing, not even the log
        dates = [v for r in rows for k, v in r.items() if isinstance(v, date)]
        import_id = _log(
            conn, file_name, digest, programme_id, user, result, max(dates, default=None)
        )
        result.import_id = import_id
        changed_ids = [old["id"] for old, _ in changed]
        for start in range(0, len(changed_ids), CHUNK):
            # The changed rows' old values leave the aggregates before they are overwritten.
            ids = changed_ids[start : start + CHUNK]
            stats.count_rows(conn, [trajectory.c.id.in_(ids)], -1)
        _insert(conn, new_rows, programme_id, import_id)
        _update(conn, changed, import_id)
        # Every row this import created or changed now carries its id.
        stats.count_rows(conn, [trajectory.c.import_id == import_id], 1)
        versions.bump(conn)
    return result


def _existing(conn: sa.Connection, programme_id: int, keys: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    columns = [
        trajectory.c.id,
        trajectory.c.source_key,
        trajectory.c.import_id,
        *(trajectory.c[c] for c in VALUE_COLUMNS),
    ]
    for start in range(0, len(keys), CHUNK):
        stmt = sa.select(*columns).where(
            trajectory.c.programme_id == programme_id,
            trajectory.c.source_key.in_(keys[start : start + CHUNK]),
        )
        for row in conn.execute(stmt).mappings():
            found[row["source_key"]] = dict(row)
    return found


def _insert(conn: sa.Connection, rows: list[dict], programme_id: int, import_id: int) -> None:
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        conn.execute(
            trajectory.insert(),
            [
                {**r, "programme_id": programme_id, "import_id": import_id, "is_fictional": False}
                for r in chunk
            ],
        )
    # Record which rows this import created, for undo.
    keys = [r["source_key"] for r in rows]
    for start in range(0, len(keys), CHUNK):
        ids = conn.execute(
            sa.select(trajectory.c.id).where(
                trajectory.c.programme_id == programme_id,
                trajectory.c.source_key.in_(keys[start : start + CHUNK]),
            )
        ).scalars()
        conn.execute(
            import_change.insert(),
            [{"import_id": import_id, "trajectory_id": i, "action": "nieuw"} for i in ids],
        )


def _update(conn: sa.Connection, changed: list[tuple[dict, dict]], import_id: int) -> None:
    if not changed:
        return
    conn.execute(
        import_change.insert(),
        [
            {
                "import_id": import_id,
                "trajectory_id": old["id"],
                "action": "gewijzigd",
                "before": json.dumps({c: _jsonable(old[c]) for c in (*VALUE_COLUMNS, "import_id")}),
            }
            for old, _ in changed
        ],
    )
    stmt = (
        trajectory.update()
        .where(trajectory.c.id == sa.bindparam("_id"))
        .values(
            {c: sa.bindparam(c) for c in VALUE_COLUMNS} | {"import_id": sa.bindparam("_import")}
        )
    )
    conn.execute(
        stmt,
        [
            {"_id": old["id"], "_import": import_id, **{c: new[c] for c in VALUE_COLUMNS}}
            for old, new in changed
        ],
    )


def _jsonable(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _log(conn, file_name, digest, programme_id, user, result: ImportResult, data_until) -> int:
    return conn.execute(
        import_log.insert().values(
            imported_at=datetime.now(UTC),
            imported_by=user.username,
            file_name=file_name,
            file_sha256=digest,
            programme_id=programme_id,
            rows_new=result.new,
            rows_changed=result.changed,
            rows_unchanged=result.unchanged,
            rows_refused=result.refused,
            data_until=data_until,
            status="geweigerd" if result.status == "geweigerd" else "ingelezen",
        )
    ).inserted_primary_key[0]


def undo_import(engine: sa.Engine, import_id: int, user: User) -> int:
    """Undo an import as a whole: remove the rows it created, restore the rows it changed.

    Refused when a later import changed the same trajectories (undo that one first).
    Returns the number of trajectories restored or removed.
    """
    with engine.begin() as conn:
        log = (
            conn.execute(sa.select(import_log).where(import_log.c.id == import_id))
            .mappings()
            .first()
        )
        if log is None:
            raise ValueError(t("fouten.import_onbekend", nummer=import_id))
        require_write(
            user, programme_partnerships(conn, log["programme_id"]), t("wat.import_terugdraaien")
        )
        if log["status"] != "ingelezen":
            raise ValueError(
                t(
                    "fouten.import_status",
                    nummer=import_id,
                    status=t(f"importstatus.{log['status']}"),
                )
            )
        changes = (
            conn.execute(sa.select(import_change).where(import_change.c.import_id == import_id))
            .mappings()
            .all()
        )
        ids = [c["trajectory_id"] for c in changes]
        later = conn.execute(
            sa.select(sa.func.min(import_change.c.import_id))
            .join(import_log, import_log.c.id == import_change.c.import_id)
            .where(
                import_change.c.trajectory_id.in_(ids),
                import_change.c.import_id > import_id,
                import_log.c.status == "ingelezen",
            )
        ).scalar()
        if later is not None:
            raise ValueError(t("fouten.import_later", nummer=later))
        # No later import touched these rows, so they all still carry this import's id.
        stats.count_rows(conn, [trajectory.c.import_id == import_id], -1)
        created = [c["trajectory_id"] for c in changes if c["action"] == "nieuw"]
        for start in range(0, len(created), CHUNK):
            conn.execute(
                trajectory.delete().where(trajectory.c.id.in_(created[start : start + CHUNK]))
            )
        for change in changes:
            if change["action"] == "gewijzigd":
                before = json.loads(change["before"])
                values = {
                    c: date.fromisoformat(v) if c.endswith("_on") and v else v
                    for c, v in before.items()
                }
                conn.execute(
                    trajectory.update()
                    .where(trajectory.c.id == change["trajectory_id"])
                    .values(values)
                )
        conn.execute(
            import_log.update()
            .where(import_log.c.id == import_id)
            .values(status="teruggedraaid", undone_at=datetime.now(UTC), undone_by=user.username)
        )
        restored = [c["trajectory_id"] for c in changes if c["action"] == "gewijzigd"]
        for start in range(0, len(restored), CHUNK):
            ids = restored[start : start + CHUNK]
            stats.count_rows(conn, [trajectory.c.id.in_(ids)], 1)
        versions.bump(conn)
    return len(changes)
