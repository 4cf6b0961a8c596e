"""Which targets a selection has, and where each stands: shared by Doelen and the briefing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components import data
from components.filters import Selection
from domain import targets as tg
from domain.pace import Pace, pace, withheld
from domain.suppression import display_count, is_small


@dataclass(frozen=True)
class Measured:
    """A target group on its peildatum: pace, the realised count and how it may be shown."""

    pace: Pace
    realised: int
    hidden: bool
    shown: str
    as_of: date
    member_counts: dict[str, int]


def peildatum(programme_id: int) -> date:
    """Pace is judged on the date the programme's data runs to, never after today."""
    status = data.data_status().set_index("programme_id")
    until = status["data_until"].get(programme_id)
    return min(date.today(), until) if isinstance(until, date) else date.today()


def scope_programmes(sel: Selection) -> pd.DataFrame:
    """The programmes (indexed by id) of the chosen programme, partnership and municipality; a
    municipality has the programmes of the partnerships it takes part in and those it leads."""
    programmes = data.programmes().set_index("id")
    if sel.programme:
        programmes = programmes[programmes["code"] == sel.programme]
    elif sel.partnership:
        pid = int(data.partnerships().set_index("code").loc[sel.partnership, "id"])
        programmes = programmes[programmes["partnership_id"] == pid]
    if sel.municipality:
        members = data.partnership_members()
        joined = members.loc[members["area_code"] == sel.municipality, "partnership_id"]
        programmes = programmes[
            programmes["partnership_id"].isin(joined)
            | (programmes["lead_area_code"] == sel.municipality)
        ]
    return programmes


def year_groups(programmes: pd.DataFrame, year: int) -> list[tg.TargetGroup]:
    """The target groups of `programmes` whose period overlaps `year`."""
    ids = tuple(int(i) for i in programmes.index)
    return tg.overlapping(
        tg.combine_members(tg.group_targets(data.targets(ids))) if ids else [],
        date(year, 1, 1),
        date(year, 12, 31),
    )


def measure(g: tg.TargetGroup, threshold: int) -> Measured:
    """Realised count, pace and display of one target group (a partnership's adds up members)."""
    as_of = peildatum(g.programme_id)
    args = (g.programme_id, g.metric, g.period_start, g.period_end)
    if g.area_codes:
        by_area = data.realised_by_area(*args, g.area_codes)
        member_counts = dict(zip(by_area["area_code"], by_area["realised"], strict=True))
        realised = sum(int(member_counts.get(code, 0)) for code in g.area_codes)
    else:
        member_counts, realised = {}, data.realised(*args)
    reached = data.reached_on(*args, g.value, g.area_codes) if realised >= g.value else None
    p = pace(g.value, realised, g.period_start, g.period_end, as_of, reached)
    hidden = is_small(realised, threshold)
    return Measured(
        pace=withheld(p, threshold) if hidden else p,
        realised=realised,
        hidden=hidden,
        shown=display_count(realised, threshold),
        as_of=as_of,
        member_counts={k: int(v) for k, v in member_counts.items()},
    )
