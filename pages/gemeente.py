"""Gemeente: the page a wethouder opens first: one municipality's public figures (CBS) beside its
region, province, the Netherlands and its peers, its partners on a map, the reach of its
programmes, and its partnerships."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.drawing import maps
from components.shell import auth, data, filters, layout, origin
from components.shell.filters import Selection
from components.shell.guard import render_safely
from components.shell.i18n import t, t_md
from components.views import context_view
from components.views.gemeente_view import (
    own_figures,
    own_programmes,
    reach_programmes,
    reach_rows,
)
from components.views.map_view import map_view
from domain import context as ctx
from domain.formatting import fmt_date
from domain.literal import md


def _to_sidebar() -> None:
    """Callback: the choice becomes the sidebar's municipality, so it is in the URL as well."""
    st.session_state["f_gemeente"] = st.session_state.get("gemeente_keuze")


def choose_municipality(sel: filters.Selection) -> str | None:
    """The chosen municipality, or the one the page opens on (never empty)."""
    areas = data.municipalities()
    names = dict(zip(areas["code"], areas["name"], strict=True))
    if sel.municipality:
        return sel.municipality
    user = auth.current_user()
    mine = tuple(sorted(int(i) for i in user.partnership_ids)) if user else ()
    code = _shared_opening(mine, sel.partnership)
    st.selectbox(
        t("gemeente.andere"), list(names), format_func=names.get,
        index=list(names).index(code) if code in names else None,
        key="gemeente_keuze", on_change=_to_sidebar,
    )  # fmt: skip
    return code


def _opening(user_partnership_ids: tuple[int, ...], partnership_code: str | None) -> str | None:
    """The municipality the page opens on (domain.context.opening_municipality), once per
    user's partnerships and chosen partnership, shared by every session."""
    codes = list(data.municipalities()["code"])
    return ctx.opening_municipality(
        data.partnership_members(), data.context_figures(), codes, user_partnership_ids,
        partnership_code,
    )  # fmt: skip


_shared_opening = data.built(_opening)


def heading(code: str, areas: pd.DataFrame, region: pd.Series | None) -> None:
    area = areas.loc[code]
    st.header(md(f"{area['name']} ({code})"))
    parts = [t(f"gebied.{area['kind']}")]
    if isinstance(area["province"], str):
        parts.append(t_md("gemeente.provincie", naam=area["province"]))
    if region is not None:
        parts.append(t_md("gemeente.regio", naam=region["partnership_name"]))
    st.caption(" · ".join(parts))
    merged = areas[(areas["current_code"] == code) & (areas.index != code)]
    for old_code, old in merged.iterrows():
        st.caption(
            t_md(
                "gemeente.samengevoegd",
                oud=old["name"],
                code=old_code,
                datum=fmt_date(old["valid_to"]),
            )
        )
    if area["kind"] == "openbaar_lichaam":
        st.caption(t("gemeente.openbaar_lichaam"))


def public_figures(code: str, areas: pd.DataFrame, region: pd.Series | None) -> None:
    st.subheader(t("context.kop"))
    region_id, region_name = (
        (None, None)
        if region is None
        else (int(region["partnership_id"]), region["partnership_name"])
    )
    profile = _shared_profile(code, region_id, region_name)
    if profile is None:
        st.info(t_md("context.geen_cijfers", naam=areas.loc[code, "name"]))
        return
    context_view.draw_tiles(profile.tiles, profile.source)
    st.markdown(f"**{t('context.vergelijking_kop')}**")
    st.caption(t("context.vergelijking_uitleg", aantal=ctx.PEER_COUNT))
    layout.plain_table(profile.comparison)
    layout.table_download(profile.comparison, f"gemeente_{code}_context", key="dl_gemeente_context")


def _profile(
    code: str, region_id: int | None, region_name: str | None
) -> context_view.Profile | None:
    """The municipality's CBS profile and its comparison with region, province, the Netherlands
    and peers: built once per municipality and language, shared by every session."""
    areas = data.municipalities(include_merged=True).set_index("code")
    members = data.partnership_members()
    figures = data.context_figures()
    years = ctx.profile_years(figures)
    current = areas[areas.index == areas["current_code"]]
    names = dict(zip(current.index, current["name"], strict=True))
    groups = []
    if region_id is not None:
        codes = members[members["partnership_id"] == region_id]["area_code"]
        groups.append((region_name, list(codes)))
    province = areas.loc[code, "province"]
    if isinstance(province, str):
        codes = current[(current["province"] == province) & (current["kind"] == "gemeente")]
        groups.append((t("gemeente.provincie", naam=province), list(codes.index)))
    groups.append((t("context.nederland"), list(current[current["kind"] == "gemeente"].index)))
    return context_view.profile(figures, code, names, groups, years, areas.reset_index())


_shared_profile = data.built(_profile)


# maps.FRAMES: the partner maps' sizes, their views fitted to the whole country and the islands.
MAP_FRAME = "gemeente"


def partner_map(code: str, own: pd.DataFrame, year: int) -> None:
    ids = tuple(sorted({int(i) for i in own["partnership_id"]}))
    if not ids:
        return
    st.subheader(t("gemeente.kaart_kop"))
    view = map_view(year, ids, frame=MAP_FRAME)
    sizes = maps.FRAMES[MAP_FRAME]
    height = sizes["nederland"][1]
    # As on Presentatie's slide 1: the islands beside the country when a partner lies there.
    caribbean = (view.members["lat"] < maps.CARIBBEAN_LATITUDE).any()
    main, inset = (
        st.columns([w for w, _ in sizes.values()]) if caribbean else (st.container(), None)
    )
    with main:
        st.pydeck_chart(view.decks["nederland"], height=height, width="stretch",
                        key="gemeente_kaart")  # fmt: skip
    if inset is not None:
        with inset:
            st.pydeck_chart(view.decks["caribisch"], height=height, width="stretch",
                            key="gemeente_kaart_c")  # fmt: skip
    st.caption(
        t_md("gemeente.kaart_uitleg", namen=", ".join(dict.fromkeys(own["partnership_name"])))
    )


def reach(code: str, name: str, year: int) -> None:
    found = origin.of(programme_ids=reach_programmes(code))
    context_view.show_reach(reach_rows(code, name, year, data.settings().suppress_below), found)


def partnerships_table(own: pd.DataFrame, name: str) -> None:
    if own.empty:
        st.info(t_md("gemeente.geen_samenwerking", naam=name))
        return
    st.subheader(t("gemeente.samenwerkingen_kop"))
    layout.plain_table(
        pd.DataFrame(
            {
                t("kolom.samenwerking"): own["partnership_name"],
                t("kolom.soort"): [t(f"soort.{k}") for k in own["partnership_kind"]],
                t("kolom.rol"): own["role"],
            }
        )
    )


def trajectory_figures(code: str, name: str, year: int) -> None:
    st.subheader(t("gemeente.cijfers_kop", jaar=year))
    found = layout.fictional_notice(Selection(year, municipality=code))
    built = own_figures(code, year, data.settings().suppress_below)
    if built is None:
        st.info(t_md("gemeente.geen_cijfers", naam=name, jaar=year))
        return
    layout.tiles(list(built.tiles))
    layout.plain_table(built.table)
    if built.legend:
        st.caption(md(built.legend))
    layout.table_download(built.table, f"gemeente_{code}_{year}", key="dl_gemeente", found=found)


def render() -> None:
    layout.header("gemeente")
    sel = filters.current()
    members = data.partnership_members()
    code = choose_municipality(sel)
    if code is None:
        st.info(t("gemeente.kies_uitleg"))
        return
    areas = data.municipalities(include_merged=True).set_index("code")
    name = areas.loc[code, "name"]
    own = members[members["area_code"] == code]
    regions = own[own["partnership_kind"] == maps.REGION_KIND]
    region = regions.iloc[0] if not regions.empty else None
    heading(code, areas, region)
    public_figures(code, areas, region)
    partner_map(code, own, sel.year)
    reach(code, name, sel.year)
    partnerships_table(own, name)
    programmes = own_programmes(code)
    if programmes:
        st.subheader(t("gemeente.programmas_kop"))
        st.markdown("\n".join(f"- {md(p)}" for p in programmes))
    trajectory_figures(code, name, sel.year)
    layout.data_date()
    layout.definitions()


render_safely(render)
