"""Kaart's partnerships for a choice of filters, and the table of their members, built once per
choice and language and shared by the sessions (data.built)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.drawing import alt_text
from components.shell import data
from components.shell.i18n import t
from domain import partnership_map as pm
from domain.formatting import fmt_date


def member_table(members: pd.DataFrame, partnerships: pd.DataFrame) -> pd.DataFrame:
    """One row per member: partnership, kind, start date, member, municipality, role, source."""
    p = partnerships.set_index("id")
    source = {
        i: f"{r.source_title} ({r.source_publisher}, {fmt_date(r.source_date)})"
        if isinstance(r.source_title, str)
        else "–"
        for i, r in p.iterrows()
    }
    return pd.DataFrame(
        {
            t("kolom.samenwerking"): members["partnership_name"],
            t("kolom.soort"): [t(f"soort.{k}") for k in members["partnership_kind"]],
            t("kolom.sinds"): [fmt_date(p.loc[i, "start_date"]) for i in members["partnership_id"]],
            t("kolom.lid"): members["organisation_name"].fillna(members["area_name"]),
            t("kolom.gemeente"): members["area_name"].fillna("–"),
            t("kolom.rol"): members["role"],
            t("kolom.bron"): [source[i] for i in members["partnership_id"]],
        }
    )


def _shown_partnerships(
    code: str | None, kind: str | None, year: int, province: str | None, programme: str | None
) -> pd.DataFrame:
    return pm.filter_partnerships(
        data.partnerships(), data.partnership_members(), data.programmes(), code=code,
        kind=kind, year=year, province=province, programme=programme,
    )  # fmt: skip


@dataclass(frozen=True)
class Listing:
    sentence: str  # the map's text alternative: who works with whom
    table: pd.DataFrame  # member_table


def _member_listing(ids: tuple[int, ...]) -> Listing:
    members = data.partnership_members(ids)
    return Listing(alt_text.map_sentence(members), member_table(members, data.partnerships()))


# Built once per choice and language and shared by the sessions (data.built): a cached run of
# the page only draws them. Callers must not change what they get.
shown_partnerships = data.built(_shown_partnerships)
member_listing = data.built(_member_listing)
