"""Reads of the set-up pages."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from stations.enums import CURRENT_ASSIGNMENT, SETUP_ACTIONS, OrganisationKind, Role
from stations.lifecycle import ISSUED_STATUSES, OPEN, Activity
from stations.models import (
    AuditEntry,
    Evaluation,
    ExpertTie,
    Membership,
    Organisation,
    Season,
    Station,
    Status,
    User,
)

UNFINISHED = tuple(s for s in Status if s not in ISSUED_STATUSES)


def experts_now() -> Count:
    """How many experts an evaluation's panel has now, as an annotation."""
    return Count(
        "assignments",
        filter=Q(assignments__role=Role.EXPERT, assignments__status__in=CURRENT_ASSIGNMENT),
    )


def season_rows(seasons: QuerySet[Season]) -> QuerySet[Season]:
    """Each season with how many evaluations it has and how many are issued or further."""
    return seasons.annotate(
        total=Count("evaluations"),
        done=Count("evaluations", filter=Q(evaluations__status__in=ISSUED_STATUSES)),
    ).order_by("-year", "district__name", "stage")


def season_evaluations(
    season: Season, *, query: str = "", status: str = ""
) -> QuerySet[Evaluation]:
    evaluations: QuerySet[Evaluation] = Evaluation.objects.with_station().filter(season=season)
    if query:
        evaluations = evaluations.filter(
            Q(contract__station__name__icontains=query)
            | Q(contract__station__street__name__icontains=query)
        )
    if status in Status.values:
        evaluations = evaluations.filter(status=status)
    evaluations = evaluations.annotate(experts_now=experts_now())
    return evaluations.order_by("contract__station__street__name", "contract__station__name")


def station_rows(
    stations: QuerySet[Station], *, query: str = "", district_pk: int | None = None
) -> QuerySet[Station]:
    """The set-up list of stations: searched by name, street or district, filtered by
    district, with how many contracts and evaluations each has."""
    if query:
        stations = stations.filter(
            Q(name__icontains=query)
            | Q(street__name__icontains=query)
            | Q(street__district__name__icontains=query)
        )
    if district_pk is not None:
        stations = stations.filter(street__district_id=district_pk)
    return stations.annotate(
        contracts_count=Count("contracts", distinct=True),
        evaluations_count=Count("contracts__evaluations", distinct=True),
    ).order_by("street__district__name", "street__name", "name")


def station_setup(station: Station) -> dict:
    """A station's set-up page: its service areas with their communities, and its contracts
    with their operators, targets and evaluations."""
    areas = station.service_areas.prefetch_related("communities")
    contracts = (
        station.contracts.order_by("-start_date")
        .prefetch_related("operator_terms__operator", "indicators", "evaluations")
        .annotate(started=Count("evaluations", filter=~Q(evaluations__status=Status.SETUP)))
    )
    return {"areas": list(areas), "contracts": list(contracts)}


def undrawn(season: Season, *, panel: int) -> int:
    """How many evaluations of ``season`` still open to a panel have no draw and fewer than
    ``panel`` experts."""
    return (
        season.evaluations.filter(status__in=OPEN[Activity.PANEL])
        .exclude(draws__isnull=False)
        .annotate(experts_now=experts_now())
        .filter(experts_now__lt=panel)
        .count()
    )


def account_rows(
    users: QuerySet[User],
    organisations: QuerySet[Organisation],
    *,
    query: str = "",
    organisation_pk: int | None = None,
) -> QuerySet[User]:
    """Accounts with their memberships (in ``organisations``), searched by user name, name or
    e-mail, filtered by organisation."""
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(full_name__icontains=query) | Q(email__icontains=query)
        )
    if organisation_pk is not None:
        users = users.filter(memberships__organisation_id=organisation_pk)
    return users.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(organisation__in=organisations).select_related(
                "organisation", "station"
            ),
        )
    )


def expert_rows(experts: QuerySet[User], *, query: str = "") -> QuerySet[User]:
    """The expert pool: each expert with their fields, ties and how many evaluations not yet
    issued they are on now; searched by name, user name or field of expertise."""
    if query:
        experts = experts.filter(
            Q(username__icontains=query)
            | Q(full_name__icontains=query)
            | Q(expert_profile__expertise__icontains=query)
        )
    return (
        experts.select_related("expert_profile")
        .prefetch_related(
            Prefetch("expert_ties", queryset=ExpertTie.objects.select_related("organisation"))
        )
        .annotate(
            current=Count(
                "assignments",
                filter=Q(
                    assignments__role=Role.EXPERT,
                    assignments__status__in=CURRENT_ASSIGNMENT,
                    assignments__evaluation__status__in=UNFINISHED,
                ),
                distinct=True,
            )
        )
        .order_by("username")
    )


def operator_names() -> list[str]:
    """The operators known to the portal, for a contract's operator field to suggest."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.OPERATOR)
        .order_by("name")
        .values_list("name", flat=True)
    )


def setup_entries(organisation_ids: list[int]) -> QuerySet[AuditEntry]:
    """What the members of these organisations changed in set-up, newest first (entries of no
    one evaluation: accounts, stations, contracts, seasons, imports, the expert pool)."""
    return (
        AuditEntry.objects.filter(
            evaluation__isnull=True,
            action__in=SETUP_ACTIONS,
            actor__memberships__organisation_id__in=organisation_ids,
        )
        .distinct()
        .order_by("-at", "-pk")
    )
