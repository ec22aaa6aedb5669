"""What the station must act on after the report (整改), and the bureau's review."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.enums import RectificationReview, RectificationStatus
from reports.models.findings import Finding
from stations.models import Evaluation


class Rectification(models.Model):
    """A concern of the final report that the station must act on (整改), and the bureau's
    review of what it did."""

    Status = RectificationStatus

    Review = RectificationReview

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="rectifications",
    )
    finding = models.OneToOneField(
        Finding, verbose_name=_("concern"), on_delete=models.PROTECT, related_name="rectification"
    )
    text = models.TextField(_("concern as issued"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    station_note = models.TextField(_("what the station did"), blank=True)
    review = models.CharField(
        _("bureau's review"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    review_note = models.TextField(_("review note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["evaluation", "pk"]

    def __str__(self) -> str:
        return self.text[:40]
