from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evalportal import auditlog, todo
from indicators.exports import XLSX_TYPE
from scoring import selectors as scoring_selectors
from stations import access, lifecycle, selectors, services
from stations.access import Action, AuthenticatedHttpRequest
from stations.forms import StatusChangeForm


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    standing = access.standing(request.user)
    return render(
        request,
        "stations/home.html",
        {
            "rows": selectors.evaluation_rows(request.user),
            "todos": todo.todos(request.user),
            "late": todo.late(request.user),
            "memberships": standing.memberships,
            "is_outsider": standing.is_outsider,
        },
    )


@login_required
def station_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    station = access.station_for(request.user, pk)
    return render(
        request, "stations/station_detail.html", selectors.station_detail(station, request.user)
    )


@login_required
def evaluation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _evaluation_page(request, access.evaluation_for(request.user, pk))


def _evaluation_page(
    request: AuthenticatedHttpRequest, evaluation, form: StatusChangeForm | None = None
) -> HttpResponse:
    my_sheets = scoring_selectors.my_sheets(evaluation, request.user)
    context = selectors.evaluation_detail(
        evaluation, scores_done=bool(my_sheets) and all(s.is_submitted for s in my_sheets)
    )
    if evaluation.status in lifecycle.ISSUED_STATUSES:  # published: every party sees the result
        context["result"] = scoring_selectors.evaluation_scores(evaluation).result
    context["my_sheets"] = my_sheets
    context["my_pending"] = scoring_selectors.my_pending_assignments(evaluation, request.user)
    context["can_view_panel"] = access.can(request.user, Action.VIEW_PANEL, evaluation)
    context["can_view_results"] = access.can(request.user, Action.VIEW_RESULTS, evaluation)
    context["can_read_uploads"] = access.can(request.user, Action.READ_UPLOADS, evaluation)
    context["can_upload"] = access.can(request.user, Action.UPLOAD_SELF_ASSESSMENT, evaluation)
    context["can_change_dates"] = access.can(request.user, Action.CHANGE_STATUS, evaluation)
    if access.can(request.user, Action.CHANGE_STATUS, evaluation) and context["transitions"]:
        context["status_form"] = form or StatusChangeForm(evaluation=evaluation)
    if access.can(request.user, Action.VIEW_AUDIT, evaluation):
        context["history"] = selectors.status_history(evaluation)
    status = 400 if form is not None else 200
    return render(request, "stations/evaluation_detail.html", context, status=status)


LOG_PAGE_SIZE = 50


def _log_filter(request: AuthenticatedHttpRequest, evaluation) -> auditlog.LogFilter:
    return auditlog.LogFilter(request.GET, actors=selectors.audit_actors(evaluation))


@login_required
def evaluation_log(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The whole log of an evaluation, a sentence per change, filtered by kind and person."""
    evaluation = access.evaluation_for(request.user, pk, Action.VIEW_AUDIT)
    form = _log_filter(request, evaluation)
    page = Paginator(auditlog.entries_for(evaluation, form), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "stations/evaluation_log.html",
        {
            "evaluation": evaluation,
            "station": evaluation.contract.station,
            "form": form,
            "page": page,
            "log": auditlog.lines(page.object_list, evaluation, request.user),
            "query": query.urlencode(),
        },
    )


@login_required
def evaluation_log_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The log as filtered on its page, every entry, as an .xlsx."""
    evaluation = access.evaluation_for(request.user, pk, Action.VIEW_AUDIT)
    form = _log_filter(request, evaluation)
    title = _("Log of the evaluation: %(evaluation)s") % {"evaluation": evaluation}
    kept = auditlog.filter_label(form)
    if kept:
        title += _(" (only: %(kept)s)") % {"kept": kept}
    content = auditlog.xlsx(
        auditlog.lines(auditlog.entries_for(evaluation, form), evaluation, request.user), title
    )
    response = HttpResponse(
        content,
        content_type=XLSX_TYPE,
    )
    name = f"{evaluation.contract.station.name}_评估记录{'_' + kept if kept else ''}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
@require_POST
def evaluation_change_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.CHANGE_STATUS)
    form = StatusChangeForm(request.POST, evaluation=evaluation)
    if form.is_valid():
        try:
            services.evaluation_change_status(
                evaluation=evaluation,
                to_status=form.cleaned_data["to_status"],
                expected_status=form.cleaned_data["expected_status"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "stale":
                messages.error(request, " ".join(exc.messages))
                return redirect("evaluation_detail", pk=pk)
            form.add_error(None, exc)
        else:
            went_back = lifecycle.is_backward(
                form.cleaned_data["expected_status"], evaluation.status
            )
            template = (
                _("The evaluation went back to “%(status)s”.")
                if went_back
                else _("The evaluation is now in “%(status)s”.")
            )
            messages.success(request, template % {"status": evaluation.get_status_display()})
            return redirect("evaluation_detail", pk=pk)
    return _evaluation_page(request, evaluation, form=form)
