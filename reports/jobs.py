"""The worker's code: rendering a job's PDF and, for the final report, issuing it. The background
task (``reports.tasks``) calls ``render_run``; asking for a rendering is
``reports.services.render_request``."""

from __future__ import annotations

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from reports import checks, content, rendering
from reports.models import FinalReport, Finding, Polarity, Rectification, RenderJob
from stations.enums import AuditAction
from stations.models import Evaluation, Status
from stations.services import audit_record

logger = logging.getLogger(__name__)


def render_run(*, job_id: int) -> RenderJob:
    """Render one job (the background task calls this). A failure is recorded on the job and
    leaves the draft and its data as they were."""
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().select_related("evaluation").get(pk=job_id)
        if job.status != RenderJob.Status.QUEUED:
            return job
        job.status = RenderJob.Status.RUNNING
        job.save(update_fields=["status"])
    evaluation = Evaluation.objects.with_station().get(pk=job.evaluation_id)
    try:
        data = content.build(evaluation)
        final = job.kind == RenderJob.Kind.FINAL  # rendered as it is issued
        pdf = rendering.pdf(rendering.html(data, final=final))
        with transaction.atomic():
            if job.kind == RenderJob.Kind.DRAFT:  # a final PDF is kept by the final report
                job.pdf.save(f"draft-{job.pk}.pdf", ContentFile(pdf), save=False)
            job.status = RenderJob.Status.DONE
            job.finished_at = timezone.now()
            job.save(update_fields=["pdf", "status", "finished_at"])
            if job.kind == RenderJob.Kind.FINAL:
                issue(job, pdf)
    except Exception as exc:  # the job records any failure; the data stay as they were
        logger.exception("Rendering job %s failed", job_id)
        RenderJob.objects.filter(pk=job.pk).update(
            status=RenderJob.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        job.refresh_from_db()
    return job


def issue(job: RenderJob, pdf: bytes) -> FinalReport:
    """Store the final PDF once, with its checksum; move the evaluation on; open rectification
    items for the concerns."""
    evaluation = Evaluation.objects.select_for_update().get(pk=job.evaluation_id)
    problems = checks.issue_problems(evaluation)
    if problems:
        raise ValidationError(problems)
    report = FinalReport(
        evaluation=evaluation,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        issued_by=job.requested_by,
    )
    report.pdf.save(f"final-{evaluation.pk}.pdf", ContentFile(pdf), save=False)
    report.save()
    evaluation.status = Status.ISSUED
    evaluation.save(update_fields=["status"])
    printed = content.printer(
        checks.figure_values(evaluation),
        list(evaluation.masked_names.values_list("name", flat=True)),
    )
    concerns = Finding.objects.filter(evaluation=evaluation, polarity=Polarity.CONCERN)
    Rectification.objects.bulk_create(
        Rectification(evaluation=evaluation, finding=finding, text=printed(finding.text))
        for finding in concerns
    )
    audit_record(
        actor=job.requested_by,
        action=AuditAction.REPORT_ISSUE,
        evaluation=evaluation,
        changes={
            "status": [Status.FEEDBACK, Status.ISSUED],
            "sha256": report.sha256,
            "size": report.size,
        },
    )
    return report
