"""Reads of the stations app, shaped for the pages that show them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from stations import access, lifecycle
from stations.enums import STATUS_ACTIONS
from stations.models import (
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


def evaluation_detail(evaluation: Evaluation) -> dict:
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
