from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evalportal import auditlog
from scoring import access as sheet_access
from scoring import selectors, services
from scoring.forms import (
    AcceptForm,
    AssignForm,
    ReasonForm,
    RecusalDecisionForm,
    RecusalRequestForm,
    SheetForm,
)
from scoring.models import RecusalRequest
from scoring.rules import plain
from stations import access, lifecycle
from stations import selectors as stations_selectors
from stations.access import Action
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
    request: HttpRequest, evaluation, *, assign_form=None, recusal_form=None, status=200
):
    user = request.user
    role_order = {role: i for i, role in enumerate(ASSIGNABLE_ROLES)}
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
                evaluation, actions=AuditAction.of("assignment", "recusal")
            ),
            evaluation,
            user,
        )
    if context["can_manage"]:
        context["assign_form"] = assign_form or _assign_form(evaluation)
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
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.VIEW_PANEL)
    return _panel_page(request, evaluation)


@login_required
@require_POST
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
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
def assignment_withdraw(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
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
def assignment_accept(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
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
def recusal_request(request: HttpRequest, pk: int) -> HttpResponse:
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
def recusal_decide(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
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


# --- Score sheets ------------------------------------------------------------------------------


@login_required
def sheet(request: HttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
    score_sheet = sheet_access.sheet_for(request.user, pk, sheet_pk)
    evaluation = score_sheet.evaluation
    lines = selectors.sheet_lines(score_sheet)
    step = evaluation.scheme.score_step
    editable = (
        sheet_access.is_sheet_owner(request.user, score_sheet)
        and not score_sheet.is_submitted
        and lifecycle.allows(evaluation, lifecycle.Activity.SCORES)
    )
    stored = {
        line.item.pk: services.Entry(line.score.points, line.score.comment)
        for line in lines
        if line.score is not None
    }
    form = SheetForm(
        lines=lines,
        step=step,
        initial={"version": score_sheet.version, "loaded": SheetForm.snapshot(stored)},
    )
    stale = None
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = SheetForm(request.POST, lines=lines, step=step)
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            try:
                services.sheet_save(
                    sheet=score_sheet,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    entries=form.entries(),
                    submit=submit,
                )
            except services.StaleSheet as exc:
                form, conflicts = _merged_form(form, lines, step, exc)
                stale = {"conflicts": conflicts}
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                url = reverse("scoring:sheet", args=[pk, sheet_pk])
                if submit:
                    messages.success(request, _("Your sheet was submitted. It is now read-only."))
                    return redirect(url)
                messages.success(request, _("Draft saved."))
                return redirect(f"{url}#sheet-actions")  # back where the user saved
        status = 409 if stale is not None else 400
    context = {
        "evaluation": evaluation,
        "station": evaluation.contract.station,
        "sheet": score_sheet,
        "form": form,
        "editable": editable,
        "stale": stale,
        "maximum": sum((line.item.max_points for line in lines if line.score), start=0),
        "total": _entered_total(lines),
    }
    context["events"] = auditlog.lines(
        selectors.sheet_events(score_sheet), evaluation, request.user
    )
    if access.can(request.user, Action.READ_SHEETS, evaluation):
        context["history"] = selectors.sheet_history(score_sheet)
        if score_sheet.is_submitted and lifecycle.allows(evaluation, lifecycle.Activity.SCORES):
            context["reopen_form"] = ReasonForm()
    return render(request, "scoring/sheet.html", context, status=status)


def _entered_total(lines) -> Decimal | None:
    """The sum of the points entered so far; nothing (shown “—”) before the first one."""
    entered = [line.score.points for line in lines if line.score and line.score.points is not None]
    return sum(entered, start=Decimal(0)) if entered else None


def _merged_form(form: SheetForm, lines, step, exc: services.StaleSheet):
    """After a stale save: the form with the other page's changes merged into this one's, at
    the current version, and the items both pages changed (this page's values are kept)."""
    merged, conflicts = services.merge_entries(
        base=form.loaded_entries(), mine=form.entries(), theirs=exc.stored
    )
    data = {
        "version": exc.current_version,
        "loaded": SheetForm.snapshot(exc.stored),
        **{f"points_{i}": "" if e.points is None else plain(e.points) for i, e in merged.items()},
        **{f"comment_{i}": e.comment for i, e in merged.items()},
    }
    items = {line.item.pk: line.item for line in lines}
    merged_form = SheetForm(data, lines=lines, step=step)
    merged_form.is_valid()
    return merged_form, [
        {"item": items[c.item_id], "theirs": c.theirs, "mine": c.mine} for c in conflicts
    ]


@login_required
@require_POST
def sheet_reopen(request: HttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
    score_sheet = sheet_access.sheet_for(request.user, pk, sheet_pk)
    if not access.can(request.user, Action.READ_SHEETS, score_sheet.evaluation):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for reopening."))
    else:
        try:
            services.sheet_reopen(
                sheet=score_sheet, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The sheet is open again for its scorer."))
    return redirect("scoring:sheet", pk=pk, sheet_pk=sheet_pk)


# --- Results -----------------------------------------------------------------------------------


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.VIEW_RESULTS)
    summary = selectors.evaluation_scores(evaluation)
    return render(
        request,
        "scoring/results.html",
        {
            "evaluation": evaluation,
            "station": evaluation.contract.station,
            "summary": summary,
            "can_read_sheets": access.can(request.user, Action.READ_SHEETS, evaluation),
        },
    )


@login_required
def panel_scores(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.VIEW_RESULTS)
    return render(
        request,
        "scoring/panel_scores.html",
        {
            "evaluation": evaluation,
            "station": evaluation.contract.station,
            "view": selectors.panel_view(evaluation),
        },
    )
