"""The report's annexes (``indicators.annexes``) as .xlsx. Text is always written as text,
never as a formula."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from indicators import annexes
from indicators.annexes import Annex
from indicators.selectors import Figures
from indicators.selfassessment.template import set_text

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# The media type of every .xlsx the portal sends.
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(annex: Annex) -> bytes:
    """The annex as a one-sheet .xlsx: numbers as numbers, percentages formatted as such."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its one sheet
    ws.title = annex.sheet  # fixed: a sheet name cannot hold every character a station name can
    headings, rows = annex.headings, annex.rows
    set_text(ws.cell(row=1, column=1), annex.title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    set_text(ws.cell(row=2, column=1), annex.note)
    for column, heading in enumerate(headings, start=1):
        cell = ws.cell(row=3, column=column)
        set_text(cell, heading)
        cell.font = Font(bold=True)
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        widest = max([len(str(r[column - 1] or "")) for r in rows] + [len(heading)])
        ws.column_dimensions[get_column_letter(column)].width = max(10, widest * 2 + 2)
    for r, values in enumerate(rows, start=4):
        for index, value in enumerate(values):
            cell = ws.cell(row=r, column=index + 1)
            if isinstance(value, str):
                set_text(cell, value)
            elif index == annex.percent_column and value is not None:
                cell.value = float(value / 100)
                cell.number_format = "0.00%"
            else:
                cell.value = value if value is None or isinstance(value, int) else float(value)
            cell.border = BOX
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def annex1(figures: Figures) -> bytes:
    return workbook(annexes.indicators_annex(figures))


def annex2(figures: Figures) -> bytes:
    return workbook(annexes.attendance_annex(figures))
