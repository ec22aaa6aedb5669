"""Score sheets, their reopening, and the results."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evalportal import auditlog
from scoring import access as sheet_access
from scoring import selectors, services
from scoring.forms import (
    ReasonForm,
    SheetForm,
)
from stations import access, lifecycle, numbers
from stations.access import Action, AuthenticatedHttpRequest


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- Score sheets ------------------------------------------------------------------------------


@login_required
def sheet(request: AuthenticatedHttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
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
        "maximum": sum((line.item.max_points or 0 for line in lines if line.score), start=0),
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
        **{
            f"points_{i}": "" if e.points is None else numbers.plain(e.points)
            for i, e in merged.items()
        },
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
def sheet_reopen(request: AuthenticatedHttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
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
def results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
def panel_scores(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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


def _typed(points) -> str:
    """A score as its input shows it (empty for none)."""
    return "" if points is None else numbers.plain(points)
