"""Drawing the public context (CBS) of a municipality: tiles, the comparison, and reach.

Real figures say so: each tile and table carries its year and source. Trajectory-based figures
(reach) are marked fictional while the trajectories are invented."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.shell import layout
from components.shell.i18n import t
from domain import context as ctx
from domain.formatting import fmt_decimal, fmt_int
from domain.literal import md
from domain.origin import Origin
from domain.publication import Count


def fmt_value(measure: str, value: float | None) -> str:
    """A profile value for people: counts with thousands separators, rates with one decimal,
    and "niet beschikbaar" for anything CBS did not publish (never 0)."""
    if value is None:
        return t("context.nb")
    if measure in ("inwoners", "bijstand"):
        return fmt_int(round(value))
    if measure == "bijstand_per_1000":
        return fmt_decimal(value, 1)
    return f"{fmt_decimal(value, 1)} %"


def source_line(figures: pd.DataFrame, years: dict) -> str:
    """'Bron: CBS, <title> (<table>) ...' for the sources behind the shown years."""
    shown = figures[
        figures.apply(lambda r: years.get(r["measure"]) == r["year"], axis=1)
        & figures["measure"].isin(["inwoners", "bijstand", "netto_arbeidsparticipatie"])
    ]
    titles = list(dict.fromkeys(f"{r.source_title} ({r.year})" for r in shown.itertuples()))
    return t("context.bron", titels="; ".join(titles))


@dataclass(frozen=True)
class Profile:
    """What the Gemeente page shows of a municipality's CBS figures, ready to draw."""

    tiles: list[tuple[str, str, str]]  # (label, value, help) per profile measure
    source: str
    comparison: pd.DataFrame


def profile(
    figures: pd.DataFrame, code: str, names: dict[str, str], groups: list[tuple[str, list[str]]],
    years: dict, areas: pd.DataFrame | None = None,
) -> Profile | None:  # fmt: skip
    """The tiles, source line and comparison table of one municipality; None when CBS publishes
    nothing for it. `areas` (merged municipalities included) lets the source line say which
    municipalities a percentage leaves out because they merged into this one later."""
    own = figures[figures["area_code"] == code]
    if own.empty:
        return None
    row = ctx.profile_row(figures, [code], years)
    source = source_line(own, years)
    year = years.get("netto_arbeidsparticipatie")
    if areas is not None and year and row["netto_arbeidsparticipatie"] is not None:
        merged = ctx.merged_before(areas, code, year)
        if merged:
            source += " " + t("context.zonder", naam=names.get(code, code), jaar=year,
                              gemeenten=", ".join(merged))  # fmt: skip
    return Profile(
        tiles=[
            (
                t(f"context.{m}", jaar=years.get("bijstand" if m == "bijstand_per_1000" else m)),
                fmt_value(m, row[m]),
                t(f"context.uitleg_{m}"),
            )
            for m in ctx.PROFILE_MEASURES
        ],
        source=source,
        comparison=comparison_table(figures, code, names, groups, years),
    )


def draw_tiles(tiles: list[tuple[str, str, str]], source: str) -> None:
    """The four headline tiles of one municipality, with their source."""
    layout.tiles(tiles)
    st.caption(md(source))


def comparison_table(
    figures: pd.DataFrame, code: str, names: dict[str, str], groups: list[tuple[str, list[str]]],
    years: dict,
) -> pd.DataFrame:  # fmt: skip
    """One row for the municipality, one per group (region, province, the Netherlands) and one
    per peer of similar size, with the profile measures as text."""
    header = {
        m: t(f"context.{m}", jaar=years.get("bijstand" if m == "bijstand_per_1000" else m))
        for m in ctx.PROFILE_MEASURES
    }
    rows = [(names.get(code, code), [code])]
    rows += groups
    rows += [(names.get(p, p), [p]) for p in ctx.peers(figures, code, years["inwoners"])]
    out = []
    for label, codes in rows:
        values = ctx.profile_row(figures, codes, years)
        out.append(
            {
                t("context.kolom_gebied"): label,
                **{header[m]: fmt_value(m, values[m]) for m in ctx.PROFILE_MEASURES},
            }
        )
    return pd.DataFrame(out)


def reach_rows(
    figures: pd.DataFrame,
    started_by_group: list[tuple[str, Count, list[str]]],
    year: int,
    threshold: int,
) -> pd.DataFrame:
    """Reach per group: (label, trajectories started in `year` as the year's decision shows them,
    member codes). Bijstand of the newest CBS year not after `year` (or the newest there is). A
    hidden count ("<10" or "x") hides its reach too (it would give the count back)."""
    bijstand_year = ctx.latest_year(figures, "bijstand", at_most=year)
    out = []
    for label, started, codes in started_by_group:
        on_bijstand, missing = (
            ctx.members_total(figures, codes, "bijstand", bijstand_year)
            if bijstand_year
            else (None, codes)
        )
        # A member without CBS figures (Bonaire) would count its trajectories against nobody's
        # bijstand: then there is no honest reach for the group.
        value = (
            None if missing or started.hidden else ctx.reach(started.value, on_bijstand, threshold)
        )
        out.append(
            {
                t("context.kolom_gebied"): label,
                t("context.kolom_gestart", jaar=year): started.label,
                t("context.kolom_bijstand", jaar=bijstand_year or "–"): fmt_value(
                    "bijstand", None if missing else on_bijstand
                ),
                t("context.kolom_bereik"): (
                    fmt_decimal(value, 1) if value is not None else t("context.nb")
                ),
            }
        )
    return pd.DataFrame(out)


def show_reach(table: pd.DataFrame, found: Origin) -> None:
    """The reach table; `found`: the origin of the trajectories it counts."""
    st.subheader(t("context.bereik_kop"))
    st.caption(t("context.bereik_uitleg"))
    layout.plain_table(table)
    if found.kind in ("fictief", "deels"):
        st.caption(t(f"context.bereik_{found.kind}"))
