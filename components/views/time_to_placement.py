"""Trajecten's comparison of time to placement: curves with 95 % bands, the share placed within
6 and 12 months, the median, and a plain verdict per pair (domain/survival.py), never a bare
p-value as the headline; the figures behind each verdict one click away."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from components.drawing import alt_text, figures
from components.shell import data, layout
from components.shell.i18n import t, t_md
from data_access.filters import TrajectoryFilter
from domain import survival as sv
from domain.formatting import fmt_decimal, fmt_pct
from domain.literal import md
from domain.origin import Origin

PLOT_CONFIG = {"displaylogo": False}
# How a comparison is adjusted, by the strata domain.survival.STRATA_BY declares.
ADJUSTMENT_KEYS = {
    ("gemeente", "jaar"): ("correctie_gemeente_jaar", "binnen_strata"),
    ("gemeente",): ("correctie_gemeente", "binnen_gemeente"),
    ("jaar",): ("correctie_jaar", "binnen_jaar"),
}


def follow_up_until(f: TrajectoryFilter) -> date | None:
    """The date every compared trajectory has been followed to: the earliest "stand per" of the
    programmes in scope (a programme whose data stop earlier must not look slower), or the
    latest of all when no programme is chosen."""
    status = data.data_status().dropna(subset=["data_until"])
    ids = set(f.programme_ids)
    if f.partnership_ids:
        programmes = data.programmes()
        ids |= set(programmes.loc[programmes["partnership_id"].isin(f.partnership_ids), "id"])
    scoped = status[status["programme_id"].isin(ids)] if ids else status.iloc[0:0]
    if not scoped.empty:
        return scoped["data_until"].min()
    return status["data_until"].max() if not status.empty else None


def group_filter(f: TrajectoryFilter, dim: str, chosen: list) -> TrajectoryFilter:
    """Only the chosen groups are counted (years are already the filter's span)."""
    if dim == "aanbieder":
        return replace(f, provider_ids=tuple(chosen))
    if dim == "gemeente":
        return replace(f, area_codes=tuple(chosen))
    if dim == "programma":
        return replace(f, programme_ids=tuple(chosen))
    return f


def _compute(f: TrajectoryFilter, dim: str, chosen: tuple, until: date, threshold: int):
    rows = data.placement_months(group_filter(f, dim, list(chosen)), dim)
    rows = rows[rows["group"].isin(chosen)] if not rows.empty else rows
    return sv.compare_groups(rows, until, chosen, dim, threshold)


comparison_of = data.built(_compute)


def _interval(value: dict | None) -> str:
    if value is None:
        return t("tijd_tot_plaatsing.nog_niet")
    return t("tijd_tot_plaatsing.interval", waarde=fmt_pct(value["share"]),
             laag=fmt_pct(value["lower"]), hoog=fmt_pct(value["upper"]))  # fmt: skip


def _median(median: dict) -> str:
    def months(m: int | None) -> str:
        return t("tijd_tot_plaatsing.niet_bereikt") if m is None else str(m)

    if median["median"] is None:
        return t("tijd_tot_plaatsing.niet_bereikt")
    return t("tijd_tot_plaatsing.interval", waarde=months(median["median"]),
             laag=months(median["lower"]), hoog=months(median["upper"]))  # fmt: skip


def share_table(result: sv.Comparison, labels: dict) -> pd.DataFrame:
    """Per shown group: shares within 6 and 12 months and the median, each with its interval."""
    shown = [g for g in result.groups if g.shown]
    table = {t("kolom.groep"): [labels.get(g.group, str(g.group)) for g in shown]}
    for months in sv.SHARE_MONTHS:
        table[t("tijd_tot_plaatsing.binnen", maanden=months)] = [
            _interval(g.shares[months]) for g in shown
        ]
    table[t("tijd_tot_plaatsing.mediaan")] = [_median(g.median) for g in shown]
    return pd.DataFrame(table)


def _p(p: float | None) -> str:
    if p is None:
        return "–"
    return "< " + fmt_decimal(0.001, 3) if p < 0.001 else fmt_decimal(p, 3)


def figures_table(result: sv.Comparison, labels: dict) -> pd.DataFrame:
    """Per pair: the difference within 12 months, the test, its p-value before and after Holm."""
    within = ADJUSTMENT_KEYS.get(result.strata, (None, "binnen_niets"))[1]
    rows = []
    for pair in result.pairs:
        diff = pair.difference
        rows.append(
            {
                t("tijd_tot_plaatsing.kolom_paar"): (
                    f"{labels.get(pair.first, pair.first)} – {labels.get(pair.second, pair.second)}"
                ),
                t("tijd_tot_plaatsing.kolom_verschil"): (
                    t("tijd_tot_plaatsing.nog_niet")
                    if diff is None
                    else f"{fmt_decimal(diff['difference'] * 100, 0)} "
                    f"{t('tijd_tot_plaatsing.punten')} ({fmt_decimal(diff['lower'] * 100, 0)} "
                    f"… {fmt_decimal(diff['upper'] * 100, 0)})"
                ),
                t("tijd_tot_plaatsing.kolom_toets"): (
                    "–"
                    if pair.test["statistic"] is None
                    else fmt_decimal(pair.test["statistic"], 1)
                ),
                t("tijd_tot_plaatsing.kolom_p"): _p(pair.test["p"]),
                t("tijd_tot_plaatsing.kolom_p_holm", paren=len(result.pairs)): _p(pair.adjusted_p),
                t("tijd_tot_plaatsing.kolom_correctie"): t(
                    f"tijd_tot_plaatsing.{within if pair.test['stratified'] else 'binnen_niets'}"
                ),
            }
        )
    return pd.DataFrame(rows)


def render(
    f: TrajectoryFilter, dim: str, chosen: list, labels: dict, threshold: int, found: Origin
) -> None:
    st.subheader(t("tijd_tot_plaatsing.kop"))
    st.caption(t("tijd_tot_plaatsing.uitleg"))
    if f.placement_type:
        soort = t(f"trajecten.plaatsing_{f.placement_type}").lower()
        st.caption(t("tijd_tot_plaatsing.uitleg_soort", soort=soort))
    until = follow_up_until(f)
    if until is None:
        st.info(t("tijd_tot_plaatsing.geen_curven"))
        return
    result = comparison_of(f, dim, tuple(chosen), until, threshold)
    name = {g: labels.get(g, str(g)) for g in chosen}
    small = [name[g.group] for g in result.groups if not g.shown]
    if small:
        st.caption(t_md("tijd_tot_plaatsing.te_klein", namen=", ".join(small), drempel=threshold))
    curves = [(name[g.group], i, g.curve) for i, g in enumerate(result.groups) if g.shown]
    if not curves:
        st.info(t("tijd_tot_plaatsing.geen_curven"))
        return
    fig = figures.placement_curves(
        curves,
        t("tijd_tot_plaatsing.grafiek_titel"),
        (t("tijd_tot_plaatsing.as_maanden"), t("tijd_tot_plaatsing.as_deel")),
        t("tijd_tot_plaatsing.band"),
    )
    st.plotly_chart(fig, width="stretch", config=PLOT_CONFIG)
    shown = [g for g in result.groups if g.shown]
    st.caption(md(alt_text.placement_sentence([name[g.group] for g in shown],
                                              [g.shares[sv.HEADLINE_MONTHS] for g in shown])))  # fmt: skip
    table = share_table(result, labels)
    layout.plain_table(table)
    layout.table_downloads(table, f"tijd_tot_plaatsing_{dim}", key="dl_plaatsingsduur", found=found)
    verdicts(result, name)


def verdicts(result: sv.Comparison, name: dict) -> None:
    """One plain sentence per pair; how they were reached, and the figures in an expander."""
    verdict_lines(result, name)
    verdict_notes(result, name)


def verdict_lines(result: sv.Comparison, name: dict) -> None:
    """'Is het verschil echt?' and one plain sentence per pair."""
    if not result.pairs:
        return
    st.markdown("**" + t("tijd_tot_plaatsing.oordelen_kop") + "**")
    for pair in result.pairs:
        st.markdown(
            t_md(
                "tijd_tot_plaatsing.oordeel_regel",
                a=name[pair.first],
                b=name[pair.second],
                oordeel=t(sv.VERDICT_KEYS[pair.verdict]),
            )  # fmt: skip
        )


def verdict_notes(result: sv.Comparison, name: dict) -> None:
    """How the verdicts were reached (adjustment, test, what it cannot correct), and the figures
    behind them in an expander."""
    if not result.pairs:
        return
    key, _ = ADJUSTMENT_KEYS.get(result.strata, (None, None))
    notes = [t(f"tijd_tot_plaatsing.{key}")] if key else []
    plain = [
        f"{name[p.first]} – {name[p.second]}" for p in result.pairs if not p.test["stratified"]
    ]
    if key and plain:
        notes.append(t_md("tijd_tot_plaatsing.correctie_geen", paren=", ".join(plain)))
    notes += [t("tijd_tot_plaatsing.oordeel_uitleg"), t("tijd_tot_plaatsing.niet_gecorrigeerd")]
    st.caption(" ".join(notes))
    with st.expander(t("tijd_tot_plaatsing.cijfers_kop")):
        layout.plain_table(figures_table(result, {p: n for p, n in name.items()}))


def provider_comparison(partnership_id: int, year: int, threshold: int):
    """The providers of a partnership's programmes compared on time to placement, for the cohorts
    of `year` and the year before (one year alone has too little follow-up for 12 months).

    Returns (comparison, provider names, period text), or None without two providers."""
    from components.views.trajecten_controls import MAX_GROUPS

    programmes = data.programmes()
    ids = tuple(
        int(i) for i in programmes.loc[programmes["partnership_id"] == partnership_id, "id"]
    )
    providers = data.providers()
    providers = providers[providers["programme_id"].isin(ids)]
    names = {int(i): str(n) for i, n in zip(providers["id"], providers["name"], strict=True)}
    if len(names) < 2:
        return None
    f = TrajectoryFilter(date(year - 1, 1, 1), date(year, 12, 31), programme_ids=ids)
    until = follow_up_until(f)
    if until is None:
        return None
    chosen = tuple(sorted(names)[:MAX_GROUPS])
    period = t("trajecten.periode", van=str(year - 1), tot=str(year))
    return comparison_of(f, "aanbieder", chosen, until, threshold), names, period


def briefing_sentence(partnership_id: int, year: int, threshold: int) -> str:
    """One sentence for the briefing: the clearest real difference between providers, or that
    the differences may be chance; '' when providers cannot be compared within municipalities."""
    found = provider_comparison(partnership_id, year, threshold)
    if found is None:
        return ""
    result, names, period = found
    # Only pairs compared within the same municipalities and years: without that adjustment a
    # difference between providers may be one between municipalities.
    pairs = [p for p in result.pairs if p.test["stratified"] and p.verdict != sv.UNKNOWN]
    if not pairs:
        return ""
    real = sorted((p for p in pairs if p.verdict == sv.REAL), key=lambda p: p.adjusted_p)
    if not real:
        outcome = t("tijd_tot_plaatsing.briefing_toeval")
    else:
        best = real[0]
        share = {g.group: g.shares[sv.HEADLINE_MONTHS] for g in result.groups}
        outcome = t("tijd_tot_plaatsing.briefing_echt", a=names[best.first],
                    deel_a=_share(share[best.first]), b=names[best.second],
                    deel_b=_share(share[best.second]))  # fmt: skip
    return t("tijd_tot_plaatsing.briefing", periode=period, uitkomst=outcome)


def _share(value: dict | None) -> str:
    return fmt_pct(value["share"]) if value else t("tijd_tot_plaatsing.nog_niet")
