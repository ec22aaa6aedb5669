"""Due dates (stations/deadlines.py), by tables."""

import datetime as dt

import pytest

from stations import deadlines
from stations.enums import Step

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 12, 2), 0, D(2026, 12, 2)),
        (D(2026, 12, 2), 1, D(2026, 12, 3)),  # Wednesday → Thursday
        (D(2026, 12, 4), 1, D(2026, 12, 7)),  # Friday → Monday
        (D(2026, 12, 2), 5, D(2026, 12, 9)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # over the National Day holiday
        (D(2026, 10, 9), 1, D(2026, 10, 10)),  # Saturday 10 October 2026 is a working day
        (D(2026, 12, 31), 1, D(2027, 1, 4)),  # past the package's years: New Year, weekend
        (D(2027, 1, 8), 1, D(2027, 1, 11)),
    ],
)
def test_working_days_skip_weekends_and_holidays(start, days, expected):
    assert deadlines.add_working_days(start, days) == expected


def test_a_season_s_offsets_give_each_evaluation_its_due_dates():
    defaults = deadlines.Defaults(7, 10, 3, 5, 30)
    assert deadlines.due_dates(defaults, D(2026, 1, 15)) == {
        "self_assessment_due": D(2026, 1, 8),
        "acceptance_due": D(2026, 1, 5),
        "scores_due": D(2026, 1, 18),
        "feedback_working_days": 5,
        "rectification_days": 30,
    }


@pytest.mark.parametrize(
    ("on", "done", "today", "overdue"),
    [
        (D(2026, 1, 8), False, D(2026, 1, 8), False),  # due today: not yet late
        (D(2026, 1, 8), False, D(2026, 1, 9), True),
        (D(2026, 1, 8), True, D(2026, 1, 9), False),  # done
        (None, False, D(2026, 1, 9), False),  # not known yet
    ],
)
def test_a_step_is_overdue_after_its_day_until_done(on, done, today, overdue):
    assert deadlines.due(Step.SCORES, on, done=done, today=today).overdue is overdue


def test_feedback_and_rectification_count_from_sending_and_issuing():
    # 30 Sep, 8, 9, 10 (a working Saturday) and 12 October
    assert deadlines.feedback_due(D(2026, 9, 29), 5) == D(2026, 10, 12)
    assert deadlines.feedback_due(None, 5) is None
    assert deadlines.rectification_due(D(2026, 3, 1), 30) == D(2026, 3, 31)


@pytest.mark.parametrize(
    ("start", "end", "count", "expected"),
    [
        (D(2025, 5, 20), D(2025, 5, 20), 3, [D(2025, 5, 20)] * 3),  # one day: all on it
        (D(2025, 5, 20), D(2025, 5, 30), 2, [D(2025, 5, 20), D(2025, 5, 26)]),  # 9 working days
        (D(2025, 5, 17), D(2025, 5, 23), 1, [D(2025, 5, 19)]),  # starts on a Saturday
        (D(2025, 5, 24), D(2025, 5, 25), 2, [D(2025, 5, 24), D(2025, 5, 25)]),  # a weekend only
        (
            D(2025, 9, 29),
            D(2025, 10, 10),
            4,  # 29, 30 September and 9, 10 October (the holiday between, 11 October worked)
            [D(2025, 9, 29), D(2025, 9, 30), D(2025, 10, 9), D(2025, 10, 10)],
        ),
    ],
)
def test_visits_are_spread_over_the_working_days_of_the_window(start, end, count, expected):
    assert deadlines.spread(start, end, count) == expected
