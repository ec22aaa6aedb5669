"""Annex 1 (指标完成情况统计表) and annex 2 (社工到岗情况统计表) as .xlsx, rendered from the
same ``Figures`` the pages show. Text is always written as text, never as a formula."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from indicators import figures as figure_rules
from indicators.selectors import Figures
from indicators.selfassessment.template import set_text

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _table(
    sheet: str,
    title: str,
    note: str,
    headings: list[str],
    rows: list[list],
    percent_column: int | None = None,
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet  # fixed: a sheet name cannot hold every character a station name can
    set_text(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headings))
    set_text(ws.cell(row=2, column=1), note)
    for column, heading in enumerate(headings, start=1):
        cell = ws.cell(row=3, column=column)
        set_text(cell, heading)
        cell.font = Font(bold=True)
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        widest = max([len(str(r[column - 1] or "")) for r in rows] + [len(heading)])
        ws.column_dimensions[get_column_letter(column)].width = max(10, widest * 2 + 2)
    for r, values in enumerate(rows, start=4):
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=column)
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
            if column == percent_column and value is not None:
                cell.number_format = "0.00%"
            cell.border = BOX
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def annex1(figures: Figures) -> bytes:
    evaluation = figures.evaluation
    station = evaluation.contract.station
    rows = [
        [
            n,
            line.indicator.category,
            line.indicator.name,
            line.indicator.unit,
            line.indicator.target,
            line.actual,
            None if line.completion is None else line.completion / 100,
            "未达预期进度" if line.behind else "",
        ]
        for n, line in enumerate(figures.indicators, start=1)
    ]
    return _table(
        "附件1",
        f"附件1 {station.name}购买服务项目指标完成情况统计表",
        f"数据截至 {evaluation.data_cutoff_date:%Y-%m-%d}；"
        f"预期进度 {figure_rules.format_percent(figures.expected_pct)}%"
        "（截至数据截止日的协议期进度 × 评估方案的系数）。",
        ["序号", "类别", "指标", "单位", "协议指标量", "完成量", "完成率", "进度"],
        rows,
        percent_column=7,
    )


def annex2(figures: Figures) -> bytes:
    evaluation = figures.evaluation
    contract = evaluation.contract
    totals = figures.attendance
    rows = [
        [
            f"{row.month:%Y-%m}",
            contract.required_staff,
            float(row.certified + row.uncertified),
            contract.required_certified_staff,
            float(row.certified),
            float(row.uncertified),
        ]
        for row in figures.attendance_rows
    ]
    rows.append(
        [
            "合计",
            float(totals.required),
            float(totals.actual),
            float(totals.certified_required),
            float(totals.certified_actual),
            float(totals.uncertified_actual),
        ]
    )
    return _table(
        "附件2",
        f"附件2 {contract.station.name}购买服务项目社工到岗情况统计表",
        f"单位：人月；数据截至 {evaluation.data_cutoff_date:%Y-%m-%d}。",
        ["月份", "应到岗", "实际到岗", "持证社工应到岗", "持证社工实际到岗", "非持证社工到岗"],
        rows,
    )
