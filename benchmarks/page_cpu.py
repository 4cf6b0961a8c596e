"""Benchmark (not a test): server CPU of one cached page run, per page view.

Usage:
    python -m benchmarks.page_cpu                          # the sample data in a temporary SQLite
    python -m benchmarks.page_cpu --database-url URL --runs 20 [--only gemeente]

Each view of benchmarks.views is opened in Streamlit's AppTest (the app's real script, in this
process, without a browser) and run until its data sit in the caches; then it is run `runs` times
more, and the process CPU time of each run is taken. A cached run is what most of a load test's
page runs are: the figures come from the caches, and what remains is the script's own work
(building tables and figures from cached data, drawing the elements, serialising them). The
AppTest harness adds its own work on top (reading the elements back), the same for every view.
The scripts are compiled once, as a server does (compile_once); AppTest alone would compile them
again on every run.

Prints one line per view: the median and the fastest CPU milliseconds per run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.views import VIEWS  # noqa: E402

WARM_RUNS = 2  # the first runs fill the caches


def compile_once() -> None:
    """Make AppTest keep the scripts' bytecode between runs, as the server does.

    AppTest gives every run a new ScriptCache, so each run compiled app.py and the page again
    (Streamlit's magic rewrites the syntax tree first): 60 to 75 ms of CPU per run on this
    machine that a running server spends once per process. Measured without it unless
    --compile-every-run asks for AppTest's own way (how the figures before 30-11 were taken)."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared
    local_script_runner.ScriptCache = lambda: shared


def cpu_per_run(view, runs: int) -> list[float]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    for key, value in view.params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(view.page)
    for _ in range(WARM_RUNS):
        at.run()
    if at.exception:
        raise SystemExit(f"{view.name}: {at.exception[0].message}")
    times = []
    for _ in range(runs):
        started = time.process_time()
        at.run()
        times.append((time.process_time() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: the sample data in a temporary SQLite")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--only", help="only the views whose name contains this text")
    parser.add_argument(
        "--compile-every-run",
        action="store_true",
        help="compile the scripts on every run, as AppTest does by default (not as the server)",
    )
    args = parser.parse_args()
    if not args.compile_every_run:
        compile_once()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url
        if url is None:
            url = f"sqlite:///{Path(tmp) / 'monitor.sqlite'}"
            subprocess.run([sys.executable, "-m", "data_access", "--database-url", url, "seed"],
                           cwd=ROOT, check=True, capture_output=True)  # fmt: skip
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("PUBLIC_READ", "1")
        print(
            f"{'view':32s} {'median ms':>10s} {'min ms':>8s}   (CPU per cached run, {args.runs} runs)"
        )
        medians = []
        for view in VIEWS:
            if view.admin or (args.only and args.only not in view.name):
                continue
            times = cpu_per_run(view, args.runs)
            medians.append(statistics.median(times))
            print(f"{view.name:32s} {medians[-1]:10.0f} {min(times):8.0f}", flush=True)
        print(f"{'median over the views':32s} {statistics.median(medians):10.0f}")


if __name__ == "__main__":
    main()
