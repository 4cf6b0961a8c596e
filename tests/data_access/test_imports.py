"""Trajectory imports with real files the tests write: refusals, all-or-nothing, re-import, undo, roles."""

import io
from datetime import date

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from data_access import imports
from data_access.schema import import_change, import_log, trajectory
from domain.roles import NotAllowed

TODAY = date(2026, 11, 1)
HEADER = (
    "traject_id,gemeentecode,programma,aanbieder,aanmelddatum,intakedatum,diagnosedatum,"
    "startdatum_traject,plaatsingsdatum,plaatsing_type,duurzaam_datum,uitvaldatum,uitvalreden"
)
GOOD_ROWS = [
    "K-001,GM0546,TEST,Aanbieder A,2025-01-10,2025-01-20,2025-02-01,2025-03-01,2025-06-01,werk,2026-01-05,,",
    "K-002,GM0576,TEST,Aanbieder A,10-02-2025,20-02-2025,,,,,,01-04-2025,gezondheid",
    "K-003,Leiden,TEST,,2025-03-01,,,,,,,,",
]


def csv_bytes(rows, sep=",", encoding="utf-8", header=HEADER) -> bytes:
    lines = [header.replace(",", sep)] + [r.replace(",", sep) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header.split(","))
    for r in rows:
        ws.append([None if v == "" else v for v in r.split(",")])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def run(engine, setup, name, content, user="coordinator"):
    return imports.import_trajectories(engine, name, content, setup[user], today=TODAY)


@pytest.mark.parametrize(
    "name, content",
    [
        ("komma.csv", csv_bytes(GOOD_ROWS)),
        ("puntkomma.csv", csv_bytes(GOOD_ROWS, sep=";")),
        ("bom.csv", b"\xef\xbb\xbf" + csv_bytes(GOOD_ROWS)),
        ("excel.csv", csv_bytes([*GOOD_ROWS[:2], GOOD_ROWS[2] + "é"], sep=";", encoding="cp1252")),
        ("bestand.xlsx", xlsx_bytes(GOOD_ROWS)),
    ],
)
def test_good_files_in_every_format_are_imported(engine, setup, name, content):
    if name == "excel.csv":
        # cp1252 with an é in the reason: swap the last row for one with a drop-out reason
        content = csv_bytes(
            [
                *GOOD_ROWS[:2],
                "K-003,Leiden,TEST,,2025-03-01,,,,,,,2025-04-01,verhuisd naar Sévérac",
            ],
            sep=";",
            encoding="cp1252",
        )
    result = run(engine, setup, name, content)
    assert result.status == "ingelezen", result.problems
    assert (result.new, result.changed) == (3, 0)
    with engine.connect() as conn:
        rows = {r.source_key: r for r in conn.execute(sa.select(trajectory))}
    assert rows["K-002"].area_code == "GM0576"  # stored as delivered, counted under Noordwijk
    assert rows["K-002"].dropout_on == date(2025, 4, 1)
    assert rows["K-003"].area_code == "GM0546"  # the name Leiden is unambiguous
    assert rows["K-001"].placement_type == "werk"


def problems_of(result):
    return [(p.row, p.column) for p in result.problems]


@pytest.mark.parametrize(
    "bad_row, where",
    [
        ("K-009,GM9999,TEST,,2025-01-10,,,,,,,,", (4, "gemeentecode")),
        ("K-009,GM0546,ONBEKEND,,2025-01-10,,,,,,,,", (4, "programma")),
        ("K-009,GM0546,TEST,,2025-03-10,2025-01-10,,,,,,,", (4, "intakedatum")),
        ("K-009,GM0546,TEST,,2025-03-10,,,,,,,2025-01-10,verhuisd", (4, "uitvaldatum")),
        ("K-009,GM0546,TEST,,2027-01-10,,,,,,,,", (4, "aanmelddatum")),
        ("K-001,GM0546,TEST,,2025-01-10,,,,,,,,", (4, "traject_id")),
        ("K-009,GM0546,TEST,,10/13/2025,,,,,,,,", (4, "aanmelddatum")),
        ("K-009,GM0546,TEST,Aanbieder Z,2025-01-10,,,,,,,,", (4, "aanbieder")),
        ("K-009,GM0546,TEST,,2025-01-10,,,,2025-06-01,,,,", (4, "plaatsing_type")),
    ],
)
def test_a_bad_row_refuses_the_file_and_names_row_and_column(engine, setup, bad_row, where):
    result = run(engine, setup, "fout.csv", csv_bytes([*GOOD_ROWS[:2], bad_row]))
    assert result.status == "geweigerd"
    assert where in problems_of(result)
    assert count(engine, trajectory) == 0
    assert all(p.message for p in result.problems)


def test_missing_required_column_is_named(engine, setup):
    header = HEADER.replace("aanmelddatum,", "")
    rows = [",".join(r.split(",")[:4] + r.split(",")[5:]) for r in GOOD_ROWS]
    result = run(engine, setup, "kolom.csv", csv_bytes(rows, header=header))
    assert result.status == "geweigerd"
    assert (None, "aanmelddatum") in problems_of(result)


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("leeg.csv", b"", "leeg"),
        ("alleen_kop.csv", (HEADER + "\n").encode(), "geen rijen"),
        ("nep.xlsx", csv_bytes(GOOD_ROWS), "geen Excel-bestand"),
        ("nep.csv", xlsx_bytes(GOOD_ROWS), "geen tekstbestand"),
        ("gegevens.pdf", b"%PDF-1.4", "alleen .csv"),
    ],
)
def test_unreadable_files_are_refused_with_a_dutch_message(engine, setup, name, content, fragment):
    result = run(engine, setup, name, content)
    assert result.status == "geweigerd"
    assert fragment in result.problems[0].message
    assert name in result.problems[0].message
    assert count(engine, import_log) == 0


BSNS = ["111222333", "123456782", "999999990", "100000009", "111111110"]


@pytest.mark.parametrize(
    "header_extra, values, column",
    [
        ("nummer", BSNS, "nummer"),  # BSNs under an innocent header
        (
            "naam",
            ["Jan Jansen", "Piet Pietersen", "Anna de Vries", "Els Bos", "Kees Klaassen"],
            "naam",
        ),
        ("postcode", ["2311 AB", "2312CD", "2313 EF", "2314 GH", "2315 IJ"], "postcode"),
        ("dag", ["1980-05-01", "1975-02-11", "1990-12-31", "1969-01-01", "1985-07-07"], "dag"),
    ],
)
def test_personal_data_refuses_the_whole_file_and_stores_nothing(
    engine, setup, header_extra, values, column
):
    rows = [f"K-{i:03d},GM0546,TEST,,2025-01-10,,,,,,,,,{v}" for i, v in enumerate(values)]
    result = run(
        engine, setup, "persoonsgegevens.csv", csv_bytes(rows, header=HEADER + "," + header_extra)
    )
    assert result.status == "geweigerd"
    assert [p.column for p in result.problems] == [column]
    message = result.problems[0].message
    assert all(v not in message for v in values), "a refusal never repeats a value from the file"
    assert count(engine, trajectory) == 0
    assert count(engine, import_log) == 0  # not even the file name is logged


def test_bsns_in_the_key_column_are_refused(engine, setup):
    rows = [f"{bsn},GM0546,TEST,,2025-01-10,,,,,,,," for bsn in BSNS]
    result = run(engine, setup, "sleutels.csv", csv_bytes(rows))
    assert [p.column for p in result.problems] == ["traject_id"]
    assert count(engine, trajectory) == 0


def test_ordinary_nine_digit_keys_are_accepted(engine, setup):
    keys = ["123456789", "987654321", "555555555", "246813579", "192837465"]
    rows = [f"{k},GM0546,TEST,,2025-01-10,,,,,,,," for k in keys]
    result = run(engine, setup, "sleutels.csv", csv_bytes(rows))
    assert result.status == "ingelezen", result.problems


def test_reimporting_the_same_file_changes_nothing(engine, setup):
    content = csv_bytes(GOOD_ROWS)
    first = run(engine, setup, "a.csv", content)
    second = run(engine, setup, "a.csv", content)
    assert first.status == "ingelezen"
    assert second.status == "ongewijzigd"
    assert (second.new, second.changed, second.unchanged) == (0, 0, 3)
    assert count(engine, import_log) == 1
    assert count(engine, trajectory) == 3


def test_a_corrected_file_updates_rows_by_key_and_undo_restores_them(engine, setup):
    run(engine, setup, "a.csv", csv_bytes(GOOD_ROWS))
    corrected = [GOOD_ROWS[0], GOOD_ROWS[1].replace("gezondheid", "zorgtaken"), GOOD_ROWS[2],
                 "K-004,GM0575,TEST,,2025-05-01,,,,,,,,"]  # fmt: skip
    second = run(engine, setup, "a-verbeterd.csv", csv_bytes(corrected))
    assert (second.new, second.changed, second.unchanged) == (1, 1, 2)
    with engine.connect() as conn:
        reason = conn.execute(
            sa.select(trajectory.c.dropout_reason).where(trajectory.c.source_key == "K-002")
        ).scalar()
    assert reason == "zorgtaken"

    imports.undo_import(engine, second.import_id, setup["coordinator"])
    with engine.connect() as conn:
        reason = conn.execute(
            sa.select(trajectory.c.dropout_reason).where(trajectory.c.source_key == "K-002")
        ).scalar()
        keys = set(conn.execute(sa.select(trajectory.c.source_key)).scalars())
        status = conn.execute(
            sa.select(import_log.c.status).where(import_log.c.id == second.import_id)
        ).scalar()
    assert reason == "gezondheid"
    assert keys == {"K-001", "K-002", "K-003"}
    assert status == "teruggedraaid"


def test_undo_of_an_earlier_import_waits_for_the_later_one(engine, setup):
    first = run(engine, setup, "a.csv", csv_bytes(GOOD_ROWS))
    run(engine, setup, "b.csv", csv_bytes([GOOD_ROWS[0].replace("werk", "opleiding")]))
    with pytest.raises(ValueError, match="eerst terug"):
        imports.undo_import(engine, first.import_id, setup["coordinator"])
    assert count(engine, trajectory) == 3


def test_a_failure_on_the_last_row_leaves_the_database_as_it_was(engine, setup):
    run(engine, setup, "a.csv", csv_bytes(GOOD_ROWS))
    before_rows, before_logs = count(engine, trajectory), count(engine, import_log)
    rows = [
        {"source_key": f"N-{i}", "area_code": "GM0546", "provider_id": None,
         "registered_on": date(2025, 1, 1), "intake_on": None, "diagnosis_on": None,
         "started_on": None, "placed_on": None, "placement_type": None, "lasting_on": None,
         "dropout_on": None, "dropout_reason": None}
        for i in range(50)
    ]  # fmt: skip
    rows[-1]["area_code"] = "GM9999"  # violates the foreign key only when the last row is written
    with pytest.raises(sa.exc.IntegrityError):
        imports.write_rows(
            engine, rows, setup["programme_id"], "kapot.csv", "0" * 64, setup["coordinator"]
        )
    assert count(engine, trajectory) == before_rows
    assert count(engine, import_log) == before_logs
    assert count(engine, import_change) == 3


@pytest.mark.parametrize("who", ["viewer", "other"])
def test_only_the_partnerships_coordinators_may_import(engine, setup, who):
    with pytest.raises(NotAllowed):
        run(engine, setup, "a.csv", csv_bytes(GOOD_ROWS), user=who)
    assert count(engine, trajectory) == 0


def test_an_admin_may_import_and_undo(engine, setup):
    result = run(engine, setup, "a.csv", csv_bytes(GOOD_ROWS), user="admin")
    assert result.status == "ingelezen"
    with pytest.raises(NotAllowed):
        imports.undo_import(engine, result.import_id, setup["viewer"])
    imports.undo_import(engine, result.import_id, setup["admin"])
    assert count(engine, trajectory) == 0


def test_a_refused_file_is_logged_without_rows(engine, setup):
    result = run(engine, setup, "fout.csv", csv_bytes(["K-1,GM9999,TEST,,2025-01-10,,,,,,,,"]))
    assert result.status == "geweigerd"
    with engine.connect() as conn:
        log = conn.execute(sa.select(import_log)).mappings().one()
    assert log["status"] == "geweigerd"
    assert log["rows_refused"] == 1
    assert count(engine, trajectory) == 0


def test_a_file_above_the_row_limit_is_refused_with_the_limit_named(engine, setup, monkeypatch):
    from domain import upload

    monkeypatch.setattr(upload, "MAX_ROWS", 2)
    result = run(engine, setup, "groot.csv", csv_bytes(GOOD_ROWS))
    assert result.status == "geweigerd"
    assert "3 rijen" in result.problems[0].message and "grens is 2" in result.problems[0].message
    assert count(engine, trajectory) == 0


@pytest.mark.parametrize(
    "name, encode",
    [
        ("bsn_komma.csv", lambda rows: csv_bytes(rows)),
        ("bsn_puntkomma_1252.csv", lambda rows: csv_bytes(rows, sep=";", encoding="cp1252")),
        ("bsn_bom.csv", lambda rows: b"\xef\xbb\xbf" + csv_bytes(rows, sep=";")),
        ("bsn.xlsx", lambda rows: xlsx_bytes(rows)),
    ],
)
def test_bsn_refusal_holds_in_every_file_format(engine, setup, name, encode):
    rows = [f"{bsn},GM0546,TEST,,2025-01-10,,,,,,,,zorgtaken é" for bsn in BSNS]
    result = run(engine, setup, name, encode(rows))
    assert [p.column for p in result.problems] == ["traject_id"]
    assert count(engine, trajectory) == 0
    assert count(engine, import_log) == 0


@pytest.mark.parametrize("fmt", ["puntkomma_1252", "xlsx"])
def test_row_errors_are_found_in_semicolon_and_excel_files_too(engine, setup, fmt):
    rows = [*GOOD_ROWS[:2], "K-009,GM9999,TEST,,2025-01-10,,,,,,,,"]
    content = xlsx_bytes(rows) if fmt == "xlsx" else csv_bytes(rows, sep=";", encoding="cp1252")
    result = run(engine, setup, f"fout.{'xlsx' if fmt == 'xlsx' else 'csv'}", content)
    assert (4, "gemeentecode") in problems_of(result)
    assert count(engine, trajectory) == 0


def test_a_file_of_another_programme_is_one_message_and_the_rows_real_errors_stay_named(
    engine, setup
):
    """Issue 26: the chosen programme differs on every row of a file that names one programme.
    That is one message for the whole file, not one per row; the rows are checked against the
    programme the file names, so a real error (an unknown municipality) is still named."""
    rows = [f"K-{i:03d},GM0546,ANDER,,2025-01-10,,,,,,,," for i in range(50)]
    rows.append("K-999,GM9999,ANDER,,2025-01-10,,,,,,,,")
    result = imports.import_trajectories(
        engine, "ander.csv", csv_bytes(rows), setup["admin"], "TEST", today=TODAY
    )
    assert result.status == "geweigerd"
    whole = [p for p in result.problems if p.row is None]
    assert len(whole) == 1 and "het hele bestand hoort bij programma 'ANDER'" in whole[0].message
    assert "'TEST'" in whole[0].message
    named = [(p.row, p.column) for p in result.problems if p.row is not None]
    assert (52, "gemeentecode") in named
    assert not any("wijkt af" in p.message for p in result.problems)


def test_repeated_messages_on_consecutive_rows_read_as_one_range():
    from domain.upload import Problem, grouped

    problems = [Problem(r, "intakedatum", "ligt voor de aanmelddatum.") for r in range(2, 2002)]
    problems.insert(3, Problem(5, "gemeentecode", "gemeente 'GM9999' is onbekend."))
    problems.append(Problem(2005, "intakedatum", "ligt voor de aanmelddatum."))
    assert grouped(problems) == [
        Problem(2, "intakedatum", "ligt voor de aanmelddatum.", last_row=2001),
        Problem(5, "gemeentecode", "gemeente 'GM9999' is onbekend."),
        Problem(2005, "intakedatum", "ligt voor de aanmelddatum."),
    ]
    assert grouped([Problem(None, None, "leeg.")] * 2) == [Problem(None, None, "leeg.")] * 2
