"""A notification: one audit event told to one person who must act on it or should know it
(who, what, when, read or not), and whether its e-mail went out."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import AuditEntry, Evaluation


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("for"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    entry = models.ForeignKey(
        AuditEntry, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    mail_error = models.CharField(_("e-mail failed"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "entry"], name="notification_once_per_event")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.user} · {self.entry.action}"


class Webhook(models.Model):
    """An organisation's work-chat group robot (企业微信群机器人): its events are posted there as a
    text message."""

    organisation = models.OneToOneField(
        "stations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="webhook",
    )
    url = models.URLField(
        _("webhook address"),
        max_length=500,
        help_text=_(
            "The group robot's address, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("work-chat webhook")
        verbose_name_plural = _("work-chat webhooks")

    def __str__(self) -> str:
        return str(self.organisation)


class Delivery(models.Model):
    """One event posted to one organisation's webhook: tried until it is accepted, with growing
    pauses between tries, and every failure recorded."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Given up")

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    entry = models.ForeignKey(
        AuditEntry, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["webhook", "entry"], name="delivery_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.webhook} · {self.entry.action} · {self.status}"
