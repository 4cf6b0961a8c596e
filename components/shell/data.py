"""The app's cached door to data_access: one engine per process, shared bounded caches."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import pickle
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from data_access import context, queries, versions
from data_access.bootstrap import prepare_database
from data_access.filters import TrajectoryFilter
from data_access.settings import Settings, load_settings
from domain.formatting import current_language

log = logging.getLogger(__name__)

# Figures change only on a write, and every write raises the data version (data_access/versions.py),
# which each page run compares (fresh()); the ten minutes only bound how long unused entries stay.
CACHE_TTL_SECONDS = 600
# How often one process asks the database for the data version: one tiny query a second at most,
# however many sessions click, and a write elsewhere shows here within about a second.
VERSION_CHECK_SECONDS = 1.0
# Bounded so a room full of different filters cannot grow memory without end.
CACHE_MAX_ENTRIES = 500
# Built objects (figures, map decks, a briefing, what a page shows) are larger than the frames
# they come from. One cache for every builder: a page run asks for up to some twenty of them
# (Doelen: a card per target, and the tables), so 1,000 keeps about fifty choices of every page.
BUILT_MAX_ENTRIES = 1000

T = TypeVar("T")
_BUILDERS: dict[str, Callable] = {}


@st.cache_resource
def settings() -> Settings:
    return load_settings()


@st.cache_resource
def engine():
    """The process-wide engine; the database is migrated (and seeded when embedded) on first use."""
    return prepare_database(settings())


_DATA_CACHES: list = []


def own_copy(value: T) -> T:
    """A caller's own copy of a cached value. A frame's copy shares its immutable text (Arrow)
    columns and copies the rest: some tens of microseconds, where unpickling it (st.cache_data's
    way) cost 150 to 300 on every read, and pages read some forty per run."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy()  # type: ignore[return-value]
    if isinstance(value, dict):
        return dict(value)  # type: ignore[return-value]
    return value


def _cached(fn):
    """A query's result, kept per arguments and shared by the sessions of this process; every
    caller gets its own copy (own_copy), so no page can change another's figures."""
    kept = st.cache_resource(
        ttl=CACHE_TTL_SECONDS, max_entries=CACHE_MAX_ENTRIES, show_spinner=False
    )(fn)
    _DATA_CACHES.append(kept)

    @functools.wraps(fn)
    def cached(*args, **kwargs):
        return own_copy(kept(*args, **kwargs))

    cached.clear = kept.clear  # type: ignore[attr-defined]
    return cached


def cached_resource(fn):
    """A value computed from the cached data (not a frame: not copied), kept per arguments,
    shared by the sessions and cleared with the data, such as the year's suppression decision."""
    kept = st.cache_resource(
        ttl=CACHE_TTL_SECONDS, max_entries=CACHE_MAX_ENTRIES, show_spinner=False
    )(fn)
    _DATA_CACHES.append(kept)
    return kept


def key_of(args: tuple, kwargs: dict) -> bytes:
    """A built object's key: a digest of the pickle of its arguments.

    Streamlit's own hashing walks every argument in Python and hashes a frame's rows column by
    column: about 3 ms for a table of a dozen rows, and a page run asked for some forty such
    keys. Pickling is done in C: some tens of microseconds. Equal arguments made alike give the
    same key; a frame or object that differs in any value, label or type gives another. (Equal
    arguments made differently, a dict filled in another order, may give another key: that only
    builds the object once more.) Arguments must pickle; builders take data, not live objects."""
    return hashlib.blake2b(pickle.dumps((args, kwargs), protocol=5), digest_size=20).digest()


@st.cache_resource(ttl=CACHE_TTL_SECONDS, max_entries=BUILT_MAX_ENTRIES, show_spinner=False)
def _built(name: str, language: str, key: bytes, _args: tuple, _kwargs: dict):
    # Streamlit hashes name, language and key only (parameters with a leading _ are not hashed).
    return serialised_once(_BUILDERS[name](*_args, **_kwargs))


def serialised_once(value: T) -> T:
    """A shared Plotly figure whose dictionary is made once. st.plotly_chart asks a figure for
    to_dict() on every run: a deep copy of every property and every array turned to base64, as
    much CPU as the rest of drawing the chart. A built figure never changes, so its first
    dictionary serves every run after it. Figures inside a built view (a dataclass, a dict or a
    list of them) are treated alike."""
    if isinstance(value, go.Figure):
        as_dict = value.to_dict()
        value.to_dict = lambda: as_dict  # type: ignore[method-assign]
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for part in dataclasses.fields(value):
            serialised_once(getattr(value, part.name))
    elif isinstance(value, dict):
        for part in value.values():
            serialised_once(part)
    elif isinstance(value, (list, tuple)):
        for part in value:
            serialised_once(part)
    return value


def built(fn: Callable[..., T]) -> Callable[..., T]:
    """Cache what a page builds from the cached data: Plotly figures, map decks, a briefing.

    Kept as the objects themselves, shared by every session and bounded like the data caches.
    Not pickled as st.cache_data would: a Plotly figure re-validates every property when it is
    unpickled, which costs as much as building it. The reader's language is part of the key
    (number formats and texts). What comes out is shared, so callers must not change it.
    Cleared together with the data (clear())."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _BUILDERS[name] = fn

    @functools.wraps(fn)
    def cached(*args, **kwargs):
        return _built(name, current_language(), key_of(args, kwargs), args, kwargs)

    return cached


def clear() -> None:
    """Forget every cached figure and table, so a new import shows on every page at once."""
    for kept in _DATA_CACHES:
        kept.clear()
    _built.clear()


class _Seen:
    """The data version this process's caches were filled under, when it was last read, and the
    database it was read from. Another database (the settings changed, as between tests) starts
    afresh: a version read from one database says nothing about another, and two databases can
    be at the same version number."""

    lock = threading.Lock()
    version: int | None = None
    checked_at = float("-inf")
    database_url: str | None = None


def fresh(now: float | None = None) -> bool:
    """Clear this process's caches when another process (a replica, the command line) has
    written since they were filled. Call at the start of every page run; asks the database at
    most once a VERSION_CHECK_SECONDS per process. Returns whether the caches were cleared."""
    now = time.monotonic() if now is None else now
    with _Seen.lock:
        database_url = settings().database_url
        if database_url != _Seen.database_url:
            _Seen.database_url, _Seen.version, _Seen.checked_at = database_url, None, float("-inf")
        if now - _Seen.checked_at < VERSION_CHECK_SECONDS:
            return False
        _Seen.checked_at = now
        try:
            version = versions.current(engine())
        except SQLAlchemyError as exc:
            # Without a database the pages say so themselves; keep what is cached.
            log.warning("data version unreadable: %s", exc)
            return False
        changed = _Seen.version is not None and version != _Seen.version
        _Seen.version = version
    if changed:
        log.info("data version %s: caches cleared", version)
        clear()
    return changed


@_cached
def partnerships() -> pd.DataFrame:
    return queries.partnerships(engine())


@_cached
def partnership_members(partnership_ids: tuple[int, ...] = ()) -> pd.DataFrame:
    return queries.partnership_members(engine(), partnership_ids)


@_cached
def programmes() -> pd.DataFrame:
    return queries.programmes(engine())


@_cached
def providers() -> pd.DataFrame:
    return queries.providers(engine())


@_cached
def municipalities(include_merged: bool = False) -> pd.DataFrame:
    return queries.municipalities(engine(), include_merged)


@_cached
def funnel_counts(f: TrajectoryFilter, group_by: str | None = None) -> pd.DataFrame:
    return queries.funnel_counts(engine(), f, settings().lasting_months, group_by)


@_cached
def yearly_figures(year: int, area_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    return queries.yearly_figures(engine(), year, settings().lasting_months, area_codes)


@_cached
def yearly_grid(year: int) -> pd.DataFrame:
    return queries.yearly_grid(engine(), year, settings().lasting_months)


@_cached
def period_figures(first: date, last: date, area_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    return queries.period_figures(engine(), first, last, settings().lasting_months, area_codes)


@_cached
def targets(programme_ids: tuple[int, ...] = ()) -> pd.DataFrame:
    return queries.targets(engine(), programme_ids)


@_cached
def realised(
    programme_id: int, metric: str, start: date, end: date, area_code: str | None = None
) -> int:
    return queries.realised(
        engine(), programme_id, metric, start, end, settings().lasting_months, area_code
    )


@_cached
def realised_by_area(
    programme_id: int, metric: str, start: date, end: date, area_codes: tuple[str, ...]
) -> pd.DataFrame:
    return queries.realised_by_area(
        engine(), programme_id, metric, start, end, settings().lasting_months, area_codes
    )


@_cached
def monthly_realised(
    programme_id: int, metric: str, start: date, end: date, area_codes: tuple[str, ...] = ()
) -> pd.DataFrame:
    return queries.monthly_realised(
        engine(), programme_id, metric, start, end, settings().lasting_months, area_codes
    )


@_cached
def reached_on(
    programme_id: int,
    metric: str,
    start: date,
    end: date,
    count: int,
    area_codes: tuple[str, ...] = (),
) -> date | None:
    return queries.reached_on(
        engine(), programme_id, metric, start, end, settings().lasting_months, count, area_codes
    )


@_cached
def published_figures() -> pd.DataFrame:
    return queries.published_figures(engine())


@_cached
def data_status() -> pd.DataFrame:
    return queries.data_status(engine())


@_cached
def sources() -> pd.DataFrame:
    return queries.sources(engine())


@_cached
def trajectory_total() -> dict[str, int]:
    return queries.trajectory_total(engine())


@_cached
def trajectory_origin(f: TrajectoryFilter | None = None) -> pd.DataFrame:
    return queries.trajectory_origin(engine(), f)


@_cached
def year_range() -> tuple[int, int] | None:
    return queries.year_range(engine())


def data_until() -> date | None:
    """The latest date any programme's data runs to ("stand per"), or None."""
    known = data_status()["data_until"].dropna()
    return known.max() if not known.empty else None


@_cached
def imports() -> pd.DataFrame:
    return queries.imports(engine())


@_cached
def lead_time_histogram(f: TrajectoryFilter) -> pd.DataFrame:
    return queries.lead_time_histogram(engine(), f)


@_cached
def placement_months(f: TrajectoryFilter, group_by: str) -> pd.DataFrame:
    return queries.placement_months(engine(), f, group_by)


@_cached
def dropout_by_stage(f: TrajectoryFilter) -> pd.DataFrame:
    return queries.dropout_by_stage(engine(), f, settings().lasting_months)


@_cached
def area_boundaries() -> pd.DataFrame:
    return queries.area_boundaries(engine())


@_cached
def registrations_per_area(year: int, programme_ids: tuple[int, ...] = ()) -> pd.DataFrame:
    return queries.registrations_per_area(engine(), year, programme_ids)


@_cached
def region_boundaries(kind: str) -> pd.DataFrame:
    return queries.region_boundaries(engine(), kind)


@_cached
def context_figures() -> pd.DataFrame:
    """Every public figure (a few thousand rows): pages select from it in domain.context."""
    return context.context_figures(engine())


@_cached
def context_sources() -> pd.DataFrame:
    return context.context_sources(engine())
