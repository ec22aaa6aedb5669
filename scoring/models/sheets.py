"""The score sheets the parties fill in, every change to them, and recusal requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scoring.enums import Party, RecusalDecision, SheetStatus
from scoring.models.schemes import SheetItem
from stations.models import Assignment, Evaluation


class ScoreSheet(models.Model):
    """One scorer's sheet in one evaluation: an expert's, or the representative's of a party.
    ``version`` grows with every save, so a save from a stale page is detected."""

    Status = SheetStatus

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.PROTECT, related_name="sheets"
    )
    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="sheet"
    )
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["evaluation", "party", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=SheetStatus.DRAFT, submitted_at__isnull=True)
                | Q(status=SheetStatus.SUBMITTED, submitted_at__isnull=False),
                name="sheet_submitted_at_iff_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.get_party_display()} · {self.assignment.user}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ItemScore(models.Model):
    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(
        SheetItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="scores"
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["sheet", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "item"], name="itemscore_one_per_item"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0),
                name="itemscore_points_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.points}"


class ScoreChange(models.Model):
    """One change to one item of a sheet: who, when, from what to what."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="changes"
    )
    item = models.ForeignKey(
        SheetItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    old_points = models.DecimalField(
        _("old points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    new_points = models.DecimalField(
        _("new points"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    old_comment = models.TextField(_("old comment"), blank=True)
    new_comment = models.TextField(_("new comment"), blank=True)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["-changed_at", "pk"]  # newest save first, each save in sheet order

    def __str__(self) -> str:
        return f"{self.item}: {self.old_points} → {self.new_points}"


class RecusalRequest(models.Model):
    """The station asks that an expert not score it (回避); the coordinator decides."""

    Decision = RecusalDecision

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="recusal_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        verbose_name = _("recusal request")
        verbose_name_plural = _("recusal requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(decision=RecusalDecision.PENDING),
                name="recusal_one_pending_per_assignment",
                violation_error_message=_("A request about this expert is already pending."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment.user} · {self.get_decision_display()}"
