"""The disclosure audit of issue 23: an attacker who reads everything the monitor publishes.

For every year of the sample, and for Alle, each partnership, each programme and each
municipality of the five cases, the builders that draw the pages are run as the pages run them:
Overzicht (tiles, chart, and its table as the CSV download holds it), the slides of Presentatie,
every gauge card of Doelen (its rows as Doelen's CSV holds them, members and history), Gemeente
(tiles, reach, and its table as the CSV holds it), Kaart (the tooltips and colours), the
briefing (the page, and for 2025 and 2026 the text of its PDF and of its PowerPoint with the
data of its funnel chart), the PowerPoint of Presentatie (its tiles; for 2025 and 2026 its text)
and the funnels of Trajecten and
the briefing (on screen, in the CSV and in the Excel file). Every count they show is collected where they ask for it (domain.publication's
`Publication.of`), with the atoms it adds up: the relations between the numbers (totals of
programmes, partnerships, municipalities, work plus training) follow from the atoms.

Then, for every hidden small count, a linear program gives the smallest and largest value that
agrees with everything collected at once (domain.disclosure_audit). The rule the monitor states
on "Over de data": that range covers 0 to 9, or reaches 5 or more on each side of the true value.

A view that shows a count without asking the decision would not be collected by the recorder; so
every place where a view's output shows a count of the year (tiles, table columns, bars, gauge
rows, tooltips, headlines, a funnel's top) must hold a label that the decision gave while that
view was built."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import pytest
import streamlit as st
from pptx import Presentation
from pypdf import PdfReader

from components.shell import data, filters, publication
from components.views import briefing, decks, gemeente_view, overview
from components.views import target_cards as cards
from components.views import target_status as ts
from components.views import trajecten_view as tv
from components.views.map_view import map_view
from data_access.filters import TrajectoryFilter
from domain import context_line
from domain.disclosure_audit import Published, audit, ranges
from domain.export import CSV_FIELDS, SEPARATORS, safe_csv, safe_xlsx
from domain.formatting import current_language, fmt_int, use_language
from domain.publication import Publication
from domain.suppression import is_small
from reports.briefing_pdf import briefing_pdf

THRESHOLD = 10
ATTACKED = (2025, 2026)  # the years of issue 23's two attacks: their briefing PDFs are read too
# One worker runs the whole module, so that the collection (~45 s) is made once per run.
pytestmark = pytest.mark.xdist_group("disclosure_audit")
NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})*(?![\d])|(?<![\d.,])\d+(?![\d.,])")


@dataclass
class Collected:
    """What the monitor published: per year, each count asked for (atoms -> (value, label)); and
    every count a view's output shows in a place for counts that was not one the decision gave
    while that view was built."""

    counts: dict[int, dict[frozenset, tuple[int, str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # Every other label a count was shown with (a contradiction): the attacker reads them all.
    also: dict[int, list[tuple[frozenset, int, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    contradictions: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    shown: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unplanned: set = field(default_factory=set)
    outside: list[str] = field(default_factory=list)  # targets over a period not a year
    asked: list[str] | None = None  # the labels the decision gave during the current build


def _kolom(key: str, **kwargs) -> str:
    from components.shell.i18n import t

    return t(f"kolom.{key}", **kwargs)


def _column(frame: pd.DataFrame | None, name: str) -> list[str]:
    return [] if frame is None or name not in frame else [str(v) for v in frame[name]]


def _as_shown(read: pd.DataFrame) -> pd.DataFrame:
    """A download read back as the page showed it: each whole number formatted as the page does,
    and each empty cell that the row's note names given its label back ('<10', 'x')."""
    read = read.fillna("")
    notes = read.pop(_note()) if _note() in read else pd.Series("", index=read.index)
    for column in read.columns:
        read[column] = [fmt_int(int(v)) if re.fullmatch(r"0|[1-9]\d*", v) else v
                        for v in read[column]]  # fmt: skip
    for i, note in zip(read.index, notes, strict=True):
        for part in filter(None, note.split("; ")):
            column, label = part.rsplit(": ", 1)
            assert read.loc[i, column] == "", (column, read.loc[i, column], label)
            read.loc[i, column] = label
    return read


def _csv(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """The table as its CSV download holds it (layout.table_download hands out these bytes), read
    by pandas with the Dutch separators and given its labels back."""
    if frame is None:
        return None
    language = current_language()  # the page's: the download is made in it
    read = pd.read_csv(io.BytesIO(safe_csv(frame, language, _note())),
                       sep=CSV_FIELDS[language], decimal=SEPARATORS[language][1], dtype=str,
                       encoding="utf-8-sig", keep_default_na=False)  # fmt: skip
    return _as_shown(read)


def _xlsx(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as its Excel download holds it (layout.table_downloads), given its labels back."""
    book = safe_xlsx(frame, language=current_language(), note=_note())
    return _as_shown(pd.read_excel(io.BytesIO(book), dtype=str, engine="openpyxl"))


def _note() -> str:
    from components.shell.i18n import t

    return t("export.toelichting")


# Where each view shows counts of the year (the other numbers on a page are targets, shares,
# dates, CBS figures and the cohort stages of a funnel below its top).
def _split(text: str) -> list[str]:
    """The two counts of 'In werk: 3.424; in opleiding: 863.' (or its English)."""
    found = re.search(r": (.+); in [a-z]+: (.+)\.$", text)
    return list(found.groups()) if found else []


def _overview_counts(view: overview.Overview, year: int) -> list[str]:
    tiles = [value for _, value, _ in view.tiles[2:]]
    tiles += _split(view.tiles[3][2] or "")
    download = _csv(view.table)
    table = _column(download, _kolom("aangemeld_jaar", jaar=year))
    table += _column(download, _kolom("geplaatst_jaar", jaar=year))
    bars = _column(view.bar_table, _kolom("geplaatst"))
    return tiles + table + bars


def _card_counts(card: cards.Card) -> list[str]:
    rows = _column(_csv(pd.DataFrame(card.rows)), _kolom("gerealiseerd"))  # Doelen's download
    return rows + _column(card.members, _kolom("gerealiseerd"))


def _gemeente_counts(figures: gemeente_view.Figures | None, reach: pd.DataFrame) -> list[str]:
    out = [str(reach.iloc[i, 1]) for i in range(len(reach))]
    if figures is None:
        return out
    out += [value for _, value, _ in figures.tiles]
    download = _csv(figures.table)
    for key in ("aangemeld", "gestart", "geplaatst", "duurzaam", "lopend"):
        out += _column(download, _kolom(key))
    return out


def _map_counts(info: pd.DataFrame) -> list[str]:
    return [line.rsplit(": ", 1)[-1] for line in info["cijfer"]]


def _deck(deck) -> tuple[str, list[tuple[str, float]]]:
    """A deck as its .pptx holds it: the text of every slide and its notes, and every value in
    its charts' data, by category (its pictures are the PDF's, of the same figures)."""
    prs = Presentation(io.BytesIO(decks.pptx(deck, pictures=False)))
    text, values = [], []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                text.append(shape.text_frame.text)
            if shape.has_chart:
                for series in shape.chart.plots[0].series:
                    categories = shape.chart.plots[0].categories
                    values += [(str(c), v) for c, v in zip(categories, series.values, strict=True)
                               if v is not None]  # fmt: skip
        text.append(slide.notes_slide.notes_text_frame.text)
    return re.sub(r"\s+", " ", " ".join(text)), values


def _briefing_counts(
    view: briefing.BriefingView, sel: filters.Selection, printed: bool = False
) -> list[str]:
    out = [h.value for h in view.content.headlines]
    out += _split(view.content.placements)
    out = out + [view.content.funnel[0][1]] if view.content.funnel else out
    if printed:
        # The PDF and the PowerPoint print the same content (their gauges and map are pictures of
        # the same figures): every count the page shows is in their text, and the deck's funnel
        # chart holds the funnel's shown counts and nothing else.
        text = " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(briefing_pdf(view.content))).pages
        )
        missing = [label for label in out if label not in text]
        assert not missing, f"the PDF of {view.content.title!r} lacks {missing}"
        text, values = _deck(decks.briefing_draft(sel, date.today()))
        missing = [label for label in out if label not in text]
        assert not missing, f"the PowerPoint of {view.content.title!r} lacks {missing}"
        funnel = {stage: decks.count_value(shown) for stage, shown, _ in view.content.funnel}
        assert values == [(stage, v) for stage, v in funnel.items() if v is not None]
    return out


def _presentation_counts(deck, printed: bool) -> list[str]:
    """The tiles of every slide of the presentation's deck, and (printed) that its text holds them."""
    # Slide 1's first two tiles count partnerships and municipalities, not people.
    out = [value for _, value in deck.slides[0].tiles[2:]]
    out += [value for s in deck.slides[1:] for _, value in s.tiles]
    if printed:
        text, _ = _deck(deck)
        missing = [label for label in out if label not in text]
        assert not missing, f"the presentation's PowerPoint lacks {missing}"
    return out


def _funnel_counts(found) -> list[str]:
    if found is None:
        return []
    # The top (the registrations), as on screen and in the CSV and Excel downloads.
    return [
        str(found.shown.iloc[0, 1]),
        _csv(found.shown).iloc[0, 1],
        _xlsx(found.shown).iloc[0, 1],
    ]


def _build(collected: Collected, view: str, build, counts) -> None:
    """Run a builder as its page does, and check every count it shows against the labels the
    year's decision gave while it ran."""
    collected.asked = []
    try:
        result = build()
    finally:
        asked, collected.asked = collected.asked, None
    for label in counts(result):
        collected.shown[view] += 1
        if label not in asked and label not in ("0", "–"):
            collected.undecided.append(
                f"{view}: {label!r} (the decision gave {sorted(set(asked))})"
            )


def _choices():
    partnerships = context_line.cases(data.partnerships())
    programmes = data.programmes()
    members = data.partnership_members(tuple(int(i) for i in partnerships["id"]))
    municipalities = sorted(set(members["area_code"].dropna()))
    return partnerships, programmes, municipalities


def _collect(collected: Collected, year: int) -> None:
    partnerships, programmes, municipalities = _choices()
    scopes = [(None, None)] + [(None, c) for c in partnerships["code"]]
    scopes += [(c, None) for c in programmes["code"]]
    for programme, partnership in scopes:
        _build(collected, "overzicht",
               lambda programme=programme, partnership=partnership: overview.build_overview(
                   year, programme, partnership, THRESHOLD),
               lambda v: _overview_counts(v, year))  # fmt: skip
    with use_language("en"):
        _build(collected, "overview (en)",
               lambda: overview.build_overview(year, None, None, THRESHOLD),
               lambda v: _overview_counts(v, year))  # fmt: skip
    _build(collected, "presentatie", lambda: overview.national_numbers(year),
           lambda numbers: list(numbers.values()))  # fmt: skip
    for pid in partnerships["id"]:
        ids = {int(i) for i in programmes.loc[programmes["partnership_id"] == pid, "id"]}
        _build(collected, "presentatie", lambda ids=ids: overview.partnership_numbers(year, ids),
               lambda numbers: list(numbers.values()))  # fmt: skip
    everything = programmes.set_index("id")
    for g in ts.year_groups(everything, year):
        name = str(everything.loc[g.programme_id, "name"])
        if ts.calendar_year(g) is None:
            # Outside the year's family: a target over another period (the Den Haag–Westland
            # deal, December 2020 to November 2022) protects its own small counts.
            collected.outside.append(f"{year}: {name} {g.period_start} – {g.period_end}")
            continue
        _build(collected, "doelen", lambda name=name, g=g: cards.build_card(name, g, THRESHOLD, date.today()),
               _card_counts)  # fmt: skip
    names = data.municipalities().set_index("code")["name"]
    for code in municipalities:
        _build(collected, "gemeente",
               lambda code=code: (gemeente_view._own_figures(code, year, THRESHOLD),
                        gemeente_view._reach_rows(code, str(names.get(code, code)), year,
                                                  THRESHOLD)),
               lambda both: _gemeente_counts(*both))  # fmt: skip
    _build(collected, "kaart", lambda: map_view(year).info, _map_counts)
    for p in programmes["id"]:
        _build(collected, "kaart", lambda p=p: map_view(year, (), (int(p),)).info, _map_counts)
    selections = [filters.Selection(year)]
    selections += [filters.Selection(year, partnership=c) for c in partnerships["code"]]
    selections += [filters.Selection(year, municipality=c) for c in municipalities]
    for sel in selections:
        _build(collected, "briefing", lambda sel=sel: briefing.build(sel),
               lambda view, sel=sel: _briefing_counts(view, sel, printed=year in ATTACKED))  # fmt: skip
    _build(collected, "presentatie (pptx)",
           lambda: decks.presentation_draft(year, None, date.today()),
           lambda deck: _presentation_counts(deck, printed=year in ATTACKED))  # fmt: skip
    whole = {"registered_from": date(year, 1, 1), "registered_to": date(year, 12, 31)}
    funnels = [TrajectoryFilter(**whole)]
    funnels += [TrajectoryFilter(**whole, programme_ids=(int(p),)) for p in programmes["id"]]
    funnels += [TrajectoryFilter(**whole, area_codes=(c,)) for c in municipalities]
    for f in funnels:
        _build(collected, "trajecten", lambda f=f: tv.funnel_of(f, THRESHOLD, ""), _funnel_counts)


@pytest.fixture(scope="module")
def published(sample_sqlite) -> Collected:
    """Everything the builders show for every year and choice, collected once."""
    collected = Collected()
    original = Publication.of

    def recording(self: Publication, atoms):
        count = original(self, atoms)
        if collected.asked is not None:
            collected.asked.append(count.label)
        if atoms:
            seen = collected.counts[self.year].setdefault(atoms, (count.value, count.label))
            if seen[1] != count.label and not _same_number(seen[1], count.label):
                collected.contradictions.append(f"{self.year} {sorted(atoms)}: {seen} / {count}")
                collected.also[self.year].append((atoms, count.value, count.label))
        return count

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", sample_sqlite)
        mp.setenv("SUPPRESS_BELOW", str(THRESHOLD))
        mp.setattr(Publication, "of", recording)
        st.cache_data.clear()
        st.cache_resource.clear()
        first, last = data.year_range()
        for year in range(first, last + 1):
            _collect(collected, year)
            collected.unplanned |= {(year, a) for a in publication.year(year).unplanned}
        st.cache_resource.clear()
    return collected


def _same_number(a: str, b: str) -> bool:
    """'1.234' (Dutch) and '1,234' (English) are one number."""
    return a.replace(".", "").replace(",", "") == b.replace(".", "").replace(",", "")


def _as_published(atoms: frozenset, value: int, label: str) -> Published:
    if label.startswith("<"):
        return Published.small(atoms, THRESHOLD)
    if label == "x":
        return Published.hidden(atoms)
    return Published.exact(atoms, value)


def test_every_year_and_every_view_was_collected(published):
    first, last = data.year_range() or (0, -1)
    assert sorted(published.counts) == list(range(first, last + 1))
    for view in ("overzicht", "overview (en)", "presentatie", "presentatie (pptx)", "doelen",
                 "gemeente", "kaart", "briefing", "trajecten"):  # fmt: skip
        assert published.shown[view] > 0, f"{view} showed no counts"
    assert sum(len(c) for c in published.counts.values()) > 500


def test_every_view_asks_the_years_decision_and_it_always_answers_alike(published):
    assert published.unplanned == set()
    assert published.contradictions == []


def test_every_count_a_view_shows_is_one_the_decision_gave(published):
    """A view that formats a count itself (as Doelen did with Altena's 91) shows a label the
    decision did not give while it was built."""
    assert published.undecided == [], "\n".join(published.undecided[:20])


def test_only_targets_over_another_period_than_a_year_are_decided_apart(published):
    """The one kind of count outside the years' decisions, named so that a new one is noticed."""
    assert sorted(set(published.outside)) == [
        f"{year}: Regionale deal glastuinbouw en agrologistiek 2020-12-01 – 2022-11-30"
        for year in (2020, 2021, 2022)
    ]


def test_no_hidden_small_count_can_be_pinned_down_from_everything_shown(published):
    findings = []
    for year, counts in published.counts.items():
        findings += [f"{year}: {f}" for f in _attack(counts, published.also[year])]
    assert findings == []


def _attack(counts: dict, also=()) -> list:
    """What the attacker pins down from every count shown (with every label it was shown with)."""
    shown = [_as_published(a, v, label) for a, (v, label) in counts.items()]
    shown += [_as_published(a, v, label) for a, v, label in also]
    small = {a: v for a, (v, label) in counts.items() if is_small(v, THRESHOLD)}
    return audit(shown, small, THRESHOLD)


def test_the_audit_fails_when_one_view_shows_a_count_another_hides(published):
    """As on main before this change: 2025 with Programma = Kop van Noord-Holland showed Altena's
    107, which Overzicht hid as "x" for Alle. Added to what the monitor shows now, the attacker
    pins Bonaire's placements at 9."""
    counts = published.counts[2025]
    altena = next(a for a in counts if {(p, area) for _, p, area in a} == {(2, "GM1959")}
                  and {m for m, _, _ in a} == {"geplaatst_werk", "geplaatst_opleiding"})  # fmt: skip
    value, label = counts[altena]
    assert (value, label) == (107, "x")
    found = _attack(counts, [(altena, value, "107")])
    assert any(f.true_value == 9 and (f.low, f.high) == pytest.approx((9, 9)) for f in found)


@pytest.mark.parametrize("year", [2025, 2026])
def test_bonaires_placements_stay_anywhere_from_0_to_9(published, year):
    """The two attacks of issue 23 (across pages, 2026; across filters, 2025) fail."""
    counts = published.counts[year]
    bonaire = next(a for a in counts if {(p, area) for _, p, area in a} == {(1, "GM9001")}
                   and {m for m, _, _ in a} == {"geplaatst_werk", "geplaatst_opleiding"})  # fmt: skip
    assert counts[bonaire][1] == "<10"
    shown = [_as_published(a, v, label) for a, (v, label) in counts.items()]
    assert ranges(shown, [bonaire])[bonaire] == pytest.approx((0, 9))
