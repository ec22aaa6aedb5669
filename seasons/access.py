"""Who may set up what: the coordinators of an evaluation agency, for that agency (its seasons,
the stations it works with, their contracts, the set-up workbook it imports). Everyone else
meets 403; a season, station or contract the agency has no part in is 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from stations import access
from stations.enums import OrganisationKind, Role
from stations.models import (
    Contract,
    District,
    Evaluation,
    ExpertTie,
    Organisation,
    Season,
    Station,
    User,
)


def agency_of(user: User) -> Organisation:
    """The agency ``user`` coordinates for (the first, if several); 403 for anyone else."""
    ids = sorted(access.standing(user).coordinator_agency_ids)
    if not ids:
        raise PermissionDenied
    return Organisation.objects.get(pk=ids[0])


def seasons_of(user: User) -> QuerySet[Season]:
    ids = access.standing(user).coordinator_agency_ids
    return Season.objects.filter(agency_id__in=ids).select_related("district", "agency")


def season_for(user: User, pk: int) -> Season:
    agency_of(user)  # 403 for a non-coordinator
    season = seasons_of(user).filter(pk=pk).first()
    if season is None:
        raise Http404("No such season")
    return season


def districts_of(agency: Organisation) -> QuerySet[District]:
    """Where the agency works: the districts of its seasons, its evaluations and the stations it
    set up."""
    return District.objects.filter(
        Q(seasons__agency=agency)
        | Q(streets__stations__contracts__evaluations__agency=agency)
        | Q(streets__stations__set_up_by=agency)
    ).distinct()


def stations_of(agency: Organisation) -> QuerySet[Station]:
    """The stations an agency sets up: those it entered, and every station of a district it
    works in."""
    return Station.objects.filter(
        Q(set_up_by=agency) | Q(street__district__in=districts_of(agency))
    ).select_related("street__district")


def station_for(user: User, pk: int) -> Station:
    station = stations_of(agency_of(user)).filter(pk=pk).first()
    if station is None:
        raise Http404("No such station")
    return station


def contract_for(user: User, pk: int) -> Contract:
    stations = stations_of(agency_of(user))
    contract = (
        Contract.objects.filter(station__in=stations, pk=pk)
        .select_related("station__street__district")
        .first()
    )
    if contract is None:
        raise Http404("No such contract")
    return contract


def evaluation_for(user: User, pk: int) -> Evaluation:
    """An evaluation of the user's agency, to change its dates (403/404 as the status page)."""
    return access.evaluation_for(user, pk, access.Action.CHANGE_STATUS)


# Accounts: a coordinator manages those of its agency and of the parties to the stations it
# works with; a bureau those of its district's parties.


def account_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose accounts ``user`` manages; 403 if none."""
    s = access.standing(user)
    scopes: list[Q] = []
    if s.coordinator_agency_ids:
        agencies = Organisation.objects.filter(pk__in=s.coordinator_agency_ids)
        stations = Station.objects.none()
        districts = District.objects.none()
        for agency in agencies:
            stations = stations | stations_of(agency)
            districts = districts | districts_of(agency)
        scopes += [_parties(districts, stations), Q(pk__in=s.coordinator_agency_ids)]
    if s.bureau_district_ids:
        districts = District.objects.filter(pk__in=s.bureau_district_ids)
        scopes.append(_parties(districts, Station.objects.filter(street__district__in=districts)))
    if not scopes:
        raise PermissionDenied
    scope = scopes[0]
    for more in scopes[1:]:
        scope |= more
    return Organisation.objects.filter(scope).distinct().order_by("kind", "name")


def _parties(districts: QuerySet[District], stations: QuerySet[Station]) -> Q:
    return (
        Q(district__in=districts)
        | Q(street__district__in=districts)
        | Q(street__stations__in=stations)
        | Q(operator_terms__contract__station__in=stations)
    )


def account_stations(user: User) -> QuerySet[Station]:
    """The stations whose staff ``user`` may open accounts for."""
    operators = account_organisations(user).filter(kind=OrganisationKind.OPERATOR)
    return (
        Station.objects.filter(contracts__operator_terms__operator__in=operators)
        .distinct()
        .order_by("name")
    )


def accounts_of(user: User) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__organisation__in=account_organisations(user))
        .distinct()
        .order_by("username")
    )


def account_for(user: User, pk: int) -> User:
    """An account every membership of which ``user`` manages (404 otherwise)."""
    organisations = account_organisations(user)
    found = accounts_of(user).filter(pk=pk).first()
    if found is None or found.memberships.exclude(organisation__in=organisations).exists():
        raise Http404("No such account")
    return found


def manages_accounts(user: User) -> bool:
    """Whether ``user`` coordinates for an agency or represents a bureau (for the navigation)."""
    s = access.standing(user)
    return bool(s.coordinator_agency_ids or s.bureau_district_ids)


# The expert pool


def experts_of(agency: Organisation) -> QuerySet[User]:
    """The agency's experts (active or not)."""
    return User.objects.filter(
        memberships__organisation=agency, memberships__role=Role.EXPERT
    ).distinct()


def expert_for(user: User, pk: int) -> User:
    """An expert of the agency ``user`` coordinates for; 403 for a non-coordinator, 404 for
    anyone else's expert."""
    expert = experts_of(agency_of(user)).filter(pk=pk).first()
    if expert is None:
        raise Http404("No such expert")
    return expert


def tie_for(user: User, pk: int) -> ExpertTie:
    tie = (
        ExpertTie.objects.filter(pk=pk, user__in=experts_of(agency_of(user)))
        .select_related("user", "organisation")
        .first()
    )
    if tie is None:
        raise Http404("No such tie")
    return tie


def log_organisations(user: User) -> list[int]:
    """The organisations whose set-up log ``user`` reads: the agencies they coordinate for and
    the bureaus they represent; 403 for anyone else."""
    ids = sorted(
        user.memberships.filter(role__in=[Role.COORDINATOR, Role.BUREAU]).values_list(
            "organisation_id", flat=True
        )
    )
    if not ids:
        raise PermissionDenied
    return ids
