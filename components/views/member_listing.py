"""Kaart's partnerships for a choice of filters, and the table of their members, built once per
choice and language and shared by the sessions (data.built)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from components.drawing import alt_text
from components.shell import data
from components.shell.i18n import t
from domain import partnership_map as pm
from domain.context import REGION_KIND
from domain.formatting import fmt_date
from domain.literal import md
from domain.sources import entry as source_entry


def member_table(members: pd.DataFrame, partnerships: pd.DataFrame) -> pd.DataFrame:
    """One row per member: partnership, kind, start date, member, municipality, role, source (by
    its title, publisher and date as far as they were recorded)."""
    p = partnerships.set_index("id")
    source = {
        i: source_entry(
            r.source_title,
            r.source_publisher,
            fmt_date(r.source_date) if pd.notna(r.source_date) else "",
        )
        if isinstance(r.source_title, str)
        else "–"
        for i, r in p.iterrows()
    }
    return pd.DataFrame(
        {
            t("kolom.samenwerking"): members["partnership_name"],
            t("kolom.soort"): [t(f"soort.{k}") for k in members["partnership_kind"]],
            t("kolom.sinds"): [fmt_date(p.loc[i, "start_date"]) for i in members["partnership_id"]],
            # The member as recorded (Noordwijkerhout), beside the municipality it is part of
            # today (Noordwijk).
            t("kolom.lid"): members["organisation_name"]
            .fillna(members["delivered_area_name"])
            .fillna(members["area_name"]),
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


def case_lines(table: pd.DataFrame) -> tuple[str, ...]:
    """Under the cases' members on screen, one Markdown line per partnership: its kind, since
    when, and its source, which member_table repeats on every row of the partnership."""
    columns = [t(f"kolom.{k}") for k in ("samenwerking", "soort", "sinds", "bron")]
    firsts = table[columns].drop_duplicates(subset=columns[0])
    return tuple(
        t("kaart.samenwerking_regel", naam=md(name), soort=md(kind), sinds=since, bron=md(source))
        for name, kind, since, source in firsts.itertuples(index=False, name=None)
    )


def shared_line(table: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, str]:
    """The table without those of `columns` that hold one value in every row, and a Markdown
    line that names them with their value (every region row has the same kind, role and source)."""
    shared = [c for c in columns if table[c].nunique(dropna=False) == 1]
    line = "; ".join(f"{md(c)}: {md(table[c].iloc[0])}" for c in shared)
    return table.drop(columns=shared), line


@dataclass(frozen=True)
class Listing:
    """Kaart's table of members: whole for the download, in two parts on screen that fit a
    laptop (1280 px, the sidebar open), the partnership's own facts (kind, start, source) under
    them rather than in a column on every row."""

    sentence: str  # the map's text alternative: who works with whom
    table: pd.DataFrame  # member_table: every row and column, as the download holds them
    cases: pd.DataFrame  # on screen: the cases' members (partnership, member, municipality, role)
    case_lines: tuple[str, ...]  # under them: each case's kind, start and source
    regions: pd.DataFrame  # on screen, folded: the labour-market regions' municipalities
    regions_line: str  # under them: what every region row shares (kind, start, role, source)


def split_table(table: pd.DataFrame, kinds: pd.Series) -> Listing:
    """member_table's rows of the cases and of the regions (`kinds`: each row's partnership kind)
    as the screen shows them; the sentence is left empty."""
    name, member, area = (t(f"kolom.{k}") for k in ("samenwerking", "lid", "gemeente"))
    region = (kinds == REGION_KIND).to_numpy()
    cases, regions = table[~region], table[region]
    shown_cases = cases[[name, member, area, t("kolom.rol")]]
    if (regions[member] == regions[area]).all():  # a region's members are its municipalities
        regions = regions.drop(columns=[member])
    others = [t(f"kolom.{k}") for k in ("soort", "sinds", "rol", "bron")]
    shown_regions, line = shared_line(regions, others)
    return Listing("", table, shown_cases.reset_index(drop=True), case_lines(cases),
                   shown_regions.reset_index(drop=True), line)  # fmt: skip


def _member_listing(ids: tuple[int, ...]) -> Listing:
    members = data.partnership_members(ids)
    listing = split_table(member_table(members, data.partnerships()), members["partnership_kind"])
    return replace(listing, sentence=alt_text.map_sentence(members))


# Built once per choice and language and shared by the sessions (data.built): a cached run of
# the page only draws them. Callers must not change what they get.
shown_partnerships = data.built(_shown_partnerships)
member_listing = data.built(_member_listing)
