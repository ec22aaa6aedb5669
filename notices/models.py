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
    digest = models.BooleanField(_("for the daily e-mail"), default=False)
    mail_error = models.CharField(_("e-mail failed"), max_length=200, blank=True)
    mail_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    next_mail_at = models.DateTimeField(_("next e-mail attempt"), null=True, blank=True)

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

    @property
    def shown_url(self) -> str:
        """The address without its query, where a robot's secret key is."""
        return self.url.split("?")[0] + ("?…" if "?" in self.url else "")


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


class Channel(models.TextChoices):
    """How a person hears of a kind of event, besides the inbox."""

    EMAIL = "email", _("In the inbox and by e-mail at once")
    DIGEST = "digest", _("In the inbox and in a daily e-mail")
    INBOX = "inbox", _("In the inbox only")


class Preference(models.Model):
    """How ``user`` hears of ``action`` (an ``AuditAction``); without a row: by e-mail at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notice_preferences",
    )
    action = models.CharField(_("event"), max_length=40)
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "action"], name="preference_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.action} · {self.channel}"


class Reminder(models.Model):
    """A reminder sent, once per person, step and moment (before the day, on becoming late):
    what makes ``send_reminders`` safe to run twice."""

    class Moment(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        OVERDUE = "overdue", _("On becoming overdue")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("what"), max_length=20)
    moment = models.CharField(_("when"), max_length=10, choices=Moment.choices)
    due = models.DateField(_("due"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "evaluation", "kind", "moment", "due"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.moment}"
