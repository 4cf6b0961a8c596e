"""Importing a trajectory file: checked first, then written in one transaction, logged, undoable.

All rows or none are written. Re-importing the same file changes nothing; a corrected file updates
rows by their key (programme + traject_id). A file holding personal data leaves no trace at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from data_access import bulk, stats, versions
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
    STAGE_DATES,
    Problem,
    Progress,
    Reference,
    UploadRefused,
    check_rows,
    no_progress,
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
DATE_FIELDS = (*(f for _, f in STAGE_DATES), "dropout_on")
CHUNK = 5_000
EXISTING_PART = 50_000


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
    progress: Progress = no_progress,
) -> ImportResult:
    """Check `content` and, when every row is right, write it in one transaction.

    `progress(stage, done, total)` hears how far it is: lezen, controleren, schrijven, tellingen.
    The page and the command line both call this one function."""
    today = today or date.today()
    progress("lezen", 0, 0)
    try:
        table = read_table(file_name, content)
    except UploadRefused as refused:
        return ImportResult("geweigerd", problems=refused.problems)
    progress("lezen", len(table), len(table))
    personal = personal_data_problems(file_name, table)
    if personal:
        # Nothing of this file is stored or logged: not its name, not its hash, not a value.
        return ImportResult("geweigerd", refused=len(table), problems=personal)

    with engine.connect() as conn:
        reference = load_reference(conn)
    checked = check_rows(file_name, table, reference, programme_code, today, progress)
    codes = _programme_codes(table)
    if not checked.problems and len(codes) > 1:
        checked.problems.append(Problem(None, "programma", t("upload.een_programma")))
    code = programme_code or (codes.pop() if len(codes) == 1 else None)
    with engine.connect() as conn:
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
            "geweigerd", refused=bad_rows or len(table), problems=checked.problems
        )
        if programme_id is not None:
            with engine.begin() as conn:
                result.import_id = _log(conn, file_name, digest, programme_id, user, result, None)
                versions.bump(conn)  # the import log on the page shows the refusal
        return result

    rows = checked.rows.drop(columns=["programme_code"])
    return write_rows(engine, rows, programme_id, file_name, digest, user, progress)


def _programme_codes(table) -> set[str]:
    if "programma" not in table.columns:
        return set()
    values = table.column("programma")
    return set(values[values != ""].unique())


def write_rows(
    engine: sa.Engine,
    rows: pd.DataFrame | list[dict],
    programme_id: int,
    file_name: str,
    digest: str,
    user: User,
    progress: Progress = no_progress,
) -> ImportResult:
    """Insert new rows and update changed ones, all in one transaction, with an undo record.

    New, changed and unchanged rows are told apart by comparing the file with the programme's
    rows in bulk; the writes go in chunks of bound parameters (executemany)."""
    frame = pd.DataFrame(rows, columns=["source_key", *VALUE_COLUMNS]).astype(object)
    frame = frame.where(frame.notna(), None)
    total = len(frame)
    with engine.begin() as conn, bulk.large_cache(conn):
        existing = _existing(conn, programme_id)
        position = pd.Index(existing["source_key"]).get_indexer(frame["source_key"])
        is_new = position < 0
        matched = np.flatnonzero(~is_new)
        differs = np.zeros(len(matched), dtype=bool)
        for column in VALUE_COLUMNS:
            old = existing[column].to_numpy(dtype=object)[position[matched]]
            new = frame[column].to_numpy(dtype=object)[matched]
            differs |= old != new
        # A sample row that the file delivers for real is real from now on, even with the same
        # values: its origin changes (domain.origin).
        differs |= existing["is_fictional"].to_numpy(dtype=bool)[position[matched]]
        changed = matched[differs]
        result = ImportResult(
            "ingelezen",
            new=int(is_new.sum()),
            changed=len(changed),
            unchanged=len(matched) - len(changed),
        )
        if not result.new and not result.changed:
            result.status = "ongewijzigd"
            return result  # a re-import of the same file changes nothing, not even the log
        import_id = _log(conn, file_name, digest, programme_id, user, result, _data_until(frame))
        result.import_id = import_id
        to_write = result.new + result.changed
        progress("schrijven", 0, to_write)

        def written(done: int) -> None:
            progress("schrijven", done, to_write)

        before = existing.iloc[position[changed]].reset_index(drop=True)
        changed_ids = [int(i) for i in before["id"]]
        for start in range(0, len(changed_ids), CHUNK):
            # The changed rows' old values leave the aggregates before they are overwritten.
            ids = changed_ids[start : start + CHUNK]
            stats.count_rows(conn, [trajectory.c.id.in_(ids)], -1)
        _insert(conn, frame.loc[is_new], programme_id, import_id, written)
        _update(conn, before, frame.iloc[changed], import_id, written, result.new)
        progress("tellingen", 0, total)
        # Every row this import created or changed now carries its id.
        stats.count_rows(conn, [trajectory.c.import_id == import_id], 1)
        progress("tellingen", total, total)
        versions.bump(conn)
    return result


def _data_until(frame: pd.DataFrame) -> date | None:
    """The latest date the delivery holds ("stand per")."""
    latest = [frame[c].dropna().max() for c in DATE_FIELDS if frame[c].notna().any()]
    return max(latest, default=None)


def _existing(conn: sa.Connection, programme_id: int) -> pd.DataFrame:
    """The programme's rows, for comparing the file with them in bulk."""
    columns = [
        trajectory.c.id,
        trajectory.c.source_key,
        trajectory.c.import_id,
        trajectory.c.is_fictional,
        *(trajectory.c[c] for c in VALUE_COLUMNS),
    ]
    stmt = sa.select(*columns).where(trajectory.c.programme_id == programme_id)
    result = conn.execute(stmt)
    names = list(result.keys())
    # Column by column, a part at a time: a programme may hold a million rows, and a list of
    # row objects beside the columns would double the memory this takes.
    values: list[list] = [[] for _ in names]
    for part in result.partitions(EXISTING_PART):
        for column, cells in zip(values, zip(*part, strict=True), strict=True):
            column.extend(cells)
    return pd.DataFrame(
        {n: pd.Series(v, dtype=object) for n, v in zip(names, values, strict=True)}, columns=names
    )


def _insert(
    conn: sa.Connection,
    rows: pd.DataFrame,
    programme_id: int,
    import_id: int,
    written: Callable[[int], None],
) -> None:
    if rows.empty:
        return
    rows = rows.assign(programme_id=programme_id, import_id=import_id, is_fictional=False)
    # In registration order, the widest indexes grow at one end instead of everywhere.
    rows = rows.sort_values("registered_on", kind="stable")
    bulk.insert_frame(conn, trajectory, rows, written)
    # Record which rows this import created, for undo: before any changed row takes this
    # import's id, exactly the new rows carry it.
    conn.execute(
        import_change.insert().from_select(
            ["import_id", "trajectory_id", "action"],
            sa.select(
                sa.literal(import_id, sa.Integer),
                trajectory.c.id,
                sa.literal("nieuw", sa.String),
            ).where(trajectory.c.import_id == import_id),
        )
    )


def _update(
    conn: sa.Connection,
    before: pd.DataFrame,
    after: pd.DataFrame,
    import_id: int,
    written: Callable[[int], None],
    done: int,
) -> None:
    if before.empty:
        return
    olds = before.to_dict("records")
    news = after.to_dict("records")
    conn.execute(
        import_change.insert(),
        [
            {
                "import_id": import_id,
                "trajectory_id": int(old["id"]),
                "action": "gewijzigd",
                "before": json.dumps(
                    {c: _jsonable(old[c]) for c in (*VALUE_COLUMNS, "import_id")}
                    | {"is_fictional": bool(old["is_fictional"])}
                ),
            }
            for old in olds
        ],
    )
    stmt = (
        trajectory.update()
        .where(trajectory.c.id == sa.bindparam("_id"))
        .values(
            {c: sa.bindparam(c) for c in VALUE_COLUMNS}
            | {"import_id": sa.bindparam("_import"), "is_fictional": sa.false()}
        )
    )
    for start in range(0, len(olds), CHUNK):
        conn.execute(
            stmt,
            [
                {"_id": int(old["id"]), "_import": import_id, **{c: new[c] for c in VALUE_COLUMNS}}
                for old, new in zip(
                    olds[start : start + CHUNK], news[start : start + CHUNK], strict=True
                )
            ],
        )
        written(done + min(start + CHUNK, len(olds)))


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
