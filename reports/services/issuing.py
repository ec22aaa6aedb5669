"""Asking for a rendering of the report (drafts, and the final report that issues it), and
recording downloads of the final report. The rendering itself is ``reports.jobs``, run by the
background task."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reports import checks
from reports.models import FinalReport, RenderJob
from reports.tasks import render_report
from stations.enums import AuditAction
from stations.models import Evaluation, User
from stations.services import audit_record


@transaction.atomic
def render_request(*, evaluation: Evaluation, kind: str, by: User) -> RenderJob:
    """Render the report in the background. While a rendering of this kind is queued or under
    way, asking again returns it instead of starting another."""
    Evaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
    active = RenderJob.objects.filter(
        evaluation=evaluation,
        kind=kind,
        status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING],
    ).first()
    if active is not None:
        return active
    if FinalReport.objects.filter(evaluation=evaluation).exists():
        raise ValidationError(
            _("The final report was already issued; it never changes."), code="issued"
        )
    if kind == RenderJob.Kind.FINAL:
        problems = checks.issue_problems(evaluation)
        if problems:
            raise ValidationError(problems)
    job = RenderJob.objects.create(evaluation=evaluation, kind=kind, requested_by=by)
    audit_record(
        actor=by,
        action=AuditAction.REPORT_RENDER_REQUESTED,
        evaluation=evaluation,
        changes={"job": job.pk, "kind": kind},
    )
    transaction.on_commit(lambda: render_report.enqueue(job.pk))
    return job


def final_report_downloaded(*, report: FinalReport, by: User) -> None:
    audit_record(
        actor=by,
        action=AuditAction.REPORT_DOWNLOAD,
        evaluation=report.evaluation,
        changes={"sha256": report.sha256},
    )
