"""Text alternatives for charts and maps: one plain Dutch sentence each, from the data the chart
draws. Pure functions (no Streamlit); counts go through domain.suppression, so a hidden count
stays hidden in the sentence too."""

from __future__ import annotations

import pandas as pd

from components.shell.i18n import t
from domain.formatting import fmt_decimal, fmt_int
from domain.suppression import display_count, is_small


def bar_sentence(names: list[str], counts: list[int], year: int, threshold: int) -> str:
    """Overzicht: placements per programme (small counts are left out of the chart)."""
    shown = [(n, c) for n, c in zip(names, counts, strict=True) if not is_small(c, threshold)]
    name, top = max(shown, key=lambda item: item[1])
    return t("toegankelijkheid.staaf", aantal=len(shown), jaar=year, naam=name,
             hoogste=display_count(top, threshold), drempel=threshold)  # fmt: skip


def funnel_sentence(stages: list[tuple[str, str]]) -> str:
    """A funnel as (stage, shown count) pairs; the counts are already suppressed labels."""
    return t("toegankelijkheid.trechter", fasen="; ".join(f"{s} {n}" for s, n in stages))


def lead_time_sentence(lead: pd.DataFrame) -> str:
    """Trajecten's lead times (domain.leadtime.lead_time_table): the longest shown step."""
    shown = lead[~lead["hidden"]].dropna(subset=["median"])
    if shown.empty:
        return t("toegankelijkheid.doorloop_leeg")
    row = shown.loc[shown["median"].idxmax()]
    return t("toegankelijkheid.doorloop", stap=row["label"], dagen=fmt_decimal(row["median"], 0))


def history_sentence(table: pd.DataFrame) -> str:
    """Doelen's running total (domain.targets.history): the last point shown and the target then."""
    shown = table.dropna(subset=["cumulative"])
    if shown.empty:
        return t("toegankelijkheid.verloop_verborgen")
    last = shown.iloc[-1]
    return t("toegankelijkheid.verloop", maand=last["label"], aantal=fmt_int(last["cumulative"]),
             doel=fmt_int(round(last["target_cumulative"])))  # fmt: skip


def map_sentence(members: pd.DataFrame) -> str:
    """The partnership map in the words the tiles use: how many partnerships (the cases) with how
    many municipalities, by name; the labour-market regions, drawn as outlines, counted apart."""
    kinds = members.get("partnership_kind", pd.Series("", index=members.index))
    regions = kinds == "arbeidsmarktregio"
    municipal = members["member_type"] == "gemeente"
    names = list(dict.fromkeys(members.loc[~regions, "partnership_name"]))
    parts = []
    if names:
        parts.append(t("toegankelijkheid.kaart", aantal=len(names),
                       gemeenten=members.loc[~regions & municipal, "area_code"].nunique(),
                       namen=", ".join(names)))  # fmt: skip
    n_regions = members.loc[regions, "partnership_name"].nunique()
    if n_regions:
        key = "kaart_regios" if names else "kaart_alleen_regios"
        parts.append(t(f"toegankelijkheid.{key}", aantal=n_regions,
                       gemeenten=members.loc[regions & municipal, "area_code"].nunique()))  # fmt: skip
    return " ".join(parts)


def figure_map_sentence(info: pd.DataFrame, year: int, threshold: int) -> str:
    """The map coloured by registrations (maps.area_info): shown, hidden and the largest."""
    counts = info[info["aantal"] > 0]
    small = (
        counts["verborgen"].astype(bool)
        if "verborgen" in counts
        else counts["aantal"].map(lambda n: is_small(int(n), threshold))
    )
    shown = counts[~small]
    if shown.empty:
        return t("toegankelijkheid.kaart_cijfer_leeg", jaar=year)
    top = shown.loc[shown["aantal"].idxmax()]
    return t("toegankelijkheid.kaart_cijfer", jaar=year, getoond=len(shown), naam=top["naam"],
             hoogste=display_count(int(top["aantal"]), threshold), klein=int(small.sum()),
             drempel=threshold)  # fmt: skip


def placement_sentence(names: list[str], shares: list[dict | None]) -> str:
    """Trajecten's curves of time to placement: each shown group's share placed within 12 months
    (None: the follow-up or the privacy rule does not reach 12 months)."""
    from domain.formatting import fmt_pct

    parts = [
        t("tijd_tot_plaatsing.alt_groep", naam=n, deel=fmt_pct(s["share"]))
        if s is not None
        else t("tijd_tot_plaatsing.alt_groep_zonder", naam=n)
        for n, s in zip(names, shares, strict=True)
    ]
    return t("tijd_tot_plaatsing.alt", zinnen=" ".join(parts))


def legend_text(entries: list[tuple[str, str]]) -> str:
    """The alternative of a legend picture (charts.legend_svg): its names, top to bottom."""
    return t("a11y.legenda", namen="; ".join(name for name, _ in entries))
