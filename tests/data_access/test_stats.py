"""The aggregates answer exactly what the trajectory table answers, and follow every write."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import imports, queries, stats
from data_access.engine import is_timeout, make_engine, without_statement_timeout
from data_access.filters import TrajectoryFilter, whole_months
from data_access.schema import area, cohort_stat, organisation, programme, stat_state, target
from domain.roles import User
from tests.builders import add_areas, add_programme, add_trajectories, d

LASTING = 6


@pytest.fixture
def raw(monkeypatch):
    """Run a query on the trajectory table, as if the aggregates were not there."""

    def run(fn, *args, **kwargs):
        with monkeypatch.context() as m:
            m.setattr(queries, "_aggregated", lambda conn, months: False)
            return fn(*args, **kwargs)

    return run


def same(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> None:
    """Equal as tables: same rows in any order, counts compared as integers."""
    assert list(a.columns) == list(b.columns)
    a = a.sort_values(keys, na_position="first").reset_index(drop=True)
    b = b.sort_values(keys, na_position="first").reset_index(drop=True)
    for col in a.columns:
        if col not in keys or col in ("group",):
            a[col] = a[col].astype("object")
            b[col] = b[col].astype("object")
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_months_aligned_filters_only_use_the_aggregates():
    assert whole_months(TrajectoryFilter(date(2025, 1, 1), date(2025, 12, 31)))
    assert whole_months(TrajectoryFilter(date(2024, 2, 1), date(2024, 2, 29)))
    assert whole_months(TrajectoryFilter())
    assert not whole_months(TrajectoryFilter(date(2025, 1, 2), date(2025, 12, 31)))
    assert not whole_months(TrajectoryFilter(date(2025, 1, 1), date(2025, 11, 30 - 1)))


def _sample_filters(conn) -> list[TrajectoryFilter]:
    programmes = dict(conn.execute(sa.select(programme.c.code, programme.c.id)).all())
    partnership_ids = sorted(
        p for p in conn.execute(sa.select(programme.c.partnership_id)).scalars() if p
    )
    providers = sorted(conn.execute(sa.select(organisation.c.id)).scalars())
    filters = [TrajectoryFilter()]
    for year in (2019, 2021, 2025, 2026):
        filters.append(TrajectoryFilter(date(year, 1, 1), date(year, 12, 31)))
    year = TrajectoryFilter(date(2025, 1, 1), date(2025, 12, 31))
    filters += [
        TrajectoryFilter(date(2024, 3, 1), date(2025, 8, 31)),
        TrajectoryFilter(year.registered_from, year.registered_to, partnership_ids[:1]),
        TrajectoryFilter(year.registered_from, year.registered_to, (), (programmes["WO500"],)),
        TrajectoryFilter(None, None, (), (programmes["HR-INKOOP"],), (), tuple(providers)),
        # Noordwijkerhout (GM0576) counts under Noordwijk (GM0575).
        TrajectoryFilter(date(2018, 1, 1), date(2019, 12, 31), area_codes=("GM0575",)),
        TrajectoryFilter(area_codes=("GM0546", "GM0518")),
        TrajectoryFilter(year.registered_from, year.registered_to, placement_type="werk"),
        TrajectoryFilter(placement_type="opleiding"),
    ]
    return filters


def test_sample_funnels_dropout_and_lead_times_match_the_trajectories(sample_engine, raw):
    with sample_engine.connect() as conn:
        assert stats.built_for(conn) == LASTING
        filters = _sample_filters(conn)
    for f in filters:
        for group in (None, "aanbieder", "programma", "gemeente", "jaar", "maand"):
            ours = queries.funnel_counts(sample_engine, f, LASTING, group)
            theirs = raw(queries.funnel_counts, sample_engine, f, LASTING, group)
            same(ours, theirs, ["group"] if group else [])
        same(
            queries.dropout_by_stage(sample_engine, f, LASTING),
            raw(queries.dropout_by_stage, sample_engine, f, LASTING),
            ["stage", "reason"],
        )
        same(
            queries.lead_time_histogram(sample_engine, f),
            raw(queries.lead_time_histogram, sample_engine, f),
            ["step", "days"],
        )


@pytest.mark.parametrize(
    "first,last,areas",
    [
        (date(2019, 1, 1), date(2019, 12, 31), ()),
        (date(2026, 1, 1), date(2026, 10, 31), ()),
        (date(2025, 3, 15), date(2025, 9, 20), ()),
        (date(2025, 1, 1), date(2025, 12, 31), ("GM0575",)),
        (date(2017, 1, 1), date(2017, 12, 31), ("GM0546",)),
        (date(2022, 1, 1), date(2022, 12, 31), ("GM9001", "GM1959")),
    ],
)
def test_sample_period_figures_match_the_trajectories(sample_engine, raw, first, last, areas):
    ours = queries.period_figures(sample_engine, first, last, LASTING, areas)
    theirs = raw(queries.period_figures, sample_engine, first, last, LASTING, areas)
    same(ours, theirs, ["programme_id"])
    assert len(ours) > 0


@pytest.mark.parametrize("year", [2019, 2025, 2026])
def test_sample_yearly_grid_matches_the_trajectories_and_adds_up_to_the_years_figures(
    sample_engine, raw, year
):
    """The atoms of the year's suppression decision (per programme and municipality, by today's
    code): the same from the aggregates as from the trajectories, and per programme they add up
    to the yearly figures that the pages show."""
    counts = ["aangemeld", "gestart", "geplaatst", "geplaatst_werk", "geplaatst_opleiding",
              "duurzaam", "lopend"]  # fmt: skip

    def nonzero(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame[counts].sum(axis=1) > 0].reset_index(drop=True)

    ours = nonzero(queries.yearly_grid(sample_engine, year, LASTING))
    theirs = nonzero(raw(queries.yearly_grid, sample_engine, year, LASTING))
    same(ours, theirs, ["programme_id", "area_code"])
    assert "GM0576" not in set(ours["area_code"])  # Noordwijkerhout counts under Noordwijk
    per_programme = ours.groupby("programme_id")[counts].sum().reset_index()
    figures = nonzero(queries.yearly_figures(sample_engine, year, LASTING))
    same(per_programme, figures[["programme_id", *counts]], ["programme_id"])


def test_sample_targets_match_the_trajectories(sample_engine, raw):
    with sample_engine.connect() as conn:
        goals = conn.execute(sa.select(target)).mappings().all()
        areas = tuple(conn.execute(sa.select(area.c.code).where(area.c.code.in_(
            ["GM0518", "GM1783", "GM0546"]))).scalars())  # fmt: skip
    assert goals
    for g in goals:
        args = (sample_engine, g["programme_id"], g["metric"], g["period_start"], g["period_end"])
        assert queries.realised(*args, LASTING) == raw(queries.realised, *args, LASTING)
        assert queries.realised(*args, LASTING, "GM0518") == raw(
            queries.realised, *args, LASTING, "GM0518"
        )
        same(
            queries.realised_by_area(*args, LASTING, areas),
            raw(queries.realised_by_area, *args, LASTING, areas),
            ["area_code"],
        )
        same(
            queries.monthly_realised(*args, LASTING),
            raw(queries.monthly_realised, *args, LASTING),
            ["month"],
        )
        for count in (1, g["value"]):
            assert queries.reached_on(*args, LASTING, count) == raw(
                queries.reached_on, *args, LASTING, count
            )


def test_sample_map_and_totals_match_the_trajectories(sample_engine, raw):
    for year in (2018, 2020, 2025, 2026):
        same(
            queries.registrations_per_area(sample_engine, year),
            raw(queries.registrations_per_area, sample_engine, year),
            ["area_code"],
        )
    assert queries.trajectory_total(sample_engine) == raw(queries.trajectory_total, sample_engine)


# --- following writes, on a small hand-made database -----------------------------------------

ROWS = [
    # Placed and lasting, placed and fallen back, open, dropped out early with and without reason.
    dict(area_code="GM0546", registered_on=d("2025-01-10"), intake_on=d("2025-01-20"),
         diagnosis_on=d("2025-02-01"), started_on=d("2025-03-01"), placed_on=d("2025-06-01"),
         placement_type="werk", lasting_on=d("2026-01-05")),
    dict(area_code="GM0576", registered_on=d("2025-01-31"), intake_on=d("2025-02-10"),
         started_on=d("2025-03-10"), placed_on=d("2025-04-30"), placement_type="opleiding",
         dropout_on=d("2025-07-01"), dropout_reason="terugval na plaatsing"),
    dict(area_code="GM0575", registered_on=d("2025-02-01")),
    dict(area_code="GM0546", registered_on=d("2025-02-28"), dropout_on=d("2025-03-05"),
         dropout_reason=""),
    dict(area_code="GM0546", registered_on=d("2025-12-31"), intake_on=d("2026-01-02"),
         dropout_on=d("2026-01-20"), dropout_reason="gezondheid"),
]  # fmt: skip


def _everything(engine, lasting=LASTING) -> dict[str, object]:
    year = TrajectoryFilter(date(2025, 1, 1), date(2025, 12, 31))
    return {
        "funnel": queries.funnel_counts(engine, TrajectoryFilter(), lasting, "maand"),
        "funnel_area": queries.funnel_counts(engine, year, lasting, "gemeente"),
        "dropout": queries.dropout_by_stage(engine, year, lasting),
        "lead": queries.lead_time_histogram(engine, year),
        "period": queries.period_figures(engine, date(2025, 1, 1), date(2025, 6, 30), lasting),
        "total": queries.trajectory_total(engine),
    }


KEYS = {"funnel": ["group"], "funnel_area": ["group"], "dropout": ["stage", "reason"],
        "lead": ["step", "days"], "period": ["programme_id"]}  # fmt: skip


def _assert_same(ours: dict, theirs: dict) -> None:
    for name, value in ours.items():
        if isinstance(value, pd.DataFrame):
            same(value, theirs[name], KEYS[name])
        else:
            assert value == theirs[name], name


def _assert_agree(engine, raw, lasting=LASTING) -> None:
    _assert_same(_everything(engine, lasting), raw(_everything, engine, lasting))


@pytest.fixture
def small(engine):
    with engine.begin() as conn:
        add_areas(conn)
        pid = add_programme(conn)
        add_trajectories(conn, pid, ROWS)
        stats.rebuild(conn, LASTING)
    return pid


def test_hand_counted_edge_cases_agree(engine, small, raw):
    _assert_agree(engine, raw)
    figures = queries.period_figures(engine, date(2025, 1, 1), date(2025, 6, 30), LASTING)
    # By 30 June: the lasting one placed 1 June, the fallback placed 30 April, one dropped out in
    # March; open are the one registered 1 February and none else.
    assert figures.loc[0, "geplaatst"] == 2
    assert figures.loc[0, "lopend"] == 1


def test_builders_and_imports_keep_the_aggregates_in_step(engine, small, raw):
    with engine.begin() as conn:
        add_trajectories(conn, small, [dict(source_key="X1", area_code="GM0575",
                                            registered_on=d("2025-05-05"))])  # fmt: skip
    _assert_agree(engine, raw)
    before = _everything(engine)
    header = "traject_id,gemeentecode,aanmelddatum,intakedatum,plaatsingsdatum,plaatsing_type"
    content = (header + "\nX1,GM0575,2025-05-05,2025-05-20,2025-08-01,werk\n"
               "N1,GM0546,2025-09-01,,,\n").encode()  # fmt: skip
    admin = User("beheer", "admin")
    result = imports.import_trajectories(
        engine, "levering.csv", content, admin, "TEST", date(2026, 11, 1)
    )
    assert result.status == "ingelezen", result.problems
    _assert_agree(engine, raw)
    assert queries.trajectory_total(engine)["total"] == before["total"]["total"] + 1
    imports.undo_import(engine, result.import_id, admin)
    _assert_agree(engine, raw)
    _assert_same(_everything(engine), before)


def test_another_lasting_window_reads_the_trajectories(engine, small, raw):
    # Built for 6 months; asked for 3, the queries fall back to the table and stay right.
    ours = queries.funnel_counts(engine, TrajectoryFilter(), 3)
    theirs = raw(queries.funnel_counts, engine, TrajectoryFilter(), 3)
    same(ours, theirs, [])
    assert ours.loc[0, "duurzaam"] == 1


def test_ensure_builds_once_and_rebuilds_for_a_new_window(engine, small):
    assert stats.ensure(engine, LASTING) is False
    assert stats.ensure(engine, 12) is True
    with engine.connect() as conn:
        assert stats.built_for(conn) == 12
        assert conn.execute(sa.select(sa.func.count()).select_from(stat_state)).scalar() == 1


def test_without_aggregates_nothing_is_kept_and_queries_still_answer(engine):
    with engine.begin() as conn:
        add_areas(conn)
        pid = add_programme(conn)
        add_trajectories(conn, pid, ROWS)
    with engine.connect() as conn:
        assert stats.built_for(conn) is None
        assert conn.execute(sa.select(sa.func.count()).select_from(cohort_stat)).scalar() == 0
    assert queries.trajectory_total(engine)["total"] == len(ROWS)


def test_deleting_a_programme_removes_its_aggregates(engine, small):
    with engine.begin() as conn:
        conn.execute(programme.delete().where(programme.c.id == small))
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(cohort_stat)).scalar() == 0


def test_an_import_adds_delta_rows_and_a_rebuild_folds_them(engine, small, raw):
    admin = User("beheer", "admin")
    content = b"traject_id,gemeentecode,aanmelddatum\nN9,GM0546,2025-09-01\n"
    with engine.connect() as conn:
        rows_before = conn.execute(sa.select(sa.func.count()).select_from(cohort_stat)).scalar()
    result = imports.import_trajectories(engine, "a.csv", content, admin, "TEST", date(2026, 1, 1))
    imports.undo_import(engine, result.import_id, admin)
    with engine.connect() as conn:
        # One row in, one row out: the other trajectories were not recounted.
        assert conn.execute(sa.select(sa.func.count()).select_from(cohort_stat)).scalar() == (
            rows_before + 2
        )
    with engine.begin() as conn:
        stats.rebuild(conn, LASTING)
        assert conn.execute(sa.select(sa.func.count()).select_from(cohort_stat)).scalar() == (
            rows_before
        )
        assert conn.execute(sa.select(sa.func.min(cohort_stat.c.n))).scalar() > 0
    _assert_agree(engine, raw)


SLOW = {
    # About a second of work on either database: far beyond a 20 ms timeout.
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) "
    "SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(0.3)",
}


def test_writes_that_recount_are_not_cut_off_by_the_page_statement_timeout(db_url):
    guarded = make_engine(db_url, statement_timeout_ms=20)
    slow = sa.text(SLOW[guarded.dialect.name])
    try:
        with guarded.begin() as conn:
            with without_statement_timeout(conn):
                conn.execute(slow)
        with pytest.raises(sa.exc.OperationalError) as cut:
            with guarded.begin() as conn:
                conn.execute(slow)
        assert is_timeout(cut.value)
    finally:
        guarded.dispose()
