"""Turns the sidebar's codes into the typed filter that data_access takes."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.shell.filters import Selection
from data_access.filters import TrajectoryFilter


def _id_of(frame: pd.DataFrame, code: str | None) -> tuple[int, ...]:
    if code is None:
        return ()
    ids = frame.loc[frame["code"] == code, "id"]
    return tuple(int(i) for i in ids)


def trajectory_filter(
    sel: Selection,
    partnerships: pd.DataFrame,
    programmes: pd.DataFrame,
    whole_year: bool = True,
) -> TrajectoryFilter:
    """The cohort registered in the selected year (or all years), within the chosen scope."""
    return TrajectoryFilter(
        registered_from=date(sel.year, 1, 1) if whole_year else None,
        registered_to=date(sel.year, 12, 31) if whole_year else None,
        partnership_ids=_id_of(partnerships, sel.partnership),
        programme_ids=_id_of(programmes, sel.programme),
        area_codes=(sel.municipality,) if sel.municipality else (),
    )
