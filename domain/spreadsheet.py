"""Reading the first sheet of an .xlsx or .ods workbook safely, as cell values per row.

A workbook is a zip of XML files, so a hostile one can hide a zip bomb (a small file that inflates
to gigabytes) or XML entity expansion ("billion laughs"). Both are refused before any spreadsheet
reader sees the file: every member is inflated once, as a stream, with a ceiling on its size, and
scanned for a document type declaration, which no spreadsheet program writes. The cells are then
read by calamine (python-calamine, in Rust), which reads .xlsx and .ods alike.
"""

from __future__ import annotations

import io
import zipfile

ZIP_MAGIC = b"PK\x03\x04"
# Old Excel (.xls) and password-protected .xlsx are both OLE2 compound files, not zips.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A 500,000-row sheet of the template inflates to some 300 MB of XML; more than this is a bomb.
MAX_INFLATED_BYTES = 1024 * 1024 * 1024
# A zip holds a workbook's few dozen parts; thousands of members is not a spreadsheet.
MAX_MEMBERS = 1_000
# Inflating a member in pieces of this size bounds the memory the check takes.
CHUNK_BYTES = 1024 * 1024
# What opens a document type declaration (and with it entity definitions) in XML.
DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
# ODF marks a password-protected part in its manifest with this element.
ODF_ENCRYPTED = b"encryption-data"


class WorkbookRefused(Exception):  # noqa: N818 - a verdict on the file
    """The workbook is not safe or not readable; `reason` is a key of the [werkmap] texts."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_container(content: bytes) -> None:
    """Refuse anything that is not a plain, safe zip of XML parts (see the module's docstring)."""
    if content[:8] == OLE2_MAGIC:
        raise WorkbookRefused("werkmap.ole2")
    if content[:4] != ZIP_MAGIC:
        raise WorkbookRefused("werkmap.geen_werkmap")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise WorkbookRefused("werkmap.zipbom")
        total = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise WorkbookRefused("werkmap.versleuteld")
            total = _scan_member(archive, member, total)
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise WorkbookRefused("werkmap.kapot") from None
    except Exception:  # zlib and zipfile raise several kinds for a damaged archive
        raise WorkbookRefused("werkmap.kapot") from None


def _scan_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, total: int) -> int:
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            total += len(chunk)
            if total > MAX_INFLATED_BYTES:
                raise WorkbookRefused("werkmap.zipbom")
            window = tail + chunk
            if any(marker in window for marker in DTD_MARKERS):
                raise WorkbookRefused("werkmap.xml_entiteiten")
            if member.filename == "META-INF/manifest.xml" and ODF_ENCRYPTED in window:
                raise WorkbookRefused("werkmap.versleuteld")
            tail = chunk[-16:]
    return total


def first_sheet_rows(content: bytes) -> list[list[object]]:
    """The first sheet's cells, row by row from row 1 (empty rows kept, so numbers match)."""
    import python_calamine

    check_container(content)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        if not workbook.sheet_names:
            raise WorkbookRefused("werkmap.werkblad_leeg")
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
        workbook.close()
    except WorkbookRefused:
        raise
    except BaseException as exc:
        # calamine raises its own errors, and a Rust panic arrives as pyo3's PanicException,
        # which derives from BaseException: refuse on those, never on an interrupt or an exit.
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        raise WorkbookRefused("werkmap.kapot") from None
    return rows
