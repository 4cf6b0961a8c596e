"""Which targets a selection has, and where each stands: shared by Doelen and the briefing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.shell import data, publication
from components.shell.filters import Selection
from domain import targets as tg
from domain.pace import Pace, pace, withheld
from domain.publication import Count
from domain.suppression import cell_label, hide_parts, is_small

# Target metric -> the yearly figure it counts (domain.publication).
MEASURE_OF = {"aanmeldingen": "aangemeld", "gestart": "gestart", "geplaatst": "geplaatst",
              "duurzaam": "duurzaam"}  # fmt: skip


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


def calendar_year(g: tg.TargetGroup) -> int | None:
    """The year a target's period is, when it is one whole calendar year."""
    start, end = g.period_start, g.period_end
    whole = start == date(start.year, 1, 1) and end == date(start.year, 12, 31)
    return start.year if whole else None


def programme_with_inside(programme_id: int) -> set[int]:
    """A programme and the programmes inside it: what its target counts."""
    programmes = data.programmes()
    return {int(programme_id), *(int(i) for i in
            programmes.loc[programmes["parent_id"] == programme_id, "id"])}  # fmt: skip


def _primary(value: int, threshold: int) -> Count:
    """A target's count outside the year's decision (a period that is not a calendar year):
    counts under the threshold are hidden."""
    return Count(value, is_small(value, threshold), cell_label(value, threshold))


def counted(
    g: tg.TargetGroup, realised: int, member_counts: dict[str, int], threshold: int
) -> tuple[Count, dict[str, Count]]:
    """How the realised count and each member's count may be shown. A target over a calendar
    year reads the year's one decision (components.shell.publication), so that the count has the
    same fate here as on every other page; another period protects its small counts itself."""
    year = calendar_year(g)
    measure = MEASURE_OF.get(g.metric)
    if year is None or measure is None:
        secret = hide_parts(realised, member_counts, threshold) if member_counts else set()
        members = {
            code: Count(n, code in secret, cell_label(n, threshold, hidden=code in secret))
            for code, n in member_counts.items()
        }
        return _primary(realised, threshold), members
    decided = publication.year(year)
    ids = programme_with_inside(g.programme_id)
    total = decided.count(measure, ids, g.area_codes or None)
    members = {code: decided.count(measure, ids, {code}) for code in member_counts}
    return (total if total.value == realised else _primary_hidden(realised, threshold)), members


def _primary_hidden(value: int, threshold: int) -> Count:
    """A count that should be the decision's but differs from it (data written in between):
    hidden rather than shown undecided."""
    return Count(value, True, cell_label(value, threshold, hidden=True))


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
    member_counts = {k: int(v) for k, v in member_counts.items()}
    total, _ = counted(g, realised, member_counts, threshold)
    reached = data.reached_on(*args, g.value, g.area_codes) if realised >= g.value else None
    p = pace(g.value, realised, g.period_start, g.period_end, as_of, reached)
    return Measured(
        pace=withheld(p, threshold, small=is_small(realised, threshold)) if total.hidden else p,
        realised=realised,
        hidden=total.hidden,
        shown=total.label,
        as_of=as_of,
        member_counts=member_counts,
    )
