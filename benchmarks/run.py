"""The benchmark suite: data time per page (cold cache) beside the pandas baseline, and browser draw
times beside a bare Streamlit page, for each size on SQLite and PostgreSQL. Adds its run to
benchmarks/results/data.md (newest first).

    ./scripts/benchmark [--sizes 10000 1000000 5000000] [--databases sqlite postgresql]
                        [--runs 5] [--no-browser] [--output FILE] [--rebuild]

Databases are built once under var/bench/ (keyed by size, seed and schema version) and reused;
--rebuild (or deleting var/bench/) builds them again. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchmarks import databases, record

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = databases.BENCH_DIR / "results"
DEFAULT_SIZES = (10_000, 1_000_000, 5_000_000)
DATABASES = ("sqlite", "postgresql")

# The budgets of issue 8.
DATA_BUDGET_MS = {1_000_000: 100, 10_000_000: 300}  # every page's data, median, cold cache
BASELINE_FACTOR = 10  # at least this many times faster than pandas at 1 million
BASELINE_SIZE = 1_000_000
DRAW_FACTOR = 1.5  # full draw within this many times the bare page
FILTER_CHANGE_MS = 1000


def machine(pg_version: str | None) -> dict[str, str]:
    def first(path: str, prefix: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(prefix):
                    return line.split(":", 1)[-1].split("=", 1)[-1].strip().strip('"')
        except OSError:
            pass
        return "?"

    import pandas
    import streamlit

    ram_kb = first("/proc/meminfo", "MemTotal").split()[0]
    return {
        "CPU": first("/proc/cpuinfo", "model name"),
        "cores": str(os.cpu_count()),
        "RAM": f"{int(ram_kb) / 1024 / 1024:.1f} GB" if ram_kb.isdigit() else "?",
        "OS": f"{first('/etc/os-release', 'PRETTY_NAME')} ({platform.release()})",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": pg_version or "not run",
        "Streamlit / pandas": f"{streamlit.__version__} / {pandas.__version__}",
        "load average at start": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def data_times(url: str, runs: int, out: Path) -> dict:
    """benchmarks.datatime in its own process: its own Streamlit caches and instrumented module."""
    env = {**os.environ, "STREAMLIT_LOGGER_LEVEL": "error"}
    subprocess.run(
        [sys.executable, "-m", "benchmarks.datatime", "--database-url", url, "--runs", str(runs),
         "--output", str(out)],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    return json.loads(out.read_text())


def run_one(db: str, size: int, url: str, args, stamp: str) -> dict:
    from benchmarks import browser

    started = time.perf_counter()
    print(f"== {db}, {size:,} trajectories: data time and baseline ({args.runs} runs)", flush=True)
    result = {"db": db, "size": size}
    result["data"] = data_times(url, args.runs, RESULTS_DIR / f"{stamp}_{db}_{size}_data.json")
    if not args.no_browser:
        print(f"== {db}, {size:,} trajectories: browser ({args.runs} runs)", flush=True)
        logs = RESULTS_DIR / f"{stamp}_{db}_{size}_logs"
        logs.mkdir(parents=True, exist_ok=True)
        result["browser"] = browser.measure(url, args.runs, logs)
    result["seconds"] = time.perf_counter() - started
    return result


def _ms(x: float | None) -> str:
    return "–" if x is None else f"{x:,.0f}".replace(",", ".")


def _calls(calls: list[list]) -> str:
    total: dict[str, list[float]] = defaultdict(list)
    for name, ms in calls:
        total[name].append(ms)
    heavy = sorted(total.items(), key=lambda kv: -sum(kv[1]))
    return ", ".join(f"{n}{'×' + str(len(v)) if len(v) > 1 else ''} {sum(v):.0f}" for n, v in heavy)


def table(result: dict) -> list[str]:
    data, web = result["data"]["views"], result.get("browser")
    bare = web["bare_ms"] if web else None
    lines = [
        f"### {_ms(result['size'])} trajectories, {result['db']}",
        "",
        f"{_ms(result['data']['trajectories'])} trajectories in the database (generated plus "
        f"sample data). Whole table read into pandas: {_ms(result['data']['table_read_ms'])} ms "
        "(median).",
        "",
        "| page view | data ms | pandas ms | pandas / ours | draw ms | draw / bare | first visit ms "
        "| calls (ms, first run, heaviest first) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, v in data.items():
        drawn = web["views"].get(name) if web else None
        ratio = v["baseline_ms"] / v["data_ms"] if v["data_ms"] else float("inf")
        to_bare = f"{drawn['draw_ms'] / bare:.2f}" if drawn else "–"
        errors = f" **errors: {'; '.join(v['errors'])}**" if v["errors"] else ""
        lines.append(
            f"| {name} | {_ms(v['data_ms'])} | {_ms(v['baseline_ms'])} | {ratio:.1f}× "
            f"| {_ms(drawn and drawn['draw_ms'])} "
            f"| {to_bare} "
            f"| {_ms(drawn and drawn['first_ms'])} | {_calls(v['calls'])}{errors} |"
        )
    if web:
        lines += [
            "",
            f"Bare page (title + one Plotly chart): {_ms(bare)} ms. Filter change (another year "
            f"in the sidebar on Overzicht) redrawn: {_ms(web['filter_change_ms'])} ms "
            f"(runs: {', '.join(_ms(x) for x in web['filter_change_runs'])}).",
        ]
    lines += ["", f"This size and database took {result['seconds'] / 60:.1f} minutes.", ""]
    return lines


def _check(ok: bool) -> str:
    return "✓" if ok else "✗"


def budgets(results: list[dict]) -> list[str]:
    lines = []
    for r in results:
        where = f"{_ms(r['size'])} on {r['db']}"
        views = r["data"]["views"]
        limit = DATA_BUDGET_MS.get(r["size"])
        if limit:
            worst = max(views.items(), key=lambda kv: kv[1]["data_ms"])
            over = [f"{n} {_ms(v['data_ms'])}" for n, v in views.items() if v["data_ms"] >= limit]
            lines.append(
                f"- {_check(not over)} {where}: every page's data < {limit} ms (median, cold "
                f"cache): slowest {worst[0]} {_ms(worst[1]['data_ms'])} ms"
                + (f"; over: {', '.join(over)}" if over else "")
            )
        if r["size"] == BASELINE_SIZE:
            ratios = {n: v["baseline_ms"] / v["data_ms"] for n, v in views.items() if v["data_ms"]}
            low = min(ratios.items(), key=lambda kv: kv[1])
            under = [f"{n} {x:.1f}×" for n, x in ratios.items() if x < BASELINE_FACTOR]
            lines.append(
                f"- {_check(not under)} {where}: every page ≥ {BASELINE_FACTOR}× faster than the "
                f"pandas baseline: lowest {low[0]} {low[1]:.1f}×"
                + (f"; under: {', '.join(under)}" if under else "")
            )
        web = r.get("browser")
        if web:
            bare = web["bare_ms"]
            draws = {n: v["draw_ms"] for n, v in web["views"].items()}
            over = [f"{n} {x / bare:.2f}×" for n, x in draws.items() if x > DRAW_FACTOR * bare]
            worst = max(draws.items(), key=lambda kv: kv[1])
            lines.append(
                f"- {_check(not over)} {where}: every page drawn ≤ {DRAW_FACTOR} × bare page "
                f"({_ms(bare)} ms, so ≤ {_ms(DRAW_FACTOR * bare)} ms): slowest {worst[0]} "
                f"{_ms(worst[1])} ms" + (f"; over: {', '.join(over)}" if over else "")
            )
            change = web["filter_change_ms"]
            lines.append(
                f"- {_check(change is not None and change < FILTER_CHANGE_MS)} {where}: filter "
                f"change redrawn < {_ms(FILTER_CHANGE_MS)} ms: {_ms(change)} ms"
            )
    return lines


def report(results, info, command, started_at, minutes, sizes) -> str:
    full = set(sizes) == set(DEFAULT_SIZES)
    lines = [
        f"Run on {started_at:%d-%m-%Y %H:%M} UTC, took {minutes:.0f} minutes"
        + ("." if full else f" (sizes {', '.join(map(str, sizes))} only, not the full suite)."),
        "",
        f"Command: `{command}`",
        "",
        "How it is measured (see benchmarks/README.md): *data ms* is the time spent in "
        "`data_access.queries` while AppTest runs the page with Streamlit's cache cleared (median "
        "over runs, sidebar included); *pandas ms* answers the same calls over the whole trajectory "
        "table read into memory (read time included); *draw ms* is headless Chromium from "
        "navigation until every element and chart is drawn, Streamlit cache warm (median), "
        "*first visit* the cold one. Sizes are generated trajectories on top of the sample data "
        "(92.103). The machine is shared: the load average below says how busy it was.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        "",
        "## Budgets",
        "",
        *budgets(results),
        "",
        "## Tables",
        "",
    ]
    for r in results:
        lines += table(r)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--databases", nargs="+", choices=DATABASES, default=list(DATABASES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--output", type=Path, default=record.path_of("data"))
    args = parser.parse_args(argv)
    command = "./scripts/benchmark " + shlex.join(sys.argv[1:] if argv is None else argv)
    started_at, started = dt.datetime.now(dt.UTC), time.perf_counter()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = f"{started_at:%Y%m%d-%H%M%S}"
    results, pg_version = [], None
    info = machine(None)  # the load average before anything of ours runs

    def write() -> str:
        """(Re)write the report: after every size and database, so a long run shows progress."""
        info["PostgreSQL"] = pg_version or "not run"
        minutes = (time.perf_counter() - started) / 60
        text = report(results, info, command, started_at, minutes, args.sizes)
        sizes = ", ".join(f"{s:,}".replace(",", ".") for s in args.sizes)
        heading = f"{started_at:%d-%m-%Y %H:%M} UTC: {sizes} op {' en '.join(args.databases)}"
        record.add_run("data", heading, text, run_id=stamp, path=args.output)
        return text

    if "sqlite" in args.databases:
        for size in args.sizes:
            url = databases.sqlite_url(size, args.seed, args.rebuild)
            results.append(run_one("sqlite", size, url, args, stamp))
            write()
    if "postgresql" in args.databases:
        with databases.PgCluster() as cluster:
            pg_version = cluster.version()
            for size in args.sizes:
                url = cluster.url(size, args.seed, args.rebuild)
                results.append(run_one("postgresql", size, url, args, stamp))
                write()
    text = write()
    (RESULTS_DIR / f"{stamp}.json").write_text(json.dumps(results, indent=1, default=str))
    print(text)
    print(f"Written to {args.output} in {(time.perf_counter() - started) / 60:.1f} minutes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
