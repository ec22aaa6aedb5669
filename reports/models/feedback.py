"""The feedback round on the draft: the parties' objections and the coordinator's answers,
and each party's sign-off."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.enums import FeedbackParty, ObjectionAnswer, SignOffDecision
from reports.models.findings import Finding
from stations.models import Evaluation


class FeedbackRound(models.Model):
    """The draft sent out for feedback; sending it again after revising starts a new round."""

    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="feedback_rounds",
    )
    number = models.PositiveSmallIntegerField(_("round"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("feedback round")
        verbose_name_plural = _("feedback rounds")
        ordering = ["evaluation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "number"], name="round_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} #{self.number}"


class Objection(models.Model):
    """A party's objection (异议) to a finding or a figure of the draft, and the coordinator's
    answer."""

    Answer = ObjectionAnswer

    round = models.ForeignKey(
        FeedbackRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="objections"
    )
    party = models.CharField(_("party"), max_length=12, choices=FeedbackParty.choices)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("finding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objections",
    )
    subject = models.CharField(
        _("about"), max_length=200, blank=True, help_text=_("The figure or passage objected to.")
    )
    reason = models.TextField(_("reason"))
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    answer_text = models.TextField(_("reply"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["round", "raised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="", answered_at__isnull=True)
                | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="objection_answered_at_iff_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.reason[:30]}"


class SignOff(models.Model):
    """A party's last word on a round: no objection (无异议), or an objection that remains."""

    Decision = SignOffDecision

    round = models.ForeignKey(
        FeedbackRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="sign_offs"
    )
    party = models.CharField(_("party"), max_length=12, choices=FeedbackParty.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["round", "party"]
        constraints = [
            models.UniqueConstraint(fields=["round", "party"], name="signoff_one_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.get_decision_display()}"
