"""Time until each page is fully drawn in headless Chromium, the bare reference page, a filter change.

A visit opens a fresh browser context (a new Streamlit session) and times goto -> fully drawn:
script finished, nothing stale, no skeletons, every Plotly chart and map has drawn. Each view is
visited once first (not counted) so Streamlit's shared cache is warm, as on a running server; that
first visit is reported separately.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from benchmarks.views import VIEWS
from tests.e2e.browser import (
    CHARTS_DRAWN,
    CHROMIUM,
    CHROMIUM_ARGS,
    running_app,
    wait_until_drawn,
)

BARE_PAGE = "benchmarks/bare_page.py"
TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1400, "height": 900}


def _drawn(pg) -> None:
    wait_until_drawn(pg, TIMEOUT_MS)
    pg.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT_MS)


def visit(browser, url: str) -> float:
    """Milliseconds from navigation to fully drawn, in a fresh session."""
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    try:
        started = time.perf_counter()
        pg.goto(url)
        _drawn(pg)
        return (time.perf_counter() - started) * 1000
    finally:
        context.close()


def filter_changes(browser, url: str, runs: int) -> list[float]:
    """Milliseconds from choosing another year in the sidebar until the page is redrawn.

    Each run picks a year not chosen before, so the new year's data is not in the cache yet."""
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    times = []
    try:
        pg.goto(url)
        _drawn(pg)
        pg.get_by_role("combobox", name="Jaar").click()
        years = [o.inner_text().strip() for o in pg.get_by_role("option").all()]
        pg.keyboard.press("Escape")
        for year in years[1 : runs + 1]:
            box = pg.get_by_role("combobox", name="Jaar")
            box.click()
            started = time.perf_counter()
            pg.get_by_role("option", name=year, exact=True).click()
            pg.wait_for_function(
                f"() => new URLSearchParams(location.search).get('jaar') === '{year}'",
                timeout=TIMEOUT_MS,
            )
            _drawn(pg)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        context.close()
    return times


def bare_page_ms(runs: int, logs: Path) -> list[float]:
    """Milliseconds to draw the bare page (a title and one Plotly chart), `runs` fresh visits
    after one warm-up: the day's measure of how fast this machine draws Streamlit at all."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with running_app(dict(os.environ), logs / "bare_page.log", script=BARE_PAGE) as url:
                visit(browser, url)  # warm-up: the first Chromium page is slower
                return [visit(browser, url) for _ in range(runs)]
        finally:
            browser.close()


def measure(database_url: str, runs: int, logs: Path, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "DATABASE_URL": database_url, "PUBLIC_READ": "1"}
    out: dict = {"views": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with running_app(env, logs / "bare_page.log", script=BARE_PAGE) as url:
                visit(browser, url)  # warm-up: the first Chromium page is slower
                bare = [visit(browser, url) for _ in range(runs)]
            out["bare_ms"] = statistics.median(bare)
            with running_app(env, logs / "app.log") as url:
                for view in VIEWS:
                    if view.admin:
                        continue  # signing in through the form is not part of a page's draw
                    first = visit(browser, url + view.path)
                    times = [visit(browser, url + view.path) for _ in range(runs)]
                    out["views"][view.name] = {
                        "first_ms": first,
                        "draw_ms": statistics.median(times),
                    }
                    log(f"    {view.name}: {statistics.median(times):.0f} ms")
                changes = filter_changes(browser, url + "/", runs)
                out["filter_change_ms"] = statistics.median(changes) if changes else None
                out["filter_change_runs"] = [round(x) for x in changes]
        finally:
            browser.close()
    return out


if __name__ == "__main__":
    # python -m benchmarks.browser [--runs N]: the bare page's draw time today, to quote beside
    # any other timing taken on this machine the same day (tests/README.md does); added as a
    # run to benchmarks/results/browser.md.
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description="Draw time of the bare Streamlit page")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = bare_page_ms(args.runs, Path(tempfile.mkdtemp(prefix="bare-page-")))
    line = (
        f"bare page (benchmarks/bare_page.py): median {statistics.median(times):.0f} ms, "
        f"min {min(times):.0f}, max {max(times):.0f} over {args.runs} fresh visits"
    )
    print(line)
    from datetime import datetime

    from benchmarks import record

    now = datetime.now()
    record.add_run("browser", f"{now:%d-%m-%Y %H:%M}: de kale pagina",
                   f"Command: `python -m benchmarks.browser --runs {args.runs}`\n\n{line}",
                   run_id=f"{now:%Y%m%d-%H%M%S}")  # fmt: skip
