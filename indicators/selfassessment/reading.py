"""Opening an untrusted .xlsx safely. Everything is checked before openpyxl parses a byte:
the size, that it is a zip and not an old or encrypted Office file, the archive's declared sizes,
compression ratios, member count and macro parts; then openpyxl reads with defusedxml (entity
attacks fail), in read-only mode with the sheets' declared dimensions reset and the rows capped.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_MEMBERS = 200
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 200  # per member, for members over 1 MiB uncompressed
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


class BadWorkbook(Exception):
    """The file cannot be read as a self-assessment workbook; ``messages`` say why."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


def max_bytes() -> int:
    return settings.SELF_ASSESSMENT_MAX_BYTES


def check_archive(data: bytes) -> None:
    """Refuse what is not a plain, modest .xlsx, before any XML is parsed."""
    if len(data) > max_bytes():
        raise BadWorkbook(
            _("The file is larger than %(max)s MB.") % {"max": max_bytes() // (1024 * 1024)}
        )
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_PACKAGE in data:
            raise BadWorkbook(
                _("The workbook is protected by a password: remove the password and upload again.")
            )
        raise BadWorkbook(
            _("This is an old Excel 97–2003 file (.xls): save it as .xlsx and upload again.")
        )
    if not data.startswith(b"PK"):
        raise BadWorkbook(_("This is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise BadWorkbook(
            _("The file is damaged: it cannot be read as an Excel workbook.")
        ) from exc
    names = {m.filename for m in members}
    if len(members) > MAX_MEMBERS:
        raise BadWorkbook(_("The file holds too many parts to be a self-assessment workbook."))
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED or any(
        m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)
        for m in members
    ):
        raise BadWorkbook(_("The file expands to far more than it weighs (a “zip bomb”): refused."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise BadWorkbook(_("The file holds macros (VBA): save it as a plain .xlsx workbook."))
    if not all(part in names for part in REQUIRED_PARTS):
        raise BadWorkbook(_("The file is damaged: it cannot be read as an Excel workbook."))


def read_sheets(
    data: bytes, wanted: dict[str, tuple[int, int]], marker: str
) -> tuple[dict[str, list[tuple]], list[tuple], list[str]]:
    """The values of the ``wanted`` sheets (name → (rows, columns) to read), the rows of the
    ``marker`` sheet, and the names of wanted sheets that are missing. Formulas come back as
    their text (“=SUM(…)”), never evaluated."""
    check_archive(data)
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise _refusal(exc) from exc
    try:
        present = set(workbook.sheetnames)
        values: dict[str, list[tuple]] = {}
        for name, (rows, columns) in wanted.items():
            if name in present:
                values[name] = _rows(workbook[name], rows, columns)
        marker_rows = _rows(workbook[marker], 10, 2) if marker in present else []
    except Exception as exc:
        raise _refusal(exc) from exc
    finally:
        workbook.close()
    missing = [name for name in wanted if name not in present]
    return values, marker_rows, missing


def _refusal(exc: BaseException) -> BadWorkbook:
    """What to tell about a file openpyxl could not read. openpyxl wraps the parser's errors,
    so defusedxml's refusal may be a cause of the exception rather than the exception."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return BadWorkbook(_("The file holds unsafe XML (entity declarations): refused."))
        seen = seen.__cause__ or seen.__context__
    return BadWorkbook(_("The file is damaged: it cannot be read as an Excel workbook."))


def _rows(sheet, rows: int, columns: int) -> list[tuple]:
    # Read-only mode trusts the sheet's declared size; a crafted file can declare 2 rows and
    # hold millions. Forget it and read exactly the window we need.
    sheet.reset_dimensions()
    return [
        tuple(row) + (None,) * (columns - len(row))
        for row in sheet.iter_rows(min_row=1, max_row=rows, max_col=columns, values_only=True)
    ]
