"""What is invented and what is real, said in the page's language: the notice above a page's
trajectory figures, its plain text for a PDF or a slide, and the column an export carries.

The scope is the set of programmes (and municipality) whose trajectories a view counts; the
origin per programme is domain.origin's."""

from __future__ import annotations

from components.shell import data
from components.shell.filters import Selection
from components.shell.i18n import t
from components.shell.scope import trajectory_filter
from data_access.filters import TrajectoryFilter
from domain.formatting import fmt_int
from domain.literal import md_join
from domain.origin import Origin, origin


def of(scope: Selection | None = None, programme_ids: set[int] | None = None) -> Origin:
    """The origin of the trajectories in `scope` (the codes a view counts; None: all), or of the
    given programmes."""
    everything = data.trajectory_origin()
    if scope is None:
        return origin(everything, everything, programme_ids)
    f = trajectory_filter(scope, data.partnerships(), data.programmes(), whole_year=False)
    return origin(data.trajectory_origin(f), everything, programme_ids)


def of_filter(f: TrajectoryFilter) -> Origin:
    """The origin of the trajectories a filter counts (its dates aside)."""
    return origin(data.trajectory_origin(f), data.trajectory_origin())


def _lines(o: Origin, join) -> list[str]:
    """The notice's sentences; names joined by `join` (escaped for Markdown, or plain)."""
    if o.kind == "fictief":
        if o.everything_invented:
            return [t("algemeen.fictief")]
        return [t("herkomst.fictief", programmas=join(o.invented))]
    if o.kind != "deels":
        return []
    out = [t("herkomst.deels")]
    if o.invented:
        out.append(t("herkomst.verzonnen", programmas=join(o.invented)))
    if o.mixed:
        out.append(t("herkomst.gemengd", programmas=join(o.mixed)))
    if o.real:
        out.append(t("herkomst.echt", programmas=join(o.real)))
    out.append(t("herkomst.cbs"))
    return out


def notice_md(o: Origin) -> str:
    """The notice as Markdown, or '' when every trajectory in scope is real."""
    return " ".join(_lines(o, md_join))


def notice_plain(o: Origin) -> str:
    """The notice as plain text (PDF, slides, exports): no Markdown, names as they are."""
    if o.kind == "fictief" and o.everything_invented:
        return t("briefing.pdf_fictief")
    return " ".join(line.replace("**", "") for line in _lines(o, ", ".join))


def short(o: Origin) -> str:
    """A few words for a footer: 'Fictieve voorbeelddata', 'Deels fictieve …', or ''."""
    return {"fictief": t("herkomst.kort_fictief"), "deels": t("herkomst.kort_deels")}.get(
        o.kind, ""
    )


def export_value(o: Origin) -> str:
    """The export's Herkomst cell: the kind, and for a mixed scope which programmes are which."""
    if o.kind == "deels":
        return f"{t('herkomst.waarde_deels')}: " + " ".join(_lines(o, ", ".join)[1:-1])
    return t(f"herkomst.waarde_{o.kind}")


def real_and_invented() -> str:
    """What is real and what is invented, with the trajectories per programme once real data
    has arrived (domain.origin)."""
    totals = data.trajectory_total()
    found = of()
    total, invented = totals["total"], totals["fictional"]
    counts = {"totaal": fmt_int(total), "fictief": fmt_int(invented)}
    real = ""
    if found.everything_invented or not total:
        trajectories, closing = t("context_regel.trajecten_alle", **counts), "slot_alle"
    else:
        real = t("context_regel.echte_trajecten", totaal=counts["totaal"],
                 echt=fmt_int(total - invented),
                 programmas=md_join((*found.real, *found.mixed)))  # fmt: skip
        if found.has_invented:
            trajectories = t("context_regel.trajecten_deels", **counts,
                             programmas=md_join((*found.invented, *found.mixed)))  # fmt: skip
            closing = "slot_deels"
        else:
            trajectories, closing = t("context_regel.trajecten_geen"), "slot_echt"
    return t("context_regel.echt", verzonnen_trajecten=trajectories, echte_trajecten=real,
             slot=t(f"context_regel.{closing}"))  # fmt: skip
