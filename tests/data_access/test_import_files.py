"""Spreadsheets from real programs and hostile ones: .ods from LibreOffice with date cells is read
like .xlsx; a malformed or hostile workbook is refused with a Dutch message and leaves no trace."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access import imports
from data_access.schema import import_log, trajectory
from domain import spreadsheet
from domain.upload import read_table, template_ods
from tests import hostile_files as hf
from tests.data_access.test_imports import TODAY, count

ROOT = Path(__file__).resolve().parents[2]


def run(engine, setup, name, content):
    return imports.import_trajectories(engine, name, content, setup["coordinator"], today=TODAY)


def test_an_ods_made_by_libreoffice_with_date_cells_is_imported(engine, setup):
    content = (hf.FILES / "levering_libreoffice.ods").read_bytes()
    table = read_table("levering.ods", content)
    assert table.column("aanmelddatum").iloc[0] == "2025-01-10"  # a date cell, read as a date
    result = run(engine, setup, "levering.ods", content)
    assert result.status == "ingelezen", result.problems
    assert (result.new, result.changed) == (4, 0)
    with engine.connect() as conn:
        rows = {r.source_key: r for r in conn.execute(sa.select(trajectory))}
    assert str(rows["ODS-001"].lasting_on) == "2026-01-05"
    assert rows["ODS-004"].placement_type == "opleiding"
    assert run(engine, setup, "levering.ods", content).status == "ongewijzigd"


def test_an_ods_row_error_names_row_and_column_like_xlsx(engine, setup):
    content = (hf.FILES / "levering_libreoffice.ods").read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(content)).read("content.xml")
    broken = hf.replace_member(content, "content.xml", xml.replace(b"GM0575", b"GM9999"))
    result = run(engine, setup, "levering.ods", broken)
    assert result.status == "geweigerd"
    assert (5, "gemeentecode") in [(p.row, p.column) for p in result.problems]
    assert count(engine, trajectory) == 0


HOSTILE = {
    "billion_laughs.xlsx": (hf.billion_laughs_xlsx, "XML-definities"),
    "versleuteld.xlsx": (hf.encrypted_xlsx, "wachtwoord"),
    "zipcrypto.xlsx": (hf.encrypted_zip_member_xlsx, "wachtwoord"),
    "oud.xlsx": (hf.xls_renamed, "oud Excel-bestand (.xls)"),
    "oud.ods": (hf.xls_renamed, "oud Excel-bestand (.xls)"),
    "afgebroken.xlsx": (lambda: hf.truncated(hf.workbook_bytes([["traject_id"]])), "beschadigd"),
    "afgebroken.ods": (
        lambda: hf.truncated((hf.FILES / "levering_libreoffice.ods").read_bytes()),
        "beschadigd",
    ),
    "ruis.xlsx": (lambda: b"PK\x03\x04" + bytes(range(256)) * 8, "beschadigd"),
    "tekst.ods": (lambda: b"traject_id;gemeentecode\n", "geen OpenDocument-rekenblad"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_or_broken_workbook_is_refused_in_dutch_and_leaves_no_trace(engine, setup, name):
    build, fragment = HOSTILE[name]
    result = run(engine, setup, name, build())
    assert result.status == "geweigerd"
    assert fragment in result.problems[0].message
    assert result.problems[0].message.startswith(name)
    assert count(engine, trajectory) == 0
    assert count(engine, import_log) == 0


def test_a_zip_bomb_is_refused_before_it_is_inflated(engine, setup, monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_INFLATED_BYTES", 2 * 1024 * 1024)
    result = run(engine, setup, "bom.xlsx", hf.zip_bomb_xlsx(8 * 1024 * 1024))
    assert result.status == "geweigerd"
    assert "pakt uit tot meer dan" in result.problems[0].message
    assert count(engine, import_log) == 0


def test_the_ods_template_reads_back_as_the_template(engine, setup):
    table = read_table("sjabloon.ods", template_ods())
    assert table.columns[:3] == ["traject_id", "gemeentecode", "programma"]
    assert table.column("aanmelddatum").iloc[0] == "2024-01-15"


def test_the_command_line_refuses_a_billion_laughs_xlsx_without_a_traceback(tmp_path):
    file = tmp_path / "lachen.xlsx"
    file.write_bytes(hf.billion_laughs_xlsx())
    url = f"sqlite:///{tmp_path / 'leeg.sqlite'}"
    result = subprocess.run(
        [sys.executable, "-m", "data_access", "--database-url", url, "import-trajectories",
         str(file), "--programme", "HR-INKOOP"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "geweigerd, er is niets opgeslagen" in result.stderr
    assert "XML-definities" in result.stderr


def _cli_import(file: Path, url: str, stderr) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data_access", "--database-url", url, "import-trajectories",
         str(file), "--programme", "TEST"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr, timeout=120,
    )  # fmt: skip


def test_the_command_line_shows_progress_on_a_terminal_only(tmp_path):
    import os
    import pty

    file = tmp_path / "klein.csv"
    file.write_text("traject_id;gemeentecode;aanmelddatum\nK-1;GM0546;2025-01-10\n")
    url = f"sqlite:///{tmp_path / 'leeg.sqlite'}"
    piped = _cli_import(file, url, subprocess.PIPE)
    assert b"Rijen controleren" not in piped.stderr

    main, terminal = pty.openpty()
    try:
        _cli_import(file, url, terminal)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
    assert b"Rijen controleren: 1 van 1 rijen" in shown
