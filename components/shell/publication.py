"""The year's suppression decision (domain.publication), made once per year and data version and
shared by every page, filter, slide and download. Views ask it for their counts instead of
deciding per table."""

from __future__ import annotations

from collections.abc import Collection

from components.shell import data
from data_access.filters import TrajectoryFilter
from domain import context_line
from domain import publication as pub
from domain.publication import Count

# The year's headline totals: hidden only when nothing else can protect a small count.
HEADLINE_TOTALS = ("aangemeld", "geplaatst", "duurzaam")
TARGET_MEASURES = ("aangemeld", "gestart", "geplaatst", "duurzaam")


def programme_sets() -> list[set[int] | None]:
    """Every set of programmes a view can count: all, each programme (alone and with the
    programmes inside it, as a target counts) and each partnership's. (A municipality's own
    page counts all programmes in that municipality: an area, not a set of programmes.)"""
    programmes = data.programmes()
    ids = [int(i) for i in programmes["id"]]
    out: list[set[int] | None] = [None]
    for p in ids:
        out.append({p})
        inside = {int(c) for c in programmes.loc[programmes["parent_id"] == p, "id"]}
        if inside:
            out.append({p, *inside})
    for pid in programmes["partnership_id"].dropna().unique():
        out.append({int(i) for i in programmes.loc[programmes["partnership_id"] == pid, "id"]})
    return out


def single_areas(grid: pub.Grid) -> list[set[str]]:
    return [{a} for a in sorted({a for _, _, a in grid.values})]


def member_areas() -> list[set[str]]:
    """Each partnership's member municipalities: its reach, a target split per member."""
    members = data.partnership_members()
    members = members[~members["partnership_kind"].map(context_line.is_region)]
    return [set(codes.dropna()) for _, codes in members.groupby("partnership_id")["area_code"]]


def shown_counts(grid: pub.Grid) -> list[tuple[str, list, list]]:
    """What the pages show of each measure, as (measure, sets of programmes, sets of
    municipalities):

    - every measure over any set of programmes in total (Overzicht, its filters, the briefing,
      the slides, Doelen);
    - registrations, starts, placements, lasting placements and running trajectories in each
      municipality, over any set of programmes (Kaart, Gemeente, the briefing of a municipality);
    - starts and placements in a partnership's municipalities (Gemeente's reach, a target split
      per member).

    Placements in work and in training apart are shown per set of programmes only, never per
    municipality: split per municipality they are mostly under 10, and protecting them would
    hide most municipalities' placements.
    """
    sets, singles, members = programme_sets(), single_areas(grid), member_areas()
    every = [None, *singles]
    return [
        ("aangemeld", sets, every),
        ("gestart", sets, every + members),
        ("geplaatst", sets, every + members),
        ("duurzaam", sets, every),
        ("lopend", sets, singles),
        ("geplaatst_werk", sets, [None]),
        ("geplaatst_opleiding", sets, [None]),
    ]


def decide(grid: pub.Grid, year: int, threshold: int) -> pub.Publication:
    """The decision for a year's grid: the family the pages can show (`shown_counts`), with the
    year's headline totals and each programme's counts that targets are set in kept for last
    (the figures a wethouder is briefed on go only when no municipality's count can protect)."""
    keep = [(m, None, None) for m in HEADLINE_TOTALS]
    keep += [(m, ps, None) for m in TARGET_MEASURES for ps in programme_sets()[1:]]
    return pub.decide(grid, year, threshold, shown_counts(grid), keep)


def _decide(year: int, threshold: int) -> pub.Publication:
    return decide(pub.Grid.from_frame(data.yearly_grid(year)), year, threshold)


_decided = data.cached_resource(_decide)


def year(year: int) -> pub.Publication:
    """The decision for `year`, at the configured threshold."""
    return _decided(int(year), data.settings().suppress_below)


def count(
    year_: int,
    measure: str,
    programmes: Collection[int] | None = None,
    areas: Collection[str] | None = None,
) -> Count:
    """A count of `year_` as it may be shown everywhere."""
    return year(year_).count(measure, programmes, areas)


def funnel_top(f: TrajectoryFilter) -> Count | None:
    """The registrations a funnel starts with, as the year's decision shows them, when the funnel
    counts the registrations of one whole calendar year over programmes and municipalities only
    (no provider or placement type chosen): the same count as Overzicht's, with the same fate.
    None otherwise: the funnel then protects its own counts."""
    start, end = f.registered_from, f.registered_to
    if start is None or end is None or f.provider_ids or f.placement_type:
        return None
    if (start.month, start.day, end.month, end.day, start.year) != (1, 1, 12, 31, end.year):
        return None
    programmes = data.programmes()
    ids: set[int] | None = None
    if f.partnership_ids:
        ids = {
            int(i)
            for i in programmes.loc[programmes["partnership_id"].isin(f.partnership_ids), "id"]
        }
    if f.programme_ids:
        ids = set(f.programme_ids) if ids is None else ids & set(f.programme_ids)
    return year(start.year).count("aangemeld", ids, set(f.area_codes) or None)
