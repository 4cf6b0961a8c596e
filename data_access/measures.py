"""What the funnel counts, as SQL expressions on the trajectory table.

The queries and the aggregates (data_access/stats.py) both build on these, so a stage means the
same everywhere.
"""

from __future__ import annotations

import sqlalchemy as sa

from data_access.schema import trajectory
from data_access.sql import add_months

t = trajectory.c


def count_if(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def lasting(lasting_months: int) -> sa.ColumnElement[bool]:
    """Still in work `lasting_months` after placement: the duurzaam definition with its window."""
    return sa.and_(
        t.placed_on.is_not(None),
        t.lasting_on >= lasting_day(lasting_months),
    )


def lasting_day(lasting_months: int) -> sa.ColumnElement:
    """The day a placement has lasted `lasting_months`."""
    return add_months(t.placed_on, sa.literal(lasting_months, sa.Integer))


def reached(*columns: sa.Column) -> sa.ColumnElement[bool]:
    # A stage counts as reached when it, or any later stage, has a date.
    return sa.func.coalesce(*columns).is_not(None) if len(columns) > 1 else columns[0].is_not(None)


def stage_counts(lasting_months: int) -> dict[str, sa.ColumnElement[int]]:
    """The funnel's count expressions, stage key -> SUM(CASE ...)."""
    return {
        "aanmelding": sa.func.count(),
        "intake": count_if(reached(t.intake_on, t.diagnosis_on, t.started_on, t.placed_on)),
        "diagnose": count_if(reached(t.diagnosis_on, t.started_on, t.placed_on)),
        "gestart": count_if(reached(t.started_on, t.placed_on)),
        "geplaatst": count_if(t.placed_on.is_not(None)),
        "geplaatst_werk": count_if(t.placement_type == "werk"),
        "geplaatst_opleiding": count_if(t.placement_type == "opleiding"),
        "duurzaam": count_if(lasting(lasting_months)),
    }


def last_stage(lasting_months: int) -> sa.ColumnElement[str]:
    """The last funnel stage a trajectory reached, with the same 'later stage counts' rule."""
    return sa.case(
        (lasting(lasting_months), "duurzaam"),
        (t.placed_on.is_not(None), "geplaatst"),
        (t.started_on.is_not(None), "gestart"),
        (t.diagnosis_on.is_not(None), "diagnose"),
        (t.intake_on.is_not(None), "intake"),
        else_="aanmelding",
    )


# The stages in funnel order; a trajectory whose last stage is S reached every stage up to S.
STAGE_ORDER = ("aanmelding", "intake", "diagnose", "gestart", "geplaatst", "duurzaam")


def dropout_reason() -> sa.ColumnElement[str]:
    """Why a trajectory stopped: NULL without a dropout date, 'onbekend' for an empty reason."""
    return sa.case(
        (t.dropout_on.is_(None), sa.null()),
        else_=sa.func.coalesce(sa.func.nullif(t.dropout_reason, ""), "onbekend"),
    )


# Consecutive stages whose dates give a lead time (doorlooptijd): step key -> (from, to) columns.
LEAD_TIME_STEPS: dict[str, tuple[sa.Column, sa.Column]] = {
    "aanmelding": (t.registered_on, t.intake_on),
    "intake": (t.intake_on, t.diagnosis_on),
    "diagnose": (t.diagnosis_on, t.started_on),
    "gestart": (t.started_on, t.placed_on),
}


# Days from registration to placement, kept in lead_time_stat beside the steps above under its
# own key, for the survival curves of time to placement (data_access/placement_times.py).
PLACEMENT_STEP = "plaatsing"
STORED_STEPS: dict[str, tuple[sa.Column, sa.Column]] = {
    **LEAD_TIME_STEPS,
    PLACEMENT_STEP: (t.registered_on, t.placed_on),
}


def closed_day() -> sa.ColumnElement:
    """The day a trajectory stopped being open: the first of placement and dropout, but not
    before registration. NULL while it is open. Open on day D means registered by D and closed
    after D (or not at all)."""
    first_end = sa.case(
        (t.placed_on.is_(None), t.dropout_on),
        (t.dropout_on.is_(None), t.placed_on),
        (t.placed_on <= t.dropout_on, t.placed_on),
        else_=t.dropout_on,
    )
    return sa.case(
        (first_end.is_(None), sa.null()),
        (first_end < t.registered_on, t.registered_on),
        else_=first_end,
    )
