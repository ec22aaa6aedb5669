"""What the experts and parties write: findings, the names masked in them, the recommendations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.enums import Polarity, Section
from stations.models import Evaluation, ServiceArea


def evidence_path(instance: Finding, filename: str) -> str:
    return f"evidence/{instance.evaluation_id}/{filename}"


class Finding(models.Model):
    """One numbered point of a section: a strength (值得肯定的地方) or a concern (需要关注的
    地方). 服务质量 findings belong to a service area. A finding may cite its evidence: a file,
    or a named document."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="findings"
    )
    section = models.CharField(_("section"), max_length=24, choices=Section.choices)
    service_area = models.ForeignKey(
        ServiceArea,
        verbose_name=_("service area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    polarity = models.CharField(_("kind"), max_length=10, choices=Polarity.choices)
    position = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    evidence = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(
        _("evidence document"), max_length=200, blank=True, help_text=_("e.g. 培训签到表")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["evaluation", "section", "service_area__position", "polarity", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(section=Section.SERVICE_QUALITY, service_area__isnull=False)
                | (~Q(section=Section.SERVICE_QUALITY) & Q(service_area__isnull=True)),
                name="finding_service_area_iff_service_quality",
                violation_error_message=_(
                    "Service-quality findings, and only they, name a service area."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()} {self.get_polarity_display()} ({self.position})"


class MaskedName(models.Model):
    """A personal name (a service recipient's, a volunteer's) that the report prints masked,
    as the seed writes 邱*茵, wherever it appears."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="masked_names",
    )
    name = models.CharField(_("name"), max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("masked name")
        verbose_name_plural = _("masked names")
        ordering = ["evaluation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "name"], name="masked_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    """One numbered recommendation of 五、结语, written by the coordinator."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    position = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["evaluation", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:30]}"
