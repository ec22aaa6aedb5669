from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports import content, rendering, selectors, services
from reports.forms import (
    AnswerForm,
    FindingForm,
    MaskForm,
    ObjectionForm,
    RectificationForm,
    ReviewForm,
    SignOffForm,
    TextForm,
)
from reports.models import (
    Finding,
    Objection,
    Polarity,
    Recommendation,
    Rectification,
    RenderJob,
    Section,
)
from stations import access
from stations.access import Action


def _back(pk: int):
    return redirect("reports:workflow", pk=pk)


def _message_errors(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _draft_readable(request, pk: int):
    evaluation = access.evaluation_for(request.user, pk)
    if not access.can_view_draft(request.user, evaluation):
        raise PermissionDenied
    return evaluation


@login_required
def workflow(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    context = selectors.workflow(evaluation, request.user)
    if context["party"] and context["round"] and not context["signed_off"]:
        context["objection_form"] = ObjectionForm(findings=context["findings_qs"])
        context["sign_off_form"] = SignOffForm()
    if context["can_mask"]:
        context["mask_form"] = MaskForm()
    if context["can_manage"]:
        context["answer_form"] = AnswerForm()
        context["recommendation_form"] = TextForm()
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


@login_required
def findings(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    section = _section_or_404(section)
    writable = section in access.writable_sections(request.user, evaluation)
    if not (writable or access.can_read_findings(request.user, evaluation)):
        raise PermissionDenied
    form = _finding_form(evaluation, section)
    status = 200
    if request.method == "POST":
        if not writable:
            raise PermissionDenied
        form = _finding_form(evaluation, section, request.POST, request.FILES)
        if form.is_valid():
            try:
                services.finding_save(
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
                return redirect("reports:findings", pk=pk, section=section)
        status = 400
    context = selectors.findings_page(evaluation, section)
    context.update(form=form if writable else None, writable=writable)
    return render(request, "reports/findings.html", context, status=status)


def _finding_for_writer(request, pk: int, finding_pk: int) -> Finding:
    evaluation = access.evaluation_for(request.user, pk)
    finding = Finding.objects.filter(evaluation=evaluation, pk=finding_pk).first()
    if finding is None:
        raise Http404("No such finding")
    if finding.section not in access.writable_sections(request.user, evaluation):
        raise PermissionDenied
    finding.evaluation = evaluation
    return finding


@login_required
def finding_edit(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = _finding_for_writer(request, pk, finding_pk)
    evaluation = finding.evaluation
    initial = {
        "polarity": finding.polarity,
        "service_area": finding.service_area_id,
        "text": finding.text,
        "evidence_name": finding.evidence_name,
    }
    form = _finding_form(evaluation, finding.section, initial=initial)
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
                return redirect("reports:findings", pk=pk, section=finding.section)
    context = selectors.findings_page(evaluation, finding.section)
    context.update(form=form, finding=finding, writable=True)
    return render(request, "reports/finding_edit.html", context)


@login_required
@require_POST
def finding_action(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = _finding_for_writer(request, pk, finding_pk)
    action = request.POST.get("action")
    try:
        if action in ("up", "down"):
            services.finding_move(finding=finding, by=request.user, up=action == "up")
        elif action == "delete":
            services.finding_delete(finding=finding, by=request.user)
            messages.success(request, _("The finding was deleted."))
        else:
            raise Http404("No such action")
    except ValidationError as exc:
        _message_errors(request, exc)
    return redirect("reports:findings", pk=pk, section=finding.section)


@login_required
def finding_evidence(request: HttpRequest, pk: int, finding_pk: int) -> FileResponse:
    evaluation = _draft_readable(request, pk)
    finding = Finding.objects.filter(evaluation=evaluation, pk=finding_pk).first()
    if finding is None or not finding.evidence:
        raise Http404("No evidence file")
    return FileResponse(finding.evidence.open("rb"), as_attachment=True)


@login_required
@require_POST
def mask_add(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    if not (
        access.can(request.user, Action.MANAGE_REPORT, evaluation)
        or access.writable_sections(request.user, evaluation)
    ):
        raise PermissionDenied
    form = MaskForm(request.POST)
    if form.is_valid():
        try:
            services.masked_name_add(
                evaluation=evaluation, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as exc:
            _message_errors(request, exc)
        else:
            messages.success(request, _("The name will be masked wherever it appears."))
    return _back(pk)


@login_required
@require_POST
def recommendation_save(
    request: HttpRequest, pk: int, recommendation_pk: int | None = None
) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    recommendation = None
    if recommendation_pk is not None:
        recommendation = Recommendation.objects.filter(
            evaluation=evaluation, pk=recommendation_pk
        ).first()
        if recommendation is None:
            raise Http404("No such recommendation")
    form = TextForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_save(
                evaluation=evaluation,
                by=request.user,
                text=form.cleaned_data["text"],
                recommendation=recommendation,
            )
        except ValidationError as exc:
            _message_errors(request, exc)
    else:
        messages.error(request, _("Write the recommendation."))
    return _back(pk)


# --- The draft and its feedback ----------------------------------------------------------------


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _draft_readable(request, pk)
    data = content.build(evaluation)
    return HttpResponse(
        rendering.html(
            data, stylesheet_url=static(rendering.STYLESHEET), watermark=_watermark(evaluation)
        )
    )


def _watermark(evaluation) -> str:
    return "" if hasattr(evaluation, "final_report") else "初稿"


@login_required
@require_POST
def render_draft(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _draft_readable(request, pk)
    try:
        services.render_request(evaluation=evaluation, kind=RenderJob.Kind.DRAFT, by=request.user)
    except ValidationError as exc:
        _message_errors(request, exc)
    return _back(pk)


@login_required
def draft_pdf(request: HttpRequest, pk: int, job_pk: int) -> FileResponse:
    evaluation = _draft_readable(request, pk)
    job = RenderJob.objects.filter(
        evaluation=evaluation, pk=job_pk, kind=RenderJob.Kind.DRAFT, status=RenderJob.Status.DONE
    ).first()
    if job is None:
        raise Http404("No such rendering")
    name = f"{evaluation.contract.station.name}_评估报告_初稿_{job.pk}.pdf"
    return FileResponse(
        job.pdf.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


@login_required
@require_POST
def feedback_send(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    try:
        services.feedback_send(evaluation=evaluation, by=request.user)
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("The draft was sent for feedback."))
    return _back(pk)


def _party_or_403(request, evaluation) -> str:
    if not access.can(request.user, Action.GIVE_FEEDBACK, evaluation):
        raise PermissionDenied
    party = access.feedback_party(request.user, evaluation)
    if party is None:
        raise PermissionDenied
    return party


@login_required
@require_POST
def objection_raise(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    party = _party_or_403(request, evaluation)
    form = ObjectionForm(request.POST, findings=Finding.objects.filter(evaluation=evaluation))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back(pk)
    try:
        services.objection_raise(
            evaluation=evaluation,
            party=party,
            by=request.user,
            finding=form.cleaned_data["finding"],
            subject=form.cleaned_data["subject"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("Your objection was sent to the coordinator."))
    return _back(pk)


@login_required
@require_POST
def objection_answer(request: HttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    objection = Objection.objects.filter(round__evaluation=evaluation, pk=objection_pk).first()
    if objection is None:
        raise Http404("No such objection")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer and give its reason."))
        return _back(pk)
    try:
        services.objection_answer(
            objection=objection,
            by=request.user,
            answer=form.cleaned_data["answer"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as exc:
        _message_errors(request, exc)
    return _back(pk)


@login_required
@require_POST
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    party = _party_or_403(request, evaluation)
    form = SignOffForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose your party's answer."))
        return _back(pk)
    try:
        services.sign_off(
            evaluation=evaluation,
            party=party,
            by=request.user,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("Your party's answer was recorded."))
    return _back(pk)


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    try:
        job = services.render_request(
            evaluation=evaluation, kind=RenderJob.Kind.FINAL, by=request.user
        )
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        if job.status == RenderJob.Status.FAILED:
            messages.error(request, _("Rendering failed: %(error)s") % {"error": job.error})
        else:
            messages.success(request, _("The final report is being issued."))
    return _back(pk)


@login_required
def final_pdf(request: HttpRequest, pk: int) -> FileResponse:
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
def final_reports(request: HttpRequest) -> HttpResponse:
    return render(
        request, "reports/final_reports.html", {"reports": selectors.final_reports(request.user)}
    )


# --- Rectification -----------------------------------------------------------------------------


@login_required
def rectification(request: HttpRequest, pk: int) -> HttpResponse:
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
    return render(
        request,
        "reports/rectification.html",
        {
            "evaluation": evaluation,
            "station": evaluation.contract.station,
            "items": items,
            "can_rectify": access.can(request.user, Action.RECTIFY, evaluation),
            "can_review": access.can(request.user, Action.REVIEW_RECTIFICATION, evaluation),
            "rectify_form": RectificationForm(),
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_POST
def rectification_update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
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
            if not access.can(request.user, Action.RECTIFY, evaluation):
                raise PermissionDenied
            form = RectificationForm(request.POST)
            if form.is_valid():
                services.rectification_update(
                    item=item,
                    by=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("Saved."))
    except ValidationError as exc:
        _message_errors(request, exc)
    return redirect("reports:rectification", pk=pk)
