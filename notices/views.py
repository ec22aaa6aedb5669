"""The inbox: a person's notifications, newest first, each a sentence of what happened linking
to where it happened; opening one marks it read, and all can be marked read at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evalportal.describe import Line, describe
from notices import services
from notices.forms import PreferencesForm, WebhookForm
from notices.models import Notification, Preference, Webhook
from seasons import access as setup_access
from seasons.forms import add_errors
from stations.access import AuthenticatedHttpRequest

PAGE_SIZE = 50


def _lines(notifications: list[Notification]) -> list[tuple[Notification, Line]]:
    return [(n, describe(n.entry, n.evaluation, n.user)) for n in notifications]


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
    line = describe(notification.entry, notification.evaluation, request.user)
    return redirect(line.link or "home")


@login_required
@require_POST
def read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.notifications_read(user=request.user)
    return redirect("notices:inbox")


@login_required
def webhooks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The work-chat webhooks of the organisations whose accounts the user manages."""
    organisations = setup_access.account_organisations(request.user)
    form = WebhookForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        try:
            kept = services.webhook_set(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The work-chat webhook was saved.")
                if kept
                else _("The work-chat webhook was removed: nothing is posted to that group now."),
            )
            return redirect("notices:webhooks")
    rows = Webhook.objects.filter(organisation__in=organisations).select_related("organisation")
    return render(
        request,
        "notices/webhooks.html",
        {"form": form, "webhooks": rows},
        status=400 if form.is_bound else 200,
    )


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How the person hears of each kind of event: e-mail at once, a daily e-mail, or the
    inbox only."""
    current = dict(Preference.objects.filter(user=request.user).values_list("action", "channel"))
    form = PreferencesForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST" and form.is_valid():
        chosen = {k: v for k, v in form.cleaned_data.items() if v}
        services.preferences_set(user=request.user, channels=chosen)
        messages.success(request, _("Your choices were saved."))
        return redirect("notices:preferences")
    return render(
        request, "notices/preferences.html", {"form": form}, status=400 if form.is_bound else 200
    )
