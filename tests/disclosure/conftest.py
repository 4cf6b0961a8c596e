"""Two SQLite databases for the page-wide suppression checker: the sample data, and small invented
data with many hidden cells (a handful of trajectories per municipality). SQLite only: the checker
is about what pages show, which the page tests already hold equal on both databases."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
import streamlit as st

from data_access import sample, stats, synthetic
from data_access.engine import make_engine
from data_access.schema import area, partnership_member, programme, programme_provider
from tests.builders import add_trajectories
from tests.databases import sqlite_copy

DATA_UNTIL = date(2026, 10, 31)
REASONS = ("niet verschenen", "gezondheid", "zorgtaken", "verhuisd", "anders")
STAGES = ("intake_on", "diagnosis_on", "started_on", "placed_on")


def _copy(sqlite_template, tmp_path_factory, name: str) -> sa.Engine:
    path = tmp_path_factory.mktemp(name) / f"{name}.sqlite"
    shutil.copy(sqlite_template, path)
    return make_engine(f"sqlite:///{path}")


@pytest.fixture(scope="session")
def sample_sqlite(sqlite_seeded, tmp_path_factory) -> str:
    return sqlite_copy(sqlite_seeded, tmp_path_factory.mktemp("sample"))


def _trajectory(rng: random.Random, area_code: str, providers: list[int]) -> dict:
    day = date(2026, 1, 1) + timedelta(days=rng.randint(0, 270))
    row = {"area_code": area_code, "registered_on": day}
    if providers:
        row["provider_id"] = rng.choice(providers)
    for stage in STAGES:
        day += timedelta(days=rng.randint(5, 40))
        if day > DATA_UNTIL:
            return row
        if rng.random() > 0.75:
            row.update(dropout_on=day, dropout_reason=rng.choice(REASONS))
            return row
        row[stage] = day
    row["placement_type"] = rng.choice(("werk", "werk", "opleiding"))
    return row


@pytest.fixture(scope="session")
def small_sqlite(sqlite_template, tmp_path_factory) -> str:
    """The five cases with 0 to 14 invented trajectories per municipality in 2026 (seed 42)."""
    engine = _copy(sqlite_template, tmp_path_factory, "small")
    rng = random.Random(42)
    batch = synthetic.Batch(dt.datetime(2026, 11, 1, tzinfo=dt.UTC), "test", "klein.csv",
                            "0" * 64, DATA_UNTIL)  # fmt: skip
    with engine.begin() as conn:
        conn.execute(area.insert(), sample.read_areas())
        sample._insert_cases(conn, sample.load_cases())
        members = conn.execute(sa.select(partnership_member.c.partnership_id,
                                         partnership_member.c.area_code)).all()  # fmt: skip
        providers = conn.execute(sa.select(programme_provider)).all()
        for p in conn.execute(sa.select(programme)).mappings().all():
            areas = [m.area_code for m in members if m.partnership_id == p["partnership_id"]]
            areas = [a for a in areas if a] or [p["lead_area_code"]]
            own = [r.organisation_id for r in providers if r.programme_id == p["id"]]
            rows = [
                _trajectory(rng, code, own) for code in areas for _ in range(rng.randint(0, 14))
            ]
            rows = [dict(r, source_key=f"K{p['id']}-{i}") for i, r in enumerate(rows)]
            add_trajectories(conn, p["id"], rows)
            synthetic.log_import(conn, batch, p["id"], len(rows))
        stats.rebuild(conn, 6)
    engine.dispose()
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
