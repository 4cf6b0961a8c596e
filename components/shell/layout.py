"""Recurring page parts: header, invented-data notice, headline tiles, definitions, data date."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell import data, origin
from components.shell.filters import Selection
from components.shell.i18n import t
from domain.formatting import current_language, fmt_date
from domain.literal import md
from domain.origin import Origin


def header(page: str) -> None:
    from components.shell.style import FOCUS_CSS

    st.html(FOCUS_CSS)
    st.title(t(f"{page}.titel"))
    st.caption(t(f"{page}.intro"))


def fictional_notice(scope: Selection | None = None) -> Origin:
    """Said on every page that shows trajectories while any of them in its scope is invented:
    per programme what is invented and what is real (components.shell.origin). `scope`: the
    codes whose trajectories the page counts; None for all. Returns the origin, for the page's
    downloads."""
    return origin_notice(origin.of(scope))


def origin_notice(found: Origin) -> Origin:
    """The notice of fictional_notice for an origin the page already has; returns it."""
    text = origin.notice_md(found)
    if text:
        st.info(text, icon="ℹ️")
    return found


def tiles(items: list[tuple[str, str, str | None]]) -> None:
    """A row of headline numbers: (label, value, help)."""
    columns = st.columns(len(items))
    for column, (label, value, help_text) in zip(columns, items, strict=True):
        column.metric(label, value, help=help_text, border=True)


def definitions() -> None:
    """The definitions panel: one meaning per word, on every page."""
    months = data.settings().lasting_months
    threshold = data.settings().suppress_below
    with st.expander(t("definities.kop")):
        st.markdown(t("definities.tekst", maanden=months, drempel=threshold))


def data_date() -> None:
    """'Stand per': the date the data of each programme runs to."""
    status = data.data_status()
    known = status.dropna(subset=["data_until"])
    if known.empty:
        st.caption(t("algemeen.geen_stand"))
        return
    latest = known["data_until"].max()
    st.caption(t("algemeen.stand_per", datum=fmt_date(latest)))


def _export_words(found: Origin | None = None) -> dict:
    """The language and the words of an export, read during the page's run: the file is made on
    a server thread later, outside the run's language."""
    threshold = data.settings().suppress_below
    legend = (
        (f"<{threshold}", t("export.klein", drempel=threshold)),
        ("x", t("export.afgeschermd")),
        ("–", t("export.geen_waarde")),
        (t("export.getallen_kop"), t("export.getallen")),
    )
    if found is not None:
        text = origin.notice_plain(found) or origin.export_value(found)
        legend += ((t("herkomst.kolom"), t("herkomst.uitleg", tekst=text)),)
    return {"language": current_language(), "note": t("export.toelichting"), "legend": legend}


def with_origin(df: pd.DataFrame, found: Origin | None) -> pd.DataFrame:
    """A table of trajectory figures with its Herkomst column: invented or real, per scope."""
    if found is None:
        return df
    return df.assign(**{t("herkomst.kolom"): origin.export_value(found)})


def table_download(df: pd.DataFrame, file_stem: str, key: str, found: Origin | None = None) -> None:
    """A CSV download of a table that is already suppressed and formatted for people: the file
    holds its numbers as numbers (domain.export). `found`: the origin of the trajectories behind
    the table's figures, for a table that has them; the file says it in a column."""
    from domain.export import safe_csv

    df = with_origin(df, found)
    words = _export_words(found)
    # The file is only made when clicked: building it on every run cost each page run CPU.
    st.download_button(
        t("algemeen.download_csv"),
        data=lambda: safe_csv(df, words["language"], words["note"]),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


def table_downloads(
    df: pd.DataFrame, file_stem: str, key: str, found: Origin | None = None
) -> None:
    """CSV and Excel downloads side by side of a table that is already suppressed and formatted
    (`found` as in table_download)."""
    from domain.export import safe_csv, safe_xlsx

    df = with_origin(df, found)
    words = _export_words(found)
    sheet = t("export.blad")
    c1, c2, _ = st.columns([1, 1, 3])
    # The files are only made when clicked: building them on every run cost each run CPU.
    c1.download_button(
        t("algemeen.download_csv"), data=lambda: safe_csv(df, words["language"], words["note"]),
        file_name=f"{file_stem}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore",
    )  # fmt: skip
    c2.download_button(
        t("algemeen.download_xlsx"),
        data=lambda: safe_xlsx(df, sheet, **words),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", on_click="ignore",
    )  # fmt: skip


def share_link(heading: str, explanation: str) -> None:
    """The page's address with its filters (they live in the URL), in a box with a copy icon:
    Streamlit has no clipboard API, st.code has a copy button. Behind a button: the code box
    loads a syntax highlighter that cost the page ~0.2 s to draw, and a popover draws its content
    only when it is opened."""
    from urllib.parse import urlencode

    base = st.context.url or ""
    query = urlencode(st.query_params.to_dict())
    with st.popover(heading, icon=":material/link:"):
        st.caption(explanation)
        st.code(f"{base}?{query}" if query else base, language=None)


def chart_text(sentence: str, table: pd.DataFrame | None = None) -> None:
    """A chart's text alternative: its one-sentence summary, and its (suppressed) table in a
    closed expander when the page does not show that table anyway."""
    st.caption(md(sentence))
    if table is not None:
        with st.expander(t("toegankelijkheid.tabel_kop")):
            plain_table(table)


def plain_table(table: pd.DataFrame, label: str | None = None) -> None:
    """A small table as plain HTML, its first column as row headers.

    For tables of a few rows that need no sorting: screen readers read it cell by cell with its
    headers (the interactive grid is a canvas), it prints whole, and a page without a grid does not
    load the grid's code, which cost ~0.25 s of drawing. A table wider than its column scrolls
    inside its own box, which the keyboard reaches (tabindex) and a screen reader names (label):
    st.table's scroll box could be reached by neither (axe-core: scrollable-region-focusable)."""
    from components.shell.style import TABLE_CSS

    label = label or t("a11y.tabel", kolommen=", ".join(str(c) for c in table.columns[:3]))
    st.html(TABLE_CSS)
    st.html(_table_html(table, label))


def _html_of(table: pd.DataFrame, label: str) -> str:
    from components.shell.html_table import table_html

    return table_html(table, label)


# The same table on the next run, or in another session, is not written out again.
_table_html = data.built(_html_of)
