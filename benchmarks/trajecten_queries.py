"""Benchmark (not a test): median time of every data call the Trajecten page makes.

Usage:
    python -m data_access --database-url URL seed
    python -m data_access --database-url URL generate --trajectories 1000000
    python benchmarks/trajecten_queries.py --database-url URL [--runs 5]

Prints one line per call: the median and the fastest of `runs` runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data_access import queries  # noqa: E402
from data_access.engine import make_engine  # noqa: E402
from data_access.filters import TrajectoryFilter  # noqa: E402
from domain import survival  # noqa: E402

LASTING_MONTHS = 6


def calls(engine, year: int, programme_ids: dict[str, int]) -> dict[str, object]:
    """The page's data calls for a default view and for the Holland Rijnland comparison."""
    cohort = TrajectoryFilter(registered_from=date(year, 1, 1), registered_to=date(year, 12, 31))
    hr = replace(cohort, programme_ids=(programme_ids["HR-INKOOP"],))
    two_years = replace(cohort, registered_from=date(year - 1, 1, 1))
    wo = replace(cohort, programme_ids=(programme_ids["WO500"],))
    return {
        "funnel (all, one year)": lambda: queries.funnel_counts(engine, cohort, LASTING_MONTHS),
        "funnel (WO500, one year)": lambda: queries.funnel_counts(engine, wo, LASTING_MONTHS),
        "funnel (HR-INKOOP, one year)": lambda: queries.funnel_counts(engine, hr, LASTING_MONTHS),
        "compare by provider (HR-INKOOP)": lambda: queries.funnel_counts(
            engine, hr, LASTING_MONTHS, "aanbieder"
        ),
        "compare by municipality (all)": lambda: queries.funnel_counts(
            engine, cohort, LASTING_MONTHS, "gemeente"
        ),
        "compare by year (two cohorts)": lambda: queries.funnel_counts(
            engine, two_years, LASTING_MONTHS, "jaar"
        ),
        "compare by year (all years, reference)": lambda: queries.funnel_counts(
            engine, TrajectoryFilter(), LASTING_MONTHS, "jaar"
        ),
        "lead-time histogram (all, one year)": lambda: queries.lead_time_histogram(engine, cohort),
        "drop-out by stage (all, one year)": lambda: queries.dropout_by_stage(
            engine, cohort, LASTING_MONTHS
        ),
        "trend by month (all, one year)": lambda: queries.funnel_counts(
            engine, cohort, LASTING_MONTHS, "maand"
        ),
        "trend by month (WO500, one year)": lambda: queries.funnel_counts(
            engine, wo, LASTING_MONTHS, "maand"
        ),
        "time to placement by provider (HR)": lambda: queries.placement_months(
            engine, hr, "aanbieder"
        ),
        "time to placement by municipality (all)": lambda: queries.placement_months(
            engine, cohort, "gemeente"
        ),
        "time to placement by year (two cohorts)": lambda: queries.placement_months(
            engine, two_years, "jaar"
        ),
    }


def page_view(engine, year: int, programme_ids: dict[str, int], with_comparison: bool):
    """What Trajecten asks for the Holland Rijnland provider comparison, in one call: funnel,
    comparison, lead times, drop-out and trend; with the time to placement (query and the
    domain's estimator) when `with_comparison`."""
    hr = TrajectoryFilter(date(year, 1, 1), date(year, 12, 31), (), (programme_ids["HR-INKOOP"],))
    # The page reads the data's date for its "stand per" anyway (cached for every page).
    until = queries.data_status(engine)["data_until"].dropna().min()

    def run() -> list:
        out = [
            queries.funnel_counts(engine, hr, LASTING_MONTHS),
            queries.funnel_counts(engine, hr, LASTING_MONTHS, "aanbieder"),
            queries.lead_time_histogram(engine, hr),
            queries.dropout_by_stage(engine, hr, LASTING_MONTHS),
            queries.funnel_counts(engine, hr, LASTING_MONTHS, "maand"),
        ]
        if with_comparison:
            rows = queries.placement_months(engine, hr, "aanbieder")
            groups = sorted(rows["group"].dropna().unique())
            out.append(survival.compare_groups(rows, until, groups, "aanbieder", 10))
        return out

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args()
    engine = make_engine(args.database_url)
    total = queries.trajectory_total(engine)["total"]
    progs = queries.programmes(engine)
    ids = {code: int(i) for code, i in zip(progs["code"], progs["id"], strict=True)}
    print(f"{engine.dialect.name}: {total:,} trajectories, year {args.year}, {args.runs} runs")
    print(f"{'call':40} {'median ms':>10} {'min ms':>8} {'rows':>6}")
    for name, call in calls(engine, args.year, ids).items():
        times, rows = [], 0
        call()  # warm the cache of the database, as a running app has it warm
        for _ in range(args.runs):
            start = time.perf_counter()
            rows = len(call())
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:40} {statistics.median(times):10.0f} {min(times):8.0f} {rows:6d}")
    medians = {}
    for label, flag in (("without", False), ("with", True)):
        view = page_view(engine, args.year, ids, flag)
        view()
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            view()
            times.append((time.perf_counter() - start) * 1000)
        medians[label] = statistics.median(times)
        print(
            f"{'page data, HR providers, ' + label + ' time to placement':52} {medians[label]:6.0f}"
        )
    print(f"{'ratio with / without':52} {medians['with'] / medians['without']:6.2f}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
