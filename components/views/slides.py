"""What the slides of Presentatie say, computed once for the page and its PowerPoint deck: which
partnerships get a slide, the national tiles, a partnership's facts, targets and highlight, and the
partnership whose providers are compared."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.drawing import gauges
from components.shell import data, publication
from components.shell.i18n import t, t_md
from components.views import target_status as ts
from components.views.overview import national_numbers, own_programmes
from components.views.trajecten_controls import HR_PROGRAMME
from domain import context_line
from domain.formatting import fmt_date, fmt_int
from domain.literal import md
from domain.targets import TargetGroup


@dataclass(frozen=True)
class Target:
    """One gauge of a partnership slide: the programme's name, its target group and where it is."""

    name: str
    group: TargetGroup
    measured: ts.Measured


def partnerships(partnership_code: str | None) -> pd.DataFrame:
    """The partnerships that get a slide: the cases, and a labour-market region only when it is
    chosen in the filters (the 35 regions have no trajectories to present)."""
    everything = data.partnerships()
    keep = ~everything["kind"].map(context_line.is_region) | (
        everything["code"] == partnership_code
    )
    return everything[keep]


def comparison_partnership() -> pd.Series | None:
    """Holland Rijnland, whose joint purchase exists to learn which provider's method works: it
    gets a last slide comparing its providers. None when the database has no such programme."""
    programmes = data.programmes()
    hr = programmes.loc[programmes["code"] == HR_PROGRAMME, "partnership_id"].dropna()
    found = data.partnerships()
    found = found[found["id"].isin(hr)]
    return found.iloc[0] if not found.empty else None


def national_tiles(year: int) -> list[tuple[str, str]]:
    """Slide 1's numbers: the cases, their municipalities, and the year's registrations and
    placements as the year's decision shows them."""
    cases = context_line.cases(data.partnerships())
    members = data.partnership_members()
    members = members[members["partnership_id"].isin(cases["id"])]
    municipalities = members.loc[members["member_type"] == "gemeente", "area_code"].nunique()
    shown = national_numbers(year)
    return [
        (t("overzicht.samenwerkingen"), str(len(cases))),
        (t("overzicht.gemeenten"), str(municipalities)),
        (t("overzicht.aangemeld", jaar=year), shown["aangemeld"]),
        (t("overzicht.geplaatst", jaar=year), shown["geplaatst"]),
    ]


def own_programmes_line(year: int) -> str:
    """Slide 1's totals hold the programmes a municipality runs on its own, which have no slide
    of their own: one sentence (Markdown) names them with their share of the totals, so that the
    partnership slides plus this sentence add up to slide 1. '' when there are none."""
    decided = publication.year(year)
    own = own_programmes(data.programmes(), None)
    parts = [
        t("presentatie.eigen_deel", naam=md(n), gemeente=md(g),
          aangemeld=decided.count("aangemeld", {int(i)}).label, jaar=year,
          geplaatst=decided.count("geplaatst", {int(i)}).label)
        for i, n, g in zip(own["id"], own["name"], own["lead_area_name"], strict=True)
    ]  # fmt: skip
    return t("presentatie.eigen_programmas", jaar=year, delen="; ".join(parts)) if parts else ""


def facts(p: pd.Series) -> tuple[str, str]:
    """'**Soort** sinds ... Deelnemers: ...' (markdown) and 'Bron: ...' of a partnership. The
    members are named as they are today; where one has merged into another since the start, the
    source line says so with both counts, as Overzicht does (context_line.merged_members_note),
    beside a source title that may count them at the start ('Tien gemeenten ...')."""
    members = data.partnership_members((int(p["id"]),))
    names = ", ".join(dict.fromkeys(members["organisation_name"].fillna(members["area_name"])))
    source = p["source_title"] if isinstance(p["source_title"], str) else "–"
    merged = context_line.merged_members_note(
        members, data.municipalities(include_merged=True), int(p["id"])
    )
    text = t_md("presentatie.feiten", soort=t(f"soort.{p['kind']}"),
                sinds=fmt_date(p["start_date"]), leden=names)  # fmt: skip
    if merged and not source.endswith((".", "!", "?")):
        source = f"{source}."
    return text, f"{t('presentatie.bron', bron=source)} {merged}".strip()


def programmes_of(p: pd.Series) -> pd.DataFrame:
    programmes = data.programmes().set_index("id")
    return programmes[programmes["partnership_id"] == p["id"]]


def targets(programmes: pd.DataFrame, year: int, threshold: int) -> list[Target]:
    """The year's targets of the programmes, each measured on its peildatum."""
    return [
        Target(str(programmes.loc[g.programme_id, "name"]), g, ts.measure(g, threshold))
        for g in ts.year_groups(programmes, year)
    ]


def _outside(programmes: pd.DataFrame, year: int) -> tuple | None:
    """(first start, last end) of the programmes when every one of them ran wholly before or
    after `year`; None when any ran in it (or has no dates)."""
    if programmes.empty:
        return None
    starts = pd.to_datetime(programmes["start_date"])
    ends = pd.to_datetime(programmes["end_date"])
    if starts.isna().any() or ends.isna().any():
        return None
    first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    if ((ends < first) | (starts > last)).all():
        return starts.min().date(), ends.max().date()
    return None


def highlight(
    name: str,
    year: int,
    measured: list[Target],
    shown: dict[str, str],
    programmes: pd.DataFrame | None = None,
) -> str:
    """One sentence for the slide: the first target's status; for a partnership whose programmes
    all ran outside the year, when they ran; else the year's placements."""
    period = _outside(programmes, year) if programmes is not None else None
    if period is not None:
        return t("presentatie.hoogtepunt_buiten", naam=name, jaar=year, van=fmt_date(period[0]),
                 tot=fmt_date(period[1]))  # fmt: skip
    if measured:
        first = measured[0]
        m = first.measured
        # A hidden count is not read out as "x van de 90": the status says why it is hidden.
        key = "presentatie.hoogtepunt_doel_verborgen" if m.hidden else "presentatie.hoogtepunt_doel"
        return t(key, programma=first.name,
                 status=gauges.status_text(m.pace).lower(), gerealiseerd=m.shown,
                 doel=fmt_int(m.pace.target), metriek=t(f"metriek.{first.group.metric}"))  # fmt: skip
    return t("presentatie.hoogtepunt_geplaatst", naam=name, jaar=year, aantal=shown["geplaatst"])
