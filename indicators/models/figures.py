"""What the station reports as of an evaluation's data cut-off, each figure tied to the upload of
the self-assessment it came from. Accepting an upload replaces all of an evaluation's figures;
the files of earlier uploads are kept."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from indicators.enums import NARRATIVE_SECTIONS
from indicators.models.contract import ContractIndicator
from indicators.models.uploads import SelfAssessmentUpload
from stations.models import Community, Evaluation, OperatorTerm


def _evaluation(related_name: str):
    return models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name=related_name,
    )


def _upload():
    return models.ForeignKey(
        SelfAssessmentUpload,
        verbose_name=_("from upload"),
        on_delete=models.PROTECT,
        related_name="+",
    )


class IndicatorActual(models.Model):
    """What the station reports done on an indicator as of the evaluation's data cut-off."""

    evaluation = _evaluation("indicator_actuals")
    upload = _upload()
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

    evaluation = _evaluation("staffing")
    upload = _upload()
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


class Attendance(models.Model):
    """Person-months at work in one month (社工到岗情况, 附件2); halves are allowed."""

    evaluation = _evaluation("attendance")
    upload = _upload()
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    certified = models.DecimalField(
        _("certified staff (person-months)"), max_digits=6, decimal_places=1
    )
    uncertified = models.DecimalField(
        _("uncertified staff (person-months)"), max_digits=6, decimal_places=1
    )

    class Meta:
        verbose_name = _("monthly attendance")
        verbose_name_plural = _("monthly attendance")
        ordering = ["evaluation", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "month"], name="attendance_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(certified__gte=0) & Q(uncertified__gte=0),
                name="attendance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.certified} + {self.uncertified}"


class Filing(models.Model):
    """Files of people in hardship and special groups in one community (建档): households and
    persons that should be filed and that are."""

    evaluation = _evaluation("filings")
    upload = _upload()
    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.CASCADE, related_name="filings"
    )
    households_due = models.PositiveIntegerField(_("households to file"))
    households_filed = models.PositiveIntegerField(_("households filed"))
    persons_due = models.PositiveIntegerField(_("persons to file"))
    persons_filed = models.PositiveIntegerField(_("persons filed"))

    class Meta:
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        ordering = ["evaluation", "community__service_area__position", "community__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "community"], name="filing_one_per_community"
            ),
            models.CheckConstraint(
                condition=Q(households_filed__lte=F("households_due"))
                & Q(persons_filed__lte=F("persons_due")),
                name="filing_filed_within_due",
                violation_error_message=_("More filed than should be filed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community}: {self.households_filed}/{self.households_due}"


class ReportedFigures(models.Model):
    """The evaluation's single figures from the self-assessment: continuing education, the
    satisfaction survey and the resources linked."""

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="reported_figures",
    )
    upload = _upload()
    training_required_hours = models.DecimalField(
        _("training hours required"), max_digits=8, decimal_places=1
    )
    training_completed_hours = models.DecimalField(
        _("training hours completed"), max_digits=8, decimal_places=1
    )
    survey_roster = models.PositiveIntegerField(_("service recipients on the roster"))
    survey_surveyed = models.PositiveIntegerField(_("recipients surveyed"))
    survey_satisfaction = models.DecimalField(
        _("overall satisfaction (percent)"), max_digits=5, decimal_places=2
    )
    resources_cash = models.DecimalField(_("cash linked (yuan)"), max_digits=12, decimal_places=2)
    resources_goods = models.DecimalField(
        _("goods linked, at value (yuan)"), max_digits=12, decimal_places=2
    )
    charity_funds = models.DecimalField(
        _("community charity funds raised (yuan)"), max_digits=12, decimal_places=2
    )

    class Meta:
        verbose_name = _("reported figures")
        verbose_name_plural = _("reported figures")
        constraints = [
            models.CheckConstraint(
                condition=Q(survey_surveyed__lte=F("survey_roster")),
                name="figures_surveyed_within_roster",
                violation_error_message=_("More recipients surveyed than on the roster."),
            ),
            models.CheckConstraint(
                condition=Q(survey_satisfaction__gte=0) & Q(survey_satisfaction__lte=100),
                name="figures_satisfaction_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(training_required_hours__gte=0)
                & Q(training_completed_hours__gte=0)
                & Q(resources_cash__gte=0)
                & Q(resources_goods__gte=0)
                & Q(charity_funds__gte=0),
                name="figures_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.evaluation)


class Narrative(models.Model):
    """The station's own account of one part of its work (自评报告)."""

    evaluation = _evaluation("narratives")
    upload = _upload()
    section = models.CharField(
        _("section"), max_length=24, choices=[(s.value, s.label) for s in NARRATIVE_SECTIONS]
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("self-assessment narrative")
        verbose_name_plural = _("self-assessment narratives")
        ordering = ["evaluation", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "section"], name="narrative_one_per_section"
            )
        ]

    def __str__(self) -> str:
        return self.get_section_display()
