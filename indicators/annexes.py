"""The report's two annexes, built once from the ``Figures`` the pages show: 附件1
指标完成情况统计表 and 附件2 社工到岗情况统计表. The PDF prints them (``Annex.printed``)
and the .xlsx writes their values as numbers (``indicators.exports``), so the two cannot
drift: same title, note, columns, rows. The annexes are part of the report, a Chinese
document, so their words are fixed here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from indicators.selectors import Figures
from stations import numbers

Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Annex:
    number: int
    name: str  # the title without "附件N "
    note: str
    headings: tuple[str, ...]
    rows: list[list[Cell]]
    percent_column: int | None = None  # the index of the column of percentages (92.05 for 92.05 %)

    @property
    def sheet(self) -> str:
        return f"附件{self.number}"

    @property
    def title(self) -> str:
        return f"{self.sheet} {self.name}"

    def printed(self) -> list[list[str]]:
        """The rows as the PDF prints them: 92.05%, 77.5, “—” for nothing."""
        return [
            [
                cell
                if isinstance(cell, str)
                else numbers.shown(cell)
                + ("%" if i == self.percent_column and cell is not None else "")
                for i, cell in enumerate(row)
            ]
            for row in self.rows
        ]


def indicators_annex(figures: Figures) -> Annex:
    evaluation = figures.evaluation
    return Annex(
        number=1,
        name=f"{evaluation.contract.station.name}购买服务项目指标完成情况统计表",
        note=(
            f"数据截至 {evaluation.data_cutoff_date:%Y-%m-%d}；"
            f"预期进度 {numbers.shown(figures.expected_pct)}%"
            "（截至数据截止日的协议期进度 × 评估方案的系数）。"
        ),
        headings=("序号", "类别", "指标", "单位", "协议指标量", "完成量", "完成率", "进度"),
        rows=[
            [
                n,
                line.indicator.category,
                line.indicator.name,
                line.indicator.unit,
                line.indicator.target,
                line.actual,
                line.completion,
                "未达预期进度" if line.behind else "",
            ]
            for n, line in enumerate(figures.indicators, start=1)
        ],
        percent_column=6,
    )


def attendance_annex(figures: Figures) -> Annex:
    evaluation = figures.evaluation
    contract = evaluation.contract
    totals = figures.attendance
    rows: list[list[Cell]] = [
        [
            f"{row.month:%Y-%m}",
            contract.required_staff,
            row.certified + row.uncertified,
            contract.required_certified_staff,
            row.certified,
            row.uncertified,
        ]
        for row in figures.attendance_rows
    ]
    if rows:
        rows.append(
            [
                "合计",
                totals.required,
                totals.actual,
                totals.certified_required,
                totals.certified_actual,
                totals.uncertified_actual,
            ]
        )
    return Annex(
        number=2,
        name=f"{contract.station.name}购买服务项目社工到岗情况统计表",
        note=f"单位：人月；数据截至 {evaluation.data_cutoff_date:%Y-%m-%d}。",
        headings=(
            "月份",
            "应到岗",
            "实际到岗",
            "持证社工应到岗",
            "持证社工实际到岗",
            "非持证社工到岗",
        ),
        rows=rows,
    )
