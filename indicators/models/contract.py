"""What was promised: the contract's indicators and their targets."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stations.models import Contract


class ContractIndicator(models.Model):
    """One line of the contract's indicators (协议指标), e.g. 个案 · 结案 · 60 个."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="indicators"
    )
    category = models.CharField(_("category"), max_length=30, help_text=_("e.g. 个案, 小组"))
    name = models.CharField(_("name"), max_length=30, help_text=_("e.g. 接案, 服务节数, 结案"))
    unit = models.CharField(_("unit"), max_length=10, help_text=_("e.g. 个, 节, 人次"))
    target = models.PositiveIntegerField(_("target"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    report_group = models.CharField(
        _("report clause"),
        max_length=30,
        blank=True,
        help_text=_(
            "Consecutive indicators of one clause share a sentence of the report (default: the "
            "category)."
        ),
    )
    report_phrase = models.CharField(
        _("report phrase"),
        max_length=60,
        blank=True,
        help_text=_("How the report says the actual, with {n} for it, e.g. 专业个案接案 {n} 个."),
    )

    class Meta:
        verbose_name = _("contract indicator")
        verbose_name_plural = _("contract indicators")
        ordering = ["contract", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "category", "name"], name="indicator_unique_per_contract"
            ),
            models.CheckConstraint(
                condition=Q(target__gt=0),
                name="indicator_target_positive",
                violation_error_message=_("A target is a positive number."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def clause(self) -> str:
        return self.report_group or self.category

    def phrase(self, actual: int) -> str:
        template = self.report_phrase or f"{self.label} {{n}} {self.unit}"
        return template.replace("{n}", str(actual))

    @property
    def label(self) -> str:
        """个案 · 结案 → 个案结案; 志愿者 · 新登记志愿者 → 新登记志愿者."""
        return self.name if self.category in self.name else f"{self.category}{self.name}"
