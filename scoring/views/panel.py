"""The panel's page: assigning by hand or by drawing, acceptance, recusal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evalportal import auditlog
from scoring import selectors, services
from scoring.forms import (
    AcceptForm,
    AssignForm,
    DrawForm,
    ReasonForm,
    RecusalDecisionForm,
    RecusalRequestForm,
)
from scoring.models import RecusalRequest
from stations import access, lifecycle
from stations import selectors as stations_selectors
from stations.access import Action, AuthenticatedHttpRequest
from stations.enums import AuditAction
from stations.models import ASSIGNABLE_ROLES, Assignment, Role


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- The panel ---------------------------------------------------------------------------------


def _assign_form(evaluation, data=None) -> AssignForm:
    choices = {
        role: list(selectors.eligible_members(evaluation=evaluation, role=role))
        for role in ASSIGNABLE_ROLES
    }
    return AssignForm(data, choices_by_role=choices)


def _panel_page(
    request: AuthenticatedHttpRequest,
    evaluation,
    *,
    assign_form=None,
    recusal_form=None,
    draw_form=None,
    status=200,
):
    user = request.user
    role_order: dict[str, int] = {role: i for i, role in enumerate(ASSIGNABLE_ROLES)}
    assignments = sorted(
        Assignment.objects.filter(evaluation=evaluation)
        .select_related("user")
        .prefetch_related("recusal_requests__requested_by"),
        key=lambda a: (role_order.get(a.role, len(role_order)), a.pk),
    )
    context = {
        "evaluation": evaluation,
        "station": evaluation.contract.station,
        "assignments": assignments,
        "can_manage": access.can(user, Action.MANAGE_PANEL, evaluation)
        and lifecycle.allows(evaluation, lifecycle.Activity.PANEL),
        "pending_requests": RecusalRequest.objects.filter(
            assignment__evaluation=evaluation, decision=RecusalRequest.Decision.PENDING
        ).select_related("assignment__user", "requested_by"),
    }
    if access.can(user, Action.MANAGE_PANEL, evaluation):
        context["log"] = auditlog.lines(
            stations_selectors.audit_entries(
                evaluation, actions=AuditAction.of("assignment", "panel", "recusal")
            ),
            evaluation,
            user,
        )
    if access.can(user, Action.MANAGE_PANEL, evaluation):
        context["draws"] = selectors.panel_draws(evaluation)
    if context["can_manage"]:
        context["assign_form"] = assign_form or _assign_form(evaluation)
        context["draw_form"] = draw_form or DrawForm()
        # One decision form per request, each with ids of its own.
        context["pending_requests"] = [
            (r, RecusalDecisionForm(auto_id=f"id_decision{r.pk}_%s"))
            for r in context["pending_requests"]
        ]
    if access.can(user, Action.REQUEST_RECUSAL, evaluation):
        context["recusal_form"] = recusal_form or RecusalRequestForm(
            experts=_current_experts(evaluation)
        )
    return render(request, "scoring/panel.html", context, status=status)


def _current_experts(evaluation):
    return (
        Assignment.objects.current()
        .filter(evaluation=evaluation, role=Role.EXPERT)
        .select_related("user")
    )


@login_required
def panel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.VIEW_PANEL)
    return _panel_page(request, evaluation)


@login_required
@require_POST
def assignment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_PANEL)
    form = _assign_form(evaluation, request.POST)
    if form.is_valid():
        try:
            assignment = services.assignment_create(
                evaluation=evaluation,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(user)s was assigned as %(role)s.")
                % {"user": assignment.user, "role": assignment.get_role_display()},
            )
            return redirect("scoring:panel", pk=pk)
    return _panel_page(request, evaluation, assign_form=form, status=400)


def _assignment_of(evaluation, assignment_pk: int) -> Assignment:
    assignment = Assignment.objects.filter(evaluation=evaluation, pk=assignment_pk).first()
    if assignment is None:
        raise Http404("No such assignment")
    return assignment


@login_required
@require_POST
def assignment_withdraw(
    request: AuthenticatedHttpRequest, pk: int, assignment_pk: int
) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_PANEL)
    assignment = _assignment_of(evaluation, assignment_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the person is withdrawn."))
        return redirect("scoring:panel", pk=pk)
    try:
        services.assignment_withdraw(
            assignment=assignment, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("%(user)s left the panel.") % {"user": assignment.user})
    return redirect("scoring:panel", pk=pk)


@login_required
def assignment_accept(
    request: AuthenticatedHttpRequest, pk: int, assignment_pk: int
) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    assignment = _assignment_of(evaluation, assignment_pk)
    if assignment.user_id != request.user.pk:
        raise PermissionDenied
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_accept(
                assignment=assignment,
                by=request.user,
                has_conflict=form.cleaned_data["has_conflict"],
                declaration=form.cleaned_data["declaration"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if form.cleaned_data["has_conflict"]:
                messages.info(request, _("You declared a tie and will not score this station."))
                return redirect("home")
            messages.success(request, _("Thank you. Your score sheet is ready."))
            return redirect("evaluation_detail", pk=pk)
    context = {"evaluation": evaluation, "assignment": assignment, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "scoring/accept.html", context, status=status)


@login_required
@require_POST
def recusal_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.REQUEST_RECUSAL)
    form = RecusalRequestForm(request.POST, experts=_current_experts(evaluation))
    if form.is_valid():
        try:
            services.recusal_request(
                assignment=form.cleaned_data["assignment"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your request was sent to the coordinator."))
            return redirect("scoring:panel", pk=pk)
    return _panel_page(request, evaluation, recusal_form=form, status=400)


@login_required
@require_POST
def recusal_decide(request: AuthenticatedHttpRequest, pk: int, request_pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_PANEL)
    recusal = RecusalRequest.objects.filter(
        pk=request_pk, assignment__evaluation=evaluation
    ).first()
    if recusal is None:
        raise Http404("No such request")
    form = RecusalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give its reason."))
        return redirect("scoring:panel", pk=pk)
    try:
        services.recusal_decide(
            request=recusal,
            by=request.user,
            uphold=form.cleaned_data["uphold"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The decision was recorded."))
    return redirect("scoring:panel", pk=pk)


@login_required
@require_POST
def panel_draw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_PANEL)
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            record = services.panel_draw(
                evaluation=evaluation,
                by=request.user,
                experts=form.cleaned_data["experts"],
                load_limit=form.cleaned_data["load_limit"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            drawn = len(record.chosen)
            if drawn < record.asked:
                messages.warning(
                    request,
                    _("Only %(drawn)s of %(asked)s experts could be drawn: see why below.")
                    % {"drawn": drawn, "asked": record.asked},
                )
            else:
                messages.success(
                    request,
                    _("%(n)s experts were drawn and asked to accept.") % {"n": drawn},
                )
            return redirect(reverse("scoring:panel", args=[pk]) + "#draws")
    return _panel_page(request, evaluation, draw_form=form, status=400)
