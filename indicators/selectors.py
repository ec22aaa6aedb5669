"""Reads of the indicators app. ``evaluation_figures`` is the one place the pages, the annexes
and (later) the report get the station's figures from."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from indicators import figures as figure_rules
from indicators.models import (
    Attendance,
    ContractIndicator,
    Filing,
    IndicatorActual,
    Narrative,
    ReportedFigures,
    SelfAssessmentUpload,
    StaffingFigure,
)
from indicators.selfassessment import layout
from stations import numbers, wording
from stations.models import Community, Evaluation, OperatorTerm, ServiceArea


def evaluation_key(evaluation: Evaluation) -> str:
    contract = evaluation.contract
    return f"{contract.station.name}|{contract.start_date.isoformat()}|{evaluation.stage}"


def terms_to_cutoff(evaluation: Evaluation) -> list[OperatorTerm]:
    """The contract's operator terms that began by the data cut-off."""
    return list(
        OperatorTerm.objects.filter(
            contract_id=evaluation.contract_id, start_date__lte=evaluation.data_cutoff_date
        )
        .select_related("operator")
        .order_by("start_date")
    )


def attendance_months(evaluation: Evaluation, terms: list[OperatorTerm]) -> list[dt.date]:
    if not terms:
        return []
    return figure_rules.attendance_months(terms[-1].start_date, evaluation.data_cutoff_date)


def spec_for(evaluation: Evaluation) -> layout.Spec:
    """What the self-assessment workbook of ``evaluation`` lists, in order."""
    contract = evaluation.contract
    terms = terms_to_cutoff(evaluation)
    communities = Community.objects.filter(
        service_area__station_id=contract.station_id
    ).select_related("service_area")
    title = (  # the workbook is a Chinese document
        f"{wording.year_label(contract)} {contract.station.name} {wording.stage_name(evaluation)}"
    )
    return layout.Spec(
        key=evaluation_key(evaluation),
        title=title,
        cutoff=evaluation.data_cutoff_date,
        required_staff=contract.required_staff,
        required_certified=contract.required_certified_staff,
        indicators=[
            layout.IndicatorRow(i.pk, i.category, i.name, i.unit, i.target)
            for i in ContractIndicator.objects.filter(contract=contract)
        ],
        terms=[layout.TermRow(t.pk, t.operator.name, t.start_date, t.end_date) for t in terms],
        months=attendance_months(evaluation, terms),
        communities=[layout.CommunityRow(c.pk, c.service_area.name, c.name) for c in communities],
        sections=list(layout.NARRATIVE_SECTIONS),
    )


def current_data(evaluation: Evaluation) -> layout.SelfAssessmentData:
    """The evaluation's figures now, in the shape a workbook is read into."""
    data = layout.SelfAssessmentData()
    for actual in IndicatorActual.objects.filter(evaluation=evaluation):
        data.actuals[actual.indicator_id] = actual.value
    for s in StaffingFigure.objects.filter(evaluation=evaluation):
        data.staffing[s.operator_term_id] = layout.StaffingValues(
            s.average_staff,
            s.senior,
            s.intermediate,
            s.assistant,
            s.uncertified,
            s.two_years_plus,
            s.continuous_in_post,
        )
    for a in Attendance.objects.filter(evaluation=evaluation):
        data.attendance[a.month] = (a.certified, a.uncertified)
    for f in Filing.objects.filter(evaluation=evaluation):
        data.filings[f.community_id] = layout.FilingValues(
            f.households_due, f.households_filed, f.persons_due, f.persons_filed
        )
    single = ReportedFigures.objects.filter(evaluation=evaluation).first()
    if single is not None:
        for _label, key in layout.TRAINING_ROWS + layout.SURVEY_ROWS + layout.RESOURCE_ROWS:
            data.single[key] = getattr(single, key)
    for n in Narrative.objects.filter(evaluation=evaluation):
        data.narratives[n.section] = n.text
    return data


def latest_applied_upload(evaluation: Evaluation) -> SelfAssessmentUpload | None:
    return (
        SelfAssessmentUpload.objects.filter(
            evaluation=evaluation, status=SelfAssessmentUpload.Status.APPLIED
        )
        .order_by("-applied_at", "-pk")
        .first()
    )


# --- The preview of an upload ------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    sheet: str
    what: str
    before: str
    after: str


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal | int):
        return numbers.shown(value)
    return str(value)


def preview(
    spec: layout.Spec, current: layout.SelfAssessmentData, new: layout.SelfAssessmentData
) -> list[Change]:
    """Every figure the upload would change, with its value now and after."""
    changes: list[Change] = []

    def compare(sheet, what, before, after):
        if before != after:
            changes.append(Change(sheet, what, _shown(before), _shown(after)))

    for i in spec.indicators:
        compare(layout.INDICATORS, i.label, current.actuals.get(i.id), new.actuals.get(i.id))

    def compare_rows(sheet, rows, before, after, values_type, labels) -> None:
        """Each field of each row (staffing per term, filing per community)."""
        names = [f.name for f in dataclasses.fields(values_type)]
        for key, row_label in rows:
            old, new_ = before.get(key), after.get(key)
            for name, label in zip(names, labels, strict=True):
                compare(
                    sheet,
                    f"{row_label} · {label}",
                    getattr(old, name, None),
                    getattr(new_, name, None),
                )

    compare_rows(
        layout.STAFFING,
        [(t.id, t.operator) for t in spec.terms],
        current.staffing,
        new.staffing,
        layout.StaffingValues,
        layout.STAFFING_COLUMNS[3:],
    )
    for m in spec.months:
        before = current.attendance.get(m, (None, None))
        after = new.attendance.get(m, (None, None))
        compare(layout.ATTENDANCE, f"{layout.month_label(m)} · 持证", before[0], after[0])
        compare(layout.ATTENDANCE, f"{layout.month_label(m)} · 非持证", before[1], after[1])
    compare_rows(
        layout.FILING,
        [(c.id, c.name) for c in spec.communities],
        current.filings,
        new.filings,
        layout.FilingValues,
        layout.FILING_COLUMNS[2:],
    )
    for sheet, rows in (
        (layout.TRAINING, layout.TRAINING_ROWS),
        (layout.SURVEY, layout.SURVEY_ROWS),
        (layout.RESOURCES, layout.RESOURCE_ROWS),
    ):
        for label, key in rows:
            compare(sheet, label, current.single.get(key), new.single.get(key))
    for value, label in spec.sections:
        old_text, new_text = current.narratives.get(value, ""), new.narratives.get(value, "")
        if old_text != new_text:
            changes.append(Change(layout.NARRATIVE, label, _excerpt(old_text), _excerpt(new_text)))
    return changes


def _excerpt(text: str) -> str:
    return "—" if not text else (text if len(text) <= 60 else text[:59] + "…")


# --- The figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorLine:
    indicator: ContractIndicator
    actual: int | None
    completion: Decimal | None
    behind: bool


@dataclass(frozen=True)
class StaffingLine:
    term: OperatorTerm
    figure: StaffingFigure
    period_end: dt.date  # the term's end or the data cut-off, whichever is first
    rates: figure_rules.StaffingRates


@dataclass(frozen=True)
class AreaCoverage:
    area: ServiceArea
    communities: list[tuple[Community, figure_rules.Coverage | None]]
    total: figure_rules.Coverage


@dataclass
class Figures:
    evaluation: Evaluation
    upload: SelfAssessmentUpload | None
    expected_pct: Decimal
    indicators: list[IndicatorLine]
    staffing: list[StaffingLine]
    attendance_rows: list[Attendance]
    attendance: figure_rules.AttendanceTotals
    coverage: list[AreaCoverage]
    coverage_total: figure_rules.Coverage
    reported: ReportedFigures | None
    training_pct: Decimal | None
    survey: figure_rules.SurveyCheck | None
    resources: figure_rules.Resources | None
    narratives: list[Narrative] = field(default_factory=list)

    @property
    def behind(self) -> list[IndicatorLine]:
        return [line for line in self.indicators if line.behind]

    @property
    def has_data(self) -> bool:
        return self.upload is not None


def evaluation_figures(evaluation: Evaluation) -> Figures:
    """All the station's figures of ``evaluation`` with what the report computes from them, in
    a fixed number of queries however many indicators, months or communities there are."""
    contract = evaluation.contract
    scheme = evaluation.scheme  # loaded with the evaluation (``with_station``)
    expected = figure_rules.expected_progress(
        contract.start_date,
        contract.end_date,
        evaluation.data_cutoff_date,
        scheme.expected_progress_share,
    )
    actuals = {
        a.indicator_id: a.value for a in IndicatorActual.objects.filter(evaluation=evaluation)
    }
    indicator_lines = []
    for indicator in ContractIndicator.objects.filter(contract=contract):
        actual = actuals.get(indicator.pk)
        pct = None if actual is None else figure_rules.completion(actual, indicator.target)
        indicator_lines.append(
            IndicatorLine(indicator, actual, pct, figure_rules.is_behind(pct, expected))
        )

    staffing_lines = []
    for figure in StaffingFigure.objects.filter(evaluation=evaluation).select_related(
        "operator_term__operator"
    ):
        term = figure.operator_term
        staffing_lines.append(
            StaffingLine(
                term=term,
                figure=figure,
                period_end=min(term.end_date, evaluation.data_cutoff_date),
                rates=figure_rules.staffing_rates(
                    certified=figure.certified,
                    two_years_plus=figure.two_years_plus,
                    continuous=figure.continuous_in_post,
                    required_staff=contract.required_staff,
                ),
            )
        )

    attendance_rows = list(Attendance.objects.filter(evaluation=evaluation))
    filings = {f.community_id: f for f in Filing.objects.filter(evaluation=evaluation)}
    communities = Community.objects.filter(service_area__station_id=contract.station_id)
    by_area: dict[ServiceArea, list[Community]] = {}
    for community in communities.select_related("service_area").order_by(
        "service_area__position", "service_area__pk", "position", "pk"
    ):
        by_area.setdefault(community.service_area, []).append(community)
    coverage = []
    for area, area_communities in by_area.items():
        rows = [
            (c, _coverage(filings[c.pk]) if c.pk in filings else None) for c in area_communities
        ]
        coverage.append(
            AreaCoverage(area, rows, figure_rules.coverage_total(cov for _c, cov in rows if cov))
        )
    reported = ReportedFigures.objects.filter(evaluation=evaluation).first()
    return Figures(
        evaluation=evaluation,
        upload=latest_applied_upload(evaluation),
        expected_pct=expected,
        indicators=indicator_lines,
        staffing=staffing_lines,
        attendance_rows=attendance_rows,
        attendance=figure_rules.attendance_totals(
            ((a.certified, a.uncertified) for a in attendance_rows),
            required_staff=contract.required_staff,
            required_certified=contract.required_certified_staff,
        ),
        coverage=coverage,
        coverage_total=figure_rules.coverage_total(a.total for a in coverage),
        reported=reported,
        training_pct=None
        if reported is None
        else figure_rules.training_rate(
            reported.training_completed_hours, reported.training_required_hours
        ),
        survey=None
        if reported is None
        else figure_rules.survey_check(
            roster=reported.survey_roster,
            surveyed=reported.survey_surveyed,
            satisfaction=reported.survey_satisfaction,
            minimum=scheme.survey_minimum,
        ),
        resources=None
        if reported is None
        else figure_rules.Resources(
            reported.resources_cash, reported.resources_goods, reported.charity_funds
        ),
        narratives=sorted(  # in the report's order: 项目管理, 服务质量, 服务监测, 服务成效
            Narrative.objects.filter(evaluation=evaluation),
            key=lambda n: (
                [value for value, _label in layout.NARRATIVE_SECTIONS].index(n.section)
                if n.section in dict(layout.NARRATIVE_SECTIONS)
                else len(layout.NARRATIVE_SECTIONS)
            ),
        ),
    )


def _coverage(filing: Filing) -> figure_rules.Coverage:
    return figure_rules.Coverage(
        filing.households_due, filing.households_filed, filing.persons_due, filing.persons_filed
    )
