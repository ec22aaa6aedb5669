"""Every figure the seed report prints, from its pure function, then from the imported seed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from indicators import figures as figure_rules
from indicators import selectors
from stations import numbers


@pytest.mark.parametrize(
    ("actual", "target", "printed"),
    [
        (1842, 2001, "92.05"),
        (778, 1002, "77.64"),
        (38, 85, "44.71"),
        (307, 510, "60.2"),
        (19, 60, "31.67"),
        (15, 30, "50"),
        (100, 180, "55.56"),
        (885, 1440, "61.46"),
        (11, 10, "110"),
        (3435, 1000, "343.5"),
        (49, 50, "98"),
        (5244, 1200, "437"),
        (73, 200, "36.5"),
        (20, 30, "66.67"),
        (2, 2, "100"),
        (1, 3, "33.33"),
        (2, 3, "66.67"),  # 66.666… half up
        (1, 8, "12.5"),  # 12.5 exactly: no trailing zero
        (0, 5, "0"),
    ],
)
def test_completion_is_printed_as_the_seed_prints_it(actual, target, printed):
    assert numbers.shown(figure_rules.completion(actual, target)) == printed


def test_completion_of_a_zero_target_is_undefined():
    assert figure_rules.completion(5, 0) is None
    assert numbers.shown(None) == "—"


def test_half_up_not_half_even():
    # 0.125 % → 0.13 (half-even would give 0.12)
    assert figure_rules.percent(1, 800) == D("0.13")


START, END, CUTOFF = dt.date(2024, 6, 9), dt.date(2025, 6, 8), dt.date(2024, 12, 31)


def test_expected_progress_reproduces_the_seeds_judgement():
    expected = figure_rules.expected_progress(START, END, CUTOFF, D("0.70"))
    assert expected == D("39.51")  # 206 of 365 days × 0.7
    assert figure_rules.is_behind(D("31.67"), expected)  # 个案结案
    assert figure_rules.is_behind(D("36.5"), expected)  # 新登记志愿者
    assert not figure_rules.is_behind(D("44.71"), expected)  # 个案接案 is not named
    assert not figure_rules.is_behind(None, expected)  # nothing reported is not "behind"


@pytest.mark.parametrize(
    ("cutoff", "share"),
    [
        (START - dt.timedelta(days=1), D(0)),
        (START, D(1) / D(365)),
        (END, D(1)),
        (END + dt.timedelta(days=90), D(1)),
    ],
)
def test_elapsed_share_is_clamped_to_the_contract(cutoff, share):
    assert figure_rules.elapsed_share(START, END, cutoff) == share


def test_staffing_rates_of_the_seed():
    rates = figure_rules.staffing_rates(
        certified=13, two_years_plus=12, continuous=11, required_staff=18
    )
    assert (rates.certified_rate, rates.two_years_share, rates.retention_rate) == (
        D("72.22"),
        D("66.67"),
        D("61.11"),
    )
    assert (
        figure_rules.staffing_rates(
            certified=16, two_years_plus=None, continuous=None, required_staff=18
        ).retention_rate
        is None
    )


def test_attendance_months_run_from_the_current_terms_start_to_the_cutoff():
    assert figure_rules.attendance_months(dt.date(2024, 7, 9), CUTOFF) == [
        dt.date(2024, m, 1) for m in range(7, 13)
    ]
    assert figure_rules.attendance_months(dt.date(2024, 12, 31), CUTOFF) == [dt.date(2024, 12, 1)]


def test_attendance_totals_of_the_seed():
    rows = [(D(13), D(5))] * 5 + [(D("12.5"), D("5.5"))]
    totals = figure_rules.attendance_totals(rows, required_staff=18, required_certified=9)
    assert (totals.required, totals.actual) == (108, 108)
    assert (totals.certified_required, totals.certified_actual) == (54, D("77.5"))
    assert totals.uncertified_actual == D("30.5")


def test_training_rate_of_the_seed():
    assert figure_rules.training_rate(D("692.5"), D("648")) == D("106.87")


@pytest.mark.parametrize(
    ("roster", "surveyed", "required", "broken"),
    [
        (486, 100, 100, False),
        (486, 99, 100, True),
        (60, 60, 60, False),
        (60, 59, 60, True),
        (0, 0, 0, False),
    ],
)
def test_the_survey_rule(roster, surveyed, required, broken):
    check = figure_rules.survey_check(
        roster=roster, surveyed=surveyed, satisfaction=D("95.2"), minimum=100
    )
    assert (check.required, check.broken) == (required, broken)


def test_resources_of_the_seed():
    resources = figure_rules.Resources(D("20791.16"), D("571298.74"), D("25701.90"))
    assert resources.linked == D("592089.90")
    assert resources.with_charity_funds == D("617791.80")


def test_coverage_per_community_and_in_all():
    parts = [
        figure_rules.Coverage(32, 32, 38, 38),
        figure_rules.Coverage(54, 54, 61, 61),
        figure_rules.Coverage(28, 27, 38, 36),
    ]
    total = figure_rules.coverage_total(parts)
    assert (
        total.households_due,
        total.households_filed,
        total.persons_due,
        total.persons_filed,
    ) == (114, 113, 137, 135)
    assert total.households_pct == D("99.12")
    assert not total.complete
    assert parts[0].complete
    assert parts[0].persons_pct == D(100)


def test_the_imported_seed_gives_every_figure_of_the_report(seeded):
    figures = selectors.evaluation_figures(seeded.evaluation)
    printed = {line.indicator.label: numbers.shown(line.completion) for line in figures.indicators}
    assert printed["电话访问"] == "92.05"
    assert printed["大型社区活动服务人次"] == "343.5"
    assert [line.indicator.label for line in figures.behind] == ["个案结案", "新登记志愿者"]
    current = figures.staffing[-1]
    assert (current.figure.average_staff, current.figure.certified) == (18, 13)
    assert (
        current.rates.certified_rate,
        current.rates.two_years_share,
        current.rates.retention_rate,
    ) == (
        D("72.22"),
        D("66.67"),
        D("61.11"),
    )
    assert current.period_end == CUTOFF
    assert (figures.attendance.required, figures.attendance.actual) == (108, 108)
    assert (figures.attendance.certified_required, figures.attendance.certified_actual) == (
        54,
        D("77.5"),
    )
    assert figures.attendance.uncertified_actual == D("30.5")
    assert figures.training_pct == D("106.87")
    assert not figures.survey.broken
    assert figures.survey.satisfaction == D("95.2")
    assert figures.resources.linked == D("592089.90")
    assert figures.resources.with_charity_funds == D("617791.80")
    by_area = {a.area.name: a for a in figures.coverage}
    assert by_area["北山片区"].total.persons_filed == 40
    assert by_area["赤沙片区"].total.persons_due == 137
    assert [c.name for c, _cov in by_area["赤沙片区"].communities] == [
        "赤沙东南约社区",
        "赤沙西北约社区",
        "学院社区",
    ]
    assert figures.upload.original_name == "seed_self_assessment.xlsx"
