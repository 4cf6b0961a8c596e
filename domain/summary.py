"""Headline numbers: yearly figures added up per partnership, with suppression applied."""

from __future__ import annotations

import pandas as pd

from domain.disclosure import Ledger
from domain.suppression import display_count

FIGURES = ("aangemeld", "gestart", "geplaatst", "geplaatst_werk", "geplaatst_opleiding", "duurzaam")


def per_partnership(figures: pd.DataFrame, programmes: pd.DataFrame) -> pd.DataFrame:
    """Yearly figures per partnership (programmes of one municipality count under no partnership).

    Columns: partnership_id, and each of FIGURES.
    """
    merged = figures.merge(
        programmes[["id", "partnership_id"]], left_on="programme_id", right_on="id", how="left"
    )
    grouped = merged.groupby("partnership_id", dropna=False)[list(FIGURES)].sum().reset_index()
    return grouped


def totals(figures: pd.DataFrame, programme_ids: set[int] | None = None) -> dict[str, int]:
    """The sum of each figure over the given programmes (all when None)."""
    rows = (
        figures if programme_ids is None else figures[figures["programme_id"].isin(programme_ids)]
    )
    return {name: int(rows[name].sum()) if not rows.empty else 0 for name in FIGURES}


def shown(values: dict[str, int], threshold: int) -> dict[str, str]:
    """Each figure as it may be shown: small counts become '<10'."""
    return {name: display_count(n, threshold) for name, n in values.items()}


def atoms(metric: str, programme_ids) -> set[tuple[str, int]]:
    """What a figure of these programmes adds up, for page-wide suppression (domain.disclosure):
    placements are work plus training, so a split shown elsewhere adds up with them."""
    parts = ("geplaatst_werk", "geplaatst_opleiding") if metric == "geplaatst" else (metric,)
    return {(part, int(p)) for p in programme_ids for part in parts}


def overview_ledger(
    figures: pd.DataFrame,
    programmes: pd.DataFrame,
    chosen: set[int] | None,
    threshold: int,
) -> Ledger:
    """Every count Overzicht shows, protected together: the year's tiles (over the chosen
    programmes), the partnerships' table and the bar per programme. Keys: ("tile", figure),
    ("table", figure, partnership_id), ("bar", programme_id)."""
    ledger = Ledger(threshold)
    values = figures.set_index("programme_id")
    ids = [int(p) for p in values.index if chosen is None or p in chosen]
    year = totals(figures, chosen)
    for name in ("aangemeld", "geplaatst", "duurzaam", "geplaatst_werk", "geplaatst_opleiding"):
        headline = name in ("aangemeld", "geplaatst", "duurzaam")
        ledger.add(("tile", name), atoms(name, ids), year[name], keep=headline)
    owner = programmes.set_index("id")["partnership_id"]
    for pid, group in owner.dropna().groupby(owner.dropna()):
        members = [int(p) for p in group.index if p in values.index]
        for name in ("aangemeld", "geplaatst"):
            total = int(values.loc[members, name].sum()) if members else 0
            ledger.add(("table", name, int(pid)), atoms(name, members), total)
    for p, n in values["geplaatst"].items():
        if n > 0:
            ledger.add(("bar", int(p)), atoms("geplaatst", [p]), int(n))
    ledger.protect()
    return ledger


def rows_ledger(
    figures: pd.DataFrame, tiles: tuple[str, ...], columns: tuple[str, ...], threshold: int
) -> Ledger:
    """Tiles that add up every row (kept) above a table with one row per programme, protected
    together. Keys: ("tile", figure) and ("row", figure, programme_id)."""
    ledger = Ledger(threshold)
    ids = [int(p) for p in figures["programme_id"]]
    year = totals(figures)
    for name in tiles:
        ledger.add(("tile", name), atoms(name, ids), year[name], keep=True)
    for name in columns:
        for p, n in zip(ids, figures[name], strict=True):
            ledger.add(("row", name, p), atoms(name, [p]), int(n))
    ledger.protect()
    return ledger
