"""Reads of the stations app, shaped for the pages that show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from stations import access, deadlines, lifecycle
from stations.enums import STATUS_ACTIONS, AssignmentStatus, AuditAction, Step
from stations.models import (
    Assignment,
    AuditEntry,
    Contract,
    Evaluation,
    OperatorTerm,
    Role,
    ServiceArea,
    Station,
    Status,
    User,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class EvaluationRow:
    evaluation: Evaluation
    roles: list[StrOrPromise]  # labels of the user's roles in it


def evaluation_rows(user: User) -> list[EvaluationRow]:
    """The evaluations ``user`` can see, newest first, each with the user's roles in it.
    One query however many evaluations (plus the two of ``access.standing``)."""
    evaluations = access.visible_evaluations(user, Evaluation.objects.with_station()).order_by(
        "-on_site_date", "pk"
    )
    return [
        EvaluationRow(
            evaluation=evaluation,
            roles=[
                Role(role).label
                for role in Role.values
                if role in access.roles_in(user, evaluation)
            ],
        )
        for evaluation in evaluations
    ]


def station_detail(station: Station, user: User) -> dict:
    """Everything the station page shows, in a fixed number of queries."""
    areas = ServiceArea.objects.filter(station=station).prefetch_related("communities")
    contracts = Contract.objects.filter(station=station).prefetch_related(
        Prefetch(
            "operator_terms",
            queryset=OperatorTerm.objects.select_related("operator").order_by("start_date"),
        ),
        "indicators",
    )
    evaluations = access.visible_evaluations(
        user, Evaluation.objects.filter(contract__station=station).select_related("contract")
    )
    area_list = list(areas)
    return {
        "station": station,
        "service_areas": area_list,
        "community_count": sum(len(area.communities.all()) for area in area_list),
        "contracts": list(contracts),
        "evaluations": list(evaluations),
    }


@dataclass(frozen=True)
class StatusStep:
    status: str
    label: StrOrPromise
    state: str  # "done", "current" or "todo": the step's class on the page

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def status_steps(evaluation: Evaluation) -> list[StatusStep]:
    current = lifecycle.ORDER.index(evaluation.status)
    return [
        StatusStep(
            status=status,
            label=Status(status).label,
            state="done" if i < current else "current" if i == current else "todo",
        )
        for i, status in enumerate(lifecycle.ORDER)
    ]


def evaluation_detail(evaluation: Evaluation, *, scores_done: bool = False) -> dict:
    """The evaluation's page; ``scores_done``: the reader's own score sheets are submitted."""
    contract = evaluation.contract
    terms = list(
        OperatorTerm.objects.filter(contract=contract)
        .select_related("operator")
        .order_by("start_date")
    )
    return {
        "evaluation": evaluation,
        "station": contract.station,
        "contract": contract,
        "operator_terms": terms,
        "steps": status_steps(evaluation),
        "dues": dues(evaluation, scores_done=scores_done),
        "transitions": [
            (
                status,
                Status(status).label,
                lifecycle.is_backward(evaluation.status, status),
                lifecycle.is_final_step(status),
            )
            for status in lifecycle.manual_transitions(evaluation.status)
        ],
    }


def audit_entries(
    evaluation: Evaluation,
    *,
    actions: Iterable[str] | None = None,
    actor: str | None = None,
    sheet: int | None = None,
):
    """The audit entries of ``evaluation``, newest first: those whose action starts with one
    in ``actions``, by ``actor`` (their name as recorded), concerning score sheet ``sheet``."""
    entries = AuditEntry.objects.filter(evaluation=evaluation)
    if actions is not None:
        entries = entries.filter(action__in=list(actions))
    if actor:
        entries = entries.filter(actor_name=actor)
    if sheet is not None:
        entries = entries.filter(changes__sheet=sheet)
    return entries


def audit_actors(evaluation: Evaluation) -> list[str]:
    """Everyone who appears in the log of ``evaluation``, by name."""
    return sorted(
        set(
            AuditEntry.objects.filter(evaluation=evaluation)
            .exclude(actor_name="")
            .values_list("actor_name", flat=True)
        )
    )


def status_history(evaluation: Evaluation) -> list[dict]:
    entries = AuditEntry.objects.filter(evaluation=evaluation, action__in=STATUS_ACTIONS)
    history = []
    for entry in entries:
        old, new = entry.changes.get("status", [None, None])
        history.append(
            {
                "at": entry.at,
                "by": entry.actor_name,
                "from": Status(old).label if old in Status.values else old,
                "to": Status(new).label if new in Status.values else new,
                "note": entry.note,
            }
        )
    return history


def _entered(evaluation: Evaluation, status: str) -> dt.date | None:
    """The day ``evaluation`` last entered ``status`` (from the audit log), or None."""
    day = None
    for at, changes in (
        AuditEntry.objects.filter(evaluation=evaluation, action__in=STATUS_ACTIONS)
        .order_by("at")
        .values_list("at", "changes")
    ):
        if (changes or {}).get("status", [None, None])[1] == status:
            day = timezone.localdate(at)
    return day


# The stage from which a step can be late: the self-assessment from its stage, the score sheets
# from the visit (they may be filled in before it, but are due after); the others once asked.
OPENS = {Step.SELF_ASSESSMENT: Status.SELF_ASSESSMENT, Step.SCORES: Status.ON_SITE}


def step_open(evaluation: Evaluation, step: str) -> bool:
    """Whether ``step`` of ``evaluation`` has begun, so that it can be late."""
    opens = OPENS.get(Step(step))
    return opens is None or lifecycle.ORDER.index(evaluation.status) >= lifecycle.ORDER.index(opens)


def self_assessment_applied() -> Exists:
    """Whether an evaluation's self-assessment workbook has been applied, as an annotation
    (``.annotate(applied=self_assessment_applied())``): every apply is in the audit log."""
    return Exists(
        AuditEntry.objects.filter(
            evaluation=OuterRef("pk"), action=AuditAction.SELF_ASSESSMENT_APPLY
        )
    )


def member_q(evaluation: Evaluation, role: str) -> Q:
    """The memberships (``Membership.objects.filter(...)``) of the people who hold ``role`` in
    ``evaluation`` through their organisation: the agency's coordinators and experts, the
    street office of the station's street, the supervision centre and bureau of its district,
    the station's staff."""
    station = evaluation.contract.station
    where = {
        Role.COORDINATOR: Q(organisation_id=evaluation.agency_id),
        Role.EXPERT: Q(organisation_id=evaluation.agency_id),
        Role.BUYER: Q(organisation__street_id=station.street_id),
        Role.SUPERVISION: Q(organisation__district_id=station.street.district_id),
        Role.BUREAU: Q(organisation__district_id=station.street.district_id),
        Role.STATION_STAFF: Q(station_id=station.pk),
    }
    return Q(role=role) & where[Role(role)]


def due_of(
    evaluation: Evaluation,
    step: str,
    *,
    today: dt.date | None = None,
    since: dt.datetime | dt.date | None = None,
    done: bool = False,
) -> deadlines.Due:
    """When ``step`` of ``evaluation`` is due, whether it is done and whether it is overdue (at
    most one query). A step is overdue only once it is open (the self-assessment from that
    stage on, the score sheets from the visit on): an evaluation kept in set-up does not make
    the station late. Feedback is due a number of working days after the draft was sent,
    rectification a number of days after the report was issued: until then their dates are
    not known. A page that has that moment at hand passes it as ``since`` (no query); one
    that knows its own part of the step is done (the reader's sheet submitted) says ``done``."""
    today = today or timezone.localdate()
    if isinstance(since, dt.datetime):
        since = timezone.localdate(since)
    position = lifecycle.ORDER.index(evaluation.status)

    def past(status: str) -> bool:
        return position > lifecycle.ORDER.index(status)

    on: dt.date | None
    opened = step_open(evaluation, step)
    if step == Step.SELF_ASSESSMENT:
        on = evaluation.self_assessment_due
        done = done or past(Status.SELF_ASSESSMENT)
        if opened and not done:  # the station's workbook applied: its part is done
            done = (
                Evaluation.objects.filter(pk=evaluation.pk)
                .filter(self_assessment_applied())
                .exists()
            )
    elif step == Step.ACCEPTANCE:
        experts = list(
            Assignment.objects.current()
            .filter(evaluation=evaluation, role=Role.EXPERT)
            .values_list("status", flat=True)
        )
        answered = bool(experts) and AssignmentStatus.PENDING not in experts
        on, done = evaluation.acceptance_due, done or answered or past(Status.ON_SITE)
    elif step == Step.SCORES:  # sheets can still be submitted while the report is drafted
        on = evaluation.scores_due
        done = done or past(Status.DRAFTING)
    elif step == Step.FEEDBACK:
        sent = (since or _entered(evaluation, Status.FEEDBACK)) if past(Status.DRAFTING) else None
        on = deadlines.feedback_due(sent, evaluation.feedback_working_days)
        done = done or past(Status.FEEDBACK)
    else:
        issued = (since or _entered(evaluation, Status.ISSUED)) if past(Status.FEEDBACK) else None
        on = deadlines.rectification_due(issued, evaluation.rectification_days)
        done = done or evaluation.status == Status.CLOSED
    return deadlines.due(Step(step), on, done=done, today=today, opened=opened)


def dues(
    evaluation: Evaluation, *, today: dt.date | None = None, scores_done: bool = False
) -> list[deadlines.Due]:
    """Every step's due date (``due_of``), in the order of the steps; ``scores_done``: the
    reader's own score sheets are submitted."""
    return [
        due_of(evaluation, step, today=today, done=scores_done and step == Step.SCORES)
        for step in Step
    ]
