"""The e-mail of a notification, sent by the task worker after the transaction that made it
commits (the immediate backend runs it at once). A mail that fails is recorded on the
notification and never raised: the action that caused it stands."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django_tasks import task

from evalportal.describe import describe
from notices import webhooks
from notices.models import Delivery, Notification
from stations.models import Membership

log = logging.getLogger(__name__)


def subject_and_body(notification: Notification) -> tuple[str, str]:
    """The mail in Chinese whatever the sender's language: what happened, and the link."""
    with translation.override("zh-hans"):
        evaluation = notification.evaluation
        assert evaluation is not None  # only an evaluation's events are notified
        line = describe(notification.entry, evaluation, notification.user)
        station = evaluation.contract.station
        link = settings.PORTAL_URL + line.link
        subject = f"社工站评估平台：{station}（{evaluation.get_stage_display()}）有新动态"
        body = (
            f"{notification.user}，您好：\n\n{line.sentence}\n"
            + (f"说明：{line.note}\n" if line.note else "")
            + f"\n查看：{link}\n\n此邮件由社工站评估平台自动发送，请勿直接回复。\n"
        )
    return subject, body


@task()
def send_notification_mail(notification_id: int) -> None:
    notification = (
        Notification.objects.select_related(
            "user", "entry", "evaluation__contract__station__street"
        )
        .filter(pk=notification_id, mailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.user.email:
        return
    subject, body = subject_and_body(notification)
    attempts = notification.mail_attempts + 1
    try:
        send_mail(subject, body, None, [notification.user.email])
    except Exception as exc:  # any failure of the channel is recorded, not raised
        log.warning("notification %s: mail failed: %s", notification_id, exc)
        pause = webhooks.BACKOFF[attempts - 1] if attempts <= len(webhooks.BACKOFF) else None
        Notification.objects.filter(pk=notification_id).update(
            mail_error=str(exc)[:200],
            mail_attempts=attempts,
            next_mail_at=timezone.now() + pause if pause else None,
        )
        return
    Notification.objects.filter(pk=notification_id).update(
        mailed_at=timezone.now(), mail_error="", mail_attempts=attempts, next_mail_at=None
    )


def webhook_text(delivery: Delivery) -> str:
    """The group message, in Chinese: the station, what happened, the link."""
    entry = delivery.entry
    evaluation = entry.evaluation
    assert evaluation is not None  # only an evaluation's events are notified
    reader = (
        Membership.objects.filter(organisation=delivery.webhook.organisation)
        .select_related("user")
        .first()
    )
    with translation.override("zh-hans"):
        if reader is None:
            return ""
        line = describe(entry, evaluation, reader.user)
        station = evaluation.contract.station
        link = settings.PORTAL_URL + line.link
        stage = evaluation.get_stage_display()
        return f"【社工站评估平台】{station}（{stage}）：{line.sentence}\n{link}"


@task()
def send_webhook(delivery_id: int) -> None:
    """One try of a delivery still waiting; ``retry_deliveries`` tries again those that failed."""
    delivery = (
        Delivery.objects.select_related(
            "webhook__organisation", "entry__evaluation__contract__station__street"
        )
        .filter(pk=delivery_id, status=Delivery.Status.PENDING)
        .first()
    )
    if delivery is None:
        return
    text = webhook_text(delivery)
    if text:
        webhooks.attempt(delivery, text)
