"""The Trajecten page's own filters and comparison control, kept in the URL as plain values."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date

import streamlit as st

from components.shell import data
from components.shell.filters import from_url, list_from_url, list_to_url, relabelled, to_url
from components.shell.i18n import t
from data_access.filters import TrajectoryFilter
from domain import formatting

# Widget key -> query parameter. A coordinator's link reopens the same view.
PARAMS = {
    "t_van": "van",
    "t_tot": "tot",
    "t_aanbieder": "aanbieder",
    "t_plaatsing": "plaatsing",
    "t_vergelijk": "vergelijk",
}
GROUPS_KEY, GROUPS_PARAM = "t_groepen", "groepen"
DIMENSIONS = ("aanbieder", "gemeente", "jaar", "programma")
PLACEMENT_TYPES = ("werk", "opleiding")
# Two to four groups side by side: more than four funnels no longer read at a glance.
MAX_GROUPS = 4
# The Holland Rijnland joint purchase exists to learn which provider's method works.
HR_PROGRAMME = "HR-INKOOP"


@dataclass(frozen=True)
class PageFilters:
    registered_from: date
    registered_to: date
    provider_id: int | None
    placement_type: str | None


def month_options(first_year: int, last_year: int) -> list[str]:
    return [f"{y}-{m:02d}" for y in range(first_year, last_year + 1) for m in range(1, 13)]


def month_name(month: str) -> str:
    """'2024-01' -> 'januari 2024' (in English 'January 2024')."""
    year, number = month.split("-")
    return f"{formatting.month_name(int(number))} {year}"


def month_bounds(first: str, last: str) -> tuple[date, date]:
    """'2024-01', '2024-12' -> 1 January 2024, 31 December 2024 (swapped if given backwards)."""
    first, last = sorted((first, last))
    y1, m1 = (int(x) for x in first.split("-"))
    y2, m2 = (int(x) for x in last.split("-"))
    return date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])


def provider_names(programme_ids: tuple[int, ...]) -> dict[int, str]:
    providers = data.providers()
    if programme_ids:
        providers = providers[providers["programme_id"].isin(programme_ids)]
    return {int(i): n for i, n in zip(providers["id"], providers["name"], strict=True)}


def page_filters(year: int, programme_ids: tuple[int, ...]) -> PageFilters:
    """Period, provider and placement type, drawn in one row above the charts."""
    span = data.year_range() or (year, year)
    months = month_options(min(span[0], year), max(span[1], year))
    for key in ("t_van", "t_tot"):
        from_url(key, PARAMS[key], months)
    # A new year in the sidebar resets the period to that year; a link's own period is kept.
    if (
        st.session_state.get("t_periode_jaar") not in (None, year)
        or "t_van" not in st.session_state
    ):
        st.session_state["t_van"] = f"{year}-01"
    if (
        st.session_state.get("t_periode_jaar") not in (None, year)
        or "t_tot" not in st.session_state
    ):
        st.session_state["t_tot"] = f"{year}-12"
    st.session_state["t_periode_jaar"] = year

    names = provider_names(programme_ids)
    p_options = [None, *names]
    from_url("t_aanbieder", PARAMS["t_aanbieder"], p_options, int)
    if st.session_state.get("t_aanbieder") not in p_options:
        st.session_state["t_aanbieder"] = None
    types = [None, *PLACEMENT_TYPES]
    from_url("t_plaatsing", PARAMS["t_plaatsing"], types)

    c1, c2, c3, c4 = st.columns(4)
    first = c1.selectbox(
        t("trajecten.van"), months, key=relabelled("t_van"), format_func=month_name
    )
    last = c2.selectbox(t("trajecten.tot"), months, key=relabelled("t_tot"), format_func=month_name)
    provider = c3.selectbox(
        t("trajecten.aanbieder"),
        p_options,
        key=relabelled("t_aanbieder"),
        placeholder=t("filters.alle"),
        format_func=lambda i: t("filters.alle") if i is None else names[i],
    )
    placement = c4.selectbox(
        t("trajecten.plaatsing"),
        types,
        key=relabelled("t_plaatsing"),
        placeholder=t("trajecten.plaatsing_alle"),
        format_func=lambda v: t(f"trajecten.plaatsing_{v or 'alle'}"),
    )
    for key, param in PARAMS.items():
        if key not in ("t_vergelijk",):
            to_url(key, param)
    start, end = month_bounds(first, last)
    return PageFilters(start, end, provider, placement)


def _apply_hr_preset(partnership_code: str | None, provider_ids: list[int]) -> None:
    # A button callback runs before the widgets are drawn, so it may set their state.
    st.session_state["f_samenwerking"] = partnership_code
    st.session_state["f_programma"] = HR_PROGRAMME
    st.session_state["f_gemeente"] = None
    st.session_state["t_aanbieder"] = None
    st.session_state["t_plaatsing"] = None
    st.session_state["t_vergelijk"] = "aanbieder"
    st.session_state["t_vergelijk_vorige"] = "aanbieder"
    st.session_state[GROUPS_KEY] = provider_ids[:MAX_GROUPS]


def hr_preset_button() -> None:
    """One click to compare the three Holland Rijnland providers."""
    programmes = data.programmes()
    hr = programmes[programmes["code"] == HR_PROGRAMME]
    if hr.empty:
        return
    partnerships = data.partnerships()
    pid = hr["partnership_id"].iloc[0]
    code = partnerships.loc[partnerships["id"] == pid, "code"]
    providers = sorted(provider_names((int(hr["id"].iloc[0]),)))
    st.button(
        t("trajecten.hr_knop"),
        on_click=_apply_hr_preset,
        args=(None if code.empty else str(code.iloc[0]), providers),
        icon=":material/compare_arrows:",
        key="t_hr_knop",
    )


def dimension() -> str | None:
    """The dimension to compare, or None for no comparison."""
    options = [None, *DIMENSIONS]
    from_url("t_vergelijk", PARAMS["t_vergelijk"], options)
    choice = st.selectbox(
        t("trajecten.vergelijk"),
        options,
        key=relabelled("t_vergelijk"),
        placeholder=t("trajecten.dimensie_geen"),
        format_func=lambda d: t(f"trajecten.dimensie_{d or 'geen'}"),
    )
    to_url("t_vergelijk", PARAMS["t_vergelijk"])
    return choice


def groups(dim: str, available: list, labels: dict, default: list) -> list:
    """Pick two to four groups of `dim` among `available` (those with registrations)."""
    options = [g for g in available if g is not None and g in labels]
    list_from_url(GROUPS_KEY, GROUPS_PARAM, options)
    if st.session_state.get("t_vergelijk_vorige") != dim:
        if (
            st.session_state.get("t_vergelijk_vorige") is not None
            or GROUPS_KEY not in st.session_state
        ):
            st.session_state[GROUPS_KEY] = [g for g in default if g in options][:MAX_GROUPS]
        st.session_state["t_vergelijk_vorige"] = dim
    st.session_state[GROUPS_KEY] = [g for g in st.session_state.get(GROUPS_KEY, []) if g in options]
    chosen = st.multiselect(
        t("trajecten.groepen"),
        options,
        key=relabelled(GROUPS_KEY),
        max_selections=MAX_GROUPS,
        placeholder=t("trajecten.kies_placeholder"),
        format_func=lambda g: labels.get(g, str(g)),
    )
    list_to_url(GROUPS_KEY, GROUPS_PARAM)
    return chosen


def group_labels(dim: str) -> dict:
    """Names of the groups of a dimension (years are their own names)."""
    if dim == "aanbieder":
        return provider_names(())
    if dim == "gemeente":
        m = data.municipalities()
        return dict(zip(m["code"], m["name"], strict=True))
    p = data.programmes()
    return {int(i): n for i, n in zip(p["id"], p["name"], strict=True)}


def without_dimension(f: TrajectoryFilter, dim: str) -> TrajectoryFilter:
    """The compared dimension is not also a filter, or there would be only one group to see."""
    if dim == "aanbieder":
        return replace(f, provider_ids=())
    if dim == "gemeente":
        return replace(f, area_codes=())
    if dim == "programma":
        return replace(f, programme_ids=())
    return f
