"""Status of a target in colour, shape and words, and the sentences under a gauge."""

from __future__ import annotations

from datetime import date

from components.shell.i18n import t
from components.shell.style import PALETTE
from domain.formatting import fmt_date, fmt_int, fmt_pct
from domain.pace import Pace, Status
from domain.targets import part_progress

# Okabe–Ito colours (components.shell.style), distinguishable with the common forms of colour blindness;
# the status is always also given as a shape and in words, so colour is never the only carrier.
STATUS_COLOURS = {
    Status.ON_TRACK: PALETTE[2],  # bluish green
    Status.MET: PALETTE[0],  # blue
    Status.BEHIND: PALETTE[1],  # orange
    Status.WELL_BEHIND: PALETTE[4],  # vermillion
    Status.NOT_MET: PALETTE[4],
    Status.NOT_STARTED: "#9aa5b1",
    Status.TOO_SMALL: "#9aa5b1",
    Status.SHIELDED: "#9aa5b1",
}
STATUS_ICONS = {
    Status.ON_TRACK: "●",
    Status.MET: "✔",
    Status.BEHIND: "▲",
    Status.WELL_BEHIND: "▲▲",
    Status.NOT_MET: "✖",
    Status.NOT_STARTED: "○",
    Status.TOO_SMALL: "–",
    Status.SHIELDED: "–",
}


def status_text(p: Pace) -> str:
    """'Op koers', 'Doel niet gehaald', ... (words only: for tables and downloads)."""
    return t(f"status.{p.status.value}")


def status_line(p: Pace) -> str:
    """The status as a shape and in words, with 'eindstand' once the period is over."""
    line = f"{STATUS_ICONS[p.status]} **{status_text(p)}**"
    return line + t("doelen.eindstand") if p.final else line


def percentage(p: Pace, hidden: bool) -> str:
    return "–" if hidden else fmt_pct(p.realised / p.target)


def forecast_text(p: Pace, start: date, end: date, hidden: bool) -> str:
    """One sentence on where the programme is heading, or how it ended; it follows the status
    (both come from the forecast in domain.pace), so the two never contradict each other."""
    if p.status is Status.NOT_STARTED:
        return t("doelen.begint", van=fmt_date(start))
    if hidden:
        shielded = p.status is Status.SHIELDED
        return t("doelen.prognose_afgeschermd" if shielded else "doelen.prognose_verborgen")
    if p.status is Status.MET:
        if p.reached_on is not None:
            return t("doelen.gehaald_op", datum=fmt_date(p.reached_on))
        return t("doelen.gehaald")
    if p.status is Status.NOT_MET:
        return t("doelen.niet_gehaald", tekort=fmt_int(p.target - p.realised))
    if p.status is Status.ON_TRACK:
        return t("tempo.gehaald_rond", datum=fmt_date(p.reached_on), prognose=fmt_int(p.forecast),
                 tot=fmt_date(end))  # fmt: skip
    return t("tempo.niet_gehaald", prognose=fmt_int(p.forecast), doel=fmt_int(p.target),
             tot=fmt_date(end), nodig=fmt_int(p.target - p.realised))  # fmt: skip


def reached_cell(p: Pace, hidden: bool) -> str:
    """The table's 'doel bereikt (op / rond)' column."""
    if hidden or p.reached_on is None:
        return "–"
    return fmt_date(p.reached_on)


def progress_text(p: Pace, shown: str, as_of: date, hidden: bool, metric: str) -> str:
    """'Gerealiseerd: 4.248 van 4.500 plaatsingen in werk of opleiding (94%).', naming what the
    target counts (`metric`), with the pro-rata expectation while running."""
    # A hidden count has no share either: "x van 90", not "x van 90 (–)".
    text = t("doelen.uitleg_meter_verborgen" if hidden else "doelen.uitleg_meter",
             gerealiseerd=shown, doel=fmt_int(p.target), metriek=t(f"metriek.{metric}"),
             procent=percentage(p, hidden))  # fmt: skip
    if p.final or p.status is Status.NOT_STARTED:
        return text
    return (
        text + " " + t("doelen.verwacht", peildatum=fmt_date(as_of), verwacht=fmt_int(p.expected))
    )


def parts_text(p: Pace, parts: tuple[tuple[str, int], ...]) -> str:
    """For a target built from parts (the standing task, then the extra): how far each got."""
    lines = []
    for part in part_progress(p.realised, parts):
        if part.met:
            lines.append(t("doelen.deel_gehaald", deel=part.label, tot=fmt_int(part.top)))
        else:
            key = "doelen.deel_niet_gehaald" if p.final else "doelen.deel_nog_niet"
            lines.append(t(key, deel=part.label, tot=fmt_int(part.top), tekort=fmt_int(part.short)))
    return "  \n".join(lines)
