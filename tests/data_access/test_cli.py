"""The command line: exit codes and Dutch messages, run as a real process."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import sqlite_copy

ROOT = Path(__file__).resolve().parents[2]


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data_access", "--database-url", url, *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture
def seeded(sqlite_seeded, tmp_path) -> str:
    """A seeded database of this test's own (a copy of the run's seeded file)."""
    return sqlite_copy(sqlite_seeded, tmp_path, "cli.sqlite")


def test_seed_fills_an_empty_database_then_refuses_a_database_that_has_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    first = cli(url, "seed")
    assert first.returncode == 0, first.stderr
    assert "Voorbeelddata geladen" in first.stdout
    again = cli(url, "seed")
    assert again.returncode == 1
    assert "bevat al gegevens" in again.stderr


def test_import_trajectories_accepts_then_changes_nothing_then_undoes(seeded, tmp_path):
    file = tmp_path / "lev.csv"
    file.write_text(
        "traject_id;gemeentecode;aanmelddatum;aanbieder\nL-1;GM0546;2025-01-10;Aanbieder A\n"
        "L-2;Katwijk;02-03-2025;Aanbieder B\n",
        encoding="utf-8",
    )
    first = cli(seeded, "import-trajectories", str(file), "--programme", "HR-INKOOP")
    assert first.returncode == 0, first.stderr
    assert "2 nieuw" in first.stdout
    second = cli(seeded, "import-trajectories", str(file), "--programme", "HR-INKOOP")
    assert second.returncode == 0
    assert "niets gewijzigd" in second.stdout
    import_id = first.stdout.split("import ")[1].split(":")[0]
    undo = cli(seeded, "undo-import", import_id)
    assert undo.returncode == 0, undo.stderr


def test_import_refusal_exits_non_zero_with_row_and_column(seeded, tmp_path):
    file = tmp_path / "fout.csv"
    file.write_text(
        "traject_id,gemeentecode,aanmelddatum\nF-1,GM9999,2025-01-10\n", encoding="utf-8"
    )
    result = cli(seeded, "import-trajectories", str(file), "--programme", "HR-INKOOP")
    assert result.returncode == 1
    assert "rij 2, kolom gemeentecode" in result.stderr
    assert "niets opgeslagen" in result.stderr
