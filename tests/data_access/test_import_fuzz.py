"""Fuzzing the import with hypothesis: generated files go through import_trajectories, the one
function the page and the command line call.

Properties held for every file: no exception escapes (every refusal is a message, with row and
column where there is one); a refused file writes nothing (no partial write); and no value from a
refused file reaches the database, the logs or the audit trail.

The normal suite runs a bounded number of examples per test (IMPORT_FUZZ_EXAMPLES, default 25).
A longer run, documented in benchmarks/results/import.md:

    IMPORT_FUZZ_EXAMPLES=2000 python -m pytest tests/data_access/test_import_fuzz.py -q
"""

from __future__ import annotations

import hashlib
import io
import logging
import os

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from data_access import imports
from data_access.schema import audit_log, import_change, import_log, trajectory
from domain.bsn import passes_elfproef
from domain.upload import TEMPLATE_COLUMNS
from tests import hostile_files as hf
from tests.data_access.test_imports import TODAY

EXAMPLES = int(os.environ.get("IMPORT_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 25,  # the normal suite is repeatable; a long run explores
    # The bounded run reports the failing example as found; shrinking it can take minutes here.
    phases=[Phase.explicit, Phase.reuse, Phase.generate]
    + ([Phase.shrink] if EXAMPLES > 25 else []),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Every generated value carries this mark, so it can be looked for in the database and the logs.
MARK = "Qz"
TABLES = (trajectory, import_log, import_change, audit_log)

# -- strategies -------------------------------------------------------------------------------

DAY = st.dates(min_value=TODAY.replace(year=2015), max_value=TODAY.replace(year=2027))
DATE_TEXT = st.one_of(
    DAY.map(lambda d: d.isoformat()),
    DAY.map(lambda d: d.strftime("%d-%m-%Y")),
    DAY.map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    DAY.map(lambda d: d.strftime("%d.%m.%Y")),
    DAY.map(lambda d: d.strftime("%m/%d/%Y")),  # American: wrong or silently another day
    DAY.map(lambda d: d.strftime("%Y/%m/%d")),
    DAY.map(lambda d: d.strftime("%d %b %Y")),
    DAY.map(lambda d: d.strftime("%d-%m-%y")),
    st.sampled_from(["31-02-2025", "2025-13-01", "00-00-0000", "gisteren", " 2025-01-10 "]),
    st.just(""),
)
NINE_DIGITS = st.integers(10_000_000, 999_999_999).map(lambda n: f"{n:09d}")
KEY = st.one_of(
    st.sampled_from([f"{MARK}-1", f"{MARK}-2", f"{MARK}-3", ""]),  # duplicates and empty keys
    st.integers(0, 10_000).map(lambda n: f"{MARK}-{n}"),
    NINE_DIGITS.filter(passes_elfproef),  # BSNs
    NINE_DIGITS.filter(lambda v: not passes_elfproef(v)),  # ordinary nine-digit numbers
    st.sampled_from("=+-@").map(lambda c: f"{c}{MARK}1+1"),  # formula injection
    st.text(min_size=0, max_size=70).map(lambda s: MARK + s),
)
AREA = st.sampled_from(["GM0546", "gm0576", "Leiden", "Noordwijk", "GM9999", "", "=GM0546"])
PROVIDER = st.sampled_from(["", "Aanbieder A", "aanbieder a", f"{MARK} Aanbieder Z", "@SUM(1)"])
PLACEMENT = st.sampled_from(["", "werk", "Opleiding", "stage", "-werk"])
REASON = st.one_of(st.just(""), st.text(max_size=20).map(lambda s: MARK + s))


@st.composite
def rows(draw):
    row = {
        "traject_id": draw(KEY),
        "gemeentecode": draw(AREA),
        "programma": draw(st.sampled_from(["TEST", "", "ANDER"])),
        "aanbieder": draw(PROVIDER),
        "plaatsing_type": draw(PLACEMENT),
        "uitvalreden": draw(REASON),
    }
    for column in ("aanmelddatum", "intakedatum", "diagnosedatum", "startdatum_traject",
                   "plaatsingsdatum", "duurzaam_datum", "uitvaldatum"):  # fmt: skip
        row[column] = draw(DATE_TEXT)
    return row


ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "ascii"]
SEPARATORS = [",", ";", "\t", "|"]


def csv_file(header: list[str], table: list[dict], sep: str, encoding: str) -> bytes:
    def quote(value: str) -> str:
        if any(c in value for c in (sep, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [sep.join(header)] + [sep.join(quote(r.get(c, "")) for c in header) for r in table]
    return ("\n".join(lines) + "\n").encode(encoding, errors="replace")


def xlsx_file(header: list[str], table: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in table:
        # Control characters cannot be stored in a worksheet at all; a spreadsheet drops them.
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", r.get(c, "")) or None for c in header])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@st.composite
def files(draw):
    """(name, bytes): a CSV or XLSX of generated rows, perhaps cut short or replaced by noise."""
    header = list(TEMPLATE_COLUMNS)
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.integers(0, 9)) == 0:
        header = header[: draw(st.integers(1, len(header)))]  # a required column may go missing
    table = draw(st.lists(rows(), min_size=1, max_size=12))
    kind = draw(st.sampled_from(["csv", "csv", "xlsx"]))
    if kind == "csv":
        content = csv_file(header, table, draw(st.sampled_from(SEPARATORS)),
                           draw(st.sampled_from(ENCODINGS)))  # fmt: skip
    else:
        content = xlsx_file(header, table)
    damage = draw(st.sampled_from(["none", "none", "none", "truncate", "noise", "swap"]))
    if damage == "truncate":
        content = content[: draw(st.integers(0, len(content)))]
    elif damage == "noise":
        content = draw(st.binary(min_size=0, max_size=2000))
    elif damage == "swap":
        kind = "xlsx" if kind == "csv" else "csv"  # the name lies about the content
    return f"{MARK}levering.{kind}", content


HOSTILE = st.sampled_from([
    ("lachen.xlsx", hf.billion_laughs_xlsx),
    ("oud.xlsx", hf.xls_renamed),
    ("versleuteld.xlsx", hf.encrypted_xlsx),
    ("zipcrypto.xlsx", hf.encrypted_zip_member_xlsx),
    ("bom.xlsx", lambda: hf.zip_bomb_xlsx(3 * 1024 * 1024)),
    ("kapot.ods", lambda: hf.truncated((hf.FILES / "levering_libreoffice.ods").read_bytes())),
])  # fmt: skip

# -- properties -------------------------------------------------------------------------------


def snapshot(engine) -> dict[str, tuple[int, str]]:
    """Row count and checksum of every table an import writes to."""
    found = {}
    with engine.connect() as conn:
        for table in TABLES:
            rows_ = conn.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
            found[table.name] = (len(rows_), hashlib.sha256(repr(rows_).encode()).hexdigest())
    return found


def texts_in(engine, table: sa.Table) -> str:
    with engine.connect() as conn:
        return repr(conn.execute(sa.select(table)).all())


def check_import(engine, setup, name: str, content: bytes, caplog) -> None:
    before = snapshot(engine)
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        result = imports.import_trajectories(
            engine, name, content, setup["admin"], "TEST", today=TODAY
        )
    after = snapshot(engine)
    logged = " ".join(r.getMessage() for r in caplog.records)
    if result.status == "geweigerd":
        assert result.problems, "a refusal always says why"
        for problem in result.problems:
            assert problem.message.strip()
            assert "Traceback" not in problem.message and "Error" not in problem.message
            if problem.row is not None:
                assert problem.column, "a problem in a row names its column"
        # No partial write: the data tables are exactly as they were.
        for table in (trajectory, import_change, audit_log):
            assert after[table.name] == before[table.name], table.name
        assert after["import_log"][0] - before["import_log"][0] in (0, 1)
        # No value of the refused file in the database (beyond the file's name), nor the logs.
        stored = texts_in(engine, import_log).replace(name, "") + texts_in(engine, audit_log)
        assert MARK not in stored.replace(f"'{MARK}levering", "")
        assert MARK not in logged.replace(f"{MARK}levering", "")
    elif result.status == "ongewijzigd":
        assert after == before
    else:
        assert result.status == "ingelezen"
        assert after["trajectory"][0] == before["trajectory"][0] + result.new
        with engine.connect() as conn:
            touched = conn.execute(
                sa.select(sa.func.count())
                .select_from(trajectory)
                .where(trajectory.c.import_id == result.import_id)
            ).scalar()
        assert touched == result.new + result.changed
        # Importing the same file again changes nothing.
        again = imports.import_trajectories(
            engine, name, content, setup["admin"], "TEST", today=TODAY
        )
        assert again.status == "ongewijzigd"


@pytest.fixture
def sqlite_only(db_url):
    if not db_url.startswith("sqlite") and EXAMPLES <= 25:
        pytest.skip("the bounded run fuzzes SQLite; the long run both databases")


@FUZZ
@given(file=files())
def test_generated_files_are_imported_whole_or_refused_without_a_trace(
    engine, setup, sqlite_only, caplog, file
):
    check_import(engine, setup, *file, caplog)


@settings(FUZZ, max_examples=min(EXAMPLES, 12))
@given(hostile=HOSTILE, keep=st.floats(0.05, 1.0))
def test_hostile_workbooks_are_refused_without_a_trace(
    engine, setup, sqlite_only, caplog, hostile, keep
):
    name, build = hostile
    content = build()
    check_import(engine, setup, name, content[: max(1, int(len(content) * keep))], caplog)
