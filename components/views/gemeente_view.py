"""Gemeente's reach table, own trajectory figures and programmes, built once per municipality,
year and language and shared by the sessions (data.built)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.drawing import maps
from components.shell import data, publication
from components.shell.i18n import t
from components.views import context_view
from data_access.filters import TrajectoryFilter
from domain import suppression
from domain.partnership_map import programmes_by_area


def _reach_rows(code: str, name: str, year: int, threshold: int):
    """Trajectories started per 100 on bijstand: the municipality and each of its partnerships
    that runs programmes (context_view.reach_rows)."""
    programmes = data.programmes()
    members = data.partnership_members()
    own = members[
        (members["area_code"] == code) & (members["partnership_kind"] != maps.REGION_KIND)
    ]
    decided = publication.year(year)
    rows = [(name, decided.count("gestart", None, {code}), [code])]
    for pid, group in own.groupby("partnership_id", sort=False):
        ids = {int(i) for i in programmes[programmes["partnership_id"] == pid]["id"]}
        if not ids:
            continue
        codes = list(members[members["partnership_id"] == pid]["area_code"].dropna().unique())
        started = decided.count("gestart", ids, set(codes))
        rows.append((group["partnership_name"].iloc[0], started, codes))
    return context_view.reach_rows(data.context_figures(), rows, year, threshold)


def reach_programmes(code: str) -> set[int]:
    """The programmes whose trajectories the reach table counts: those with trajectories in the
    municipality, and those of its partnerships (for what is invented of them, origin.of)."""
    programmes = data.programmes()
    members = data.partnership_members()
    joined = members.loc[members["area_code"] == code, "partnership_id"]
    ids = {int(i) for i in programmes.loc[programmes["partnership_id"].isin(joined), "id"]}
    here = data.trajectory_origin(TrajectoryFilter(area_codes=(code,)))
    return ids | {int(i) for i in here["programme_id"]}


@dataclass(frozen=True)
class Figures:
    """The municipality's own trajectory figures of a year: tiles and table, protected together."""

    tiles: tuple[tuple[str, str, str | None], ...]
    table: pd.DataFrame
    legend: str = ""  # what "<10" and "x" among them mean ('' when neither is shown)


def _own_figures(code: str, year: int, threshold: int) -> Figures | None:
    """None when the municipality has no trajectories that year. Tiles and rows come from the
    year's one decision (components.shell.publication): a tile minus the shown rows, or this page
    beside another, gives no hidden count away."""
    del threshold  # part of the key only: the decision reads the configured threshold
    figures = data.yearly_figures(year, (code,))
    figures = figures[figures["aangemeld"] + figures["geplaatst"] + figures["lopend"] > 0]
    if figures.empty:
        return None
    decided = publication.year(year)
    here = {code}
    tiles = (
        (t("overzicht.aangemeld", jaar=year), decided.count("aangemeld", None, here).label, None),
        (t("overzicht.geplaatst", jaar=year), decided.count("geplaatst", None, here).label, None),
        (t("overzicht.duurzaam", jaar=year), decided.count("duurzaam", None, here).label, None),
    )
    columns = ("aangemeld", "gestart", "geplaatst", "duurzaam", "lopend")
    names = data.programmes().set_index("id")["name"]
    ids = [int(p) for p in figures["programme_id"]]
    table = pd.DataFrame(
        {
            t("kolom.programma"): [names[i] for i in ids],
            **{
                t(f"kolom.{col}"): [decided.count(col, {p}, here).label for p in ids]
                for col in columns
            },
        }
    )
    shown = [label for _, label, _ in tiles] + list(table.astype(str).to_numpy().ravel())
    return Figures(tiles, table, suppression.legend(shown, decided.threshold))


def _own_programmes(code: str) -> list[str]:
    return programmes_by_area(data.partnership_members(), data.programmes()).get(code, [])


# Built once per municipality, year and language, and shared by the sessions (data.built).
reach_rows = data.built(_reach_rows)
own_figures = data.built(_own_figures)
own_programmes = data.built(_own_programmes)
