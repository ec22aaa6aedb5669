"""Reading a filled self-assessment workbook into ``SelfAssessmentData``, or into the complete
list of what is wrong with it, cell by cell (e.g. ``协议指标!C7：应为非负整数，实为“十二”``).
Nothing here writes to the database."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from indicators.selfassessment import layout
from indicators.selfassessment.layout import FilingValues, SelfAssessmentData, Spec, StaffingValues
from indicators.selfassessment.reading import BadWorkbook, read_sheets


class Invalid(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages)
        self.messages = messages


_EMPTY = object()


def _shown(raw) -> str:
    if isinstance(raw, dt.datetime | dt.date):
        return raw.isoformat()[:10]
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = str(raw)
    return text if len(text) <= 30 else text[:29] + "…"


def _decimal(raw):
    """A cell's value as a Decimal, ``_EMPTY``, or a message key for what it is instead."""
    if raw is None:
        return _EMPTY
    if isinstance(raw, bool | dt.date | dt.datetime | dt.time):
        return "not_a_number"
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text:
        return _EMPTY
    if text.startswith("="):
        return "formula"
    try:
        return Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return "not_a_number"


def _expectation(kind: str) -> str:
    return {
        "whole": _("must be a whole number of zero or more, not “%(value)s”"),
        "halves": _("must be zero or more in steps of 0.5, not “%(value)s”"),
        "decimal": _("must be zero or more with at most %(places)s decimals, not “%(value)s”"),
        "percent": _("must be a percentage from 0 to 100, not “%(value)s”"),
    }[kind]


class _Checker:
    """Collects every problem of one workbook, each named by sheet and cell."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def error(self, sheet: str, row: int, column: int, message: str) -> None:
        place = f"{sheet}!{get_column_letter(column)}{row}"
        self.messages.append(_("%(place)s: %(reason)s") % {"place": place, "reason": message})

    def number(self, sheet, rows, row, column, kind, *, required=True, places=0):
        raw = rows[row - 1][column - 1] if row - 1 < len(rows) else None
        value = _decimal(raw)
        shown = {"value": _shown(raw)}
        if value is _EMPTY:
            if required:
                self.error(sheet, row, column, _("must be filled in"))
            return None
        if value == "formula":
            self.error(
                sheet, row, column, _("must be a value, not a formula (“%(value)s”)") % shown
            )
            return None
        if not self._fits(value, kind, places):
            self.error(sheet, row, column, _expectation(kind) % {**shown, "places": places})
            return None
        return int(value) if kind == "whole" else value

    @staticmethod
    def _fits(value, kind: str, places: int) -> bool:
        if value == "not_a_number" or not value.is_finite() or value < 0:
            return False
        if kind == "whole":
            return value == value.to_integral_value()
        if kind == "halves":
            return value * 2 == (value * 2).to_integral_value()
        limit = places if kind == "decimal" else 2
        if value != value.quantize(Decimal(1).scaleb(-limit), rounding="ROUND_DOWN"):
            return False
        return kind != "percent" or value <= 100

    def label(self, sheet, rows, row, column, expected: str) -> None:
        raw = rows[row - 1][column - 1] if row - 1 < len(rows) else None
        found = "" if raw is None else unicodedata.normalize("NFKC", str(raw)).strip()
        if found != unicodedata.normalize("NFKC", expected):
            self.error(
                sheet,
                row,
                column,
                _("should read “%(expected)s”, not “%(value)s”: download the template again")
                % {"expected": expected, "value": _shown(raw) if raw is not None else ""},
            )

    def rest_empty(self, sheet, rows, first_row) -> None:
        for row in range(first_row, len(rows) + 1):
            for column, raw in enumerate(rows[row - 1], start=1):
                if raw not in (None, ""):
                    self.error(sheet, row, column, _("must be empty: the template has no row here"))
                    return

    def text(self, sheet, rows, row, column) -> str:
        raw = rows[row - 1][column - 1] if row - 1 < len(rows) else None
        if raw is None:
            return ""
        text = str(raw).strip()
        if text.startswith("="):
            self.error(sheet, row, column, _("must be text, not a formula"))
            return ""
        if len(text) > layout.TEXT_MAX:
            self.error(
                sheet,
                row,
                column,
                _("is too long (at most %(max)s characters)") % {"max": layout.TEXT_MAX},
            )
            return ""
        return text


def windows(spec: Spec) -> dict[str, tuple[int, int]]:
    """How many rows and columns of each sheet to read: the expected rows and a few more."""
    head = layout.FIRST_ROW - 1 + layout.EXTRA_ROWS_CHECKED
    return {
        layout.INDICATORS: (head + len(spec.indicators), len(layout.INDICATOR_COLUMNS)),
        layout.STAFFING: (head + len(spec.terms), len(layout.STAFFING_COLUMNS)),
        layout.ATTENDANCE: (head + len(spec.months), len(layout.ATTENDANCE_COLUMNS)),
        layout.TRAINING: (head + len(layout.TRAINING_ROWS), 2),
        layout.FILING: (head + len(spec.communities), len(layout.FILING_COLUMNS)),
        layout.SURVEY: (head + len(layout.SURVEY_ROWS), 2),
        layout.RESOURCES: (head + len(layout.RESOURCE_ROWS), 2),
        layout.NARRATIVE: (head + len(spec.sections), len(layout.NARRATIVE_COLUMNS)),
    }


def parse(spec: Spec, data: bytes) -> SelfAssessmentData:
    """The figures in the workbook ``data`` for the evaluation of ``spec``; raises
    ``Invalid`` with every problem found (a file that cannot be read at all: one message)."""
    try:
        sheets, marker, missing = read_sheets(data, windows(spec), layout.MARKER)
    except BadWorkbook as exc:
        raise Invalid(exc.messages) from exc
    _check_marker(spec, marker)
    if missing:
        raise Invalid(
            [
                _("The sheet “%(sheet)s” is missing (was it renamed or deleted?).")
                % {"sheet": name}
                for name in missing
            ]
        )
    check = _Checker()
    result = SelfAssessmentData()
    for read in (_indicators, _staffing, _attendance, _filing, _single_values, _narrative):
        read(spec, sheets, check, result)
    if check.messages:
        raise Invalid(check.messages)
    return result


# Each reader below checks one sheet, adding what is valid to ``result`` and every problem to
# ``check``.
FIRST = layout.FIRST_ROW


def _indicators(spec: Spec, sheets, check: _Checker, result: SelfAssessmentData) -> None:
    rows = sheets[layout.INDICATORS]
    for row, indicator in enumerate(spec.indicators, start=FIRST):
        check.label(layout.INDICATORS, rows, row, 1, indicator.category)
        check.label(layout.INDICATORS, rows, row, 2, indicator.name)
        value = check.number(layout.INDICATORS, rows, row, 3, "whole")
        if value is not None:
            result.actuals[indicator.id] = value
    check.rest_empty(layout.INDICATORS, rows, FIRST + len(spec.indicators))


def _staffing(spec: Spec, sheets, check: _Checker, result: SelfAssessmentData) -> None:
    rows = sheets[layout.STAFFING]
    for row, term in enumerate(spec.terms, start=FIRST):
        check.label(layout.STAFFING, rows, row, 1, term.operator)
        numbers = [
            check.number(layout.STAFFING, rows, row, column, "whole", required=column <= 8)
            for column in range(4, 11)
        ]
        if any(n is None for n in numbers[:5]):
            continue
        staffing = StaffingValues(*numbers)
        if _staffing_consistent(check, row, staffing):
            result.staffing[term.id] = staffing
    check.rest_empty(layout.STAFFING, rows, FIRST + len(spec.terms))


def _staffing_consistent(check: _Checker, row: int, staffing: StaffingValues) -> bool:
    levels = staffing.senior + staffing.intermediate + staffing.assistant + staffing.uncertified
    if levels != staffing.average_staff:
        check.error(
            layout.STAFFING,
            row,
            4,
            _(
                "certified by level plus uncertified (%(sum)s) must equal the average staff "
                "(%(average)s)"
            )
            % {"sum": levels, "average": staffing.average_staff},
        )
        return False
    consistent = True
    for column, value in ((9, staffing.two_years_plus), (10, staffing.continuous_in_post)):
        if value is not None and value > staffing.average_staff:
            consistent = False
            check.error(
                layout.STAFFING,
                row,
                column,
                _("cannot exceed the average staff (%(average)s)")
                % {"average": staffing.average_staff},
            )
    return consistent


def _attendance(spec: Spec, sheets, check: _Checker, result: SelfAssessmentData) -> None:
    rows = sheets[layout.ATTENDANCE]
    for row, month in enumerate(spec.months, start=FIRST):
        check.label(layout.ATTENDANCE, rows, row, 1, layout.month_label(month))
        certified = check.number(layout.ATTENDANCE, rows, row, 4, "halves")
        uncertified = check.number(layout.ATTENDANCE, rows, row, 5, "halves")
        if certified is not None and uncertified is not None:
            result.attendance[month] = (certified, uncertified)
    check.rest_empty(layout.ATTENDANCE, rows, FIRST + len(spec.months))


def _filing(spec: Spec, sheets, check: _Checker, result: SelfAssessmentData) -> None:
    rows = sheets[layout.FILING]
    for row, community in enumerate(spec.communities, start=FIRST):
        check.label(layout.FILING, rows, row, 2, community.name)
        numbers = [
            check.number(layout.FILING, rows, row, column, "whole") for column in range(3, 7)
        ]
        if any(n is None for n in numbers):
            continue
        filing = FilingValues(*numbers)
        bad = False
        for column, filed, due in (
            (4, filing.households_filed, filing.households_due),
            (6, filing.persons_filed, filing.persons_due),
        ):
            if filed > due:
                bad = True
                check.error(
                    layout.FILING,
                    row,
                    column,
                    _("cannot exceed the number to file (%(due)s)") % {"due": due},
                )
        if not bad:
            result.filings[community.id] = filing
    check.rest_empty(layout.FILING, rows, FIRST + len(spec.communities))


def _single_values(spec: Spec, sheets, check: _Checker, result: SelfAssessmentData) -> None:
    """The sheets of one value per row: training, the satisfaction survey, resources."""
    for sheet, spec_rows, kind, places in (
        (layout.TRAINING, layout.TRAINING_ROWS, "decimal", 1),
        (layout.SURVEY, layout.SURVEY_ROWS, None, 2),
        (layout.RESOURCES, layout.RESOURCE_ROWS, "decimal", 2),
    ):
        rows = sheets[sheet]
        for row, (label, key) in enumerate(spec_rows, start=FIRST):
            check.label(sheet, rows, row, 1, label)
            this_kind = kind or ("percent" if key == "survey_satisfaction" else "whole")
            value = check.number(sheet, rows, row, 2, this_kind, places=places)
            if value is not None:
                result.single[key] = value
        check.rest_empty(sheet, rows, FIRST + len(spec_rows))
    roster, surveyed = result.single.get("survey_roster"), result.single.get("survey_surveyed")
    if roster is not None and surveyed is not None and surveyed > roster:
        check.error(
            layout.SURVEY,
            FIRST + 1,
            2,
            _("cannot exceed the roster (%(roster)s)") % {"roster": roster},
        )


def _narrative(spec: Spec, sheets, check: _Checker, result: SelfAssessmentData) -> None:
    rows = sheets[layout.NARRATIVE]
    for row, (value, label) in enumerate(spec.sections, start=FIRST):
        check.label(layout.NARRATIVE, rows, row, 1, label)
        result.narratives[value] = check.text(layout.NARRATIVE, rows, row, 2)
    check.rest_empty(layout.NARRATIVE, rows, FIRST + len(spec.sections))


def _check_marker(spec: Spec, marker_rows: list[tuple]) -> None:
    marker = {str(label): value for label, value, *_rest in marker_rows if label is not None}
    if marker.get("template") != layout.MARKER_TITLE:
        raise Invalid(
            [_("This is not the portal's self-assessment template: download it from the portal.")]
        )
    if str(marker.get("version")) != str(layout.TEMPLATE_VERSION):
        raise Invalid(
            [
                _("This template is an old version (%(version)s): download the current template.")
                % {"version": marker.get("version")}
            ]
        )
    if marker.get("evaluation") != spec.key:
        raise Invalid(
            [
                _(
                    "This template is for another evaluation (%(other)s): download this "
                    "evaluation's template."
                )
                % {"other": marker.get("title") or marker.get("evaluation")}
            ]
        )
