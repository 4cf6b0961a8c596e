"""Funnel maths: conversion per stage and from the top, with suppression applied."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from domain.stages import STAGES
from domain.suppression import display_count, is_small


def _ratio(num: int, den: int, threshold: int) -> float | None:
    # A percentage derived from a hidden count would reveal it: none is shown.
    if den <= 0 or is_small(num, threshold) or is_small(den, threshold):
        return None
    return num / den


def funnel_table(counts: Mapping[str, int], threshold: int) -> pd.DataFrame:
    """One row per stage: count, what may be shown, conversion from the previous stage and the top.

    Columns: stage, label, count, shown, hidden, from_previous, from_top.
    """
    rows = []
    top = counts.get(STAGES[0].key, 0)
    previous = None
    for stage in STAGES:
        n = int(counts.get(stage.key, 0) or 0)
        rows.append(
            {
                "stage": stage.key,
                "label": stage.label,
                "count": n,
                "shown": display_count(n, threshold),
                "hidden": is_small(n, threshold),
                "from_previous": None if previous is None else _ratio(n, previous, threshold),
                "from_top": _ratio(n, top, threshold),
            }
        )
        previous = n
    return pd.DataFrame(rows)
