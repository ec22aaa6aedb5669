"""The annexes are built once: the PDF prints and the .xlsx holds the same title, note, columns
and rows."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from indicators import annexes, exports
from indicators.selectors import evaluation_figures
from reports import content, rendering
from stations import numbers


@pytest.mark.parametrize(
    ("build", "write"),
    [
        (annexes.indicators_annex, exports.annex1),
        (annexes.attendance_annex, exports.annex2),
    ],
)
def test_the_workbook_holds_what_the_pdf_prints(seeded, build, write):
    figures = evaluation_figures(seeded.evaluation)
    annex = build(figures)
    ws = load_workbook(BytesIO(write(figures))).active
    assert (ws.title, ws["A1"].value, ws["A2"].value) == (annex.sheet, annex.title, annex.note)
    assert tuple(c.value for c in ws[3]) == annex.headings
    written = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert len(written) == len(annex.rows) > 0

    def printed(index: int, value) -> str:
        if isinstance(value, str):
            return value
        if value is None and index == len(annex.headings) - 1 and annex.number == 1:
            return ""  # an empty text cell (进度 of an indicator on track) reads back as None
        if index == annex.percent_column and value is not None:
            return numbers.shown(round(Decimal(str(value)) * 100, 2)) + "%"
        return numbers.shown(None if value is None else Decimal(str(value)))

    assert [[printed(i, v) for i, v in enumerate(row)] for row in written] == annex.printed()


def test_the_report_prints_both_annexes_with_their_notes(seeded):
    data = content.build(seeded.evaluation)
    html = rendering.html(data, final=True)
    indicators, attendance = data.annexes
    assert indicators.title == "附件1 官洲街社工服务站购买服务项目指标完成情况统计表"
    assert attendance.note.startswith("单位：人月；数据截至 2024-12-31")
    assert "评估方案的系数" in indicators.note
    for annex in data.annexes:
        assert f"<h2>{annex.title}</h2>" in html
        assert f'<p class="note">{annex.note}</p>' in html
    first = ["1", "电话访问", "电话访问", "个", "2001", "1842", "92.05%"]
    assert indicators.printed()[0][:7] == first
    assert attendance.printed()[-1] == ["合计", "108", "108", "54", "77.5", "30.5"]
    assert "附件：1. 官洲街社工服务站购买服务项目指标完成情况统计表" in html
