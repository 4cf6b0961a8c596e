"""Aggregates of the trajectory table: kept in step with it, and the reads that use them.

Three tables hold what the pages count (schema.py): `cohort_stat` (trajectories per registration
month and dimension by last stage reached and dropout reason), `lead_time_stat` (a day histogram
per step) and `event_stat` (what happened per day). A few thousand rows answer what millions of
trajectories would: the pages stay within their time budget at ten million trajectories.

Every write to `trajectory` calls `refresh` for the programmes it touched, inside its own
transaction, so the aggregates never disagree with the rows. `stat_state` records the lasting
window (LASTING_MONTHS) they were built with; queries use them only when it matches the window
asked for, and fall back to the trajectory table otherwise (data_access/queries.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa

from data_access import versions
from data_access.engine import without_statement_timeout
from data_access.filters import TrajectoryFilter, conditions
from data_access.measures import (
    LEAD_TIME_STEPS,
    STAGE_ORDER,
    STORED_STEPS,
    closed_day,
    dropout_reason,
    last_stage,
    lasting,
    lasting_day,
)
from data_access.schema import (
    EVENT_METRICS,
    area,
    cohort_stat,
    event_stat,
    lead_time_stat,
    programme,
    stat_state,
    trajectory,
)
from data_access.sql import days_between, month_of, month_start, year_of

t = trajectory.c
STATE_ID = 1
STAT_TABLES = (cohort_stat, lead_time_stat, event_stat)


# --- keeping the aggregates ---------------------------------------------------------------------


def built_for(conn: sa.Connection) -> int | None:
    """The lasting window the aggregates were built with, or None when they were never built."""
    return conn.execute(
        sa.select(stat_state.c.lasting_months).where(stat_state.c.id == STATE_ID)
    ).scalar()


def rebuild(conn: sa.Connection, lasting_months: int) -> None:
    """Build every aggregate from the trajectory table, for `lasting_months`."""
    for table in STAT_TABLES:
        conn.execute(table.delete())
    _fill(conn, lasting_months, [])
    conn.execute(stat_state.delete())
    versions.bump(conn)
    conn.execute(
        stat_state.insert().values(
            id=STATE_ID, lasting_months=lasting_months, built_at=datetime.now(UTC)
        )
    )
    if conn.dialect.name == "postgresql":
        # Fresh statistics, so the planner uses the indexes on the new rows at once.
        for table in STAT_TABLES:
            conn.execute(sa.text(f"ANALYZE {table.name}"))


def refresh(conn: sa.Connection, programme_ids: Iterable[int]) -> None:
    """Recount the aggregates of these programmes after their trajectories changed.

    Call inside the transaction that changed them. Does nothing while the aggregates were never
    built (then `ensure` builds them whole at the next start).
    """
    ids = sorted(set(programme_ids))
    lasting_months = built_for(conn)
    if lasting_months is None or not ids:
        return
    for table in STAT_TABLES:
        conn.execute(table.delete().where(table.c.programme_id.in_(ids)))
    _fill(conn, lasting_months, [t.programme_id.in_(ids)])


def count_rows(conn: sa.Connection, where: list[sa.ColumnElement[bool]], sign: int) -> None:
    """Add (sign 1) or take away (sign -1) the contribution of the trajectories that match
    `where`, as extra rows that the reads sum with the rest.

    An import calls this for the rows it touches, before (-1) and after (+1) it changes them: the
    cost follows the size of the delivery, not of the programme. `rebuild` folds the extra rows.
    """
    lasting_months = built_for(conn)
    if lasting_months is not None:
        _fill(conn, lasting_months, where, sign)


def ensure(engine: sa.Engine, lasting_months: int) -> bool:
    """Build the aggregates when they are missing or were built for another lasting window.

    Returns whether they were (re)built."""
    with engine.begin() as conn:
        if built_for(conn) == lasting_months:
            return False
        rebuild(conn, lasting_months)
    return True


def _fill(
    conn: sa.Connection,
    lasting_months: int,
    scope: list[sa.ColumnElement[bool]],
    sign: int = 1,
) -> None:
    def counted(direction: int = 1) -> sa.ColumnElement[int]:
        return sa.func.count() if sign * direction > 0 else -sa.func.count()

    # The statement timeout guards pages against slow reads; recounting millions of rows for a
    # write may take longer.
    with without_statement_timeout(conn):
        _fill_counts(conn, lasting_months, scope, counted)


def _fill_counts(
    conn: sa.Connection,
    lasting_months: int,
    scope: list[sa.ColumnElement[bool]],
    counted: Callable[..., sa.ColumnElement[int]],
) -> None:
    # Labels differ from the trajectory's column names: PostgreSQL reads a GROUP BY name as an
    # input column before an output column.
    dims = [
        month_start(t.registered_on).label("k_month"),
        t.programme_id.label("k_programme"),
        t.area_code.label("k_area"),
        t.provider_id.label("k_provider"),
        t.placement_type.label("k_type"),
    ]
    dim_names = ["cohort_month", "programme_id", "area_code", "provider_id", "placement_type"]

    keys = [
        *dims,
        t.is_fictional.label("k_fictional"),
        last_stage(lasting_months).label("k_stage"),
        dropout_reason().label("k_reason"),
    ]
    cohorts = sa.select(*keys, counted()).where(*scope).group_by(*keys)
    conn.execute(
        cohort_stat.insert().from_select(
            [*dim_names, "is_fictional", "last_stage", "dropout_reason", "n"], cohorts
        )
    )

    steps = []
    for step, (start, end) in STORED_STEPS.items():
        step_keys = [*dims, sa.literal(step, sa.String).label("k_step")]
        days = days_between(start, end).label("k_days")
        steps.append(
            sa.select(*step_keys, days, counted())
            .where(start.is_not(None), end.is_not(None), *scope)
            .group_by(*dims, days)
        )
    conn.execute(
        lead_time_stat.insert().from_select([*dim_names, "step", "days", "n"], sa.union_all(*steps))
    )

    events = []
    for metric, day, condition, direction in _event_days(lasting_months):
        day = day.label("k_day")
        keys = [day, t.programme_id.label("k_programme"), t.area_code.label("k_area")]
        events.append(
            sa.select(keys[0], sa.literal(metric, sa.String), *keys[1:], counted(direction))
            .where(condition, *scope)
            .group_by(*keys)
        )
    conn.execute(
        event_stat.insert().from_select(
            ["day", "metric", "programme_id", "area_code", "n"], sa.union_all(*events)
        )
    )


def _event_days(lasting_months: int) -> list[tuple[str, sa.ColumnElement, sa.ColumnElement, int]]:
    """Per event metric: the day it counts on, when a trajectory has it, and its sign."""
    placed = t.placed_on.is_not(None)
    closed = closed_day()
    return [
        ("aangemeld", t.registered_on, t.registered_on.is_not(None), 1),
        ("gestart", t.started_on, t.started_on.is_not(None), 1),
        ("geplaatst", t.placed_on, placed, 1),
        ("geplaatst_werk", t.placed_on, sa.and_(placed, t.placement_type == "werk"), 1),
        ("geplaatst_opleiding", t.placed_on, sa.and_(placed, t.placement_type == "opleiding"), 1),
        ("duurzaam", lasting_day(lasting_months), lasting(lasting_months), 1),
        ("afgesloten", closed, closed.is_not(None), 1),
        # The change in open trajectories per month (on its first day): registrations minus
        # closings, so the open count at a day sums months, not every day since the start.
        ("saldo_maand", month_start(t.registered_on), t.registered_on.is_not(None), 1),
        ("saldo_maand", month_start(closed), closed.is_not(None), -1),
    ]


# --- reading them -------------------------------------------------------------------------------


def _frame(conn: sa.Connection, stmt: sa.Select) -> pd.DataFrame:
    result = conn.execute(stmt)
    return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))


def _sum(values: sa.ColumnElement[int], condition: sa.ColumnElement[bool] | None = None):
    if condition is not None:
        values = sa.case((condition, values), else_=0)
    return sa.func.coalesce(sa.func.sum(values), 0)


c = cohort_stat.c

# The dimensions a funnel may be split by, on cohort_stat (same keys as queries.GROUPINGS).
GROUPINGS: dict[str, sa.ColumnElement] = {
    "aanbieder": c.provider_id,
    "programma": c.programme_id,
    "gemeente": area.c.current_code,
    "jaar": year_of(c.cohort_month),
    "maand": month_of(c.cohort_month),
}


def funnel_counts(conn: sa.Connection, f: TrajectoryFilter, group_by: str | None) -> pd.DataFrame:
    """queries.funnel_counts from cohort_stat (`f` must cover whole months)."""

    def reached(stage: str) -> sa.ColumnElement[bool]:
        return c.last_stage.in_(STAGE_ORDER[STAGE_ORDER.index(stage) :])

    columns = [
        _sum(c.n).label("aanmelding"),
        _sum(c.n, reached("intake")).label("intake"),
        _sum(c.n, reached("diagnose")).label("diagnose"),
        _sum(c.n, reached("gestart")).label("gestart"),
        _sum(c.n, reached("geplaatst")).label("geplaatst"),
        _sum(c.n, c.placement_type == "werk").label("geplaatst_werk"),
        _sum(c.n, c.placement_type == "opleiding").label("geplaatst_opleiding"),
        _sum(c.n, c.last_stage == "duurzaam").label("duurzaam"),
    ]
    stmt = sa.select(*columns).select_from(cohort_stat).where(*conditions(f, cohort_stat))
    if group_by is not None:
        if group_by not in GROUPINGS:
            raise ValueError(f"unknown grouping {group_by!r}")
        key = GROUPINGS[group_by].label("group")
        # Groups whose rows were all taken away again (an undone import) are left out, as they
        # are on the trajectory table.
        stmt = stmt.add_columns(key).group_by(key).having(sa.func.sum(c.n) > 0).order_by(key)
        if group_by == "gemeente":
            stmt = stmt.join_from(cohort_stat, area, area.c.code == c.area_code)
    return _frame(conn, stmt)


def dropout_by_stage(conn: sa.Connection, f: TrajectoryFilter) -> pd.DataFrame:
    """queries.dropout_by_stage from cohort_stat (`f` must cover whole months)."""
    stmt = (
        sa.select(
            c.last_stage.label("stage"), c.dropout_reason.label("reason"), _sum(c.n).label("n")
        )
        .where(*conditions(f, cohort_stat))
        .group_by(c.last_stage, c.dropout_reason)
        .having(sa.func.sum(c.n) > 0)
    )
    return _frame(conn, stmt)


def lead_time_histogram(conn: sa.Connection, f: TrajectoryFilter) -> pd.DataFrame:
    """queries.lead_time_histogram from lead_time_stat (`f` must cover whole months)."""
    s = lead_time_stat.c
    stmt = (
        sa.select(s.step, s.days, _sum(s.n).label("n"))
        .where(s.step.in_(tuple(LEAD_TIME_STEPS)), *conditions(f, lead_time_stat))
        .group_by(s.step, s.days)
        .having(sa.func.sum(s.n) > 0)
    )
    return _frame(conn, stmt)


def registrations_per_area(
    conn: sa.Connection, year: int, programme_ids: tuple[int, ...]
) -> pd.DataFrame:
    """queries.registrations_per_area from cohort_stat."""
    f = TrajectoryFilter(
        registered_from=date(year, 1, 1),
        registered_to=date(year, 12, 31),
        programme_ids=programme_ids,
    )
    code = area.c.current_code.label("area_code")
    stmt = (
        sa.select(code, _sum(c.n).label("aangemeld"))
        .select_from(cohort_stat)
        .join(area, area.c.code == c.area_code)
        .where(*conditions(f, cohort_stat))
        .group_by(code)
        .having(sa.func.sum(c.n) > 0)
        .order_by(code)
    )
    return _frame(conn, stmt)


def trajectory_total(conn: sa.Connection) -> dict[str, int]:
    """queries.trajectory_total from cohort_stat."""
    stmt = sa.select(_sum(c.n).label("total"), _sum(c.n, c.is_fictional).label("fictional"))
    row = conn.execute(stmt).mappings().one()
    return {"total": int(row["total"]), "fictional": int(row["fictional"])}


e = event_stat.c


def trajectory_origin(conn: sa.Connection, f: TrajectoryFilter) -> pd.DataFrame:
    """queries.trajectory_origin from cohort_stat (`f` without dates)."""
    return origin_counts(
        conn, c.programme_id, _sum(c.n), _sum(c.n, c.is_fictional), conditions(f, cohort_stat)
    )


def origin_counts(
    conn: sa.Connection,
    programme_id: sa.ColumnElement[int],
    total: sa.ColumnElement[int],
    fictional: sa.ColumnElement[int],
    where: list,
) -> pd.DataFrame:
    """Per programme with trajectories under `where`: programme_id, programme_name, total and
    fictional (the counts as given, from the rows or from an aggregate)."""
    stmt = (
        sa.select(
            programme_id,
            programme.c.name.label("programme_name"),
            total.label("total"),
            fictional.label("fictional"),
        )
        .join(programme, programme.c.id == programme_id)
        .where(*where)
        .group_by(programme_id, programme.c.name)
        .having(total > 0)
        .order_by(programme_id)
    )
    frame = _frame(conn, stmt)
    return frame.astype({"programme_id": int, "total": int, "fictional": int})


def _in_areas(column: sa.ColumnElement, area_codes: tuple[str, ...]) -> list:
    """Delivered codes that count under today's `area_codes` (merged municipalities included)."""
    if not area_codes:
        return []
    return [column.in_(sa.select(area.c.code).where(area.c.current_code.in_(area_codes)))]


def period_figures(
    conn: sa.Connection,
    first: date,
    last: date,
    area_codes: tuple[str, ...],
    by_area: bool = False,
) -> pd.DataFrame:
    """queries.period_figures from event_stat (`by_area`: per programme and today's code)."""
    # Open at `last`: the monthly balances before its month, then that month's days up to it.
    last_month = date(last.year, last.month, 1)
    areas = _in_areas(e.area_code, area_codes)
    # Two reads that each follow the (metric, day) index, combined: an OR would scan the table.
    rows = sa.union_all(
        sa.select(e.programme_id, e.area_code, e.metric, e.day, e.n).where(
            e.metric.in_(EVENT_METRICS[:-1]), e.day.between(min(first, last_month), last), *areas
        ),
        sa.select(e.programme_id, e.area_code, e.metric, e.day, e.n).where(
            e.metric == "saldo_maand", e.day < last_month, *areas
        ),
    ).subquery("rows")
    r = rows.c
    within = r.day.between(first, last)
    this_month = r.day >= last_month

    def count(metric: str, when: sa.ColumnElement[bool] = within):
        return _sum(r.n, sa.and_(r.metric == metric, when))

    columns = [
        count("aangemeld").label("aangemeld"),
        count("gestart").label("gestart"),
        count("geplaatst").label("geplaatst"),
        count("geplaatst_werk").label("geplaatst_werk"),
        count("geplaatst_opleiding").label("geplaatst_opleiding"),
        count("duurzaam").label("duurzaam"),
        (
            _sum(r.n, r.metric == "saldo_maand")
            + count("aangemeld", this_month)
            - count("afgesloten", this_month)
        ).label("lopend"),
    ]
    if by_area:
        return _by_area(conn, rows, columns)
    stmt = sa.select(r.programme_id, *columns).group_by(r.programme_id)
    figures = _frame(conn, stmt).set_index("programme_id")
    # Like the query on trajectories: every programme with trajectories (in these areas) has a
    # row, also when nothing happened by the period's end.
    present = (
        sa.select(c.programme_id)
        .where(*_in_areas(c.area_code, area_codes))
        .group_by(c.programme_id)
        .having(sa.func.sum(c.n) > 0)
    )
    ids = sorted(conn.execute(present).scalars())
    figures = figures.reindex(ids, fill_value=0).astype("int64")
    figures.index.name = "programme_id"
    return figures.reset_index()


def _by_area(conn: sa.Connection, rows: sa.Subquery, columns: list) -> pd.DataFrame:
    """period_figures per programme and municipality (today's code); rows that are all 0 are left
    out (the grid of domain.publication keeps only counts that are not 0)."""
    code = area.c.current_code.label("area_code")
    stmt = (
        sa.select(rows.c.programme_id, code, *columns)
        .select_from(rows.join(area, area.c.code == rows.c.area_code))
        .group_by(rows.c.programme_id, area.c.current_code)
        .order_by(rows.c.programme_id, area.c.current_code)
    )
    return _frame(conn, stmt)


# Target metric -> event metric.
TARGET_EVENTS = {
    "aanmeldingen": "aangemeld",
    "gestart": "gestart",
    "geplaatst": "geplaatst",
    "duurzaam": "duurzaam",
}


def _target_conditions(
    programme_id: int, metric: str, start: date, end: date, area_codes: tuple[str, ...]
) -> list[sa.ColumnElement[bool]]:
    if metric not in TARGET_EVENTS:
        raise ValueError(f"unknown metric {metric!r}")
    inside = sa.select(programme.c.id).where(
        sa.or_(programme.c.id == programme_id, programme.c.parent_id == programme_id)
    )
    return [
        e.metric == TARGET_EVENTS[metric],
        e.day.between(start, end),
        e.programme_id.in_(inside),
        *_in_areas(e.area_code, area_codes),
    ]


def realised(
    conn: sa.Connection,
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    area_codes: tuple[str, ...],
) -> int:
    """queries.realised from event_stat."""
    stmt = sa.select(_sum(e.n)).where(
        *_target_conditions(programme_id, metric, start, end, area_codes)
    )
    return int(conn.execute(stmt).scalar_one())


def realised_by_area(
    conn: sa.Connection,
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    area_codes: tuple[str, ...],
) -> pd.DataFrame:
    """queries.realised_by_area from event_stat."""
    code = area.c.current_code.label("area_code")
    stmt = (
        sa.select(code, _sum(e.n).label("realised"))
        .select_from(event_stat)
        .join(area, area.c.code == e.area_code)
        .where(*_target_conditions(programme_id, metric, start, end, area_codes))
        .group_by(area.c.current_code)
        .having(sa.func.sum(e.n) > 0)
        .order_by(area.c.current_code)
    )
    return _frame(conn, stmt)


def monthly_realised(
    conn: sa.Connection,
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    area_codes: tuple[str, ...],
) -> pd.DataFrame:
    """queries.monthly_realised from event_stat."""
    month = month_of(e.day).label("month")
    stmt = (
        sa.select(month, _sum(e.n).label("realised"))
        .where(*_target_conditions(programme_id, metric, start, end, area_codes))
        .group_by(month)
        .having(sa.func.sum(e.n) > 0)
        .order_by(month)
    )
    return _frame(conn, stmt)


def reached_on(
    conn: sa.Connection,
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    count: int,
    area_codes: tuple[str, ...],
) -> date | None:
    """queries.reached_on from event_stat."""
    daily = (
        sa.select(e.day.label("day"), sa.func.sum(e.n).label("n"))
        .where(*_target_conditions(programme_id, metric, start, end, area_codes))
        .group_by(e.day)
        .subquery("daily")
    )
    running = sa.select(
        daily.c.day, sa.func.sum(daily.c.n).over(order_by=daily.c.day).label("total")
    ).subquery("running")
    value = conn.execute(sa.select(sa.func.min(running.c.day)).where(running.c.total >= count))
    value = value.scalar_one()
    if isinstance(value, str):  # SQLite hands back a computed date as text
        value = date.fromisoformat(value)
    return value
