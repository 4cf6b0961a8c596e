"""Funnel maths: conversion per stage and from the top, comparisons, drop-out, with suppression."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from domain.stages import STAGE_KEYS, STAGES
from domain.suppression import cell_label, is_small, protect_grouped_funnel, protect_rows

# Geplaatst is split into werk and opleiding, counted apart as well as together (DOMAIN.md).
PLACEMENT_PARTS = {"geplaatst": ("geplaatst_werk", "geplaatst_opleiding")}
COUNT_COLUMNS = (*STAGE_KEYS, *PLACEMENT_PARTS["geplaatst"])


def _ratio(num: int, den: int, hidden: bool, threshold: int) -> float | None:
    # A percentage derived from a hidden count would reveal it: none is shown.
    if hidden or den <= 0 or is_small(num, threshold) or is_small(den, threshold):
        return None
    return num / den


def funnel_mask(
    counts: pd.DataFrame,
    threshold: int,
    partition: bool = True,
    total_hidden: Mapping[str, bool] | None = None,
    initially: Sequence[Mapping[str, bool]] | None = None,
) -> pd.DataFrame:
    """Hidden cells of funnel rows (columns COUNT_COLUMNS): small counts, small differences
    between stages, a lone hidden part of geplaatst and, with `partition`, a lone hidden row
    (or no hidden row where the column's total is hidden: `total_hidden`, the page's funnel).
    `initially`: cells hidden beforehand, per row (a registration count the year's decision
    hides)."""
    return protect_grouped_funnel(
        counts, STAGE_KEYS, PLACEMENT_PARTS, threshold, partition, total_hidden, initially
    )


def funnel_table(
    counts: Mapping[str, int], threshold: int, hidden: Mapping[str, bool] | None = None
) -> pd.DataFrame:
    """One row per stage: count, what may be shown, conversion from the previous stage and the top.

    `hidden` is a mask from `funnel_mask`; without it the single funnel is protected on its own.
    Columns: stage, label, count, shown, hidden, from_previous, from_top.
    """
    if hidden is None:
        frame = pd.DataFrame([{c: int(counts.get(c, 0) or 0) for c in COUNT_COLUMNS}])
        hidden = funnel_mask(frame, threshold, partition=False).iloc[0].to_dict()
    rows = []
    top = int(counts.get(STAGES[0].key, 0) or 0)
    top_hidden = bool(hidden.get(STAGES[0].key, False))
    previous = None
    for stage in STAGES:
        n = int(counts.get(stage.key, 0) or 0)
        is_hidden = bool(hidden.get(stage.key, False))
        rows.append(
            {
                "stage": stage.key,
                "label": stage.label,
                "count": n,
                "shown": cell_label(n, threshold, is_hidden),
                "hidden": is_hidden,
                "from_previous": None
                if previous is None
                else _ratio(n, previous[0], is_hidden or previous[1], threshold),
                "from_top": _ratio(n, top, is_hidden or top_hidden, threshold),
            }
        )
        previous = (n, is_hidden)
    return pd.DataFrame(rows)


COMPARE_COLUMNS = ["group", "name", "stage", "label", "count", "shown", "hidden", "from_previous",
                   "from_top"]  # fmt: skip


def compare_table(
    grouped: pd.DataFrame,
    labels: Mapping[object, str],
    chosen: Sequence[object],
    threshold: int,
    total_hidden: Mapping[str, bool] | None = None,
) -> pd.DataFrame:
    """Funnels of the chosen groups, long format, protected across ALL groups of the dimension
    (they add up to the whole cohort, so a hidden cell of one group could otherwise be got from
    the others).

    `grouped` is funnel_counts(group_by=...) with a 'group' column. Columns: group, name, stage,
    label, count, shown, hidden, from_previous, from_top.
    """
    if grouped.empty:
        return pd.DataFrame(columns=COMPARE_COLUMNS)
    grouped = grouped.reset_index(drop=True)
    mask = funnel_mask(grouped, threshold, partition=True, total_hidden=total_hidden)
    frames = []
    for group in chosen:
        rows = grouped.index[grouped["group"] == group]
        if len(rows) == 0:
            continue
        i = rows[0]
        table = funnel_table(grouped.loc[i].to_dict(), threshold, mask.loc[i].to_dict())
        table.insert(0, "name", labels.get(group, str(group)))
        table.insert(0, "group", group)
        frames.append(table)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COMPARE_COLUMNS)


def trend_table(
    monthly: pd.DataFrame, threshold: int, total_hidden: Mapping[str, bool] | None = None
) -> pd.DataFrame:
    """Monthly cohorts: registrations and (eventual) placements per registration month,
    protected across months (they add up to the cohort of the period, whose funnel is on the
    page: `total_hidden` is that funnel's mask).

    Columns: month, aanmelding, geplaatst (None where hidden), aanmelding_shown, geplaatst_shown.
    """
    if monthly.empty:
        return pd.DataFrame(
            columns=["month", "aanmelding", "geplaatst", "aanmelding_shown", "geplaatst_shown"]
        )
    monthly = monthly.reset_index(drop=True)
    mask = funnel_mask(monthly, threshold, partition=True, total_hidden=total_hidden)
    out = pd.DataFrame({"month": monthly["group"]})
    for key in ("aanmelding", "geplaatst"):
        values = monthly[key].astype(int)
        out[key] = [None if h else int(v) for v, h in zip(values, mask[key], strict=True)]
        out[f"{key}_shown"] = [
            cell_label(int(v), threshold, bool(h)) for v, h in zip(values, mask[key], strict=True)
        ]
    return out


# Key for trajectories that reached a stage, got no further and have no dropout recorded.
NO_DROPOUT = ""


def dropout_table(
    funnel: Mapping[str, int],
    funnel_hidden: Mapping[str, bool],
    by_stage: pd.DataFrame,
    threshold: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Who got no further than each stage, split into drop-out reasons and 'no drop-out recorded'.

    A row's total is the difference between that stage and the next in the funnel, so the table
    shows nothing the funnel does not: the total is hidden where either stage is hidden there,
    and then at least one part is hidden too. `by_stage` is queries.dropout_by_stage.
    Returns (counts, mask): index = stage key (aanmelding .. geplaatst), columns 'totaal' then
    NO_DROPOUT then the reasons, most frequent first.
    """
    stages = list(STAGE_KEYS[:-1])
    data = by_stage.copy()
    data["reason"] = data["reason"].fillna(NO_DROPOUT)
    wide = data.pivot_table(
        index="stage", columns="reason", values="n", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(index=stages, fill_value=0)
    reasons = [c for c in wide.sum().sort_values(ascending=False).index if c != NO_DROPOUT]
    wide = wide.reindex(columns=[NO_DROPOUT, *reasons], fill_value=0).astype(int)
    totals = [
        int(funnel.get(s, 0)) - int(funnel.get(n, 0))
        for s, n in zip(stages, STAGE_KEYS[1:], strict=True)
    ]
    totals_hidden = [
        bool(funnel_hidden.get(s)) or bool(funnel_hidden.get(n))
        for s, n in zip(stages, STAGE_KEYS[1:], strict=True)
    ]
    mask = protect_rows(totals, wide, threshold, totals_hidden)
    wide.insert(0, "totaal", totals)
    mask.insert(
        0,
        "totaal",
        [h or is_small(n, threshold) for n, h in zip(totals, totals_hidden, strict=True)],
    )
    return wide, mask
