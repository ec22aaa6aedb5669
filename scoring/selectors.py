"""Reads of scoring, shaped for the pages and commands that show them. Every figure shown on a
results page, in `evaluation_summary` or (later) in the report comes from ``evaluation_scores``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scoring import draw as draw_rules
from scoring import rules
from scoring.models import (
    ROLE_PARTY,
    GradeBand,
    ItemScore,
    PanelDraw,
    Party,
    PartyWeight,
    Scheme,
    ScoreChange,
    ScoreSheet,
    SheetItem,
)
from stations import selectors as station_selectors
from stations.enums import AuditAction
from stations.models import Assignment, Evaluation, Membership, Role, User
from stations.selectors import audit_entries


@dataclass
class ScorerRow:
    assignment: Assignment
    sheet: ScoreSheet | None
    total: Decimal | None  # sum of the items scored so far
    counted: bool = False  # its total is part of the party's raw score
    dropped: str = ""  # rules.HIGHEST or rules.LOWEST when trimmed away by the panel aggregation

    @property
    def dropped_highest(self) -> bool:
        return self.dropped == rules.HIGHEST

    @property
    def dropped_lowest(self) -> bool:
        return self.dropped == rules.LOWEST

    @property
    def submitted(self) -> bool:
        return self.sheet is not None and self.sheet.is_submitted


@dataclass
class PartyRow:
    party: Party
    weight: Decimal
    maximum: Decimal
    raw: Decimal | None
    contribution: Decimal
    scorers: list[ScorerRow] = field(default_factory=list)


@dataclass(frozen=True)
class BandRange:
    label: str
    lower: Decimal
    upper: Decimal | None  # exclusive; None for the top band


def band_ranges(bands: list[rules.Band]) -> list[BandRange]:
    """The bands from the top, each with its exclusive upper bound: 优秀 ≥ 90, 良好 80–<90 …"""
    ordered = sorted(bands, key=lambda b: b.lower, reverse=True)
    return [
        BandRange(band.label, band.lower, None if i == 0 else ordered[i - 1].lower)
        for i, band in enumerate(ordered)
    ]


@dataclass
class Summary:
    evaluation: Evaluation
    scheme: Scheme
    parties: list[PartyRow]
    result: rules.Total
    missing: list[str]  # what is still missing, for people
    panel_note: str  # rules.TOO_FEW_TO_TRIM when trimming fell back to the mean
    bands: list[BandRange]

    @property
    def trim_fell_back(self) -> bool:
        return self.panel_note == rules.TOO_FEW_TO_TRIM

    @property
    def provisional(self) -> bool:
        return bool(self.missing)

    @property
    def complete_parties(self) -> list[PartyRow]:
        """The parties whose every scorer has submitted."""
        return [
            row for row in self.parties if row.scorers and all(s.submitted for s in row.scorers)
        ]

    @property
    def received(self) -> Decimal:
        """What the complete parties contribute: the points already certain."""
        return sum((row.contribution for row in self.complete_parties), Decimal(0))

    @property
    def outstanding(self) -> list[PartyRow]:
        """The parties still to come in, each worth its weight."""
        complete = {row.party for row in self.complete_parties}
        return [row for row in self.parties if row.party not in complete]


def party_maxima(scheme_id: int) -> dict[str, Decimal]:
    rows = (
        SheetItem.objects.filter(scheme_id=scheme_id, max_points__isnull=False)
        .values("party")
        .annotate(maximum=Sum("max_points"))
    )
    return {row["party"]: row["maximum"] for row in rows}


def scorers(evaluation: Evaluation) -> list[ScorerRow]:
    """Everyone currently on the panel of ``evaluation``, with their sheet and its total."""
    assignments = (
        Assignment.objects.current()
        .filter(evaluation=evaluation, role__in=list(ROLE_PARTY))
        .select_related("user", "sheet")
        .annotate(sheet_total=Sum("sheet__scores__points"))
        .order_by("role", "pk")
    )
    rows = []
    for assignment in assignments:
        try:
            sheet = assignment.sheet
        except ScoreSheet.DoesNotExist:
            sheet = None
        rows.append(ScorerRow(assignment=assignment, sheet=sheet, total=assignment.sheet_total))
    return rows


def evaluation_scores(evaluation: Evaluation) -> Summary:
    """The weighted total of ``evaluation`` from the submitted sheets, in four queries (five
    when the evaluation was loaded without its scheme)."""
    scheme = evaluation.scheme  # a published scheme never changes
    maxima = party_maxima(scheme.pk)
    weights = {w.party: w.weight for w in PartyWeight.objects.filter(scheme_id=scheme.pk)}
    bands = [rules.Band(b.label, b.lower) for b in GradeBand.objects.filter(scheme_id=scheme.pk)]
    by_party: dict[str, list[ScorerRow]] = {party: [] for party in Party.values}
    for row in scorers(evaluation):
        by_party[ROLE_PARTY[row.assignment.role]].append(row)

    inputs, missing, panel_note = [], [], ""
    for party in Party:
        rows = by_party[party]
        submitted = [r for r in rows if r.submitted]
        raw = None
        if party == Party.THIRD_PARTY:
            panel = rules.aggregate([r.total or Decimal(0) for r in submitted], scheme.aggregation)
            raw, panel_note = panel.value, panel.note
            for index in panel.used:
                submitted[index].counted = True
            for index, end in zip(panel.dropped, (rules.LOWEST, rules.HIGHEST), strict=False):
                submitted[index].dropped = end
        elif submitted:
            raw = submitted[0].total or Decimal(0)
            submitted[0].counted = True
        if raw is not None:
            raw = rules.round_half_up(raw, 2)
        inputs.append(rules.PartyInput(party, weights.get(party, Decimal(0)), maxima[party], raw))
        if not rows:
            missing.append(str(party.label) + "：" + _("nobody assigned"))
        for row in rows:
            if not row.submitted:
                missing.append(f"{row.assignment.user}（{party.label}）：" + _("not submitted"))

    result = rules.compute_total(
        inputs,
        bands,
        contribution_places=scheme.contribution_decimals,
        total_places=scheme.total_decimals,
    )
    parties = [
        PartyRow(
            party=Party(r.party),
            weight=r.weight,
            maximum=r.maximum,
            raw=r.raw,
            contribution=r.contribution,
            scorers=by_party[r.party],
        )
        for r in result.parties
    ]
    return Summary(
        evaluation=evaluation,
        scheme=scheme,
        parties=parties,
        result=result,
        missing=missing,
        panel_note=panel_note,
        bands=band_ranges(bands),
    )


# --- One sheet ---------------------------------------------------------------------------------


@dataclass
class SheetLine:
    item: SheetItem
    depth: int
    score: ItemScore | None  # None for a section
    section_max: Decimal | None = None  # for a section: the sum of its items


def sheet_lines(sheet: ScoreSheet) -> list[SheetLine]:
    """The sheet's sections and items in order, each item with its score: two queries."""
    items = list(SheetItem.objects.filter(scheme_id=sheet.evaluation.scheme_id, party=sheet.party))
    scores = {s.item_id: s for s in ItemScore.objects.filter(sheet=sheet)}
    by_id = {item.pk: item for item in items}

    def depth(item: SheetItem) -> int:
        return 0 if item.parent_id is None else 1 + depth(by_id[item.parent_id])

    section_max: dict[int, Decimal] = {}
    for item in items:
        maximum = item.max_points  # None for a section
        if maximum is not None:
            parent_id = item.parent_id
            while parent_id is not None:
                section_max[parent_id] = section_max.get(parent_id, Decimal(0)) + maximum
                parent_id = by_id[parent_id].parent_id
    return [
        SheetLine(
            item=item,
            depth=depth(item),
            score=scores.get(item.pk) if item.is_item else None,
            section_max=None if item.is_item else section_max.get(item.pk, Decimal(0)),
        )
        for item in items
    ]


def sheet_history(sheet: ScoreSheet):
    return ScoreChange.objects.filter(sheet=sheet).select_related("item", "changed_by")


def sheet_events(sheet: ScoreSheet):
    """The audit entries of the sheet: when it was saved, submitted and reopened, by whom and
    why."""
    return audit_entries(sheet.evaluation, actions=AuditAction.of("sheet"), sheet=sheet.pk)


def my_sheets(evaluation: Evaluation, user: User) -> list[ScoreSheet]:
    return list(
        ScoreSheet.objects.filter(
            evaluation=evaluation,
            assignment__user=user,
            assignment__status__in=Assignment.CURRENT,
        ).select_related("assignment")
    )


def my_pending_assignments(evaluation: Evaluation, user: User) -> list[Assignment]:
    return list(
        Assignment.objects.filter(
            evaluation=evaluation, user=user, status=Assignment.Status.PENDING
        )
    )


# --- The panel side by side --------------------------------------------------------------------


@dataclass
class PanelCell:
    points: Decimal | None
    flagged: bool


@dataclass
class PanelLine:
    item: SheetItem
    cells: list[PanelCell]
    median: Decimal | None
    low: Decimal | None
    high: Decimal | None

    @property
    def spread(self) -> Decimal | None:
        return None if self.low is None or self.high is None else self.high - self.low


@dataclass
class PanelView:
    experts: list[ScorerRow]
    lines: list[PanelLine]
    tolerance: Decimal


def panel_view(evaluation: Evaluation) -> PanelView:
    """Each expert's item scores side by side, with the spread; an expert whose score is
    further from the median than the scheme's tolerance is flagged. Submitted sheets only."""
    scheme = Scheme.objects.get(pk=evaluation.scheme_id)
    experts = [
        row
        for row in scorers(evaluation)
        if ROLE_PARTY[row.assignment.role] == Party.THIRD_PARTY and row.submitted
    ]
    sheet_ids = [row.sheet.pk for row in experts if row.sheet is not None]  # all: submitted
    points = {
        (s.sheet_id, s.item_id): s.points
        for s in ItemScore.objects.filter(Q(sheet_id__in=sheet_ids))
        if s.points is not None
    }
    lines = []
    for item in SheetItem.objects.filter(scheme=scheme, party=Party.THIRD_PARTY):
        if item.max_points is None:  # a section
            lines.append(PanelLine(item, [], None, None, None))
            continue
        values = {
            sheet_id: points[(sheet_id, item.pk)]
            for sheet_id in sheet_ids
            if points.get((sheet_id, item.pk)) is not None
        }
        flagged = rules.outliers(values, item.max_points, scheme.panel_tolerance)
        cells = [
            PanelCell(points.get((sheet_id, item.pk)), sheet_id in flagged)
            for sheet_id in sheet_ids
        ]
        lines.append(
            PanelLine(
                item,
                cells,
                rules.median(list(values.values())) if values else None,
                min(values.values()) if values else None,
                max(values.values()) if values else None,
            )
        )
    return PanelView(experts=experts, lines=lines, tolerance=scheme.panel_tolerance)


def eligible_members(*, evaluation: Evaluation, role: str) -> QuerySet[Membership]:
    """The memberships whose users may be assigned to ``evaluation`` in ``role``: experts of
    the evaluating agency, the street office of the station's street, the supervision centre and
    bureau of its district."""
    if role not in (Role.EXPERT, Role.BUYER, Role.SUPERVISION, Role.BUREAU):
        return Membership.objects.none()
    return Membership.objects.filter(station_selectors.member_q(evaluation, role)).select_related(
        "user", "organisation"
    )


@dataclass(frozen=True)
class DrawLine:
    draw: PanelDraw
    drawn: list[str]  # names, in the order drawn
    set_aside: list[tuple[str, str]]  # (name, why) of the candidates the draw excluded


EXCLUSION_LABELS = {
    draw_rules.TIED: gettext_lazy("a tie to the operator or the street in the last two years"),
    draw_rules.CONFLICT: gettext_lazy("declared a conflict with this station before"),
    draw_rules.AT_LIMIT: gettext_lazy("at the season's load limit"),
}


def panel_draws(evaluation: Evaluation) -> list[DrawLine]:
    """The evaluation's draws, newest first, each with who was drawn and who was set aside."""
    lines = []
    for record in PanelDraw.objects.filter(evaluation=evaluation).select_related("drawn_by"):
        names = {c["user"]: c["name"] for c in record.candidates}
        lines.append(
            DrawLine(
                draw=record,
                drawn=[names.get(u, str(u)) for u in record.chosen],
                set_aside=[
                    (c["name"], str(EXCLUSION_LABELS.get(c["excluded"], c["excluded"])))
                    for c in record.candidates
                    if c["excluded"]
                ],
            )
        )
    return lines
