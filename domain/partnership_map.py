"""Rules behind the map: which partnerships a filter keeps, and the colour bins of a figure."""

from __future__ import annotations

from datetime import date

import pandas as pd

from domain.formatting import current_language, fmt_int, missing
from domain.suppression import hidden_label, is_small

# Upper bounds (exclusive) of the figure bins above the suppression threshold; the last is open.
# Chosen for municipal trajectory counts: a small town has tens a year, The Hague thousands.
BIN_EDGES = (50, 100, 250, 1000)
NO_DATA_BIN = "geen"
SMALL_BIN = "klein"


def active_in(start: date, end: date | None, year: int) -> bool:
    """A partnership is active in a year when its period overlaps that calendar year."""
    if missing(start):
        return False
    return start <= date(year, 12, 31) and (missing(end) or end >= date(year, 1, 1))


def filter_partnerships(
    partnerships: pd.DataFrame,
    members: pd.DataFrame,
    programmes: pd.DataFrame,
    *,
    code: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    province: str | None = None,
    programme: str | None = None,
) -> pd.DataFrame:
    """The partnerships that pass every chosen filter (None means "all").

    province keeps partnerships with at least one member (area or organisation's area) in it;
    programme keeps the partnership that runs it, or of the programmes inside it.
    """
    keep = pd.Series(True, index=partnerships.index)
    if code:
        keep &= partnerships["code"] == code
    if kind:
        keep &= partnerships["kind"] == kind
    if year is not None:
        active = [
            active_in(s, e, year)
            for s, e in zip(partnerships["start_date"], partnerships["end_date"], strict=True)
        ]
        keep &= pd.Series(active, index=partnerships.index, dtype=bool)
    if province:
        ids = set(members.loc[members["province"] == province, "partnership_id"])
        keep &= partnerships["id"].isin(ids)
    if programme:
        chosen = programmes[programmes["code"] == programme]
        inside = programmes[programmes["parent_id"].isin(chosen["id"])]
        ids = set(pd.concat([chosen, inside])["partnership_id"].dropna().astype(int))
        keep &= partnerships["id"].isin(ids)
    return partnerships[keep]


def programmes_by_area(members: pd.DataFrame, programmes: pd.DataFrame) -> dict[str, list[str]]:
    """Per area code the programmes it takes part in: those of its partnerships and its own."""
    out: dict[str, list[str]] = {}
    areas = members.dropna(subset=["area_code"])
    for row in programmes.itertuples():
        codes: list[str] = []
        if not missing(row.partnership_id):
            codes += list(areas.loc[areas["partnership_id"] == row.partnership_id, "area_code"])
        if isinstance(row.lead_area_code, str):
            codes.append(row.lead_area_code)
        for c in dict.fromkeys(codes):
            out.setdefault(c, []).append(row.name)
    return out


def figure_bin(n: int | None, threshold: int) -> str:
    """The colour bin of a count: 'geen' (0 or unknown), 'klein' (hidden, 1..threshold-1), or the
    label of its range ('10–49', ..., '1.000 en meer')."""
    if missing(n) or n == 0:
        return NO_DATA_BIN
    if is_small(n, threshold):
        return SMALL_BIN
    return bin_labels(threshold)[sum(n >= edge for edge in BIN_EDGES if edge > threshold)]


def bin_labels(threshold: int) -> list[str]:
    """Labels of the shown ranges, lowest first; ranges start at the suppression threshold."""
    edges = [threshold, *(e for e in BIN_EDGES if e > threshold)]
    labels = [f"{fmt_int(lo)}–{fmt_int(hi - 1)}" for lo, hi in zip(edges, edges[1:], strict=False)]
    and_more = "and more" if current_language() == "en" else "en meer"
    return [*labels, f"{fmt_int(edges[-1])} {and_more}"]


def shown_figure(n: int | None, threshold: int) -> str:
    """A count for the tooltip: '0', '<10' or '1.234'."""
    if missing(n):
        return "0"
    return hidden_label(threshold) if is_small(n, threshold) else fmt_int(n)
