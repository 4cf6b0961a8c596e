"""Gemeente: one municipality's profile: its partnerships, programmes and figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, filters, layout
from components.guard import render_safely
from components.i18n import t
from domain import summary
from domain.formatting import fmt_date
from domain.partnership_map import programmes_by_area


def _to_sidebar() -> None:
    """Callback: the choice becomes the sidebar's municipality, so it is in the URL as well."""
    st.session_state["f_gemeente"] = st.session_state.get("gemeente_keuze")


def choose_municipality(sel: filters.Selection) -> str | None:
    areas = data.municipalities()
    names = dict(zip(areas["code"], areas["name"], strict=True))
    if sel.municipality:
        return sel.municipality
    st.info(t("gemeente.kies_uitleg"))
    return st.selectbox(
        t("filters.gemeente"), list(names), format_func=names.get, index=None,
        placeholder=t("kaart.kies_placeholder"), key="gemeente_keuze", on_change=_to_sidebar,
    )  # fmt: skip


def render() -> None:
    layout.header("gemeente")
    sel = filters.current()
    code = choose_municipality(sel)
    if code is None:
        return
    areas = data.municipalities(include_merged=True).set_index("code")
    area = areas.loc[code]
    st.header(f"{area['name']} ({code})")
    kind = t(f"gebied.{area['kind']}")
    st.caption(f"{kind} · {area['province'] if isinstance(area['province'], str) else ''}")
    merged = areas[(areas["current_code"] == code) & (areas.index != code)]
    for old_code, old in merged.iterrows():
        st.caption(
            t(
                "gemeente.samengevoegd",
                oud=old["name"],
                code=old_code,
                datum=fmt_date(old["valid_to"]),
            )
        )
    if area["kind"] == "openbaar_lichaam":
        st.caption(t("gemeente.openbaar_lichaam"))

    members = data.partnership_members()
    own = members[members["area_code"] == code]
    if own.empty:
        st.info(t("gemeente.geen_samenwerking", naam=area["name"]))
    else:
        st.subheader(t("gemeente.samenwerkingen_kop"))
        st.dataframe(
            pd.DataFrame(
                {
                    t("kolom.samenwerking"): own["partnership_name"],
                    t("kolom.soort"): [t(f"soort.{k}") for k in own["partnership_kind"]],
                    t("kolom.lid"): own["organisation_name"].fillna(own["area_name"]),
                    t("kolom.rol"): own["role"],
                }
            ),
            hide_index=True,
            width="stretch",
        )

    own_programmes = programmes_by_area(members, data.programmes()).get(code, [])
    if own_programmes:
        st.subheader(t("gemeente.programmas_kop"))
        st.markdown("\n".join(f"- {name}" for name in own_programmes))

    layout.fictional_notice()
    threshold = data.settings().suppress_below
    figures = data.yearly_figures(sel.year, (code,))
    figures = figures[figures["aangemeld"] + figures["geplaatst"] + figures["lopend"] > 0]
    st.subheader(t("gemeente.cijfers_kop", jaar=sel.year))
    if figures.empty:
        st.info(t("gemeente.geen_cijfers", naam=area["name"], jaar=sel.year))
        return
    # Tiles and table protected together: a tile minus the shown rows gives no hidden row away.
    columns = ("aangemeld", "gestart", "geplaatst", "duurzaam", "lopend")
    ledger = summary.rows_ledger(
        figures, ("aangemeld", "geplaatst", "duurzaam"), columns, threshold
    )
    layout.tiles(
        [
            (t("overzicht.aangemeld", jaar=sel.year), ledger.label(("tile", "aangemeld")), None),
            (t("overzicht.geplaatst", jaar=sel.year), ledger.label(("tile", "geplaatst")), None),
            (t("overzicht.duurzaam", jaar=sel.year), ledger.label(("tile", "duurzaam")), None),
        ]
    )
    names = data.programmes().set_index("id")["name"]
    table = pd.DataFrame(
        {
            t("kolom.programma"): [names[i] for i in figures["programme_id"]],
            **{
                t(f"kolom.{name}"): [
                    ledger.label(("row", name, int(p))) for p in figures["programme_id"]
                ]
                for name in columns
            },
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    layout.table_download(table, f"gemeente_{code}_{sel.year}", key="dl_gemeente")
    layout.data_date()
    layout.definitions()


render_safely(render)
