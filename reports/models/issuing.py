"""The rendered PDFs and the issued final report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.enums import RenderKind, RenderStatus
from stations.models import Evaluation


def render_path(instance, filename: str) -> str:
    return f"reports/{instance.evaluation_id}/{filename}"


class RenderJob(models.Model):
    """One rendering of the report to PDF, done in the background."""

    Kind = RenderKind

    Status = RenderStatus

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="render_jobs",
    )
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to=render_path, blank=True)

    class Meta:
        verbose_name = _("rendering")
        verbose_name_plural = _("renderings")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "kind"],
                condition=Q(status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]),
                name="render_one_active_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.get_kind_display()} {self.get_status_display()}"

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class FinalReport(models.Model):
    """The issued report: rendered once, stored with its checksum, never changed."""

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        related_name="final_report",
    )
    pdf = models.FileField(_("PDF"), upload_to=render_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return str(self.evaluation)

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A final report never changes.")
        super().save(*args, **kwargs)
