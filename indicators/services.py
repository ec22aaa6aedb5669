"""Writes of the indicators app: the station's self-assessment upload, checked whole before
anything is written, previewed, and applied in one transaction."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators import selectors
from indicators.models import (
    Attendance,
    Filing,
    IndicatorActual,
    Narrative,
    ReportedFigures,
    SelfAssessmentUpload,
    StaffingFigure,
)
from indicators.selfassessment import parsing
from indicators.selfassessment.layout import SelfAssessmentData
from stations import lifecycle
from stations.enums import AuditAction
from stations.models import Evaluation, User
from stations.services import audit_record

Invalid = parsing.Invalid


def self_assessment_check(*, evaluation: Evaluation, content: bytes) -> SelfAssessmentData:
    """The figures in a workbook, or ``Invalid`` with every problem. Writes nothing."""
    return parsing.parse(selectors.spec_for(evaluation), content)


def upload_create(
    *, evaluation: Evaluation, content: bytes, name: str, by: User | None
) -> tuple[SelfAssessmentUpload, SelfAssessmentData]:
    """Keep a workbook that passed every check, waiting for its uploader to confirm. A workbook
    with any problem raises ``Invalid`` and nothing is stored."""
    lifecycle.require(evaluation, lifecycle.Activity.FIGURES)
    data = self_assessment_check(evaluation=evaluation, content=content)
    digest = hashlib.sha256(content).hexdigest()
    upload = SelfAssessmentUpload(
        evaluation=evaluation,
        original_name=name[:255],
        size=len(content),
        sha256=digest,
        uploaded_by=by,
    )
    upload.file.save(f"{digest[:16]}.xlsx", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            upload.full_clean()
            upload.save()
            audit_record(
                actor=by,
                action=AuditAction.SELF_ASSESSMENT_UPLOAD,
                evaluation=evaluation,
                changes={"upload": upload.pk, "file": upload.original_name, "sha256": digest},
            )
    except Exception:
        upload.file.delete(save=False)  # no row refers to the file: it would only take space
        raise
    return upload, data


@transaction.atomic
def upload_apply(
    *,
    upload: SelfAssessmentUpload,
    by: User | None,
    expected_current: int | None = None,
    data: SelfAssessmentData | None = None,
) -> SelfAssessmentUpload:
    """Replace the evaluation's figures with the upload's, all in one transaction.

    ``expected_current`` is the id of the upload whose figures the preview was compared with:
    if another upload was applied meanwhile, nothing changes and the user is asked to look at
    the preview again. The stored file is checked again unless ``data`` is what checking it
    gave in this same process."""
    upload = (
        SelfAssessmentUpload.objects.select_for_update()
        .select_related("evaluation")
        .get(pk=upload.pk)
    )
    evaluation = upload.evaluation
    lifecycle.require(evaluation, lifecycle.Activity.FIGURES)
    if upload.status != SelfAssessmentUpload.Status.PENDING:
        raise ValidationError(_("This upload was already dealt with."), code="done")
    if by is not None and upload.uploaded_by_id != by.pk:
        raise ValidationError(_("Only the person who uploaded the file can confirm it."))
    # Serialise confirmations of one evaluation: lock it, then compare with what is current.
    Evaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
    current = selectors.latest_applied_upload(evaluation)
    if expected_current is not None and (current.pk if current else 0) != expected_current:
        raise ValidationError(
            _("Other figures were applied after you looked at the preview: look at it again."),
            code="stale",
        )
    if data is None:
        with upload.file.open("rb") as handle:
            data = self_assessment_check(evaluation=evaluation, content=handle.read())
    _replace_figures(evaluation, upload, data)
    upload.status = SelfAssessmentUpload.Status.APPLIED
    upload.applied_at = timezone.now()
    upload.based_on = current
    upload.save(update_fields=["status", "applied_at", "based_on"])
    audit_record(
        actor=by,
        action=AuditAction.SELF_ASSESSMENT_APPLY,
        evaluation=evaluation,
        changes={"upload": upload.pk, "file": upload.original_name, "sha256": upload.sha256},
    )
    return upload


@transaction.atomic
def upload_discard(*, upload: SelfAssessmentUpload, by: User) -> None:
    """The uploader does not want the workbook they uploaded: it is kept, marked discarded."""
    updated = SelfAssessmentUpload.objects.filter(
        pk=upload.pk, status=SelfAssessmentUpload.Status.PENDING, uploaded_by=by
    ).update(status=SelfAssessmentUpload.Status.DISCARDED)
    if not updated:
        raise ValidationError(_("This upload was already dealt with."), code="done")
    audit_record(
        actor=by,
        action=AuditAction.SELF_ASSESSMENT_DISCARD,
        evaluation=upload.evaluation,
        changes={"upload": upload.pk, "file": upload.original_name},
    )


def import_file(
    *, evaluation: Evaluation, content: bytes, name: str, by: User | None = None
) -> SelfAssessmentUpload:
    """Check and apply a workbook in one go (the command line and the demo)."""
    upload, data = upload_create(evaluation=evaluation, content=content, name=name, by=by)
    return upload_apply(upload=upload, by=by, data=data)


def _replace_figures(
    evaluation: Evaluation, upload: SelfAssessmentUpload, data: SelfAssessmentData
) -> None:
    for model in (IndicatorActual, StaffingFigure, Attendance, Filing, Narrative, ReportedFigures):
        model.objects.filter(evaluation=evaluation).delete()
    common = {"evaluation": evaluation, "upload": upload}
    IndicatorActual.objects.bulk_create(
        IndicatorActual(indicator_id=indicator, value=value, **common)
        for indicator, value in data.actuals.items()
    )
    StaffingFigure.objects.bulk_create(
        StaffingFigure(operator_term_id=term, **vars(values), **common)
        for term, values in data.staffing.items()
    )
    Attendance.objects.bulk_create(
        Attendance(month=month, certified=certified, uncertified=uncertified, **common)
        for month, (certified, uncertified) in data.attendance.items()
    )
    Filing.objects.bulk_create(
        Filing(community_id=community, **vars(values), **common)
        for community, values in data.filings.items()
    )
    Narrative.objects.bulk_create(
        Narrative(section=section, text=text, **common) for section, text in data.narratives.items()
    )
    ReportedFigures.objects.create(**data.single, **common)
