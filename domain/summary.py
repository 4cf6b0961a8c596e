"""Headline numbers: yearly figures added up per partnership, with suppression applied."""

from __future__ import annotations

import pandas as pd

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
