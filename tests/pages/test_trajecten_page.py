"""The Trajecten page: filters in the link, the Holland Rijnland comparison in one click, and no
small number on screen."""

import json
import re

from data_access import queries
from data_access.engine import make_engine
from tests.pages.apptest import open_page, plain_tables


def _provider_ids(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        providers = queries.providers(engine)
    finally:
        engine.dispose()
    return {name: int(i) for name, i in zip(providers["name"], providers["id"], strict=True)}


def _param(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def test_a_shared_link_reopens_the_same_filters(seeded_url):
    b = _provider_ids(seeded_url)["Aanbieder B"]
    at = open_page(
        "pages/trajecten.py",
        jaar="2024", samenwerking="HOLLAND-RIJNLAND", programma="HR-INKOOP",
        van="2023-03", tot="2024-02", aanbieder=str(b), plaatsing="werk",
        vergelijk="gemeente", groepen="GM0546,GM0575",
    )  # fmt: skip
    assert not at.exception, at.exception
    assert at.selectbox(key="f_programma").value == "HR-INKOOP"
    assert at.selectbox(key="t_van").value == "2023-03"
    assert at.selectbox(key="t_tot").value == "2024-02"
    assert at.selectbox(key="t_aanbieder").value == b
    assert at.selectbox(key="t_plaatsing").value == "werk"
    assert at.selectbox(key="t_vergelijk").value == "gemeente"
    assert at.multiselect(key="t_groepen").value == ["GM0546", "GM0575"]
    # ... and the URL still says so after the run, so the link can be passed on again.
    for name, value in (("van", "2023-03"), ("tot", "2024-02"), ("aanbieder", str(b)),
                        ("plaatsing", "werk"), ("vergelijk", "gemeente"),
                        ("groepen", "GM0546,GM0575"), ("programma", "HR-INKOOP")):  # fmt: skip
        assert _param(at, name) == value, name


def test_holland_rijnland_providers_are_one_click_away(seeded_url):
    at = open_page("pages/trajecten.py", jaar="2024")
    at.button(key="t_hr_knop").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="f_programma").value == "HR-INKOOP"
    assert at.selectbox(key="t_vergelijk").value == "aanbieder"
    ids = _provider_ids(seeded_url)
    expected = sorted(ids[n] for n in ("Aanbieder A", "Aanbieder B", "Aanbieder C"))
    assert sorted(at.multiselect(key="t_groepen").value) == expected
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    compare = next(s for s in specs if s["data"][0]["type"] == "bar" and len(s["data"]) == 3)
    assert {trace["name"] for trace in compare["data"]} == {"Aanbieder A", "Aanbieder B",
                                                            "Aanbieder C"}  # fmt: skip
    assert _param(at, "vergelijk") == "aanbieder"
    assert _param(at, "programma") == "HR-INKOOP"


def test_no_count_between_one_and_nine_is_on_screen_for_a_small_programme():
    # Bonaire–Leiden is small: many cells are below the threshold.
    at = open_page(
        "pages/trajecten.py", jaar="2024", samenwerking="BONAIRE-LEIDEN", vergelijk="jaar"
    )
    assert not at.exception, at.exception
    frames = [*(e.value for e in at.dataframe), *plain_tables(at)]
    assert frames, "the page shows its tables"
    cells = [str(v) for df in frames for v in [*df.index, *df.to_numpy().ravel()]]
    assert "<10" in cells, "the small programme does have hidden counts"
    assert not [c for c in cells if re.fullmatch(r"[1-9]", c)]
    metrics = [m.value for m in at.metric]
    assert not [m for m in metrics if re.fullmatch(r"[1-9]", str(m))]


def test_every_table_has_csv_and_excel_downloads():
    at = open_page("pages/trajecten.py", jaar="2024", vergelijk="aanbieder")
    keys = {b.proto.id for b in at.get("download_button")}
    assert len(at.get("download_button")) >= 8, keys
