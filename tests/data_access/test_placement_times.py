"""Counts for the curves of time to placement: the aggregates answer what the trajectory table
answers, on both databases, and the months are counted as the domain counts them."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from data_access import queries, stats
from data_access.filters import TrajectoryFilter
from data_access.schema import organisation, programme, stat_state
from domain import survival as sv
from tests.builders import add_areas, add_programme, add_trajectories, d


@pytest.fixture
def raw(monkeypatch):
    """Run a query on the trajectory table, as if the aggregates were not there."""

    def run(fn, *args, **kwargs):
        with monkeypatch.context() as m:
            m.setattr(queries, "_aggregated", lambda conn, months: False)
            return fn(*args, **kwargs)

    return run


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({"group": str, "months": "Float64", "n": int})
    keys = ["group", "area_code", "cohort_month", "months"]
    return frame.sort_values(keys, na_position="first").reset_index(drop=True)


def test_sample_counts_from_the_aggregates_equal_the_trajectories(sample_engine, raw):
    with sample_engine.connect() as conn:
        hr = conn.execute(sa.select(programme.c.id).where(programme.c.code == "HR-INKOOP"))
        hr = hr.scalar_one()
        providers = tuple(sorted(conn.execute(sa.select(organisation.c.id)).scalars()))
    filters = [
        TrajectoryFilter(date(2025, 1, 1), date(2025, 12, 31), programme_ids=(hr,)),
        TrajectoryFilter(date(2024, 1, 1), date(2025, 12, 31), provider_ids=providers),
        TrajectoryFilter(date(2018, 1, 1), date(2019, 12, 31), area_codes=("GM0575",)),
        TrajectoryFilter(date(2025, 1, 1), date(2025, 12, 31), placement_type="werk"),
    ]
    for f in filters:
        for group in ("aanbieder", "gemeente", "jaar", "programma"):
            ours = queries.placement_months(sample_engine, f, group)
            theirs = raw(queries.placement_months, sample_engine, f, group)
            assert not ours.empty
            pd.testing.assert_frame_equal(_sorted(ours), _sorted(theirs), check_dtype=False)


def test_a_period_that_is_not_whole_months_reads_the_trajectories(sample_engine, raw):
    f = TrajectoryFilter(date(2025, 1, 15), date(2025, 6, 20))
    ours = queries.placement_months(sample_engine, f, "programma")
    assert ours["cohort_month"].min() == date(2025, 1, 1)
    assert ours["n"].sum() == queries.funnel_counts(sample_engine, f, 6)["aanmelding"].sum()


ROWS = [
    # 31 days to placement: the second month. Same day: the first. One not placed, one placed in
    # training while only work is asked.
    dict(area_code="GM0546", registered_on=d("2025-01-10"), placed_on=d("2025-02-10"),
         placement_type="werk"),
    dict(area_code="GM0576", registered_on=d("2025-01-31"), placed_on=d("2025-01-31"),
         placement_type="werk"),
    dict(area_code="GM0546", registered_on=d("2025-02-01")),
    dict(area_code="GM0546", registered_on=d("2025-02-03"), placed_on=d("2026-02-03"),
         placement_type="opleiding"),
]  # fmt: skip


@pytest.mark.parametrize("aggregated", [True, False])
def test_hand_counted_months_and_kinds(engine, aggregated):
    with engine.begin() as conn:
        add_areas(conn)
        pid = add_programme(conn)
        add_trajectories(conn, pid, ROWS)
        if aggregated:
            stats.rebuild(conn, 6)
    with engine.connect() as conn:
        assert (conn.execute(sa.select(sa.func.count()).select_from(stat_state)).scalar() == 1) is (
            aggregated
        )
    f = TrajectoryFilter(date(2025, 1, 1), date(2025, 12, 31))
    got = queries.placement_months(engine, f, "programma")
    rows = {
        (r.area_code, r.cohort_month, None if pd.isna(r.months) else int(r.months), r.n)
        for r in got.itertuples()
    }
    # Noordwijkerhout (GM0576) counts under Noordwijk (GM0575).
    assert rows == {
        ("GM0546", date(2025, 1, 1), sv.placed_within_months(31), 1),
        ("GM0575", date(2025, 1, 1), 0, 1),
        ("GM0546", date(2025, 2, 1), None, 1),
        ("GM0546", date(2025, 2, 1), 12, 1),
    }
    assert sv.placed_within_months(31) == 2
    work = TrajectoryFilter(f.registered_from, f.registered_to, placement_type="werk")
    only_work = queries.placement_months(engine, work, "programma")
    february = only_work[only_work["cohort_month"] == date(2025, 2, 1)]
    assert february["months"].isna().all() and february["n"].sum() == 2
