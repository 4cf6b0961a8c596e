"""The result files in benchmarks/results/: one file per kind, its runs dated inside, newest first.

Every benchmark script writes its report with `add_run`: the report goes in as one run, under the
file's title, above the runs before it. A script that rewrites its report while it runs (run.py
after every size) passes the same `run_id` each time, and the run is replaced, not repeated."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
KINDS = {
    "browser": "Browser: draw times per page",
    "data": "Data: query time per page beside the pandas baseline",
    "load": "Load: concurrent sessions, one server and replicas behind HAProxy",
    "import": "Import: rows per second and memory",
    "elements": "Elements: what each kind of element costs the browser",
    "publication": "Publication: the year's suppression decision",
    "deck": "Decks: the PowerPoint beside the PDF of the same choice",
}
RUNS = "<!-- runs: newest first -->"
HEADING = re.compile(r"^(#+) ", re.M)


def path_of(kind: str) -> Path:
    return RESULTS / f"{kind}.md"


def demote(text: str, top: int = 2) -> str:
    """Shift the headings of a report so that its highest one is at level `top`."""
    levels = [len(h) for h in HEADING.findall(text)]
    if not levels:
        return text
    shift = top - min(levels)
    return HEADING.sub(lambda m: "#" * max(1, len(m.group(1)) + shift) + " ", text)


def _markers(run_id: str) -> tuple[str, str]:
    return f"<!-- run {run_id} -->", f"<!-- end of run {run_id} -->"


def add_run(kind: str, heading: str, report: str, run_id: str, path: Path | None = None) -> Path:
    """Put `report` in the file of `kind` as its newest run, under `heading` (the run's date and
    what it measured); or replace the run `run_id` when the file has it already."""
    path = path or path_of(kind)
    begin, end = _markers(run_id)
    run = f"{begin}\n## {heading}\n\n{demote(report.strip(), 3)}\n{end}\n"
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = f"# {KINDS.get(kind, kind)}\n\n{RUNS}\n"
    if begin in text:
        before, rest = text.split(begin, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        text = f"{before}{run}\n{after}"
    elif RUNS in text:
        head, runs = text.split(RUNS, 1)
        text = f"{head}{RUNS}\n\n{run}\n{runs.lstrip()}"
    else:  # a file of one report, as --output may name: the run is the whole file
        text = f"{run}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
    return path
