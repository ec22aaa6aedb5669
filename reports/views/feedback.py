"""The draft and its feedback round: the preview and PDFs of the draft, sending it out,
objections and answers, sign-offs, and issuing the final report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from reports import access as report_access
from reports import content, rendering, selectors, services
from reports.forms import AnswerForm, IssueForm, ObjectionForm, SignOffForm
from reports.models import Finding, Objection, RenderJob
from reports.views.common import back, draft_readable, message_errors
from stations import access
from stations.access import Action, AuthenticatedHttpRequest
from stations.models import Evaluation


@login_required
def preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = draft_readable(request, pk)
    data = content.build(evaluation)
    return HttpResponse(
        rendering.html(
            data,
            final=rendering.is_final(evaluation),
            stylesheet_url=static(rendering.STYLESHEET),
        )
    )


@login_required
@require_POST
def render_draft(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = draft_readable(request, pk)
    try:
        services.render_request(evaluation=evaluation, kind=RenderJob.Kind.DRAFT, by=request.user)
    except ValidationError as exc:
        message_errors(request, exc)
    else:
        messages.success(
            request, _("The PDF of the draft is being made: it appears in the list when done.")
        )
    return back(pk, "draft")


@login_required
@never_cache
def render_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The list of renderings alone, for the report page to poll while one runs (instead of
    reloading the whole page and losing what is being typed)."""
    evaluation = access.evaluation_for(request.user, pk)
    if not (
        report_access.can_view_draft(request.user, evaluation)
        or access.can(request.user, Action.MANAGE_REPORT, evaluation)
    ):
        raise PermissionDenied
    jobs = list(RenderJob.objects.filter(evaluation=evaluation).order_by("-requested_at")[:5])
    return render(
        request,
        "reports/_jobs.html",
        {
            "evaluation": evaluation,
            "jobs": jobs,
            "rendering": any(job.active for job in jobs),
            "issued": hasattr(evaluation, "final_report"),
        },
    )


@login_required
def draft_pdf(request: AuthenticatedHttpRequest, pk: int, job_pk: int) -> FileResponse:
    evaluation = draft_readable(request, pk)
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
def feedback_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    try:
        services.feedback_send(evaluation=evaluation, by=request.user)
    except ValidationError as exc:
        message_errors(request, exc)
        return back(pk, "send")
    messages.success(request, _("The draft was sent for feedback."))
    return back(pk, "feedback")


def _party_or_403(request: AuthenticatedHttpRequest, evaluation: Evaluation) -> str:
    if not access.can(request.user, Action.GIVE_FEEDBACK, evaluation):
        raise PermissionDenied
    party = report_access.feedback_party(request.user, evaluation)
    if party is None:
        raise PermissionDenied
    return party


@login_required
@require_POST
def objection_raise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    party = _party_or_403(request, evaluation)
    form = ObjectionForm(request.POST, findings=Finding.objects.filter(evaluation=evaluation))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return back(pk, "feedback")
    try:
        objection = services.objection_raise(
            evaluation=evaluation,
            party=party,
            by=request.user,
            finding=form.cleaned_data["finding"],
            subject=form.cleaned_data["subject"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        message_errors(request, exc)
        return back(pk, "feedback")
    messages.success(request, _("Your objection was sent to the coordinator."))
    return back(pk, f"objection-{objection.pk}")


@login_required
@require_POST
def objection_answer(request: AuthenticatedHttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    objection = Objection.objects.filter(round__evaluation=evaluation, pk=objection_pk).first()
    if objection is None:
        raise Http404("No such objection")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer and give its reason."))
        return back(pk, f"objection-{objection.pk}")
    try:
        services.objection_answer(
            objection=objection,
            by=request.user,
            answer=form.cleaned_data["answer"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as exc:
        message_errors(request, exc)
    else:
        messages.success(request, _("The answer was recorded."))
    return back(pk, f"objection-{objection.pk}")


@login_required
@require_POST
def sign_off(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = access.evaluation_for(request.user, pk)
    party = _party_or_403(request, evaluation)
    form = SignOffForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose your party's answer."))
        return back(pk, "feedback")
    try:
        services.sign_off(
            evaluation=evaluation,
            party=party,
            by=request.user,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        message_errors(request, exc)
    else:
        messages.success(request, _("Your party's answer was recorded."))
    return back(pk, "feedback")


@login_required
def issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Issuing cannot be undone: the coordinator reads the report as it will print once more,
    with what to check, and confirms; only then is the final PDF rendered."""
    evaluation = access.evaluation_for(request.user, pk, Action.MANAGE_REPORT)
    if hasattr(evaluation, "final_report"):
        messages.info(request, _("The final report was already issued; it never changes."))
        return back(pk, "final")
    form = IssueForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = services.render_request(
                    evaluation=evaluation, kind=RenderJob.Kind.FINAL, by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                job.refresh_from_db()  # the immediate backend has rendered it already
                if job.status == RenderJob.Status.FAILED:
                    messages.error(request, _("Rendering failed: %(error)s") % {"error": job.error})
                elif job.status == RenderJob.Status.DONE:
                    messages.success(request, _("The final report was issued."))
                else:
                    messages.success(request, _("The final report is being issued."))
                return back(pk, "final" if job.status == RenderJob.Status.DONE else "draft")
        status = 400
    context = selectors.issue_confirmation(evaluation)
    context["form"] = form
    return render(request, "reports/issue.html", context, status=status)
