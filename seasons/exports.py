"""The set-up workbook to fill in (``export_setup_template`` and the set-up page's download):
a sheet per record kind with its headings in row 1, a 说明 sheet, and, for a district, the
rows already in the portal (its stations' latest contracts, their targets and service areas, and
the agency's evaluations), so a filled copy re-imports without changing them."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from indicators.models import ContractIndicator
from indicators.selfassessment.template import set_text
from seasons import layout
from stations.models import Community, Contract, District, Evaluation, Organisation

STAGE_NAMES = {code: name for name, code in layout.STAGES.items()}
README_LINES = [
    "社工站评估平台 · 设置表",
    "每个工作表第 1 行是表头，请勿修改；从第 2 行起每行一条记录。",
    "社工站：一个社工站的一份协议一行；区、街道须是平台已有的。日期写作 2025-01-20。",
    "协议指标：社工站须已在“社工站”表或平台中；同一协议的同一类别、指标只写一行。",
    "服务片区：每个社区一行，写明它所在的片区。",
    "评估：社工站、协议开始日期确定一份协议；阶段写“中期”或“末期”。",
    "人员：为各方开设账号，角色写" + "、".join(layout.ROLES) + "之一；新账号会收到设置密码的邮件。",
    "导入时整份文件先检查一遍：有任何问题都不写入，并列出“工作表!单元格：原因”。",
    "同一份文件再导入一次不会改变任何内容。",
]


def _text_cell(ws, row: int, column: int, value: object) -> None:
    """A value in a cell; text stays text (never a formula, whatever it starts with)."""
    if isinstance(value, str):
        set_text(ws.cell(row=row, column=column), value)
    else:
        ws.cell(row=row, column=column, value=value)


def setup_workbook(
    *, district: District | None = None, agency: Organisation | None = None
) -> bytes:
    book = Workbook()
    readme = book.active
    assert readme is not None  # a new workbook has its one sheet
    readme.title = layout.README
    for row, line in enumerate(README_LINES, start=1):
        _text_cell(readme, row, 1, line)
    readme.column_dimensions["A"].width = 100
    readme["A1"].font = Font(bold=True, size=13)
    rows = _rows(district, agency) if district is not None else {}
    for sheet in layout.SHEETS:
        ws = book.create_sheet(sheet.name)
        for column, spec in enumerate(sheet.columns, start=1):
            _text_cell(ws, 1, column, spec.heading)
            ws.cell(row=1, column=column).font = Font(bold=True)
            ws.column_dimensions[get_column_letter(column)].width = spec.width
        ws.freeze_panes = "A2"
        for row, values in enumerate(rows.get(sheet.name, []), start=2):
            for column, value in enumerate(values, start=1):
                _text_cell(ws, row, column, value)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(district: District, agency: Organisation | None) -> dict[str, list[tuple]]:
    contracts = list(
        Contract.objects.filter(station__street__district=district)
        .select_related("station__street__district")
        .prefetch_related("operator_terms__operator")
        .order_by("station__street__name", "station__name", "-start_date")
    )
    latest: dict[int, Contract] = {}
    for contract in contracts:
        latest.setdefault(contract.station_id, contract)
    stations, targets, areas = [], [], []
    for contract in latest.values():
        station = contract.station
        terms = list(contract.operator_terms.all())
        stations.append(
            (
                district.name,
                station.street.name,
                station.name,
                station.short_name,
                station.address,
                terms[-1].operator.name if terms else "",
                contract.start_date,
                contract.end_date,
                contract.budget,
                contract.required_staff,
                contract.required_certified_staff,
            )
        )
    for target in ContractIndicator.objects.filter(contract__in=latest.values()).select_related(
        "contract__station"
    ):
        targets.append(
            (target.contract.station.name, target.category, target.name, target.unit, target.target)
        )
    for community in Community.objects.filter(
        service_area__station__street__district=district
    ).select_related("service_area__station"):
        areas.append(
            (community.service_area.station.name, community.service_area.name, community.name)
        )
    evaluations = (
        [
            (
                e.contract.station.name,
                e.contract.start_date,
                STAGE_NAMES[e.stage],
                e.on_site_date,
                e.data_cutoff_date,
            )
            for e in Evaluation.objects.filter(
                contract__station__street__district=district, agency=agency
            ).select_related("contract__station")
        ]
        if agency is not None
        else []
    )
    return {
        layout.STATIONS.name: stations,
        layout.TARGETS.name: targets,
        layout.AREAS.name: areas,
        layout.EVALUATIONS.name: evaluations,
    }
