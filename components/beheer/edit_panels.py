"""Beheer forms: partnerships with their members and source, programmes, and targets.

The forms only collect values; data_access.editing validates, checks the role and writes the audit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell import data
from components.shell.i18n import t
from data_access import editing
from data_access.schema import PARTNERSHIP_KINDS, TARGET_METRICS
from domain.formatting import fmt_date, fmt_int
from domain.roles import ADMIN, NotAllowed, User, may_write_for

NEW = -1  # the "new ..." choice in a selectbox of existing rows


def _attempt(action, done: str) -> None:
    try:
        action()
    except (editing.Invalid, NotAllowed) as exc:
        st.error(str(exc))
        return
    data.clear()
    st.success(done)


def _value(row, column, default=None):
    if row is None:
        return default
    value = row[column]
    return default if value is None or value != value else value


def partnership_panel(user: User) -> None:
    partnerships = data.partnerships()
    allowed = [int(i) for i in partnerships["id"] if may_write_for(user, {int(i)})]
    options = ([NEW] if user.role == ADMIN else []) + allowed
    if not options:
        st.info(t("bewerken.geen_rechten"))
        return
    names = dict(zip(partnerships["id"], partnerships["name"], strict=True))
    chosen = st.selectbox(
        t("kolom.samenwerking"), options, key="bewerk_samenwerking",
        format_func=lambda i: t("bewerken.nieuwe_samenwerking") if i == NEW else names[i],
    )  # fmt: skip
    row = None if chosen == NEW else partnerships.set_index("id").loc[chosen]
    with st.form(f"samenwerking_{chosen}"):
        code = st.text_input(t("bewerken.code"), _value(row, "code", ""))
        name = st.text_input(t("bewerken.naam"), _value(row, "name", ""))
        kinds = list(PARTNERSHIP_KINDS)
        kind = st.selectbox(
            t("kolom.soort"), kinds, index=kinds.index(_value(row, "kind", kinds[0])),
            format_func=lambda k: t(f"soort.{k}"),
        )  # fmt: skip
        c1, c2, c3 = st.columns(3)
        start = c1.date_input(t("bewerken.begin"), _value(row, "start_date"), format="DD-MM-YYYY")
        end = c2.date_input(t("bewerken.einde"), _value(row, "end_date"), format="DD-MM-YYYY")
        signed = c3.date_input(
            t("bewerken.getekend"), _value(row, "signed_on"), format="DD-MM-YYYY"
        )
        description = st.text_area(t("bewerken.omschrijving"), _value(row, "description", ""))
        st.caption(t("bewerken.bron_uitleg"))
        s1, s2, s3 = st.columns([3, 2, 1])
        title = s1.text_input(t("kolom.titel"), _value(row, "source_title", ""))
        publisher = s2.text_input(t("kolom.uitgever"), _value(row, "source_publisher", ""))
        source_date = s3.date_input(
            t("kolom.datum"), _value(row, "source_date"), format="DD-MM-YYYY"
        )
        if st.form_submit_button(t("beheer.opslaan"), type="primary"):
            form = editing.PartnershipForm(
                code, name, kind, start, end, signed, description, title, publisher, source_date
            )
            _attempt(
                lambda: editing.save_partnership(
                    data.engine(), user, form, None if chosen == NEW else chosen
                ),
                t("beheer.opgeslagen"),
            )
    if chosen != NEW:
        members_editor(user, chosen)
        programme_panel(user, chosen)


def members_editor(user: User, partnership_id: int) -> None:
    st.markdown(f"**{t('bewerken.deelnemers')}**")
    members = data.partnership_members((partnership_id,))
    areas = data.municipalities(include_merged=True)
    area_label = {c: f"{n} ({c})" for c, n in zip(areas["code"], areas["name"], strict=True)}
    label_area = {v: k for k, v in area_label.items()}
    table = pd.DataFrame(
        {
            "gemeente": [
                None if isinstance(o, str) else area_label.get(c)
                for c, o in zip(
                    members["member_area_code"], members["organisation_name"], strict=True
                )
            ],
            "organisatie": members["organisation_name"].fillna(""),
            "rol": members["role"],
        }
    )
    edited = st.data_editor(
        table,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"leden_{partnership_id}",
        column_config={
            "gemeente": st.column_config.SelectboxColumn(
                t("kolom.gemeente"), options=list(label_area)
            ),
            "organisatie": st.column_config.TextColumn(t("bewerken.organisatie"), disabled=True),
            "rol": st.column_config.TextColumn(t("kolom.rol"), required=True),
        },
    )
    if st.button(t("bewerken.deelnemers_opslaan"), key=f"leden_opslaan_{partnership_id}"):
        org_ids = _organisation_ids(partnership_id)
        rows = [
            (
                label_area.get(r.gemeente) if isinstance(r.gemeente, str) else None,
                org_ids.get(r.organisatie) if r.organisatie else None,
                r.rol if isinstance(r.rol, str) else "",
            )
            for r in edited.itertuples()
        ]
        _attempt(
            lambda: editing.set_members(data.engine(), user, partnership_id, rows),
            t("beheer.opgeslagen"),
        )


def _organisation_ids(partnership_id: int) -> dict[str, int]:
    return editing.organisation_ids(data.engine(), partnership_id)


def programme_panel(user: User, partnership_id: int) -> None:
    st.markdown(f"**{t('bewerken.programmas')}**")
    programmes = data.programmes()
    own = programmes[programmes["partnership_id"] == partnership_id]
    names = dict(zip(own["id"], own["name"], strict=True))
    chosen = st.selectbox(
        t("kolom.programma"), [*names, NEW], key=f"bewerk_programma_{partnership_id}",
        format_func=lambda i: t("bewerken.nieuw_programma") if i == NEW else names[i],
    )  # fmt: skip
    row = None if chosen == NEW else own.set_index("id").loc[chosen]
    with st.form(f"programma_{chosen}_{partnership_id}"):
        code = st.text_input(t("bewerken.code"), _value(row, "code", ""))
        name = st.text_input(t("bewerken.naam"), _value(row, "name", ""))
        group = st.text_input(t("bewerken.doelgroep"), _value(row, "target_group", ""))
        c1, c2 = st.columns(2)
        start = c1.date_input(t("bewerken.begin"), _value(row, "start_date"), format="DD-MM-YYYY")
        end = c2.date_input(t("bewerken.einde"), _value(row, "end_date"), format="DD-MM-YYYY")
        description = st.text_area(t("bewerken.omschrijving"), _value(row, "description", ""))
        if st.form_submit_button(t("beheer.opslaan"), type="primary"):
            form = editing.ProgrammeForm(code, name, partnership_id, start, end, group, description)
            _attempt(
                lambda: editing.save_programme(
                    data.engine(), user, form, None if chosen == NEW else chosen
                ),
                t("beheer.opgeslagen"),
            )
    if chosen != NEW:
        targets_panel(user, int(chosen))


def targets_panel(user: User, programme_id: int) -> None:
    st.markdown(f"**{t('bewerken.doelen')}**")
    targets = data.targets((programme_id,))
    areas = data.municipalities()
    area_names = dict(zip(areas["code"], areas["name"], strict=True))
    if not targets.empty:
        st.dataframe(
            pd.DataFrame(
                {
                    t("kolom.nummer"): targets["id"],
                    t("kolom.metriek"): [t(f"metriek.{m}") for m in targets["metric"]],
                    t("kolom.doel"): [fmt_int(v) for v in targets["value"]],
                    t("kolom.periode"): [
                        f"{fmt_date(a)} – {fmt_date(b)}"
                        for a, b in zip(targets["period_start"], targets["period_end"], strict=True)
                    ],
                    t("kolom.gemeente"): [area_names.get(c, "–") for c in targets["area_code"]],
                    t("bewerken.omschrijving"): targets["label"],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    with st.form(f"doel_{programme_id}", clear_on_submit=True):
        metric = st.selectbox(
            t("kolom.metriek"), TARGET_METRICS, format_func=lambda m: t(f"metriek.{m}")
        )
        value = st.number_input(t("kolom.doel"), min_value=None, value=None, step=1)
        c1, c2 = st.columns(2)
        start = c1.date_input(t("bewerken.begin"), None, format="DD-MM-YYYY")
        end = c2.date_input(t("bewerken.einde"), None, format="DD-MM-YYYY")
        label = st.text_input(t("bewerken.omschrijving"))
        area_code = st.selectbox(
            t("kolom.gemeente"), [None, *area_names],
            format_func=lambda c: t("bewerken.hele_programma") if c is None else area_names[c],
        )  # fmt: skip
        if st.form_submit_button(t("bewerken.doel_toevoegen"), type="primary"):
            form = editing.TargetForm(
                programme_id, metric, None if value is None else int(value), start, end, label,
                area_code,
            )  # fmt: skip
            _attempt(lambda: editing.save_target(data.engine(), user, form), t("beheer.opgeslagen"))
    if not targets.empty:
        with st.form(f"doel_weg_{programme_id}"):
            target_id = st.selectbox(t("bewerken.doel_kiezen"), list(targets["id"]))
            if st.form_submit_button(t("bewerken.doel_verwijderen")):
                _attempt(
                    lambda: editing.delete_target(data.engine(), user, int(target_id)),
                    t("beheer.opgeslagen"),
                )
