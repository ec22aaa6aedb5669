"""The inbox: a person's notifications, newest first, each a sentence of what happened linking
to where it happened; opening one marks it read, and all can be marked read at once."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from evalportal import auditlog
from notices import services
from notices.models import Notification
from stations.access import AuthenticatedHttpRequest

PAGE_SIZE = 50


def _lines(notifications: list[Notification]) -> list[tuple[Notification, auditlog.LogLine]]:
    lines = []
    for n in notifications:
        assert n.evaluation is not None  # only an evaluation's events are notified
        [line] = auditlog.lines([n.entry], n.evaluation, n.user)
        lines.append((n, line))
    return lines


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(user=request.user).select_related(
        "entry", "evaluation__contract__station__street", "user"
    )
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "notices/inbox.html", {"page": page, "lines": _lines(list(page.object_list))}
    )


@login_required
def open_notification(request: AuthenticatedHttpRequest, notification_pk: int) -> HttpResponse:
    """Mark the notification read and go where it happened."""
    notification = get_object_or_404(
        Notification.objects.select_related("entry", "evaluation__contract__station__street"),
        pk=notification_pk,
        user=request.user,
    )
    services.notifications_read(user=request.user, ids=[notification.pk])
    [(_n, line)] = _lines([notification])
    return redirect(line.link or f"/evaluations/{notification.evaluation_id}/")


@login_required
@require_POST
def read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.notifications_read(user=request.user)
    return redirect("notices:inbox")
