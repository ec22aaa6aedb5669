"""The self-assessment template of one evaluation, as an .xlsx the station fills in: cells to
fill are unlocked, carry data validation and are shaded; everything else is protected; a very
hidden sheet names the template version and the evaluation."""

from __future__ import annotations

from dataclasses import fields
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from indicators.selfassessment import layout
from indicators.selfassessment.layout import (
    FilingValues,
    SelfAssessmentData,
    Spec,
    StaffingValues,
)

INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def set_text(cell, value: str) -> None:
    """Write text that stays text: openpyxl would turn a string starting with “=” into a
    formula."""
    cell.value = value
    cell.data_type = "s"


def _sheet(wb: Workbook, name: str, title: str, note: str, headings: list[str]) -> Worksheet:
    ws = wb.create_sheet(name)
    set_text(ws["A1"], title)
    ws["A1"].font = Font(bold=True, size=13)
    set_text(ws["A2"], note)
    ws["A2"].alignment = Alignment(wrap_text=False)
    for column, heading in enumerate(headings, start=1):
        cell = ws.cell(row=3, column=column)
        set_text(cell, heading)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(column)].width = max(14, len(heading) * 2 + 2)
    ws.freeze_panes = "A4"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # let people widen columns
    return ws


def _input(ws: Worksheet, row: int, column: int, value=None, *, text: bool = False) -> None:
    cell = ws.cell(row=row, column=column)
    if value is not None:
        if text:
            set_text(cell, str(value))
        else:
            cell.value = value
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL
    if text:
        cell.alignment = WRAP


def _validate(ws: Worksheet, kind: str, cells: str, *, places: int = 0, maximum=None) -> None:
    """Excel's own check of the cells to fill; the portal checks again on upload."""
    first = cells.split(":")[0]
    if kind == "whole":
        validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        message = "请填写非负整数。"
    elif kind == "halves":
        validation = DataValidation(
            type="custom", formula1=f"AND(ISNUMBER({first}),{first}>=0,MOD({first}*2,1)=0)"
        )
        message = "请填写非负数，可为 0.5 的整数倍（如 12.5）。"
    elif kind == "percent":
        validation = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="100"
        )
        message = "请填写 0 到 100 之间的百分数（如 95.2）。"
    else:
        validation = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        message = f"请填写非负数，最多 {places} 位小数。"
    validation.error = message
    validation.errorTitle = "填写有误"
    validation.prompt = message
    validation.showErrorMessage = True
    validation.showInputMessage = True
    validation.allow_blank = True
    ws.add_data_validation(validation)
    validation.add(cells)


def build(spec: Spec, data: SelfAssessmentData | None = None) -> bytes:
    """The workbook for ``spec``, with ``data`` (e.g. the current figures) already filled in."""
    data = data or SelfAssessmentData()
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the new workbook's empty default sheet
    _instructions(wb, spec)
    _indicators(wb, spec, data)
    _staffing(wb, spec, data)
    _attendance(wb, spec, data)
    _label_values(
        wb,
        layout.TRAINING,
        "继续教育",
        "单位：小时，最多 1 位小数。",
        layout.TRAINING_ROWS,
        data,
        "decimal",
        1,
    )
    _filing(wb, spec, data)
    _label_values(
        wb,
        layout.SURVEY,
        "满意度调查",
        "名册人数与调查人数为整数；满意度填百分数（如 95.2）。",
        layout.SURVEY_ROWS,
        data,
        None,
        0,
    )
    _label_values(
        wb,
        layout.RESOURCES,
        "资源链接",
        "单位：元，最多 2 位小数。",
        layout.RESOURCE_ROWS,
        data,
        "decimal",
        2,
    )
    _narrative(wb, spec, data)
    marker = wb.create_sheet(layout.MARKER)
    for row, (label, value) in enumerate(
        [
            ("template", layout.MARKER_TITLE),
            ("version", str(layout.TEMPLATE_VERSION)),
            ("evaluation", spec.key),
            ("title", spec.title),
        ],
        start=1,
    ):
        set_text(marker.cell(row=row, column=1), label)
        set_text(marker.cell(row=row, column=2), value)
    marker.sheet_state = "veryHidden"
    marker.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _instructions(wb: Workbook, spec: Spec) -> None:
    ws = wb.create_sheet(layout.INSTRUCTIONS)
    lines = [
        spec.title + " · 自评数据填写模板",
        f"数据统计截至 {spec.cutoff:%Y 年 %m 月 %d 日}。",
        "",
        "1. 只填写浅黄色单元格，其他单元格已锁定；请勿增删、重命名或调整工作表。",
        "2. 数量填写非负整数；到岗人月可为 0.5 的整数倍；时长最多 1 位小数；金额最多 2 位小数。",
        "3. 请直接填写数值，不要使用公式。",
        "4. 满意度调查：从服务对象名册随机抽取不少于 100 名（名册不足 100 名的全部调查）。",
        "5. 上传后平台会逐格检查，出错时会列出工作表、单元格和原因，全部正确后才会生效。",
        "6. 本模板只适用于本次评估；其他评估请在平台上另行下载。",
    ]
    for row, line in enumerate(lines, start=1):
        set_text(ws.cell(row=row, column=1), line)
    ws["A1"].font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = 100
    ws.protection.sheet = True


def _indicators(wb: Workbook, spec: Spec, data: SelfAssessmentData) -> None:
    ws = _sheet(
        wb,
        layout.INDICATORS,
        "协议指标完成情况",
        f"请在“完成量”列填写截至 {spec.cutoff:%Y-%m-%d} 的完成量（非负整数）。",
        layout.INDICATOR_COLUMNS,
    )
    for row, indicator in enumerate(spec.indicators, start=layout.FIRST_ROW):
        set_text(ws.cell(row=row, column=1), indicator.category)
        set_text(ws.cell(row=row, column=2), indicator.name)
        _input(ws, row, 3, data.actuals.get(indicator.id))
        set_text(ws.cell(row=row, column=4), indicator.unit)
        ws.cell(row=row, column=5, value=indicator.target)
    if spec.indicators:
        last = layout.FIRST_ROW + len(spec.indicators) - 1
        _validate(ws, "whole", f"C{layout.FIRST_ROW}:C{last}")


def _staffing(wb: Workbook, spec: Spec, data: SelfAssessmentData) -> None:
    ws = _sheet(
        wb,
        layout.STAFFING,
        "人员配置（按承办期）",
        "各级持证社工与非持证社工之和应等于平均配备社工；“从业两年及以上”“持续在岗”可空。",
        layout.STAFFING_COLUMNS,
    )
    ws.column_dimensions["A"].width = 36
    for row, term in enumerate(spec.terms, start=layout.FIRST_ROW):
        set_text(ws.cell(row=row, column=1), term.operator)
        set_text(ws.cell(row=row, column=2), term.start.isoformat())
        set_text(ws.cell(row=row, column=3), term.end.isoformat())
        values = data.staffing.get(term.id)
        for column, field in enumerate(fields(StaffingValues), start=4):
            _input(ws, row, column, getattr(values, field.name, None))
    if spec.terms:
        last = layout.FIRST_ROW + len(spec.terms) - 1
        _validate(ws, "whole", f"D{layout.FIRST_ROW}:J{last}")


def _attendance(wb: Workbook, spec: Spec, data: SelfAssessmentData) -> None:
    ws = _sheet(
        wb,
        layout.ATTENDANCE,
        "社工到岗情况（人月）",
        "每月实际到岗人月，可为 0.5 的整数倍；应到岗按协议配置人数计算。",
        layout.ATTENDANCE_COLUMNS,
    )
    for row, month in enumerate(spec.months, start=layout.FIRST_ROW):
        set_text(ws.cell(row=row, column=1), layout.month_label(month))
        ws.cell(row=row, column=2, value=spec.required_staff)
        ws.cell(row=row, column=3, value=spec.required_certified)
        certified, uncertified = data.attendance.get(month, (None, None))
        _input(ws, row, 4, certified)
        _input(ws, row, 5, uncertified)
    if spec.months:
        last = layout.FIRST_ROW + len(spec.months) - 1
        _validate(ws, "halves", f"D{layout.FIRST_ROW}:E{last}")


def _filing(wb: Workbook, spec: Spec, data: SelfAssessmentData) -> None:
    ws = _sheet(
        wb,
        layout.FILING,
        "困难群众和特殊群体建档情况",
        "按社区填写应建档与实际建档的户数、人数（非负整数；实际不超过应建档）。",
        layout.FILING_COLUMNS,
    )
    for row, community in enumerate(spec.communities, start=layout.FIRST_ROW):
        set_text(ws.cell(row=row, column=1), community.area)
        set_text(ws.cell(row=row, column=2), community.name)
        values = data.filings.get(community.id)
        for column, field in enumerate(fields(FilingValues), start=3):
            _input(ws, row, column, getattr(values, field.name, None))
    if spec.communities:
        last = layout.FIRST_ROW + len(spec.communities) - 1
        _validate(ws, "whole", f"C{layout.FIRST_ROW}:F{last}")


def _label_values(
    wb: Workbook, name: str, title: str, note: str, rows, data: SelfAssessmentData, kind, places
) -> None:
    ws = _sheet(wb, name, title, note, ["项目", "数值"])
    ws.column_dimensions["A"].width = 36
    for row, (label, key) in enumerate(rows, start=layout.FIRST_ROW):
        set_text(ws.cell(row=row, column=1), label)
        _input(ws, row, 2, data.single.get(key))
        check = kind or ("percent" if key == "survey_satisfaction" else "whole")
        _validate(ws, check, f"B{row}", places=places)


def _narrative(wb: Workbook, spec: Spec, data: SelfAssessmentData) -> None:
    ws = _sheet(
        wb,
        layout.NARRATIVE,
        "自评报告",
        f"按部分填写社工站的自我评估（每部分不超过 {layout.TEXT_MAX} 字）。",
        layout.NARRATIVE_COLUMNS,
    )
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    for row, (value, label) in enumerate(spec.sections, start=layout.FIRST_ROW):
        set_text(ws.cell(row=row, column=1), label)
        _input(ws, row, 2, data.narratives.get(value) or None, text=True)
        ws.row_dimensions[row].height = 90
