"""Trajecten in headless Chromium: funnel, Holland Rijnland provider comparison and trend draw,
and the link in the address bar reopens the same filters."""

import pytest

from tests.e2e.browser import screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e

TALL = {"width": 1400, "height": 4600}  # Streamlit scrolls an inner box: a tall window shows all


def _widget_text(page, testid: str, label: str) -> str:
    """What a selectbox or multiselect shows: its label, chosen chips and the input's value."""
    widget = page.locator(f"[data-testid='{testid}']").filter(has_text=label).first
    values = [i.input_value() for i in widget.locator("input").all()]
    return " ".join([widget.inner_text(), *values])


def assert_time_to_placement_drawn(page) -> None:
    """The providers' time to placement: three curves, each with its 95 % band, a share within
    12 months per provider, a plain verdict for each of the three pairs, and the figures behind
    the verdicts one click away."""
    section = page.get_by_role("heading", name="Tijd tot plaatsing: wat werkt?")
    section.scroll_into_view_if_needed()
    chart = page.locator(".js-plotly-plot").filter(
        has=page.locator(".gtitle", has_text="Deel geplaatst binnen zoveel maanden")
    )
    chart.wait_for(timeout=30_000)
    legend = chart.locator(".legend").first.text_content()
    for provider in ("Aanbieder A", "Aanbieder B", "Aanbieder C"):
        assert provider in legend, provider
    # Each provider's curve and band: at least six lines in the chart's scatter layer.
    assert chart.locator(".scatterlayer .trace").count() >= 6
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "Binnen 12 maanden geplaatst" in body
    verdicts = body.count("verschil waarschijnlijk echt") + body.count("verschil kan toeval zijn")
    assert verdicts == 3, body
    details = page.locator("[data-testid='stExpander']", has_text="Cijfers achter het oordeel")
    details.get_by_text("Cijfers achter het oordeel").click()
    table = details.locator("table")
    table.wait_for(state="visible", timeout=30_000)
    assert "Log-ranktoets" in table.inner_text()
    assert len(table.locator("tbody tr").all()) == 3
    screenshot(page, "trajecten_tijd_tot_plaatsing")


def test_funnel_provider_comparison_and_trend_draw_and_the_link_reproduces_them(
    app_url, page, browser
):
    page.set_viewport_size(TALL)
    page.goto(f"{app_url}/trajecten?jaar=2024")
    wait_until_drawn(page)
    page.wait_for_selector(".funnellayer .point", timeout=30_000)
    page.get_by_role("button", name="Aanbieders Holland Rijnland vergelijken").click()
    wait_until_drawn(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".some(p => p.querySelectorAll('.barlayer .trace').length === 3)",
        timeout=30_000,
    )
    page.wait_for_selector(".scatterlayer .trace", timeout=30_000)
    screenshot(page, "trajecten_hr_vergelijking")
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    body = page.locator("[data-testid='stMain']").inner_text()
    for words in ("Aanbieder A", "Aanbieder B", "Aanbieder C", "Trend per maand",
                  "Doorlooptijden", "Uitval per fase"):  # fmt: skip
        assert words in body, words
    assert_time_to_placement_drawn(page)

    link = page.url
    assert "programma=HR-INKOOP" in link and "vergelijk=aanbieder" in link
    other = browser.new_context(viewport=TALL, locale="nl-NL").new_page()
    try:
        other.goto(link)
        wait_until_drawn(other)
        other.wait_for_selector(".funnellayer .point", timeout=30_000)
        assert "Gezamenlijke inkoop" in _widget_text(other, "stSelectbox", "Programma")
        assert "Aanbieders" in _widget_text(other, "stSelectbox", "Vergelijk")
        chosen = _widget_text(other, "stMultiSelect", "Groepen")
        for name in ("Aanbieder A", "Aanbieder B", "Aanbieder C"):
            assert name in chosen
        assert "januari 2024" in _widget_text(other, "stSelectbox", "Aangemeld vanaf")
        assert other.locator("[data-testid='stException']").count() == 0
        screenshot(other, "trajecten_gedeelde_link")
    finally:
        other.context.close()
