"""Who may open a score sheet: its owner, through an assignment still in force, and whoever may
read every sheet (the coordinator). Built on ``stations.access``, which decides who sees an
evaluation at all."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from scoring.models import ScoreSheet
from stations import access
from stations.access import Action
from stations.models import User


def is_sheet_owner(user: User, sheet: ScoreSheet) -> bool:
    """The sheet is the user's own, through an assignment still in force."""
    assignment = sheet.assignment
    return assignment.user_id == getattr(user, "pk", None) and assignment.is_current


def sheet_for(user: User, evaluation_pk: int, sheet_pk: int) -> ScoreSheet:
    """The score sheet ``sheet_pk`` of evaluation ``evaluation_pk`` for its owner or for someone
    who may read every sheet (the coordinator). 404 when the user cannot see the evaluation or
    the sheet is not of that evaluation; 403 when they can see the evaluation but not the sheet.
    """
    evaluation = access.evaluation_for(user, evaluation_pk)
    sheet = (
        ScoreSheet.objects.select_related("assignment__user")
        .filter(pk=sheet_pk, evaluation=evaluation)
        .first()
    )
    if sheet is None:
        raise Http404("No such score sheet")
    sheet.evaluation = evaluation
    if not (is_sheet_owner(user, sheet) or access.can(user, Action.READ_SHEETS, evaluation)):
        raise PermissionDenied
    return sheet
