"""`import-cbs`: CBS figures from a recorded StatLine response (never the network) or a CSV, in one
transaction, written to the audit log, idempotent, and in Dutch when CBS cannot be reached."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import sqlalchemy as sa

from data_access import cbs_import, public_data, sample
from data_access.__main__ import main
from data_access.context import context_figures
from data_access.schema import area, audit_log, context_figure, source

RECORDED = Path(__file__).resolve().parents[1] / "data" / "cbs"
FEED = "/ODataFeed/odata/"
USER = "tester (opdrachtregel)"


class RecordedStatLine:
    """Answers cbsodata's requests from tests/data/cbs, applying $select like CBS does, and
    keeps every query it was asked (to check the $filter)."""

    def __init__(self):
        self.queries: list[dict] = []
        self.changes: dict[str, list[dict]] = {}

    def send(self, session, prepared, **kwargs):
        parts = urlsplit(prepared.url)
        assert parts.netloc == "opendata.cbs.nl" and parts.path.startswith(FEED), prepared.url
        table, _, name = parts.path[len(FEED) :].partition("/")
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.queries.append({"table": table, "name": name, **query})
        file = RECORDED / table / f"{name or 'index'}.json"
        response = requests.Response()
        response.url = prepared.url
        if not file.is_file():
            response.status_code, response.reason = 404, "Not Found"
            response._content = b'{"odata.error": {"message": {"value": "Not found"}}}'
            return response
        doc = json.loads(file.read_text(encoding="utf-8"))
        if name == "TypedDataSet":
            doc["value"] = copy.deepcopy(self.changes.get(table, doc["value"]))
            if "$select" in query:
                keep = query["$select"].split(",")
                doc["value"] = [{k: row.get(k) for k in keep} for row in doc["value"]]
        response.status_code, response.reason = 200, "OK"
        response._content = json.dumps(doc).encode("utf-8")
        return response

    def rows(self, table: str) -> list[dict]:
        """The recorded rows, to change for one test."""
        path = RECORDED / table / "TypedDataSet.json"
        rows = json.loads(path.read_text(encoding="utf-8"))["value"]
        self.changes[table] = rows
        return rows


@pytest.fixture
def statline(monkeypatch) -> RecordedStatLine:
    fake = RecordedStatLine()
    monkeypatch.setattr(requests.Session, "send", lambda s, p, **kw: fake.send(s, p, **kw))
    return fake


@pytest.fixture
def areas_engine(engine):
    """A fresh database with every municipality (2025 and the former ones), nothing else."""
    with engine.begin() as conn:
        conn.execute(area.insert(), sample.read_areas())
    return engine


@pytest.fixture
def seeded_public(areas_engine):
    """The municipalities and the public layer exactly as `seed` loads them (without the
    invented partnerships and trajectories, which import-cbs never touches)."""
    with areas_engine.begin() as conn:
        public_data.load(conn)
    return areas_engine


def _values(engine, code: str, year: int) -> dict[str, float]:
    figures = context_figures(engine, years=[year])
    rows = figures[figures["area_code"] == code]
    return dict(zip(rows["measure"], rows["value"], strict=True))


def _audit(engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(audit_log).where(audit_log.c.action == "import_cbs").order_by(audit_log.c.id)
        ).mappings()
        return [dict(r) for r in rows]


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(table))


def test_recorded_kwb_2024_lands_the_published_values(areas_engine, statline):
    result = cbs_import.import_table(areas_engine, "85984NED", 2024, USER)
    assert (result.new, result.changed, result.unchanged) == (25, 0, 0)
    assert result.source_title == "Kerncijfers wijken en buurten 2024"
    assert _values(areas_engine, "GM0518", 2024) == {
        "inwoners": 566221, "bijstand": 22000, "ww": 5350, "ao": 24620, "aow": 75640,
    }  # fmt: skip
    assert _values(areas_engine, "GM0546", 2024)["inwoners"] == 130108
    # Ameland's published 0 people on bijstand is a figure, not a missing value.
    assert _values(areas_engine, "GM0060", 2024)["bijstand"] == 0
    typed = [q for q in statline.queries if q["name"] == "TypedDataSet"]
    assert typed and typed[0]["$filter"] == "substringof('GM',WijkenEnBuurten)"
    with areas_engine.connect() as conn:
        row = conn.execute(sa.select(source).where(source.c.title == result.source_title)).one()
    assert row.publisher == "CBS"
    assert row.url == "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85984NED"
    assert "CC BY 4.0" in row.note


def test_weesp_in_the_2022_table_lands_on_amsterdam_which_keeps_its_own_percentage(
    areas_engine, statline
):
    cbs_import.import_table(areas_engine, "85318NED", 2022, USER)
    amsterdam = _values(areas_engine, "GM0363", 2022)
    assert amsterdam["inwoners"] == 882633 + 20766
    # A percentage is never averaged: Amsterdam keeps what CBS published for GM0363 (without
    # Weesp, which the Gemeente page says).
    assert amsterdam["kwb_netto_arbeidsparticipatie"] == 64
    assert _values(areas_engine, "GM0546", 2022)["kwb_netto_arbeidsparticipatie"] == 64
    assert _values(areas_engine, "GM0457", 2022) == {}


def test_a_second_run_changes_nothing_and_writes_no_second_audit_row(areas_engine, statline):
    first = cbs_import.import_table(areas_engine, "85984NED", None, USER)
    before = context_figures(areas_engine)
    second = cbs_import.import_table(areas_engine, "85984NED", None, USER)
    assert first.years == (2024,)  # the year of the table when --jaar is left out
    assert (second.new, second.changed, second.unchanged) == (0, 0, 25)
    assert not second.changed_anything
    assert context_figures(areas_engine).equals(before)
    assert len(_audit(areas_engine)) == 1
    assert _count(areas_engine, source) == 1


def test_the_import_is_written_to_the_audit_log_without_personal_data(areas_engine, statline):
    cbs_import.import_table(areas_engine, "85984NED", 2024, USER)
    (entry,) = _audit(areas_engine)
    assert entry["username"] == USER
    assert entry["entity"] == "context_figure"
    assert entry["entity_id"] == "85984NED"
    new = json.loads(entry["new_values"])
    assert new["tabel"] == "85984NED"
    assert new["jaren"] == [2024]
    assert (new["nieuw"], new["gewijzigd"], new["ongewijzigd"]) == (25, 0, 0)
    assert new["maten"] == ["ao", "aow", "bijstand", "inwoners", "ww"]
    assert "GM0518" not in entry["new_values"]


def test_a_changed_figure_is_replaced_and_counted(areas_engine, statline):
    cbs_import.import_table(areas_engine, "85984NED", 2024, USER)
    rows = statline.rows("85984NED")
    leiden = next(r for r in rows if r["WijkenEnBuurten"].strip() == "GM0546")
    leiden["PersonenPerSoortUitkeringBijstand_94"] = 3230  # a CBS revision
    result = cbs_import.import_table(areas_engine, "85984NED", 2024, USER)
    assert (result.new, result.changed, result.unchanged) == (0, 1, 24)
    assert _values(areas_engine, "GM0546", 2024)["bijstand"] == 3230
    assert len(_audit(areas_engine)) == 2


def test_cbs_no_value_markers_become_missing_never_zero(areas_engine, statline):
    rows = statline.rows("85984NED")
    for row in rows:
        if row["WijkenEnBuurten"].strip() == "GM0518":
            row["PersonenPerSoortUitkeringBijstand_94"] = None  # CBS sends null for "."
            row["PersonenPerSoortUitkeringWW_96"] = -99997  # and some exports a sentinel
    cbs_import.import_table(areas_engine, "85984NED", 2024, USER)
    den_haag = _values(areas_engine, "GM0518", 2024)
    assert "bijstand" not in den_haag and "ww" not in den_haag
    assert den_haag["inwoners"] == 566221


def test_an_unknown_code_refuses_the_whole_import(areas_engine, statline):
    rows = statline.rows("85984NED")
    rows.append({**rows[0], "WijkenEnBuurten": "GM0999    ", "AantalInwoners_5": 1000})
    with pytest.raises(cbs_import.CbsImportError) as refused:
        cbs_import.import_table(areas_engine, "85984NED", 2024, USER)
    assert "GM0999" in refused.value.problems[0]
    assert "niets opgeslagen" in refused.value.problems[0]
    assert _count(areas_engine, context_figure) == 0
    assert _count(areas_engine, source) == 0
    assert _audit(areas_engine) == []


def test_a_year_the_kerncijfers_table_is_not_about_is_refused(areas_engine, statline):
    with pytest.raises(cbs_import.CbsImportError) as refused:
        cbs_import.import_table(areas_engine, "85984NED", 2023, USER)
    assert "gaat over 2024, niet over 2023" in refused.value.problems[0]


def test_a_table_cbs_does_not_have_is_named(areas_engine, statline):
    with pytest.raises(cbs_import.CbsImportError) as refused:
        cbs_import.import_table(areas_engine, "99999NED", 2024, USER)
    assert "99999NED bestaat niet" in refused.value.problems[0]


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (requests.ConnectionError("Failed to resolve 'opendata.cbs.nl'"), "geen verbinding"),
        (requests.ReadTimeout("read timed out"), "geen antwoord binnen 60 seconden"),
    ],
)
def test_offline_the_command_says_so_in_dutch_with_exit_code_1(
    areas_engine, monkeypatch, capsys, failure, reason
):
    def no_network(session, prepared, **kwargs):
        raise failure

    monkeypatch.setattr(requests.Session, "send", no_network)
    url = areas_engine.url.render_as_string(hide_password=False)
    code = main(["--database-url", url, "import-cbs", "85984NED", "--jaar", "2024"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"niet bereikbaar ({reason})" in err and "Is er internet?" in err
    assert "--csv" in err
    assert "Traceback" not in err
    assert _count(areas_engine, context_figure) == 0


def test_the_command_reports_new_then_nothing_changed(areas_engine, statline, capsys):
    url = areas_engine.url.render_as_string(hide_password=False)
    assert main(["--database-url", url, "import-cbs", "85984NED", "--jaar", "2024"]) == 0
    assert "25 nieuw, 0 gewijzigd, 0 ongewijzigd" in capsys.readouterr().out
    assert main(["--database-url", url, "import-cbs", "85984NED", "--jaar", "2024"]) == 0
    assert "niets gewijzigd (25 cijfers" in capsys.readouterr().out


def _csv(tmp_path, text: str) -> Path:
    path = tmp_path / "cbs.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_csv_path_stores_through_the_same_rules(areas_engine, tmp_path):
    path = _csv(
        tmp_path,
        "gemeentecode,gemeentenaam,jaar,inwoners,bijstand_personen,kwb_netto_arbeidsparticipatie_pct\n"
        "GM0363,Amsterdam,2022,882633,,64\n"
        "GM0457,Weesp,2022,20766,,67\n"
        "GM0546,Leiden,2022,125074,.,64\n"
        "GM0546,Leiden,2024,130108,3220,\n",
    )
    title = "Kerncijfers wijken en buurten 2022"
    result = cbs_import.import_csv(areas_engine, path, title, 2022, USER, table_id="85318ned")
    assert result.years == (2022,)
    assert _values(areas_engine, "GM0363", 2022) == {
        "inwoners": 903399, "kwb_netto_arbeidsparticipatie": 64,
    }  # fmt: skip
    assert _values(areas_engine, "GM0546", 2022) == {
        "inwoners": 125074, "kwb_netto_arbeidsparticipatie": 64,
    }  # fmt: skip
    assert _values(areas_engine, "GM0546", 2024) == {}  # --jaar 2022 only
    again = cbs_import.import_csv(areas_engine, path, title, 2022, USER, table_id="85318NED")
    assert not again.changed_anything
    (entry,) = _audit(areas_engine)
    assert json.loads(entry["new_values"])["bestand"] == "cbs.csv"


def test_the_shipped_cbs_file_reads_through_the_csv_path(areas_engine):
    shipped = (
        Path(sample.__file__).resolve().parents[1] / "sample_data/cbs/cbs_context_gemeenten.csv"
    )
    title = "Kerncijfers wijken en buurten 2024"
    result = cbs_import.import_csv(areas_engine, shipped, title, 2024, USER, table_id="85984NED")
    assert result.new == 342 * 5
    assert _values(areas_engine, "GM0518", 2024)["bijstand"] == 22000


def test_an_unknown_code_in_a_csv_refuses_the_whole_file(areas_engine, tmp_path):
    path = _csv(tmp_path, "gemeentecode,jaar,inwoners\nGM0546,2024,130108\nGM0999,2024,10\n")
    with pytest.raises(cbs_import.CbsImportError) as refused:
        cbs_import.import_csv(areas_engine, path, "Proef", 2024, USER)
    assert "GM0999" in refused.value.problems[0]
    assert _count(areas_engine, context_figure) == 0


def test_a_csv_cell_that_is_no_number_is_named_by_row_and_column(areas_engine, tmp_path):
    path = _csv(tmp_path, "gemeentecode,jaar,inwoners\nGM0546,2024,veel\n")
    with pytest.raises(cbs_import.CbsImportError) as refused:
        cbs_import.import_csv(areas_engine, path, "Proef", 2024, USER)
    assert refused.value.problems == ["cbs.csv, rij 2, kolom inwoners: 'veel' is geen getal."]


def test_importing_the_2024_table_into_the_seeded_database_changes_no_seeded_figure(
    seeded_public, statline
):
    before = context_figures(seeded_public)
    result = cbs_import.import_table(seeded_public, "85984NED", 2024, USER)
    # Same title and publisher: the seed's source row, so the published values are unchanged.
    assert (result.new, result.changed, result.unchanged) == (0, 0, 25)
    assert context_figures(seeded_public).equals(before)
    assert _audit(seeded_public) == []


def test_the_command_reads_a_csv_and_wants_its_source(areas_engine, tmp_path, capsys):
    url = areas_engine.url.render_as_string(hide_password=False)
    path = _csv(tmp_path, "gemeentecode,jaar,inwoners\nGM0546,2024,130108\n")
    assert main(["--database-url", url, "import-cbs", "--csv", str(path)]) == 2
    assert "--bron" in capsys.readouterr().err
    args = ["import-cbs", "--csv", str(path), "--bron", "Kerncijfers wijken en buurten 2024"]
    assert main(["--database-url", url, *args, "--jaar", "2024"]) == 0
    assert "1 nieuw" in capsys.readouterr().out
    assert _values(areas_engine, "GM0546", 2024) == {"inwoners": 130108}
