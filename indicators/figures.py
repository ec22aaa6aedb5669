"""The report's figures as pure functions of plain values: no database, no Django.

Percentages are computed in Decimal, rounded half up to two decimals and printed with trailing
zeros dropped, as the seed prints them: 92.05 %, 60.2 %, 50 %, 343.5 %.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part / whole × 100, rounded half up to two decimals; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole) * HUNDRED).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def completion(actual: int, target: int) -> Decimal | None:
    """Completion of a contract indicator, in percent."""
    return percent(actual, target)


def elapsed_share(start: dt.date, end: dt.date, cutoff: dt.date) -> Decimal:
    """The share of the contract period [start, end] elapsed at the end of ``cutoff``."""
    total = (end - start).days + 1
    elapsed = min(max((cutoff - start).days + 1, 0), total)
    return Decimal(elapsed) / Decimal(total)


def expected_progress(start: dt.date, end: dt.date, cutoff: dt.date, share: Decimal) -> Decimal:
    """The completion, in percent, below which an indicator is behind expected progress: the
    share of the period elapsed at the cut-off, times the scheme's ``share``, two decimals.
    Seed: 206 of 365 days × 0.70 = 39.51 %, so 结案 (31.67 %) and 新登记志愿者 (36.5 %) are
    behind and 接案 (44.71 %) is not."""
    value = elapsed_share(start, end, cutoff) * share * HUNDRED
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def is_behind(completion_pct: Decimal | None, expected_pct: Decimal) -> bool:
    return completion_pct is not None and completion_pct < expected_pct


# --- Staffing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffingRates:
    certified_rate: Decimal | None  # 持证率: certified / contract staff
    two_years_share: Decimal | None  # 从业两年及以上占比
    retention_rate: Decimal | None  # 稳岗率: continuously in post / contract staff


def staffing_rates(
    *, certified: int, two_years_plus: int | None, continuous: int | None, required_staff: int
) -> StaffingRates:
    """Seed: 13, 12 and 11 of 18 → 72.22 %, 66.67 %, 61.11 %."""
    return StaffingRates(
        certified_rate=percent(certified, required_staff),
        two_years_share=None if two_years_plus is None else percent(two_years_plus, required_staff),
        retention_rate=None if continuous is None else percent(continuous, required_staff),
    )


# --- Attendance (附件2) -------------------------------------------------------------------------


def attendance_months(term_start: dt.date, cutoff: dt.date) -> list[dt.date]:
    """The months attendance is reported for: from the month the operator term in force at the
    cut-off began, to the cut-off's month (seed: 2024-07 … 2024-12, six months)."""
    months = []
    month = term_start.replace(day=1)
    while month <= cutoff:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


@dataclass(frozen=True)
class AttendanceTotals:
    months: int
    required: Decimal  # 应到岗: contract staff × months
    actual: Decimal  # 实际到岗
    certified_required: Decimal  # 持证社工应到岗
    certified_actual: Decimal
    uncertified_actual: Decimal


def attendance_totals(
    rows: Iterable[tuple[Decimal, Decimal]], *, required_staff: int, required_certified: int
) -> AttendanceTotals:
    """``rows``: (certified, uncertified) person-months per month. Seed: 6 months of 18 staff
    → 108 required, 108 at work; certified 54 required, 77.5 at work; uncertified 30.5."""
    rows = list(rows)
    certified = sum((c for c, _u in rows), Decimal(0))
    uncertified = sum((u for _c, u in rows), Decimal(0))
    return AttendanceTotals(
        months=len(rows),
        required=Decimal(required_staff * len(rows)),
        actual=certified + uncertified,
        certified_required=Decimal(required_certified * len(rows)),
        certified_actual=certified,
        uncertified_actual=uncertified,
    )


# --- Filing, survey, resources ----------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    households_due: int
    households_filed: int
    persons_due: int
    persons_filed: int

    @property
    def households_pct(self) -> Decimal | None:
        return percent(self.households_filed, self.households_due)

    @property
    def persons_pct(self) -> Decimal | None:
        return percent(self.persons_filed, self.persons_due)

    @property
    def complete(self) -> bool:
        return (
            self.households_filed == self.households_due and self.persons_filed == self.persons_due
        )


def coverage_total(parts: Iterable[Coverage]) -> Coverage:
    parts = list(parts)
    return Coverage(
        households_due=sum(p.households_due for p in parts),
        households_filed=sum(p.households_filed for p in parts),
        persons_due=sum(p.persons_due for p in parts),
        persons_filed=sum(p.persons_filed for p in parts),
    )


@dataclass(frozen=True)
class SurveyCheck:
    required: int  # how many should have been surveyed
    surveyed: int
    satisfaction: Decimal

    @property
    def broken(self) -> bool:
        return self.surveyed < self.required


def survey_check(*, roster: int, surveyed: int, satisfaction: Decimal, minimum: int) -> SurveyCheck:
    """At least ``minimum`` recipients from the roster, or all of them when it is smaller."""
    return SurveyCheck(required=min(minimum, roster), surveyed=surveyed, satisfaction=satisfaction)


@dataclass(frozen=True)
class Resources:
    cash: Decimal
    goods: Decimal
    charity_funds: Decimal

    @property
    def linked(self) -> Decimal:
        """Seed: 20,791.16 + 571,298.74 = 592,089.90 yuan."""
        return self.cash + self.goods

    @property
    def with_charity_funds(self) -> Decimal:
        """Seed: 592,089.90 + 25,701.90 = 617,791.80 yuan."""
        return self.linked + self.charity_funds


def training_rate(completed: Decimal, required: Decimal) -> Decimal | None:
    """Seed: 692.5 of 648 hours → 106.87 %."""
    return percent(completed, required)
