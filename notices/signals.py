"""Every audit event is offered to the notifications as it is recorded (in its transaction)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from notices.services import notify
from stations.models import AuditEntry


@receiver(post_save, sender=AuditEntry, dispatch_uid="notices.notify")
def _notify(sender, instance: AuditEntry, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        notify(entry=instance)
