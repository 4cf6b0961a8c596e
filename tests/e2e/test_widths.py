"""Laptop and phone (#25 item 6): a wethouder sees a page's key figures without scrolling sideways.

At 1280 × 800 (a laptop, the sidebar open) the tables that carry the key figures of Overzicht,
Doelen and Kaart fit the content width: nothing in the page's main area scrolls sideways, the
HTML tables (layout.plain_table) as little as the interactive grids (st.dataframe, a canvas of
glide-data-grid whose columns are laid out in `.dvn-scroller`: wider than its box, it shows a
horizontal scrollbar), and the columns that carry the figures are there. No headline tile breaks
a word of its label ("Samenwerkinge / n"), and no gauge's number runs over its ring ("3.673" on
Werkoffensief's). At 390 × 844 (a phone) Overzicht's chart has a title that the toolbars shown on
hover do not cover and that the screen does not cut, and its axis labels are whole, and no tile
breaks a word either. One page load per page and size."""

from __future__ import annotations

import pytest

from tests.e2e.accessibility import wait_until_settled
from tests.e2e.browser import screenshot

pytestmark = pytest.mark.e2e

LAPTOP, PHONE = (1280, 800), (390, 844)
# The headers that carry each page's key figures; each must be in a table that fits.
KEY_COLUMNS = {
    "": ("Samenwerking", "Aangemeld 2026", "Geplaatst 2026"),
    "doelen": ("Programma", "Gerealiseerd", "Prognose", "Status", "Gemeente"),
    "kaart": ("Samenwerking", "Deelnemer", "Rol"),
}

# Every box in the main area that scrolls sideways, and the tables drawn there (closed expanders
# and popovers draw nothing): an HTML table's box, or a grid's scroller, whose inner box is as wide
# as its columns together.
TABLES = """() => {
  const main = document.querySelector("[data-testid='stMain']");
  const shown = e => e.getClientRects().length > 0;
  const wide = [...main.querySelectorAll('*')]
    .filter(e => shown(e) && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
                 && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.getAttribute('data-testid') || e.className} ${e.scrollWidth} > ${e.clientWidth}`);
  const tables = [];
  for (const box of main.querySelectorAll('.sm-tabel')) {
    if (!shown(box)) continue;
    const heads = [...box.querySelectorAll('thead th')];
    const right = box.getBoundingClientRect().right;
    tables.push({kind: 'html', columns: heads.map(h => h.textContent.trim()),
                 cut: heads.filter(h => h.getBoundingClientRect().right > right + 1)
                           .map(h => h.textContent.trim()),
                 width: box.scrollWidth, visible: box.clientWidth});
  }
  for (const grid of main.querySelectorAll("[data-testid='stDataFrame']")) {
    const scroller = grid.querySelector('.dvn-scroller');
    if (!shown(grid) || !scroller) continue;
    const inner = scroller.querySelector('.dvn-scroll-inner') || scroller;
    tables.push({kind: 'grid', columns: [], cut: [],
                 width: Math.max(scroller.scrollWidth, inner.scrollWidth),
                 visible: scroller.clientWidth});
  }
  return {wide, tables};
}"""

# Words of a tile's label that the browser broke over two lines: each word of the label's text,
# as a range, lies on one line (one top) if it is whole.
BROKEN_WORDS = """() => {
  const out = [];
  for (const label of document.querySelectorAll("[data-testid='stMetricLabel']")) {
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, re = /\\S+/g;
      let m;
      while ((m = re.exec(node.nodeValue))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(`${m[0]} (in "${label.textContent.trim()}")`);
      }
    }
  }
  return out;
}"""

# Doelen's gauges whose number runs over the ring: the number's upper corners lie outside the
# ring's inner circle (the outline's path is two arcs, the outer radius first, then the inner).
NUMBER_ON_RING = """() => {
  const out = [];
  for (const trace of document.querySelectorAll('.indicatorlayer .trace')) {
    const number = trace.querySelector('text.number');
    const outline = trace.querySelector('.gauge-outline path');
    if (!number || !number.textContent.trim() || !outline) continue;
    const [outer, inner] = [...outline.getAttribute('d').matchAll(/A([\\d.]+),/g)]
      .map(m => parseFloat(m[1]));
    const o = outline.getBoundingClientRect(), n = number.getBoundingClientRect();
    const scale = o.width / (2 * outer), cx = o.left + o.width / 2, cy = o.top + outer * scale;
    const reach = Math.max(...[n.left, n.right].map(x => Math.hypot(x - cx, n.top - cy)));
    if (reach > inner * scale + 1)
      out.push(`${number.textContent} reaches ${reach.toFixed(0)} px, the ring begins at ` +
               `${(inner * scale).toFixed(0)} px`);
  }
  return out;
}"""

# Overzicht's chart while the pointer is on it: its title (inside the figure, or the heading
# right above it), the toolbars shown then (Plotly's mode bar, Streamlit's element toolbar),
# its axis labels and the box they must stay in.
CHART = """() => {
  const box = e => { const r = e.getBoundingClientRect();
                     return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const chart = document.querySelector("[data-testid='stPlotlyChart']");
  let title = chart.querySelector('.gtitle');
  if (!title || !title.textContent.trim()) {
    const main = document.querySelector("[data-testid='stMain']");
    const headings = [...main.querySelectorAll('h1, h2, h3, h4')]
      .filter(h => h.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING);
    title = headings[headings.length - 1];
  }
  const seen = e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
                      return s.visibility !== 'hidden' && parseFloat(s.opacity) > 0.05
                             && r.width > 0 && r.height > 0; };
  const toolbars = [...document.querySelectorAll(
      "[data-testid='stPlotlyChart'] .modebar, [data-testid='stElementToolbar']")]
    .filter(seen).map(box);
  const svg = chart.querySelector('.main-svg');
  return {title: title.textContent.trim(), titleBox: box(title), toolbars,
          labels: [...chart.querySelectorAll('.ytick text, .xtick text')]
                    .map(t => ({text: t.textContent, ...box(t)})),
          chart: box(svg), width: document.documentElement.clientWidth};
}"""


def _overlap(a: dict, b: dict) -> bool:
    across = a["left"] < b["right"] and b["left"] < a["right"]
    return across and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.fixture(scope="module")
def laptop(browser):
    context = browser.new_context(
        viewport={"width": LAPTOP[0], "height": LAPTOP[1]}, locale="nl-NL"
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", list(KEY_COLUMNS), ids=["overzicht", "doelen", "kaart"])
def test_key_tables_fit_a_laptop_and_tiles_keep_their_words(app_url, laptop, path):
    laptop.goto(f"{app_url}/{path}")
    wait_until_settled(laptop)
    found = laptop.evaluate(TABLES)
    broken = laptop.evaluate(BROKEN_WORDS)
    on_ring = laptop.evaluate(NUMBER_ON_RING)
    screenshot(laptop, f"breedte_{path or 'overzicht'}_1280x800")
    assert found["tables"], f"/{path}: no table drawn"
    problems = [f"scrolls sideways: {w}" for w in found["wide"]]
    problems += [f"wider than its box: {t}" for t in found["tables"]
                 if t["width"] > t["visible"] + 1 or t["cut"]]  # fmt: skip
    shown = {c for table in found["tables"] for c in table["columns"]}
    problems += [f"no column {key!r} in a table that fits" for key in KEY_COLUMNS[path]
                 if not any(key in column for column in shown)]  # fmt: skip
    problems += [f"tile label broken inside a word: {w}" for w in broken]
    problems += [f"a gauge's number runs over its ring: {g}" for g in on_ring]
    assert not problems, f"/{path} at 1280 px:\n" + "\n".join(problems)


def test_overzicht_on_a_phone_shows_its_chart_title_and_labels_whole(app_url, browser):
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_until_settled(page)
        broken = page.evaluate(BROKEN_WORDS)
        chart = page.locator("[data-testid='stPlotlyChart']").first
        chart.scroll_into_view_if_needed()
        chart.hover()
        page.locator("[data-testid='stPlotlyChart'] .modebar").first.wait_for(state="attached")
        # Plotly shows its mode bar with a transition of 0.3 s: wait until it is all there.
        page.wait_for_function(
            "() => [...document.querySelectorAll(\"[data-testid='stPlotlyChart'] .modebar\")]"
            ".every(m => getComputedStyle(m).opacity === '1')"
        )
        found = page.evaluate(CHART)
        screenshot(page, "breedte_overzicht_390x844_grafiek")
    finally:
        context.close()
    problems = [f"tile label broken inside a word: {w}" for w in broken]
    if not found["title"].startswith("Plaatsingen in werk of opleiding"):
        problems.append(f"the chart's title is {found['title']!r}")
    title = found["titleBox"]
    if title["right"] > found["width"]:
        problems.append(f"the title runs off the screen: {title}")
    if not found["toolbars"]:
        problems.append("no toolbar showed on hover")
    problems += [f"the title {title} lies under a toolbar {bar}" for bar in found["toolbars"]
                 if _overlap(title, bar)]  # fmt: skip
    chart = found["chart"]
    problems += [f"axis label cut off: {label}" for label in found["labels"]
                 if label["left"] < chart["left"] - 1 or label["right"] > chart["right"] + 1]  # fmt: skip
    if not found["labels"]:
        problems.append("no axis labels")
    assert not problems, "Overzicht at 390 px:\n" + "\n".join(problems)
