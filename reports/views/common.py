"""What the report's views share: where to send a user back, and how a refusal is told."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

from reports import access as report_access
from stations import access
from stations.access import AuthenticatedHttpRequest
from stations.models import Evaluation


def back(pk: int, anchor: str = ""):
    """The report's page, at ``anchor`` (the part the user just changed) if given, so that a
    save does not drop them at the top of a long page."""
    url = reverse("reports:workflow", args=[pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def message_errors(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def draft_readable(request: AuthenticatedHttpRequest, pk: int) -> Evaluation:
    evaluation = access.evaluation_for(request.user, pk)
    if not report_access.can_view_draft(request.user, evaluation):
        raise PermissionDenied
    return evaluation
