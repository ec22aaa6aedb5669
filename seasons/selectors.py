"""Reads of the set-up pages."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from stations.models import Evaluation, Season, Status


def season_rows(seasons: QuerySet[Season]) -> QuerySet[Season]:
    """Each season with how many evaluations it has and how many are issued or further."""
    done = [Status.ISSUED, Status.RECTIFICATION, Status.CLOSED]
    return seasons.annotate(
        total=Count("evaluations"),
        done=Count("evaluations", filter=Q(evaluations__status__in=done)),
    ).order_by("-year", "district__name", "stage")


def season_evaluations(
    season: Season, *, query: str = "", status: str = ""
) -> QuerySet[Evaluation]:
    evaluations = Evaluation.objects.with_station().filter(season=season)
    if query:
        evaluations = evaluations.filter(
            Q(contract__station__name__icontains=query)
            | Q(contract__station__street__name__icontains=query)
        )
    if status in Status.values:
        evaluations = evaluations.filter(status=status)
    return evaluations.order_by("contract__station__street__name", "contract__station__name")
