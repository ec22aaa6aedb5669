"""After issue: the final report's download, the list of final reports, and rectification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports import content, selectors, services
from reports.forms import RectificationForm, ReviewForm
from reports.models import Rectification, Section
from reports.views.common import message_errors
from stations import access, lifecycle
from stations.access import Action, AuthenticatedHttpRequest


@login_required
def final_pdf(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.DOWNLOAD_FINAL)
    report = getattr(evaluation, "final_report", None)
    if report is None:
        raise Http404("Not issued")
    services.final_report_downloaded(report=report, by=request.user)
    name = f"{content.build_title(evaluation)}.pdf"
    return FileResponse(
        report.pdf.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


@login_required
def final_reports(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "reports/final_reports.html", {"reports": selectors.final_reports(request.user)}
    )


@login_required
def rectification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.VIEW_RECTIFICATION)
    order = {section: n for n, section in enumerate(Section.values)}  # the report's order
    items = sorted(
        Rectification.objects.filter(evaluation=evaluation).select_related("finding__service_area"),
        key=lambda item: (
            order[item.finding.section],
            item.finding.service_area.position if item.finding.service_area else 0,
            item.finding.position,
        ),
    )
    open_ = lifecycle.allows(evaluation, lifecycle.Activity.RECTIFICATION)
    return render(
        request,
        "reports/rectification.html",
        {
            "evaluation": evaluation,
            "station": evaluation.contract.station,
            "items": items,
            "issued": hasattr(evaluation, "final_report"),
            "open": open_,
            "can_rectify": open_ and access.can(request.user, Action.RECTIFY, evaluation),
            "can_review": open_
            and access.can(request.user, Action.REVIEW_RECTIFICATION, evaluation),
            "rectify_form": RectificationForm(),
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_POST
def rectification_update(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    item = (
        Rectification.objects.filter(evaluation=evaluation, pk=item_pk)
        .select_related("evaluation")
        .first()
    )
    if item is None:
        raise Http404("No such item")
    try:
        if request.POST.get("form") == "review":
            if not access.can(request.user, Action.REVIEW_RECTIFICATION, evaluation):
                raise PermissionDenied
            form = ReviewForm(request.POST)
            if form.is_valid():
                services.rectification_review(
                    item=item,
                    by=request.user,
                    accept=form.cleaned_data["accept"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The review was recorded."))
            else:
                messages.error(request, _("Choose whether to accept the item."))
        else:
            if not access.can(request.user, Action.RECTIFY, evaluation):
                raise PermissionDenied
            update_form = RectificationForm(request.POST)
            if update_form.is_valid():
                services.rectification_update(
                    item=item,
                    by=request.user,
                    status=update_form.cleaned_data["status"],
                    note=update_form.cleaned_data["note"],
                )
                messages.success(request, _("Saved."))
            else:
                messages.error(request, _("Choose the item's status."))
    except ValidationError as exc:
        message_errors(request, exc)
    return redirect(reverse("reports:rectification", args=[pk]) + f"#item-{item.pk}")
