"""What was bought: a station's contracts and the operators that ran them, term by term."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stations.models.organisations import Organisation, OrganisationKind
from stations.models.places import Station

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Contract(models.Model):
    """The three-party agreement (三方协议) under which an operator runs a station for a period."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="contracts"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2)
    required_staff = models.PositiveSmallIntegerField(_("required staff"))
    required_certified_staff = models.PositiveSmallIntegerField(_("required certified staff"))

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["station", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="contract_ends_after_start",
                violation_error_message=_("A contract ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="contract_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(required_certified_staff__lte=F("required_staff")),
                name="contract_certified_within_staff",
                violation_error_message=_(
                    "The required certified staff cannot exceed the required staff."
                ),
            ),
            # A station's contracts never overlap: see the migration (NoOverlap).
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.year_label}"

    @property
    def years(self) -> str:
        """2024—2025: the calendar years the contract spans."""
        years = str(self.start_date.year)
        if self.end_date.year != self.start_date.year:
            years += f"—{self.end_date.year}"
        return years

    @property
    def year_label(self) -> str:
        """For the interface: 2024—2025 年度 (in English: Contract year 2024—2025). Documents
        use ``stations.wording.year_label``, Chinese whatever the language."""
        return gettext("Contract year %(years)s") % {"years": self.years}

    def clean(self) -> None:
        if self.start_date and self.end_date and self.station_id:
            overlapping = Contract.objects.filter(
                station_id=self.station_id,
                start_date__lte=self.end_date,
                end_date__gte=self.start_date,
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(
                    _("This period overlaps another contract of the same station.")
                )


class OperatorTerm(models.Model):
    """The part of a contract during which one operator ran the station. The seed's contract had
    two: 广州市明心社会工作服务中心 for a month, then 广州市越秀区穗青社会工作服务中心."""

    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="operator_terms",
    )
    operator = models.ForeignKey(
        Organisation,
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        related_name="operator_terms",
        limit_choices_to={"kind": OrganisationKind.OPERATOR},
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("operator term")
        verbose_name_plural = _("operator terms")
        ordering = ["contract", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="operatorterm_ends_after_start",
                violation_error_message=_("An operator term cannot end before it starts."),
            ),
            # Terms of one contract never overlap: see the migration (NoOverlap).
        ]

    def __str__(self) -> str:
        return f"{self.operator} {self.start_date:%Y-%m-%d}—{self.end_date:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.operator_id and self.operator.kind != OrganisationKind.OPERATOR:
            errors["operator"] = _("Choose an operator.")
        if self.contract_id and self.start_date and self.end_date:
            contract = self.contract
            if self.start_date < contract.start_date or self.end_date > contract.end_date:
                errors["start_date"] = _(
                    "A term lies within its contract (%(start)s to %(end)s)."
                ) % {"start": contract.start_date, "end": contract.end_date}
            elif (
                OperatorTerm.objects.filter(
                    contract_id=self.contract_id,
                    start_date__lte=self.end_date,
                    end_date__gte=self.start_date,
                )
                .exclude(pk=self.pk)
                .exists()
            ):
                errors["start_date"] = _(
                    "This term overlaps another operator term of the contract."
                )
        if errors:
            raise ValidationError(errors)
