"""The report's page, and writing it: findings, masked names, recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports import access as report_access
from reports import selectors, services
from reports.forms import AnswerForm, FindingForm, MaskForm, ObjectionForm, SignOffForm, TextForm
from reports.models import Finding, Polarity, Recommendation, Section
from reports.views.common import back, draft_readable, message_errors
from stations import access
from stations.access import Action, AuthenticatedHttpRequest


@login_required
def workflow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    context = selectors.workflow(evaluation, request.user)
    findings, printed = context.pop("findings_qs"), context.pop("printed")
    feedback_open = context["party"] and context["in_feedback"] and not context["signed_off"]
    if feedback_open:
        context["objection_form"] = ObjectionForm(findings=findings, printed=printed)
        if not context["own_unanswered"]:
            context["sign_off_form"] = SignOffForm()
    answering = context["can_manage"] and context["in_feedback"]
    context["objection_rows"] = [
        (
            row,
            AnswerForm(auto_id=f"id_answer{row.objection.pk}_%s")
            if answering and not row.objection.answer
            else None,
        )
        for row in context["objections"]
    ]
    if context["can_mask"]:
        context["mask_form"] = MaskForm()
    if context["can_manage"] and context["open"]:
        context["recommendation_form"] = TextForm(auto_id="id_recommendation_%s")
        context["recommendation_rows"] = [
            (r, TextForm(initial={"text": r.text}, auto_id=f"id_recommendation{r.pk}_%s"))
            for r in context["recommendations"]
        ]
    return render(request, "reports/workflow.html", context)


# --- Findings ----------------------------------------------------------------------------------


def _section_or_404(section: str) -> Section:
    if section not in Section.values:
        raise Http404("No such section")
    return Section(section)


def _finding_form(evaluation, section, data=None, files=None, initial=None) -> FindingForm:
    areas = (
        evaluation.contract.station.service_areas.all()
        if section == Section.SERVICE_QUALITY
        else None
    )
    return FindingForm(data, files, polarities=Polarity.choices, areas=areas, initial=initial)


def _at_finding(pk: int, section: str, finding_pk: int | None = None):
    url = reverse("reports:findings", args=[pk, section])
    return redirect(f"{url}#finding-{finding_pk}" if finding_pk else url)


@login_required
def findings(request: AuthenticatedHttpRequest, pk: int, section: str) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    section = _section_or_404(section)
    writable = section in report_access.writable_sections(request.user, evaluation)
    if not (writable or report_access.can_read_findings(request.user, evaluation)):
        raise PermissionDenied
    form = _finding_form(evaluation, section)
    status = 200
    if request.method == "POST":
        if not writable:
            raise PermissionDenied
        form = _finding_form(evaluation, section, request.POST, request.FILES)
        if form.is_valid():
            try:
                finding = services.finding_save(
                    evaluation=evaluation,
                    by=request.user,
                    section=section,
                    polarity=form.cleaned_data["polarity"],
                    service_area=form.cleaned_data.get("service_area"),
                    text=form.cleaned_data["text"],
                    evidence=form.cleaned_data.get("evidence"),
                    evidence_name=form.cleaned_data["evidence_name"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The finding was added."))
                return _at_finding(pk, section, finding.pk)
        status = 400
    context = selectors.findings_page(evaluation, section, writer=writable)
    context.update(
        form=form if writable else None,
        writable=writable,
        evidence_readable=report_access.can_view_draft(request.user, evaluation),
    )
    return render(request, "reports/findings.html", context, status=status)


def _finding_for_writer(request: AuthenticatedHttpRequest, pk: int, finding_pk: int) -> Finding:
    evaluation = access.evaluation_for(request.user, pk)
    finding = Finding.objects.filter(evaluation=evaluation, pk=finding_pk).first()
    if finding is None:
        raise Http404("No such finding")
    if finding.section not in report_access.writable_sections(request.user, evaluation):
        raise PermissionDenied
    finding.evaluation = evaluation
    return finding


@login_required
def finding_edit(request: AuthenticatedHttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = _finding_for_writer(request, pk, finding_pk)
    evaluation = finding.evaluation
    initial = {
        "polarity": finding.polarity,
        "service_area": finding.service_area_id,
        "text": finding.text,
        "evidence_name": finding.evidence_name,
    }
    form = _finding_form(evaluation, finding.section, initial=initial)
    status = 200
    if request.method == "POST":
        form = _finding_form(evaluation, finding.section, request.POST, request.FILES)
        if form.is_valid():
            try:
                services.finding_save(
                    evaluation=evaluation,
                    by=request.user,
                    section=finding.section,
                    polarity=finding.polarity,
                    service_area=finding.service_area,
                    text=form.cleaned_data["text"],
                    evidence=form.cleaned_data.get("evidence"),
                    evidence_name=form.cleaned_data["evidence_name"],
                    finding=finding,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The finding was saved."))
                if request.GET.get("from") == "report":  # edited from an objection
                    return back(pk, "feedback")
                return _at_finding(pk, finding.section, finding.pk)
        status = 400
    context = selectors.findings_page(evaluation, finding.section, writer=True)
    context.update(
        form=form,
        finding=finding,
        writable=True,
        from_report=request.GET.get("from") == "report",
        objections=finding.objections.select_related("round").order_by("raised_at"),
    )
    return render(request, "reports/finding_edit.html", context, status=status)


@login_required
@require_POST
def finding_action(request: AuthenticatedHttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = _finding_for_writer(request, pk, finding_pk)
    action = request.POST.get("action")
    try:
        if action in ("up", "down"):
            services.finding_move(finding=finding, by=request.user, up=action == "up")
        elif action == "delete":
            services.finding_delete(finding=finding, by=request.user)
            messages.success(request, _("The finding was deleted."))
            return _at_finding(pk, finding.section)
        else:
            raise Http404("No such action")
    except ValidationError as exc:
        message_errors(request, exc)
    return _at_finding(pk, finding.section, finding.pk)


@login_required
def finding_evidence(request: AuthenticatedHttpRequest, pk: int, finding_pk: int) -> FileResponse:
    evaluation = draft_readable(request, pk)
    finding = Finding.objects.filter(evaluation=evaluation, pk=finding_pk).first()
    if finding is None or not finding.evidence:
        raise Http404("No evidence file")
    return FileResponse(finding.evidence.open("rb"), as_attachment=True)


# --- Masked names and recommendations ----------------------------------------------------------


@login_required
@require_POST
def mask_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    if not (
        access.can(request.user, Action.MANAGE_REPORT, evaluation)
        or report_access.writable_sections(request.user, evaluation)
    ):
        raise PermissionDenied
    form = MaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the name to mask."))
        return back(pk, "masks")
    try:
        services.masked_name_add(
            evaluation=evaluation, name=form.cleaned_data["name"], by=request.user
        )
    except ValidationError as exc:
        message_errors(request, exc)
    else:
        messages.success(request, _("The name will be masked wherever it appears."))
    return back(pk, "masks")


def _recommendation_of(evaluation, recommendation_pk: int) -> Recommendation:
    recommendation = Recommendation.objects.filter(
        evaluation=evaluation, pk=recommendation_pk
    ).first()
    if recommendation is None:
        raise Http404("No such recommendation")
    return recommendation


@login_required
@require_POST
def recommendation_save(
    request: AuthenticatedHttpRequest, pk: int, recommendation_pk: int | None = None
) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    recommendation = (
        _recommendation_of(evaluation, recommendation_pk) if recommendation_pk is not None else None
    )
    form = TextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the recommendation."))
        return back(pk, "recommendations")
    try:
        saved = services.recommendation_save(
            evaluation=evaluation,
            by=request.user,
            text=form.cleaned_data["text"],
            recommendation=recommendation,
        )
    except ValidationError as exc:
        message_errors(request, exc)
        return back(pk, "recommendations")
    messages.success(
        request,
        _("The recommendation was added.") if recommendation is None else _("Saved."),
    )
    return back(pk, f"recommendation-{saved.pk}")


@login_required
@require_POST
def recommendation_action(
    request: AuthenticatedHttpRequest, pk: int, recommendation_pk: int
) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    recommendation = _recommendation_of(evaluation, recommendation_pk)
    action = request.POST.get("action")
    try:
        if action in ("up", "down"):
            services.recommendation_move(
                recommendation=recommendation, by=request.user, up=action == "up"
            )
        elif action == "delete":
            services.recommendation_delete(recommendation=recommendation, by=request.user)
            messages.success(request, _("The recommendation was deleted."))
            return back(pk, "recommendations")
        else:
            raise Http404("No such action")
    except ValidationError as exc:
        message_errors(request, exc)
    return back(pk, f"recommendation-{recommendation.pk}")
