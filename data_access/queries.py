"""Every read the pages make: typed filter arguments in, DataFrames out, aggregation in SQL.

Each function names its columns in its docstring. Values are always bound parameters; the only
identifiers chosen at run time come from the allow-list in GROUPINGS.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa

from data_access import placement_times, stats
from data_access.filters import TrajectoryFilter, conditions, whole_months
from data_access.measures import (
    LEAD_TIME_STEPS,
    count_if,
    dropout_reason,
    last_stage,
    lasting,
    lasting_day,
    stage_counts,
)
from data_access.schema import (
    area,
    area_boundary,
    import_log,
    organisation,
    partnership,
    partnership_member,
    programme,
    programme_provider,
    published_figure,
    region_boundary,
    source,
    target,
    trajectory,
)
from data_access.sql import days_between, month_of, year_of

t = trajectory.c


def _aggregated(conn: sa.Connection, lasting_months: int | None) -> bool:
    """Whether the aggregates (data_access/stats.py) answer for this lasting window; `None` for a
    read that does not depend on it."""
    built = stats.built_for(conn)
    return built is not None and (lasting_months is None or built == lasting_months)


def _frame(engine: sa.Engine, stmt: sa.Select) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))


# The dimensions a funnel may be split by: name -> (join needed, expression).
GROUPINGS: dict[str, sa.ColumnElement] = {
    "aanbieder": t.provider_id,
    "programma": t.programme_id,
    "gemeente": area.c.current_code,
    "jaar": year_of(t.registered_on),
    "maand": month_of(t.registered_on),
}


def funnel_counts(
    engine: sa.Engine,
    f: TrajectoryFilter,
    lasting_months: int,
    group_by: str | None = None,
) -> pd.DataFrame:
    """Counts per funnel stage for the cohort registered in the filter's period.

    Columns: [group,] aanmelding, intake, diagnose, gestart, geplaatst, geplaatst_werk,
    geplaatst_opleiding, duurzaam. One row without `group_by`; one row per group with it.
    """
    if whole_months(f):
        with engine.connect() as conn:
            if _aggregated(conn, lasting_months):
                return stats.funnel_counts(conn, f, group_by)
    counts = stage_counts(lasting_months)
    columns = [expr.label(key) for key, expr in counts.items()]
    stmt = sa.select(*columns).select_from(trajectory).where(*conditions(f))
    if group_by is not None:
        if group_by not in GROUPINGS:
            raise ValueError(f"unknown grouping {group_by!r}")
        key = GROUPINGS[group_by].label("group")
        stmt = stmt.add_columns(key).group_by(key).order_by(key)
        if group_by == "gemeente":
            stmt = stmt.join_from(trajectory, area, area.c.code == t.area_code)
    return _frame(engine, stmt)


def yearly_figures(
    engine: sa.Engine, year: int, lasting_months: int, area_codes: tuple[str, ...] = ()
) -> pd.DataFrame:
    """What happened in `year`, per programme; see `period_figures` for the columns."""
    return period_figures(engine, date(year, 1, 1), date(year, 12, 31), lasting_months, area_codes)


def yearly_grid(engine: sa.Engine, year: int, lasting_months: int) -> pd.DataFrame:
    """What happened in `year` per programme and municipality (today's code): the atoms of the
    year's suppression decision (domain.publication). Columns as `period_figures`, with area_code."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return period_figures(engine, first, last, lasting_months, by_area=True)


def period_figures(
    engine: sa.Engine,
    first: date,
    last: date,
    lasting_months: int,
    area_codes: tuple[str, ...] = (),
    by_area: bool = False,
) -> pd.DataFrame:
    """What happened in [first, last], per programme: events dated in that period (optionally only
    for trajectories of the given municipalities, by today's code).

    Columns: programme_id, aangemeld, gestart, geplaatst, geplaatst_werk, geplaatst_opleiding,
    duurzaam, lopend (registered by the period's end, not yet placed or dropped out then); with
    `by_area`, one row per programme and municipality (today's code, column area_code).
    """
    with engine.connect() as conn:
        if _aggregated(conn, lasting_months):
            return stats.period_figures(conn, first, last, area_codes, by_area)

    def within(col: sa.ColumnElement) -> sa.ColumnElement[bool]:
        return col.between(first, last)

    still_open = sa.and_(
        t.registered_on <= last,
        sa.or_(t.placed_on.is_(None), t.placed_on > last),
        sa.or_(t.dropout_on.is_(None), t.dropout_on > last),
    )
    keys = [t.programme_id, *([area.c.current_code.label("area_code")] if by_area else [])]
    source = trajectory.join(area, area.c.code == t.area_code) if by_area else trajectory
    stmt = (
        sa.select(
            *keys,
            count_if(within(t.registered_on)).label("aangemeld"),
            count_if(within(t.started_on)).label("gestart"),
            count_if(within(t.placed_on)).label("geplaatst"),
            count_if(sa.and_(within(t.placed_on), t.placement_type == "werk")).label(
                "geplaatst_werk"
            ),
            count_if(sa.and_(within(t.placed_on), t.placement_type == "opleiding")).label(
                "geplaatst_opleiding"
            ),
            count_if(sa.and_(within(lasting_day(lasting_months)), lasting(lasting_months))).label(
                "duurzaam"
            ),
            count_if(still_open).label("lopend"),
        )
        .select_from(source)
        .where(*conditions(TrajectoryFilter(area_codes=area_codes)))
        .group_by(*keys)
        .order_by(*keys)
    )
    return _frame(engine, stmt)


def _regions_last(kind: sa.ColumnElement) -> sa.ColumnElement:
    """Sort key: the partnerships of the cases first (they keep their place and colours), the
    35 labour-market regions after them."""
    return sa.case((kind == "arbeidsmarktregio", 1), else_=0)


def partnerships(engine: sa.Engine) -> pd.DataFrame:
    """All partnerships with their source.

    Columns: id, code, name, kind, description, start_date, end_date, signed_on, source_title,
    source_publisher, source_date, municipalities (member areas as they are today: Noordwijkerhout,
    a member since before 2019, counts once with Noordwijk), organisations (member organisations).
    """
    m = partnership_member.c
    member_area = area.alias("member_area")
    members = (
        sa.select(
            m.partnership_id,
            sa.func.count(sa.distinct(member_area.c.current_code)).label("municipalities"),
            sa.func.count(m.organisation_id).label("organisations"),
        )
        .outerjoin(member_area, member_area.c.code == m.area_code)
        .group_by(m.partnership_id)
        .subquery()
    )
    p = partnership.c
    stmt = (
        sa.select(
            p.id,
            p.code,
            p.name,
            p.kind,
            p.description,
            p.start_date,
            p.end_date,
            p.signed_on,
            source.c.title.label("source_title"),
            source.c.publisher.label("source_publisher"),
            source.c.published_on.label("source_date"),
            sa.func.coalesce(members.c.municipalities, 0).label("municipalities"),
            sa.func.coalesce(members.c.organisations, 0).label("organisations"),
        )
        .outerjoin(source, source.c.id == p.source_id)
        .outerjoin(members, members.c.partnership_id == p.id)
        .order_by(_regions_last(p.kind), p.start_date, p.id)
    )
    return _frame(engine, stmt)


def partnership_members(engine: sa.Engine, partnership_ids: tuple[int, ...] = ()) -> pd.DataFrame:
    """Members of partnerships, areas with their (today's) coordinates and organisations with theirs.

    Columns: partnership_id, partnership_code, partnership_name, partnership_kind, member_type
    ('gemeente' or 'organisatie'), area_code (today's code), area_name, area_kind, province, lat, lon,
    delivered_area_name and member_area_code (the member as recorded, e.g. GM0576 Noordwijkerhout),
    organisation_name, organisation_kind, role.
    """
    m = partnership_member.c
    member_area = area.alias("member_area")
    current = area.alias("current_area")
    org_area = area.alias("org_area")
    # An organisation is placed at its municipality; an area member at its successor today.
    located = sa.case((m.area_code.is_not(None), current.c.code), else_=org_area.c.code)
    stmt = (
        sa.select(
            partnership.c.id.label("partnership_id"),
            partnership.c.code.label("partnership_code"),
            partnership.c.name.label("partnership_name"),
            partnership.c.kind.label("partnership_kind"),
            sa.case((m.area_code.is_not(None), "gemeente"), else_="organisatie").label(
                "member_type"
            ),
            located.label("area_code"),
            sa.func.coalesce(current.c.name, org_area.c.name).label("area_name"),
            sa.func.coalesce(current.c.kind, org_area.c.kind).label("area_kind"),
            sa.func.coalesce(current.c.province, org_area.c.province).label("province"),
            sa.func.coalesce(current.c.lat, org_area.c.lat).label("lat"),
            sa.func.coalesce(current.c.lon, org_area.c.lon).label("lon"),
            member_area.c.name.label("delivered_area_name"),
            member_area.c.code.label("member_area_code"),
            organisation.c.name.label("organisation_name"),
            organisation.c.kind.label("organisation_kind"),
            m.role,
        )
        .select_from(partnership_member)
        .join(partnership, partnership.c.id == m.partnership_id)
        .outerjoin(member_area, member_area.c.code == m.area_code)
        .outerjoin(current, current.c.code == member_area.c.current_code)
        .outerjoin(organisation, organisation.c.id == m.organisation_id)
        .outerjoin(org_area, org_area.c.code == organisation.c.area_code)
        .order_by(
            _regions_last(partnership.c.kind), partnership.c.start_date, partnership.c.id, m.id
        )
    )
    if partnership_ids:
        stmt = stmt.where(m.partnership_id.in_(partnership_ids))
    return _frame(engine, stmt)


def programmes(engine: sa.Engine) -> pd.DataFrame:
    """All programmes with the partnership (or municipality) that runs them.

    Columns: id, code, name, partnership_id, partnership_name, lead_area_code, lead_area_name,
    parent_id, target_group, description, start_date, end_date.
    """
    g = programme.c
    stmt = (
        sa.select(
            g.id,
            g.code,
            g.name,
            g.partnership_id,
            partnership.c.name.label("partnership_name"),
            g.lead_area_code,
            area.c.name.label("lead_area_name"),
            g.parent_id,
            g.target_group,
            g.description,
            g.start_date,
            g.end_date,
        )
        .outerjoin(partnership, partnership.c.id == g.partnership_id)
        .outerjoin(area, area.c.code == g.lead_area_code)
        .order_by(g.start_date, g.id)
    )
    return _frame(engine, stmt)


def providers(engine: sa.Engine) -> pd.DataFrame:
    """Providers per programme. Columns: programme_id, id, name, method, is_fictional."""
    stmt = (
        sa.select(
            programme_provider.c.programme_id,
            organisation.c.id,
            organisation.c.name,
            programme_provider.c.method,
            organisation.c.is_fictional,
        )
        .join(organisation, organisation.c.id == programme_provider.c.organisation_id)
        .order_by(programme_provider.c.programme_id, organisation.c.name)
    )
    return _frame(engine, stmt)


def municipalities(engine: sa.Engine, include_merged: bool = False) -> pd.DataFrame:
    """Areas (gemeenten and openbare lichamen).

    Columns: code, name, kind, province, lat, lon, valid_to, successor_code, current_code.
    Without `include_merged`, only areas that exist today.
    """
    a = area.c
    stmt = sa.select(
        a.code, a.name, a.kind, a.province, a.lat, a.lon, a.valid_to, a.successor_code,
        a.current_code,
    ).order_by(a.name)  # fmt: skip
    if not include_merged:
        stmt = stmt.where(a.code == a.current_code)
    return _frame(engine, stmt)


def targets(engine: sa.Engine, programme_ids: tuple[int, ...] = ()) -> pd.DataFrame:
    """Targets per programme. Columns: id, programme_id, metric, value, period_start, period_end,
    area_code, label, source_title, source_publisher."""
    g = target.c
    stmt = (
        sa.select(
            g.id, g.programme_id, g.metric, g.value, g.period_start, g.period_end, g.area_code,
            g.label, source.c.title.label("source_title"),
            source.c.publisher.label("source_publisher"),
        )
        .outerjoin(source, source.c.id == g.source_id)
        .order_by(g.programme_id, g.period_start, g.id)
    )  # fmt: skip
    if programme_ids:
        stmt = stmt.where(g.programme_id.in_(programme_ids))
    return _frame(engine, stmt)


def _metric_day(metric: str, lasting_months: int) -> sa.ColumnElement:
    """The day on which a trajectory counts for `metric`."""
    if metric == "aanmeldingen":
        return t.registered_on
    if metric == "gestart":
        return t.started_on
    if metric == "geplaatst":
        return t.placed_on
    if metric == "duurzaam":
        return lasting_day(lasting_months)
    raise ValueError(f"unknown metric {metric!r}")


def _metric_condition(metric: str, start: date, end: date, lasting_months: int):
    within = _metric_day(metric, lasting_months).between(start, end)
    if metric == "duurzaam":
        return sa.and_(within, lasting(lasting_months))
    return within


def _target_conditions(
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    lasting_months: int,
    area_codes: tuple[str, ...] = (),
) -> list[sa.ColumnElement[bool]]:
    """What counts towards a programme's target: its trajectories and those of the programmes
    inside it, in the period, optionally only of some municipalities (by today's code)."""
    inside = sa.select(programme.c.id).where(
        sa.or_(programme.c.id == programme_id, programme.c.parent_id == programme_id)
    )
    where = [t.programme_id.in_(inside), _metric_condition(metric, start, end, lasting_months)]
    if area_codes:
        where.append(
            t.area_code.in_(sa.select(area.c.code).where(area.c.current_code.in_(area_codes)))
        )
    return where


def realised(
    engine: sa.Engine,
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    lasting_months: int,
    area_code: str | None = None,
) -> int:
    """How many of `metric` a programme (with the programmes inside it) realised in [start, end]."""
    with engine.connect() as conn:
        if _aggregated(conn, lasting_months):
            areas = (area_code,) if area_code else ()
            return stats.realised(conn, programme_id, metric, start, end, areas)
    areas = (area_code,) if area_code else ()
    stmt = (
        sa.select(sa.func.count())
        .select_from(trajectory)
        .where(*_target_conditions(programme_id, metric, start, end, lasting_months, areas))
    )
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def realised_by_area(
    engine: sa.Engine,
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    lasting_months: int,
    area_codes: tuple[str, ...],
) -> pd.DataFrame:
    """Realised in [start, end] per municipality (today's code), for the given municipalities.

    Columns: area_code, realised. A municipality without any is absent."""
    with engine.connect() as conn:
        if _aggregated(conn, lasting_months):
            return stats.realised_by_area(conn, programme_id, metric, start, end, area_codes)
    code = area.c.current_code.label("area_code")
    stmt = (
        sa.select(code, sa.func.count().label("realised"))
        .select_from(trajectory)
        .join(area, area.c.code == t.area_code)
        .where(*_target_conditions(programme_id, metric, start, end, lasting_months, area_codes))
        .group_by(area.c.current_code)
        .order_by(area.c.current_code)
    )
    return _frame(engine, stmt)


def monthly_realised(
    engine: sa.Engine,
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    lasting_months: int,
    area_codes: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Realised per month in [start, end] for a programme and its sub-programmes (optionally only
    for some municipalities).

    Columns: month ('YYYY-MM'), realised.
    """
    with engine.connect() as conn:
        if _aggregated(conn, lasting_months):
            return stats.monthly_realised(conn, programme_id, metric, start, end, area_codes)
    month = month_of(_metric_day(metric, lasting_months)).label("month")
    stmt = (
        sa.select(month, sa.func.count().label("realised"))
        .where(*_target_conditions(programme_id, metric, start, end, lasting_months, area_codes))
        .group_by(month)
        .order_by(month)
    )
    return _frame(engine, stmt)


def reached_on(
    engine: sa.Engine,
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    lasting_months: int,
    count: int,
    area_codes: tuple[str, ...] = (),
) -> date | None:
    """The first day in [start, end] on which the running total of `metric` reached `count`, or
    None if it did not. Counted per day and summed in order in SQL (a window function)."""
    with engine.connect() as conn:
        if _aggregated(conn, lasting_months):
            return stats.reached_on(conn, programme_id, metric, start, end, count, area_codes)
    day = _metric_day(metric, lasting_months).label("day")
    daily = (
        sa.select(day, sa.func.count().label("n"))
        .where(*_target_conditions(programme_id, metric, start, end, lasting_months, area_codes))
        .group_by(day)
        .subquery("daily")
    )
    running = sa.select(
        daily.c.day, sa.func.sum(daily.c.n).over(order_by=daily.c.day).label("total")
    ).subquery("running")
    stmt = sa.select(sa.func.min(running.c.day)).where(running.c.total >= count)
    with engine.connect() as conn:
        value = conn.execute(stmt).scalar_one()
    if isinstance(value, str):  # SQLite hands back a computed date as text
        value = date.fromisoformat(value)
    return value


def published_figures(engine: sa.Engine) -> pd.DataFrame:
    """Figures published by a source. Columns: programme_id, metric, value, period_start,
    period_end, source_title, source_publisher, source_date."""
    f = published_figure.c
    stmt = (
        sa.select(
            f.programme_id, f.metric, f.value, f.period_start, f.period_end,
            source.c.title.label("source_title"), source.c.publisher.label("source_publisher"),
            source.c.published_on.label("source_date"),
        )
        .join(source, source.c.id == f.source_id)
        .order_by(f.programme_id, f.period_start)
    )  # fmt: skip
    return _frame(engine, stmt)


def data_status(engine: sa.Engine) -> pd.DataFrame:
    """Per programme the date its data runs to ("stand per") and its latest import.

    Columns: programme_id, programme_name, data_until, last_import_at, imports, is_fictional.
    """
    log = import_log.c
    stmt = (
        sa.select(
            programme.c.id.label("programme_id"),
            programme.c.name.label("programme_name"),
            sa.func.max(log.data_until).label("data_until"),
            sa.func.max(log.imported_at).label("last_import_at"),
            sa.func.count(log.id).label("imports"),
            sa.func.max(sa.case((log.is_fictional, 1), else_=0)).label("is_fictional"),
        )
        .select_from(programme)
        .outerjoin(
            import_log, sa.and_(log.programme_id == programme.c.id, log.status == "ingelezen")
        )
        .group_by(programme.c.id, programme.c.name)
        .order_by(programme.c.id)
    )
    return _frame(engine, stmt)


def sources(engine: sa.Engine) -> pd.DataFrame:
    """Every source. Columns: id, title, publisher, published_on, url, note."""
    s = source.c
    stmt = sa.select(s.id, s.title, s.publisher, s.published_on, s.url, s.note).order_by(s.id)
    return _frame(engine, stmt)


def trajectory_total(engine: sa.Engine) -> dict[str, int]:
    """How many trajectories the database holds, and how many are invented sample data."""
    with engine.connect() as conn:
        if _aggregated(conn, None):
            return stats.trajectory_total(conn)
    stmt = sa.select(
        sa.func.count().label("total"),
        count_if(t.is_fictional).label("fictional"),
    ).select_from(trajectory)
    with engine.connect() as conn:
        row = conn.execute(stmt).mappings().one()
    return {"total": int(row["total"]), "fictional": int(row["fictional"])}


def trajectory_origin(engine: sa.Engine, f: TrajectoryFilter | None = None) -> pd.DataFrame:
    """Per programme in the filter's scope (programme, partnership, municipality; its dates are
    ignored) how many trajectories it holds and how many of them are invented sample data.

    Columns: programme_id, programme_name, total, fictional; programmes without trajectories in
    the scope are left out."""
    scope = TrajectoryFilter(
        partnership_ids=f.partnership_ids, programme_ids=f.programme_ids, area_codes=f.area_codes
    ) if f is not None else TrajectoryFilter()  # fmt: skip
    with engine.connect() as conn:
        if _aggregated(conn, None):
            return stats.trajectory_origin(conn, scope)
        return stats.origin_counts(
            conn, t.programme_id, sa.func.count(), count_if(t.is_fictional), conditions(scope)
        )


def year_range(engine: sa.Engine) -> tuple[int, int] | None:
    """The first and last year with a registration, or None when there are no trajectories."""
    # Two scalar subqueries: each is one step down the registered_on index; min and max in one
    # SELECT make SQLite read the whole table.
    stmt = sa.select(
        sa.select(sa.func.min(t.registered_on)).scalar_subquery(),
        sa.select(sa.func.max(t.registered_on)).scalar_subquery(),
    )
    with engine.connect() as conn:
        first, last = conn.execute(stmt).one()
    if first is None:
        return None
    return first.year, last.year


def imports(engine: sa.Engine, limit: int = 200) -> pd.DataFrame:
    """The newest imports first. Columns: id, imported_at, imported_by, file_name, file_sha256,
    programme_name, rows_new, rows_changed, rows_unchanged, rows_refused, data_until, is_fictional,
    undone_at."""
    log = import_log.c
    stmt = (
        sa.select(
            log.id, log.imported_at, log.imported_by, log.file_name, log.file_sha256,
            programme.c.name.label("programme_name"), log.rows_new, log.rows_changed,
            log.rows_unchanged, log.rows_refused, log.data_until, log.is_fictional, log.undone_at,
            log.status,
        )
        .join(programme, programme.c.id == log.programme_id)
        .order_by(log.imported_at.desc(), log.id.desc())
        .limit(limit)
    )  # fmt: skip
    return _frame(engine, stmt)


def lead_time_histogram(engine: sa.Engine, f: TrajectoryFilter) -> pd.DataFrame:
    """How many trajectories took each number of days from a stage to the next (both dates known).

    A histogram, so that medians and quartiles can be computed without reading rows (SQLite has
    no percentile function). Columns: step (the stage the step starts from, a key of
    LEAD_TIME_STEPS), days, n.
    """
    if whole_months(f):
        with engine.connect() as conn:
            if _aggregated(conn, None):
                return stats.lead_time_histogram(conn, f)
    parts = []
    for step, (start, end) in LEAD_TIME_STEPS.items():
        days = days_between(start, end).label("days")
        parts.append(
            sa.select(sa.literal(step, sa.String).label("step"), days, sa.func.count().label("n"))
            .where(start.is_not(None), end.is_not(None), *conditions(f))
            .group_by(days)
        )
    stmt = sa.union_all(*parts)
    return _frame(engine, stmt)


def placement_months(engine: sa.Engine, f: TrajectoryFilter, group_by: str) -> pd.DataFrame:
    """Counts for the curves of time to placement, per group of `group_by` (a key of GROUPINGS
    but 'maand'): see placement_times.placement_months for the columns."""
    with engine.connect() as conn:
        return placement_times.placement_months(conn, f, group_by, _aggregated(conn, None))


def dropout_by_stage(engine: sa.Engine, f: TrajectoryFilter, lasting_months: int) -> pd.DataFrame:
    """Per last stage reached: how many stopped, per reason, and how many have no dropout (yet).

    Columns: stage (last stage reached), reason (NULL for trajectories without a dropout date; an
    empty reason becomes 'onbekend'), n. The counts of one stage add up to the people who reached
    that stage and not the next: the difference between two stages of the funnel.
    """
    if whole_months(f):
        with engine.connect() as conn:
            if _aggregated(conn, lasting_months):
                return stats.dropout_by_stage(conn, f)
    stage = last_stage(lasting_months).label("stage")
    reason = dropout_reason().label("reason")
    stmt = (
        sa.select(stage, reason, sa.func.count().label("n"))
        .where(*conditions(f))
        .group_by(stage, reason)
    )
    return _frame(engine, stmt)


def area_boundaries(engine: sa.Engine) -> pd.DataFrame:
    """Loaded municipal boundaries. Columns: area_code, geometry (GeoJSON text), year, source."""
    b = area_boundary.c
    stmt = sa.select(b.area_code, b.geometry, b.year, b.source).order_by(b.area_code)
    return _frame(engine, stmt)


def region_boundaries(engine: sa.Engine, kind: str) -> pd.DataFrame:
    """Boundaries of provinces or labour-market regions (`kind`: provincie, arbeidsmarktregio).

    Columns: code, name, geometry (GeoJSON text), year, source."""
    r = region_boundary.c
    stmt = (
        sa.select(r.code, r.name, r.geometry, r.year, r.source)
        .where(r.kind == kind)
        .order_by(r.code)
    )
    return _frame(engine, stmt)


def registrations_per_area(
    engine: sa.Engine, year: int, programme_ids: tuple[int, ...] = ()
) -> pd.DataFrame:
    """Trajectories registered in `year` per municipality by today's code (a merged municipality's
    trajectories count under its successor), optionally only for some programmes.

    Columns: area_code, aangemeld.
    """
    with engine.connect() as conn:
        if _aggregated(conn, None):
            return stats.registrations_per_area(conn, year, programme_ids)
    code = area.c.current_code.label("area_code")
    f = TrajectoryFilter(
        registered_from=date(year, 1, 1),
        registered_to=date(year, 12, 31),
        programme_ids=programme_ids,
    )
    stmt = (
        sa.select(code, sa.func.count().label("aangemeld"))
        .select_from(trajectory)
        .join(area, area.c.code == t.area_code)
        .where(*conditions(f))
        .group_by(code)
        .order_by(code)
    )
    return _frame(engine, stmt)
