"""What was promised and what was done: contract indicators with their targets, the actuals an
evaluation reports, and the staffing of each operator term."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from stations.models import Contract, Evaluation, OperatorTerm


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
    def label(self) -> str:
        """个案 · 结案 → 个案结案; 志愿者 · 新登记志愿者 → 新登记志愿者."""
        return self.name if self.category in self.name else f"{self.category}{self.name}"


class IndicatorActual(models.Model):
    """What the station reports done on an indicator as of the evaluation's data cut-off."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="indicator_actuals",
    )
    indicator = models.ForeignKey(
        ContractIndicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="actuals",
    )
    value = models.PositiveIntegerField(_("actual"))

    class Meta:
        verbose_name = _("indicator actual")
        verbose_name_plural = _("indicator actuals")
        ordering = ["evaluation", "indicator__position", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "indicator"], name="actual_one_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    def clean(self) -> None:
        if (
            self.evaluation_id
            and self.indicator_id
            and self.indicator.contract_id != self.evaluation.contract_id
        ):
            raise ValidationError({"indicator": _("This indicator belongs to another contract.")})


class StaffingFigure(models.Model):
    """Average staffing during one operator term up to the data cut-off (二(一) of the report)."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="staffing"
    )
    operator_term = models.ForeignKey(
        OperatorTerm,
        verbose_name=_("operator term"),
        on_delete=models.CASCADE,
        related_name="staffing",
    )
    average_staff = models.PositiveSmallIntegerField(_("average staff"))
    senior = models.PositiveSmallIntegerField(_("senior social workers"))
    intermediate = models.PositiveSmallIntegerField(_("intermediate social workers"))
    assistant = models.PositiveSmallIntegerField(_("assistant social workers"))
    uncertified = models.PositiveSmallIntegerField(_("uncertified staff"))
    two_years_plus = models.PositiveSmallIntegerField(
        _("staff with two or more years in the field"), null=True, blank=True
    )
    continuous_in_post = models.PositiveSmallIntegerField(
        _("staff continuously in post"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("staffing figure")
        verbose_name_plural = _("staffing figures")
        ordering = ["evaluation", "operator_term__start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "operator_term"], name="staffing_one_per_term"
            ),
            models.CheckConstraint(
                condition=Q(
                    average_staff=F("senior")
                    + F("intermediate")
                    + F("assistant")
                    + F("uncertified")
                ),
                name="staffing_levels_add_up",
                violation_error_message=_(
                    "Certified staff by level plus uncertified staff must equal the average staff."
                ),
            ),
            models.CheckConstraint(
                condition=Q(two_years_plus__isnull=True)
                | Q(two_years_plus__lte=F("average_staff")),
                name="staffing_two_years_within_staff",
                violation_error_message=_("More staff with two years than staff."),
            ),
            models.CheckConstraint(
                condition=Q(continuous_in_post__isnull=True)
                | Q(continuous_in_post__lte=F("average_staff")),
                name="staffing_continuous_within_staff",
                violation_error_message=_("More staff continuously in post than staff."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.operator_term}: {self.average_staff}"

    @property
    def certified(self) -> int:
        return self.senior + self.intermediate + self.assistant

    def clean(self) -> None:
        if (
            self.evaluation_id
            and self.operator_term_id
            and self.operator_term.contract_id != self.evaluation.contract_id
        ):
            raise ValidationError(
                {"operator_term": _("This operator term belongs to another contract.")}
            )
