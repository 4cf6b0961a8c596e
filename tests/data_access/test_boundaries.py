"""Loading municipal boundaries: good files are stored whole, bad files are refused in Dutch and
change nothing. Shapes are made here; the reference file is read only where it exists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access import boundaries, queries
from data_access.__main__ import main
from data_access.schema import area_boundary
from tests.builders import add_areas

# The 2025 boundaries that ship with the sample data (CBS, PDOK), as an administrator would load them.
REFERENCE = (
    Path(__file__).resolve().parents[2] / "sample_data" / "grenzen" / "gemeenten_2025.geojson"
)
SQUARE = [[[4.40, 52.20], [4.50, 52.20], [4.50, 52.30], [4.40, 52.30], [4.40, 52.20]]]


def feature(code, geometry=None, **props):
    return {
        "type": "Feature",
        "properties": {"statcode": code, **props} if code is not None else props,
        "geometry": geometry or {"type": "Polygon", "coordinates": SQUARE},
    }


def collection(*features, **extra) -> dict:
    return {"type": "FeatureCollection", "features": list(features), **extra}


def write(tmp_path: Path, doc, name="gemeenten_2024.geojson") -> Path:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def areas_engine(engine):
    with engine.begin() as conn:
        add_areas(conn)
    return engine


def stored(engine) -> dict[str, dict]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(area_boundary)).mappings().all()
    return {r["area_code"]: dict(r) for r in rows}


def test_small_shapes_are_stored_with_year_from_the_file_name(areas_engine, tmp_path):
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE, SQUARE]}
    path = write(tmp_path, collection(feature("GM0546"), feature("GM0575", multi)))
    assert boundaries.import_file(areas_engine, path) == 2
    rows = stored(areas_engine)
    assert set(rows) == {"GM0546", "GM0575"}
    assert rows["GM0546"]["year"] == 2024
    assert rows["GM0546"]["source"] == "gemeenten_2024.geojson"
    assert json.loads(rows["GM0575"]["geometry"])["type"] == "MultiPolygon"
    frame = queries.area_boundaries(areas_engine)
    assert list(frame["area_code"]) == ["GM0546", "GM0575"]


def test_a_new_import_replaces_the_earlier_boundaries(areas_engine, tmp_path):
    boundaries.import_file(areas_engine, write(tmp_path, collection(feature("GM0546"))))
    boundaries.import_file(
        areas_engine, write(tmp_path, collection(feature("GM0575")), "b.geojson"), year=2025
    )
    rows = stored(areas_engine)
    assert set(rows) == {"GM0575"}
    assert rows["GM0575"]["year"] == 2025


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("dit is geen json", "is geen GeoJSON: de inhoud is geen geldige JSON"),
        (json.dumps({"type": "Feature"}), "is geen GeoJSON FeatureCollection"),
        (json.dumps(collection()), "bevat geen gebieden"),
        (json.dumps(collection(feature("GM0546"), feature(None, statnaam="Leiden"))),
         "object 2: geen CBS-code (eigenschap 'statcode'"),
        (json.dumps(collection(feature("0546"))), "object 1: '0546' is geen CBS-gemeentecode"),
        (json.dumps(collection(feature("GM4242"))), "object 1: gemeentecode GM4242 is onbekend"),
        (json.dumps(collection(feature("GM0546"), feature("GM0546"))),
         "object 2: gemeentecode GM0546 staat ook al in object 1"),
        (json.dumps(collection(feature("GM0546", {"type": "Point", "coordinates": [4, 52]}))),
         "object 1: vorm Point is geen Polygon of MultiPolygon"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_dutch_naming_file_and_feature(
    areas_engine, tmp_path, content, expected
):
    path = write(tmp_path, content, "fout.geojson")
    with pytest.raises(boundaries.BoundaryError) as caught:
        boundaries.import_file(areas_engine, path)
    assert expected in str(caught.value)
    assert "fout.geojson" in str(caught.value)


def test_rijksdriehoek_by_crs_is_refused_with_advice(areas_engine, tmp_path):
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    path = write(tmp_path, collection(feature("GM0546"), crs=crs))
    with pytest.raises(boundaries.BoundaryError, match="Rijksdriehoek \\(EPSG:28992\\)") as caught:
        boundaries.import_file(areas_engine, path)
    assert "EPSG:4326" in str(caught.value)


def test_rijksdriehoek_by_metre_coordinates_is_refused(areas_engine, tmp_path):
    metres = [[[93000, 463000], [95000, 463000], [95000, 465000], [93000, 463000]]]
    path = write(
        tmp_path, collection(feature("GM0546", {"type": "Polygon", "coordinates": metres}))
    )
    with pytest.raises(boundaries.BoundaryError, match="lijkt Rijksdriehoek"):
        boundaries.import_file(areas_engine, path)


def test_refused_file_leaves_earlier_boundaries_untouched(areas_engine, tmp_path):
    boundaries.import_file(areas_engine, write(tmp_path, collection(feature("GM0546"))))
    bad = write(tmp_path, collection(feature("GM0575"), feature("GM4242")), "bad.geojson")
    with pytest.raises(boundaries.BoundaryError):
        boundaries.import_file(areas_engine, bad)
    assert set(stored(areas_engine)) == {"GM0546"}


def test_latitude_longitude_order_is_turned_around(areas_engine, tmp_path):
    swapped = [[[y, x] for x, y in SQUARE[0]]]
    path = write(
        tmp_path, collection(feature("GM0546", {"type": "Polygon", "coordinates": swapped}))
    )
    boundaries.import_file(areas_engine, path)
    geometry = json.loads(stored(areas_engine)["GM0546"]["geometry"])
    assert geometry["coordinates"][0][0] == [4.40, 52.20]


def test_cli_loads_a_file_and_exits_non_zero_on_bad_input(db_url, tmp_path, capsys):
    assert main(["--database-url", db_url, "migrate"]) == 0
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        add_areas(conn)
    engine.dispose()
    good = write(tmp_path, collection(feature("GM0546")))
    assert main(["--database-url", db_url, "import-boundaries", str(good)]) == 0
    assert "1 gemeentegrenzen geladen" in capsys.readouterr().out
    bad = write(tmp_path, "<html>niet dit</html>", "kaart.html")
    assert main(["--database-url", db_url, "import-boundaries", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "kaart.html is geen GeoJSON" in err
    assert "er is niets gewijzigd" in err


def test_pdok_unreachable_gives_a_dutch_message_and_exit_1(db_url, monkeypatch, capsys):
    # Port 1 on the loopback refuses at once: no real network is touched.
    monkeypatch.setenv("PDOK_BOUNDARIES_URL", "http://127.0.0.1:1/gemeenten/{year}")
    assert main(["--database-url", db_url, "import-boundaries", "--pdok", "2025"]) == 1
    err = capsys.readouterr().err
    assert "PDOK is niet bereikbaar (http://127.0.0.1:1/gemeenten/2025)" in err
    assert "Is er internet?" in err


def test_reference_geojson_loads_every_municipality_of_2025(seeded_engine):
    engine = seeded_engine
    assert boundaries.import_file(engine, REFERENCE) == 342
    rows = stored(engine)
    assert rows["GM0546"]["year"] == 2025
    leiden = json.loads(rows["GM0546"]["geometry"])
    xs = [p[0] for p in boundaries._points(leiden["coordinates"])]
    assert 4.4 < min(xs) < max(xs) < 4.6
