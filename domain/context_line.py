"""The context line of a partnership: how many people live in its member municipalities and how
many of them receive bijstand (real CBS figures), with the year and the source, and which members
CBS publishes nothing for (Bonaire). One sentence, built here for Overzicht, Briefing (page and
PDF) and Presentatie alike.

Also which partnerships are the monitor's own cases and which are the 35 arbeidsmarktregio's:
the regions have members and public figures, but no programmes or trajectories.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from domain.context import REGION_KIND, partnership_context
from domain.formatting import fmt_decimal, fmt_int
from domain.texts import t

LINE_MEASURES = ("inwoners", "bijstand")


def is_region(kind: object) -> bool:
    return kind == REGION_KIND


def cases(partnerships: pd.DataFrame) -> pd.DataFrame:
    """The partnerships that carry programmes and trajectories: every kind but the regions."""
    return partnerships[partnerships["kind"] != REGION_KIND]


def regions(partnerships: pd.DataFrame) -> pd.DataFrame:
    return partnerships[partnerships["kind"] == REGION_KIND]


def _line_figures(figures: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Only the rows a line can use (its two measures, the members'): filtered once, not per line."""
    keep = figures["measure"].isin(LINE_MEASURES) & figures["area_code"].isin(
        set(areas["area_code"])
    )
    return figures[keep]


def _sources(figures: pd.DataFrame, codes: list[str], ctx: Mapping) -> str:
    """'CBS, Kerncijfers wijken en buurten 2024': the publisher and title of every source the
    line's figures come from, in the order of the measures."""
    found: dict[str, None] = {}
    for measure in LINE_MEASURES:
        year = ctx[f"{measure}_jaar"]
        rows = figures[
            (figures["measure"] == measure)
            & (figures["year"] == year)
            & (figures["area_code"].isin(codes))
        ]
        for publisher, title in zip(rows["source_publisher"], rows["source_title"], strict=True):
            found[f"{publisher}, {title}"] = None
    return "; ".join(found)


def context_line(
    figures: pd.DataFrame, codes: Iterable[str], names: Mapping[str, str], name: str | None = None
) -> str:
    """The context sentence of the municipalities `codes` (a partnership's members).

    `figures`: context figures as data_access.context.context_figures returns them (with
    source_title and source_publisher). `names`: code -> name, to name the members without CBS
    figures. With `name`, the sentence starts with it ('Twinning Bonaire – Leiden: ...').
    A member without figures is named as such, never counted as 0."""
    codes = [c for c in dict.fromkeys(codes) if isinstance(c, str)]
    ctx = partnership_context(figures, codes)
    parts: list[str] = []
    if ctx["inwoners"] is not None and ctx["bijstand"] is not None:
        if ctx["inwoners_jaar"] == ctx["bijstand_jaar"]:
            parts.append(
                t("context_regel.zin", inwoners=fmt_int(ctx["inwoners"]),
                  bijstand=fmt_int(ctx["bijstand"]), jaar=ctx["bijstand_jaar"],
                  per_1000=fmt_decimal(ctx["per_1000"], 1))
            )  # fmt: skip
        else:
            parts.append(
                t("context_regel.zin_twee_jaren", inwoners=fmt_int(ctx["inwoners"]),
                  jaar_inwoners=ctx["inwoners_jaar"], bijstand=fmt_int(ctx["bijstand"]),
                  jaar_bijstand=ctx["bijstand_jaar"])
            )  # fmt: skip
    elif ctx["inwoners"] is not None:
        parts.append(
            t("context_regel.alleen_inwoners", inwoners=fmt_int(ctx["inwoners"]),
              jaar=ctx["inwoners_jaar"])
        )  # fmt: skip
    missing = [names.get(c, c) for c in ctx["zonder"]]
    if missing:
        parts.append(t("context_regel.zonder", namen=", ".join(missing)))
    sources = _sources(figures, codes, ctx)
    if sources:
        parts.append(t("context_regel.bron", bronnen=sources))
    sentence = " ".join(parts)
    return f"{name}: {sentence}" if name else sentence


def partnership_lines(
    figures: pd.DataFrame, members: pd.DataFrame, partnerships: pd.DataFrame, named: bool = True
) -> list[tuple[str, str]]:
    """(partnership name, context line) for each of `partnerships`, in their order.

    `members`: partnership members (partnership_id, member_type, area_code, area_name), as
    data_access.queries.partnership_members returns them."""
    areas = members[members["member_type"] == "gemeente"].dropna(subset=["area_code"])
    names = dict(zip(areas["area_code"], areas["area_name"], strict=False))
    figures = _line_figures(figures, areas)
    lines = []
    for p in partnerships.itertuples():
        codes = list(areas.loc[areas["partnership_id"] == p.id, "area_code"])
        lines.append((str(p.name), context_line(figures, codes, names, p.name if named else None)))
    return lines


def partnership_figures(
    figures: pd.DataFrame, members: pd.DataFrame, partnerships: pd.DataFrame
) -> pd.DataFrame:
    """The context figures of each of `partnerships`, one row each, in their order.

    Columns: id, name, municipalities (member municipalities), inwoners, inwoners_jaar,
    bijstand, bijstand_jaar, per_1000, zonder (codes without CBS figures). Missing stays None."""
    areas = members[members["member_type"] == "gemeente"].dropna(subset=["area_code"])
    figures = _line_figures(figures, areas)
    rows = []
    for p in partnerships.itertuples():
        codes = list(dict.fromkeys(areas.loc[areas["partnership_id"] == p.id, "area_code"]))
        rows.append({"id": p.id, "name": p.name, "municipalities": len(codes)}
                    | partnership_context(figures, codes))  # fmt: skip
    columns = ["id", "name", "municipalities", "inwoners", "inwoners_jaar", "bijstand",
               "bijstand_jaar", "per_1000", "zonder"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


# CBS publishes all StatLine open data under this licence (sample_data/publiek.toml: licence).
CBS_LICENCE = "CC BY 4.0"
_STATLINE_TABLE = re.compile(r"/dataset/(\w+)")


def statline_table(url: object) -> str | None:
    """The CBS table id in a StatLine address ('.../dataset/85984NED' -> '85984NED'), or None."""
    found = _STATLINE_TABLE.search(url) if isinstance(url, str) else None
    return found.group(1) if found else None


def merged_members_note(
    members: pd.DataFrame, areas: pd.DataFrame, partnership_id: int, name: str | None = None
) -> str:
    """Why a partnership counts fewer municipalities today than its source names at the start:
    'Nu 9 gemeenten: Noordwijkerhout hoort sinds 2019 bij Noordwijk.' (short, for a slide that
    shows it beside a source counting those at the start), or with both counts after the
    partnership's `name` when given (under a table of several). '' when no member was
    recorded under a code that has since merged into another.

    `members`: partnership_members (partnership_id, member_type, area_code: today's code,
    area_name: today's name, member_area_code: the code as recorded); `areas`: every area with
    code, name and valid_to (the last day of a merged one)."""
    rows = members[
        (members["partnership_id"] == partnership_id) & (members["member_type"] == "gemeente")
    ].dropna(subset=["area_code", "member_area_code"])
    merged = rows[rows["member_area_code"] != rows["area_code"]]
    if merged.empty:
        return ""
    old = areas.set_index("code")
    parts = [
        t(
            "leden.samengevoegd_deel",
            oud=old.loc[code, "name"],
            nieuw=today,
            jaar=(pd.Timestamp(old.loc[code, "valid_to"]) + pd.Timedelta(days=1)).year,
        )
        for code, today in zip(merged["member_area_code"], merged["area_name"], strict=True)
    ]
    return t(
        "leden.samengevoegd_genoemd" if name else "leden.samengevoegd",
        naam=name,
        nu=rows["area_code"].nunique(),
        bij_start=rows["member_area_code"].nunique(),
        delen="; ".join(dict.fromkeys(parts)),
    )
