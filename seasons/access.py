"""Who may set up what: the coordinators of an evaluation agency, for that agency (its seasons,
the set-up workbook it imports). Everyone else meets 403; a season of another agency is 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stations import access
from stations.models import Organisation, Season, User


def agency_of(user: User) -> Organisation:
    """The agency ``user`` coordinates for (the first, if several); 403 for anyone else."""
    ids = sorted(access.standing(user).coordinator_agency_ids)
    if not ids:
        raise PermissionDenied
    return Organisation.objects.get(pk=ids[0])


def seasons_of(user: User):
    ids = access.standing(user).coordinator_agency_ids
    return Season.objects.filter(agency_id__in=ids).select_related("district", "agency")


def season_for(user: User, pk: int) -> Season:
    agency_of(user)  # 403 for a non-coordinator
    season = seasons_of(user).filter(pk=pk).first()
    if season is None:
        raise Http404("No such season")
    return season
