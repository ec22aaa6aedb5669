"""Writes of notifications: each audit event told to its recipients, in the transaction that
records it; the e-mails sent after it commits (``notices.tasks``), so a mail that fails never
undoes the action that caused it. Reading marks them read."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notices.models import Channel, Delivery, Notification, Preference, Webhook
from notices.recipients import NO_MAIL, recipients
from notices.tasks import send_notification_mail, send_webhook
from stations.enums import AuditAction
from stations.models import AuditEntry, Membership, Organisation, User
from stations.services import audit_record


def notify(*, entry: AuditEntry) -> list[Notification]:
    """Tell ``entry`` to whoever must act on it or should know it; e-mail those with an
    address once the transaction commits."""
    users = recipients(entry)
    if not users:
        return []
    mailed = entry.action not in NO_MAIL
    chosen = dict(
        Preference.objects.filter(user_id__in=users, action=entry.action).values_list(
            "user_id", "channel"
        )
    )
    created = Notification.objects.bulk_create(
        [
            Notification(
                user_id=u,
                entry=entry,
                evaluation_id=entry.evaluation_id,
                digest=mailed and chosen.get(u) == Channel.DIGEST,
            )
            for u in users
        ],
        ignore_conflicts=True,
    )
    at_once = [u for u in users if mailed and chosen.get(u, Channel.EMAIL) == Channel.EMAIL]
    ids = list(
        Notification.objects.filter(
            entry=entry, user_id__in=at_once, user__email__gt=""
        ).values_list("pk", flat=True)
    )
    if ids:
        transaction.on_commit(lambda: [send_notification_mail.enqueue(pk) for pk in ids])
    if not mailed or entry.evaluation_id is None:  # a group hears of its evaluations' events
        return created
    organisations = Membership.objects.filter(user_id__in=users).values("organisation_id")
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(webhook=w, entry=entry)
            for w in Webhook.objects.filter(organisation_id__in=organisations, active=True)
        ],
        ignore_conflicts=True,
    )
    if deliveries:
        pending = list(Delivery.objects.filter(entry=entry).values_list("pk", flat=True))
        transaction.on_commit(lambda: [send_webhook.enqueue(pk) for pk in pending])
    return created


def notifications_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark ``user``'s notifications read (those of ``ids``, or all); how many were unread."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def webhook_set(*, organisation: Organisation, url: str, by: User) -> Webhook | None:
    """Set ``organisation``'s work-chat webhook (an empty address removes it); audited without
    the address's key."""
    url = url.strip()
    current = Webhook.objects.filter(organisation=organisation).first()
    if not url:
        if current is not None:
            current.delete()
            audit_record(
                actor=by,
                action=AuditAction.WEBHOOK_SET,
                changes={"organisation": str(organisation)},
            )
        return None
    allowed = ("https://", "http://") if settings.WEBHOOK_ALLOW_HTTP else ("https://",)
    if not url.startswith(allowed):
        raise ValidationError(
            {"url": _("A work-chat webhook address starts with https://.")}, code="https"
        )
    webhook = current or Webhook(organisation=organisation)
    webhook.url, webhook.active = url, True
    webhook.full_clean()
    webhook.save()
    audit_record(
        actor=by,
        action=AuditAction.WEBHOOK_SET,
        changes={"organisation": str(organisation), "url": url.split("?")[0]},
    )
    return webhook


@transaction.atomic
def preferences_set(*, user: User, channels: dict[str, str]) -> None:
    """How ``user`` hears of each kind of event (``AuditAction`` value → ``Channel``)."""
    for action, channel in channels.items():
        if channel not in Channel.values:
            raise ValidationError(_("Choose how you hear of it."), code="channel")
        Preference.objects.update_or_create(user=user, action=action, defaults={"channel": channel})
