"""The set-up workbook's rows as typed records (pure: no database). Every problem is kept, named
``工作表!单元格：原因``, so the whole file is checked before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils import get_column_letter

from seasons import layout
from seasons.layout import Column, Sheet


@dataclass(frozen=True)
class Record:
    sheet: str
    row: int  # its row in the sheet (1 is the headings)
    values: dict[str, Any]  # by heading: str, date, int, Decimal or None

    def cell(self, heading: str, sheets: tuple[Sheet, ...] = layout.SHEETS) -> str:
        [sheet] = [s for s in sheets if s.name == self.sheet]
        return f"{self.sheet}!{get_column_letter(sheet.headings.index(heading) + 1)}{self.row}"

    def problem(self, heading: str, reason: str) -> str:
        """``工作表!单元格：原因`` for the cell of ``heading`` in this row."""
        return f"{self.cell(heading)}：{reason}"


@dataclass
class Parsed:
    records: dict[str, list[Record]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem(self, record: Record, heading: str, reason: str) -> None:
        self.problems.append(record.problem(heading, reason))


def _text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def value(column: Column, raw: object) -> tuple[object, str]:
    """The cell's value of ``column``'s kind, or ``(None, reason)``."""
    text = _text(raw)
    if text == "":
        return None, ("必填" if column.required else "")
    if text.startswith("="):
        return None, "请填写数值，不要用公式"
    if column.kind == "text":
        return text, ""
    if column.kind == "date":
        return _date(raw, text)
    if column.kind == "stage":
        if text in layout.STAGES:
            return layout.STAGES[text], ""
        return None, f"“{text}”不是阶段（中期或末期）"
    return _number(column.kind, text)


DATE_PATTERNS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


def _date(raw: object, text: str) -> tuple[object, str]:
    if isinstance(raw, dt.datetime):
        return raw.date(), ""
    if isinstance(raw, dt.date):
        return raw, ""
    for pattern in DATE_PATTERNS:
        try:
            return dt.datetime.strptime(text, pattern).date(), ""
        except ValueError:
            continue
    return None, f"“{text}”不是日期（如 2025-01-20）"


def _number(kind: str, text: str) -> tuple[object, str]:
    try:
        number = Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None, f"“{text}”不是数字"
    if not number.is_finite() or number < 0:
        return None, f"“{text}”不是非负数"
    if kind == "count":
        if number != number.to_integral_value():
            return None, f"“{text}”不是整数"
        if number > 1_000_000:
            return None, f"“{text}”太大"
        return int(number), ""
    exponent = number.as_tuple().exponent
    if (isinstance(exponent, int) and exponent < -2) or number >= 10**10:  # yuan and fen
        return None, f"“{text}”不是金额（最多两位小数）"
    return number, ""


def parse(rows_by_sheet: dict[str, list[tuple]]) -> Parsed:
    """``rows_by_sheet``: each sheet's rows as read (row 1 the headings). Missing sheets are
    empty; a sheet with wrong headings is one problem."""
    parsed = Parsed()
    for sheet in layout.SHEETS:
        rows = rows_by_sheet.get(sheet.name) or []
        parsed.records[sheet.name] = []
        if not rows:
            continue
        headings = tuple(_text(h) for h in rows[0][: len(sheet.columns)])
        if headings != sheet.headings:
            parsed.problems.append(f"{sheet.name}!A1：表头应为“{'、'.join(sheet.headings)}”")
            continue
        for number, row in enumerate(rows[1:], start=2):
            if all(_text(v) == "" for v in row):
                continue
            values, reasons = {}, {}
            for column, raw in zip(sheet.columns, row, strict=False):
                values[column.heading], reasons[column.heading] = value(column, raw)
            record = Record(sheet.name, number, values)
            for heading, reason in reasons.items():
                if reason:
                    parsed.problem(record, heading, reason)
            parsed.records[sheet.name].append(record)
    return parsed
