"""Builders of malformed and hostile spreadsheet files, shared by the import tests and the fuzzer."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

FILES = Path(__file__).resolve().parent / "files"
SHEET = "xl/worksheets/sheet1.xml"

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>
</worksheet>"""


def workbook_bytes(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def replace_member(content: bytes, name: str, data: bytes, compression=zipfile.ZIP_DEFLATED):
    """The same zip with one member's data replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            body = data if item.filename == name else source.read(item.filename)
            target.writestr(item.filename, body, compress_type=compression)
    return out.getvalue()


def billion_laughs_xlsx() -> bytes:
    """An .xlsx whose sheet uses XML entity expansion."""
    return replace_member(workbook_bytes([["traject_id"], ["K-1"]]), SHEET, BILLION_LAUGHS)


def zip_bomb_xlsx(inflated_bytes: int) -> bytes:
    """An .xlsx whose sheet inflates to `inflated_bytes` of XML whitespace (compresses ~1000:1)."""
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    body = head + b" " * inflated_bytes + b"</sheetData></worksheet>"
    return replace_member(workbook_bytes([["traject_id"]]), SHEET, body)


def encrypted_xlsx() -> bytes:
    """What Excel saves for a password-protected workbook: an OLE2 compound file, not a zip."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"EncryptedPackage" + bytes(512)


def xls_renamed() -> bytes:
    """An old Excel (.xls) file made by LibreOffice, to be uploaded under an .xlsx name."""
    return (FILES / "levering_libreoffice.xls").read_bytes()


def encrypted_zip_member_xlsx() -> bytes:
    """A zip whose member claims traditional (ZipCrypto) encryption."""
    content = bytearray(workbook_bytes([["traject_id"], ["K-1"]]))
    # Set bit 0 (encrypted) of the general-purpose flags in every local and central header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := content.find(signature, start)) >= 0:
            content[at + offset] |= 0x01
            start = at + 4
    return bytes(content)


def truncated(content: bytes, keep: float = 0.6) -> bytes:
    return content[: max(1, int(len(content) * keep))]
