"""Reads of the expert pool for a draw: every expert of the evaluating agency, with what the
draw must know of them for this evaluation (``scoring.draw``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from scoring import draw
from stations.enums import CURRENT_ASSIGNMENT, AssignmentStatus, OrganisationKind, Role
from stations.models import Assignment, Evaluation, ExpertTie, Membership, User


@dataclass(frozen=True)
class PoolMember:
    user: User
    expertise: str
    candidate: draw.Candidate


def pool(evaluation: Evaluation) -> list[PoolMember]:
    """The agency's active experts who could be drawn for ``evaluation`` (not on its panel now,
    nor taken off it), in five queries. A tie counts if it is to one of the contract's operators
    or to the station's street office, within two years of the on-site date; a conflict, if
    the expert declared one with this station before, or was recused from it; the load is the
    expert's current assignments in the evaluation's season (without a season: in the agency's
    evaluations of the same stage and on-site year)."""
    station = evaluation.contract.station
    members = list(
        Membership.objects.filter(
            organisation_id=evaluation.agency_id, role=Role.EXPERT, user__is_active=True
        )
        .select_related("user__expert_profile")
        .order_by("user_id")
    )
    here = set(
        Assignment.objects.filter(evaluation=evaluation, role=Role.EXPERT).values_list(
            "user_id", flat=True
        )
    )
    users = {m.user_id: m.user for m in members if m.user_id not in here}
    ties: dict[int, list] = {}
    for tie in ExpertTie.objects.filter(user_id__in=users).filter(
        Q(organisation__operator_terms__contract=evaluation.contract)
        | Q(organisation__kind=OrganisationKind.STREET_OFFICE, organisation__street=station.street)
    ):
        ties.setdefault(tie.user_id, []).append(tie.ended_on)
    conflicted = set(
        Assignment.objects.filter(
            user_id__in=users,
            role=Role.EXPERT,
            evaluation__contract__station=station,
            status__in=[AssignmentStatus.CONFLICT, AssignmentStatus.RECUSED],
        ).values_list("user_id", flat=True)
    )
    same_season = (
        Q(evaluation__season_id=evaluation.season_id)
        if evaluation.season_id
        else Q(
            evaluation__agency_id=evaluation.agency_id,
            evaluation__stage=evaluation.stage,
            evaluation__on_site_date__year=evaluation.on_site_date.year,
        )
    )
    loads = dict(
        Assignment.objects.filter(
            same_season, user_id__in=users, role=Role.EXPERT, status__in=CURRENT_ASSIGNMENT
        )
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    result = []
    for user_id, user in users.items():
        profile = getattr(user, "expert_profile", None)
        result.append(
            PoolMember(
                user=user,
                expertise=profile.expertise if profile else "",
                candidate=draw.Candidate(
                    user_id=user_id,
                    load=loads.get(user_id, 0),
                    tied=draw.tie_still_counts(ties.get(user_id, []), on=evaluation.on_site_date),
                    conflict=user_id in conflicted,
                ),
            )
        )
    return result
