"""An evaluation cycle of a contract, who is assigned to it, and the audit of what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from stations.enums import (
    ASSIGNABLE_ROLES,
    CURRENT_ASSIGNMENT,
    REPRESENTATIVE_ROLES,
    AssignmentStatus,
    OrganisationKind,
    Stage,
    Status,
)
from stations.models.contracts import Contract
from stations.models.organisations import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class EvaluationQuerySet(models.QuerySet):
    def with_station(self) -> EvaluationQuerySet:
        return self.select_related("contract__station__street__district", "agency", "scheme")


class Evaluation(models.Model):
    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="evaluations"
    )
    agency = models.ForeignKey(
        Organisation,
        verbose_name=_("evaluation agency"),
        on_delete=models.PROTECT,
        related_name="evaluations",
        limit_choices_to={"kind": OrganisationKind.AGENCY},
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    on_site_date = models.DateField(_("on-site date"))
    data_cutoff_date = models.DateField(
        _("data cut-off date"), help_text=_("Figures are reported as of this day.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SETUP
    )
    scheme = models.ForeignKey(
        "scoring.Scheme",
        verbose_name=_("scoring scheme"),
        on_delete=models.PROTECT,
        related_name="evaluations",
        limit_choices_to={"published_at__isnull": False},
    )
    season = models.ForeignKey(
        "stations.Season",
        verbose_name=_("season"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
    )
    # Due dates of its steps (defaulted from the season, editable; see stations/deadlines.py).
    self_assessment_due = models.DateField(_("self-assessment due"), null=True, blank=True)
    acceptance_due = models.DateField(_("experts' answer due"), null=True, blank=True)
    scores_due = models.DateField(_("score sheets due"), null=True, blank=True)
    feedback_working_days = models.PositiveSmallIntegerField(
        _("feedback due (working days after the draft is sent)"), default=5
    )
    rectification_days = models.PositiveSmallIntegerField(
        _("rectification due (days after the report is issued)"), default=30
    )
    remarks = models.TextField(
        _("remarks"),
        blank=True,
        help_text=_("Shown on the evaluation's pages, e.g. what in its data is illustrative."),
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-on_site_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "stage"],
                name="evaluation_one_per_contract_stage",
                violation_error_message=_("This contract already has an evaluation of this stage."),
            ),
            models.CheckConstraint(
                condition=Q(data_cutoff_date__lte=F("on_site_date")),
                name="evaluation_cutoff_not_after_visit",
                violation_error_message=_("The data cut-off cannot be after the on-site date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.year_label} {self.station} {self.get_stage_display()}"

    @property
    def station(self):
        return self.contract.station

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.agency_id and self.agency.kind != OrganisationKind.AGENCY:
            errors["agency"] = _("Choose an evaluation agency.")
        if self.scheme_id and self.scheme.published_at is None:
            errors["scheme"] = _("Choose a published scoring scheme.")
        if self.contract_id and self.data_cutoff_date:
            contract = self.contract
            if not contract.start_date <= self.data_cutoff_date <= contract.end_date:
                errors["data_cutoff_date"] = _(
                    "The data cut-off lies within the contract (%(start)s to %(end)s)."
                ) % {"start": contract.start_date, "end": contract.end_date}
        if errors:
            raise ValidationError(errors)


class AssignmentQuerySet(models.QuerySet):
    def current(self) -> AssignmentQuerySet:
        """Not removed: still pending an expert's answer, or taking part."""
        return self.filter(status__in=Assignment.CURRENT)


class Assignment(models.Model):
    """A person assigned to take part in one evaluation: an expert of the panel, or the
    representative who scores for their party. An expert first accepts, declaring any tie to the
    station or its operator (回避); a declared conflict or an upheld recusal request removes
    them from scoring."""

    Status = AssignmentStatus
    CURRENT = CURRENT_ASSIGNMENT

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=[(r.value, r.label) for r in ASSIGNABLE_ROLES]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    declaration = models.TextField(
        _("declaration of ties"),
        blank=True,
        help_text=_("The expert's declaration of any tie to the station or its operator."),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["evaluation", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "user", "role"], name="assignment_unique_per_role"
            ),
            models.UniqueConstraint(
                fields=["evaluation", "role"],
                condition=Q(role__in=REPRESENTATIVE_ROLES, status__in=CURRENT_ASSIGNMENT),
                name="assignment_one_current_representative",
                violation_error_message=_(
                    "This party already has a representative; withdraw them first."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.evaluation}"

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT


class AuditEntry(models.Model):
    """Who changed what, when. Written by services, never edited."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=40)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"
