from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from indicators import charts, exports, selectors, services
from indicators.forms import UploadForm
from indicators.models import SelfAssessmentUpload
from indicators.selfassessment import template
from stations import access, lifecycle
from stations.access import Action, AuthenticatedHttpRequest


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _context(evaluation, **extra) -> dict:
    return {"evaluation": evaluation, "station": evaluation.contract.station, **extra}


@login_required
def indicator_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    figures = selectors.evaluation_figures(evaluation)
    chart = charts.completion_chart(figures.indicators, figures.expected_pct)
    return render(
        request, "indicators/indicators.html", _context(evaluation, figures=figures, chart=chart)
    )


@login_required
def staffing_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    figures = selectors.evaluation_figures(evaluation)
    return render(request, "indicators/staffing.html", _context(evaluation, figures=figures))


@login_required
def annex(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    figures = selectors.evaluation_figures(evaluation)
    station = evaluation.contract.station.name
    if number == 1:
        return _xlsx(exports.annex1(figures), f"附件1_{station}_指标完成情况统计表.xlsx")
    if number == 2:
        return _xlsx(exports.annex2(figures), f"附件2_{station}_社工到岗情况统计表.xlsx")
    raise Http404("No such annex")


@login_required
def template_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.READ_UPLOADS)
    content = template.build(selectors.spec_for(evaluation), selectors.current_data(evaluation))
    return _xlsx(content, f"自评模板_{evaluation.contract.station.name}_{evaluation.pk}.xlsx")


def _self_assessment_page(
    request: AuthenticatedHttpRequest, evaluation, form=None, errors=None, status=200
) -> HttpResponse:
    can_upload = access.can(
        request.user, Action.UPLOAD_SELF_ASSESSMENT, evaluation
    ) and lifecycle.allows(evaluation, lifecycle.Activity.FIGURES)
    context = _context(
        evaluation,
        uploads=SelfAssessmentUpload.objects.filter(evaluation=evaluation).select_related(
            "uploaded_by"
        ),
        form=(form or UploadForm()) if can_upload else None,
        errors=errors,
        figures_open=lifecycle.allows(evaluation, lifecycle.Activity.FIGURES),
        current=selectors.latest_applied_upload(evaluation),
    )
    return render(request, "indicators/self_assessment.html", context, status=status)


@login_required
def self_assessment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        evaluation = access.evaluation_for(request.user, pk, Action.READ_UPLOADS)
        return _self_assessment_page(request, evaluation)
    evaluation = access.evaluation_for(request.user, pk, Action.UPLOAD_SELF_ASSESSMENT)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _self_assessment_page(request, evaluation, form=form, status=400)
    uploaded = form.cleaned_data["file"]
    try:
        upload, _data = services.upload_create(
            evaluation=evaluation, content=uploaded.read(), name=uploaded.name, by=request.user
        )
    except services.Invalid as exc:
        return _self_assessment_page(
            request, evaluation, form=form, errors=exc.messages, status=400
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("indicators:self_assessment", pk=pk)
    return redirect("indicators:upload_preview", pk=pk, upload_pk=upload.pk)


def _upload_of(evaluation, upload_pk: int) -> SelfAssessmentUpload:
    upload = SelfAssessmentUpload.objects.filter(evaluation=evaluation, pk=upload_pk).first()
    if upload is None:
        raise Http404("No such upload")
    return upload


@login_required
def upload_preview(request: AuthenticatedHttpRequest, pk: int, upload_pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.READ_UPLOADS)
    upload = _upload_of(evaluation, upload_pk)
    is_uploader = upload.uploaded_by_id == request.user.pk
    if request.method == "POST":
        if not (
            is_uploader and access.can(request.user, Action.UPLOAD_SELF_ASSESSMENT, evaluation)
        ):
            raise PermissionDenied
        try:
            if request.POST.get("action") == "discard":
                services.upload_discard(upload=upload, by=request.user)
                messages.info(request, _("The upload was discarded; nothing changed."))
                return redirect("indicators:self_assessment", pk=pk)
            services.upload_apply(
                upload=upload,
                by=request.user,
                expected_current=int(request.POST.get("current") or 0),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("indicators:upload_preview", pk=pk, upload_pk=upload_pk)
        messages.success(
            request, _("The figures were updated from %(file)s.") % {"file": upload.original_name}
        )
        return redirect("indicators:indicator_page", pk=pk)
    current = selectors.latest_applied_upload(evaluation)
    changes = None
    if upload.status == SelfAssessmentUpload.Status.PENDING:
        with upload.file.open("rb") as handle:
            try:
                new = services.self_assessment_check(evaluation=evaluation, content=handle.read())
            except services.Invalid as exc:  # the evaluation changed since the upload
                return _self_assessment_page(request, evaluation, errors=exc.messages, status=409)
        spec = selectors.spec_for(evaluation)
        changes = selectors.preview(spec, selectors.current_data(evaluation), new)
    return render(
        request,
        "indicators/preview.html",
        _context(
            evaluation,
            upload=upload,
            changes=changes,
            current=current,
            can_confirm=is_uploader
            and upload.status == SelfAssessmentUpload.Status.PENDING
            and lifecycle.allows(evaluation, lifecycle.Activity.FIGURES),
        ),
    )


@login_required
def upload_file(request: AuthenticatedHttpRequest, pk: int, upload_pk: int) -> FileResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.READ_UPLOADS)
    upload = _upload_of(evaluation, upload_pk)
    return FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=upload.original_name,
        content_type=exports.XLSX_TYPE,
    )
