"""What each kind of element costs the browser to draw: the bare page plus N of one kind.

    python -m benchmarks.element_costs [--runs 3] [--output FILE]  (default: adds a run to benchmarks/results/elements.md)

Serves benchmarks/element_page.py and times every variant like benchmarks.browser times a page
(fresh session, navigation until everything is drawn), median over the runs. The first element
of a kind also loads that kind's front-end code (Plotly's is loaded by the bare page already),
so "1 of them" shows the loading and "5 of them" what each further one adds. Not part of the
test suite: a measurement, run on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
from datetime import datetime
from pathlib import Path

from benchmarks import record
from benchmarks.browser import visit
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, running_app

ROOT = Path(__file__).resolve().parent.parent
PAGE = "benchmarks/element_page.py"
KINDS = ("plotly", "deck", "dataframe", "table", "expander_dataframe", "code", "popover_code",
         "download", "svg")  # fmt: skip


def measure(runs: int) -> tuple[float, dict[str, tuple[float, float]]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, tuple[float, float]] = {}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with running_app(dict(os.environ), Path(tmp) / "page.log", script=PAGE) as url:
                visit(browser, url)  # warm-up: the first Chromium page is slower

                def median(query: str) -> float:
                    return statistics.median(visit(browser, f"{url}/?{query}") for _ in range(runs))

                bare = median("soort=geen")
                for kind in KINDS:
                    out[kind] = (median(f"soort={kind}&n=1"), median(f"soort={kind}&n=5"))
        finally:
            browser.close()
    return bare, out


def report(bare: float, costs: dict[str, tuple[float, float]], runs: int) -> str:
    lines = [
        f"- Datum: {datetime.now():%d-%m-%Y %H:%M}",
        f"- Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        f"- Opdracht: `python -m benchmarks.element_costs --runs {runs}`",
        f"- Kale pagina (titel + één Plotly-grafiek): {bare:.0f} ms (mediaan van {runs})",
        "",
        "| soort | 1 erbij (ms) | 5 erbij (ms) | per extra element na de eerste (ms) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, (one, five) in costs.items():
        lines.append(
            f"| {kind} | {one - bare:+.0f} | {five - bare:+.0f} | {(five - one) / 4:+.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=record.path_of("elements"))
    args = parser.parse_args()
    bare, costs = measure(args.runs)
    text = report(bare, costs, args.runs)
    now = datetime.now()
    record.add_run("elements", f"{now:%d-%m-%Y %H:%M}: wat elementen de browser kosten", text,
                   run_id=f"{now:%Y%m%d-%H%M%S}", path=args.output)  # fmt: skip
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
