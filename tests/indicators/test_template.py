"""The template: what it holds, what is locked, what is checked, and that it reads back."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from indicators import selectors, services
from indicators.demo import FIXTURE, seed_spec_and_data
from indicators.selfassessment import layout, template


def _workbook(content: bytes):
    return load_workbook(BytesIO(content))


def test_the_template_lists_the_evaluations_rows_and_marks_it(seed):
    spec = selectors.spec_for(seed.evaluation)
    wb = _workbook(template.build(spec))
    assert wb.sheetnames == [layout.INSTRUCTIONS, *layout.DATA_SHEETS, layout.MARKER]
    assert wb[layout.MARKER].sheet_state == "veryHidden"
    marker = {row[0].value: row[1].value for row in wb[layout.MARKER].iter_rows()}
    assert marker == {
        "template": layout.MARKER_TITLE,
        "version": str(layout.TEMPLATE_VERSION),
        "evaluation": "官洲街社工服务站|2024-06-09|midterm",
        "title": "2024—2025 年度 官洲街社工服务站 中期",
    }
    indicators = wb[layout.INDICATORS]
    assert [indicators.cell(row=r, column=2).value for r in range(4, 7)] == [
        "电话访问",
        "入户探访",
        "接案",
    ]
    assert indicators["E4"].value == 2001
    assert indicators["C4"].value is None
    assert [wb[layout.ATTENDANCE].cell(row=r, column=1).value for r in range(4, 10)] == [
        f"2024-{m:02d}" for m in range(7, 13)
    ]
    assert [wb[layout.STAFFING].cell(row=r, column=1).value for r in (4, 5)] == [
        "广州市明心社会工作服务中心",
        "广州市越秀区穗青社会工作服务中心",
    ]
    assert wb[layout.FILING]["B10"].value == "仑头西社区"


def test_only_the_cells_to_fill_are_unlocked_and_they_are_validated(seed):
    wb = _workbook(template.build(selectors.spec_for(seed.evaluation)))
    for name in layout.DATA_SHEETS:
        assert wb[name].protection.sheet, name
    indicators = wb[layout.INDICATORS]
    unlocked = {
        cell.coordinate
        for row in indicators.iter_rows(min_row=1, max_row=40, max_col=6)
        for cell in row
        if not cell.protection.locked
    }
    assert unlocked == {f"C{r}" for r in range(4, 19)}
    staffing_unlocked = {
        c.coordinate
        for row in wb[layout.STAFFING].iter_rows(max_row=10, max_col=12)
        for c in row
        if not c.protection.locked
    }
    assert staffing_unlocked == {f"{col}{r}" for col in "DEFGHIJ" for r in (4, 5)}
    [validation] = indicators.data_validations.dataValidation
    assert (validation.type, validation.operator, str(validation.sqref)) == (
        "whole",
        "greaterThanOrEqual",
        "C4:C18",
    )
    [halves] = wb[layout.ATTENDANCE].data_validations.dataValidation
    assert halves.type == "custom"
    assert "MOD(D4*2,1)=0" in halves.formula1
    assert wb.security.lockStructure


def test_a_filled_template_reads_back_to_the_same_figures(seed):
    spec, data = seed_spec_and_data()
    real = selectors.spec_for(seed.evaluation)
    read = services.self_assessment_check(
        evaluation=seed.evaluation, content=template.build(spec, data)
    )
    ids = {i.name: i.id for i in real.indicators}
    assert read.actuals[ids["结案"]] == 19
    assert sorted(read.actuals.values()) == sorted(data.actuals.values())
    assert read.single == data.single
    assert list(read.attendance.values()) == list(data.attendance.values())
    assert list(read.staffing.values()) == list(data.staffing.values())
    assert list(read.narratives.values()) == list(data.narratives.values())


def test_the_committed_seed_fixture_holds_the_seed_values(seed):
    _spec, data = seed_spec_and_data()
    read = services.self_assessment_check(evaluation=seed.evaluation, content=FIXTURE.read_bytes())
    assert sorted(read.actuals.values()) == sorted(data.actuals.values())
    assert read.single == data.single
    assert list(read.filings.values()) == list(data.filings.values())


def test_the_template_can_be_downloaded_prefilled_and_uploaded_unchanged(seeded):
    evaluation = seeded.evaluation
    content = template.build(selectors.spec_for(evaluation), selectors.current_data(evaluation))
    new = services.self_assessment_check(evaluation=evaluation, content=content)
    spec = selectors.spec_for(evaluation)
    assert selectors.preview(spec, selectors.current_data(evaluation), new) == []


def test_user_text_starting_with_equals_stays_text(seed):
    spec, data = seed_spec_and_data()
    data.narratives["service_quality"] = '=HYPERLINK("http://evil.example","点击")'
    wb = _workbook(template.build(spec, data))
    cell = wb[layout.NARRATIVE]["B5"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")
