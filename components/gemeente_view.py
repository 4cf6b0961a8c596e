"""Gemeente's reach table, own trajectory figures and programmes, built once per municipality,
year and language and shared by the sessions (data.built)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components import context_view, data, maps
from components.i18n import t
from domain import summary
from domain.partnership_map import programmes_by_area


def _reach_rows(code: str, name: str, year: int, threshold: int):
    """Trajectories started per 100 on bijstand: the municipality and each of its partnerships
    that runs programmes (context_view.reach_rows)."""
    programmes = data.programmes()
    members = data.partnership_members()
    own = members[
        (members["area_code"] == code) & (members["partnership_kind"] != maps.REGION_KIND)
    ]
    rows = []
    mine = data.yearly_figures(year, (code,))
    rows.append((name, int(mine["gestart"].sum()) if not mine.empty else 0, [code]))
    for pid, group in own.groupby("partnership_id", sort=False):
        ids = set(programmes[programmes["partnership_id"] == pid]["id"])
        if not ids:
            continue
        codes = tuple(members[members["partnership_id"] == pid]["area_code"].dropna().unique())
        figures = data.yearly_figures(year, codes)
        started = int(figures[figures["programme_id"].isin(ids)]["gestart"].sum())
        rows.append((group["partnership_name"].iloc[0], started, list(codes)))
    return context_view.reach_rows(data.context_figures(), rows, year, threshold)


@dataclass(frozen=True)
class Figures:
    """The municipality's own trajectory figures of a year: tiles and table, protected together."""

    tiles: tuple[tuple[str, str, str | None], ...]
    table: pd.DataFrame


def _own_figures(code: str, year: int, threshold: int) -> Figures | None:
    """None when the municipality has no trajectories that year."""
    figures = data.yearly_figures(year, (code,))
    figures = figures[figures["aangemeld"] + figures["geplaatst"] + figures["lopend"] > 0]
    if figures.empty:
        return None
    # Tiles and table protected together: a tile minus the shown rows gives no hidden row away.
    # 'gestart' is a total too: the reach table above shows the municipality's trajectories
    # started, which is the sum of this table's column.
    columns = ("aangemeld", "gestart", "geplaatst", "duurzaam", "lopend")
    ledger = summary.rows_ledger(
        figures, ("aangemeld", "gestart", "geplaatst", "duurzaam"), columns, threshold
    )
    tiles = (
        (t("overzicht.aangemeld", jaar=year), ledger.label(("tile", "aangemeld")), None),
        (t("overzicht.geplaatst", jaar=year), ledger.label(("tile", "geplaatst")), None),
        (t("overzicht.duurzaam", jaar=year), ledger.label(("tile", "duurzaam")), None),
    )
    names = data.programmes().set_index("id")["name"]
    table = pd.DataFrame(
        {
            t("kolom.programma"): [names[i] for i in figures["programme_id"]],
            **{
                t(f"kolom.{col}"): [
                    ledger.label(("row", col, int(p))) for p in figures["programme_id"]
                ]
                for col in columns
            },
        }
    )
    return Figures(tiles, table)


def _own_programmes(code: str) -> list[str]:
    return programmes_by_area(data.partnership_members(), data.programmes()).get(code, [])


# Built once per municipality, year and language, and shared by the sessions (data.built).
reach_rows = data.built(_reach_rows)
own_figures = data.built(_own_figures)
own_programmes = data.built(_own_programmes)
