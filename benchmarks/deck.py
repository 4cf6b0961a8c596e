"""How long the PowerPoint of a choice takes beside the PDF of the same choice (issue 27's budget:
at most 1.5 times), measured in one run, on the database of DATABASE_URL (default: the sample).

The choice is the national one (Alle, the latest year with data): the briefing as PDF and as
PowerPoint, and the presentation's PowerPoint. Each file is made from its content as the download
button makes it: the pictures drawn by kaleido, then the file written. kaleido's browser is started
and the content built before timing, as on a running server where the page was just shown. The
two briefing files are made in turns, `--runs` times each (default 7), so that a busy moment of the
machine falls on both; the medians and their ratio are printed and added as a run to
benchmarks/results/deck.md (--output FILE elsewhere).

    python -m benchmarks.deck [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from datetime import date, datetime
from pathlib import Path

from benchmarks import record

BUDGET = 1.5  # the PowerPoint may take at most this many times the PDF's time


def _timed(make) -> float:
    began = time.perf_counter()
    made = make()
    assert len(made) > 10_000
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--output", type=Path, default=record.path_of("deck"))
    args = parser.parse_args()
    from components.drawing.chart_export import png
    from components.shell import data, filters
    from components.views import briefing, decks

    year = data.year_range()[1]
    today = date.today()
    sel = filters.Selection(year)
    view = briefing.shared(sel, today)
    briefing_deck = decks.shared_briefing(sel, today)
    presentation = decks.shared_presentation(year, None, today)
    png(view.gauge_figures[0])  # kaleido's browser, started once per server process
    pdf, pptx, slides = [], [], []
    for _ in range(args.runs):
        pdf.append(_timed(lambda: briefing.pdf(view)))
        pptx.append(_timed(lambda: decks.pptx(briefing_deck)))
        slides.append(_timed(lambda: decks.pptx(presentation)))
    ratio = statistics.median(pptx) / statistics.median(pdf)
    started = datetime.now()
    load = os.getloadavg()[0]
    lines = [
        f"Command: `python -m benchmarks.deck --runs {args.runs}`; the national choice of {year}",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, load average {load:.1f} at the end.",
        "",
        "| file | median (s) | min (s) | max (s) |",
        "|---|---|---|---|",
        *(f"| {name} | {statistics.median(t):.2f} | {min(t):.2f} | {max(t):.2f} |"
          for name, t in (("briefing PDF", pdf), ("briefing PowerPoint", pptx),
                          ("presentation PowerPoint", slides))),
        "",
        f"PowerPoint / PDF of the briefing: **{ratio:.2f}×** (budget {BUDGET}×: "
        f"{'within' if ratio <= BUDGET else 'OVER'}).",
    ]  # fmt: skip
    print("\n".join(lines))
    heading = f"{started:%d-%m-%Y %H:%M}: briefing and presentation, {args.runs} runs"
    record.add_run("deck", heading, "\n".join(lines), run_id=f"{started:%Y%m%d-%H%M%S}",
                   path=args.output)  # fmt: skip
    if ratio > BUDGET:
        raise SystemExit(
            f"De PowerPoint duurt {ratio:.2f} keer zo lang als de PDF (budget {BUDGET})."
        )


if __name__ == "__main__":
    main()
