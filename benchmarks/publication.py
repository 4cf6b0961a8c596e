"""How long the year's suppression decision (domain.publication) takes, per year of a database.

The decision is made once per year and data version and shared by every session; this is what
the first page run of a year after a write waits for. Each year is decided `--runs` times
(default 5) on the database of DATABASE_URL (default: the embedded sample); prints the median
and the largest time, the size of the family and how many counts are hidden, and adds the table
as a run to benchmarks/results/publication.md (--output FILE elsewhere).

    python -m benchmarks.publication [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from datetime import datetime
from pathlib import Path

from benchmarks import record
from data_access import queries
from data_access.bootstrap import prepare_database
from data_access.settings import load_settings
from domain import publication as pub


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, default=record.path_of("publication"))
    args = parser.parse_args()
    runs = args.runs
    from components.shell import publication

    settings = load_settings()
    engine = prepare_database(settings)
    first, last = queries.year_range(engine)
    started = datetime.now()
    lines = [
        f"Command: `python -m benchmarks.publication --runs {runs}` on {engine.url.render_as_string()}"
        if engine.url.get_backend_name() == "sqlite"
        else f"Command: `python -m benchmarks.publication --runs {runs}` on PostgreSQL",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores. 'aantallen' is the family of "
        "distinct counts the pages can show; 'verborgen' how many of them are hidden.",
        "",
        f"| jaar | mediaan (s) | max (s) | aantallen | verborgen | waarvan <{settings.suppress_below} |",
        "|---|---|---|---|---|---|",
    ]
    print("\n".join(lines))
    for year in range(first, last + 1):
        grid = pub.Grid.from_frame(queries.yearly_grid(engine, year, settings.lasting_months))
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            decided = publication.decide(grid, year, settings.suppress_below)
            times.append(time.perf_counter() - began)
        lines.append(f"| {year} | {statistics.median(times):.2f} | {max(times):.2f} | "
                     f"{len(decided.cells)} | {len(decided.hidden)} | {len(decided.small_hidden())} |")  # fmt: skip
        print(lines[-1], flush=True)
    heading = f"{started:%d-%m-%Y %H:%M}: het jaarbesluit per jaar, {runs} runs"
    record.add_run("publication", heading, "\n".join(lines), run_id=f"{started:%Y%m%d-%H%M%S}",
                   path=args.output)  # fmt: skip


if __name__ == "__main__":
    main()
