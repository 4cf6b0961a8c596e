"""benchmarks/record.py: the result files keep their runs dated inside, newest first."""

from __future__ import annotations

from benchmarks import record


def test_a_new_run_goes_on_top_and_its_headings_below_the_runs_heading(tmp_path):
    path = tmp_path / "load.md"
    record.add_run(
        "load", "01-12-2026 10:00: eerste", "# Titel\n\nuitkomst 1\n\n## Deel\n", "a", path
    )
    record.add_run("load", "02-12-2026 10:00: tweede", "uitkomst 2", "b", path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# {record.KINDS['load']}\n")
    assert text.index("## 02-12-2026 10:00: tweede") < text.index("## 01-12-2026 10:00: eerste")
    assert "### Titel" in text and "#### Deel" in text
    assert text.count(record.RUNS) == 1


def test_a_run_written_again_is_replaced_not_repeated(tmp_path):
    path = tmp_path / "data.md"
    record.add_run("data", "oud", "run 1", "a", path)
    record.add_run("data", "bezig", "10k gemeten", "b", path)
    record.add_run("data", "klaar", "10k en 1M gemeten", "b", path)
    text = path.read_text(encoding="utf-8")
    assert "10k gemeten" not in text and text.count("10k en 1M gemeten") == 1
    assert text.index("## klaar") < text.index("## oud")


def test_every_kind_has_its_file_with_runs_inside():
    for kind in record.KINDS:
        text = record.path_of(kind).read_text(encoding="utf-8")
        assert text.startswith(f"# {record.KINDS[kind]}\n") and record.RUNS in text
        assert "<!-- run " in text
    assert sorted(p.stem for p in record.RESULTS.glob("*.md")) == sorted(record.KINDS)
