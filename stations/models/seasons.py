"""A season (评估批次): one agency's evaluations of one stage, for the stations of one district
whose contracts start in one year, and the due dates its evaluations start from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from stations.deadlines import Defaults
from stations.enums import OrganisationKind, Stage
from stations.models.organisations import Organisation
from stations.models.places import District


class Season(models.Model):
    agency = models.ForeignKey(
        Organisation,
        verbose_name=_("evaluation agency"),
        on_delete=models.PROTECT,
        related_name="seasons",
        limit_choices_to={"kind": OrganisationKind.AGENCY},
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="seasons"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    year = models.PositiveSmallIntegerField(
        _("contract year"), help_text=_("The year the contracts start, e.g. 2024 for 2024—2025.")
    )
    on_site_from = models.DateField(_("on-site visits from"))
    on_site_until = models.DateField(_("on-site visits until"))
    # The due dates of each evaluation of the season, counted from its on-site date (before
    # it: the upload and the experts' answer; after it: the score sheets), from the day the
    # draft is sent (working days) and from the day the report is issued.
    self_assessment_days = models.PositiveSmallIntegerField(
        _("self-assessment due (days before the visit)"), default=7
    )
    acceptance_days = models.PositiveSmallIntegerField(
        _("experts' answer due (days before the visit)"), default=10
    )
    scores_days = models.PositiveSmallIntegerField(
        _("score sheets due (days after the visit)"), default=3
    )
    feedback_working_days = models.PositiveSmallIntegerField(
        _("feedback due (working days after the draft is sent)"), default=5
    )
    rectification_days = models.PositiveSmallIntegerField(
        _("rectification due (days after the report is issued)"), default=30
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["-year", "district__name", "stage", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "district", "stage", "year"],
                name="season_one_per_agency_district_stage_year",
                violation_error_message=_(
                    "The agency already has a season of this stage for this district and year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(on_site_until__gte=F("on_site_from")),
                name="season_visits_end_after_start",
                violation_error_message=_("The visits cannot end before they start."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="season_year_plausible",
                violation_error_message=_("Give the year as four digits, e.g. 2024."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district.name} {self.years} {self.get_stage_display()}"

    @property
    def defaults(self) -> Defaults:
        """What its evaluations' due dates are counted with (``stations.deadlines``)."""
        return Defaults(
            self_assessment_days=self.self_assessment_days,
            acceptance_days=self.acceptance_days,
            scores_days=self.scores_days,
            feedback_working_days=self.feedback_working_days,
            rectification_days=self.rectification_days,
        )

    @property
    def years(self) -> str:
        return f"{self.year}—{self.year + 1}"
