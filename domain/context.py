"""Public context figures (CBS): landing old codes on today's municipalities, sums over groups,
rates per 1,000 inhabitants, peers of similar size, and reach (trajectories per 100 on bijstand).

Rules, held by tests/domain/test_context.py:
- A former municipality's counts are summed into its successor (Weesp into Amsterdam). A
  percentage is never averaged: where two or more codes land on one municipality, the figure CBS
  published for that municipality's own code is kept (Amsterdam 2022: 72,8 %, without Weesp, which
  the page says: merged_before), and where CBS published none for it (a municipality formed from
  others later), its percentage for that year is left out, so the page says "niet beschikbaar"
  instead of a figure CBS did not publish.
- A group's count (a region, a partnership, the Netherlands) is the sum over its members, and only
  when every member has the figure; a missing member makes the sum missing, never too low.
- Missing is missing: nothing here turns an absent figure into 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from domain.suppression import is_small

# The partnership kind of the 35 labour-market regions (data_access.public_data.AMR_KIND): every
# municipality is in one, so they are context, not cases with programmes.
REGION_KIND = "arbeidsmarktregio"
COUNT = "aantal"
PERCENTAGE = "percentage"
# Every measure the monitor keeps, and whether it may be summed.
MEASURE_KINDS = {
    "inwoners": COUNT,
    "bijstand": COUNT,
    "ww": COUNT,
    "ao": COUNT,
    "aow": COUNT,
    "netto_arbeidsparticipatie": PERCENTAGE,
    "bruto_arbeidsparticipatie": PERCENTAGE,
    "werkloosheid": PERCENTAGE,
    "kwb_netto_arbeidsparticipatie": PERCENTAGE,
}
# Peers: the municipalities closest in number of inhabitants.
PEER_COUNT = 10
# Rates are per this many inhabitants (CBS and Waarstaatjegemeente use per 1,000).
PER_INHABITANTS = 1000
# Reach: trajectories started per this many people on bijstand.
REACH_PER = 100


def land_on_successors(rows: pd.DataFrame, current: Mapping[str, str]) -> pd.DataFrame:
    """Figures keyed on the codes a source used, moved to today's codes.

    `rows`: area_code, year, measure, value (value may be missing), and any columns that are the
    same for the whole group (source). `current`: code -> today's code (itself when unchanged).
    Returns area_code (today's), year, measure, value, the other columns; rows without a value
    are dropped. Unknown codes raise KeyError naming them."""
    unknown = sorted(set(rows["area_code"]) - set(current))
    if unknown:
        raise KeyError(f"Onbekende gemeentecodes: {', '.join(unknown[:10])}")
    frame = rows.copy()
    frame["current"] = frame["area_code"].map(current)
    keys = ["current", "year", "measure"]
    extra = [c for c in frame.columns if c not in {"area_code", "value", *keys}]
    out = []
    for (code, year, measure), group in frame.groupby(keys, sort=True):
        if len(group) > 1 and MEASURE_KINDS.get(measure) != COUNT:
            # A percentage of a merged municipality: CBS's figure for its own code, without the
            # others; none when CBS published none for that code.
            group = group[group["area_code"] == code]
        values = group["value"]
        if group.empty or values.isna().any():
            continue
        row = {"area_code": code, "year": int(year), "measure": measure, "value": values.sum()}
        row.update({c: group[c].iloc[0] for c in extra})
        out.append(row)
    columns = ["area_code", "year", "measure", "value", *extra]
    return pd.DataFrame(out, columns=columns)


def merged_before(areas: pd.DataFrame, code: str, year: int) -> list[str]:
    """The names of the municipalities that merged into `code` later than 1 January of `year`:
    CBS counted them apart that year, so a percentage published for `code` leaves them out.
    `areas`: code, name, valid_to, current_code (queries.municipalities, merged ones included)."""
    start = pd.Timestamp(year, 1, 1)
    merged = areas[(areas["current_code"] == code) & (areas["code"] != code)]
    ended = pd.to_datetime(merged["valid_to"])
    return sorted(merged.loc[ended.notna() & (ended >= start), "name"])


def value_of(figures: pd.DataFrame, code: str, measure: str, year: int | None = None):
    """(value, year) of one municipality's measure: the given year, or the latest one.
    (None, None) when CBS published nothing."""
    rows = figures[(figures["area_code"] == code) & (figures["measure"] == measure)]
    if year is not None:
        rows = rows[rows["year"] == year]
    if rows.empty:
        return None, None
    row = rows.sort_values("year").iloc[-1]
    return float(row["value"]), int(row["year"])


def latest_year(figures: pd.DataFrame, measure: str, at_most: int | None = None) -> int | None:
    """The newest year with figures for `measure` (not after `at_most`, when that still leaves
    one), or None."""
    years = figures.loc[figures["measure"] == measure, "year"]
    if years.empty:
        return None
    if at_most is not None and (years <= at_most).any():
        return int(years[years <= at_most].max())
    return int(years.max())


def group_sum(figures: pd.DataFrame, codes: Iterable[str], measure: str, year: int) -> float | None:
    """The sum of a count over `codes` in `year`; None when any of them lacks it, or for a
    percentage (never averaged)."""
    codes = list(dict.fromkeys(codes))
    if not codes or MEASURE_KINDS.get(measure) != COUNT:
        return None
    rows = figures[
        (figures["measure"] == measure)
        & (figures["year"] == year)
        & (figures["area_code"].isin(codes))
    ]
    if rows["area_code"].nunique() < len(codes):
        return None
    return float(rows["value"].sum())


def per_thousand(count: float | None, inhabitants: float | None) -> float | None:
    """Count per 1,000 inhabitants, or None when either is missing (or nobody lives there)."""
    if count is None or inhabitants is None or inhabitants <= 0:
        return None
    return count * PER_INHABITANTS / inhabitants


def peers(figures: pd.DataFrame, code: str, year: int, n: int = PEER_COUNT) -> list[str]:
    """The `n` municipalities closest to `code` in inhabitants in `year` (itself excluded);
    empty when `code` has no inhabitants figure that year."""
    sizes = figures[(figures["measure"] == "inwoners") & (figures["year"] == year)]
    sizes = sizes.set_index("area_code")["value"]
    if code not in sizes.index:
        return []
    others = sizes.drop(code)
    distance = (others - sizes[code]).abs()
    # Ties broken by code, so the list is the same on every run.
    order = sorted(distance.index, key=lambda c: (distance[c], c))
    return order[:n]


def reach(started: int | None, on_bijstand: float | None, threshold: int) -> float | None:
    """Trajectories started per 100 people on bijstand.

    None when a half is missing, or when `started` is a small count (1 to threshold - 1): reach
    times bijstand would give the hidden count back. None started is a reach of 0, as 0 is shown."""
    if started is None or on_bijstand is None or on_bijstand <= 0:
        return None
    if is_small(started, threshold):
        return None
    return started * REACH_PER / on_bijstand


def members_total(
    figures: pd.DataFrame, codes: Iterable[str], measure: str, year: int
) -> tuple[float | None, list[str]]:
    """A count summed over the members that have it in `year`, and the members that do not
    (Bonaire has no CBS figures). (None, all codes) when none has it; never a percentage."""
    codes = list(dict.fromkeys(codes))
    if MEASURE_KINDS.get(measure) != COUNT:
        return None, codes
    rows = figures[
        (figures["measure"] == measure)
        & (figures["year"] == year)
        & (figures["area_code"].isin(codes))
    ]
    have = set(rows["area_code"])
    missing = [c for c in codes if c not in have]
    if rows.empty:
        return None, missing
    return float(rows["value"].sum()), missing


def partnership_context(figures: pd.DataFrame, codes: Iterable[str]) -> dict:
    """The context line of a partnership: inhabitants and people on bijstand in its member
    municipalities, each in the newest year that has it, with the members CBS has no figures for.

    Keys: inwoners, inwoners_jaar, bijstand, bijstand_jaar, per_1000 (bijstand per 1,000
    inhabitants, only when both are of the same year), zonder (codes without figures)."""
    codes = list(dict.fromkeys(codes))
    out: dict = {"zonder": []}
    for measure in ("inwoners", "bijstand"):
        year = latest_year(figures[figures["area_code"].isin(codes)], measure)
        total, missing = members_total(figures, codes, measure, year) if year else (None, codes)
        out[measure], out[f"{measure}_jaar"] = total, year
        out["zonder"] = sorted(set(out["zonder"]) | set(missing), key=codes.index)
    same_year = out["inwoners_jaar"] == out["bijstand_jaar"]
    out["per_1000"] = per_thousand(out["bijstand"], out["inwoners"]) if same_year else None
    return out


# The headline measures of a municipality's profile, in the order the page shows them.
PROFILE_MEASURES = ("inwoners", "bijstand", "bijstand_per_1000", "netto_arbeidsparticipatie")


def profile_row(figures: pd.DataFrame, codes: Iterable[str], years: Mapping[str, int]) -> dict:
    """The profile measures for one municipality or a group of them (a region, a province, the
    Netherlands): counts summed over every member (missing when one lacks it), bijstand per
    1,000 from those sums, and a percentage only for a single municipality (CBS publishes no
    group averages in these tables, and the monitor never makes one). `years`: measure -> year."""
    codes = list(dict.fromkeys(codes))
    single = len(codes) == 1
    inwoners = group_sum(figures, codes, "inwoners", years["inwoners"])
    bijstand = group_sum(figures, codes, "bijstand", years["bijstand"])
    same_year = years["inwoners"] == years["bijstand"]
    participation = None
    if single and years.get("netto_arbeidsparticipatie"):
        participation, _ = value_of(
            figures, codes[0], "netto_arbeidsparticipatie", years["netto_arbeidsparticipatie"]
        )
    return {
        "inwoners": inwoners,
        "bijstand": bijstand,
        "bijstand_per_1000": per_thousand(bijstand, inwoners) if same_year else None,
        "netto_arbeidsparticipatie": participation,
    }


def profile_years(figures: pd.DataFrame) -> dict[str, int | None]:
    """The year each profile measure is shown for: the newest that CBS published."""
    years = {
        m: latest_year(figures, m) for m in ("inwoners", "bijstand", "netto_arbeidsparticipatie")
    }
    # Per 1,000 only divides figures of one year: the year of the bijstand figure.
    bijstand_year = years["bijstand"]
    if (
        bijstand_year
        and (figures["measure"].eq("inwoners") & figures["year"].eq(bijstand_year)).any()
    ):
        years["inwoners"] = bijstand_year
    return years


def opening_municipality(
    members: pd.DataFrame,
    figures: pd.DataFrame,
    known: Iterable[str],
    user_partnership_ids: Iterable[int] = (),
    partnership_code: str | None = None,
) -> str | None:
    """The municipality the Gemeente page opens on when none is chosen: the first member of the
    signed-in user's partnerships, else the first member of the chosen partnership, else the
    largest municipality (by inhabitants) that is a member of one of the cases (the partnerships
    that carry programmes, not the labour-market regions: a region's member may have no
    trajectories at all), else the largest among `known` (the current filter)."""
    known = list(known)
    areas = members[members["member_type"] == "gemeente"].dropna(subset=["area_code"])
    areas = areas[areas["area_code"].isin(known)]
    mine = areas[areas["partnership_id"].isin(list(user_partnership_ids))]
    if not mine.empty:
        return str(mine["area_code"].iloc[0])
    if partnership_code:
        chosen = areas[areas["partnership_code"] == partnership_code]
        if not chosen.empty:
            return str(chosen["area_code"].iloc[0])
    in_cases = set(areas.loc[areas["partnership_kind"] != REGION_KIND, "area_code"])
    return _largest([c for c in known if c in in_cases], figures) or _largest(known, figures)


def _largest(codes: list[str], figures: pd.DataFrame) -> str | None:
    """The code with the most inhabitants in the newest year (ties: the lower code); the first
    code when none has the figure; None for no codes."""
    if not codes:
        return None
    year = latest_year(figures, "inwoners")
    sizes = figures[
        (figures["measure"] == "inwoners")
        & (figures["year"] == year)
        & (figures["area_code"].isin(codes))
    ]
    if sizes.empty:
        return codes[0]
    return str(
        sizes.sort_values(["value", "area_code"], ascending=[False, True])["area_code"].iloc[0]
    )


# The measures Kaart can colour municipalities by.
MAP_MEASURES = ("bijstand_per_1000", "netto_arbeidsparticipatie")
# Classes of a choropleth: five, as many municipalities in each (quantiles), edges rounded.
MAP_CLASSES = 5
NO_FIGURE = "geen"


def map_values(figures: pd.DataFrame, measure: str) -> tuple[dict[str, float], int | None]:
    """Per municipality the value of a map measure in its newest year, and that year."""
    if measure == "bijstand_per_1000":
        year = latest_year(figures, "bijstand")
        if year is None:
            return {}, None
        rows = figures[figures["year"] == year]
        wide = rows.pivot_table(index="area_code", columns="measure", values="value")
        if "inwoners" not in wide or "bijstand" not in wide:
            return {}, None
        wide = wide.dropna(subset=["inwoners", "bijstand"])
        wide = wide[wide["inwoners"] > 0]
        return (wide["bijstand"] * PER_INHABITANTS / wide["inwoners"]).to_dict(), year
    year = latest_year(figures, measure)
    rows = figures[(figures["measure"] == measure) & (figures["year"] == year)]
    return dict(zip(rows["area_code"], rows["value"].astype(float), strict=True)), year


def class_edges(values: Iterable[float], n: int = MAP_CLASSES, decimals: int = 1) -> list[float]:
    """Inner edges of `n` classes with about as many municipalities in each (quantiles), rounded
    to `decimals` and without duplicates. A value belongs to the first class whose edge exceeds it."""
    series = pd.Series(list(values), dtype=float).dropna()
    if series.empty:
        return []
    qs = [series.quantile(i / n) for i in range(1, n)]
    return sorted({round(float(q), decimals) for q in qs})


def class_of(value: float | None, edges: list[float]) -> int | None:
    """The class index of a value (0 = lowest), None when there is no value."""
    if value is None or pd.isna(value):
        return None
    return sum(value >= e for e in edges)
