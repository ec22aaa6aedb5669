"""Writes of notifications: each audit event told to its recipients, in the transaction that
records it; the e-mails sent after it commits (``notices.tasks``), so a mail that fails never
undoes the action that caused it. Reading marks them read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from notices.models import Notification
from notices.recipients import recipients
from notices.tasks import send_notification_mail
from stations.models import AuditEntry, User


def notify(*, entry: AuditEntry) -> list[Notification]:
    """Tell ``entry`` to whoever must act on it or should know it; e-mail those with an
    address once the transaction commits."""
    users = recipients(entry)
    if not users:
        return []
    created = Notification.objects.bulk_create(
        [Notification(user_id=u, entry=entry, evaluation_id=entry.evaluation_id) for u in users],
        ignore_conflicts=True,
    )
    ids = list(
        Notification.objects.filter(entry=entry, user__email__gt="").values_list("pk", flat=True)
    )
    if ids:
        transaction.on_commit(lambda: [send_notification_mail.enqueue(pk) for pk in ids])
    return created


def notifications_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark ``user``'s notifications read (those of ``ids``, or all); how many were unread."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
