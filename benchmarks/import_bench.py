"""Import benchmark (issue #16): a large trajectory file checked and written, imported again, and
refused on its last row, each as the real command line (`python -m data_access import-trajectories`)
in its own process, on SQLite and PostgreSQL. Adds its run to benchmarks/results/import.md.

    python -m benchmarks.import_bench                       # 500,000 rows, both databases
    python -m benchmarks.import_bench --rows 100000 --databases sqlite

Budgets: 500,000 rows in <= 15 s with peak memory <= 1 GB; the re-import in <= 8 s writing nothing;
a file refused on its last row in <= 8 s. Wall time and peak resident memory are those of the
command's process (os.wait4), start-up of Python included.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from benchmarks import record

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = "HR-INKOOP"
AREAS = ("GM0546", "GM0537", "GM0575", "GM0576", "GM0553", "GM0547", "GM0569", "GM0626")
PROVIDERS = ("Aanbieder A", "Aanbieder B", "Aanbieder C")
BUDGET_S = {"eerste import": 15.0, "opnieuw, ongewijzigd": 8.0, "geweigerd op laatste rij": 8.0}
BUDGET_MB = 1024
HEADER = (
    "traject_id;gemeentecode;aanbieder;aanmelddatum;intakedatum;diagnosedatum;startdatum_traject;"
    "plaatsingsdatum;plaatsing_type;duurzaam_datum;uitvaldatum;uitvalreden"
)


def write_file(path: Path, rows: int, seed: int, bad_last_row: bool = False) -> None:
    """A semicolon CSV of `rows` trajectories of HR-INKOOP, as a provider would deliver it."""
    rng = random.Random(seed)
    start = date(2022, 1, 3)
    lines = [HEADER]
    for i in range(rows):
        registered = start + timedelta(days=rng.randrange(1000))
        cells = [f"BENCH-{i:07d}", rng.choice(AREAS), rng.choice(PROVIDERS),
                 registered.strftime("%d-%m-%Y" if i % 3 == 0 else "%Y-%m-%d")]  # fmt: skip
        stage = registered
        dates = []
        for _ in range(4):
            if rng.random() < 0.7:
                stage = stage + timedelta(days=rng.randrange(5, 60))
                dates.append(stage.isoformat())
            else:
                break
        dates += [""] * (4 - len(dates))
        placed = dates[3] != ""
        lasting = (date.fromisoformat(dates[3]) + timedelta(days=190)).isoformat() if placed else ""
        dropout = not placed and rng.random() < 0.3
        cells += dates + [
            rng.choice(("werk", "opleiding")) if placed else "",
            lasting if placed and rng.random() < 0.5 else "",
            (stage + timedelta(days=3)).isoformat() if dropout else "",
            "gezondheid" if dropout else "",
        ]
        lines.append(";".join(cells))
    if bad_last_row:
        last = lines[-1].split(";")
        last[1] = "GM9999"
        lines[-1] = ";".join(last)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_cli(url: str, *args: str) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds (user + system), peak resident MB, exit code and output of one
    command-line run. On a shared machine CPU seconds say more than wall seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "data_access", "--database-url", url, *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, process.returncode, out.decode()[-300:]


def trajectory_count(url: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM trajectory").scalar()
    engine.dispose()
    return n


def database(kind: str, folder: Path, server):
    if kind == "sqlite":
        return f"sqlite:///{folder / 'import_bench.sqlite'}"
    admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP DATABASE IF EXISTS import_bench")
        conn.exec_driver_sql("CREATE DATABASE import_bench")
    admin.dispose()
    return server.url("import_bench")


def measure(kind, url, rows, folder, background, log, results: list[dict], flush) -> None:
    subprocess.run([sys.executable, "-m", "data_access", "--database-url", url, "seed"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    if background:
        subprocess.run(
            [sys.executable, "-m", "data_access", "--database-url", url, "generate",
             "--trajectories", str(background)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    good, bad = folder / "levering.csv", folder / "levering_fout.csv"
    write_file(good, rows, seed=16)
    write_file(bad, rows, seed=17, bad_last_row=True)
    before = trajectory_count(url)
    for what, file in (("eerste import", good), ("opnieuw, ongewijzigd", good),
                       ("geweigerd op laatste rij", bad)):  # fmt: skip
        load = os.getloadavg()[0]
        seconds, cpu, mb, code, out = run_cli(url, "import-trajectories", str(file),
                                              "--programme", PROGRAMME)  # fmt: skip
        results.append({"database": kind, "stap": what, "s": seconds, "cpu": cpu, "mb": mb,
                         "code": code, "load": load,
                         "uit": out.strip().splitlines()[0][:120] if out.strip() else ""})  # fmt: skip
        log(f"{kind:10s} {what:26s} {seconds:6.1f} s wall {cpu:6.1f} s cpu {mb:7.0f} MB "
            f"exit {code} load {load:.1f}")  # fmt: skip
        flush()
    added = trajectory_count(url) - before
    if added != rows:
        raise SystemExit(f"{kind}: expected {rows} new trajectories, found {added}")


def report(results: list[dict], rows: int, background: int, command: str) -> str:
    lines = [
        f"Command: `{command}`",
        "",
        f"A CSV of {rows:,} trajectories (one programme, semicolon, mixed date formats) imported "
        f"with the command line into the sample database"
        + (f" plus {background:,} generated trajectories" if background else "")
        + ". Each step is its own process; wall time and peak resident memory include Python's "
        f"start-up. Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, measured on {date.today().isoformat()}. The column 'load "
        "before' is the machine's load average (1 min) when each step began: on 2 cores, much "
        "above 1 means other work shared the machine and the wall times are upper bounds.",
        "",
        "| database | step | wall s | CPU s | budget (wall) | peak MB | load before | exit | output |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        budget = BUDGET_S[r["stap"]]
        mark = "ok" if r["s"] <= budget else f"over by {r['s'] - budget:.1f} s"
        mem = "" if r["mb"] <= BUDGET_MB else " (over 1 GB)"
        lines.append(
            f"| {r['database']} | {r['stap']} | {r['s']:.1f} | {r['cpu']:.1f} | ≤ {budget:.0f} "
            f"({mark}) | {r['mb']:.0f}{mem} | {r['load']:.1f} | {r['code']} | {r['uit']} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--background", type=int, default=0,
                        help="generated trajectories in the database before the import")  # fmt: skip
    parser.add_argument("--output", type=Path, default=record.path_of("import"))
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="import-bench-"))
    server = None
    results: list[dict] = []
    command = "python -m benchmarks.import_bench " + " ".join(argv or sys.argv[1:])
    started = datetime.now()
    heading = f"{started:%d-%m-%Y %H:%M}: {args.rows:,} rijen op {' en '.join(args.databases)}"

    def flush() -> None:
        text = report(results, args.rows, args.background, command.strip())
        record.add_run("import", heading.replace(",", "."), text,
                       run_id=f"{started:%Y%m%d-%H%M%S}", path=args.output)  # fmt: skip

    try:
        for kind in args.databases:
            if kind == "postgresql" and server is None:
                from tests.pg_server import start_server

                server = start_server()
            url = database(kind, folder, server)
            measure(kind, url, args.rows, folder, args.background, print, results, flush)
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.data_dir, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    flush()
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
