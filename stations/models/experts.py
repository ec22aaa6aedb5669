"""The agency's expert pool (专家库): what each expert knows, and their ties to the
organisations they worked for or with, which keep them off evaluations of those for two years
after the tie ends (``scoring.draw``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from stations.models.organisations import Organisation, User


class ExpertProfile(models.Model):
    user = models.OneToOneField(
        User, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="expert_profile"
    )
    expertise = models.CharField(
        _("fields of expertise"),
        max_length=200,
        blank=True,
        help_text=_("Separated by “、”, e.g. 社区治理、长者服务."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def fields(self) -> list[str]:
        return [f.strip() for f in self.expertise.replace(",", "、").split("、") if f.strip()]


class ExpertTie(models.Model):
    """An expert worked for or with an organisation (an operator, a street office …), from
    ``started_on`` until ``ended_on`` (open while it lasts)."""

    user = models.ForeignKey(
        User, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="expert_ties"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="expert_ties",
    )
    nature = models.CharField(_("nature of the tie"), max_length=100)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("expert's tie")
        verbose_name_plural = _("experts' ties")
        ordering = ["user", "organisation", "-ended_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="experttie_ends_after_start",
                violation_error_message=_("A tie cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.nature}"

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A tie cannot end before it starts.")})
