"""The figures authors may cite as 【name】, and printing what they wrote as the report does."""

from __future__ import annotations

from indicators import figures as figure_rules
from indicators.selectors import Figures
from reports import text as report_text
from scoring.selectors import Summary
from stations import numbers
from stations.models import Evaluation

# What the report prints for a figure that is not in the data yet (a draft before the station's
# figures are uploaded); issuing is blocked while a finding cites an unknown figure.
MISSING_FIGURE = "（暂缺）"


def printer(values: dict[str, str], masks: list[str]):
    """A function printing what someone wrote as the report does: figures filled in, marked
    names masked."""
    return lambda text: report_text.apply_masks(
        report_text.fill_tokens(text, values, MISSING_FIGURE), masks
    )


def figure_values(evaluation: Evaluation, figures: Figures, summary: Summary) -> dict[str, str]:
    """The figures authors may cite as 【name】 in findings, by name, as the report prints them."""
    values: dict[str, str] = {
        "数据截止日": report_text.date_cn(evaluation.data_cutoff_date),
        "协议配置人数": str(evaluation.contract.required_staff),
        "总分": numbers.shown(summary.result.published),
        "等级": summary.result.grade.label,
        "社区数": str(sum(len(a.communities) for a in figures.coverage)),
        "片区数": str(len(figures.coverage)),
    }
    if figures.staffing:
        line = figures.staffing[-1]
        values.update(
            {
                "平均配备社工": str(line.figure.average_staff),
                "持证社工": str(line.figure.certified),
                "非持证社工": str(line.figure.uncertified),
                "持证率": numbers.shown(line.rates.certified_rate) + "%",
            }
        )
        if line.figure.two_years_plus is not None:
            values["从业两年及以上社工"] = str(line.figure.two_years_plus)
            values["从业两年及以上占比"] = numbers.shown(line.rates.two_years_share) + "%"
        if line.figure.continuous_in_post is not None:
            values["持续在岗社工"] = str(line.figure.continuous_in_post)
            values["稳岗率"] = numbers.shown(line.rates.retention_rate) + "%"
    if figures.attendance_rows:
        a = figures.attendance
        values.update(
            {
                "应到岗": numbers.shown(a.required),
                "实际到岗": numbers.shown(a.actual),
                "持证社工应到岗": numbers.shown(a.certified_required),
                "持证社工实际到岗": numbers.shown(a.certified_actual),
                "非持证社工到岗": numbers.shown(a.uncertified_actual),
            }
        )
    reported, resources = figures.reported, figures.resources
    if reported is not None and resources is not None:  # both or neither
        values.update(
            {
                "应完成培训时长": numbers.shown(reported.training_required_hours),
                "实际完成培训时长": numbers.shown(reported.training_completed_hours),
                "继续教育达标率": numbers.shown(figures.training_pct) + "%",
                "服务对象名册人数": str(reported.survey_roster),
                "满意度调查人数": str(reported.survey_surveyed),
                "总体满意度": numbers.shown(reported.survey_satisfaction) + "%",
                "链接资金": numbers.shown(resources.cash),
                "链接物资": numbers.shown(resources.goods),
                "链接资源合计": numbers.shown(resources.linked),
                "社区慈善基金": numbers.shown(resources.charity_funds),
                "慈善资源累计": numbers.shown(resources.with_charity_funds),
            }
        )
    for area in figures.coverage:
        for community, coverage in area.communities:
            if coverage is not None:
                values.update(_coverage_values(community.name, coverage))
        values.update(_coverage_values(area.area.name, area.total))
    for row in figures.indicators:
        if row.actual is not None:
            values[f"{row.indicator.label}完成量"] = str(row.actual)
            values[f"{row.indicator.label}完成率"] = numbers.shown(row.completion) + "%"
    return values


def _coverage_values(name: str, coverage: figure_rules.Coverage) -> dict[str, str]:
    return {
        f"{name}应建档户数": str(coverage.households_due),
        f"{name}实际建档户数": str(coverage.households_filed),
        f"{name}应建档人数": str(coverage.persons_due),
        f"{name}实际建档人数": str(coverage.persons_filed),
    }
