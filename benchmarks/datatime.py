"""Data time per page, cold cache, and the pandas baseline: one database, run in its own process.

    python -m benchmarks.datatime --database-url URL [--runs 5] --output result.json

Each page view is run for real with Streamlit's AppTest, with Streamlit's caches cleared before
every run (components.shell.data.clear(): the data and the figures, decks and briefings built from it);
every public function of data_access.queries is wrapped to add up the time spent in it
(components/shell/data.py calls them as `queries.X(...)`). Nested calls count once, in the outermost.
The recorded calls are then answered the naive way (benchmarks.baseline) over the whole table
read into memory, per run: baseline = time to read the table + time to compute the page's calls.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import os
import secrets
import statistics
import time
from collections import Counter
from pathlib import Path

from benchmarks import baseline
from benchmarks.views import VIEWS, View

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
ADMIN = "benchmark-beheerder"


class Recorder:
    """Sums the time spent in data_access.queries; remembers each outermost call."""

    def __init__(self) -> None:
        self.depth = 0
        self.reset()

    def reset(self) -> None:
        self.seconds = 0.0
        self.calls: list[tuple[str, tuple, dict]] = []
        self.timings: list[tuple[str, float]] = []

    def wrap(self, name: str, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            if self.depth:
                return fn(*args, **kwargs)
            self.depth += 1
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                self.depth -= 1
                self.seconds += spent
                self.calls.append((name, args, kwargs))
                self.timings.append((name, spent * 1000))

        return timed


def instrument(recorder: Recorder) -> list[str]:
    """Wrap every public query function (those taking the engine first); returns their names."""
    from data_access import queries

    names = []
    for name, fn in list(vars(queries).items()):
        if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != queries.__name__:
            continue
        params = list(inspect.signature(fn).parameters)
        if params and params[0] == "engine":
            setattr(queries, name, recorder.wrap(name, fn))
            names.append(name)
    return names


def ensure_admin(url: str) -> None:
    """A beheerder account to open Beheer with (created once per database, random password)."""
    from data_access import accounts
    from data_access.engine import make_engine
    from domain import roles

    engine = make_engine(url)
    if accounts.get_user(engine, ADMIN) is None:
        accounts.create_user(
            engine, ADMIN, roles.ADMIN, secrets.token_urlsafe(16), None, bootstrap=True
        )
    engine.dispose()


def _open(view: View):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=300)
    for k, v in view.params.items():
        at.query_params[k] = v
    if view.admin:
        from components.shell import data
        from components.shell.auth import SESSION_KEY
        from data_access import sessions

        # A signed-in tab holds the token of a server-side session, not a name.
        at.session_state[SESSION_KEY] = sessions.create(data.engine(), ADMIN, hours=1)
    at.run()  # the default page first: AppTest can only switch pages after one run
    return at


def measure(url: str, runs: int, log=print) -> dict:
    from components.shell import data
    from data_access.engine import make_engine

    os.environ["DATABASE_URL"] = url
    ensure_admin(url)
    from data_access import queries

    counting = make_engine(url)
    total = queries.trajectory_total(counting)["total"]
    counting.dispose()
    recorder = Recorder()
    instrument(recorder)
    results: dict[str, dict] = {}
    apps = {}
    for view in VIEWS:
        apps[view.name] = _open(view)
        results[view.name] = {"ms": [], "calls": None, "errors": []}
    for run in range(runs):
        for view in VIEWS:
            at = apps[view.name]
            data.clear()  # the query results and the built figures, decks and briefings
            recorder.reset()
            at.switch_page(view.page)
            at.run()
            r = results[view.name]
            r["ms"].append(recorder.seconds * 1000)
            r["errors"] += [str(e.value)[:200] for e in at.exception]
            if run == 0:
                r["recorded"] = list(recorder.calls)
                r["calls"] = [[n, round(ms, 1)] for n, ms in recorder.timings]
        log(f"    data run {run + 1}/{runs} done")
    # The naive baseline, same calls, same number of runs.
    engine = make_engine(url)
    for r in results.values():
        r["baseline_ms"] = []
    load_ms = []
    for run in range(runs):
        started = time.perf_counter()
        tables = baseline.load(engine)
        read = (time.perf_counter() - started) * 1000
        load_ms.append(read)
        for r in results.values():
            started = time.perf_counter()
            baseline.replay(engine, tables, r["recorded"])
            r["baseline_ms"].append(read + (time.perf_counter() - started) * 1000)
        del tables
        log(f"    baseline run {run + 1}/{runs} done (table read {read:.0f} ms)")
    engine.dispose()
    out = {"views": {}, "table_read_ms": statistics.median(load_ms), "trajectories": total}
    for name, r in results.items():
        counts = Counter(n for n, _ in r["calls"])
        out["views"][name] = {
            "data_ms": statistics.median(r["ms"]),
            "data_ms_runs": [round(x, 1) for x in r["ms"]],
            "baseline_ms": statistics.median(r["baseline_ms"]),
            "calls": r["calls"],
            "call_counts": dict(counts),
            "errors": sorted(set(r["errors"])),
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    from streamlit import logger

    logger.set_log_level("error")  # AppTest outside a server warns on every run; not our news
    result = measure(args.database_url, args.runs)
    Path(args.output).write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
