"""Every self-assessment file a station uploads, kept with who and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.enums import UploadStatus
from stations.models import Evaluation


def upload_path(instance: SelfAssessmentUpload, filename: str) -> str:
    # The stored name never comes from the user: the original name is kept in a field.
    return f"self-assessments/{instance.evaluation_id}/{instance.sha256[:16]}.xlsx"


class SelfAssessmentUpload(models.Model):
    """A self-assessment workbook that passed validation. It waits for its uploader to confirm
    the preview (pending), then its figures replace the evaluation's (applied)."""

    Status = UploadStatus

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        related_name="self_assessment_uploads",
    )
    file = models.FileField(_("file"), upload_to=upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for an import from the command line."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("replaced"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The upload whose figures this one replaced."),
    )

    class Meta:
        verbose_name = _("self-assessment upload")
        verbose_name_plural = _("self-assessment uploads")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=UploadStatus.APPLIED, applied_at__isnull=False)
                | (~Q(status=UploadStatus.APPLIED) & Q(applied_at__isnull=True)),
                name="upload_applied_at_iff_applied",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"
