"""Due dates of an evaluation's steps (pure): what a season defaults them to, counting working
days (Chinese statutory holidays and their adjusted working weekends, from the
``chinesecalendar`` package where it has the year; Monday to Friday beyond it), and whether a
step is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar

from stations.enums import Step

# Beyond the package's years: the holidays fixed by the calendar (the lunar ones and the
# adjusted weekends are announced each year and come with a new release of the package).
FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}


def is_working_day(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the package has no data for yet
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count)."""
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def spread(start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """``count`` visit days from ``start`` to ``end``, spread evenly over its working days (over
    every day if it has none), in order: the first on ``start``'s first working day."""
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    working = [d for d in days if is_working_day(d)] or days
    return [working[i * len(working) // count] for i in range(count)]


@dataclass(frozen=True)
class Defaults:
    """A season's offsets (the fields of ``stations.Season`` of the same names)."""

    self_assessment_days: int
    acceptance_days: int
    scores_days: int
    feedback_working_days: int
    rectification_days: int


def due_dates(defaults: Defaults, on_site: dt.date) -> dict[str, object]:
    """The due fields of an evaluation visited on ``on_site`` (the fields of ``Evaluation``)."""
    return {
        "self_assessment_due": on_site - dt.timedelta(days=defaults.self_assessment_days),
        "acceptance_due": on_site - dt.timedelta(days=defaults.acceptance_days),
        "scores_due": on_site + dt.timedelta(days=defaults.scores_days),
        "feedback_working_days": defaults.feedback_working_days,
        "rectification_days": defaults.rectification_days,
    }


@dataclass(frozen=True)
class Due:
    step: Step
    on: dt.date | None  # None: not known yet (the draft not sent, the report not issued)
    done: bool
    overdue: bool


def due(step: Step, on: dt.date | None, *, done: bool, today: dt.date, opened: bool = True) -> Due:
    """A step is overdue after its day until it is done, once it is open."""
    late = opened and on is not None and not done and today > on
    return Due(step=step, on=on, done=done, overdue=late)


def feedback_due(sent_on: dt.date | None, working_days: int) -> dt.date | None:
    return None if sent_on is None else add_working_days(sent_on, working_days)


def rectification_due(issued_on: dt.date | None, days: int) -> dt.date | None:
    return None if issued_on is None else issued_on + dt.timedelta(days=days)
